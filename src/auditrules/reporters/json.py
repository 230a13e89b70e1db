"""JSON report: the documented shape, deterministic (the same input gives the same bytes)."""

from __future__ import annotations

import json
from typing import IO, Any

from ..engine import CheckResult
from ..hookspecs import hookimpl
from . import Reporter


class JsonReporter(Reporter):
    name = "json"
    description = "Every finding and error as JSON, for other programs."
    suffix = ".json"

    def write(self, result: CheckResult, stream: IO[Any], *, color: bool = False) -> None:
        json.dump(result.as_dict(), stream, indent=2, ensure_ascii=False, sort_keys=True)
        stream.write("\n")


@hookimpl
def register_reporters() -> list[Reporter]:
    return [JsonReporter()]
