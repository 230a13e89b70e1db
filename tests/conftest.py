"""Shared fixtures. Installed plugins are ignored unless a test installs one on purpose."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

# Must be set before any plugin host is built: tests see only the built-in plugins.
os.environ["AUDITRULES_LOAD_PLUGINS"] = ""
# Parsed rule sets are kept in a folder of the test run's own, never the user's cache.
os.environ["AUDITRULES_CACHE"] = tempfile.mkdtemp(prefix="auditrules-test-cache-")
# ... and removed when the run ends, so test runs leave no folders behind.
atexit.register(shutil.rmtree, os.environ["AUDITRULES_CACHE"], ignore_errors=True)


@pytest.fixture
def write(tmp_path):
    """Write a text file under the test's folder and return its path."""

    def _write(name: str, text: str):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    return _write


@pytest.fixture(scope="session")
def make_forms():
    """The examples' own script that writes a YAML write-up as a Word pro forma and a
    form-layout workbook: `make_forms.make(YAML, FOLDER)` gives (docx, xlsx)."""
    import importlib.util

    script = Path(__file__).parents[1] / "examples" / "make_forms.py"
    spec = importlib.util.spec_from_file_location("make_forms", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium (`make test` installs it where missing), driven by Playwright, one for
    the whole session; launch() starts it on a fresh, temporary user-data folder of its own."""
    from playwright.sync_api import sync_playwright

    assert CHROMIUM.exists(), ("the browser tests need Debian's chromium at /usr/bin/chromium; "
                               "'make test' installs it (apt-get install chromium)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=FLAGS)
        yield launched
        launched.close()



@pytest.fixture(autouse=True)
def _bundled_scorer():
    """A test that scores with a council's model (--model, or a settings file's model) leaves the
    bundled one in use for the next."""
    yield
    import sys

    scoring = sys.modules.get("auditrules.scoring")
    if scoring is not None and scoring._chosen is not None:
        scoring.use(None)
