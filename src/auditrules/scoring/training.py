"""Train the scorer from the labelled corpus and write its weights as JSON.

    python -m auditrules.scoring.training [--corpus tests/data/corpus] [--output FILE]

`make model` runs this. It reads only the train and dev splits: the weights are fitted on train
(a regularised logistic regression, its strength chosen by cross-validation across writers, so
it is chosen for writing it has not seen), the threshold is set on dev so that at most 5% of good
statements are flagged, and on dev the model is compared with the cue lists alone. The frozen
test split is never opened here.

Needs scikit-learn (a dev dependency); checking forms never imports it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .features import (
    Features,
    action_features,
    analysis_features,
    judgement_features,
    measurable_features,
    pair_features,
)
from .labels import figures
from .model import BUNDLED, FORMAT, VERSION, KindModel

SHIPPED_CORPUS = "corpus.json.gz"

TRAINING_SPLITS = ("train", "dev")
MAX_GOOD_FLAGGED = 0.05
STRENGTHS = (0.1, 0.3, 1.0, 3.0, 10.0, 30.0)
MIN_FEATURE_COUNT = 2


@dataclass(frozen=True)
class Statement:
    """One labelled statement of the corpus."""

    id: str
    kind: str
    text: str
    poor: bool
    split: str
    writer: str
    item: dict[str, Any]


def corpus_files(folder: Path, splits: Sequence[str] = TRAINING_SPLITS) -> list[Path]:
    """The files of the given splits, and the concern and action pairs (training data only)."""
    found = sorted(path for split in splits for path in (folder / split).glob("*.yaml"))
    return found + sorted((folder / "pairs").glob("*.yaml"))


def load_statements(folder: Path, splits: Sequence[str] = TRAINING_SPLITS) -> list[Statement]:
    """The statements of the given splits (never the test split unless asked for by name)."""
    statements = []
    for path in sorted(path for split in splits for path in (folder / split).glob("*.yaml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        for item in document["items"]:
            statements.append(Statement(item["id"], item["kind"], item["text"], item["label"] == "poor",
                                        document["split"], document["writer"], item))
    return statements


def corpus_hash(folder: Path, splits: Sequence[str] = TRAINING_SPLITS) -> str:
    """A hash of the files the model learned from, so a model can be matched to its corpus."""
    digest = hashlib.sha256()
    for path in corpus_files(folder, splits):
        digest.update(path.relative_to(folder).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def rules_flag_judgement(text: str) -> bool:
    from ..functions.judgements import judge

    return not judge(text, decide="rules")


def rules_flag_measurable(statement: Statement) -> bool:
    from ..functions.plans import measurable_by_rules

    return not measurable_by_rules(statement.text, statement.item.get("measure"))


def rules_flag_action(statement: Statement) -> bool:
    from ..functions.plans import tick_box_by_rules

    return bool(tick_box_by_rules(statement.text))


@dataclass(frozen=True)
class Pair:
    """A concern and an action, and whether the action answers it (from corpus/pairs/)."""

    concern: str
    action: str
    answers: bool
    writer: str


def load_pairs(folder: Path) -> list[Pair]:
    """The concern and action pairs the matcher learns from: each concern with the actions that
    answer it and those from the same plan that do not."""
    pairs = []
    for path in sorted((folder / "pairs").glob("*.yaml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        for item in document["pairs"]:
            pairs += [Pair(item["concern"], action, True, document["writer"]) for action in item["answers"]]
            pairs += [Pair(item["concern"], action, False, document["writer"]) for action in item["not"]]
    return pairs


def fit_matcher(folder: Path) -> tuple[dict[str, Any], KindModel]:
    """Fit the concern and action matcher on the pairs: its weights, and a model to read the
    analyses with while their own part is fitted."""
    import numpy as np
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    from ..functions.concerns import concern_from

    pairs = load_pairs(folder)
    features = [pair_features(concern_from(p.concern), p.action).values for p in pairs]
    counts: dict[str, int] = {}
    for values in features:
        for name in values:
            counts[name] = counts.get(name, 0) + 1
    features = [{k: v for k, v in values.items() if counts[k] >= MIN_FEATURE_COUNT} for values in features]
    vectoriser = DictVectorizer()
    x = vectoriser.fit_transform(features)
    x = x.tocsr()
    x.indices = x.indices.astype(np.int32)
    x.indptr = x.indptr.astype(np.int32)
    y = np.array([p.answers for p in pairs])
    groups = [p.writer for p in pairs]
    best, best_score = STRENGTHS[0], -1.0
    folds = GroupKFold(n_splits=max(2, min(5, len(set(groups)))))
    for strength in STRENGTHS:
        scores = []
        for fit_rows, held_rows in folds.split(x, y, groups):
            fitted = LogisticRegression(C=strength, class_weight="balanced", max_iter=5000,
                                        solver="liblinear").fit(x[fit_rows], y[fit_rows])
            guessed = list(fitted.predict(x[held_rows]))
            scores.append(figures(list(y[held_rows]), guessed)["balanced_accuracy"])
        if sum(scores) / len(scores) > best_score:
            best, best_score = strength, sum(scores) / len(scores)
    fitted = LogisticRegression(C=best, class_weight="balanced", max_iter=5000, solver="liblinear").fit(x, y)
    names = vectoriser.get_feature_names_out()
    weights = {str(name): round(float(w), 5) for name, w in zip(names, fitted.coef_[0], strict=True)
               if abs(w) >= 1e-4}
    bias = round(float(fitted.intercept_[0]), 5)
    dev: dict[str, Any] = {"strength": best, "cross_validated_balanced_accuracy": round(best_score, 4),
                           "pairs": len(pairs), "answering": int(y.sum())}
    part = {"bias": bias, "threshold": 0.5, "use": "model", "weights": weights, "dev": dev}
    return part, KindModel("concern-action", bias, weights, 0.5, "model", dev)


def victim_only(statement: Statement) -> bool:
    from ..functions.concerns import action_texts
    from ..functions.links import _victim_only

    return bool(_victim_only(statement.text, action_texts(statement.item.get("actions"))))


def rules_flag_analysis(statement: Statement) -> bool:
    from ..functions.links import linked_by_rules

    return not linked_by_rules(statement.text, statement.item.get("actions"))


@dataclass(frozen=True)
class Part:
    """What one part of the model scores: which statements, their features, which of them are
    poor for this part, and how the cue lists alone decide."""

    statements: str
    features: Callable[[Statement], Features]
    poor: Callable[[Statement], bool]
    rules: Callable[[Statement], bool]
    # A check that flags beside the model when it decides (abuse with no work with the abuser).
    also: Callable[[Statement], bool] | None = None
    # The share of good statements the threshold may flag on dev. A part that is one of several
    # checks on its statements (a target's owner and limit are checked too) gets half the budget.
    limit: float = MAX_GOOD_FLAGGED


PARTS: dict[str, Part] = {
    # Writers the scorer has not seen had up to twice dev's share of good statements flagged (on
    # the third to eighth frozen splits), so the judgement and analysis thresholds keep a margin
    # below the limit.
    "judgement": Part("judgement", lambda s: judgement_features(s.text), lambda s: s.poor,
                      lambda s: rules_flag_judgement(s.text), limit=MAX_GOOD_FLAGGED * 0.6),
    "target-measurable": Part("target", lambda s: measurable_features(s.text, s.item.get("measure")),
                              lambda s: "measurable" in (s.item.get("faults") or ()), rules_flag_measurable,
                              limit=MAX_GOOD_FLAGGED / 2),
    "analysis": Part("analysis", lambda s: analysis_features(s.text, s.item.get("actions")), lambda s: s.poor,
                     lambda s: rules_flag_analysis(s), lambda s: victim_only(s),
                     limit=MAX_GOOD_FLAGGED * 0.6),
    "recommendation-action": Part("recommendation", lambda s: action_features(s.text),
                                  lambda s: "action" in (s.item.get("faults") or ()), rules_flag_action,
                                  limit=MAX_GOOD_FLAGGED / 2),
}


def wins(model: dict[str, float], rules: dict[str, float]) -> bool:
    """Whether the model beats the cue lists: keeping good items flagged within the limit where
    the cue lists do not, or else with the higher balanced accuracy."""
    model_within = model["good_flagged"] <= MAX_GOOD_FLAGGED
    rules_within = rules["good_flagged"] <= MAX_GOOD_FLAGGED
    if model_within != rules_within:
        return model_within
    return model["balanced_accuracy"] > rules["balanced_accuracy"]


def threshold_for(poor: Sequence[bool], probabilities: Sequence[float],
                  limit: float = MAX_GOOD_FLAGGED, flagged_anyway: Sequence[bool] | None = None) -> float:
    """The lowest threshold that flags at most `limit` of the good statements (so it catches as
    many poor ones as that allows). Good statements another check flags anyway
    (`flagged_anyway`) are spent from that budget first."""
    anyway = flagged_anyway or [False] * len(poor)
    spent = sum(1 for is_poor, extra in zip(poor, anyway, strict=True) if extra and not is_poor)
    good = sorted((p for p, is_poor, extra in zip(probabilities, poor, anyway, strict=True)
                   if not is_poor and not extra), reverse=True)
    allowed = int(limit * (len(good) + spent)) - spent
    if allowed < 0:
        return 0.999
    # Flag strictly above the (allowed+1)-th highest good score.
    if allowed >= len(good):
        return 0.5
    cut = good[allowed]
    return min(0.999, max(0.001, cut + 1e-6))


def fit_kind(kind: str, train: list[Statement], dev: list[Statement], matcher: Any = None) -> dict[str, Any]:
    """Fit one kind's weights on train, set its threshold on dev, and compare it with the rules."""
    import numpy as np
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    part = PARTS[kind]
    if kind == "analysis" and matcher is not None:
        part = Part(part.statements,
                    lambda s: analysis_features(s.text, s.item.get("actions"), matcher=matcher),
                    part.poor, part.rules, part.also, part.limit)
    train_features = [part.features(s).values for s in train]
    counts: dict[str, int] = {}
    for values in train_features:
        for name in values:
            counts[name] = counts.get(name, 0) + 1
    kept = {name for name, count in counts.items() if count >= MIN_FEATURE_COUNT}
    train_features = [{k: v for k, v in values.items() if k in kept} for values in train_features]
    vectoriser = DictVectorizer()
    x = vectoriser.fit_transform(train_features).toarray()
    y = np.array([part.poor(s) for s in train])
    groups = [s.writer for s in train]

    def model(strength: float) -> Any:
        return LogisticRegression(C=strength, class_weight="balanced", max_iter=5000, solver="liblinear")

    folds = GroupKFold(n_splits=min(5, len(set(groups))))
    best, best_score = STRENGTHS[0], -1.0
    for strength in STRENGTHS:
        scores = []
        for fit_rows, held_rows in folds.split(x, y, groups):
            fitted = model(strength).fit(x[fit_rows], y[fit_rows])
            guessed = fitted.predict(x[held_rows])
            scores.append(figures(list(y[held_rows]), list(guessed))["balanced_accuracy"])
        score = sum(scores) / len(scores)
        if score > best_score:
            best, best_score = strength, score
    fitted = model(best).fit(x, y)
    names = vectoriser.get_feature_names_out()
    # The constant feature carries the bias; liblinear's intercept is folded into it.
    weights = {str(name): round(float(w), 5) for name, w in zip(names, fitted.coef_[0], strict=True)
               if abs(w) >= 1e-4}
    bias = round(float(fitted.intercept_[0]), 5)

    def probability(statement: Statement) -> float:
        values = part.features(statement).values
        total = bias + sum(weights.get(name, 0.0) * value for name, value in values.items())
        return 1.0 / (1.0 + np.exp(-total))

    dev_poor = [part.poor(s) for s in dev]
    dev_probabilities = [float(probability(s)) for s in dev]
    also = [part.also(s) if part.also else False for s in dev]
    threshold = threshold_for(dev_poor, dev_probabilities, part.limit, also)
    model_dev = figures(dev_poor, [p >= threshold or extra_flag
                                    for p, extra_flag in zip(dev_probabilities, also, strict=True)])
    rules_dev = figures(dev_poor, [part.rules(s) for s in dev])
    use = "model" if wins(model_dev, rules_dev) else "rules"
    return {
        "bias": bias, "threshold": round(threshold, 6), "use": use, "weights": weights,
        "dev": {"model": model_dev, "rules": rules_dev, "strength": best,
                "cross_validated_balanced_accuracy": round(best_score, 4),
                "train_statements": len(train), "dev_statements": len(dev)},
    }


def train(folder: Path, kinds: Sequence[str] = tuple(PARTS)) -> dict[str, Any]:
    statements = load_statements(folder)
    result: dict[str, Any] = {
        "format": FORMAT, "version": VERSION, "trained": dt.date.today().isoformat(),
        "corpus_sha256": corpus_hash(folder), "statements": 0, "kinds": {},
    }
    matcher = None
    if load_pairs(folder):
        from . import concern_matcher

        result["kinds"]["concern-action"], pair_model = fit_matcher(folder)
        matcher = concern_matcher(pair_model)
    for kind in kinds:
        of_kind = [s for s in statements if s.kind == PARTS[kind].statements]
        train_set = [s for s in of_kind if s.split == "train"]
        dev_set = [s for s in of_kind if s.split == "dev"]
        result["kinds"][kind] = fit_kind(kind, train_set, dev_set, matcher)
        result["statements"] += len(train_set)
    return result


SHIPPED_ITEM_KEYS = ("faults", "measure", "actions", "field", "section")


def corpus_data(folder: Path) -> bytes:
    """The train and dev statements as the package ships them (gzip'd JSON, the same bytes for
    the same corpus), so `auditrules learn` can fit a council's model beside them anywhere."""
    import gzip

    statements = [{"id": s.id, "kind": s.kind, "text": s.text, "label": "poor" if s.poor else "good",
                   "split": s.split, "writer": s.writer,
                   **{key: s.item[key] for key in SHIPPED_ITEM_KEYS if key in s.item}}
                  for s in load_statements(folder)]
    text = json.dumps({"corpus_sha256": corpus_hash(folder), "statements": statements},
                      ensure_ascii=False, sort_keys=True)
    return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)


def main(argv: Sequence[str] | None = None) -> int:
    here = Path(__file__).resolve()
    parser = argparse.ArgumentParser(description="Train the scorer from the labelled corpus.")
    parser.add_argument("--corpus", type=Path, default=here.parents[3] / "tests" / "data" / "corpus")
    parser.add_argument("--output", type=Path, default=here.parent / "data" / BUNDLED)
    args = parser.parse_args(argv)
    model = train(args.corpus)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(model, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    args.output.write_text(text, encoding="utf-8")
    for kind, data in model["kinds"].items():
        dev = data["dev"]
        print(f"{kind}: {len(data['weights'])} weights, strength {dev['strength']}, threshold "
              f"{data['threshold']:.3f}, {data['use']} decide")
        if kind == "concern-action":
            print(f"  pairs {dev['pairs']} ({dev['answering']} answering), cross-validated balanced accuracy "
                  f"{dev['cross_validated_balanced_accuracy']:.3f}")
            continue
        for who in ("model", "rules"):
            f = dev[who]
            print(f"  dev, {who:<6} balanced accuracy {f['balanced_accuracy']:.3f}, "
                  f"recall {f['recall']:.3f}, good flagged {f['good_flagged']:.3f}")
    print(f"wrote {args.output} ({len(text) // 1024} KB)")
    shipped = args.output.parent / SHIPPED_CORPUS
    data = corpus_data(args.corpus)
    shipped.write_bytes(data)
    print(f"wrote {shipped} ({len(data) // 1024} KB): the statements it learned from, for auditrules learn")
    return 0


if __name__ == "__main__":
    sys.exit(main())
