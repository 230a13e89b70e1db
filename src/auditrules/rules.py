"""Compiled rule sets and rules: what the engine runs over each form."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .dsl import ast
from .dsl.compiler import ExprCompiler, Fn, show, truthy
from .functions.dates import AsOf
from .models import Finding, Location, RuleSetInfo

EVIDENCE_LIMIT = 200


@dataclass
class FormContext:
    """What the engine knows about one form besides its data: its id and where it came from."""

    form_id: str | None
    location: Location
    field_locations: Mapping[str, Location] = field(default_factory=dict)
    # The locations findings in this form point at, by (base, path, section): findings at the
    # same place share one (frozen) Location instead of each holding a copy. The base is looked
    # up by its identity (hashing a Location hashes every field of it, in plain Python); each
    # entry holds its base, so no other object can take that identity while the entry lives.
    places: dict[tuple[int, str, str | None], tuple[Location, Location]] = field(
        default_factory=dict, init=False, repr=False, compare=False)


# The names a rule without `for each` runs with: none (closures only ever read them).
_NO_NAMES: Mapping[str, Any] = {}


@dataclass
class CompiledRule:
    """A rule ready to run. `when` and each assertion's closure return a plain bool."""

    node: ast.Rule
    ruleset: CompiledRuleSet
    compiler: ExprCompiler
    when: Fn | None
    assertions: list[tuple[ast.Assertion, Fn]]
    scope_items: Fn | None
    message: list[str | Fn]
    hint: list[str | Fn]
    source: str
    line: int
    # Worked out once from the above: the `for each` variable and the path of its list, and
    # for each assertion whether it must hold and where its finding points (see _place).
    _var: str | None = field(init=False, repr=False)
    _items_path: str = field(init=False, repr=False)
    _checks: list[tuple[ast.Assertion, Fn, bool, tuple[bool, str]]] = field(init=False,
                                                                           repr=False)

    def __post_init__(self) -> None:
        scope = self.node.scope
        self._var = scope.var if scope is not None else None
        self._items_path = str(scope.path) if scope is not None else ""
        bound = {self._var} if self._var is not None else set()
        self._checks = [(assertion, fn, assertion.kind == "require", self._place(assertion, bound))
                        for assertion, fn in self.assertions]

    @property
    def id(self) -> str:
        return self.node.id

    @property
    def severity(self) -> str:
        return self.node.severity

    @property
    def reference(self) -> str:
        """The practice standard behind the rule: its own, or else its rule set's."""
        return self.node.reference or self.ruleset.node.reference

    @property
    def tags(self) -> tuple[str, ...]:
        return self.node.tags

    def run(self, form: Mapping[str, Any], context: FormContext) -> list[Finding]:
        """Check one form (as plain data): a finding for each place the rule fails."""
        var = self._var
        if var is None:
            failed = self._failed(form, _NO_NAMES)
            return [self._finding(form, _NO_NAMES, "", context, failed)] if failed else []
        items = self.scope_items(form, _NO_NAMES) if self.scope_items else None
        if not isinstance(items, list):
            return []
        findings: list[Finding] = []
        for index, item in enumerate(items):
            names = {var: item}
            failed = self._failed(form, names)
            if failed:
                findings.append(self._finding(form, names, f"{self._items_path}[{index}]",
                                              context, failed))
        return findings

    def _failed(self, form: Mapping[str, Any], names: Mapping[str, Any]) -> list[ast.Assertion]:
        """The assertions that do not hold (none when the rule's `when` is false)."""
        if self.when is not None and not self.when(form, names):
            return []
        return [assertion for assertion, fn, expected, _ in self._checks
                if fn(form, names) != expected]

    def _finding(self, form: Mapping[str, Any], names: Mapping[str, Any], item_path: str,
                 context: FormContext, failed: list[ast.Assertion]) -> Finding:
        paths: dict[str, str] = {self._var: item_path} if self._var is not None else {}
        reasons: list[str] = []
        evidence: list[str] = []
        for assertion in failed:
            explanation = self.compiler.explain(assertion.expr, form, names, paths)
            reasons.extend(explanation.reasons)
            evidence.extend(explanation.evidence)
        # The same texts recur in finding after finding (a rule's message, a field's reasons):
        # each is kept once in memory.
        unique_reasons = tuple(sys.intern(reason) for reason in dict.fromkeys(reasons))
        relative, text = next(place for assertion, _, _, place in self._checks
                              if assertion is failed[0])
        path = item_path + text if relative else text
        location = self._location(form, path, context)
        extra = {"reasons": "; ".join(unique_reasons)}
        if not evidence:
            located = value_at(form, path)
            if isinstance(located, str) and located.strip():
                evidence = [located]
        excerpt = sys.intern(_excerpt(" … ".join(dict.fromkeys(evidence)))) if evidence else None
        return Finding(
            form=context.form_id,
            rule=self.node.id,
            ruleset=self.ruleset.info.id,
            severity=self.node.severity,  # type: ignore[arg-type]
            title=self.node.title,
            tags=self.node.tags,
            message=sys.intern(_render(self.message, form, names, extra)),
            hint=sys.intern(_render(self.hint, form, names, extra)),
            reference=self.reference,
            reasons=unique_reasons,
            location=location,
            evidence=excerpt,
        )

    def _place(self, assertion: ast.Assertion, bound: set[str]) -> tuple[bool, str]:
        """Where a finding of this assertion points: (True, suffix) for the `for each` item's
        path followed by `suffix`, or (False, path) for a path of its own."""
        node = self.node
        target = node.at
        if target is None and node.scope is not None and node.scope.var is None:
            target = node.scope.path
        if target is None:
            target = _first_field(assertion.expr, bound, self.ruleset.constants)
        if target is None:
            return True, ""
        if target.root in bound:
            return True, str(target)[len(target.root):]
        return False, str(target)

    def _location(self, form: Mapping[str, Any], path: str, context: FormContext) -> Location:
        section = _section_of(form, path)
        cell = nearest_location(context.field_locations, path)
        base = cell if cell is not None else context.location
        key = (id(base), path, section)
        kept = context.places.get(key)
        if kept is None:
            kept = context.places[key] = (base, base.model_copy(update={"path": path,
                                                                        "section": section}))
        return kept[1]


@dataclass
class CompiledRuleSet:
    info: RuleSetInfo
    node: ast.RuleSet
    applies: Fn | None
    settings: dict[str, Any]
    constants: frozenset[str]
    as_of: AsOf = field(default_factory=AsOf)
    """The date its rules read as `as_of` (today, unless the engine or an example fixes it)."""
    rules: list[CompiledRule] = field(default_factory=list)

    def applies_to(self, form: Mapping[str, Any]) -> bool:
        return self.applies is None or truthy(self.applies(form, {}))


def _first_field(expr: ast.Expr, bound: set[str], constants: frozenset[str]) -> ast.Path | None:
    """The first field an assertion looks at: where its finding points by default."""
    stack: list[Any] = [expr]
    local: set[str] = set()
    while stack:
        node = stack.pop(0)
        if isinstance(node, ast.Path):
            if node.root in local or node.root in constants:
                continue
            return node
        if isinstance(node, ast.Quantified):
            local.add(node.var)
            stack[:0] = [node.source, node.body]
            continue
        children = [value for value in vars(node).values()
                    if isinstance(value, ast.Expr)] if isinstance(node, ast.Expr) else []
        for value in vars(node).values():
            if isinstance(value, tuple):
                children.extend(v for v in value if isinstance(v, ast.Expr))
        stack[:0] = children
    return None


def value_at(form: Mapping[str, Any], path: str) -> Any:
    """The value at a field path of a form's data (`sections[1].judgement`), or None."""
    value: Any = form
    for part in _split(path):
        if isinstance(part, int):
            value = value[part] if isinstance(value, list) and part < len(value) else None
        else:
            value = value.get(part) if isinstance(value, dict) else None
        if value is None:
            return None
    return value


@lru_cache(maxsize=16384)
def _split(path: str) -> tuple[str | int, ...]:
    parts: list[str | int] = []
    for piece in path.replace("[", ".[").split("."):
        if not piece:
            continue
        parts.append(int(piece[1:-1]) if piece.startswith("[") else piece)
    return tuple(parts)


def _section_of(form: Mapping[str, Any], path: str) -> str | None:
    parts = _split(path)
    if not parts:
        return None
    if parts[0] == "sections" and len(parts) > 1 and isinstance(parts[1], int):
        section = value_at(form, f"sections[{parts[1]}]")
        name = section.get("name") if isinstance(section, dict) else None
        return str(name) if name else f"section {parts[1] + 1}"
    return str(parts[0])


def nearest_location(field_locations: Mapping[str, Location], path: str) -> Location | None:
    """Where the field at `path`, or the nearest block containing it, was read from."""
    if not field_locations:
        return None
    candidate = path
    while candidate:
        if candidate in field_locations:
            return field_locations[candidate]
        cut = max(candidate.rfind("."), candidate.rfind("["))
        candidate = candidate[:cut] if cut > 0 else ""
    return None


def _excerpt(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= EVIDENCE_LIMIT else text[: EVIDENCE_LIMIT - 1].rstrip() + "…"


def _render(parts: list[str | Fn], form: Mapping[str, Any], names: Mapping[str, Any],
            extra: Mapping[str, str]) -> str:
    out: list[str] = []
    scope = {**names, **extra}
    for part in parts:
        if isinstance(part, str):
            out.append(part)
        else:
            value = part(form, scope)
            # Reasons are the point of the message; field values are cut to keep it short.
            out.append(value if isinstance(value, str) and value is extra.get("reasons")
                       else show(value, limit=120))
    return "".join(out)
