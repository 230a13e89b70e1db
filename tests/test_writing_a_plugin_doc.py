"""docs/writing-a-plugin.md quotes the strategy discussion plugin: every block it says is
'from' a file is still in that file, so the guide cannot drift from the code it describes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
GUIDE = (ROOT / "docs" / "writing-a-plugin.md").read_text(encoding="utf-8")
QUOTED = re.findall(r"<!-- from (\S+) -->\n```\w*\n(.*?)```", GUIDE, flags=re.DOTALL)


def test_the_guide_quotes_the_plugin_often():
    assert len(QUOTED) >= 10
    assert {Path(path).name for path, _ in QUOTED} >= {
        "pyproject.toml", "plugin.py", "functions.py", "strategy-discussions.rules",
        "test_strategy_discussions.py"}


@pytest.mark.parametrize(("path", "block"), QUOTED, ids=[f"{i}-{Path(p).name}" for i, (p, _) in enumerate(QUOTED)])
def test_each_quoted_block_is_in_its_file(path, block):
    assert block in (ROOT / path).read_text(encoding="utf-8")
