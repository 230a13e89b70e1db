"""JSON and YAML readers: one form, a list of forms, or `{"forms": [...]}`."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import yaml

from ..hookspecs import hookimpl
from ..limits import DEFAULT_LIMITS, Limits
from ..models import Location
from . import RawForm, Reader, ReadOptions, ReadProblem

try:  # the C loader is much faster where libyaml is present
    YAML_LOADER: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    YAML_LOADER = yaml.SafeLoader


class _TooLarge(Exception):
    pass


def _read_text(path: Path, limits: Limits) -> str:
    """The file as text; _TooLarge when it is past the size limit (then it is not read)."""
    size = path.stat().st_size
    if size > limits.text_file:
        raise _TooLarge(f"the file is {size:,} bytes, more than the {limits.text_file:,} allowed "
                        "(limits.text_file); it is not read")
    return path.read_text(encoding="utf-8-sig")


def too_big(document: Any, limits: Limits) -> str | None:
    """Why `document` is past the nesting or value limits, or None. Values shared by YAML
    aliases are counted once per use (as a reader walking the form would meet them), but each
    is measured only once, so a billion-laughs file is measured at once."""
    sizes: dict[int, int] = {}
    depths: dict[int, int] = {}
    # Depth first, without recursion: (value, entered) pairs; a value's size is known when it
    # is left.
    stack: list[tuple[Any, bool]] = [(document, False)]
    while stack:
        value, entered = stack.pop()
        if not isinstance(value, dict | list):
            continue
        key = id(value)
        children = list(value.values()) if isinstance(value, dict) else value
        if entered:
            inner = [c for c in children if isinstance(c, dict | list)]
            if any(id(c) not in sizes for c in inner):
                return "a YAML alias refers to the list or block that holds it"
            size = len(children) + sum(sizes[id(c)] for c in inner)
            depth = 1 + max((depths[id(c)] for c in inner), default=0)
            if depth > limits.depth:
                return f"lists and blocks nest more than {limits.depth} deep (limits.depth)"
            if size > limits.values:
                return (f"it holds more than {limits.values:,} values, counting each use of a YAML "
                        "alias (limits.values)")
            sizes[key], depths[key] = size, depth
            continue
        if key in sizes or key in depths:
            continue
        depths[key] = limits.depth + 1  # a value that holds itself is never finished
        stack.append((value, True))
        stack.extend((c, False) for c in children if isinstance(c, dict | list) and id(c) not in sizes)
    return None


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


def _load(path: Path, limits: Limits, parse: Callable[[str], Any],
          syntax_error: type[Exception], says: Callable[[Any], str]) -> Any:
    """The file parsed by `parse` and held to `limits`, or a ReadProblem saying plainly why it
    cannot be: not UTF-8, too big, nested too deep, or `says(error)` for a syntax error."""
    where = Location(file=str(path))
    try:
        value = parse(_read_text(path, limits))
    except UnicodeDecodeError:
        return ReadProblem("the file is not UTF-8 text", where)
    except _TooLarge as exc:
        return ReadProblem(str(exc), where)
    except RecursionError:
        return ReadProblem(f"lists and blocks nest more than {limits.depth} deep (limits.depth)", where)
    except syntax_error as exc:
        return ReadProblem(says(exc), where)
    problem = too_big(value, limits)
    return ReadProblem(problem, where) if problem else value


def _json_error(exc: json.JSONDecodeError) -> str:
    return f"not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"


def _yaml_documents(text: str) -> list[Any]:
    return [d for d in yaml.load_all(text, Loader=YAML_LOADER) if d is not None]


def _yaml_error(exc: yaml.YAMLError) -> str:
    mark = getattr(exc, "problem_mark", None)
    where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
    return f"not valid YAML{where}: {getattr(exc, 'problem', None) or 'it cannot be read'}"


class JsonReader(Reader):
    name = "json"
    suffixes = (".json",)
    description = "A form, or a list of forms, as JSON."

    def read(self, path: Path, options: ReadOptions | None = None) -> Iterator[RawForm | ReadProblem]:
        limits = options.limits if options else DEFAULT_LIMITS
        document = _load(path, limits, json.loads, json.JSONDecodeError, _json_error)
        if isinstance(document, ReadProblem):
            yield document
            return
        yield from _forms_in(document, path)


class YamlReader(Reader):
    name = "yaml"
    suffixes = (".yaml", ".yml")
    description = "A form, or a list of forms, as YAML (several documents allowed)."

    def read(self, path: Path, options: ReadOptions | None = None) -> Iterator[RawForm | ReadProblem]:
        limits = options.limits if options else DEFAULT_LIMITS
        documents = _load(path, limits, _yaml_documents, yaml.YAMLError, _yaml_error)
        if isinstance(documents, ReadProblem):
            yield documents
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
