"""Static checks on rule sets: each problem is reported once, located exactly, all in one pass.

Each case writes small rule-set files, loads them as the engine does and compares every
diagnostic (file, line, column, message, expected, suggestion) with what a reader should see.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from auditrules.default_rulesets import core_rulesets_dir
from auditrules.engine import Engine
from auditrules.errors import Diagnostic, RuleSetError
from auditrules.functions.builtins import BUILTIN_FUNCTIONS
from auditrules.loader import RuleSetFile, load
from auditrules.plugins import PluginHost
from auditrules.schema import FormSchema

FORM_FIELDS = ("audit, child, summary, sections, assessment, plan_targets, family_feedback, "
               "overall_judgement, impact_on_child, recommendations, escalation, qa")
UNKNOWN_NAME = f"a field of the form ({FORM_FIELDS}), a setting, a term list or a name given by 'for each'"
AUDIT_FIELDS = "one of: id, date, type, themes, period_start, period_end, auditors, team, practitioner"
SECTION_FIELDS = "one of: name, evidence, judgement, grade, strengths, development"
FUNCTIONS = (f"one of the {len(BUILTIN_FUNCTIONS)} known functions "
             "('auditrules functions' lists them)")
STATUS_WORDS = "one of: early_help, cin, cp, cla, care_leaver"
ARITHMETIC = "a date and a duration (audit.date + 15 working days), two dates, or two numbers"
LINEAR_PATTERN = "a pattern without look-arounds or back-references (patterns must run in linear time)"
NOT_THE_LIST = "a field of one item, not the list"
A_LIST = "a list such as sections, plan_targets or recommendations"
OWN_ITEM_NAME = "a name of its own for each item, like 'section' or 'target'"
OTHER_NAME = "another name for this term list or setting"


@pytest.fixture(scope="module")
def functions():
    return PluginHost(load_entry_points=False).functions


@pytest.fixture
def load_error(write, tmp_path, monkeypatch, functions):
    """Write (name, text) files, load them together, and return the RuleSetError raised.

    The test runs in its folder, so files are reported by their plain names.
    """
    monkeypatch.chdir(tmp_path.resolve())

    def _load_error(*files: tuple[str, str]) -> RuleSetError:
        paths = [RuleSetFile(write(name, text)) for name, text in files]
        with pytest.raises(RuleSetError) as info:
            load(paths, FormSchema(), functions)
        return info.value

    return _load_error


@pytest.fixture
def problems(load_error):
    """The diagnostics from loading (name, text) files together."""
    return lambda *files: load_error(*files).diagnostics


def summary(diagnostics: list[Diagnostic]) -> list[tuple[str, int, int, str, str, str]]:
    return [(d.file, d.line, d.column, d.message, d.expected, d.suggestion) for d in diagnostics]


def requiring(condition: str, *, before: str = "", clauses: str = "") -> str:
    """A rule set with one rule; with nothing `before` it, the condition starts at line 3, column 11."""
    return f'ruleset t\n{before}rule R "t"\n  require {condition}\n  message "m"\n{clauses}'


# (id, rule-set text, line, column, message, expected, suggestion): each is the only problem found.
CASES = [
    # ---- names and fields
    ("unknown-field", requiring("audit.dat is empty"),
     3, 17, "an audit has no field 'dat'", AUDIT_FIELDS, "date"),
    ("unknown-field-of-a-list-item",
     'ruleset t\nrule R "t"\n  for each s in sections\n  require s.judgment is not empty\n  message "m"\n',
     4, 13, "a section has no field 'judgment'", SECTION_FIELDS, "judgement"),
    ("unknown-field-after-an-index", requiring("sections[0].nme is empty"),
     3, 23, "a section has no field 'nme'", SECTION_FIELDS, "name"),
    ("unknown-name-at-path-root", requiring("adit.id is empty"),
     3, 11, "unknown name 'adit'", UNKNOWN_NAME, "audit"),
    ("unknown-name-far-from-any", requiring("xyzzy is empty"),
     3, 11, "unknown name 'xyzzy'", UNKNOWN_NAME, ""),
    ("unknown-name-near-a-setting", requiring("words(summary) >= min_word", before="setting min_words = 15\n"),
     4, 29, "unknown name 'min_word'", UNKNOWN_NAME, "min_words"),
    ("unknown-name-near-a-loop-name",
     'ruleset t\nrule R "t"\n  for each target in plan_targets\n  require targt.owner is not empty\n'
     '  message "m"\n',
     4, 11, "unknown name 'targt'", UNKNOWN_NAME, "target"),
    ("reasons-only-in-messages", requiring("reasons is empty"),
     3, 11, "unknown name 'reasons'", UNKNOWN_NAME, ""),
    ("path-into-a-list-without-an-index", requiring("sections.name is empty"),
     3, 20, "'sections' is a list; look at its items with 'for each' or 'any ... in ... where'",
     NOT_THE_LIST, ""),
    ("path-into-a-nested-list-without-an-index", requiring("assessment.actions.owner is empty"),
     3, 30, "'assessment.actions' is a list; look at its items with 'for each' or 'any ... in ... where'",
     NOT_THE_LIST, ""),
    ("field-of-a-text", requiring('audit.id.prefix == "A"'),
     3, 20, "'audit.id' is a text and has no field 'prefix'", "", ""),
    ("index-into-a-text", requiring('summary[0] == "a"'),
     3, 19, "'summary' is a text, not a list, so it has no [0]", "", ""),
    # ---- functions
    ("unknown-function", requiring("wrods(summary) > 3"),
     3, 11, "unknown function 'wrods'", FUNCTIONS, "words"),
    ("too-many-arguments", requiring("words(summary, summary) > 3"),
     3, 11, "words() takes 1 argument but 2 were given", "words(text: text) -> number", ""),
    ("too-few-arguments", requiring("working_days_between(audit.date) > 1"),
     3, 11, "working_days_between() takes 2 arguments but 1 was given",
     "working_days_between(start: date, end: date) -> number", ""),
    ("no-arguments", requiring("words() > 1"),
     3, 11, "words() takes 1 argument but 0 were given", "words(text: text) -> number", ""),
    ("wrong-argument-type", requiring("words(audit.date) > 3"),
     3, 17, "words() wants a text for 'text' but this is a date", "words(text: text) -> number", ""),
    ("wrong-second-argument-type", requiring('days_between(audit.date, "soon") > 1'),
     3, 36, "days_between() wants a date for 'end' but this is a text",
     "days_between(start: date, end: date) -> number", ""),
    # ---- comparisons and set words
    ("date-compared-with-number", requiring("audit.date == 3"),
     3, 11, "cannot compare a date with a number", "a date on both sides", ""),
    ("duration-compared-with-number", requiring("audit.date < 3 days"),
     3, 11, "cannot compare a date with a duration", "a date on both sides", ""),
    ("text-ordered-with-less-than", requiring('summary < "b"'),
     3, 11, "'<' does not apply to text", "numbers, dates or durations", ""),
    ("yes-no-ordered", requiring("escalation.poor_practice >= true"),
     3, 11, "'>=' does not apply to yes/no", "numbers, dates or durations", ""),
    ("word-a-field-never-holds", requiring('child.status == "cpp"'),
     3, 27, "'cpp' is never a value of this field", STATUS_WORDS, "cp"),
    ("word-a-field-never-holds-on-the-left", requiring('"cpp" != child.status'),
     3, 11, "'cpp' is never a value of this field", STATUS_WORDS, "cp"),
    ("word-in-a-list-a-field-never-holds", requiring('child.status in ["cp", "cpp"]'),
     3, 34, "'cpp' is never a value of this field", STATUS_WORDS, "cp"),
    # forms are read generously ("Child protection" is cp) but a rule's words must be the set words
    ("synonym-is-not-a-set-word", requiring('child.status == "Child protection"'),
     3, 27, "'Child protection' is never a value of this field", STATUS_WORDS, ""),
    ("unlike-word-without-suggestion", requiring('child.status not in ["cin", "adopted"]'),
     3, 39, "'adopted' is never a value of this field", STATUS_WORDS, ""),
    # ---- operators that need lists, text or dates
    ("in-a-number", requiring("summary in 3"),
     3, 22, "'in' needs a list or text, not a number", "", ""),
    ("list-mixing-kinds", requiring('audit.themes contains any of ["a", 1]'),
     3, 46, "a list cannot mix text and number", "text like the first item", ""),
    ("matches-a-date", requiring("audit.date matches /2024/"),
     3, 11, "'matches' needs text, not a date", "", ""),
    ("contains-in-a-date", requiring('audit.date contains "x"'),
     3, 11, "'contains' needs text or a list, not a date", "", ""),
    ("contains-a-number", requiring("summary contains 3"),
     3, 28, "'contains' looks for text, not a number", "", ""),
    ("contains-any-of-a-text", requiring('summary contains any of "x"'),
     3, 35, "'contains any of' needs a list of phrases, not a text", 'a term list or a list like ["a", "b"]', ""),
    ("count-of-a-text", requiring("count(summary) > 1"),
     3, 17, "count() needs a list, not a text", "a list, or words(text) to count words", ""),
    ("quantifier-over-a-text", requiring("any w in summary where w"),
     3, 20, "'any' needs a list, not a text", "", ""),
    # ---- arithmetic
    ("date-plus-number", requiring("audit.date + 3 > audit.date"),
     3, 11, "cannot add a number to a date", ARITHMETIC, ""),
    ("text-minus-number", requiring("summary - 1 > 2"),
     3, 11, "cannot subtract a number from a text", ARITHMETIC, ""),
    ("date-plus-date", requiring("audit.date + audit.date > audit.date"),
     3, 11, "cannot add a date to a date", ARITHMETIC, ""),
    # ---- patterns
    ("pattern-with-back-reference", requiring(r"summary matches /(plan)\1/"),
     3, 27, r"this pattern cannot be used: invalid escape sequence: \1", LINEAR_PATTERN, ""),
    ("pattern-with-look-ahead", requiring("summary matches /plan(?=ned)/"),
     3, 27, "this pattern cannot be used: invalid perl operator: (?=", LINEAR_PATTERN, ""),
    ("pattern-not-closed", requiring("summary matches /(plan/"),
     3, 27, "this pattern cannot be used: missing ): (plan", LINEAR_PATTERN, ""),
    # ---- loops
    ("for-each-over-a-block",
     'ruleset t\nrule R "t"\n  for each s in audit\n  require s.id is not empty\n  message "m"\n',
     3, 17, "'audit' is an audit (a block of fields), not a list", A_LIST, ""),
    ("for-each-over-a-text",
     'ruleset t\nrule R "t"\n  for each s in summary\n  require s is not empty\n  message "m"\n',
     3, 17, "'summary' is a text, not a list", A_LIST, ""),
    ("loop-name-shadows-a-form-field",
     'ruleset t\nrule R "t"\n  for each summary in sections\n  require summary.judgement is not empty\n'
     '  message "m"\n',
     3, 3, "'summary' already names something else here", OWN_ITEM_NAME, ""),
    ("quantifier-name-shadows-a-form-field", requiring("any summary in sections where summary.name is empty"),
     3, 15, "'summary' already names something else here", OWN_ITEM_NAME, ""),
    ("quantifier-name-shadows-a-setting",
     requiring("no limit in sections where limit.grade is empty", before="setting limit = 3\n"),
     4, 14, "'limit' already names something else here", OWN_ITEM_NAME, ""),
    ("quantifier-name-shadows-the-loop-name",
     'ruleset t\nrule R "t"\n  for each s in sections\n  require all s in sections where s.name is empty\n'
     '  message "m"\n',
     4, 15, "'s' already names something else here", OWN_ITEM_NAME, ""),
    # ---- rules
    ("rule-id-twice-in-a-set",
     requiring("summary is empty", clauses='rule R "again"\n  require audit.id is empty\n  message "m"\n'),
     5, 6, "rule id 'R' is used twice in this rule set (first at line 2)", "a rule id of its own", ""),
    ("rule-without-require-or-forbid", 'ruleset t\nrule NO-CHECK "t"\n  message "m"\n',
     2, 6, "rule NO-CHECK has no 'require' or 'forbid'",
     "at least one 'require CONDITION' or 'forbid CONDITION'", ""),
    ("rule-without-message", 'ruleset t\nrule NO-MSG "t"\n  forbid summary is empty\n',
     2, 6, "rule NO-MSG has no message", 'message "what is wrong, in plain words"', ""),
    ("message-twice", requiring("summary is empty", clauses='  message "again"\n'),
     5, 3, "'message' is given twice in rule R", "one 'message' clause", ""),
    ("severity-twice", requiring("summary is empty", clauses="  severity info\n  severity error\n"),
     6, 3, "'severity' is given twice in rule R", "one 'severity' clause", ""),
    ("for-twice",
     'ruleset t\nrule R "t"\n  for each s in sections\n  for audit\n  require summary is empty\n  message "m"\n',
     4, 3, "'for' is given twice in rule R", "one 'for' clause", ""),
    ("header-version-twice", 'ruleset t\n  version "1"\n  title "x"\n  version "2"\n',
     4, 3, "'version' is given twice in the rule set's header", "one 'version' clause", ""),
    ("header-applies-twice", "ruleset t\n  applies to all forms\n  applies when summary is empty\n",
     3, 3, "'applies' is given twice in the rule set's header", "one 'applies' clause", ""),
    # ---- term lists and settings
    ("empty-term-list", requiring("summary is empty", before="terms cues = []\n"),
     2, 1, "term list 'cues' is empty", "at least one quoted phrase", ""),
    ("term-list-named-like-a-form-field", requiring("summary is empty", before='terms summary = ["a"]\n'),
     2, 1, "'summary' is already the name of a form field", OTHER_NAME, ""),
    ("setting-named-like-a-form-field", requiring("summary is empty", before="setting audit = 3\n"),
     2, 9, "'audit' is already the name of a form field", OTHER_NAME, ""),
    ("setting-named-reasons", requiring("summary is empty", before="setting reasons = 3\n"),
     2, 9, "'reasons' is a reserved name ({reasons} in a message lists why a rule failed)", OTHER_NAME, ""),
    ("name-given-twice", requiring("summary is empty", before='setting cues = 1\nterms cues = ["a"]\n'),
     3, 1, "'cues' is defined twice", "a name of its own", ""),
    # ---- the other places expressions are written
    ("unknown-field-in-applies-when", "ruleset t\n  applies when child.statu is empty\n",
     2, 22, "a child has no field 'statu'", "one of: ref, age_band, status, contact_source", "status"),
    ("unknown-field-in-when", requiring("summary is empty", clauses="  when audit.tpye is empty\n"),
     5, 14, "an audit has no field 'tpye'", AUDIT_FIELDS, "type"),
    ("unknown-field-in-at", requiring("summary is empty", clauses="  at audit.iid\n"),
     5, 12, "an audit has no field 'iid'", AUDIT_FIELDS, "id"),
    ("unknown-field-in-for", 'ruleset t\nrule R "t"\n  for each s in sectons\n  require s is empty\n  message "m"\n',
     3, 17, "unknown name 'sectons'", UNKNOWN_NAME, "sections"),
    ("unknown-field-in-a-placeholder",
     'ruleset t\nrule R "t"\n  require summary is empty\n  message "Audit {audit.idd} has no summary"\n',
     4, 25, "an audit has no field 'idd'", AUDIT_FIELDS, "id"),
    ("unknown-function-in-a-hint-placeholder",
     requiring("summary is empty", clauses='  hint """Say why:\n  {reasons}, {wrods(summary)} words"""\n'),
     6, 15, "unknown function 'wrods'", FUNCTIONS, "words"),
    ("loop-name-outside-its-quantifier", requiring("any s in sections where s.name and s.grade"),
     3, 46, "unknown name 's'", UNKNOWN_NAME, ""),
    # ---- examples
    ("example-unknown-key",
     requiring("summary is empty", clauses="  example pass {\n    audit: { idd: \"A-1\" }\n  }\n"),
     6, 14, "this example is not a valid form: audit.idd: unknown field 'idd'; did you mean 'id'?", "", ""),
    ("example-unknown-top-level-key", requiring("summary is empty", clauses='  example pass { sumary: "x" }\n'),
     5, 18, "this example is not a valid form: sumary: unknown field 'sumary'; did you mean 'summary'?", "", ""),
    ("example-date-that-is-not-a-date",
     requiring("summary is empty", clauses='  example fail { audit: { date: "yesterday" } }\n'),
     5, 27, "this example is not a valid form: audit.date: 'yesterday' is not a date "
     "(write it as YYYY-MM-DD or DD/MM/YYYY)", "", ""),
    ("example-word-a-field-never-holds",
     requiring("summary is empty", clauses='  example pass { child: { status: "cpp" } }\n'),
     5, 27, "this example is not a valid form: child.status: 'cpp' is not one of 'early_help', 'cin', 'cp', "
     "'cla' or 'care_leaver'", "", ""),
    ("example-list-item-of-the-wrong-kind",
     requiring("summary is empty",
               clauses='  example pass {\n    sections: [\n      { name: "planning" },\n      "assessment"\n'
                       '    ]\n  }\n'),
     8, 7, "this example is not a valid form: sections[1]: expected a block of fields, not text", "", ""),
    ("example-text-where-a-list-goes", requiring("summary is empty", clauses='  example pass { sections: "x" }\n'),
     5, 18, "this example is not a valid form: sections: expected a list, not text", "", ""),
    ("example-at-an-unknown-field", requiring("summary is empty", clauses="  example fail at audit.idd { }\n"),
     5, 25, "an audit has no field 'idd'", AUDIT_FIELDS, "id"),
    ("example-at-an-unknown-root", requiring("summary is empty", clauses="  example fail at sumary { }\n"),
     5, 19, "the form has no field 'sumary'", f"one of: {FORM_FIELDS}", "summary"),
    ("example-at-a-list-without-an-index",
     requiring("summary is empty", clauses="  example fail at sections.name { }\n"),
     5, 28, "'sections' is a list; look at its items with 'for each' or 'any ... in ... where'",
     NOT_THE_LIST, ""),
]


@pytest.mark.parametrize(("text", "line", "column", "message", "expected", "suggestion"),
                         [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_static_error(problems, text, line, column, message, expected, suggestion):
    diagnostics = problems(("check.rules", text))
    assert summary(diagnostics) == [("check.rules", line, column, message, expected, suggestion)]
    assert diagnostics[0].source_line == text.splitlines()[line - 1]


def test_a_rule_with_neither_condition_nor_message_gets_both_problems(problems):
    diagnostics = problems(("bare.rules", 'ruleset t\nrule BARE "Nothing yet"\n  severity info\n'))
    assert summary(diagnostics) == [
        ("bare.rules", 2, 6, "rule BARE has no 'require' or 'forbid'",
         "at least one 'require CONDITION' or 'forbid CONDITION'", ""),
        ("bare.rules", 2, 6, "rule BARE has no message", 'message "what is wrong, in plain words"', ""),
    ]


def test_every_placeholder_is_checked(problems):
    text = ('ruleset t\nrule R "t"\n  for each s in sections\n  require s.name is not empty\n'
            '  message "{s.nam} {reasons} {s.name} {nope}"\n  hint "{s.grade} {count(s)}"\n')
    assert summary(problems(("p.rules", text))) == [
        ("p.rules", 5, 15, "a section has no field 'nam'", SECTION_FIELDS, "name"),
        ("p.rules", 5, 40, "unknown name 'nope'", UNKNOWN_NAME, ""),
        ("p.rules", 6, 26, "count() needs a list, not a section (a block of fields)",
         "a list, or words(text) to count words", ""),
    ]


# ---- across files ---------------------------------------------------------------------------


def test_duplicate_rule_id_across_two_files(problems):
    first = 'ruleset one\n\nrule SHARED-1 "t"\n  require summary is empty\n  message "m"\n'
    second = 'ruleset two\nrule OTHER "t"\n  require summary is empty\n  message "m"\n' \
             'rule SHARED-1 "t"\n  require summary is empty\n  message "m"\n'
    diagnostics = problems(("one.rules", first), ("two.rules", second))
    assert summary(diagnostics) == [
        ("two.rules", 5, 6, "rule id 'SHARED-1' is also used in one.rules:3",
         "a rule id of its own (ids are unique across all loaded rule sets)", ""),
    ]


def test_duplicate_rule_set_id_across_files(problems):
    first = 'ruleset same.id\nrule A "t"\n  require summary is empty\n  message "m"\n'
    second = '# the same id again\nruleset same.id\nrule B "t"\n  require summary is empty\n  message "m"\n'
    diagnostics = problems(("a.rules", first), ("sub/b.rules", second))
    assert summary(diagnostics) == [
        ("sub/b.rules", 2, 1, "rule set id 'same.id' is also used by a.rules", "a rule-set id of its own", ""),
    ]


def test_a_rule_id_the_bundled_rules_use_is_refused(write, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path.resolve())
    path = write("mine.rules", 'ruleset mine\nrule COMP-001 "mine"\n  require summary is empty\n  message "m"\n')
    with pytest.raises(RuleSetError) as info:
        Engine.load([path])
    core = core_rulesets_dir() / "core-completeness.rules"
    core_line = core.read_text("utf-8").splitlines().index('rule COMP-001 "The audit has an id"') + 1
    assert summary(info.value.diagnostics) == [
        ("mine.rules", 2, 6, f"rule id 'COMP-001' is also used in {core}:{core_line}",
         "a rule id of its own (ids are unique across all loaded rule sets)", ""),
    ]


def test_every_problem_in_every_file_in_one_pass_sorted_by_file_and_line(load_error):
    a = ('ruleset multi.a\n'
         'rule A-1 "t"\n'
         '  require audit.dat is empty\n'
         '  message "m {nope}"\n'
         'rule A-1 "again"\n'
         '  require wrods(summary) > 1\n'
         '  message "m"\n')
    b = 'ruleset multi.b\nrule B "t"\n  severity fatal\n'
    d = 'ruleset multi.a\nrule D "t"\n  require summary is empty\n  message "m"\n'
    e = 'ruleset multi.e\nrule A-1 "t"\n  require summary is empty\n  message "m"\n'
    # loaded out of order; b.rules cannot be read at all, the others are still checked
    error = load_error(("a.rules", a), ("e.rules", e), ("d.rules", d), ("b.rules", b))
    assert [(x.file, x.line, x.column, x.message) for x in error.diagnostics] == [
        ("a.rules", 3, 17, "an audit has no field 'dat'"),
        ("a.rules", 4, 15, "unknown name 'nope'"),
        ("a.rules", 5, 6, "rule id 'A-1' is used twice in this rule set (first at line 2)"),
        ("a.rules", 6, 11, "unknown function 'wrods'"),
        ("b.rules", 3, 12, "unexpected 'fatal'"),
        ("d.rules", 1, 1, "rule set id 'multi.a' is also used by a.rules"),
        ("e.rules", 2, 6, "rule id 'A-1' is also used in a.rules:2"),
    ]
    assert str(error) == "\n".join([*(x.format() for x in error.diagnostics), "7 problems in rule sets"])


def test_engine_load_reports_every_problem(write, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path.resolve())
    write("rules/x.rules", requiring("audit.dat is empty"))
    write("rules/y.rules", 'ruleset u\nrule S "t"\n  require summary matches /(a)\\1/\n')
    with pytest.raises(RuleSetError) as info:
        Engine.load(["rules"], defaults=False)
    assert summary(info.value.diagnostics) == [
        ("rules/x.rules", 3, 17, "an audit has no field 'dat'", AUDIT_FIELDS, "date"),
        ("rules/y.rules", 2, 6, "rule S has no message", 'message "what is wrong, in plain words"', ""),
        ("rules/y.rules", 3, 27, r"this pattern cannot be used: invalid escape sequence: \1", LINEAR_PATTERN, ""),
    ]
    assert str(info.value).endswith("\n3 problems in rule sets")


# ---- how a diagnostic reads -------------------------------------------------------------------


def test_diagnostic_format_shows_the_line_a_caret_and_what_was_expected(problems):
    (diagnostic,) = problems(("f.rules", requiring("audit.dat is empty")))
    assert diagnostic.format() == (
        "f.rules:3:17: an audit has no field 'dat'\n"
        "      require audit.dat is empty\n"
        "                    ^~~\n"
        f"  expected {AUDIT_FIELDS}\n"
        "  did you mean 'date'?"
    )


def test_diagnostic_format_lines_the_caret_up_under_a_tab(problems):
    text = 'ruleset t\nrule R "t"\n\trequire wrods(summary) > 1\n  message "m"\n'
    (diagnostic,) = problems(("tab.rules", text))
    assert (diagnostic.line, diagnostic.column) == (3, 10)
    assert diagnostic.format().splitlines()[1:3] == [
        "     require wrods(summary) > 1",
        "             ^~~~~",
    ]


def test_diagnostic_format_without_expected_or_suggestion(problems):
    (diagnostic,) = problems(("g.rules", requiring("summary[0] == \"a\"")))
    assert diagnostic.format() == (
        "g.rules:3:19: 'summary' is a text, not a list, so it has no [0]\n"
        '      require summary[0] == "a"\n'
        "                      ^"
    )


def test_rule_set_error_message_lists_every_diagnostic_then_a_count():
    late = Diagnostic("b.rules", 1, 1, "late")
    early = Diagnostic("a.rules", 9, 2, "early", source_line="x")
    same_line = Diagnostic("a.rules", 9, 1, "first on its line")
    error = RuleSetError([late, early, same_line])
    assert error.diagnostics == [same_line, early, late]
    assert str(error) == (
        "a.rules:9:1: first on its line\n"
        "a.rules:9:2: early\n    x\n     ^\n"
        "b.rules:1:1: late\n"
        "3 problems in rule sets"
    )
    assert str(RuleSetError([late])).endswith("\n1 problem in rule sets")


# ---- what is accepted -------------------------------------------------------------------------

GOOD = '''# Every construct, used correctly: nothing to report.
ruleset good.one
  version "1.0"
  title "Good"
  applies when child.status in ["cp", "CLA", "early help"] or child.status is empty   # case and spaces

terms reason_words = ["because", "so that",]
setting limit = 15 working days
setting min_words = 10
setting team_name = "Team A"
setting start = 2024-04-01
setting strict = false

rule G-1 "Everything"
  severity error
  for each section in sections
  when section.judgement is not empty and not strict
  require words(section.judgement) >= min_words or section.judgement contains any of reason_words
  require section.judgement matches /\\b(because|so)\\b/
  forbid section.grade in ["3", "4"]
  forbid count(audit.themes) > 5 and "x" not in audit.themes
  at section.judgement
  message "The {section.name} judgement: {reasons} ({words(section.judgement)} words)."
  hint """Give a reason {{why}}."""
  reference "Ofsted"
  tags judgement, multi-agency
  example pass { sections: [{ name: "planning", judgement: "Good because the plan was reviewed." }] }
  example fail "too short" at sections[0].judgement { sections: [{ name: "planning", judgement: "Good." }] }

rule G-2 "Dates"
  for audit
  when audit.date is not empty and audit.period_end is not empty
  require audit.date <= audit.period_end + limit
  require audit.date - audit.period_start >= 0 and audit.date >= start
  require working_days_between(audit.period_start, audit.date) < 200
  require any t in plan_targets where (t.owner is not empty and t.due > audit.date - 2 weeks)
  require all r in recommendations satisfy r.status != "overdue"
  require no f in family_feedback satisfies f.from == "child" and (count s in sections where s.grade == "good") > 0
  require child.status == "Early Help" or summary contains "plan" or summary contains none of ["x", "y"]
  require audit.team != team_name and audit.themes contains all of reason_words
  message "Audit {audit.id} on {audit.date}: {reasons}"
  example pass { audit: { id: "A-1", date: "12/06/2024", period_end: 2024-06-30 } }
'''


def test_a_correct_rule_set_loads_without_problems(write, functions):
    compiled = load([RuleSetFile(write("good.rules", GOOD))], FormSchema(), functions)
    assert [(r.info.id, [rule.id for rule in r.rules]) for r in compiled] == [("good.one", ["G-1", "G-2"])]


def test_the_bundled_rule_set_loads_without_problems(functions):
    compiled = load([RuleSetFile(core_rulesets_dir() / "core-completeness.rules")], FormSchema(), functions)
    assert compiled[0].info.id == "core.completeness"
    assert len(compiled[0].rules) >= 6


def test_a_rule_id_repeated_in_one_file_and_used_in_another_is_reported_once_per_place(write):
    first = write("first.rules", 'ruleset a.one\nrule X-1 "x"\n  require summary is empty\n  message "m"\n')
    second = write("second.rules", 'ruleset a.two\nrule X-1 "x"\n  require summary is empty\n  message "m"\n'
                                   'rule X-1 "again"\n  require summary is empty\n  message "m"\n')
    with pytest.raises(RuleSetError) as caught:
        Engine.load([first, second], defaults=False)
    found = [(Path(d.file).name, d.line, d.message) for d in caught.value.diagnostics]
    assert found == [
        ("second.rules", 2, f"rule id 'X-1' is also used in {first}:2"),
        ("second.rules", 5, "rule id 'X-1' is used twice in this rule set (first at line 2)"),
    ]


def test_rule_ids_are_checked_even_in_a_rule_set_whose_id_is_taken(write):
    first = write("first.rules", 'ruleset a.same\nrule Y-1 "x"\n  require summary is empty\n  message "m"\n')
    second = write("second.rules", 'ruleset a.same\nrule Y-1 "x"\n  require summary is empty\n  message "m"\n')
    with pytest.raises(RuleSetError) as caught:
        Engine.load([first, second], defaults=False)
    messages = [d.message for d in caught.value.diagnostics]
    assert messages == [f"rule set id 'a.same' is also used by {first}", f"rule id 'Y-1' is also used in {first}:2"]
