"""The spreadsheet batch benchmark runs end to end on a small return (what it prints is checked,
never how fast anything was)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).parents[1] / "benchmarks" / "batch.py"

LABELS = (
    "forms",
    "file size",
    "read time (calamine)",
    "check time (CLI)",
    "check/read ratio",
    "forms per second",
    "forms per second per core",
    "findings per form",
    "peak memory (MiB)",
    "peak memory, PSS (MiB)",
    "main process (MiB)",
    "largest process (MiB)",
)


def test_batch_benchmark_generates_checks_and_reports_every_row(tmp_path):
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--forms", "200", "--jobs", "2", "--keep", str(tmp_path)],
        capture_output=True, text=True, timeout=55, check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    out = done.stdout
    lines = out.splitlines()
    for label in LABELS:
        assert any(line.startswith(label + "  ") for line in lines), f"no '{label}' row:\n{out}"
    assert "goal: check <= 2.5 x read, peak <= 1.5 GB" in out
    assert re.search(r"^forms\s+200\s+200 forms checked; 0 errors", out, re.M), out
    assert re.search(r"^summary: forms checked 200, findings [1-9]\d*, errors 0$", out, re.M), out
    assert re.search(r"^file size\s+[\d.,]+ MiB", out, re.M)
    assert re.search(r"^check/read ratio\s+[\d.,]+x", out, re.M)
    assert re.search(r"^forms per second per core\s+[1-9][\d,]*\s+forms checked / processor time", out, re.M), out
    assert re.search(r"^peak memory \(MiB\)\s+[\d,]+\s", out, re.M)
    assert re.search(r"^peak memory, PSS \(MiB\)\s+[1-9][\d,]*\s", out, re.M)
    assert re.search(r"^main process \(MiB\)\s+[1-9][\d,]*\s", out, re.M)
    assert (tmp_path / "return.xlsx").exists() and (tmp_path / "return.mapping.toml").exists()
