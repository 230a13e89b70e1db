"""Is a plan target SMART, and a recommendation an action someone can be held to?

Owner and timescale may be written in their own fields or inside the target's text ("Mother to
attend ... by 30/06/2025"); every function looks in both and says which part is missing.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Any

from ..patterns import compiled
from . import Outcome, function
from . import cues as c
from .dates import DATE_IN_TEXT
from .judgements import child_names
from .people import owner_in_column, owner_in_text
from .text import covered, quoted, read
from .timescales import no_limit_in, timescale_in, timescale_in_column

_NUMBER = compiled(c.NUMBER_PATTERN, re.IGNORECASE)


def _named_owner(owner: str | None, text: str | None) -> Outcome:
    if owner and owner.strip():
        named, vague = owner_in_column(owner)
        if named is None:
            return Outcome(False, (f"'{owner.strip()}' is not a named person or role who can be held "
                                   "to it",), (owner.strip(),))
        return Outcome(True, (f"owner: {owner.strip()}",))
    found, vague = owner_in_text(text)
    if found is not None:
        return Outcome(True, (f"owner named in the text: {found.found}",), (found.found,))
    if vague is not None:
        return Outcome(False, (f"'{vague.found}' is not a named person or role who can be held "
                               "to it",), (vague.found,))
    return Outcome(False, ("no owner: neither the owner field nor the text names who will do it",),
                   _searched(text))


def _searched(text: str | None) -> tuple[str, ...]:
    """The text a missing part was looked for in, quoted as the finding's evidence."""
    return (text.strip(),) if text and text.strip() else ()


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
    written_as_date = _column_date(due_text)
    if written_as_date is False:
        return Outcome(False, (f"'{due_text}' is not a real date",), (due_text,))
    if written_as_date:
        return Outcome(True, (f"a date in the due date: '{due_text}'",), (due_text,))
    for where, written in (("due date", due_text), ("text", text or "")):
        found = (timescale_in_column if where == "due date" else timescale_in)(written) if written else None
        if found is not None:
            return Outcome(True, (f"{found.kind} in the {where}: '{found.found}'",), (found.found,))
    for written in (due_text, text or ""):
        unbounded = no_limit_in(written) if written else None
        if unbounded is not None:
            words, why = unbounded
            return Outcome(False, (f"'{words}' {why}",), (words,))
    if due_text:
        return Outcome(False, (f"'{due_text}' is not a date or a time limit",), (due_text,))
    return Outcome(False, ("no timescale: neither the due date nor the text says by when",),
                   _searched(text))


def _column_date(text: str) -> bool | None:
    """Whether a due column holds a day written as a date: True for a real day, with a two- or
    four-digit year ("30/09/25", "12-01-2026"); False for something written as a date that is no
    real day (31/02/2025); None when it is not written as a date."""
    match = re.fullmatch(r"\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})\s*", text)
    if not match:
        return False if re.fullmatch(r"\s*\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}\s*", text) else None
    day, month, year = (int(part) for part in match.groups())
    try:
        dt.date(year + 2000 if year < 100 else year, month, day)
    except ValueError:
        return False
    return True


@function(returns="bool", params={"due": "any"})
def has_timescale(due: Any, text: str | None) -> Outcome:
    """Whether a target or recommendation says by when: a due date, or a date or a bounded time
    ("within 10 working days", "weekly until 31/03/2025") in its text. "Ongoing", "as soon as
    possible", "in due course" and an undated "next review" set no limit."""
    return _timescale(due, text)


def measurable_by_rules(text: str | None, measure: str | None = None) -> Outcome:
    """`measurable` decided by the cue lists alone."""
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
        weak = c.weak_verbs(reading)
        observable = c.OBSERVABLE_ACTS.find(reading, skip=covered(weak))
        if not weak:
            observable += c.OBSERVABLE_RESULTS.find(reading)
        if observable:
            return Outcome(True, (f"something that can be seen or checked, in the {where}: "
                                  f"{quoted(observable, 2)}",))
        if date and where == "measure":
            return Outcome(True, (f"a dated result in the measure: '{date.group()}'",))
    weak = c.weak_verbs(read(f"{text or ''}. {measure or ''}"))
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


def tick_box_by_rules(action: str | None) -> Outcome:
    """`tick_box` decided by the cue lists alone."""
    reading = read(action)
    found = c.TICK_BOX.find(reading)
    if found:
        return Outcome(True, (f"{quoted(found)} records a reminder or a discussion, not a change anyone "
                              "can check",), tuple(m.found for m in found[:2]))
    if action and action.strip() and len(reading) < 3:
        return Outcome(True, (f"'{action.strip()}' is too short to say what will be done",),
                       (action.strip(),))
    weak = c.weak_verbs(reading)
    if weak and len(reading) <= 12 and not c.OBSERVABLE_ACTS.find(reading, skip=covered(weak)) \
            and not _NUMBER.search(action or ""):
        return Outcome(True, (f"{quoted(weak)} says what should get better, not what anyone will do",),
                       tuple(m.found for m in weak[:2]))
    return Outcome(False)


def _scored(part: str, ruled: Outcome, poor_when: bool, features: Any, decide: str | None,
            poor_words: str, good_words: str, poor_reason: str) -> Outcome:
    """A cue-list outcome, decided by the scorer's part where it is trusted, with the words that
    weighed most. `poor_when` is the outcome's value that means the statement falls short."""
    if decide == "rules":
        return ruled
    from .. import scoring

    verdict = scoring.verdict(part, features)
    if verdict is None:
        return ruled
    poor = verdict.poor if (verdict.decides or decide == "model") else bool(ruled) == poor_when
    if poor:
        reasons = ruled.reasons if bool(ruled) == poor_when else (poor_reason,)
        explained = scoring.explain(verdict, poor_words, good_words)
        return Outcome(poor_when, (*reasons, explained), ruled.evidence or _searched(None))
    reasons = ruled.reasons if bool(ruled) != poor_when else ()
    return Outcome(not poor_when, reasons)


@function(returns="bool")
def measurable(text: str | None, measure: str | None = None) -> Outcome:
    """Whether a target says how anyone will know it is met: a number, a frequency, a result
    or something that can be seen, in its measure field or its text. Verbs like engage,
    understand, improve, monitor or support on their own measure nothing."""
    return measured(text, measure)


# A count or how often, written plainly: measurable whatever else a target says.
_COUNTED = compiled(
    r"\b(?:\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|twelve)\s*(?:%|per ?cent|times|"
    r"sessions?|visits?|nights?|days?|appointments?|out of|incidents?|occasions?|units?|hours?|kg|centile|"
    r"points?|marks?|"
    r"(?:negative |clear |clean )?(?:tests?|results?|readings?|screens?))\b|\b\d+(?:st|nd|rd|th)\s+centile\b"
    r"|\b(?:a|per) (?:day|week|month|fortnight)\b"
    r"|\b(?:daily|weekly|fortnightly|monthly|nightly|every (?:day|week|night|morning|evening|school day)|"
    r"each (?:day|week|morning)|(?:once|twice|three times) a (?:day|week|month))\b", re.IGNORECASE)


@lru_cache(maxsize=128)
def measured(text: str | None, measure: str | None = None, decide: str | None = None) -> Outcome:
    """`measurable`, decided by the scorer where it is trusted for plan targets."""
    from ..scoring.features import measurable_features

    ruled = measurable_by_rules(text, measure)
    if not (text or "").strip() and not (measure or "").strip():
        return ruled
    for where, written in (("measure", measure or ""), ("text", text or "")):
        counted = _COUNTED.search(written)
        if counted:  # a count or how often is measurable whatever else the target says
            return Outcome(True, (f"something counted, in the {where}: '{counted.group()}'",),
                           (counted.group(),))
    return _scored("target-measurable", ruled, False,
                   lambda vocabulary: measurable_features(text, measure, vocabulary), decide,
                   "nothing measurable", "something that can be counted or seen",
                   "nothing in the target can be counted or seen "
                   "(a number, how often, a result or a behaviour)")


@function(returns="bool")
def tick_box(action: str | None) -> Outcome:
    """Whether an action only ticks a box ("staff reminded", "policy reissued", "to be
    discussed"): it changes nothing anyone could check."""
    return ticks_a_box(action)


@lru_cache(maxsize=128)
def ticks_a_box(action: str | None, decide: str | None = None) -> Outcome:
    """`tick_box`, decided by the scorer where it is trusted for recommendations."""
    from ..scoring.features import action_features

    if not (action or "").strip():
        return tick_box_by_rules(action)
    return _scored("recommendation-action", tick_box_by_rules(action), True,
                   lambda vocabulary: action_features(action, vocabulary), decide,
                   "a reminder or a wish", "a change someone can check",
                   "it says what should happen or be thought about, not a change anyone can check was made")


PLAN_FUNCTIONS = (owner_named, has_timescale, measurable, child_outcome, says_how_safer,
                  says_why_change, tick_box)
