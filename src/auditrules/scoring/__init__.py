"""The scorer: a model trained from the project's labelled corpus that weighs a statement's
features, alongside the cue lists, and says which words weighed most.

The weights ship as data (`data/scorer.json`, written by `make model`); scoring is plain
arithmetic with no heavy imports. `use(path)` swaps in another model file; `decide(kind, who)`
lets a caller (the accuracy benchmark) have the model or the cue lists decide a kind.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from .features import Features
from .model import KindModel, Scorer, ScorerError, Weighed, bundled, load

_chosen: Scorer | None = None
_use_bundled = True
_overrides: dict[str, str] = {}


def current() -> Scorer | None:
    """The model in use: one set by `use`, else the bundled one."""
    if _chosen is not None:
        return _chosen
    return bundled() if _use_bundled else None


def use(path: str | Path | None) -> Scorer | None:
    """Score with the model file at `path` (None: go back to the bundled model)."""
    global _chosen
    _chosen = load(path) if path is not None else None
    _forget()
    return current()


def _forget() -> None:
    """Clear the verdicts remembered per text: they depend on the model in use."""
    from ..functions import judgements, plans

    for cached in (judgements.judge, plans.measured, plans.ticks_a_box):
        cached.cache_clear()


def decide(kind: str, who: str | None) -> None:
    """Have "model" or "rules" decide `kind` whatever the model file says (None: as it says)."""
    if who is None:
        _overrides.pop(kind, None)
    else:
        _overrides[kind] = who
    _forget()


@dataclass(frozen=True)
class Verdict:
    """What the model made of a statement."""

    poor: bool
    probability: float
    threshold: float
    decides: bool
    model: KindModel
    features: Features

    @cached_property
    def weighed(self) -> list[Weighed]:
        """The features that pushed most, with their words (worked out when a finding first asks,
        then kept: an explanation looks both ways)."""
        return self.model.weighed(self.features)


def verdict(kind: str, features: Callable[[Collection[str]], Features]) -> Verdict | None:
    """The model's verdict on a statement of `kind`, or None when no model scores that kind.
    `features` is given the model's vocabulary, so only features it weighs are collected."""
    scorer = current()
    model: KindModel | None = scorer.kind(kind) if scorer is not None else None
    if model is None:
        return None
    found = features(model.vocabulary)
    probability = model.probability(found)
    decides = _overrides.get(kind, model.use) == "model"
    return Verdict(probability >= model.threshold, probability, model.threshold, decides, model, found)


_LITTLE = frozenset(["a", "an", "the", "and", "or", "of", "to", "in", "on", "at", "by", "for", "with", "from",
                     "is", "are", "was", "were", "be", "been", "it", "its", "this", "that", "as", "his",
                     "her", "their", "he", "she", "they", "has", "have", "had"])
class ConcernMatcher:
    """The learned judge of whether an action answers a concern in other words. Called with a
    concern and an action, it gives the words that tie them when the model judges the action
    answers the concern, else None; `closeness` gives the model's probability itself."""

    def __init__(self, model: KindModel, near: KindModel | None = None) -> None:
        self.model = model
        # Pairs of words near in meaning, learned from the corpus's text (the `related-words` part).
        self.near = near.weights if near is not None else None
        self._seen: dict[tuple[object, str], Features] = {}

    def _features(self, concern: object, action: str) -> Features:
        found = self._seen.get((concern, action))
        if found is None:
            from .features import pair_features

            found = self._seen[(concern, action)] = pair_features(concern, action, self.model.vocabulary,
                                                                  self.near)
        return found

    def closeness(self, concern: object, action: str) -> float:
        return self.model.probability(self._features(concern, action))

    def __call__(self, concern: object, action: str) -> str | None:
        found = self._features(concern, action)
        if self.model.probability(found) < self.model.threshold:
            return None
        # A concern's word with an action's word, or with the need an action speaks to, or a
        # generic word the two share ("missing").
        tied = [part for part in self.model.weighed(found, 6)
                if part.weight > 0 and part.feature.startswith(_TIES) and not _same_word(part.feature)]
        return "; ".join(part.words[0] for part in tied[:2] if part.words) or "words learned to go together"


_TIES = ("x:", "xt:", "tx:", "v:near-words", "n:shared-wide")


def _same_word(feature: str) -> bool:
    """A pair of a word with itself ("x:miss|miss"): said once, by `n:shared-wide`."""
    if not feature.startswith("x:"):
        return False
    first, _, second = feature[2:].partition("|")
    return first == second


def concern_matcher(model: KindModel | None = None) -> ConcernMatcher | None:
    """The matcher an analysis is read with (see `ConcernMatcher`); None when no model holds one."""
    scorer = current()
    if model is None:
        model = scorer.kind("concern-action") if scorer is not None else None
    near = scorer.kind("related-words") if scorer is not None else None
    return ConcernMatcher(model, near) if model is not None else None


def concern_clauses() -> KindModel | None:
    """The model of which clauses of an analysis name a concern; None when no model holds one."""
    scorer = current()
    return scorer.kind("concern-clause") if scorer is not None else None


def concern_gaps() -> KindModel | None:
    """The reader that judges, from the matcher and the clause model, whether a clause of an
    analysis names a concern no action answers; None when no model holds one."""
    scorer = current()
    return scorer.kind("concern-gap") if scorer is not None else None


def victim_only_reader() -> KindModel | None:
    """The reader that judges, from the words of an analysis and its actions, whether harm by a
    person goes without an action that works with them; None when no model holds one."""
    scorer = current()
    return scorer.kind("victim-only") if scorer is not None else None


_PLAIN = {
    "has:no-appraisal": "no word that judges the work",
    "has:empty": "nothing to judge",
    "has:reasons": "a reason or evidence",
    "has:fault-events": "events only",
    "has:fault-grade": "a grade word alone",
    "has:fault-reported": "someone else's rating",
    "has:fault-effort": "praise of effort",
    "has:fault-filler": "stock phrases",
    "has:fault-circumstances": "the situation described",
    "has:question": "a question",
    "len:1-3": "very few words",
    "len:4-8": "a short note",
}


def _words(part: Weighed) -> str | None:
    if part.feature.startswith(("bias:", "len:sentences")):
        return None
    name = part.feature.split(":", 1)[-1]
    if "<name>" in name.split("_"):
        return "a name"
    if "#" in name.split("_"):
        return "a number"
    words = [w for w in part.words if not set(w.lower().split()) <= _LITTLE]
    if words:
        return "'" + "', '".join(words[:2]) + "'"
    if part.words:
        return None  # only little words ("of the"): nothing a reader could act on
    return _PLAIN.get(part.feature)


def weighed_most(found: Verdict, towards_poor: bool, limit: int = 3) -> list[str]:
    """The words (or plain readings) that pushed the verdict most one way."""
    said: list[str] = []
    for part in found.weighed:
        if (part.weight > 0) != towards_poor:
            continue
        words = _words(part)
        if words and words not in said:
            said.append(words)
        if len(said) >= limit:
            break
    return said


OTHER_SIDE = "; and towards "
"""Where an explanation turns to the words that weighed the other way: the review page highlights
only the words before it."""


def explain(found: Verdict, poor_words: str, good_words: str) -> str:
    """A sentence a finding can carry: the words that weighed most towards its verdict, then the
    words that weighed the other way."""
    flagged = found.poor
    first = weighed_most(found, flagged)
    second = weighed_most(found, not flagged, 2)
    one, other = (poor_words, good_words) if flagged else (good_words, poor_words)
    return (f"the words that weighed most towards {one}: {', '.join(first) or 'none'}"
            f"{OTHER_SIDE}{other}: {', '.join(second) or 'none'}")


__all__ = ["OTHER_SIDE", "ConcernMatcher", "Scorer", "ScorerError", "Verdict", "concern_gaps",
           "concern_matcher", "current", "decide", "explain", "use", "verdict", "victim_only_reader",
           "weighed_most"]
