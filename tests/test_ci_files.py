"""The pre-commit hooks and the example CI workflow run real commands that pass on good rule sets."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from auditrules.cli import cli

ROOT = Path(__file__).parents[1]
HOOKS = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
WORKFLOW = (ROOT / "docs" / "ci-workflow.example.yml").read_text("utf-8")

GOOD = """ruleset hooks.good
  version "1"
  reference "Local guidance"

rule H-1 "Summary given"
  require summary is not empty
  message "no summary"
  hint "Write a summary."

  example pass { summary: "A." }
  example fail at summary { audit: { id: "x" } }
"""


@pytest.fixture
def rules_repo(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "good.rules").write_text(GOOD, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("hook", HOOKS, ids=[h["id"] for h in HOOKS])
def test_each_hook_runs_auditrules_on_the_files_it_is_given(rules_repo, hook):
    program, *args = shlex.split(hook["entry"])
    assert program == "auditrules"
    assert re.search(hook["files"], "rules/good.rules")
    result = CliRunner().invoke(cli, [*args, "rules/good.rules"])
    assert result.exit_code == 0, result.output
    bad = CliRunner().invoke(cli, [*args, "rules/good.rules", "rules/missing.rules"])
    assert bad.exit_code == 2


def test_the_workflow_commands_pass_on_good_rule_sets(rules_repo):
    commands = re.findall(r"run: (auditrules [^|\n]*?)(?: \|\| true)?$", WORKFLOW, flags=re.MULTILINE)
    assert len(commands) == 5
    for command in commands:
        result = CliRunner().invoke(cli, shlex.split(command)[1:])
        assert result.exit_code == 0, (command, result.output)
    assert (rules_repo / "rule-tests.xml").is_file()
    assert (rules_repo / "validate.sarif").is_file()
