"""The bundled core rule sets: every rule explained and exemplified, and the strong and weak
example write-ups behave as the documentation says."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import auditrules
from auditrules.cli import cli

EXAMPLES = Path(__file__).parents[1] / "examples"
QUALITY_TAGS = ("evaluative", "grade", "smart", "recommendation", "analysis-link", "child-voice",
                "escalation", "completeness")
ENGINE = auditrules.Engine.load()
RULES = list(ENGINE.all_rules())


def test_the_core_rule_sets_cover_every_tag():
    tags = {tag for rule in RULES for tag in rule.tags}
    assert set(QUALITY_TAGS) | {"strength"} <= tags
    assert all(rule.severity == "info" for rule in RULES if "strength" in rule.tags)


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_every_rule_has_a_hint_a_reference_and_both_kinds_of_example(rule):
    assert rule.node.hint, rule.id
    assert rule.reference, rule.id
    kinds = {example.kind for example in rule.node.examples}
    assert kinds == {"pass", "fail"}, rule.id


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_explain_shows_the_hint_and_the_reference(rule):
    result = CliRunner().invoke(cli, ["explain", rule.id])
    assert result.exit_code == 0, result.output
    assert "hint:" in result.output and "reference:" in result.output
    assert rule.reference in result.output


def test_the_strong_write_up_gives_no_error_or_warning_and_is_praised():
    result = auditrules.check([EXAMPLES / "strong-writeup.yaml"])
    assert result.errors == []
    serious = [f"{f.rule} {f.location.path}: {f.message}" for f in result.findings if f.severity != "info"]
    assert serious == []
    assert any("strength" in f.tags for f in result.findings)
    assert result.exit_code("warning") == 0


def test_the_weak_write_up_shows_every_quality_tag():
    result = auditrules.check([EXAMPLES / "weak-writeup.yaml"])
    assert result.errors == []
    tags = {tag for finding in result.findings if finding.severity != "info" for tag in finding.tags}
    missing = [tag for tag in QUALITY_TAGS if tag not in tags]
    assert missing == []


def test_the_weak_write_up_fails_the_check_command():
    result = CliRunner().invoke(cli, ["check", str(EXAMPLES / "weak-writeup.yaml")])
    assert result.exit_code == 1
    assert "SMART-001" in result.output and "plan_targets[0].owner" in result.output


def test_a_partial_form_is_checked_on_what_it_has():
    findings = ENGINE.check_form({"plan_targets": [{"text": "Professionals to monitor", "due": "ongoing"}]})
    assert findings
    for finding in findings:
        assert finding.location.path.startswith("plan_targets[0]") or "completeness" in finding.tags, finding


def test_settings_override_the_escalation_limit():
    form = {"audit": {"id": "A-1", "date": "03/06/2024"}, "escalation": {"notified_on": "10/06/2024"}}
    assert any(f.rule == "ESC-003" for f in ENGINE.check_form(form))
    relaxed = auditrules.Engine.load(settings={"escalate_within": "10 working days"})
    assert not any(f.rule == "ESC-003" for f in relaxed.check_form(form))
