"""Audit returns in Excel (.xlsx) or CSV: one row per audit on a main sheet, lists on child
sheets joined by audit id or in numbered columns, mapped to the canonical pro forma.

Every field keeps the cell it came from, so a finding can say `Audits!H17`.
"""

from __future__ import annotations

import datetime as dt
import marshal
import re
import sqlite3
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from ..dsl import types as t
from ..errors import InputError, did_you_mean
from ..hookspecs import hookimpl
from ..models import Location
from ..patterns import compiled
from . import RawForm, Reader, ReadOptions, ReadProblem
from .form_mapping import FormMapping
from .mapping import ID_PATH, LIST_PATHS, ListMapping, SheetMapping, numbered_pattern
from .tables import Table, Workbook, XlsxWorkbook, clean, column_letter, open_workbook

_LIST_SPLIT = compiled(r"\s*[;\n]\s*")
_CANONICAL_NUMBERED = compiled(r"^([a-z_.]+?)(?:\.(\d+)\.|\[(\d+)\]\.)([a-z_]+)$")
_SECTION = compiled(r"^sections\.([a-z][a-z0-9_]*)\.([a-z_]+)$")


_Cell = tuple[str, str | None, int, int, str]  # file, sheet, row, column index, header
_Item = tuple[dict[str, Any], dict[str, _Cell]]  # a child row's values, and the cell of each


def _plain(value: Any) -> Any:
    """A cell's value as marshal stores it: a date or time as a tagged tuple (no cell is a tuple)."""
    if isinstance(value, dt.datetime):
        return ("datetime", value.isoformat())
    if isinstance(value, dt.date):
        return ("date", value.isoformat())
    return value


def _unplain(value: Any) -> Any:
    if isinstance(value, tuple):
        kind, text = value
        return dt.datetime.fromisoformat(text) if kind == "datetime" else dt.date.fromisoformat(text)
    return value


class _ChildRows:
    """The rows of a return's child sheets (plan targets, recommendations...), by list and audit
    id, until the audit's own row takes them.

    The first LIMIT rows are held in memory, as before; past that they go to a private SQLite
    database on disk (`sqlite3.connect("")`: it has no name and is removed when closed), so a
    return of any size is joined in the same memory. Rows come back in the order they were read.
    """

    LIMIT = 20_000

    def __init__(self) -> None:
        self.memory: dict[tuple[str, str], list[_Item]] = {}
        self.held = 0
        self.stored = 0
        self.database: sqlite3.Connection | None = None

    def add(self, path: str, audit_id: str, item: _Item) -> None:
        if self.held < self.LIMIT:
            self.memory.setdefault((path, audit_id), []).append(item)
            self.held += 1
            return
        if self.database is None:
            self.database = sqlite3.connect("")
            self.database.execute("CREATE TABLE item (path TEXT, audit TEXT, seq INTEGER, data BLOB)")
            self.database.execute("CREATE INDEX item_key ON item (path, audit, seq)")
        values, cells = item
        data = marshal.dumps(({k: _plain(v) for k, v in values.items()}, cells))
        self.database.execute("INSERT INTO item VALUES (?, ?, ?, ?)", (path, audit_id, self.stored, data))
        self.stored += 1

    def _stored(self, path: str, audit_id: str) -> list[_Item]:
        if self.database is None:
            return []
        found = self.database.execute("SELECT data FROM item WHERE path = ? AND audit = ? ORDER BY seq",
                                      (path, audit_id)).fetchall()
        if not found:
            return []
        self.database.execute("DELETE FROM item WHERE path = ? AND audit = ?", (path, audit_id))
        items = []
        for (data,) in found:
            values, cells = marshal.loads(data)
            items.append(({k: _unplain(v) for k, v in values.items()}, cells))
        return items

    def take(self, path: str, audit_id: str) -> list[_Item]:
        """The rows of list `path` for an audit, in order; they are then no longer held."""
        held = self.memory.pop((path, audit_id), [])
        return held + self._stored(path, audit_id)

    def left(self) -> Iterator[tuple[str, str, _Item]]:
        """The rows no audit took: each list and audit id in the order first read, its rows in order."""
        keys = list(self.memory)
        if self.database is not None:
            seen = set(keys)
            for path, audit_id in self.database.execute(
                    "SELECT path, audit FROM item GROUP BY path, audit ORDER BY MIN(seq)"):
                if (path, audit_id) not in seen:
                    keys.append((path, audit_id))
        for path, audit_id in keys:
            for item in self.take(path, audit_id):
                yield path, audit_id, item

    def close(self) -> None:
        if self.database is not None:
            self.database.close()
            self.database = None


class CellLocations(Mapping[str, Location]):
    """Where each field of one form was read: built into Locations only when a finding asks, each
    once (the findings at one cell share it)."""

    def __init__(self, cells: dict[str, _Cell]) -> None:
        self.cells = cells
        self.built: dict[str, Location] = {}

    def __getitem__(self, path: str) -> Location:
        found = self.built.get(path)
        if found is None:
            file, sheet, row, column, header = self.cells[path]
            letter = column_letter(column)
            ref = f"{sheet}!{letter}{row}" if sheet is not None else f"{letter}{row}"
            found = self.built[path] = Location(file=file, sheet=sheet, row=row, column=letter,
                                                header=header, cell=ref)
        return found

    def __contains__(self, path: object) -> bool:
        return path in self.cells

    def __iter__(self) -> Iterator[str]:
        return iter(self.cells)

    def __len__(self) -> int:
        return len(self.cells)


@dataclass
class _Columns:
    """Which column holds what on one table."""

    id: int | None = None
    fields: dict[str, int] = field(default_factory=dict)            # path -> column
    sections: dict[str, dict[str, int]] = field(default_factory=dict)  # name -> field -> column
    numbered: dict[str, dict[int, dict[str, int]]] = field(default_factory=dict)  # list -> n -> field


class SpreadsheetReader(Reader):
    name = "xlsx"
    suffixes: ClassVar[tuple[str, ...]] = (".xlsx", ".xlsm")
    description = "An audit return in Excel: one row per audit, lists on child sheets or numbered columns."

    def read(self, path: Path, options: ReadOptions | None = None) -> Iterator[RawForm | ReadProblem]:
        options = options or ReadOptions()
        book = open_workbook(path, options.limits)
        if isinstance(options.mapping, FormMapping) or options.mapping is None:
            form = self._as_form(path, book, options.mapping, options)
            if form is not None:
                return form
        mapping = options.mapping if isinstance(options.mapping, SheetMapping) else SheetMapping()
        return _ReturnReader(path, book, mapping, options).forms()

    def _as_form(self, path: Path, book: Workbook, mapping: FormMapping | None, options: ReadOptions
                 ) -> Iterator[RawForm | ReadProblem] | None:
        """A workbook laid out as one form: when the mapping says `layout = "form"`, or, without a
        mapping, when its labels are field paths (`audit.id` beside the id)."""
        from .form_sheet import looks_like_form, read_form_workbook

        if not isinstance(book, XlsxWorkbook):
            if mapping is not None:
                raise InputError(f"{path}: {mapping.describe()} is a form-layout mapping, which reads a "
                                 "Word (.docx) or Excel (.xlsx) pro forma, not a CSV return")
            return None
        if mapping is None and not looks_like_form(book, set(options.field_paths())):
            return None
        return read_form_workbook(path, book, mapping, options)


class CsvReader(SpreadsheetReader):
    name = "csv"
    suffixes = (".csv",)
    description = "An audit return as CSV; child lists in CSV files beside it, named in the mapping."


class _ReturnReader:
    def __init__(self, path: Path, book: Workbook, mapping: SheetMapping, options: ReadOptions) -> None:
        self.path = path
        self.file = str(path)
        self.book = book
        self.mapping = mapping
        self.options = options
        self.known = options.field_paths()
        self.item_fields = options.list_fields()
        self.problems: list[ReadProblem] = []

    # -- finding the columns ------------------------------------------------------------------
    def main_sheet(self) -> str:
        names = self.book.sheet_names
        wanted = self.mapping.sheet
        if wanted is None:
            if self.path.suffix.lower() == ".csv":
                return self.path.stem
            return self.book.find_sheet("Audits") or names[0]
        found = self.book.find_sheet(wanted)
        if found is None:
            hint = did_you_mean(wanted, names)
            raise InputError(f"{self.path}: no sheet '{wanted}' (named in {self.mapping.describe()})"
                             + (f"; did you mean '{hint}'?" if hint else
                                f"; the sheets are: {', '.join(names)}"))
        return found

    def header_problem(self, table: Table, message: str) -> None:
        self.problems.append(ReadProblem(message, Location(
            file=self.file, sheet=table.sheet, row=table.header_row,
            cell=table.cell(table.header_row, 0))))

    def column(self, table: Table, header: str, what: str) -> int | None:
        index = table.column_of(header)
        if index is None:
            hint = did_you_mean(header, [h for h in table.headers if h])
            nearest = f"; the nearest header is '{hint}'" if hint else ""
            self.header_problem(table, f"no column '{header}' for {what} on {table.label} (header row "
                                f"{table.header_row}){nearest}")
        return index

    def main_columns(self, table: Table) -> _Columns:
        columns = _Columns()
        if self.mapping.canonical:
            self._canonical_columns(table, columns)
        else:
            self._mapped_columns(table, columns)
        if columns.id is None:
            wanted = self.mapping.id_header or ID_PATH
            hint = did_you_mean(wanted, [h for h in table.headers if h])
            raise InputError(f"{self.path}: {table.label} has no audit id column '{wanted}'"
                             + (f"; the nearest header is '{hint}'" if hint else "")
                             + ("" if self.mapping.source else
                                "; give a mapping with --mapping (auditrules map proposes one)"))
        return columns

    def _canonical_columns(self, table: Table, columns: _Columns) -> None:
        recognised = 0
        for index, raw_header in enumerate(table.headers):
            header = raw_header.strip()
            if not header:
                continue
            if header == ID_PATH:
                columns.id = index
                recognised += 1
                continue
            section = _SECTION.match(header)
            if section and f"sections.*.{section.group(2)}" in self.known:
                columns.sections.setdefault(section.group(1), {})[section.group(2)] = index
                recognised += 1
                continue
            numbered = _CANONICAL_NUMBERED.match(header)
            if numbered and numbered.group(1) in self.item_fields \
                    and numbered.group(4) in self.item_fields[numbered.group(1)]:
                n = int(numbered.group(2)) if numbered.group(2) else int(numbered.group(3)) + 1
                columns.numbered.setdefault(numbered.group(1), {}).setdefault(n, {})[
                    numbered.group(4)] = index
                recognised += 1
                continue
            if header in self.known:
                columns.fields[header] = index
                recognised += 1
            elif "." in header and " " not in header:
                hint = did_you_mean(header, [p for p in self.known if "*" not in p])
                self.problems.append(ReadProblem(
                    f"column {column_letter(index)}: '{header}' is not a field of the form"
                    + (f"; did you mean '{hint}'?" if hint else ""),
                    Location(file=self.file, sheet=table.sheet, row=table.header_row,
                             column=column_letter(index), header=header,
                             cell=table.cell(table.header_row, index))))
        if not recognised:
            raise InputError(f"{self.path}: no header on {table.label} is a field of the form "
                             "(such as audit.id or sections.assessment.judgement); give a mapping with "
                             "--mapping (auditrules map proposes one)")

    def _mapped_columns(self, table: Table, columns: _Columns) -> None:
        id_header = self.mapping.id_header or self.mapping.fields.get(ID_PATH)
        if id_header is not None:
            columns.id = table.column_of(id_header)
        for path, header in self.mapping.fields.items():
            if path == ID_PATH:
                continue
            index = self.column(table, header, path)
            if index is None:
                continue
            section = _SECTION.match(path)
            if section:
                columns.sections.setdefault(section.group(1), {})[section.group(2)] = index
            else:
                columns.fields[path] = index
        for _name, spec in self.mapping.lists.items():
            if spec.numbered:
                self._numbered_columns(table, columns, spec)

    def _numbered_columns(self, table: Table, columns: _Columns, spec: ListMapping) -> None:
        found = False
        for item_field, header in spec.fields.items():
            pattern = numbered_pattern(header)
            for index, name in enumerate(table.headers):
                match = pattern.match(name)
                if match:
                    found = True
                    columns.numbered.setdefault(spec.path, {}).setdefault(int(match.group(1)), {})[
                        item_field] = index
        if not found:
            first = next(iter(spec.fields.values()))
            self.header_problem(table, f"no columns like '{first.replace('{n}', '1')}' for "
                                f"{spec.path} on {table.label}")

    # -- child sheets ---------------------------------------------------------------------------
    def child_lists(self) -> list[tuple[ListMapping, Table, int, dict[str, int]]]:
        specs: list[ListMapping] = [s for s in self.mapping.lists.values() if not s.numbered]
        if self.mapping.canonical:
            specs = []
            main = self.main_sheet()
            for path in self.item_fields:
                sheet = self.book.find_sheet(path)
                if sheet is not None and sheet != main:
                    specs.append(ListMapping(path, {f: f for f in self.item_fields[path]}, sheet, ID_PATH))
        children = []
        for spec in specs:
            assert spec.sheet is not None
            sheet = self.book.find_sheet(spec.sheet)
            if sheet is None:
                hint = did_you_mean(spec.sheet, self.book.sheet_names)
                suggestion = f"; did you mean '{hint}'?" if hint else ""
                self.problems.append(ReadProblem(f"no sheet '{spec.sheet}' for {spec.path}{suggestion}",
                                                 Location(file=self.file)))
                continue
            table = self.book.table(sheet)
            key_header = spec.key or self.mapping.id_header or ID_PATH
            key = self.column(table, key_header, f"the audit id of {spec.path}")
            if key is None:
                continue
            field_columns: dict[str, int] = {}
            for item_field, header in spec.fields.items():
                index = table.column_of(header)
                if index is None and self.mapping.canonical:
                    index = table.column_of(f"{spec.path}.{item_field}")
                    if index is None:
                        continue  # a canonical child sheet need not have every column
                if index is None:
                    self.column(table, header, f"{spec.path} {item_field}")
                    continue
                field_columns[item_field] = index
            self.merged_problems(table)
            children.append((spec, table, key, field_columns))
        return children

    def merged_problems(self, table: Table) -> None:
        for ranged in table.merged:
            first = ranged.split(":")[0]
            row = int(re.sub(r"^[A-Z]+", "", first))
            if row > table.header_row:
                where = f"{table.sheet}!{ranged}" if table.sheet else ranged
                self.problems.append(ReadProblem(
                    f"cells {where} are merged: only {first} holds a value, so the other rows read as "
                    "blank there; unmerge them and fill in each row",
                    Location(file=self.file, sheet=table.sheet, row=row, cell=f"{table.sheet}!{first}"
                             if table.sheet else first)))

    # -- rows to forms --------------------------------------------------------------------------
    def forms(self) -> Iterator[RawForm | ReadProblem]:
        sheet = self.main_sheet()
        table = self.book.table(sheet, self.mapping.header_row)
        columns = self.main_columns(table)
        self.merged_problems(table)
        children = self.child_lists()
        yield from self._drain()
        items = _ChildRows()
        try:
            yield from self._joined(table, columns, children, items)
        finally:
            items.close()

    def _child_rows(self, spec: ListMapping, child: Table, key: int, field_columns: dict[str, int],
                    items: _ChildRows) -> Iterator[ReadProblem]:
        """A child sheet's rows into `items`, by audit id; rows that cannot be used, named."""
        child_file = str(child.file)
        for row_number, row in child.rows:
            audit_id = clean(_at(row, key))
            values = {name: clean(_at(row, index)) for name, index in field_columns.items()}
            if audit_id is None:
                if any(v is not None for v in values.values()):
                    yield ReadProblem(f"{spec.path}: row {row_number} has no audit id",
                                      _cell(self.file, child, row_number, key))
                continue
            long = self._too_long(child, row_number, field_columns, values, str(audit_id))
            if long is not None:
                yield long
                continue
            cells = {name: (child_file, child.sheet, row_number, index, child.headers[index])
                     for name, index in field_columns.items() if values[name] is not None}
            cells[""] = (child_file, child.sheet, row_number, key, child.headers[key])
            present = {k: v for k, v in values.items() if v is not None}
            items.add(spec.path, str(audit_id), (present, cells))

    def _joined(self, table: Table, columns: _Columns,
                children: list[tuple[ListMapping, Table, int, dict[str, int]]],
                items: _ChildRows) -> Iterator[RawForm | ReadProblem]:
        paths = list(dict.fromkeys(spec.path for spec, *_ in children))
        while children:  # each child sheet read once, then let go (its cells with it)
            yield from self._child_rows(*children.pop(0), items)
        seen: dict[str, int] = {}
        for row_number, row in table.rows:
            if all(clean(v) is None for v in row):
                continue
            id_column = columns.id
            assert id_column is not None
            audit_id = clean(_at(row, id_column))
            where = _cell(self.file, table, row_number, id_column)
            if audit_id is None:
                yield ReadProblem(f"row {row_number} has no audit id in column {column_letter(id_column)} "
                                  f"('{table.headers[id_column]}')", where)
                continue
            audit_id = str(audit_id)
            if audit_id in seen:
                yield ReadProblem(f"the audit id '{audit_id}' is used again on row {row_number} (first on "
                                  f"row {seen[audit_id]}); only the first is checked", where, form=audit_id)
                continue
            seen[audit_id] = row_number
            yield self._form(table, row_number, row, columns, audit_id, items, paths)
        for path, audit_id, (_, item_cells) in items.left():
            _, sheet, row_number, key, header = item_cells[""]
            ref = f"{column_letter(key)}{row_number}"
            where = Location(file=self.file, sheet=sheet, row=row_number, column=column_letter(key),
                             header=header, cell=f"{sheet}!{ref}" if sheet is not None else ref)
            yield ReadProblem(f"{path}: row {row_number} belongs to audit '{audit_id}', which is not on "
                              f"sheet '{table.sheet or table.file.name}'", where, form=audit_id)

    def _drain(self) -> Iterator[ReadProblem]:
        yield from self.problems
        self.problems = []

    def _too_long(self, table: Table, row_number: int, columns: Mapping[str, int],
                  values: Mapping[str, Any], audit_id: str | None) -> ReadProblem | None:
        for name, index in columns.items():
            value = values.get(name)
            if isinstance(value, str) and len(value) > self.options.max_cell:
                return ReadProblem(f"{name}: the cell holds {len(value):,} characters, more than the "
                                   f"{self.options.max_cell:,} allowed; the row is not checked",
                                   _cell(self.file, table, row_number, index), form=audit_id)
        return None

    def _form(self, table: Table, row_number: int, row: list[Any], columns: _Columns, audit_id: str,
              items: _ChildRows, paths: list[str]) -> RawForm | ReadProblem:
        data: dict[str, Any] = {}
        cells: dict[str, _Cell] = {}
        sheet = table.sheet
        file = self.file
        headers = table.headers
        plain = {path: clean(_at(row, index)) for path, index in columns.fields.items()}
        problem = self._too_long(table, row_number, columns.fields, plain, audit_id)
        if problem is not None:
            return problem
        _set(data, ID_PATH, audit_id)
        assert columns.id is not None
        cells[ID_PATH] = (file, sheet, row_number, columns.id, headers[columns.id])
        for path, value in plain.items():
            if value is None:
                continue
            if self.known.get(path) == t.TEXT_LIST or isinstance(self.known.get(path), t.ListType):
                value = [v for v in _LIST_SPLIT.split(str(value)) if v]
            _set(data, path, value)
            cells[path] = (file, sheet, row_number, columns.fields[path], headers[columns.fields[path]])
        sections: list[dict[str, Any]] = []
        for name, section_columns in columns.sections.items():
            values = {f: clean(_at(row, i)) for f, i in section_columns.items()}
            problem = self._too_long(table, row_number, section_columns, values, audit_id)
            if problem is not None:
                return problem
            present = {f: v for f, v in values.items() if v is not None and f != "name"}
            if not present:
                continue
            index = len(sections)
            sections.append({"name": name, **present})
            for f in present:
                column = section_columns[f]
                cells[f"sections[{index}].{f}"] = (file, sheet, row_number, column, headers[column])
        if sections:
            data["sections"] = sections
        for path, numbered in columns.numbered.items():
            listed: list[dict[str, Any]] = []
            for n in sorted(numbered):
                values = {f: clean(_at(row, i)) for f, i in numbered[n].items()}
                problem = self._too_long(table, row_number, numbered[n], values, audit_id)
                if problem is not None:
                    return problem
                present = {f: v for f, v in values.items() if v is not None}
                if not present:
                    continue
                index = len(listed)
                listed.append(present)
                first = min(numbered[n][f] for f in present)
                cells[f"{path}[{index}]"] = (file, sheet, row_number, first, headers[first])
                for f in present:
                    column = numbered[n][f]
                    cells[f"{path}[{index}].{f}"] = (file, sheet, row_number, column, headers[column])
            if listed:
                _set(data, path, listed)
        for path in paths:
            rows = items.take(path, audit_id)
            if not rows:
                continue
            existing = _get(data, path) or []
            listed = list(existing)
            for values, item_cells in rows:
                index = len(listed)
                listed.append(values)
                for name, cell in item_cells.items():
                    cells[f"{path}[{index}]" + (f".{name}" if name else "")] = cell
            _set(data, path, listed)
        location = Location(file=self.file, sheet=sheet, row=row_number, column=column_letter(columns.id),
                            header=headers[columns.id], cell=table.cell(row_number, columns.id))
        return RawForm(data, location, CellLocations(cells))


def _at(row: list[Any], index: int) -> Any:
    return row[index] if index < len(row) else None


def _cell(file: str, table: Table, row: int, column: int) -> Location:
    header = table.headers[column] if column < len(table.headers) else None
    return Location(file=file, sheet=table.sheet, row=row, column=column_letter(column), header=header,
                    cell=table.cell(row, column))


def _set(data: dict[str, Any], path: str, value: Any) -> None:
    parts = path.split(".")
    for part in parts[:-1]:
        data = data.setdefault(part, {})
    data[parts[-1]] = value


def _get(data: dict[str, Any], path: str) -> Any:
    for part in path.split("."):
        if not isinstance(data, dict):
            return None
        data = data.get(part)  # type: ignore[assignment]
    return data


@hookimpl
def register_readers() -> list[Reader]:
    return [SpreadsheetReader(), CsvReader()]


__all__ = ["LIST_PATHS", "CellLocations", "CsvReader", "SpreadsheetReader"]
