"""Measure how well the bundled rule sets judge write-ups, against a labelled corpus.

    .venv/bin/python benchmarks/accuracy.py                    # every item
    .venv/bin/python benchmarks/accuracy.py --split holdout    # only the held-out items
    .venv/bin/python benchmarks/accuracy.py --misses           # list what was misjudged, and why
    .venv/bin/python benchmarks/accuracy.py --json             # the figures as JSON

The corpus is `tests/data/corpus/<kind>.yaml`: items written from the practice guidance, each a
fragment of a form labelled `good` or `poor` for one kind of check (evaluative, grade, smart,
recommendation, analysis-link, child-voice), with `at`, the place in the form a finding would
point. Every item becomes one form (its `audit.id` is the item's id) and the bundled rule sets
(no installed plugins) check them all.

An item is *flagged* when some finding of severity error or warning carries the item's kind as a
tag and points at `at` or under it (`at` itself, or `at` followed by `.` or `[`; an empty `at`
is the whole form). The positive class is `poor`: a flagged poor item is a true positive, a
flagged good item a false positive.

For `smart` and `recommendation` items the findings are also mapped to the part of the target
or recommendation they are about, by rule id (`PARTS`), and compared with each item's `parts`.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import sys
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

# Installed plugins must not add rules to what is measured; this has to be set before the plugin
# host is first built.
os.environ["AUDITRULES_LOAD_PLUGINS"] = ""

import yaml

from auditrules import AuditrulesError, Engine, Finding, FormError

# Which part of a plan target or recommendation a rule is about.
PARTS = {
    "SMART-001": "owner",
    "SMART-002": "timescale",
    "SMART-003": "measurable",
    "SMART-004": "outcome",
    "SMART-005": "safer",
    "SMART-006": "why_explained",
    "REC-001": "action",
    "REC-002": "owner",
    "REC-003": "timescale",
}

KINDS = ("evaluative", "grade", "smart", "recommendation", "analysis-link", "child-voice")
KIND_PARTS = {
    "smart": ("owner", "timescale", "measurable", "outcome", "safer", "why_explained"),
    "recommendation": ("action", "owner", "timescale"),
}
LABELS = ("good", "poor")
SPLITS = ("dev", "holdout")
FLAGGING_SEVERITIES = ("error", "warning")
CORPUS = Path(__file__).resolve().parents[1] / "tests" / "data" / "corpus"


# -- the corpus -------------------------------------------------------------------------------
def load_corpus(folder: Path = CORPUS) -> list[dict[str, Any]]:
    """Every item of every `<kind>.yaml` in `folder`, each with its `kind` added."""
    items: list[dict[str, Any]] = []
    for path in sorted(folder.glob("*.yaml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        kind = document["kind"]
        for item in document["items"]:
            items.append({**item, "kind": kind, "file": path.name})
    return items


def select(items: Iterable[dict[str, Any]], split: str = "all") -> list[dict[str, Any]]:
    return [item for item in items if split == "all" or item.get("split") == split]


def build_form(item: Mapping[str, Any]) -> dict[str, Any]:
    """The item's form fragment as a form of its own, identified by the item's id."""
    form = copy.deepcopy(dict(item.get("form") or {}))
    form["audit"] = {**(form.get("audit") or {}), "id": item["id"]}
    return form


def points_under(path: str, at: str) -> bool:
    """Whether a finding at `path` points at `at` or inside it."""
    if at == "":
        return True
    return path == at or path.startswith(at + ".") or path.startswith(at + "[")


# -- running ----------------------------------------------------------------------------------
def run(items: Sequence[dict[str, Any]], engine: Engine | None = None
        ) -> tuple[dict[str, list[Finding]], list[FormError], list[str]]:
    """Check one form per item: the findings per item id, form errors, and the rule sets used."""
    engine = engine or Engine.load()
    result = engine.check([build_form(item) for item in items])
    by_form: dict[str, list[Finding]] = defaultdict(list)
    for finding in result.findings:
        by_form[finding.form or ""].append(finding)
    rulesets = [f"{info.id} {info.version}" for info in result.rulesets]
    return by_form, result.errors, rulesets


def relevant(item: Mapping[str, Any], findings: Iterable[Finding]) -> list[Finding]:
    """The findings that flag this item: its kind's tag, error or warning, at or under `at`."""
    return [
        f for f in findings
        if f.severity in FLAGGING_SEVERITIES and item["kind"] in f.tags
        and points_under(f.location.path, item.get("at", ""))
    ]


def found_parts(findings: Iterable[Finding]) -> set[str]:
    return {PARTS[f.rule.upper()] for f in findings if f.rule.upper() in PARTS}


# -- figures ----------------------------------------------------------------------------------
def _ratio(top: int, bottom: int) -> float:
    return round(top / bottom, 4) if bottom else 0.0


def confusion(pairs: Iterable[tuple[bool, bool]]) -> dict[str, Any]:
    """Counts and rates from (is poor, was flagged) pairs; poor is the positive class."""
    tp = fp = tn = fn = 0
    for poor, flagged in pairs:
        if poor and flagged:
            tp += 1
        elif poor:
            fn += 1
        elif flagged:
            fp += 1
        else:
            tn += 1
    recall = _ratio(tp, tp + fn)
    specificity = _ratio(tn, tn + fp)
    return {
        "items": tp + fp + tn + fn, "tp": tp, "fp": fp, "tn": tn, "fn": fn,
        "precision": _ratio(tp, tp + fp), "recall": recall, "specificity": specificity,
        "balanced_accuracy": round((recall + specificity) / 2, 4),
    }


def part_figures(kind: str, outcomes: Sequence[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Per part: over items, how often a finding for that part matched a labelled shortfall."""
    figures: dict[str, dict[str, Any]] = {}
    for part in KIND_PARTS[kind]:
        tp = sum(1 for o in outcomes if part in o["parts"] and part in o["found_parts"])
        fp = sum(1 for o in outcomes if part not in o["parts"] and part in o["found_parts"])
        fn = sum(1 for o in outcomes if part in o["parts"] and part not in o["found_parts"])
        figures[part] = {"labelled": tp + fn, "tp": tp, "fp": fp, "fn": fn,
                         "precision": _ratio(tp, tp + fp), "recall": _ratio(tp, tp + fn)}
    return figures


def measure(split: str = "all", *, corpus: Path = CORPUS, engine: Engine | None = None) -> dict[str, Any]:
    """Run the bundled rule sets over the corpus and return the figures for `split`.

    Returns {"split", "items", "rulesets", "kinds": {kind: confusion figures plus "dev",
    "holdout" and (smart, recommendation) "parts"}, "all": confusion figures, "errors",
    "misses"}.
    """
    if split not in ("all", *SPLITS):
        raise ValueError(f"split must be all, dev or holdout, not {split!r}")
    everything = load_corpus(corpus)
    by_form, errors, rulesets = run(everything, engine)
    outcomes: list[dict[str, Any]] = []
    for item in everything:
        flagging = relevant(item, by_form.get(item["id"], []))
        outcomes.append({
            "id": item["id"], "kind": item["kind"], "label": item["label"], "split": item.get("split"),
            "hard": bool(item.get("hard")), "why": item.get("why", ""), "at": item.get("at", ""),
            "parts": set(item.get("parts") or ()), "flagged": bool(flagging),
            "found_parts": found_parts(flagging), "flagging": flagging,
            "all_findings": by_form.get(item["id"], []),
        })
    chosen = [o for o in outcomes if split == "all" or o["split"] == split]
    kinds: dict[str, Any] = {}
    for kind in KINDS:
        mine = [o for o in chosen if o["kind"] == kind]
        figures = confusion((o["label"] == "poor", o["flagged"]) for o in mine)
        for part_split in SPLITS:
            figures[part_split] = confusion((o["label"] == "poor", o["flagged"]) for o in outcomes
                                            if o["kind"] == kind and o["split"] == part_split)
        if kind in KIND_PARTS:
            figures["parts"] = part_figures(kind, mine)
        kinds[kind] = figures
    return {
        "split": split,
        "items": len(chosen),
        "rulesets": rulesets,
        "kinds": kinds,
        "all": confusion((o["label"] == "poor", o["flagged"]) for o in chosen),
        "errors": [{"form": e.form, "message": e.message} for e in errors],
        "misses": [_miss(o) for o in chosen if _missed(o)],
    }


def _missed(outcome: Mapping[str, Any]) -> bool:
    if (outcome["label"] == "poor") != outcome["flagged"]:
        return True
    return outcome["kind"] in KIND_PARTS and outcome["flagged"] and outcome["parts"] != outcome["found_parts"]


def _finding_dict(finding: Finding, flagging: Sequence[Finding]) -> dict[str, Any]:
    return {"rule": finding.rule, "severity": finding.severity, "path": finding.location.path,
            "tags": list(finding.tags), "message": finding.message, "reasons": list(finding.reasons),
            "counts": finding in flagging}


def _miss(outcome: Mapping[str, Any]) -> dict[str, Any]:
    flagged = outcome["flagged"]
    if outcome["label"] == "poor" and not flagged:
        what = "missed (false negative)"
    elif outcome["label"] == "good" and flagged:
        what = "flagged a good item (false positive)"
    else:
        what = "flagged, but for other parts"
    return {
        "id": outcome["id"], "kind": outcome["kind"], "label": outcome["label"], "what": what,
        "hard": outcome["hard"], "split": outcome["split"], "at": outcome["at"], "why": outcome["why"],
        "parts": sorted(outcome["parts"]), "found_parts": sorted(outcome["found_parts"]),
        "findings": [_finding_dict(f, outcome["flagging"]) for f in outcome["all_findings"]
                     if outcome["kind"] in f.tags],
        "other_findings": sum(1 for f in outcome["all_findings"] if outcome["kind"] not in f.tags),
    }


# -- printing ---------------------------------------------------------------------------------
def _row(name: str, f: Mapping[str, Any]) -> str:
    return (f"{name:<16}{f['items']:>6}{f['tp']:>5}{f['fp']:>5}{f['tn']:>5}{f['fn']:>5}"
            f"{f['precision']:>11.2f}{f['recall']:>8.2f}{f['balanced_accuracy']:>9.2f}")


def render(figures: Mapping[str, Any], misses: bool = False) -> str:
    lines = [f"Accuracy on the labelled corpus, split {figures['split']}: {figures['items']} items",
             "rule sets: " + (", ".join(figures["rulesets"]) or "(none)"), ""]
    lines.append(f"{'kind':<16}{'items':>6}{'TP':>5}{'FP':>5}{'TN':>5}{'FN':>5}"
                 f"{'precision':>11}{'recall':>8}{'bal.acc':>9}")
    for kind in KINDS:
        lines.append(_row(kind, figures["kinds"][kind]))
    lines.append(_row("all", figures["all"]))
    lines += ["", "dev vs holdout (balanced accuracy, items):"]
    for kind in KINDS:
        dev, holdout = figures["kinds"][kind]["dev"], figures["kinds"][kind]["holdout"]
        lines.append(f"  {kind:<16}dev {dev['balanced_accuracy']:.2f} ({dev['items']})"
                     f"   holdout {holdout['balanced_accuracy']:.2f} ({holdout['items']})")
    for kind in KIND_PARTS:
        lines += ["", f"{kind} by part (over items; a part counts when a rule for it flags the item):",
                  f"  {'part':<15}{'labelled':>9}{'TP':>5}{'FP':>5}{'FN':>5}{'precision':>11}{'recall':>8}"]
        for part, f in figures["kinds"][kind]["parts"].items():
            lines.append(f"  {part:<15}{f['labelled']:>9}{f['tp']:>5}{f['fp']:>5}{f['fn']:>5}"
                         f"{f['precision']:>11.2f}{f['recall']:>8.2f}")
    if figures["errors"]:
        lines += ["", f"{len(figures['errors'])} forms could not be checked:"]
        lines += [f"  {e['form']}: {e['message']}" for e in figures["errors"]]
    if misses:
        lines += ["", f"{len(figures['misses'])} misjudged items:"]
        for miss in figures["misses"]:
            hard = ", hard" if miss["hard"] else ""
            lines.append(f"- {miss['id']} ({miss['kind']}, {miss['label']}{hard}, {miss['split']}): "
                         f"{miss['what']}")
            lines.append(f"    why labelled: {miss['why']}")
            if miss["parts"] or miss["found_parts"]:
                lines.append(f"    parts labelled: {', '.join(miss['parts']) or '-'}; "
                             f"found: {', '.join(miss['found_parts']) or '-'}")
            if not miss["findings"]:
                lines.append(f"    no {miss['kind']} finding on this form "
                             f"({miss['other_findings']} with other tags)")
            for f in miss["findings"]:
                mark = "*" if f["counts"] else " "
                lines.append(f"   {mark}{f['rule']} {f['severity']} at {f['path'] or '(form)'} "
                             f"[{', '.join(f['tags'])}]: {f['message']}")
                for reason in f["reasons"]:
                    lines.append(f"        why: {reason}")
        lines.append("(only findings tagged with the item's kind are shown; * marks those that count: "
                     "error or warning, at or under `at`)")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("all", *SPLITS), default="all",
                        help="which items to count (default: all)")
    parser.add_argument("--misses", action="store_true", help="list each misjudged item and its findings")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="the corpus folder")
    args = parser.parse_args(argv)
    try:
        figures = measure(args.split, corpus=args.corpus)
    except AuditrulesError as exc:
        print(f"accuracy: the rule sets could not be loaded:\n{exc}", file=sys.stderr)
        return 2
    if args.json:
        if not args.misses:
            figures = {k: v for k, v in figures.items() if k != "misses"}
        print(json.dumps(figures, indent=2, sort_keys=True))
    else:
        print(render(figures, misses=args.misses))
    return 0


if __name__ == "__main__":
    sys.exit(main())
