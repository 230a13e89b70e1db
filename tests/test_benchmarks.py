"""The engine benchmark runs end to end in its quick form (what it prints is checked, never how
fast anything was)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).parents[1] / "benchmarks" / "engine.py"

LABELS = (
    "lark parse (bare)",
    "parse (lark + syntax tree)",
    "static check",
    "compile",
    "load: parse + check + compile",
    "examples verified",
    "read + validate forms",
    "check forms (read + rules)",
    "findings",
    "check/read ratio",
    "peak memory (max RSS)",
)


def test_quick_benchmark_runs_and_reports_every_stage():
    env = {**os.environ, "AUDITRULES_LOAD_PLUGINS": ""}
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--quick", "--repeat", "1", "--verify-examples"],
        capture_output=True, text=True, env=env, timeout=600, check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    out = done.stdout
    assert "200 rules, 500 forms" in out
    lines = out.splitlines()
    for label in LABELS:
        assert any(line.lstrip().startswith(label) for line in lines), f"no '{label}' line:\n{out}"
    assert re.search(r"^load: parse \+ check \+ compile\s+[\d.]+\s+200\s+[\d,]+ rules/s", out, re.M)
    assert re.search(r"^load, parsed tree kept\s+[\d.]+\s+200\s+[\d,]+ rules/s", out, re.M)
    assert re.search(r"^examples verified\s+400\b.*\b0 failed", out, re.M)
    assert re.search(r"^read \+ validate forms\s+[\d.]+\s+500\s+[\d,]+ forms/s", out, re.M)
    assert re.search(r"^check forms \(read \+ rules\)\s+[\d.]+\s+500\s+[\d,]+ forms/s", out, re.M)
    assert re.search(r"^findings\s+[\d.]+\s+[1-9]\d*\s+[\d,]+ findings/s.*; 0 errors", out, re.M)
    assert re.search(r"^check/read ratio\s+[\d.]+x", out, re.M)
    assert re.search(r"^peak memory \(max RSS\)\s+\d+ MiB", out, re.M)


MAP_SCRIPT = Path(__file__).parents[1] / "benchmarks" / "map.py"


def test_map_benchmark_runs_and_reports_every_file():
    env = {k: v for k, v in os.environ.items() if k != "AUDITRULES_LOAD_PLUGINS"}  # as a council runs it
    done = subprocess.run([sys.executable, str(MAP_SCRIPT), "--quick", "--repeat", "1"],
                          capture_output=True, text=True, env=env, timeout=600, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    out = done.stdout
    assert "return of 400 audits" in out and "return of 2,000 audits" in out
    agreements = re.findall(r"(\d+) of (\d+) fields", out)
    assert len(agreements) >= 8
    assert all(int(same) / int(total) >= 0.9 for same, total in agreements), out


STARTUP_SCRIPT = Path(__file__).parents[1] / "benchmarks" / "startup.py"


def test_startup_benchmark_runs_and_reports_every_line():
    done = subprocess.run([sys.executable, str(STARTUP_SCRIPT), "--repeat", "1"],
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    for label in ("check, first run (parses rules)", "python starting", "import auditrules.cli",
                  "auditrules --version", "auditrules --help", "check one YAML write-up"):
        assert label in done.stdout
