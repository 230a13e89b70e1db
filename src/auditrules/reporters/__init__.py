"""Reporters turn a check's result into an output; they only read findings."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import IO, TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from ..engine import CheckResult


class Reporter(ABC):
    """Base for reporters: set `name` (the `--format` choice) and write the result."""

    name: ClassVar[str] = ""
    description: ClassVar[str] = ""
    binary: ClassVar[bool] = False
    suffix: ClassVar[str] = ".txt"

    @abstractmethod
    def write(self, result: CheckResult, stream: IO[Any], *, color: bool = False) -> None:
        """Write the whole report for `result` to `stream`."""


__all__ = ["Reporter"]
