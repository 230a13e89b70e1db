"""The words the command line offers as choices (severities, fail levels, CI report formats), in a
module of their own so that building the command line imports nothing heavy."""

from __future__ import annotations

SEVERITIES: tuple[str, ...] = ("error", "warning", "info")
FAIL_LEVELS: tuple[str, ...] = (*SEVERITIES, "never")
CI_FORMATS: tuple[str, ...] = ("text", "json", "junit", "sarif", "github")
"""The formats `validate` and `test` report in."""
