"""Does a judgement evaluate? Is a grade a number, or at odds with the words beside it?"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import islice
from typing import Final

import re2

from ..patterns import compiled
from . import Outcome, function
from . import cues as c
from .text import CueGroup, Cues, Match, Reading, _match, covered, quoted, read, wider_in_re2
from .voice import VOICE_CUES

_NAME_VERBS: Final = frozenset("""
is was has had said says told tells attends attended remains remained lives lived wants wanted
likes liked enjoys enjoyed appeared appears presented presents described describes shared
shares seems seemed feels felt continues continued became become will would can could did does
""".split())
_NAME_BEFORE: Final = frozenset({"for", "with", "to", "of", "about", "on", "and", "see", "saw", "seeing"})


def child_names(reading: Reading) -> list[Match]:
    """Words that look like a child's name: capitalised, not a role or a common word, and used
    as a person ("Sam's", "Sam said", "for Sam")."""
    found: list[Match] = []
    tokens, lowers, sentence_ids = reading.tokens, reading.lowers, reading.sentence_ids
    count = len(tokens)
    # A capitalised word differs from its lower-case form: only those are looked at closely.
    capitalised = [index for index, token in enumerate(tokens)
                   if token != lowers[index] and token[:1].isupper()]
    for index in capitalised:
        token = tokens[index]
        if len(token) < 2:
            continue
        lower = lowers[index]
        if lower in c.NOT_NAMES or (token.isupper() and len(token) > 1):
            continue  # a role, a common word or an acronym, not a name
        before = lowers[index - 1] if index > 0 else ""
        if before in {"mr", "mrs", "ms", "miss", "dr"}:
            continue
        possessive = token.endswith(("'s", "’s"))
        after = lowers[index + 1] if index + 1 < count else ""
        first_in_sentence = index == 0 or sentence_ids[index - 1] != sentence_ids[index]
        if possessive or after in _NAME_VERBS or (before in _NAME_BEFORE and not first_in_sentence):
            found.append(_match("a child's name", index, index, token, False))
    return found


def _says(found: list[Match], one: str, many: str) -> str:
    return one if len({m.found for m in found}) == 1 else many


# Grade words, and the scores and ratings that stand in for one.
_GRADE = Cues(["outstanding", "good", "requires improvement", "requires improvement to be good",
               "inadequate", "ri", "satisfactory", "adequate", "good enough", "requires improvement.",
               "needs improvement", "good overall", "overall good"], stems=False)
# A grade word used as an appraisal of something named ("good rapport", "good use of") is not a grade.
_GRADE_FILLERS = frozenset({"satisfactory", "adequate", "requires improvement", "needs improvement",
                            "some improvement needed"})
_GRADE_BEFORE_NOUN = frozenset({"and", "or", "but", "overall", "because", "as", "with", "in", "at", "for",
                                "to", "so", "though", "although", "practice", "work", "however", ""})
# Someone else's rating, or a past one: "was rated good at the last inspection", "the IRO said".
_REPORTED = re2.compile(
    r"(?i)\b(?:was|were|is|are|has been|have been|had been|being|been)\s+"
    r"(?:previously\s+|last\s+|also\s+|then\s+)?"
    r"(?:judged|rated|graded|assessed|described|found|deemed|considered|scored|viewed|regarded|"
    r"classed|categorised|categorized|seen)\s+(?:as\s+|to be\s+)?"
    r"|\b(?:iro|ofsted|inspectors?|the inspection|the manager|team manager|tm|practice manager|"
    r"service manager|head of service|the previous audit|previous auditors?|the last audit|"
    r"the school|school|police|the family|mum|dad|mother|father|parents?|carers?|the social worker|"
    r"sw|the worker|health visitor|hv|health|partners|the panel|the court|the judge|"
    r"guardian|cafcass|the child|the young person|the chair|the conference|the core group|"
    r"managers|leaders|the team|colleagues|the dsl|dsl|the gp|gp|camhs|the report|the plan)\s+"
    r"(?:has\s+|had\s+|have\s+)?(?:said|says|described|describes|rated|rates|judged|judges|felt|feels|"
    r"considered|considers|reported|reports|thought|thinks|believed|believes|stated|states|"
    r"commented|comments|graded|grades|scored|viewed|regarded|called|calls|praised|praises|"
    r"recorded|records|noted|notes|told|tells|described|assessed|deemed|referred to)\b"
    r"|\b(?:rated|graded|judged|scored|described|assessed|deemed)\s+(?:as\s+|to be\s+)?"
    r"(?:outstanding|good|requires improvement|inadequate|ri|satisfactory|adequate|\d)"
    r"|\baccording to\b|\bat the (?:last|previous|most recent) (?:inspection|audit|review|visit|ofsted)\b"
    r"|\b(?:last|previous|prior|earlier) (?:inspection|audit|audit of practice|ofsted|year's audit)\b"
    r"|\bin (?:the )?(?:20\d\d|last year)\b")
# Where the writer takes the view back: "and we agree", "auditors consider".
_OWN_AGAIN = compiled(r"\b(?:we|i|auditors?|the auditors?|this audit)\s+(?:agree|disagree|would|judge|"
                      r"consider|found|think|believe|do not|did not|are|is|was|were)\b|\bhowever\b|\bbut\b",
                      re.IGNORECASE)
_OWN_BEFORE = compiled(r"\b(?:we|i|auditors?|the auditors?|this audit|lead manager)\s+(?:have\s+|had\s+)?$",
                       re.IGNORECASE)
# What a record is called: praise of these alone praises the recording, not the work's effect.
_RECORD = Cues(["chronology", "chronologies", "recording", "records", "record", "case notes",
                "case note", "notes", "file", "case file", "case summary", "paperwork", "documentation",
                "write-up", "write up", "template", "form", "minutes", "case records", "assessment form",
                "report", "reports", "letter", "genogram", "ecomap"], stems=False)
_EMPTY = compiled(r"^\W*(?:n/?a|none|nil|see above|as above|see evidence(?: section| above| box)?|"
                  r"see section \d+|as per (?:evidence|above)(?: section)?|see notes|tbc|to follow|"
                  r"not applicable|no comment|nothing to add|-+|\.+|\?+)\W*$", re.IGNORECASE)
# A count with its unit ("3 visits", "40%") or a centile. Written to start with its first digit
# (`\d(?<!\w\d)` is `\b\d`), so the search skips straight from one digit to the next. Its runs of
# digits and spaces are possessive (`*+`, `++`): what follows each can never start with a digit or
# a space, so giving some back could never make a match, and a date's digits are not tried again.
_NUMBER_EVIDENCE = compiled(r"\d(?<!\w\d)(?:\d*+(?:\.\d++)?\s*+(?:%|per ?cent|times|days|weeks|months|"
                            r"incidents|visits|sessions|nights|occasions|appointments|kg|centile)\b"
                            r"|\d*+(?:st|nd|rd|th) centile\b)",
                            re.IGNORECASE)
_MAY_NUMBER_EVIDENCE = wider_in_re2(_NUMBER_EVIDENCE)
_QUOTE = compiled(r"[\"“”‘’']\s*[A-Za-z][^\"“”]{3,}[\"“”’']")
"""A quotation (`first_quotation` finds its first without running it)."""


_OPENING_MARK = compiled("[\"“”‘’']")
_DOUBLE_MARKS = "\"“”"


def first_quotation(raw: str) -> str | None:
    """What `_QUOTE.search` finds, worked out without its pattern, which runs from each opening
    mark to the text's end and back: an opening mark (spaces may follow it), a letter A-Z or a-z, at
    least three more characters with no double quotation mark among them, and the last closing
    mark it can end on (a double mark where one follows, else the last single one before it)."""
    count = len(raw)
    for opening in _OPENING_MARK.finditer(raw):
        start = opening.start()
        letter = start + 1
        while letter < count and raw[letter].isspace():
            letter += 1
        if letter >= count or not ("a" <= raw[letter] <= "z" or "A" <= raw[letter] <= "Z"):
            continue
        # The middle runs to the first double mark after the letter (or the text's end).
        stop = count
        for double in _DOUBLE_MARKS:
            at = raw.find(double, letter + 1, stop)
            if at >= 0:
                stop = at
        if stop < count and stop >= letter + 4:
            return raw[start:stop + 1]
        end = max(raw.rfind("'", letter + 4, stop), raw.rfind("’", letter + 4, stop))
        if end >= 0:
            return raw[start:end + 1]
    return None


_BARE_GRADE = compiled(r"^\W*(?:\d+(?:\.\d+)?|outstanding|good|requires improvement|inadequate"
                       r"|ri|satisfactory|adequate)\W*$", re.IGNORECASE)
_APPRAISING_ADVERBS = Cues(["rarely", "seldom", "barely", "hardly", "not always", "not consistently",
                            "not routinely", "never", "too little", "too few", "too much", "too slowly",
                            "too optimistic", "too reliant", "too readily", "too quickly",
                            "too narrow", "only partly", "partly", "largely",
                            "mostly", "in part"], stems=False)


# Words without one of which no rating is reported: the patterns below are tried only on texts
# that hold one (most judgements hold none).
_REPORTING_WORDS = frozenset("""
judged rated graded assessed described found deemed considered scored viewed regarded classed
categorised categorized seen said says describes rates judges felt feels considers reported
reports thought thinks believed believes stated states commented comments grades praised praises
recorded records noted notes told tells deemed referred according last previous prior earlier
recent judged rated
""".split())


def _reported_spans(raw: str, lowers: tuple[str, ...] = ()) -> list[tuple[int, int]]:
    """The parts of a text that report someone else's rating or a past one: from the reporting
    words to the end of their sentence, or to where the writer speaks again."""
    if lowers and _REPORTING_WORDS.isdisjoint(lowers) and not any(
            len(word) == 4 and word.startswith("20") for word in lowers):
        return []
    spans = []
    for match in _REPORTED.finditer(raw):
        if _OWN_BEFORE.search(raw[max(0, match.start() - 25):match.start()]):
            continue  # "auditors judged it good": the writer's own rating
        end = len(raw)
        for stop in re.finditer(r"[.;!?]\s|\n", raw[match.end():]):
            end = match.end() + stop.start()
            break
        again = _OWN_AGAIN.search(raw, match.end(), end)
        spans.append((match.start(), again.start() if again else end))
    return spans


class JudgementReading:
    """The signals in one judgement, read once and shared by every function below.

    A judgement *appraises* when the writer rates the work or its effect in their own words.
    It *gives reasons* when it also says why (a reason, a consequence, a change over time or the
    evidence it rests on) and what it meant for the child.
    """

    def __init__(self, text: str | None) -> None:
        self._strengths: tuple[str, ...] | None = None
        self.reading = reading = read(text)
        raw = reading.raw
        self.empty = bool(_EMPTY.match(raw)) or not raw.strip()
        self.fillers = c.FILLERS.find(reading)
        self.effort = c.EFFORT.find(reading)
        reported = _reported_spans(raw, reading.lowers)
        in_reported = frozenset(i for a, b in reported for i, (start, _) in enumerate(reading.spans)
                                if a <= start < b) if reported else frozenset()
        self.reported_words = [_match("reported", i, i, reading.tokens[i], False)
                               for i in sorted(in_reported)]
        self.reported = [raw[a:b].strip() for a, b in reported]
        plain_fillers = [m for m in self.fillers if m.cue not in _GRADE_FILLERS]
        grades = _used_as_grades(reading, covered(self.effort + plain_fillers) | in_reported)
        self.fillers = [m for m in self.fillers if not covered([m]) & covered(grades)]
        hidden = covered(self.fillers + self.effort) | in_reported
        self.grades = grades
        judging = c.JUDGING.find(reading, skip=hidden | covered(grades))
        adverbs = _APPRAISING_ADVERBS.find(reading, skip=hidden)
        judging += adverbs
        self.stance = [m for m in c.STANCE.find(reading) if m.first not in in_reported]
        self.reason = c.REASON.find(reading)
        # Praise in a sentence about the record, with nothing it made possible, praises the record.
        sentence_ids = reading.sentence_ids
        record_sentences = {sentence_ids[m.first] for m in _RECORD.find(reading)}
        reasoned = {sentence_ids[m.first] for m in self.reason if m.cue not in ("to date",)}
        about_record = [m for m in judging if sentence_ids[m.first] in record_sentences - reasoned]
        if about_record:
            # Criticism of the record ("hardly any sense of who Ruby is from the file", "thin on
            # ...") appraises the work; only praise of it is praise of the record.
            critical = covered(c.NEGATIVE.find(reading)) | covered(adverbs)
            about_record = [m for m in about_record if not covered([m]) & critical]
        if about_record and len(about_record) == len(judging) and not self.stance:
            self.effort = self.effort + about_record
            judging = []
        self.judging = judging
        # "Looked after" is a child's care status ("two looked after reviews"), not a change over time.
        self.change = [m for m in c.CHANGE.find(reading)
                       if not (m.cue == "after" and m.first > 0 and reading.lowers[m.first - 1] == "looked")]
        self.child = c.CHILD.find(reading) + child_names(reading)
        self.process = c.PROCESS.find(reading)
        # The quick search starts at or before the first count (it matches wherever the full one
        # does), so the full one is run from there.
        may = _MAY_NUMBER_EVIDENCE.search(raw)
        numbers = [Match("a number", 0, 0, m.group())
                   for m in islice(_NUMBER_EVIDENCE.finditer(raw, may.start()), 2)] if may else []
        quote = first_quotation(raw)
        quotes = [Match("a quotation", 0, 0, quote)] if quote is not None else []
        self.measured = numbers + quotes
        self.evidence = c.EVIDENCE.find(reading) + self.measured

    @property
    def own_appraisal(self) -> list[Match]:
        """The words in which the writer rates the work or its effect."""
        return self.stance + self.judging

    @property
    def appraises(self) -> bool:
        """The writer's own appraisal: a word that rates the work or its effect, a stance, a
        grade that comes with its reason, or a consequence traced over time."""
        if self.empty:
            return False
        if self.own_appraisal:
            return True
        if self.grades and (self.reason or (self.measured and self.child)):
            return True
        return bool(self.reason and self.change and self.child)

    @property
    def gives_reasons(self) -> bool:
        return bool(self.reason or self.change or self.evidence)

    @property
    def about_child(self) -> bool:
        return bool(self.child)

    def fault(self) -> str:
        """The rubric's name for why a judgement does not appraise."""
        if self.empty:
            return "empty"
        if self.reported:
            return "reported"
        if self.grades:
            return "grade"
        if self.effort:
            return "effort"
        if self.fillers:
            return "filler"
        if self.process:
            return "events"
        return "circumstances"

    def shortfalls(self) -> list[str]:
        """Why the judgement does not appraise the work, in plain words."""
        fault = self.fault()
        reasons: list[str] = []
        if fault == "empty":
            written = self.reading.raw.strip()
            reasons.append(f"'{written}' gives no judgement" if written else "it is empty")
        if self.reported:
            reasons.append(f"the rating is someone else's or a past one ('{_cut(self.reported[0])}'), "
                           "not the auditor's own appraisal")
        if self.grades:
            kind = ("is a grade word" if len({m.found.lower() for m in self.grades}) == 1
                    else "are grade words")
            reasons.append(f"{quoted(self.grades)} {kind} with nothing about what was good or poor")
        if self.effort:
            reasons.append(f"{quoted(self.effort)} {_says(self.effort, 'praises', 'praise')} effort or "
                           "the record, not the work's effect")
        if self.fillers:
            kind = _says(self.fillers, "is a stock phrase that says", "are stock phrases that say")
            reasons.append(f"{quoted(self.fillers)} {kind} nothing specific")
        if self.process and fault in ("events", "grade", "filler", "effort", "reported"):
            reasons.append(f"it records events ({quoted(self.process)}) without judging how well "
                           "they were done")
        if fault == "circumstances":
            reasons.append("it describes the situation without judging the work or what difference "
                           "it made (such as effective, too slow, left her at risk, has made him safer)")
        return reasons

    def weak_points(self) -> list[str]:
        """Why a judgement with some words of appraisal still reads as an account, not a
        judgement (when the scorer weighs it so): what it leans on instead."""
        points = []
        if self.reported:
            points.append(f"its rating is someone else's or a past one ('{_cut(self.reported[0])}')")
        if self.effort:
            points.append(f"{quoted(self.effort)} {_says(self.effort, 'praises', 'praise')} effort or the "
                          "record rather than judging the work's effect")
        if self.fillers or self.grades:
            points.append(f"{quoted(self.fillers + self.grades)} "
                          f"{_says(self.fillers + self.grades, 'says', 'say')} "
                          "nothing specific")
        if self.process:
            points.append(f"it is mostly an account of events ({quoted(self.process)})")
        return points or [f"its few words of judgement ({quoted(self.own_appraisal)}) carry little "
                          "weight against the account around them"]

    def missing_reasons(self) -> list[str]:
        """What an appraising judgement leaves out: its reason or evidence, the child."""
        missing = []
        if not self.gives_reasons:
            missing.append("no reason, consequence or evidence for it (because, which meant, how you know)")
        if not self.child:
            missing.append("nothing about what it meant for the child")
        return missing

    def strengths(self) -> list[str]:
        """What the judgement does well, in plain words (worked out once: the judgement's pass,
        its reasons' pass and the strength rules all give it)."""
        if self._strengths is None:
            self._strengths = tuple(self._list_strengths())
        return list(self._strengths)

    def _list_strengths(self) -> list[str]:
        parts = []
        if self.own_appraisal:
            parts.append(f"judges the work ({quoted(self.own_appraisal)})")
        if self.reason or self.change:
            parts.append(f"gives a reason or a change ({quoted(self.reason + self.change)})")
        if self.child:
            parts.append(f"says what it meant for the child ({quoted(self.child)})")
        return [", ".join(parts[:-1]) + " and " + parts[-1]] if len(parts) > 1 else parts


def _used_as_grades(reading: Reading, hidden: frozenset[int]) -> list[Match]:
    """Grade words used as a grade: standing alone, after "is/was", or before "overall"; not
    "good" in "good rapport" or "good use of", which appraise something named."""
    found = []
    lowers, raw = reading.lowers, reading.raw
    for match in _GRADE.find(reading, skip=hidden):
        after = lowers[match.last + 1] if match.last + 1 < len(lowers) else ""
        same_sentence = match.last + 1 < len(lowers) and \
            reading.sentence_ids[match.last + 1] == reading.sentence_ids[match.last]
        spans = reading.spans if same_sentence else ()
        gap = raw[spans[match.last][1]:spans[match.last + 1][0]] if same_sentence else ""
        if same_sentence and after not in _GRADE_BEFORE_NOUN and not match.negated \
                and not any(mark in gap for mark in "-–:,;()/"):
            continue  # "good rapport", "good use of": an appraisal of something named
        found.append(match)
    return found


def _cut(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " ..."


@lru_cache(maxsize=128)
def signals(text: str | None) -> JudgementReading:
    """The judgement signals in a text, read once however many rules ask."""
    return JudgementReading(text)


@lru_cache(maxsize=128)
def judge(text: str | None, decide: str | None = None) -> Outcome:
    """Whether a judgement appraises the work, decided by the scorer where it is trusted for
    judgements and by the cue lists otherwise (`decide` forces "rules" or "model")."""
    if not (text or "").strip():
        return Outcome(True)
    if _BARE_GRADE.match(text or ""):
        return Outcome(False, (f"'{(text or '').strip()}' is a grade on its own, with no judgement "
                               "in words",), ((text or "").strip(),))
    found = signals(text)
    verdict = None
    if decide != "rules":
        from .. import scoring
        from ..scoring.features import judgement_features

        verdict = scoring.verdict("judgement", lambda vocabulary: judgement_features(text, vocabulary))
    model_decides = verdict is not None and (verdict.decides or decide == "model")
    poor = verdict.poor if verdict is not None and model_decides else not found.appraises
    evidence = tuple(dict.fromkeys(m.found for m in found.grades + found.effort + found.fillers
                                   + found.process[:3])) or tuple(found.reported[:1])
    if not poor:
        reasons = found.strengths() if found.appraises else []
        return Outcome(True, tuple(reasons), tuple(m.found for m in found.own_appraisal[:3]))
    reasons = found.shortfalls() if not found.appraises else found.weak_points()
    if verdict is not None:
        reasons.append(scoring.explain(verdict, "describing", "judging"))
    return Outcome(False, tuple(reasons), evidence)


@function(returns="bool")
def appraises(text: str | None) -> Outcome:
    """Whether a judgement appraises the work: the auditor's own view of how well it was done or
    what difference it made ("too slow", "left her at risk", "has made him safer"), not events,
    a grade word on its own, someone else's rating, praise of effort or stock phrases. Empty
    text passes (completeness rules look after that)."""
    return judge(text)


@function(returns="bool")
def gives_reasons(text: str | None) -> Outcome:
    """Whether a judgement that appraises the work also says why and what it meant for the
    child: a reason, consequence, change over time or evidence, and the child. A judgement that
    does not appraise at all passes here (`appraises` is the check for that)."""
    if not (text or "").strip():
        return Outcome(True)
    found = signals(text)
    if not found.appraises or not judge(text):
        return Outcome(True)
    missing = found.missing_reasons()
    if missing:
        return Outcome(False, ("says how good the work was "
                               f"({quoted(found.own_appraisal or found.grades)}) "
                               f"but gives {' and '.join(missing)}",),
                       tuple(m.found for m in (found.own_appraisal or found.grades)[:2]))
    return Outcome(True, tuple(found.strengths()))


@function(returns="bool")
def evaluative(text: str | None) -> Outcome:
    """Whether a judgement evaluates: it appraises the work in the auditor's own words, gives a
    reason, consequence or evidence, and says what it meant for the child (`appraises` and
    `gives_reasons` together). Empty text passes."""
    first = judge(text)
    if not first:
        return first
    second = gives_reasons.impl(text)
    return second if not second else first


@function(returns="bool")
def strongly_evaluative(text: str | None) -> Outcome:
    """Whether a judgement is a model of its kind: it evaluates, takes a stance or compares over
    time, is long enough to give its reasons, and uses no stock phrases."""
    if not (text or "").strip():
        return Outcome(False)
    found = signals(text)
    strong = (found.appraises and found.gives_reasons and found.about_child
              and bool(found.stance or found.change)
              and len(found.reading) >= 25 and not found.fillers and not found.effort
              and len({m.cue for m in found.reason}) + len({m.cue for m in found.change}) >= 2)
    if strong:
        return Outcome(True, tuple(found.strengths()),
                       tuple(m.found for m in (found.stance + found.judging)[:2] + found.reason[:1]))
    return Outcome(False)


# A score out of 4, 5, 10 or 100 ("6/10"), not a date ("21/10/2026").
_SCORE_OUT_OF = r"(?<![\d/])\d{1,2}\s*/\s*(?:4|5|10|100)\b(?!\s*/)"
_GRADE_NUMBER = compiled(
    r"\b(?:grade[ds]?|grading|score[ds]?|scoring|rating|rated|rate)\s*(?:[a-z]+\s+){0,2}?"
    r"(?:of|:|=|as|at|is|was|a|-)?\s*(?:a\s+)?"
    r"(?:\d+(?:\.\d+)?(?:\s*(?:/|out of)\s*\d+)?|one|two|three|four)\b"
    r"|" + _SCORE_OUT_OF +
    r"|\b\d{1,2}\s+out of\s+(?:4|5|10)\b(?!\s+[a-z])"
    r"|^\s*\(?\d{1,2}\)?\s*(?:$|[-–:)]\s*)"
    r"|\(\s*\d{1,2}\s*\)\s*\.?\s*$"
    r"|[-–:]\s*\d{1,2}\s*\.?\s*$",
    re.IGNORECASE,
)


# Every text the grade patterns could match, and a few more, found in linear time: the slower
# search above runs only on those. The score keeps what its lookarounds ask in a form re2 can
# run (no digit or "/" before it, no word character or "/" straight after it), so a date with
# month 4, 5 or 10 ("21/10/2026"), common in judgements, is not taken for one.
_MAY_GRADE = wider_in_re2(re.compile(_GRADE_NUMBER.pattern.replace(
    _SCORE_OUT_OF, r"(?:^|[^0-9/])\d{1,2}\s*/\s*(?:4|5|10|100)(?:$|[^0-9A-Za-z_/])"), re.IGNORECASE))
_SCALING = compiled(r"\bscal(?:e|ing)\b|\bwellbeing (?:score|star)\b|\bsdq\b|\boutcome star\b",
                    re.IGNORECASE)


@function(returns="bool")
def numeric_grade(text: str | None) -> Outcome:
    """Whether a judgement grades the work with a number or a score ("3", "6/10", "Grade 2",
    "scored 4"), which guidance asks auditors not to do. Counts, ages and timescales are not
    grades, nor is a child's or parent's scaling score."""
    if not text or not _MAY_GRADE.search(text):
        return Outcome(False, ("no number is used as a grade",))
    for match in _GRADE_NUMBER.finditer(text):
        start = text.rfind(".", 0, match.start()) + 1
        end = text.find(".", match.end())
        sentence = text[start:end if end >= 0 else len(text)]
        if _SCALING.search(sentence):
            continue
        found = match.group().strip(" -–:()")
        return Outcome(True, (f"'{found}' grades the work with a number",), (found,))
    return Outcome(False, ("no number is used as a grade",))


def _leaning(text: str | None) -> tuple[list[Match], list[Match]]:
    """The words that lean positive and negative, with negation turning one into the other
    ("not effective" leans negative)."""
    reading = read(text)
    positive: list[Match] = []
    negative: list[Match] = []
    negative_found = c.NEGATIVE.find(reading)
    taken = covered(negative_found)
    for match in c.POSITIVE.find(reading, skip=taken):
        if match.negated:
            negative.append(_match(match.cue, match.first, match.last, f"not {match.found}", True))
        else:
            positive.append(match)
    for match in negative_found:
        (positive if match.negated and match.cue not in _ALWAYS_NEGATIVE else negative).append(match)
    return positive, negative


_ALWAYS_NEGATIVE = frozenset({"no evidence", "little evidence", "no difference", "no impact",
                              "no progress", "not enough", "not protected"})
_GRADE_SYNONYMS = {"ri": "requires improvement", "requires improvement to be good": "requires improvement",
                   "requires_improvement": "requires improvement", "req improvement": "requires improvement"}


@function(returns="bool")
def grade_contradicts(grade: str | None, text: str | None) -> Outcome:
    """Whether a grade word says the opposite of the judgement beside it: 'good' over a
    judgement that describes drift and harm, 'inadequate' over one that only praises."""
    if not grade or not text:
        return Outcome(False)
    word = " ".join(grade.lower().replace("_", " ").split())
    word = _GRADE_SYNONYMS.get(word, word)
    positive, negative = _leaning(text)
    pos, neg = len(positive), len(negative)
    if word in ("good", "outstanding"):
        clash = (neg >= 1 and pos == 0) or (neg >= 3 and neg >= 2 * pos) \
            or (word == "outstanding" and neg >= 1 and neg >= pos)
        if clash:
            return Outcome(True, (f"graded '{word}' but the judgement describes shortfalls: "
                                  f"{quoted(negative)}",), tuple(m.found for m in negative[:3]))
    elif word == "inadequate":
        if (pos >= 1 and neg == 0) or (pos >= 3 and pos >= 2 * neg):
            return Outcome(True, (f"graded 'inadequate' but the judgement only praises: "
                                  f"{quoted(positive)}",), tuple(m.found for m in positive[:3]))
    elif word == "requires improvement" and pos >= 2 and neg == 0:
        return Outcome(True, ("graded 'requires improvement' but the judgement names nothing "
                              f"to improve and praises: {quoted(positive)}",),
                       tuple(m.found for m in positive[:3]))
    return Outcome(False)


@function(returns="bool")
def describes_poor_practice(text: str | None) -> Outcome:
    """Whether a judgement says practice was poor or left the child at risk."""
    found = [m.found for m in c.POOR_PRACTICE.find(read(text)) if not m.negated]
    raw = text or ""
    lower = raw.lower()
    if "left" in lower or "leav" in lower:  # the pattern below cannot match without one of them
        found += [m.group() for m in _left_at_risk(raw, lower) if not _not_before(raw, m.start())]
    if found:
        unique = list(dict.fromkeys(found))
        return Outcome(True, ("the judgement describes poor practice: "
                              + ", ".join(f"'{f}'" for f in unique[:3]),), tuple(unique[:3]))
    return Outcome(False)


_LEFT_AT_RISK = compiled(r"\b(?:left|leaving|leaves)\s+(?:[\w'’]+\s+){1,3}(?:at risk|unprotected|"
                         r"in danger|exposed)\b", re.IGNORECASE)


def _left_at_risk(raw: str, lower: str) -> list[re.Match[str]]:
    """What `_LEFT_AT_RISK.finditer(raw)` finds, tried only where "left" or "leav" starts (every
    match does: none of their letters has a case but its own two). `lower` is `raw.lower()`; when
    it is as long as `raw`, each letter is where it was, and the pattern is not run from every
    other place in the text."""
    if len(lower) != len(raw):
        return list(_LEFT_AT_RISK.finditer(raw))
    starts = []
    for word in ("left", "leav"):
        at = lower.find(word)
        while at >= 0:
            starts.append(at)
            at = lower.find(word, at + 1)
    found = []
    end = 0
    for start in sorted(starts):
        if start >= end:
            match = _LEFT_AT_RISK.match(raw, start)
            if match is not None:
                found.append(match)
                end = match.end()
    return found


def _not_before(raw: str, start: int) -> bool:
    """Whether the word just before `start` (spaces aside) is "not" (`\\bnot\\s*$` on the text before)."""
    before = raw[:start].rstrip()
    return before.endswith("not") and (len(before) == 3 or not (before[-4].isalnum() or before[-4] == "_"))


JUDGEMENT_FUNCTIONS = (appraises, gives_reasons, evaluative, strongly_evaluative, numeric_grade,
                       grade_contradicts, describes_poor_practice)

# The lists a judgement is read with, found in one pass over its text (with the words that lean
# positive and negative, which a grade is weighed against, and those that tell of the child's
# voice, which is looked for in the judgements).
JUDGEMENT_CUES = CueGroup(c.FILLERS, c.EFFORT, _GRADE, c.JUDGING, _APPRAISING_ADVERBS, c.STANCE, c.REASON,
                          _RECORD, c.CHANGE, c.CHILD, c.PROCESS, c.EVIDENCE, c.POOR_PRACTICE, c.NEGATIVE,
                          c.POSITIVE, *VOICE_CUES)
