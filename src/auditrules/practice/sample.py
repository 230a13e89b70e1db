"""Choosing the cases for an audit of practice day: a random sample across every area of work,
with some initial contacts, cases added for a theme, and cases audited lately left out.

The same case list, options and seed always give the same sample, whatever order the rows are
in: each area's cases are put in order of their ids before any is drawn.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ..errors import UsageError
from .cases import AREAS, Case, CaseMapping, area_of, from_partner_agency, theme_key

CONTACTS = "initial_contact"
PER_AREA = 2
"""Cases from each area of work when nothing else is asked for."""
WORK_AREAS = tuple(area for area in AREAS if area != CONTACTS)
"""The areas of work a sample is drawn across; initial contacts are asked for apart."""


@dataclass(frozen=True)
class Plan:
    """What to draw. Give one of `per_area` (each area of work the same), `counts` (by area) or
    `total` (shared among the areas in proportion to how many cases each has)."""

    per_area: int | None = None
    """None: PER_AREA, unless `counts` or `total` is given."""
    counts: Mapping[str, int] | None = None
    total: int | None = None
    contacts: int = 0
    themes: Sequence[tuple[str, int]] = ()
    """(theme, how many) to add, from cases not already chosen."""
    not_audited_since: dt.date | None = None
    seed: int = 0

    @property
    def each_area(self) -> int:
        """The cases from each area of work, when neither `counts` nor `total` is given."""
        return PER_AREA if self.per_area is None else self.per_area


@dataclass(frozen=True)
class Chosen:
    number: int
    case: Case
    why: str


@dataclass(frozen=True)
class Stratum:
    """One part of the draw: an area of work, the initial contacts, or a theme."""

    name: str
    listed: int
    left_out: int
    """Cases audited on or after the --not-audited-since date; for initial contacts, also those
    not from a partner agency; for a theme, also those already chosen."""
    asked: int
    drawn: int

    @property
    def available(self) -> int:
        return self.listed - self.left_out


@dataclass
class Sample:
    plan: Plan
    chosen: list[Chosen] = field(default_factory=list)
    strata: list[Stratum] = field(default_factory=list)

    @property
    def shortfalls(self) -> list[str]:
        """Parts of the draw that asked for more cases than the list has."""
        return [f"{s.name}: asked for {s.asked}, only {s.available} to choose from" for s in self.strata
                if s.drawn < s.asked]


def parse_counts(text: str) -> dict[str, int]:
    """`"child_protection: 6, looked after: 4, CIN: 3"` as counts by area of work."""
    counts: dict[str, int] = {}
    for part in (p.strip() for p in re.split(r"[,;]", text)):
        if not part:
            continue
        name, _, number = part.rpartition(":")
        area = area_of(name, CaseMapping()) if name.strip() else None
        if area is None or area == CONTACTS:
            raise UsageError(f"--areas: '{part}' does not name an area of work and a number "
                             f"(the areas are {', '.join(WORK_AREAS)}; initial contacts are "
                             "asked for with --contacts)")
        counts[area] = _count(number, f"--areas: '{part}'")
    if not counts:
        raise UsageError("--areas: give each area of work and how many, like 'child_protection: 6'")
    return counts


def parse_theme(text: str) -> tuple[str, int]:
    """`"domestic_abuse: 4"` as (theme, 4)."""
    name, colon, number = text.rpartition(":")
    if not colon or not theme_key(name):
        raise UsageError(f"--add: '{text}': give a theme and how many cases, like 'domestic_abuse: 4'")
    return theme_key(name), _count(number, f"--add: '{text}'")


def _count(text: str, what: str) -> int:
    try:
        number = int(text.strip())
    except ValueError:
        raise UsageError(f"{what}: '{text.strip()}' is not a whole number of cases") from None
    if number < 0:
        raise UsageError(f"{what}: a number of cases cannot be below 0")
    return number


def allocate(total: int, sizes: Mapping[str, int]) -> dict[str, int]:
    """`total` shared among areas in proportion to their sizes (largest remainder), each area
    with cases getting at least one while the total allows, and none more than it has."""
    having = {area: size for area, size in sizes.items() if size > 0}
    shares = dict.fromkeys(sizes, 0)
    whole = sum(having.values())
    if not whole or total <= 0:
        return shares
    total = min(total, whole)
    if total >= len(having):
        for area in having:
            shares[area] = 1
    left = total - sum(shares.values())
    exact = {area: left * size / whole for area, size in having.items()}
    for area, amount in exact.items():
        shares[area] += min(int(amount), having[area] - shares[area])
    left = total - sum(shares.values())
    order = sorted(having, key=lambda a: (-(exact[a] - int(exact[a])), list(sizes).index(a)))
    while left > 0:  # total <= the cases there are, so each pass places at least one
        for area in order:
            if left and shares[area] < having[area]:
                shares[area] += 1
                left -= 1
    return shares


def draw(cases: Sequence[Case], plan: Plan) -> Sample:
    """The sample `plan` asks for from `cases`."""
    if sum(x is not None for x in (plan.per_area, plan.counts, plan.total)) > 1:
        raise UsageError("give one of --per-area, --areas and --total")
    rng = random.Random(plan.seed)
    sample = Sample(plan)
    since = plan.not_audited_since

    def recent(case: Case) -> bool:
        return since is not None and case.last_audited is not None and case.last_audited >= since

    by_area: dict[str, list[Case]] = {area: [] for area in AREAS}
    for case in sorted(cases, key=lambda c: _natural(c.case_id)):
        by_area[case.area].append(case)
    open_cases = {area: [c for c in listed if not recent(c)] for area, listed in by_area.items()}
    # Initial contacts from partner agencies only (a contact from a parent or a neighbour is not one).
    open_cases[CONTACTS] = [c for c in open_cases[CONTACTS] if from_partner_agency(c)]
    if plan.counts is not None:
        asked = {area: plan.counts.get(area, 0) for area in WORK_AREAS}
    elif plan.total is not None:
        asked = allocate(plan.total, {area: len(open_cases[area]) for area in WORK_AREAS})
    else:
        each = plan.each_area
        asked = dict.fromkeys(WORK_AREAS, each)
    asked[CONTACTS] = plan.contacts
    chosen_ids: set[str] = set()
    for area in (*WORK_AREAS, CONTACTS):
        pool = open_cases[area]
        picked = rng.sample(pool, min(asked[area], len(pool)))
        picked.sort(key=lambda c: _natural(c.case_id))
        label = AREAS[area]
        for case in picked:
            why = f"random from {label}: {len(picked)} of {len(pool)} cases"
            sample.chosen.append(Chosen(len(sample.chosen) + 1, case, why))
            chosen_ids.add(case.case_id)
        if asked[area] or by_area[area]:
            sample.strata.append(Stratum(label, len(by_area[area]),
                                         len(by_area[area]) - len(pool), asked[area], len(picked)))
    for theme, wanted in plan.themes:
        having = [c for c in sorted(cases, key=lambda c: _natural(c.case_id)) if theme in c.themes]
        pool = [c for c in having if not recent(c) and c.case_id not in chosen_ids]
        picked = sorted(rng.sample(pool, min(wanted, len(pool))), key=lambda c: _natural(c.case_id))
        label = f"theme {theme}"
        for case in picked:
            why = (f"added for the theme {theme}: {len(picked)} of {len(pool)} cases with it not "
                   "already chosen")
            sample.chosen.append(Chosen(len(sample.chosen) + 1, case, why))
            chosen_ids.add(case.case_id)
        sample.strata.append(Stratum(label, len(having), len(having) - len(pool), wanted, len(picked)))
    return sample


SELECTION_COLUMNS = ("Order", "Case ID", "Area of work", "Team", "Worker", "Themes", "Last audited",
                     "Why chosen")


def selection_rows(sample: Sample, extra_headers: Sequence[str]) -> list[list[str]]:
    """One row per chosen case under SELECTION_COLUMNS and then the case list's other columns."""
    rows = []
    for item in sample.chosen:
        case = item.case
        extra = dict(case.extra)
        rows.append([str(item.number), case.case_id, AREAS[case.area], case.team or "",
                     case.worker or "", "; ".join(sorted(case.themes)),
                     case.last_audited.isoformat() if case.last_audited else "", item.why,
                     *(extra.get(header, "") for header in extra_headers)])
    return rows


def frame_lines(sample: Sample) -> list[str]:
    """The sampling frame beside the draw, as lines of a table."""
    lines = [f"{'':32} {'listed':>7} {'left out':>9} {'to choose':>10} {'asked':>6} {'drawn':>6}"]
    for s in sample.strata:
        lines.append(f"{s.name:32} {s.listed:7} {s.left_out:9} {s.available:10} {s.asked:6} {s.drawn:6}")
    return lines


def _natural(case_id: str) -> tuple[tuple[int, int | str], ...]:
    """Ids in the order people expect: C-9 before C-10."""
    return tuple((0, int(part)) if part.isdigit() else (1, part.casefold())
                 for part in re.findall(r"\d+|\D+", case_id))


__all__ = ["CONTACTS", "SELECTION_COLUMNS", "WORK_AREAS", "Chosen", "Plan", "Sample", "Stratum",
           "allocate", "draw", "frame_lines", "parse_counts", "parse_theme", "selection_rows"]
