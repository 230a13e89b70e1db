"""SARIF 2.1.0 report of a check, for code-scanning tools in CI.

A result per finding, pointing at the input file, with the form and field as a logical location
(and the line, for a finding about a line of a waivers file). A waived finding is a result with
a `suppressions` entry (accepted, with the waiver's reason as its justification), so tools show
it as suppressed rather than open.
"""

from __future__ import annotations

import io
import itertools
import json
from pathlib import Path
from typing import IO, Any

from .._version import __version__
from ..hookspecs import hookimpl
from ..models import Finding, WaivedFinding
from ..results import CheckResult
from . import Reporter, indented_json

LEVELS = {"error": "error", "warning": "warning", "info": "note"}
"""SARIF's word for each severity."""


class SarifReporter(Reporter):
    name = "sarif"
    description = "SARIF 2.1.0 for code-scanning tools; waived findings are marked as suppressed."
    suffix = ".sarif"

    def write(self, result: CheckResult, stream: IO[Any], *, color: bool = False) -> None:
        write_sarif(result, stream)


def sarif_document(result: CheckResult) -> str:
    """The whole SARIF document for `result`."""
    out = io.StringIO()
    write_sarif(result, out)
    return out.getvalue()


_RESULTS = "\0results\0"
"""Where the results go in the document, written one at a time in its place."""
_RESULTS_DEPTH = 6  # "results" is a key of the run, in the list of runs


def write_sarif(result: CheckResult, stream: IO[Any]) -> None:
    """The SARIF document for `result`: the rules first (one pass over the findings for their
    ids), then each result as it is read, so a large return's results are never all held."""
    from .. import ci_formats  # with the validation report's formats: loaded only when used

    rules: dict[str, int] = {}
    descriptors: list[dict[str, Any]] = []
    waived = list(result.waived or ())
    for finding in [*result.findings, *(item.finding for item in waived)]:
        if finding.rule not in rules:
            rules[finding.rule] = len(descriptors)
            descriptor: dict[str, Any] = {"id": finding.rule, "name": finding.rule,
                                          "shortDescription": {"text": finding.title or finding.rule}}
            if finding.hint:
                descriptor["help"] = {"text": finding.hint}
            if finding.tags:
                descriptor["properties"] = {"tags": list(finding.tags)}
            descriptors.append(descriptor)
    document = {
        "$schema": ci_formats.SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "auditrules", "version": __version__, "rules": descriptors,
                                **({"properties": {"model": result.model}} if result.model else {})}},
            "automationDetails": {"id": "auditrules/check/"},
            "originalUriBaseIds": {"%SRCROOT%": {"uri": Path.cwd().resolve().as_uri() + "/"}},
            "results": _RESULTS,
        }],
    }
    head, tail = json.dumps(document, indent=2, ensure_ascii=False).split(json.dumps(_RESULTS))
    stream.write(head)
    inner = " " * (_RESULTS_DEPTH + 2)
    first = True
    for finding, cover in itertools.chain(((f, None) for f in result.findings),
                                          ((item.finding, item) for item in waived)):
        text = indented_json(_result(finding, rules[finding.rule], cover))
        stream.write(("[\n" if first else ",\n") + inner + text.replace("\n", "\n" + inner))
        first = False
    stream.write("[]" if first else "\n" + " " * _RESULTS_DEPTH + "]")
    stream.write(tail + "\n")


def _result(finding: Finding, index: int, waived: WaivedFinding | None = None) -> dict[str, Any]:
    from .. import ci_formats

    where = finding.location
    message = finding.message + (f"\nGood looks like: {finding.hint}" if finding.hint else "")
    location: dict[str, Any] = {}
    if where.file:
        uri, relative = ci_formats.artifact_uri(where.file)
        artifact: dict[str, Any] = {"uri": uri}
        if relative:
            artifact["uriBaseId"] = "%SRCROOT%"
        physical: dict[str, Any] = {"artifactLocation": artifact}
        if where.row is not None and where.sheet is None and where.cell is None:
            physical["region"] = {"startLine": where.row}  # a line of a text file
        location["physicalLocation"] = physical
    name = "/".join(part for part in (finding.form, where.path) if part)
    if name:
        location["logicalLocations"] = [{"fullyQualifiedName": name, "kind": "member"}]
    properties = {key: value for key, value in (
        ("form", finding.form), ("field", where.path or None), ("section", where.section),
        ("cell", where.cell), ("severity", finding.severity)) if value}
    out: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": index,
        "level": LEVELS[finding.severity],
        "message": {"text": message},
        "locations": [location] if location else [],
        "properties": properties,
    }
    if waived is not None:
        waiver = waived.waiver
        out["suppressions"] = [{
            "kind": "external", "status": "accepted", "justification": waiver.reason,
            "properties": {"approver": waiver.approver, "expires": waiver.expires.isoformat(),
                           "waiver": waiver.where.describe()},
        }]
    return out


@hookimpl
def register_reporters() -> list[Reporter]:
    return [SarifReporter()]
