"""A workbook laid out as one pro forma: labels in one column and their answers in the cell
beside them, headings alone in a row, and lists below a header row. One form per workbook, on
one sheet (the mapping's `sheet`, or the first). Findings point at the answer's cell (`Form!B12`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import InputError, did_you_mean
from ..models import Location
from . import RawForm, ReadOptions, ReadProblem
from .form_mapping import FormMapping, canonical_form_mapping, label_key
from .labels import FormCell, FormPart, FormRow, read_layout
from .mapping import ID_PATH
from .tables import XlsxWorkbook, clean, column_letter

DETECT_ROWS = 200
"""How far down a sheet to look for an `audit.id` label when telling a form from a return."""


def form_sheet(book: XlsxWorkbook, mapping: FormMapping) -> str:
    names = book.sheet_names
    if mapping.sheet is None:
        return names[0]
    found = book.find_sheet(mapping.sheet)
    if found is None:
        hint = did_you_mean(mapping.sheet, names)
        raise InputError(f"{book.path}: no sheet '{mapping.sheet}' (named in {mapping.describe()})"
                         + (f"; did you mean '{hint}'?" if hint else f"; the sheets are: {', '.join(names)}"))
    return found


def sheet_layout(book: XlsxWorkbook, sheet: str, file: str, limit: int | None = None) -> FormPart:
    """A sheet as one part of a layout: each row's cells from column A, merged cells once."""
    grid, merged = book.grid(sheet, limit)
    covered = {(r, c) for r1, c1, r2, c2 in merged for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)
               if (r, c) != (r1, c1)}
    rows: list[FormRow] = []
    for r, values in enumerate(grid):
        cells: list[FormCell] = []
        for c, raw in enumerate(values):
            if (r, c) in covered:
                continue
            value = clean(raw)
            letter = column_letter(c)
            where = Location(file=file, sheet=sheet, row=r + 1, column=letter,
                             cell=f"{sheet}!{letter}{r + 1}")
            cells.append(FormCell(_text(value), value, c, where))
        filled = [cell for cell in cells if cell.text]
        rows.append(FormRow(cells, whole=len(filled) == 1))
    return FormPart(f"sheet '{sheet}'", rows, sheet=True)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def looks_like_form(book: XlsxWorkbook, known: set[str]) -> bool:
    """Without a mapping: a workbook is a form (not a return) when its first row has no field
    path as a header and some row has the label `audit.id` with an answer beside it."""
    sheet = book.find_sheet("Audits") or book.sheet_names[0]
    if any(h.strip() in known or h.strip() == ID_PATH for h in book.table(sheet).headers):
        return False
    part = sheet_layout(book, sheet, str(book.path), DETECT_ROWS)
    for row in part.rows:
        filled = [cell for cell in row.cells if cell.text]
        if len(filled) >= 2 and label_key(filled[0].text) == ID_PATH:
            return True
    return False


def read_form_workbook(path: Path, book: XlsxWorkbook, mapping: FormMapping | None,
                       options: ReadOptions) -> Iterator[RawForm | ReadProblem]:
    """The one form a form-layout workbook holds, read by its labels."""
    mapping = mapping or canonical_form_mapping(options.field_paths(), options.list_fields())
    sheet = form_sheet(book, mapping)
    part = sheet_layout(book, sheet, str(path))
    return read_layout([part], mapping, options, str(path), f"sheet '{sheet}'")


__all__ = ["looks_like_form", "read_form_workbook", "sheet_layout"]
