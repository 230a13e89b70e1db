"""The end-of-day pack for a practice day's sample: what was strong and what fell short across
the cases, the judgements worth sharing, poor practice escalated, and organisational
recommendations proposed from the patterns.

A shortfall (an error or a warning) on more than `threshold` of the cases a rule applies to
becomes a proposed organisational recommendation, with the cases as its evidence and the rule's
"what good looks like" as what to aim for. The proposals are for the lead manager and the day's
auditors to agree, change or drop; the pack says so.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..models import Finding, FormError
from ..readers.form_mapping import FormMapping
from ..readers.mapping import SheetMapping
from .impact import SHORTFALL, applying

THRESHOLD = 0.3


@dataclass
class Shortfall:
    rule: str
    title: str
    ruleset: str
    forms: list[str]
    cases: int
    """The cases the rule's set applies to."""
    typical: Finding

    @property
    def share(self) -> float:
        return len(self.forms) / self.cases if self.cases else 0.0


@dataclass(frozen=True)
class Quote:
    form: str
    where: str
    words: str


@dataclass(frozen=True)
class Raised:
    form: str
    senior_manager: str | None
    notified_on: dt.date | None


@dataclass
class DayReport:
    day: dt.date
    forms: list[str] = field(default_factory=list)
    errors: list[FormError] = field(default_factory=list)
    shortfalls: list[Shortfall] = field(default_factory=list)
    """Commonest first."""
    strengths: list[Quote] = field(default_factory=list)
    themes: list[tuple[str, str, int, int]] = field(default_factory=list)
    """Each rule set (the core ones and the themes): id, title, cases falling short, cases it
    applies to."""
    escalations: list[Raised] = field(default_factory=list)
    threshold: float = THRESHOLD

    @property
    def proposals(self) -> list[Shortfall]:
        return [s for s in self.shortfalls if s.share > self.threshold]


def build(engine: Any, sources: Sequence[Path], mapping: SheetMapping | FormMapping | None,
          threshold: float = THRESHOLD, day: dt.date | None = None) -> DayReport:
    from .letters import review_strengths

    report = DayReport(day or dt.date.today(), threshold=threshold)
    reviewed, report.errors = review_strengths(engine, sources, mapping)
    applies: dict[str, int] = {}
    found: dict[str, Shortfall] = {}
    short_sets: dict[str, int] = {}
    for review in reviewed:
        form = review.form
        audit = form.audit.id or f"form {len(report.forms) + 1}"
        report.forms.append(audit)
        for ruleset_id in applying(engine, form.model_dump(by_alias=True)):
            applies[ruleset_id] = applies.get(ruleset_id, 0) + 1
        seen: set[str] = set()
        for ruleset_id in {f.ruleset for f in review.findings if f.severity in SHORTFALL}:
            short_sets[ruleset_id] = short_sets.get(ruleset_id, 0) + 1
        for finding in review.findings:
            if finding.severity not in SHORTFALL or finding.rule in seen:
                continue
            seen.add(finding.rule)
            item = found.setdefault(finding.rule, Shortfall(finding.rule, finding.title, finding.ruleset,
                                                            [], 0, finding))
            item.forms.append(audit)
        report.strengths += [Quote(audit, where, words) for where, words, quoted in review.strengths
                             if quoted]
        escalation = form.escalation
        if escalation.poor_practice:
            report.escalations.append(Raised(audit, escalation.senior_manager, escalation.notified_on))
    for item in found.values():
        item.cases = applies.get(item.ruleset, len(report.forms))
    report.shortfalls = sorted(found.values(), key=lambda s: (-s.share, -len(s.forms), s.rule))
    report.themes = [(rs.info.id, rs.info.title, short_sets.get(rs.info.id, 0), applies[rs.info.id])
                     for rs in engine.rulesets if applies.get(rs.info.id)]
    # The judgements to share: the fullest of those found strong, one from each part of the form
    # first, and never the same words twice.
    unique = list({q.words: q for q in sorted(report.strengths, key=lambda q: -len(q.words))}.values())
    first_of_each = list({q.where: q for q in reversed(unique)}.values())[::-1]
    report.strengths = first_of_each + [q for q in unique if q not in first_of_each]
    return report


def _percent(share: float) -> str:
    return f"{share:.0%}"


def escalation_text(raised: Raised) -> str:
    return (f"{raised.form}: " + (f"to {raised.senior_manager}" if raised.senior_manager
                                  else "no senior manager named")
            + (f" on {raised.notified_on:%d %B %Y}" if raised.notified_on else ""))


def proposal_text(item: Shortfall) -> str:
    return (f"{item.title}: {len(item.forms)} of {item.cases} cases fall short "
            f"({', '.join(item.forms)}). Aim: {item.typical.hint or item.title}")


def render_text(report: DayReport) -> str:
    n = len(report.forms)
    lines = [f"Practice day, {report.day:%d %B %Y}: {n} case{'s' if n != 1 else ''} audited.", ""]
    lines.append("By rule set (cases with a shortfall, of the cases it applies to):")
    lines += [f"  {ruleset} {title}: {short} of {cases}" for ruleset, title, short, cases in report.themes]
    lines += ["", "Commonest shortfalls:"]
    for item in report.shortfalls:
        lines.append(f"  {item.rule} {item.title}: {len(item.forms)} of {item.cases} cases "
                     f"({_percent(item.share)}); typically: {item.typical.message}")
    lines += ["", "Judgements worth sharing:"]
    lines += [f"  {q.form}, {q.where}: \u201c{q.words}\u201d" for q in report.strengths[:5]] \
        or ["  none found"]
    lines += ["", "Poor practice escalated:"]
    lines += [f"  {escalation_text(r)}" for r in report.escalations] or ["  none"]
    lines += ["", f"Proposed organisational recommendations (a shortfall on more than "
                  f"{_percent(report.threshold)} of cases), for the day's auditors to agree:"]
    lines += [f"  {proposal_text(item)}" for item in report.proposals]
    if not report.proposals:
        lines.append("  none: no shortfall is that common")
    return "\n".join(lines) + "\n"


def render_html(report: DayReport) -> str:
    from ..reporters.html import _STYLE, CONTENT_POLICY, _e, bar_chart

    top = report.shortfalls[:12]
    chart = bar_chart("chart-shortfalls", "Cases falling short, by rule",
                      [(f"{s.rule} {s.title}", [(len(s.forms), "#b3413b")]) for s in top])
    rows = "".join(
        f"<tr><td>{_e(s.rule)}</td><td>{_e(s.title)}</td><td>{len(s.forms)} of {s.cases} "
        f"({_percent(s.share)})</td><td>{_e(s.typical.message)}</td></tr>" for s in report.shortfalls)
    themes = "".join(f"<tr><td>{_e(r)}</td><td>{_e(t)}</td><td>{short} of {cases}</td></tr>"
                     for r, t, short, cases in report.themes)
    quotes = "".join(f"<blockquote><p>{_e(q.words)}</p><footer>{_e(q.form)}, {_e(q.where)}</footer>"
                     "</blockquote>" for q in report.strengths[:5]) or "<p>None found.</p>"
    raised = "".join(f"<li>{_e(escalation_text(r))}</li>" for r in report.escalations) or "<li>None.</li>"
    proposals = "".join(f"<li>{_e(proposal_text(s))}</li>" for s in report.proposals) \
        or "<li>None: no shortfall is that common.</li>"
    n = len(report.forms)
    return "\n".join([
        "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_e(CONTENT_POLICY)}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>Practice day</title>", f"<style>{_STYLE}</style></head><body>",
        f"<header><h1>Practice day, {report.day:%d %B %Y}</h1>"
        f'<p class="muted">{n} case{"s" if n != 1 else ""} audited.</p></header>',
        f'<section id="themes"><h2>By rule set</h2><table><thead><tr><th>Rule set</th><th>Title</th>'
        f"<th>Cases falling short</th></tr></thead><tbody>{themes}</tbody></table></section>",
        f'<section id="shortfalls"><h2>What fell short</h2>{chart}<table><thead><tr><th>Rule</th>'
        f"<th>Title</th><th>Cases</th><th>A typical finding</th></tr></thead><tbody>{rows}</tbody>"
        "</table></section>",
        f'<section id="strengths"><h2>Judgements worth sharing</h2>{quotes}</section>',
        f'<section id="escalations"><h2>Poor practice escalated</h2><ul>{raised}</ul></section>',
        f'<section id="proposals"><h2>Proposed organisational recommendations</h2>'
        f'<p class="muted">A shortfall on more than {_percent(report.threshold)} of the cases it '
        "applies to, for the day's auditors and the lead manager to agree, change or drop.</p>"
        f"<ul>{proposals}</ul></section>",
        "</body></html>", ""])


def write_docx(report: DayReport, stream: Any) -> None:
    import docx

    document = docx.Document()
    n = len(report.forms)
    document.add_heading(f"Practice day, {report.day:%d %B %Y}", level=0)
    document.add_paragraph(f"{n} case{'s' if n != 1 else ''} audited.")
    document.add_heading("By rule set", level=1)
    for ruleset, title, short, cases in report.themes:
        document.add_paragraph(f"{ruleset} {title}: {short} of {cases} cases fall short", style="List Bullet")
    document.add_heading("What fell short", level=1)
    table = document.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, title in zip(table.rows[0].cells, ("Rule", "Title", "Cases", "A typical finding"), strict=True):
        cell.text = title
    for item in report.shortfalls:
        cells = table.add_row().cells
        for cell, text in zip(cells, (item.rule, item.title, f"{len(item.forms)} of {item.cases} "
                                      f"({_percent(item.share)})", item.typical.message), strict=True):
            cell.text = text
    document.add_heading("Judgements worth sharing", level=1)
    for quote in report.strengths[:5]:
        document.add_paragraph(f"\u201c{quote.words}\u201d ({quote.form}, {quote.where})", style="Quote")
    if not report.strengths:
        document.add_paragraph("None found.")
    document.add_heading("Poor practice escalated", level=1)
    for raised in report.escalations:
        document.add_paragraph(escalation_text(raised), style="List Bullet")
    if not report.escalations:
        document.add_paragraph("None.")
    document.add_heading("Proposed organisational recommendations", level=1)
    document.add_paragraph(f"A shortfall on more than {_percent(report.threshold)} of the cases it "
                           "applies to, for the day's auditors and the lead manager to agree, change "
                           "or drop.")
    for item in report.proposals:
        document.add_paragraph(proposal_text(item), style="List Bullet")
    if not report.proposals:
        document.add_paragraph("None: no shortfall is that common.")
    buffer = io.BytesIO()
    document.save(buffer)
    stream.write(buffer.getvalue())


__all__ = ["THRESHOLD", "DayReport", "Quote", "Raised", "Shortfall", "build", "render_html",
           "render_text", "write_docx"]
