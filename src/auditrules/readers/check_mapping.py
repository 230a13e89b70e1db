"""`auditrules map FILE --check MAPPING`: read a file with a mapping and say what it gives.

For a one-form pro forma: the fields whose label is there but whose answer is blank, and the
labels (and list headers) of the mapping that are not on the form. For a return: the mapped
headers that are not in the sheet, and those whose column is blank in every row read. Only
labels, headers and field names are reported, never an answer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .form_mapping import FormMapping
from .mapping import SheetMapping

if TYPE_CHECKING:
    from . import ReadOptions


@dataclass
class MappingCheck:
    read: int = 0
    """Fields read with an answer."""
    empty: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    items: dict[str, int] = field(default_factory=dict)
    """Items read for each list."""


def check_mapping(path: Path, mapping: SheetMapping | FormMapping, options: ReadOptions) -> MappingCheck:
    """What reading `path` with `mapping` gives: fields read, empty and missing, items per list."""
    if isinstance(mapping, FormMapping):
        return _check_form(path, mapping, options)
    return _check_return(path, mapping)


def _check_form(path: Path, mapping: FormMapping, options: ReadOptions) -> MappingCheck:
    from .form_sheet import form_sheet, sheet_layout
    from .labels import LabelReader, Layout
    from .tables import XlsxWorkbook, open_workbook
    from .word import document_layout, open_document

    layout: Layout
    if path.suffix.lower() == ".docx":
        layout = document_layout(open_document(path), str(path))
    else:
        book = open_workbook(path)
        if not isinstance(book, XlsxWorkbook):
            from ..errors import UsageError

            raise UsageError(f"{path}: a form mapping reads a Word document or an Excel workbook")
        sheet = form_sheet(book, mapping)
        layout = [sheet_layout(book, sheet, str(path))]
    reader = LabelReader(layout, mapping, options, str(path), str(path))
    reader.walk()
    report = MappingCheck()
    for item in mapping.fields:
        found = reader.found.get(item.path)
        if not found:
            report.missing.append(f"{item.path}: {item.describe()}")
        elif found[0].cell is None:
            where = found[0].at.cell or found[0].at.describe()
            report.empty.append(f"{item.path}: {item.describe()} at {where}")
        else:
            report.read += 1
    for name, spec in mapping.lists.items():
        if name not in reader.lists_seen:
            where = f" under '{spec.heading}'" if spec.heading else ""
            report.missing.append(f"{name}: a table headed " + " | ".join(spec.fields.values()) + where)
        else:
            report.items[name] = len(reader.items.get(name, []))
    return report


def _check_return(path: Path, mapping: SheetMapping) -> MappingCheck:
    from .tables import open_workbook

    book = open_workbook(path)
    sheet = book.find_sheet(mapping.sheet) if mapping.sheet else (
        book.find_sheet("Audits") or book.sheet_names[0])
    report = MappingCheck()
    if sheet is None:
        report.missing.append(f"the sheet '{mapping.sheet}'")
        return report
    table = book.table(sheet, mapping.header_row)
    wanted = dict(mapping.fields)
    if mapping.id_header:
        wanted = {"audit.id": mapping.id_header, **wanted}
    columns = {field_path: table.column_of(header) for field_path, header in wanted.items()}
    filled: set[str] = set()
    count = 0
    for _, values in table.rows:
        count += 1
        for field_path, column in columns.items():
            if column is not None and column < len(values) and str(values[column] or "").strip():
                filled.add(field_path)
    for field_path, header in wanted.items():
        if columns[field_path] is None:
            report.missing.append(f"{field_path}: '{header}'")
        elif field_path not in filled:
            report.empty.append(f"{field_path}: '{header}' (blank in all {count} rows)")
        else:
            report.read += 1
    for name, spec in mapping.lists.items():
        if spec.sheet and book.find_sheet(spec.sheet) is None:
            report.missing.append(f"{name}: the sheet '{spec.sheet}'")
    return report


__all__ = ["MappingCheck", "check_mapping"]
