"""Adds `words`, which the built-in functions already have: auditrules must refuse it."""

from __future__ import annotations

import auditrules


@auditrules.function()
def words(text: str | None) -> int:
    """Counts characters, not words: a clash the host must refuse."""
    return len(text or "")


@auditrules.hookimpl
def register_functions() -> list[auditrules.FunctionSpec]:
    return [words]
