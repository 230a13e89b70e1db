"""Compiled rule sets and rules: what the engine runs over each form."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from .dsl import ast
from .dsl.compiler import ExprCompiler, Fn, show, truthy
from .models import Finding, Location, RuleSetInfo

EVIDENCE_LIMIT = 200


@dataclass
class FormContext:
    """What the engine knows about one form besides its data: its id and where it came from."""

    form_id: str | None
    location: Location
    field_locations: Mapping[str, Location] = field(default_factory=dict)


@dataclass
class CompiledRule:
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

    def run(self, form: Mapping[str, Any], context: FormContext) -> Iterator[Finding]:
        """Check one form (as plain data) and yield a finding for each place the rule fails."""
        scope = self.node.scope
        if scope is None or scope.var is None:
            yield from self._check(form, {}, {}, context)
            return
        items = self.scope_items(form, {}) if self.scope_items else None
        if not isinstance(items, list):
            return
        base = str(scope.path)
        var = scope.var
        for index, item in enumerate(items):
            yield from self._check(form, {var: item}, {var: f"{base}[{index}]"}, context)

    def _check(self, form: Mapping[str, Any], names: dict[str, Any], paths: dict[str, str],
               context: FormContext) -> Iterator[Finding]:
        if self.when is not None and not truthy(self.when(form, names)):
            return
        failed: list[ast.Assertion] = []
        for assertion, fn in self.assertions:
            holds = truthy(fn(form, names))
            if holds != (assertion.kind == "require"):
                failed.append(assertion)
        if failed:
            yield self._finding(form, names, paths, context, failed)

    def _finding(self, form: Mapping[str, Any], names: dict[str, Any], paths: dict[str, str],
                 context: FormContext, failed: list[ast.Assertion]) -> Finding:
        reasons: list[str] = []
        evidence: list[str] = []
        for assertion in failed:
            explanation = self.compiler.explain(assertion.expr, form, names, paths)
            reasons.extend(explanation.reasons)
            evidence.extend(explanation.evidence)
        unique_reasons = tuple(dict.fromkeys(reasons))
        path = self._location_path(failed[0], paths)
        location = self._location(form, path, context)
        extra = {"reasons": "; ".join(unique_reasons)}
        if not evidence:
            located = _value_at(form, path)
            if isinstance(located, str) and located.strip():
                evidence = [located]
        excerpt = _excerpt(" … ".join(dict.fromkeys(evidence))) if evidence else None
        return Finding(
            form=context.form_id,
            rule=self.node.id,
            ruleset=self.ruleset.info.id,
            severity=self.node.severity,  # type: ignore[arg-type]
            title=self.node.title,
            tags=self.node.tags,
            message=_render(self.message, form, names, extra),
            hint=_render(self.hint, form, names, extra),
            reference=self.reference,
            reasons=unique_reasons,
            location=location,
            evidence=excerpt,
        )

    def _location_path(self, assertion: ast.Assertion, paths: Mapping[str, str]) -> str:
        node = self.node
        target = node.at
        if target is None and node.scope is not None and node.scope.var is None:
            target = node.scope.path
        if target is None:
            target = _first_field(assertion.expr, set(paths), self.ruleset.constants)
        if target is None:
            return next(iter(paths.values()), "")
        if target.root in paths:
            return paths[target.root] + str(target)[len(target.root):]
        return str(target)

    def _location(self, form: Mapping[str, Any], path: str, context: FormContext) -> Location:
        section = _section_of(form, path)
        cell = nearest_location(context.field_locations, path)
        base = cell if cell is not None else context.location
        return base.model_copy(update={"path": path, "section": section})


@dataclass
class CompiledRuleSet:
    info: RuleSetInfo
    node: ast.RuleSet
    applies: Fn | None
    settings: dict[str, Any]
    constants: frozenset[str]
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


def _value_at(form: Mapping[str, Any], path: str) -> Any:
    value: Any = form
    for part in _split(path):
        if isinstance(part, int):
            value = value[part] if isinstance(value, list) and part < len(value) else None
        else:
            value = value.get(part) if isinstance(value, dict) else None
        if value is None:
            return None
    return value


def _split(path: str) -> list[str | int]:
    parts: list[str | int] = []
    for piece in path.replace("[", ".[").split("."):
        if not piece:
            continue
        parts.append(int(piece[1:-1]) if piece.startswith("[") else piece)
    return parts


def _section_of(form: Mapping[str, Any], path: str) -> str | None:
    parts = _split(path)
    if not parts:
        return None
    if parts[0] == "sections" and len(parts) > 1 and isinstance(parts[1], int):
        section = _value_at(form, f"sections[{parts[1]}]")
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
    for part in parts:
        if isinstance(part, str):
            out.append(part)
        else:
            value = part(form, {**names, **extra})
            # Reasons are the point of the message; field values are cut to keep it short.
            out.append(value if isinstance(value, str) and value is extra.get("reasons")
                       else show(value, limit=120))
    return "".join(out)
