"""Does the write-up hear the child? And is a named senior manager told of poor practice?"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ..patterns import compiled
from . import Outcome, function
from .text import Cues, quoted, read

# The child's own views, words and feelings, or their day-to-day life as they live it.
_VIEWS = Cues([
    "said", "says", "told", "tells", "shared", "shares", "described", "describes", "explained",
    "expressed", "wishes", "feelings", "wishes and feelings", "views", "view", "voice", "wants",
    "wanted", "would like", "likes", "dislikes", "worries", "worried", "scared", "frightened",
    "afraid", "happy", "sad", "misses", "in his own words", "in her own words", "in their own words",
    "own words", "lived experience", "daily life", "day to day", "day-to-day", "a day in the life",
    "three houses", "all about me", "mind of my own", "my life", "direct work", "seen alone",
    "spoken to alone", "spoke to", "talked to", "talked about", "asked", "drew", "drawing",
    "drawings", "letter from", "wrote", "what matters to", "complained", "disclosed", "disclosure",
], stems=False)
# Not gathered, and how the child's experience was understood instead.
_NOT_GATHERED = Cues([
    "too young", "pre-verbal", "preverbal", "non-verbal", "nonverbal", "not verbal", "no speech",
    "limited speech", "unable to", "could not be seen", "was not seen", "declined to", "refused to",
    "did not want to", "would not", "baby", "infant", "newborn", "learning disability", "autism",
    "autistic",
], stems=False)
_OBSERVED = Cues([
    "observed", "observation", "observations", "observe", "body language", "interaction",
    "interactions", "presentation", "presented", "appeared", "seemed", "was seen to", "smiled",
    "smiling", "cried", "crying", "settled", "unsettled", "responded", "reached for", "eye contact",
    "babbling", "makaton", "pecs", "communication aid", "communication aids", "signing", "play",
    "played", "playing", "behaviour", "through his behaviour", "through her behaviour",
    "advocate", "advocacy", "nursery staff", "carer's account", "school's account", "teacher's view",
], stems=False)
# A quotation: in double quotes, or in single quotes not inside a word. Every branch starts with
# a single character, so the search skips straight to the next quote mark.
_QUOTE = compiled(r"\"[^\"”]{3,}[\"”]|“[^\"”]{3,}[\"”]|'(?<!\w')[^']{8,}'(?!\w)")
_CHILD = Cues(["child", "young person", "baby", "infant", "toddler", "son", "daughter", "he", "she",
               "him", "her", "his"], stems=True)
# The four lists above: found in the same pass over a text as a judgement's own cues (they are
# in `judgements.JUDGEMENT_CUES`), as the texts read for the child's voice are the judgements.
VOICE_CUES = (_VIEWS, _NOT_GATHERED, _OBSERVED, _CHILD)


_NOT_WRITTEN = frozenset({"name", "grade", "from", "owner", "due", "status"})


def _texts(values: Iterable[Any]) -> Iterable[str]:
    for value in values:
        if isinstance(value, str):
            yield value
        elif isinstance(value, Mapping):
            yield from _texts(v for k, v in value.items() if k not in _NOT_WRITTEN)
        elif isinstance(value, (list, tuple)):
            yield from _texts(value)


def _feedback_from_child(feedback: Iterable[Any]) -> str | None:
    for item in feedback or ():
        if isinstance(item, Mapping) and item.get("from") == "child" and str(item.get("text") or "").strip():
            return str(item.get("text"))
    return None


@function(returns="bool", params={"sections": "list", "family_feedback": "list", "summary": "text",
                                  "overall": "text", "impact": "text"})
def child_voice_recorded(sections: list[Any] | None, family_feedback: list[Any] | None,
                         summary: str | None = None, overall: str | None = None,
                         impact: str | None = None) -> Outcome:
    """Whether the write-up records the child's views and lived experience, or why they could
    not be gathered and how the child's experience was understood instead (observation of a
    baby or a child who does not speak)."""
    from_child = _feedback_from_child(family_feedback or [])
    if from_child:
        return Outcome(True, ("feedback from the child is recorded",), (from_child[:80],))
    texts = [t for t in _texts([sections or [], summary, overall, impact]) if t.strip()]
    not_gathered = None
    for text in texts:
        reading = read(text)
        gap = _NOT_GATHERED.find(reading)
        gap_sentences = {reading.sentence_ids[m.first] for m in gap}
        quote = _QUOTE.search(text)
        if quote and _CHILD.find(reading):
            return Outcome(True, (f"the child's words are quoted: {quote.group()}",), (quote.group(),))
        views = [m for m in _VIEWS.find(reading) if reading.sentence_ids[m.first] not in gap_sentences]
        if views and (_CHILD.find(reading) or quote):
            return Outcome(True, (f"records the child's views or experience: {quoted(views, 2)}",),
                           tuple(m.found for m in views[:2]))
        if gap:
            observed = _OBSERVED.find(reading)
            if observed:
                return Outcome(True, (f"the child's experience was understood through "
                                      f"{quoted(observed, 2)}",), tuple(m.found for m in observed[:2]))
            not_gathered = not_gathered or gap[0]
    if not_gathered is not None:
        return Outcome(False, (f"it says '{not_gathered.found}' but not how the child's experience was "
                               "understood instead (observation, behaviour, people who know them)",),
                       (not_gathered.found,))
    return Outcome(False, ("nothing records the child's views, words or lived experience, or why they "
                           "could not be gathered",))


_SENIOR = Cues([
    "head of service", "service manager", "assistant director", "director", "deputy director",
    "principal social worker", "principal manager", "group manager", "area manager",
    "operations manager", "head of safeguarding", "head of quality assurance", "head of children's services",
    "dcs", "ad", "hos", "senior manager", "strategic manager", "locality manager", "head of",
], stems=False)
_VAGUE_SENIOR = Cues(["senior management", "slt", "smt", "management", "managers", "the manager",
                      "tbc", "n/a", "to be confirmed", "senior managers", "leadership team"], stems=False)
_PERSON = compiled(r"\b(?:[A-Z][a-z]+|[A-Z]\.)\s+[A-Z][a-z'-]+\b")


@function(returns="bool")
def senior_manager_named(manager: str | None) -> Outcome:
    """Whether an escalation names a senior manager: a person, or a senior role such as head
    of service or service manager; "management" or "SMT" names nobody."""
    if not manager or not manager.strip():
        return Outcome(False, ("no senior manager is named",))
    reading = read(manager)
    senior = _SENIOR.first(reading)
    if senior or _PERSON.search(manager):
        return Outcome(True, (f"escalated to {manager.strip()}",))
    vague = _VAGUE_SENIOR.first(reading)
    if vague:
        return Outcome(False, (f"'{manager.strip()}' names no one senior who can act",), (manager.strip(),))
    return Outcome(False, (f"'{manager.strip()}' is not a senior manager's name or role",),
                   (manager.strip(),))


VOICE_FUNCTIONS = (child_voice_recorded, senior_manager_named)
