"""The form schema: the canonical pro forma plus the blocks plugins add, as a model and as types.

Validation errors are rewritten in plain words, with the field's path in the form and, for an
unknown field, the nearest known one.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, Field, ValidationError, create_model

from .dsl import types as t
from .errors import did_you_mean
from .models import AuditForm, Block


@dataclass(frozen=True)
class FieldProblem:
    """One thing wrong with a form: where (path parts) and what."""

    loc: tuple[str | int, ...]
    message: str

    @property
    def path(self) -> str:
        return format_path(self.loc)


class FormInvalid(Exception):
    """A form's data does not fit the schema; `problems` says where and why."""

    def __init__(self, problems: list[FieldProblem]):
        self.problems = problems
        super().__init__("; ".join(f"{p.path or '(form)'}: {p.message}" for p in problems))


def format_path(loc: tuple[str | int, ...]) -> str:
    """`('sections', 0, 'judgement')` -> `sections[0].judgement`."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


class FormSchema:
    """The form model in use (the canonical form plus plugin blocks) and its field types."""

    def __init__(self, blocks: dict[str, type[BaseModel]] | None = None):
        self.blocks = dict(blocks or {})
        if self.blocks:
            extra: dict[str, Any] = {
                name: (model, Field(default_factory=model)) for name, model in self.blocks.items()
            }
            self.model: type[AuditForm] = create_model("AuditForm", __base__=AuditForm, **extra)
        else:
            self.model = AuditForm
        self.record = _record_type("form", self.model)

    def field_paths(self) -> dict[str, t.Type]:
        """Every single-valued field a spreadsheet column can hold, by canonical path; a section's
        fields as `sections.*.judgement`. Lists of words (`audit.themes`) are included."""
        paths: dict[str, t.Type] = {}

        def walk(prefix: str, record: t.RecordType) -> None:
            for name, field_type in record.fields:
                path = f"{prefix}{name}"
                if isinstance(field_type, t.RecordType):
                    walk(f"{path}.", field_type)
                elif isinstance(field_type, t.ListType) and isinstance(field_type.item, t.RecordType):
                    if path == "sections":
                        walk("sections.*.", field_type.item)
                else:
                    paths[path] = field_type

        walk("", self.record)
        return paths

    def list_fields(self) -> dict[str, list[str]]:
        """The lists of records (other than sections) and their items' fields:
        `{"plan_targets": ["text", "owner", ...], "assessment.actions": [...]}`."""
        lists: dict[str, list[str]] = {}

        def walk(prefix: str, record: t.RecordType) -> None:
            for name, field_type in record.fields:
                path = f"{prefix}{name}"
                if isinstance(field_type, t.RecordType):
                    walk(f"{path}.", field_type)
                elif isinstance(field_type, t.ListType) and isinstance(field_type.item, t.RecordType) \
                        and path != "sections":
                    lists[path] = field_type.item.field_names()

        walk("", self.record)
        return lists

    def validate(self, data: Any) -> AuditForm:
        """Build a form from plain data, or raise FormInvalid listing every problem."""
        if not isinstance(data, dict):
            raise FormInvalid([FieldProblem((), f"a form must be a mapping of fields, not {_kind(data)}")])
        try:
            return self.model.model_validate(data)
        except ValidationError as exc:
            raise FormInvalid([self._explain(error) for error in exc.errors()]) from None

    def _explain(self, error: Any) -> FieldProblem:
        loc = tuple(error["loc"])
        kind = error["type"]
        value = error.get("input")
        if kind == "extra_forbidden":
            parent = self._record_at(loc[:-1])
            name = str(loc[-1])
            known = parent.field_names() if parent else []
            message = f"unknown field '{name}'"
            suggestion = did_you_mean(name, known)
            if suggestion:
                message += f"; did you mean '{suggestion}'?"
            elif known:
                message += f"; known fields here: {', '.join(known)}"
            return FieldProblem(loc, message)
        if kind.startswith("date") or kind.startswith("datetime"):
            return FieldProblem(
                loc, f"{_shown(value)} is not a date (write it as YYYY-MM-DD or DD/MM/YYYY)"
            )
        if kind == "literal_error":
            expected = error.get("ctx", {}).get("expected", "")
            return FieldProblem(loc, f"{_shown(value)} is not one of {expected}")
        if kind.startswith("bool"):
            return FieldProblem(loc, f"{_shown(value)} is not yes/no (true or false)")
        if kind in ("int_parsing", "int_type", "float_parsing", "float_type", "int_from_float"):
            return FieldProblem(loc, f"{_shown(value)} is not a whole number")
        if kind == "list_type":
            return FieldProblem(loc, f"expected a list, not {_kind(value)}")
        if kind in ("model_type", "model_attributes_type", "dict_type"):
            return FieldProblem(loc, f"expected a block of fields, not {_kind(value)}")
        if kind == "string_type":
            return FieldProblem(loc, f"expected text, not {_kind(value)}")
        return FieldProblem(loc, str(error.get("msg", "is not valid")).rstrip("."))

    def _record_at(self, loc: tuple[str | int, ...]) -> t.RecordType | None:
        current: t.Type = self.record
        for part in loc:
            if isinstance(part, int):
                if not isinstance(current, t.ListType):
                    return None
                current = current.item
            else:
                if not isinstance(current, t.RecordType):
                    return None
                found = current.field(part)
                if found is None:
                    return None
                current = found
        return current if isinstance(current, t.RecordType) else None


def _shown(value: Any) -> str:
    text = repr(value) if not isinstance(value, str) else f"'{value}'"
    return text if len(text) <= 40 else text[:37] + "...'"


def _kind(value: Any) -> str:
    if isinstance(value, dict):
        return "a block of fields"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "text"
    if isinstance(value, bool):
        return "yes/no"
    if isinstance(value, int | float):
        return "a number"
    if value is None:
        return "nothing"
    return type(value).__name__


def _record_type(name: str, model: type[BaseModel]) -> t.RecordType:
    fields: list[tuple[str, t.Type]] = []
    for attr, info in model.model_fields.items():
        key = info.alias or attr
        fields.append((key, _annotation_type(key, info.annotation)))
    return t.RecordType(name, tuple(fields))


def _annotation_type(name: str, annotation: Any) -> t.Type:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _annotation_type(name, typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(options) == 1:
            return _annotation_type(name, options[0])
        return t.ANY
    if origin is Literal:
        return t.TextType("text", tuple(str(a) for a in typing.get_args(annotation)))
    if origin is list:
        (item,) = typing.get_args(annotation) or (Any,)
        item_name = name[:-1] if name.endswith("s") else name
        return t.ListType("list", _annotation_type(item_name, item))
    if isinstance(annotation, type):
        if issubclass(annotation, BaseModel):
            return _record_type(name, annotation)
        if annotation is bool:
            return t.BOOL
        if annotation in (int, float):
            return t.NUMBER
        if annotation is str:
            return t.TEXT
        if annotation is dt.datetime:
            return t.DATETIME
        if annotation is dt.date:
            return t.DATE
    return t.ANY


__all__ = ["Block", "FieldProblem", "FormInvalid", "FormSchema", "format_path"]
