"""The documentation site builds with MkDocs under --strict (no broken link, heading or picture),
a broken link fails the build, the README stays short, and every part of the old long README
lives on a page of the site."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import documentation

ROOT = Path(__file__).resolve().parents[1]
README_MOST_LINES = 150

# The sections of the README before it moved to docs/, each now a heading on some page.
OLD_README_SECTIONS = [
    "Two commands", "A short tour", "Commands", "The JSON report", "Forms", "Spreadsheet returns",
    "Reports", "Word and form-layout pro formas", "Mapping a council's own pro forma",
    "Reviewing a write-up", "Waivers", "Comparing a re-audit", "The core rule sets", "Text functions",
    "How well the checks judge", "Tracking recommendations", "Themes", "The rule language", "Python API",
    "Plugins", "Rule sets in CI", "Report formats", "Coverage", "Strict checks", "pre-commit",
    "GitHub Actions", "Safety: hostile files, formulas and redaction", "Hostile files", "Limits",
    "Redaction", "Fuzzing", "Benchmarks", "Layout", "Configuration",
]


def build(folder: Path, site: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file",
                           str(folder / "mkdocs.yml"), "--site-dir", str(site)],
                          capture_output=True, text=True, timeout=300, check=False,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


def test_the_site_builds_with_no_warnings_under_strict(tmp_path):
    done = build(ROOT, tmp_path / "site")
    assert done.returncode == 0, done.stderr
    site = tmp_path / "site"
    assert (site / "index.html").exists()
    assert (site / "catalogue" / "rules" / "SMART-002" / "index.html").exists()  # the catalogue is in it
    commands = (site / "reference" / "cli" / "index.html").read_text(encoding="utf-8")
    for command in ("check", "map", "review", "docs", "--mapping"):  # written from the click definitions
        assert command in commands


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    folder = tmp_path / "copy"
    folder.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", folder)
    shutil.copytree(ROOT / "docs", folder / "docs")
    return folder


@pytest.mark.parametrize("broken", ["[the rule language](qa-officers/no-such-page.md)",
                                    "[waivers](lead-managers/waivers.md#no-such-heading)"])
def test_a_broken_link_or_heading_fails_the_build(copy, tmp_path, broken):
    index = copy / "docs" / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + f"\nSee {broken}.\n", encoding="utf-8")
    done = build(copy, tmp_path / "site")
    assert done.returncode != 0
    assert "no-such" in done.stderr


def test_the_readme_is_short_and_links_into_the_docs():
    readme = documentation.page("README.md")
    assert len(readme.splitlines()) <= README_MOST_LINES
    for target in re.findall(r"\]\((docs/[^)#]+)", readme):
        assert (ROOT / target).exists(), target


def test_every_part_of_the_old_readme_lives_on_a_page():
    headings = {line.lstrip("#").strip() for text in documentation.pages().values()
                for line in text.splitlines() if line.startswith("#")}
    missing = [section for section in OLD_README_SECTIONS if section not in headings]
    assert not missing
