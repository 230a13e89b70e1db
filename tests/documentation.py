"""The documentation as the tests read it: the README and every page under docs/, so that an
example keeps being tested wherever it lives."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"


def page(name: str) -> str:
    """One page: "README.md", or a path under docs/ ("lead-managers/reviewing.md")."""
    path = ROOT / name if name == "README.md" else DOCS / name
    return path.read_text(encoding="utf-8")


def pages() -> dict[str, str]:
    """Every page by name, the README first."""
    out = {"README.md": page("README.md")}
    for path in sorted(DOCS.rglob("*.md")):
        out[path.relative_to(DOCS).as_posix()] = path.read_text(encoding="utf-8")
    return out


def text() -> str:
    """All the documentation as one text."""
    return "\n\n".join(pages().values())
