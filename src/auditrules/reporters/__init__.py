"""Reporters turn a check's result into an output; they only read findings."""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from json import dumps as json_dumps  # by name: the package's own `json` module takes the name `json` here
from typing import IO, TYPE_CHECKING, Any, ClassVar

import orjson

from ..patterns import compiled

if TYPE_CHECKING:
    from ..results import CheckResult


class Reporter(ABC):
    """Base for reporters: set `name` (the `--format` choice) and write the result."""

    name: ClassVar[str] = ""
    description: ClassVar[str] = ""
    binary: ClassVar[bool] = False
    suffix: ClassVar[str] = ".txt"

    @abstractmethod
    def write(self, result: CheckResult, stream: IO[Any], *, color: bool = False) -> None:
        """Write the whole report for `result` to `stream`."""


_CONTROL = compiled(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _symbol(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    if code < 0x20:
        return chr(0x2400 + code)  # the control picture: ␛ for escape, ␍ for carriage return
    return "\u2421" if code == 0x7F else "\ufffd"


def visible(text: str) -> str:
    """`text` safe to print on a terminal: a control character in case text (an escape sequence
    could recolour the screen, hide a line or rewrite one already printed) is shown as its
    symbol (␛) instead of acting. New lines and tabs are kept."""
    return _CONTROL.sub(_symbol, text)


def indented_json(value: Any, *, sort_keys: bool = False) -> str:
    """`json.dumps(value, indent=2, ensure_ascii=False, sort_keys=sort_keys)`, for a finding's
    text, whole numbers, lists and maps (never a fraction, which orjson writes differently),
    written with orjson in a fraction of the time: a report writes one for each finding. Text that
    is not valid Unicode (a lone surrogate from a hostile file), which orjson refuses, is written
    by `json.dumps` itself."""
    options = orjson.OPT_INDENT_2 | (orjson.OPT_SORT_KEYS if sort_keys else 0)
    try:
        return orjson.dumps(value, option=options).decode()
    except TypeError:
        return json_dumps(value, indent=2, ensure_ascii=False, sort_keys=sort_keys)


__all__ = ["Reporter", "indented_json", "visible"]
