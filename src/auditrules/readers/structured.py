"""JSON and YAML readers: one form, a list of forms, or `{"forms": [...]}`."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from ..hookspecs import hookimpl
from ..models import Location
from . import RawForm, Reader, ReadOptions, ReadProblem

try:  # the C loader is much faster where libyaml is present
    _YamlLoader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _YamlLoader = yaml.SafeLoader


def _forms_in(document: Any, path: Path) -> Iterator[RawForm | ReadProblem]:
    if isinstance(document, dict) and set(document) == {"forms"}:
        document = document["forms"]
    if isinstance(document, dict):
        yield RawForm(document, Location(file=str(path)))
        return
    if isinstance(document, list):
        for index, item in enumerate(document):
            yield RawForm(item, Location(file=str(path), form_index=index))
        return
    yield ReadProblem(
        "the file holds neither a form (a mapping of fields) nor a list of forms",
        Location(file=str(path)),
    )


class JsonReader(Reader):
    name = "json"
    suffixes = (".json",)
    description = "A form, or a list of forms, as JSON."

    def read(self, path: Path, options: ReadOptions | None = None) -> Iterator[RawForm | ReadProblem]:
        try:
            document = json.loads(path.read_text(encoding="utf-8-sig"))
        except UnicodeDecodeError:
            yield ReadProblem("the file is not UTF-8 text", Location(file=str(path)))
            return
        except json.JSONDecodeError as exc:
            yield ReadProblem(
                f"not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}",
                Location(file=str(path)),
            )
            return
        yield from _forms_in(document, path)


class YamlReader(Reader):
    name = "yaml"
    suffixes = (".yaml", ".yml")
    description = "A form, or a list of forms, as YAML (several documents allowed)."

    def read(self, path: Path, options: ReadOptions | None = None) -> Iterator[RawForm | ReadProblem]:
        try:
            text = path.read_text(encoding="utf-8-sig")
            documents = [d for d in yaml.load_all(text, Loader=_YamlLoader) if d is not None]
        except UnicodeDecodeError:
            yield ReadProblem("the file is not UTF-8 text", Location(file=str(path)))
            return
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
            problem = getattr(exc, "problem", None) or "it cannot be read"
            yield ReadProblem(f"not valid YAML{where}: {problem}", Location(file=str(path)))
            return
        if len(documents) == 1:
            yield from _forms_in(documents[0], path)
            return
        index = 0
        for document in documents:
            for item in _forms_in(document, path):
                if isinstance(item, RawForm):
                    item = RawForm(item.data, Location(file=str(path), form_index=index))
                    index += 1
                yield item


@hookimpl
def register_readers() -> list[Reader]:
    return [JsonReader(), YamlReader()]
