"""Find, parse, check and compile rule-set files; every problem in every file in one pass."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ._gc import paused_gc
from .dsl import ast, cache
from .dsl.checker import Checker, literal_type
from .dsl.compiler import AS_OF, ExprCompiler
from .dsl.source import Source, SyntaxProblem
from .errors import Diagnostic, RuleSetError, UsageError, did_you_mean
from .functions import FunctionSpec
from .functions.dates import AsOf
from .models import RuleSetInfo
from .rules import CompiledRule, CompiledRuleSet
from .schema import FormSchema

RULESET_SUFFIX = ".rules"


@dataclass(frozen=True)
class RuleSetFile:
    """A rule-set file to load, and the plugin that brought it (None for the user's own)."""

    path: Path
    plugin: str | None = None


@dataclass
class ParsedRuleSet:
    file: RuleSetFile
    source: Source
    node: ast.RuleSet


def discover(paths: Iterable[Path | str], plugin: str | None = None) -> list[RuleSetFile]:
    """Rule-set files at these paths: files as given, folders searched for `*.rules`."""
    found: list[RuleSetFile] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(RuleSetFile(p, plugin) for p in sorted(path.rglob(f"*{RULESET_SUFFIX}")))
        elif path.is_file():
            found.append(RuleSetFile(path, plugin))
        else:
            raise UsageError(f"{path}: no such rule-set file or folder")
    return found


def _unique(files: Iterable[RuleSetFile]) -> list[RuleSetFile]:
    seen: set[Path] = set()
    result = []
    for file in files:
        key = file.path.resolve()
        if key not in seen:
            seen.add(key)
            result.append(file)
    return result


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def parse_files(files: Sequence[RuleSetFile]) -> tuple[list[ParsedRuleSet], list[Diagnostic]]:
    parsed: list[ParsedRuleSet] = []
    problems: list[Diagnostic] = []
    for file in _unique(files):
        name = _display(file.path)
        try:
            text = file.path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            problems.append(Diagnostic(name, 1, 1, "the file is not UTF-8 text"))
            continue
        except OSError as exc:
            problems.append(Diagnostic(name, 1, 1, f"cannot read the file: {exc.strerror}"))
            continue
        source = Source(name, text)
        try:
            with paused_gc():
                parsed.append(ParsedRuleSet(file, source, _parse(source)))
        except SyntaxProblem as exc:
            problems.append(exc.diagnostic)
        except RecursionError:
            problems.append(Diagnostic(name, 1, 1, "the rule set is nested too deeply to read"))
    return parsed, problems


def _parse(source: Source) -> ast.RuleSet:
    """The rule set's tree: from the cache when this text was parsed before, else parsed (and
    then kept for next time). Only a file that parses is kept, so its syntax errors are always
    found afresh."""
    node = cache.load(source.text)
    if node is None:
        from .dsl.parser import parse_ruleset  # the grammar is built only when something is parsed

        node = parse_ruleset(source)
        cache.store(source.text, node)
    return node


def check_all(parsed: Sequence[ParsedRuleSet], schema: FormSchema,
              functions: Mapping[str, FunctionSpec]) -> list[Diagnostic]:
    """Static checks on each rule set, then rule-set and rule ids across all of them."""
    problems: list[Diagnostic] = []
    for item in parsed:
        problems.extend(Checker(item.source, schema, functions).check(item.node))
    first_set: dict[str, ParsedRuleSet] = {}
    first_rule: dict[str, tuple[ParsedRuleSet, ast.Rule]] = {}
    for item in parsed:
        node = item.node
        if node.id in first_set:
            other = first_set[node.id]
            problems.append(item.source.diagnostic(
                node.span, f"rule set id '{node.id}' is also used by {other.source.name}",
                expected="a rule-set id of its own"))
        first_set.setdefault(node.id, item)
        seen_here: set[str] = set()
        for rule in node.rules:
            # A repeat within one file is the checker's to report; here only other files count.
            if rule.id in first_rule and rule.id not in seen_here:
                other_set, other_rule = first_rule[rule.id]
                problems.append(item.source.diagnostic(
                    rule.id_span, f"rule id '{rule.id}' is also used in "
                    f"{other_set.source.name}:{other_rule.id_span.line}",
                    expected="a rule id of its own (ids are unique across all loaded rule sets)"))
            seen_here.add(rule.id)
            first_rule.setdefault(rule.id, (item, rule))
    return problems


def resolve_settings(parsed: Sequence[ParsedRuleSet],
                     overrides: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """Each rule set's settings: its defaults, with overrides by `name` or `ruleset.name`."""
    resolved: dict[str, dict[str, Any]] = {}
    used: set[str] = set()
    known: list[str] = []
    for item in parsed:
        values: dict[str, Any] = {}
        for setting in item.node.settings:
            known.extend([setting.name, f"{item.node.id}.{setting.name}"])
            value = setting.value.value
            for key in (setting.name, f"{item.node.id}.{setting.name}"):
                if key in overrides:
                    used.add(key)
                    value = _coerce(key, overrides[key], setting.value)
            values[setting.name] = value
        resolved[item.node.id] = values
    unknown = [key for key in overrides if key not in used]
    if unknown:
        key = unknown[0]
        hint = did_you_mean(key, known)
        raise UsageError(f"no loaded rule set has a setting '{key}'"
                         + (f"; did you mean '{hint}'?" if hint else ""))
    return resolved


def _coerce(key: str, raw: Any, default: ast.Literal) -> Any:
    if isinstance(raw, str):
        from .dsl.parser import parse_setting_value

        try:
            literal = parse_setting_value(raw)
        except SyntaxProblem:
            if default.kind == "text":
                return raw
            raise UsageError(f"setting '{key}': '{raw}' is not {_kind(default)}") from None
    else:
        literal = ast.Literal(ast.NOWHERE, raw, _python_kind(raw))
    if default.kind == "text" and literal.kind != "text":
        return str(raw)
    if literal_type(literal) != literal_type(default) and not (
        default.kind == "number" and literal.kind == "number"
    ):
        raise UsageError(f"setting '{key}': '{raw}' is not {_kind(default)}")
    return literal.value


def _python_kind(value: Any) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int | float):
        return "number"
    return "text" if isinstance(value, str) else "date"


def _kind(default: ast.Literal) -> str:
    examples = {"duration": "a duration, like '15 working days'", "number": "a number",
                "date": "a date, like 2024-05-01", "bool": "true or false", "text": "text"}
    return examples.get(default.kind, default.kind)


def compile_ruleset(item: ParsedRuleSet, functions: Mapping[str, FunctionSpec],
                    settings: Mapping[str, Any]) -> CompiledRuleSet:
    node = item.node
    terms = {terms.name: terms.phrases for terms in node.terms}
    as_of = AsOf()
    compiler = ExprCompiler(item.source.text, functions, settings, terms, as_of)
    info = RuleSetInfo(
        id=node.id,
        version=node.version,
        title=node.title,
        source=item.source.name,
        sha256=hashlib.sha256(item.source.text.encode("utf-8")).hexdigest(),
        plugin=item.file.plugin,
    )
    compiled = CompiledRuleSet(
        info=info,
        node=node,
        applies=compiler.compile(node.applies) if node.applies is not None else None,
        settings=dict(settings),
        constants=frozenset([*settings, *terms, AS_OF]),
        as_of=as_of,
    )
    for rule in node.rules:
        bound = frozenset([rule.scope.var]) if rule.scope and rule.scope.var else frozenset()
        template_bound = bound | {"reasons"}
        compiled.rules.append(CompiledRule(
            node=rule,
            ruleset=compiled,
            compiler=compiler,
            when=compiler.compile_test(rule.when, bound) if rule.when is not None else None,
            assertions=[(a, compiler.compile_test(a.expr, bound)) for a in rule.assertions],
            scope_items=compiler.compile(rule.scope.path) if rule.scope else None,
            message=_template(compiler, rule.message, template_bound),
            hint=_template(compiler, rule.hint, template_bound),
            source=item.source.name,
            line=rule.span.line,
        ))
    return compiled


def _template(compiler: ExprCompiler, template: ast.Template | None,
              bound: frozenset[str]) -> list[Any]:
    if template is None:
        return []
    return [part if isinstance(part, str) else compiler.compile(part, bound)
            for part in template.parts]


def load(files: Sequence[RuleSetFile], schema: FormSchema, functions: Mapping[str, FunctionSpec],
         settings: Mapping[str, Any] | None = None) -> list[CompiledRuleSet]:
    """Parse, check and compile rule-set files. Raises RuleSetError listing every problem.

    The cycle collector is paused throughout: a large rule set is a great many objects that all
    live as long as the engine, and the collector would walk them again and again."""
    with paused_gc():
        parsed, problems = parse_files(files)
        problems.extend(check_all(parsed, schema, functions))
        if problems:
            raise RuleSetError(problems)
        resolved = resolve_settings(parsed, settings or {})
        return [compile_ruleset(item, functions, resolved[item.node.id]) for item in parsed]


__all__ = ["RuleSetFile", "compile_ruleset", "discover", "load"]
