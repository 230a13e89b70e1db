"""The strategy discussion theme: its form block, its functions and its rules, run by a real
engine with this plugin registered (and no other installed plugin)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from auditrules_strategy_discussions import plugin
from auditrules_strategy_discussions.functions import chaired_by_manager, names_risks

import auditrules
from auditrules.config import load_config, load_engine
from auditrules.errors import PluginError, UsageError
from auditrules.plugins import PluginHost
from auditrules.testing import run_examples, select_rules

HERE = Path(__file__).parent


@pytest.fixture(scope="module")
def host() -> PluginHost:
    return PluginHost(load_entry_points=False, extra_plugins=[plugin])


@pytest.fixture(scope="module")
def engine(host: PluginHost) -> auditrules.Engine:
    return auditrules.Engine.load(host=host)


def themed(**fields: Any) -> dict[str, Any]:
    return {"audit": {"id": "SD-T", "date": "2024-07-01", "themes": ["strategy_discussion"]},
            "strategy": fields}


def theme_findings(engine: auditrules.Engine, form: dict[str, Any]) -> dict[str, auditrules.Finding]:
    return {f.rule: f for f in engine.check_form(form) if f.ruleset.startswith("strategy.")}


GOOD = dict(
    concern_received_at="08/04/2024 09:30", held_at="09/04/2024 14:00", format="Teams",
    attendees=["Children's social care", "Police", "GP", "School"], chair_role="Team manager",
    s47_decision="Start s47 enquiries",
    rationale="Mia disclosed that her stepfather hit her and a bruise was seen at school.",
    actions=[{"text": "Joint visit to see Mia", "owner": "Police and social worker", "due": "09/04/2024"}],
    record_circulated_on="10/04/2024", icpc_date="26/04/2024",
)


def test_every_rule_example_behaves_as_declared(engine):
    rules = select_rules(engine, [HERE.parent / "src"])
    assert {rule.id for rule in rules} == {f"SD-{n:03d}" for n in range(1, 13)}
    results = list(run_examples(engine, rules))
    assert [r.label for r in results if not r.ok] == []


def test_every_rule_has_a_hint_a_reference_tags_and_both_kinds_of_example(engine):
    for rule in select_rules(engine, [HERE.parent / "src"]):
        assert rule.node.hint and rule.reference and "strategy-discussion" in rule.tags, rule.id
        assert {example.kind for example in rule.node.examples} == {"pass", "fail"}, rule.id


def test_the_block_reads_words_as_councils_write_them(engine):
    block = engine.schema.validate(themed(**GOOD)).model_dump()["strategy"]
    assert block["format"] == "virtual"
    assert block["attendees"] == ["social_care", "police", "health", "education"]
    assert block["s47_decision"] == "start"
    assert str(block["held_at"]) == "2024-04-09 14:00:00"


def test_a_good_strategy_discussion_has_no_theme_finding(engine):
    assert theme_findings(engine, themed(**GOOD)) == {}


def test_a_themed_form_without_its_block_gets_one_completeness_finding(engine):
    findings = theme_findings(engine, {"audit": {"id": "A-1", "themes": ["strategy_discussion"]}})
    assert list(findings) == ["SD-001"]
    assert findings["SD-001"].location.path == "strategy"
    assert "completeness" in findings["SD-001"].tags


def test_working_days_leave_out_weekends_and_bank_holidays(engine):
    # Friday 24 May 2024, then the weekend and the spring bank holiday: 3 working days is Thursday.
    on_time = themed(**{**GOOD, "concern_received_at": "24/05/2024 16:00", "held_at": "30/05/2024 10:00"})
    assert "SD-003" not in theme_findings(engine, on_time)
    late = themed(**{**GOOD, "concern_received_at": "24/05/2024 16:00", "held_at": "31/05/2024 10:00"})
    finding = theme_findings(engine, late)["SD-003"]
    assert finding.message == (
        "The strategy discussion was held on 31 May 2024 10:00, more than 3 working days after the "
        "concern came in on 24 May 2024 16:00: it was due by 30 May 2024 16:00.")


def test_a_local_limit_given_as_a_setting_changes_the_finding(host):
    form = themed(**{**GOOD, "concern_received_at": "08/04/2024 09:30", "held_at": "10/04/2024 14:00"})
    assert "SD-003" not in theme_findings(auditrules.Engine.load(host=host), form)
    strict = auditrules.Engine.load(host=host, settings={"held_within": "1 working day"})
    finding = theme_findings(strict, form)["SD-003"]
    assert "more than 1 working day after" in finding.message


def test_a_malformed_limit_names_the_setting(host):
    with pytest.raises(UsageError) as caught:
        auditrules.Engine.load(host=host, settings={"strategy.discussions.icpc_within": "15 wrking days"})
    assert str(caught.value) == ("setting 'strategy.discussions.icpc_within': '15 wrking days' is not a "
                                 "duration, like '15 working days'")


@pytest.mark.parametrize(("role", "decision", "reason"), [
    ("Team Manager", True, "chaired by a team manager"),
    ("Head of Service (acting)", True, "head of service"),
    ("Deputy team manager", False, "below team manager"),
    ("Assistant team manager", False, "below team manager"),
    ("Senior practitioner", False, "below team manager"),
    ("Police sergeant", False, "not a team manager or a more senior role"),
    (None, False, "not recorded"),
])
def test_chaired_by_manager(role, decision, reason):
    outcome = chaired_by_manager.impl(role)
    assert bool(outcome) is decision
    assert reason in outcome.reasons[0]


@pytest.mark.parametrize(("text", "decision", "reason"), [
    ("Unexplained bruising to Ava's arm.", True, "'bruising'"),
    ("Father's drinking and violence at home.", True, "names the risks"),
    ("Threshold met.", False, "only in general terms ('Threshold' and 'met')"),
    ("Discussed by all agencies.", False, "names no risk"),
    ("", False, "no rationale"),
])
def test_names_risks(text, decision, reason):
    outcome = names_risks.impl(text)
    assert bool(outcome) is decision
    assert reason in outcome.reasons[0]


def test_a_second_plugin_declaring_the_strategy_block_is_refused_naming_both():
    class Other(auditrules.Block):
        notes: str | None = None

    class Copycat:
        @auditrules.hookimpl
        def register_form_blocks(self) -> dict[str, type[auditrules.Block]]:
            return {"strategy": Other}

    with pytest.raises(PluginError) as caught:
        PluginHost(load_entry_points=False, extra_plugins=[plugin, Copycat()])
    assert str(caught.value) == ("two plugins add a form block named 'strategy': "
                                 "'auditrules_strategy_discussions.plugin' and 'Copycat'")


def test_a_limit_in_a_configuration_file_changes_the_finding_and_says_where_it_came_from(host, tmp_path):
    config_file = tmp_path / "auditrules.toml"
    config_file.write_text('[settings]\n"strategy.discussions.held_within" = "1 working day"\n')
    form = themed(**{**GOOD, "concern_received_at": "08/04/2024 09:30", "held_at": "10/04/2024 14:00"})
    loaded = load_engine(load_config(start=tmp_path), host=host)
    assert "SD-003" in theme_findings(loaded.engine, form)
    origins = {s.name: s.origin for s in loaded.settings if s.ruleset == "strategy.discussions"}
    assert origins == {"held_within": str(config_file), "record_circulated_within": "default in the rule set",
                       "icpc_within": "default in the rule set"}
    config_file.write_text('[settings]\nheld_within = "1 wrking day"\n')
    with pytest.raises(UsageError, match=r"auditrules.toml: setting 'held_within': '1 wrking day' is not"):
        load_engine(load_config(start=tmp_path), host=host)
