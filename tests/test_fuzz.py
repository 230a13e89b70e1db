"""Fuzzing: forms close to the canonical pro forma (then broken), and rule sets built from the
language's pieces (then mutated by deleting, repeating and swapping tokens and characters).
Whatever comes in, the answer is a result or a clean, located user error: never another kind of
exception.

`make test` runs a short, repeatable run (the `quick` profile); `make fuzz` a long, random one
(`AUDITRULES_FUZZ=long`).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditrules import Engine
from auditrules.dsl.formatter import format_checked
from auditrules.dsl.parser import Source, SyntaxProblem, parse_ruleset
from auditrules.engine import CheckResult
from auditrules.errors import AuditrulesError, RuleSetError
from auditrules.loader import ParsedRuleSet, RuleSetFile, check_all, compile_ruleset, resolve_settings
from auditrules.models import Location
from auditrules.readers import RawForm
from auditrules.testing import run_examples

settings.register_profile("quick", max_examples=40, deadline=None, derandomize=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("long", max_examples=3_000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("AUDITRULES_FUZZ", "quick"))

_ENGINE: Engine | None = None


def engine() -> Engine:
    """Every bundled rule set, loaded once for the whole run."""
    global _ENGINE
    if _ENGINE is None:
        _ENGINE = Engine.load()
    return _ENGINE


# ---- forms -------------------------------------------------------------------------------------

WORDS = ["visits", "completed", "effective", "because", "safer", "mother", "ongoing", "Professionals",
         "by 30/06/2025", "the child said", "=HYPERLINK(\"x\")", "DOB: 03/04/2016", "Mr Khan", "", " ",
         "\u00e9\u00e8", "\x00", "\u202e", "3", "6/10", "Grade 2", "tbc", "next review", "domestic abuse"]
text = st.one_of(st.sampled_from(WORDS), st.text(max_size=60),
                 st.lists(st.sampled_from(WORDS), max_size=12).map(" ".join))
date_text = st.one_of(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2035, 1, 1)).map(str),
                      st.sampled_from(["12/06/2024", "31/02/2024", "2024-13-01", "yesterday", "", "0"]),
                      text)
anything = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | text,
                        lambda inner: st.lists(inner, max_size=3)
                        | st.dictionaries(st.text(max_size=8), inner, max_size=3), max_leaves=8)


def _block(fields: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries({}, optional=fields)


form = st.fixed_dictionaries({}, optional={
    "audit": _block({"id": st.one_of(text, st.integers()), "date": date_text,
                     "type": st.sampled_from(["practice_day", "thematic", "spot check", "x"]),
                     "themes": st.lists(st.sampled_from(["domestic_abuse", "Domestic abuse",
                                                         "strategy_discussion", "other"]), max_size=3),
                     "period_start": date_text, "period_end": date_text,
                     "auditors": st.lists(text, max_size=3), "team": text, "practitioner": text}),
    "child": _block({"ref": text, "status": st.sampled_from(["cp", "cin", "Child protection",
                                                             "Looked after", "care_leaver", "x"])}),
    "summary": text,
    "sections": st.lists(_block({"name": st.sampled_from(["assessment", "planning", "child_voice",
                                                          "impact", "other"]),
                                 "evidence": text, "judgement": text,
                                 "grade": st.sampled_from(["good", "Requires Improvement", "3", ""]),
                                 "strengths": text, "development": text}), max_size=4),
    "assessment": _block({"analysis": text, "conclusion": text,
                          "actions": st.lists(_block({"text": text, "owner": text, "due": date_text}),
                                              max_size=3)}),
    "plan_targets": st.lists(_block({"text": text, "owner": text, "due": date_text, "measure": text,
                                     "how_child_safer": text, "why_change_explained": text}), max_size=3),
    "family_feedback": st.lists(_block({"from": st.sampled_from(["child", "parent", "x"]), "text": text}),
                                max_size=2),
    "overall_judgement": text, "impact_on_child": text,
    "recommendations": st.lists(_block({"action": text, "owner": text, "due": date_text,
                                        "status": st.sampled_from(["open", "complete", "overdue", "?"]),
                                        "completed_on": date_text, "completion_evidence": text}),
                                max_size=3),
    "escalation": _block({"poor_practice": st.one_of(st.booleans(), text), "senior_manager": text,
                          "notified_on": date_text, "timescale": text}),
    "qa": _block({"manager": text, "date": date_text, "outcome": st.sampled_from(["agreed", "x"]),
                  "comments": text}),
})


@st.composite
def broken_form(draw: st.DrawFn) -> Any:
    """A form with one part replaced by anything at all, or an unknown field added."""
    data = draw(form)
    how = draw(st.sampled_from(["replace", "unknown", "whole"]))
    if how == "whole":
        return draw(anything)
    key = draw(st.sampled_from(["audit", "child", "sections", "plan_targets", "summary",
                                "recommendations", "escalation", "qa", "judgment", "x"]))
    data[key] = draw(anything)
    return data


def _clean(result: CheckResult) -> None:
    for error in result.errors:
        assert isinstance(error.message, str) and error.message
        assert error.location is not None
    for finding in result.findings:
        assert finding.message and finding.location.path is not None


@given(st.one_of(form, broken_form()))
def test_any_form_gives_findings_or_located_errors(data):
    # As data read from a file (a bare text given to check() would be a file name).
    _clean(engine().check([RawForm(data, Location(file="fuzz.json"))]))


@given(st.lists(st.one_of(form, broken_form()), min_size=1, max_size=3),
       st.sampled_from(["json", "yaml"]))
def test_any_file_of_forms_gives_findings_or_located_errors(forms, kind):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"forms.{kind}"
        try:
            body = (json.dumps(forms, allow_nan=True) if kind == "json"
                    else yaml.safe_dump(forms, allow_unicode=True))
        except (ValueError, yaml.YAMLError):
            return  # not writable as that kind of file: nothing to read
        path.write_text(body, encoding="utf-8")
        try:
            result = engine().check([path])
        except AuditrulesError:
            return
        _clean(result)
        assert all(e.location.file == str(path) for e in result.errors)


HEADERS = ["audit.id", "audit.date", "child.status", "audit.auditors", "overall_judgement", "summary",
           "sections.assessment.judgement", "sections.planning.grade", "plan_targets.1.text",
           "plan_targets.1.due", "recommendations.1.owner", "audit.id", "Colour of the folder", ""]


@given(st.lists(st.sampled_from(HEADERS), min_size=1, max_size=6),
       st.lists(st.lists(st.one_of(text, date_text), max_size=7), max_size=5),
       st.sampled_from([",", ";", "\t"]))
def test_any_csv_return_gives_findings_or_a_plain_error(headers, rows, separator):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "return.csv"
        lines = [separator.join(headers)] + [separator.join(json.dumps(c) for c in row) for row in rows]
        path.write_bytes("\n".join(lines).encode("utf-8", errors="surrogatepass"))
        try:
            result = engine().check([path])
        except AuditrulesError as exc:
            assert str(exc).startswith(str(path)), exc
            return
        _clean(result)


# ---- rule sets -----------------------------------------------------------------------------------

TEXT_FIELDS = ["summary", "overall_judgement", "impact_on_child", "assessment.analysis"]
CONDITIONS = [
    "{f} is empty", "{f} is not empty", '{f} contains "visits"', "{f} matches /vis(it|its)?/",
    '{f} contains any of words_list', "words({f}) >= 5", "evaluative({f})",
    'child.status in ["cp", "cin"]', "audit.date < 2024-06-01", "count(plan_targets) >= 1",
    "audit.date + limit > audit.period_end", 'any t in plan_targets where t.owner is empty',
    "escalation.poor_practice == true", '"domestic_abuse" in audit.themes',
]
ITEM_CONDITIONS = ["target.owner is empty", "has_timescale(target.due, target.text)",
                   'target.text contains "weekly"', "target.due < 2025-01-01"]


@st.composite
def condition(draw: st.DrawFn, item: bool) -> str:
    pool = CONDITIONS + (ITEM_CONDITIONS if item else [])
    parts = [draw(st.sampled_from(pool)).format(f=draw(st.sampled_from(TEXT_FIELDS)))
             for _ in range(draw(st.integers(1, 3)))]
    joined = parts[0]
    for part in parts[1:]:
        joined = f"{joined} {draw(st.sampled_from(['and', 'or']))} {draw(st.sampled_from(['', 'not ']))}({part})"
    return joined


@st.composite
def rule(draw: st.DrawFn, number: int) -> str:
    item = draw(st.booleans())
    lines = [f'rule FUZZ-{number:03d} "Rule {number}"',
             f"  severity {draw(st.sampled_from(['error', 'warning', 'info']))}"]
    if item:
        lines.append("  for each target in plan_targets")
    if draw(st.booleans()):
        lines.append(f"  when {draw(condition(item))}")
    lines.append(f"  {draw(st.sampled_from(['require', 'forbid']))} {draw(condition(item))}")
    field = "target.text" if item else draw(st.sampled_from(TEXT_FIELDS))
    lines.append(f'  message "{{{field}}} falls short: {{reasons}}."')
    lines.append('  hint "Say what good looks like."')
    if draw(st.booleans()):
        lines.append(f'  example {draw(st.sampled_from(["pass", "fail"]))} '
                     '{ summary: "visits were completed", plan_targets: [{ text: "Attend weekly" }] }')
    return "\n".join(lines)


APPLIES = ["to all forms", 'when child.status in ["cp"]']


@st.composite
def ruleset_source(draw: st.DrawFn) -> str:
    applies = draw(st.sampled_from(APPLIES))
    head = ['# A generated rule set', 'ruleset fuzz.rules', '  version "1.0.0"', '  title "Generated"',
            f"  applies {applies}", "",
            'terms words_list = ["visits", "held", "completed"]',
            f"setting limit = {draw(st.integers(1, 30))} working days", ""]
    rules = [draw(rule(n)) for n in range(1, draw(st.integers(1, 3)) + 1)]
    return "\n".join(head) + "\n" + "\n\n".join(rules) + "\n"


TOKEN = re.compile(r"\s+|\w+|[^\w\s]")
NOISE = [*'{}[]()/\\#:,."=<>!*|', "\x00", "\u00e9", "\t", "\n", "rule", "for each", "and"]


@st.composite
def mutated_source(draw: st.DrawFn) -> str:
    source = draw(ruleset_source())
    tokens = TOKEN.findall(source)
    for _ in range(draw(st.integers(1, 4))):
        if not tokens:
            break
        at = draw(st.integers(0, len(tokens) - 1))
        how = draw(st.sampled_from(["delete", "repeat", "swap", "char-delete", "char-insert"]))
        if how == "delete":
            del tokens[at]
        elif how == "repeat":
            tokens.insert(at, tokens[at])
        elif how == "swap":
            other = draw(st.integers(0, len(tokens) - 1))
            tokens[at], tokens[other] = tokens[other], tokens[at]
        else:
            word = tokens[at]
            spot = draw(st.integers(0, len(word)))
            tokens[at] = (word[:spot] + word[spot + 1:] if how == "char-delete"
                          else word[:spot] + draw(st.sampled_from(NOISE)) + word[spot:])
    return "".join(tokens)


SAMPLE_FORMS = [
    {"audit": {"id": "A-1", "date": "2024-06-12", "themes": ["domestic_abuse"]}, "child": {"status": "cp"},
     "summary": "Visits were completed.", "plan_targets": [{"text": "Engage", "owner": "Professionals"}]},
    {"audit": {"id": "A-2"}},
]


def _load_text(text: str) -> Engine | None:
    """The rule set in `text` loaded as a file would be, or None after a clean, located error."""
    host = engine().host
    source = Source("fuzz.rules", text)
    try:
        node = parse_ruleset(source)
    except SyntaxProblem as exc:
        assert exc.diagnostic.line >= 1 and exc.diagnostic.column >= 1 and exc.diagnostic.message
        return None
    parsed = [ParsedRuleSet(RuleSetFile(Path("fuzz.rules")), source, node)]
    problems = check_all(parsed, engine().schema, host.functions)
    if problems:
        error = RuleSetError(problems)
        assert all(d.file == "fuzz.rules" and d.line >= 1 and d.column >= 1 for d in error.diagnostics)
        return None
    try:
        resolved = resolve_settings(parsed, {})
    except AuditrulesError:
        return None
    compiled = [compile_ruleset(item, host.functions, resolved[item.node.id]) for item in parsed]
    return Engine(compiled, engine().schema, host)


def _exercise(text: str) -> None:
    loaded = _load_text(text)
    try:
        formatted = format_checked(Source("fuzz.rules", text))
    except SyntaxProblem:
        formatted = None
    except RecursionError:
        formatted = None
    if loaded is None:
        return
    assert formatted is not None
    _clean(loaded.check(SAMPLE_FORMS))
    list(run_examples(loaded, list(loaded.all_rules())))


@given(ruleset_source())
def test_generated_rule_sets_load_check_format_and_test(text):
    assert _load_text(text) is not None, text
    _exercise(text)


@given(mutated_source())
def test_mutated_rule_sets_load_or_give_a_located_error(text):
    _exercise(text)
