"""Comparing a re-audit with the audit before it: which findings were resolved, which persist
and which are new, per form and per rule.

Forms are matched by their audit id. A finding on one side is the same finding on the other when
it has the same rule, the same form and the same place in the form. The place is the field path
with each list item named by what it says rather than by its position (`plan_targets[text="mother
to attend ..."].due`, `sections[name="planning"].judgement`), because a re-audited write-up often
adds, removes or reorders targets and recommendations. Findings still unmatched are then paired
by their plain field path (`plan_targets[1].due`), so that a target reworded in place still
counts as the same target.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from ._version import __version__
from .dsl.compiler import RuleRuntimeError
from .engine import Engine
from .errors import UsageError
from .models import SEVERITIES, Finding, FormError, Location, RuleSetInfo
from .readers.form_mapping import FormMapping
from .readers.mapping import SheetMapping
from .results import finding_dict, location_dict

Change = Literal["resolved", "persisting", "new"]
CHANGES: tuple[Change, ...] = ("resolved", "persisting", "new")
Side = Literal["old", "new"]

ITEM_NAMES = ("name", "text", "action")
"""The field that names a list item, in order of preference: a section's name, a target's or an
action's text, a recommendation's action."""


@dataclass(frozen=True)
class ComparedFinding:
    """One finding seen across the two audits: resolved (only before), persisting (both) or new
    (only in the re-audit)."""

    change: Change
    key: str
    """Where it is, with list items named by what they say (see the module's notes)."""
    old: Finding | None = None
    new: Finding | None = None

    @property
    def finding(self) -> Finding:
        """The latest word on it: the re-audit's finding, or the old one when it was resolved."""
        found = self.new or self.old
        assert found is not None
        return found


@dataclass
class FormComparison:
    """One audit id: in both audits (with its compared findings) or in only one."""

    form: str | None
    present: Literal["both", "old only", "new only"]
    findings: list[ComparedFinding] = field(default_factory=list)
    old_findings: int = 0
    new_findings: int = 0
    old_location: Location | None = None
    new_location: Location | None = None

    def count(self, change: Change) -> int:
        return sum(1 for item in self.findings if item.change == change)


@dataclass(frozen=True)
class RuleComparison:
    """How one rule's findings changed, across the forms in both audits."""

    rule: str
    title: str
    ruleset: str
    severity: str
    resolved: int
    persisting: int
    new: int


@dataclass
class Comparison:
    """The whole comparison of OLD with NEW."""

    old: list[str]
    new: list[str]
    rulesets: list[RuleSetInfo]
    forms: list[FormComparison] = field(default_factory=list)
    errors: list[tuple[Side, FormError]] = field(default_factory=list)
    version: str = field(default_factory=lambda: __version__)

    def totals(self) -> dict[str, int]:
        both = [f for f in self.forms if f.present == "both"]
        counts: dict[str, int] = {change: sum(f.count(change) for f in both) for change in CHANGES}
        return {**counts, "forms_in_both": len(both),
                "forms_only_in_old": sum(1 for f in self.forms if f.present == "old only"),
                "forms_only_in_new": sum(1 for f in self.forms if f.present == "new only")}

    def by_rule(self) -> list[RuleComparison]:
        counts: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(CHANGES, 0))
        latest: dict[str, Finding] = {}
        for form in self.forms:
            for item in form.findings:
                counts[item.finding.rule][item.change] += 1
                latest.setdefault(item.finding.rule, item.finding)
        return [RuleComparison(rule, latest[rule].title, latest[rule].ruleset, latest[rule].severity,
                               counts[rule]["resolved"], counts[rule]["persisting"], counts[rule]["new"])
                for rule in sorted(counts)]

    def exit_code(self, fail_on_new: str | None = None) -> int:
        """2 when an input could not be read; 1 when `fail_on_new` is a severity and a new
        finding is at it or worse; otherwise 0."""
        if self.errors:
            return 2
        if fail_on_new is None:
            return 0
        threshold = SEVERITIES.index(fail_on_new)
        new = (item.finding for form in self.forms for item in form.findings if item.change == "new")
        return 1 if any(SEVERITIES.index(f.severity) <= threshold for f in new) else 0

    def as_dict(self) -> dict[str, Any]:
        """The documented JSON shape of a comparison."""
        return {
            "version": self.version,
            "old": self.old,
            "new": self.new,
            "rulesets": [{"id": r.id, "version": r.version, "sha256": r.sha256, "source": r.source}
                         for r in self.rulesets],
            "totals": self.totals(),
            "forms": [{
                "form": form.form,
                "in": form.present,
                **{change: form.count(change) for change in CHANGES},
                "old_findings": form.old_findings,
                "new_findings": form.new_findings,
                "findings": [{
                    "change": item.change, "rule": item.finding.rule,
                    "severity": item.finding.severity, "key": item.key,
                    "old": finding_dict(item.old) if item.old else None,
                    "new": finding_dict(item.new) if item.new else None,
                } for item in form.findings],
            } for form in self.forms],
            "rules": [{"rule": r.rule, "title": r.title, "ruleset": r.ruleset, "severity": r.severity,
                       "resolved": r.resolved, "persisting": r.persisting, "new": r.new}
                      for r in self.by_rule()],
            "errors": [{"side": side, "form": e.form, "message": e.message,
                        "location": location_dict(e.location)} for side, e in self.errors],
        }


# ---- reading and matching ----------------------------------------------------------------------


@dataclass
class _Form:
    form: str | None
    location: Location
    findings: list[tuple[Finding, str]]


def _read(engine: Engine, sources: Sequence[str | Path],
          mapping: str | Path | SheetMapping | FormMapping | None,
          side: Side, errors: list[tuple[Side, FormError]]) -> dict[str | None, _Form]:
    """Each form of one side by audit id, its findings with their keys."""
    forms: dict[str | None, _Form] = {}
    for item in engine.read(sources, engine.read_options(mapping)):
        if isinstance(item, FormError):
            errors.append((side, item))
            continue
        form, context = item
        try:
            findings = engine.check_form(form, context)
        except RuleRuntimeError as exc:
            errors.append((side, FormError(form=form.audit.id, message=f"could not be checked: {exc}",
                                           location=context.location)))
            continue
        form_id = form.audit.id
        if form_id in forms:
            errors.append((side, FormError(
                form=form_id, location=context.location,
                message=f"the audit id {form_id or '(none)'} is used twice in the {side} audit "
                        f"(first at {forms[form_id].location.describe()}); only the first is compared")))
            continue
        data = form.model_dump(by_alias=True)
        forms[form_id] = _Form(form_id, context.location,
                               [(f, stable_key(f.location.path, data)) for f in findings])
    return forms


def stable_key(path: str, data: Mapping[str, Any]) -> str:
    """`path` with each list item named by what it says (its name, text or action) instead of its
    position, where it says something: `plan_targets[1].due` -> `plan_targets[text="..."].due`."""
    out: list[str] = []
    node: Any = data
    for segment in path.split(".") if path else ():
        match = re.fullmatch(r"(.+?)\[(\d+)\]", segment)
        if match is None:
            out.append(segment)
            node = node.get(segment) if isinstance(node, Mapping) else None
            continue
        name, index = match.group(1), int(match.group(2))
        items = node.get(name) if isinstance(node, Mapping) else None
        node = items[index] if isinstance(items, list) and index < len(items) else None
        label = _item_label(node)
        out.append(f"{name}[{label}]" if label else segment)
    return ".".join(out)


def _item_label(item: Any) -> str | None:
    if isinstance(item, str):
        return f'"{_words(item)}"' if item.strip() else None
    if not isinstance(item, Mapping):
        return None
    for key in ITEM_NAMES:
        value = item.get(key)
        if isinstance(value, str) and value.strip():
            return f'{key}="{_words(value)}"'
    return None


def _words(text: str) -> str:
    """Text as compared: case, spacing and closing punctuation do not matter."""
    return " ".join(text.split()).casefold().rstrip(".;:!")


def _compare_findings(old: list[tuple[Finding, str]], new: list[tuple[Finding, str]]
                      ) -> list[ComparedFinding]:
    """Pair old and new findings: first by rule and key, then the rest by rule and field path."""
    pairs: dict[int, int] = {}  # new index -> old index
    matched_old: set[int] = set()
    for by in (lambda f, k: (f.rule, k), lambda f, k: (f.rule, f.location.path)):
        waiting: dict[tuple[str, str], list[int]] = defaultdict(list)
        for number, (finding, key) in enumerate(old):
            if number not in matched_old:
                waiting[by(finding, key)].append(number)
        for number, (finding, key) in enumerate(new):
            if number in pairs:
                continue
            candidates = waiting.get(by(finding, key))
            if candidates:
                pairs[number] = candidates.pop(0)
                matched_old.add(pairs[number])
    out = [ComparedFinding("resolved", key, old=finding)
           for number, (finding, key) in enumerate(old) if number not in matched_old]
    for number, (finding, key) in enumerate(new):
        if number in pairs:
            out.append(ComparedFinding("persisting", key, old=old[pairs[number]][0], new=finding))
        else:
            out.append(ComparedFinding("new", key, new=finding))
    order = {change: index for index, change in enumerate(CHANGES)}
    return sorted(out, key=lambda item: order[item.change])  # stable: report order within each


def compare(engine: Engine, old: Sequence[str | Path], new: Sequence[str | Path], *,
            old_mapping: str | Path | SheetMapping | FormMapping | None = None,
            new_mapping: str | Path | SheetMapping | FormMapping | None = None) -> Comparison:
    """Check `old` and `new` (form files, returns or folders) with `engine` and compare them.

    Raises UsageError or InputError when an input cannot be read at all; forms that cannot be
    read are listed under `errors`, each with the side it came from.
    """
    if not old or not new:
        raise UsageError("compare needs an old and a new audit")
    errors: list[tuple[Side, FormError]] = []
    before = _read(engine, old, old_mapping, "old", errors)
    after = _read(engine, new, new_mapping, "new", errors)
    comparison = Comparison(old=[str(p) for p in old], new=[str(p) for p in new],
                            rulesets=[r.info for r in engine.rulesets], errors=errors)
    for form_id, was in before.items():
        now = after.get(form_id)
        if now is None:
            comparison.forms.append(FormComparison(form_id, "old only", old_findings=len(was.findings),
                                                   old_location=was.location))
            continue
        comparison.forms.append(FormComparison(
            form_id, "both", _compare_findings(was.findings, now.findings),
            old_findings=len(was.findings), new_findings=len(now.findings),
            old_location=was.location, new_location=now.location))
    for form_id, now in after.items():
        if form_id not in before:
            comparison.forms.append(FormComparison(form_id, "new only", new_findings=len(now.findings),
                                                   new_location=now.location))
    return comparison


def iter_findings(comparison: Comparison) -> Iterable[tuple[FormComparison, ComparedFinding]]:
    """Every compared finding with its form, in report order."""
    for form in comparison.forms:
        for item in form.findings:
            yield form, item


__all__ = ["CHANGES", "ComparedFinding", "Comparison", "FormComparison", "RuleComparison", "compare",
           "iter_findings", "stable_key"]
