"""Spreadsheet report: Findings, Summary, Rule sets and Errors sheets.

Every text is written as a string cell and the workbook is told never to turn text into formulas,
links or numbers, so a message that starts with `=` stays the words the auditor wrote.
"""

from __future__ import annotations

import datetime as dt
import io
import tempfile
from collections.abc import Iterable, Sequence
from typing import IO, Any

from ..hookspecs import hookimpl
from ..results import CheckResult
from . import Reporter
from .tables import (
    FINDING_COLUMNS,
    WAIVER_COLUMNS,
    GroupCount,
    error_rows,
    finding_rows,
    summarise,
    waived_rows,
)

WORKBOOK_OPTIONS: dict[str, Any] = {
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
    "in_memory": True,
}
"""xlsxwriter options every workbook auditrules writes uses: text is only ever text."""

FIXED_CREATED = dt.datetime(2000, 1, 1)
"""The document's 'created' date, fixed so the same result always gives the same file."""

MAX_CELL_TEXT = 32_767  # Excel's limit on the characters in one cell

_WIDTHS = {"Audit": 14, "Team": 20, "Auditors": 24, "File": 24, "Sheet": 12, "Cell": 12,
           "Field": 26, "Section": 16, "Rule": 11, "Rule set": 18, "Severity": 9, "Tags": 18,
           "Message": 60, "Why": 48, "Hint": 48, "Evidence": 30, "Reference": 36,
           "Waiver reason": 48, "Approver": 24, "Waiver expires": 14, "Waiver written at": 24}
_WRAPPED = {"Message", "Why", "Hint", "Evidence", "Reference", "Waiver reason"}


def cell_text(text: str) -> str:
    """Text for one cell: line breaks as Excel writes them (a bare carriage return would be
    stored as `_x000D_`), cut at Excel's limit, saying so."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if len(text) <= MAX_CELL_TEXT:
        return text
    marker = " […cut: too long for one cell]"
    return text[: MAX_CELL_TEXT - len(marker)] + marker


def new_workbook(target: Any, rows_on_disk: str | None = None) -> Any:
    """An xlsxwriter workbook that never turns text into formulas, links or numbers.

    With `rows_on_disk` (a private folder, removed by the caller) it writes each sheet's rows to
    a file there as they come instead of holding them (xlsxwriter's constant-memory mode), for a
    report of a whole return's findings; each sheet's rows must then be written top to bottom."""
    import xlsxwriter  # imported when a workbook is written, not on every start

    options = dict(WORKBOOK_OPTIONS)
    if rows_on_disk is not None:
        options.update(constant_memory=True, in_memory=False, tmpdir=rows_on_disk)
    workbook = xlsxwriter.Workbook(target, options)
    workbook.set_properties({"created": FIXED_CREATED})
    return workbook


class XlsxReporter(Reporter):
    name = "xlsx"
    description = "A spreadsheet: every finding on one sheet, counts by rule, team and auditor."
    binary = True
    suffix = ".xlsx"

    def write(self, result: CheckResult, stream: IO[Any], *, color: bool = False) -> None:
        buffer = io.BytesIO()
        # The rows go to files in a folder only this user can read, removed however the
        # writing ends, so a return's findings are never all held in memory.
        with tempfile.TemporaryDirectory(prefix="auditrules-") as private:
            workbook = new_workbook(buffer, rows_on_disk=private)
            _WorkbookReport(workbook).write(result)
            workbook.close()
        stream.write(buffer.getvalue())


def cell_formats(workbook: Any) -> tuple[Any, Any, Any]:
    """The formats every report workbook shares: a header row, wrapped text, and top-aligned
    cells."""
    header = workbook.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1,
                                  "text_wrap": True, "valign": "top"})
    return header, workbook.add_format({"text_wrap": True, "valign": "top"}), \
        workbook.add_format({"valign": "top"})


class _WorkbookReport:
    """Writes one result's sheets into one workbook."""

    def __init__(self, workbook: Any):
        self.workbook = workbook
        self.header, self.wrap, self.top = cell_formats(workbook)
        self.title = workbook.add_format({"bold": True, "font_size": 13})
        self.percent = workbook.add_format({"num_format": "0%"})

    def write(self, result: CheckResult) -> None:
        self.table("Findings", FINDING_COLUMNS, finding_rows(result),
                   widths=[_WIDTHS[c] for c in FINDING_COLUMNS], wrapped=_WRAPPED)
        if result.waived is not None:
            columns = (*FINDING_COLUMNS, *WAIVER_COLUMNS)
            self.table("Waived", columns, waived_rows(result), widths=[_WIDTHS[c] for c in columns],
                       wrapped=_WRAPPED)
        self.summary(result)
        self.table("Rule sets", ("Id", "Version", "Title", "SHA-256", "Source"),
                   [[r.id, r.version, r.title, r.sha256, r.source] for r in result.rulesets],
                   widths=(22, 10, 40, 66, 50))
        self.table("Errors", ("Form", "Where", "Message"), error_rows(result),
                   widths=(16, 40, 90), wrapped={"Message"})

    def table(self, name: str, headers: Sequence[str], rows: Iterable[Sequence[str]],
              widths: Sequence[int], wrapped: set[str] | frozenset[str] = frozenset()) -> None:
        sheet = self.workbook.add_worksheet(name)
        formats = [self.wrap if header in wrapped else self.top for header in headers]
        for col, (header, width) in enumerate(zip(headers, widths, strict=True)):
            sheet.set_column(col, col, width, formats[col])
            sheet.write_string(0, col, header, self.header)
        written = 0
        for written, row in enumerate(rows, start=1):
            for col, value in enumerate(row):
                sheet.write_string(written, col, cell_text(value), formats[col])
        sheet.freeze_panes(1, 0)
        sheet.autofilter(0, 0, max(written, 1), len(headers) - 1)

    def summary(self, result: CheckResult) -> None:
        summary = summarise(result)
        sheet = self.workbook.add_worksheet("Summary")
        sheet.set_column(0, 0, 36)
        sheet.set_column(1, 1, 50)
        sheet.set_column(2, 6, 14)
        row = 0

        def heading(text: str, columns: Sequence[str]) -> None:
            nonlocal row
            sheet.write_string(row, 0, text, self.title)
            row += 1
            for col, name in enumerate(columns):
                sheet.write_string(row, col, name, self.header)
            row += 1

        def share(col: int, value: float | None) -> None:
            if value is None:
                sheet.write_string(row, col, "n/a")
            else:
                sheet.write_number(row, col, value, self.percent)

        heading("Totals", ("Measure", "Value"))
        totals: list[tuple[str, int]] = [
            ("Forms checked", summary.forms_checked),
            ("Findings", summary.findings),
            *((f"Findings: {s}", n) for s, n in summary.by_severity),
            ("Audits with no error findings", summary.audits_without_errors),
            ("Forms that could not be read", summary.read_errors),
        ]
        if result.waived is not None:
            totals.insert(2 + len(summary.by_severity), ("Findings waived (not counted)", len(result.waived)))
        for label, value in totals:
            sheet.write_string(row, 0, label)
            sheet.write_number(row, 1, value)
            row += 1
        sheet.write_string(row, 0, "Share of audits with no error findings")
        share(1, summary.share_without_errors)
        row += 1
        if result.model_summary:
            sheet.write_string(row, 0, "Text checks scored by")
            sheet.write_string(row, 1, result.model_summary)
            row += 1
        row += 1

        heading("By severity", ("Severity", "Findings"))
        for severity, count in summary.by_severity:
            sheet.write_string(row, 0, severity)
            sheet.write_number(row, 1, count)
            row += 1
        row += 1

        heading("By rule", ("Rule", "Title", "Rule set", "Severity", "Findings", "Audits"))
        for rule in summary.by_rule:
            for col, text in enumerate((rule.rule, rule.title, rule.ruleset, rule.severity)):
                sheet.write_string(row, col, cell_text(text))
            sheet.write_number(row, 4, rule.findings)
            sheet.write_number(row, 5, rule.audits)
            row += 1
        row += 1

        group_columns = ("Audits", "Findings", "Error findings", "Audits with no errors",
                         "Share with no errors")
        groups_by: list[tuple[str, str, list[GroupCount]]] = [
            ("By team", "Team", summary.by_team), ("By auditor", "Auditor", summary.by_auditor)]
        for label, key, groups in groups_by:
            heading(label, (key, *group_columns))
            for group in groups:
                sheet.write_string(row, 0, cell_text(group.name))
                numbers = (group.audits, group.findings, group.errors, group.audits_without_errors)
                for col, number in enumerate(numbers, start=1):
                    sheet.write_number(row, col, number)
                share(5, group.share_without_errors)
                row += 1
            row += 1


@hookimpl
def register_reporters() -> list[Reporter]:
    return [XlsxReporter()]
