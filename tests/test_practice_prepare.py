"""`auditrules prepare`: a pro forma per chosen case with what is known filled in, read back by
`check` with the same mapping, and the workers' list."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
from click.testing import CliRunner

from auditrules.cli import cli
from auditrules.engine import Engine
from auditrules.practice.cases import Case
from auditrules.practice.prepare import known_values

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
MAPPING = EXAMPLES / "pro-forma.mapping.toml"
SECTIONS = ("assessment", "planning", "child_voice", "multi_agency", "management_oversight", "impact")


def _run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def _pairs(tmp_path: Path) -> Path:
    selection, pairs = tmp_path / "selection.xlsx", tmp_path / "pairs.xlsx"
    assert _run("sample", str(EXAMPLES / "case-list.csv"), "--per-area", "2", "--contacts", "1",
                "--seed", "3", "-o", str(selection)).exit_code == 0
    assert _run("assign", str(selection), str(EXAMPLES / "auditors.csv"), "-o", str(pairs)).exit_code == 0
    return pairs


def _chosen(pairs: Path) -> dict[str, dict[str, str]]:
    rows = list(openpyxl.load_workbook(pairs, read_only=True)["Cases"].iter_rows(values_only=True))
    return {row[2]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}


def test_a_council_word_pro_forma_filled_per_case_reads_back_with_its_mapping(tmp_path, make_forms):
    pairs = _pairs(tmp_path)
    template = tmp_path / "blank-pro-forma.docx"
    make_forms.write_word({"sections": [{"name": name} for name in SECTIONS]}, template)
    before = template.read_bytes()
    out = tmp_path / "forms"
    out.mkdir()
    done = _run("prepare", str(pairs), "--day", "2025-12-11", "--template", str(template),
                "--mapping", str(MAPPING), "-o", str(out))
    assert done.exit_code == 0, done.output
    chosen = _chosen(pairs)
    written = sorted(out.glob("A-*.docx"))
    assert len(written) == len(chosen) == 11
    assert "note:" not in done.output  # every known value has its place, the tick boxes too
    engine = Engine.load()
    forms = {form.child.ref: form for form, _ in engine.read(written, engine.read_options(engine.load_mapping(MAPPING)))}
    assert set(forms) == set(chosen)
    for case_id, row in chosen.items():
        audit = forms[case_id].audit
        assert audit.id == f"A-20251211-{case_id}"
        assert audit.date == dt.date(2025, 12, 11) and audit.period_start == dt.date(2025, 6, 11)
        assert audit.team == row["Team"] and audit.practitioner == row["Worker"]
        assert audit.auditors == row["Auditors"].split(" and ")
        assert audit.type == "practice_day"
        expected = {"family support": "early_help", "child in need": "cin", "child protection": "cp",
                    "looked after children": "cla", "care leavers": "care_leaver", "initial contacts": None}
        assert forms[case_id].child.status == expected[row["Area of work"]]
    assert template.read_bytes() == before
    workers = list(openpyxl.load_workbook(out / "workers.xlsx")["Workers"].iter_rows(values_only=True))
    assert workers[0][:3] == ("Worker", "Team", "Case ID") and len(workers) == 12
    assert all("Thursday 11 December 2025" in row[-1] for row in workers[1:])


def test_the_return_has_a_row_per_case_that_check_reads(tmp_path):
    pairs = _pairs(tmp_path)
    out = tmp_path / "return"
    out.mkdir()
    done = _run("prepare", str(pairs), "--day", "2025-12-11", "-o", str(out))
    assert done.exit_code == 0, done.output
    engine = Engine.load()
    forms = [item for item in engine.read([out / "practice-day-return.xlsx"])]
    assert len(forms) == 11 and all(isinstance(item, tuple) for item in forms)
    statuses = {form.child.ref: form.child.status for form, _ in forms}  # type: ignore[misc]
    chosen = _chosen(pairs)
    expected = {"family support": "early_help", "child in need": "cin", "child protection": "cp",
                "looked after children": "cla", "care leavers": "care_leaver", "initial contacts": None}
    assert statuses == {case: expected[row["Area of work"]] for case, row in chosen.items()}


def test_wrong_options_are_refused(tmp_path):
    pairs = _pairs(tmp_path)
    done = _run("prepare", str(pairs), "--day", "2025-13-40", "-o", str(tmp_path))
    assert done.exit_code == 2 and "--day" in done.output
    done = _run("prepare", str(pairs), "--day", "2025-12-11", "--template", str(pairs), "-o", str(tmp_path))
    assert done.exit_code == 2 and "--template needs --mapping" in done.output
    done = _run("prepare", str(pairs), "--day", "2025-12-11", "--template", str(pairs), "--mapping",
                str(MAPPING), "-o", str(tmp_path))
    assert done.exit_code == 2 and "a pro forma template is a Word document" in done.output


def test_the_audit_period_is_the_six_months_before_the_day():
    def period(day: dt.date) -> dt.date:
        [prepared] = known_values([Case("C-1", "child_in_need", 2)], day)
        assert prepared.values["audit.period_end"] == day
        start: dt.date = prepared.values["audit.period_start"]
        return start

    assert period(dt.date(2025, 12, 11)) == dt.date(2025, 6, 11)
    assert period(dt.date(2025, 8, 31)) == dt.date(2025, 2, 28)
    assert period(dt.date(2026, 3, 31)) == dt.date(2025, 9, 30)


def test_the_documented_preparation_is_what_the_command_writes(tmp_path, monkeypatch):
    import re

    page = (ROOT / "docs" / "qa-officers" / "choosing-cases.md").read_text(encoding="utf-8")
    drawn = re.search(r"\$ (auditrules sample (?:.*\\\n)*.*)\n", page)
    shown = re.search(r"```console\n\$ (auditrules prepare .*)\n((?:.|\n)*?)```", page)
    assert drawn is not None and shown is not None
    monkeypatch.chdir(tmp_path)
    (tmp_path / "examples").symlink_to(EXAMPLES)
    (tmp_path / "forms").mkdir()
    args = [a.strip('"') for a in re.findall(r'"[^"]*"|\S+', drawn.group(1).replace("\\\n", " "))][1:]
    assert _run(*args).exit_code == 0
    assert _run("assign", "selection.xlsx", "examples/auditors.csv", "--output", "pairs.xlsx").exit_code == 0
    done = _run(*shown.group(1).split()[1:])
    assert done.exit_code == 0
    assert done.output.splitlines() == shown.group(2).splitlines()
