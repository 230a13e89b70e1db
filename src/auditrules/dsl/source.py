"""Rule-set text with the name it is reported by, and the error a syntax mistake raises.

Kept apart from the parser so the checker, the loader and the rule-set cache can use them
without loading the grammar."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import Diagnostic
from . import ast


@dataclass(frozen=True)
class Source:
    """Rule-set text and the name to report it by."""

    name: str
    text: str

    def line(self, number: int) -> str:
        lines = self.text.splitlines()
        return lines[number - 1] if 0 < number <= len(lines) else ""

    def diagnostic(
        self,
        span: ast.Span,
        message: str,
        *,
        expected: str = "",
        suggestion: str = "",
    ) -> Diagnostic:
        width = span.end_column - span.column if span.end_line == span.line else 1
        return Diagnostic(
            file=self.name,
            line=span.line,
            column=span.column,
            message=message,
            source_line=self.line(span.line),
            expected=expected,
            suggestion=suggestion,
            width=max(1, width),
        )

    def snippet(self, span: ast.Span) -> str:
        return self.text[span.start : span.end]


class SyntaxProblem(Exception):
    def __init__(self, diagnostic: Diagnostic):
        self.diagnostic = diagnostic
        super().__init__(diagnostic.format())
