"""The text reading compiled to C, where it has been built, and plain Python otherwise.

The modules in `MODULES` (the text reading, the judgement, plan, voice and concern readings, the
scorer's features and arithmetic, a rule's run and the expressions it tests) are where a check
spends its time. `make
setup` compiles them with mypyc, mypy's compiler, in place beside their sources
(`build()`), and writes `compiled.json` with each source's SHA-256.

When auditrules is imported, `choose()` uses the compiled modules only if every source still
matches what was compiled. A source edited since (or `AUDITRULES_PURE=1` in the environment)
makes every one of them load from its `.py` file instead, so an old build never hides an edit;
a library left by an older build for a module no longer listed is passed over too.
Both give the same findings; the compiled modules are faster. A machine with no C compiler runs
the plain Python.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

PACKAGE = Path(__file__).resolve().parent
STAMP = PACKAGE / "compiled.json"
# The compiled modules share one library, placed in the package as `_text__mypyc`.
GROUP = "auditrules._text"
MODULES = (
    "auditrules.functions.text",
    "auditrules.functions.cues",
    "auditrules.functions.judgements",
    "auditrules.functions.voice",
    "auditrules.functions.plans",
    "auditrules.functions.people",
    "auditrules.functions.timescales",
    "auditrules.functions.concerns",
    "auditrules.scoring.features",
    "auditrules.scoring.model",
    "auditrules.rules",
    "auditrules.dsl.compiler",
)
PURE = "AUDITRULES_PURE"


def source(module: str) -> Path:
    return PACKAGE.joinpath(*module.split(".")[1:]).with_suffix(".py")


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fresh() -> bool:
    """Whether the compiled modules were built from the sources as they are now."""
    try:
        built = json.loads(STAMP.read_text(encoding="utf-8"))
        return built.get("python") == sys.implementation.cache_tag and \
            all(built["sources"].get(name) == _digest(source(name)) for name in MODULES)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return False


def built() -> set[str]:
    """The modules of the package with a compiled library beside their source (any build's)."""
    found = set()
    for library in PACKAGE.rglob("*.so"):
        module = ".".join((PACKAGE.name, *library.relative_to(PACKAGE).parent.parts,
                           library.name.split(".", 1)[0]))
        if source(module).is_file():
            found.add(module)
    return found


class _FromSource(importlib.abc.MetaPathFinder):
    """Loads some modules from their `.py` files, passing over their compiled libraries."""

    def __init__(self, modules: frozenset[str]) -> None:
        self.modules = modules

    def find_spec(self, fullname: str, path: Sequence[str] | None,
                  target: ModuleType | None = None) -> importlib.machinery.ModuleSpec | None:
        if fullname not in self.modules:
            return None
        return importlib.util.spec_from_file_location(fullname, source(fullname))


_chosen: bool | None = None


def choose() -> bool:
    """Use the compiled modules if they match their sources, else their sources (once, before any
    of them is imported). A library left by an older build for a module no longer compiled is
    never used. Says which."""
    global _chosen
    if _chosen is None:
        _chosen = not os.environ.get(PURE) and fresh()
        from_source = built() | set(MODULES) if not _chosen else built() - set(MODULES)
        if from_source:
            sys.meta_path.insert(0, _FromSource(frozenset(from_source)))
    return _chosen


def in_use() -> bool:
    """Whether the text reading running now is the compiled one."""
    text = importlib.import_module("auditrules.functions.text")
    return not str(getattr(text, "__file__", "")).endswith(".py")


def describe() -> str:
    """Which text reading a check here runs, in plain words (for benchmarks and reports on speed)."""
    if choose():
        return "compiled (mypyc)"
    why = ("AUDITRULES_PURE is set" if os.environ.get(PURE)
           else "not built" if not STAMP.exists() else "its sources changed since the build")
    return f"plain Python ({why})"


def build() -> int:
    """Compile `MODULES` in place with mypyc and write the stamp. Returns the exit status."""
    try:
        from mypyc.build import mypycify
        from setuptools import setup
    except ImportError as error:
        print(f"the text reading was not compiled ({error.name} is not installed): auditrules runs "
              "as plain Python, with the same findings, more slowly", file=sys.stderr)
        return 0
    STAMP.unlink(missing_ok=True)
    for library in PACKAGE.rglob("*.so"):  # an older build's, some perhaps for modules no longer listed
        library.unlink()
    digests = {name: _digest(source(name)) for name in MODULES}
    src = PACKAGE.parent
    root = src.parent
    work = root / "build" / "compiled"
    here = Path.cwd()
    try:
        # In place: each module's library is written beside its source, under `src`.
        os.chdir(src)
        options = ["--config-file", str(root / "pyproject.toml"), "--cache-dir", str(root / ".mypy_cache")]
        extensions = mypycify([*options, *(str(source(name).relative_to(src)) for name in MODULES)],
                              group_name=GROUP, opt_level="3", target_dir=str(work / "c"))
        setup(name="auditrules-compiled", ext_modules=extensions,
              script_args=["--quiet", "build_ext", "--inplace", "--build-temp", str(work / "temp"),
                           "--build-lib", str(work / "lib")])
    except (Exception, SystemExit) as error:  # a missing compiler, a failed build
        why = f"the build stopped with status {error.code}; see above" if isinstance(error, SystemExit) \
            else str(error)
        print(f"the text reading was not compiled ({why}): auditrules runs as plain Python, with the "
              "same findings, more slowly", file=sys.stderr)
        return 0
    finally:
        os.chdir(here)
    STAMP.write_text(json.dumps({"python": sys.implementation.cache_tag, "sources": digests}, indent=1)
                     + "\n", encoding="utf-8")
    print(f"compiled {len(MODULES)} modules of the text reading")
    return 0
