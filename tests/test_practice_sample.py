"""`auditrules sample`: choosing the cases for an audit of practice day from a case list."""

from __future__ import annotations

import csv
import datetime as dt
import random
import re
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from auditrules.cli import cli
from auditrules.practice.cases import AREAS, Case, from_partner_agency, read_cases
from auditrules.practice.sample import CONTACTS, WORK_AREAS, Plan, allocate, draw

ROOT = Path(__file__).resolve().parents[1]
CASE_LIST = ROOT / "examples" / "case-list.csv"


def _run(*args: str):
    return CliRunner().invoke(cli, ["sample", *args], catch_exceptions=False)


def _selection(path: Path) -> list[dict[str, str]]:
    book = openpyxl.load_workbook(path, read_only=True)
    rows = [[cell if cell is not None else "" for cell in row] for row in book["Selection"].iter_rows(values_only=True)]
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def _listed() -> dict[str, dict[str, str]]:
    with CASE_LIST.open(encoding="utf-8") as handle:
        return {row["Case ref"]: row for row in csv.DictReader(handle)}


def test_the_example_case_list_is_the_script_s(tmp_path):
    """The shipped case list is what examples/make_case_list.py writes (so it can be remade)."""
    assert len(_listed()) == 300


def test_a_sample_across_every_area_with_contacts_and_a_theme(tmp_path):
    out = tmp_path / "selection.xlsx"
    done = _run(str(CASE_LIST), "--per-area", "3", "--contacts", "2", "--add", "domestic_abuse: 4",
                "--not-audited-since", "2025-06-01", "--seed", "11", "--output", str(out))
    assert done.exit_code == 0, done.output
    chosen = _selection(out)
    listed = _listed()
    assert len(chosen) == 5 * 3 + 2 + 4
    assert len({row["Case ID"] for row in chosen}) == len(chosen)
    by_area: dict[str, int] = {}
    for row in chosen:
        case = listed[row["Case ID"]]
        assert case["Team"] == row["Team"] and case["Allocated worker"] == row["Worker"]
        by_area[row["Area of work"]] = by_area.get(row["Area of work"], 0) + 1
        audited = case["Last audited"]
        if audited:  # nothing audited since the date is chosen
            day, month, year = (int(p) for p in audited.split("/"))
            assert dt.date(year, month, day) < dt.date(2025, 6, 1)
        if row["Why chosen"].startswith("added for the theme"):
            assert "domestic abuse" in case["Factors"]
        if row["Area of work"] == "initial contacts":
            assert case["Referral source"] not in ("Family member", "Anonymous")
    assert by_area["child protection"] >= 3 and by_area["initial contacts"] == 2
    draw_sheet = openpyxl.load_workbook(out, read_only=True)["Draw"]
    values = {row[0]: row[1] for row in draw_sheet.iter_rows(values_only=True) if row and row[0]}
    assert values["Seed"] == "11" and values["Cases chosen"] == "21"
    assert "listed" in done.output and "seed 11" in done.output


def test_the_same_seed_draws_the_same_sample_whatever_the_row_order(tmp_path):
    rows = list(csv.reader(CASE_LIST.open(encoding="utf-8")))
    shuffled = tmp_path / "shuffled.csv"
    body = rows[1:]
    random.Random(3).shuffle(body)
    with shuffled.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([rows[0], *body])
    picks = []
    for source, name in ((CASE_LIST, "a.csv"), (shuffled, "b.csv"), (CASE_LIST, "c.csv")):
        out = tmp_path / name
        seed = "99" if name != "c.csv" else "100"
        assert _run(str(source), "--total", "25", "--contacts", "3", "--seed", seed, "-o", str(out)).exit_code == 0
        with out.open(encoding="utf-8-sig") as handle:
            picks.append([row["Case ID"] for row in csv.DictReader(handle)])
    assert picks[0] == picks[1]
    assert picks[0] != picks[2]
    assert len(picks[0]) == 28


def test_a_draw_without_a_seed_prints_the_one_it_used():
    done = _run(str(CASE_LIST))
    assert done.exit_code == 0
    seed = re.search(r"^seed (\d+): give --seed \1 ", done.output, re.M).group(1)  # type: ignore[union-attr]
    again = _run(str(CASE_LIST), "--seed", seed)
    assert again.output == done.output


def test_asking_for_more_than_there_are_draws_all_and_says_so():
    done = CliRunner().invoke(cli, ["sample", str(CASE_LIST), "--areas", "care leavers: 40, CP: 2",
                                    "--seed", "1"], catch_exceptions=False)
    assert done.exit_code == 0
    assert "warning: care leavers: asked for 40, only 30 to choose from" in done.output
    assert done.output.count("random from care leavers") == 30


def _write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def test_bad_rows_are_named_with_their_cells_and_the_rest_are_used(tmp_path):
    listed = _write_csv(tmp_path / "cases.csv", [
        ["Case ref", "Service", "Last audited"],
        ["C-1", "CIN", ""],
        ["", "CP", ""],
        ["C-3", "Adoption", ""],
        ["C-1", "CLA", ""],
        ["C-5", "CLA", "31/02/2025"],
        ["C-6", "child protection", "2025-01-01"],
    ])
    done = _run(str(listed), "--seed", "1")
    assert done.exit_code == 2
    assert "cases.csv: 2 cases (4 rows left out, listed below)" in done.output
    assert "A3: row 3 has no case id" in done.output
    assert "B4: case C-3: 'Adoption' is not an area of work" in done.output
    assert "A5: the case id 'C-1' is used again on row 5 (first on row 2)" in done.output
    assert "C6: case C-5: last audited '31/02/2025' is not a date" in done.output
    assert "C-6" in done.output and "C-1" in done.output


def test_a_case_list_without_a_column_it_needs_says_which_and_what_it_has(tmp_path):
    listed = _write_csv(tmp_path / "cases.csv", [["Ref", "Service"], ["C-1", "CIN"]])
    done = _run(str(listed))
    assert done.exit_code == 2
    assert "has no column for case_id" in done.output and "'Ref', 'Service'" in done.output
    assert "[columns] case_id" in done.output


def test_a_mapping_names_the_columns_and_the_council_s_words_for_areas(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Open cases"
    sheet.append(["LCS number", "Plan", "SW"])
    sheet.append(["77", "Family Help Plan", "T. Hughes"])
    sheet.append(["78", "CP", "S. Allen"])
    listed = tmp_path / "cases.xlsx"
    book.save(listed)
    mapping = tmp_path / "cases.toml"
    mapping.write_text('[columns]\ncase_id = "LCS number"\narea = "Plan"\nworker = "SW"\n\n'
                       '[areas]\n"Family Help Plan" = "family_support"\n', encoding="utf-8")
    done = _run(str(listed), "--mapping", str(mapping), "--seed", "2")
    assert done.exit_code == 0, done.output
    assert "77 (T. Hughes): random from family support" in done.output
    assert "78 (S. Allen): random from child protection" in done.output
    mapping.write_text('[columns]\ncase_ref = "LCS number"\n', encoding="utf-8")
    done = _run(str(listed), "--mapping", str(mapping))
    assert done.exit_code == 2 and "did you mean 'case_id'?" in done.output
    before = listed.read_bytes()
    assert listed.read_bytes() == before


@pytest.mark.parametrize(("args", "message"), [
    (["--areas", "adoption: 3"], "does not name an area of work"),
    (["--areas", "cp: three"], "'three' is not a whole number of cases"),
    (["--add", "domestic abuse"], "give a theme and how many cases, like 'domestic_abuse: 4'"),
    (["--add", "neglect: -2"], "cannot be below 0"),
    (["--per-area", "2", "--total", "10"], "give one of --per-area, --areas and --total"),
    (["--not-audited-since", "2025-13-01"], "--not-audited-since"),
    (["--output", "out.txt"], "written as .xlsx or .csv"),
])
def test_wrong_options_are_refused_plainly(args, message, tmp_path):
    done = CliRunner().invoke(cli, ["sample", str(CASE_LIST), *args], catch_exceptions=False)
    assert done.exit_code == 2
    assert message in done.output


def test_text_that_looks_like_a_formula_stays_text(tmp_path):
    listed = _write_csv(tmp_path / "cases.csv", [["Case ref", "Service", "Team"],
                                                 ["C-1", "CIN", "=HYPERLINK(\"http://x\")"]])
    out = tmp_path / "s.csv"
    assert _run(str(listed), "--seed", "1", "-o", str(out)).exit_code == 0
    assert "'=HYPERLINK" in out.read_text(encoding="utf-8-sig")
    xlsx = tmp_path / "s.xlsx"
    assert _run(str(listed), "--seed", "1", "-o", str(xlsx)).exit_code == 0
    cell = openpyxl.load_workbook(xlsx)["Selection"]["D2"]
    assert cell.value == '=HYPERLINK("http://x")' and cell.data_type == "s"


# ---- the draw, held to the frame ------------------------------------------------------------------

_CASE = st.builds(
    lambda n, area, themes, audited, source: Case(
        f"C-{n}", area, n + 2, themes=frozenset(themes),
        last_audited=None if audited is None else dt.date(2025, 1, 1) + dt.timedelta(days=audited),
        source=source),
    st.integers(0, 10_000), st.sampled_from(list(AREAS)),
    st.sets(st.sampled_from(["domestic abuse", "neglect", "strategy discussion"]), max_size=2),
    st.one_of(st.none(), st.integers(0, 300)),
    st.one_of(st.none(), st.sampled_from(["Police", "School", "Family member", "anonymous"])),
)


@settings(max_examples=150, deadline=None)
@given(cases=st.lists(_CASE, max_size=80, unique_by=lambda c: c.case_id),
       how=st.sampled_from(["per_area", "counts", "total"]), amount=st.integers(0, 12),
       contacts=st.integers(0, 5), theme=st.integers(0, 6), since=st.one_of(st.none(), st.integers(0, 300)),
       seed=st.integers(0, 2**31))
def test_the_draw_never_repeats_or_takes_an_excluded_case_and_counts_as_asked(
        cases, how, amount, contacts, theme, since, seed):
    since_date = None if since is None else dt.date(2025, 1, 1) + dt.timedelta(days=since)
    plan = Plan(per_area=amount if how == "per_area" else None,
                counts={"child_protection": amount, "care_leaver": amount // 2} if how == "counts" else None,
                total=amount * 3 if how == "total" else None, contacts=contacts,
                themes=(("domestic abuse", theme),), not_audited_since=since_date, seed=seed)
    sample = draw(cases, plan)
    ids = [item.case.case_id for item in sample.chosen]
    assert len(ids) == len(set(ids))

    def recent(case: Case) -> bool:
        return since_date is not None and case.last_audited is not None and case.last_audited >= since_date

    assert not any(recent(item.case) for item in sample.chosen)
    open_by_area = {area: [c for c in cases if c.area == area and not recent(c)] for area in AREAS}
    open_by_area[CONTACTS] = [c for c in open_by_area[CONTACTS] if from_partner_agency(c)]
    drawn = {area: [i for i in sample.chosen if i.case.area == area and i.why.startswith("random")]
             for area in AREAS}
    if how == "per_area":
        asked = dict.fromkeys(WORK_AREAS, amount)
    elif how == "counts":
        asked = {area: {"child_protection": amount, "care_leaver": amount // 2}.get(area, 0)
                 for area in WORK_AREAS}
    else:
        asked = allocate(amount * 3, {area: len(open_by_area[area]) for area in WORK_AREAS})
    asked[CONTACTS] = contacts
    for area in AREAS:
        assert len(drawn[area]) == min(asked[area], len(open_by_area[area])), area
    added = [i.case for i in sample.chosen if i.why.startswith("added")]
    assert all("domestic abuse" in c.themes for c in added)
    theme_pool = [c for c in cases if "domestic abuse" in c.themes and not recent(c)
                  and c.case_id not in {i.case.case_id for i in sample.chosen if i.why.startswith("random")}]
    assert len(added) == min(theme, len(theme_pool))
    # The same draw from the same cases in another order.
    again = draw(list(reversed(cases)), plan)
    assert [i.case.case_id for i in again.chosen] == ids


@given(total=st.integers(0, 60), sizes=st.lists(st.integers(0, 25), min_size=1, max_size=6))
def test_a_total_is_shared_in_proportion_and_never_more_than_an_area_has(total, sizes):
    named = {f"area{i}": size for i, size in enumerate(sizes)}
    shares = allocate(total, named)
    assert sum(shares.values()) == min(total, sum(sizes))
    assert all(0 <= shares[a] <= named[a] for a in named)
    having = [a for a in named if named[a]]
    if total >= len(having):
        assert all(shares[a] >= 1 for a in having)


def test_reading_the_example_list_finds_every_area():
    listed = read_cases(CASE_LIST)
    assert not listed.problems
    assert {case.area for case in listed.cases} == set(AREAS)


def test_the_documented_draw_is_what_the_command_prints(tmp_path, monkeypatch):
    page = (ROOT / "docs" / "qa-officers" / "choosing-cases.md").read_text(encoding="utf-8")
    shown = re.search(r"```console\n\$ (auditrules sample (?:.*\\\n)*.*)\n((?:.|\n)*?)```", page)
    assert shown is not None
    command = shown.group(1).replace("\\\n", " ")
    args = [a.strip('"') for a in re.findall(r'"[^"]*"|\S+', command)][2:]
    monkeypatch.chdir(ROOT)
    args[args.index("--output") + 1] = str(tmp_path / "selection.xlsx")
    done = _run(*args)
    assert done.exit_code == 0, done.output
    printed = [line for line in done.output.splitlines() if not line.startswith("wrote ")]
    expected = [line for line in shown.group(2).splitlines() if not line.startswith("wrote ")]
    assert printed == expected
