"""Compile checked rule sets to plain Python closures: compiled once, run over many forms.

Each expression becomes `fn(form, names) -> value`, where `form` is the form as plain data and
`names` holds the items bound by `for each` and quantifiers. A missing value is None: it is
empty, equal to nothing, and makes comparisons false.

When an assertion fails, `explain` walks the same expression again to say which parts decided
the result (the words found, the field left empty, the date that was too late).
"""

from __future__ import annotations

import datetime as dt
import operator
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import re2

from ..functions import FunctionSpec, Outcome
from ..functions.dates import AsOf, as_date, shift
from . import ast
from .checker import pattern_options

Value = Any
AS_OF = "as_of"
"""The built-in name of the date a check is made as of."""
Fn = Callable[[Mapping[str, Any], Mapping[str, Any]], Value]


class RuleRuntimeError(Exception):
    """A function raised while a rule was being checked; reported against the form."""


@dataclass(frozen=True)
class Explanation:
    reasons: tuple[str, ...]
    evidence: tuple[str, ...]


# ---- value helpers ----------------------------------------------------------------------------


def is_empty(value: Value) -> bool:
    """Blank text, an empty list, or a block of the form with nothing filled in."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, dict):
        return all(is_empty(item) for item in value.values())
    if isinstance(value, list | tuple | set):
        return len(value) == 0
    return False


def truthy(value: Value) -> bool:
    if isinstance(value, str):
        return bool(value.strip())
    return bool(value)


def _norm(value: Value) -> Value:
    if isinstance(value, str):
        return " ".join(value.split()).casefold()
    return value


def _pair(left: Value, right: Value) -> tuple[Value, Value]:
    if isinstance(left, dt.datetime) != isinstance(right, dt.datetime) and isinstance(
        left, dt.date) and isinstance(right, dt.date):
        return as_date(left), as_date(right)
    return _norm(left), _norm(right)


def _equal(left: Value, right: Value) -> bool:
    if left is None or right is None:
        return left is None and right is None
    a, b = _pair(left, right)
    return bool(a == b)


_ORDER: dict[str, Callable[[Any, Any], bool]] = {
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
}


def _compare(op: str, left: Value, right: Value) -> bool:
    if op == "==":
        return _equal(left, right)
    if op == "!=":
        return not _equal(left, right)
    if left is None or right is None:
        return False
    a, b = _pair(left, right)
    try:
        return _ORDER[op](a, b)
    except TypeError:
        return False


def _member(item: Value, container: Value) -> bool:
    if item is None or container is None:
        return False
    if isinstance(container, str):
        return isinstance(item, str) and _norm(item) in _norm(container)
    return any(_equal(item, candidate) for candidate in container)


def _date_side(value: Value) -> Value:
    """A value as `_pair` leaves it when the other side is a date (not a date and time)."""
    return as_date(value) if isinstance(value, dt.datetime) else _norm(value)


_OPERATORS: dict[str, Callable[[Any, Any], Any]] = {
    "<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge,
}


def _compare_with(op: str, left: Fn, constant: Value) -> Fn | None:
    """`left OP constant`, the same as `_compare` but with the constant's side worked out once.

    None where `_pair` depends on both sides (a date and time, or nothing, as the constant).
    """
    if constant is None or isinstance(constant, dt.datetime):
        return None
    wanted = _norm(constant)
    if isinstance(constant, dt.date):
        prepare = _date_side
        if op in ("==", "!="):
            def equal(form: Mapping[str, Any], names: Mapping[str, Any]) -> bool:
                value = left(form, names)
                return value is not None and bool(prepare(value) == wanted)
        else:
            order = _OPERATORS[op]

            def ordered(form: Mapping[str, Any], names: Mapping[str, Any]) -> bool:
                value = left(form, names)
                if value is None:
                    return False
                try:
                    return order(prepare(value), wanted)
                except TypeError:
                    return False
    elif op in ("==", "!="):
        def equal(form: Mapping[str, Any], names: Mapping[str, Any]) -> bool:
            value = left(form, names)
            if value is None:
                return False
            if isinstance(value, str):
                value = " ".join(value.split()).casefold()
            return bool(value == wanted)
    else:
        order = _OPERATORS[op]

        def ordered(form: Mapping[str, Any], names: Mapping[str, Any]) -> bool:
            value = left(form, names)
            if value is None:
                return False
            if isinstance(value, str):
                value = " ".join(value.split()).casefold()
            try:
                return order(value, wanted)
            except TypeError:
                return False
    if op == "==":
        return equal
    if op == "!=":
        return lambda form, names: not equal(form, names)
    return ordered


def _phrase_test(phrases: tuple[str, ...]) -> Callable[[Value], bool]:
    """Whether `find_phrases(haystack, phrases)` finds anything, without listing what it finds."""
    pattern = phrase_pattern(phrases)
    wanted = {_norm(p) for p in phrases}

    def found(haystack: Value) -> bool:
        if isinstance(haystack, str):
            return pattern.search(haystack) is not None
        if isinstance(haystack, list | tuple) and all(isinstance(i, str) for i in haystack):
            return any(_norm(item) in wanted for item in haystack)
        return False

    return found


# Expressions whose closures always return a plain bool, so need no `truthy` around them.
_BOOL_EXPRS = (ast.Not, ast.BoolOp, ast.Membership, ast.IsEmpty, ast.Matches, ast.Contains)


def _gives_bool(expr: ast.Expr) -> bool:
    if isinstance(expr, _BOOL_EXPRS):
        return True
    if isinstance(expr, ast.Compare):
        return expr.op in ("==", "!=")
    return isinstance(expr, ast.Quantified) and expr.kind != "count"


@lru_cache(maxsize=4096)
def phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """Whole-word, case-insensitive search for any of the phrases (spaces match any space)."""
    alternatives = sorted(
        (r"\s+".join(re.escape(word) for word in phrase.split()) for phrase in phrases if phrase.strip()),
        key=len,
        reverse=True,
    )
    # Compiled afresh in every run, never kept: the phrases may be a form's own text.
    if not alternatives:
        return re.compile(r"(?!)")
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", re.IGNORECASE)


def _texts(value: Value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list | tuple):
        return [item for item in value if isinstance(item, str)]
    return []


def find_phrases(haystack: Value, phrases: tuple[str, ...]) -> list[str]:
    """The phrases (as written in the text) found in a text or a list of texts."""
    if isinstance(haystack, list | tuple) and not all(isinstance(i, str) for i in haystack):
        return []
    if isinstance(haystack, list | tuple):
        wanted = {_norm(p) for p in phrases}
        return [item for item in haystack if _norm(item) in wanted]
    pattern = phrase_pattern(phrases)
    return [m.group(0) for text in _texts(haystack) for m in pattern.finditer(text)]


def _as_phrases(value: Value) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value if v is not None)


def _arith(op: str, left: Value, right: Value) -> Value:
    if left is None or right is None:
        return None
    if isinstance(right, ast.Duration):
        return shift(left, right, 1 if op == "+" else -1)
    if isinstance(left, ast.Duration):
        return shift(right, left, 1)
    if isinstance(left, dt.date) and isinstance(right, dt.date):
        return (as_date(left) - as_date(right)).days
    return left + right if op == "+" else left - right


def show(value: Value, limit: int = 60) -> str:
    """A value as it reads in a message."""
    if value is None:
        return "(blank)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.datetime):
        return value.strftime("%-d %B %Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%-d %B %Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list | tuple):
        return ", ".join(show(v, limit) for v in value) if value else "(none)"
    if isinstance(value, dict):
        return "(a block of fields)"
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


_NUMBER_WORDS = {"==": "equal to", "!=": "different from", "<": "less than",
                 "<=": "at most", ">": "more than", ">=": "at least"}
_DATE_WORDS = {"==": "the same as", "!=": "different from", "<": "before",
               "<=": "on or before", ">": "after", ">=": "on or after"}


# ---- the compiler ---------------------------------------------------------------------------


class ExprCompiler:
    """Compiles the expressions of one rule set, given its settings and term lists."""

    def __init__(
        self,
        source_text: str,
        functions: Mapping[str, FunctionSpec],
        settings: Mapping[str, Value],
        terms: Mapping[str, tuple[str, ...]],
        as_of: AsOf | None = None,
    ):
        self.source_text = source_text
        self.as_of = as_of or AsOf()
        self.functions = functions
        self.settings = settings
        self.terms = terms
        self.compiled: dict[int, Fn] = {}
        self.bound: set[str] = set()

    def text_of(self, node: ast.Node) -> str:
        return " ".join(self.source_text[node.span.start : node.span.end].split())

    def compile(self, expr: ast.Expr, bound: frozenset[str] = frozenset()) -> Fn:
        method = getattr(self, "_c_" + type(expr).__name__)
        fn: Fn = method(expr, bound)
        self.compiled[id(expr)] = fn
        return fn

    def compile_test(self, expr: ast.Expr, bound: frozenset[str] = frozenset()) -> Fn:
        """Compile an expression used as a condition: its closure returns `truthy(value)`."""
        fn = self.compile(expr, bound)
        if _gives_bool(expr):
            return fn
        return lambda form, names: truthy(fn(form, names))

    def constant(self, expr: ast.Expr, bound: frozenset[str]) -> tuple[bool, Value]:
        """Whether the expression has one value for every form (a literal, setting or term
        list), and that value."""
        if isinstance(expr, ast.Literal):
            return True, expr.value
        if isinstance(expr, ast.ListLiteral) and all(isinstance(i, ast.Literal) for i in expr.items):
            return True, [item.value for item in expr.items]  # type: ignore[attr-defined]
        if isinstance(expr, ast.Path) and expr.root not in bound:
            if expr.root in self.settings:
                return True, self.settings[expr.root]
            if expr.root in self.terms:
                return True, list(self.terms[expr.root])
        return False, None

    def _c_Literal(self, expr: ast.Literal, bound: frozenset[str]) -> Fn:
        value = expr.value
        return lambda form, names: value

    def _c_ListLiteral(self, expr: ast.ListLiteral, bound: frozenset[str]) -> Fn:
        items = [self.compile(item, bound) for item in expr.items]
        if all(isinstance(item, ast.Literal) for item in expr.items):
            constant = [item.value for item in expr.items]  # type: ignore[attr-defined]
            return lambda form, names: constant
        return lambda form, names: [item(form, names) for item in items]

    def _c_Path(self, expr: ast.Path, bound: frozenset[str]) -> Fn:
        root, rest = expr.root, expr.parts[1:]
        in_names = root in bound
        if not in_names and root in self.settings:
            constant = self.settings[root]
            return lambda form, names: constant
        if not in_names and root in self.terms:
            phrases = list(self.terms[root])
            return lambda form, names: phrases
        if not in_names and root == AS_OF:
            # Read when the rule runs, not when it is compiled: one compiled rule set is
            # checked as of whatever date its engine (or an example) is set to.
            as_of = self.as_of
            return lambda form, names: as_of.value()
        # An item bound by `for each` or a quantifier is looked up in `names`, a field in `form`.
        if not rest:
            if in_names:
                return lambda form, names: names.get(root)
            return lambda form, names: form.get(root)
        if len(rest) == 1 and isinstance(rest[0], str):
            key = rest[0]
            if in_names:
                def item_field(form: Mapping[str, Any], names: Mapping[str, Any]) -> Value:
                    value = names.get(root)
                    return value.get(key) if isinstance(value, dict) else None

                return item_field

            def form_field(form: Mapping[str, Any], names: Mapping[str, Any]) -> Value:
                value = form.get(root)
                return value.get(key) if isinstance(value, dict) else None

            return form_field

        def walk(form: Mapping[str, Any], names: Mapping[str, Any]) -> Value:
            value = names.get(root) if in_names else form.get(root)
            for part in rest:
                if value is None:
                    return None
                if isinstance(part, int):
                    value = value[part] if isinstance(value, list) and part < len(value) else None
                else:
                    value = value.get(part) if isinstance(value, dict) else None
            return value

        return walk

    def _c_Call(self, expr: ast.Call, bound: frozenset[str]) -> Fn:
        spec = self.functions[expr.name]
        impl = spec.impl
        args = [self.compile(arg, bound) for arg in expr.args]
        label = f"{expr.name}() from {spec.plugin or 'auditrules'}"

        def result_of(values: list[Value]) -> Value:
            try:
                result = impl(*values)
            except Exception as exc:  # a plugin function's fault must not stop the batch
                raise RuleRuntimeError(f"{label} failed: {type(exc).__name__}: {exc}") from exc
            return result.value if isinstance(result, Outcome) else result

        if len(args) == 1:
            (only,) = args
            return lambda form, names: result_of([only(form, names)])
        if len(args) == 2:
            first, second = args
            return lambda form, names: result_of([first(form, names), second(form, names)])
        return lambda form, names: result_of([arg(form, names) for arg in args])

    def call_outcome(self, expr: ast.Call, form: Mapping[str, Any],
                     names: Mapping[str, Any]) -> Value:
        values = [self.compiled[id(arg)](form, names) for arg in expr.args]
        return self.functions[expr.name].impl(*values)

    def _c_Not(self, expr: ast.Not, bound: frozenset[str]) -> Fn:
        operand = self.compile_test(expr.operand, bound)
        return lambda form, names: not operand(form, names)

    def _c_BoolOp(self, expr: ast.BoolOp, bound: frozenset[str]) -> Fn:
        left = self.compile_test(expr.left, bound)
        right = self.compile_test(expr.right, bound)
        if expr.op == "and":
            return lambda form, names: left(form, names) and right(form, names)
        return lambda form, names: left(form, names) or right(form, names)

    def _c_Compare(self, expr: ast.Compare, bound: frozenset[str]) -> Fn:
        left = self.compile(expr.left, bound)
        right = self.compile(expr.right, bound)
        op = expr.op
        known, constant = self.constant(expr.right, bound)
        specialised = _compare_with(op, left, constant) if known else None
        if specialised is not None:
            return specialised
        return lambda form, names: _compare(op, left(form, names), right(form, names))

    def _c_Membership(self, expr: ast.Membership, bound: frozenset[str]) -> Fn:
        item = self.compile(expr.item, bound)
        container = self.compile(expr.container, bound)
        known, constant = self.constant(expr.container, bound)
        if known and isinstance(constant, list) and all(isinstance(c, str) for c in constant):
            # `x in ["a", "b"]` or `x in some_terms`: text against a set of words.
            choices = frozenset(_norm(c) for c in constant)

            def member(form: Mapping[str, Any], names: Mapping[str, Any]) -> bool:
                value = item(form, names)
                if isinstance(value, str):
                    return " ".join(value.split()).casefold() in choices
                return _member(value, constant)
        else:
            def member(form: Mapping[str, Any], names: Mapping[str, Any]) -> bool:
                return _member(item(form, names), container(form, names))

        if expr.negated:
            return lambda form, names: not member(form, names)
        return member

    def _c_IsEmpty(self, expr: ast.IsEmpty, bound: frozenset[str]) -> Fn:
        operand = self.compile(expr.operand, bound)
        if expr.negated:
            return lambda form, names: not is_empty(operand(form, names))
        return lambda form, names: is_empty(operand(form, names))

    def _c_Matches(self, expr: ast.Matches, bound: frozenset[str]) -> Fn:
        operand = self.compile(expr.operand, bound)
        pattern = re2.compile(expr.pattern, pattern_options())

        def matches(form: Mapping[str, Any], names: Mapping[str, Any]) -> bool:
            value = operand(form, names)
            if isinstance(value, str):
                return pattern.search(value) is not None
            return any(pattern.search(text) for text in _texts(value))

        return matches

    def _c_Contains(self, expr: ast.Contains, bound: frozenset[str]) -> Fn:
        operand = self.compile(expr.operand, bound)
        needle = self.compile(expr.needle, bound)
        mode = expr.mode
        known, constant = self.constant(expr.needle, bound)
        wanted = _as_phrases(constant) if known and isinstance(constant, str | list) else ()
        if wanted:
            # The phrases are known: their patterns are built once, and only whether any is
            # found matters, not every place it is.
            if mode == "all":
                tests = [_phrase_test((phrase,)) for phrase in wanted]

                def contains_all(form: Mapping[str, Any], names: Mapping[str, Any]) -> bool:
                    haystack = operand(form, names)
                    return haystack is not None and all(test(haystack) for test in tests)

                return contains_all
            test = _phrase_test(wanted)
            if mode == "none":
                return lambda form, names: not test(operand(form, names))

            def contains_any(form: Mapping[str, Any], names: Mapping[str, Any]) -> bool:
                haystack = operand(form, names)
                return haystack is not None and test(haystack)

            return contains_any

        def contains(form: Mapping[str, Any], names: Mapping[str, Any]) -> bool:
            haystack = operand(form, names)
            wanted = _as_phrases(needle(form, names))
            if haystack is None or not wanted:
                return mode == "none"
            if mode == "all":
                return all(find_phrases(haystack, (phrase,)) for phrase in wanted)
            found = bool(find_phrases(haystack, wanted))
            return not found if mode == "none" else found

        return contains

    def _c_Arith(self, expr: ast.Arith, bound: frozenset[str]) -> Fn:
        left = self.compile(expr.left, bound)
        right = self.compile(expr.right, bound)
        op = expr.op
        return lambda form, names: _arith(op, left(form, names), right(form, names))

    def _c_Count(self, expr: ast.Count, bound: frozenset[str]) -> Fn:
        operand = self.compile(expr.operand, bound)

        def count(form: Mapping[str, Any], names: Mapping[str, Any]) -> int:
            value = operand(form, names)
            return len(value) if isinstance(value, list | tuple) else 0

        return count

    def _c_Quantified(self, expr: ast.Quantified, bound: frozenset[str]) -> Fn:
        source = self.compile(expr.source, bound)
        body = self.compile_test(expr.body, bound | {expr.var})
        var, kind = expr.var, expr.kind

        def matched(form: Mapping[str, Any], names: Mapping[str, Any], stop: bool | None) -> int:
            """How many items meet the body, stopping at the first whose result is `stop`."""
            items = source(form, names)
            if not isinstance(items, list):
                return 0
            inner = dict(names)
            count = 0
            for item in items:
                inner[var] = item
                ok = body(form, inner)
                if ok == stop:
                    return -1
                count += ok
            return count

        if kind == "any":
            return lambda form, names: matched(form, names, True) == -1
        if kind == "all":
            return lambda form, names: matched(form, names, False) != -1
        if kind == "no":
            return lambda form, names: matched(form, names, True) != -1
        return lambda form, names: matched(form, names, None)

    # ---- explanations -----------------------------------------------------------------------

    def explain(self, expr: ast.Expr, form: Mapping[str, Any], names: Mapping[str, Any],
                paths: Mapping[str, str]) -> Explanation:
        reasons: list[str] = []
        evidence: list[str] = []
        self._explain(expr, form, names, paths, reasons, evidence)
        unique = tuple(dict.fromkeys(reasons))
        return Explanation(unique, tuple(dict.fromkeys(evidence)))

    def _value(self, expr: ast.Expr, form: Mapping[str, Any], names: Mapping[str, Any]) -> Value:
        return self.compiled[id(expr)](form, names)

    def _label(self, expr: ast.Expr, paths: Mapping[str, str]) -> str:
        if isinstance(expr, ast.Path) and expr.root in paths:
            return paths[expr.root] + str(expr)[len(expr.root):]
        if isinstance(expr, ast.Path) and expr.root == AS_OF:
            return "the date checked as of"
        return self.text_of(expr)

    def _explain(self, expr: ast.Expr, form: Mapping[str, Any], names: Mapping[str, Any],
                 paths: Mapping[str, str], reasons: list[str], evidence: list[str]) -> None:
        if isinstance(expr, ast.Not):
            self._explain(expr.operand, form, names, paths, reasons, evidence)
        elif isinstance(expr, ast.BoolOp):
            value = truthy(self._value(expr, form, names))
            for side in (expr.left, expr.right):
                side_value = truthy(self._value(side, form, names))
                # Only the parts that decided the result explain it.
                if side_value == value or (expr.op == "and") == value:
                    self._explain(side, form, names, paths, reasons, evidence)
        elif isinstance(expr, ast.Call):
            result = self.call_outcome(expr, form, names)
            if isinstance(result, Outcome):
                reasons.extend(result.reasons)
                evidence.extend(result.evidence)
            else:
                reasons.append(f"{self.text_of(expr)} is {show(result)}")
        elif isinstance(expr, ast.IsEmpty):
            label = self._label(expr.operand, paths)
            operand = self._value(expr.operand, form, names)
            reasons.append(f"{label} is empty" if is_empty(operand)
                           else f"{label} is filled in ({show(operand)})")
        elif isinstance(expr, ast.Matches):
            texts = _texts(self._value(expr.operand, form, names))
            pattern = re2.compile(expr.pattern, pattern_options())
            found = [m.group(0) for text in texts for m in [pattern.search(text)] if m]
            label = self._label(expr.operand, paths)
            if found:
                reasons.append(f"{label} has '{found[0]}', which matches /{expr.pattern}/")
                evidence.extend(found)
            else:
                reasons.append(f"nothing in {label} matches /{expr.pattern}/")
        elif isinstance(expr, ast.Contains):
            haystack = self._value(expr.operand, form, names)
            wanted = _as_phrases(self._value(expr.needle, form, names))
            found = find_phrases(haystack, wanted) if haystack is not None else []
            label = self._label(expr.operand, paths)
            if found:
                reasons.append(f"{label} contains " + ", ".join(f"'{f}'" for f in
                                                                 dict.fromkeys(found)))
                evidence.extend(found)
            if expr.mode == "all" or not found:
                missing = [p for p in wanted if not find_phrases(haystack, (p,))]
                if missing:
                    reasons.append(f"{label} does not contain " +
                                   ", ".join(f"'{m}'" for m in missing[:8]))
        elif isinstance(expr, ast.Quantified):
            self._explain_quantified(expr, form, names, paths, reasons, evidence)
        elif isinstance(expr, ast.Compare):
            value = truthy(self._value(expr, form, names))
            reasons.append(self._explain_compare(expr, form, names, paths, value))
        elif isinstance(expr, ast.Membership):
            value = truthy(self._value(expr, form, names))
            item = self._value(expr.item, form, names)
            container = self._value(expr.container, form, names)
            inside = value != expr.negated
            reasons.append(f"{self._label(expr.item, paths)} is {show(item)}, "
                           f"{'one' if inside else 'not one'} of: {show(container)}")
        else:
            reasons.append(f"{self._label(expr, paths)} is "
                           f"{show(self._value(expr, form, names))}")

    def _explain_compare(self, expr: ast.Compare, form: Mapping[str, Any],
                         names: Mapping[str, Any], paths: Mapping[str, str], value: bool) -> str:
        left = self._value(expr.left, form, names)
        right = self._value(expr.right, form, names)
        dated = isinstance(left, dt.date) or isinstance(right, dt.date)
        words = _DATE_WORDS if dated else _NUMBER_WORDS
        relation = words[expr.op]
        right_text = (show(right) if isinstance(expr.right, ast.Literal)
                      else f"{self._label(expr.right, paths)} ({show(right)})")
        return (f"{self._label(expr.left, paths)} is {show(left)}, "
                f"{'' if value else 'not '}{relation} {right_text}")

    def _explain_quantified(self, expr: ast.Quantified, form: Mapping[str, Any],
                            names: Mapping[str, Any], paths: Mapping[str, str],
                            reasons: list[str], evidence: list[str]) -> None:
        items = self._value(expr.source, form, names)
        label = self._label(expr.source, paths)
        if not isinstance(items, list) or not items:
            reasons.append(f"{label} is empty")
            return
        body = self.compiled[id(expr.body)]
        inner = dict(names)
        # For 'any'/'count' the items that met the condition explain it; for 'all' and 'no'
        # the first item that broke it does.
        want = expr.kind in ("any", "no", "count")
        matched = 0
        for index, item in enumerate(items):
            inner[expr.var] = item
            if truthy(body(form, inner)) == want:
                matched += 1
                item_paths = {**paths, expr.var: f"{label}[{index}]"}
                self._explain(expr.body, form, inner, item_paths, reasons, evidence)
                if expr.kind in ("all", "no"):
                    return
        if matched == 0 and expr.kind == "all":
            reasons.append(f"every item of {label} meets '{self.text_of(expr.body)}'")
        elif matched == 0:
            reasons.append(f"no item of {label} meets '{self.text_of(expr.body)}'")
