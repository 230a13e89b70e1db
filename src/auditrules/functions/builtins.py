"""Built-in functions, registered as a default plugin through the same hook as plugin functions."""

from __future__ import annotations

import datetime as dt
import re

from .. import models
from ..hookspecs import hookimpl
from . import FunctionSpec, Outcome, dates, function
from .dates import DATE_IN_TEXT
from .judgements import JUDGEMENT_FUNCTIONS
from .links import LINK_FUNCTIONS
from .plans import PLAN_FUNCTIONS
from .text import count_words
from .voice import VOICE_FUNCTIONS


@function()
def words(text: str | None) -> int:
    """The number of words in a piece of text (0 when it is empty)."""
    return count_words(text)


@function()
def working_days_between(start: dt.date | None, end: dt.date | None) -> int | None:
    """Working days from `start` to `end`, leaving out weekends and bank holidays in England
    and Wales."""
    if start is None or end is None:
        return None
    return dates.working_days_between(start, end)


@function()
def days_between(start: dt.date | None, end: dt.date | None) -> int | None:
    """Calendar days from `start` to `end`."""
    if start is None or end is None:
        return None
    return (dates.as_date(end) - dates.as_date(start)).days


@function(returns="bool")
def mentions_date(text: str | None) -> Outcome:
    """Whether the text contains a date (12/05/2024, 2024-05-12, 12 May 2024)."""
    found = [m.group() for m in DATE_IN_TEXT.finditer(text or "")]
    if found:
        return Outcome(True, (f"mentions the date '{found[0]}'",), (found[0],))
    return Outcome(False, ("no date in the text",))


@function(returns="bool", params={"value": "any"})
def is_date(value: object) -> Outcome:
    """Whether a value is a date: a `due` written as a date, not as a timescale in words
    ("ongoing", "within 10 working days")."""
    if isinstance(value, dt.date):
        return Outcome(True, (f"{value:%-d %B %Y} is a date",))
    if value is None or (isinstance(value, str) and not value.strip()):
        return Outcome(False, ("no date is given",))
    return Outcome(False, (f"'{value}' is not a date",), (str(value),))


@function(returns="bool")
def says_only(text: str | None, phrases: list[str]) -> Outcome:
    """Whether the text says nothing but one of the phrases, ignoring case, spacing and
    punctuation: evidence of completion that is only 'Done.' or 'Completed'."""
    said = " ".join(re.findall(r"[^\W_]+(?:['’/][^\W_]+)*", (text or "").casefold()))
    for phrase in phrases:
        wanted = " ".join(re.findall(r"[^\W_]+(?:['’/][^\W_]+)*", phrase.casefold()))
        if said and said == wanted:
            return Outcome(True, (f"'{(text or '').strip()}' says only '{phrase}'",),
                           ((text or "").strip(),))
    return Outcome(False, ("it says more than a word of completion",))


@function()
def section_words(name: str | None) -> str | None:
    """A section's name as it reads in a sentence: child_voice becomes "child's voice",
    multi_agency "multi-agency", a theme's domestic_abuse "domestic abuse"."""
    return models.section_words(name) if name is not None else None


@function()
def lowercase(text: str | None) -> str | None:
    """The text in lower case."""
    return text.lower() if text is not None else None


BUILTIN_FUNCTIONS: tuple[FunctionSpec, ...] = (
    words,
    working_days_between,
    days_between,
    mentions_date,
    lowercase,
    is_date,
    says_only,
    section_words,
    *JUDGEMENT_FUNCTIONS,
    *PLAN_FUNCTIONS,
    *LINK_FUNCTIONS,
    *VOICE_FUNCTIONS,
)


@hookimpl
def register_functions() -> list[FunctionSpec]:
    return list(BUILTIN_FUNCTIONS)
