"""An annotated copy of a spreadsheet return: each cell a finding points at is filled by its worst
severity and given a comment listing its findings. The return itself is only read."""

from __future__ import annotations

import os
import tempfile
import warnings
import zipfile
from collections.abc import Iterable
from pathlib import Path

import openpyxl
from openpyxl.comments import Comment
from openpyxl.styles import PatternFill
from openpyxl.utils.cell import coordinate_from_string
from openpyxl.utils.exceptions import InvalidFileException

from ..errors import InputError, UsageError
from ..limits import DEFAULT_LIMITS, Limits
from ..models import SEVERITIES, Finding, Location
from ..readers.archive import check_archive
from ..results import CheckResult

FILL_COLOURS = {"error": "FF8B8B", "warning": "FFC000", "info": "BDD7EE"}
"""Red for an error, amber for a warning, light blue for info."""

COMMENT_AUTHOR = "auditrules"
MAX_COMMENT_TEXT = 32_000


def annotate_workbook(source: Path, result: CheckResult, out: Path, limits: Limits = DEFAULT_LIMITS) -> int:
    """Write to `out` a copy of the workbook `source` with each cell a finding points at filled
    (by its worst severity) and commented (`RULE severity: message`, then the hint). Returns how
    many cells were annotated.

    Only findings from `source` (or that name no file) are placed; one whose sheet or cell is not
    in the workbook is left out. A finding with a sheet and a row but no cell goes on the row's
    first cell. `out` is written whole or not at all; `source` is never written. A `source` past
    `limits` (a zip bomb, an entity bomb, a damaged file) is refused before openpyxl opens it.
    """
    source, out = Path(source), Path(out)
    if not source.is_file():
        raise UsageError(f"{source}: no such file")
    if out.resolve() == source.resolve():
        raise UsageError(f"{out}: is the return being checked; write the annotated copy to another file")
    if not out.resolve().parent.is_dir():
        raise UsageError(f"{out}: the folder {out.parent} does not exist")
    check_archive(source, "xlsx", limits)
    workbook = _load(source)
    cells: dict[tuple[str, str], list[Finding]] = {}
    for finding in _findings_from(source, result.findings):
        place = _place(finding.location, workbook)
        if place is not None:
            cells.setdefault(place, []).append(finding)
    for (sheet_name, coordinate), findings in cells.items():
        _annotate_cell(workbook[sheet_name][coordinate], findings)
    _save(workbook, out)
    return len(cells)


def _load(source: Path) -> openpyxl.Workbook:
    try:
        with warnings.catch_warnings():
            # Extensions openpyxl cannot keep (say, some data validations) are not our business.
            warnings.simplefilter("ignore", UserWarning)
            return openpyxl.load_workbook(source, keep_vba=source.suffix.lower() == ".xlsm")
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise InputError(f"{source}: cannot be read as an Excel workbook (.xlsx): {exc}") from exc


def _findings_from(source: Path, findings: Iterable[Finding]) -> Iterable[Finding]:
    here = source.resolve()
    for finding in findings:
        file = finding.location.file
        if file is None or file == str(source) or Path(file).resolve() == here:
            yield finding


def _split_cell(cell: str) -> tuple[str | None, str]:
    """`'My sheet'!B7` -> ('My sheet', 'B7'); `B7` -> (None, 'B7')."""
    sheet, bang, coordinate = cell.rpartition("!")
    if not bang:
        return None, cell.replace("$", "")
    if len(sheet) > 1 and sheet[0] == sheet[-1] == "'":
        sheet = sheet[1:-1].replace("''", "'")
    return sheet, coordinate.replace("$", "")


def _place(location: Location, workbook: openpyxl.Workbook) -> tuple[str, str] | None:
    """The sheet and cell a location points at in `workbook`, or None when it points at none."""
    sheet_name = location.sheet
    if location.cell:
        named, coordinate = _split_cell(location.cell)
        sheet_name = sheet_name or named
    elif location.row:
        coordinate = f"{location.column or 'A'}{location.row}"
    else:
        return None
    if sheet_name is None or sheet_name not in workbook.sheetnames:
        return None
    try:
        column, row = coordinate_from_string(coordinate.upper())
    except ValueError:
        return None
    coordinate = f"{column}{row}"
    sheet = workbook[sheet_name]
    for merged in sheet.merged_cells.ranges:  # a comment goes on a merged block's first cell
        if coordinate in merged:
            coordinate = merged.start_cell.coordinate
            break
    return sheet_name, coordinate


def comment_text(findings: Iterable[Finding]) -> str:
    """One line per finding, `RULE severity: message`, each followed by its hint."""
    lines: list[str] = []
    for finding in findings:
        lines.append(f"{finding.rule} {finding.severity}: {finding.message}")
        if finding.hint:
            lines.append(f"  Good looks like: {finding.hint}")
    text = "\n".join(lines)
    return text if len(text) <= MAX_COMMENT_TEXT else text[: MAX_COMMENT_TEXT - 1] + "…"


def _annotate_cell(cell: openpyxl.cell.cell.Cell, findings: list[Finding]) -> None:
    worst = min(findings, key=lambda f: SEVERITIES.index(f.severity)).severity
    colour = FILL_COLOURS[worst]
    cell.fill = PatternFill(fill_type="solid", start_color=colour, end_color=colour)
    text = comment_text(findings)
    if cell.comment is not None and cell.comment.text:  # keep what the auditor wrote there
        text = f"{cell.comment.text}\n\n{text}"
    lines = sum(1 + len(line) // 60 for line in text.splitlines())
    cell.comment = Comment(text, COMMENT_AUTHOR, width=360, height=min(40 + 15 * lines, 600))


def _save(workbook: openpyxl.Workbook, out: Path) -> None:
    """Write the copy to a temporary file beside `out`, then move it into place."""
    target = out.resolve()
    handle, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=target.suffix or ".xlsx",
                                         dir=target.parent)
    os.close(handle)
    try:
        workbook.save(temp_name)
        os.replace(temp_name, target)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


__all__ = ["FILL_COLOURS", "annotate_workbook", "comment_text"]
