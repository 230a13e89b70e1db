"""`auditrules compare OLD NEW` through the command line: two YAML write-ups and two spreadsheet
returns, in every report format, each read back with an independent reader."""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import json
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pytest
import yaml
from click.testing import CliRunner

from auditrules.cli import cli
from auditrules.compare import stable_key
from auditrules.template import write_template

ROOT = Path(__file__).parents[1]
WEAK = ROOT / "examples" / "weak-writeup.yaml"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def improved(data: dict) -> dict:
    """The weak write-up re-audited: the grade is a word, the first target has an owner and a
    date, the recommendation is put right, the audit is dated, and the targets are listed in the
    opposite order. One new shortfall: the assessment is given a score."""
    data = copy.deepcopy(data)
    data["audit"]["date"] = "2025-10-01"
    data["sections"][1]["grade"] = "requires improvement"
    data["sections"][0]["grade"] = "6/10"
    data["plan_targets"][0].update(owner="Mother", due="2025-09-30")
    data["plan_targets"].reverse()
    data["recommendations"] = [{"action": "Team manager to audit five case records a month for the "
                                          "child's views", "owner": "Team manager", "due": "2025-09-30"}]
    return data


@pytest.fixture
def forms(tmp_path) -> tuple[Path, Path]:
    new = tmp_path / "re-audit.yaml"
    new.write_text(yaml.safe_dump(improved(yaml.safe_load(WEAK.read_text(encoding="utf-8"))),
                                  sort_keys=False), encoding="utf-8")
    return WEAK, new


def compared(old: Path, new: Path, *args: str) -> tuple[int, dict]:
    code, out, err = run("compare", str(old), str(new), "--format", "json", *args)
    assert code != 2, err
    return code, json.loads(out)


def changes(data: dict, form: str) -> dict[str, list[tuple[str, str]]]:
    (entry,) = [f for f in data["forms"] if f["form"] == form]
    out: dict[str, list[tuple[str, str]]] = {"resolved": [], "persisting": [], "new": []}
    for item in entry["findings"]:
        latest = item["new"] or item["old"]
        out[item["change"]].append((item["rule"], latest["location"]["path"]))
    return out


def test_two_write_ups_resolved_persisting_and_new(forms):
    code, data = compared(*forms)
    assert code == 0
    found = changes(data, "A-2025-051")
    assert sorted(found["resolved"]) == [
        ("COMP-004", "audit.date"), ("GRADE-004", "sections[1].grade"),
        ("REC-001", "recommendations[0].action"), ("REC-002", "recommendations[0].owner"),
        ("REC-003", "recommendations[0].due"), ("SMART-001", "plan_targets[0].owner"),
        ("SMART-002", "plan_targets[0].due")]
    assert found["new"] == [("GRADE-004", "sections[0].grade")]
    # The targets were reordered: 'Core group to monitor' was third and is now first; its
    # shortfalls persist, matched by the target's text, not its position.
    assert ("SMART-001", "plan_targets[0].owner") in found["persisting"]
    assert ("SMART-003", "plan_targets[0].text") in found["persisting"]
    (entry,) = data["forms"]
    core_group = [i for i in entry["findings"] if i["rule"] == "SMART-001" and i["change"] == "persisting"]
    assert core_group[0]["old"]["location"]["path"] == "plan_targets[2].owner"
    assert core_group[0]["key"] == 'plan_targets[text="core group to monitor"].owner'
    assert data["totals"] == {"resolved": 7, "persisting": 33, "new": 1, "forms_in_both": 1,
                              "forms_only_in_old": 0, "forms_only_in_new": 0}
    assert entry["in"] == "both" and entry["old_findings"] == 40 and entry["new_findings"] == 34
    rules = {r["rule"]: (r["resolved"], r["persisting"], r["new"]) for r in data["rules"]}
    assert rules["GRADE-004"] == (1, 0, 1) and rules["SMART-002"] == (1, 2, 0)


def test_the_same_write_up_twice_has_only_persisting_findings():
    code, data = compared(WEAK, WEAK)
    assert code == 0
    assert data["totals"]["resolved"] == data["totals"]["new"] == 0
    assert data["totals"]["persisting"] == 40


def test_a_finding_is_the_same_one_when_its_item_is_reordered_or_reworded_in_place():
    old = {"plan_targets": [{"text": "Mother to engage."}, {"text": "Core group to monitor"}]}
    moved = {"plan_targets": [{"text": "core group  to monitor"}, {"text": "Mother to engage"}]}
    assert stable_key("plan_targets[1].owner", old) == stable_key("plan_targets[0].owner", moved)
    assert stable_key("sections[2].judgement", {"sections": [{}, {}, {"name": "planning"}]}) == \
        'sections[name="planning"].judgement'
    assert stable_key("plan_targets[0].owner", {"plan_targets": [{"text": None}]}) == "plan_targets[0].owner"
    assert stable_key("audit.date", {}) == "audit.date" and stable_key("", {}) == ""


def test_a_target_reworded_in_place_still_persists(forms, tmp_path):
    data = yaml.safe_load(WEAK.read_text(encoding="utf-8"))
    data["plan_targets"][2]["text"] = "Core group to monitor the home."  # still no date
    new = tmp_path / "reworded.yaml"
    new.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    _, result = compared(WEAK, new)
    assert ("SMART-002", "plan_targets[2].due") in changes(result, "A-2025-051")["persisting"]


def test_fail_on_new_for_ci(forms):
    code, _ = compared(*forms, "--fail-on-new", "error")
    assert code == 1  # the new GRADE-004 is an error
    code, _ = compared(*forms, "--fail-on-new", "warning")
    assert code == 1
    code, _ = compared(WEAK, WEAK, "--fail-on-new", "info")
    assert code == 0


def test_the_text_report(forms):
    code, out, _ = run("compare", *map(str, forms))
    assert code == 0
    assert "A-2025-051: 7 resolved, 34 persisting" not in out
    assert "A-2025-051: 7 resolved, 33 persisting, 1 new (40 findings before, 34 now)." in out
    assert "  new        GRADE-004 error at " in out
    assert "      good looks like: Use outstanding, good, requires improvement or inadequate" in out
    assert "  GRADE-004  1 resolved, 0 persisting, 1 new: " in out
    assert out.rstrip().endswith("Total: 7 resolved, 33 persisting, 1 new across 1 form in both "
                                 "audits; 0 only in the old, 0 only in the new.")


def test_the_json_report_is_the_same_every_time_and_inputs_are_untouched(forms, tmp_path):
    before = [hashlib.sha256(p.read_bytes()).hexdigest() for p in forms]
    first, second = tmp_path / "one.json", tmp_path / "two.json"
    for out in (first, second):
        code, _, err = run("compare", *map(str, forms), "--format", "json", "--output", str(out))
        assert code == 0, err
    assert first.read_bytes() == second.read_bytes()
    assert [hashlib.sha256(p.read_bytes()).hexdigest() for p in forms] == before
    code, _, err = run("compare", *map(str, forms), "--output", str(forms[1]))
    assert code == 2 and "is one of the input files" in err
    assert [hashlib.sha256(p.read_bytes()).hexdigest() for p in forms] == before


def test_inputs_that_cannot_be_read(forms, tmp_path):
    code, _, err = run("compare", str(forms[0]), str(tmp_path / "missing.yaml"))
    assert code == 2 and "missing.yaml: no such file" in err and "Traceback" not in err
    bad = tmp_path / "bad.yaml"
    bad.write_text("audit:\n  id: A-2025-051\n  date: 31/02/2025\n", encoding="utf-8")
    code, out, err = run("compare", str(forms[0]), str(bad), "--format", "json")
    assert code == 2
    data = json.loads(out)
    assert data["errors"][0]["side"] == "new" and "audit.date" in data["errors"][0]["message"]
    assert data["forms"][0]["in"] == "old only"
    assert "(new audit): audit.date" in err


# ---- two returns -------------------------------------------------------------------------------

GOOD = ("Auditors judge the assessment effective because it weighed father's drinking against the "
        "routines at home, which meant Sam is now safer and attends school every day.")


def filled_return(path: Path, audits: list[dict], targets: list[dict]) -> Path:
    """A blank return from 'auditrules template', filled in."""
    write_template(path)
    book = openpyxl.load_workbook(path)
    for sheet_name, rows in (("Audits", audits), ("plan_targets", targets)):
        sheet = book[sheet_name]
        headers = [cell.value for cell in sheet[1]]
        for number, row in enumerate(rows, start=2):
            for name, value in row.items():
                sheet.cell(row=number, column=headers.index(name) + 1, value=value)
    book.save(path)
    return path


@pytest.fixture
def returns(tmp_path) -> tuple[Path, Path]:
    base = {"audit.date": dt.datetime(2025, 3, 3), "child.status": "cp", "overall_judgement": GOOD,
            "impact_on_child": GOOD, "audit.team": "North <Team>"}
    old = filled_return(tmp_path / "q1.xlsx", [
        {**base, "audit.id": "A-1", "sections.planning.judgement": "The plan was reviewed.",
         "sections.planning.grade": "3"},
        {**base, "audit.id": "A-2", "sections.planning.judgement": GOOD},
    ], [{"audit.id": "A-1", "text": "Mother to engage", "owner": "all"}])
    new = filled_return(tmp_path / "q3.xlsx", [
        {**base, "audit.id": "A-1", "sections.planning.judgement": "The plan was reviewed.",
         "sections.planning.grade": "requires improvement"},
        {**base, "audit.id": "A-3", "sections.planning.judgement": GOOD},
    ], [{"audit.id": "A-1", "text": "Mother to engage", "owner": "all"},
        {"audit.id": "A-1", "text": "Professionals to support", "owner": "Professionals",
         "due": "ongoing"}])
    return old, new


def test_two_returns_per_form_with_forms_in_only_one(returns):
    code, data = compared(*returns)
    assert code == 0
    by_form = {f["form"]: f["in"] for f in data["forms"]}
    assert by_form == {"A-1": "both", "A-2": "old only", "A-3": "new only"}
    found = changes(data, "A-1")
    assert [rule for rule, _ in found["resolved"]] == ["GRADE-004"]
    assert ("SMART-001", "plan_targets[0].owner") in found["persisting"]
    assert ("SMART-001", "plan_targets[1].owner") in found["new"]
    (a1,) = [f for f in data["forms"] if f["form"] == "A-1"]
    persisting = [i for i in a1["findings"] if i["change"] == "persisting" and i["rule"] == "SMART-001"]
    assert persisting[0]["new"]["location"]["cell"].startswith("plan_targets!")
    assert data["totals"]["forms_only_in_old"] == 1 and data["totals"]["forms_only_in_new"] == 1


def test_the_spreadsheet_report(returns, tmp_path):
    out = tmp_path / "comparison.xlsx"
    code, _, err = run("compare", *map(str, returns), "--format", "xlsx", "--output", str(out))
    assert code == 0, err
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Findings", "By form", "By rule", "Errors"]
    rows = list(book["Findings"].iter_rows(values_only=True))
    header, body = rows[0], [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]
    assert header[:3] == ("Audit", "Change", "Rule")
    assert {r["Change"] for r in body} == {"resolved", "persisting", "new"}
    assert all(r["Audit"] == "A-1" for r in body)
    (new_target,) = [r for r in body if r["Change"] == "new" and r["Rule"] == "SMART-001"]
    assert not new_target["Where before"] and "plan_targets!" in new_target["Where now"]
    forms = {r[0]: r[1:] for r in book["By form"].iter_rows(min_row=2, values_only=True)}
    assert forms["A-2"][0] == "only in the old audit" and forms["A-3"][0] == "only in the new audit"
    assert isinstance(forms["A-1"][1], int)  # counts are numbers
    rules = {r[0]: r[4:] for r in book["By rule"].iter_rows(min_row=2, values_only=True)}
    assert rules["SMART-001"] == (0, 1, 1)


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.text: dict[str, str] = {}
        self.tags: list[str] = []
        self._open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        ident = dict(attrs).get("id")
        if tag in ("section", "dd") and ident:
            self._open.append(ident)
            self.text.setdefault(ident, "")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("section", "dd") and self._open:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        for ident in self._open:
            self.text[ident] += data


def test_the_web_page(forms, tmp_path):
    hostile = tmp_path / "<b onclick=x>re-audit<b>.yaml"  # a file name is shown on the page
    hostile.write_bytes(forms[1].read_bytes())
    out = tmp_path / "comparison.html"
    code, _, err = run("compare", str(forms[0]), str(hostile), "--format", "html", "--output", str(out))
    assert code == 0, err
    page = _Page()
    page.feed(out.read_text(encoding="utf-8"))
    assert not {"script", "link", "b", "img"} & set(page.tags)
    assert page.text["resolved"] == "7" and page.text["new"] == "1" and page.text["forms-in-both"] == "1"
    assert "<b onclick=x>re-audit<b>.yaml sections[0].grade" in page.text["findings"]  # shown as text
    assert "GRADE-004" in page.text["by-rule"] and "A-2025-051" in page.text["by-form"]
    assert "Every form was read." in page.text["errors"]


def test_different_mappings_for_the_old_and_new_returns(returns, tmp_path):
    old = tmp_path / "council.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Audits"
    sheet.append(["Audit ID", "Date of audit", "Legal status", "Planning judgement", "Planning grade"])
    sheet.append(["A-1", dt.datetime(2025, 3, 3), "Child protection", "The plan was reviewed.", "3"])
    book.save(old)
    mapping = tmp_path / "council.mapping.toml"
    mapping.write_text('[form]\nsheet = "Audits"\nid = "Audit ID"\n\n[fields]\n'
                       '"audit.date" = "Date of audit"\n"child.status" = "Legal status"\n'
                       '"sections.planning.judgement" = "Planning judgement"\n'
                       '"sections.planning.grade" = "Planning grade"\n', encoding="utf-8")
    code, out, err = run("compare", str(old), str(returns[1]), "--old-mapping", str(mapping),
                         "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    resolved = changes(data, "A-1")["resolved"]
    assert any(rule == "GRADE-004" for rule, _ in resolved)
    code, _, err = run("compare", str(old), str(returns[1]), "--mapping", str(mapping))
    assert code == 2  # the template return does not have the council's headers


def test_the_bundled_re_audit_example(monkeypatch):
    monkeypatch.chdir(ROOT)
    code, out, _ = run("compare", "examples/weak-writeup.yaml", "examples/weak-writeup-reaudit.yaml")
    assert code == 0
    assert "A-2025-051: 10 resolved, 30 persisting, 3 new (40 findings before, 33 now)." in out
