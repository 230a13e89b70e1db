"""The practice-day walk-through runs end to end as written: every command in
docs/practice-day.md, in order, in a fresh folder with the examples, each shown line of output
printed, and every file it says it writes written."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from click.testing import CliRunner

from auditrules.cli import cli

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "docs" / "practice-day.md"


def _steps() -> list[tuple[str, list[str]]]:
    """(command, the output lines shown under it), in the page's order."""
    steps: list[tuple[str, list[str]]] = []
    for block in re.findall(r"```console\n(.*?)```", PAGE.read_text(encoding="utf-8"), re.S):
        for line in block.splitlines():
            if line.startswith("$ "):
                steps.append((line[2:], []))
            elif line != "...":
                steps[-1][1].append(line)
    return steps


def test_the_walk_through_runs_end_to_end(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    steps = _steps()
    assert [s[0].split()[:2] for s in steps if s[0].startswith("auditrules")] == [
        ["auditrules", "sample"], ["auditrules", "assign"], ["auditrules", "prepare"],
        ["auditrules", "check"], ["auditrules", "review"], ["auditrules", "day-report"],
        ["auditrules", "letters"], ["auditrules", "track"], ["auditrules", "impact"],
        ["auditrules", "impact"]]
    runner = CliRunner()
    for command, shown in steps:
        words = shlex.split(command)
        if words[0] == "mkdir":
            (tmp_path / words[1]).mkdir()
            continue
        done = runner.invoke(cli, words[1:], catch_exceptions=False)
        assert done.exit_code == 0, f"{command}\n{done.output}"
        printed = done.output.splitlines()
        for line in shown:
            assert line in printed, f"{command}: {line!r} not printed"
        if "--output" in words:
            written = tmp_path / words[words.index("--output") + 1]
            assert written.exists() and (written.is_dir() or written.stat().st_size > 0), command
    for name in ("selection.xlsx", "pairs.xlsx", "forms/practice-day-return.xlsx", "forms/workers.xlsx",
                 "check.html", "review.html", "day.html", "impact.html",
                 "letters/recognition-a-adeyemi.docx"):
        assert (tmp_path / name).exists(), name
