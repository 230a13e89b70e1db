"""Learning a council's house style: labels files read and written, `auditrules learn` fitting a
model to a council's labels and keeping it only where it does better, the model named by every
report, labels exported from waivers and reviews, and a model file that holds no case text.

The council is Northmoor (tests/data/house/): terse notes heavy with abbreviations, written from
the rubric alone, unlike the bundled corpus. Its held-out file is never learned from."""

from __future__ import annotations

import csv
import html
import io
import json
import re
from pathlib import Path

import openpyxl
import pytest
import yaml
from click.testing import CliRunner

from auditrules import scoring
from auditrules.cli import cli
from auditrules.functions.text import read
from auditrules.plugins import get_host
from auditrules.scoring.labels import Label, read_labels
from auditrules.scoring.learning import MIN_EACH, MIN_LABELS, shipped_corpus
from auditrules.scoring.model import bundled, load

ROOT = Path(__file__).parents[1]
HOUSE = ROOT / "tests" / "data" / "house"
LABELS = HOUSE / "northmoor-labels.csv"
HELD_OUT = HOUSE / "northmoor-held-out.csv"
WEAK = ROOT / "examples" / "weak-writeup.yaml"


def run(*args: str) -> tuple[int, str, str]:
    get_host().add_commands(cli)  # as `auditrules` itself does, for the template command
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def house(tmp_path_factory) -> tuple[Path, str]:
    """Northmoor's model, learned once for the module: its path and what `learn` printed."""
    out = tmp_path_factory.mktemp("house") / "northmoor.model"
    code, printed, err = run("learn", str(LABELS), "--output", str(out))
    assert code == 0, printed + err
    return out, printed


def score(*args: str) -> dict[str, dict[str, float]]:
    """`labels score`'s table as figures per kind."""
    code, printed, err = run("labels", "score", *args)
    assert code == 0, printed + err
    found = {}
    for line in printed.splitlines()[2:]:
        kind, _count, _split, accuracy, caught, flagged = line.split()
        found[kind] = {"balanced_accuracy": float(accuracy), "recall": int(caught[:-1]) / 100,
                       "good_flagged": int(flagged[:-1]) / 100}
    return found


# ---- the labels file ------------------------------------------------------------------------

def test_a_blank_labels_workbook_has_the_columns_and_drop_down_lists(tmp_path):
    out = tmp_path / "labels.xlsx"
    code, _printed, err = run("template", "--labels", str(out))
    assert code == 0, err
    sheet = openpyxl.load_workbook(out).active
    assert [c.value for c in sheet[1]] == ["text", "kind", "label", "note", "form", "field", "actions"]
    lists = {str(v.sqref).split(":")[0][0]: v.formula1 for v in sheet.data_validations.dataValidation
             if v.type == "list"}
    assert lists == {"B": '"judgement,target,recommendation,analysis"', "C": '"good,poor"'}
    assert read_labels([out]).labels == []
    # Filled in as a lead manager would, it is read back.
    book = openpyxl.load_workbook(out)
    book.active.append(["Oversight was weak: no supervision for 3 months left J at risk.", "judgement", "good"])
    book.active.append(["Analysis says mum drinks.", "analysis", "poor", None, "NM-1", None,
                        "SW to visit weekly\nHV to check weight"])
    book.active.append([3, "judgement", "poor", "grade"])  # a bare number is a statement too
    book.save(out)
    labels = read_labels([out]).labels
    assert [(label.kind, label.label, label.actions) for label in labels] == [
        ("judgement", "good", ()), ("analysis", "poor", ("SW to visit weekly", "HV to check weight")),
        ("judgement", "poor", ())]
    assert labels[2].text == "3"
    assert labels[1].form == "NM-1" and labels[1].row == 3


def test_bad_label_rows_are_named_by_row_and_column_and_the_rest_used(tmp_path):
    path = tmp_path / "labels.csv"
    path.write_text(
        "text,kind,label,actions\n"
        "Planning drifted for 4 mths,judgement,good,\n"          # row 2: fine
        ",judgement,good,\n"                                      # row 3: no text
        "Visits done,judgment,bad,\n"                             # row 4: label not good/poor
        "Mum drinks,analysis,poor,\n"                             # row 5: analysis with no actions
        "Ofsted said good,grade,poor,\n"                          # row 6: unknown kind
        "planning drifted for 4 mths ,judgement,poor,\n"          # row 7: the same statement, other label
        "SW to ring mum weekly until RCPC,target,good,\n",        # row 8: fine
        encoding="utf-8")
    read_back = read_labels([path])
    messages = {p.location.cell: p.message for p in read_back.problems}
    assert messages["A3"] == "row 3: no statement in the text column"
    assert messages["C4"] == "row 4: the label is 'bad': write good or poor"
    assert messages["D5"].startswith("row 5: an analysis needs its agreed actions")
    assert messages["B6"] == "row 6: the kind is 'grade': write one of judgement, target, recommendation, analysis"
    assert messages["C7"] == ("this judgement is labelled poor here and good on row 2; neither is used")
    assert [label.text for label in read_back.labels] == ["SW to ring mum weekly until RCPC"]


def test_a_labels_file_missing_a_column_is_refused_plainly(tmp_path):
    path = tmp_path / "labels.csv"
    path.write_text("statement,kind\nGood work,judgement\n", encoding="utf-8")
    code, _printed, err = run("learn", str(path), "--output", str(tmp_path / "m.model"))
    assert code == 2
    assert "has no column for the labels' label" in err and "Traceback" not in err


# ---- learning -------------------------------------------------------------------------------

def test_learn_shows_the_gain_by_cross_validation_and_writes_a_model(house):
    path, printed = house
    rows = {line.split()[0]: line for line in printed.splitlines()}
    council = read_labels([LABELS]).labels
    counts = ", ".join(f"{sum(label.kind == kind for label in council)} {kind}"
                       for kind in ("judgement", "target", "recommendation", "analysis"))
    assert printed.startswith(f"read {len(council)} labels ({counts})\n")
    learned = [kind for kind, line in rows.items() if line.endswith(" learned")]
    assert "judgement" in learned
    model = load(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    base = bundled()
    assert base is not None
    assert model.labels == sum(int(rows[kind].split()[1]) for kind in learned)
    for kind, part in data["kinds"].items():
        council = part["dev"].get("council")
        if council is None:  # kept: exactly the bundled part
            assert part["weights"] == base.kinds[kind].weights
            continue
        before, after = council["cross_validated_before"], council["cross_validated_after"]
        # Never worse on the council's labels, and the table printed the same figures.
        assert after["balanced_accuracy"] > before["balanced_accuracy"] or (
            after["good_flagged"] <= 0.05 < before["good_flagged"])
        line = rows[{"target-measurable": "target", "recommendation-action": "recommendation"}.get(kind, kind)]
        assert f"{after['balanced_accuracy']:.2f}, {after['good_flagged']:.0%}" in line
    assert data["corpus_sha256"] == shipped_corpus()[0] == base.corpus_sha256


def test_the_learned_model_flags_fewer_good_held_out_statements_and_still_catches_poor_ones(house):
    path, _ = house
    before = score(str(HELD_OUT))
    after = score(str(HELD_OUT), "--model", str(path))
    assert after["judgement"]["good_flagged"] < before["judgement"]["good_flagged"]
    assert after["judgement"]["balanced_accuracy"] > before["judgement"]["balanced_accuracy"]
    for kind in after:
        # A house model may trade a few poor catches for many fewer good flags (that is what a
        # council's labels teach), but it keeps at least nine in ten of the bundled model's catches:
        # on 50 poor judgements a fixed five points was two and a half statements, within chance.
        assert after[kind]["recall"] >= 0.9 * before[kind]["recall"], kind
        assert after[kind]["balanced_accuracy"] >= before[kind]["balanced_accuracy"] - 0.02, kind


def test_too_few_labels_are_refused_with_the_numbers(tmp_path):
    path = tmp_path / "few.csv"
    rows = list(csv.DictReader(LABELS.open(encoding="utf-8-sig")))[:12]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    code, _printed, err = run("learn", str(path), "--output", str(tmp_path / "m.model"))
    assert code == 2
    assert f"too few labels to learn from: a kind needs at least {MIN_LABELS} labels, {MIN_EACH} of them good" in err
    assert not (tmp_path / "m.model").exists()
    # Enough of them, but all good: nothing can be said about catching poor ones.
    good = [row for row in csv.DictReader(LABELS.open(encoding="utf-8-sig"))
            if row["kind"] == "judgement" and row["label"] == "good"][:MIN_LABELS + 5]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(good[0]))
        writer.writeheader()
        writer.writerows(good)
    code, _, err = run("learn", str(path), "--output", str(tmp_path / "m.model"))
    assert code == 2 and f"({MIN_LABELS + 5} judgement, 0 target" in err


def test_no_model_is_written_when_the_bundled_one_does_as_well(tmp_path):
    # Judgements the bundled model learned from: it already gets them right, so nothing is gained.
    _, corpus = shipped_corpus()
    judgements = [s for s in corpus if s.kind == "judgement" and s.split == "train"]
    chosen = [s for s in judgements if s.poor][:30] + [s for s in judgements if not s.poor][:30]
    labels = [Label(s.text, "judgement", s.poor) for s in chosen]
    path = tmp_path / "labels.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["text", "kind", "label"])
        writer.writerows([label.text, label.kind, label.label] for label in labels)
    code, printed, err = run("learn", str(path), "--output", str(tmp_path / "m.model"))
    assert code == 1, printed + err
    assert "kept the bundled scorer" in printed
    assert "no model written: the bundled scorer does as well or better" in err
    assert not (tmp_path / "m.model").exists()


def test_learn_will_not_replace_a_file_without_force(house, tmp_path):
    target = tmp_path / "exists.model"
    target.write_text("mine", encoding="utf-8")
    code, _, err = run("learn", str(LABELS), "--output", str(target))
    assert code == 2 and "already exists; use --force" in err
    assert target.read_text(encoding="utf-8") == "mine"


# ---- nothing personal in a model --------------------------------------------------------------

_WORD = re.compile(r"[a-z][a-z']+")


def _parts(feature: str) -> list[str]:
    """The words of a feature's name (`b:mum_drink` has mum and drink)."""
    return re.split(r"[:_ |,]", feature.lower())


def test_a_model_file_holds_no_word_of_the_labels_the_corpus_lacks(house):
    path, _ = house
    text = path.read_text(encoding="utf-8")
    data = json.loads(text)
    labels = read_labels([LABELS]).labels
    _, corpus = shipped_corpus()
    corpus_words: set[str] = set()
    corpus_stems: set[str] = set()
    for statement in corpus:
        for said in [statement.text, *(statement.item.get("actions") or ())]:
            corpus_words.update(_WORD.findall(said.lower()))
            corpus_stems.update(read(said).stems)
    new_words: set[str] = set()
    new_stems: set[str] = set()
    for label in labels:
        for said in [label.text, *label.actions]:
            new_words.update(set(_WORD.findall(said.lower())) - corpus_words)
            new_stems.update(set(read(said).stems) - corpus_stems)
    # What the package already ships: the corpus, and the bundled model's own features (from the
    # corpus, its concern and action pairs, and the cue lists).
    base = bundled()
    assert base is not None
    shipped = {part for kind in base.kinds.values() for name in kind.weights for part in _parts(name)}
    new_words -= shipped | corpus_stems  # "bear" is new, but the corpus has it as the stem of "bearing"
    new_stems -= shipped
    # The council writes words the corpus never uses (fewer as each test split is folded into the
    # corpus: 49 with the seventeenth, 30 with the twenty-seventh, 20 with the fiftieth), so there
    # is something for a model to leak.
    assert len(new_words) >= 10
    parts = {part for kind in data["kinds"].values() for name in kind["weights"] for part in _parts(name)}
    assert not (new_words & parts)
    assert not (new_stems & parts)
    for label in labels:  # and no statement whole (of more than a word or two)
        if len(label.text.split()) > 2:
            assert json.dumps(label.text)[1:-1] not in text


# ---- using a model ----------------------------------------------------------------------------

def test_every_report_names_the_model_in_use(house, tmp_path, write):
    path, _ = house
    model = load(path)
    write("auditrules.toml", f'model = "{path}"\n')
    config = ["--config", str(tmp_path / "auditrules.toml")]
    code, out, err = run("check", str(WEAK), "--format", "json", *config)
    assert code == 1, err
    named = json.loads(out)["model"]
    assert named == {"file": "northmoor.model", "sha256": model.sha256, "trained": model.trained,
                     "statements": model.statements, "labels": model.labels}
    _, out, _ = run("check", str(WEAK), *config)
    assert out.splitlines()[-1] == f"text checks scored by {model.summary}"
    _, out, _ = run("check", str(WEAK), "--format", "html", *config)
    assert f"Text checks scored by {html.escape(model.summary)}." in out
    _, out, _ = run("check", str(WEAK), "--format", "sarif", *config)
    assert json.loads(out)["runs"][0]["tool"]["driver"]["properties"]["model"]["sha256"] == model.sha256
    book = tmp_path / "report.xlsx"
    run("check", str(WEAK), "--format", "xlsx", "--output", str(book), *config)
    cells = [(row[0].value, row[1].value) for row in openpyxl.load_workbook(book)["Summary"].iter_rows()
             if row[0].value == "Text checks scored by"]
    assert cells == [("Text checks scored by", model.summary)]
    page = tmp_path / "review.html"
    code, _, err = run("review", str(WEAK), "--output", str(page), "--model", str(path))
    assert code == 0, err
    assert f"scored by {html.escape(model.summary)}." in page.read_text(encoding="utf-8")
    code, out, _ = run("explain", "EVAL-001", "--model", str(path))
    assert f"each judgement is scored by {model.summary}; the model decides" in out
    # Without one, the bundled model is named, and its count of labels is 0.
    _, out, _ = run("check", str(WEAK), "--format", "json")
    assert json.loads(out)["model"]["labels"] == 0


def test_the_same_check_with_one_or_two_workers_under_a_house_model(house, tmp_path):
    path, _ = house
    outputs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"report-{jobs}.json"
        run("check", str(ROOT / "examples" / "sample-return.json"), "--format", "json", "--jobs", jobs,
            "--fail-on", "never", "--model", str(path), "--output", str(out))
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    assert json.loads(outputs[0])["model"]["labels"] > 0


@pytest.mark.parametrize(("content", "said"), [
    ("not json at all", "it is not JSON"),
    ('{"format": "someone-elses", "version": 1}', 'it does not say format "auditrules-scorer"'),
    ('{"format": "auditrules-scorer", "version": 1, "trained": "2026-01-01", "corpus_sha256": "x", '
     '"statements": 1, "kinds": {"judgement": {"weights": {"w:good": "__import__"}, "bias": 0, '
     '"threshold": 0.5, "use": "model"}}}', "kind 'judgement' has a weight that is not a number"),
])
def test_a_damaged_or_foreign_model_file_is_refused_plainly(tmp_path, write, content, said):
    bad = write("bad.model", content)
    code, _, err = run("check", str(WEAK), "--model", str(bad))
    assert code == 2
    assert err.strip() == f"error: {bad}: not a usable model file: {said}"
    write("auditrules.toml", "model = 3\n")
    code, _, err = run("check", str(WEAK), "--config", str(tmp_path / "auditrules.toml"))
    assert code == 2 and "model must be the path of a model file in quotes" in err


# ---- labels from decisions already recorded ---------------------------------------------------

def test_labels_export_from_waivers_and_reviews_round_trips_into_learn(tmp_path, write):
    weak = yaml.safe_load(WEAK.read_text(encoding="utf-8"))  # returned at review
    strong = yaml.safe_load((ROOT / "examples" / "strong-writeup.yaml").read_text(encoding="utf-8"))  # agreed
    undecided = {**weak, "audit": {**weak["audit"], "id": "A-2025-099"}, "qa": {},
                 "sections": [dict(section) for section in weak["sections"]]}
    # (A statement labelled both ways, good here and poor on the returned form, would be used in
    # neither: this one is the undecided form's own.)
    undecided["sections"][3]["judgement"] = "Satisfactory overall; some good practice and areas for development noted."
    forms = []
    for name, data in (("weak", weak), ("strong", strong), ("undecided", undecided)):
        forms.append(write(f"{name}.yaml", yaml.safe_dump(data, sort_keys=False)))
    waivers = write("waivers.toml", """\
[[waiver]]
form = "A-2025-099"
rule = "EVAL-001"
field = "sections[3].judgement"
reason = "It judges: 'some good practice' is the auditor's view here, agreed at moderation."
approver = "Head of Quality Assurance"
expires = 2020-01-31
verdict = "finding wrong"

[[waiver]]
form = "A-2025-099"
rule = "EVAL-001"
field = "sections[4].judgement"
reason = "Agreed to stand for this audit."
approver = "Head of Quality Assurance"
expires = 2099-01-31
""")
    out = tmp_path / "exported.csv"
    code, printed, err = run("labels", "export", *map(str, forms), "--waivers", str(waivers), "--output", str(out))
    assert code == 0, err
    labels = read_labels([out]).labels
    by_form: dict[str | None, list[Label]] = {}
    for label in labels:
        by_form.setdefault(label.form, []).append(label)
    # Returned: each statement a text check flagged is poor, naming the rules.
    assert by_form["A-2025-051"] and all(label.poor for label in by_form["A-2025-051"])
    assert {label.field for label in by_form["A-2025-051"]} >= {"sections[0].judgement", "assessment.analysis",
                                                               "plan_targets[0].text", "recommendations[0].action"}
    assert all(label.note and label.note.startswith("review returned: ") for label in by_form["A-2025-051"])
    # Agreed: every statement the scorer reads is good.
    assert by_form["A-2025-044"] and not any(label.poor for label in by_form["A-2025-044"])
    assert len(by_form["A-2025-044"]) == len(strong["sections"]) + 2 + len(strong["plan_targets"]) + len(
        strong["recommendations"]) + 1
    # Undecided: only the waiver saying the finding was wrong (expired or not: the verdict stands).
    assert [(label.field, label.label) for label in by_form["A-2025-099"]] == [("sections[3].judgement", "good")]
    assert by_form["A-2025-099"][0].text == undecided["sections"][3]["judgement"]
    assert printed.startswith(f"wrote {out}: {len(labels)} labels")
    # Exported labels go into learn beside the council's own.
    code, printed, err = run("learn", str(LABELS), str(out), "--output", str(tmp_path / "m.model"))
    assert code == 0, printed + err
    assert printed.startswith(f"read {len(read_labels([LABELS]).labels) + len(labels)} labels")


def test_a_waiver_verdict_is_one_of_two(write):
    waivers = write("waivers.toml", """\
[[waiver]]
form = "A-2025-051"
rule = "EVAL-001"
reason = "x"
approver = "y"
expires = 2099-01-31
verdict = "wrong"
""")
    code, _, err = run("check", str(WEAK), "--waivers", str(waivers))
    assert code == 2
    assert ("verdict: 'wrong' is neither \"may stand\" (the finding is right but agreed) nor \"finding wrong\""
            in err)


def test_the_review_page_offers_a_mark_only_on_text_findings(tmp_path):
    page = tmp_path / "review.html"
    code, _, err = run("review", str(WEAK), "--output", str(page))
    assert code == 0, err
    written = page.read_text(encoding="utf-8")
    marked = re.findall(r'<fieldset class="mark"[^>]*data-rule="([A-Z]+-\d+)"', written)
    assert sorted(set(marked)) == ["EVAL-001", "EVAL-002", "EVAL-003", "LINK-001", "REC-001", "SMART-003"]
    # Exactly the script the page's policy allows runs; nothing else.
    from auditrules.reporters.review_page import MARKS_SCRIPT, PAGE_POLICY

    assert written.count("<script>") == 1 and f"<script>{MARKS_SCRIPT}</script>" in written
    assert "script-src 'sha256-" in PAGE_POLICY and "'unsafe-inline'" not in PAGE_POLICY.split("script-src")[1]


def test_scoring_uses_the_bundled_model_unless_told(house):
    path, _ = house
    assert scoring.current() is bundled()
    scoring.use(path)
    assert scoring.current() is not bundled() and scoring.current().labels > 0  # type: ignore[union-attr]
    scoring.use(None)
    assert scoring.current() is bundled()


def test_the_corpus_is_read_once_a_process_and_again_when_the_corpus_or_model_changes(house):
    from auditrules.scoring import learning

    _, corpus = shipped_corpus()
    part = learning._part("judgement")
    rows = learning._corpus_rows("judgement", part, corpus)
    assert rows == [part.features(s).values for s in corpus if s.kind == "judgement"]
    assert learning._corpus_rows("judgement", part, corpus) is rows  # kept, not read again
    fewer = corpus[: len(corpus) // 2]
    assert learning._corpus_rows("judgement", part, fewer) == [
        part.features(s).values for s in fewer if s.kind == "judgement"]
    # An analysis is read with the model in use: another model, another reading.
    analyses = tuple(s for s in corpus if s.kind == "analysis")[:40]
    read = learning._corpus_rows("analysis", learning._part("analysis"), analyses)
    assert len(read) == 40
    assert learning._corpus_rows("analysis", learning._part("analysis"), analyses) is read
    scoring.use(house[0])
    assert learning._corpus_rows("analysis", learning._part("analysis"), analyses) is not read


def test_labels_written_as_csv_read_back_the_same(tmp_path):
    from auditrules.scoring.labels import write_labels

    labels = read_labels([LABELS]).labels
    for suffix in (".csv", ".xlsx"):
        out = tmp_path / f"again{suffix}"
        buffer = io.BytesIO()
        write_labels(labels, buffer, suffix)
        out.write_bytes(buffer.getvalue())
        again = read_labels([out]).labels
        assert [(a.text, a.kind, a.poor, a.actions, a.note) for a in again] == [
            (b.text, b.kind, b.poor, b.actions, b.note) for b in labels]


def test_the_documented_commands_print_what_the_page_shows(tmp_path, monkeypatch):
    page = (ROOT / "docs" / "qa-officers" / "house-style.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```console\n((?:.|\n)*?)```", page)
    assert len(blocks) == 2
    monkeypatch.chdir(tmp_path)  # learn writes house.model here
    shown = 0
    for block in blocks:
        for command, said in re.findall(r"\$ (auditrules .*)\n((?:(?!\$ ).*\n)*)", block):
            args = [arg.replace("tests/data/house/", f"{HOUSE}/") for arg in command.split()[1:]]
            code, printed, err = run(*args)
            assert code == 0, printed + err
            lines = printed.splitlines()
            for line in said.splitlines():
                if line != "...":
                    assert line in lines, line
                    shown += 1
    assert shown >= 15


def test_the_learn_benchmark_runs_in_its_quick_form():
    import os
    import subprocess
    import sys

    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "learn.py"), "--quick"],
                          capture_output=True, text=True, timeout=600, check=False,
                          env={**os.environ, "AUDITRULES_LOAD_PLUGINS": ""})
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert re.match(r"\s+200\s+[\d.]+\s+\d+\s+judgement (learned|kept)", lines[2])
    assert any(line.startswith("  ratio (council's / bundled): ") for line in lines)
