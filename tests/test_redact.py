"""Redaction: `check --redact` replaces names and dates of birth in every report, with the same
placeholder for the same person throughout a run, and leaves the rule set's own words alone."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from auditrules import Engine
from auditrules.cli import cli
from auditrules.redact import Redactor, redact_result

ROOT = Path(__file__).parents[1]

# A rule set that quotes case text in its messages, as many rules do.
QUOTING_RULES = '''ruleset test.quotes
  version "1.0.0"
  title "Quotes case text"

rule Q-001 "Quotes the evidence"
  for each section in sections
  forbid section.evidence is not empty
  message "The evidence reads '{section.evidence}'."
  hint "Name the child's plan; Good practice names the Team manager."

rule Q-002 "Quotes the judgement"
  for each section in sections
  forbid section.judgement is not empty
  message "The judgement reads '{section.judgement}'."
'''

CASE = {
    "audit": {"id": "A-2025-090", "date": "2025-03-04", "auditors": ["Priya Raman", "Team manager"],
              "practitioner": "Oliver Grant", "team": "Assessment team 2"},
    "child": {"status": "cp"},
    "sections": [
        {"name": "assessment",
         "evidence": "Oliver Grant visited Kayden (aged 4) at home. His mother, called Leanne Hughes, "
                     "DOB: 03/04/1994, spoke about Mr Dean Price.",
         "judgement": "Visits were completed. Ms Hughes was seen; Kayden, born on 12 June 2020, "
                      "said he was scared of Dean. Priya Raman agreed."},
    ],
}
PEOPLE = ["Priya", "Raman", "Oliver", "Grant", "Kayden", "Leanne", "Hughes", "Dean", "Price"]
DATES = ["03/04/1994", "12 June 2020"]


@pytest.fixture
def case_files(tmp_path):
    rules = tmp_path / "quotes.rules"
    rules.write_text(QUOTING_RULES, encoding="utf-8")
    form = tmp_path / "case.json"
    form.write_text(json.dumps(CASE), encoding="utf-8")
    return form, rules


def _report(form: Path, rules: Path, kind: str, tmp_path: Path, *extra: str) -> str:
    out = tmp_path / f"report.{kind}"
    result = CliRunner().invoke(cli, ["check", str(form), "--rules", str(rules), "--fail-on", "never",
                                      "--format", kind, "--output", str(out), *extra])
    assert result.exit_code == 0, result.output
    if kind == "xlsx":
        book = openpyxl.load_workbook(out)
        return "\n".join(str(cell.value) for sheet in book.worksheets for row in sheet.iter_rows()
                         for cell in row if cell.value is not None)
    if kind == "csv":
        return "\n".join(",".join(row) for row in
                         csv.reader(io.StringIO(out.read_bytes().decode("utf-8-sig"))))
    return out.read_text(encoding="utf-8")


@pytest.mark.parametrize("kind", ["text", "json", "csv", "xlsx", "html"])
def test_every_report_is_redacted(case_files, tmp_path, kind):
    form, rules = case_files
    plain = _report(form, rules, kind, tmp_path)
    assert "Kayden" in plain and "Leanne Hughes" in plain and "03/04/1994" in plain  # the case text is there
    redacted = _report(form, rules, kind, tmp_path, "--redact")
    for word in PEOPLE + DATES:
        assert word not in redacted, f"{word!r} left in the {kind} report"
    assert "[PERSON 1]" in redacted and "[DOB]" in redacted
    # The rule set's own words and the form's other details are kept.
    assert "The judgement reads" in redacted and "A-2025-090" in redacted
    if kind in ("csv", "xlsx", "html"):
        assert "Good practice names the Team manager" in redacted
    if kind in ("csv", "xlsx"):
        assert "Team manager" in redacted  # a role named as an auditor is not a person


def test_the_same_person_gets_the_same_placeholder(case_files):
    form, rules = case_files
    result = redact_result(Engine.load([rules], defaults=False).check([form]))
    evidence, judgement = (f.message for f in result.findings)
    # Oliver Grant is the practitioner, Priya Raman the first auditor: learnt first.
    assert result.audits[0].auditors == ("[PERSON 1]", "Team manager")
    assert result.audits[0].practitioner == "[PERSON 2]"
    assert evidence.startswith("The evidence reads '[PERSON 2] visited [PERSON 3] (aged 4)")
    kayden = "[PERSON 3]"
    assert f"{kayden}, born on [DOB]" in judgement
    hughes = evidence.split("called ")[1].split(",")[0]
    assert hughes.startswith("[PERSON") and f"{hughes} was seen" in judgement  # Ms Hughes too
    dean = re.search(r"about (\[PERSON \d\])", evidence).group(1)  # Mr Dean Price, then Dean
    assert f"scared of {dean}" in judgement
    assert "[PERSON 1] agreed" in judgement
    assert "DOB: [DOB]" in evidence


def test_redaction_leaves_the_result_it_was_given_alone(case_files):
    form, rules = case_files
    result = Engine.load([rules], defaults=False).check([form])
    before = [f.message for f in result.findings]
    redact_result(result)
    assert [f.message for f in result.findings] == before


@pytest.mark.parametrize("text, expected", [
    ("DOB: 14/02/2016", "DOB: [DOB]"),
    ("d.o.b. 2016-02-14", "d.o.b. [DOB]"),
    ("date of birth 14th February 2016", "date of birth [DOB]"),
    ("born on February 14, 2016 in Leeds", "born on [DOB] in Leeds"),
    ("The review is due 14/02/2026.", "The review is due 14/02/2026."),  # not a date of birth
])
def test_dates_of_birth(text, expected):
    assert Redactor().redact(text) == expected


@pytest.mark.parametrize("text, names", [
    ("Mrs J. Okafor attended", ["Okafor"]),
    ("her partner, known as Dean Price, was not seen", ["Dean", "Price"]),
    ("'Tom told Jane Wright he was scared'", ["Tom", "Jane", "Wright"]),
    ("the stepfather named Gary was present", ["Gary"]),
])
def test_names_found_in_case_text(text, names):
    redactor = Redactor()
    redactor.learn_text(text, whole=False)
    redacted = redactor.redact(text)
    for name in names:
        assert name not in redacted
    assert "[PERSON 1]" in redacted


def test_the_rule_sets_words_and_section_names_are_not_names():
    redactor = Redactor()
    text = ("'Visits were completed by the Team manager; Child Protection Conference held; MARAC "
            "referral made; Operation Encompass notice sent to the School.'")
    redactor.learn_text(text, whole=True)
    assert redactor.redact(text) == text


def test_the_examples_keep_every_word_but_a_name(tmp_path):
    """Over the bundled examples, redaction changes no hint, title or reference, and no message
    but those holding a name."""
    examples = [ROOT / "examples" / "weak-writeup.yaml", ROOT / "examples" / "strong-writeup.yaml"]
    result = Engine.load().check(examples)
    redacted = redact_result(result)
    for before, after in zip(result.findings, redacted.findings, strict=True):
        assert (before.hint, before.title, before.reference) == (after.hint, after.title, after.reference)
        if "[PERSON" not in after.message:
            assert before.message == after.message
    assert sum(f.message != g.message or f.evidence != g.evidence
               for f, g in zip(result.findings, redacted.findings, strict=True)) >= 1


def _run(*args: object) -> None:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exit_code == 0, result.output


def test_the_review_page_redacts_the_write_up_and_its_findings(case_files, tmp_path):
    form, rules = case_files
    plain, redacted = tmp_path / "plain.html", tmp_path / "redacted.html"
    _run("review", form, "--rules", rules, "--output", plain)
    _run("review", form, "--rules", rules, "--output", redacted, "--redact")
    assert "Kayden" in plain.read_text(encoding="utf-8")  # the write-up is on the page
    page = redacted.read_text(encoding="utf-8")
    for word in PEOPLE + DATES:
        assert word not in page, f"{word!r} left on the review page"
    assert "[PERSON 1]" in page and "[DOB]" in page and "A-2025-090" in page
    assert "Good practice names the Team manager" in page  # the rule set's own words


def test_compare_redacts_both_audits(case_files, tmp_path):
    form, rules = case_files
    reaudit = json.loads(json.dumps(CASE))
    reaudit["sections"][0]["judgement"] = "Leanne Hughes now attends every core group with Kayden."
    new = tmp_path / "reaudit.json"
    new.write_text(json.dumps(reaudit), encoding="utf-8")
    for kind in ("json", "html"):
        out = tmp_path / f"compare.{kind}"
        _run("compare", form, new, "--rules", rules, "--format", kind, "--output", out, "--redact")
        text = out.read_text(encoding="utf-8")
        for word in PEOPLE + DATES:
            assert word not in text, f"{word!r} left in the {kind} comparison"
        assert "[PERSON" in text and "The judgement reads" in text


def test_the_tracker_redacts_owners_and_recommendations(tmp_path):
    tracked = json.loads(json.dumps(CASE))
    tracked["recommendations"] = [
        {"action": "Review contact with Mr Dean Price", "owner": "Priya Raman", "due": "2025-04-01",
         "status": "complete", "completed_on": "2025-03-20",
         "completion_evidence": "Ms Hughes confirmed the new contact plan."},
        {"action": "Record Kayden's wishes", "owner": "Team manager", "due": "2025-04-01",
         "status": "open"},
    ]
    form = tmp_path / "tracked.json"
    form.write_text(json.dumps(tracked), encoding="utf-8")
    for kind in ("text", "html"):
        out = tmp_path / f"tracker.{kind}"
        _run("track", form, "--as-of", "2025-05-01", "--format", kind, "--output", out, "--redact")
        text = out.read_text(encoding="utf-8")
        for word in ("Priya", "Raman", "Dean", "Price", "Hughes"):
            assert word not in text, f"{word!r} left in the {kind} tracker"
        assert "[PERSON 1]" in text and "Team manager" in text


def test_a_date_of_birth_is_redacted_wherever_it_is_quoted_again():
    from auditrules.redact import DOB, Redactor

    redactor = Redactor()
    redactor.learn_text("Kayden, born on 12 June 2020, said he was scared. Seen on 3 March 2025.", whole=True)
    assert redactor.redact("the words that weighed most: a number, '12 June 2020'") == (
        f"the words that weighed most: a number, '{DOB}'")
    assert "3 March 2025" in redactor.redact("seen on 3 March 2025")  # not a date of birth: kept
    assert "112 June 2020" in redactor.redact("ref 112 June 2020")  # only the whole date

