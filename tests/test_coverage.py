"""`auditrules test --coverage [--threshold N]`: a rule is covered by a passing and a failing
example that both behave as declared."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from auditrules.cli import cli

RULES = """ruleset cov.t
  version "1"
  reference "Local guidance"

rule C-1 "Both kinds, both right"
  require summary is not empty
  message "no summary"
  hint "h"
  example pass { summary: "A." }
  example fail at summary { audit: { id: "x" } }

rule C-2 "Only a passing example"
  require overall_judgement is not empty
  message "m"
  hint "h"
  example pass { overall_judgement: "Good." }

rule C-3 "A failing example that does not fail"
  require impact_on_child is not empty
  message "m"
  hint "h"
  example pass { impact_on_child: "Safer." }
  example fail at impact_on_child { impact_on_child: "Safer." }

rule C-4 "No examples"
  require audit.id is not empty
  message "m"
  hint "h"
"""

OTHER = """ruleset cov.other
  version "1"
  reference "Local guidance"

rule O-1 "Covered"
  require summary is not empty
  message "no summary"
  hint "h"
  example pass { summary: "A." }
  example fail at summary { audit: { id: "x" } }
"""


@pytest.fixture
def run(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "cov.rules").write_text(RULES, encoding="utf-8")
    (tmp_path / "other.rules").write_text(OTHER, encoding="utf-8")
    return lambda *args: CliRunner().invoke(cli, ["test", "--no-default-rules", *args])


def test_coverage_per_rule_set_with_the_uncovered_rules(run):
    result = run("cov.rules", "other.rules", "--coverage")
    assert result.exit_code == 1  # C-3's failing example misbehaves
    lines = result.stdout.splitlines()
    assert lines[-6:] == [
        "cov.t: 1/4 rules covered",
        "  C-2 (cov.rules:12): needs failing example that behaves as declared",
        "  C-3 (cov.rules:18): needs failing example that behaves as declared",
        "  C-4 (cov.rules:25): needs passing and failing examples that behave as declared",
        "cov.other: 1/1 rules covered",
        "coverage: 2/5 rules covered (40.0%).",
    ]


def test_threshold_sets_the_exit_code(run):
    result = run("other.rules", "--coverage", "--threshold", "100")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1] == "coverage: 1/1 rules covered (100.0%), at or above the threshold of 100%."
    low = run("cov.rules", "--coverage", "--threshold", "20")
    assert low.stdout.splitlines()[-1] == "coverage: 1/4 rules covered (25.0%), at or above the threshold of 20%."
    lower = run("cov.rules", "--coverage", "--threshold", "30")
    assert lower.stdout.splitlines()[-1] == "coverage: 1/4 rules covered (25.0%), below the threshold of 30%."
    assert lower.exit_code == 1


def test_below_threshold_alone_exits_1(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    only_passing = OTHER.replace('  example fail at summary { audit: { id: "x" } }\n', "")
    (tmp_path / "p.rules").write_text(only_passing, encoding="utf-8")
    ok = CliRunner().invoke(cli, ["test", "--no-default-rules", "p.rules"])
    assert ok.exit_code == 0
    result = CliRunner().invoke(cli, ["test", "--no-default-rules", "p.rules", "--coverage", "--threshold", "50"])
    assert result.exit_code == 1
    assert result.stdout.splitlines()[-1] == "coverage: 0/1 rules covered (0.0%), below the threshold of 50%."


def test_coverage_beside_a_machine_report_goes_to_stderr_and_into_json(run):
    result = run("other.rules", "--coverage", "--format", "json")
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert report["coverage"] == [{"ruleset": "cov.other", "rule": "O-1", "covered": True}]
    assert result.stderr.splitlines()[-1] == "coverage: 1/1 rules covered (100.0%)."


def test_bundled_rule_sets_are_fully_covered():
    result = CliRunner().invoke(cli, ["test", "--coverage", "--threshold", "100"])
    assert result.exit_code == 0, result.stdout
