"""The functions rules may call, and how plugins declare new ones.

A function that judges text returns an `Outcome`: its value plus the reasons for it (which cue
matched or was missing), so a finding can say why.
"""

from __future__ import annotations

import datetime as dt
import inspect
import types
import typing
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..dsl import types as t


@dataclass(frozen=True)
class Outcome:
    """A function's answer and why: `Outcome(False, reasons=("no reason or consequence given",))`.

    `evidence` holds the words that decided it, quoted in the finding.
    """

    value: Any
    reasons: tuple[str, ...] = ()
    evidence: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.value)


@dataclass(frozen=True)
class Param:
    name: str
    type: t.Type
    optional: bool = False


@dataclass(frozen=True)
class FunctionSpec:
    """A function rules can call: its name, typed parameters, result type and implementation."""

    name: str
    params: tuple[Param, ...]
    returns: t.Type
    impl: Callable[..., Any] = field(compare=False)
    doc: str = ""
    plugin: str = ""

    @property
    def summary(self) -> str:
        """The first sentence of the function's description."""
        first = self.doc.split("\n\n")[0].replace("\n", " ")
        return first.split(". ")[0].rstrip(".") + "." if first else ""

    @property
    def min_args(self) -> int:
        return sum(1 for p in self.params if not p.optional)

    def signature(self) -> str:
        params = ", ".join(f"{p.name}{'?' if p.optional else ''}: {p.type}" for p in self.params)
        return f"{self.name}({params}) -> {self.returns}"


def function(
    name: str | None = None,
    *,
    returns: str | None = None,
    params: dict[str, str] | None = None,
) -> Callable[[Callable[..., Any]], FunctionSpec]:
    """Declare a Python function as one rules may call.

    Parameter types come from the annotations (str -> text, int/float -> number, bool, date,
    list, dict -> record) unless `params` names them; `returns` is needed when the function
    returns an `Outcome`.
    """

    def wrap(impl: Callable[..., Any]) -> FunctionSpec:
        hints = typing.get_type_hints(impl)
        signature = inspect.signature(impl)
        declared = params or {}
        built: list[Param] = []
        for param in signature.parameters.values():
            if param.kind in (param.VAR_POSITIONAL, param.VAR_KEYWORD):
                raise TypeError(f"function {impl.__name__}: *args and **kwargs are not supported")
            if param.name in declared:
                param_type = t.named(declared[param.name])
            else:
                param_type = _python_type(hints.get(param.name, Any))
            built.append(Param(param.name, param_type, param.default is not param.empty))
        result = t.named(returns) if returns is not None else _python_type(hints.get("return", Any))
        return FunctionSpec(
            name=name or impl.__name__,
            params=tuple(built),
            returns=result,
            impl=impl,
            doc=(inspect.getdoc(impl) or "").strip(),
        )

    return wrap


def _python_type(annotation: Any) -> t.Type:
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _python_type(options[0]) if len(options) == 1 else t.ANY
    if origin in (list, tuple, Sequence, typing.Sequence):
        args = typing.get_args(annotation)
        return t.ListType("list", _python_type(args[0]) if args else t.ANY)
    if origin is dict or annotation is dict:
        return t.named("record")
    if annotation is str:
        return t.TEXT
    if annotation is bool:
        return t.BOOL
    if annotation in (int, float):
        return t.NUMBER
    if annotation is dt.datetime:
        return t.DATETIME
    if annotation is dt.date:
        return t.DATE
    return t.ANY


def forget_readings() -> None:
    """Let go of the texts read and judged for the last forms, kept in case the next rule asks
    again (each is read again if it is). The engine calls this between two forms, before Python's
    collector walks what is left (see `auditrules._gc.Sparing`)."""
    from . import judgements, text

    text.read.cache_clear()
    judgements.signals.cache_clear()


__all__ = ["FunctionSpec", "Outcome", "Param", "forget_readings", "function"]
