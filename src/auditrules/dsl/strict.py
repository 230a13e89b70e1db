"""Strict checks (`auditrules validate --strict`): rule sets that load but are not yet good work.

Unused term lists and settings, rules with no hint or no reference, placeholders that can only
ever show nothing, and rules that can never fire. Each is a warning located like an error.
Examples that test nothing need the compiled rules and live in `testing.py`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, fields, is_dataclass

import re2

from ..errors import Diagnostic
from ..functions import FunctionSpec
from ..schema import FormSchema
from . import ast
from . import types as t
from .checker import Checker, pattern_options
from .source import Source

KINDS: dict[str, str] = {
    "unused-terms": "Unused term list",
    "unused-setting": "Unused setting",
    "no-hint": "Rule with no hint",
    "no-reference": "Rule with no reference",
    "empty-placeholder": "Placeholder that names nothing",
    "never-fires": "Rule that can never fire",
    "example-tests-nothing": "Example that tests nothing",
}
"""Each kind of strict warning, with a one-line description (SARIF rule metadata)."""


@dataclass(frozen=True)
class StrictWarning:
    kind: str
    diagnostic: Diagnostic


EMPTY = "\0empty"
"""Stands for a missing or blank value in the sets of values a field may hold."""


@dataclass(frozen=True)
class Domain:
    """The values a field may hold where a condition is true: `allowed` (None: any) less `excluded`."""

    allowed: frozenset[str] | None = None
    excluded: frozenset[str] = frozenset()

    def both(self, other: Domain) -> Domain:
        if self.allowed is None:
            allowed = other.allowed
        elif other.allowed is None:
            allowed = self.allowed
        else:
            allowed = self.allowed & other.allowed
        return Domain(allowed, self.excluded | other.excluded)

    def either(self, other: Domain) -> Domain:
        if self.allowed is not None and other.allowed is not None:
            return Domain((self.allowed - self.excluded) | (other.allowed - other.excluded))
        if self.allowed is None and other.allowed is None:
            return Domain(None, self.excluded & other.excluded)
        open_, closed = (self, other) if self.allowed is None else (other, self)
        assert closed.allowed is not None
        return Domain(None, open_.excluded - (closed.allowed - closed.excluded))

    def values(self) -> frozenset[str] | None:
        return None if self.allowed is None else self.allowed - self.excluded


Facts = dict[str, Domain] | None
"""What must be true of fields where a condition holds; None when it can never hold."""


def _word(value: object) -> str:
    return str(value).strip().lower().replace(" ", "_")


def check_strict(source: Source, ruleset: ast.RuleSet, schema: FormSchema,
                 functions: Mapping[str, FunctionSpec]) -> list[StrictWarning]:
    """Every strict warning for one parsed rule set that has passed the static checks."""
    return _Strict(source, ruleset, Checker(source, schema, functions)).run()


class _Strict:
    def __init__(self, source: Source, ruleset: ast.RuleSet, checker: Checker):
        self.source = source
        self.ruleset = ruleset
        self.checker = checker
        self.warnings: list[StrictWarning] = []
        # Load the rule set's names into the checker, so types of its expressions can be read.
        checker.check(ruleset)
        self.types: dict[str, t.Type] = {}

    def warn(self, kind: str, span: ast.Span, message: str, expected: str = "") -> None:
        self.warnings.append(StrictWarning(kind, self.source.diagnostic(span, message,
                                                                         expected=expected)))

    def run(self) -> list[StrictWarning]:
        self._unused()
        self._plain_text_braces()
        for rule in self.ruleset.rules:
            self._rule(rule)
        return sorted(self.warnings, key=lambda w: w.diagnostic.sort_key())

    # -- names --------------------------------------------------------------------------------
    def _unused(self) -> None:
        used = {path.root for path in _paths(self.ruleset)}
        for terms in self.ruleset.terms:
            if terms.name not in used:
                self.warn("unused-terms", terms.span, f"term list '{terms.name}' is not used by any rule",
                          expected="a rule that uses it (contains any of ...), or remove it")
        for setting in self.ruleset.settings:
            if setting.name not in used:
                self.warn("unused-setting", setting.span, f"setting '{setting.name}' is not used by any rule",
                          expected="a rule that uses it, or remove it")

    def _plain_text_braces(self) -> None:
        spans = dict(self.ruleset.clauses)
        for clause in ("title", "description", "reference"):
            text = getattr(self.ruleset, clause)
            for match in re.finditer(r"\{[^{}]*\}", text):
                self.warn("empty-placeholder", spans.get(clause, self.ruleset.span),
                          f"'{match.group(0)}' in the rule set's {clause} is printed as written: "
                          "only messages and hints fill in placeholders")
        for rule in self.ruleset.rules:
            for clause, text in (("title", rule.title), ("reference", rule.reference)):
                for match in re.finditer(r"\{[^{}]*\}", text):
                    self.warn("empty-placeholder", rule.id_span,
                              f"'{match.group(0)}' in rule {rule.id}'s {clause} is printed as written: "
                              "only messages and hints fill in placeholders")

    # -- rules --------------------------------------------------------------------------------
    def _rule(self, rule: ast.Rule) -> None:
        if rule.hint is None:
            self.warn("no-hint", rule.id_span, f"rule {rule.id} has no hint",
                      expected='hint "what good looks like"')
        if not rule.reference and not self.ruleset.reference:
            self.warn("no-reference", rule.id_span,
                      f"rule {rule.id} has no reference, and its rule set has none to inherit",
                      expected='reference "the practice standard behind the rule"')
        scope = self._scope(rule)
        guard = self._facts_all([e for e in (self.ruleset.applies, rule.when) if e is not None], scope)
        if guard is None:
            span = rule.when.span if rule.when is not None else rule.id_span
            where = "its 'when'" if rule.when is not None else "the rule set's 'applies when'"
            if rule.when is not None and self.ruleset.applies is not None and (
                    self._facts_all([rule.when], scope) is not None):
                where = "its 'when' together with the rule set's 'applies when'"
            self.warn("never-fires", span, f"rule {rule.id} can never fire: {where} can never hold",
                      expected="a condition some form can meet")
            return
        fires = self._fires(rule, scope, guard)
        if fires is None:
            self.warn("never-fires", rule.id_span,
                      f"rule {rule.id} can never fire: none of its 'forbid' conditions can ever hold",
                      expected="a condition some form can meet")
            return
        for template in (rule.message, rule.hint):
            if template is None:
                continue
            for placeholder in template.placeholders:
                if not isinstance(placeholder, ast.Path):
                    continue
                domain = fires.get(str(placeholder))
                if domain is not None and domain.values() == frozenset({EMPTY}):
                    self.warn("empty-placeholder", placeholder.span,
                              f"{{{placeholder}}} names nothing: '{placeholder}' is always empty "
                              f"when rule {rule.id} fires",
                              expected="a field that holds something when the rule fires, or {reasons}")

    def _scope(self, rule: ast.Rule) -> dict[str, t.Type]:
        if rule.scope is None or rule.scope.var is None:
            return {}
        source = self.checker.infer(rule.scope.path, {})
        return {rule.scope.var: source.item if isinstance(source, t.ListType) else t.ANY}

    def _fires(self, rule: ast.Rule, scope: dict[str, t.Type], guard: dict[str, Domain]) -> Facts:
        """What is true where the rule fires: the guard, and some require failing or forbid holding."""
        result: Facts = None
        for assertion in rule.assertions:
            expr = assertion.expr if assertion.kind == "forbid" else ast.Not(assertion.expr.span,
                                                                             assertion.expr)
            facts = self._settle(_and(guard, self._facts(expr, scope)), scope)
            result = facts if result is None else (_or(result, facts) if facts is not None else result)
        return result

    # -- what a condition implies -------------------------------------------------------------
    def _facts_all(self, exprs: list[ast.Expr], scope: dict[str, t.Type]) -> Facts:
        facts: Facts = {}
        for expr in exprs:
            facts = _and(facts, self._facts(expr, scope))
        return self._settle(facts, scope)

    def _settle(self, facts: Facts, scope: dict[str, t.Type]) -> Facts:
        """None when some field would have to hold a value it never can."""
        if facts is None:
            return None
        for key, domain in facts.items():
            choices = self._choices(key, scope)
            if choices is not None:
                domain = domain.both(Domain(choices | {EMPTY}))
            values = domain.values()
            if values is not None and not values:
                return None
        return facts

    def _choices(self, key: str, scope: dict[str, t.Type]) -> frozenset[str] | None:
        kind = self.checker.infer(_path_of(key), scope)
        if isinstance(kind, t.TextType) and kind.choices:
            return frozenset(_word(c) for c in kind.choices)
        if kind == t.BOOL:
            return frozenset({"true", "false"})
        return None

    def _facts(self, expr: ast.Expr, scope: dict[str, t.Type]) -> Facts:
        if isinstance(expr, ast.Literal) and expr.kind == "bool":
            return {} if expr.value else None
        if isinstance(expr, ast.BoolOp):
            left, right = self._facts(expr.left, scope), self._facts(expr.right, scope)
            return _and(left, right) if expr.op == "and" else _or(left, right)
        if isinstance(expr, ast.Not):
            return self._negated(expr.operand, scope)
        if isinstance(expr, ast.Compare):
            return self._compare(expr)
        if isinstance(expr, ast.Membership):
            return self._membership(expr)
        if isinstance(expr, ast.IsEmpty) and isinstance(expr.operand, ast.Path):
            empty = Domain(frozenset({EMPTY}))
            return {str(expr.operand): Domain(None, frozenset({EMPTY})) if expr.negated else empty}
        if isinstance(expr, ast.Matches) and isinstance(expr.operand, ast.Path):
            choices = self._choices(str(expr.operand), scope)
            if choices is not None:
                pattern = re2.compile(expr.pattern, pattern_options())
                words = [c for c in choices if pattern.search(c) or pattern.search(c.replace("_", " "))]
                return {str(expr.operand): Domain(frozenset(words))}
        if isinstance(expr, ast.Contains) and expr.mode in ("any", "all") and _empty_list(expr.needle):
            return None
        if isinstance(expr, ast.Quantified) and expr.kind == "any" and _empty_list(expr.source):
            return None
        return {}

    def _negated(self, expr: ast.Expr, scope: dict[str, t.Type]) -> Facts:
        if isinstance(expr, ast.Not):
            return self._facts(expr.operand, scope)
        if isinstance(expr, ast.IsEmpty):
            return self._facts(ast.IsEmpty(expr.span, expr.operand, not expr.negated), scope)
        if isinstance(expr, ast.Membership):
            return self._facts(ast.Membership(expr.span, expr.item, expr.container, not expr.negated),
                               scope)
        if isinstance(expr, ast.Compare) and expr.op in ("==", "!="):
            op = "!=" if expr.op == "==" else "=="
            return self._facts(ast.Compare(expr.span, op, expr.left, expr.right), scope)
        if isinstance(expr, ast.BoolOp):
            # not (a and b) == not a or not b; not (a or b) == not a and not b.
            left, right = self._negated(expr.left, scope), self._negated(expr.right, scope)
            return _or(left, right) if expr.op == "and" else _and(left, right)
        if isinstance(expr, ast.Literal) and expr.kind == "bool":
            return None if expr.value else {}
        return {}

    def _compare(self, expr: ast.Compare) -> Facts:
        path, literal = _path_and_literal(expr.left, expr.right)
        if path is not None and literal is not None and expr.op in ("==", "!="):
            word = frozenset({_word(literal.value)})
            return {str(path): Domain(word) if expr.op == "==" else Domain(None, word)}
        count, number = (expr.left, expr.right)
        if isinstance(count, ast.Count | ast.Quantified) and isinstance(number, ast.Literal) \
                and number.kind == "number" and (not isinstance(count, ast.Quantified)
                                                 or count.kind == "count"):
            value = number.value
            never = {"<": value <= 0, "<=": value < 0, "==": value < 0 or value != int(value)}
            if never.get(expr.op, False):
                return None
        return {}

    def _membership(self, expr: ast.Membership) -> Facts:
        if _empty_list(expr.container):
            return {} if expr.negated else None
        if isinstance(expr.item, ast.Path) and isinstance(expr.container, ast.ListLiteral) and all(
                isinstance(i, ast.Literal) for i in expr.container.items):
            words = frozenset(_word(i.value) for i in expr.container.items if isinstance(i, ast.Literal))
            return {str(expr.item): Domain(None, words) if expr.negated else Domain(words)}
        return {}


def _and(left: Facts, right: Facts) -> Facts:
    if left is None or right is None:
        return None
    merged = dict(left)
    for key, domain in right.items():
        merged[key] = merged[key].both(domain) if key in merged else domain
    for domain in merged.values():
        values = domain.values()
        if values is not None and not values:
            return None
    return merged


def _or(left: Facts, right: Facts) -> Facts:
    if left is None:
        return right
    if right is None:
        return left
    return {key: left[key].either(right[key]) for key in left.keys() & right.keys()}


def _path_and_literal(left: ast.Expr, right: ast.Expr) -> tuple[ast.Path | None, ast.Literal | None]:
    if isinstance(left, ast.Path) and isinstance(right, ast.Literal):
        return left, right
    if isinstance(right, ast.Path) and isinstance(left, ast.Literal):
        return right, left
    return None, None


def _empty_list(expr: ast.Expr) -> bool:
    return isinstance(expr, ast.ListLiteral) and not expr.items


def _path_of(key: str) -> ast.Path:
    parts: list[str | int] = []
    for piece in key.replace("[", ".[").split("."):
        if piece:
            parts.append(int(piece[1:-1]) if piece.startswith("[") else piece)
    return ast.Path(ast.NOWHERE, tuple(parts), tuple(ast.NOWHERE for _ in parts))


def _paths(node: object) -> Iterator[ast.Path]:
    """Every path written in a rule set's conditions, scopes, `at` clauses and placeholders."""
    if isinstance(node, ast.Path):
        yield node
        return
    if isinstance(node, ast.Example):
        return
    if isinstance(node, tuple):
        for item in node:
            yield from _paths(item)
        return
    if is_dataclass(node) and not isinstance(node, type):
        for item in fields(node):
            yield from _paths(getattr(node, item.name))
