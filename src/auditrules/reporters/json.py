"""JSON report: the documented shape, deterministic (the same input gives the same bytes)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import IO, Any

from ..hookspecs import hookimpl
from ..results import CheckResult, finding_dict, finding_values_dict
from ..spool import Spool
from . import Reporter, indented_json


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
    sorted order already (`finding_values_dict`), and they are written a few hundred at a time."""
    first = True
    parts: list[str] = []
    for item in items:
        parts.append("[\n    " if first else ",\n    ")
        parts.append(indented_json(item).replace("\n", "\n    "))
        first = False
        if len(parts) >= _AT_A_TIME:
            stream.write("".join(parts))
            parts = []
    parts.append("[]" if first else "\n  ]")
    stream.write("".join(parts))


_AT_A_TIME = 1_000  # pieces of text written to the report at once


@hookimpl
def register_reporters() -> list[Reporter]:
    return [JsonReporter()]
