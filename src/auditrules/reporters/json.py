"""JSON report: the documented shape, deterministic (the same input gives the same bytes)."""

from __future__ import annotations

import io
import json
import os
from collections.abc import Callable, Iterator
from typing import IO, Any

import orjson

from ..hookspecs import hookimpl
from ..results import CheckResult, finding_dict, finding_values_dict
from ..spool import Spool
from . import Reporter


class JsonReporter(Reporter):
    name = "json"
    description = "Every finding and error as JSON, for other programs."
    suffix = ".json"

    def write(self, result: CheckResult, stream: IO[Any], *, color: bool = False) -> None:
        # The same bytes as json.dump(result.as_dict(), indent=2, sort_keys=True), but each finding
        # is turned into JSON on its own, so a return's worth is never held twice in memory.
        whole = result.as_dict(findings=False)
        whole["findings"] = None
        stream.write("{\n")
        keys = sorted(whole)
        for number, key in enumerate(keys):
            stream.write(f"  {json.dumps(key)}: ")
            if key == "findings":
                findings = result.findings
                _write_list(map(finding_values_dict, findings.plain()) if isinstance(findings, Spool)
                            else map(finding_dict, findings), stream)
            else:
                stream.write(_nested(whole[key], 2))
            stream.write(",\n" if number < len(keys) - 1 else "\n")
        stream.write("}\n")


def _dumps(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False, sort_keys=True)


def _nested(value: Any, depth: int) -> str:
    """`value` as JSON laid out as it would be `depth` spaces in."""
    return _dumps(value).replace("\n", "\n" + " " * depth)


def _write_list(items: Iterator[dict[str, Any]], stream: IO[Any]) -> None:
    """The findings, each laid out as `json.dump` lays it out four spaces in. Their keys are in
    sorted order already (`finding_values_dict`); each is written as orjson gives it, in bytes,
    a thousand pieces at a time (`_bytes_to`)."""
    write, errors = _bytes_to(stream)
    first = True
    parts: list[bytes] = []
    for item in items:
        parts.append(b"[\n    " if first else b",\n    ")
        try:
            laid_out = orjson.dumps(item, option=orjson.OPT_INDENT_2)
        except TypeError:  # text that is not valid Unicode (a lone surrogate), which orjson refuses
            laid_out = json.dumps(item, indent=2, ensure_ascii=False).encode("utf-8", errors)
        parts.append(laid_out.replace(b"\n", b"\n    "))
        first = False
        if len(parts) >= _AT_A_TIME:
            write(b"".join(parts))
            parts = []
    parts.append(b"[]" if first else b"\n  ]")
    write(b"".join(parts))


_AT_A_TIME = 1_000  # pieces of a report written at once


def _bytes_to(stream: IO[Any]) -> tuple[Callable[[bytes], Any], str]:
    """How to write UTF-8 bytes to a text stream, and the errors setting to make them with: to the
    bytes beneath it, when it writes UTF-8 and leaves new lines as they are (as the report files
    are opened), so the text is not taken back from bytes and made into bytes again; else as
    text. Each way gives the stream the same bytes."""
    encoding = str(getattr(stream, "encoding", None) or "").lower().replace("-", "").replace("_", "")
    beneath = getattr(stream, "buffer", None)
    if isinstance(stream, io.TextIOWrapper) and encoding == "utf8" and beneath is not None \
            and os.linesep == "\n":
        stream.flush()  # what was written as text goes first
        return beneath.write, stream.errors or "strict"
    return (lambda data: stream.write(data.decode("utf-8", "surrogatepass"))), "surrogatepass"


@hookimpl
def register_reporters() -> list[Reporter]:
    return [JsonReporter()]
