"""Recommendation tracking: every recommendation in a set of forms, as of a date, grouped by the
owner who must complete it, with the findings against it and totals per owner.

The forms are read and checked by an engine that has the `core.tracking` rule set loaded (see
`Engine.load(tracking=True)`); the tracker only arranges what the rules found.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .engine import Engine, FormSource
from .functions.dates import as_date, working_days_between
from .models import Finding, FormError, Location
from .readers.form_mapping import FormMapping
from .readers.mapping import SheetMapping
from .rules import nearest_location

NO_OWNER = "(no owner named)"


@dataclass(frozen=True)
class TrackedRecommendation:
    """One recommendation of one form, as it stands on the date tracked as of."""

    form: str | None
    index: int
    action: str | None
    owner: str | None
    due: dt.date | str | None
    status: str | None
    completed_on: dt.date | None
    completion_evidence: str | None
    location: Location
    findings: tuple[Finding, ...] = ()
    days_overdue: int | None = None
    """Calendar days past its due date when it is not complete (None when not past it)."""
    working_days_overdue: int | None = None

    @property
    def complete(self) -> bool:
        return self.status == "complete"

    @property
    def overdue(self) -> bool:
        """Not complete, and past its due date or marked overdue."""
        return not self.complete and (self.days_overdue is not None or self.status == "overdue")

    @property
    def without_evidence(self) -> bool:
        """Marked complete with no evidence, or evidence a finding says is not enough."""
        return self.complete and (
            not (self.completion_evidence or "").strip()
            or any(f.location.path.endswith(".completion_evidence") for f in self.findings))


@dataclass
class OwnerGroup:
    """The recommendations one owner holds (owners that differ only in case or spacing are
    one), shown with the owner as first written."""

    owner: str
    recommendations: list[TrackedRecommendation] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.recommendations)

    @property
    def open(self) -> int:
        return sum(1 for r in self.recommendations if not r.complete and not r.overdue)

    @property
    def overdue(self) -> int:
        return sum(1 for r in self.recommendations if r.overdue)

    @property
    def complete(self) -> int:
        return sum(1 for r in self.recommendations if r.complete)

    @property
    def complete_without_evidence(self) -> int:
        return sum(1 for r in self.recommendations if r.without_evidence)


@dataclass
class Tracker:
    """Every recommendation by owner, the escalation findings, and forms that could not be read."""

    as_of: dt.date
    owners: list[OwnerGroup] = field(default_factory=list)
    escalations: list[Finding] = field(default_factory=list)
    """Findings about the poor-practice escalation (not about one recommendation)."""
    errors: list[FormError] = field(default_factory=list)
    forms_checked: int = 0

    @property
    def recommendations(self) -> list[TrackedRecommendation]:
        return [r for group in self.owners for r in group.recommendations]

    def exit_code(self, fail_on: str = "error") -> int:
        """As for a check: 2 when a form could not be read, 1 for a finding at `fail_on` or
        worse, otherwise 0."""
        from .results import CheckResult

        findings = [f for r in self.recommendations for f in r.findings] + self.escalations
        return CheckResult(rulesets=[], findings=findings, errors=self.errors).exit_code(fail_on)


def owner_key(owner: str | None) -> str:
    """How owners are grouped: ignoring case and spacing."""
    return " ".join((owner or "").split()).casefold()


def track(engine: Engine, sources: Iterable[FormSource], *,
          mapping: str | Path | SheetMapping | FormMapping | None = None) -> Tracker:
    """Read and check the forms, and arrange their recommendations by owner as of the engine's
    `as_of` date (today when it is None)."""
    as_of = engine.as_of or dt.date.today()
    tracker = Tracker(as_of=as_of)
    groups: dict[str, OwnerGroup] = {}
    saved = engine.as_of
    engine.as_of = as_of  # one date for the whole run, even across midnight
    try:
        for item in engine.read(sources, engine.read_options(mapping)):
            if isinstance(item, FormError):
                tracker.errors.append(item)
                continue
            form, context = item
            tracker.forms_checked += 1
            found: list[Finding] = []
            for result in engine.run_rules(form, context):
                if isinstance(result, FormError):
                    tracker.errors.append(result)
                else:
                    found.append(result)
            for index, recommendation in enumerate(form.recommendations):
                path = f"recommendations[{index}]"
                place = _place(context.field_locations, path) or context.location
                days = working = None
                due = recommendation.due
                if (recommendation.status != "complete" and isinstance(due, dt.date)
                        and as_date(due) < as_of):
                    days = (as_of - as_date(due)).days
                    working = working_days_between(due, as_of)
                tracked = TrackedRecommendation(
                    form=form.audit.id, index=index, action=recommendation.action,
                    owner=recommendation.owner, due=due, status=recommendation.status,
                    completed_on=recommendation.completed_on,
                    completion_evidence=recommendation.completion_evidence,
                    location=place.model_copy(update={"path": path}),
                    findings=tuple(f for f in found if _about(f, path)),
                    days_overdue=days, working_days_overdue=working)
                key = owner_key(recommendation.owner)
                group = groups.setdefault(key, OwnerGroup(
                    recommendation.owner or NO_OWNER))
                group.recommendations.append(tracked)
            tracker.escalations.extend(f for f in found if f.location.path.startswith("escalation"))
    finally:
        engine.as_of = saved
    tracker.owners = sorted(groups.values(), key=lambda g: (g.owner == NO_OWNER, owner_key(g.owner)))
    return tracker


def _place(field_locations: Mapping[str, Location], path: str) -> Location | None:
    """Where a recommendation was read from: its first field's cell on a spreadsheet."""
    for key, location in field_locations.items():
        if key.startswith(path + "."):
            return location
    return nearest_location(field_locations, path)


def _about(finding: Finding, path: str) -> bool:
    where = finding.location.path
    return where == path or where.startswith(path + ".")
