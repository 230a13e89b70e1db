"""Run the examples written in rule sets: a failing example must produce its rule's finding at
the place it says; a passing example must produce none."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .dsl import ast
from .dsl.compiler import RuleRuntimeError, truthy
from .engine import Engine
from .models import Location
from .rules import CompiledRule, FormContext


@dataclass(frozen=True)
class ExampleResult:
    rule: CompiledRule
    example: ast.Example
    index: int
    ok: bool
    detail: str

    @property
    def where(self) -> str:
        return f"{self.rule.source}:{self.example.span.line}:{self.example.span.column}"

    @property
    def label(self) -> str:
        return f"{self.rule.id} {self.example.describe(self.index)}"


def select_rules(engine: Engine, paths: Iterable[Path] = ()) -> list[CompiledRule]:
    """The rules from rule-set files at `paths` (all loaded rules when none are given)."""
    wanted = [p.resolve() for p in paths]
    rules = []
    for rule in engine.all_rules():
        source = Path(rule.source).resolve()
        if not wanted or any(source == p or p in source.parents for p in wanted):
            rules.append(rule)
    return rules


def run_examples(engine: Engine, rules: Iterable[CompiledRule]) -> Iterator[ExampleResult]:
    for rule in rules:
        for index, example in enumerate(rule.node.examples, start=1):
            yield _run(engine, rule, example, index)


@contextmanager
def _checked_as_of(rule: CompiledRule, example: ast.Example) -> Iterator[None]:
    """Run the example as of the date it names (`example pass as of 2025-06-02 {...}`)."""
    holder = rule.ruleset.as_of
    before = holder.date
    if example.as_of is not None:
        holder.date = example.as_of
    try:
        yield
    finally:
        holder.date = before


def _run(engine: Engine, rule: CompiledRule, example: ast.Example, index: int) -> ExampleResult:
    form = engine.schema.validate(example.data)
    context = FormContext(form.audit.id, Location(file=rule.source))
    try:
        with _checked_as_of(rule, example):
            findings = engine.check_form(form, context, rules=[rule])
    except RuleRuntimeError as exc:
        return ExampleResult(rule, example, index, False, f"the rule could not run: {exc}")
    places = [f.location.path or "(the form)" for f in findings]
    with _checked_as_of(rule, example):
        applies = rule.ruleset.applies_to(form.model_dump(by_alias=True))
    if example.kind == "pass":
        if findings:
            return ExampleResult(rule, example, index, False,
                                 f"expected no finding, but the rule found one at {places[0]}: "
                                 f"{findings[0].message}")
        return ExampleResult(rule, example, index, True, "no finding, as expected")
    if not findings:
        why = "" if applies else (
            " (the rule set does not apply to this example: its 'applies when' is false)")
        return ExampleResult(rule, example, index, False,
                             "expected a finding" + (f" at {example.at}" if example.at else "")
                             + f", but the rule found nothing{why}")
    if example.at is not None and str(example.at) not in places:
        return ExampleResult(rule, example, index, False,
                             f"expected a finding at {example.at}, but the rule found one at "
                             + ", ".join(places))
    return ExampleResult(rule, example, index, True, f"found at {places[0]}, as expected")


def reaches_assertions(engine: Engine, rule: CompiledRule, example: ast.Example) -> bool:
    """Whether checking the example gets as far as the rule's require or forbid: its rule set
    applies, there is an item to check, and the rule's `when` holds for one of them."""
    with _checked_as_of(rule, example):
        return _reaches(engine, rule, example)


def _reaches(engine: Engine, rule: CompiledRule, example: ast.Example) -> bool:
    data = engine.schema.validate(example.data).model_dump(by_alias=True)
    if not rule.ruleset.applies_to(data):
        return False
    scope = rule.node.scope
    names: list[dict[str, Any]] = [{}]
    if scope is not None and scope.var is not None:
        items = rule.scope_items(data, {}) if rule.scope_items else None
        names = [{scope.var: item} for item in items] if isinstance(items, list) else []
    try:
        return any(rule.when is None or truthy(rule.when(data, each)) for each in names)
    except RuleRuntimeError:
        return True  # the example run reports the failure itself


def untested_passes(engine: Engine, rules: Iterable[CompiledRule]) -> Iterator[ExampleResult]:
    """Passing examples that test nothing, for rules none of whose passing examples reach a
    require or forbid. (A passing example that shows the `when` leaving a form alone is worth
    having, beside one that shows the rule passing a form it does check.)"""
    for rule in rules:
        passes = [(index, example) for index, example in enumerate(rule.node.examples, start=1)
                  if example.kind == "pass"]
        reached = [reaches_assertions(engine, rule, example) for _, example in passes]
        if passes and not any(reached):
            for index, example in passes:
                yield ExampleResult(rule, example, index, False,
                                    "the rule's require and forbid are never reached: "
                                    + _why_unreached(engine, rule, example))


def _why_unreached(engine: Engine, rule: CompiledRule, example: ast.Example) -> str:
    data = engine.schema.validate(example.data).model_dump(by_alias=True)
    if not rule.ruleset.applies_to(data):
        return "the rule set's 'applies when' is false for it"
    scope = rule.node.scope
    if scope is not None and scope.var is not None:
        items = rule.scope_items(data, {}) if rule.scope_items else None
        if not items:
            return f"it has no item in {scope.path} to check"
    return "the rule's 'when' never holds for it"


@dataclass(frozen=True)
class RuleCoverage:
    """Whether a rule is covered: a passing and a failing example that both behave as declared."""

    rule: CompiledRule
    passing: bool
    failing: bool

    @property
    def covered(self) -> bool:
        return self.passing and self.failing

    @property
    def missing(self) -> str:
        wanted = [kind for kind, ok in (("passing", self.passing), ("failing", self.failing)) if not ok]
        return " and ".join(wanted) + " example" + ("s" if len(wanted) > 1 else "") + \
            " that behave" + ("" if len(wanted) > 1 else "s") + " as declared"


def coverage(rules: Iterable[CompiledRule], results: Iterable[ExampleResult]) -> list[RuleCoverage]:
    """Each rule's coverage by the example results, in rule order."""
    ok_kinds: dict[int, set[str]] = {}
    for result in results:
        if result.ok:
            ok_kinds.setdefault(id(result.rule), set()).add(result.example.kind)
    return [RuleCoverage(rule, "pass" in ok_kinds.get(id(rule), set()),
                         "fail" in ok_kinds.get(id(rule), set())) for rule in rules]
