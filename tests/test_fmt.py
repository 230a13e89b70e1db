"""`auditrules fmt`: one canonical layout, idempotent, comments kept, meaning never changed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from auditrules.cli import cli
from auditrules.dsl.formatter import format_ruleset, meaning
from auditrules.dsl.parser import Source, parse_ruleset

ROOT = Path(__file__).parents[1]
BUNDLED = sorted((ROOT / "rulesets").glob("*.rules"))
TEST_RULE_SETS = sorted((ROOT / "tests").rglob("*.rules"))
PLUGIN_RULE_SETS = sorted(p for p in (ROOT / "plugins").rglob("*.rules") if "build" not in p.parts)
EVERY_FILE = BUNDLED + TEST_RULE_SETS + PLUGIN_RULE_SETS

MESSY = """# top comment

# second block
ruleset t.messy   # the id
  applies when child.status in ["cp","cin"]  # only plans
  title "Messy"
    version "1"
terms vague = ["professionals",
  # why all
  "all", "core group"]  # end of terms
setting limit=15
# before the rule
rule R-1 "Owner named"
  message "no owner: {target.text}" # msg
  hint "Name a person."
  forbid target.owner is empty
     or target.owner contains any of vague   # long
  for each target in plan_targets
  # before severity
  severity error
  example fail at plan_targets[0].owner { child: {status: "cp"}, plan_targets: [ { text: "x" , owner: "all" } ] }
  example pass {
    # inside example
    child: {status: "cp"}
    plan_targets: [{ text: "x", owner: "mother" }]  # trailing pair
    # before closing
  }  # after closing
  require words(target.text)<=limit and count( plan_targets )>=0
rule R-2 "two" require summary is not empty message "x" "y"
# the end
"""

CANONICAL = """# top comment

# second block
ruleset t.messy  # the id
  version "1"
  title "Messy"
  applies when child.status in ["cp", "cin"]  # only plans

terms vague = [
  "professionals",
  # why all
  "all",
  "core group",
]  # end of terms

setting limit = 15

# before the rule
rule R-1 "Owner named"
  # before severity
  severity error
  for each target in plan_targets
  forbid target.owner is empty or target.owner contains any of vague  # long
  require words(target.text) <= limit and count(plan_targets) >= 0
  message "no owner: {target.text}"  # msg
  hint "Name a person."

  example fail at plan_targets[0].owner {
    child: { status: "cp" }
    plan_targets: [{ text: "x", owner: "all" }]
  }
  example pass {
    # inside example
    child: { status: "cp" }
    plan_targets: [{ text: "x", owner: "mother" }]  # trailing pair
    # before closing
  }  # after closing

rule R-2 "two"
  require summary is not empty
  message "x" "y"

# the end
"""


def fmt(text: str) -> str:
    return format_ruleset(Source("t.rules", text))


def comments(text: str) -> list[str]:
    """Every comment (no rule set here has "#" inside quoted text or a pattern), sorted: clauses
    move to their canonical place and take their comments with them."""
    return sorted(c.rstrip() for c in re.findall(r"#[^\n]*", text))


def test_messy_rule_set_gets_the_canonical_layout():
    assert fmt(MESSY) == CANONICAL


def test_short_term_lists_and_examples_stay_on_one_line():
    text = ('ruleset t\nterms few = ["a",\n "b"]\nsetting n = 3\nrule R "r"\n  require summary contains any of few\n'
            '  message "m"\n  example pass {\n    summary: "a"\n  }\n')
    assert fmt(text) == ('ruleset t\n\nterms few = ["a", "b"]\nsetting n = 3\n\nrule R "r"\n'
                         '  require summary contains any of few\n  message "m"\n\n  example pass { summary: "a" }\n')


def test_messy_rule_set_keeps_every_comment_and_its_meaning():
    formatted = fmt(MESSY)
    assert comments(formatted) == comments(MESSY)
    assert meaning(parse_ruleset(Source("a", MESSY))) == meaning(parse_ruleset(Source("b", formatted)))
    assert fmt(formatted) == formatted


def test_long_examples_and_term_lists_break_over_lines():
    long_text = "word " * 17
    text = (f'ruleset t\nterms many = [{", ".join(f"{chr(34)}phrase {i}{chr(34)}" for i in range(20))}]\n'
            f'rule R "r"\n  require summary contains any of many\n  message "m"\n'
            f'  example pass {{ summary: "phrase 1", sections: [{{ name: "a", judgement: "{long_text}" }}] }}\n')
    formatted = fmt(text)
    assert '  "phrase 19",\n]\n' in formatted
    assert ('  example pass {\n    summary: "phrase 1"\n    sections: [\n      {\n        name: "a"\n'
            f'        judgement: "{long_text}"\n      }}\n    ]\n  }}\n') in formatted
    assert all(len(line) <= 110 for line in formatted.splitlines())
    assert fmt(formatted) == formatted
    assert meaning(parse_ruleset(Source("a", text))) == meaning(parse_ruleset(Source("b", formatted)))


@pytest.mark.parametrize("path", EVERY_FILE, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_rule_set_file_keeps_its_meaning_and_comments_and_is_idempotent(path):
    text = path.read_text("utf-8")
    formatted = fmt(text)
    assert meaning(parse_ruleset(Source("before", text))) == meaning(parse_ruleset(Source("after", formatted)))
    assert comments(formatted) == comments(text)
    assert fmt(formatted) == formatted


def test_bundled_rule_sets_are_already_formatted():
    result = CliRunner().invoke(cli, ["fmt", "--check", str(ROOT / "rulesets")])
    assert result.exit_code == 0, result.stdout


def test_meaning_sees_a_changed_example():
    a = 'ruleset t\nrule R "r"\n  require summary is not empty\n  message "m"\n  example pass { summary: "x" }\n'
    assert meaning(parse_ruleset(Source("a", a))) != meaning(parse_ruleset(Source("b", a.replace('"x"', '"y"'))))


def test_check_prints_a_diff_and_exits_1_without_writing(write, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = write("messy.rules", MESSY)
    result = CliRunner().invoke(cli, ["fmt", "--check", "messy.rules"])
    assert result.exit_code == 1
    assert path.read_text("utf-8") == MESSY
    lines = result.stdout.splitlines()
    assert lines[:2] == ["--- messy.rules", "+++ messy.rules (formatted)"]
    assert "-    version \"1\"" in lines and "+  version \"1\"" in lines
    assert "1 rule-set file: 1 would be reformatted, 0 already formatted." in result.stderr


def test_fmt_writes_the_file_then_check_passes(write, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = write("rules/messy.rules", MESSY)
    write("rules/clean.rules", fmt(MESSY).replace("t.messy", "t.clean"))
    result = CliRunner().invoke(cli, ["fmt", "rules"])
    assert result.exit_code == 0
    assert result.stdout.splitlines() == ["reformatted rules/messy.rules",
                                          "2 rule-set files: 1 reformatted, 1 already formatted."]
    assert path.read_text("utf-8") == fmt(MESSY)
    again = CliRunner().invoke(cli, ["fmt", "--check", "rules"])
    assert again.exit_code == 0
    assert again.stdout == "2 rule-set files: 0 would be reformatted, 2 already formatted.\n"


def test_a_file_that_does_not_parse_is_left_alone_and_exits_2(write, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = 'ruleset t\nrule R "r"\n  severity eror\n'
    path = write("bad.rules", text)
    result = CliRunner().invoke(cli, ["fmt", "bad.rules"])
    assert result.exit_code == 2
    assert "bad.rules:3:12: unexpected 'eror'" in result.stderr
    assert path.read_text("utf-8") == text
