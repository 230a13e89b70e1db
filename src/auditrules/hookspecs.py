"""The plugin contract. Every hook is called with keyword arguments, so specs can grow safely.

`register_*` hooks return a list (or mapping) of things the plugin adds; names must be unique
across all plugins, and a clash is refused at start-up naming both plugins.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:
    import click
    from pydantic import BaseModel

    from .functions import FunctionSpec
    from .readers import Reader
    from .reporters import Reporter

hookspec = pluggy.HookspecMarker("auditrules")
hookimpl = pluggy.HookimplMarker("auditrules")


@hookspec
def register_rulesets() -> list[Path | str]:
    """Rule-set files (`.rules`) or folders of them that this plugin adds."""
    return []


@hookspec
def register_functions() -> list[FunctionSpec]:
    """Functions rules may call, made with `auditrules.function`."""
    return []


@hookspec
def register_form_blocks() -> dict[str, type[BaseModel]]:
    """Blocks of fields to add to the form, by name: `{"domestic_abuse": DomesticAbuse}`."""
    return {}


@hookspec
def register_readers() -> list[Reader]:
    """Readers for input file formats."""
    return []


@hookspec
def register_reporters() -> list[Reporter]:
    """Reporters, each a `--format` choice."""
    return []


@hookspec
def register_commands(cli: click.Group) -> Any:
    """Add commands to the `auditrules` command line."""
