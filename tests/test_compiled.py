"""The compiled text reading: used only while it matches its sources, and giving the same
reports, byte for byte, as the plain Python it was compiled from."""

from __future__ import annotations

import importlib.machinery
import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from auditrules import _compiled

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


def _load_batch():
    spec = importlib.util.spec_from_file_location("batch_benchmark", ROOT / "benchmarks" / "batch.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _which(package_parent: Path, *, pure: bool = False) -> dict[str, object]:
    """In a fresh process importing auditrules from `package_parent`: where each compiled module
    was loaded from, and whether the compiled reading was chosen."""
    code = (
        "import json, importlib, auditrules, auditrules._compiled as c\n"
        "files = {m: importlib.import_module(m).__file__ for m in c.MODULES}\n"
        "print(json.dumps({'chosen': c.choose(), 'in_use': c.in_use(), 'files': files,"
        " 'package': auditrules.__file__}))\n"
    )
    return json.loads(_python(package_parent, code, pure=pure))


def _python(package_parent: Path, code: str, *, pure: bool = False) -> str:
    """What `code` prints in a fresh process importing auditrules from `package_parent`."""
    env = {k: v for k, v in os.environ.items() if k != _compiled.PURE}
    env["PYTHONPATH"] = str(package_parent)
    if pure:
        env[_compiled.PURE] = "1"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                          timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def copied(tmp_path_factory) -> Path:
    """A copy of the package as built here (with its compiled libraries, where there are any)."""
    parent = tmp_path_factory.mktemp("copy")
    shutil.copytree(_compiled.PACKAGE, parent / "auditrules",
                    ignore=shutil.ignore_patterns("__pycache__"))
    return parent


def _restore(copied: Path, relative: str) -> None:
    shutil.copy2(_compiled.PACKAGE / relative, copied / "auditrules" / relative)


def test_every_compiled_module_loads_the_same_way(copied):
    found = _which(copied)
    assert found["package"].startswith(str(copied))
    assert found["chosen"] == _compiled.fresh()
    kinds = {Path(file).suffix for file in found["files"].values()}
    assert kinds == ({".so"} if found["chosen"] else {".py"}), found["files"]
    assert found["in_use"] is found["chosen"]


def test_a_source_edited_after_the_build_is_loaded_from_its_py_file(copied):
    text = copied / "auditrules" / "functions" / "text.py"
    try:
        text.write_text(text.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
        found = _which(copied)
        assert found["chosen"] is False
        # Every compiled module, not only the edited one, comes from its source: they go together.
        assert all(file.endswith(".py") for file in found["files"].values()), found["files"]
    finally:
        _restore(copied, "functions/text.py")


def test_a_damaged_or_missing_record_of_the_build_means_the_sources(copied):
    stamp = copied / "auditrules" / "compiled.json"
    kept = stamp.read_bytes() if stamp.exists() else None
    try:
        for damaged in (b"{not json", b"[]", b'{"python": "cpython-311", "sources": 3}'):
            stamp.write_bytes(damaged)
            assert _which(copied)["chosen"] is False
        stamp.unlink()
        assert _which(copied)["chosen"] is False
    finally:
        if kept is not None:
            stamp.write_bytes(kept)


def test_auditrules_pure_asks_for_the_sources(copied):
    found = _which(copied, pure=True)
    assert found["chosen"] is False and found["in_use"] is False
    assert all(file.endswith(".py") for file in found["files"].values())


def test_the_build_here_matches_its_sources():
    """`make setup` compiles the text reading; on this machine (it has a C compiler) the build
    must be current, or every other test ran the plain Python only."""
    if shutil.which("cc") is None and shutil.which("gcc") is None:
        assert not _compiled.in_use()
        return
    assert _compiled.fresh(), "the compiled text reading is out of date: run make setup"
    assert _compiled.in_use()


def _check(arguments: list[str], output: Path, *, pure: bool) -> bytes:
    # With the installed plugins, as a council runs it: their rules call the compiled reading too.
    env = {k: v for k, v in os.environ.items() if k not in (_compiled.PURE, "AUDITRULES_LOAD_PLUGINS")}
    if pure:
        env[_compiled.PURE] = "1"
    done = subprocess.run([sys.executable, "-m", "auditrules", "check", *arguments, "--format", "json",
                           "--output", str(output), "--fail-on", "never"],
                          capture_output=True, text=True, env=env, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    return output.read_bytes()


def test_compiled_and_plain_python_give_byte_identical_reports(tmp_path):
    batch = _load_batch()
    spreadsheet, mapping = batch.generate(tmp_path, 150, 7, name="long")
    returns = [
        [str(spreadsheet), "--mapping", str(mapping), "--jobs", "2"],
        [str(EXAMPLES / "sample-return.json")],
        [str(EXAMPLES / "weak-writeup.yaml")],
        [str(EXAMPLES / "strong-writeup.yaml")],
        [str(EXAMPLES / "themed-return.yaml")],
    ]
    for number, arguments in enumerate(returns):
        plain = _check(arguments, tmp_path / f"plain-{number}.json", pure=True)
        compiled = _check(arguments, tmp_path / f"compiled-{number}.json", pure=False)
        assert plain == compiled, arguments[0]
        assert json.loads(plain)["forms_checked"] >= 1


def test_a_library_left_for_a_module_no_longer_compiled_is_never_used(copied):
    # Not a real library: loading it would fail, so the test sees which file was taken.
    stray = copied / "auditrules" / "functions" / f"dates{importlib.machinery.EXTENSION_SUFFIXES[0]}"
    try:
        stray.write_bytes(b"not a library")
        for pure in (False, True):
            loaded = _python(copied, "import auditrules.functions.dates as d; print(d.__file__)", pure=pure)
            assert loaded.strip().endswith("dates.py")
    finally:
        stray.unlink()
