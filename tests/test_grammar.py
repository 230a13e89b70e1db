"""The rule language's grammar: every construct parses to the expected syntax tree, with positions.

Syntax trees are compared with nodes built here; `span` fields are left out of node equality, so
positions are checked separately (line, column, and the text each span covers in the file).
"""

from __future__ import annotations

import datetime as dt

import pytest

from auditrules.dsl import ast
from auditrules.dsl.parser import Source, SyntaxProblem, parse_ruleset, parse_setting_value

# ---- helpers ----------------------------------------------------------------------------------

N = ast.NOWHERE


def parse(text: str, name: str = "t.rules") -> ast.RuleSet:
    return parse_ruleset(Source(name, text))


def rule_with(require: str, extra: str = "") -> str:
    """A rule set whose one rule requires `require`; the expression starts at line 3, column 11."""
    return f'ruleset t\nrule R "t"\n  require {require}\n  message "m"\n{extra}'


def expr(text: str) -> ast.Expr:
    return parse(rule_with(text)).rules[0].assertions[0].expr


def syntax_error(text: str, name: str = "bad.rules"):
    with pytest.raises(SyntaxProblem) as info:
        parse_ruleset(Source(name, text))
    return info.value.diagnostic


def at(span: ast.Span) -> tuple[int, int, int, int]:
    return (span.line, span.column, span.end_line, span.end_column)


def covers(text: str, span: ast.Span) -> str:
    """The text a span covers, found from its offsets."""
    return text[span.start : span.end]


def P(*parts: str | int) -> ast.Path:
    return ast.Path(N, parts)


def T(value: str) -> ast.Literal:
    return ast.Literal(N, value, "text")


def Num(value: float) -> ast.Literal:
    return ast.Literal(N, value, "number")


def Bool(value: bool) -> ast.Literal:
    return ast.Literal(N, value, "bool")


def Day(year: int, month: int, day: int) -> ast.Literal:
    return ast.Literal(N, dt.date(year, month, day), "date")


def Dur(amount: float, unit: str, working: bool = False) -> ast.Literal:
    return ast.Literal(N, ast.Duration(amount, unit, working), "duration")


def And(left: ast.Expr, right: ast.Expr) -> ast.BoolOp:
    return ast.BoolOp(N, "and", left, right)


def Or(left: ast.Expr, right: ast.Expr) -> ast.BoolOp:
    return ast.BoolOp(N, "or", left, right)


def Not(operand: ast.Expr) -> ast.Not:
    return ast.Not(N, operand)


def Cmp(op: str, left: ast.Expr, right: ast.Expr) -> ast.Compare:
    return ast.Compare(N, op, left, right)


def Q(kind: str, var: str, source: ast.Expr, body: ast.Expr) -> ast.Quantified:
    return ast.Quantified(N, kind, var, source, body)


def Call(name: str, *args: ast.Expr) -> ast.Call:
    return ast.Call(N, name, args)


def Lst(*items: ast.Expr) -> ast.ListLiteral:
    return ast.ListLiteral(N, items)


# ---- expressions ------------------------------------------------------------------------------

EXPRESSIONS = [
    # literals
    ("text", '"plain words"', T("plain words")),
    ("text-with-escapes", r'"say \"hi\"\tthen\\go\n"', T('say "hi"\tthen\\go\n')),
    ("long-text-over-lines", '"""first line\n  second "quoted" line"""', T('first line\n  second "quoted" line')),
    ("whole-number", "15", Num(15)),
    ("decimal-number", "2.5", Num(2.5)),
    ("date", "2024-06-12", Day(2024, 6, 12)),
    ("datetime", "2024-06-12T09:30", ast.Literal(N, dt.datetime(2024, 6, 12, 9, 30), "datetime")),
    ("datetime-space-seconds", "2024-06-12 09:30:15",
     ast.Literal(N, dt.datetime(2024, 6, 12, 9, 30, 15), "datetime")),
    ("working-days", "15 working days", Dur(15, "day", working=True)),
    ("one-working-day", "1 working day", Dur(1, "day", working=True)),
    ("weeks", "2 weeks", Dur(2, "week")),
    ("one-day", "1 day", Dur(1, "day")),
    ("months", "6 months", Dur(6, "month")),
    ("one-year", "1 year", Dur(1, "year")),
    ("fractional-weeks", "1.5 weeks", Dur(1.5, "week")),
    ("true", "true", Bool(True)),
    ("false", "false", Bool(False)),
    # lists
    ("empty-list", "[]", Lst()),
    ("text-list", '["a", "b"]', Lst(T("a"), T("b"))),
    ("list-of-expressions", "[1, summary, 2 weeks]", Lst(Num(1), P("summary"), Dur(2, "week"))),
    # paths
    ("name", "summary", P("summary")),
    ("dotted-path", "audit.date", P("audit", "date")),
    ("indexed-path", "sections[0].judgement", P("sections", 0, "judgement")),
    ("double-index", "a.b[2][10]", P("a", "b", 2, 10)),
    # calls and counts
    ("call-without-arguments", "today()", Call("today")),
    ("call-one-argument", "words(summary)", Call("words", P("summary"))),
    ("call-two-arguments", "days_between(audit.date, 2024-01-01)",
     Call("days_between", P("audit", "date"), Day(2024, 1, 1))),
    ("nested-calls", "words(lowercase(summary))", Call("words", Call("lowercase", P("summary")))),
    ("count-of-list", "count(sections)", ast.Count(N, P("sections"))),
    ("count-of-expression", "count(audit.themes) >= 2",
     Cmp(">=", ast.Count(N, P("audit", "themes")), Num(2))),
    # quantifiers
    ("any-where", "any s in sections where s.grade is empty",
     Q("any", "s", P("sections"), ast.IsEmpty(N, P("s", "grade"), False))),
    ("all-satisfy", "all s in sections satisfy s.judgement is not empty",
     Q("all", "s", P("sections"), ast.IsEmpty(N, P("s", "judgement"), True))),
    ("no-satisfies", 'no t in plan_targets satisfies t.owner == "x"',
     Q("no", "t", P("plan_targets"), Cmp("==", P("t", "owner"), T("x")))),
    ("count-where", 'count s in sections where s.grade == "good"',
     Q("count", "s", P("sections"), Cmp("==", P("s", "grade"), T("good")))),
    ("quantifier-over-a-list-literal", 'any w in ["a", "b"] where summary contains w',
     Q("any", "w", Lst(T("a"), T("b")), ast.Contains(N, P("summary"), P("w"), "one"))),
    ("quantifier-body-is-not", "any s in sections where not s.x",
     Q("any", "s", P("sections"), Not(P("s", "x")))),
    ("quantifier-body-stops-at-and", "any s in sections where s.x and s.y",
     And(Q("any", "s", P("sections"), P("s", "x")), P("s", "y"))),
    ("quantifier-body-in-brackets", "any s in sections where (s.x or s.y)",
     Q("any", "s", P("sections"), Or(P("s", "x"), P("s", "y")))),
    ("nested-quantifiers", "any s in sections where (no a in s.actions where a.owner is empty)",
     Q("any", "s", P("sections"),
       Q("no", "a", P("s", "actions"), ast.IsEmpty(N, P("a", "owner"), False)))),
    ("count-where-takes-the-comparison", "count s in sections where s.x > 2",
     Q("count", "s", P("sections"), Cmp(">", P("s", "x"), Num(2)))),
    ("count-where-compared-in-brackets", "(count s in sections where s.x) > 2",
     Cmp(">", Q("count", "s", P("sections"), P("s", "x")), Num(2))),
    # logic and precedence
    ("or-then-and", "a or b and c", Or(P("a"), And(P("b"), P("c")))),
    ("and-then-or", "a and b or c", Or(And(P("a"), P("b")), P("c"))),
    ("and-is-left-associative", "a and b and c", And(And(P("a"), P("b")), P("c"))),
    ("or-is-left-associative", "a or b or c", Or(Or(P("a"), P("b")), P("c"))),
    ("not-binds-before-and", "not a and b", And(Not(P("a")), P("b"))),
    ("not-not", "not not a", Not(Not(P("a")))),
    ("not-of-comparison", "not a == b", Not(Cmp("==", P("a"), P("b")))),
    ("brackets-override-precedence", "(a or b) and c", And(Or(P("a"), P("b")), P("c"))),
    ("not-of-brackets", "not (a or b)", Not(Or(P("a"), P("b")))),
    # comparisons
    ("equals", "a == 1", Cmp("==", P("a"), Num(1))),
    ("not-equals", "a != 1", Cmp("!=", P("a"), Num(1))),
    ("less", "a < 1", Cmp("<", P("a"), Num(1))),
    ("less-or-equal", "a <= 1", Cmp("<=", P("a"), Num(1))),
    ("greater", "a > 1", Cmp(">", P("a"), Num(1))),
    ("greater-or-equal", "a >= 1", Cmp(">=", P("a"), Num(1))),
    ("comparison-of-sums", "a + 1 > b - 2",
     Cmp(">", ast.Arith(N, "+", P("a"), Num(1)), ast.Arith(N, "-", P("b"), Num(2)))),
    ("comparison-inside-and", "a < 1 and b >= c",
     And(Cmp("<", P("a"), Num(1)), Cmp(">=", P("b"), P("c")))),
    # membership, emptiness, patterns, phrases
    ("in-list", 'child.status in ["cp", "cla"]',
     ast.Membership(N, P("child", "status"), Lst(T("cp"), T("cla")), False)),
    ("not-in", '"x" not in audit.themes', ast.Membership(N, T("x"), P("audit", "themes"), True)),
    ("is-empty", "summary is empty", ast.IsEmpty(N, P("summary"), False)),
    ("is-not-empty", "summary is not empty", ast.IsEmpty(N, P("summary"), True)),
    ("not-is-empty", "not summary is empty", Not(ast.IsEmpty(N, P("summary"), False))),
    ("matches", r"summary matches /\bplan(ned)?\b/", ast.Matches(N, P("summary"), r"\bplan(ned)?\b")),
    ("matches-escaped-slash", r"summary matches /and\/or/", ast.Matches(N, P("summary"), "and/or")),
    ("contains", 'summary contains "plan"', ast.Contains(N, P("summary"), T("plan"), "one")),
    ("contains-any-of", 'summary contains any of ["a", "b"]',
     ast.Contains(N, P("summary"), Lst(T("a"), T("b")), "any")),
    ("contains-all-of", "summary contains all of words_list",
     ast.Contains(N, P("summary"), P("words_list"), "all")),
    ("contains-none-of", "summary contains none of words_list",
     ast.Contains(N, P("summary"), P("words_list"), "none")),
    # arithmetic
    ("date-plus-working-days", "audit.date + 15 working days",
     ast.Arith(N, "+", P("audit", "date"), Dur(15, "day", working=True))),
    ("date-minus-date", "audit.period_end - audit.period_start",
     ast.Arith(N, "-", P("audit", "period_end"), P("audit", "period_start"))),
    ("plus-minus-left-associative", "a - 1 + 2",
     ast.Arith(N, "+", ast.Arith(N, "-", P("a"), Num(1)), Num(2))),
    ("bracketed-sum", "a - (b + c)",
     ast.Arith(N, "-", P("a"), ast.Arith(N, "+", P("b"), P("c")))),
    ("sum-with-a-call", "audit.date + days(3)",
     ast.Arith(N, "+", P("audit", "date"), Call("days", Num(3)))),
]


@pytest.mark.parametrize(("source", "expected"), [c[1:] for c in EXPRESSIONS],
                         ids=[c[0] for c in EXPRESSIONS])
def test_expression_parses_to(source, expected):
    assert expr(source) == expected


def test_numbers_keep_whole_numbers_whole():
    assert type(expr("15").value) is int
    assert type(expr("2.5").value) is float
    assert type(parse_setting_value("1.0").value) is float


def test_an_expression_may_run_over_several_lines():
    text = rule_with("summary is not empty\n      and audit.id is not empty")
    node = parse(text).rules[0].assertions[0].expr
    assert node == And(ast.IsEmpty(N, P("summary"), True), ast.IsEmpty(N, P("audit", "id"), True))
    assert at(node.span) == (3, 11, 4, 32)
    assert covers(text, node.span) == "summary is not empty\n      and audit.id is not empty"


def test_expression_spans_cover_each_part():
    text = rule_with("sections[0].judgement is not empty and words(summary) >= 15")
    node = parse(text).rules[0].assertions[0].expr
    # "  require " is ten characters, so the expression starts at column 11
    assert at(node.span) == (3, 11, 3, 70)
    empty, compare = node.left, node.right
    assert at(empty.span) == (3, 11, 3, 45)
    path = empty.operand
    assert [at(s) for s in path.part_spans] == [(3, 11, 3, 19), (3, 20, 3, 21), (3, 23, 3, 32)]
    assert covers(text, path.span) == "sections[0].judgement"
    assert covers(text, compare.span) == "words(summary) >= 15"
    assert at(compare.left.span) == (3, 50, 3, 64)
    assert covers(text, compare.left.args[0].span) == "summary"
    assert at(compare.right.span) == (3, 68, 3, 70)


def test_quantifier_pattern_and_list_spans():
    text = rule_with(r'any s in sections where s.name matches /plan\/ning/ and ["a", "b"] is empty')
    node = parse(text).rules[0].assertions[0].expr
    quantified, empty = node.left, node.right
    assert isinstance(quantified, ast.Quantified)
    assert at(quantified.var_span) == (3, 15, 3, 16)
    assert covers(text, quantified.source.span) == "sections"
    assert covers(text, quantified.body.span) == r"s.name matches /plan\/ning/"
    assert covers(text, quantified.body.pattern_span) == r"/plan\/ning/"
    assert at(quantified.body.pattern_span) == (3, 50, 3, 62)
    assert covers(text, empty.operand.span) == '["a", "b"]'
    assert [covers(text, item.span) for item in empty.operand.items] == ['"a"', '"b"']


# ---- the header -------------------------------------------------------------------------------

FULL_HEADER = '''# Core checks for every form
ruleset la.core-checks   # ids may have dots and hyphens
  version "1.2.0"
  title "Core checks"
  description "Checks every form " "needs."
  reference """Working Together
to Safeguard Children"""
  applies when child.status in ["cp", "cla"]
'''


def test_header_with_every_clause():
    node = parse(FULL_HEADER)
    assert node.id == "la.core-checks"
    assert node.version == "1.2.0"
    assert node.title == "Core checks"
    assert node.description == "Checks every form needs."
    assert node.reference == "Working Together\nto Safeguard Children"
    assert node.applies == ast.Membership(N, P("child", "status"), Lst(T("cp"), T("cla")), False)
    assert at(node.applies.span) == (8, 16, 8, 45)
    assert [(name, span.line, span.column) for name, span in node.clauses] == [
        ("version", 3, 3), ("title", 4, 3), ("description", 5, 3), ("reference", 6, 3), ("applies", 8, 3),
    ]
    assert (node.span.line, node.span.column) == (2, 1)
    assert (node.terms, node.settings, node.rules) == ((), (), ())


def test_header_applies_to_all_forms():
    node = parse("ruleset t\n  applies to all forms\n")
    assert node.applies is None
    assert [(name, at(span)) for name, span in node.clauses] == [("applies", (2, 3, 2, 23))]


def test_header_defaults():
    node = parse("ruleset only.an-id")
    assert (node.id, node.version, node.title, node.description, node.reference, node.applies) == (
        "only.an-id", "0", "", "", "", None)
    assert node.clauses == ()


def test_header_text_keeps_braces_as_written():
    node = parse('ruleset t\n  title "Visits within {limit}"\n  reference "Section {{4}}"\n')
    assert node.title == "Visits within {limit}"
    assert node.reference == "Section {{4}}"


def test_comments_are_ignored_everywhere_but_inside_text():
    text = """# a comment before the header
ruleset t # after the id
# between clauses
  title "Item #3 stays"   # after text
terms t1 = [ # inside a list
  "a", # after a phrase
]
rule R "t" # after a title
  # before a clause
  require a # after an expression
  message "m"
  example pass { # inside an example
    summary: "x" # after a value
  }
# at the very end"""
    node = parse(text)
    assert node.title == "Item #3 stays"
    assert node.terms[0].phrases == ("a",)
    assert node.rules[0].assertions[0].expr == P("a")
    assert node.rules[0].examples[0].data == {"summary": "x"}


# ---- term lists and settings ------------------------------------------------------------------


def test_term_lists():
    text = 'ruleset t\nterms reason_words = ["because", "so that", "which meant",]\nterms none = []\n' \
           'terms quoted = ["say \\"no\\""]\n'
    node = parse(text)
    assert [(t.name, t.phrases) for t in node.terms] == [
        ("reason_words", ("because", "so that", "which meant")),
        ("none", ()),
        ("quoted", ('say "no"',)),
    ]
    assert at(node.terms[0].span) == (2, 1, 2, 60)
    assert at(node.terms[1].span) == (3, 1, 3, 16)


SETTINGS = [
    ("number", "15", 15, "number"),
    ("decimal", "0.75", 0.75, "number"),
    ("text", '"Team A"', "Team A", "text"),
    ("date", "2024-04-01", dt.date(2024, 4, 1), "date"),
    ("working-days", "15 working days", ast.Duration(15, "day", True), "duration"),
    ("days", "3 days", ast.Duration(3, "day", False), "duration"),
    ("weeks", "2 weeks", ast.Duration(2, "week", False), "duration"),
    ("months", "6 months", ast.Duration(6, "month", False), "duration"),
    ("year", "1 year", ast.Duration(1, "year", False), "duration"),
    ("true", "true", True, "bool"),
    ("false", "false", False, "bool"),
]


@pytest.mark.parametrize(("raw", "value", "kind"), [s[1:] for s in SETTINGS], ids=[s[0] for s in SETTINGS])
def test_setting_in_a_rule_set(raw, value, kind):
    node = parse(f"ruleset t\nsetting limit = {raw}\n")
    (setting,) = node.settings
    assert (setting.name, setting.value.value, setting.value.kind) == ("limit", value, kind)
    assert type(setting.value.value) is type(value)
    assert at(setting.span) == (2, 9, 2, 14)  # the setting's name
    assert (setting.value.span.line, setting.value.span.column) == (2, 17)


@pytest.mark.parametrize(("raw", "value", "kind"), [s[1:] for s in SETTINGS], ids=[s[0] for s in SETTINGS])
def test_parse_setting_value(raw, value, kind):
    literal = parse_setting_value(raw)
    assert (literal.value, literal.kind) == (value, kind)
    assert type(literal.value) is type(value)


def test_parse_setting_value_ignores_surrounding_space():
    assert parse_setting_value("  7 \n") == Num(7)


@pytest.mark.parametrize(("raw", "column", "message", "expected"), [
    ("abc", 1, "unexpected 'abc'",
     "one of: 'false', 'true', a date (YYYY-MM-DD), a number, quoted text"),
    ("", 1, "unexpected end of the file",
     "one of: 'false', 'true', a date (YYYY-MM-DD), a number, quoted text"),
    ("15 working", 11, "unexpected end of the file", "one of: days, weeks, months or years"),
    ("3 working weeks", 1, "only days can be working days",
     "a number of working days, like '15 working days'"),
    ("2024-02-30", 1, "'2024-02-30' is not a real date", "a date written YYYY-MM-DD"),
    ("summary", 1, "unexpected 'summary'",
     "one of: 'false', 'true', a date (YYYY-MM-DD), a number, quoted text"),
], ids=["bare-word", "nothing", "no-unit", "working-weeks", "impossible-date", "a-field-name"])
def test_parse_setting_value_errors(raw, column, message, expected):
    with pytest.raises(SyntaxProblem) as info:
        parse_setting_value(raw)
    d = info.value.diagnostic
    assert (d.file, d.line, d.column, d.message, d.expected) == ("<setting>", 1, column, message, expected)


def test_items_may_come_in_any_order():
    node = parse('ruleset t\nrule A "a"\n  require x\nsetting s = 1\nterms w = ["x"]\nrule B "b"\n'
                 '  require y\nterms v = ["y"]\nsetting r = 2\n')
    assert [r.id for r in node.rules] == ["A", "B"]
    assert [s.name for s in node.settings] == ["s", "r"]
    assert [t.name for t in node.terms] == ["w", "v"]


# ---- rules ------------------------------------------------------------------------------------

FULL_RULE = '''ruleset t

rule PLAN-001 "Each target has an owner"
  severity error
  for each target in plan_targets
  when target.text is not empty
  require target.owner is not empty
  forbid target.owner == "tbc"
  forbid target.owner == "n/a"
  require target.due is not empty
  at target.owner
  message "Target '{target.text}' has no owner: {reasons}."
  hint "Name a person or role."
  reference "Working Together 2023"
  tags planning, multi-agency, child_voice
'''


def test_rule_with_every_clause():
    (rule,) = parse(FULL_RULE).rules
    assert (rule.id, rule.title, rule.severity) == ("PLAN-001", "Each target has an owner", "error")
    assert rule.scope == ast.Scope(N, P("plan_targets"), "target")
    assert rule.when == ast.IsEmpty(N, P("target", "text"), True)
    assert [(a.kind, a.expr) for a in rule.assertions] == [
        ("require", ast.IsEmpty(N, P("target", "owner"), True)),
        ("forbid", Cmp("==", P("target", "owner"), T("tbc"))),
        ("forbid", Cmp("==", P("target", "owner"), T("n/a"))),
        ("require", ast.IsEmpty(N, P("target", "due"), True)),
    ]
    assert [a.span.line for a in rule.assertions] == [7, 8, 9, 10]
    assert rule.at == P("target", "owner")
    assert rule.message.parts == ("Target '", P("target", "text"), "' has no owner: ", P("reasons"), ".")
    assert rule.hint.parts == ("Name a person or role.",)
    assert rule.reference == "Working Together 2023"
    assert rule.tags == ("planning", "multi-agency", "child_voice")
    assert rule.examples == ()
    assert at(rule.id_span) == (3, 6, 3, 14)
    assert (rule.span.line, rule.span.column) == (3, 1)
    assert [(name, span.line) for name, span in rule.clauses] == [
        ("severity", 4), ("scope", 5), ("when", 6), ("require", 7), ("forbid", 8), ("forbid", 9),
        ("require", 10), ("at", 11), ("message", 12), ("hint", 13), ("reference", 14), ("tags", 15),
    ]
    assert at(rule.scope.span) == (5, 3, 5, 34)
    assert covers(FULL_RULE, rule.scope.path.span) == "plan_targets"


def test_rule_defaults():
    (rule,) = parse('ruleset t\nrule R "Only a title"\n').rules
    assert rule == ast.Rule(N, id="R", title="Only a title")
    assert (rule.severity, rule.scope, rule.when, rule.at, rule.message, rule.hint) == (
        "warning", None, None, None, None, None)
    assert (rule.assertions, rule.tags, rule.examples, rule.clauses, rule.reference) == ((), (), (), (), "")


def test_rule_for_a_single_field():
    (rule,) = parse('ruleset t\nrule R "t"\n  for assessment.analysis\n  require x\n').rules
    assert rule.scope == ast.Scope(N, P("assessment", "analysis"), None)


@pytest.mark.parametrize("severity", ["error", "warning", "info"])
def test_severities(severity):
    (rule,) = parse(f'ruleset t\nrule R "t"\n  severity {severity}\n').rules
    assert rule.severity == severity


@pytest.mark.parametrize("rule_id", ["COMP-001", "R", "la.plan_2", "X-1.2b", "strategy.icpc-within-15"])
def test_rule_ids(rule_id):
    (rule,) = parse(f'ruleset t\nrule {rule_id} "t"\n').rules
    assert rule.id == rule_id
    assert at(rule.id_span) == (2, 6, 2, 6 + len(rule_id))


def test_a_title_may_be_several_texts():
    (rule,) = parse('ruleset t\nrule R "Judgements " """give\nreasons"""\n').rules
    assert rule.title == "Judgements give\nreasons"


# ---- templates --------------------------------------------------------------------------------

TEMPLATE_RULE = '''ruleset t
rule R "t"
  require x
  message """The {section.name} section
    says {{only}} {count(section.actions)} things,
  not {limit}}}."""
  hint "Say why {{" "for {section.name}"
'''


def test_template_parts_placeholders_and_escaped_braces():
    (rule,) = parse(TEMPLATE_RULE).rules
    assert rule.message.parts == (
        "The ", P("section", "name"), " section\n    says {only} ",
        ast.Count(N, P("section", "actions")), " things,\n  not ", P("limit"), "}.",
    )
    assert rule.message.placeholders == (P("section", "name"), ast.Count(N, P("section", "actions")),
                                         P("limit"))
    assert rule.message.plain() == "The {…} section\n    says {only} {…} things,\n  not {…}}."
    assert rule.hint.parts == ("Say why {for ", P("section", "name"))


def test_placeholders_are_located_where_they_sit_in_the_file():
    (rule,) = parse(TEMPLATE_RULE).rules
    name, count, limit = rule.message.placeholders
    # line 4 `  message """The {section.name} section`: the placeholder starts at column 19
    assert at(name.span) == (4, 19, 4, 31)
    assert [at(s) for s in name.part_spans] == [(4, 19, 4, 26), (4, 27, 4, 31)]
    # line 5 `    says {{only}} {count(section.actions)} things,`
    assert at(count.span) == (5, 20, 5, 42)
    assert at(count.operand.span) == (5, 26, 5, 41)
    # line 6 `  not {limit}}}."""`
    assert at(limit.span) == (6, 8, 6, 13)
    for node, text in [(name, "section.name"), (count, "count(section.actions)"), (limit, "limit"),
                       (count.operand, "section.actions")]:
        assert covers(TEMPLATE_RULE, node.span) == text
    # the second of two texts: `  hint "Say why {{" "for {section.name}"`
    hint_name = rule.hint.placeholders[0]
    assert at(hint_name.span) == (7, 27, 7, 39)
    assert covers(TEMPLATE_RULE, hint_name.span) == "section.name"
    assert at(rule.message.span) == (4, 11, 6, 20)


def test_a_placeholder_may_hold_any_expression():
    # quoted text inside a placeholder needs long text around it
    (rule,) = parse('ruleset t\nrule R "t"\n  message """{words(a) + 1} {a or b} {[1, 2]} {"x"}"""\n').rules
    assert rule.message.placeholders == (
        ast.Arith(N, "+", Call("words", P("a")), Num(1)), Or(P("a"), P("b")), Lst(Num(1), Num(2)), T("x"),
    )


def test_a_lone_brace_is_kept_as_text():
    (rule,) = parse('ruleset t\nrule R "t"\n  message "a { b" "c } d"\n').rules
    assert rule.message.parts == ("a { bc } d",)


# ---- examples ---------------------------------------------------------------------------------

EXAMPLES = '''ruleset t
rule R "t"
  require x
  example pass "a named pass" { summary: "ok" }
  example fail at sections[1].judgement {
    audit: { id: "A-1", date: 2024-05-01, themes: ["neglect", "voice"] }
    sections: [
      { name: "assessment", judgement: """long
text""" },
      { name: "planning" }
    ],
    family_feedback: [{ "from": "child", text: null }]
    escalation: { poor_practice: true, senior_manager: null }
    when: 2024-05-01T10:30
    numbers: [-3, 4.5, -0.25, 0]
    flags: [true false]
    nested: [[1, 2], []]
    empty: {}
  }
'''


def test_examples_parse_to_plain_data():
    pass_example, fail_example = parse(EXAMPLES).rules[0].examples
    assert (pass_example.kind, pass_example.name, pass_example.at) == ("pass", "a named pass", None)
    assert pass_example.data == {"summary": "ok"}
    assert pass_example.describe(1) == "example 1 (pass, 'a named pass')"
    assert (fail_example.kind, fail_example.name) == ("fail", None)
    assert fail_example.at == P("sections", 1, "judgement")
    assert [at(s) for s in fail_example.at.part_spans] == [(5, 19, 5, 27), (5, 28, 5, 29), (5, 31, 5, 40)]
    assert fail_example.describe(2) == "example 2 (fail)"
    assert fail_example.data == {
        "audit": {"id": "A-1", "date": dt.date(2024, 5, 1), "themes": ["neglect", "voice"]},
        "sections": [{"name": "assessment", "judgement": "long\ntext"}, {"name": "planning"}],
        "family_feedback": [{"from": "child", "text": None}],
        "escalation": {"poor_practice": True, "senior_manager": None},
        "when": dt.datetime(2024, 5, 1, 10, 30),
        "numbers": [-3, 4.5, -0.25, 0],
        "flags": [True, False],
        "nested": [[1, 2], []],
        "empty": {},
    }
    assert [type(n) for n in fail_example.data["numbers"]] == [int, float, float, int]
    assert (fail_example.span.line, fail_example.span.column, fail_example.span.end_line) == (5, 3, 19)


def test_example_keys_and_items_are_located():
    fail_example = parse(EXAMPLES).rules[0].examples[1]
    spans = fail_example.key_spans

    def where(*loc):
        return (spans[loc].line, spans[loc].column)

    assert where("audit") == (6, 5)
    assert where("audit", "date") == (6, 25)
    assert where("audit", "themes", 1) == (6, 63)  # each item where it is written
    assert where("sections", 0) == (8, 7)
    assert where("sections", 1) == (10, 7)
    assert where("sections", 1, "name") == (10, 9)
    assert where("family_feedback", 0, "from") == (12, 25)  # a quoted key, at its opening quote
    assert where("numbers", 2) == (15, 24)
    assert where("nested", 0, 1) == (17, 18)
    assert covers(EXAMPLES, spans[("family_feedback", 0, "from")]) == '"from"'
    assert covers(EXAMPLES, spans[("numbers", 2)]) == "-0.25"
    assert covers(EXAMPLES, spans[("sections", 1)]) == '{ name: "planning" }'


def test_example_keys_may_be_clause_words_even_after_a_nested_block():
    text = ('ruleset t\nrule R "t"\n  example pass { a: { b: 1 } when: 1 audit: {} reference: [] }\n'
            '  when x\n')
    (rule,) = parse(text).rules
    assert rule.examples[0].data == {"a": {"b": 1}, "when": 1, "audit": {}, "reference": []}
    assert rule.when == P("x")


# ---- syntax errors ----------------------------------------------------------------------------

AFTER_AND = ("one of: '(', '[', 'all', 'any', 'count', 'false', 'no', 'not', 'true', a date (YYYY-MM-DD), "
             "a date and time, a name, ...")

SYNTAX_ERRORS = [
    ("bad-severity-word", 'ruleset t\nrule R "t"\n  severity fatal\n',
     3, 12, "unexpected 'fatal'", "one of: error, warning or info"),
    ("missing-closing-quote", 'ruleset t\nrule R "t\n  severity error\n',
     2, 8, "text starts here but its closing quote is missing on this line", "one of: quoted text"),
    ("missing-closing-long-quote", 'ruleset t\nrule R "t"\n  message """no end\n  to this\n',
     3, 11, 'long text starts here but its closing """ is missing', '""" after the last line of the text'),
    ("dangling-and", 'ruleset t\nrule R "t"\n  require a and\n',
     3, 16, "unexpected end of the file", AFTER_AND),
    # where a name may stand, a clause word is read as a name: the error points back at the 'and'
    ("dangling-and-before-a-clause", 'ruleset t\nrule R "t"\n  require a and\n  message "m"\n',
     3, 13, "the condition ends with 'and' and nothing after it", "a condition after 'and', or remove it"),
    ("dangling-or-before-a-rule", 'ruleset t\nrule R "t"\n  require a or\nrule S "s"\n',
     3, 13, "the condition ends with 'or' and nothing after it", "a condition after 'or', or remove it"),
    ("single-equals", 'ruleset t\nrule R "t"\n  require a = 1\n', 3, 13, "unexpected '='",
     "'==' to compare two values"),
    ("single-quotes", "ruleset t\nrule R \"t\"\n  require a == 'x'\n", 3, 16,
     "text is written in double quotes, not single quotes", '"text like this"'),
    ("contains-any-without-of", 'ruleset t\nrule R "t"\n  require a contains any fillers\n  message "m"\n',
     3, 26, "'contains any' needs 'of' before the list", "contains any of fillers"),
    ("file-ends-after-rule-id", "ruleset t\nrule R", 2, 7, "unexpected end of the file",
     "one of: quoted text"),
    ("empty-file", "", 1, 1, "unexpected end of the file", "one of: 'ruleset'"),
    ("comment-only-file", "# nothing here", 1, 15, "unexpected end of the file", "one of: 'ruleset'"),
    ("no-header", 'rule R "t"\n', 1, 1, "unexpected 'rule'", "one of: 'ruleset'"),
    ("working-weeks", 'ruleset t\nrule R "t"\n  require a < audit.date + 3 working weeks\n',
     3, 28, "only days can be working days", "a number of working days, like '15 working days'"),
    ("working-weeks-in-a-setting", "ruleset t\nsetting limit = 2 working weeks\n",
     2, 17, "only days can be working days", "a number of working days, like '15 working days'"),
    ("impossible-date", 'ruleset t\nrule R "t"\n  require audit.date > 2024-02-31\n',
     3, 24, "'2024-02-31' is not a real date", "a date written YYYY-MM-DD"),
    ("impossible-time", 'ruleset t\nrule R "t"\n  require audit.date > 2024-02-01T25:00\n',
     3, 24, "'2024-02-01T25:00' is not a real date and time", "a date and time written YYYY-MM-DDTHH:MM"),
    ("impossible-date-in-an-example", 'ruleset t\nrule R "t"\n  example pass { audit: { date: 2024-13-01 } }\n',
     3, 33, "'2024-13-01' is not a real date", "a date written YYYY-MM-DD"),
    ("impossible-date-in-a-placeholder", 'ruleset t\nrule R "t"\n  message "due {2023-02-29}"\n',
     3, 17, "'2023-02-29' is not a real date", "a date written YYYY-MM-DD"),
    ("misspelt-clause", 'ruleset t\nrule R "t"\n  serverity error\n',
     3, 3, "unexpected 'serverity'",
     "one of: 'at', 'example', 'for', 'forbid', 'hint', 'message', 'reference', 'require', 'rule', "
     "'setting', 'severity', 'tags', ..."),
    ("stray-character", 'ruleset t\nrule R "t"\n  require a $ b\n',
     3, 13, "unexpected character '$'",
     "one of: '(', ')', '+', ',', '-', '.', '[', ']', 'and', 'applies', 'at', 'contains', ..."),
    ("chained-comparison", 'ruleset t\nrule R "t"\n  require a == b == c\n',
     3, 18, "unexpected '=='",
     "one of: 'and', 'at', 'example', 'for', 'forbid', 'hint', 'message', 'or', 'reference', 'require', "
     "'rule', 'setting', ..."),
    ("negative-number-in-an-expression", 'ruleset t\nrule R "t"\n  require a > -1\n',
     3, 15, "unexpected '-1'",
     "one of: '(', '[', 'all', 'any', 'count', 'false', 'no', 'true', a date (YYYY-MM-DD), "
     "a date and time, a name, a number, ..."),
    ("index-is-not-a-number", 'ruleset t\nrule R "t"\n  require sections[i].name\n',
     3, 20, "unexpected 'i'", "one of: a whole number"),
    ("field-after-dot-is-a-number", 'ruleset t\nrule R "t"\n  require sections.0\n',
     3, 20, "unexpected '0'", "one of: a name"),
    ("count-without-closing-bracket", 'ruleset t\nrule R "t"\n  require count(sections > 1\n  message "m"\n',
     4, 3, "unexpected 'message'", "one of: ')'"),
    ("for-each-without-a-name", 'ruleset t\nrule R "t"\n  for each in sections\n',
     3, 15, "unexpected 'sections'", "one of: 'in'"),
    ("applies-to-some", "ruleset t\n  applies to some forms\n", 2, 14, "unexpected 'some'", "one of: 'all'"),
    ("unknown-example-kind", 'ruleset t\nrule R "t"\n  example maybe { }\n',
     3, 11, "unexpected 'maybe'", "one of: pass or fail"),
    ("example-key-without-colon", 'ruleset t\nrule R "t"\n  example pass { summary "x" }\n',
     3, 26, "unexpected '\"x\"'", "one of: ':'"),
    ("example-not-closed", 'ruleset t\nrule R "t"\n  example pass { summary: "x"\n',
     3, 30, "unexpected end of the file", "one of: ',', '}', a name, quoted text"),
    ("terms-without-commas", 'ruleset t\nterms w = ["a" "b"]\n', 2, 16, "unexpected '\"b\"'", "one of: ',', ']'"),
    ("setting-to-a-bare-word", "ruleset t\nsetting limit = fifteen\n", 2, 17, "unexpected 'fifteen'",
     "one of: 'false', 'true', a date (YYYY-MM-DD), a number, quoted text"),
    ("empty-pattern", 'ruleset t\nrule R "t"\n  require a matches //\n', 3, 21, "unexpected character '/'",
     "one of: a /pattern/"),
    ("tags-with-trailing-comma", 'ruleset t\nrule R "t"\n  tags a,\n  message "m"\n',
     4, 11, "unexpected '\"m\"'",
     "one of: ',', 'at', 'example', 'for', 'forbid', 'hint', 'message', 'reference', 'require', 'rule', "
     "'setting', 'severity', ..."),
    ("empty-placeholder", 'ruleset t\nrule R "t"\n  message "a {} b"\n', 3, 15, "empty placeholder {}",
     "a field path inside the braces, like {section.name}; write {{ for a brace"),
    ("placeholder-not-an-expression", 'ruleset t\nrule R "t"\n  message "a {x y} b"\n',
     3, 17, "this placeholder is not an expression: {x y}",
     "a field path, setting or function call, like {section.name}"),
]


@pytest.mark.parametrize(("text", "line", "column", "message", "expected"),
                         [c[1:] for c in SYNTAX_ERRORS], ids=[c[0] for c in SYNTAX_ERRORS])
def test_syntax_error(text, line, column, message, expected):
    d = syntax_error(text)
    assert (d.file, d.line, d.column, d.message, d.expected) == ("bad.rules", line, column, message, expected)
    lines = text.splitlines() or [""]
    assert d.source_line == lines[line - 1]


@pytest.mark.parametrize(
    ("line", "suggestion"),
    [("  mesage \"m\"", "message"), ("  severity eror", "error"), ("  requir a", "require")],
)
def test_a_misspelt_keyword_gets_a_suggestion(line, suggestion):
    d = syntax_error(f'ruleset t\nrule R "t"\n  require a is empty\n{line}\n')
    assert d.suggestion == suggestion


def test_a_syntax_problem_prints_its_diagnostic():
    with pytest.raises(SyntaxProblem) as info:
        parse_ruleset(Source("rules/bad.rules", 'ruleset t\nrule R "t"\n  severity fatal\n'))
    assert str(info.value) == (
        "rules/bad.rules:3:12: unexpected 'fatal'\n"
        "      severity fatal\n"
        "               ^~~~~\n"
        "  expected one of: error, warning or info"
    )


def test_braces_in_titles_and_references_are_plain_text():
    ruleset = parse_ruleset(Source("plain.rules", 'ruleset a.b\n  title "Checks {see section 4}"\n'
                                   'rule R-1 "Title {x y}"\n  reference "Guide {page 3}"\n'
                                   '  require summary is empty\n  message "m"\n'))
    assert ruleset.title == "Checks {see section 4}"
    assert ruleset.rules[0].title == "Title {x y}"
    assert ruleset.rules[0].reference == "Guide {page 3}"
