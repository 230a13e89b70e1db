"""`validate` and `test` reports for CI: JSON, JUnit XML read back with an XML parser, SARIF
checked against the SARIF 2.1.0 schema, GitHub workflow commands in their exact format."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from auditrules.ci_formats import escape_data, escape_property
from auditrules.cli import cli

SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text("utf-8"))

GOOD = """ruleset ci.good
  version "1.0"
  title "Good"
  reference "Local guidance"

rule GOOD-1 "Summary given"
  severity error
  require summary is not empty
  message "no summary"
  hint "Write a summary."

  example pass { summary: "A summary." }
  example fail at summary { audit: { id: "x" } }
"""

# Two rules, three examples misbehaving: GOOD-like examples written the wrong way round.
WRONG = """ruleset ci.wrong
  version "1.0"
  reference "Local guidance"

rule WRONG-1 "Summary given"
  require summary is not empty
  message "no summary"
  hint "Write a summary."

  example pass "no summary, really" { audit: { id: "y" } }
  example fail at summary { summary: "Here: 100%, done" }

rule WRONG-2 "Overall judgement given"
  require overall_judgement is not empty
  message "no overall judgement"
  hint "Write one."

  example pass { overall_judgement: "Good." }
  example fail at summary { audit: { id: "z" } }
"""

BROKEN = """ruleset ci.broken
rule B-1 "Broken"
  require sumary is not empty
  message "m"
  example pass { summary: "x" }
"""


@pytest.fixture
def here(tmp_path, monkeypatch):
    """Run in the test's folder, so rule-set files are reported by their plain names."""
    monkeypatch.chdir(tmp_path)
    for name, text in (("good.rules", GOOD), ("wrong.rules", WRONG), ("broken.rules", BROKEN)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def run(*args: str):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


# ---- test --------------------------------------------------------------------------------------


def test_junit_has_a_suite_per_rule_set_and_a_case_per_example(here):
    result = run("test", "--no-default-rules", "good.rules", "wrong.rules", "-f", "junit",
                 "-o", "report.xml")
    assert result.exit_code == 1
    root = ET.parse(here / "report.xml").getroot()
    assert root.tag == "testsuites"
    assert (root.get("tests"), root.get("failures")) == ("6", "3")
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    assert list(suites) == ["ci.good", "ci.wrong"]
    assert (suites["ci.good"].get("tests"), suites["ci.good"].get("failures")) == ("2", "0")
    assert (suites["ci.wrong"].get("tests"), suites["ci.wrong"].get("failures")) == ("4", "3")
    assert suites["ci.wrong"].get("file") == "wrong.rules"
    cases = suites["ci.wrong"].findall("testcase")
    assert [c.get("name") for c in cases] == [
        "WRONG-1 example 1 (pass, 'no summary, really')", "WRONG-1 example 2 (fail)",
        "WRONG-2 example 1 (pass)", "WRONG-2 example 2 (fail)"]
    assert [c.get("classname") for c in cases] == ["ci.wrong.WRONG-1"] * 2 + ["ci.wrong.WRONG-2"] * 2
    assert [c.get("line") for c in cases] == ["10", "11", "18", "19"]
    failures = [c.find("failure") for c in cases]
    assert failures[2] is None
    first = failures[0]
    assert first.get("message") == "expected no finding, but the rule found one at summary: no summary"
    assert first.text == ("wrong.rules:10:3: rule WRONG-1 (Summary given), example 1 (pass, 'no summary, "
                          "really'): expected no finding, but the rule found one at summary: no summary")
    assert failures[3].get("message") == ("expected a finding at summary, but the rule found one at "
                                          "overall_judgement")


def test_sarif_of_failing_examples_matches_the_schema(here):
    result = run("test", "--no-default-rules", "good.rules", "wrong.rules", "-f", "sarif")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    jsonschema.Draft4Validator(SCHEMA).validate(report)
    # The schema is strict enough to notice a mistake.
    broken = json.loads(result.stdout)
    broken["runs"][0]["results"][0]["level"] = "fatal"
    assert not jsonschema.Draft4Validator(SCHEMA).is_valid(broken)
    assert report["version"] == "2.1.0"
    assert report["$schema"].endswith("sarif-2.1.0.json")
    (run_,) = report["runs"]
    driver = run_["tool"]["driver"]
    assert driver["name"] == "auditrules"
    assert [(r["id"], r["shortDescription"]["text"], r["help"]["text"]) for r in driver["rules"]] == [
        ("WRONG-1", "Summary given", "Write a summary."), ("WRONG-2", "Overall judgement given", "Write one.")]
    results = run_["results"]
    assert [(r["ruleId"], r["ruleIndex"], r["level"]) for r in results] == [
        ("WRONG-1", 0, "error"), ("WRONG-1", 0, "error"), ("WRONG-2", 1, "error")]
    location = results[1]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "wrong.rules", "uriBaseId": "%SRCROOT%"}
    assert location["region"] == {"startLine": 11, "startColumn": 3}
    assert results[1]["message"]["text"].startswith("WRONG-1 example 2 (fail): expected a finding at summary")


def test_github_lines_for_failing_examples(here):
    result = run("test", "--no-default-rules", "wrong.rules", "-f", "github")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "::error file=wrong.rules,line=10,col=3,title=WRONG-1 example 1 (pass%2C 'no summary%2C really')::"
        "WRONG-1 example 1 (pass, 'no summary, really'): expected no finding, but the rule found one at "
        "summary: no summary",
        "::error file=wrong.rules,line=11,col=3,title=WRONG-1 example 2 (fail)::WRONG-1 example 2 (fail): "
        "expected a finding at summary, but the rule found nothing",
        "::error file=wrong.rules,line=19,col=3,title=WRONG-2 example 2 (fail)::WRONG-2 example 2 (fail): "
        "expected a finding at summary, but the rule found one at overall_judgement",
    ]


def test_json_report_and_passing_run(here):
    result = run("test", "--no-default-rules", "good.rules", "-f", "json")
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert (report["passed"], report["failed"]) == (2, 0)
    assert report["examples"][1] == {"ruleset": "ci.good", "rule": "GOOD-1", "file": "good.rules", "line": 13,
                                     "column": 3, "kind": "fail", "name": None, "ok": True,
                                     "detail": "found at summary, as expected"}


def test_text_stays_as_it_was(here):
    result = run("test", "--no-default-rules", "good.rules")
    assert result.exit_code == 0
    assert result.stdout == "2 examples of 1 rules: 2 behaved as declared, 0 did not.\n"


# ---- validate ----------------------------------------------------------------------------------


def test_validate_junit_has_a_case_per_file_and_a_failure_per_problem(here):
    broken_twice = BROKEN.replace('message "m"', 'message "m {sumry}"')
    (here / "broken.rules").write_text(broken_twice, encoding="utf-8")
    result = run("validate", "--no-default-rules", "good.rules", "broken.rules", "-f", "junit",
                 "-o", "validate.xml")
    assert result.exit_code == 2
    root = ET.parse(here / "validate.xml").getroot()
    (suite,) = root.findall("testsuite")
    assert (suite.get("tests"), suite.get("failures")) == ("2", "1")
    cases = {c.get("name"): c for c in suite.findall("testcase")}
    assert set(cases) == {"good.rules", "broken.rules"}
    assert cases["good.rules"].findall("failure") == []
    assert cases["good.rules"].get("classname") == "ci.good"
    failures = cases["broken.rules"].findall("failure")
    assert [f.get("message") for f in failures] == ["3:11: unknown name 'sumary'", "4:15: unknown name 'sumry'"]
    assert failures[0].get("type") == "error:rule-set-error"
    assert failures[0].text.splitlines()[:3] == [
        "broken.rules:3:11: unknown name 'sumary'", "      require sumary is not empty",
        "              ^~~~~~"]


def test_validate_sarif_matches_the_schema_with_a_descriptor_per_kind(here):
    (here / "syntax.rules").write_text("ruleset ci.syntax\nrule S-1 \"s\"\n  severity eror\n", encoding="utf-8")
    result = run("validate", "--no-default-rules", "--strict", "good.rules", "broken.rules", "syntax.rules",
                 "wrong.rules", "-f", "sarif", "-o", "validate.sarif")
    assert result.exit_code == 2
    report = json.loads((here / "validate.sarif").read_text("utf-8"))
    jsonschema.Draft4Validator(SCHEMA).validate(report)
    driver = report["runs"][0]["tool"]["driver"]
    assert [r["id"] for r in driver["rules"]] == ["rule-set-error", "syntax-error"]
    results = report["runs"][0]["results"]
    assert [(r["ruleId"], r["level"]) for r in results] == [("rule-set-error", "error"), ("syntax-error", "error")]
    region = results[1]["locations"][0]["physicalLocation"]
    assert region["artifactLocation"]["uri"] == "syntax.rules"
    assert region["region"] == {"startLine": 3, "startColumn": 12}


def test_validate_github_annotations(here):
    result = run("validate", "--no-default-rules", "broken.rules", "-f", "github")
    assert result.exit_code == 2
    assert result.stdout.splitlines() == [
        "::error file=broken.rules,line=3,col=11,title=Rule-set error::unknown name 'sumary'%0Aexpected a field "
        "of the form (audit, child, summary, sections, assessment, plan_targets, family_feedback, "
        "overall_judgement, impact_on_child, recommendations, escalation, qa), a setting, a term list or a name "
        "given by 'for each'%0Adid you mean 'summary'?"]


def test_validate_json_and_a_clean_run(here):
    result = run("validate", "--no-default-rules", "good.rules", "-f", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {"rulesets": [{"file": "good.rules", "id": "ci.good"}], "problems": [],
                                         "errors": 0, "warnings": 0}
    text = run("validate", "--no-default-rules", "good.rules", "-o", "out.txt")
    assert text.exit_code == 0
    assert (here / "out.txt").read_text("utf-8") == "1 rule set, 1 rules: no problems found.\n"


def test_escaping_follows_githubs_rules():
    assert escape_data("100% done\r\nnext: a, b") == "100%25 done%0D%0Anext: a, b"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
