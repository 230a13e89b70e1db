"""Errors a user can cause. The CLI turns each into a plain message and exit code 2."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


def did_you_mean(name: str, known: Iterable[str]) -> str | None:
    """The nearest known name to `name`, if one is close enough to be a likely typo."""
    matches = difflib.get_close_matches(name, sorted(set(known)), n=1, cutoff=0.6)
    return matches[0] if matches else None


class AuditrulesError(Exception):
    """Base for every error caused by input, configuration or a rule set."""


class UsageError(AuditrulesError):
    """A command was asked for something it cannot do (a missing file, a bad option value)."""


class InputError(AuditrulesError):
    """An input file cannot be read at all."""


class PluginError(AuditrulesError):
    """A plugin failed to load or clashes with another plugin."""


@dataclass(frozen=True)
class Diagnostic:
    """One located problem in a rule set, printed as FILE:LINE:COL, the line and a caret."""

    file: str
    line: int
    column: int
    message: str
    source_line: str = ""
    expected: str = ""
    suggestion: str = ""
    width: int = 1

    def format(self) -> str:
        parts = [f"{self.file}:{self.line}:{self.column}: {self.message}"]
        if self.source_line:
            line = self.source_line.rstrip("\n").expandtabs(1)
            parts.append(f"    {line}")
            caret = "^" + "~" * max(0, min(self.width, len(line) - self.column + 1) - 1)
            parts.append("    " + " " * (self.column - 1) + caret)
        if self.expected:
            parts.append(f"  expected {self.expected}")
        if self.suggestion:
            parts.append(f"  did you mean '{self.suggestion}'?")
        return "\n".join(parts)

    def sort_key(self) -> tuple[str, int, int]:
        return (self.file, self.line, self.column)


class RuleSetError(AuditrulesError):
    """One or more problems in rule sets, all found in one pass."""

    def __init__(self, diagnostics: Sequence[Diagnostic]):
        self.diagnostics = sorted(diagnostics, key=Diagnostic.sort_key)
        count = len(self.diagnostics)
        summary = f"{count} problem{'s' if count != 1 else ''} in rule sets"
        super().__init__("\n".join([*(d.format() for d in self.diagnostics), summary]))
