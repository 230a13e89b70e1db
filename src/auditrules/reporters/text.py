"""Terminal report: one line per finding (where, rule, severity, message), then a summary."""

from __future__ import annotations

from typing import IO, Any

import click

from ..hookspecs import hookimpl
from ..models import Finding
from ..results import CheckResult
from . import Reporter, visible

_COLOURS = {"error": "red", "warning": "yellow", "info": "cyan"}


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def finding_line(finding: Finding, *, color: bool = False) -> str:
    where = visible(finding.location.describe())
    form = visible(f"{finding.form} ") if finding.form else ""
    severity: str = finding.severity
    if color:
        severity = click.style(severity, fg=_COLOURS[severity], bold=True)
    return f"{where}: {form}{finding.rule} {severity}: {visible(finding.message)}"


def summary_line(result: CheckResult) -> str:
    counts = result.counts()
    total = len(result.findings)
    parts = [f"{_plural(total, 'finding')} in {_plural(result.forms_checked, 'form')}"]
    if total:
        parts[0] += " (" + ", ".join(_plural(n, s) for s, n in counts.items() if n) + ")"
    if result.waived is not None:
        parts.append(f"{_plural(len(result.waived), 'finding')} waived")
    if result.errors:
        parts.append(f"{_plural(len(result.errors), 'problem')} reading forms")
    return "; ".join(parts) + "."


class TextReporter(Reporter):
    name = "text"
    description = "One line per finding, with why and what good looks like, then a summary."
    suffix = ".txt"

    def write(self, result: CheckResult, stream: IO[Any], *, color: bool = False) -> None:
        for finding in result.findings:
            stream.write(finding_line(finding, color=color) + "\n")
            why = "; ".join(finding.reasons)
            if why and why not in finding.message:
                stream.write(f"    why: {visible(why)}\n")
            if finding.hint:
                stream.write(f"    good looks like: {visible(finding.hint)}\n")
        for error in result.errors:
            label = click.style("could not read", fg="red", bold=True) if color else (
                "could not read")
            form = f" {error.form}" if error.form else ""
            where = error.location.model_copy(update={"path": ""}).describe()
            stream.write(f"{visible(where)}:{visible(form)} {label}: {visible(error.message)}\n")
        if result.waived:
            stream.write("waived (listed apart, not counted):\n")
            for item in result.waived:
                waiver = item.waiver
                stream.write(finding_line(item.finding) + "\n")
                stream.write(visible(f"    waived by {waiver.approver} until "
                                     f"{waiver.expires.isoformat()} ({waiver.where.describe()}): "
                                     f"{waiver.reason}\n"))
        stream.write(summary_line(result) + "\n")
        if result.model and result.model.get("labels"):
            stream.write(f"text checks scored by {visible(result.model_summary or '')}\n")


@hookimpl
def register_reporters() -> list[Reporter]:
    return [TextReporter()]
