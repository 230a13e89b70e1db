"""The selection of cases written as a workbook (the cases, and the draw: its frame, options and
seed, so anyone can see how it was made and make it again) or as CSV (the cases); and the pairs
of auditors with their cases, the same ways."""

from __future__ import annotations

import codecs
import csv
import io
import tempfile
from collections.abc import Callable, Sequence
from typing import IO, Any

from .assign import ASSIGNMENT_COLUMNS, PAIR_COLUMNS, Assignment, assignment_rows, pair_rows
from .sample import SELECTION_COLUMNS, Sample, selection_rows


def extra_headers(sample: Sample, headers: Sequence[str]) -> list[str]:
    """The case list's other columns that any chosen case has a value in, in the list's order."""
    used = {header for item in sample.chosen for header, _ in item.case.extra}
    return [header for header in headers if header in used]


def draw_lines(sample: Sample) -> list[tuple[str, str]]:
    """How the sample was drawn, as (what, value) pairs."""
    plan = sample.plan
    if plan.counts is not None:
        asked = ", ".join(f"{area}: {n}" for area, n in plan.counts.items())
    elif plan.total is not None:
        asked = f"{plan.total} in all, in proportion to each area's cases"
    else:
        asked = f"{plan.each_area} from each area of work"
    return [
        ("Seed", str(plan.seed)),
        ("Areas of work", asked),
        ("Initial contacts", str(plan.contacts)),
        ("Themes added", ", ".join(f"{theme}: {n}" for theme, n in plan.themes) or "none"),
        ("Left out if audited on or after",
         plan.not_audited_since.isoformat() if plan.not_audited_since else "no date given"),
        ("Cases chosen", str(len(sample.chosen))),
    ]


def write_selection(sample: Sample, headers: Sequence[str], stream: IO[bytes], suffix: str) -> None:
    extra = extra_headers(sample, headers)
    columns = [*SELECTION_COLUMNS, *extra]
    rows = selection_rows(sample, extra)
    if suffix == ".csv":
        write_csv(columns, rows, stream)
    else:
        _write_xlsx(sample, columns, rows, stream)


def write_csv(columns: Sequence[str], rows: Sequence[Sequence[str]], stream: IO[bytes]) -> None:
    from ..reporters.csv import guard_cell

    text = io.StringIO(newline="")
    writer = csv.writer(text, lineterminator="\r\n")
    for row in [columns, *rows]:
        writer.writerow([guard_cell(cell) for cell in row])
    stream.write(codecs.BOM_UTF8 + text.getvalue().encode("utf-8"))


def _write_xlsx(sample: Sample, columns: Sequence[str], rows: Sequence[Sequence[str]],
                stream: IO[bytes]) -> None:
    from ..reporters.xlsx import cell_formats, cell_text, new_workbook

    buffer = io.BytesIO()
    with tempfile.TemporaryDirectory(prefix="auditrules-") as private:
        workbook = new_workbook(buffer, rows_on_disk=private)
        header, wrap, top = cell_formats(workbook)
        sheet = workbook.add_worksheet("Selection")
        widths = {"Order": 7, "Case ID": 14, "Area of work": 22, "Why chosen": 60, "Themes": 24}
        for col, name in enumerate(columns):
            sheet.set_column(col, col, widths.get(name, 18), wrap if name == "Why chosen" else top)
            sheet.write_string(0, col, name, header)
        for number, cells in enumerate(rows, start=1):
            for col, value in enumerate(cells):
                sheet.write_string(number, col, cell_text(value))
        sheet.freeze_panes(1, 0)
        sheet.autofilter(0, 0, max(len(rows), 1), len(columns) - 1)
        frame = workbook.add_worksheet("Draw")
        frame.set_column(0, 0, 34)
        frame.set_column(1, 5, 12)
        row = 0
        for what, value in draw_lines(sample):
            frame.write_string(row, 0, what, header)
            frame.write_string(row, 1, cell_text(value))
            row += 1
        row += 1
        for col, name in enumerate(("Part of the draw", "Listed", "Left out", "To choose from", "Asked",
                                    "Drawn")):
            frame.write_string(row, col, name, header)
        row += 1
        for stratum in sample.strata:
            frame.write_string(row, 0, stratum.name)
            for col, number in enumerate((stratum.listed, stratum.left_out, stratum.available,
                                          stratum.asked, stratum.drawn), start=1):
                frame.write_number(row, col, number)
            row += 1
        workbook.close()
    stream.write(buffer.getvalue())


def write_assignment(result: Assignment, stream: IO[bytes], suffix: str) -> None:
    """The pairs' cases (and, in a workbook, the pairs and what gave way)."""
    rows = assignment_rows(result)
    if suffix == ".csv":
        write_csv(ASSIGNMENT_COLUMNS, rows, stream)
        return
    notes = result.gave_way or ["Every pair mixes experience, nobody audits a case from their own "
                                "team, and the cases are shared evenly."]
    write_sheets(stream, [("Cases", ASSIGNMENT_COLUMNS, rows, (6, 40, 14, 22, 26, 20)),
                          ("Pairs", PAIR_COLUMNS, pair_rows(result), (6, 24, 12, 30, 26, 8)),
                          ("Notes", ("What gave way",), [[note] for note in notes], (100,))])


def write_table(stream: IO[bytes], name: str, columns: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """One sheet of text rows under a header row, the last column wide."""
    write_sheets(stream, [(name, columns, rows, [*([18] * (len(columns) - 1)), 60])])


Sheet = tuple[str, Sequence[str], Sequence[Sequence[str]], Sequence[int]]
"""A sheet to write: its name, column headers, rows of text and column widths."""


def write_sheets(stream: IO[bytes], sheets: Sequence[Sheet],
                 prepare: Callable[[Any, int], None] | None = None) -> None:
    """A workbook of sheets of text rows, each under a header row (rows written as they come).
    `prepare`, when given, is called with each sheet and its number of rows before they are
    written (to add drop-down lists, say)."""
    from ..reporters.xlsx import cell_formats, cell_text, new_workbook

    buffer = io.BytesIO()
    with tempfile.TemporaryDirectory(prefix="auditrules-") as private:
        workbook = new_workbook(buffer, rows_on_disk=private)
        header, wrap, _top = cell_formats(workbook)
        for name, columns, body, widths in sheets:
            sheet = workbook.add_worksheet(name)
            for col, (title, width) in enumerate(zip(columns, widths, strict=True)):
                sheet.set_column(col, col, width, wrap)
                sheet.write_string(0, col, title, header)
            if prepare is not None:
                prepare(sheet, len(body))
            for number, cells in enumerate(body, start=1):
                for col, value in enumerate(cells):
                    sheet.write_string(number, col, cell_text(value))
            sheet.freeze_panes(1, 0)
        workbook.close()
    stream.write(buffer.getvalue())
