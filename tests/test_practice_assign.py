"""`auditrules assign`: pairing the auditors and giving each pair its cases."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import openpyxl
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linear_sum_assignment

from auditrules.cli import cli
from auditrules.practice.assign import FRONT_LINE, SENIOR, Auditor, assign, experience_of
from auditrules.practice.cases import Case

ROOT = Path(__file__).resolve().parents[1]
CASE_LIST = ROOT / "examples" / "case-list.csv"
AUDITORS = ROOT / "examples" / "auditors.csv"


def _run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def _sheet(path: Path, name: str) -> list[dict[str, str]]:
    rows = list(openpyxl.load_workbook(path, read_only=True)[name].iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_pairs_mix_experience_keep_off_their_own_teams_and_share_evenly(tmp_path):
    selection = tmp_path / "selection.xlsx"
    assert _run("sample", str(CASE_LIST), "--per-area", "4", "--contacts", "3", "--seed", "5",
                "-o", str(selection)).exit_code == 0
    out = tmp_path / "pairs.xlsx"
    done = _run("assign", str(selection), str(AUDITORS), "-o", str(out))
    assert done.exit_code == 0, done.output
    assert "warning" not in done.output
    with AUDITORS.open(encoding="utf-8") as handle:
        teams = {row["Name"]: row["Team"] for row in csv.DictReader(handle)}
    pairs = _sheet(out, "Pairs")
    cases = _sheet(out, "Cases")
    assert len(cases) == 23
    assert len({row["Case ID"] for row in cases}) == 23
    by_pair: dict[str, list[dict[str, str]]] = {}
    for row in pairs:
        by_pair.setdefault(row["Pair"], []).append(row)
    assert len(by_pair) == 6
    for members in by_pair.values():
        assert sorted(m["Experience"] for m in members) == [FRONT_LINE, SENIOR]
    loads = {pair: sum(1 for c in cases if c["Pair"] == pair) for pair in by_pair}
    assert max(loads.values()) - min(loads.values()) <= 1
    for case in cases:
        names = case["Auditors"].split(" and ")
        assert case["Team"] not in {teams[name] for name in names}
    notes = _sheet(out, "Notes")
    assert notes[0]["What gave way"].startswith("Every pair mixes experience")


def _write(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def test_what_gave_way_is_said_plainly(tmp_path):
    selection = _write(tmp_path / "selection.csv", [
        ["Case ID", "Area of work", "Team"],
        ["C-1", "child protection", "North"],
        ["C-2", "child protection", "North"],
        ["C-3", "child protection", "North"],
        ["C-4", "looked after children", "South"],
    ])
    auditors = _write(tmp_path / "auditors.csv", [
        ["Name", "Team", "Experience"],
        ["A. One", "North", "Service manager"],
        ["B. Two", "South", "Team manager"],
        ["C. Three", "North", "Head of service"],
        ["D. Four", "East", "Social worker"],
        ["E. Five", "West", "Senior"],
    ])
    done = _run("assign", str(selection), str(auditors))
    assert done.exit_code == 0
    assert "warning: mixed experience: 1 pair is both senior, as the list has 4 senior and 1 " \
           "front-line auditors" in done.output
    assert "joins pair 2 as a third auditor (the list has an odd number)" in done.output
    assert "warning: own team: C-1 (North) goes to pair 2 with C. Three of that team" in done.output
    assert "warning: even shares" not in done.output


def test_a_case_every_pair_has_its_team_in_goes_where_fewest_are(tmp_path):
    cases = [Case("C-1", "child_protection", 2, team="North")]
    people = [Auditor("A", SENIOR, "North"), Auditor("B", FRONT_LINE, "South"),
              Auditor("C", SENIOR, "North"), Auditor("D", FRONT_LINE, "North")]
    result = assign(cases, people)
    assert any(note.startswith("own team: C-1 (North) goes to pair") for note in result.gave_way)
    holder = next(pair for pair in result.pairs if pair.cases)
    assert len(holder.from_team("North")) == 1


def test_uneven_shares_are_said_with_the_reason(tmp_path):
    cases = [Case(f"C-{n}", "child_protection", n, team="South") for n in range(5)]
    people = [Auditor("A", SENIOR, "North"), Auditor("B", FRONT_LINE, "West"),
              Auditor("C", SENIOR, "South"), Auditor("D", FRONT_LINE, "East")]
    result = assign(cases, people)
    assert [[a.name for a in p.auditors] for p in result.pairs] == [["A", "B"], ["C", "D"]]
    assert [len(p.cases) for p in result.pairs] == [5, 0]
    assert any(note.startswith("even shares: pair") and "own team's cases" in note for note in result.gave_way)


@settings(max_examples=120, deadline=None)
@given(case_teams=st.lists(st.sampled_from(["N", "S", "E", "W", None]), min_size=1, max_size=18),
       people=st.lists(st.tuples(st.sampled_from([SENIOR, FRONT_LINE]), st.sampled_from(["N", "S", "E", "W", None])),
                       min_size=2, max_size=9),
       seed=st.one_of(st.none(), st.integers(0, 1000)))
def test_the_busiest_pair_has_as_few_cases_as_the_teams_allow(case_teams, people, seed):
    cases = [Case(f"C-{n}", "child_in_need", n, team=team) for n, team in enumerate(case_teams)]
    auditors = [Auditor(f"P{n}", kind, team) for n, (kind, team) in enumerate(people)]
    result = assign(cases, auditors, seed)
    placed = [case.case_id for pair in result.pairs for case in pair.cases]
    assert sorted(placed) == sorted(c.case_id for c in cases)
    assert sorted(a.name for p in result.pairs for a in p.auditors) == sorted(a.name for a in auditors)
    clean = [[j for j, pair in enumerate(result.pairs) if not pair.from_team(case.team)] for case in cases]
    for pair in result.pairs:
        for case in pair.cases:
            if clean[int(case.case_id[2:])]:
                assert not pair.from_team(case.team)
    # A case no pair is clean for may go to the pairs with fewest from its team; the busiest pair
    # has the fewest cases those choices allow (found here another way).
    allowed = [options or [j for j, pair in enumerate(result.pairs)
                           if len(pair.from_team(case.team)) == min(len(p.from_team(case.team))
                                                                     for p in result.pairs)]
               for options, case in zip(clean, cases, strict=True)]
    for pair_index, pair in enumerate(result.pairs):
        assert all(pair_index in allowed[int(case.case_id[2:])] for case in pair.cases)
    best = next(cap for cap in range(1, len(cases) + 1)
                if _fits(cap, list(range(len(cases))), allowed, [0] * len(result.pairs)))
    assert max(len(p.cases) for p in result.pairs) == best


def _fits(cap: int, free: list[int], allowed: list[list[int]], fixed: list[int]) -> bool:
    slots = [j for j, already in enumerate(fixed) for _ in range(max(cap - already, 0))]
    if len(slots) < len(free):
        return False
    cost = np.array([[0 if j in allowed[i] else 1 for j in slots] for i in free])
    rows, cols = linear_sum_assignment(cost)
    return int(cost[rows, cols].sum()) == 0


@pytest.mark.parametrize(("written", "kind"), [
    ("Senior practitioner", FRONT_LINE), ("Team Manager", SENIOR), ("IRO", SENIOR),
    ("Student social worker", FRONT_LINE), ("Head of Service", SENIOR), ("front line", FRONT_LINE),
    ("Personal adviser", FRONT_LINE), ("Practice manager", SENIOR), ("Business support", None),
])
def test_experience_is_read_from_a_role(written, kind):
    assert experience_of(written) == kind


def test_bad_auditor_rows_are_named_and_the_rest_are_paired(tmp_path):
    selection = _write(tmp_path / "selection.csv", [["Case ID", "Area of work"], ["C-1", "CIN"]])
    auditors = _write(tmp_path / "auditors.csv", [
        ["Name", "Role"],
        ["A. One", "Service manager"],
        ["", "Social worker"],
        ["B. Two", "Business support"],
        ["a. one", "Social worker"],
        ["C. Three", "Social worker"],
    ])
    done = _run("assign", str(selection), str(auditors))
    assert done.exit_code == 2
    assert "A3: row 3 has no auditor's name" in done.output
    assert "B4: B. Two: 'Business support' does not say whether they are senior" in done.output
    assert "A5: a. one is listed again on row 5 (first on row 2)" in done.output
    assert "pair 1: A. One (senior); C. Three (front line): 1 case\n" in done.output


def test_an_auditors_list_without_roles_is_refused_naming_its_headers(tmp_path):
    selection = _write(tmp_path / "selection.csv", [["Case ID", "Area of work"], ["C-1", "CIN"]])
    auditors = _write(tmp_path / "auditors.csv", [["Name", "Team"], ["A", "North"]])
    done = _run("assign", str(selection), str(auditors))
    assert done.exit_code == 2
    assert "no column for the auditor's experience" in done.output and "'Name', 'Team'" in done.output
    one = _write(tmp_path / "one.csv", [["Name", "Role"], ["A", "Social worker"]])
    done = _run("assign", str(selection), str(one))
    assert done.exit_code == 2 and "pairing needs at least two auditors; the list has 1" in done.output


def test_the_documented_pairing_is_what_the_command_prints(tmp_path, monkeypatch):
    import re

    page = (ROOT / "docs" / "qa-officers" / "choosing-cases.md").read_text(encoding="utf-8")
    drawn = re.search(r"\$ (auditrules sample (?:.*\\\n)*.*)\n", page)
    shown = re.search(r"\$ auditrules assign selection.xlsx examples/auditors.csv --output pairs.xlsx\n"
                      r"((?:.|\n)*?)```", page)
    assert drawn is not None and shown is not None
    args = [a.strip('"') for a in re.findall(r'"[^"]*"|\S+', drawn.group(1).replace("\\\n", " "))][1:]
    monkeypatch.chdir(tmp_path)
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    assert _run(*args).exit_code == 0
    done = _run("assign", "selection.xlsx", "examples/auditors.csv", "--output", "pairs.xlsx")
    assert done.exit_code == 0
    printed = done.output.splitlines()
    for line in shown.group(1).splitlines():
        if line != "...":
            assert line in printed
