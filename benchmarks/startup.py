"""Benchmark how quickly the command line starts, as a lead manager or a pre-commit hook feels it.

    .venv/bin/python benchmarks/startup.py              # median of 7 runs of each
    .venv/bin/python benchmarks/startup.py --repeat 3

Each figure is the wall time of a whole process (`auditrules ...` started afresh), the median of
--repeat runs, next to the goal: `auditrules --version` in 0.3 s or less, checking one YAML
write-up in 0.6 s or less. It also shows where a one-form check's time goes: Python starting,
importing the package, and the rest (loading rule sets and plugins, checking, reporting).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
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
    rows = [
        ("python starting (no import)", [sys.executable, "-c", "pass"], None),
        ("import auditrules.cli", [sys.executable, "-c", "import auditrules.cli"], None),
        ("auditrules --version", [*auditrules(), "--version"], 0.3),
        ("auditrules --help", [*auditrules(), "--help"], None),
        ("check one YAML write-up", [*auditrules(), "check", str(WEAK), "--fail-on", "never"], 0.6),
    ]
    print(f"{'whole process':32} {'s (median)':>11} {'goal':>8}")
    for label, command, goal in rows:
        seconds = median_seconds(command, args.repeat)
        shown = f"<= {goal:.1f} s" if goal is not None else ""
        print(f"{label:32} {seconds:11.2f} {shown:>8}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
