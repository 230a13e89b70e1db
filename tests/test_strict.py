"""`auditrules validate --strict`: each warning fires on a small rule set that earns it, located
like an error, and makes validate exit 2; a clean rule set and the bundled ones get none."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from auditrules.cli import cli

ROOT = Path(__file__).parents[1]


def ruleset(rules: str, *, header: str = '  reference "Local guidance"\n', before: str = "") -> str:
    """A rule set: the header is lines 1-3 with `header`, then `before`, then the rules."""
    return f'ruleset strict.t\n  version "1"\n{header}{before}\n{rules}'


def rule(*, scope: str = "", when: str = "", check: str = "require summary is not empty",
         message: str = "no summary", hint: str = '  hint "Write one."\n',
         examples: str = '  example pass { summary: "A." }\n  example fail at summary { audit: { id: "x" } }\n',
         rule_id: str = "S-1", title: str = "Summary") -> str:
    return (f'rule {rule_id} "{title}"\n{scope}{when}  {check}\n  message "{message}"\n{hint}{examples}')


CLEAN = ruleset(rule())
# A rule that never fires has no passing example that tests anything, and is told so too.
WHEN_NEVER_HOLDS = (10, 3, "S-1 example 1 (pass) tests nothing: the rule's require and forbid are never "
                           "reached: the rule's 'when' never holds for it")

# (id, rule-set text, [(line, column, the warning's first line)]): exactly these warnings.
CASES = [
    ("unused-term-list", ruleset(rule(), before='terms vague = ["all"]\n'),
     [(4, 1, "term list 'vague' is not used by any rule")]),
    ("unused-setting", ruleset(rule(), before="setting min_words = 3\n"),
     [(4, 9, "setting 'min_words' is not used by any rule")]),
    ("used-setting-is-fine", ruleset(rule(check="require words(summary) >= min_words",
                                          examples='  example pass { summary: "one two three" }\n'
                                                   '  example fail at summary { summary: "one" }\n'),
                                     before="setting min_words = 3\n"), []),
    ("no-hint", ruleset(rule(hint="")), [(5, 6, "rule S-1 has no hint")]),
    ("no-reference-anywhere", ruleset(rule(), header=""),
     [(4, 6, "rule S-1 has no reference, and its rule set has none to inherit")]),
    ("own-reference-is-enough", ruleset(rule(hint='  hint "h"\n  reference "Working Together"\n'), header=""), []),
    ("placeholder-of-a-field-that-must-be-empty", ruleset(rule(message="The summary {summary} is missing")),
     [(7, 25, "{summary} names nothing: 'summary' is always empty when rule S-1 fires")]),
    ("placeholder-empty-by-when",
     ruleset(rule(scope="  for each target in plan_targets\n", when="  when target.owner is empty\n",
                  check="require target.text is not empty", message="{target.owner} has no text",
                  examples='  example pass { plan_targets: [{ owner: "", text: "x" }] }\n'
                           '  example fail at plan_targets[0].text { plan_targets: [{ due: "tbc" }] }\n')),
     [(9, 13, "{target.owner} names nothing: 'target.owner' is always empty when rule S-1 fires")]),
    ("placeholder-in-a-title", ruleset(rule(title="Summary of {child.ref}")),
     [(5, 6, "'{child.ref}' in rule S-1's title is printed as written: only messages and hints fill in "
             "placeholders")]),
    ("when-contradicts-itself", ruleset(rule(when='  when child.status == "cp" and child.status == "cin"\n')),
     [(6, 8, "rule S-1 can never fire: its 'when' can never hold"), WHEN_NEVER_HOLDS]),
    ("when-outside-what-the-rule-set-applies-to",
     ruleset(rule(when='  when child.status in ["cin", "cla"]\n'),
             header='  reference "Local guidance"\n  applies when child.status == "cp"\n'),
     [(7, 8, "rule S-1 can never fire: its 'when' together with the rule set's 'applies when' can never hold"),
      (11, 3, "S-1 example 1 (pass) tests nothing: the rule's require and forbid are never reached: the rule "
              "set's 'applies when' is false for it")]),
    ("pattern-no-choice-matches", ruleset(rule(when="  when child.status matches /protection/\n")),
     [(6, 8, "rule S-1 can never fire: its 'when' can never hold"), WHEN_NEVER_HOLDS]),
    ("count-below-zero", ruleset(rule(when="  when count(plan_targets) < 0\n")),
     [(6, 8, "rule S-1 can never fire: its 'when' can never hold"), WHEN_NEVER_HOLDS]),
    ("a-list-that-is-always-empty", ruleset(rule(check='forbid any t in [] where t == "x"')),
     [(5, 6, "rule S-1 can never fire: none of its 'forbid' conditions can ever hold")]),
    ("yes-no-both-ways",
     ruleset(rule(when="  when escalation.poor_practice == true and not (escalation.poor_practice != false)\n")),
     [(6, 8, "rule S-1 can never fire: its 'when' can never hold"), WHEN_NEVER_HOLDS]),
    ("passing-example-with-no-item-to-check",
     ruleset(rule(scope="  for each target in plan_targets\n", check="require target.owner is not empty",
                  message="no owner",
                  examples='  example pass { summary: "x" }\n'
                           '  example fail at plan_targets[0].owner { plan_targets: [{ text: "x" }] }\n')),
     [(10, 3, "S-1 example 1 (pass) tests nothing: the rule's require and forbid are never reached: it has "
              "no item in plan_targets to check")]),
    ("passing-example-the-when-skips",
     ruleset(rule(when='  when child.status == "cp"\n',
                  examples='  example pass "not cp" { child: { status: "cin" } }\n'
                           '  example fail at summary { child: { status: "cp" } }\n')),
     [(10, 3, "S-1 example 1 (pass, 'not cp') tests nothing: the rule's require and forbid are never "
              "reached: the rule's 'when' never holds for it")]),
    ("a-when-test-beside-a-real-pass-is-fine",
     ruleset(rule(when='  when child.status == "cp"\n',
                  examples='  example pass "not cp" { child: { status: "cin" } }\n'
                           '  example pass { child: { status: "cp" }, summary: "A." }\n'
                           '  example fail at summary { child: { status: "cp" } }\n')), []),
]


@pytest.fixture
def validate_strict(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)

    def _run(text: str, *extra: str):
        (tmp_path / "t.rules").write_text(text, encoding="utf-8")
        return CliRunner().invoke(cli, ["validate", "--strict", "--no-default-rules", "t.rules", *extra])

    return _run


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_strict_warning(validate_strict, text, expected):
    result = validate_strict(text)
    shown = [line for line in result.stderr.splitlines() if line.startswith("t.rules:")]
    assert shown == [f"t.rules:{line}:{column}: warning: {message}" for line, column, message in expected]
    assert result.exit_code == (2 if expected else 0), result.output
    if expected:
        count = len(expected)
        assert result.stderr.splitlines()[-1] == f"{count} strict warning{'s' if count != 1 else ''}"


def test_warnings_show_the_line_and_a_caret(validate_strict):
    result = validate_strict(ruleset(rule(), before="setting min_words = 3\n"))
    assert result.stderr.splitlines()[:4] == [
        "t.rules:4:9: warning: setting 'min_words' is not used by any rule",
        "    setting min_words = 3",
        "            ^~~~~~~~~",
        "  expected a rule that uses it, or remove it",
    ]


def test_without_strict_the_same_rule_set_is_clean(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "t.rules").write_text(ruleset(rule(hint=""), before="setting unused = 3\n"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", "--no-default-rules", "t.rules"])
    assert result.exit_code == 0
    assert result.stdout == "1 rule set, 1 rules: no problems found.\n"


def test_strict_warnings_in_github_format(validate_strict):
    result = validate_strict(ruleset(rule(hint="")), "--format", "github")
    assert result.exit_code == 2
    assert result.stdout == ('::warning file=t.rules,line=5,col=6,title=Rule with no hint::rule S-1 has no hint'
                             '%0Aexpected hint "what good looks like"\n')


def test_clean_rule_set_and_bundled_rule_sets_have_no_strict_warnings(validate_strict):
    assert validate_strict(CLEAN).exit_code == 0
    result = CliRunner().invoke(cli, ["validate", "--strict", str(ROOT / "rulesets")])
    assert result.exit_code == 0, result.stderr
