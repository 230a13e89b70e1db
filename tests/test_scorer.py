"""The scorer: a model file is data, checked when loaded; findings say which words weighed most;
checking needs none of the training libraries; another model file can be swapped in."""

from __future__ import annotations

import hashlib
import json
import pickle
import re
import subprocess
import sys
from pathlib import Path

import pytest

import auditrules
from auditrules import scoring
from auditrules.functions.judgements import appraises
from auditrules.scoring.model import ScorerError, load

ROOT = Path(__file__).parents[1]
SHIPPED = ROOT / "src" / "auditrules" / "scoring" / "data" / "scorer.json"


def test_the_shipped_model_names_what_it_learned_from():
    scorer = scoring.current()
    assert scorer is not None
    assert set(scorer.kinds) == {"judgement", "target-measurable", "recommendation-action", "analysis",
                                 "concern-action", "concern-clause", "concern-gap", "victim-only",
                                 "related-words"}
    assert scorer.statements > 1000 and len(scorer.corpus_sha256) == 64
    assert scorer.trained and scorer.sha256[:12] in scorer.summary
    assert scorer.sha256 == hashlib.sha256(SHIPPED.read_bytes()).hexdigest()  # worked out on a thread
    for name, kind in scorer.kinds.items():
        assert 0 < kind.threshold < 1 and kind.use in ("model", "rules")
        if name not in ("concern-action", "concern-clause", "concern-gap", "victim-only",
                        "related-words"):  # readers
            # Thresholds are set for this on held-out scores of every train and dev statement.
            assert kind.dev["model"]["good_flagged"] <= 0.05
            assert kind.dev["writers"] >= 60 and kind.dev["statements"] > 1000
    matcher = scorer.kinds["concern-action"]
    assert matcher.dev["pairs"] > 3000 and matcher.dev["cross_validated_balanced_accuracy"] > 0.7
    assert matcher.dev["from_labelled_concerns"] > 10_000
    clauses = scorer.kinds["concern-clause"]
    assert clauses.dev["clauses"] > 5000 and clauses.dev["cross_validated_balanced_accuracy"] > 0.7
    gaps = scorer.kinds["concern-gap"]
    assert gaps.dev["clauses"] == clauses.dev["clauses"] and gaps.dev["unanswered"] > 1000
    assert gaps.dev["held_out_area_under_curve"] > 0.85
    victims = scorer.kinds["victim-only"]
    assert victims.dev["analyses"] == scorer.kinds["analysis"].dev["statements"]
    assert victims.dev["victim_only"] > 1000 and victims.dev["held_out_area_under_curve"] > 0.95
    near = scorer.kinds["related-words"]
    assert near.dev["words"] > 2000 and near.dev["pairs"] == len(near.weights) > 10_000
    assert all(0 < value <= 1 for value in near.weights.values())
    assert all(first < second for first, second in (pair.split("|") for pair in near.weights))


def test_words_near_in_meaning_tie_a_concern_to_an_action():
    from auditrules.functions.concerns import concern_from
    from auditrules.scoring.features import pair_features

    concern = concern_from("Money is tight every month since the UC sanction")
    action = "Citizens Advice to help Mum with her debts by 1 May"
    assert "v:near-words" not in pair_features(concern, action).values
    found = pair_features(concern, action, near={"debt|money": 0.8, "advic|tight": 0.4})
    assert found.values["v:near-words"] == 0.8
    assert found.words_of("v:near-words") == ("'Money' and 'debts'",)
    # The mean over the concern's words (money, sanction, tight) of its nearest action word.
    assert found.values["v:near-words-mean"] == pytest.approx((0.8 + 0.0 + 0.4) / 3)
    # The matcher reads the pairs the shipped model learned from the corpus's own text.
    matcher = scoring.concern_matcher()
    assert matcher is not None and matcher.near is scoring.current().kinds["related-words"].weights


def test_the_matcher_learns_answers_in_other_words():
    from auditrules.functions.concerns import answer_to, concern_from

    matcher = scoring.concern_matcher()
    assert matcher is not None
    concern = concern_from("The children say they have had toast for tea most nights this month")
    shopping = ["Family support worker to do a weekly shop and meal plan with Mum for 6 weeks"]
    assert answer_to(concern, shopping) is None  # no theme word and no word in common
    answer = answer_to(concern, shopping, matcher)
    assert answer is not None and "other words" in answer.how
    # It says which words tie them: the concern's, with the action's or the need it speaks to.
    quoted = re.findall(r"'([^']+)'", answer.how)
    assert quoted and all(word in concern.clause or word in shopping[0] for word in quoted), answer.how
    assert any(word in concern.clause for word in quoted), answer.how
    assert answer_to(concern, ["School to report attendance weekly"], matcher) is None


def test_the_matcher_weighs_the_generic_words_a_concern_and_an_action_share():
    from auditrules.functions.concerns import answer_to, concern_from, wide_words
    from auditrules.functions.text import read
    from auditrules.scoring.features import pair_features

    # "Missing", "health", "HV": too common for the cue lists to say a need is met, and so, before,
    # nothing the matcher could weigh either.
    concern = concern_from("The HV has not seen the baby since March")
    action = "HV to see the baby fortnightly until she is 6 months"
    assert not concern.words and not concern.themes
    assert answer_to(concern, [action]) is None
    assert sorted(wide_words(read(concern.clause))) == ["hv"]
    found = pair_features(concern, action)
    assert found.values["n:shared-wide"] > 0 and found.words_of("n:shared-wide") == ("'HV'",)
    assert "x:hv|fortnight" in found.values
    matcher = scoring.concern_matcher()
    assert matcher is not None
    answer = answer_to(concern, [action], matcher)
    assert answer is not None and "'HV'" in answer.how, answer
    assert answer_to(concern, ["School to report attendance weekly to the SW"], matcher) is None
    checkup = concern_from("He has had no health assessment since he was 8")
    assert not checkup.words and "health" in wide_words(read(checkup.clause))
    nurse = ["LAC nurse to complete Owain's review health assessment by 30 April"]
    assert answer_to(checkup, nurse) is None
    assert answer_to(checkup, nurse, matcher) is not None


@pytest.mark.parametrize(("clause", "names_one"), [
    ("Mum has not been taking her insulin and has had two hypos this month", True),
    ("Jay has been going missing overnight and comes back with new trainers", True),
    ("Mum is warm and attentive with the baby", False),  # a strength
    ("there are no concerns about alcohol", False),  # ruled out
    ("The family moved to the area in 2019", False),  # background
])
def test_the_clause_model_reads_which_clauses_name_a_concern(clause, names_one):
    from auditrules.scoring.features import clause_features

    model = scoring.concern_clauses()
    assert model is not None
    assert (model.probability(clause_features(clause, model.vocabulary)) >= 0.5) is names_one


def test_an_unanswered_concern_is_weighed_and_quoted_clause_by_clause():
    from auditrules.functions.links import linked
    from auditrules.scoring.features import analysis_features

    text = "Kai (8) is often late to school. Mum's boyfriend has been shouting at Kai and pushed him last week."
    late = ["School to call Mum when Kai is late and agree a morning routine by 1 March"]
    found = analysis_features(text, late, matcher=scoring.concern_matcher(), clauses=scoring.concern_clauses())
    assert found.evidence["v:gap"] == ["Mum's boyfriend has been shouting at Kai and pushed him last week"]
    both = [*late, "Police to speak to Mum's boyfriend about the assault within 48 hours"]
    again = analysis_features(text, both, matcher=scoring.concern_matcher(), clauses=scoring.concern_clauses())
    assert again.values["v:gap"] < found.values["v:gap"] / 2
    outcome = linked(text, late)
    assert not outcome
    # The finding quotes the clause left unanswered, or the words of it the cue lists read as a worry.
    weighed = next(reason for reason in outcome.reasons if "towards concerns left unanswered" in reason)
    unanswered = weighed.split("towards concerns left unanswered:")[1].split("; and towards")[0]
    assert "Mum's boyfriend has been shouting" in unanswered or "'pushed him last week'" in unanswered


@pytest.mark.parametrize(("content", "says"), [
    (b"\x80\x81 not text", "not JSON"),
    (b"{not json", "not JSON"),
    (b'{"format": "something else", "version": 1}', 'format "auditrules-scorer"'),
    (b'{"format": "auditrules-scorer", "version": 7, "kinds": {}}', "version 7"),
    (b'{"format": "auditrules-scorer", "version": 1, "kinds": {}}', "scores no kind"),
    (b'{"format": "auditrules-scorer", "version": 1, "kinds": {"poetry": {}}}', "unknown kinds: poetry"),
    (pickle.dumps({"format": "auditrules-scorer"}), "not JSON"),
    (b"[" * 100_000 + b"]" * 100_000, "not JSON"),
])
def test_a_damaged_or_foreign_model_file_is_refused_plainly(tmp_path, content, says):
    path = tmp_path / "house.model"
    path.write_bytes(content)
    with pytest.raises(ScorerError) as caught:
        load(path)
    assert str(path) in str(caught.value) and says in str(caught.value)


@pytest.mark.parametrize("weights", [["__import__('os')"], [True], [None], [[1.0]], [float("inf")], [float("nan")],
                                     [float("inf"), float("-inf")], [1e308, 1e308], [10**400]])
def test_a_weight_that_is_not_a_number_is_refused(tmp_path, weights):
    data = json.loads(SHIPPED.read_text(encoding="utf-8"))
    names = iter(data["kinds"]["judgement"]["weights"])
    for weight in weights:
        data["kinds"]["judgement"]["weights"][next(names)] = weight
    path = tmp_path / "house.model"
    path.write_text(json.dumps(data), encoding="utf-8")  # Infinity and NaN as Python's json writes them
    with pytest.raises(ScorerError, match="weight that is not a number"):
        load(path)


def test_whole_number_weights_are_read_as_numbers(tmp_path):
    data = json.loads(SHIPPED.read_text(encoding="utf-8"))
    first = next(iter(data["kinds"]["judgement"]["weights"]))
    data["kinds"]["judgement"]["weights"][first] = 2
    path = tmp_path / "house.model"
    path.write_text(json.dumps(data), encoding="utf-8")
    weights = load(path).kinds["judgement"].weights
    assert weights[first] == 2.0 and type(weights[first]) is float


def test_a_missing_model_file_is_refused_plainly(tmp_path):
    with pytest.raises(ScorerError, match="cannot be read"):
        load(tmp_path / "absent.model")


def test_a_finding_says_which_words_weighed_most():
    outcome = appraises.impl("The social worker visited on 3/3 and 17/3 and a core group was held on 24/3.")
    assert outcome.value is False
    explained = [r for r in outcome.reasons if r.startswith("the words that weighed most")]
    assert explained, outcome.reasons
    towards, _, against = explained[0].partition(scoring.OTHER_SIDE)
    assert "towards describing:" in towards and "judging:" in against
    assert "'" in towards or "events only" in towards or "no word that judges" in towards


def test_checking_imports_none_of_the_training_libraries():
    code = ("import sys, auditrules; r = auditrules.check(['examples/weak-writeup.yaml']);"
            "assert r.findings; print(sorted(m for m in ('sklearn', 'scipy', 'joblib') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_another_model_file_can_be_swapped_in_and_decide(tmp_path):
    data = json.loads(SHIPPED.read_text(encoding="utf-8"))
    # A model that flags every judgement: a huge bias and the lowest threshold.
    data["kinds"]["judgement"]["bias"] = 30.0
    data["kinds"]["judgement"]["threshold"] = 0.01
    path = tmp_path / "strict.model"
    path.write_text(json.dumps(data), encoding="utf-8")
    good = "Planning was effective: Sam's attendance rose from 70% to 95% because the plan named who did what."
    try:
        assert scoring.use(path).path == str(path)
        assert appraises.impl(good).value is False
        scoring.decide("judgement", "rules")
        assert appraises.impl(good).value is True  # the cue lists decide whatever the model says
    finally:
        scoring.decide("judgement", None)
        scoring.use(None)
    assert appraises.impl(good).value is True
    assert scoring.current().path.endswith("scorer.json")


def test_the_strong_write_up_stays_clear_and_the_weak_keeps_its_findings():
    strong = auditrules.check([ROOT / "examples" / "strong-writeup.yaml"])
    assert [f.rule for f in strong.findings if f.severity != "info"] == []
    weak = auditrules.check([ROOT / "examples" / "weak-writeup.yaml"])
    rules = {f.rule for f in weak.findings if f.severity != "info"}
    assert {"EVAL-001", "EVAL-002", "EVAL-003", "SMART-001", "SMART-002", "SMART-003", "REC-001",
            "REC-002", "REC-003", "LINK-001", "ESC-001"} <= rules
    for finding in weak.findings:
        assert finding.message and (finding.reasons or finding.evidence), finding.rule


def test_held_out_scores_come_from_fits_that_never_saw_the_writer():
    from auditrules.scoring.training import _fit_sparse

    # Six writers agree that "late" marks a poor statement; one writer says the opposite. Scored by
    # a fit that left it out, that writer's "late" statements look poor, whatever its labels say.
    rows, poor, writers = [], [], []
    for number in range(6):
        for _ in range(10):
            rows += [{"late": 1.0}, {"kept": 1.0}]
            poor += [True, False]
            writers += [f"w{number}", f"w{number}"]
    for _ in range(10):
        rows += [{"late": 1.0}, {"kept": 1.0}]
        poor += [False, True]
        writers += ["odd", "odd"]
    fit = _fit_sparse(rows, poor, writers)
    assert fit.held_out is not None and len(fit.held_out) == len(rows)
    odd = [(row, p) for row, p, writer in zip(rows, fit.held_out, writers, strict=True) if writer == "odd"]
    assert all(p > 0.5 for row, p in odd if "late" in row)
    assert all(p < 0.5 for row, p in odd if "kept" in row)
    # Given a strength, nothing is held out.
    assert _fit_sparse(rows, poor, writers, strength=1.0).held_out is None


def test_each_clause_gap_is_judged_by_a_reader_learned_from_the_labels():
    from auditrules.scoring.features import analysis_features, clause_gaps

    text = ("Lily (2) is losing weight and has dropped to the 2nd centile. Mum's depression is worse since "
            "Dad left. The family dog bit Lily's face in August and is still in the house.")
    actions = ["HV to weigh Lily weekly and refer to the paediatric dietitian by 15 January",
               "GP to review Mum's antidepressants by 10 January"]
    readers = {"matcher": scoring.concern_matcher(), "clauses": scoring.concern_clauses()}
    gaps = scoring.concern_gaps()
    assert gaps is not None
    judged = {clause: gaps.probability(row) for clause, row in clause_gaps(text, actions, **readers)}
    dog = next(clause for clause in judged if "dog" in clause)
    assert judged[dog] == max(judged.values()) and judged[dog] > 0.5, judged
    assert all(chance < 0.3 for clause, chance in judged.items() if "weight" in clause or "depression" in clause)
    found = analysis_features(text, actions, gaps=gaps, **readers)
    assert found.evidence["v:gap-learned"] == [dog]
    # Answer the dog bite and the analysis's chance of a gap falls, by half at least.
    kept = [*actions, "SW to agree with Mum by 20 December that the dog is rehomed or kept apart from Lily"]
    again = analysis_features(text, kept, gaps=gaps, **readers)
    assert again.values["v:gap-learned"] < found.values["v:gap-learned"] / 2
    # Without the reader, as with a model file from before it, the reading is simply not there.
    assert "v:gap-learned" not in analysis_features(text, actions, **readers).values


def test_the_gap_reader_reads_each_writer_with_a_fit_that_never_saw_its_labels():
    from auditrules.scoring.training import FOLDS, _gap_readers, load_concerns

    labelled = load_concerns(ROOT / "tests" / "data" / "corpus")
    writers = sorted({item.writer for item in labelled})[:10]
    labelled = [item for item in labelled if item.writer in writers]
    shipped = (scoring.concern_matcher(), scoring.concern_clauses(), None)
    by_writer = {writer: shipped for writer in writers}
    fold_of = {writer: number % FOLDS for number, writer in enumerate(writers)}
    parts: dict = {}
    reader = _gap_readers(labelled, by_writer, fold_of, parts)
    assert parts["concern-gap"]["weights"] == reader.weights
    assert reader.dev["clauses"] > 1000 and reader.dev["held_out_area_under_curve"] > 0.8
    # Each fold's writers share one reader, fitted without them, and no two folds share one.
    fitted = {fold: {id(by_writer[writer][2]) for writer in writers if fold_of[writer] == fold}
              for fold in range(FOLDS)}
    assert all(len(ids) == 1 for ids in fitted.values()) and len(set().union(*fitted.values())) == FOLDS
    assert all(by_writer[writer][2].weights != reader.weights for writer in writers)


VICTIM_TEXT = ("Mum's partner Dean has hit her twice since Christmas, the last time in front of Alfie (6), and "
               "he checks her phone every night. Alfie has started wetting the bed.")
VICTIM_ACTIONS = ["IDVA to complete a safety plan with Mum by 20 March",
                  "School to be given Dean's photo and not to release Alfie to him",
                  "School nurse to see Alfie about the bed wetting by 1 April"]


def test_harm_with_every_action_on_others_is_read_by_a_reader_learned_from_the_labels():
    from auditrules.scoring.features import analysis_features

    readers = {"matcher": scoring.concern_matcher(), "clauses": scoring.concern_clauses(),
               "gaps": scoring.concern_gaps()}
    victims = scoring.victim_only_reader()
    assert victims is not None
    found = analysis_features(VICTIM_TEXT, VICTIM_ACTIONS, victims=victims, **readers)
    chance = found.values["v:victim-only-learned"]
    assert chance > 0.5, chance
    # It quotes the words that weighed most towards it, each as written in the analysis or an action.
    quoted = found.evidence["v:victim-only-learned"]
    assert quoted and all(word in VICTIM_TEXT or any(word in a for a in VICTIM_ACTIONS) for word in quoted)
    # Work with Dean himself and the chance falls, by half at least.
    worked = [*VICTIM_ACTIONS, "Police to interview Dean under caution and the SW to refer him to the "
                               "perpetrator programme by 1 April"]
    again = analysis_features(VICTIM_TEXT, worked, victims=victims, **readers)
    assert again.values["v:victim-only-learned"] < chance / 2
    # Without the reader, as with a model file from before it, the reading is simply not there.
    assert "v:victim-only-learned" not in analysis_features(VICTIM_TEXT, VICTIM_ACTIONS, **readers).values


def test_control_the_cue_lists_do_not_read_as_harm_is_found_by_the_reader_and_said_plainly():
    from auditrules.functions.concerns import harm_in
    from auditrules.functions.links import _SEEMS_VICTIM_ONLY, linked

    text = ("Mum's partner Gav keeps her bank card, reads her phone and calls her useless in front of the "
            "children. Ollie (7) keeps asking why Mum cries at night.")
    actions = ["Mum to be referred to the IDVA by 1 August",
               "Safety plan agreed with Mum, including a code word for school staff",
               "Learning mentor to see Ollie weekly about his worries at home"]
    assert harm_in(text) is None  # the cue lists find no harm by a person here
    found = linked(text, actions)
    assert not found and found.reasons[0] == _SEEMS_VICTIM_ONLY
    assert found.reasons[1].startswith("the words that weighed most towards concerns left unanswered")
    # Work with Gav himself answers it.
    assert linked(text, [*actions, "Police to speak to Gav about his behaviour and the SW to refer him to "
                                   "the Drive programme by 1 August"])


def test_the_learned_reading_never_says_no_action_works_with_the_one_the_cue_lists_find_worked_with():
    from auditrules.functions.concerns import harm_in, works_with_harmer
    from auditrules.functions.links import _SEEMS_VICTIM_ONLY, linked

    text = "Dad (Mr Price) punched Mum in October; the children saw it."
    actions = ["The children's father to attend a perpetrator programme starting 10 November",
               "Mum to have IDVA support"]
    harm = harm_in(text)
    assert harm is not None and works_with_harmer(actions[0], harm)
    # A short analysis with two actions: the learned reading weighs most here and the scorer
    # flags it, but the finding does not claim that no action works with him.
    found = linked(text, actions)
    assert not found and _SEEMS_VICTIM_ONLY not in found.reasons
    assert found.reasons[0] == "the agreed actions do not clearly answer every concern the analysis names"


def test_the_victim_only_reader_reads_each_writer_with_a_fit_that_never_saw_its_labels():
    from auditrules.scoring.training import FOLDS, load_statements, victim_only_readers

    analyses = [s for s in load_statements(ROOT / "tests" / "data" / "corpus") if s.kind == "analysis"]
    writers = sorted({s.writer for s in analyses})[:25]
    analyses = [s for s in analyses if s.writer in writers]
    reader, by_writer, part = victim_only_readers(analyses)
    assert part["weights"] == reader.weights and part["dev"] == reader.dev
    assert reader.dev["analyses"] == len(analyses) and reader.dev["held_out_area_under_curve"] > 0.8
    # Each fold's writers share one reader, fitted without them, and no two folds share one.
    assert set(by_writer) == set(writers)
    fitted = {id(by_writer[writer]) for writer in writers}
    assert len(fitted) == FOLDS and all(by_writer[writer].weights != reader.weights for writer in writers)
    # A writer's reader never learned from that writer: its words seen only there carry no weight.
    for writer in writers[:3]:
        own = {name for s in analyses if s.writer == writer
               for name in victim_only_words_of(s)}
        elsewhere = {name for s in analyses if s.writer != writer for name in victim_only_words_of(s)}
        assert not (own - elsewhere) & set(by_writer[writer].weights)


def victim_only_words_of(statement) -> set[str]:
    from auditrules.scoring.features import victim_only_words

    return set(victim_only_words(statement.text, statement.item.get("actions")).values)


def test_a_worry_joined_to_another_in_one_clause_is_weighed_on_its_own():
    from auditrules.scoring.features import analysis_features

    text = "Mia (9) wakes with nightmares most nights and still has no school place since the move."
    nightmares = ["CAMHS to see Mia for trauma-focused work on the nightmares by 30 April"]
    readers = {"matcher": scoring.concern_matcher(), "clauses": scoring.concern_clauses()}
    found = analysis_features(text, nightmares, **readers)
    # The action for the nightmares comes near the whole clause, so the clause looks answered; its
    # part about the school place does not.
    assert found.values["v:gap-prod"] < 0.2
    assert found.values["v:gap-part"] > 0.8
    assert found.evidence["v:gap-part"] == ["still has no school place"]
    both = [*nightmares, "Education access team to find Mia a school place and start her by 1 May"]
    again = analysis_features(text, both, **readers)
    assert again.values["v:gap-part"] < 0.1


def _statements_of(path: Path) -> list[str]:
    import yaml

    items = yaml.safe_load(path.read_text(encoding="utf-8"))["items"]
    return [item["text"] for item in items if isinstance(item.get("text"), str)]


def test_the_first_texts_and_the_tables_read_the_same_words(monkeypatch):
    # A vocabulary's first texts are read by putting each word's name together and looking it up;
    # later ones through tables made from the vocabulary. Both must count the same features, in the
    # same order (the order the weights are added in), for every kind and prefix.
    from auditrules.scoring import features

    scorer = scoring.current()
    assert scorer is not None
    texts = _statements_of(ROOT / "tests" / "data" / "corpus" / "train" / "a1-paediatrics.yaml")[:60]
    texts.append("Mum said the plan was fine. The plan was fine, the plan_was fine")
    made = {"w:plan": 0.5, "b:the_plan": 1.0, "a:w:plan": 1.0, "a:b:plan_was": 1.0, "a:b:was_fine": 1.0}

    def read_all(tables_after: int) -> list[list[tuple[str, float]]]:
        monkeypatch.setattr(features, "TABLES_AFTER", tables_after)
        found = []
        for kind in ("judgement", "victim-only", "concern-clause", "recommendation-action"):
            weights = scorer.kinds[kind].weights
            for vocabulary in (dict(weights), dict(made)):  # fresh copies: tables are per vocabulary
                for text in texts:
                    for prefix in ("", "a:"):
                        counted = features.Features(vocabulary=vocabulary)
                        features.words(counted, features.read(text), prefix)
                        found.append(list(counted.values.items()))
        return found

    by_name, by_table = read_all(10**9), read_all(0)
    assert by_name == by_table
    assert sum(map(len, by_name)) > 500  # it read a good many known words
    assert [("a:w:plan", 3.0), ("a:b:plan_was", 3.0), ("a:b:was_fine", 3.0)] in by_name
