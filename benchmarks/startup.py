"""Benchmark how quickly the command line starts, as a lead manager or a pre-commit hook feels it.

    .venv/bin/python benchmarks/startup.py              # median of 7 runs of each
    .venv/bin/python benchmarks/startup.py --repeat 3

Each figure is the wall time of a whole process (`auditrules ...` started afresh), the median of
--repeat runs, next to the goal: `auditrules --version` in 0.3 s or less, checking one YAML
write-up in 0.6 s or less once a first run has kept the parsed rule sets (that first run is
shown too; the benchmark keeps them in a folder of its own). It also shows where a one-form
check's time goes: Python starting, importing the package, and the rest (loading rule sets and
plugins, checking, reporting).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CACHE_ENV = "AUDITRULES_CACHE"  # where parsed rule sets are kept between runs
WEAK = ROOT / "examples" / "weak-writeup.yaml"


def auditrules() -> list[str]:
    found = Path(sys.executable).with_name("auditrules")
    return [str(found)] if found.exists() else [sys.executable, "-m", "auditrules"]


def median_seconds(command: list[str], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        times.append(time.perf_counter() - start)
        if done.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr}")
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=7, help="runs of each (the median is shown)")
    args = parser.parse_args(argv)
    # As a user's Python does after its first run (this machine may set PYTHONDONTWRITEBYTECODE):
    # the package's modules compiled once, not on every start.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "src"),
                    *map(str, (ROOT / "plugins").glob("*/src"))], check=True, capture_output=True)
    with tempfile.TemporaryDirectory(prefix="auditrules-startup-") as kept:
        os.environ[CACHE_ENV] = kept
        return _measure(args.repeat, kept)


def _measure(repeat: int, kept: str) -> int:
    first = [*auditrules(), "check", str(WEAK), "--fail-on", "never"]
    first_runs = []
    for _ in range(max(1, repeat // 2)):
        shutil.rmtree(kept, ignore_errors=True)
        first_runs.append(median_seconds(first, 1))
    rows = [
        ("python starting (no import)", [sys.executable, "-c", "pass"], None),
        ("import auditrules.cli", [sys.executable, "-c", "import auditrules.cli"], None),
        ("auditrules --version", [*auditrules(), "--version"], 0.3),
        ("auditrules --help", [*auditrules(), "--help"], None),
        ("check one YAML write-up", first, 0.6),
    ]
    print(f"{'whole process':32} {'s (median)':>11} {'goal':>8}")
    print(f"{'check, first run (parses rules)':32} {statistics.median(first_runs):11.2f} {'':>8}")
    for label, command, goal in rows:
        seconds = median_seconds(command, repeat)
        shown = f"<= {goal:.1f} s" if goal is not None else ""
        print(f"{label:32} {seconds:11.2f} {shown:>8}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
