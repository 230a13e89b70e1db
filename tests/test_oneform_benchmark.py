"""The one-form benchmark runs end to end in its quick form (what it prints is checked, never how
fast anything was)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).parents[1] / "benchmarks" / "oneform.py"

RATE = r"\s+[\d.]+\s+{count}\s+[\d,.]+ {unit}/s"
ROWS = (
    (r"Word pro forma \(\.docx\): read", 2, "forms", r"[\d.]+x the YAML read"),
    (r"Word pro forma \(\.docx\): read \+ check", 2, "forms", r"[\d.]+x the YAML check; same findings"),
    (r"form-layout workbook \(\.xlsx\): read", 2, "forms", r"[\d.]+x the YAML read"),
    (r"form-layout workbook \(\.xlsx\): read \+ check", 2, "forms",
     r"[\d.]+x the YAML check; same findings"),
    (r"YAML: read", 2, "forms", "the baseline"),
    (r"YAML: read \+ check", 2, "forms", r"the baseline; 24\.5 findings per form"),
    (r"review page: build \+ render", 5, "pages", r"weak write-up, 40 findings; page [\d,]+ bytes"),
    (r"review page from Word, whole", 1, "pages", r"read \+ check \+ build \+ render; page [\d,]+ bytes"),
    (r"check \(the plain baseline\)", 10, "forms", r"best of 2; [\d.]+ findings per form"),
    (r"redact a check result", 10, "forms", r"[\d.]+% of the check \([1-9][\d,]* findings\)"),
    (r"compare audit with re-audit", 10, "form pairs",
     r"[\d.]+x the two checks; [\d,]+ resolved, [\d,]+ persisting, [\d,]+ new"),
    (r"redact the comparison", 10, "form pairs", r"[\d.]+% of the two checks"),
    (r"track recommendations", 10, "forms",
     r"[\d.]+x the check; [1-9][\d,]* recommendations \([\d,]+ overdue as of 01/09/2025\)"),
)


def test_quick_oneform_benchmark_runs_and_reports_every_row():
    done = subprocess.run([sys.executable, str(SCRIPT), "--quick"],
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    out = done.stdout
    assert "10-audit returns, a 200-audit workbook, repeat 1" in out
    for title in ("1. one-form pro formas", "2. auditrules review", "3-4. redaction, compare and track",
                  "5. the archive check"):
        assert re.search(rf"^{re.escape(title)}", out, re.M), f"no '{title}' table:\n{out}"
    for label, count, unit, note in ROWS:
        pattern = rf"^{label}{RATE.format(count=count, unit=unit)}\s+{note}"
        assert re.search(pattern, out, re.M), f"no row matching {pattern!r}:\n{out}"
    assert re.search(r"^archive check: big return\s+[\d.]+\s+[\d.]+ ms for [\d.]+ MiB \(200 audits\); "
                     r"[\d.]+% of reading it \([\d.]+ s\), [\d.]+% of the bare calamine read", out, re.M), out
    assert re.search(r"^archive check: Word pro forma\s+[\d.]+\s+[\d.]+ ms for \d+ KiB; "
                     r"[\d.]+% of reading it", out, re.M), out
    assert re.search(r"^whole run [\d.]+ s$", out, re.M)


def test_oneform_benchmark_refuses_a_count_below_one():
    done = subprocess.run([sys.executable, str(SCRIPT), "--quick", "--forms", "0"],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode != 0
    assert "--forms, --big-forms and --repeat must be 1 or more" in done.stderr
