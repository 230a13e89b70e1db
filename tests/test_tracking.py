"""Recommendation tracking: the `as_of` date in rules, `check --as-of`, the core.tracking rule
set around its date boundaries, and the `track` report in each format, all through the CLI."""

from __future__ import annotations

import datetime as dt
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

import auditrules
import documentation
from auditrules.cli import cli

AS_OF = "2025-06-02"  # a Monday


@pytest.fixture
def runner():
    return CliRunner()


def invoke(runner, *args):
    return runner.invoke(cli, [str(a) for a in args], catch_exceptions=False)


def form_file(write, recommendations, name="form.json", **parts):
    form = {"audit": {"id": "A-1", "date": "2025-05-01"}, "recommendations": recommendations, **parts}
    return write(name, json.dumps(form))


def findings(runner, path, *args):
    result = invoke(runner, "check", path, "--format", "json", "--fail-on", "never", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["findings"]


def tracking(runner, path, as_of=AS_OF):
    return [(f["rule"], f["location"]["path"]) for f in findings(runner, path, "--as-of", as_of)
            if "tracking" in f["tags"]]


def open_rec(due, status="open", **more):
    return {"action": "Convene a core group to agree a safety plan", "owner": "Team manager",
            "due": due, "status": status, **more}


def done_rec(completed_on="2025-05-20", evidence="Core group held on 20/05/2025; plan on the file",
             **more):
    return {"action": "Update the chronology", "owner": "Social worker", "due": "2025-05-30",
            "status": "complete", "completed_on": completed_on, "completion_evidence": evidence,
            **more}


# ---- the rules around the as-of date ------------------------------------------------------------


@pytest.mark.parametrize(("due", "expected"), [
    ("2025-06-01", [("TRACK-001", "recommendations[0].due")]),   # yesterday: overdue
    ("2025-06-02", []),                                          # today: due, not overdue
    ("2025-06-03", []),                                          # tomorrow
])
def test_an_open_recommendation_is_overdue_the_day_after_its_due_date(runner, write, due, expected):
    assert tracking(runner, form_file(write, [open_rec(due)])) == expected


def test_an_overdue_finding_says_by_how_many_days_and_working_days(runner, write):
    path = form_file(write, [open_rec("23/05/2025")])
    (finding,) = [f for f in findings(runner, path, "--as-of", AS_OF) if f["rule"] == "TRACK-001"]
    assert "days overdue: 10 (working days: 5)" in finding["message"]  # 26 May: a bank holiday
    assert "status: open" in finding["message"]
    assert "Team manager" in finding["hint"]


def test_a_recommendation_with_no_status_is_tracked_but_a_complete_one_is_not(runner, write):
    path = form_file(write, [open_rec("2025-05-01", status=None), done_rec()])
    assert tracking(runner, path) == [("TRACK-001", "recommendations[0].due")]


@pytest.mark.parametrize(("due", "expected"), [
    ("2025-06-01", []),
    ("2025-06-02", [("TRACK-002", "recommendations[0].status")]),
    ("2025-06-03", [("TRACK-002", "recommendations[0].status")]),
])
def test_marked_overdue_before_the_due_date_has_passed(runner, write, due, expected):
    found = [f for f in tracking(runner, form_file(write, [open_rec(due, "overdue")]))
             if f[0] != "TRACK-001"]
    assert found == expected


@pytest.mark.parametrize(("completed_on", "expected"), [
    ("2025-06-01", []),
    ("2025-06-02", []),
    ("2025-06-03", [("TRACK-005", "recommendations[0].completed_on")]),
])
def test_a_completion_cannot_be_dated_after_the_as_of_date(runner, write, completed_on, expected):
    assert tracking(runner, form_file(write, [done_rec(completed_on)])) == expected


@pytest.mark.parametrize(("recommendation", "expected"), [
    (done_rec(completed_on=None), [("TRACK-003", "recommendations[0].completed_on")]),
    (done_rec(evidence=None), [("TRACK-004", "recommendations[0].completion_evidence")]),
    (done_rec(evidence="Completed."), [("TRACK-004", "recommendations[0].completion_evidence")]),
    (done_rec(evidence="  DONE "), [("TRACK-004", "recommendations[0].completion_evidence")]),
    (done_rec(evidence="Done: core group minutes of 20/05/2025 on file"), []),
    (open_rec("2025-06-30", completed_on="2025-05-20"), [("TRACK-006", "recommendations[0].status")]),
    (open_rec("within 10 working days"), [("TRACK-007", "recommendations[0].due")]),
])
def test_completion_and_due_dates_that_cannot_be_tracked(runner, write, recommendation, expected):
    assert tracking(runner, form_file(write, [recommendation])) == expected


def test_an_unbounded_due_is_left_to_the_recommendation_rules_not_reported_twice(runner, write):
    path = form_file(write, [open_rec("ongoing")])
    rules = [(f["rule"], f["location"]["path"]) for f in findings(runner, path, "--as-of", AS_OF)]
    assert ("REC-003", "recommendations[0].due") in rules
    assert not [rule for rule, _ in rules if rule.startswith("TRACK")]


ESCALATED = {"poor_practice": True, "senior_manager": "Head of Service, J. Patel",
             "timescale": "5 working days"}


@pytest.mark.parametrize(("as_of", "escalation", "expected"), [
    # The audit was on Thursday 1 May 2025; Monday 5 May was a bank holiday, so the two working
    # days to escalate ran to Tuesday 6 May.
    ("2025-05-06", ESCALATED, []),
    ("2025-05-07", ESCALATED, [("TRACK-008", "escalation.notified_on")]),
    ("2025-05-07", {**ESCALATED, "notified_on": "2025-05-02"}, []),
    ("2025-05-07", {**ESCALATED, "senior_manager": None}, []),  # ESC-001's finding, not this one
])
def test_an_escalation_records_when_the_senior_manager_was_told(runner, write, as_of, escalation,
                                                               expected):
    path = form_file(write, [], escalation=escalation)
    assert tracking(runner, path, as_of) == expected


def test_when_no_senior_manager_is_named_only_the_escalation_rule_says_so(runner, write):
    path = form_file(write, [], escalation={**ESCALATED, "senior_manager": None})
    rules = [f["rule"] for f in findings(runner, path, "--as-of", "2025-06-30")]
    assert "ESC-001" in rules and "TRACK-008" not in rules


# ---- --as-of ----------------------------------------------------------------------------------


def test_check_leaves_tracking_out_unless_asked_for_a_date(runner, write):
    path = form_file(write, [open_rec("2020-01-01")])
    plain = invoke(runner, "check", path, "--format", "json", "--fail-on", "never")
    ids = [r["id"] for r in json.loads(plain.stdout)["rulesets"]]
    assert "core.tracking" not in ids and "core.recommendations" in ids
    dated = invoke(runner, "check", path, "--format", "json", "--fail-on", "never", "--as-of", AS_OF)
    assert "core.tracking" in [r["id"] for r in json.loads(dated.stdout)["rulesets"]]


def test_as_of_reads_uk_and_iso_dates_and_today(runner, write):
    path = form_file(write, [open_rec("2025-06-01")])
    assert tracking(runner, path, "02/06/2025") == tracking(runner, path, "2025-06-02") != []
    assert tracking(runner, path, "01/06/2025") == []
    # Due long ago: overdue today, whatever today is.
    assert tracking(runner, form_file(write, [open_rec("2000-01-03")]), "today") == [
        ("TRACK-001", "recommendations[0].due")]


@pytest.mark.parametrize(("written", "message"), [
    ("31/02/2025", "'31/02/2025' is not a date: there is no such day"),
    ("2025-13-01", "'2025-13-01' is not a date: there is no such day"),
    ("next week", "'next week' is not a date (write it as YYYY-MM-DD or DD/MM/YYYY, or 'today')"),
])
@pytest.mark.parametrize("command", ["check", "track"])
def test_a_wrong_as_of_date_is_a_clear_error(runner, write, written, message, command):
    path = form_file(write, [open_rec("2025-06-01")])
    result = invoke(runner, command, path, "--as-of", written)
    assert result.exit_code == 2
    assert result.stderr.strip() == f"error: --as-of: {message}"
    assert "Traceback" not in result.output


def test_the_python_api_checks_as_of_a_date():
    form = {"audit": {"id": "A-1"}, "recommendations": [open_rec("2025-06-01")]}
    late = auditrules.check([form], as_of=dt.date(2025, 6, 2))
    assert [f.rule for f in late.findings if f.ruleset == "core.tracking"] == ["TRACK-001"]
    on_time = auditrules.check([form], as_of=dt.date(2025, 6, 1))
    assert [f.rule for f in on_time.findings if f.ruleset == "core.tracking"] == []
    engine = auditrules.Engine.load(tracking=True, as_of=dt.date(2025, 6, 1))
    assert engine.as_of == dt.date(2025, 6, 1)
    engine.as_of = dt.date(2025, 6, 9)
    assert "TRACK-001" in [f.rule for f in engine.check_form(form)]


# ---- as_of in the rule language --------------------------------------------------------------


DATED_RULES = """\
ruleset council.reviews
  version "1.0.0"
  title "Reviews"
  applies to all forms

rule REV-1 "The audit is recent"
  require audit.date >= as_of - 6 months
  message "The audit of {audit.date} is more than six months before {as_of}."
  hint "Audit again."
  reference "Local practice standards"

  example pass as of 2025-06-02 { audit: { date: "2025-01-02" } }
  example fail as of 2025-06-02 at audit.date { audit: { date: "2024-12-01" } }
"""


def test_examples_of_a_rule_that_reads_as_of_run_as_of_their_own_date(runner, write):
    path = write("reviews.rules", DATED_RULES)
    result = invoke(runner, "test", "--no-default-rules", "--coverage", "--threshold", "100", path)
    assert result.exit_code == 0, result.output
    assert "2 examples of 1 rules: 2 behaved as declared, 0 did not." in result.output
    assert invoke(runner, "fmt", "--check", path).exit_code == 0


def test_an_example_of_a_rule_that_reads_as_of_must_say_its_date(runner, write):
    path = write("reviews.rules", DATED_RULES.replace("example fail as of 2025-06-02 at",
                                                      "example fail at"))
    result = invoke(runner, "validate", "--no-default-rules", path)
    assert result.exit_code == 2
    assert ("reviews.rules:13:3: rule REV-1 reads as_of, so this example must say the date it is "
            "checked as of") in result.stderr


def test_as_of_is_a_reserved_name(runner, write):
    path = write("reviews.rules", DATED_RULES.replace('  applies to all forms\n',
                                                      '  applies to all forms\n\nsetting as_of = 3\n'))
    result = invoke(runner, "validate", "--no-default-rules", path)
    assert result.exit_code == 2
    assert "'as_of' is a reserved name (as_of is the date the check is made as of)" in result.stderr


def test_a_user_rule_reads_the_as_of_date_given_to_check(runner, write):
    rules = write("reviews.rules", DATED_RULES)
    form = write("old.json", json.dumps({"audit": {"id": "A-1", "date": "2024-12-01"}}))
    args = ("--no-default-rules", "--rules", rules)
    assert [f["rule"] for f in findings(runner, form, *args, "--as-of", "2025-06-02")] == ["REV-1"]
    assert findings(runner, form, *args, "--as-of", "2025-05-01") == []


# ---- the tracker -------------------------------------------------------------------------------


@pytest.fixture
def quarter(write):
    forms = [
        {"audit": {"id": "A-1", "date": "2025-05-01"},
         "escalation": ESCALATED,
         "recommendations": [open_rec("2025-05-30"), done_rec(evidence="=HYPERLINK(\"x\")")]},
        {"audit": {"id": "A-2", "date": "2025-05-08"},
         "recommendations": [
             open_rec("2025-07-01", owner="  team   MANAGER ", action="Review <b>the plan</b>"),
             done_rec(owner="Social Worker", evidence="Done"),
             {"action": "Supervision to consider the case", "due": "2025-06-30", "status": "open"},
         ]},
    ]
    return write("quarter.json", json.dumps(forms))


def test_track_lists_recommendations_by_owner_with_totals(runner, quarter):
    result = invoke(runner, "track", quarter, "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "Recommendations as of 2 June 2025: 5 in 2 forms."
    headings = [line for line in lines if line and not line.startswith(" ")]
    assert headings[1:4] == [
        "Social worker: 2 recommendations, 0 open, 0 overdue, 2 complete (1 without evidence)",
        "Team manager: 2 recommendations, 1 open, 1 overdue, 0 complete (0 without evidence)",
        "(no owner named): 1 recommendation, 1 open, 0 overdue, 0 complete (0 without evidence)",
    ]
    assert any("3 days overdue (1 working day)" in line for line in lines)
    assert "TRACK-008" in result.stdout  # the escalation, listed apart
    assert lines[-1] == "5 recommendations: 2 open, 1 overdue, 2 complete (1 without evidence)."


def test_track_exits_1_with_fail_on_and_a_finding(runner, quarter):
    assert invoke(runner, "track", quarter, "--as-of", AS_OF, "--fail-on", "error").exit_code == 1
    assert invoke(runner, "track", quarter, "--as-of", AS_OF).exit_code == 0


def test_the_tracker_spreadsheet_reads_back_and_keeps_text_as_text(runner, quarter, tmp_path):
    out = tmp_path / "tracker.xlsx"
    before = quarter.read_bytes()
    result = invoke(runner, "track", quarter, "--as-of", AS_OF, "--format", "xlsx", "--output", out)
    assert result.exit_code == 0, result.output
    assert quarter.read_bytes() == before
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Recommendations", "Owners", "Escalations", "Errors"]
    rows = list(book["Recommendations"].iter_rows(values_only=True))
    assert rows[0][:10] == ("Owner", "Audit", "Where", "Action", "Due", "Status", "Completed on",
                            "Completion evidence", "Days overdue", "Working days overdue")
    overdue = [row for row in rows[1:] if row[8] is not None]
    assert [(row[0], row[1], row[4], row[8], row[9]) for row in overdue] == [
        ("Team manager", "A-1", "30 May 2025", 3, 1)]
    assert "TRACK-001 error" in overdue[0][10]
    formula = book["Recommendations"].cell(row=2, column=8)
    assert formula.value == '=HYPERLINK("x")' and formula.data_type == "s"
    owners = list(book["Owners"].iter_rows(values_only=True))
    assert owners[1:4] == [("Social worker", 2, 0, 0, 2, 1), ("Team manager", 2, 1, 1, 0, 0),
                           ("(no owner named)", 1, 1, 0, 0, 0)]
    assert owners[4] == ("All owners", 5, 2, 1, 2, 1)
    escalations = [row[2] for row in book["Escalations"].iter_rows(min_row=2, values_only=True)]
    assert "TRACK-008" in escalations


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.headings: list[str] = []
        self.cells: list[str] = []
        self.tags: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag in ("h2", "td", "th"):
            self._in = tag
            (self.headings if tag == "h2" else self.cells).append("")

    def handle_endtag(self, tag):
        if tag == self._in:
            self._in = None

    def handle_data(self, data):
        if self._in == "h2":
            self.headings[-1] += data
        elif self._in in ("td", "th"):
            self.cells[-1] += data


def test_the_tracker_page_is_escaped_and_grouped_by_owner(runner, quarter, tmp_path):
    out = tmp_path / "tracker.html"
    result = invoke(runner, "track", quarter, "--as-of", AS_OF, "--format", "html", "--output", out)
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    page = _Page()
    page.feed(text)
    assert page.headings == ["By owner", "Social worker", "Team manager", "(no owner named)",
                             "Escalations of poor practice"]
    assert "Review <b>the plan</b>" in page.cells   # shown as written, not as markup
    assert "b" not in page.tags and "script" not in page.tags
    assert "&lt;b&gt;" in text
    assert "Content-Security-Policy" in text


def test_track_reads_recommendations_from_a_child_sheet_of_a_return(runner, tmp_path):
    book = openpyxl.Workbook()
    main = book.active
    main.title = "Audits"
    main.append(["audit.id", "audit.date", "audit.team"])
    main.append(["Q-1", "01/05/2025", "North"])
    main.append(["Q-2", "02/05/2025", "South"])
    child = book.create_sheet("recommendations")
    child.append(["audit.id", "action", "owner", "due", "status", "completed_on", "completion_evidence"])
    child.append(["Q-1", "Convene a core group", "Team manager", "30/05/2025", "open", None, None])
    child.append(["Q-2", "Update the chronology", "team manager", "30/05/2025", "complete",
                  "29/05/2025", "Completed"])
    path = tmp_path / "q2-return.xlsx"
    book.save(path)
    result = invoke(runner, "track", path, "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    assert "Team manager: 2 recommendations, 0 open, 1 overdue, 1 complete (1 without evidence)" \
        in result.stdout
    assert f"Q-1 {path}:recommendations!B2 recommendations[0]: Convene a core group" in result.stdout
    assert f"Q-2 {path}:recommendations!B3 recommendations[0]: Update the chronology" in result.stdout
    assert "TRACK-004" in result.stdout


def test_track_refuses_to_write_over_its_input(runner, quarter):
    before = quarter.read_bytes()
    result = invoke(runner, "track", quarter, "--as-of", AS_OF, "--format", "html", "--output", quarter)
    assert result.exit_code == 2
    assert "is one of the input files" in result.stderr
    assert quarter.read_bytes() == before


def test_track_reports_an_unreadable_form_and_exits_2(runner, write):
    path = write("bad.json", json.dumps([{"audit": {"id": "B-1"}, "recommendations": [
        {"action": "x", "completed_on": "31/02/2025"}]}]))
    result = invoke(runner, "track", path, "--as-of", AS_OF)
    assert result.exit_code == 2
    assert "recommendations[0].completed_on" in result.stdout


def test_the_readme_tracker_example_is_what_track_prints(runner, monkeypatch):
    root = Path(__file__).parents[1]
    readme = documentation.page("lead-managers/tracking.md")
    (block,) = [b for b in re.findall(r"```console\n(.*?)```", readme, flags=re.DOTALL)
                if "auditrules track examples/" in b]
    shown = block.split("\n$ ")[0].splitlines()
    command = shown[0].removeprefix("$ auditrules ").split()
    monkeypatch.chdir(root)
    printed = invoke(runner, *command).stdout.splitlines()
    lines = iter(printed)
    for line in shown[1:]:
        if line != "...":
            assert line in lines, line  # each shown line, in the order printed


def test_the_tracker_page_counts_each_owner_in_plain_words(runner, tmp_path):
    out = tmp_path / "tracker.html"
    example = Path(__file__).parents[1] / "examples" / "tracked-recommendations.yaml"
    result = invoke(runner, "track", example, "--as-of", "2025-09-01", "--format", "html",
                    "--output", out)
    assert result.exit_code == 0, result.output
    summaries = re.findall(r'<p class="muted">([^<]*)</p>', out.read_text(encoding="utf-8"))
    assert "1 recommendation: 0 open, 1 overdue, 0 complete (0 without evidence)" in summaries
    assert "2 recommendations: 0 open, 0 overdue, 2 complete (1 without evidence)" in summaries
