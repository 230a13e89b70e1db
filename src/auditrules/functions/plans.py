"""Is a plan target SMART, and a recommendation an action someone can be held to?

Owner and timescale may be written in their own fields or inside the target's text ("Mother to
attend ... by 30/06/2025"); every function looks in both and says which part is missing.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from . import Outcome, function
from . import cues as c
from .dates import DATE_IN_TEXT
from .judgements import child_names
from .text import Match, Reading, Word, covered, quoted, read

_BOUNDED = re.compile(c.BOUNDED_TIME_PATTERN, re.IGNORECASE)
_NUMBER = re.compile(c.NUMBER_PATTERN, re.IGNORECASE)
_TITLED = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Dr)\.?\s+[A-Z][\w'-]*")
_TITLED_ACTING = re.compile(
    r"\b(?:Mr|Mrs|Ms|Miss|Dr)\.?\s+[A-Z][\w'-]*\s+(?:to|will|must|should|has agreed)\b")
_LIST_SPLIT = re.compile(r"\s*(?:,|;|\band\b|&|/)\s*")


def _owner_in_text(reading: Reading) -> tuple[Match | None, Match | None]:
    """A role named as the one who acts, and a vague owner named so, in a target's text.

    A role counts when it opens a sentence or a clause ("Mother to attend"), is tied to the
    action ("the social worker will"), or follows a label ("Lead: health visitor").
    """
    words = reading.words
    vague = [m for m in c.VAGUE_OWNERS.find(reading) if _acts(reading, m)]
    taken = covered(vague)
    for match in c.ROLES.find(reading, skip=taken):
        if _acts(reading, match):
            return match, None
    for match in vague:
        # "All professionals" is vague, but "all" inside "attend all appointments" is not an owner.
        if match.first == 0 or words[match.first - 1].sentence != words[match.first].sentence \
                or len(match.cue.split()) > 1 or match.cue not in {"all", "family", "team", "network"}:
            return None, match
    return None, None


def _acts(reading: Reading, match: Match) -> bool:
    """Whether a role is the one acting: tied to the action ("Mother to", "the SW will"),
    labelled ("Lead: health visitor", "led by the school"), or standing alone at the start."""
    words = reading.words
    start = match.first
    if start > 0 and words[start - 1].lower in {"the", "a", "an", "each", "both"}:
        start -= 1
    after = words[match.last + 1].lower if match.last + 1 < len(words) else ""
    if after in c.OWNER_LINKS:
        return True
    if start == 0 and _linked_soon(words, match.last):
        return True  # "Head of Service for Safeguarding to decide ..."
    before = " ".join(w.lower for w in words[max(0, start - 2):start])
    if before.endswith(" by") or before == "by" or c.OWNER_LABELS.find(read(before)):
        return True
    gap = reading.raw[words[start - 1].end:words[start].start].strip() if start > 0 else ""
    opens = start == 0 or words[start - 1].sentence != words[start].sentence or gap in _CLAUSE_MARKS
    return opens and after in {"", "and", "or"}


def _linked_soon(words: tuple[Word, ...], last: int, reach: int = 4) -> bool:
    sentence = words[last].sentence
    for word in words[last + 1:last + 1 + reach]:
        if word.sentence != sentence:
            return False
        if word.lower in {"to", "will", "must", "should", "shall"}:
            return True
    return False


_CLAUSE_MARKS = frozenset({"(", "-", "–", ":", ",", "/", ")."})


def _named_owner(owner: str | None, text: str | None) -> Outcome:
    if owner and owner.strip():
        reading = read(owner)
        vague_words = c.VAGUE_OWNERS.find(reading)
        if vague_words and covered(vague_words) >= frozenset(range(len(reading))) - _little_words(reading):
            return Outcome(False, (f"'{owner.strip()}' is not a named person or role who can be held "
                                   "to it",), (owner.strip(),))
        if len(_LIST_SPLIT.split(owner.strip())) >= 3:
            return Outcome(False, (f"'{owner.strip()}' is a list of agencies, not one person or role "
                                   "who can be held to it",), (owner.strip(),))
        return Outcome(True, (f"owner: {owner.strip()}",))
    titled = _TITLED.match((text or "").strip()) or _TITLED_ACTING.search(text or "")
    if titled:
        return Outcome(True, (f"owner named in the text: {titled.group().split(' to')[0]}",))
    role, vague_owner = _owner_in_text(read(text))
    if role is not None:
        return Outcome(True, (f"owner named in the text: {role.found}",))
    if vague_owner is not None:
        return Outcome(False, (f"'{vague_owner.found}' is not a named person or role who can be held "
                               "to it",), (vague_owner.found,))
    return Outcome(False, ("no owner: neither the owner field nor the text names who will do it",),
                   _searched(text))


def _searched(text: str | None) -> tuple[str, ...]:
    """The text a missing part was looked for in, quoted as the finding's evidence."""
    return (text.strip(),) if text and text.strip() else ()


def _little_words(reading: Reading) -> frozenset[int]:
    return frozenset(i for i, lower in enumerate(reading.lowers) if lower in {"the", "and", "of", "a", "all"})


@function(returns="bool")
def owner_named(owner: str | None, text: str | None) -> Outcome:
    """Whether a target or recommendation names a person or role who will do it, in its owner
    field or in its text ("Mother to ...", "Lead: health visitor"); "professionals", "all",
    "the family" and "core group" are too vague to hold anyone to."""
    return _named_owner(owner, text)


def _timescale(due: Any, text: str | None) -> Outcome:
    if isinstance(due, (dt.date, dt.datetime)):
        return Outcome(True, (f"due {due:%d/%m/%Y}",))
    due_text = str(due).strip() if due is not None else ""
    if due_text and _looks_like_date(due_text):
        return Outcome(False, (f"'{due_text}' is not a real date",), (due_text,))
    vague_due = c.VAGUE_TIMES.first(read(due_text)) if due_text else None
    for where, written in (("due date", due_text), ("text", text or "")):
        if not written:
            continue
        date = DATE_IN_TEXT.search(written)
        if date:
            return Outcome(True, (f"a date in the {where}: {date.group()}",))
        bounded = _BOUNDED.search(written)
        if bounded and not c.VAGUE_TIMES.first(read(bounded.group())):
            return Outcome(True, (f"a time limit in the {where}: '{bounded.group()}'",))
    if vague_due is None and text:
        vague_due = c.VAGUE_TIMES.first(read(text))
    if vague_due is not None:
        return Outcome(False, (f"'{vague_due.found}' sets no date or time limit",), (vague_due.found,))
    if due_text:
        return Outcome(False, (f"'{due_text}' is not a date or a time limit",), (due_text,))
    return Outcome(False, ("no timescale: neither the due date nor the text says by when",),
                   _searched(text))


def _looks_like_date(text: str) -> bool:
    return bool(re.fullmatch(r"\s*\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}\s*", text))


@function(returns="bool", params={"due": "any"})
def has_timescale(due: Any, text: str | None) -> Outcome:
    """Whether a target or recommendation says by when: a due date, or a date or a bounded time
    ("within 10 working days", "weekly until 31/03/2025") in its text. "Ongoing", "as soon as
    possible", "in due course" and an undated "next review" set no limit."""
    return _timescale(due, text)


@function(returns="bool")
def measurable(text: str | None, measure: str | None = None) -> Outcome:
    """Whether a target says how anyone will know it is met: a number, a frequency, a result
    or something that can be seen, in its measure field or its text. Verbs like engage,
    understand, improve, monitor or support on their own measure nothing."""
    for where, written in (("measure", measure or ""), ("text", text or "")):
        if not written.strip():
            continue
        number = _NUMBER.search(written)
        if number:
            return Outcome(True, (f"a number in the {where}: '{number.group().strip()}'",))
        date = DATE_IN_TEXT.search(written)
        reading = read(written)
        frequency = c.FREQUENCY.first(reading)
        if frequency:
            return Outcome(True, (f"how often, in the {where}: '{frequency.found}'",))
        weak = c.WEAK_VERBS.find(reading)
        observable = c.OBSERVABLE_ACTS.find(reading, skip=covered(weak))
        if not weak:
            observable += c.OBSERVABLE_RESULTS.find(reading)
        if observable:
            return Outcome(True, (f"something that can be seen or checked, in the {where}: "
                                  f"{quoted(observable, 2)}",))
        if date and where == "measure":
            return Outcome(True, (f"a dated result in the measure: '{date.group()}'",))
    weak = c.WEAK_VERBS.find(read(f"{text or ''}. {measure or ''}"))
    if weak:
        return Outcome(False, (f"{quoted(weak)} with nothing that can be counted or seen (a number, "
                               "how often, a result or a behaviour)",), tuple(m.found for m in weak[:2]))
    return Outcome(False, ("nothing in the target can be counted or seen (a number, how often, a "
                           "result or a behaviour)",), _searched(text))


@function(returns="bool")
def child_outcome(text: str | None, safer: str | None = None) -> Outcome:
    """Whether a target says what will be different for the child, not only a task for an adult
    ("so that Sam sleeps in his own bed", "Sam's attendance rises to 95%")."""
    reading = read(text)
    outcome = c.CHILD_OUTCOME.find(reading)
    child = c.CHILD_WORDS.find(reading) + child_names(reading)
    link = c.OUTCOME_LINKS.find(reading)
    if outcome and (child or link):
        return Outcome(True, (f"an outcome for the child: {quoted(outcome, 2)}",))
    if child and link:
        return Outcome(True, (f"says what it is for: {quoted(link, 1)} {quoted(child, 1)}",))
    if len(outcome) >= 2:
        return Outcome(True, (f"an outcome for the child: {quoted(outcome, 2)}",))
    safer_reading = read(safer)
    if safer and (c.CHILD_OUTCOME.find(safer_reading) or c.CHILD_WORDS.find(safer_reading)
                  or child_names(safer_reading)):
        return Outcome(True, ("the outcome for the child is given in how the child will be safer",))
    return Outcome(False, ("it says what an adult will do, not what will be different for the child",),
                   _searched(text))


@function(returns="bool")
def says_how_safer(safer: str | None, text: str | None) -> Outcome:
    """Whether a child-protection or child-in-need target says how the child will be safer, in
    its own field or in its text."""
    if safer and safer.strip() and safer.strip().lower() not in {"n/a", "na", "none", "-", "tbc"}:
        if len(read(safer)) < 6:
            return Outcome(False, (f"'{safer.strip()}' says the child will be safer but not how",),
                           (safer.strip(),))
        return Outcome(True, ("says how the child will be safer",))
    found = c.SAFER.first(read(text))
    if found:
        return Outcome(True, (f"the text says how the child will be safer: '{found.found}'",))
    return Outcome(False, ("it does not say how the child will be safer",), _searched(text))


@function(returns="bool")
def says_why_change(explained: str | None, text: str | None) -> Outcome:
    """Whether a child-protection or child-in-need target records that the parents were told why
    change is needed (and what happens if it does not come)."""
    if explained and explained.strip() and explained.strip().lower() not in {"n/a", "na", "none", "-", "tbc"}:
        return Outcome(True, ("records why change was explained to the parents",))
    found = c.WHY_TOLD.first(read(text))
    if found:
        return Outcome(True, (f"the text records what the parents were told: '{found.found}'",))
    return Outcome(False, ("it does not record that the parents were told why change is needed",),
                   _searched(text))


@function(returns="bool")
def tick_box(action: str | None) -> Outcome:
    """Whether an action only ticks a box ("staff reminded", "policy reissued", "to be
    discussed"): it changes nothing anyone could check."""
    reading = read(action)
    found = c.TICK_BOX.find(reading)
    if found:
        return Outcome(True, (f"{quoted(found)} records a reminder or a discussion, not a change anyone "
                              "can check",), tuple(m.found for m in found[:2]))
    if action and action.strip() and len(reading) < 3:
        return Outcome(True, (f"'{action.strip()}' is too short to say what will be done",),
                       (action.strip(),))
    weak = c.WEAK_VERBS.find(reading)
    if weak and len(reading) <= 12 and not c.OBSERVABLE_ACTS.find(reading, skip=covered(weak)) \
            and not _NUMBER.search(action or ""):
        return Outcome(True, (f"{quoted(weak)} says what should get better, not what anyone will do",),
                       tuple(m.found for m in weak[:2]))
    return Outcome(False)


PLAN_FUNCTIONS = (owner_named, has_timescale, measurable, child_outcome, says_how_safer,
                  says_why_change, tick_box)
