"""The labelled corpus is well formed and its frozen split untouched, the shipped scorer was
trained from the corpus as it stands, and the bundled rule sets judge the frozen split at least
as well as the floors below (measured by benchmarks/accuracy.py)."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from auditrules import Engine, FormError, scoring
from auditrules.scoring import training

ROOT = Path(__file__).parents[1]
CORPUS = ROOT / "tests" / "data" / "corpus"


def _load(name: str, path: Path) -> Any:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


accuracy = _load("auditrules_accuracy_benchmark", ROOT / "benchmarks" / "accuracy.py")
check = _load("auditrules_corpus_check", CORPUS / "check.py")

KINDS = ("judgement", "target", "recommendation", "analysis")
ITEMS = accuracy.load_corpus()
STATEMENTS = [item for item in ITEMS if item["kind"] in KINDS]

# The frozen split's figures when the scorer was last trained (rounded to a floor): a change
# that makes any worse fails here. Good items flagged is a ceiling. The goal is balanced
# accuracy of at least 0.90 and at most 5% of good items flagged for every kind; see docs/accuracy.md
# for where each kind stands.
FROZEN_FLOORS = {
    "judgement": {"balanced_accuracy": 0.99, "good_flagged": 0.02},
    "target": {"balanced_accuracy": 0.98, "good_flagged": 0.01},
    "recommendation": {"balanced_accuracy": 0.99, "good_flagged": 0.01},
    "analysis": {"balanced_accuracy": 0.90, "good_flagged": 0.05},
}
# Kinds outside the rubric, in the older format, over train and dev.
LEGACY_FLOORS = {
    "grade": {"balanced_accuracy": 0.90},
    "child-voice": {"balanced_accuracy": 0.80},
}


# -- (a) the corpus is well formed ----------------------------------------------------------
def test_every_corpus_file_has_the_documented_format():
    files = sorted(p for split in check.SPLITS for p in (CORPUS / split).glob("*.yaml"))
    assert len(files) >= 12
    problems = [problem for path in files for problem in check.file_problems(path)[0]]
    assert problems == []


def test_a_corpus_file_in_another_split_s_folder_is_reported(tmp_path):
    moved = tmp_path / "train" / "x1-moved.yaml"
    moved.parent.mkdir()
    moved.write_text('split: "test"\nwriter: x1-moved\nitems: []\n', encoding="utf-8")
    assert any("lies in the train folder" in problem for problem in check.file_problems(moved)[0])
    moved.write_text('split: "train"\nwriter: x1-moved\nitems: []\n', encoding="utf-8")
    assert check.file_problems(moved)[0] == []


def test_the_concern_and_action_pairs_are_well_formed():
    pairs = training.load_pairs(CORPUS)
    assert len(pairs) >= 3000
    assert all(p.concern.strip() and p.action.strip() for p in pairs)
    answering = sum(p.answers for p in pairs)
    assert 0.4 <= answering / len(pairs) <= 0.7
    for path in sorted((CORPUS / "pairs").glob("*.yaml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        ids = [item["id"] for item in document["pairs"]]
        assert len(ids) == len(set(ids)), path
        assert all(item["answers"] and item["not"] for item in document["pairs"]), path


def test_every_train_and_dev_analysis_has_its_concerns_labelled_one_by_one():
    analyses = [s for s in training.load_statements(CORPUS, ["train", "dev"]) if s.kind == "analysis"]
    for folder, split in ((CORPUS / "concerns", "train"), (CORPUS / "concerns" / "dev", "dev")):
        files = sorted(folder.glob("*.yaml"))
        writers = {yaml.safe_load(path.read_text(encoding="utf-8"))["writer"] for path in files}
        assert writers == {s.writer for s in analyses if s.split == split}, folder  # never a test writer
        assert [problem for path in files for problem in check.concern_file_problems(path)] == []
    # The trainer reads train's labels; dev's are kept beside them, checked, and not learned from.
    labelled = training.load_concerns(CORPUS)
    assert len(labelled) == sum(1 for s in analyses if s.split == "train")


def test_a_test_writer_s_concerns_are_never_labelled(tmp_path):
    frozen = sorted((CORPUS / "test").glob("*.yaml"))[0]
    writer = yaml.safe_load(frozen.read_text(encoding="utf-8"))["writer"]
    path = tmp_path / f"{writer}.yaml"
    path.write_text(f"writer: {writer}\nitems: []\n", encoding="utf-8")
    assert check.concern_file_problems(path) == [f"{path}: {writer} is a test writer: the frozen split is "
                                                 "never labelled"]


ANALYSIS = {"text": "Kai (8) is often late. Mr Lee hit Ms Lee on Friday. Kai is doing well at football.",
            "actions": ["School to ring Ms Lee when Kai is late, from 1 March", "IDVA to see Ms Lee by 7 March"],
            "label": "poor", "faults": ["victim-only"]}


@pytest.mark.parametrize(("entry", "says"), [
    ({"concerns": [{"said": "Kai is late a lot", "answered_by": [1]}]}, "not the analysis's words"),
    ({"concerns": [{"said": "often late", "answered_by": [3]}]}, "action numbers 1 to 2"),
    ({"concerns": [{"said": "often late", "answered_by": [1], "through_cause": [2]}]}, "does not answer it"),
    ({"concerns": [{"said": "often late", "answered_by": [1]}],
      "not_concerns": [{"said": "doing well at football", "why": "nice"}]}, "why is not one of"),
    ({"concerns": [{"said": "often late", "answered_by": [1]}]}, "no harm whose causer"),
    ({"concerns": [{"said": "often late", "answered_by": [1]}], "harm": {"by": "Mr Lee", "worked_with_by": []},
      "colour": "red"}, "unknown keys: colour"),
])
def test_a_concern_label_that_breaks_the_format_or_the_label_is_named(entry, says):
    problems = check.concern_problems({"id": "X-A-001", **entry}, ANALYSIS)
    assert any(says in problem for problem in problems), problems
    good = {**ANALYSIS, "label": "good", "faults": []}
    assert "a good analysis with a concern left unanswered" in check.concern_problems(
        {"id": "X-A-001", "concerns": [{"said": "often late", "answered_by": []}]}, good)
    assert check.concern_problems({"id": "X-A-001", "concerns": [{"said": "often late", "answered_by": [1]}],
                                   "harm": {"by": "Mr Lee", "worked_with_by": []}}, ANALYSIS) == []


def test_ids_are_unique_across_the_corpus():
    counts = Counter(item["id"] for item in ITEMS)
    assert [name for name, n in counts.items() if n > 1] == []


def test_the_corpus_is_large_and_a_third_hard():
    assert len(STATEMENTS) >= 2000
    assert sum(bool(item.get("hard")) for item in STATEMENTS) >= len(STATEMENTS) / 3


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_has_good_and_poor_items_in_every_split(kind):
    for split in ("train", "dev", "test"):
        items = [i for i in STATEMENTS if i["kind"] == kind and i["split"] == split]
        poor = sum(i["label"] == "poor" for i in items)
        assert len(items) >= 60, (kind, split, len(items))
        assert 0.35 <= poor / len(items) <= 0.65, (kind, split, poor, len(items))


def test_train_dev_and_test_are_written_by_different_writers():
    writers = {split: {i["writer"] for i in STATEMENTS if i["split"] == split} for split in ("train", "dev", "test")}
    assert not writers["train"] & writers["dev"]
    assert not writers["test"] & (writers["train"] | writers["dev"])


def test_every_statement_reads_as_a_form_without_errors():
    engine = Engine.load([], defaults=False)
    problems = []
    for item in ITEMS:
        for read in engine.read([accuracy.build_form(item)[0]]):
            if isinstance(read, FormError):
                problems.append(f"{item['id']}: {read.message}")
    assert problems == []


# -- (b) the frozen split -----------------------------------------------------------------------
def test_the_frozen_split_is_unchanged():
    frozen = CORPUS / "test" / "FROZEN.sha256"
    expected = dict(reversed(line.split()) for line in frozen.read_text(encoding="utf-8").splitlines() if line)
    found = {path.name: hashlib.sha256(path.read_bytes()).hexdigest()
             for path in sorted((CORPUS / "test").glob("*.yaml"))}
    assert found == expected, "the frozen test split was edited: it must stay as it was written"


def test_training_never_reads_the_test_split(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    before = training.corpus_hash(corpus)
    assert {s.split for s in training.load_statements(corpus)} == {"train", "dev"}
    (corpus / "test" / "t1-public.yaml").write_text("not even yaml: [", encoding="utf-8")
    assert training.corpus_hash(corpus) == before  # nor does the hash the model carries
    train_file = next((corpus / "train").glob("*.yaml"))
    train_file.write_text(train_file.read_text(encoding="utf-8") + "\n# a change\n", encoding="utf-8")
    assert training.corpus_hash(corpus) != before


def test_measuring_train_and_dev_never_opens_the_test_split(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    (corpus / "test" / "t1-public.yaml").write_text("not even yaml: [", encoding="utf-8")
    assert {i["split"] for i in accuracy.load_corpus(corpus, ("train", "dev"))} == {"train", "dev"}


# -- (c) the shipped scorer is the one the corpus trains ----------------------------------------
def test_the_shipped_scorer_was_trained_from_the_corpus_as_it_stands():
    scorer = scoring.current()
    assert scorer is not None
    assert scorer.corpus_sha256 == training.corpus_hash(CORPUS), \
        "the corpus changed since the scorer was trained: run `make model`"


def test_the_shipped_statements_learn_reads_are_the_corpus_as_it_stands():
    from auditrules.scoring.learning import shipped_corpus

    shipped_hash, statements = shipped_corpus()
    assert shipped_hash == training.corpus_hash(CORPUS), "run `make model`"
    assert sorted(s.id for s in statements) == sorted(s.id for s in training.load_statements(CORPUS))
    assert {s.split for s in statements} == {"train", "dev"}  # never the frozen test split


def test_training_again_gives_the_shipped_weights(tmp_path):
    # In a process of its own, as `make model` runs it (and so that this worker's other tests go on
    # beside it).
    out = tmp_path / "scorer.json"
    done = subprocess.run([sys.executable, "-m", "auditrules.scoring.training", "--corpus", str(CORPUS),
                           "--output", str(out)], capture_output=True, text=True, timeout=1800, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    fresh = json.loads(out.read_text(encoding="utf-8"))
    shipped = json.loads((ROOT / "src" / "auditrules" / "scoring" / "data" / "scorer.json").read_text(encoding="utf-8"))
    # Within a hair: another machine's floating point may differ in the last places.
    for kind, part in shipped["kinds"].items():
        again = fresh["kinds"][kind]
        assert set(again["weights"]) ^ set(part["weights"]) <= {
            name for name, weight in {**again["weights"], **part["weights"]}.items() if abs(weight) < 1e-3}, kind
        assert all(abs(again["weights"].get(name, 0.0) - weight) < 1e-3
                   for name, weight in part["weights"].items()), kind
        assert abs(again["threshold"] - part["threshold"]) < 1e-3, kind
        assert again["use"] == part["use"], kind


def test_fitting_keeps_every_numeric_library_to_one_thread():
    # A thread limit reaches only the libraries loaded when it is set. Set before scipy was loaded,
    # it left the fits on the machine's default threads, and the weights then depended on whether
    # the process had imported scipy before training (a weight more after collecting the tests).
    code = ("from threadpoolctl import threadpool_info\n"
            "from auditrules.scoring.training import one_thread\n"
            "with one_thread():\n"
            "    import sklearn.linear_model\n"
            "    print(sorted({i['num_threads'] for i in threadpool_info() if i['internal_api'] == 'openblas'}))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, check=False,
                          env={k: v for k, v in os.environ.items() if not k.endswith("_NUM_THREADS")})
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[1]", done.stdout


# -- (d) how well the checks judge ---------------------------------------------------------------
@pytest.fixture(scope="module")
def frozen() -> dict[str, Any]:
    return accuracy.measure(["test"])


@pytest.mark.parametrize("kind", KINDS)
def test_the_frozen_split_is_judged_at_least_as_well_as_the_floors(frozen, kind):
    figures = frozen["kinds"][kind]["test"]
    floor = FROZEN_FLOORS[kind]
    assert figures["balanced_accuracy"] >= floor["balanced_accuracy"], figures
    assert figures["good_flagged"] <= floor["good_flagged"], figures


def test_the_frozen_split_checks_without_form_errors(frozen):
    assert frozen["errors"] == []


@pytest.mark.parametrize("kind", sorted(LEGACY_FLOORS))
def test_the_legacy_kinds_hold_their_floors(kind):
    figures = accuracy.measure(["train", "dev"], kinds=[kind])["kinds"][kind]
    for split in ("train", "dev"):
        assert figures[split]["balanced_accuracy"] >= LEGACY_FLOORS[kind]["balanced_accuracy"], (split, figures[split])


def test_misses_name_the_item_its_label_and_the_findings_that_counted(frozen):
    misses = frozen["misses"]
    assert misses
    for miss in misses:
        assert miss["label"] in ("good", "poor") and miss["why"] and miss["text"]
        if miss["label"] == "good":
            assert any(f["counts"] for f in miss["findings"]), miss["id"]


def test_the_benchmark_prints_every_kind_and_its_good_items_flagged(capsys):
    assert accuracy.main(["--split", "test"]) == 0
    out = capsys.readouterr().out
    assert "good flagged" in out
    for kind in KINDS:
        assert any(line.startswith(f"{kind} ") and " test " in line for line in out.splitlines()), kind


def test_the_benchmark_measures_only_the_kinds_asked_for(capsys):
    assert accuracy.main(["--split", "train", "--split", "dev", "--kind", "grade"]) == 0
    rows = [line.split()[:2] for line in capsys.readouterr().out.splitlines()
            if line.split()[:1] and line.split()[0] in (*KINDS, *accuracy.LEGACY_KINDS)]
    assert rows == [["grade", "train"], ["grade", "dev"]]
    figures = accuracy.measure(["test"], kinds=["target"])
    assert set(figures["kinds"]) == {"target"}
    assert {miss["kind"] for miss in figures["misses"]} <= {"target"}
    with pytest.raises(SystemExit):
        accuracy.main(["--compare", "--kind", "grade"])


def test_the_comparison_shows_the_cue_lists_and_the_scorer_side_by_side(capsys):
    assert accuracy.main(["--compare", "--split", "test"]) == 0
    out = capsys.readouterr().out
    for kind in KINDS:
        row = next(line for line in out.splitlines() if line.startswith(kind))
        assert row.split()[-1] in ("model", "rules"), row


def test_corpus_items_follow_the_rubric_faults():
    rubric = (ROOT / "docs" / "rubric.md").read_text(encoding="utf-8")
    for kind, faults in check.FAULTS.items():
        for fault in faults:
            assert f"`{fault}`" in rubric, (kind, fault)
    used = {(i["kind"], f) for i in STATEMENTS for f in i.get("faults") or ()}
    assert used == {(kind, fault) for kind, faults in check.FAULTS.items() for fault in faults}


def test_the_corpus_readme_documents_every_key():
    readme = (CORPUS / "README.md").read_text(encoding="utf-8")
    keys = set().union(*check.ALLOWED.values())
    for key in keys:
        assert f"{key}:" in readme, key
