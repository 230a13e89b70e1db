"""Run the examples written in rule sets: a failing example must produce its rule's finding at
the place it says; a passing example must produce none."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .dsl import ast
from .dsl.compiler import RuleRuntimeError
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


def _run(engine: Engine, rule: CompiledRule, example: ast.Example, index: int) -> ExampleResult:
    form = engine.schema.validate(example.data)
    context = FormContext(form.audit.id, Location(file=rule.source))
    try:
        findings = engine.check_form(form, context, rules=[rule])
    except RuleRuntimeError as exc:
        return ExampleResult(rule, example, index, False, f"the rule could not run: {exc}")
    places = [f.location.path or "(the form)" for f in findings]
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
