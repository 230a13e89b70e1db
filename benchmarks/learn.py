"""Benchmark `auditrules learn` and checking with a council's model.

    .venv/bin/python benchmarks/learn.py                 # 500 and 5,000 labels; a 1,000-form return
    .venv/bin/python benchmarks/learn.py --quick         # 200 labels; a 100-form return
    .venv/bin/python benchmarks/learn.py --labels 500 5000 --forms 2000 --repeat 3

It times:

1. **Learning** from N labels, all four kinds, through the public API (`learning.learn`, what the
   command runs after reading the file): seconds, and labels learned per second. The labels are
   drawn (with a fixed seed) from Northmoor's labels (`tests/data/house/`) and the shipped
   corpus's statements, so 5,000 labels hold many kinds of writing.
2. **Checking with a council's model**: a return of FORMS audits from the batch benchmark's
   generator (`benchmarks/batch.py`), checked with the bundled model and with a model file that is
   the bundled one written out as a council's would be (the same weights, read from a file),
   each as the median of REPEAT runs with the scorer's memory cleared between them; forms per
   second and the ratio of the two (1.0 means a council's model costs nothing).

Speed is printed, never asserted.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType

from auditrules import scoring
from auditrules.engine import Engine
from auditrules.scoring.labels import Label, read_labels
from auditrules.scoring.learning import learn, shipped_corpus
from auditrules.scoring.model import bundled

ROOT = Path(__file__).resolve().parents[1]


def _batch() -> ModuleType:
    spec = importlib.util.spec_from_file_location("batch", ROOT / "benchmarks" / "batch.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["batch"] = module
    spec.loader.exec_module(module)
    return module


def label_pool() -> list[Label]:
    """Northmoor's labels, then the shipped corpus's statements as labels of their kind."""
    pool = read_labels([ROOT / "tests" / "data" / "house" / "northmoor-labels.csv"]).labels
    _, corpus = shipped_corpus()
    faults = {"target": "measurable", "recommendation": "action"}
    for statement in corpus:
        fault = faults.get(statement.kind)
        poor = (fault in (statement.item.get("faults") or ())) if fault else statement.poor
        pool.append(Label(statement.text, statement.kind, poor,
                          actions=tuple(statement.item.get("actions") or ())))
    return pool


def time_learning(sizes: list[int], seed: int) -> list[tuple[int, float, str]]:
    base = bundled()
    assert base is not None
    pool = label_pool()
    rows = []
    for size in sizes:
        chosen = random.Random(seed).sample(pool, min(size, len(pool)))
        started = time.perf_counter()
        learned = learn(chosen, base)
        took = time.perf_counter() - started
        kinds = ", ".join(f"{k.kind} {k.outcome}" for k in learned.kinds)
        rows.append((len(chosen), took, kinds))
    return rows


def time_checking(forms: int, repeat: int, seed: int) -> tuple[float, float]:
    batch = _batch()
    base = bundled()
    assert base is not None
    engine = Engine.load()
    with tempfile.TemporaryDirectory(prefix="auditrules-bench-") as folder:
        path, mapping = batch.generate(Path(folder), forms, seed)
        data = json.loads(json.dumps({
            "format": "auditrules-scorer", "version": 1, "trained": base.trained,
            "corpus_sha256": base.corpus_sha256, "statements": base.statements, "labels": 1,
            "kinds": {name: {"bias": k.bias, "threshold": k.threshold, "use": k.use, "weights": k.weights,
                             "dev": k.dev} for name, k in base.kinds.items()}}))
        house = Path(folder) / "house.model"
        house.write_text(json.dumps(data), encoding="utf-8")
        engine.check([path], mapping=mapping)  # once first, so both start warm
        times: dict[str, list[float]] = {"bundled": [], "house": []}
        for _ in range(repeat):
            for name, model in (("bundled", None), ("house", house)):
                scoring.use(model)  # clears what the scorer remembers of texts already scored
                started = time.perf_counter()
                result = engine.check([path], mapping=mapping)
                times[name].append(time.perf_counter() - started)
                assert result.forms_checked == forms, result.errors[:3]
        scoring.use(None)
    return statistics.median(times["bundled"]), statistics.median(times["house"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--labels", type=int, nargs="+", default=[500, 5000])
    parser.add_argument("--forms", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--quick", action="store_true", help="200 labels, a 100-form return, once")
    args = parser.parse_args(argv)
    if args.quick:
        args.labels, args.forms, args.repeat = [200], 100, 1
    print("learning (all four kinds, 5-part cross-validation)")
    print(f"{'labels':>8} {'seconds':>9} {'labels/s':>9}  kinds")
    for size, took, kinds in time_learning(args.labels, args.seed):
        print(f"{size:>8} {took:>9.1f} {size / took:>9.0f}  {kinds}")
    bundled_time, house_time = time_checking(args.forms, args.repeat, args.seed)
    print(f"checking a return of {args.forms} forms (median of {args.repeat})")
    print(f"  bundled model      {bundled_time:7.2f} s  {args.forms / bundled_time:7.0f} forms/s")
    print(f"  council's model    {house_time:7.2f} s  {args.forms / house_time:7.0f} forms/s")
    print(f"  ratio (council's / bundled): {house_time / bundled_time:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
