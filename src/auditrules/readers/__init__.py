"""Readers turn input files into plain form data; they know nothing of rules."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from ..models import Location


@dataclass(frozen=True)
class RawForm:
    """One form's data as read, before it is checked against the schema.

    `field_locations` maps a field path (`sections[0].judgement`) to where it was read from,
    for inputs such as spreadsheets where that is a cell.
    """

    data: Any
    location: Location
    field_locations: Mapping[str, Location] = field(default_factory=dict)


@dataclass(frozen=True)
class ReadProblem:
    """Part of an input that could not be read; the rest is still read."""

    message: str
    location: Location
    form: str | None = None


class Reader(ABC):
    """Base for readers: set `name` and `suffixes`, and yield forms (or problems) from `read`."""

    name: ClassVar[str] = ""
    suffixes: ClassVar[tuple[str, ...]] = ()
    description: ClassVar[str] = ""

    @abstractmethod
    def read(self, path: Path) -> Iterator[RawForm | ReadProblem]:
        """Yield each form in the file, or a problem where part of it cannot be read."""


__all__ = ["RawForm", "ReadProblem", "Reader"]
