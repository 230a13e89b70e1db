"""Sheets of a workbook, or CSV files, as tables of rows with their Excel row numbers.

Readers above this know nothing of file formats: they get headers, column letters and rows.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InputError
from ..limits import DEFAULT_LIMITS, Limits
from .archive import check_archive

if TYPE_CHECKING:
    from .xlsx_stream import Book

MAX_CELL = DEFAULT_LIMITS.cell
"""Excel's own limit on the characters in a cell; longer text is refused, row by row."""


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def clean(value: Any) -> Any:
    """A cell's value as a form field wants it: blank is None, 3.0 is 3, text is stripped."""
    if value is None:
        return None
    if isinstance(value, str):
        stripped = value.strip()
        return stripped or None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dt.time | dt.timedelta):
        return str(value)
    return value


@dataclass
class Table:
    """One sheet (or CSV file): its headers, where they are, and its rows."""

    file: Path
    sheet: str | None
    header_row: int
    headers: list[str]
    rows: Iterable[tuple[int, list[Any]]]
    """(Excel row number, values) below the header row; read once, as they are needed."""
    merged: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"sheet '{self.sheet}'" if self.sheet is not None else f"file {self.file.name}"

    def cell(self, row: int, column: int) -> str:
        ref = f"{column_letter(column)}{row}"
        return f"{self.sheet}!{ref}" if self.sheet is not None else ref

    def column_of(self, header: str) -> int | None:
        wanted = _norm(header)
        for index, name in enumerate(self.headers):
            if _norm(name) == wanted:
                return index
        return None


def _norm(header: str) -> str:
    return " ".join(header.split()).casefold()


class Workbook(ABC):
    """Sheets by name, read on demand."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @property
    @abstractmethod
    def sheet_names(self) -> list[str]:
        """The names of the sheets, in order."""

    @abstractmethod
    def table(self, sheet: str, header_row: int | None = None) -> Table:
        """One sheet as a table; headers on `header_row`, or the first row that is not blank."""

    def find_sheet(self, wanted: str) -> str | None:
        """The sheet whose name matches, ignoring case and spacing."""
        for name in self.sheet_names:
            if _norm(name) == _norm(wanted):
                return name
        return None


class XlsxWorkbook(Workbook):
    """An .xlsx workbook, read by calamine; one with a sheet too large to hold whole is read
    row by row from its XML instead (`xlsx_stream`), every sheet of it, with the same values."""

    def __init__(self, path: Path, limits: Limits = DEFAULT_LIMITS) -> None:
        super().__init__(path)
        import python_calamine

        from . import xlsx_stream

        check_archive(path, "xlsx", limits)  # before calamine: no zip or entity bomb reaches it

        self._book: Any = None
        self._stream_book: xlsx_stream.Book | None = None
        try:
            if xlsx_stream.largest_sheet(path) > xlsx_stream.STREAM_FROM:
                self._stream_book = xlsx_stream.Book(path)
            else:
                self._book = python_calamine.CalamineWorkbook.from_path(str(path))
        except Exception as exc:  # calamine raises its own error types for every kind of bad file
            raise InputError(f"{path}: cannot read this workbook ({_plain(exc)}); is it an Excel "
                             ".xlsx file that is not password-protected?") from None

    @property
    def sheet_names(self) -> list[str]:
        if self._stream_book is not None:
            return list(self._stream_book.sheets)
        return list(self._book.sheet_names)

    def table(self, sheet: str, header_row: int | None = None) -> Table:
        if self._stream_book is not None:
            return self._streamed(sheet, self._stream_book, header_row)
        try:
            data = self._book.get_sheet_by_name(sheet)
            merged_ranges = getattr(data, "merged_cell_ranges", None) or []
            start = data.start
            cells = data.iter_rows()
        except Exception as exc:
            raise self._unreadable(sheet, exc) from None
        # Rows come one at a time (the sheet is not turned into Python values all at once); they
        # start at the first row but at the first column that holds something, so pad them.
        pad = [""] * (start[1] if start else 0)
        rows = (pad + row if pad else row for row in cells)
        # calamine raises its own error types, and OverflowError for a value Python cannot hold
        return _table(self.path, sheet, self._guarded(sheet, rows, Exception), header_row,
                      _merged_refs(merged_ranges))

    def _streamed(self, sheet: str, book: Book, header_row: int | None) -> Table:
        """A sheet read row by row from its XML (each row from column A)."""
        import zipfile
        from xml.etree.ElementTree import ParseError

        from . import xlsx_stream

        failures = (KeyError, ValueError, ParseError, zipfile.BadZipFile, OSError)
        try:
            stream = xlsx_stream.SheetStream(book, sheet)
            merged = _merged_refs(stream.merged_ranges())
        except failures as exc:
            raise self._unreadable(sheet, exc) from None
        return _table(self.path, sheet, self._guarded(sheet, stream.rows(), failures), header_row, merged)

    def _guarded(self, sheet: str, rows: Iterable[list[Any]],
                 failures: type[Exception] | tuple[type[Exception], ...]) -> Iterator[list[Any]]:
        """The rows, with a failure while reading them turned into a plain error naming the sheet."""
        try:
            yield from rows
        except failures as exc:
            raise self._unreadable(sheet, exc) from None

    def _unreadable(self, sheet: str, exc: Exception) -> InputError:
        from xml.etree.ElementTree import ParseError

        if isinstance(exc, OverflowError):
            why = "a cell holds a number too large to read as a date, a time or a duration"
        elif isinstance(exc, ParseError):
            why = f"its XML is damaged: {_plain(exc)}"
        else:
            why = _plain(exc)
        return InputError(f"{self.path}: cannot read sheet '{sheet}' ({why})")

    def grid(self, sheet: str, limit: int | None = None
             ) -> tuple[list[list[Any]], list[tuple[int, int, int, int]]]:
        """A sheet's cells as rows from row 1 and column A (at most `limit` rows), and its merged
        ranges as (first row, first column, last row, last column), counted from 0."""
        try:
            if self._book is None:  # a pro forma's grid is small: calamine reads it
                import python_calamine

                self._book = python_calamine.CalamineWorkbook.from_path(str(self.path))
            data = self._book.get_sheet_by_name(sheet)
            merged_ranges = getattr(data, "merged_cell_ranges", None) or []
            start = data.start
            rows: list[list[Any]] = []
            for row in data.iter_rows():
                rows.append(row)
                if limit is not None and len(rows) >= limit:
                    break
        except Exception as exc:
            raise InputError(f"{self.path}: cannot read sheet '{sheet}' ({_plain(exc)})") from None
        pad = [""] * (start[1] if start else 0)
        merged = [(r1, c1, r2, c2) for (r1, c1), (r2, c2) in merged_ranges]
        return [pad + row for row in rows], merged


class CsvWorkbook(Workbook):
    """A CSV file is one sheet, named after the file; other "sheets" are CSV files beside it."""

    def __init__(self, path: Path, limits: Limits = DEFAULT_LIMITS) -> None:
        super().__init__(path)
        self.limits = limits

    @property
    def sheet_names(self) -> list[str]:
        return [p.stem for p in sorted(self.path.parent.glob("*.csv"))]

    def find_sheet(self, wanted: str) -> str | None:
        candidates = [wanted, Path(wanted).stem]
        for path in sorted(self.path.parent.glob("*.csv")):
            if any(_norm(path.stem) == _norm(c) or _norm(path.name) == _norm(c) for c in candidates):
                return path.stem
        return None

    def table(self, sheet: str, header_row: int | None = None) -> Table:
        path = self.path if sheet == self.path.stem else self.path.parent / f"{sheet}.csv"
        text = _decode(path, self.limits)
        # A longer cell is read, then refused by its row (a CSV quote left open reads as one).
        csv.field_size_limit(max(self.limits.cell * 8, 1 << 20))
        sample = text[:8192]
        dialect: Any = csv.excel
        try:
            # Only the delimiter is taken from a guess: on a few rows the guess can take a
            # doubled quote ("a ""quoted"" word", as spreadsheet programs write it) for two.
            delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
            dialect = type("Sniffed", (csv.excel,), {"delimiter": delimiter})
        except csv.Error:
            pass
        try:
            rows = [list(row) for row in csv.reader(io.StringIO(text, newline=""), dialect)]
        except csv.Error as exc:
            raise InputError(f"{path}: not a readable CSV file ({exc})") from None
        return _table(path, None, rows, header_row, [])


def _decode(path: Path, limits: Limits) -> str:
    size = path.stat().st_size
    if size > limits.text_file:
        raise InputError(f"{path}: the file is {size:,} bytes, more than the {limits.text_file:,} "
                         "allowed (limits.text_file)")
    data = path.read_bytes()
    if b"\0" in data:
        line = data[: data.index(b"\0")].count(b"\n") + 1
        raise InputError(f"{path}: line {line} holds a NUL byte, which a CSV file never does; "
                         "is it really a CSV file?")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _table(path: Path, sheet: str | None, rows: Iterable[list[Any]], header_row: int | None,
           merged: list[str]) -> Table:
    """The header row (given, or the first row that is not blank) and the rows below it."""
    numbered = enumerate(rows, start=1)
    header_values: list[Any] | None = None
    for number, row in numbered:
        if (header_row is None and any(clean(v) is not None for v in row)) or number == header_row:
            header_row, header_values = number, row
            break
    if header_values is None or header_row is None:
        return Table(path, sheet, header_row or 1, [], [], merged)
    headers = [str(clean(v) or "") for v in header_values]
    while headers and not headers[-1]:
        headers.pop()
    return Table(path, sheet, header_row, headers, numbered, merged)


def _merged_refs(ranges: Iterable[tuple[tuple[int, int], tuple[int, int]]]) -> list[str]:
    """Merged ranges ((first row, first column), (last row, last column)), counted from 0, as
    Excel writes them ("C40:D40")."""
    return [f"{column_letter(c1)}{r1 + 1}:{column_letter(c2)}{r2 + 1}" for (r1, c1), (r2, c2) in ranges]


def _plain(exc: Exception) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:200]


def open_workbook(path: Path, limits: Limits = DEFAULT_LIMITS) -> Workbook:
    """The workbook (or CSV file) at `path`, refused with InputError if it is past `limits`."""
    if path.suffix.lower() == ".csv":
        return CsvWorkbook(path, limits)
    return XlsxWorkbook(path, limits)


__all__ = ["MAX_CELL", "Table", "Workbook", "clean", "column_letter", "open_workbook"]
