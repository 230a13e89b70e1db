"""The pro formas of tests/data/proformas/: council audit tools unlike ours, each with the mapping
a person would write for it. Each NAME.py has `build(path)`, `SUFFIX` and `PLANTED` (the rule ids
of the defects planted in its write-up); NAME.mapping.toml is the hand mapping.

Shared by tests/test_proformas.py and benchmarks/map.py.
"""

from __future__ import annotations

import importlib.util
import tomllib
from pathlib import Path
from types import ModuleType
from typing import Any

from auditrules.models import SECTION_NAMES
from auditrules.readers.form_mapping import label_key

FOLDER = Path(__file__).resolve().parent / "data" / "proformas"
NAMES = sorted(path.stem for path in FOLDER.glob("*.py"))


def module(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"proforma_{name}", FOLDER / f"{name}.py")
    assert spec is not None and spec.loader is not None
    loaded = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(loaded)
    return loaded


def build(name: str, folder: Path) -> Path:
    """Write the pro forma NAME into `folder` and return its path."""
    made = module(name)
    path = folder / f"{name}{made.SUFFIX}"
    made.build(path)
    return path


def entries(mapping: Path) -> dict[str, str]:
    """A mapping's placements as field -> label (compared as the reader compares them). A
    section of the form's own is named by its heading, as names for such sections are chosen."""
    raw: dict[str, Any] = tomllib.loads(mapping.read_text(encoding="utf-8"))
    out: dict[str, str] = {}
    for path, spec in raw.get("fields", {}).items():
        out[path] = label_key(spec if isinstance(spec, str) else spec["label"])
    for name, section in raw.get("sections", {}).items():
        key = name if name in SECTION_NAMES else f"own:{label_key(section.get('heading', name))}"
        for part, label in section.get("fields", {}).items():
            out[f"sections.{key}.{part}"] = label_key(label)
    lists = dict(raw.get("lists", {}))
    if isinstance(lists.get("assessment"), dict) and "actions" in lists["assessment"]:
        lists["assessment.actions"] = lists.pop("assessment")["actions"]
    for name, spec in lists.items():
        for item_field, label in spec.get("fields", {}).items():
            out[f"{name}[].{item_field}"] = label_key(label)
    return out


def agreement(name: str, proposed: Path) -> tuple[int, int]:
    """How many of the hand mapping's placements the proposal makes the same way, of how many."""
    hand = entries(FOLDER / f"{name}.mapping.toml")
    got = entries(proposed)
    return sum(1 for key, label in hand.items() if got.get(key) == label), len(hand)
