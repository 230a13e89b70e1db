"""Check corpus files against the format in README.md (the format only: it runs no rules).

    python tests/data/corpus/check.py tests/data/corpus/train/w1-terse.yaml [more files...]
    python tests/data/corpus/check.py            # every file of the corpus

Prints each problem with the file and the item's id, then a count per kind and label; exits 1
when a file has problems.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
# libyaml's loader where PyYAML has it: the same data as yaml.safe_load, ten times faster.
LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
SPLITS = ("train", "dev", "test")
KINDS = ("judgement", "target", "recommendation", "analysis")
FAULTS = {
    "judgement": {"events", "grade", "reported", "effort", "filler", "circumstances", "empty"},
    "target": {"owner", "timescale", "measurable"},
    "recommendation": {"action", "owner", "timescale"},
    "analysis": {"unanswered", "victim-only"},
}
FIELDS = ("section", "overall", "impact")
SECTIONS = ("assessment", "planning", "child_voice", "multi_agency", "management_oversight", "impact")
COMMON = {"id", "kind", "text", "label", "faults", "hard", "register", "why"}
ALLOWED = {
    "judgement": COMMON | {"field", "section"},
    "target": COMMON | {"owner", "due", "measure"},
    "recommendation": COMMON | {"owner", "due"},
    "analysis": COMMON | {"actions"},
}


def _text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def item_problems(item: Any) -> list[str]:
    """What is wrong with one item, in plain words (empty when nothing is)."""
    if not isinstance(item, dict):
        return ["an item is not a mapping"]
    problems: list[str] = []
    kind = item.get("kind")
    if kind not in KINDS:
        return [f"kind {kind!r} is not one of {', '.join(KINDS)}"]
    unknown = set(item) - ALLOWED[kind]
    if unknown:
        problems.append(f"unknown keys for a {kind}: {', '.join(sorted(unknown))}")
    if not _text(item.get("id")):
        problems.append("no id")
    if not _text(item.get("text")):
        problems.append("no text")
    if not _text(item.get("why")):
        problems.append("no why")
    if not _text(item.get("register")):
        problems.append("no register")
    label = item.get("label")
    faults = item.get("faults") or []
    if label not in ("good", "poor"):
        problems.append(f"label {label!r} is not good or poor")
    if not isinstance(faults, list) or not all(isinstance(f, str) for f in faults):
        problems.append("faults is not a list of words")
        faults = []
    if label == "poor" and not faults:
        problems.append("a poor item names no fault")
    if label == "good" and faults:
        problems.append("a good item names faults")
    wrong = set(faults) - FAULTS[kind]
    if wrong:
        problems.append(f"faults {sorted(wrong)} are not faults of a {kind} "
                        f"({', '.join(sorted(FAULTS[kind]))})")
    if "hard" in item and not isinstance(item["hard"], bool):
        problems.append("hard is not true or false")
    if kind == "judgement":
        field = item.get("field", "section")
        if field not in FIELDS:
            problems.append(f"field {field!r} is not one of {', '.join(FIELDS)}")
        if field == "section" and item.get("section", "planning") not in SECTIONS:
            problems.append(f"section {item.get('section')!r} is not one of {', '.join(SECTIONS)}")
    for key in ("owner", "due", "measure"):
        if key in item and not isinstance(item[key], str):
            problems.append(f"{key} is not text (quote dates: due: \"14/06/2025\")")
    if kind == "analysis":
        actions = item.get("actions")
        if not isinstance(actions, list) or not all(_text(a) for a in actions):
            problems.append("actions is not a list of texts (write [] when there are none)")
    return problems


def file_problems(path: Path) -> tuple[list[str], list[dict[str, Any]]]:
    try:
        document = yaml.load(path.read_text(encoding="utf-8"), Loader=LOADER)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        return [f"{path}: cannot be read: {exc}"], []
    if not isinstance(document, dict) or not isinstance(document.get("items"), list):
        return [f"{path}: not a mapping with an items list"], []
    problems = []
    if document.get("split") not in SPLITS:
        problems.append(f"{path}: split {document.get('split')!r} is not one of {', '.join(SPLITS)}")
    elif path.parent.name in SPLITS and document["split"] != path.parent.name:
        problems.append(f"{path}: says split {document['split']!r} but lies in the {path.parent.name} folder")
    if not _text(document.get("writer")):
        problems.append(f"{path}: no writer")
    items = document["items"]
    for index, item in enumerate(items):
        name = item.get("id", f"item {index + 1}") if isinstance(item, dict) else f"item {index + 1}"
        problems += [f"{path}: {name}: {p}" for p in item_problems(item)]
    return problems, [i for i in items if isinstance(i, dict)]


NOT_CONCERN = ("ruled out", "strength", "background", "summary", "past", "other")


def _words(text: str) -> str:
    return " ".join(text.split()).lower()


def _numbers(value: Any, actions: int) -> bool:
    return isinstance(value, list) and all(isinstance(n, int) and 1 <= n <= actions for n in value)


def concern_problems(entry: Any, item: dict[str, Any]) -> list[str]:
    """What is wrong with one analysis's concern labels (see README.md, "Concerns, one by one")."""
    if not isinstance(entry, dict):
        return ["an entry is not a mapping"]
    unknown = set(entry) - {"id", "concerns", "not_concerns", "harm", "doubt"}
    problems = [f"unknown keys: {', '.join(sorted(unknown))}"] if unknown else []
    text, actions = _words(item["text"]), len(item.get("actions") or [])
    concerns = entry.get("concerns") or []
    for concern in concerns:
        said = concern.get("said") if isinstance(concern, dict) else None
        if not _text(said) or _words(said) not in text:
            problems.append(f"a concern is not the analysis's words as written: {said!r}")
            continue
        if not _numbers(concern.get("answered_by"), actions):
            problems.append(f"answered_by is not a list of action numbers 1 to {actions}: {said!r}")
        elif not set(concern.get("through_cause") or []) <= set(concern["answered_by"]):
            problems.append(f"through_cause names an action that does not answer it: {said!r}")
    for other in entry.get("not_concerns") or []:
        said = other.get("said") if isinstance(other, dict) else None
        if not _text(said) or _words(said) not in text:
            problems.append(f"a not-concern is not the analysis's words as written: {said!r}")
        elif other.get("why") not in NOT_CONCERN:
            problems.append(f"why is not one of {', '.join(NOT_CONCERN)}: {said!r}")
    harm = entry.get("harm")
    if harm is not None and (not isinstance(harm, dict) or not _text(harm.get("by"))
                             or not _numbers(harm.get("worked_with_by") or [], actions)):
        problems.append("harm needs who causes it (by) and the numbers of the actions that work with them")
    if entry.get("doubt") is None:  # labels agree with the item's, unless a doubt says otherwise
        unanswered = [c for c in concerns if isinstance(c, dict) and not c.get("answered_by")]
        faults = item.get("faults") or []
        if item["label"] == "good" and unanswered:
            problems.append("a good analysis with a concern left unanswered")
        if "unanswered" in faults and not unanswered:
            problems.append("fault unanswered, but every concern is answered")
        if "victim-only" in faults and not (isinstance(harm, dict) and not harm.get("worked_with_by")):
            problems.append("fault victim-only, but no harm whose causer no action works with")
    return problems


def concern_file_problems(path: Path) -> list[str]:
    """What is wrong with a file of concern labels: the format, an analysis it does not know, an
    analysis of its writer's train (or dev) file it leaves out. A test writer's is never labelled."""
    try:
        document = yaml.load(path.read_text(encoding="utf-8"), Loader=LOADER)
        writer = document["writer"]
        if (HERE / "test" / f"{writer}.yaml").exists():
            return [f"{path}: {writer} is a test writer: the frozen split is never labelled"]
        split = "train" if (HERE / "train" / f"{writer}.yaml").exists() else "dev"
        corpus = yaml.load((HERE / split / f"{writer}.yaml").read_text(encoding="utf-8"), Loader=LOADER)
    except (OSError, UnicodeDecodeError, yaml.YAMLError, TypeError, KeyError) as exc:
        return [f"{path}: cannot be read with its writer's train or dev file: {exc}"]
    analyses = {item["id"]: item for item in corpus["items"] if item["kind"] == "analysis"}
    problems, seen = [], set()
    for entry in document.get("items") or []:
        name = entry.get("id") if isinstance(entry, dict) else None
        if name not in analyses:
            problems.append(f"{path}: {name}: no analysis with this id in {split}/{writer}.yaml")
            continue
        seen.add(name)
        problems += [f"{path}: {name}: {p}" for p in concern_problems(entry, analyses[name])]
    problems += [f"{path}: {name}: the analysis has no concern labels" for name in sorted(set(analyses) - seen)]
    return problems


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or sorted(p for s in SPLITS for p in (HERE / s).glob("*.yaml"))
    problems: list[str] = []
    items: list[dict[str, Any]] = []
    for path in paths:
        found, read = file_problems(path)
        problems += found
        items += read
    if not argv:
        labels = sorted((HERE / "concerns").glob("*.yaml")) + sorted((HERE / "concerns" / "dev").glob("*.yaml"))
        problems += [p for path in labels for p in concern_file_problems(path)]
    ids = Counter(i.get("id") for i in items)
    problems += [f"id {name} is used {count} times" for name, count in ids.items() if count > 1]
    for problem in problems:
        print(problem)
    counts = Counter((i.get("kind"), i.get("label")) for i in items)
    hard = sum(1 for i in items if i.get("hard"))
    for kind in KINDS:
        good, poor = counts[(kind, "good")], counts[(kind, "poor")]
        print(f"{kind:<15} good {good:>4}  poor {poor:>4}")
    print(f"{len(items)} items, {hard} hard; {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
