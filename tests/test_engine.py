"""What rules mean when they run: scopes, when, require/forbid, placeholders, settings, locations."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from auditrules import Engine, Outcome, function, hookimpl
from auditrules.errors import UsageError
from auditrules.plugins import PluginHost

HEADER = 'ruleset test.engine\n  version "1"\n  title "Engine"\n\n'


@pytest.fixture
def run(write):
    """Check forms against an inline rule set (no bundled rule sets)."""

    def _run(body: str, *forms: dict, settings: dict | None = None, header: str = HEADER, host=None):
        path = write("engine.rules", header + body)
        engine = Engine.load([path], defaults=False, settings=settings, host=host)
        return engine.check(list(forms))

    return _run


def paths(result) -> list[str]:
    return [f.location.path for f in result.findings]


# ---- scopes ---------------------------------------------------------------------------------


def test_for_each_runs_once_per_item_and_points_at_that_item(run):
    result = run(
        """
rule S-1 "judgement"
  for each section in sections
  require section.judgement is not empty
  message "no judgement in {section.name}"
""",
        {"sections": [{"name": "assessment", "judgement": "x"}, {"name": "planning"}, {"name": "impact"}]},
    )
    assert paths(result) == ["sections[1].judgement", "sections[2].judgement"]
    assert [f.message for f in result.findings] == ["no judgement in planning", "no judgement in impact"]
    assert [f.location.section for f in result.findings] == ["planning", "impact"]


def test_for_each_over_a_nested_list(run):
    result = run(
        """
rule S-2 "owner"
  for each action in assessment.actions
  require action.owner is not empty
  message "action without owner"
""",
        {"assessment": {"actions": [{"text": "a", "owner": "mother"}, {"text": "b"}]}},
    )
    assert paths(result) == ["assessment.actions[1].owner"]
    assert result.findings[0].location.section == "assessment"


def test_for_a_field_points_at_that_field(run):
    result = run(
        """
rule S-3 "overall"
  for overall_judgement
  require words(overall_judgement) >= 3
  message "too short"
""",
        {"overall_judgement": "Fine."},
    )
    assert paths(result) == ["overall_judgement"]
    assert result.findings[0].evidence == "Fine."


def test_form_scope_points_at_the_first_field_the_assertion_reads(run):
    result = run(
        """
rule S-4 "targets"
  require count(plan_targets) >= 1
  message "no targets"
""",
        {},
    )
    assert paths(result) == ["plan_targets"]


def test_at_overrides_the_location(run):
    result = run(
        """
rule S-5 "at"
  for each target in plan_targets
  require target.owner is not empty or target.text contains "mother"
  at target.text
  message "no owner"
""",
        {"plan_targets": [{"text": "Attend weekly"}]},
    )
    assert paths(result) == ["plan_targets[0].text"]


def test_an_empty_list_gives_no_finding_for_each_item_rules(run):
    result = run(
        """
rule S-6 "each"
  for each section in sections
  require section.judgement is not empty
  message "x"
""",
        {"sections": []},
    )
    assert result.findings == []
    assert result.forms_checked == 1


# ---- when, require, forbid --------------------------------------------------------------------


def test_when_skips_items_that_do_not_meet_it(run):
    result = run(
        """
rule W-1 "grade"
  for each section in sections
  when section.grade is not empty
  require section.grade in ["good", "outstanding"]
  message "grade {section.grade}"
""",
        {"sections": [{"name": "a"}, {"name": "b", "grade": "inadequate"}, {"name": "c", "grade": "Good"}]},
    )
    assert paths(result) == ["sections[1].grade"]


def test_forbid_fires_when_its_condition_holds(run):
    result = run(
        """
terms tick_box = ["staff reminded", "policy reissued"]

rule F-1 "tick box"
  for each recommendation in recommendations
  forbid recommendation.action contains any of tick_box
  message "tick-box action"
""",
        {"recommendations": [{"action": "Staff  reminded to record visits"}, {"action": "Write a plan"}]},
    )
    assert paths(result) == ["recommendations[0].action"]
    finding = result.findings[0]
    assert finding.evidence == "Staff reminded"
    assert "recommendations[0].action contains 'Staff  reminded'" in finding.reasons


def test_several_assertions_give_one_finding_with_every_reason(run):
    result = run(
        """
rule R-1 "recommendation"
  for each recommendation in recommendations
  require recommendation.owner is not empty
  require recommendation.due is not empty
  message "incomplete: {reasons}"
""",
        {"recommendations": [{"action": "x"}, {"action": "y", "owner": "social worker"}]},
    )
    assert paths(result) == ["recommendations[0].owner", "recommendations[1].due"]
    assert result.findings[0].message == (
        "incomplete: recommendations[0].owner is empty; recommendations[0].due is empty"
    )
    assert result.findings[1].reasons == ("recommendations[1].due is empty",)


def test_only_the_parts_that_decided_an_and_explain_it(run):
    result = run(
        """
rule R-2 "both"
  require summary is not empty and overall_judgement is not empty
  message "m"
""",
        {"summary": "present"},
    )
    assert result.findings[0].reasons == ("overall_judgement is empty",)


# ---- expressions ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("condition", "form", "holds"),
    [
        ('summary contains "good practice"', {"summary": "Some GOOD\npractice seen"}, True),
        ('summary contains "good practice"', {"summary": "goodpractice"}, False),
        ('summary contains "visit"', {"summary": "visited twice"}, False),
        ("summary matches /grade\\s*\\d/", {"summary": "GRADE 3"}, True),
        ("summary matches /grade\\s*\\d/", {"summary": "graded well"}, False),
        ('summary contains all of ["a", "b"]', {"summary": "a then b"}, True),
        ('summary contains all of ["a", "b"]', {"summary": "a only"}, False),
        ('summary contains none of ["a", "b"]', {"summary": "c only"}, True),
        ('"domestic_abuse" in audit.themes', {"audit": {"themes": ["Domestic_Abuse"]}}, True),
        ('audit.themes contains "strategy"', {"audit": {"themes": ["strategy"]}}, True),
        ('child.status not in ["cp", "cin"]', {"child": {"status": "cla"}}, True),
        ('child.status == "cp"', {"child": {"status": "Child protection"}}, True),
        ("summary == \"Yes\"", {"summary": "  yes "}, True),
        ("audit.date > 2024-01-01", {"audit": {"date": "02/01/2024"}}, True),
        ("audit.date > 2024-01-01", {}, False),
        ("audit.date != 2024-01-01", {}, True),
        ("summary is empty", {"summary": "   "}, True),
        ("escalation is empty", {"escalation": {"poor_practice": None, "senior_manager": " "}}, True),
        ("escalation is empty", {"escalation": {"senior_manager": "Head of Service"}}, False),
        ("count(sections) == 2", {"sections": [{}, {}]}, True),
        ("any s in sections where s.grade == \"good\"", {"sections": [{"grade": "poor"}, {"grade": "good"}]}, True),
        ("all s in sections satisfy s.grade is not empty", {"sections": [{"grade": "good"}, {}]}, False),
        ("all s in sections satisfy s.grade is not empty", {"sections": []}, True),
        ("no s in sections where s.grade == \"3\"", {"sections": [{"grade": "3"}]}, False),
        ("count s in sections where s.grade is empty == 1", {"sections": [{}, {"grade": "good"}]}, True),
        ("not (summary is empty or overall_judgement is empty)", {"summary": "a", "overall_judgement": "b"}, True),
        ("escalation.poor_practice", {"escalation": {"poor_practice": True}}, True),
        ("not escalation.poor_practice", {}, True),
        ("words(summary) + 1 == 4", {"summary": "three short words"}, True),
        ("audit.period_end - audit.period_start == 181",
         {"audit": {"period_start": "2024-01-01", "period_end": "2024-06-30"}}, True),
        ("audit.date + 2 weeks == 2024-01-15", {"audit": {"date": "2024-01-01"}}, True),
        ("audit.date + 1 month == 2024-02-29", {"audit": {"date": "2024-01-31"}}, True),
        ("audit.date - 1 year == 2023-03-01", {"audit": {"date": "2024-03-01"}}, True),
        # Friday 22 Dec 2023 + 3 working days skips the weekend, Christmas and Boxing Day.
        ("audit.date + 3 working days == 2023-12-29", {"audit": {"date": "2023-12-22"}}, True),
        ("working_days_between(audit.period_start, audit.period_end) == 5",
         {"audit": {"period_start": "2024-05-03", "period_end": "2024-05-13"}}, True),
    ],
)
def test_conditions(run, condition, form, holds):
    result = run(f'rule E-1 "condition"\n  require {condition}\n  message "m"\n', form)
    assert (result.findings == []) is holds, [f.reasons for f in result.findings]


def test_a_missing_value_is_empty_and_makes_comparisons_false(run):
    result = run(
        """
rule N-1 "missing"
  require audit.date < 2030-01-01
  message "m {audit.date}"
""",
        {},
    )
    assert result.findings[0].message == "m (blank)"
    assert result.findings[0].reasons == ("audit.date is (blank), not before 1 January 2030",)


# ---- placeholders and settings ----------------------------------------------------------------


def test_placeholders_fill_in_fields_settings_and_reasons(run):
    result = run(
        """
setting min_words = 5

rule P-1 "short"
  for each section in sections
  require words(section.judgement) >= min_words
  message "{section.name}: {words(section.judgement)} words, want {min_words}; {{literal}}"
  hint "see {section.name}"
""",
        {"sections": [{"name": "impact", "judgement": "Too short."}]},
    )
    finding = result.findings[0]
    assert finding.message == "impact: 2 words, want 5; {literal}"
    assert finding.hint == "see impact"


@pytest.mark.parametrize(
    "settings",
    [{"limit": "3"}, {"test.engine.limit": 3}, {"limit": 3}],
    ids=["by-name-text", "by-ruleset-and-name", "by-name-number"],
)
def test_settings_can_be_overridden(run, settings):
    body = """
setting limit = 10

rule T-1 "limit"
  require words(summary) <= limit
  message "over {limit}"
"""
    form = {"summary": "one two three four five"}
    assert run(body, form).findings == []
    overridden = run(body, form, settings=settings)
    assert [f.message for f in overridden.findings] == ["over 3"]


def test_a_duration_setting_moves_dates(run):
    body = """
setting icpc_limit = 15 working days

rule T-2 "icpc"
  require audit.period_end <= audit.period_start + icpc_limit
  message "late"
"""
    form = {"audit": {"period_start": "2024-05-01", "period_end": "2024-05-21"}}
    # 1 May 2024 + 15 working days = 23 May; + 10 = 16 May (the 6 May bank holiday is skipped).
    assert run(body, form).findings == []
    late = run(body, form, settings={"icpc_limit": "10 working days"})
    assert len(late.findings) == 1
    assert late.findings[0].reasons == (
        "audit.period_end is 21 May 2024, not on or before audit.period_start + icpc_limit (16 May 2024)",
    )


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"limt": "3"}, "no loaded rule set has a setting 'limt'; did you mean 'limit'?"),
        ({"limit": "three"}, "setting 'limit': 'three' is not a number"),
        ({"limit": "3 days"}, "setting 'limit': '3 days' is not a number"),
    ],
)
def test_bad_setting_overrides_are_refused(run, settings, message):
    with pytest.raises(UsageError) as caught:
        run('setting limit = 10\nrule T-3 "x"\n  require summary is empty\n  message "m"\n', {},
            settings=settings)
    assert str(caught.value) == message


# ---- applies to -------------------------------------------------------------------------------


def test_a_rule_set_applies_only_where_its_condition_holds(run):
    header = HEADER.replace('title "Engine"', 'title "Engine"\n  applies when "domestic_abuse" in audit.themes')
    body = 'rule A-1 "x"\n  require summary is not empty\n  message "m"\n'
    result = run(body, {"audit": {"id": "1"}}, {"audit": {"id": "2", "themes": ["domestic_abuse"]}},
                 header=header)
    assert [f.form for f in result.findings] == ["2"]
    assert result.forms_checked == 2


# ---- functions from plugins ------------------------------------------------------------------


@function(returns="bool")
def says_why(text: str | None) -> Outcome:
    """Whether the text gives a reason."""
    if text and "because" in text:
        return Outcome(True, ("gives a reason ('because')",), ("because",))
    return Outcome(False, ("gives no reason (no 'because', 'so that', 'as a result')",))


@function()
def explodes(text: str | None) -> bool:
    raise ValueError("boom")


class ThemePlugin:
    @hookimpl
    def register_functions(self):
        return [says_why, explodes]


def test_function_reasons_explain_the_finding(run):
    host = PluginHost(load_entry_points=False, extra_plugins=[ThemePlugin()])
    result = run(
        """
rule X-1 "why"
  for each section in sections
  require says_why(section.judgement)
  message "no reason: {reasons}"
""",
        {"sections": [{"judgement": "It went well because of X."}, {"judgement": "It went well."}]},
        host=host,
    )
    assert paths(result) == ["sections[1].judgement"]
    assert result.findings[0].message == "no reason: gives no reason (no 'because', 'so that', 'as a result')"
    assert result.findings[0].evidence == "It went well."


def test_a_failing_function_is_reported_for_that_form_and_the_rest_are_checked(run):
    host = PluginHost(load_entry_points=False, extra_plugins=[ThemePlugin()])
    result = run(
        """
rule X-2 "explodes"
  when summary == "bad"
  require explodes(summary)
  message "m"

rule X-3 "normal"
  require summary is empty
  message "summary given"
""",
        {"audit": {"id": "A"}, "summary": "bad"},
        {"audit": {"id": "B"}, "summary": "fine"},
        host=host,
    )
    assert len(result.errors) == 1
    error = result.errors[0]
    assert error.form == "A"
    assert re.fullmatch(r"rule X-2 \(.*engine\.rules:6\) could not be checked: explodes\(\) from "
                        r"ThemePlugin failed: ValueError: boom", error.message)
    assert [f.form for f in result.findings] == ["A", "B"]
    assert result.forms_checked == 2
    assert result.exit_code() == 2


# ---- the result -------------------------------------------------------------------------------


def test_exit_codes_follow_the_fail_level(run):
    result = run('rule L-1 "x"\n  severity warning\n  require summary is not empty\n  message "m"\n', {})
    assert result.exit_code("error") == 0
    assert result.exit_code("warning") == 1
    assert result.exit_code("info") == 1
    assert result.exit_code("never") == 0


def test_check_form_accepts_a_mapping_and_an_audit_form(run, write):
    path = write("one.rules", HEADER + 'rule O-1 "x"\n  require summary is not empty\n  message "m"\n')
    engine = Engine.load([path], defaults=False)
    assert len(engine.check_form({"audit": {"id": "Q"}})) == 1
    form = engine.schema.validate({"summary": "s", "audit": {"date": dt.date(2024, 1, 1)}})
    assert engine.check_form(form) == []


def test_quantifiers_explain_themselves_whichever_way_they_hold(run):
    result = run(
        """
rule Q-1 "every target has an owner, which is worth praising"
  severity info
  forbid all t in plan_targets satisfy t.owner is not empty
  at plan_targets
  message "m"

rule Q-2 "no target without an owner"
  require all t in plan_targets satisfy t.owner is not empty
  at plan_targets
  message "m"
""",
        {"audit": {"id": "A"}, "plan_targets": [{"owner": "Mother"}, {"owner": "Father"}]},
        {"audit": {"id": "B"}, "plan_targets": [{"owner": "Mother"}, {"text": "Attend"}]},
    )
    reasons = {(f.form, f.rule): f.reasons for f in result.findings}
    assert reasons[("A", "Q-1")] == ("every item of plan_targets meets 't.owner is not empty'",)
    assert reasons[("B", "Q-2")] == ("plan_targets[1].owner is empty",)
