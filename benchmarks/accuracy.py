"""Measure how well the bundled rule sets judge write-ups, against the labelled corpus.

    .venv/bin/python benchmarks/accuracy.py                  # every kind, every split
    .venv/bin/python benchmarks/accuracy.py --split dev      # one split
    .venv/bin/python benchmarks/accuracy.py --kind grade     # one kind (repeat for several)
    .venv/bin/python benchmarks/accuracy.py --misses --split dev   # what was misjudged, and why
    .venv/bin/python benchmarks/accuracy.py --compare        # the scorer against the cue lists alone
    .venv/bin/python benchmarks/accuracy.py --json

The corpus is `tests/data/corpus/` (see its README): statements labelled good or poor by the
rubric in `docs/rubric.md`, in a train, a dev and a frozen test split. Each statement becomes a
form of its own and the bundled rule sets (no installed plugins) check them all. An item is
*flagged* when a finding of severity error or warning, tagged for the item's kind, points at the
item; poor is the positive class. "Good flagged" is the share of good items that drew a warning:
the figure a lead manager feels.

`legacy/` holds two kinds outside the rubric (grade words, the child's voice) in the older
form-fragment format; they are measured the same way.
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

from auditrules import AuditrulesError, Engine, Finding, FormError, scoring
from auditrules.scoring.training import read_yaml

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "data" / "corpus"
KINDS = ("judgement", "target", "recommendation", "analysis")
LEGACY_KINDS = ("grade", "child-voice")
SPLITS = ("train", "dev", "test")
LEGACY_SPLITS = {"dev": "train", "holdout": "dev"}
FLAGGING_SEVERITIES = ("error", "warning")
# The finding tag that speaks for each kind.
TAGS = {"judgement": "evaluative", "target": "smart", "recommendation": "recommendation",
        "analysis": "analysis-link", "grade": "grade", "child-voice": "child-voice"}
# Which part of a target or recommendation a rule is about, to compare with an item's faults.
PARTS = {
    "SMART-001": "owner", "SMART-002": "timescale", "SMART-003": "measurable",
    "REC-001": "action", "REC-002": "owner", "REC-003": "timescale",
}
KIND_PARTS = {"target": ("owner", "timescale", "measurable"),
              "recommendation": ("action", "owner", "timescale")}


# -- the corpus -------------------------------------------------------------------------------
def load_corpus(folder: Path = CORPUS, splits: Sequence[str] = SPLITS,
                kinds: Sequence[str] = (*KINDS, *LEGACY_KINDS)) -> list[dict[str, Any]]:
    """Every item of the given splits and kinds, each with its `split` and `file` added. Only the
    files of those splits are opened: measuring train and dev never reads the frozen test split."""
    items: list[dict[str, Any]] = []
    for split in splits if set(kinds) & set(KINDS) else ():
        for path in sorted((folder / split).glob("*.yaml")):
            document = read_yaml(path)
            for item in document["items"]:
                if item["kind"] not in kinds:
                    continue
                items.append({**item, "split": document["split"], "file": f"{split}/{path.name}",
                              "writer": document["writer"]})
    for path in sorted((folder / "legacy").glob("*.yaml")):
        document = read_yaml(path)
        if document["kind"] not in kinds:
            continue
        for item in document["items"]:
            if LEGACY_SPLITS[item["split"]] in splits:
                items.append({**item, "kind": document["kind"], "split": LEGACY_SPLITS[item["split"]],
                              "file": f"legacy/{path.name}", "writer": "legacy"})
    return items


def build_form(item: Mapping[str, Any]) -> tuple[dict[str, Any], str]:
    """The item as a form of its own, identified by the item's id, and where in it a finding
    about the item points."""
    kind = item["kind"]
    if "form" in item:  # a legacy form fragment
        form = copy.deepcopy(dict(item["form"]))
        at = item.get("at", "")
    elif kind == "judgement":
        field = item.get("field", "section")
        if field == "overall":
            form, at = {"overall_judgement": item["text"]}, "overall_judgement"
        elif field == "impact":
            form, at = {"impact_on_child": item["text"]}, "impact_on_child"
        else:
            form = {"sections": [{"name": item.get("section", "planning"), "judgement": item["text"]}]}
            at = "sections[0].judgement"
    elif kind == "target":
        target = {key: item[key] for key in ("owner", "due", "measure") if key in item}
        form, at = {"plan_targets": [{"text": item["text"], **target}]}, "plan_targets[0]"
    elif kind == "recommendation":
        rec = {key: item[key] for key in ("owner", "due") if key in item}
        form, at = {"recommendations": [{"action": item["text"], **rec}]}, "recommendations[0]"
    else:
        actions = [{"text": action} for action in item.get("actions") or ()]
        form, at = {"assessment": {"analysis": item["text"], "actions": actions}}, "assessment.analysis"
    form["audit"] = {**(form.get("audit") or {}), "id": item["id"]}
    return form, at


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
    result = engine.check([build_form(item)[0] for item in items])
    by_form: dict[str, list[Finding]] = defaultdict(list)
    for finding in result.findings:
        by_form[finding.form or ""].append(finding)
    rulesets = [f"{info.id} {info.version}" for info in result.rulesets]
    return by_form, result.errors, rulesets


def relevant(item: Mapping[str, Any], findings: Iterable[Finding]) -> list[Finding]:
    """The findings that flag this item: its kind's tag, error or warning, at or under the item."""
    at = build_form(item)[1]
    return [f for f in findings if f.severity in FLAGGING_SEVERITIES and TAGS[item["kind"]] in f.tags
            and points_under(f.location.path, at)]


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
        "good_flagged": _ratio(fp, fp + tn),
    }


def part_figures(kind: str, outcomes: Sequence[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Per part: over items, how often a finding for that part matched a labelled fault."""
    figures: dict[str, dict[str, Any]] = {}
    for part in KIND_PARTS[kind]:
        tp = sum(1 for o in outcomes if part in o["faults"] and part in o["found_parts"])
        fp = sum(1 for o in outcomes if part not in o["faults"] and part in o["found_parts"])
        fn = sum(1 for o in outcomes if part in o["faults"] and part not in o["found_parts"])
        figures[part] = {"labelled": tp + fn, "tp": tp, "fp": fp, "fn": fn,
                         "precision": _ratio(tp, tp + fp), "recall": _ratio(tp, tp + fn)}
    return figures


def measure(splits: Sequence[str] = SPLITS, *, corpus: Path = CORPUS, engine: Engine | None = None,
            kinds: Sequence[str] = (*KINDS, *LEGACY_KINDS)) -> dict[str, Any]:
    """Run the bundled rule sets over the corpus (the given splits and kinds) and return the
    figures per kind and split.

    Returns {"rulesets", "splits", "kinds": {kind: {split: confusion figures (and "parts" for
    targets and recommendations)}}, "errors", "misses"}.
    """
    unknown = [s for s in splits if s not in SPLITS]
    if unknown:
        raise ValueError(f"splits must be among {', '.join(SPLITS)}, not {', '.join(unknown)}")
    chosen = load_corpus(corpus, splits, kinds)
    by_form, errors, rulesets = run(chosen, engine)
    outcomes: list[dict[str, Any]] = []
    for item in chosen:
        flagging = relevant(item, by_form.get(item["id"], []))
        outcomes.append({
            "id": item["id"], "kind": item["kind"], "label": item["label"], "split": item["split"],
            "file": item["file"], "hard": bool(item.get("hard")), "why": item.get("why", ""),
            "text": item.get("text", ""), "faults": set(item.get("faults") or item.get("parts") or ()),
            "flagged": bool(flagging), "found_parts": found_parts(flagging), "flagging": flagging,
            "all_findings": by_form.get(item["id"], []),
        })
    figures_of: dict[str, Any] = {}
    for kind in (*KINDS, *LEGACY_KINDS):
        if kind not in kinds:
            continue
        figures_of[kind] = {}
        for split in splits:
            mine = [o for o in outcomes if o["kind"] == kind and o["split"] == split]
            if not mine:
                continue
            figures = confusion((o["label"] == "poor", o["flagged"]) for o in mine)
            if kind in KIND_PARTS:
                figures["parts"] = part_figures(kind, mine)
            figures_of[kind][split] = figures
    return {
        "rulesets": rulesets,
        "splits": list(splits),
        "kinds": figures_of,
        "errors": [{"form": e.form, "message": e.message} for e in errors],
        "misses": [_miss(o) for o in outcomes if (o["label"] == "poor") != o["flagged"]],
    }


def _miss(outcome: Mapping[str, Any]) -> dict[str, Any]:
    what = ("missed (false negative)" if outcome["label"] == "poor"
            else "flagged a good item (false positive)")
    tag = TAGS[outcome["kind"]]
    return {
        "id": outcome["id"], "kind": outcome["kind"], "label": outcome["label"], "what": what,
        "hard": outcome["hard"], "split": outcome["split"], "file": outcome["file"],
        "why": outcome["why"], "text": outcome["text"], "faults": sorted(outcome["faults"]),
        "findings": [{"rule": f.rule, "severity": f.severity, "path": f.location.path,
                      "message": f.message, "counts": f in outcome["flagging"]}
                     for f in outcome["all_findings"] if tag in f.tags],
    }


# -- printing ---------------------------------------------------------------------------------
HEADER = (f"{'kind':<16}{'split':<7}{'items':>6}{'TP':>5}{'FP':>5}{'TN':>5}{'FN':>5}"
          f"{'precision':>11}{'recall':>8}{'bal.acc':>9}{'good flagged':>15}")


def row(kind: str, split: str, f: Mapping[str, Any]) -> str:
    good = f["fp"] + f["tn"]
    return (f"{kind:<16}{split:<7}{f['items']:>6}{f['tp']:>5}{f['fp']:>5}{f['tn']:>5}{f['fn']:>5}"
            f"{f['precision']:>11.2f}{f['recall']:>8.2f}{f['balanced_accuracy']:>9.2f}"
            f"{f['fp']:>6} of {good:<4} ")


def render(figures: Mapping[str, Any], misses: bool = False) -> str:
    lines = ["Accuracy on the labelled corpus (docs/rubric.md)",
             "rule sets: " + (", ".join(figures["rulesets"]) or "(none)"), "", HEADER]
    for kind, by_split in figures["kinds"].items():
        for split, f in by_split.items():
            lines.append(row(kind, split, f))
    for kind in KIND_PARTS:
        for split, f in figures["kinds"].get(kind, {}).items():
            lines += ["", f"{kind}, {split}, by part (a part counts when a rule for it flags the item):",
                      f"  {'part':<15}{'labelled':>9}{'TP':>5}{'FP':>5}{'FN':>5}"
                      f"{'precision':>11}{'recall':>8}"]
            for part, p in f["parts"].items():
                lines.append(f"  {part:<15}{p['labelled']:>9}{p['tp']:>5}{p['fp']:>5}{p['fn']:>5}"
                             f"{p['precision']:>11.2f}{p['recall']:>8.2f}")
    if figures["errors"]:
        lines += ["", f"{len(figures['errors'])} forms could not be checked:"]
        lines += [f"  {e['form']}: {e['message']}" for e in figures["errors"]]
    if misses:
        lines += ["", f"{len(figures['misses'])} misjudged items:"]
        for miss in figures["misses"]:
            hard = ", hard" if miss["hard"] else ""
            lines.append(f"- {miss['id']} ({miss['kind']}, {miss['label']}{hard}, {miss['file']}): "
                         f"{miss['what']}")
            if miss["text"]:
                lines.append(f"    text: {miss['text']}")
            lines.append(f"    why labelled: {miss['why']}"
                         + (f" [{', '.join(miss['faults'])}]" if miss["faults"] else ""))
            for f in miss["findings"]:
                mark = "*" if f["counts"] else " "
                lines.append(f"   {mark}{f['rule']} {f['severity']}: {f['message']}")
    return "\n".join(lines)


# Which part of the scorer decides each kind of statement.
SCORED_PARTS = {"judgement": ("judgement",), "target": ("target-measurable",),
                "recommendation": ("recommendation-action",), "analysis": ("analysis",)}


def compare(splits: Sequence[str], *, corpus: Path = CORPUS, kinds: Sequence[str] = KINDS) -> dict[str, Any]:
    """The figures twice: with the cue lists alone deciding every kind, then with the scorer
    deciding every kind it scores; and which of the two the shipped model uses for each."""
    engine = Engine.load()
    figures: dict[str, Any] = {}
    for who in ("rules", "model"):
        for parts in SCORED_PARTS.values():
            for part in parts:
                scoring.decide(part, who)
        try:
            figures[who] = measure(splits, corpus=corpus, engine=engine, kinds=kinds)
        finally:
            for parts in SCORED_PARTS.values():
                for part in parts:
                    scoring.decide(part, None)
    scorer = scoring.current()
    figures["uses"] = {kind: (scorer.kind(parts[0]).use if scorer and scorer.kind(parts[0]) else "rules")
                       for kind, parts in SCORED_PARTS.items()}
    return figures


def render_comparison(figures: Mapping[str, Any]) -> str:
    lines = ["The scorer against the cue lists alone, per kind (docs/rubric.md)", "",
             f"{'kind':<16}{'split':<7}{'cue lists: bal.acc':>20}{'good flagged':>14}"
             f"{'scorer: bal.acc':>18}{'good flagged':>14}  shipped"]
    for kind in KINDS:
        for split, rules in figures["rules"]["kinds"].get(kind, {}).items():
            model = figures["model"]["kinds"][kind][split]
            lines.append(f"{kind:<16}{split:<7}{rules['balanced_accuracy']:>20.2f}{rules['good_flagged']:>14.2f}"
                         f"{model['balanced_accuracy']:>18.2f}{model['good_flagged']:>14.2f}  "
                         f"{figures['uses'][kind]}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--split", choices=SPLITS, action="append",
                        help="a split to measure (repeat for several; default: all three)")
    parser.add_argument("--kind", choices=(*KINDS, *LEGACY_KINDS), action="append",
                        help="a kind to measure (repeat for several; default: every kind)")
    parser.add_argument("--misses", action="store_true", help="list each misjudged item and its findings")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--compare", action="store_true",
                        help="measure with the cue lists alone and with the scorer deciding, side by side")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="the corpus folder")
    args = parser.parse_args(argv)
    if args.compare and args.kind and not set(args.kind) & set(KINDS):
        parser.error(f"--compare measures the kinds the scorer reads: {', '.join(KINDS)}")
    try:
        if args.compare:
            compared = compare(args.split or SPLITS, corpus=args.corpus,
                               kinds=[k for k in args.kind or KINDS if k in KINDS])
            if args.json:
                print(json.dumps({k: v for k, v in compared.items()}, indent=2, sort_keys=True,
                                 default=sorted))
            else:
                print(render_comparison(compared))
            return 0
        figures = measure(args.split or SPLITS, corpus=args.corpus,
                          kinds=args.kind or (*KINDS, *LEGACY_KINDS))
    except AuditrulesError as exc:
        print(f"accuracy: the rule sets could not be loaded:\n{exc}", file=sys.stderr)
        return 2
    if args.json:
        if not args.misses:
            figures = {k: v for k, v in figures.items() if k != "misses"}
        print(json.dumps(figures, indent=2, sort_keys=True, default=sorted))
    else:
        print(render(figures, misses=args.misses))
    return 0


if __name__ == "__main__":
    sys.exit(main())
