"""Reports of `auditrules compare`: text, JSON, a spreadsheet and a web page.

They use the check reports' safeguards: the spreadsheet never turns text into formulas, the page
escapes every text, runs no scripts and fetches nothing.
"""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from typing import IO, Any

from ..compare import CHANGES, ComparedFinding, Comparison, FormComparison
from . import visible
from .html import _STYLE, CONTENT_POLICY, _e, _table, bar_chart
from .xlsx import cell_formats, cell_text, new_workbook

FORMATS = ("text", "json", "xlsx", "html")
BINARY = {"xlsx"}

CHANGE_COLOURS = {"resolved": "#1e8449", "persisting": "#d68910", "new": "#c0392b"}
"""Green for resolved, amber for persisting, red for new."""

_PRESENT = {"old only": "only in the old audit", "new only": "only in the new audit",
            "both": "in both"}


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _counts(values: dict[str, int] | FormComparison) -> str:
    if isinstance(values, FormComparison):
        values = {change: values.count(change) for change in CHANGES}
    return ", ".join(f"{values[change]} {change}" for change in CHANGES)


def _where(item: ComparedFinding) -> str:
    return item.finding.location.describe()


def write(comparison: Comparison, format_name: str, stream: IO[Any]) -> None:
    """Write the comparison in `format_name` (text, json, xlsx or html) to `stream` (bytes for
    xlsx, text otherwise)."""
    if format_name == "json":
        stream.write(json.dumps(comparison.as_dict(), indent=2, ensure_ascii=False, sort_keys=True) + "\n")
    elif format_name == "xlsx":
        stream.write(workbook_bytes(comparison))
    elif format_name == "html":
        stream.write(render(comparison))
    else:
        stream.write(visible(text(comparison)))


# ---- text --------------------------------------------------------------------------------------


def text(comparison: Comparison) -> str:
    """The comparison for a person: each form's resolved, persisting and new findings, the counts
    by rule, and the totals."""
    lines = [f"Comparing {', '.join(comparison.old)} (old) with {', '.join(comparison.new)} (new)."]
    for form in comparison.forms:
        name = form.form or "(no audit id)"
        if form.present == "old only":
            lines.append(f"{name}: only in the old audit ({_plural(form.old_findings, 'finding')} "
                         "there); not re-audited.")
            continue
        if form.present == "new only":
            lines.append(f"{name}: only in the new audit ({_plural(form.new_findings, 'finding')}); "
                         "nothing to compare it with.")
            continue
        lines.append(f"{name}: {_counts(form)} ({_plural(form.old_findings, 'finding')} before, "
                     f"{form.new_findings} now).")
        for item in form.findings:
            finding = item.finding
            lines.append(f"  {item.change:<10} {finding.rule} {finding.severity} at {_where(item)}: "
                         f"{finding.message}")
            if item.change != "resolved" and finding.hint:
                lines.append(f"      good looks like: {finding.hint}")
    rules = comparison.by_rule()
    if rules:
        lines.append("By rule:")
        width = max(len(r.rule) for r in rules)
        for rule in rules:
            lines.append(f"  {rule.rule:<{width}}  {rule.resolved} resolved, {rule.persisting} "
                         f"persisting, {rule.new} new: {rule.title}")
    for side, error in comparison.errors:
        where = error.location.model_copy(update={"path": ""}).describe()
        which = f" {error.form}" if error.form else ""
        lines.append(f"{where}:{which} could not read ({side} audit): {error.message}")
    totals = comparison.totals()
    summary = (f"Total: {_counts(totals)} across {_plural(totals['forms_in_both'], 'form')} in both "
               f"audits; {totals['forms_only_in_old']} only in the old, {totals['forms_only_in_new']} "
               "only in the new")
    if comparison.errors:
        summary += f"; {_plural(len(comparison.errors), 'problem')} reading forms"
    lines.append(summary + ".")
    return "\n".join(lines) + "\n"


# ---- spreadsheet -------------------------------------------------------------------------------

FINDING_COLUMNS = ("Audit", "Change", "Rule", "Rule set", "Severity", "Title", "Where before",
                   "Where now", "Message", "Why", "Hint")
_WIDTHS = (14, 11, 11, 18, 9, 40, 30, 30, 60, 48, 48)
_WRAPPED = {"Title", "Message", "Why", "Hint"}


def workbook_bytes(comparison: Comparison) -> bytes:
    """The comparison as a workbook: Findings, By form, By rule and Errors sheets."""
    buffer = io.BytesIO()
    workbook = new_workbook(buffer)
    sheets = _Sheets(workbook)
    rows: list[list[str | int]] = []
    for form in comparison.forms:
        for item in form.findings:
            finding = item.finding
            rows.append([form.form or "", item.change, finding.rule, finding.ruleset, finding.severity,
                         finding.title, item.old.location.describe() if item.old else "",
                         item.new.location.describe() if item.new else "", finding.message,
                         "; ".join(finding.reasons), finding.hint])
    sheets.table("Findings", FINDING_COLUMNS, rows, _WIDTHS)
    sheets.table("By form", ("Audit", "In", "Resolved", "Persisting", "New", "Findings before",
                             "Findings now"),
                 [[f.form or "", _PRESENT[f.present], *(f.count(c) for c in CHANGES), f.old_findings,
                   f.new_findings] for f in comparison.forms], (16, 22, 11, 11, 11, 15, 15))
    sheets.table("By rule", ("Rule", "Title", "Rule set", "Severity", "Resolved", "Persisting", "New"),
                 [[r.rule, r.title, r.ruleset, r.severity, r.resolved, r.persisting, r.new]
                  for r in comparison.by_rule()], (11, 50, 20, 9, 11, 11, 11))
    sheets.table("Errors", ("Audit", "Side", "Where", "Message"),
                 [[e.form or "", side, e.location.describe(), e.message] for side, e in comparison.errors],
                 (16, 8, 40, 90))
    workbook.close()
    return buffer.getvalue()


class _Sheets:
    """Writes tables of text and whole numbers; text is only ever text."""

    def __init__(self, workbook: Any):
        self.workbook = workbook
        self.header, self.wrap, self.top = cell_formats(workbook)

    def table(self, name: str, headers: Sequence[str], rows: Sequence[Sequence[str | int]],
              widths: Sequence[int]) -> None:
        sheet = self.workbook.add_worksheet(name)
        for col, (header, width) in enumerate(zip(headers, widths, strict=True)):
            sheet.set_column(col, col, width, self.wrap if header in _WRAPPED else self.top)
            sheet.write_string(0, col, header, self.header)
        for row_number, row in enumerate(rows, start=1):
            for col, value in enumerate(row):
                if isinstance(value, int):
                    sheet.write_number(row_number, col, value)
                else:
                    sheet.write_string(row_number, col, cell_text(value))
        sheet.freeze_panes(1, 0)
        sheet.autofilter(0, 0, max(len(rows), 1), len(headers) - 1)


# ---- web page ----------------------------------------------------------------------------------

_EXTRA_STYLE = """
.change { font-weight: 600; border-radius: 3px; padding: 0 .3rem; color: #fff; white-space: nowrap; }
.change-resolved { background: #1e8449; } .change-persisting { background: #b9770e; }
.change-new { background: #c0392b; }
.totals .resolved dd { color: #1e8449; } .totals .persisting dd { color: #b9770e; }
.totals .new dd { color: #c0392b; }
@media print { .change { -webkit-print-color-adjust: exact; print-color-adjust: exact; } }
"""


def render(comparison: Comparison) -> str:
    """The whole comparison as one self-contained page."""
    totals = comparison.totals()
    items: list[tuple[str, str, str, int]] = [(change, change, change.capitalize(), totals[change])
                                              for change in CHANGES]
    items += [("forms-in-both", "", "Forms in both audits", totals["forms_in_both"]),
              ("forms-only-in-old", "", "Only in the old audit", totals["forms_only_in_old"]),
              ("forms-only-in-new", "", "Only in the new audit", totals["forms_only_in_new"]),
              ("read-errors", "", "Forms that could not be read", len(comparison.errors))]
    boxes = "".join((f'<div class="{_e(cls)}">' if cls else "<div>")
                    + f'<dt>{_e(label)}</dt><dd id="{_e(ident)}">{value}</dd></div>'
                    for ident, cls, label, value in items)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_e(CONTENT_POLICY)}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>Re-audit comparison</title>",
        f"<style>{_STYLE}{_EXTRA_STYLE}</style></head><body>",
        "<header><h1>Re-audit comparison</h1>",
        f'<p class="muted">{_e(", ".join(comparison.old))} (old) compared with '
        f'{_e(", ".join(comparison.new))} (new); auditrules {_e(comparison.version)}, '
        f"{len(comparison.rulesets)} rule sets.</p></header>",
        f'<section id="totals"><h2>Totals</h2><dl class="totals">{boxes}</dl></section>',
        _rule_chart(comparison),
        _forms_table(comparison),
        _findings_table(comparison),
        _errors_table(comparison),
        "</body></html>",
    ]
    return "\n".join(parts) + "\n"


def _rule_chart(comparison: Comparison) -> str:
    head = '<section id="by-rule"><h2>By rule</h2>'
    rules = comparison.by_rule()
    if not rules:
        return head + "<p>No findings in either audit.</p></section>"
    legend = '<p class="legend muted">' + "".join(
        f'<span style="background:{colour}"></span>{change}' for change, colour in CHANGE_COLOURS.items()
    ) + "</p>"
    bars = [(f"{r.rule} {r.title}", [(r.resolved, CHANGE_COLOURS["resolved"]),
                                     (r.persisting, CHANGE_COLOURS["persisting"]),
                                     (r.new, CHANGE_COLOURS["new"])]) for r in rules]
    rows = [f"<tr><td>{_e(r.rule)}</td><td>{_e(r.title)}</td><td>{r.resolved}</td>"
            f"<td>{r.persisting}</td><td>{r.new}</td></tr>" for r in rules]
    table = ("<table><thead><tr><th>Rule</th><th>Title</th><th>Resolved</th><th>Persisting</th>"
             "<th>New</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>")
    return head + legend + bar_chart("chart-by-rule", "Findings by rule", bars) + table + "</section>"


def _forms_table(comparison: Comparison) -> str:
    rows = [f"<tr><td>{_e(f.form or '(no audit id)')}</td><td>{_e(_PRESENT[f.present])}</td>"
            + "".join(f"<td>{f.count(c)}</td>" for c in CHANGES)
            + f"<td>{f.old_findings}</td><td>{f.new_findings}</td></tr>" for f in comparison.forms]
    return _table("by-form", "By form", ("Audit", "In", "Resolved", "Persisting", "New",
                                         "Findings before", "Findings now"), rows, "No forms.")


def _findings_table(comparison: Comparison) -> str:
    rows = []
    for form in comparison.forms:
        for item in form.findings:
            finding = item.finding
            why = "; ".join(finding.reasons)
            why_html = (f'<span class="why">Why: {_e(why)}</span>'
                        if why and why not in finding.message else "")
            severity = _e(finding.severity)
            rows.append(f"<tr><td>{_e(form.form or '')}</td>"
                        f'<td><span class="change change-{_e(item.change)}">{_e(item.change)}</span></td>'
                        f'<td title="{_e(finding.title)}">{_e(finding.rule)}</td>'
                        f'<td><span class="sev sev-{severity}">{severity}</span></td>'
                        f'<td class="where">{_e(_where(item))}</td>'
                        f"<td>{_e(finding.message)}{why_html}</td><td>{_e(finding.hint)}</td></tr>")
    return _table("findings", "Findings", ("Audit", "Change", "Rule", "Severity", "Where", "Message",
                                           "Hint"), rows, "No findings in either audit.")


def _errors_table(comparison: Comparison) -> str:
    rows = [f"<tr><td>{_e(e.form or '')}</td><td>{_e(side)}</td>"
            f'<td class="where">{_e(e.location.describe())}</td><td>{_e(e.message)}</td></tr>'
            for side, e in comparison.errors]
    return _table("errors", "Forms that could not be read", ("Form", "Audit", "Where", "Message"),
                  rows, "Every form was read.")


__all__ = ["CHANGE_COLOURS", "FORMATS", "render", "text", "workbook_bytes", "write"]
