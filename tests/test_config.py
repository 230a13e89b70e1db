"""Configuration: auditrules.toml or [tool.auditrules] in pyproject.toml, found from the current
folder upwards; rule sets and plugins turned off, severities and settings changed; --config and
--set still work and win; every mistake names the setting or key and the file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from auditrules.cli import cli
from auditrules.config import find_config, load_config

# Told 5 working days after the audit: ESC-003 (a warning) fires under the default limit of 2.
LATE_ESCALATION = {
    "audit": {"id": "C-1", "date": "2024-06-03"},
    "escalation": {"poor_practice": True, "senior_manager": "Head of Service, J. Patel",
                   "timescale": "within 5 working days", "notified_on": "2024-06-10"},
}


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project folder with a forms file, worked in from a folder two levels below it."""
    (tmp_path / "forms.json").write_text(json.dumps([LATE_ESCALATION]), encoding="utf-8")
    below = tmp_path / "returns" / "q3"
    below.mkdir(parents=True)
    monkeypatch.chdir(below)
    return tmp_path


def run(*args: object) -> object:
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def rules_of(project: Path, *args: object) -> list[str]:
    result = run("check", project / "forms.json", "-f", "json", "--fail-on", "never", *args)
    assert result.exit_code == 0, result.output
    return [f"{f['rule']} {f['severity']}" for f in json.loads(result.stdout)["findings"]
            if f["rule"].startswith("ESC")]


def test_without_a_configuration_the_rule_sets_defaults_apply(project):
    assert find_config() is None
    assert rules_of(project) == ["ESC-003 warning"]


def test_a_setting_in_auditrules_toml_above_the_current_folder_changes_a_finding(project):
    (project / "auditrules.toml").write_text('[settings]\nescalate_within = "5 working days"\n')
    assert find_config() == project / "auditrules.toml"
    assert rules_of(project) == []


def test_pyproject_tool_table_is_read_and_a_pyproject_without_one_is_passed_over(project):
    (project / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.auditrules.settings]\n"core.escalation.escalate_within" = '
        '"5 working days"\n')
    (project / "returns" / "pyproject.toml").write_text('[project]\nname = "not ours"\n')
    assert find_config() == project / "pyproject.toml"
    assert rules_of(project) == []


def test_the_nearest_configuration_wins(project):
    (project / "auditrules.toml").write_text('[settings]\nescalate_within = "5 working days"\n')
    (project / "returns" / "auditrules.toml").write_text('[severity]\nESC-003 = "error"\n')
    assert rules_of(project) == ["ESC-003 error"]


def test_set_and_config_win_over_the_found_file(project, tmp_path):
    (project / "auditrules.toml").write_text('[settings]\nescalate_within = "5 working days"\n')
    assert rules_of(project, "--set", "escalate_within=1 working day") == ["ESC-003 warning"]
    other = tmp_path / "strict.toml"
    other.write_text('[severity]\nESC-003 = "info"\n')
    assert rules_of(project, "--config", other) == ["ESC-003 info"]


def test_a_severity_override_changes_the_finding_and_the_exit_code(project):
    forms = project / "forms.json"
    before = run("check", forms, "-f", "json")
    assert before.exit_code == 0  # ESC-003 is a warning
    (project / "auditrules.toml").write_text('fail_on = "error"\n[severity]\n"esc-003" = "error"\n')
    after = run("check", forms, "-f", "json")
    assert after.exit_code == 1
    esc = [f for f in json.loads(after.stdout)["findings"] if f["rule"] == "ESC-003"]
    assert [f["severity"] for f in esc] == ["error"]
    assert len(json.loads(before.stdout)["findings"]) == len(json.loads(after.stdout)["findings"])


def test_a_rule_set_turned_off_is_not_loaded_or_listed(project):
    (project / "auditrules.toml").write_text('[rulesets]\ndisable = ["core.escalation"]\n')
    assert rules_of(project) == []
    listed = run("rules")
    assert listed.exit_code == 0
    assert "core.escalation" not in listed.stdout
    assert "core.completeness" in listed.stdout


def test_rules_shows_each_setting_and_where_its_value_came_from(project):
    (project / "auditrules.toml").write_text(
        '[settings]\nescalate_within = "5 working days"\njudgement_min_words = 20\n')
    result = run("rules", "--set", "judgement_min_words=12")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    shown = str(project / "auditrules.toml")
    assert f"  setting escalate_within = 5 working days  ({shown})" in lines
    assert "  setting judgement_min_words = 12  (--set)" in lines
    data = json.loads(run("rules", "-f", "json").stdout)
    settings = {s["name"]: s for rs in data for s in rs["settings"]}
    assert settings["escalate_within"] == {"name": "escalate_within", "value": "5 working days",
                                           "from": shown}
    assert settings["judgement_min_words"]["from"] == shown
    (project / "auditrules.toml").unlink()
    assert "  setting escalate_within = 2 working days  (default in the rule set)" in \
        run("rules").stdout.splitlines()


def test_rules_in_a_configuration_are_found_from_its_own_folder(project):
    (project / "local").mkdir()
    (project / "local" / "extra.rules").write_text(
        'ruleset local.extra\n  version "1"\n  title "Local"\n\nrule LOC-1 "An id"\n  severity info\n'
        '  require audit.id == "never"\n  message "local rule"\n  hint "h"\n  reference "r"\n'
        '  example pass { audit: { id: "never" } }\n  example fail at audit.id { audit: { id: "x" } }\n')
    (project / "auditrules.toml").write_text('rules = ["local/"]\n')
    result = run("check", project / "forms.json", "-f", "json", "--fail-on", "never")
    assert "LOC-1" in {f["rule"] for f in json.loads(result.stdout)["findings"]}


@pytest.mark.parametrize(("toml", "message"), [
    ('[settings]\nescalate_withn = "5 working days"\n',
     "auditrules.toml: no loaded rule set has a setting 'escalate_withn'; did you mean 'escalate_within'?"),
    ('[settings]\nescalate_within = "5 wrking days"\n',
     "auditrules.toml: setting 'escalate_within': '5 wrking days' is not a duration, like '15 working days'"),
    ('[settings]\nescalate_within = 5\n',
     "auditrules.toml: setting 'escalate_within': '5' is not a duration, like '15 working days'"),
    ('[severity]\nEXC-003 = "error"\n',
     "auditrules.toml: [severity] names the rule 'EXC-003', but no loaded rule has that id"),
    ('[severity]\nESC-003 = "fatal"\n',
     "auditrules.toml: [severity] ESC-003 = 'fatal': a severity is one of error, warning, info"),
    ('[rulesets]\ndisable = ["core.escalations"]\n',
     "auditrules.toml: [rulesets] disable names 'core.escalations', but no loaded rule set has that id; "
     "did you mean 'core.escalation'?"),
    ('[plugins]\ndisable = ["no_such_theme"]\n',
     "auditrules.toml: [plugins] disable names 'no_such_theme', but no installed plugin has that name"),
    ('[rulesets]\noff = ["core.escalation"]\n',
     "auditrules.toml: [rulesets] has an unknown key 'off' (known: disable)"),
    ('[setings]\nx = 1\n', "auditrules.toml: unknown section or key 'setings'; did you mean 'settings'?"),
    ('fail_on = "sometimes"\n', "auditrules.toml: fail_on must be one of error, warning, info, never"),
])
def test_a_mistake_in_the_configuration_names_it_and_the_file(project, monkeypatch, toml, message):
    (project / "auditrules.toml").write_text(toml)
    monkeypatch.chdir(project)  # so that the file is shown by its name
    result = run("check", project / "forms.json")
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_a_malformed_set_names_the_setting_and_says_it_came_from_the_command_line(project):
    result = run("check", project / "forms.json", "--set", "escalate_within=2 wrking days")
    assert result.exit_code == 2
    assert result.stderr == ("error: --set: setting 'escalate_within': '2 wrking days' is not a "
                             "duration, like '15 working days'\n")


def test_config_names_a_missing_file_or_a_pyproject_without_the_table(project):
    assert "nowhere.toml: no such settings file" in run("rules", "--config", "nowhere.toml").stderr
    (project / "pyproject.toml").write_text('[project]\nname = "x"\n')
    with pytest.raises(Exception, match=r"has no \[tool.auditrules\] table"):
        load_config(project / "pyproject.toml")
