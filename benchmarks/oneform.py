"""Benchmark the one-form pro formas, the review page, redaction, compare, track and the archive check.

    .venv/bin/python benchmarks/oneform.py                # 500-audit returns, a 10,000-audit workbook
    .venv/bin/python benchmarks/oneform.py --quick        # a few seconds
    .venv/bin/python benchmarks/oneform.py --forms 1000 --big-forms 50000 --repeat 20

Everything runs in this process through the public API, with one engine loaded as the command
line loads it (every bundled rule set, the tracking one included, and every installed plugin),
reading rules as of a fixed date so that every run finds the same. It times:

1. **One-form pro formas.** The weak and strong write-ups (`examples/*-writeup.yaml`) written as
   Word pro formas and form-layout workbooks by `examples/make_forms.py`, read with
   `examples/pro-forma.mapping.toml` (`Engine.read`) and read and checked (`Engine.check`), each
   REPEAT times; the same forms read and checked from the YAML, and the ratio of each to it.
2. **The review page** of the weak write-up: `build_review` + `render_review` (as `auditrules
   review` does after its check), and the whole of it from the Word pro forma (read, check,
   build, render); pages per second and the page's size.
3. **Redaction** (`redact_result`) of the check result of a return of N audits from the batch
   benchmark's generator (`benchmarks/batch.py`), and of the comparison below (`redact_all`), as
   time and as a share of the check.
4. **compare** of that return with a re-audit of the same N audit ids (written from another seed),
   and **track** of the first return's recommendations; seconds, forms per second and the ratio
   to a plain check of the same forms (both returns for compare, the one for track).
5. **The archive check** (`check_archive`) on a big return workbook of BIG audits and on the Word
   pro forma: milliseconds, and as a share of reading the file (`Engine.read`, and the bare
   calamine read of the workbook).

Speed is printed, never asserted; `tests/test_oneform_benchmark.py` runs `--quick` and checks the
table is whole.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import importlib.util
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from auditrules.compare import compare
from auditrules.engine import CheckResult, Engine
from auditrules.functions import judgements, links, text
from auditrules.models import FormError
from auditrules.readers.archive import check_archive
from auditrules.redact import redact_all, redact_result
from auditrules.reporters.review_page import render_review
from auditrules.review import build_review, check_form, choose_form
from auditrules.tracking import track

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
WRITE_UPS = (EXAMPLES / "weak-writeup.yaml", EXAMPLES / "strong-writeup.yaml")
FORM_MAPPING = EXAMPLES / "pro-forma.mapping.toml"
AS_OF = dt.date(2025, 9, 1)

DEFAULT_FORMS, QUICK_FORMS = 500, 10
DEFAULT_BIG, QUICK_BIG = 10_000, 200
DEFAULT_REPEAT, QUICK_REPEAT = 25, 1
REVIEW_PAGES, QUICK_REVIEW_PAGES = 100, 5
WIDTH = 42  # the table's first column


def _load_script(name: str, path: Path) -> ModuleType:
    """A script that is not a package (the batch benchmark, the examples' form writer)."""
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


batch = _load_script("batch", ROOT / "benchmarks" / "batch.py")
make_forms = _load_script("make_forms", EXAMPLES / "make_forms.py")


# ---- the inputs ---------------------------------------------------------------------------------

def write_return(folder: Path, name: str, forms: int, seed: int) -> tuple[Path, Path]:
    """A return of `forms` audits from the batch benchmark's generator, with the audit ids
    A-000001, A-000002, ... so that two returns from different seeds are an audit and its
    re-audit, matched form by form."""
    rng = random.Random(seed)
    bank = batch.TextBank(rng)
    path = folder / f"{name}.xlsx"
    writer = batch.ReturnWriter(path)
    for number, (main, targets, recommendations) in enumerate(batch.audits(rng, bank, forms), 1):
        main[0] = f"A-{number:06d}"
        writer.audit(main, targets, recommendations)
    writer.close()
    mapping = folder / f"{name}.mapping.toml"
    mapping.write_text(batch.mapping_text(), encoding="utf-8")
    return path, mapping


# ---- measuring ----------------------------------------------------------------------------------

@dataclass
class Row:
    label: str
    seconds: float | None = None
    count: int | None = None
    unit: str = ""
    note: str = ""


def cold_text_caches() -> None:
    """Forget the texts read for the last few forms (the text functions keep them so that every
    rule on a form shares one reading), so a stage re-reading forms an earlier stage read starts
    as a fresh process would. The word stems learnt stay, as they do in a long run."""
    text.read.cache_clear()
    judgements.signals.cache_clear()
    links.concerns_in.cache_clear()


@contextmanager
def timed() -> Iterator[list[float]]:
    """Time the block, with cold text caches; `out[0]` holds the seconds afterwards. The garbage
    is collected before each part of the run rather than each stage: a collection walks all the
    loaded rule sets, and the collector runs during each stage as it would in a check."""
    out = [0.0]
    cold_text_caches()
    start = time.perf_counter()
    try:
        yield out
    finally:
        out[0] = time.perf_counter() - start


def best(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """The fastest of `repeat` runs of `fn`, and its result."""
    times, result = [], None
    for _ in range(max(1, repeat)):
        result = None
        with timed() as took:
            result = fn()
        times.append(took[0])
    return min(times), result


def ratio(part: float, whole: float) -> str:
    return f"{part / whole:.2f}x" if whole else "n/a"


def times(n: int) -> str:
    return "once" if n == 1 else f"{n} times"


def share(part: float, whole: float) -> str:
    return f"{100 * part / whole:.2f}%" if whole else "n/a"


def read_all(engine: Engine, files: list[Path], mapping: Any, repeat: int) -> tuple[float, int]:
    """Seconds to read and validate `files` `repeat` times, and the forms read."""
    options = engine.read_options(mapping)
    forms = 0
    with timed() as took:
        for _ in range(repeat):
            for item in engine.read(files, options):
                if isinstance(item, FormError):
                    raise SystemExit(f"{item.location.describe()}: {item.message}")
                forms += 1
    return took[0], forms


def check_all(engine: Engine, files: list[Path], mapping: Any, repeat: int
              ) -> tuple[float, int, int]:
    """Seconds to read and check `files` `repeat` times; forms checked and findings."""
    forms = findings = 0
    with timed() as took:
        for _ in range(repeat):
            cold_text_caches()  # each pass reads the texts afresh, as for new forms
            result = engine.check(files, mapping=mapping)
            _no_errors(result, files)
            forms += result.forms_checked
            findings += len(result.findings)
    return took[0], forms, findings


def _no_errors(result: CheckResult, files: list[Path]) -> None:
    if result.errors:
        first = result.errors[0]
        raise SystemExit(f"{', '.join(map(str, files))}: {len(result.errors)} errors, e.g. "
                         f"{first.location.describe()}: {first.message}")


# ---- the parts ----------------------------------------------------------------------------------

def one_form(engine: Engine, folder: Path, repeat: int) -> list[Row]:
    written = [make_forms.make(source, folder) for source in WRITE_UPS]
    words = [docx for docx, _ in written]
    books = [xlsx for _, xlsx in written]
    mapping = engine.load_mapping(FORM_MAPPING)
    for files, used in ((list(WRITE_UPS), None), (words, mapping), (books, mapping)):
        check_all(engine, files, used, 1)  # untimed: the readers' imports and first-use costs
    yaml_read, yaml_forms = read_all(engine, list(WRITE_UPS), None, repeat)
    yaml_check, _, yaml_findings = check_all(engine, list(WRITE_UPS), None, repeat)
    rows: list[Row] = []
    for label, files in (("Word pro forma (.docx)", words), ("form-layout workbook (.xlsx)", books)):
        seconds, forms = read_all(engine, files, mapping, repeat)
        rows.append(Row(f"{label}: read", seconds, forms, "forms",
                        f"{ratio(seconds / forms, yaml_read / yaml_forms)} the YAML read"))
        seconds, forms, findings = check_all(engine, files, mapping, repeat)
        same = "same findings" if findings == yaml_findings else f"{findings} findings, YAML {yaml_findings}"
        rows.append(Row(f"{label}: read + check", seconds, forms, "forms",
                        f"{ratio(seconds / forms, yaml_check / yaml_forms)} the YAML check; {same}"))
    rows.append(Row("YAML: read", yaml_read, yaml_forms, "forms", "the baseline"))
    rows.append(Row("YAML: read + check", yaml_check, yaml_forms, "forms",
                    f"the baseline; {yaml_findings / yaml_forms:.1f} findings per form"))
    return rows


def review(engine: Engine, folder: Path, pages: int) -> list[Row]:
    form, context = choose_form(engine, [WRITE_UPS[0]])
    result = check_form(engine, (form, context))
    page = ""
    with timed() as took:
        for _ in range(pages):
            page = render_review(build_review(form, context, result))
    size = len(page.encode("utf-8"))
    rows = [Row("review page: build + render", took[0], pages, "pages",
                f"weak write-up, {len(result.findings)} findings; page {size:,} bytes")]
    word = folder / "weak-writeup.docx"
    mapping = engine.load_mapping(FORM_MAPPING)
    whole = max(1, pages // 5)
    with timed() as took:
        for _ in range(whole):
            chosen = choose_form(engine, [word], None, mapping)
            checked = check_form(engine, chosen)
            page = render_review(build_review(*chosen, checked))
    rows.append(Row("review page from Word, whole", took[0], whole, "pages",
                    f"read + check + build + render; page {len(page.encode('utf-8')):,} bytes"))
    return rows


def returns(engine: Engine, folder: Path, forms: int, seed: int, repeat: int) -> list[Row]:
    old, old_mapping = write_return(folder, "audit", forms, seed)
    new, new_mapping = write_return(folder, "reaudit", forms, seed + 1)
    old_map, new_map = engine.load_mapping(old_mapping), engine.load_mapping(new_mapping)
    warm, warm_mapping = write_return(folder, "warm-up", min(forms, 50), seed + 2)
    engine.check([warm], mapping=engine.load_mapping(warm_mapping))  # untimed: learns the stems

    with timed() as took:
        result = engine.check([old], mapping=old_map)
    _no_errors(result, [old])
    check_old = took[0]
    with timed() as took:
        again = engine.check([new], mapping=new_map)
    _no_errors(again, [new])
    check_new = took[0]
    del again

    redact_check, _ = best(lambda: redact_result(result), repeat=min(repeat, 3))
    with timed() as took:
        comparison = compare(engine, [old], [new], old_mapping=old_map, new_mapping=new_map)
    compare_seconds = took[0]
    if comparison.errors:
        raise SystemExit(f"compare: {len(comparison.errors)} errors, e.g. {comparison.errors[0][1].message}")
    totals = comparison.totals()
    redact_comparison, _ = best(lambda: redact_all(comparison), repeat=min(repeat, 3))

    with timed() as took:  # again, next to track, and the faster taken: the machine may be shared
        engine.check([old], mapping=old_map)
    check_old = min(check_old, took[0])
    with timed() as took:
        tracker = track(engine, [old], mapping=old_map)
    track_seconds = took[0]
    if tracker.errors:
        raise SystemExit(f"track: {len(tracker.errors)} errors, e.g. {tracker.errors[0].message}")
    recommendations = len(tracker.recommendations)
    overdue = sum(1 for r in tracker.recommendations if r.overdue)

    both = check_old + check_new
    checked = result.forms_checked
    return [
        Row("check (the plain baseline)", check_old, checked, "forms",
            f"best of 2; {len(result.findings) / max(1, checked):.1f} findings per form; "
            f"the re-audit's {check_new:.2f} s"),
        Row("redact a check result", redact_check, checked, "forms",
            f"{share(redact_check, check_old)} of the check ({len(result.findings):,} findings)"),
        Row("compare audit with re-audit", compare_seconds, totals["forms_in_both"], "form pairs",
            f"{ratio(compare_seconds, both)} the two checks; {totals['resolved']:,} resolved, "
            f"{totals['persisting']:,} persisting, {totals['new']:,} new"),
        Row("redact the comparison", redact_comparison, totals["forms_in_both"], "form pairs",
            f"{share(redact_comparison, both)} of the two checks"),
        Row("track recommendations", track_seconds, tracker.forms_checked, "forms",
            f"{ratio(track_seconds, check_old)} the check; {recommendations:,} recommendations "
            f"({overdue:,} overdue as of {AS_OF:%d/%m/%Y}) in {len(tracker.owners)} owner groups"),
    ]


def archive(engine: Engine, folder: Path, big: int, seed: int, repeat: int) -> list[Row]:
    book, mapping_path = write_return(folder, "big", big, seed)
    size = book.stat().st_size
    tries = max(repeat, 3)
    seconds, _ = best(lambda: check_archive(book, "xlsx"), tries)
    big_mapping = engine.load_mapping(mapping_path)
    read_seconds, forms = read_all(engine, [book], big_mapping, 1)
    bare = min(batch.calamine_read(book)[0] for _ in range(2))
    rows = [Row("archive check: big return", seconds, None, "",
                f"{seconds * 1000:.2f} ms for {size / 2**20:.1f} MiB ({forms:,} audits); "
                f"{share(seconds, read_seconds)} of reading it ({read_seconds:.2f} s), "
                f"{share(seconds, bare)} of the bare calamine read ({bare:.2f} s)")]
    word = folder / "weak-writeup.docx"
    seconds, _ = best(lambda: check_archive(word, "docx"), tries * 10)
    form_mapping = engine.load_mapping(FORM_MAPPING)
    read_word, _ = best(lambda: read_all(engine, [word], form_mapping, 1), tries)
    rows.append(Row("archive check: Word pro forma", seconds, None, "",
                    f"{seconds * 1000:.2f} ms for {word.stat().st_size / 1024:.0f} KiB; "
                    f"{share(seconds, read_word)} of reading it ({read_word * 1000:.1f} ms)"))
    return rows


# ---- the table ----------------------------------------------------------------------------------

def part(title: str, measure: Callable[[], list[Row]]) -> None:
    """Measure one part of the run and print its table."""
    gc.collect()
    rows = measure()
    print_table(title, rows)


def print_table(title: str, rows: list[Row]) -> None:
    print(f"\n{title}")
    print(f"{'measure':<{WIDTH}} {'seconds':>9} {'count':>7} {'rate':>20}  note")
    print("-" * 120)
    for row in rows:
        seconds = " " * 9 if row.seconds is None else (
            f"{row.seconds:9.3f}" if row.seconds >= 0.01 else f"{row.seconds:9.5f}")
        count = f"{row.count:7d}" if row.count is not None else " " * 7
        rate = f"{row.count / row.seconds:,.1f} {row.unit}/s" if row.seconds and row.count else ""
        print(f"{row.label:<{WIDTH}} {seconds} {count} {rate:>20}  {row.note}".rstrip())


def run(args: argparse.Namespace) -> int:
    def given(value: int | None, quick: int, default: int) -> int:
        return value if value is not None else quick if args.quick else default

    forms = given(args.forms, QUICK_FORMS, DEFAULT_FORMS)
    big = given(args.big_forms, QUICK_BIG, DEFAULT_BIG)
    repeat = given(args.repeat, QUICK_REPEAT, DEFAULT_REPEAT)
    pages = QUICK_REVIEW_PAGES if args.quick else REVIEW_PAGES
    if min(forms, big, repeat) < 1:
        raise SystemExit("--forms, --big-forms and --repeat must be 1 or more")
    started = time.perf_counter()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"one-form benchmark: {forms:,}-audit returns, a {big:,}-audit workbook, repeat {repeat}, "
          f"seed {args.seed}; Python {sys.version.split()[0]}, {os.cpu_count()} cores, "
          f"load average {load:.2f} at the start")
    from auditrules import _compiled

    print(f"text reading: {_compiled.describe()}")
    with tempfile.TemporaryDirectory(prefix="auditrules-oneform-") as tmp:
        folder = Path(args.keep) if args.keep else Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        with timed() as took:
            engine = Engine.load(tracking=True, as_of=AS_OF)
        print(f"engine loaded in {took[0]:.2f} s: {len(engine.rulesets)} rule sets, "
              f"{sum(len(r.rules) for r in engine.rulesets)} rules")
        part(f"1. one-form pro formas (the weak and strong write-ups, each read {times(repeat)})",
             lambda: one_form(engine, folder, repeat))
        part("2. auditrules review (the weak write-up)", lambda: review(engine, folder, pages))
        part(f"3-4. redaction, compare and track ({forms:,} generated audits, jobs 1)",
             lambda: returns(engine, folder, forms, args.seed, repeat))
        part("5. the archive check (best of several)",
             lambda: archive(engine, folder, big, args.seed, repeat))
    print(f"\nwhole run {time.perf_counter() - started:.1f} s")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--forms", type=int, default=None,
                        help=f"audits in the generated returns ({DEFAULT_FORMS}; --quick {QUICK_FORMS})")
    parser.add_argument("--big-forms", type=int, default=None,
                        help=f"audits in the archive check's workbook ({DEFAULT_BIG:,}; --quick {QUICK_BIG})")
    parser.add_argument("--repeat", type=int, default=None,
                        help=f"reads of each example form ({DEFAULT_REPEAT}; --quick {QUICK_REPEAT})")
    parser.add_argument("--quick", action="store_true", help="a run of a few seconds")
    parser.add_argument("--seed", type=int, default=20240603)
    parser.add_argument("--keep", metavar="DIR", help="write the generated files to DIR and keep them")
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
