"""CSV report: one row per finding, the same columns as the spreadsheet's Findings sheet.

UTF-8 with a byte-order mark, so Excel reads accents and curly quotes correctly. A cell that a
spreadsheet program could take for a formula gets a leading apostrophe, so it is never run.
"""

from __future__ import annotations

import csv
import io
from typing import IO, Any

from ..engine import CheckResult
from ..hookspecs import hookimpl
from . import Reporter
from .tables import FINDING_COLUMNS, WAIVER_COLUMNS, finding_rows, waived_rows

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet program read a cell as a formula."""


def guard_cell(text: str) -> str:
    """`text`, with a leading apostrophe when a spreadsheet program would run it."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class CsvReporter(Reporter):
    name = "csv"
    description = "One row per finding, for spreadsheets (UTF-8 with BOM, formulas never run)."
    binary = True  # written as bytes, so the encoding never depends on the terminal's
    suffix = ".csv"

    def write(self, result: CheckResult, stream: IO[Any], *, color: bool = False) -> None:
        text = io.StringIO(newline="")
        writer = csv.writer(text, lineterminator="\r\n")
        if result.waived is None:
            writer.writerow([guard_cell(c) for c in FINDING_COLUMNS])
            for row in finding_rows(result):
                writer.writerow([guard_cell(cell) for cell in row])
        else:  # waivers were given: a Waived column, and the waived findings after the rest
            writer.writerow([guard_cell(c) for c in (*FINDING_COLUMNS, "Waived", *WAIVER_COLUMNS)])
            for row in finding_rows(result):
                writer.writerow([guard_cell(cell) for cell in (*row, "no", "", "", "", "")])
            for row in waived_rows(result):
                cells = (*row[:len(FINDING_COLUMNS)], "yes", *row[len(FINDING_COLUMNS):])
                writer.writerow([guard_cell(cell) for cell in cells])
        stream.write(text.getvalue().encode("utf-8-sig"))


@hookimpl
def register_reporters() -> list[Reporter]:
    return [CsvReporter()]
