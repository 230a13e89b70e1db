"""A large .xlsx workbook read row by row from its XML, so that memory stays flat however many
rows it has.

calamine reads a whole sheet into memory before the first row is seen: fast, but a return of
200,000 audits would be held whole while it is checked. A workbook with a sheet whose XML unpacks
to more than `STREAM_FROM` bytes is read here instead, every sheet of it, row by row, giving the
same rows and values calamine gives (the tests hold the two to the same output): text, numbers as
floats, true and false, dates and times by the cell's number format (a `date`, `datetime`, `time`
or `timedelta`), an error result as a blank, and a formula's last result. The workbook's shared
strings (where Excel keeps the text of its cells) are held in memory up to a limit and kept in a
private database on disk past it (`SharedStrings`); the rows are never all in memory.

The archive has been checked (`archive.check_archive`) before anything here opens it, so no part
declares a document type.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import sqlite3
import zipfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import IO, Any
from xml.etree.ElementTree import Element, fromstring, iterparse

STREAM_FROM = 64 * 1024 * 1024
"""A workbook with a sheet whose XML unpacks to more bytes than this is read row by row."""

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_OFFICE_RELS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PACKAGE_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_CELL, _ROW, _VALUE, _TEXT = f"{_MAIN}c", f"{_MAIN}row", f"{_MAIN}v", f"{_MAIN}t"
_INLINE, _RUN, _ITEM = f"{_MAIN}is", f"{_MAIN}r", f"{_MAIN}si"
_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_XML_SPACE = " \t\r\n"
_REF = re.compile(r"([A-Z]+)(\d+)")
_MERGED = re.compile(rb"<(?:\w+:)?mergeCell\s[^>]*?ref=\"([A-Z]+\d+):([A-Z]+\d+)\"")
_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")
# Excel's own number formats that show a date or a time, and the one that shows a duration.
_DATE_FORMATS = frozenset({14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 47})
_DURATION_FORMATS = frozenset({46})
_EPOCH = dt.datetime(1899, 12, 30)
_EPOCH_1904 = dt.datetime(1904, 1, 1)


def _unescape(text: str) -> str:
    """OOXML writes characters XML cannot hold as `_xHHHH_` ("_x000D_" is a carriage return); one
    that names no character (half of a surrogate pair) is left as written, as calamine leaves it."""
    return _ESCAPED.sub(_character, text) if "_x" in text else text


def _character(found: re.Match[str]) -> str:
    code = int(found.group(1), 16)
    return found.group(0) if 0xD800 <= code <= 0xDFFF else chr(code)


def _column(letters: str) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index - 1


def _format_kind(code: str) -> str | None:
    """Whether a number format shows a duration ("[h]:mm"), a date or time, or neither."""
    plain = re.sub(r'"[^"]*"|\\.|_.|\*.', "", code)
    if re.search(r"\[(?:h+|m+|s+)\]", plain, re.IGNORECASE):
        return "duration"
    plain = re.sub(r"\[[^\]]*\]", "", plain).lower()
    return "date" if re.search(r"[dmyhs]", plain) else None


def largest_sheet(path: Path) -> int:
    """How many bytes the largest worksheet of a workbook unpacks to, from the archive's list of
    its parts (nothing is unpacked)."""
    with zipfile.ZipFile(path) as archive:
        return max((info.file_size for info in archive.infolist()
                    if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml")),
                   default=0)


class XlsxParts:
    """Where a workbook's sheets, shared strings and styles are, and how its dates count."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.archive = archive
        self.names = {info.filename: info for info in archive.infolist()}
        book = self._xml("xl/workbook.xml")
        related = self._relationships("xl/_rels/workbook.xml.rels", "xl")
        by_id = {rel_id: target for rel_id, _, target in related}
        by_type = {kind.rsplit("/", 1)[-1]: target for _, kind, target in related}
        self.sheets: dict[str, str] = {}
        for sheet in book.iter(f"{_MAIN}sheet"):
            target = by_id.get(sheet.get(f"{_OFFICE_RELS}id") or "")
            if target is not None:
                self.sheets[sheet.get("name") or ""] = target
        pr = book.find(f"{_MAIN}workbookPr")
        self.date1904 = pr is not None and (pr.get("date1904") or "").lower() in ("1", "true")
        self.shared = by_type.get("sharedStrings")
        self.styles = by_type.get("styles")

    def _xml(self, name: str) -> Element:
        return fromstring(self.archive.read(name))

    def _relationships(self, name: str, base: str) -> list[tuple[str, str, str]]:
        """A relationships part's (id, type, target part) for each relationship."""
        if name not in self.names:
            return []
        return [(rel.get("Id") or "", rel.get("Type") or "", _target(base, rel.get("Target") or ""))
                for rel in self._xml(name).iter(f"{_PACKAGE_RELS}Relationship")]

    def formats(self) -> list[str | None]:
        """For each cell style, whether its number format shows a date, a duration or neither."""
        if self.styles is None or self.styles not in self.names:
            return []
        styles = self._xml(self.styles)
        custom = {int(f.get("numFmtId") or -1): f.get("formatCode") or ""
                  for f in styles.iter(f"{_MAIN}numFmt")}
        kinds: list[str | None] = []
        xfs = styles.find(f"{_MAIN}cellXfs")
        for xf in xfs.iter(f"{_MAIN}xf") if xfs is not None else ():
            number = int(xf.get("numFmtId") or 0)
            if number in custom:
                kinds.append(_format_kind(custom[number]))
            elif number in _DATE_FORMATS:
                kinds.append("date")
            elif number in _DURATION_FORMATS:
                kinds.append("duration")
            else:
                kinds.append(None)
        return kinds

    def shared_strings(self) -> SharedStrings:
        strings = SharedStrings()
        if self.shared is None or self.shared not in self.names:
            return strings
        with self.archive.open(self.shared) as part:
            items = None
            for event, element in iterparse(part, events=("start", "end")):
                if event == "start":
                    if element.tag == f"{_MAIN}sst":
                        items = element
                elif element.tag == _ITEM:
                    strings.append(_text_of(element))
                    if items is not None:
                        items.clear()
        return strings


class SharedStrings:
    """A workbook's shared strings (where Excel keeps the text of its cells), by number. The
    first `HELD` characters' worth are held in memory; the rest go to a private SQLite database
    on disk (`sqlite3.connect("")`: it has no name and is removed when closed), so that a
    workbook saved by Excel is read in the same memory however much text it holds."""

    HELD = 32 * 1024 * 1024

    def __init__(self) -> None:
        self.memory: list[str] = []
        self.characters = 0
        self.database: sqlite3.Connection | None = None
        self.count = 0

    def append(self, text: str) -> None:
        if self.database is None and self.characters + len(text) <= self.HELD:
            self.memory.append(text)
            self.characters += len(text)
        else:
            if self.database is None:
                self.database = sqlite3.connect("")
                self.database.execute("CREATE TABLE string (number INTEGER PRIMARY KEY, text TEXT)")
            self.database.execute("INSERT INTO string VALUES (?, ?)", (self.count, text))
        self.count += 1

    def __len__(self) -> int:
        return self.count

    def __getitem__(self, number: int) -> str:
        if not 0 <= number < self.count:
            raise IndexError(number)
        if number < len(self.memory):
            return self.memory[number]
        assert self.database is not None
        found = self.database.execute("SELECT text FROM string WHERE number = ?", (number,)).fetchone()
        return str(found[0])


def _target(base: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    parts: list[str] = []
    for part in PurePosixPath(base, target).parts:
        if part == "..":
            if parts:
                parts.pop()
        elif part != ".":
            parts.append(part)
    return "/".join(parts)


def _text_of(element: Element) -> str:
    """A string item's text: its own `t`, or its runs' (phonetic guides left out). A `t` not
    marked to keep its spaces loses those at its ends, as Excel and calamine read it."""
    pieces: list[str] = []
    for child in element:
        if child.tag == _TEXT:
            pieces.append(_kept(child))
        elif child.tag == _RUN:
            pieces += [_kept(t) for t in child if t.tag == _TEXT]
    return _unescape("".join(pieces))


def _kept(text: Element) -> str:
    value = text.text or ""
    return value if text.get(_SPACE) == "preserve" else value.strip(_XML_SPACE)


class Book:
    """What every sheet of a workbook is read with: where its sheets are, its number formats,
    its shared strings and how its dates count (read once, for all its large sheets)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        with zipfile.ZipFile(path) as archive:
            parts = XlsxParts(archive)
            self.sheets = dict(parts.sheets)
            self.formats = parts.formats()
            self.strings = parts.shared_strings()
            self.epoch = _EPOCH_1904 if parts.date1904 else _EPOCH


class SheetStream:
    """One sheet's rows, as calamine would give them (see the module's note)."""

    def __init__(self, book: Book, sheet: str) -> None:
        self.book = book
        self.sheet = sheet
        self.part = book.sheets[sheet]

    def _open(self) -> tuple[zipfile.ZipFile, IO[bytes]]:
        archive = zipfile.ZipFile(self.book.path)
        return archive, archive.open(self.part)

    def _cells(self) -> Iterator[tuple[int, int, Any]]:
        """(row, column, value) for each cell that holds a value, counted from 0."""
        archive, part = self._open()
        try:
            row, column, rows = -1, -1, None
            for event, element in iterparse(part, events=("start", "end")):
                tag = element.tag
                if event == "start":
                    if tag == _ROW:
                        number = element.get("r")
                        row = int(number) - 1 if number and number.isdigit() else row + 1
                        column = -1
                    elif tag == f"{_MAIN}sheetData":
                        rows = element
                    continue
                if tag == _CELL:
                    ref = element.get("r")
                    found = _REF.fullmatch(ref) if ref else None
                    if found is not None:
                        column, row = _column(found.group(1)), int(found.group(2)) - 1
                    else:
                        column += 1
                    value = self._value(element)
                    if value is not None:
                        yield row, column, value
                elif tag == _ROW and rows is not None:
                    rows.clear()  # the rows read so far, let go
        finally:
            part.close()
            archive.close()

    def merged_ranges(self) -> list[tuple[tuple[int, int], tuple[int, int]]]:
        """The sheet's merged ranges, as ((first row, first column), (last row, last column))
        counted from 0. They come after the rows in the sheet's XML, so this unpacks the part to
        its end without parsing the rows (a fraction of the time reading them takes)."""
        end = b"</sheetData>"
        tail = b""
        archive, part = self._open()
        try:
            found = False
            while chunk := part.read(1 << 20):
                if found:
                    tail += chunk
                    continue
                window = tail[-len(end):] + chunk
                at = window.find(end)
                if at >= 0:
                    found, tail = True, window[at:]
                else:
                    tail = window[-len(end):]
        finally:
            part.close()
            archive.close()
        ranges = []
        for first, last in _MERGED.findall(tail if found else b""):
            a, b = _REF.fullmatch(first.decode()), _REF.fullmatch(last.decode())
            if a and b:
                ranges.append(((int(a.group(2)) - 1, _column(a.group(1))),
                               (int(b.group(2)) - 1, _column(b.group(1)))))
        return ranges

    def _value(self, cell: Element) -> Any:
        kind = cell.get("t") or "n"
        if kind == "inlineStr":
            inline = cell.find(_INLINE)
            return _text_of(inline) if inline is not None else None
        raw_element = cell.find(_VALUE)
        if raw_element is None:
            return None
        raw = raw_element.text or ""
        if kind == "str":
            return _unescape(raw)
        if kind == "e":
            return ""  # an error result (#N/A, #DIV/0!) reads as a blank, as calamine gives it
        if not raw:
            return None
        if kind == "s":
            strings = self.book.strings
            index = int(raw) if raw.isdecimal() else -1
            if not 0 <= index < len(strings):
                raise ValueError(f"a cell refers to shared text number {raw}, which the workbook "
                                 "does not have")
            return strings[index]
        if kind == "b":
            return raw not in ("0", "false")
        if kind == "d":
            return _iso(raw)
        if raw != raw.strip() or "_" in raw:
            return raw  # not a number as calamine reads one: the text as written
        try:
            number = float(raw)
        except ValueError:
            return raw
        formats = self.book.formats
        style = int(cell.get("s") or 0)
        shown = formats[style] if 0 <= style < len(formats) else None
        if shown is None or not math.isfinite(number):
            return number
        if shown == "date":
            return self._date(number)
        try:
            return dt.timedelta(milliseconds=round(number * 86_400_000))
        except OverflowError:
            return number  # past what a duration can hold: the number itself

    def _date(self, days: float) -> Any:
        """A serial day number as calamine reads it: below 1, a time of day (below 0, its part of
        a day); a whole number of days, a date; else a date and time, to the millisecond. In the
        1900 system days before 1 March 1900 count one more, for the 29 February 1900 that Excel
        counts and the calendar does not. Past the year 9999, the number itself."""
        if days < 1:
            return (_EPOCH + dt.timedelta(milliseconds=round((days - math.floor(days)) * 86_400_000))).time()
        if self.book.epoch == _EPOCH and days < 60:
            days += 1
        try:
            moment = self.book.epoch + dt.timedelta(milliseconds=round(days * 86_400_000))
        except OverflowError:
            return days
        return moment.date() if moment.time() == dt.time(0) else moment

    def rows(self) -> Iterator[list[Any]]:
        """Every row from the first of the sheet to the last that holds a value, each from
        column A to its last cell that holds one, blanks as "" (a blank row is []). The merged
        ranges are in `merged` once the rows are read."""
        current = 0
        row_values: list[Any] = []
        for row, column, value in self._cells():
            while row > current:
                yield row_values
                row_values = []
                current += 1
            if column >= len(row_values):
                row_values += [""] * (column + 1 - len(row_values))
            row_values[column] = value
        if row_values:
            yield row_values


def _iso(text: str) -> Any:
    try:
        moment = dt.datetime.fromisoformat(text.strip().rstrip("Z"))
    except ValueError:
        return text
    return moment.date() if moment.time() == dt.time(0) and "T" not in text else moment


__all__ = ["STREAM_FROM", "Book", "SharedStrings", "SheetStream", "XlsxParts", "largest_sheet"]
