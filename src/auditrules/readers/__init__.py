"""Readers turn input files into plain form data; they know nothing of rules."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from ..limits import DEFAULT_LIMITS, Limits
from ..models import Location

if TYPE_CHECKING:
    from ..dsl import types as t
    from ..schema import FormSchema
    from .form_mapping import FormMapping
    from .mapping import SheetMapping


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


@dataclass(frozen=True)
class ReadOptions:
    """What a reader may need besides the file: the column or label mapping, the form schema
    (with plugin blocks) to know which fields exist, and the limits an input is held to (the
    largest cell, archive and file sizes, nesting)."""

    mapping: SheetMapping | FormMapping | None = None
    schema: FormSchema | None = None
    limits: Limits = DEFAULT_LIMITS

    @property
    def max_cell(self) -> int:
        return self.limits.cell

    def _schema(self) -> FormSchema:
        from ..schema import FormSchema

        return self.schema or FormSchema()

    @cached_property
    def _paths(self) -> dict[str, t.Type]:
        return self._schema().field_paths()

    def field_paths(self) -> dict[str, t.Type]:
        return self._paths

    def list_fields(self) -> dict[str, list[str]]:
        return self._schema().list_fields()


class Reader(ABC):
    """Base for readers: set `name` and `suffixes`, and yield forms (or problems) from `read`."""

    name: ClassVar[str] = ""
    suffixes: ClassVar[tuple[str, ...]] = ()
    description: ClassVar[str] = ""

    @abstractmethod
    def read(self, path: Path, options: ReadOptions | None = None) -> Iterator[RawForm | ReadProblem]:
        """Yield each form in the file, or a problem where part of it cannot be read."""


__all__ = ["RawForm", "ReadOptions", "ReadProblem", "Reader"]
