"""Do the agreed actions answer the concerns named in the assessment's analysis and conclusion?

The analysis is read clause by clause (`concerns.py`): each clause that names a worry, by theme
or in its own words, is a concern, and it is answered when an action speaks to the same need,
by the theme's specific words or by the concern's own distinctive words. Where the analysis names
abuse by a person, some action must work with that person.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from . import Outcome, function
from .concerns import (
    action_texts,
    answer_to,
    concerns_of,
    describe,
    harm_in,
    not_named_in,
    upkeep_only,
    works_with_harmer,
)
from .text import read
from .themes import THEMES, Theme


@lru_cache(maxsize=512)
def concerns_in(text: str | None) -> tuple[tuple[Theme, str], ...]:
    """The themes a text names as concerns, each with the words that named it; a theme named
    only to be ruled out ("no concerns about alcohol") is not a concern. (The themed part of
    `concerns_of`, for callers that want themes only.)"""
    return tuple((concern.themes[0], concern.named) for concern in concerns_of(text) if concern.themes)


def _cut(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " ..."


def _victim_only(text: str, texts: Sequence[str]) -> str:
    """Why the actions fall only on others when the analysis names abuse by a person ("" when
    some action works with that person)."""
    harm = harm_in(text)
    if harm is None or not texts or any(works_with_harmer(t, harm) for t in texts):
        return ""
    who = ", ".join(harm.names[:1] or harm.roles[:1])
    if harm.outside:
        return (f"the analysis names abuse or exploitation ('{harm.words}') by {who}, but no action acts on "
                "that adult (police or the LADO to identify, investigate or disrupt them); every action "
                "falls on others")
    return (f"the analysis names abuse ('{harm.words}') by {who}, but no action works with the person "
            "causing the harm; every action falls on others")


def linked_by_rules(text: str | None, actions: Sequence[Any] | None,
                    named_elsewhere: str | None = None, matcher: Any = None) -> Outcome:
    """`concerns_answered` decided by the concern reading alone (with the learned word pairs,
    when given, as a further way an action answers a concern)."""
    if not text or not text.strip():
        return Outcome(True)
    concerns = not_named_in(concerns_of(text), named_elsewhere)
    texts = action_texts(actions)
    harm = harm_in(text)
    if not concerns and harm is None:
        return Outcome(True)
    victim_only = _victim_only(text, texts)
    working = [t for t in texts if not upkeep_only(t)]
    answered = [answer_to(concern, working, matcher) for concern in concerns]
    unanswered = [concern for concern, answer in zip(concerns, answered, strict=True) if answer is None]
    reasons: list[str] = []
    evidence: list[str] = []
    if not texts and concerns:
        return Outcome(False, ("the concerns named have no agreed actions at all: "
                               + "; ".join(describe(concern) for concern in concerns[:3]),),
                       tuple(concern.named for concern in concerns[:3]))
    if unanswered:
        reasons.append("no agreed action answers "
                       + "; ".join(describe(concern) for concern in unanswered[:3]))
        evidence += [concern.named for concern in unanswered[:3]]
    if victim_only:
        reasons.append(victim_only)
        evidence.append(harm.words)  # type: ignore[union-attr]
    if reasons:
        return Outcome(False, tuple(reasons), tuple(dict.fromkeys(evidence)))
    return Outcome(True, ("every concern named has an action: "
                          + "; ".join(a.how for a in answered[:4] if a is not None),))


@function(returns="bool", params={"text": "text", "actions": "list", "named_elsewhere": "text"})
def concerns_answered(text: str | None, actions: Sequence[Any] | None,
                      named_elsewhere: str | None = None) -> Outcome:
    """Whether each concern named in the analysis (or conclusion) is answered by at least one
    agreed action, by theme or in other words that speak to the same need. Concerns also named
    in `named_elsewhere` are left to that text's check. Abuse by a named adult is answered only
    when some action works with that adult, not by actions for the non-abusing parent alone."""
    return linked(text, actions, named_elsewhere)


_SEEMS_VICTIM_ONLY = ("the analysis seems to name harm by a person while every action falls on others "
                      "(the one harmed, the children, those protecting them): none works with the person "
                      "causing it, such as a programme they attend, a meeting with them, or police action "
                      "against them")


def _weighed_most(verdict: Any, feature: str) -> bool:
    """Whether `feature` pushed the scorer's verdict towards poor more than any other."""
    towards = [part for part in verdict.weighed if part.weight > 0]
    return bool(towards) and towards[0].feature == feature


def linked(text: str | None, actions: Sequence[Any] | None, named_elsewhere: str | None = None,
           decide: str | None = None) -> Outcome:
    """`concerns_answered`, decided by the scorer where it is trusted for analyses."""
    ruled = linked_by_rules(text, actions, named_elsewhere)
    if decide == "rules" or not text or not text.strip() or not action_texts(actions):
        return ruled  # concerns with no actions at all need no scorer
    from .. import scoring
    from ..scoring.features import analysis_features

    matcher = scoring.concern_matcher()
    clauses = scoring.concern_clauses()
    gaps = scoring.concern_gaps()
    victims = scoring.victim_only_reader()
    verdict = scoring.verdict("analysis", lambda vocabulary: analysis_features(
        text, actions, named_elsewhere, matcher, vocabulary, clauses, gaps, victims))
    if verdict is None or not (verdict.decides or decide == "model"):
        return ruled
    # The scorer decides, weighing the cue lists' reading of harm among its own; the cue lists say
    # why in their words where they agree.
    ruled = linked_by_rules(text, actions, named_elsewhere, matcher)
    if not verdict.poor:
        return Outcome(True, ruled.reasons if ruled else ())
    explained = scoring.explain(verdict, "concerns left unanswered", "concerns answered")
    victim_only = _victim_only(text, action_texts(actions))
    if victim_only:
        return Outcome(False, (victim_only, explained), ruled.evidence)
    # The learned reading of harm with no work with the one causing it is said as such only where
    # the cue lists do not find an action that works with that person (they read harm, and it is
    # not victim-only by their reading).
    worked_with = harm_in(text) is not None
    reasons = ruled.reasons if not ruled else (
        _SEEMS_VICTIM_ONLY if _weighed_most(verdict, "v:victim-only-learned") and not worked_with else
        "the agreed actions do not clearly answer every concern the analysis names",)
    return Outcome(False, (*reasons, explained), ruled.evidence)


@function(returns="bool", params={"text": "text", "actions": "list", "named_elsewhere": "text"})
def concerns_matched(text: str | None, actions: Sequence[Any] | None,
                     named_elsewhere: str | None = None) -> Outcome:
    """Whether every concern the analysis names, clause by clause, has an agreed action that
    speaks to it: by theme, in its own words, or in other words the scorer's matcher has learned
    answer it. Broader and less sure than `concerns_answered`, so rules use it for a point to
    look at, not a warning."""
    from .. import scoring

    return linked_by_rules(text, actions, named_elsewhere, scoring.concern_matcher())


@function(returns="bool", params={"action": "text", "analysis": "text", "conclusion": "text"})
def traces_to_concern(action: str | None, analysis: str | None, conclusion: str | None = None) -> Outcome:
    """Whether an agreed action traces back to a concern named in the analysis or conclusion
    (actions that keep the plan going, such as visits and reviews, need not)."""
    if not action or not action.strip():
        return Outcome(True)
    named = " ".join(t for t in (analysis, conclusion) if t)
    if not named.strip():
        return Outcome(True, ("no analysis or conclusion to trace to",))
    for concern in concerns_of(named):
        answer = answer_to(concern, [action])
        if answer is not None:
            return Outcome(True, (f"answers '{_cut(concern.clause, 60)}' by {answer.how}",))
    reading = read(action)
    for concern in concerns_of(named):
        for theme in concern.themes:
            related = theme.related.find(reading)
            if related:
                return Outcome(True, (f"speaks to {theme.name} ('{related[0].found}'), named in "
                                      f"'{_cut(concern.clause, 60)}'",))
    if upkeep_only(action):
        return Outcome(True, ("keeps the plan going (visits, reviews, meetings)",))
    own = [theme for theme in THEMES if theme.answer.find(reading)]
    if own:
        return Outcome(False, (f"the action is about {own[0].name}, which the analysis and conclusion do "
                               "not name as a concern",), (action.strip(),))
    return Outcome(False, ("the action does not trace back to any concern named in the analysis or "
                           "conclusion",), (action.strip(),))


LINK_FUNCTIONS = (concerns_answered, concerns_matched, traces_to_concern)
