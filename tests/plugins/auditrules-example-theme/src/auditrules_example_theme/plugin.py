"""The example theme's hooks: a function, a form block, a rule set, a reporter and a command."""

from __future__ import annotations

import re
from pathlib import Path
from typing import IO, Any

import click

import auditrules
from auditrules import Outcome
from auditrules.reporters import Reporter

RULESET = Path(__file__).with_name("example-theme.rules")

_SCHOOL = re.compile(
    r"\b(?:school|teachers?|head ?teacher|DSL|designated safeguarding lead|SENCo)\b", re.IGNORECASE
)


@auditrules.function(returns="bool")
def mentions_school(text: str | None) -> Outcome:
    """Whether the text says how the school was involved (school, teacher, DSL or SENCo)."""
    match = _SCHOOL.search(text or "")
    if match:
        return Outcome(True, (f"mentions '{match.group(0)}'",), (match.group(0),))
    return Outcome(False, ("no mention of the school, a teacher, the DSL or the SENCo",))


class ExampleTheme(auditrules.Block):
    """The theme's part of the form."""

    school_notified: bool | None = None
    notes: str | None = None


class CountReporter(Reporter):
    name = "count"
    description = "Only the number of findings."
    suffix = ".txt"

    def write(self, result: Any, stream: IO[Any], *, color: bool = False) -> None:
        stream.write(f"{len(result.findings)}\n")


@auditrules.hookimpl
def register_functions() -> list[auditrules.FunctionSpec]:
    return [mentions_school]


@auditrules.hookimpl
def register_form_blocks() -> dict[str, type[auditrules.Block]]:
    return {"example_theme": ExampleTheme}


@auditrules.hookimpl
def register_rulesets() -> list[Path]:
    return [RULESET]


@auditrules.hookimpl
def register_reporters() -> list[Reporter]:
    return [CountReporter()]


@auditrules.hookimpl
def register_commands(cli: click.Group) -> None:
    @cli.command(name="school-cues")
    @click.argument("text")
    def school_cues(text: str) -> None:
        """Say whether TEXT mentions the school, as the example theme's rules judge it."""
        outcome = mentions_school.impl(text)
        click.echo(f"mentions the school: {'yes' if outcome else 'no'} ({'; '.join(outcome.reasons)})")
