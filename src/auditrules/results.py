"""What a check gives: the findings, the forms that could not be read and the audits checked,
with the documented JSON shape of each.

The engine makes results; reporters, waivers and redaction read them. This module needs none
of those, so data flows one way: the engine imports neither the reporters nor the waivers."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from ._version import __version__
from .models import SEVERITIES, AuditSummary, Finding, FormError, Location, RuleSetInfo, WaivedFinding
from .spool import Spool, values_of


@dataclass
class CheckResult:
    """Everything a check produced: the rule sets used, findings, and forms that could not be
    read."""

    rulesets: list[RuleSetInfo]
    forms_checked: int = 0
    findings: Sequence[Finding] = field(default_factory=list)
    """In order of the forms; a list, or from `Engine.check` a `Spool` that keeps most of a
    large return's findings on disk (read it with `for`, `len` and indexes, as a list)."""
    errors: list[FormError] = field(default_factory=list)
    audits: Sequence[AuditSummary] = field(default_factory=list)
    """Every form checked, in order, with its team and auditors (not part of the JSON report)."""
    version: str = field(default_factory=lambda: __version__)
    waived: list[WaivedFinding] | None = None
    """Findings a live waiver covers (None when no waivers were given): listed apart, never
    counted towards the exit code or the severity counts."""
    model: dict[str, Any] | None = None
    """The scorer the text checks used: its file, sha256, date, and the corpus statements and
    council labels it learned from (see `auditrules.scoring.model.Scorer.info`)."""

    @property
    def model_summary(self) -> str | None:
        """Which scorer the text checks used, in words, for a report (None when none did)."""
        return model_words(self.model) if self.model is not None else None

    def counts(self) -> dict[str, int]:
        counted: Counter[str] = Counter(self._severities())
        return {severity: counted[severity] for severity in SEVERITIES}

    def _severities(self) -> Iterator[str]:
        """Each finding's severity, in order; from a spool's plain values, without building each
        finding again (a large return's findings are read back from disk for this)."""
        if isinstance(self.findings, Spool):
            return (values[_SEVERITY] for values in self.findings.plain())
        return (finding.severity for finding in self.findings)

    def exit_code(self, fail_on: str = "error") -> int:
        """0 clean, 1 findings at or above `fail_on`, 2 when some input could not be read."""
        if self.errors:
            return 2
        if fail_on == "never":
            return 0
        failing = frozenset(SEVERITIES[:SEVERITIES.index(fail_on) + 1])
        return 1 if any(severity in failing for severity in self._severities()) else 0

    def as_dict(self, findings: bool = True) -> dict[str, Any]:
        """The documented JSON shape of a report (without the findings, if asked, for a writer
        that streams them)."""
        data: dict[str, Any] = {
            "version": self.version,
            "rulesets": [
                {"id": r.id, "version": r.version, "sha256": r.sha256, "source": r.source}
                for r in self.rulesets
            ],
            **({"model": self.model} if self.model is not None else {}),
            "forms_checked": self.forms_checked,
            "findings": [finding_dict(f) for f in self.findings] if findings else [],
            "errors": [
                {"form": e.form, "message": e.message, "location": location_dict(e.location)}
                for e in self.errors
            ],
        }
        if self.waived is not None:  # only when waivers were given: the report is otherwise unchanged
            data["waived"] = [waived_dict(w) for w in self.waived]
        return data


def model_words(model: dict[str, Any]) -> str:
    """A model as a report names it: its file, hash, and what it learned from and when."""
    if model.get("labels"):
        learned = (f"learned {model['trained']} from {model['labels']} of the council's labels beside "
                   f"{model['statements']} corpus statements")
    else:
        learned = (f"the bundled model, trained {model['trained']} on {model['statements']} labelled "
                   "statements")
    return f"{model['file']} (sha256 {str(model['sha256'])[:12]}, {learned})"


def location_dict(location: Location) -> dict[str, Any]:
    """A location in the documented JSON shape."""
    data = location.__dict__
    return _location_values_dict([data[name] for name in Location.model_fields])


def _location_values_dict(values: Sequence[Any]) -> dict[str, Any]:
    """A location, given as its fields' plain values in their order (as a spool keeps them), in
    the documented JSON shape: the fields that are set (its model's fields hold text and whole
    numbers alone), with path and section always, in sorted order."""
    location: dict[str, Any] = {}
    for name, place in _LOCATION_BY_NAME:
        value = values[place]
        if value is None:
            if name == "path":
                value = ""
            elif name != "section":
                continue
        location[name] = value
    return location


def finding_dict(finding: Finding) -> dict[str, Any]:
    """One finding in the documented JSON shape."""
    return finding_values_dict(values_of(finding))


# A finding's fields in the order `values_of` gives their values (checked when this is imported),
# and a location's by name, each with its place among the values.
_FINDING_FIELDS = ("form", "rule", "ruleset", "severity", "title", "tags", "message", "hint", "reference",
                   "reasons", "location", "evidence")
if tuple(Finding.model_fields) != _FINDING_FIELDS:
    raise RuntimeError("a finding's fields changed: update results.finding_values_dict to match")
_SEVERITY = _FINDING_FIELDS.index("severity")
_LOCATION_BY_NAME = sorted((name, place) for place, name in enumerate(Location.model_fields))


def finding_values_dict(values: Sequence[Any]) -> dict[str, Any]:
    """One finding, given as its plain values (as a spool keeps them, see `Spool.plain`), in the
    documented JSON shape: its keys, and its location's, in sorted order, as the JSON report
    writes them (so the report need not sort each finding's)."""
    form, rule, ruleset, severity, title, tags, message, hint, reference, reasons, where, evidence = values
    return {"evidence": evidence, "form": form, "hint": hint, "location": _location_values_dict(where),
            "message": message, "reasons": list(reasons), "reference": reference, "rule": rule,
            "ruleset": ruleset, "severity": severity, "tags": list(tags), "title": title}


def waived_dict(item: WaivedFinding) -> dict[str, Any]:
    """One waived finding in the documented JSON shape: the finding, and its waiver."""
    waiver = item.waiver
    return {**finding_dict(item.finding), "waiver": {
        "reason": waiver.reason, "approver": waiver.approver,
        "expires": waiver.expires.isoformat(), "field": waiver.field, "section": waiver.section,
        "where": location_dict(waiver.where),
    }}


__all__ = ["CheckResult", "finding_dict", "location_dict", "waived_dict"]
