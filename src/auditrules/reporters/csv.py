"""CSV report: one row per finding, the same columns as the spreadsheet's Findings sheet.

UTF-8 with a byte-order mark, so Excel reads accents and curly quotes correctly. A cell that a
spreadsheet program could take for a formula gets a leading apostrophe, so it is never run.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterable
from typing import IO, Any

from ..hookspecs import hookimpl
from ..results import CheckResult
from . import Reporter
from .tables import FINDING_COLUMNS, WAIVER_COLUMNS, finding_rows, waived_rows

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet program read a cell as a formula."""


def guard_cell(text: str) -> str:
    """`text`, with a leading apostrophe when a spreadsheet program would run it."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def unguard_cell(text: str) -> str:
    """`text` as written before `guard_cell`: a CSV file read back gives what was written."""
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_STARTS) else text


class CsvReporter(Reporter):
    name = "csv"
    description = "One row per finding, for spreadsheets (UTF-8 with BOM, formulas never run)."
    binary = True  # written as bytes, so the encoding never depends on the terminal's
    suffix = ".csv"

    def write(self, result: CheckResult, stream: IO[Any], *, color: bool = False) -> None:
        # Written a row at a time (a large return's findings are never all in memory), as the
        # bytes of UTF-8 with a byte-order mark.
        text = io.StringIO(newline="")
        writer = csv.writer(text, lineterminator="\r\n")
        stream.write(codecs.BOM_UTF8)

        def put(cells: Iterable[str]) -> None:
            writer.writerow([guard_cell(cell) for cell in cells])
            stream.write(text.getvalue().encode("utf-8"))
            text.seek(0)
            text.truncate()

        if result.waived is None:
            put(FINDING_COLUMNS)
            for row in finding_rows(result):
                put(row)
        else:  # waivers were given: a Waived column, and the waived findings after the rest
            put((*FINDING_COLUMNS, "Waived", *WAIVER_COLUMNS))
            for row in finding_rows(result):
                put((*row, "no", "", "", "", ""))
            for row in waived_rows(result):
                put((*row[:len(FINDING_COLUMNS)], "yes", *row[len(FINDING_COLUMNS):]))


@hookimpl
def register_reporters() -> list[Reporter]:
    return [CsvReporter()]
