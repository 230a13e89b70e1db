"""Rule sets read before, kept as plain data so the next run need not parse them again.

Parsing is most of the time it takes to load a rule set, and the bundled rule sets are the same
on every run. After a rule-set file is parsed, its syntax tree is written to the user's cache
folder as JSON, under a name made from the file's text and the parser's own files. The next run
that meets the same text reads the tree back instead of parsing it. The rule set is still
checked and compiled on every run, so a change of plugins, settings or form schema is always
seen.

The cache holds data only, never code: reading an entry builds syntax-tree nodes from a fixed
list of kinds, nothing else. Each entry starts with a digest of its contents; an entry that is
cut short, changed since it was written, from another version of auditrules or not an entry at
all counts as missing, so the file is parsed again and the entry rewritten.

Set `AUDITRULES_CACHE` to another folder, or to `off` to use no cache.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
import tempfile
import types
import typing
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from ..cachedir import CACHE_ENV, cache_folder
from . import ast

FORMAT = "1"
# Entries kept: enough for every rule set a council loads, a few times over.
KEEP = 256

_KINDS: dict[str, type] = {
    name: value for name, value in vars(ast).items()
    if isinstance(value, type) and dataclasses.is_dataclass(value) and value.__module__ == ast.__name__
}


def _allowed(hint: Any) -> tuple[type, ...]:
    """The classes a value of this field may be (the outer type only: tuple, not its items)."""
    origin = typing.get_origin(hint)
    if hint is Any:
        return (object,)
    if origin in (types.UnionType, typing.Union):
        return tuple(kind for part in typing.get_args(hint) for kind in _allowed(part))
    if origin is not None:
        return (origin,)
    if hint is type(None):
        return (type(None),)
    if hint is float:
        return (int, float)
    return (hint,)


# For each kind, the classes each of its fields may hold: an entry whose nodes hold anything
# else is not a tree auditrules wrote.
_FIELDS: dict[str, tuple[tuple[type, ...], ...]] = {
    name: tuple(_allowed(hints[item.name]) for item in dataclasses.fields(kind))
    for name, kind in _KINDS.items()
    for hints in [typing.get_type_hints(kind, vars(ast))]
}


def folder() -> Path | None:
    """Where entries are kept, or None when the cache is switched off."""
    return cache_folder("rulesets")


@cache
def _parser_key() -> str:
    """What the tree depends on besides the rule set's text: the grammar and the code that
    builds the tree from it. A change to either makes every entry count as missing."""
    digest = hashlib.sha256(FORMAT.encode())
    package = resources.files("auditrules.dsl")
    for name in ("grammar.lark", "parser.py", "ast.py", "cache.py"):
        digest.update(package.joinpath(name).read_bytes())
    return digest.hexdigest()


def entry_name(text: str) -> str:
    return hashlib.sha256((_parser_key() + "\0" + text).encode("utf-8")).hexdigest() + ".json"


def load(text: str) -> ast.RuleSet | None:
    """The tree kept for this rule-set text, or None (not kept, unreadable, or not a tree)."""
    where = folder()
    if where is None:
        return None
    try:
        raw = (where / entry_name(text)).read_bytes()
        digest, _, body = raw.partition(b"\n")
        if digest != hashlib.sha256(body).hexdigest().encode():
            return None  # cut short or changed since it was written
        node = json.loads(body, object_hook=_decode)
    except (OSError, ValueError, TypeError, KeyError, RecursionError):
        return None
    return node if isinstance(node, ast.RuleSet) else None


def store(text: str, node: ast.RuleSet) -> None:
    """Keep the tree for next time; a folder that cannot be written is passed over quietly."""
    where = folder()
    if where is None:
        return
    try:
        body = json.dumps(_encode(node), separators=(",", ":"), allow_nan=False).encode("utf-8")
    except (TypeError, ValueError, RecursionError):
        return  # something in the tree is not plain data: parse this one every time
    try:
        where.mkdir(parents=True, exist_ok=True)
        # Written whole then moved into place, so a run reading it never sees half a file.
        handle, temporary = tempfile.mkstemp(dir=where, suffix=".part")
        with os.fdopen(handle, "wb") as out:
            # The first line is the digest of the rest: an entry cut short, or changed since,
            # is known and passed over.
            out.write(hashlib.sha256(body).hexdigest().encode() + b"\n" + body)
        os.replace(temporary, where / entry_name(text))
        _prune(where)
    except OSError:
        return


def _prune(where: Path) -> None:
    entries = sorted(where.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[KEEP:]:
        old.unlink(missing_ok=True)


def _encode(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value
    if isinstance(value, ast.Span):
        return {"s": [value.line, value.column, value.end_line, value.end_column, value.start, value.end]}
    if dataclasses.is_dataclass(value) and _KINDS.get(type(value).__name__) is type(value):
        return {"@": type(value).__name__,
                "v": [_encode(getattr(value, f.name)) for f in dataclasses.fields(value)]}
    if isinstance(value, tuple):
        return {"t": [_encode(item) for item in value]}
    if isinstance(value, list):
        return [_encode(item) for item in value]
    if isinstance(value, dict):
        return {"m": [[_encode(key), _encode(item)] for key, item in value.items()]}
    if isinstance(value, dt.datetime):
        return {"dt": value.isoformat()}
    if isinstance(value, dt.date):
        return {"d": value.isoformat()}
    raise TypeError(f"not plain data: {type(value).__name__}")


def _decode(data: dict[str, Any]) -> Any:
    if len(data) == 1:
        if "s" in data:
            return ast.Span(*data["s"])
        if "t" in data:
            return tuple(data["t"])
        if "m" in data:
            return {key: item for key, item in data["m"]}
        if "d" in data:
            return dt.date.fromisoformat(data["d"])
        if "dt" in data:
            return dt.datetime.fromisoformat(data["dt"])
    elif len(data) == 2 and "@" in data:
        name, values = data["@"], data["v"]
        fields = _FIELDS[name]
        if len(values) != len(fields) or not all(
                isinstance(value, allowed) for value, allowed in zip(values, fields, strict=True)):
            raise ValueError(f"not a {name} as auditrules writes one")
        return _KINDS[name](*values)
    raise ValueError("not an entry of the rule-set cache")


__all__ = ["CACHE_ENV", "folder", "load", "store"]
