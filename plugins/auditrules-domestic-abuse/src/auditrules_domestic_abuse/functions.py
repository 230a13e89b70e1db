"""What the domestic abuse rules read in free text: safety planning with the adult victim and
the child, work with the person causing harm, incidents seen as a pattern, and why a child was
not seen alone. Each function says which words decided it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from auditrules import Outcome, function
from auditrules.functions.people import named_adults
from auditrules.functions.text import NEGATIONS, Cues, Match, Reading, covered, quoted, read

# ---- the theme block as a whole -------------------------------------------------------------------


# ---- safety planning ------------------------------------------------------------------------------

_ADULT_VICTIM = Cues([
    "mother", "mum", "father", "dad", "parent", "parents", "non-abusing parent", "victim",
    "adult victim", "survivor", "carer", "grandmother", "grandparent", "nan", "gran", "aunt",
    "woman", "adult",
])
_CHILD = Cues([
    "child", "children", "son", "daughter", "baby", "young person", "young people", "sibling",
    "siblings", "boy", "girl", "brother", "sister", "direct work", "age appropriate",
    "age-appropriate", "safe adult", "trusted adult", "safe place", "safe word", "code word",
    "call 999", "dial 999",
])


def _affirmed(cues: Cues, reading: Reading, skip: frozenset[int] = frozenset()) -> list[Match]:
    """The cues found that nothing just before them in their sentence negates ("no safety plan
    with the children")."""
    return [match for match in cues.find(reading, skip=skip) if not _negated_before(reading, match.first)]


def _negated_before(reading: Reading, index: int, reach: int = 6) -> bool:
    sentence = reading.sentence_ids[index]
    return any(reading.sentence_ids[back] == sentence and reading.lowers[back] in NEGATIONS
               for back in range(max(0, index - reach), index))


@function(returns="bool")
def safety_plan_covers(text: str | None) -> Outcome:
    """Whether a safety plan was made with both the adult victim and the child (a plan only with
    the adult leaves the child, a victim in their own right, without one)."""
    if not text or not text.strip():
        return Outcome(False, ("no safety plan is recorded",))
    reading = read(text)
    child = _affirmed(_CHILD, reading)
    # "a safe adult" is part of the child's plan, not the adult victim's. The adult victim may be
    # written by name ("agreed with Ms Patel", "made with Aisha").
    adult = _affirmed(_ADULT_VICTIM, reading, skip=covered(_CHILD.find(reading))) + named_adults(reading)
    if adult and child:
        return Outcome(True, (f"plans with the adult ({quoted(adult)}) and the child ({quoted(child)})",),
                       (adult[0].found, child[0].found))
    if adult:
        return Outcome(False, (f"the plan is with the adult ({quoted(adult)}) but says nothing about "
                               "safety planning with the child",), (adult[0].found,))
    if child:
        return Outcome(False, (f"the plan is with the child ({quoted(child)}) but says nothing about "
                               "safety planning with the adult victim",), (child[0].found,))
    return Outcome(False, ("the plan names neither the adult victim nor the child",))


# ---- the person causing harm ----------------------------------------------------------------------

# Work that can only be with, or about, the person causing harm.
_PERPETRATOR_WORK = Cues([
    "perpetrator", "perpetrator programme", "abuser", "person causing harm", "person who harms",
    "dapp", "caring dads", "respect programme", "drive project", "behaviour change",
    "held to account", "hold him to account", "accountable", "accountability", "challenged",
    "challenge", "his behaviour", "his violence", "his abuse", "their behaviour", "arrested",
    "arrest", "charged", "bail", "bail conditions", "non-molestation order", "restraining order",
    "dvpn", "dvpo", "domestic violence protection", "domestic abuse protection", "occupation order",
    "injunction", "probation", "prosecution", "prosecuted", "remanded", "police warning",
])
# Who a sentence is about: the adults who may cause harm, and the adult being harmed.
_HARMING_ADULT = Cues([
    "father", "dad", "stepfather", "step-father", "partner", "ex-partner", "boyfriend",
    "husband", "mother's partner", "mum's partner",
])
_HARMED_ADULT = Cues(["mother", "mum", "non-abusing parent", "victim", "survivor", "wife"])
# Work for the adult being harmed, which does not stop the abuse on its own.
_VICTIM_WORK = Cues([
    "freedom programme", "own my life", "recovery toolkit", "keep him away", "keep father away",
    "not let him", "call the police", "call 999", "support group", "idva",
])


def _sentences(reading: Reading) -> dict[int, tuple[int, int]]:
    """Each sentence's first and last word."""
    spans: dict[int, tuple[int, int]] = {}
    for index, sentence in enumerate(reading.sentence_ids):
        first, _ = spans.get(sentence, (index, index))
        spans[sentence] = (first, index)
    return spans


def _negative(reading: Reading, first: int, last: int) -> bool:
    return any(word in NEGATIONS for word in reading.lowers[first:last + 1])


@function(returns="bool")
def perpetrator_addressed(text: str | None) -> Outcome:
    """Whether the work recorded addresses the person causing harm (a programme, police or court
    action, being seen and challenged), not only actions for the adult being harmed."""
    if not text or not text.strip():
        return Outcome(False, ("nothing is recorded about work with the person causing harm",))
    reading = read(text)
    work = _affirmed(_PERPETRATOR_WORK, reading)
    if work:
        return Outcome(True, (f"addresses the person causing harm ({quoted(work)})",), (work[0].found,))
    harming = _HARMING_ADULT.find(reading)
    harmed = _HARMED_ADULT.find(reading)
    said_not: list[str] = []
    for first, last in _sentences(reading).values():
        subject = min((m for m in [*harming, *harmed] if first <= m.first <= last),
                      key=lambda m: m.first, default=None)
        if subject is None or subject not in harming:
            continue
        excerpt = reading.excerpt(first, last)
        if _negative(reading, first, last):
            said_not.append(excerpt)
            continue
        return Outcome(True, (f"records work with the {subject.found.lower()} ('{excerpt}')",), (excerpt,))
    if said_not:
        return Outcome(False, (f"says the person causing harm was not worked with ('{said_not[0]}')",),
                       (said_not[0],))
    victim = _VICTIM_WORK.find(reading) or harmed
    if victim:
        return Outcome(False, (f"the work recorded is for the adult being harmed ({quoted(victim)}); "
                               "nothing is done with the person causing harm",), (victim[0].found,))
    return Outcome(False, ("the text does not say what was done with the person causing harm",))


# ---- incidents as a pattern -----------------------------------------------------------------------

_PATTERN = Cues([
    "pattern", "escalating", "escalation", "escalated", "repeated", "repeat", "recurring",
    "history", "previous incidents", "previous relationship", "previous relationships",
    "chronology", "cumulative", "frequency", "increasing", "over time", "series of",
    "course of conduct", "coercive control", "number of incidents", "incidents since",
])
_ISOLATED = Cues([
    "isolated incident", "one-off", "one off", "single incident", "in isolation",
    "out of character",
])


@function(returns="bool", params={"texts": "list"})
def treated_as_pattern(texts: Sequence[Any] | None) -> Outcome:
    """Whether the record treats incidents as a pattern (history, escalation, frequency, previous
    relationships) rather than each in isolation."""
    found: list[Match] = []
    isolated: list[Match] = []
    for text in texts or ():
        if not isinstance(text, str) or not text.strip():
            continue
        reading = read(text)
        found.extend(_affirmed(_PATTERN, reading))
        for match in _ISOLATED.find(reading):
            # "not an isolated incident" and "not seen in isolation" see the pattern.
            (found if match.negated else isolated).append(match)
    if found:
        return Outcome(True, (f"looks at the incidents together ({quoted(found)})",), (found[0].found,))
    if isolated:
        return Outcome(False, (f"treats an incident on its own ({quoted(isolated)})",), (isolated[0].found,))
    return Outcome(False, ("nothing looks at the incidents together: no pattern, history, escalation "
                           "or frequency is mentioned",))


# ---- the child seen --------------------------------------------------------------------------------

_NOT_SEEN_ALONE_BECAUSE = Cues([
    "too young", "baby", "infant", "newborn", "toddler", "months old", "pre-verbal", "preverbal",
    "non-verbal", "nonverbal", "not verbal", "no speech", "limited speech", "learning disability",
    "autism", "autistic", "declined", "refused", "did not want", "would not", "could not",
    "unable to",
])


@function(returns="bool")
def why_not_seen_alone(text: str | None) -> Outcome:
    """Whether the record says why a child was not seen alone: very young, not verbal, or they
    declined (their experience must then be understood another way)."""
    found = _NOT_SEEN_ALONE_BECAUSE.find(read(text))
    if found:
        return Outcome(True, (f"says why ({quoted(found)})",), (found[0].found,))
    return Outcome(False, ("the record does not say why the child was not seen alone (too young, "
                           "not verbal, or declined)",))


FUNCTIONS = (
    safety_plan_covers,
    perpetrator_addressed,
    treated_as_pattern,
    why_not_seen_alone,
)
