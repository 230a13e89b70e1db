"""Learning a council's house style: the scorer fitted again to the corpus it shipped with plus the
council's own labels (weighted so that they count as much as the corpus), kind by kind.

For each kind with enough labels, cross-validation on the council's labels says how the bundled
scorer does on them ("before") and how a scorer learned without the held-out labels does
("after"). A kind's learned part is kept only where it does better; otherwise the bundled part
stays, so the model written is never worse on the council's labels than the bundled one. Each
threshold is set, as the bundled ones are, so that at most 5% of good statements are flagged,
here on the council's own statements, scored by models that did not learn from them.

A model keeps weights over features, never the statements: a feature is learned only when the
corpus has it too, so no word of a council's statements that the corpus lacks reaches the file.

Needs scikit-learn (the `learn` extra); checking forms never imports this module.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from ..errors import UsageError
from .labels import KIND_OF, PART_OF, Label, figures
from .model import FORMAT, VERSION, KindModel, Scorer
from .training import (
    MAX_GOOD_FLAGGED,
    PARTS,
    SHIPPED_CORPUS,
    Part,
    Statement,
    one_thread,
    threshold_for,
    wins,
)

MIN_LABELS = 30
MIN_EACH = 8
FOLDS = 5
INNER_FOLDS = 3
MAX_WEIGHT = 50.0


class LearnError(UsageError):
    """Learning cannot start (no scikit-learn, no shipped corpus)."""


@dataclass
class KindResult:
    """What learning made of one kind of statement."""

    kind: str
    good: int
    poor: int
    outcome: str  # "learned", "kept" (the bundled part does as well) or "too few"
    before: dict[str, float] | None = None
    after: dict[str, float] | None = None
    weight: float = 0.0

    @property
    def labels(self) -> int:
        return self.good + self.poor


@dataclass
class Learned:
    """The model file's data (None when no kind was learned) and what happened to each kind."""

    model: dict[str, Any] | None
    kinds: list[KindResult] = field(default_factory=list)


def sklearn_needed() -> None:
    try:
        import sklearn  # noqa: F401
    except ImportError:
        raise LearnError("auditrules learn needs scikit-learn: install it with "
                         "pip install 'auditrules[learn]'") from None


@lru_cache(maxsize=1)
def shipped_corpus() -> tuple[str, tuple[Statement, ...]]:
    """The statements the bundled scorer learned from (train and dev splits), and their hash."""
    resource = resources.files("auditrules.scoring").joinpath("data", SHIPPED_CORPUS)
    if not resource.is_file():
        raise LearnError(f"this installation of auditrules is missing the statements it learns beside "
                         f"(auditrules/scoring/data/{SHIPPED_CORPUS}); install auditrules again")
    data = json.loads(gzip.decompress(resource.read_bytes()).decode("utf-8"))
    statements = tuple(
        Statement(item["id"], item["kind"], item["text"], item["label"] == "poor", item["split"],
                  item["writer"], item)
        for item in data["statements"])
    return data["corpus_sha256"], statements


def as_statement(label: Label, number: int) -> Statement:
    """A council label as a corpus statement of its kind (the fault the scorer asks about named)."""
    faults = {"target": ["measurable"], "recommendation": ["action"]}.get(label.kind, ["poor"])
    item: dict[str, Any] = {"faults": faults if label.poor else [], "actions": list(label.actions)}
    return Statement(f"label-{number}", label.kind, label.text, label.poor, "council", "council", item)


def _part(kind: str) -> Part:
    part = PARTS[kind]
    if kind != "analysis":
        return part
    from . import concern_clauses, concern_gaps, concern_matcher, victim_only_reader
    from .features import analysis_features

    matcher, clauses, gaps = concern_matcher(), concern_clauses(), concern_gaps()
    victims = victim_only_reader()
    return Part(part.statements,
                lambda s: analysis_features(s.text, s.item.get("actions"), matcher=matcher, clauses=clauses,
                                            gaps=gaps, victims=victims),
                part.poor, part.rules, part.limit)


# The corpus's features of each kind, read once in a process: reading them is most of the time
# `learn` takes (an analysis's take milliseconds each), and they are the same whatever the labels.
# Each is kept with the corpus and the model it was read with, and read again when either changes.
_CORPUS_ROWS: dict[str, tuple[Sequence[Statement], Any, list[dict[str, float]]]] = {}


def _corpus_rows(kind: str, part: Part, corpus: Sequence[Statement]) -> list[dict[str, float]]:
    """The features of the corpus's statements of `part`'s kind, in the corpus's order."""
    from . import current

    reader = current() if kind == "analysis" else None  # only an analysis is read with a model
    kept = _CORPUS_ROWS.get(kind)
    if kept is not None and kept[0] is corpus and kept[1] is reader:
        return kept[2]
    rows = [part.features(s).values for s in corpus if s.kind == part.statements]
    _CORPUS_ROWS[kind] = (corpus, reader, rows)
    return rows


def _bundled_flags(part: Part, base: KindModel, statements: Sequence[Statement]) -> list[bool]:
    """How the checks decide today: the bundled model where it decides, else the cue lists."""
    if base.use != "model":
        return [part.rules(s) for s in statements]
    return [base.probability(part.features(s)) >= base.threshold for s in statements]


class _Fitter:
    """One kind's data as matrices, fitted again for any subset of the council's labels."""

    def __init__(self, part: Part, corpus: Sequence[Statement], corpus_features: list[dict[str, float]],
                 council: Sequence[Statement], strength: float) -> None:
        import numpy as np
        from sklearn.feature_extraction import DictVectorizer

        self.np = np
        known = {name for values in corpus_features for name in values}
        council_features = [{k: v for k, v in part.features(s).values.items() if k in known} for s in council]
        self.vectoriser = DictVectorizer()
        self.vectoriser.fit(corpus_features + council_features)
        self.corpus_x = self._matrix(corpus_features)
        self.council_x = self._matrix(council_features)
        self.corpus_y = np.array([part.poor(s) for s in corpus])
        self.council_y = np.array([part.poor(s) for s in council])
        self.strength = strength

    def _matrix(self, rows: list[dict[str, float]]) -> Any:
        x = self.vectoriser.transform(rows).tocsr()
        x.indices = x.indices.astype(self.np.int32)  # liblinear takes 32-bit indices only
        x.indptr = x.indptr.astype(self.np.int32)
        return x

    def weight(self, council_rows: int) -> float:
        return min(MAX_WEIGHT, max(1.0, self.corpus_x.shape[0] / max(1, council_rows)))

    def fit(self, rows: Sequence[int]) -> Any:
        from scipy.sparse import vstack
        from sklearn.linear_model import LogisticRegression

        rows = list(rows)
        x = vstack([self.corpus_x, self.council_x[rows]]).tocsr()
        x.indices = x.indices.astype(self.np.int32)
        x.indptr = x.indptr.astype(self.np.int32)
        y = self.np.concatenate([self.corpus_y, self.council_y[rows]])
        weights = self.np.concatenate([self.np.ones(self.corpus_x.shape[0]),
                                       self.np.full(len(rows), self.weight(len(rows)))])
        return LogisticRegression(C=self.strength, class_weight="balanced", max_iter=5000,
                                  solver="liblinear").fit(x, y, sample_weight=weights)

    def probabilities(self, fitted: Any, rows: Sequence[int]) -> list[float]:
        return [float(p) for p in fitted.predict_proba(self.council_x[list(rows)])[:, 1]]

    def out_of_fold(self, rows: Sequence[int], folds: int, seed: int) -> list[float]:
        """Each of `rows` scored by a model fitted without it (and its fold)."""
        from sklearn.model_selection import StratifiedKFold

        rows = list(rows)
        found = [0.0] * len(rows)
        y = self.council_y[rows]
        splits = min(folds, int(y.sum()), int(len(y) - y.sum()))
        for fit_at, held_at in StratifiedKFold(splits, shuffle=True, random_state=seed).split(rows, y):
            fitted = self.fit([rows[i] for i in fit_at])
            for i, p in zip(held_at, self.probabilities(fitted, [rows[i] for i in held_at]), strict=True):
                found[i] = p
        return found

    def part(self, fitted: Any) -> tuple[dict[str, float], float]:
        """A fitted model's weights by feature name (those that count), and its bias."""
        names = self.vectoriser.get_feature_names_out()
        weights = {str(name): round(float(w), 5) for name, w in zip(names, fitted.coef_[0], strict=True)
                   if abs(w) >= 1e-4}
        return weights, round(float(fitted.intercept_[0]), 5)


def enough(labels: Sequence[Label]) -> bool:
    """Whether there are labels enough of a kind to say anything: MIN_LABELS, MIN_EACH of each."""
    poor = sum(1 for label in labels if label.poor)
    return len(labels) >= MIN_LABELS and min(poor, len(labels) - poor) >= MIN_EACH


def why_kept(result: KindResult) -> str:
    """Why a kind's learned part was not kept, in words."""
    assert result.before is not None and result.after is not None
    if result.after["good_flagged"] > MAX_GOOD_FLAGGED >= result.before["good_flagged"]:
        return f"the learned one flags more than {MAX_GOOD_FLAGGED:.0%} of good statements"
    return "it does as well or better on these labels"


def learn_kind(kind: str, labels: Sequence[Label], corpus: Sequence[Statement], base: KindModel,
               folds: int = FOLDS, seed: int = 0) -> tuple[KindResult, dict[str, Any] | None]:
    """One kind learned from the corpus and the council's labels: what cross-validation says, and
    the part for the model file when it does better than the bundled one."""
    good = sum(1 for label in labels if not label.poor)
    result = KindResult(KIND_OF[kind], good, len(labels) - good, "too few")
    if not enough(labels):
        return result, None
    part = _part(kind)
    council = [as_statement(label, number) for number, label in enumerate(labels)]
    fitter = _Fitter(part, [s for s in corpus if s.kind == part.statements], _corpus_rows(kind, part, corpus),
                     council, float(base.dev.get("strength", 1.0)))
    poor = [bool(p) for p in fitter.council_y]
    result.before = figures(poor, _bundled_flags(part, base, council))

    from sklearn.model_selection import StratifiedKFold

    held_probabilities = [0.0] * len(council)
    flagged = [False] * len(council)
    splits = min(folds, result.good, result.poor)
    for fit_at, held_at in StratifiedKFold(splits, shuffle=True, random_state=seed).split(council, poor):
        fitted = fitter.fit(fit_at)
        inner = fitter.out_of_fold(fit_at, INNER_FOLDS, seed)
        threshold = threshold_for([poor[i] for i in fit_at], inner, MAX_GOOD_FLAGGED)
        for i, p in zip(held_at, fitter.probabilities(fitted, held_at), strict=True):
            held_probabilities[i] = p
            flagged[i] = p >= threshold
    result.after = figures(poor, flagged)
    result.weight = round(fitter.weight(len(council)), 2)
    if not wins(result.after, result.before):
        result.outcome = "kept"
        return result, None
    result.outcome = "learned"
    threshold = threshold_for(poor, held_probabilities, MAX_GOOD_FLAGGED)
    weights, bias = fitter.part(fitter.fit(range(len(council))))
    return result, {
        "bias": bias, "threshold": round(threshold, 6), "use": "model", "weights": weights,
        "dev": {"strength": fitter.strength, "council": {
            "labels": len(council), "good": result.good, "poor": result.poor, "weight": result.weight,
            "cross_validated_before": result.before, "cross_validated_after": result.after}},
    }


def _kind_data(model: KindModel) -> dict[str, Any]:
    return {"bias": model.bias, "threshold": model.threshold, "use": model.use,
            "weights": dict(model.weights), "dev": dict(model.dev)}


def learn(labels: Sequence[Label], base: Scorer, *, folds: int = FOLDS, seed: int = 0,
          today: dt.date | None = None) -> Learned:
    """A model learned from `labels` beside the shipped corpus, on top of `base` (the bundled
    model): each kind with enough labels learned, and kept only where it does better."""
    sklearn_needed()
    with one_thread():
        return _learn(labels, base, folds, seed, today)


def _learn(labels: Sequence[Label], base: Scorer, folds: int, seed: int, today: dt.date | None) -> Learned:
    corpus_hash, corpus = shipped_corpus()
    learned = Learned(None)
    kinds = {name: _kind_data(model) for name, model in base.kinds.items()}
    used = 0
    for kind, label_kind in PART_OF.items():
        of_kind = [label for label in labels if label.kind == kind]
        base_part = base.kind(label_kind)
        if base_part is None:
            continue
        result, part = learn_kind(label_kind, of_kind, corpus, base_part, folds, seed)
        learned.kinds.append(result)
        if part is not None:
            kinds[label_kind] = part
            used += result.labels
    if used:
        learned.model = {
            "format": FORMAT, "version": VERSION, "trained": (today or dt.date.today()).isoformat(),
            "corpus_sha256": corpus_hash, "statements": base.statements, "labels": used, "kinds": kinds,
        }
    return learned


__all__ = ["FOLDS", "MIN_EACH", "MIN_LABELS", "KindResult", "LearnError", "Learned", "as_statement", "enough",
           "learn", "learn_kind", "shipped_corpus", "sklearn_needed", "why_kept"]
