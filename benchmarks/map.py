"""Benchmark `auditrules map` on returns and pro formas, as a council would run it.

    .venv/bin/python benchmarks/map.py            # returns of 400 and 50,000 audits, and the pro formas
    .venv/bin/python benchmarks/map.py --quick    # returns of 400 and 2,000 audits

It writes returns with benchmarks/batch.py's generator (a main sheet of long write-ups and two
list sheets under a council's own headers) and builds the pro formas of tests/data/proformas/,
then times `auditrules map` on each through the command line in a subprocess (the whole
process, median of --repeat runs), next to the goal: a 50,000-row return in 5 s or less, a
400-row return in 1 s or less. It also prints how many of each mapping's fields the proposal
places as the hand mapping does.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PRO_FORMAS = ROOT / "tests" / "data" / "proformas"
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "tests"))

import batch  # noqa: E402  (the return generator lives beside this script)
from proforma_corpus import agreement, build  # noqa: E402


def auditrules() -> list[str]:
    found = Path(sys.executable).with_name("auditrules")
    return [str(found)] if found.exists() else [sys.executable, "-m", "auditrules"]


def time_map(path: Path, repeat: int) -> float:
    """Median wall time of `auditrules map PATH` in a fresh process."""
    times = []
    for _ in range(repeat):
        target = path.with_suffix(".proposed.toml")
        start = time.perf_counter()
        done = subprocess.run([*auditrules(), "map", str(path), "--output", str(target), "--force"],
                              capture_output=True, text=True, check=False)
        times.append(time.perf_counter() - start)
        if done.returncode != 0:
            raise SystemExit(f"map failed on {path}:\n{done.stderr}")
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="returns of 400 and 2,000 audits")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each (the median is shown)")
    args = parser.parse_args(argv)
    sizes = (400, 2_000) if args.quick else (400, 50_000)
    goals = {400: 1.0, 50_000: 5.0}
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        print(f"{'file':34} {'map, s (median)':>16} {'goal':>8}   proposal agrees with the hand mapping")
        for size in sizes:
            path, _ = batch.generate(work, size, seed=7, name=f"return-{size}")
            seconds = time_map(path, args.repeat)
            goal = f"<= {goals[size]:.0f} s" if size in goals else ""
            print(f"{f'return of {size:,} audits':34} {seconds:16.2f} {goal:>8}")
        for module in sorted(PRO_FORMAS.glob("*.py")):
            path = build(module.stem, work)
            seconds = time_map(path, args.repeat)
            same, total = agreement(module.stem, path.with_suffix(".proposed.toml"))
            print(f"{path.name:34} {seconds:16.2f} {'':>8}   {same} of {total} fields ({same / total:.0%})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
