"""The impact of audits across rounds: for each rule set and rule, the share of cases falling
short in each round, the change from the round before with its 95% confidence interval, and
how the cases audited again changed.

A case falls short on a rule when the rule has an error or a warning on it (an info, such as a
strength, is not a shortfall). A rule set's share counts the cases it applies to. The interval
for a change between two shares is Newcombe's (the hybrid of two Wilson score intervals), which
holds for the small samples of a practice day; with fewer cases than `min_cases` in either
round, the change is reported as too few cases to tell.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..dsl.compiler import RuleRuntimeError
from ..models import FormError, Location
from ..readers.form_mapping import FormMapping
from ..readers.mapping import SheetMapping

SHORTFALL = frozenset({"error", "warning"})
Z = 1.959964  # the 97.5th percentile of the normal distribution: 95% intervals
MIN_CASES = 10


@dataclass(frozen=True)
class CaseShortfalls:
    key: str
    """The case the form is about: the child's reference, else the audit id."""
    audit: str
    rules: frozenset[str]
    rulesets: frozenset[str]
    applies: frozenset[str]
    """The rule sets that apply to this form."""


@dataclass
class Round:
    name: str
    cases: list[CaseShortfalls] = field(default_factory=list)
    errors: list[FormError] = field(default_factory=list)


@dataclass(frozen=True)
class Share:
    short: int
    cases: int

    @property
    def value(self) -> float | None:
        return self.short / self.cases if self.cases else None


@dataclass(frozen=True)
class Change:
    difference: float
    low: float
    high: float
    verdict: str


@dataclass
class Row:
    key: str
    title: str
    level: str  # "rule set" or "rule"
    shares: list[Share]
    changes: list[Change | None]
    """From the round before, for every round after the first."""


@dataclass
class Reaudit:
    rule: str
    title: str
    resolved: int
    persisting: int
    new: int


@dataclass
class Impact:
    rounds: list[Round]
    rows: list[Row]
    reaudited: list[tuple[str, str, int, list[Reaudit]]]
    """For each round after the first: (round before, round, cases audited in both, changes)."""
    min_cases: int = MIN_CASES


def read_round(engine: Any, name: str, sources: Sequence[Path],
               mapping: SheetMapping | FormMapping | None) -> Round:
    """Every form of a round checked, with the rules it falls short on."""
    found = Round(name)
    for item in engine.read(list(sources), engine.read_options(mapping)):
        if isinstance(item, FormError):
            found.errors.append(item)
            continue
        form, context = item
        data = form.model_dump(by_alias=True)
        try:
            findings = engine.check_form(form, context)
        except RuleRuntimeError as exc:
            found.errors.append(FormError(form=form.audit.id, message=f"could not be checked: {exc}",
                                          location=context.location or Location()))
            continue
        short = [f for f in findings if f.severity in SHORTFALL]
        key = (form.child.ref or form.audit.id or f"form {len(found.cases) + 1}").strip()
        found.cases.append(CaseShortfalls(
            key, form.audit.id or "", frozenset(f.rule for f in short), frozenset(f.ruleset for f in short),
            applying(engine, data)))
    return found


def applying(engine: Any, data: Mapping[str, Any]) -> frozenset[str]:
    """The ids of the engine's rule sets that apply to a form's data."""
    return frozenset(ruleset.info.id for ruleset in engine.rulesets if ruleset.applies_to(data))


def wilson(short: int, cases: int, z: float = Z) -> tuple[float, float]:
    """The Wilson score interval for a share."""
    if not cases:
        return (0.0, 1.0)
    p = short / cases
    centre = (p + z * z / (2 * cases)) / (1 + z * z / cases)
    half = z * math.sqrt(p * (1 - p) / cases + z * z / (4 * cases * cases)) / (1 + z * z / cases)
    return (max(0.0, centre - half), min(1.0, centre + half))


def change(before: Share, after: Share, min_cases: int = MIN_CASES) -> Change | None:
    """The change in a share, with Newcombe's 95% interval and what it says."""
    if not before.cases or not after.cases:
        return None
    p1, p2 = before.short / before.cases, after.short / after.cases
    l1, u1 = wilson(before.short, before.cases)
    l2, u2 = wilson(after.short, after.cases)
    difference = p2 - p1
    low = difference - math.sqrt((p2 - l2) ** 2 + (u1 - p1) ** 2)
    high = difference + math.sqrt((u2 - p2) ** 2 + (p1 - l1) ** 2)
    if min(before.cases, after.cases) < min_cases:
        verdict = "too few cases to tell"
    elif high < 0:
        verdict = "fewer fall short"
    elif low > 0:
        verdict = "more fall short"
    else:
        verdict = "no clear change"
    return Change(difference, low, high, verdict)


def measure(engine: Any, rounds: Sequence[Round], min_cases: int = MIN_CASES) -> Impact:
    titles = {rule.id: rule.node.title for rule in engine.all_rules()}
    ruleset_of = {rule.id: rule.ruleset.info.id for rule in engine.all_rules()}
    set_titles = {rs.info.id: rs.info.title for rs in engine.rulesets}
    rows: list[Row] = []
    shown_rules = sorted({rule for r in rounds for case in r.cases for rule in case.rules},
                         key=lambda rule: (ruleset_of.get(rule, ""), rule))
    shown_sets = sorted({ruleset_of.get(rule, "") for rule in shown_rules} - {""})
    for ruleset in shown_sets:
        shares = [Share(sum(1 for c in r.cases if ruleset in c.rulesets),
                        sum(1 for c in r.cases if ruleset in c.applies)) for r in rounds]
        rows.append(Row(ruleset, set_titles.get(ruleset, ""), "rule set", shares,
                        _changes(shares, min_cases)))
        for rule in (rule for rule in shown_rules if ruleset_of.get(rule) == ruleset):
            shares = [Share(sum(1 for c in r.cases if rule in c.rules),
                            sum(1 for c in r.cases if ruleset in c.applies)) for r in rounds]
            rows.append(Row(rule, titles.get(rule, ""), "rule", shares, _changes(shares, min_cases)))
    reaudited = []
    for before, after in itertools.pairwise(rounds):
        earlier = {c.key: c for c in before.cases}
        pairs = [(earlier[c.key], c) for c in after.cases if c.key in earlier]
        changes = []
        for rule in shown_rules:
            resolved = sum(1 for a, b in pairs if rule in a.rules and rule not in b.rules)
            persisting = sum(1 for a, b in pairs if rule in a.rules and rule in b.rules)
            new = sum(1 for a, b in pairs if rule not in a.rules and rule in b.rules)
            if resolved or persisting or new:
                changes.append(Reaudit(rule, titles.get(rule, ""), resolved, persisting, new))
        reaudited.append((before.name, after.name, len(pairs), changes))
    return Impact(list(rounds), rows, reaudited, min_cases)


def _changes(shares: Sequence[Share], min_cases: int) -> list[Change | None]:
    return [change(a, b, min_cases) for a, b in itertools.pairwise(shares)]


def _share_text(share: Share) -> str:
    return "-" if not share.cases else f"{share.short}/{share.cases} {share.short / share.cases:.0%}"


def _points(value: float) -> str:
    return f"{value * 100:+.0f}"


def change_text(found: Change | None) -> str:
    if found is None:
        return "-"
    return (f"{_points(found.difference)} points ({_points(found.low)} to {_points(found.high)}): "
            f"{found.verdict}")


def render_text(impact: Impact) -> str:
    names = [r.name for r in impact.rounds]
    lines = [f"Impact across {len(names)} rounds: "
             + ", ".join(f"round {n} {r.name} ({len(r.cases)} case{'' if len(r.cases) == 1 else 's'})"
                         for n, r in enumerate(impact.rounds, start=1)),
             "Share of cases falling short (an error or a warning), and the change from the round "
             "before with its 95% interval, in percentage points:", ""]
    width = 48
    lines.append(f"{'':{width}} " + "  ".join(f"{'round ' + str(n):>11}" for n in range(1, len(names) + 1)))
    for row in impact.rows:
        label = row.key if row.level == "rule set" else f"  {row.key} {row.title}"
        label = label if len(label) <= width else label[:width - 1] + "\u2026"
        cells = [_share_text(s) for s in row.shares]
        moved = [change_text(c) for c in row.changes]
        lines.append(f"{label:{width}} " + "  ".join(f"{c:>11}" for c in cells)
                     + ("  " + "; ".join(moved) if moved else ""))
    for before, after, matched, items in impact.reaudited:
        lines += ["", f"Audited again in {after} (the same case as in {before}): {matched} case"
                  f"{'' if matched == 1 else 's'}"]
        for item in items:
            lines.append(f"  {item.rule} {item.title}: {item.resolved} resolved, {item.persisting} "
                         f"persisting, {item.new} new")
    if min(len(r.cases) for r in impact.rounds) < impact.min_cases:
        lines += ["", f"With fewer than {impact.min_cases} cases in a round, a change cannot be told "
                  "apart from chance: the shares are shown, and the changes say so."]
    return "\n".join(lines) + "\n"


def as_dict(impact: Impact) -> dict[str, Any]:
    def share(s: Share) -> dict[str, Any]:
        return {"short": s.short, "cases": s.cases, "share": s.value}

    def moved(c: Change | None) -> dict[str, Any] | None:
        return None if c is None else {"difference": c.difference, "low": c.low, "high": c.high,
                                       "verdict": c.verdict}

    return {
        "rounds": [{"name": r.name, "cases": len(r.cases), "errors": len(r.errors)} for r in impact.rounds],
        "min_cases": impact.min_cases,
        "rows": [{"key": row.key, "title": row.title, "level": row.level,
                  "shares": [share(s) for s in row.shares], "changes": [moved(c) for c in row.changes]}
                 for row in impact.rows],
        "reaudited": [{"before": before, "after": after, "cases": matched,
                       "rules": [{"rule": i.rule, "title": i.title, "resolved": i.resolved,
                                  "persisting": i.persisting, "new": i.new} for i in changes]}
                      for before, after, matched, changes in impact.reaudited],
    }


def render_html(impact: Impact) -> str:
    from ..reporters.html import _STYLE, CONTENT_POLICY, _e, bar_chart

    names = [r.name for r in impact.rounds]
    colours = ("#8aa4c8", "#2f5d9e", "#173a6b", "#0b1f3a")
    bars = [(f"{row.key} \u00b7 {name}", [(round((share.value or 0) * 100), colours[i % len(colours)])])
            for row in impact.rows if row.level == "rule set"
            for i, (name, share) in enumerate(zip(names, row.shares, strict=True))]
    head = "".join(f"<th>{_e(n)}</th>" for n in names)
    body = []
    for row in impact.rows:
        label = _e(row.key) if row.level == "rule set" else f"&nbsp;&nbsp;{_e(row.key)} {_e(row.title)}"
        cells = "".join(f"<td>{_e(_share_text(s))}</td>" for s in row.shares)
        moved = "<br>".join(_e(change_text(c)) for c in row.changes)
        weight = ' style="font-weight:600"' if row.level == "rule set" else ""
        body.append(f"<tr{weight}><td>{label}</td>{cells}<td>{moved}</td></tr>")
    again = []
    for before, after, matched, changes in impact.reaudited:
        items = "".join(f"<li>{_e(i.rule)} {_e(i.title)}: {i.resolved} resolved, {i.persisting} "
                        f"persisting, {i.new} new</li>" for i in changes) or "<li>No shortfalls.</li>"
        again.append(f"<h3>Audited again in {_e(after)} ({matched} case{'s' if matched != 1 else ''} "
                     f"also in {_e(before)})</h3><ul>{items}</ul>")
    return "\n".join([
        "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_e(CONTENT_POLICY)}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>The impact of audits</title>", f"<style>{_STYLE}</style></head><body>",
        "<header><h1>The impact of audits</h1>",
        f'<p class="muted">{_e(", ".join(f"{r.name}: {len(r.cases)} cases" for r in impact.rounds))}. '
        "A case falls short on a rule when the rule has an error or a warning on it; changes are "
        "in percentage points with their 95% interval.</p></header>",
        '<section id="chart"><h2>Share of cases falling short, by rule set</h2>'
        + bar_chart("chart-impact", "Share of cases falling short (%)", bars) + "</section>",
        f'<section id="shares"><h2>By rule set and rule</h2><table><thead><tr><th>Rule set or rule</th>'
        f"{head}<th>Change from the round before</th></tr></thead><tbody>{''.join(body)}</tbody></table>"
        "</section>",
        f'<section id="reaudited"><h2>Cases audited again</h2>{"".join(again) or "<p>None.</p>"}</section>',
        "</body></html>", ""])


def write_xlsx(impact: Impact, stream: Any) -> None:
    import io
    import tempfile

    from ..reporters.xlsx import cell_formats, cell_text, new_workbook

    buffer = io.BytesIO()
    names = [r.name for r in impact.rounds]
    with tempfile.TemporaryDirectory(prefix="auditrules-") as private:
        workbook = new_workbook(buffer, rows_on_disk=private)
        header, wrap, _ = cell_formats(workbook)
        percent = workbook.add_format({"num_format": "0%"})
        sheet = workbook.add_worksheet("Shares")
        columns = ["Level", "Rule set or rule", "Title"]
        for name in names:
            columns += [f"{name}: short", f"{name}: cases", f"{name}: share"]
        columns += [f"Change to {name}" for name in names[1:]]
        for col, title in enumerate(columns):
            sheet.set_column(col, col, 40 if title.startswith(("Title", "Change")) else 14, wrap)
            sheet.write_string(0, col, title, header)
        for number, row in enumerate(impact.rows, start=1):
            sheet.write_string(number, 0, row.level)
            sheet.write_string(number, 1, row.key)
            sheet.write_string(number, 2, cell_text(row.title))
            col = 3
            for share in row.shares:
                sheet.write_number(number, col, share.short)
                sheet.write_number(number, col + 1, share.cases)
                if share.value is not None:
                    sheet.write_number(number, col + 2, share.value, percent)
                col += 3
            for moved in row.changes:
                sheet.write_string(number, col, change_text(moved))
                col += 1
        sheet.freeze_panes(1, 2)
        again = workbook.add_worksheet("Audited again")
        for col, title in enumerate(("Before", "After", "Cases in both", "Rule", "Title", "Resolved",
                                     "Persisting", "New")):
            again.write_string(0, col, title, header)
        line = 1
        for before, after, matched, changes in impact.reaudited:
            for item in changes:
                for col, value in enumerate((before, after, matched, item.rule, item.title,
                                             item.resolved, item.persisting, item.new)):
                    if isinstance(value, int):
                        again.write_number(line, col, value)
                    else:
                        again.write_string(line, col, cell_text(str(value)))
                line += 1
        workbook.close()
    stream.write(buffer.getvalue())


__all__ = ["MIN_CASES", "Impact", "Round", "as_dict", "change", "measure", "read_round",
           "render_html", "render_text", "wilson", "write_xlsx"]
