"""The domestic abuse theme: its form block, its text functions and its rules, run by a real
engine with this plugin registered (and no other installed plugin)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from auditrules_domestic_abuse import plugin
from auditrules_domestic_abuse.functions import (
    perpetrator_addressed,
    safety_plan_covers,
    treated_as_pattern,
    why_not_seen_alone,
)

import auditrules
from auditrules.errors import PluginError
from auditrules.plugins import PluginHost
from auditrules.schema import FormInvalid
from auditrules.testing import run_examples, select_rules

HERE = Path(__file__).parent


@pytest.fixture(scope="module")
def engine() -> auditrules.Engine:
    host = PluginHost(load_entry_points=False, extra_plugins=[plugin])
    return auditrules.Engine.load(host=host)


def themed(**fields: Any) -> dict[str, Any]:
    return {"audit": {"id": "DA-T", "themes": ["domestic_abuse"]}, "domestic_abuse": fields}


def theme_findings(engine: auditrules.Engine, form: dict[str, Any]) -> list[auditrules.Finding]:
    return [f for f in engine.check_form(form) if f.ruleset.startswith("domestic_abuse.")]


def test_every_rule_example_behaves_as_declared(engine):
    rules = select_rules(engine, [HERE.parent / "src"])
    assert {rule.id for rule in rules} == {f"DA-{n:03d}" for n in range(1, 13)}
    results = list(run_examples(engine, rules))
    assert [r.label for r in results if not r.ok] == []
    assert len(results) >= 2 * len(rules)


def test_every_rule_has_a_hint_a_reference_tags_and_both_kinds_of_example(engine):
    for rule in select_rules(engine, [HERE.parent / "src"]):
        assert rule.node.hint and rule.reference and "domestic-abuse" in rule.tags, rule.id
        assert {example.kind for example in rule.node.examples} == {"pass", "fail"}, rule.id


def test_the_block_reads_risk_levels_and_dates_as_auditors_write_them(engine):
    form = engine.schema.validate(themed(dash_risk="High Risk", dash_completed_on="04/03/2024",
                                         incidents_in_period="3"))
    block = form.model_dump()["domestic_abuse"]
    assert block["dash_risk"] == "high"
    assert str(block["dash_completed_on"]) == "2024-03-04"
    assert block["incidents_in_period"] == 3


def test_an_unknown_risk_level_or_field_is_refused_plainly(engine):
    with pytest.raises(FormInvalid) as caught:
        engine.schema.validate(themed(dash_risk="very high", marac_refered=True))
    problems = {p.path: p.message for p in caught.value.problems}
    assert problems["domestic_abuse.dash_risk"].startswith("'very high' is not one of")
    assert problems["domestic_abuse.marac_refered"] == (
        "unknown field 'marac_refered'; did you mean 'marac_referred'?")


def test_a_themed_form_without_its_block_gets_one_completeness_finding(engine):
    findings = theme_findings(engine, {"audit": {"id": "A-1", "themes": ["domestic_abuse"]}})
    assert [(f.rule, f.location.path, f.tags) for f in findings] == [
        ("DA-001", "domestic_abuse", ("completeness", "domestic-abuse"))]
    assert "the domestic abuse part of the form is missing" in findings[0].message


def test_a_form_without_the_theme_gets_no_theme_finding(engine):
    form = {"audit": {"id": "A-2", "themes": ["neglect"]}, "domestic_abuse": {"dash_risk": "high"}}
    assert theme_findings(engine, form) == []


def test_high_risk_without_marac_is_an_error_and_the_threshold_is_a_setting():
    host = PluginHost(load_entry_points=False, extra_plugins=[plugin])
    form = themed(dash_risk="medium", incidents_in_period=3, marac_referred=False)
    default = auditrules.Engine.load(host=host)
    assert "DA-004" in {f.rule for f in theme_findings(default, form)}
    raised = auditrules.Engine.load(host=host, settings={"escalation_incidents": 5})
    assert "DA-004" not in {f.rule for f in theme_findings(raised, form)}


@pytest.mark.parametrize(("text", "decision", "reason"), [
    ("Safety plan with mother; Sam knows to call 999 and go to his neighbour's.", True, "'call 999'"),
    ("Mother has a safety plan and a panic alarm.", False,
     "says nothing about safety planning with the child"),
    ("Direct work with the children about a safe adult at school.", False, "with the adult victim"),
    ("No safety plan with the children; mother has a panic alarm.", False, "with the child"),
    ("", False, "no safety plan is recorded"),
    # The adult victim may be written by name.
    ("Safety plan agreed with Aisha on 5/3. Direct work with Sam: he knows to call 999.", True, "'Aisha'"),
    ("Safety plan agreed with Ms Patel; the children know to go to the neighbour's.", True, "'Ms Patel'"),
    ("Ms Okafor has a safety plan and a panic alarm.", False, "with the child"),
])
def test_safety_plan_covers_the_adult_and_the_child(text, decision, reason):
    outcome = safety_plan_covers.impl(text)
    assert bool(outcome) is decision
    assert reason in outcome.reasons[0]


@pytest.mark.parametrize(("text", "decision", "reason"), [
    ("Father referred to Caring Dads.", True, "'Caring Dads'"),
    ("Stepfather was arrested and bailed away from the address.", True, "'arrested'"),
    ("Father was seen at the office and agreed a written agreement.", True, "records work with the father"),
    ("Mother to attend the Freedom Programme.", False, "for the adult being harmed ('Freedom Programme')"),
    ("Mother to keep him away. Father was not seen.", False, "was not worked with ('Father was not seen')"),
    ("Mother was advised. Mother agreed the plan.", False, "for the adult being harmed"),
    ("The case was discussed.", False, "does not say what was done with the person causing harm"),
    (None, False, "nothing is recorded"),
])
def test_perpetrator_addressed_means_work_with_the_person_causing_harm(text, decision, reason):
    outcome = perpetrator_addressed.impl(text)
    assert bool(outcome) is decision, outcome
    assert reason in outcome.reasons[0]


@pytest.mark.parametrize(("texts", "decision", "reason"), [
    (["Three call-outs since January, escalating in severity."], True, "'escalating'"),
    (["Police say this was not an isolated incident."], True, "'isolated incident'"),
    ([None, "An isolated incident after drinking."], False, "on its own ('isolated incident')"),
    (["Mother has a safety plan."], False, "no pattern, history, escalation or frequency"),
])
def test_treated_as_pattern_looks_at_incidents_together(texts, decision, reason):
    outcome = treated_as_pattern.impl(texts)
    assert bool(outcome) is decision
    assert reason in outcome.reasons[0]


@pytest.mark.parametrize(("text", "decision"), [
    ("Leo is 7 months old; observed by the health visitor.", True),
    ("Ava is non-verbal and uses Makaton.", True),
    ("Sam declined to speak to the worker alone.", True),
    ("Sam was seen with his mother.", False),
])
def test_why_not_seen_alone_needs_a_reason(text, decision):
    assert bool(why_not_seen_alone.impl(text)) is decision


def test_a_strong_domestic_abuse_write_up_has_no_theme_finding(engine):
    form = themed(
        dash_completed_on="2024-02-19", dash_risk="high", incidents_in_period=2, marac_referred=True,
        marac_referred_on="2024-02-20", idva_offered=True, encompass_notified=True,
        safety_plan="Safety plan agreed with mother; Leo is a baby and nursery staff know who may "
                    "collect him.",
        perpetrator_work="Father was arrested and referred to Caring Dads.",
        child_seen_alone=False,
        child_experience="Leo is 10 months old and too young to give his views; the health visitor "
                         "observed him startle and cry at raised voices.",
        info_sharing="MARAC shared the history: a pattern of escalating violence.")
    form["audit"]["period_start"] = "2024-01-01"
    assert theme_findings(engine, form) == []


def test_a_second_plugin_declaring_the_domestic_abuse_block_is_refused_naming_both():
    class Other(auditrules.Block):
        notes: str | None = None

    class Copycat:
        @auditrules.hookimpl
        def register_form_blocks(self) -> dict[str, type[auditrules.Block]]:
            return {"domestic_abuse": Other}

    with pytest.raises(PluginError) as caught:
        PluginHost(load_entry_points=False, extra_plugins=[plugin, Copycat()])
    assert str(caught.value) == ("two plugins add a form block named 'domestic_abuse': "
                                 "'auditrules_domestic_abuse.plugin' and 'Copycat'")
