"""HTML report: one self-contained page (inline CSS and SVG charts, no scripts, nothing fetched)
with the totals, findings by rule and by team, every finding, the rule sets and the errors.

Every piece of text from a form or a rule set is escaped; the page's content security policy
refuses scripts and anything from the network even if some text were not.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from html import escape
from typing import IO, Any

from ..hookspecs import hookimpl
from ..models import Finding
from ..results import CheckResult
from . import Reporter
from .tables import AuditIndex, Summary, summarise

CONTENT_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

SEVERITY_COLOURS = {"error": "#c0392b", "warning": "#d68910", "info": "#2e86c1"}
OTHER_COLOUR = "#95a5a6"

_STYLE = """
:root { --ink: #1c2833; --muted: #5d6d7e; --line: #d5d8dc; --band: #f4f6f7; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
       color: var(--ink); margin: 0 auto; max-width: 1200px; padding: 1.5rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .6rem; border-bottom: 2px solid var(--line); }
.muted { color: var(--muted); }
.totals { display: flex; flex-wrap: wrap; gap: .75rem; margin: 0; padding: 0; }
.totals div { border: 1px solid var(--line); border-radius: 6px; padding: .5rem .9rem;
              min-width: 9rem; background: var(--band); }
.totals dt { font-size: .85rem; color: var(--muted); }
.totals dd { font-size: 1.6rem; font-weight: 600; margin: 0; }
.totals .error dd { color: #c0392b; } .totals .warning dd { color: #b9770e; }
.totals .info dd { color: #2e86c1; }
svg.chart { width: 100%; height: auto; max-width: 900px; display: block; }
svg.chart text { font: 12px system-ui, Arial, sans-serif; fill: #1c2833; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { border: 1px solid var(--line); padding: .35rem .5rem; text-align: left;
         vertical-align: top; }
th { background: var(--band); }
tbody tr:nth-child(even) { background: #fbfcfc; }
td.where, td.hash { font-family: ui-monospace, Consolas, monospace; font-size: .8rem;
                    word-break: break-all; }
.sev { font-weight: 600; border-radius: 3px; padding: 0 .3rem; color: #fff; white-space: nowrap; }
.sev-error { background: #c0392b; } .sev-warning { background: #b9770e; }
.sev-info { background: #2e86c1; }
.why { display: block; color: var(--muted); font-size: .8rem; margin-top: .2rem; }
.legend span { display: inline-block; width: .8rem; height: .8rem; margin: 0 .3rem 0 .8rem;
               vertical-align: middle; }
@media print {
  body { font-size: 10pt; max-width: none; padding: 0; }
  h2 { break-after: avoid; }
  section { break-inside: auto; }
  tr, svg.chart, .totals div { break-inside: avoid; }
  thead { display: table-header-group; }
  .sev, .totals div, svg.chart, .legend span { -webkit-print-color-adjust: exact;
                                               print-color-adjust: exact; }
  tbody tr:nth-child(even) { background: none; }
}
"""


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _percent(share: float | None) -> str:
    return "n/a" if share is None else f"{share:.0%}"


def bar_chart(chart_id: str, title: str, bars: Sequence[tuple[str, Sequence[tuple[int, str]]]],
              *, label_width: int = 290, bar_width: int = 520) -> str:
    """A horizontal bar chart as inline SVG: each bar a label and stacked (value, colour) parts."""
    row_height, top = 24, 8
    height = top * 2 + row_height * max(len(bars), 1)
    width = label_width + bar_width + 60
    largest = max((sum(v for v, _ in parts) for _, parts in bars), default=0) or 1
    out = [f'<svg class="chart" id="{_e(chart_id)}" xmlns="http://www.w3.org/2000/svg" '
           f'viewBox="0 0 {width} {height}" role="img" aria-label="{_e(title)}">',
           f"<title>{_e(title)}</title>"]
    for index, (label, parts) in enumerate(bars):
        y = top + index * row_height
        total = sum(v for v, _ in parts)
        shown = label if len(label) <= 36 else label[:35] + "…"  # fits label_width at 12px
        out.append(f"<g><title>{_e(label)}: {total}</title>")
        out.append(f'<text x="{label_width - 8}" y="{y + 16}" text-anchor="end">{_e(shown)}</text>')
        x = float(label_width)
        for value, colour in parts:
            if value <= 0:
                continue
            length = bar_width * value / largest
            out.append(f'<rect x="{x:.1f}" y="{y + 3}" width="{length:.1f}" '
                       f'height="{row_height - 6}" fill="{_e(colour)}"/>')
            x += length
        out.append(f'<text x="{x + 6:.1f}" y="{y + 16}">{total}</text></g>')
    out.append("</svg>")
    return "".join(out)


class HtmlReporter(Reporter):
    name = "html"
    description = "One self-contained web page with totals, charts and every finding; prints well."
    suffix = ".html"

    def write(self, result: CheckResult, stream: IO[Any], *, color: bool = False) -> None:
        for piece in pieces(result):
            stream.write(piece)


def render(result: CheckResult) -> str:
    """The whole page for `result`."""
    return "".join(pieces(result))


def pieces(result: CheckResult) -> Iterator[str]:
    """The page for `result` in the order it is written: the findings a row at a time, so a
    large return's page is never all held in memory."""
    summary = summarise(result)
    parts: list[str | Iterator[str]] = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_e(CONTENT_POLICY)}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>Case audit findings</title>",
        f"<style>{_STYLE}</style></head><body>",
        "<header><h1>Case audit findings</h1>",
        f'<p class="muted">auditrules {_e(result.version)}: {len(result.rulesets)} rule sets, '
        f"{summary.forms_checked} forms checked."
        + (f" Text checks scored by {_e(result.model_summary)}." if result.model_summary else "")
        + "</p></header>",
        _totals(summary, result),
        _rule_chart(summary),
        _team_chart(summary),
        _findings_table(result),
        _waived_table(result),
        _rulesets_table(result),
        _errors_table(result),
        "</body></html>",
    ]
    for part in parts:
        if isinstance(part, str):
            if part:
                yield part + "\n"
        else:
            yield from part
            yield "\n"


def _totals(summary: Summary, result: CheckResult) -> str:
    items = [("forms-checked", "", "Forms checked", str(summary.forms_checked))]
    items += [(f"findings-{s}", s, f"{s.capitalize()} findings", str(n)) for s, n in summary.by_severity]
    if result.waived is not None:
        items.append(("findings-waived", "", "Findings waived", str(len(result.waived))))
    items.append(("share-no-errors", "", "Audits with no error findings",
                  _percent(summary.share_without_errors)))
    items.append(("read-errors", "", "Forms that could not be read", str(summary.read_errors)))
    cells = "".join((f'<div class="{_e(cls)}">' if cls else "<div>")
                    + f'<dt>{_e(label)}</dt><dd id="{_e(ident)}">{_e(value)}</dd></div>'
                    for ident, cls, label, value in items)
    detail = (f'<p class="muted">{summary.audits_without_errors} of {summary.audits} audits have no '
              f"error findings; {summary.findings} findings in all.</p>")
    return f'<section id="totals"><h2>Totals</h2><dl class="totals">{cells}</dl>{detail}</section>'


def _legend(entries: Sequence[tuple[str, str]]) -> str:
    return '<p class="legend muted">' + "".join(
        f'<span style="background:{_e(colour)}"></span>{_e(label)}' for label, colour in entries) + "</p>"


def _rule_chart(summary: Summary) -> str:
    head = '<section id="by-rule"><h2>Findings by rule</h2>'
    if not summary.by_rule:
        return head + "<p>No findings.</p></section>"
    bars = [(f"{r.rule} {r.title}", [(r.findings, SEVERITY_COLOURS.get(r.severity, OTHER_COLOUR))])
            for r in summary.by_rule]
    legend = _legend([(s, c) for s, c in SEVERITY_COLOURS.items()])
    return head + legend + bar_chart("chart-by-rule", "Findings by rule", bars) + "</section>"


def _team_chart(summary: Summary) -> str:
    head = '<section id="by-team"><h2>Findings by team</h2>'
    if not summary.by_team or not summary.findings:
        return head + "<p>No findings.</p></section>"
    bars = [(f"{t.name} ({t.audits} audit{'s' if t.audits != 1 else ''})",
             [(t.errors, SEVERITY_COLOURS["error"]), (t.findings - t.errors, OTHER_COLOUR)])
            for t in summary.by_team]
    legend = _legend([("error findings", SEVERITY_COLOURS["error"]), ("warnings and info", OTHER_COLOUR)])
    return head + legend + bar_chart("chart-by-team", "Findings by team", bars) + "</section>"


def _table(section_id: str, title: str, headers: Sequence[str], rows: Sequence[str],
           empty: str) -> str:
    if not rows:
        return _section_head(section_id, title) + f"<p>{_e(empty)}</p></section>"
    return _table_head(section_id, title, headers) + "".join(rows) + _TABLE_END


def _section_head(section_id: str, title: str) -> str:
    return f'<section id="{_e(section_id)}"><h2>{_e(title)}</h2>'


def _table_head(section_id: str, title: str, headers: Sequence[str]) -> str:
    header = "".join(f"<th>{_e(h)}</th>" for h in headers)
    return _section_head(section_id, title) + f"<table><thead><tr>{header}</tr></thead><tbody>"


_TABLE_END = "</tbody></table></section>"


def _finding_row(finding: Finding, team: str) -> str:
    why = "; ".join(finding.reasons)
    why_html = f'<span class="why">Why: {_e(why)}</span>' if why and why not in finding.message else ""
    severity = _e(finding.severity)
    return (f"<tr><td>{_e(finding.form or '')}</td><td>{_e(team)}</td>"
            f'<td class="where">{_e(finding.location.describe())}</td>'
            f'<td title="{_e(finding.title)}">{_e(finding.rule)}</td>'
            f'<td><span class="sev sev-{severity}">{severity}</span></td>'
            f"<td>{_e(finding.message)}{why_html}</td><td>{_e(finding.hint)}</td></tr>")


def _findings_table(result: CheckResult) -> Iterator[str]:
    if not result.findings:
        yield _table("findings", "Findings", (), [], "No findings.")
        return
    yield _table_head("findings", "Findings",
                      ("Audit", "Team", "Where", "Rule", "Severity", "Message", "Hint"))
    index = AuditIndex(result.audits)
    for finding in result.findings:
        audit = index.audit_of(finding)
        yield _finding_row(finding, (audit.team or "") if audit else "")
    yield _TABLE_END


def _waived_table(result: CheckResult) -> str:
    if result.waived is None:
        return ""
    index = AuditIndex(result.audits)
    rows = []
    for item in result.waived:
        finding, waiver = item.finding, item.waiver
        audit = index.audit_of(finding)
        severity = _e(finding.severity)
        rows.append(f"<tr><td>{_e(finding.form or '')}</td><td>{_e((audit.team or '') if audit else '')}</td>"
                    f'<td class="where">{_e(finding.location.describe())}</td>'
                    f'<td title="{_e(finding.title)}">{_e(finding.rule)}</td>'
                    f'<td><span class="sev sev-{severity}">{severity}</span></td>'
                    f"<td>{_e(finding.message)}</td><td>{_e(waiver.reason)}</td>"
                    f"<td>{_e(waiver.approver)}</td><td>{_e(waiver.expires.isoformat())}</td></tr>")
    return _table("waived", "Waived findings (not counted)",
                  ("Audit", "Team", "Where", "Rule", "Severity", "Message", "Reason", "Approver",
                   "Expires"), rows, "No finding was waived.")


def _rulesets_table(result: CheckResult) -> str:
    rows = [f"<tr><td>{_e(r.id)}</td><td>{_e(r.version)}</td><td>{_e(r.title)}</td>"
            f'<td class="hash">{_e(r.sha256)}</td><td class="where">{_e(r.source)}</td></tr>'
            for r in result.rulesets]
    return _table("rulesets", "Rule sets", ("Id", "Version", "Title", "SHA-256", "Source"), rows,
                  "No rule sets were loaded.")


def _errors_table(result: CheckResult) -> str:
    rows = [f'<tr><td>{_e(e.form or "")}</td><td class="where">{_e(e.location.describe())}</td>'
            f"<td>{_e(e.message)}</td></tr>" for e in result.errors]
    return _table("errors", "Forms that could not be read", ("Form", "Where", "Message"), rows,
                  "Every form was read.")


@hookimpl
def register_reporters() -> list[Reporter]:
    return [HtmlReporter()]
