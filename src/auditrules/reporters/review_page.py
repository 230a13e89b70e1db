"""The review page: one self-contained web page for a lead manager quality-assuring a write-up.

It shows the QA summary (the proposed outcome and its reasons, counts by severity and by
section, the recorded outcome), the strengths worth recognising, then the whole write-up in the
canonical order with each finding beside the field it concerns and the words it concerns marked,
and last the findings about the form as a whole. It loads nothing, escapes every text (with the
html report's escaping, styles and content security policy) and prints with each finding beside
its text. Its one script, allowed by its hash and nothing else, writes the lead manager's marks
(was a text finding right or wrong?) to a labels file for `auditrules learn`.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Sequence

from ..models import SEVERITIES
from ..review import Field, Group, Part, Placed, Review, segments, show_value
from .html import _STYLE, CONTENT_POLICY, _e

OUTCOME_WORDS = {"agree": "Agree", "amend": "Amend", "return": "Return"}
OUTCOME_MEANING = {
    "agree": "the write-up can be signed off as it is.",
    "amend": "the write-up can be signed off once the auditor has put right the points below.",
    "return": "send the write-up back to the auditor to rework before it is signed off.",
}

_REVIEW_STYLE = """
body { max-width: 1280px; }
header.page h1 { margin-bottom: .4rem; }
dl.meta { display: flex; flex-wrap: wrap; gap: .2rem 1.4rem; margin: 0 0 .6rem; }
dl.meta div { display: flex; gap: .4rem; } dl.meta dt { color: var(--muted); } dl.meta dd { margin: 0; }
nav.contents { border: 1px solid var(--line); border-radius: 6px; background: var(--band);
               padding: .4rem .8rem; margin: 1rem 0; font-size: .9rem; }
nav.contents ol { margin: .2rem 0; padding-left: 1.2rem; columns: 2; }
.proposal { border-left: 6px solid var(--muted); padding: .5rem 1rem; background: var(--band);
            margin: .5rem 0 1rem; }
.proposal.return { border-color: #c0392b; } .proposal.amend { border-color: #d68910; }
.proposal.agree { border-color: #1e8449; }
.proposal .outcome { font-size: 1.35rem; font-weight: 700; margin: 0 0 .3rem; }
.proposal ul { margin: .3rem 0; }
table.counts { width: auto; min-width: 24rem; margin-top: .5rem; }
table.counts td.n, table.counts th.n { text-align: right; }
.letter { border: 1px solid #a9dfbf; background: #f4fbf6; border-radius: 6px; padding: .6rem 1rem; }
.letter li { margin: .35rem 0; }
section.part { margin-top: 1.6rem; }
section.part > h2 { margin-top: 0; }
.group { border-top: 1px solid var(--line); padding-top: .3rem; margin: .6rem 0 .2rem; }
.group > h3 { font-size: 1.05rem; margin: .2rem 0 .3rem; }
.group .group { margin-left: 1rem; }
.group .group > h3 { font-size: .98rem; }
.field { display: grid; grid-template-columns: minmax(0, 7fr) minmax(0, 5fr); gap: 1rem;
         padding: .35rem 0; border-bottom: 1px dotted var(--line); }
.field:last-child { border-bottom: none; }
.field .label { font-size: .8rem; text-transform: uppercase; letter-spacing: .03em;
                color: var(--muted); margin: 0 0 .1rem; font-weight: 600; }
.field .text { white-space: pre-wrap; overflow-wrap: anywhere; margin: 0; }
.field .empty { color: var(--muted); font-style: italic; margin: 0; }
.findings { display: flex; flex-direction: column; gap: .45rem; }
.finding { border: 1px solid var(--line); border-left: 5px solid #95a5a6; border-radius: 4px;
           padding: .35rem .6rem; font-size: .88rem; background: #fff; }
.finding.sev-error { border-left-color: #c0392b; } .finding.sev-warning { border-left-color: #d68910; }
.finding.sev-info { border-left-color: #2e86c1; } .finding.strength { border-left-color: #1e8449; }
.finding:target { outline: 3px solid #5d6d7e; }
.finding h4 { font-size: .88rem; margin: 0 0 .2rem; font-weight: 600; }
.finding .num { display: inline-block; min-width: 1.5rem; text-align: center; border-radius: 9px;
                background: var(--ink); color: #fff; font-size: .75rem; margin-right: .2rem; }
.finding p { margin: .2rem 0; } .finding ul { margin: .1rem 0 .2rem; padding-left: 1.1rem; }
.finding .missing { font-weight: 600; color: #922b21; }
.finding .where { color: var(--muted); font-size: .75rem; font-family: ui-monospace, Consolas, monospace;
                  overflow-wrap: anywhere; }
mark { padding: 0 .1em; border-radius: 2px; background: #d6eaf8; color: inherit; }
mark.sev-error { background: #f5b7b1; } mark.sev-warning { background: #fad7a0; }
mark.strength { background: #abebc6; }
mark a, sup.ref a { color: inherit; text-decoration: none; }
sup.ref { font-size: .68rem; color: var(--muted); }
.unplaced-note { color: var(--muted); }
footer { margin-top: 2rem; font-size: .8rem; color: var(--muted); }
@media (max-width: 760px) { .field { grid-template-columns: 1fr; } }
@media print {
  @page { margin: 14mm 12mm; }
  nav.contents, .skip { display: none; }
  body { font-size: 9.5pt; }
  .field { grid-template-columns: minmax(0, 7fr) minmax(0, 5fr); break-inside: avoid; }
  .finding { break-inside: avoid; font-size: 8.5pt; }
  .group > h3, section.part > h2 { break-after: avoid; }
  #writeup { break-before: page; }
  #unplaced { break-before: page; }
  a { color: inherit; text-decoration: none; }
  mark, .finding, .proposal, .num { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


MARKS_SCRIPT = """
function labelCell(value) {
  var text = String(value || "");
  if (/^[=+\\-@\\t\\r]/.test(text)) { text = "'" + text; }
  return '"' + text.replace(/"/g, '""') + '"';
}
document.getElementById("download-marks").addEventListener("click", function () {
  var button = this;
  var rows = [["text", "kind", "label", "note", "form", "field", "actions"]];
  document.querySelectorAll("fieldset.mark").forEach(function (set) {
    var chosen = set.querySelector("input:checked");
    if (!chosen) { return; }
    var d = set.dataset;
    rows.push([d.text, d.kind, chosen.value === "right" ? "poor" : "good",
               "review page: " + d.rule + " marked " + chosen.value, d.form, d.field, d.actions]);
  });
  var status = document.getElementById("marks-status");
  if (rows.length === 1) { status.textContent = "No finding is marked yet."; return; }
  var csv = rows.map(function (row) { return row.map(labelCell).join(","); }).join("\\r\\n") + "\\r\\n";
  var link = document.createElement("a");
  link.href = URL.createObjectURL(new Blob(["\\ufeff" + csv], {type: "text/csv"}));
  link.download = "labels-" + (button.dataset.form || "form").replace(/[^A-Za-z0-9_-]+/g, "-") + ".csv";
  document.body.appendChild(link);
  link.click();
  link.remove();
  status.textContent = (rows.length - 1) + " marks written to " + link.download + ".";
});
"""
"""Writes the marked findings as a labels file (CSV) in the browser: nothing is sent anywhere."""
_MARKS_HASH = base64.b64encode(hashlib.sha256(MARKS_SCRIPT.encode("utf-8")).digest()).decode("ascii")
PAGE_POLICY = f"{CONTENT_POLICY}; script-src 'sha256-{_MARKS_HASH}'"
"""The html report's policy, and the marks script by its hash: no other script can run."""
_MARK_STYLE = """
fieldset.mark { border: 1px dashed var(--muted); border-radius: 4px; margin: .5rem 0 0;
  padding: .2rem .6rem; }
fieldset.mark legend { color: var(--muted); font-size: .9em; } fieldset.mark label { margin-right: 1rem; }
@media print { fieldset.mark, #marks { display: none; } }
"""


def render_review(review: Review) -> str:
    """The whole review page."""
    form_id = review.form_id
    numbered = {placed.number: placed for placed in review.findings}
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_e(PAGE_POLICY)}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Review of audit {_e(form_id)}</title>",
        f"<style>{_STYLE}{_REVIEW_STYLE}{_MARK_STYLE}</style></head><body>",
        _header(review),
        _contents(review),
        '<main>',
        _qa_summary(review),
        _strengths(review),
        '<div id="writeup">',
        '<h2 class="writeup-title">The write-up</h2>',
        *(_part(part, numbered) for part in review.parts),
        "</div>",
        _unplaced(review),
        _waived(review),
        _marks(review),
        "</main>",
        _footer(review),
        *((f"<script>{MARKS_SCRIPT}</script>",) if _markable(review) else ()),
        "</body></html>",
    ]
    return "\n".join(parts) + "\n"


def _header(review: Review) -> str:
    audit, child = review.form.audit, review.form.child
    facts = [("Child", child.ref), ("Status", show_value("child.status", child.status)),
             ("Team", audit.team), ("Practitioner", audit.practitioner),
             ("Auditors", "; ".join(audit.auditors)), ("Audit date", show_value("audit.date", audit.date)),
             ("Type", show_value("audit.type", audit.type))]
    shown = "".join(f"<div><dt>{_e(k)}</dt><dd>{_e(v)}</dd></div>" for k, v in facts if v)
    counts = review.result.counts()
    total = len(review.findings)
    tally = ", ".join(f"{counts[s]} {s}{'s' if counts[s] != 1 else ''}" for s in SEVERITIES)
    return (f'<header class="page"><h1>Review of audit {_e(review.form_id)}</h1>'
            f'<dl class="meta">{shown}</dl>'
            f'<p class="muted">{total} finding{"s" if total != 1 else ""} ({_e(tally)})'
            f'{_e(_waived_count(review))}. '
            f"Proposed outcome: <strong>{_e(OUTCOME_WORDS[review.proposal.outcome])}</strong>.</p>"
            "</header>")


def _waived_count(review: Review) -> str:
    waived = len(review.result.waived or ())
    return f"; {waived} waived" if waived else ""


def _contents(review: Review) -> str:
    links = [("qa-summary", "QA summary"), ("strengths", "Strengths worth recognising")]
    links += [(f"part-{part.id}", part.title) for part in review.parts]
    links.append(("unplaced", "Findings about the form as a whole"))
    if review.result.waived:
        links.append(("waived", "Waived findings"))
    items = "".join(f'<li><a href="#{_e(i)}">{_e(t)}</a></li>' for i, t in links)
    return f'<nav class="contents" aria-label="Contents"><strong>Contents</strong><ol>{items}</ol></nav>'


def _refs(numbers: Sequence[int]) -> str:
    return ", ".join(f'<a href="#finding-{n}">{n}</a>' for n in numbers)


def _qa_summary(review: Review) -> str:
    proposal = review.proposal
    outcome = proposal.outcome
    reasons = "".join(
        f"<li>{_e(r.text[:1].upper() + r.text[1:])}"
        + (f' <span class="muted">(findings {_refs(r.findings)})</span>' if r.findings else "")
        + "</li>" for r in proposal.reasons)
    if proposal.recorded is None:
        recorded = "<p>The form records no QA outcome yet.</p>"
    else:
        qa = review.form.qa
        by = f" by {_e(qa.manager)}" if qa.manager else ""
        on = f" on {_e(qa.date.day)} {_e(qa.date.strftime('%B %Y'))}" if qa.date else ""
        agrees = ("It agrees with this proposal." if proposal.agrees_with_record
                  else "It differs from this proposal.")
        recorded = (f'<p id="recorded-outcome">Recorded outcome: <strong>{_e(proposal.recorded)}'
                    f"</strong>{by}{on}. {agrees}</p>")
    counts = review.result.counts()
    head = "".join(f'<th class="n">{_e(s.capitalize())}</th>' for s in SEVERITIES)
    rows = "".join(
        f"<tr><td>{_e(label)}</td>" + "".join(f'<td class="n">{by[s]}</td>' for s in SEVERITIES)
        + f'<td class="n">{sum(by.values())}</td></tr>' for label, by in review.by_section)
    total_row = ("<tr><th>All</th>" + "".join(f'<th class="n">{counts[s]}</th>' for s in SEVERITIES)
                 + f'<th class="n">{len(review.findings)}</th></tr>')
    table = (f'<table class="counts" id="counts"><thead><tr><th>Section</th>{head}'
             f'<th class="n">All</th></tr></thead><tbody>{rows}</tbody><tfoot>{total_row}</tfoot></table>'
             if review.findings else "<p>No findings.</p>")
    return (f'<section id="qa-summary"><h2>QA summary</h2>'
            f'<div class="proposal {_e(outcome)}" id="proposal">'
            f'<p class="outcome">Proposed: {_e(OUTCOME_WORDS[outcome])}</p>'
            f"<p>{_e(OUTCOME_WORDS[outcome])}: {_e(OUTCOME_MEANING[outcome])}</p>"
            f"<ul>{reasons}</ul></div>{recorded}"
            f"<h3>Findings by section</h3>{table}</section>")


def _strengths(review: Review) -> str:
    head = '<section id="strengths"><h2>Strengths worth recognising</h2>'
    if not review.strengths:
        return head + "<p>No strengths were recognised in this write-up.</p></section>"
    items = "".join(
        f"<li><strong>{_e(s.where)}</strong>: {_e(s.text)}"
        + (f' <span class="muted">(finding {_refs([s.finding])})</span>' if s.finding else "")
        + "</li>" for s in review.strengths)
    return (head + '<p class="muted">Worded to be lifted into a letter to staff.</p>'
            f'<div class="letter"><ul>{items}</ul></div></section>')


def _part(part: Part, numbered: dict[int, Placed]) -> str:
    inner = "".join(_node(child, numbered) for child in part.children)
    return (f'<section class="part{" theme" if part.theme else ""}" id="part-{_e(part.id)}">'
            f"<h2>{_e(part.title)}</h2>{inner}</section>")


def _node(node: Field | Group, numbered: dict[int, Placed]) -> str:
    if isinstance(node, Group):
        inner = "".join(_node(child, numbered) for child in node.children)
        return (f'<div class="group" data-path="{_e(node.path)}"><h3>{_e(node.title)}</h3>'
                f"{inner}</div>")
    return _field(node, numbered)


def _field(row: Field, numbered: dict[int, Placed]) -> str:
    if row.whole:
        words = ('<p class="empty">Not filled in.</p>' if row.empty
                 else f'<p class="empty">The whole of {_e(row.place.lower())}.</p>')
        label = ""
    else:
        words = (f'<p class="text">{_marked(row, numbered)}</p>' if not row.empty
                 else '<p class="empty">Not filled in.</p>')
        label = f'<p class="label">{_e(row.label)}</p>'
    boxes = "".join(_finding(p) for p in row.findings)
    aside = (f'<aside class="findings" aria-label="Findings on {_e(row.place)}">{boxes}</aside>'
             if boxes else '<div class="findings"></div>')
    return (f'<div class="field{" whole" if row.whole else ""}" data-path="{_e(row.path)}">'
            f'<div class="words">{label}{words}</div>{aside}</div>')


def _marked(row: Field, numbered: dict[int, Placed]) -> str:
    """The field's text with each finding's words marked and linked to the finding."""
    text = row.text
    if not isinstance(row.value, str) or not row.marks:
        return _e(text)
    out = []
    for piece, numbers in segments(text, row.marks):
        if not numbers:
            out.append(_e(piece))
            continue
        cls = _mark_class([numbered[n] for n in numbers])
        # The words lead to the worst of the findings that mark them, whose colour they wear.
        worst = min(numbers, key=lambda n: SEVERITIES.index(numbered[n].finding.severity))
        out.append(f'<mark class="{cls}" data-findings="{" ".join(map(str, numbers))}">'
                   f'<a href="#finding-{worst}">{_e(piece)}</a></mark>'
                   f'<sup class="ref">{_refs(numbers)}</sup>')
    return "".join(out)


def _mark_class(placed: Sequence[Placed]) -> str:
    """The worst severity among the findings marking some words (strengths in green)."""
    findings = [p.finding for p in placed]
    if all("strength" in f.tags for f in findings):
        return "strength"
    worst = min(SEVERITIES.index(f.severity) for f in findings)
    return f"sev-{SEVERITIES[worst]}"


def _finding(placed: Placed) -> str:
    finding = placed.finding
    severity = _e(finding.severity)
    strength = " strength" if "strength" in finding.tags else ""
    missing = (f'<p class="missing">Missing: {_e(placed.place.split(": ")[-1])}.</p>'
               if placed.missing else "")
    reasons = [r for r in finding.reasons if r and r not in finding.message]
    why = ("<p><b>Why:</b></p><ul>" + "".join(f"<li>{_e(r)}</li>" for r in reasons) + "</ul>"
           if reasons else "")
    hint = f"<p><b>What good looks like:</b> {_e(finding.hint)}</p>" if finding.hint else ""
    reference = f"<p><b>Reference:</b> {_e(finding.reference)}</p>" if finding.reference else ""
    where = finding.location.describe()
    return (f'<article class="finding sev-{severity}{strength}" id="finding-{placed.number}" '
            f'data-rule="{_e(finding.rule)}" data-path="{_e(finding.location.path)}">'
            f'<h4><span class="num">{placed.number}</span> <span class="sev sev-{severity}">'
            f'{severity}</span> {_e(finding.rule)} <span class="muted">{_e(finding.title)}</span></h4>'
            f'{missing}<p class="message">{_e(finding.message)}</p>{why}{hint}{reference}'
            f'<p class="where">{_e(where)}</p>{_mark(placed)}</article>')


def _mark(placed: Placed) -> str:
    """For a text finding: was it right? The answer goes into the labels file the page writes."""
    said = placed.statement
    if said is None:
        return ""
    name = f"mark-{placed.number}"
    return (f'<fieldset class="mark" data-text="{_e(said.text)}" data-kind="{_e(said.kind)}" '
            f'data-actions="{_e(chr(10).join(said.actions))}" data-form="{_e(placed.finding.form or "")}" '
            f'data-field="{_e(said.path)}" data-rule="{_e(placed.finding.rule)}">'
            "<legend>Was this finding right?</legend>"
            f'<label><input type="radio" name="{name}" value="right"> Right: the {_e(said.kind)} '
            "falls short</label>"
            f'<label><input type="radio" name="{name}" value="wrong"> Wrong: the {_e(said.kind)} '
            "is fine</label>"
            "</fieldset>")


def _markable(review: Review) -> bool:
    return any(placed.statement is not None for placed in review.findings)


def _marks(review: Review) -> str:
    if not _markable(review):
        return ""
    return ('<section id="marks"><h2>Marks for the house model</h2>'
            "<p>Mark each text finding right or wrong where you have a view, then download the marks "
            "as a labels file. Nothing leaves this page: the file is written here, for "
            "<code>auditrules learn</code>.</p>"
            f'<p><button type="button" id="download-marks" data-form="{_e(review.form_id)}">Download the '
            'marks as a labels file</button> <span id="marks-status" role="status"></span></p></section>')


def _unplaced(review: Review) -> str:
    head = ('<section id="unplaced"><h2>Findings about the form as a whole</h2>'
            '<p class="unplaced-note">Findings that point at no one field of the write-up.</p>')
    if not review.unplaced:
        return head + "<p>None: every finding is shown beside its field.</p></section>"
    boxes = "".join(_finding(p) for p in review.unplaced)
    return head + f'<div class="findings">{boxes}</div></section>'


def _waived(review: Review) -> str:
    """The findings a lead manager agreed may stand: listed apart, with who agreed, why and
    until when; they do not count towards the proposal."""
    waived = review.result.waived
    if not waived:
        return ""
    items = []
    for item in waived:
        finding, waiver = item.finding, item.waiver
        items.append(
            f'<article class="finding waived" data-rule="{_e(finding.rule)}" '
            f'data-path="{_e(finding.location.path)}"><h4>{_e(finding.rule)} '
            f'<span class="muted">{_e(finding.title)}</span></h4>'
            f'<p class="message">{_e(finding.message)}</p>'
            f"<p><b>Waived by</b> {_e(waiver.approver)} <b>until</b> "
            f"{_e(waiver.expires.strftime('%-d %B %Y'))}: {_e(waiver.reason)}</p>"
            f'<p class="where">{_e(finding.location.describe())}; '
            f"waiver at {_e(waiver.where.describe())}</p></article>")
    return ('<section id="waived"><h2>Waived findings</h2>'
            f'<p class="unplaced-note">{len(waived)} finding{"s" if len(waived) != 1 else ""} '
            "agreed to stand; not counted in the proposal above.</p>"
            f'<div class="findings">{"".join(items)}</div></section>')


def _footer(review: Review) -> str:
    result = review.result
    rulesets = ", ".join(f"{r.id} {r.version}" for r in result.rulesets)
    errors = "".join(f"<li>{_e(e.location.describe())}: {_e(e.message)}</li>" for e in result.errors)
    could_not = (f'<section id="errors"><h2>Could not be checked</h2><ul>{errors}</ul></section>'
                 if errors else "")
    return (f'{could_not}<footer><p>Checked by auditrules {_e(result.version)} with '
            f"{len(result.rulesets)} rule sets: {_e(rulesets)}.</p>"
            + (f'<p id="model-in-use">Judgements, plan targets, recommendations and analyses scored by '
               f"{_e(result.model_summary)}.</p>" if result.model_summary else "")
            + f"<p>Read from {_e(review.context.location.describe())}.</p></footer>")
