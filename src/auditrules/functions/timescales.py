"""Reading time as people write it in plans and recommendations: by when, or why it sets no limit.

A limit may be a date, with or without a year ("30/06/2025", "14 June", "June 14th", "by
14/06"); a bounded period ("within 6 weeks", "over the next 3 months", "for 12 weeks"); a
school-calendar point ("by the end of the summer term", "by October half-term", "by the end of
Year 4", "by the end of Key Stage 2", "before she starts secondary school"); a period from an
event ("within 10 working days of the conference", "within 24 hours of any incident"); a point
in a child's life ("before the baby is born", "by his 18th birthday", "before Mia leaves the
ward", "before Rosie is discharged", "before his first overnight stay"); a point in a council's
reporting year ("Q3 2025/26", "end Q2", "by year end", "H1 2026", "the December board"); or
"immediately".

No limit: "ongoing", "as soon as possible", "in due course", "regularly", an undated "next
review" or "the conference" as the whole limit, or a frequency alone ("weekly").
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from ..patterns import compiled
from . import cues as c
from .dates import DATE_IN_TEXT
from .text import Match, read

_NUMBER = (r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
           r"fifteen|sixteen|eighteen|twenty|twenty-one|twenty-eight|thirty|forty-eight|seventy-two|a|an|"
           r"a couple of|a few)")
_UNIT = (r"(?:working\s+|school\s+|calendar\s+|clear\s+|business\s+|wkg\s+)?"
         r"(?:hours?|hrs?|days?|weeks?|wks?|months?|wds?|"
         r"mths?|mnths?|terms?|sessions?|fortnights?|years?|yrs?)")
_MONTH = (r"(?:january|february|march|april|may|june|july|august|september|october|november|december|"
          r"jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?")
_TERM = r"(?:autumn|spring|summer|christmas|xmas|easter|whitsun|winter)"
# A quarter or half of a (financial) year: "Q3", "Qtr 3", "quarter 2", "the third quarter", "H1".
_QUARTER = (r"(?:q[1-4]|qtr\.?\s*[1-4]|quarter\s*[1-4]|"
            r"(?:first|second|third|fourth|final|last|next|this)\s+quarter|"
            r"h[12](?=\s+(?:of\s+)?(?:fy\s*)?\d{2,4}\b)|(?:first|second)\s+half\s+of\s+(?:the\s+)?(?:year|20\d\d))")
_EVENT = (r"(?:(?:the|any|a|an|each|every|her|his|their|this|that|its)\s+)?[\w'’-]+"
          r"(?:\s+(?!(?:by|to|and|or|for|with|at|on|in|of|is|are|was|will|should|must|if|so)\b)[a-z][\w'’-]*)?")
_MEETING = (r"(?:(?:next|following|first|initial|subsequent|upcoming|forthcoming)\s+)?"
            r"(?:(?:review|child protection|cp|cin|child in need|lac|cla|core)\s+)?"
            r"(?:review|conference|core group|core group meeting|cin meeting|cin review|meeting|"
            r"panel|looked after review|lac review|cla review|rcpc|icpc|tac|taf|tac meeting|taf meeting|"
            r"planning meeting|strategy meeting|pep|pep meeting|cin|cp|cla|lac)")

_PATTERN_TEXT: tuple[tuple[str, str], ...] = (
    # A period from an event comes first, so "within 10 working days of the conference" is quoted whole.
    ("a period from an event",
     rf"\b(?:within|w/in|w/i|no later than|not later than|no more than|up to)\s+{_NUMBER}\s*{_UNIT}\s+"
     rf"(?:of|after|following|from|before|prior to)\s+{_EVENT}"
     rf"|\b{_NUMBER}\s*{_UNIT}\s+(?:after|following|from|before|prior to)\s+{_EVENT}"
     rf"|\buntil\s+(?:the\s+)?(?:[\w-]+\s+){{0,3}}(?:plan|order|placement|fgmpo|fmpo|bail|licence|injunction)\s+"
     rf"(?:ends|is closed|closes|is ended|expires|runs out|is lifted)\b"
     rf"|\b(?:for as long as|as long as|while|whilst|until)\s+"
     rf"(?:she|he|they|[A-Z][a-z]+|the child|the children)\s+"
     rf"(?:is|are|remains?|stays?)\s+(?:on|subject to)\s+(?:a|the|an)\s+(?:\w+\s+){{0,2}}plan\b"),
    ("a bounded period",
     rf"\bbetween\s+(?:now|today|(?:the\s+)?(?:start|end)\s+of\s+[\w'’-]+|{_MONTH}|{_TERM})\s+and\s+"
     rf"(?:the\s+)?(?:end\s+of\s+(?:the\s+)?)?"
     rf"(?:{_MONTH}|{_TERM}(?:\s+(?:term|half[- ]term|holidays?|hols))?|half[- ]term|term|"
     rf"the\s+[\w'’-]+\s+(?:review|conference))\b"
     rf"|\b(?:for|over|during|across)\s+(?:the\s+|a\s+|an\s+)?{_NUMBER}[- ]{_UNIT}\s+[a-z]+"
     rf"|\b(?:for|over)\s+(?:a\s+|another\s+)?(?:further|more|additional|extra)\s+{_NUMBER}\s*{_UNIT}\b"
     rf"|\b(?:within|w/in|w/i|in|over|for|during|across)\s+(?:the\s+|their\s+|his\s+|her\s+|its\s+)?"
     rf"(?:next\s+|coming\s+|following\s+|first\s+)?"
     rf"{_NUMBER}\s*{_UNIT}\b(?:['’]?\s*time)?"
     rf"|\bwithin\s+(?:the\s+)?(?:next\s+|coming\s+|first\s+)?"
     rf"(?:hour|day|week|month|fortnight|term|half[- ]term)\b"
     rf"|\b(?:in|over|during)\s+the\s+(?:next|coming)\s+(?:week|month|fortnight|term|half[- ]term)\b"
     rf"|\bfor\s+(?:a\s+period\s+of\s+)?{_NUMBER}\s*{_UNIT}\b"
     rf"|(?:^|[,;:(–-]\s*)\d+\s*(?:weeks?|wks?|months?|mths?)\s*(?:$|[.;)])"
     rf"|\b(?:(?:by|before|in|during|within|until|at|for)\s+(?:the\s+)?(?:end\s+(?:of\s+)?)?|end\s+(?:of\s+)?)"
     rf"(?:{_QUARTER}|(?:this|the|next)\s+(?:\d{{4}}/\d{{2,4}}\s+)?financial\s+year)"
     rf"(?:\s+(?:of\s+)?(?:fy\s*)?\d{{4}}(?:[/-]\d{{2,4}})?)?\b"
     rf"|\b(?:fy\s*)?(?:20)?\d\d[/-]\d\d\s+{_QUARTER}\b"
     rf"|\b(?:(?:by|before|in|during|until|at)\s+(?:the\s+)?(?:end\s+of\s+)?|end\s+of\s+)"
     rf"(?:fy\s*(?:20)?\d\d|(?:financial|calendar)\s+year\s+(?:20)?\d\d|year\s+20\d\d)(?:[/-]\d{{2,4}})?\b"
     rf"|\b(?:by|before|at|until)\s+(?:the\s+)?(?:end\s+of\s+(?:the\s+)?)?(?:fy|financial\s+year|calendar\s+year)"
     rf"(?:[- ]end)?\b"
     rf"|\b(?:by|before|at|until)\s+(?:the\s+)?(?:financial\s+|fy\s+|calendar\s+)?"
     rf"(?:year|month|week|quarter|term)[- ]end\b"
     rf"|\b(?:by|before|until|(?:by\s+)?(?:the\s+)?end\s+of)\s+20\d\d\b(?!\s*[/-])"
     rf"|\b{_NUMBER}\s+{_UNIT}\s+from\s+(?:now|today|the date of|this audit|the audit)\b"
     # "on 6 of the next 8 Tuesdays", "in 2025/26", "by day 14" (of a baby's life, a placement)
     rf"|\bby\s+day\s+\d{{1,2}}\b"
     rf"|\b(?:the\s+)?next\s+{_NUMBER}\s+(?:mon|tues|wednes|thurs|fri|satur|sun)days\b"
     rf"|\b(?:in|during)\s+(?:the\s+)?20\d\d[/-]\d\d\b(?![/-]\d)"),
    ("a school-calendar point",
     rf"\b(?:by|before|until|till|to|at|for|from|in|during|end of|start of)\s+(?:the\s+)?"
     rf"(?:end|start|beginning|middle|close|first day|last day|first week|last week)\s+(?:of\s+)?(?:the\s+)?"
     rf"(?:this\s+|next\s+|current\s+|coming\s+)?(?:{_TERM}\s+|{_MONTH}\s+)?"
     rf"(?:term|half[- ]term|school\s+(?:year|yr)|academic\s+(?:year|yr)|school\s+holidays|holidays|hols|"
     rf"year\s*\d{{1,2}}|yr\s*\d{{1,2}}|y\d{{1,2}}|key\s+stage\s*\d|ks\s*\d|reception(?:\s+year)?|nursery|"
     rf"sixth\s+form|college\s+year|school\s+day)\b"
     rf"|\b(?:by|before|until|till|at|for|after|from)\s+(?:the\s+)?(?:{_MONTH}\s+|{_TERM}\s+)?half[- ]?term\b"
     rf"|\b(?:by|before|until|till|at|for|up to)\s+(?:the\s+)?(?:{_TERM})"
     rf"(?:\s+(?:holidays?|break|term|hols))?\b"
     rf"|\b(?:this|the current)\s+(?:academic|school)\s+year\b|\b(?:this|next)\s+(?:half[- ])?term\b"
     rf"|\b(?:through|throughout|during|over)\s+(?:the\s+)?(?:coming\s+|next\s+)?{_TERM}\s+"
     rf"(?:term|half[- ]term|holidays?|hols|break)\b"
     # a half-term by its number, as schools name them: "by the end of Summer 2", "in Autumn 1"
     rf"|\b(?:by|before|until|till|at|for|in|during|end of)\s+(?:the\s+)?(?:end\s+of\s+(?:the\s+)?)?"
     rf"(?:autumn|spring|summer)\s*[12]\b(?![/.:]\d)"
     rf"|\b(?:by|before|until|till|in|during)\s+(?:the\s+)?(?:early\s+|late\s+|end\s+of\s+(?:the\s+)?)?"
     rf"{_TERM}(?:\s+term)?\s+(?:of\s+)?(?:20)?\d\d\b"
     rf"|\b(?:for|until|till|during|through|throughout)\s+(?:the\s+)?rest\s+of\s+(?:the\s+)?(?:this\s+)?"
     rf"(?:{_TERM}\s+)?(?:term|half[- ]term|school\s+(?:year|yr)|academic\s+(?:year|yr)|year|month)\b"
     rf"|\b(?:by|before|until|in time for|ready for)\s+(?:the\s+)?(?:start of\s+)?"
     rf"(?:(?:transfer|transition|move|moving|starting|going)\s+(?:up\s+)?(?:to|into|at)\s+)?(?:year\s*\d{{1,2}}|y\d{{1,2}}|yr\s*\d{{1,2}}|"
     rf"secondary(?:\s+school)?|primary(?:\s+school)?|reception|nursery|college|sixth form|"
     rf"the new school year|the new term|transition)\b"
     rf"|\b(?:before|by the time|until)\s+(?:she|he|they|[A-Z][a-z]+|the child|the young person)\s+"
     rf"(?:starts?|moves?(?:\s+up)?|goes|transfers?|transitions?|begins?|leaves?|finish(?:es)?)\s+(?:to\s+|at\s+)?"
     rf"(?:\w+\s+){{0,2}}?(?:school|secondary|primary|college|nursery|reception|year\s*\d{{1,2}}|care|"
     rf"independence|university|placement)\b"),
    ("a point in the child's life",
     r"\bbefore\s+(?:the\s+)?baby\s+is\s+born\b"
     r"|\b(?:before|by|until|ahead of|prior to|in time for)\s+(?:the\s+)?(?:baby|birth|baby's birth|"
     r"(?:her|his|their|[A-Z][a-z]+'s)\s+(?:\d{1,2}(?:st|nd|rd|th)\s+)?(?:birthday|birth|due date|"
     r"discharge|release|final hearing|court hearing|hearing))\b"
     r"|\b(?:before|by|prior to|up to)\s+(?:discharge|birth|delivery|edd|the edd)\b"
     r"|\b(?:before|by the time|until|till)\s+"
     r"(?:she|he|they|the baby|baby|the child|the young person|[A-Z][a-z]+)\s+"
     r"(?:leaves?|is discharged from|goes home from|comes out of)\s+(?:the\s+)?"
     r"(?:hospital|ward|nicu|scbu|neonatal unit|unit|custody|secure unit|yoi|prison)\b"
     r"|\b(?:before|by the time|until|till)\s+(?:she|he|they|the baby|baby|[A-Z][a-z]+)\s+"
     r"(?:is|are)\s+discharged(?:\s+home)?\b(?!\s+from\s+(?:the\s+)?(?:service|caseload|team|cin|cp|plan)\b)"
     r"|\b(?:before|by|ahead of|prior to)\s+(?:her|his|their|[A-Z][a-z]*['’]s)\s+first\s+"
     r"(?:(?:overnight|unsupervised|weekend|home|day|night|full|supervised)\s+){0,2}"
     r"(?:stay|visit|contact|leave|home leave|overnight|night|weekend|day)\b"
     r"|\b(?:until|till|before|by the time)\s+(?:she|he|they|[A-Z][a-z]+|the baby|baby|the child)"
     r"(?:\s+(?:is|turns|reaches)|['’]s)\s+"
     r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|sixteen|seventeen|eighteen)"
     r"(?:\s+(?:months?|years?|weeks?))?(?:\s+old)?\b"
     r"|\b(?:by|before|until|till|on)\s+(?:(?:her|his|their|the|[A-Z][a-z]+'s)\s+)?(?:\d{1,2}(?:st|nd|rd|th)\s+)?"
     r"(?:birthday|bday|b'day|b-day)\b"
     r"|\b(?:by|at|before|until|till)\s+\d{1,2}\s+weeks?['’]?\s+(?:pregnant|gestation)\b"
     r"|\b(?:by|at|before|until|till)\s+(?:the\s+)?\d{1,2}(?:st|nd|rd|th)?\s+weeks?\s+(?:of|into)\s+"
     r"(?:her|the|mum's|mother's)\s+pregnancy\b"
     r"|\b(?:by|before)\s+\d{1,2}\s*(?:weeks?|wks?)\b(?!\s+(?:of|after|from|following|before))"
     r"|\buntil\s+(?:(?:she|he|they|the baby|baby|[A-Z][a-z]+)\s+(?:is|turns|reaches)\s+)?"
     r"(?:\d+|one|two|three|four|five|six|nine|twelve|eighteen)\s+(?:months?|years?|weeks?)(?:\s+(?:of\s+age|old))?\b"
     r"|\b(?:by|before|at|until|till)\s+(?:her|his|their|the|[A-Z][a-z]+'s)\s+"
     r"(?:\d{1,2}|one|two|six)[- ](?:year|month|week)"
     r"(?:[- ]old)?\s+(?:development(?:al)?\s+|postnatal\s+|post-natal\s+|health\s+)?"
     r"(?:check|review|assessment)\b"
     r"|\b(?:by|before|at)\s+(?:the\s+)?(?:final|next)?\s*(?:court\s+)?hearing\s+on\b"),
    ("a date",
     rf"\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)\b"
     rf"|\b(?:by|before|until|till|on|w/?c|from|due|no later than|wc)\s+"
     rf"(?:the\s+)?\d{{1,2}}[/.]\d{{1,2}}\b(?![/.]\d)"
     rf"|\b{_MONTH}\s+['’]?\d{{2,4}}\b"
     rf"|\b(?:by|before|until|till|from|in|at|end of|end|during|w/?c|mid|early|late|the end of|beginning of)"
     rf"\s*[-–]?\s*"
     rf"(?:the\s+)?(?:end(?:\s+of)?\s+|middle of\s+|beginning of\s+|start of\s+|mid[- ]|early\s+|late\s+)?"
     rf"(?:{_MONTH})(?:\s+\d{{1,2}}(?:st|nd|rd|th)?)?(?:,?\s+\d{{2,4}})?\b"
     rf"|\bby\s+(?:the\s+)?\d{{1,2}}(?:st|nd|rd|th)\b"
     rf"|\b(?:in\s+time\s+for|ahead\s+of|ready\s+for)\s+(?:the\s+)?(?!may\b){_MONTH}(?=\s+[a-z])"
     rf"|\b(?:review|conference|meeting|panel|board|hearing|core\s+group)\s+(?:on\s+)?\d{{1,2}}[/.]\d{{1,2}}\b(?![/.]\d)"
     rf"|\b(?:0?[1-9]|1[0-2])/20\d\d\b"
     rf"|\b(?:the|its|their|our)\s+{_MONTH}\s+(?:[\w'’-]+\s+){{0,2}}(?:meeting|board|panel|review|conference|dmt|slt|smt|"
     rf"committee|forum|cabinet|huddle|away\s*day|day)\b"
     rf"|\(\s*(?:(?:in|by|on)\s+)?(?!may\s*\)){_MONTH}(?:\s+\d{{2,4}})?(?:\s*(?:and|&|,|/)\s*{_MONTH}(?:\s+\d{{2,4}})?)*\s*\)"
     rf"|\b(?:mon|tues?|wed|thurs?|fri|sat|sun)[a-z]*\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b"
     rf"|\b{_MONTH}\s*(?:[–-]|to)\s*{_MONTH}(?:\s+\d{{2,4}})?(?=\W|$)"
     rf"|\b(?:meeting|board|panel|review|conference|dmt|slt|smt|committee|forum|cabinet)\s+(?:in\s+)?"
     rf"(?!may\b){_MONTH}(?=\W*$|[\s,;.)])"
     # a festival that falls on a known day each year: "before Ramadan 2026", "by Diwali"
     rf"|\b(?:by|before|until|till|for|ahead\s+of)\s+(?:the\s+(?:start|end)\s+of\s+)?"
     rf"(?:ramadan|eid|diwali|passover|vaisakhi|hanukkah|chinese\s+new\s+year)\b"),
    ("at once",
     r"\bimmediately\b(?!\s+and\s+ongoing)|\btoday\b|\btomorrow\b|\bsame\s+(?:working\s+|school\s+)?day\b"
     r"|\bwith immediate effect\b"
     r"|\bat once\b|\bthis week\b|\bnext week\b|\bthis month\b|\bnext month\b"
     r"|\b(?:by|before) (?:the )?end of (?:the |this |next )?(?:day|week|month|year|financial year|quarter)\b"
     r"|\bby (?:this |next )?(?:mon|tues?|wednes|weds?|thurs?|fri)(?:day)?\b\.?"
     r"|\bby (?:close of play|cop|eod|end of play)\b|\bwithin the hour\b|\b(?:eow|eod|eom)\b"),
)

@lru_cache(maxsize=1)
def _patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The limits' patterns, compiled when first needed (not when auditrules is imported)."""
    return tuple((kind, compiled(pattern, re.IGNORECASE)) for kind, pattern in _PATTERN_TEXT)


# A limit that names a meeting with no date: "by the next review", "until the conference".
_UNDATED_MEETING = compiled(rf"\b(?:by|at|until|till|before|in time for|for the)\s+(?:the\s+)?{_MEETING}\b"
                            rf"|^\s*(?:the\s+)?{_MEETING}\s*$", re.IGNORECASE)
_FREQUENCY = compiled(r"\b(?:daily|weekly|fortnightly|monthly|nightly|every\s+(?:day|week|month|night|"
                      r"morning|evening|other\s+\w+|two\s+weeks|\d+\s+\w+|monday|tuesday|wednesday|thursday|"
                      r"friday|saturday|sunday)|each\s+(?:day|week|month|visit)|twice\s+a\s+\w+|once\s+a\s+\w+|"
                      r"\d+\s+times?\s+(?:a|per)\s+\w+|\d+\s*x\s*(?:a|per)?\s*\w*weekly|\d+\s+weekly|"
                      r"\d+-weekly|(?:two|three|four|six)[- ]weekly)\b", re.IGNORECASE)


class Timescale(NamedTuple):
    """A limit found in a text: the words as written, and what kind of limit they are."""

    found: str
    kind: str


_PREPOSITION = compiled(r"^\s*(?:by|before|until|till|within|in|over|for|during|from|on|at|w/?c|no later|"
                        r"immediately|today|asap)\b", re.IGNORECASE)


@lru_cache(maxsize=1024)
def timescale_in_column(due: str | None) -> Timescale | None:
    """The limit a by-when column sets. A column is read as if "by" or "within" came before it:
    "end of summer term", "Sept 25" and "6 weeks" are limits there."""
    written = (due or "").strip()
    found = timescale_in(written)
    if found is None and (may := _MAY_IN_BRACKETS.search(written)):
        return Timescale(may.group(), "a date")
    if found is not None or not written or _PREPOSITION.match(written):
        return found
    for lead in ("by ", "within "):
        found = timescale_in(lead + _UP_TO.sub("", written))
        if found is not None:
            return Timescale(written, found.kind)
    return None


# "to Easter", "up to half-term": a column's "to" reads as "by". "(May)" in a column is the month,
# where in a text it may be a person's name.
_UP_TO = compiled(r"^\s*(?:up\s+)?to\s+", re.IGNORECASE)
_MAY_IN_BRACKETS = compiled(r"\(\s*(?:(?:in|by|end of)\s+)?may(?:\s+(?:20)?\d\d)?\s*\)", re.IGNORECASE)


@lru_cache(maxsize=1024)
def timescale_in(text: str | None) -> Timescale | None:
    """The first limit a text sets, or None."""
    written = text or ""
    if not written.strip():
        return None
    date = DATE_IN_TEXT.search(written)
    if date:
        return Timescale(date.group(), "a date")
    for kind, pattern in _patterns():
        found = pattern.search(written)
        if found and not c.VAGUE_TIMES.first(read(found.group())):
            return Timescale(found.group().strip(), kind)
    for day_month in _DAY_MONTH.finditer(written):
        day, month = (int(part) for part in day_month.group(1, 2))
        if 1 <= day <= 31 and 1 <= month <= 12:
            return Timescale(day_month.group(), "a date")
    return None


# A day and month with no year, as people write them beside a limit: "(12/11)", "EDD 02/09".
# Not a score ("6/10 sessions") nor a fraction of a count.
_DAY_MONTH = compiled(r"(?<![\d/.])(\d{1,2})/(\d{1,2})(?![\d/]|\s*(?:sessions?|times?|visits?|days?|"
                      r"weeks?|appointments?|groups?|nights?|of|attended|score|on the|or))", re.IGNORECASE)


@lru_cache(maxsize=1024)
def no_limit_in(text: str | None) -> tuple[str, str] | None:
    """Why a text sets no limit, when it tries to: (the words, what is wrong with them). An
    undated meeting, a frequency alone, or a word such as "ongoing"."""
    written = text or ""
    if not written.strip():
        return None
    vague: Match | None = c.VAGUE_TIMES.first(read(written))
    if vague is not None:
        return vague.found, "sets no date or time limit"
    meeting = _UNDATED_MEETING.search(written)
    if meeting:
        return meeting.group().strip(), "names a meeting but not its date"
    frequency = _FREQUENCY.search(written)
    if frequency:
        return frequency.group(), "says how often but not until when"
    return None


__all__ = ["Timescale", "no_limit_in", "timescale_in", "timescale_in_column"]
