"""Reports of `auditrules validate` and `auditrules test` for CI: JSON, JUnit XML, SARIF 2.1.0
and GitHub Actions workflow commands.

Both commands' results become `Problem`s located in rule-set files (a rule-set mistake, a strict
warning, or an example that misbehaved); JUnit also lists what passed.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ._version import __version__
from .errors import Diagnostic
from .patterns import compiled
from .testing import ExampleResult, RuleCoverage

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"

VALIDATE_KINDS = {
    "syntax-error": "Rule-set syntax error",
    "rule-set-error": "Rule-set error",
}


@dataclass(frozen=True)
class Descriptor:
    """What a kind of problem is (SARIF reportingDescriptor): an id, a title and help text."""

    id: str
    title: str
    help: str = ""
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Problem:
    """One located problem in a rule-set file."""

    file: str
    line: int
    column: int
    message: str
    kind: str
    severity: str  # error | warning
    title: str
    detail: str = ""
    """The full text a person reads: the message, the source line and caret, what was expected."""


def diagnostic_problem(diagnostic: Diagnostic, kind: str, severity: str, title: str) -> Problem:
    lines = [diagnostic.message]
    if diagnostic.expected:
        lines.append(f"expected {diagnostic.expected}")
    if diagnostic.suggestion:
        lines.append(f"did you mean '{diagnostic.suggestion}'?")
    # Warnings are printed like errors, with the word "warning" after the place.
    shown = replace(diagnostic, message=f"warning: {diagnostic.message}") if severity == "warning" \
        else diagnostic
    return Problem(diagnostic.file, diagnostic.line, diagnostic.column, "\n".join(lines), kind,
                   severity, title, shown.format())


def example_problem(result: ExampleResult) -> Problem:
    line, column = result.example.span.line, result.example.span.column
    return Problem(result.rule.source, line, column, f"{result.label}: {result.detail}",
                   result.rule.id, "error", f"{result.rule.id} {result.example.describe(result.index)}",
                   f"{result.where}: FAIL {result.label}: {result.detail}")


def rule_descriptor(result: ExampleResult) -> Descriptor:
    rule = result.rule
    hint = "".join(p if isinstance(p, str) else "{…}" for p in rule.node.hint.parts) \
        if rule.node.hint is not None else ""
    return Descriptor(rule.id, rule.node.title, hint, rule.tags)


# ---- JSON --------------------------------------------------------------------------------------


def _problem_dict(problem: Problem) -> dict[str, Any]:
    return {"file": problem.file, "line": problem.line, "column": problem.column,
            "severity": problem.severity, "kind": problem.kind, "message": problem.message}


def validation_json(files: Sequence[tuple[str, str | None]], problems: Sequence[Problem]) -> str:
    data = {
        "rulesets": [{"file": name, "id": ruleset_id} for name, ruleset_id in files],
        "problems": [_problem_dict(p) for p in problems],
        "errors": sum(1 for p in problems if p.severity == "error"),
        "warnings": sum(1 for p in problems if p.severity == "warning"),
    }
    return json.dumps(data, indent=2) + "\n"


def examples_json(results: Sequence[ExampleResult], covered: Sequence[RuleCoverage] | None) -> str:
    data: dict[str, Any] = {
        "examples": [{
            "ruleset": r.rule.ruleset.info.id, "rule": r.rule.id, "file": r.rule.source,
            "line": r.example.span.line, "column": r.example.span.column, "kind": r.example.kind,
            "name": r.example.name, "ok": r.ok, "detail": r.detail,
        } for r in results],
        "passed": sum(1 for r in results if r.ok),
        "failed": sum(1 for r in results if not r.ok),
    }
    if covered is not None:
        data["coverage"] = [{"ruleset": c.rule.ruleset.info.id, "rule": c.rule.id,
                             "covered": c.covered} for c in covered]
    return json.dumps(data, indent=2) + "\n"


# ---- JUnit XML ---------------------------------------------------------------------------------

_NOT_XML = compiled("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _xml_text(text: str) -> str:
    return _NOT_XML.sub("?", text)


def _junit(root: ET.Element) -> str:
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _count(element: ET.Element, tests: int, failures: int) -> None:
    element.set("tests", str(tests))
    element.set("failures", str(failures))
    element.set("errors", "0")
    element.set("skipped", "0")


def examples_junit(results: Sequence[ExampleResult]) -> str:
    """A testsuite per rule set, a testcase per example; a failure says what happened."""
    root = ET.Element("testsuites", name="auditrules test")
    by_ruleset: dict[str, list[ExampleResult]] = {}
    for result in results:
        by_ruleset.setdefault(result.rule.ruleset.info.id, []).append(result)
    for ruleset_id, members in by_ruleset.items():
        suite = ET.SubElement(root, "testsuite", name=ruleset_id)
        suite.set("file", members[0].rule.source)
        _count(suite, len(members), sum(1 for r in members if not r.ok))
        for result in members:
            case = ET.SubElement(suite, "testcase",
                                 name=f"{result.rule.id} {result.example.describe(result.index)}",
                                 classname=f"{ruleset_id}.{result.rule.id}")
            case.set("file", result.rule.source)
            case.set("line", str(result.example.span.line))
            if not result.ok:
                failure = ET.SubElement(case, "failure", type="example-misbehaved",
                                        message=_xml_text(result.detail))
                failure.text = _xml_text(
                    f"{result.where}: rule {result.rule.id} ({result.rule.node.title}), "
                    f"{result.example.describe(result.index)}: {result.detail}")
    _count(root, len(results), sum(1 for r in results if not r.ok))
    return _junit(root)


def validation_junit(files: Sequence[tuple[str, str | None]], problems: Sequence[Problem]) -> str:
    """A testcase per rule-set file, a failure per problem found in it."""
    root = ET.Element("testsuites", name="auditrules validate")
    suite = ET.SubElement(root, "testsuite", name="auditrules validate")
    names = [name for name, _ in files]
    names.extend(sorted({p.file for p in problems} - set(names)))
    ids = dict(files)
    failed = 0
    for name in names:
        case = ET.SubElement(suite, "testcase", name=name, classname=ids.get(name) or name)
        case.set("file", name)
        mine = [p for p in problems if p.file == name]
        failed += bool(mine)
        for problem in mine:
            failure = ET.SubElement(case, "failure", type=f"{problem.severity}:{problem.kind}",
                                    message=_xml_text(f"{problem.line}:{problem.column}: "
                                                      f"{problem.message.splitlines()[0]}"))
            failure.text = _xml_text(problem.detail or problem.message)
    _count(suite, len(names), failed)
    _count(root, len(names), failed)
    return _junit(root)


# ---- SARIF 2.1.0 -------------------------------------------------------------------------------


def artifact_uri(name: str) -> tuple[str, bool]:
    """The file's URI, relative to the working folder where it is inside it (and whether so)."""
    path = Path(name)
    if not path.is_absolute():
        return quote(path.as_posix()), True
    try:
        return quote(path.resolve().relative_to(Path.cwd().resolve()).as_posix()), True
    except ValueError:
        return path.resolve().as_uri(), False


@dataclass
class _Sarif:
    tool: str
    descriptors: list[Descriptor] = field(default_factory=list)

    def index(self, descriptor: Descriptor) -> int:
        for position, known in enumerate(self.descriptors):
            if known.id == descriptor.id:
                return position
        self.descriptors.append(descriptor)
        return len(self.descriptors) - 1


def sarif(problems: Iterable[tuple[Problem, Descriptor]], command: str) -> str:
    """One run, a reportingDescriptor per kind of problem (or failing rule), a result per problem."""
    run = _Sarif(command)
    results = []
    for problem, descriptor in problems:
        uri, relative = artifact_uri(problem.file)
        artifact: dict[str, Any] = {"uri": uri}
        if relative:
            artifact["uriBaseId"] = "%SRCROOT%"
        results.append({
            "ruleId": descriptor.id,
            "ruleIndex": run.index(descriptor),
            "level": problem.severity,
            "message": {"text": problem.message},
            "locations": [{"physicalLocation": {
                "artifactLocation": artifact,
                "region": {"startLine": problem.line, "startColumn": problem.column},
            }}],
        })
    rules = []
    for descriptor in run.descriptors:
        rule: dict[str, Any] = {"id": descriptor.id, "name": descriptor.id,
                                "shortDescription": {"text": descriptor.title}}
        if descriptor.help:
            rule["help"] = {"text": descriptor.help}
        if descriptor.tags:
            rule["properties"] = {"tags": list(descriptor.tags)}
        rules.append(rule)
    document = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "auditrules", "version": __version__,
                                "rules": rules}},
            "automationDetails": {"id": f"auditrules/{command}/"},
            "originalUriBaseIds": {"%SRCROOT%": {"uri": Path.cwd().resolve().as_uri() + "/"}},
            "results": results,
        }],
    }
    return json.dumps(document, indent=2) + "\n"


# ---- GitHub Actions workflow commands ------------------------------------------------------------


def escape_data(text: str) -> str:
    """A workflow command's message: `%`, carriage returns and line feeds are escaped."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A workflow command's property value: as a message, and `:` and `,` too."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_line(problem: Problem) -> str:
    """`::error file=PATH,line=L,col=C,title=TITLE::MESSAGE` (or ::warning)."""
    properties = ",".join(f"{key}={escape_property(value)}" for key, value in (
        ("file", problem.file), ("line", str(problem.line)), ("col", str(problem.column)),
        ("title", problem.title)))
    return f"::{problem.severity} {properties}::{escape_data(problem.message)}"
