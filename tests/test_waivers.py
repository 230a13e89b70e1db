"""Waivers through the command line: live, expired, covering nothing, badly written; in every
report format; from TOML, CSV and Excel files and from auditrules.toml."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pytest
import yaml
from click.testing import CliRunner

from auditrules import Engine
from auditrules.cli import cli
from auditrules.waivers import apply_waivers, read_waivers

ROOT = Path(__file__).parents[1]
FORM_ID = "A-2025-044"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def form(tmp_path) -> Path:
    """The strong write-up with one shortfall: a plan target owned by 'Professionals'
    (SMART-001, an error, and the form's only error)."""
    data = yaml.safe_load((ROOT / "examples" / "strong-writeup.yaml").read_text(encoding="utf-8"))
    data["plan_targets"][0]["owner"] = "Professionals"
    path = tmp_path / "form.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def waiver_toml(*, rule: str = "SMART-001", expires: str = "2099-12-31", extra: str = "",
                reason: str = "The family chose the professionals' network as a whole; agreed at moderation.",
                approver: str = "Head of Quality Assurance", form_id: str = FORM_ID) -> str:
    return (f'# agreed at the moderation meeting\n[[waiver]]\nform = "{form_id}"\nrule = "{rule}"\n'
            f'reason = "{reason}"\napprover = "{approver}"\nexpires = {expires}\n{extra}')


def report(*args: str) -> tuple[int, dict]:
    code, out, err = run("check", *args, "--format", "json")
    assert code != 2, err
    return code, json.loads(out)


def test_without_a_waiver_the_error_fails_the_check(form):
    code, data = report(str(form))
    assert code == 1
    assert [f["rule"] for f in data["findings"] if f["severity"] == "error"] == ["SMART-001"]
    assert "waived" not in data  # the report is unchanged when no waivers are given


def test_a_live_waiver_lists_the_finding_apart_and_does_not_count_it(form, write):
    waivers = write("waivers.toml", waiver_toml())
    code, data = report(str(form), "--waivers", str(waivers))
    assert code == 0
    assert "SMART-001" not in [f["rule"] for f in data["findings"]]
    (waived,) = data["waived"]
    assert waived["rule"] == "SMART-001" and waived["location"]["path"] == "plan_targets[0].owner"
    assert waived["waiver"]["approver"] == "Head of Quality Assurance"
    assert waived["waiver"]["reason"].startswith("The family chose")
    assert waived["waiver"]["expires"] == "2099-12-31"
    assert waived["waiver"]["where"] == {"file": str(waivers), "row": 2, "path": "", "section": None}


def test_the_text_report_shows_the_waiver_and_counts_apart(form, write):
    waivers = write("waivers.toml", waiver_toml())
    code, out, _ = run("check", str(form), "--waivers", str(waivers))
    assert code == 0
    findings, _, waived = out.partition("waived (listed apart, not counted):\n")
    assert "SMART-001" not in findings
    assert "SMART-001 error" in waived
    assert f"waived by Head of Quality Assurance until 2099-12-31 ({waivers}:2): The family chose" in waived
    assert out.rstrip().endswith("(6 infos); 1 finding waived.")


def test_an_expired_waiver_waives_nothing_and_is_itself_a_finding(form, write):
    waivers = write("waivers.toml", waiver_toml(expires="2024-03-31"))
    code, data = report(str(form), "--waivers", str(waivers))
    assert code == 1  # the SMART-001 error is back
    rules = [f["rule"] for f in data["findings"]]
    assert "SMART-001" in rules and data["waived"] == []
    (expired,) = [f for f in data["findings"] if f["rule"] == "WAIVER-001"]
    assert expired["severity"] == "warning" and expired["form"] == FORM_ID
    assert expired["location"]["file"] == str(waivers) and expired["location"]["row"] == 2
    assert "expired on 2024-03-31" in expired["message"] and expired["hint"]
    assert any("its reason was" in reason for reason in expired["reasons"])


def test_a_waiver_holds_to_the_end_of_its_expiry_date(form, tmp_path, write):
    engine = Engine.load()
    waivers = read_waivers(write("waivers.toml", waiver_toml(expires="2025-06-30")),
                           [r.id for r in engine.all_rules()])
    result = engine.check([form])
    on_the_day = apply_waivers(result, waivers, as_of=dt.date(2025, 6, 30))
    the_day_after = apply_waivers(result, waivers, as_of=dt.date(2025, 7, 1))
    assert [w.finding.rule for w in on_the_day.waived or []] == ["SMART-001"]
    assert on_the_day.exit_code() == 0 and on_the_day.counts()["error"] == 0
    assert the_day_after.waived == [] and the_day_after.exit_code() == 1
    assert "WAIVER-001" in [f.rule for f in the_day_after.findings]
    assert result.waived is None and "SMART-001" in [f.rule for f in result.findings]  # untouched


def test_a_waiver_that_covers_nothing_is_reported_so_it_gets_cleared(form, write):
    extra = waiver_toml(rule="GRADE-004").replace("# agreed at the moderation meeting\n", "\n")
    extra += waiver_toml(form_id="A-2025-999").replace("# agreed at the moderation meeting\n", "\n")
    waivers = write("waivers.toml", waiver_toml() + extra)
    code, data = report(str(form), "--waivers", str(waivers))
    assert code == 0
    stale = [f for f in data["findings"] if f["rule"] == "WAIVER-002"]
    # Only the one for a form that was checked: a waiver for another return's form is left alone.
    assert [(f["severity"], f["location"]["row"]) for f in stale] == [("info", 9)]
    assert "GRADE-004" in stale[0]["message"]


def test_a_narrower_waiver_covers_only_its_field(form, write):
    waivers = write("waivers.toml", waiver_toml(extra='field = "plan_targets[1]"\n'))
    code, data = report(str(form), "--waivers", str(waivers))
    assert code == 1 and data["waived"] == []
    assert {"SMART-001", "WAIVER-002"} <= {f["rule"] for f in data["findings"]}
    waivers = write("waivers.toml", waiver_toml(extra='field = "plan_targets[0]"\n'))
    code, data = report(str(form), "--waivers", str(waivers))
    assert code == 0 and [w["rule"] for w in data["waived"]] == ["SMART-001"]


@pytest.mark.parametrize(("text", "expected"), [
    (waiver_toml(reason=""), "waivers.toml:5: the waiver has no reason: say why the finding may stand"),
    (waiver_toml(approver=" "), "waivers.toml:6: the waiver has no approver: name who agreed to it"),
    (waiver_toml(rule="SMART-01"), "waivers.toml:4: rule: no loaded rule has the id 'SMART-01'; "
                                   "did you mean 'SMART-001'?"),
    (waiver_toml(expires='"31/02/2025"'), "waivers.toml:7: expires: '31/02/2025' is not a date"),
    (waiver_toml(extra='aprover = "x"\n'), "waivers.toml:8: unknown key 'aprover'; did you mean 'approver'?"),
    (waiver_toml(form_id="*"), "waivers.toml:3: form: a waiver names one audit, not '*'"),
    (waiver_toml() + "\n" + waiver_toml().replace("# agreed at the moderation meeting\n", ""),
     "waivers.toml:9: the same waiver as waivers.toml:2 (SMART-001 on A-2025-044)"),
    (waiver_toml().replace("expires = 2099-12-31\n", ""), "waivers.toml:2: the waiver has no expires"),
    ("[[waiver]\n", "not a valid TOML waivers file"),
    ("[waivers]\nform = 'x'\n", "unknown key 'waivers'; did you mean 'waiver'?"),
])
def test_mistakes_in_a_waivers_file_are_named_with_their_line(form, write, monkeypatch, tmp_path,
                                                              text, expected):
    monkeypatch.chdir(tmp_path)
    write("waivers.toml", text)
    code, out, err = run("check", str(form), "--waivers", "waivers.toml")
    assert code == 2 and out == ""
    assert expected in err, err
    assert "Traceback" not in err


def test_every_mistake_is_named_in_one_pass(form, write):
    waivers = write("waivers.toml", waiver_toml(reason="", rule="SMART-01", expires='"soon"'))
    code, _, err = run("check", str(form), "--waivers", str(waivers))
    assert code == 2
    assert "has no reason" in err and "'SMART-01'" in err and "'soon' is not a date" in err
    assert err.rstrip().endswith("3 problems in the waivers file")


def test_a_csv_of_waivers_as_a_performance_team_keeps_it(form, tmp_path):
    path = tmp_path / "waivers.csv"
    path.write_text("Audit ID,Rule,Reason,Approved by,Expiry date\n"
                    f"{FORM_ID},SMART-001,Agreed at moderation,Head of QA,31/12/2099\n",
                    encoding="utf-8-sig")
    code, data = report(str(form), "--waivers", str(path))
    assert code == 0 and data["waived"][0]["waiver"]["where"]["cell"] == "A2"
    path.write_text("Form,Rule,Reason,Approver,Expires,Colour\n"
                    f"{FORM_ID},SMART-001,Agreed,,2099-12-31,red\n", encoding="utf-8")
    code, _, err = run("check", str(form), "--waivers", str(path))
    assert code == 2
    assert "waivers.csv:F1: unknown column 'Colour'" in err
    assert "waivers.csv:D2: the waiver has no approver" in err


def test_an_excel_sheet_of_waivers_with_real_dates(form, tmp_path):
    path = tmp_path / "waivers.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Waivers"
    sheet.append(["Form", "Rule", "Reason", "Approver", "Expires"])
    sheet.append([FORM_ID, "SMART-001", "Agreed at moderation", "Head of QA", dt.datetime(2099, 12, 31)])
    sheet.append([FORM_ID, "EVAL-001", "Agreed", "Head of QA", "next year"])
    book.save(path)
    code, _, err = run("check", str(form), "--waivers", str(path))
    assert code == 2 and "waivers.xlsx:Waivers!E3: expires: 'next year' is not a date" in err
    sheet.delete_rows(3)
    book.save(path)
    code, data = report(str(form), "--waivers", str(path))
    assert code == 0 and data["waived"][0]["waiver"]["expires"] == "2099-12-31"
    assert data["waived"][0]["waiver"]["where"]["cell"] == "Waivers!A2"
    before = path.read_bytes()
    run("check", str(form), "--waivers", str(path))
    assert path.read_bytes() == before  # the waivers file is only read


def test_the_waivers_file_named_in_the_configuration(form, tmp_path, monkeypatch, write):
    write("settings/waivers.toml", waiver_toml())
    write("settings/auditrules.toml", 'waivers = "waivers.toml"\n')
    monkeypatch.chdir(tmp_path)
    code, data = report(str(form), "--config", "settings/auditrules.toml")
    assert code == 0 and [w["rule"] for w in data["waived"]] == ["SMART-001"]
    write("settings/auditrules.toml", "waivers = 3\n")
    code, _, err = run("check", str(form), "--config", "settings/auditrules.toml")
    assert code == 2 and "waivers must be the path of a waivers file" in err


def test_a_missing_waivers_file_or_an_unknown_kind(form, tmp_path, write):
    code, _, err = run("check", str(form), "--waivers", str(tmp_path / "none.toml"))
    assert code == 2 and "no such waivers file" in err
    code, _, err = run("check", str(form), "--waivers", str(write("waivers.txt", "x")))
    assert code == 2 and "a waivers file is TOML (.toml), CSV (.csv) or Excel (.xlsx)" in err


def test_the_report_may_not_replace_the_waivers_file(form, write):
    waivers = write("waivers.toml", waiver_toml())
    code, _, err = run("check", str(form), "--waivers", str(waivers), "--output", str(waivers))
    assert code == 2 and "is one of the input files" in err
    assert waivers.read_text(encoding="utf-8") == waiver_toml()


HOSTILE_REASON = "=HYPERLINK(\\\"http://x\\\") <script>alert(1)</script>"


def test_the_csv_report_lists_waived_findings_after_the_rest(form, write, tmp_path):
    waivers = write("waivers.toml", waiver_toml(reason=HOSTILE_REASON))
    out = tmp_path / "report.csv"
    code, _, err = run("check", str(form), "--waivers", str(waivers), "--format", "csv", "--output", str(out))
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out.read_bytes().decode("utf-8-sig"))))
    assert [r["Waived"] for r in rows] == ["no"] * 6 + ["yes"]
    assert rows[-1]["Rule"] == "SMART-001" and rows[-1]["Approver"] == "Head of Quality Assurance"
    assert rows[-1]["Waiver reason"].startswith("'=HYPERLINK")  # never run as a formula
    assert rows[-1]["Waiver expires"] == "2099-12-31"


def test_the_spreadsheet_report_has_a_waived_sheet(form, write, tmp_path):
    waivers = write("waivers.toml", waiver_toml(reason=HOSTILE_REASON))
    out = tmp_path / "report.xlsx"
    code, _, err = run("check", str(form), "--waivers", str(waivers), "--format", "xlsx", "--output", str(out))
    assert code == 0, err
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Findings", "Waived", "Summary", "Rule sets", "Errors"]
    findings = [row[8] for row in book["Findings"].iter_rows(min_row=2, values_only=True)]
    assert "SMART-001" not in findings and len(findings) == 6
    header, row = list(book["Waived"].iter_rows(values_only=True))
    waived = dict(zip(header, row, strict=True))
    assert waived["Rule"] == "SMART-001" and waived["Approver"] == "Head of Quality Assurance"
    assert waived["Waiver reason"] == HOSTILE_REASON.replace("\\", "")
    assert book["Waived"]["R2"].data_type == "s"  # text, never a formula
    totals = {r[0]: r[1] for r in book["Summary"].iter_rows(values_only=True) if r[0]}
    assert totals["Findings waived (not counted)"] == 1 and totals["Findings: error"] == 0
    plain = tmp_path / "plain.xlsx"
    run("check", str(form), "--format", "xlsx", "--output", str(plain))
    assert openpyxl.load_workbook(plain).sheetnames == ["Findings", "Summary", "Rule sets", "Errors"]


class _Sections(HTMLParser):
    """Text of each <section id=...> and each <dd id=...> of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.text: dict[str, str] = {}
        self.scripts = 0
        self._open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        ident = dict(attrs).get("id")
        if tag == "script":
            self.scripts += 1
        if tag in ("section", "dd") and ident:
            self._open.append(ident)
            self.text.setdefault(ident, "")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("section", "dd") and self._open:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        for ident in self._open:
            self.text[ident] += data


def test_the_web_page_lists_waived_findings_apart_escaped(form, write, tmp_path):
    waivers = write("waivers.toml", waiver_toml(reason=HOSTILE_REASON))
    out = tmp_path / "report.html"
    code, _, err = run("check", str(form), "--waivers", str(waivers), "--format", "html", "--output", str(out))
    assert code == 0, err
    page = _Sections()
    page.feed(out.read_text(encoding="utf-8"))
    assert page.scripts == 0
    assert "SMART-001" not in page.text["findings"]
    assert "SMART-001" in page.text["waived"] and "Head of Quality Assurance" in page.text["waived"]
    assert "<script>alert(1)</script>" in page.text["waived"]  # shown as text, not run
    assert page.text["findings-waived"] == "1" and page.text["findings-error"] == "0"


def test_the_sarif_report_marks_waived_findings_as_suppressed(form, write, tmp_path, monkeypatch):
    import jsonschema

    schema = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text("utf-8"))
    monkeypatch.chdir(tmp_path)
    write("waivers.toml", waiver_toml() + waiver_toml(rule="GRADE-004", expires="2024-01-31")
          .replace("# agreed at the moderation meeting\n", "\n"))
    out = tmp_path / "report.sarif"
    code, _, err = run("check", str(form), "--waivers", "waivers.toml", "--format", "sarif",
                       "--output", str(out))
    assert code == 0, err
    report = json.loads(out.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(report)
    results = report["runs"][0]["results"]
    (waived,) = [r for r in results if "suppressions" in r]
    assert waived["ruleId"] == "SMART-001" and waived["level"] == "error"
    (suppression,) = waived["suppressions"]
    assert suppression["status"] == "accepted" and suppression["justification"].startswith("The family")
    assert suppression["properties"]["approver"] == "Head of Quality Assurance"
    assert waived["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] == \
        f"{FORM_ID}/plan_targets[0].owner"
    (expired,) = [r for r in results if r["ruleId"] == "WAIVER-001"]
    assert expired["level"] == "warning" and "suppressions" not in expired
    physical = expired["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"]["uri"] == "waivers.toml" and physical["region"] == {"startLine": 9}
    assert {r["level"] for r in results if r["ruleId"].startswith("STR-")} == {"note"}


def test_the_bundled_waivers_example(monkeypatch):
    monkeypatch.chdir(ROOT)
    code, out, _ = run("check", "examples/weak-writeup.yaml", "--waivers", "examples/waivers.toml")
    assert code == 1  # the write-up has other errors
    assert "examples/waivers.toml:13: A-2025-051 WAIVER-001 warning: The waiver of VOICE-003" in out
    assert "(examples/waivers.toml:5): The pro forma in use before April 2025" in out
    assert out.rstrip().endswith("40 findings in 1 form (10 errors, 22 warnings, 8 infos); 1 finding waived.")
