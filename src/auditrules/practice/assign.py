"""Pairing the auditors for a practice day and giving each pair its cases.

Each pair mixes experience (someone senior with someone from the front line), nobody audits a
case from their own team, and the cases are shared as evenly as the first two allow. Where the
auditors or the teams make that impossible, the pairing still goes ahead and says plainly which
of these gave way, for whom.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import UsageError
from ..limits import DEFAULT_LIMITS, Limits
from ..patterns import compiled
from ..readers.tables import Table, clean
from .cases import Case, CaseProblem, find_columns, open_list, row_values

SENIOR = "senior"
FRONT_LINE = "front line"

AUDITOR_COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("name", "auditor", "auditor name", "full name"),
    "team": ("team", "own team", "service", "team or service"),
    "experience": ("experience", "role", "job title", "grade", "level", "post"),
}

_FRONT = compiled(r"\b(practitioner|social worker|worker|adviser|advisor|front ?line|nqsw|asye|"
                  r"student|caseholder|case holder)\b")
_SENIOR = compiled(r"\b(manager|head|director|principal|iro|independent reviewing|chair|senior|"
                   r"lead|leader|assistant director)\b")
_MANAGING = compiled(r"\b(manager|head|director|principal)\b")


def experience_of(written: Any) -> str | None:
    """Senior or front line, from how an auditors list writes someone's role or experience."""
    if written is None:
        return None
    text = " ".join(re.sub(r"[^0-9a-z]+", " ", str(written).casefold()).split())
    if _FRONT.search(text) and not _MANAGING.search(text):
        return FRONT_LINE  # a senior practitioner or senior social worker holds cases
    if _SENIOR.search(text):
        return SENIOR
    return None


@dataclass(frozen=True)
class Auditor:
    name: str
    experience: str
    team: str | None = None
    written: str = ""
    """The experience or role as the list writes it."""


@dataclass
class AuditorList:
    path: Path
    auditors: list[Auditor] = field(default_factory=list)
    problems: list[CaseProblem] = field(default_factory=list)


def read_auditors(path: Path, limits: Limits = DEFAULT_LIMITS) -> AuditorList:
    """The auditors on a list (CSV or Excel: name, team, experience or role), and a located
    problem for each row that cannot be used."""
    if not path.is_file():
        raise UsageError(f"{path}: no such auditors list")
    table = open_list(path, limits=limits)
    columns = find_columns(table, AUDITOR_COLUMNS, ("name", "experience"), whose="the auditor's ")
    listed = AuditorList(path)
    seen: dict[str, int] = {}
    for row_number, row in table.rows:
        for item in _auditor(table, row_number, row, columns, seen):
            if isinstance(item, Auditor):
                listed.auditors.append(item)
            else:
                listed.problems.append(item)
    return listed


def _auditor(table: Table, row_number: int, row: list[Any], columns: dict[str, int],
             seen: dict[str, int]) -> Iterator[Auditor | CaseProblem]:
    if all(clean(value) is None for value in row):
        return
    values, where = row_values(table, row_number, row, columns)

    name = values["name"]
    if name is None:
        yield CaseProblem(f"row {row_number} has no auditor's name", where("name"))
        return
    name = str(name)
    key = name.casefold()
    if key in seen:
        yield CaseProblem(f"{name} is listed again on row {row_number} (first on row {seen[key]}); "
                          "only the first is used", where("name"))
        return
    experience = experience_of(values["experience"])
    if experience is None:
        written = values["experience"]
        yield CaseProblem(
            f"{name}: '{written}' does not say whether they are senior or from the front line "
            "(write a role, such as 'Service manager' or 'Social worker', or 'senior' or "
            "'front line')" if written is not None else f"{name}: no experience or role given",
            where("experience"))
        return
    seen[key] = row_number
    team = values.get("team")
    yield Auditor(name, experience, None if team is None else str(team), str(values["experience"]))


@dataclass
class Pair:
    number: int
    auditors: list[Auditor]
    cases: list[Case] = field(default_factory=list)

    @property
    def names(self) -> str:
        return " and ".join(a.name for a in self.auditors)

    def from_team(self, team: str | None) -> list[Auditor]:
        if team is None:
            return []
        return [a for a in self.auditors if a.team is not None and _fold(a.team) == _fold(team)]


@dataclass
class Assignment:
    pairs: list[Pair] = field(default_factory=list)
    gave_way: list[str] = field(default_factory=list)
    """What could not be kept, and for whom, in plain words."""


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def pair_auditors(auditors: Sequence[Auditor], seed: int | None = None) -> tuple[list[Pair], list[str]]:
    """Pairs that each mix experience where the list allows, from different teams where it can."""
    if len(auditors) < 2:
        raise UsageError(f"pairing needs at least two auditors; the list has {len(auditors)}")
    ordered = sorted(auditors, key=lambda a: a.name.casefold())
    if seed is not None:
        random.Random(seed).shuffle(ordered)
    seniors = [a for a in ordered if a.experience == SENIOR]
    front = [a for a in ordered if a.experience == FRONT_LINE]
    pairs: list[Pair] = []
    gave_way: list[str] = []
    while seniors and front:
        senior = seniors.pop(0)
        other = next((f for f in front
                      if not (f.team and senior.team and _fold(f.team) == _fold(senior.team))), front[0])
        front.remove(other)
        pairs.append(Pair(len(pairs) + 1, [senior, other]))
    left = seniors or front
    if left:
        kind = "senior" if seniors else "from the front line"
        if len(left) >= 2:
            counts = (f"{sum(a.experience == SENIOR for a in auditors)} senior and "
                      f"{sum(a.experience == FRONT_LINE for a in auditors)} front-line auditors")
            same = len(left) // 2
            gave_way.append(f"mixed experience: {same} pair{'s are' if same != 1 else ' is'} both {kind}, "
                            f"as the list has {counts}")
        while len(left) >= 2:
            pairs.append(Pair(len(pairs) + 1, [left.pop(0), left.pop(0)]))
        if left:
            lightest = pairs[-1] if pairs else None
            if lightest is None:
                raise UsageError("pairing needs at least two auditors")
            lightest.auditors.append(left.pop())
            gave_way.append(f"pairs: {lightest.auditors[-1].name} joins pair {lightest.number} as a "
                            "third auditor (the list has an odd number)")
    return pairs, gave_way


def assign(cases: Sequence[Case], auditors: Sequence[Auditor], seed: int | None = None) -> Assignment:
    """Pairs, and each case given to a pair with nobody from the case's team, shared so that the
    busiest pair has as few cases as those teams allow."""
    pairs, gave_way = pair_auditors(auditors, seed)
    result = Assignment(pairs, gave_way)
    allowed: list[list[int]] = []
    for case in cases:
        clean_pairs = [j for j, pair in enumerate(pairs) if not pair.from_team(case.team)]
        if not clean_pairs:
            # Every pair has someone from this case's team: the pairs with fewest of them may take it.
            fewest = min(len(pair.from_team(case.team)) for pair in pairs)
            clean_pairs = [j for j, pair in enumerate(pairs) if len(pair.from_team(case.team)) == fewest]
        allowed.append(clean_pairs)
    for i, j in sorted(_balanced(range(len(cases)), allowed, [0] * len(pairs)).items()):
        case = cases[i]
        pairs[j].cases.append(case)
        if pairs[j].from_team(case.team):
            names = ", ".join(a.name for a in pairs[j].from_team(case.team))
            result.gave_way.append(f"own team: {case.case_id} ({case.team}) goes to pair {j + 1} with "
                                   f"{names} of that team, as every pair has someone from it")
    order = {case.case_id: index for index, case in enumerate(cases)}
    for pair in pairs:
        pair.cases.sort(key=lambda c: order[c.case_id])
    loads = [len(p.cases) for p in pairs]
    if loads and max(loads) - min(loads) > 1:
        heavy = max(pairs, key=lambda p: len(p.cases))
        light = min(pairs, key=lambda p: len(p.cases))
        result.gave_way.append(f"even shares: pair {heavy.number} has {len(heavy.cases)} cases and pair "
                               f"{light.number} has {len(light.cases)}; keeping auditors off their own "
                               f"team's cases, the busiest pair cannot have fewer than {len(heavy.cases)}")
    return result


def _balanced(cases: Sequence[int], allowed: Sequence[Sequence[int]], fixed: Sequence[int]
              ) -> dict[int, int]:
    """Each case (by index) given to one of its allowed pairs so that the busiest pair has the
    fewest cases it can: the smallest cap for which every case fits, found by moving cases
    along chains of pairs (a matching that lets each pair take up to its cap)."""
    if not cases:
        return {}
    pairs = len(fixed)
    lowest = max(max(fixed), -(-(len(cases) + sum(fixed)) // pairs))
    for cap in range(lowest, lowest + len(cases) + 1):
        placed = _fits(cap, cases, allowed, fixed)
        if placed is not None:
            return placed
    raise AssertionError("a cap of every case fits any allowed pairs")


def _fits(cap: int, cases: Sequence[int], allowed: Sequence[Sequence[int]], fixed: Sequence[int]
          ) -> dict[int, int] | None:
    """The cases placed with no pair over `cap`, or None when they cannot all be."""
    taken: list[list[int]] = [[] for _ in fixed]
    placed: dict[int, int] = {}

    def place(case: int, seen: set[int]) -> bool:
        for j in sorted(allowed[case], key=lambda j: (fixed[j] + len(taken[j]), j)):
            if j in seen:
                continue
            seen.add(j)
            if fixed[j] + len(taken[j]) < cap:
                taken[j].append(case)
                placed[case] = j
                return True
            for other in list(taken[j]):  # make room by moving one of this pair's cases on
                taken[j].remove(other)
                if place(other, seen):
                    taken[j].append(case)
                    placed[case] = j
                    return True
                taken[j].append(other)
        return False

    ordered = sorted(cases, key=lambda c: (len(allowed[c]), c))
    return placed if all(place(case, set()) for case in ordered) else None


ASSIGNMENT_COLUMNS = ("Pair", "Auditors", "Case ID", "Area of work", "Team", "Worker")


def assignment_rows(result: Assignment) -> list[list[str]]:
    from .cases import AREAS

    return [[str(pair.number), pair.names, case.case_id, AREAS[case.area], case.team or "",
             case.worker or ""] for pair in result.pairs for case in pair.cases]


def pair_rows(result: Assignment) -> list[list[str]]:
    return [[str(pair.number), auditor.name, auditor.experience, auditor.written, auditor.team or "",
             str(len(pair.cases))] for pair in result.pairs for auditor in pair.auditors]


PAIR_COLUMNS = ("Pair", "Auditor", "Experience", "Role as listed", "Team", "Cases")


__all__ = ["ASSIGNMENT_COLUMNS", "FRONT_LINE", "PAIR_COLUMNS", "SENIOR", "Assignment", "Auditor",
           "AuditorList", "Pair", "assign", "assignment_rows", "experience_of", "pair_auditors",
           "pair_rows", "read_auditors"]
