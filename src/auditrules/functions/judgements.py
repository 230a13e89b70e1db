"""Does a judgement evaluate? Is a grade a number, or at odds with the words beside it?"""

from __future__ import annotations

import re
from functools import lru_cache

from . import Outcome, function
from . import cues as c
from .text import Match, Reading, covered, quoted, read

# Capitalised words that are not a child's name.
_NOT_NAMES = frozenset("""
mother father mum dad mr mrs ms miss dr the this that these those there their they it its in on
at by for from with and but or of to a an as after before during since when while where which
who what how if then also however although overall no not yes police school camhs gp nhs ofsted
social worker team manager health visitor january february march april may june july august
september october november december monday tuesday wednesday thursday friday saturday sunday
auditor auditors audit plan assessment core group conference cin cp cla marac idva dash ehcp
sen senco dsl iro lado fsw hv sw tm child children baby family parents parent carer carers
grandmother grandfather nan aunt uncle partner stepfather stepmother council court judge
""".split())
_NAME_VERBS = frozenset("""
is was has had said says told tells attends attended remains remained lives lived wants wanted
likes liked enjoys enjoyed appeared appears presented presents described describes shared
shares seems seemed feels felt continues continued became become will would can could did does
""".split())
_NAME_BEFORE = frozenset({"for", "with", "to", "of", "about", "on", "and", "see", "saw", "seeing"})


def child_names(reading: Reading) -> list[Match]:
    """Words that look like a child's name: capitalised, not a role or a common word, and used
    as a person ("Sam's", "Sam said", "for Sam")."""
    found: list[Match] = []
    tokens, lowers, sentence_ids = reading.tokens, reading.lowers, reading.sentence_ids
    count = len(tokens)
    for index, token in enumerate(tokens):
        if not token[:1].isupper() or len(token) < 2:
            continue
        lower = lowers[index]
        if lower in _NOT_NAMES or (token.isupper() and len(token) > 1):
            continue  # a role, a common word or an acronym, not a name
        before = lowers[index - 1] if index > 0 else ""
        if before in {"mr", "mrs", "ms", "miss", "dr"}:
            continue
        possessive = token.endswith(("'s", "’s"))
        after = lowers[index + 1] if index + 1 < count else ""
        first_in_sentence = index == 0 or sentence_ids[index - 1] != sentence_ids[index]
        if possessive or after in _NAME_VERBS or (before in _NAME_BEFORE and not first_in_sentence):
            found.append(Match("a child's name", index, index, token))
    return found


def _says(found: list[Match], one: str, many: str) -> str:
    return one if len({m.found for m in found}) == 1 else many


class JudgementReading:
    """The signals in one judgement, read once and shared by every function below."""

    def __init__(self, text: str | None) -> None:
        self.reading = reading = read(text)
        self.fillers = c.FILLERS.find(reading)
        self.effort = c.EFFORT.find(reading)
        hidden = covered(self.fillers + self.effort)
        self.judging = c.JUDGING.find(reading, skip=hidden)
        self.stance = c.STANCE.find(reading)
        self.reason = c.REASON.find(reading)
        self.change = c.CHANGE.find(reading)
        self.child = c.CHILD.find(reading) + child_names(reading)
        self.process = c.PROCESS.find(reading)
        self.evidence = c.EVIDENCE.find(reading) or [
            Match("a number", 0, 0, m.group()) for m in _NUMBER_EVIDENCE.finditer(reading.raw)][:1]

    @property
    def judges(self) -> bool:
        """A word that judges the work, a stance taken, or a consequence traced over time."""
        return bool(self.judging or self.stance or (self.reason and self.change))

    @property
    def explains(self) -> bool:
        """More than one sign of evaluation: a judgement with a reason, a change over time, a
        stance or the evidence it rests on."""
        signs = [self.judging, self.stance, self.reason, self.change, self.evidence]
        return sum(1 for found in signs if found) >= 2

    @property
    def evaluates(self) -> bool:
        return self.judges and self.explains and bool(self.child)

    def shortfalls(self) -> list[str]:
        """Why the judgement does not evaluate, in plain words."""
        reasons: list[str] = []
        if not self.judges:
            if self.process:
                reasons.append(f"it records events ({quoted(self.process)}) without judging how well "
                               "they were done")
            else:
                reasons.append("no word judges the quality or the effect of the work (such as "
                               "effective, delayed, made a difference)")
        if self.fillers:
            kind = _says(self.fillers, "is a stock phrase that says", "are stock phrases that say")
            reasons.append(f"{quoted(self.fillers)} {kind} nothing specific")
        if self.effort:
            reasons.append(f"{quoted(self.effort)} {_says(self.effort, 'praises', 'praise')} effort or "
                           "the record, not what changed for the child")
        if not self.child:
            reasons.append("nothing about the child: their safety, experience, views or progress")
        if self.judges and not self.explains:
            reasons.append("no reason, consequence or evidence for the judgement (because, as a "
                           "result, which meant, since, how often)")
        return reasons

    def strengths(self) -> list[str]:
        parts = []
        if self.judging or self.stance:
            parts.append(f"judges the work ({quoted(self.stance + self.judging)})")
        if self.reason or self.change:
            parts.append(f"gives a reason or a change ({quoted(self.reason + self.change)})")
        if self.child:
            parts.append(f"says what it meant for the child ({quoted(self.child)})")
        return [", ".join(parts[:-1]) + " and " + parts[-1]] if len(parts) > 1 else parts


@lru_cache(maxsize=512)
def signals(text: str | None) -> JudgementReading:
    """The judgement signals in a text, read once however many rules ask."""
    return JudgementReading(text)


_NUMBER_EVIDENCE = re.compile(r"\b\d+(?:\.\d+)?\s*(?:%|per ?cent|times|days|weeks|months|incidents|visits)\b")
_BARE_GRADE = re.compile(r"^\W*(?:\d+(?:\.\d+)?|outstanding|good|requires improvement|inadequate"
                         r"|ri|satisfactory|adequate)\W*$", re.IGNORECASE)


@function(returns="bool")
def evaluative(text: str | None) -> Outcome:
    """Whether a judgement evaluates: it judges the work, gives a reason or a change, and says
    what it meant for the child. Empty text passes (completeness rules look after that)."""
    if not (text or "").strip():
        return Outcome(True)
    if _BARE_GRADE.match(text or ""):
        return Outcome(False, (f"'{(text or '').strip()}' is a grade on its own, with no judgement "
                               "in words",), ((text or "").strip(),))
    found = signals(text)
    if found.evaluates:
        return Outcome(True, tuple(found.strengths()))
    evidence = tuple(m.found for m in found.fillers + found.effort + found.process[:3])
    return Outcome(False, tuple(found.shortfalls()), evidence)


@function(returns="bool")
def strongly_evaluative(text: str | None) -> Outcome:
    """Whether a judgement is a model of its kind: it evaluates, takes a stance or compares over
    time, is long enough to give its reasons, and uses no stock phrases."""
    if not (text or "").strip():
        return Outcome(False)
    found = signals(text)
    strong = (found.evaluates and bool(found.stance or found.change)
              and len(found.reading) >= 25 and not found.fillers and not found.effort
              and len({m.cue for m in found.reason}) + len({m.cue for m in found.change}) >= 2)
    if strong:
        return Outcome(True, tuple(found.strengths()),
                       tuple(m.found for m in (found.stance + found.judging)[:2] + found.reason[:1]))
    return Outcome(False)


_GRADE_NUMBER = re.compile(
    r"\b(?:grade[ds]?|grading|score[ds]?|scoring|rating|rated|rate)\s*(?:[a-z]+\s+){0,2}?"
    r"(?:of|:|=|as|at|is|was|a|-)?\s*(?:a\s+)?"
    r"(?:\d+(?:\.\d+)?(?:\s*(?:/|out of)\s*\d+)?|one|two|three|four)\b"
    r"|(?<![\d/])\d{1,2}\s*/\s*(?:4|5|10|100)\b(?!\s*/)"
    r"|\b\d{1,2}\s+out of\s+(?:4|5|10)\b(?!\s+[a-z])"
    r"|^\s*\(?\d{1,2}\)?\s*(?:$|[-–:)]\s*)"
    r"|\(\s*\d{1,2}\s*\)\s*\.?\s*$"
    r"|[-–:]\s*\d{1,2}\s*\.?\s*$",
    re.IGNORECASE,
)
_SCALING = re.compile(r"\bscal(?:e|ing)\b|\bwellbeing (?:score|star)\b|\bsdq\b|\boutcome star\b",
                      re.IGNORECASE)


@function(returns="bool")
def numeric_grade(text: str | None) -> Outcome:
    """Whether a judgement grades the work with a number or a score ("3", "6/10", "Grade 2",
    "scored 4"), which guidance asks auditors not to do. Counts, ages and timescales are not
    grades, nor is a child's or parent's scaling score."""
    if not text:
        return Outcome(False)
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
            negative.append(Match(match.cue, match.first, match.last, f"not {match.found}", True))
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
    found += [m.group() for m in _LEFT_AT_RISK.finditer(text or "")
              if not re.search(r"\bnot\s*$", (text or "")[:m.start()])]
    if found:
        unique = list(dict.fromkeys(found))
        return Outcome(True, ("the judgement describes poor practice: "
                              + ", ".join(f"'{f}'" for f in unique[:3]),), tuple(unique[:3]))
    return Outcome(False)


_LEFT_AT_RISK = re.compile(r"\b(?:left|leaving|leaves)\s+(?:[\w'’]+\s+){1,3}(?:at risk|unprotected|"
                           r"in danger|exposed)\b", re.IGNORECASE)


JUDGEMENT_FUNCTIONS = (evaluative, strongly_evaluative, numeric_grade, grade_contradicts,
                       describes_poor_practice)
