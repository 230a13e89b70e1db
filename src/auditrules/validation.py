"""`auditrules validate` as a function: every problem in every rule-set file, located, in one
pass, and with `strict` the warnings of `dsl/strict.py` and passing examples that test nothing."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .ci_formats import VALIDATE_KINDS, Descriptor, Problem, diagnostic_problem
from .dsl.strict import KINDS, check_strict
from .engine import Engine
from .loader import ParsedRuleSet, _display, check_all, compile_ruleset, parse_files, resolve_settings
from .plugins import PluginHost, get_host
from .schema import FormSchema
from .testing import untested_passes


@dataclass
class Validation:
    files: list[tuple[str, str | None]]
    """The rule-set files validated (as reported) and each one's rule-set id, if it could be read."""
    problems: list[Problem]
    rules: int

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


def descriptor(kind: str) -> Descriptor:
    """What a kind of validation problem is, for SARIF."""
    return Descriptor(kind, VALIDATE_KINDS.get(kind) or KINDS.get(kind, kind))


def validate(paths: Iterable[Path] = (), *, defaults: bool = True, strict: bool = False,
             host: PluginHost | None = None) -> Validation:
    """Validate the rule sets at `paths` (and the bundled and plugin ones, unless `defaults` is
    False); problems anywhere are reported, strict warnings only for the files asked about."""
    host = host or get_host()
    paths = list(paths)
    files = Engine.files(paths, defaults=defaults, host=host, tracking=True)
    schema = FormSchema(host.form_blocks)
    parsed, syntax = parse_files(files)
    checked = check_all(parsed, schema, host.functions)
    problems = [diagnostic_problem(d, "syntax-error", "error", VALIDATE_KINDS["syntax-error"])
                for d in syntax]
    problems.extend(diagnostic_problem(d, "rule-set-error", "error", VALIDATE_KINDS["rule-set-error"])
                    for d in checked)
    wanted = [p.resolve() for p in paths]

    def chosen(path: Path) -> bool:
        resolved = path.resolve()
        return not wanted or any(resolved == p or p in resolved.parents for p in wanted)

    chosen_files = [f for f in files if chosen(f.path)]
    ids = {item.source.name: item.node.id for item in parsed}
    names = list(dict.fromkeys(_display(f.path) for f in chosen_files))
    mine = [item for item in parsed if chosen(item.file.path)]
    if strict:
        problems.extend(_strict(mine, parsed, schema, host, {p.file for p in problems}))
    problems.sort(key=lambda p: (p.file, p.line, p.column))
    return Validation([(name, ids.get(name)) for name in names], problems,
                      sum(len(item.node.rules) for item in mine))


def _strict(mine: list[ParsedRuleSet], parsed: list[ParsedRuleSet], schema: FormSchema,
            host: PluginHost, broken: set[str]) -> list[Problem]:
    problems: list[Problem] = []
    for item in mine:
        if item.source.name in broken:
            continue  # its errors come first; strict checks assume a rule set that loads
        for warning in check_strict(item.source, item.node, schema, host.functions):
            problems.append(diagnostic_problem(warning.diagnostic, warning.kind, "warning",
                                               KINDS[warning.kind]))
    if broken:
        return problems
    settings = resolve_settings(parsed, {})
    engine = Engine([compile_ruleset(item, host.functions, settings[item.node.id]) for item in parsed],
                    schema, host)
    mine_names = {item.source.name for item in mine}
    rules = [rule for rule in engine.all_rules() if rule.source in mine_names]
    sources = {item.source.name: item.source for item in mine}
    for result in untested_passes(engine, rules):
        diagnostic = sources[result.rule.source].diagnostic(
            result.example.span, f"{result.label} tests nothing: {result.detail}",
            expected="a passing example the rule checks and passes (beside any that show its "
                     "'when' leaving a form alone)")
        problems.append(diagnostic_problem(diagnostic, "example-tests-nothing", "warning",
                                           KINDS["example-tests-nothing"]))
    return problems
