"""Shared fixtures. Installed plugins are ignored unless a test installs one on purpose."""

from __future__ import annotations

import os

import pytest

# Must be set before any plugin host is built: tests see only the built-in plugins.
os.environ["AUDITRULES_LOAD_PLUGINS"] = ""


@pytest.fixture
def write(tmp_path):
    """Write a text file under the test's folder and return its path."""

    def _write(name: str, text: str):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    return _write
