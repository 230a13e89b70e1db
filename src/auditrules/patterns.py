"""Regular expressions compiled once on a machine, not on every run.

Python compiles a regular expression in plain Python: it parses the pattern, then writes the
program its matcher runs. The checks hold nearly two hundred patterns, and compiling them was a fifth
of the instructions of checking one write-up from the command line. `compiled(pattern, flags)`
gives the pattern `re.compile(pattern, flags)` gives (equal to it, program and all), and keeps
each pattern's program in the user's cache folder (`patterns/`, beside the rule sets kept
between runs), so the next run builds the pattern from its kept program without compiling it.

What is kept is data: each pattern's text and flags, its groups, and the numbers of its program,
which Python's matcher checks whenever a pattern is built from them (a program that is not
well formed is refused, never run). The file begins with a digest of the rest and is named for
the Python that wrote it: a file cut short, changed since it was written, or from another Python
counts as missing, and a pattern whose kept program is refused is compiled again. Where this
Python's compiler is not laid out as expected, or the cache is switched off
(`AUDITRULES_CACHE=off`), every pattern is compiled by `re.compile`.
"""

from __future__ import annotations

import atexit
import base64
import contextlib
import hashlib
import importlib
import os
import re
import sys
import tempfile
from array import array
from typing import Any

from .cachedir import cache_folder

FORMAT = "1"
KEEP = 5000
"""Patterns kept at most: more (a council's own vocabulary changed many times over) and only
those this run used are kept."""


def _compiler_parts() -> tuple[Any, Any, Any] | None:
    """Python's compiler in its three steps (parse, write the program, build the pattern), or
    None where they are not what this module expects."""
    try:
        sre = importlib.import_module("_sre")
        parser = importlib.import_module("re._parser")
        writer = importlib.import_module("re._compiler")
    except ImportError:
        return None
    if not (callable(getattr(parser, "parse", None)) and callable(getattr(writer, "_code", None))
            and callable(getattr(sre, "compile", None))
            and getattr(sre, "CODESIZE", 0) == array("I").itemsize):
        return None
    return sre, parser, writer


_PARTS = _compiler_parts()
# Flags whose patterns are kept; others (DEBUG prints as it compiles) go to `re.compile`.
_PLAIN_FLAGS = int(re.IGNORECASE | re.LOCALE | re.MULTILINE | re.DOTALL | re.UNICODE | re.VERBOSE | re.ASCII)
_made: dict[tuple[str, int], re.Pattern[str]] = {}
_kept: dict[str, Any] | None = None  # the kept programs, read on first use
_off = False
_written: dict[str, list[Any]] = {}  # programs compiled in this run, to keep
_used: set[str] = set()
_saving = False


def compiled(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile(pattern, flags)`, built from its program kept by an earlier run where there
    is one."""
    flags = int(flags)
    made = _made.get((pattern, flags))
    if made is None:
        made = _made[(pattern, flags)] = _build(pattern, flags)
    return made


def _build(pattern: str, flags: int) -> re.Pattern[str]:
    if _PARTS is None or not isinstance(pattern, str) or flags & ~_PLAIN_FLAGS:
        return re.compile(pattern, flags)
    kept = _kept_programs()
    if kept is None:
        return re.compile(pattern, flags)
    name = f"{flags}:{pattern}"
    entry = kept.get(name)
    if entry is not None:
        made = _from_entry(pattern, entry)
        if made is not None:
            _used.add(name)
            return made
    entry, made = _compile(pattern, flags)
    _written[name] = entry
    _used.add(name)
    _keep_at_exit()
    return made


def _compile(pattern: str, flags: int) -> tuple[list[Any], re.Pattern[str]]:
    """Compile as `re.compile` does, keeping the program it writes."""
    assert _PARTS is not None
    sre, parser, writer = _PARTS
    parsed = parser.parse(pattern, flags)
    code = writer._code(parsed, flags)
    state = parsed.state
    groupindex = dict(state.groupdict)
    indexgroup: list[str | None] = [None] * state.groups
    for group, index in groupindex.items():
        indexgroup[index] = group
    final = flags | state.flags
    made = sre.compile(pattern, final, code, state.groups - 1, groupindex, tuple(indexgroup))
    packed = base64.b64encode(array("I", code).tobytes()).decode("ascii")
    return [final, packed, state.groups - 1, groupindex, indexgroup], made


def _from_entry(pattern: str, entry: Any) -> re.Pattern[str] | None:
    """The pattern built from a kept program, or None where the entry is not one (Python's
    matcher refuses a program that is not well formed)."""
    assert _PARTS is not None
    try:
        final, packed, groups, groupindex, indexgroup = entry
        code = array("I")
        code.frombytes(base64.b64decode(packed, validate=True))
        if not (type(final) is int and type(groups) is int and isinstance(groupindex, dict)
                and isinstance(indexgroup, list)):
            return None
        made: re.Pattern[str] = _PARTS[0].compile(pattern, final, code.tolist(), groups, dict(groupindex),
                                                  tuple(indexgroup))
    except (TypeError, ValueError, RuntimeError, OverflowError, MemoryError):
        return None
    return made


def _python() -> str:
    """What a program depends on besides its pattern: the Python that wrote it."""
    sre = _PARTS[0] if _PARTS is not None else None
    return f"{FORMAT} {sys.implementation.cache_tag} {sys.version} {getattr(sre, 'MAGIC', '')}"


def _file() -> str:
    return hashlib.sha256(_python().encode("utf-8")).hexdigest()[:32] + ".json"


def _kept_programs() -> dict[str, Any] | None:
    """The programs kept by earlier runs (none where the file is missing, damaged or another
    Python's), or None when the cache is switched off."""
    global _kept, _off
    if _kept is None and not _off:
        where = cache_folder("patterns")
        if where is None:
            _off = True
            return None
        _kept = _read(os.path.join(where, _file()))
    return _kept


def _read(path: str) -> dict[str, Any]:
    import orjson

    try:
        with open(path, "rb") as kept:
            raw = kept.read()
        digest, _, body = raw.partition(b"\n")
        if digest != hashlib.sha256(body).hexdigest().encode():
            return {}
        data = orjson.loads(body)
    except (OSError, ValueError):
        return {}
    if not (isinstance(data, dict) and data.get("python") == _python()
            and isinstance(data.get("patterns"), dict)):
        return {}
    programs: dict[str, Any] = data["patterns"]
    return programs


def _keep_at_exit() -> None:
    global _saving
    if not _saving:
        _saving = True
        atexit.register(keep)


def keep() -> None:
    """Write the programs compiled in this run beside those kept before (at exit, or now). A
    folder that cannot be written is passed over quietly."""
    global _kept
    if not _written or _off:
        return
    where = cache_folder("patterns")
    if where is None:
        return
    import orjson

    programs = dict(_kept or {})
    programs.update(_written)
    if len(programs) > KEEP:
        programs = {name: entry for name, entry in programs.items() if name in _used}
    body = orjson.dumps({"python": _python(), "patterns": programs})
    try:
        where.mkdir(parents=True, exist_ok=True)
        # Written whole, then moved into place: a run reading it never sees half a file.
        handle, temporary = tempfile.mkstemp(dir=where, suffix=".part")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(hashlib.sha256(body).hexdigest().encode() + b"\n" + body)
            os.replace(temporary, where / _file())
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            return
    except OSError:
        return
    _kept = programs
    _written.clear()


__all__ = ["compiled", "keep"]
