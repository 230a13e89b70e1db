"""The recommendation tracker as text, a spreadsheet and a web page.

The spreadsheet uses the same formula-safe workbook as the findings report, and the page the
same escaping and styles as the HTML report: text is only ever text.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import IO, Any

from ..dsl.compiler import show
from ..tracking import OwnerGroup, TrackedRecommendation, Tracker
from . import visible
from .html import _STYLE, CONTENT_POLICY, _e
from .xlsx import cell_formats, cell_text, new_workbook

TRACKER_FORMATS = ("text", "xlsx", "html")

RECOMMENDATION_COLUMNS: tuple[str, ...] = (
    "Owner", "Audit", "Where", "Action", "Due", "Status", "Completed on", "Completion evidence",
    "Days overdue", "Working days overdue", "Findings")
TOTAL_COLUMNS: tuple[str, ...] = (
    "Owner", "Recommendations", "Open", "Overdue", "Complete", "Complete without evidence")

_WIDTHS = (22, 14, 26, 50, 14, 10, 14, 40, 10, 10, 70)
_WRAPPED = {"Action", "Completion evidence", "Findings"}


def _text(value: object) -> str:
    return "" if value is None else show(value, limit=10_000)


def _findings_text(recommendation: TrackedRecommendation) -> str:
    return "\n".join(f"{f.rule} {f.severity}: {f.message}" for f in recommendation.findings)


def recommendation_row(group: OwnerGroup, recommendation: TrackedRecommendation) -> list[str]:
    """One recommendation's cells, as text, under RECOMMENDATION_COLUMNS."""
    days = recommendation.days_overdue
    working = recommendation.working_days_overdue
    return [group.owner, recommendation.form or "", recommendation.location.describe(),
            recommendation.action or "", _text(recommendation.due), recommendation.status or "",
            _text(recommendation.completed_on), recommendation.completion_evidence or "",
            "" if days is None else str(days), "" if working is None else str(working),
            _findings_text(recommendation)]


def total_numbers(group: OwnerGroup) -> list[int]:
    return [group.total, group.open, group.overdue, group.complete, group.complete_without_evidence]


def _all_totals(tracker: Tracker) -> list[int]:
    return [sum(column) for column in zip(*(total_numbers(g) for g in tracker.owners),
                                         strict=True)] or [0, 0, 0, 0, 0]


def _count(number: int | None, word: str) -> str:
    return f"{number} {word}{'' if number == 1 else 's'}"


def _as_of(tracker: Tracker) -> str:
    return show(tracker.as_of)


# ---- text --------------------------------------------------------------------------------------

def write_text(tracker: Tracker, stream: IO[str]) -> None:
    """The tracker for a terminal: each owner's totals, then their recommendations."""
    stream.write(f"Recommendations as of {_as_of(tracker)}: {len(tracker.recommendations)} in "
                 f"{_count(tracker.forms_checked, 'form')}.\n")
    for group in tracker.owners:
        stream.write(f"\n{group.owner}: {_count(group.total, 'recommendation')}, {group.open} open, "
                     f"{group.overdue} overdue, {group.complete} complete "
                     f"({group.complete_without_evidence} without evidence)\n")
        for recommendation in group.recommendations:
            late = (f", {_count(recommendation.days_overdue, 'day')} overdue "
                    f"({_count(recommendation.working_days_overdue, 'working day')})"
                    if recommendation.days_overdue is not None else "")
            done = (f", completed on {show(recommendation.completed_on)}"
                    if recommendation.completed_on else "")
            stream.write(f"  {recommendation.form or '(no audit id)'} "
                         f"{recommendation.location.describe()}: {recommendation.action or '(no action)'}"
                         f" | due {_text(recommendation.due) or '(blank)'}"
                         f" | {recommendation.status or 'no status'}{done}{late}\n")
            for finding in recommendation.findings:
                stream.write(f"      {finding.rule} {finding.severity}: {finding.message}\n")
    if tracker.escalations:
        stream.write("\nEscalations of poor practice:\n")
        for finding in tracker.escalations:
            stream.write(f"  {finding.form or '(no audit id)'} {finding.location.describe()}: "
                         f"{finding.rule} {finding.severity}: {finding.message}\n")
    for error in tracker.errors:
        stream.write(f"error: {error.location.describe()}: {error.message}\n")
    totals = _all_totals(tracker)
    stream.write(f"\n{_count(totals[0], 'recommendation')}: {totals[1]} open, {totals[2]} overdue, "
                 f"{totals[3]} complete ({totals[4]} without evidence).\n")


# ---- spreadsheet -------------------------------------------------------------------------------

def write_xlsx(tracker: Tracker, stream: IO[bytes]) -> None:
    """A workbook: Recommendations (one row each, by owner), Owners (totals), Escalations and
    Errors. Every text is a text cell; numbers are numbers."""
    buffer = io.BytesIO()
    workbook = new_workbook(buffer)
    header, wrap, top = cell_formats(workbook)
    bold = workbook.add_format({"bold": True, "valign": "top"})

    def sheet_with(name: str, headers: Sequence[str], widths: Sequence[int]) -> Any:
        sheet = workbook.add_worksheet(name)
        for col, (title, width) in enumerate(zip(headers, widths, strict=True)):
            sheet.set_column(col, col, width, wrap if title in _WRAPPED else top)
            sheet.write_string(0, col, title, header)
        sheet.freeze_panes(1, 0)
        return sheet

    rows = sheet_with("Recommendations", RECOMMENDATION_COLUMNS, _WIDTHS)
    row = 0
    for group in tracker.owners:
        for recommendation in group.recommendations:
            row += 1
            for col, value in enumerate(recommendation_row(group, recommendation)):
                title = RECOMMENDATION_COLUMNS[col]
                if not value:
                    continue
                if title in ("Days overdue", "Working days overdue"):
                    rows.write_number(row, col, int(value))
                else:
                    rows.write_string(row, col, cell_text(value), wrap if title in _WRAPPED else top)
    rows.autofilter(0, 0, max(row, 1), len(RECOMMENDATION_COLUMNS) - 1)

    owners = sheet_with("Owners", TOTAL_COLUMNS, (30, 16, 10, 10, 10, 16))
    row = 0
    for group in tracker.owners:
        row += 1
        owners.write_string(row, 0, cell_text(group.owner))
        for col, number in enumerate(total_numbers(group), start=1):
            owners.write_number(row, col, number)
    row += 1
    owners.write_string(row, 0, "All owners", bold)
    for col, number in enumerate(_all_totals(tracker), start=1):
        owners.write_number(row, col, number, bold)
    owners.write_string(row + 2, 0, f"As of {_as_of(tracker)}")

    escalations = sheet_with("Escalations", ("Audit", "Where", "Rule", "Severity", "Message", "Hint"),
                             (14, 30, 11, 9, 70, 50))
    for row, finding in enumerate(tracker.escalations, start=1):
        for col, value in enumerate((finding.form or "", finding.location.describe(), finding.rule,
                                     finding.severity, finding.message, finding.hint)):
            escalations.write_string(row, col, cell_text(value))

    errors = sheet_with("Errors", ("Form", "Where", "Message"), (16, 40, 90))
    for row, error in enumerate(tracker.errors, start=1):
        for col, value in enumerate((error.form or "", error.location.describe(), error.message)):
            errors.write_string(row, col, cell_text(value))
    workbook.close()
    stream.write(buffer.getvalue())


# ---- web page ----------------------------------------------------------------------------------

_TRACKER_STYLE = """
.owner { margin-top: 1.5rem; }
.overdue { color: #c0392b; font-weight: 600; }
td.num { text-align: right; white-space: nowrap; }
"""


def render_html(tracker: Tracker) -> str:
    """The tracker as one self-contained page: totals by owner, then each owner's
    recommendations with the findings against them."""
    totals = _all_totals(tracker)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_e(CONTENT_POLICY)}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Recommendations as of {_e(_as_of(tracker))}</title>",
        f"<style>{_STYLE}{_TRACKER_STYLE}</style></head><body>",
        f"<header><h1>Recommendations as of {_e(_as_of(tracker))}</h1>",
        f'<p class="muted">{totals[0]} recommendations in {tracker.forms_checked} forms.</p></header>',
        '<dl class="totals">' + "".join(
            f'<div class="{cls}"><dt>{_e(label)}</dt><dd>{value}</dd></div>'
            for cls, label, value in (("", "Recommendations", totals[0]), ("info", "Open", totals[1]),
                                      ("error", "Overdue", totals[2]), ("", "Complete", totals[3]),
                                      ("warning", "Complete without evidence", totals[4])))
        + "</dl>",
        _owners_table(tracker),
        *(_owner_section(index, group) for index, group in enumerate(tracker.owners, start=1)),
        _escalations(tracker),
        _errors(tracker),
        "</body></html>",
    ]
    return "\n".join(parts) + "\n"


def _table(headers: Sequence[str], rows: Sequence[str]) -> str:
    head = "".join(f"<th>{_e(h)}</th>" for h in headers)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _owners_table(tracker: Tracker) -> str:
    rows = [f'<tr><td><a href="#owner-{index}">{_e(group.owner)}</a></td>'
            + "".join(f'<td class="num">{n}</td>' for n in total_numbers(group)) + "</tr>"
            for index, group in enumerate(tracker.owners, start=1)]
    rows.append("<tr><th>All owners</th>"
                + "".join(f'<th class="num">{n}</th>' for n in _all_totals(tracker)) + "</tr>")
    return f'<section id="owners"><h2>By owner</h2>{_table(TOTAL_COLUMNS, rows)}</section>'


def _owner_section(index: int, group: OwnerGroup) -> str:
    rows = []
    for recommendation in group.recommendations:
        cells = recommendation_row(group, recommendation)[1:-1]
        late = recommendation.days_overdue is not None
        findings = "".join(
            f'<div><span class="sev sev-{_e(f.severity)}">{_e(f.rule)}</span> {_e(f.message)}'
            f'<span class="why">Good looks like: {_e(f.hint)}</span></div>'
            for f in recommendation.findings)
        tds = [f"<td>{_e(cells[0])}</td>", f'<td class="where">{_e(cells[1])}</td>']
        tds += [f"<td>{_e(value)}</td>" for value in cells[2:7]]
        tds += [f'<td class="num{" overdue" if late else ""}">{_e(value)}</td>'
                for value in cells[7:9]]
        tds.append(f"<td>{findings}</td>")
        rows.append("<tr>" + "".join(tds) + "</tr>")
    summary = (f"{_count(group.total, 'recommendation')}: {group.open} open, {group.overdue} overdue, "
               f"{group.complete} complete ({group.complete_without_evidence} without evidence)")
    return (f'<section class="owner" id="owner-{index}"><h2>{_e(group.owner)}</h2>'
            f'<p class="muted">{_e(summary)}</p>'
            f"{_table(RECOMMENDATION_COLUMNS[1:], rows)}</section>")


def _escalations(tracker: Tracker) -> str:
    if not tracker.escalations:
        return ('<section id="escalations"><h2>Escalations of poor practice</h2>'
                "<p>No findings about escalations.</p></section>")
    rows = [f'<tr><td>{_e(f.form or "")}</td><td class="where">{_e(f.location.describe())}</td>'
            f'<td><span class="sev sev-{_e(f.severity)}">{_e(f.rule)}</span></td>'
            f"<td>{_e(f.message)}</td><td>{_e(f.hint)}</td></tr>" for f in tracker.escalations]
    return ('<section id="escalations"><h2>Escalations of poor practice</h2>'
            + _table(("Audit", "Where", "Rule", "Message", "Good looks like"), rows) + "</section>")


def _errors(tracker: Tracker) -> str:
    if not tracker.errors:
        return ""
    rows = [f'<tr><td>{_e(e.form or "")}</td><td class="where">{_e(e.location.describe())}</td>'
            f"<td>{_e(e.message)}</td></tr>" for e in tracker.errors]
    return ('<section id="errors"><h2>Forms that could not be read</h2>'
            + _table(("Form", "Where", "Message"), rows) + "</section>")


def write(tracker: Tracker, format_name: str, stream: IO[Any]) -> None:
    """Write the tracker in one of TRACKER_FORMATS."""
    if format_name == "xlsx":
        write_xlsx(tracker, stream)
    elif format_name == "html":
        stream.write(render_html(tracker))
    else:
        shown = io.StringIO()
        write_text(tracker, shown)
        stream.write(visible(shown.getvalue()))


__all__ = ["TRACKER_FORMATS", "render_html", "write", "write_text", "write_xlsx"]
