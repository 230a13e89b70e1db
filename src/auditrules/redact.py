"""Redaction: a check result with personal details replaced by stable placeholders, made before
any report is written, so that every report (text, JSON, spreadsheet, CSV, web page, and any a
plugin adds) gets it by going through `redact_result`.

What is replaced:

- the auditors and the practitioner named on each form, wherever their names appear;
- person names in case text: after a title (`Mr Khan`, `Mrs J. Smith`), after a relation
  (`mother, called Leanne`, `her partner named Dean Price`), before an age (`Kayden (aged 4)`),
  and, inside evidence and quoted text, capitalised words that are not the audit's own
  vocabulary (`'Tom told Jane Wright he was scared'`);
- dates of birth (`DOB: 03/04/2016`, `born on 3 April 2016`, `date of birth 2016-04-03`).

Each person gets `[PERSON n]`, numbered in the order they are first met; the same name (or a
part of it: `Jane Smith`, then `Ms Smith`) gets the same placeholder throughout one run. A date
of birth becomes `[DOB]`, there and wherever the same date is quoted again (a finding's reason
may quote `12 June 2020` on its own). The rule set's own words (titles, hints, references) and section
names are left as they are.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel

from .models import Finding, Location, RuleSetInfo
from .patterns import compiled
from .results import CheckResult
from .spool import Spool

DOB = "[DOB]"

_MONTHS = ("january february march april may june july august september october november december "
           "jan feb mar apr jun jul aug sep sept oct nov dec")
_MONTH = "(?:" + "|".join(_MONTHS.split()) + r")\.?"
_DATE = (r"(?:\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}|\d{4}-\d{1,2}-\d{1,2}"
         rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\s+\d{{4}}"
         rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|{_MONTH}\s+\d{{4}})")
_DOB_PATTERN = compiled(
    rf"(?i)(\b(?:d\.?o\.?b\.?|date\s+of\s+birth|birth\s*date|born(?:\s+on)?)\s*(?:is|was|[:\-–])?\s*)"
    rf"({_DATE})")

_NAME_WORD = r"[A-Z][a-z]+(?:['’-][A-Z]?[a-z]+)*"
_NAME = rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,2}}"
_TITLE_PATTERN = compiled(
    rf"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Master)\.?\s+((?:[A-Z]\.\s*)?{_NAME_WORD}(?:\s+{_NAME_WORD})?)")
_RELATIONS = ("mother father mum mam dad stepfather stepmother step-father step-mother parent carer "
              "partner boyfriend girlfriend husband wife ex-partner brother sister sibling son "
              "daughter child baby grandmother grandfather nan nana grandad grandma uncle aunt "
              "auntie cousin friend neighbour practitioner worker teacher").split()
_RELATION_PATTERN = compiled(
    r"(?i:\b(?:" + "|".join(re.escape(r) for r in _RELATIONS) + r"))"
    rf",?\s+(?i:called|named|known\s+as)\s+({_NAME})")
_AGE_PATTERN = compiled(rf"\b({_NAME})\s*(?:\(\s*(?:aged?\s*)?\d{{1,2}}|,\s*aged?\s+\d{{1,2}})")
_CAPITALISED = compiled(rf"(?<![\w'’]){_NAME_WORD}(?:\s+{_NAME_WORD}){{0,2}}")
_QUOTED = compiled(r"(?<![\w'’])'([^'\n]+?)'(?![\w])|\"([^\"\n]+)\"|‘([^’\n]+)’|“([^”\n]+)”")
_SAYS = compiled(r"\s+(?:said|says|told|tells|was|is|has|had|reported|disclosed|attended|"
                 r"lives|lived|stated|explained|shared|wants|wanted|goes|went)\b")
_SENTENCE_START = compiled(r"(?:^|[.!?:;]\s+|\n\s*|[(\[]\s*)$")

# Capitalised words that are the audit's own vocabulary, or plain English that often starts a
# phrase: never taken for a name on their own.
_NOT_NAMES = frozenset("""
a an the this that these those there then than it its he she they we you i his her their our my
your him them us me and or but if when while because as at by for from in into of on onto to
with without within after before during since until about above below over under again also
all any each every no not none some many much more most few both either neither one two three
four five six seven eight nine ten yes ok
monday tuesday wednesday thursday friday saturday sunday january february march april may june
july august september october november december christmas easter
child children young person baby mother father mum dad parent parents carer carers family
social worker workers team manager managers service services senior head lead leader officer
practitioner auditor audit audits assessment plan planning plans protection conference core group
review reviews section sections strategy discussion discussions meeting meetings referral
referrals police health school schools education nursery college gp nhs hospital court council
local authority authorities early help looked after leaver leavers care cared cin cp cla
children's safeguarding partnership board multi agency multi-agency mash marac dash idva idsva
domestic abuse operation encompass freedom programme service's initial outcome outcomes
judgement judgements grade grades good outstanding requires improvement inadequate overall impact
evidence strengths development recommendation recommendations action actions target targets
management oversight voice analysis conclusion summary qa chair chaired
visit visits visited seen saw spoke said says told reported noted recorded
mr mrs ms miss mx dr
""".split())


class Redactor:
    """Replaces personal details in text with placeholders that stay the same for the whole run."""

    def __init__(self) -> None:
        self._people: dict[str, str] = {}     # a name, casefolded -> its placeholder
        self._pattern: re.Pattern[str] | None = None
        # Reports repeat the same texts (messages, reasons) many times: each is read once, and
        # redacted once while no new name is learnt.
        self._learnt: set[tuple[str, bool]] = set()
        self._done: dict[str, str] = {}
        # Dates of birth found beside "DOB", "born on" ...: replaced wherever they are quoted
        # again (a finding's reason may quote "12 June 2020" on its own).
        self._births: dict[str, None] = {}
        self._births_pattern: re.Pattern[str] | None = None

    # -- learning who is named ----------------------------------------------------------------
    def learn_person(self, name: str | None) -> None:
        """A person named in a field of the form (an auditor, the practitioner). A role
        ('Team manager') is not a name and is left alone."""
        if not name:
            return
        words = name.split()
        if not words or not all(_is_name_word(w) for w in words):
            return
        self._add(" ".join(words))

    def learn_text(self, text: str | None, *, whole: bool) -> None:
        """Names found in case text. `whole`: all of `text` is case text (evidence); otherwise
        only its quoted parts are."""
        if not text or (text, whole) in self._learnt:
            return
        self._learnt.add((text, whole))
        found: list[tuple[int, str]] = []  # (where, name): added in the order they are met
        for pattern in (_TITLE_PATTERN, _RELATION_PATTERN, _AGE_PATTERN):
            found.extend((m.start(1), m.group(1)) for m in pattern.finditer(text))
        for offset, part in ([(0, text)] if whole else _quoted_parts(text)):
            for birth in _DOB_PATTERN.finditer(part):
                if birth.group(2) not in self._births:
                    self._births[birth.group(2)] = None
                    self._births_pattern = None
                    self._done.clear()
            for match in _CAPITALISED.finditer(part):
                words = match.group(0).split()
                opens_sentence = bool(_SENTENCE_START.search(part[:match.start()]))
                if opens_sentence and words[0].casefold() in _NOT_NAMES:
                    words = words[1:]
                elif opens_sentence and len(words) == 1 and not _SAYS.match(part, match.end()):
                    continue  # one capitalised word opening a sentence is a name only if it acts
                if words and all(_is_name_word(w) for w in words):
                    found.append((offset + match.start(), " ".join(words)))
        for _, name in sorted(found, key=lambda item: item[0]):
            self._add_found(name)

    def _add_found(self, name: str) -> None:
        words = [w for w in name.replace(".", ". ").split() if _is_name_word(w)]
        if words:
            self._add(" ".join(words))

    def _add(self, name: str) -> None:
        key = name.casefold()
        if key in self._people:
            return
        parts = [p for p in name.split() if len(p) > 2]
        # A part of a name already known (Smith, of Jane Smith) shares its placeholder.
        known = next((self._people[p.casefold()] for p in [name, *parts] if p.casefold() in self._people),
                     None)
        placeholder = known or f"[PERSON {len(set(self._people.values())) + 1}]"
        self._people[key] = placeholder
        for part in parts:
            self._people.setdefault(part.casefold(), placeholder)
        self._pattern = None
        self._done.clear()

    # -- replacing ----------------------------------------------------------------------------
    def redact(self, text: str) -> str:
        """`text` with dates of birth and every known name replaced."""
        if not text:
            return text
        done = self._done.get(text)
        if done is None:
            if len(self._done) >= _KEEP_DONE:
                self._done.clear()  # the same text redacts the same way again: memory, not meaning
            done = self._done[text] = self._redact(text)
        return done

    def _redact(self, text: str) -> str:
        text = _DOB_PATTERN.sub(lambda m: m.group(1) + DOB, text)
        if self._births:
            if self._births_pattern is None:
                dates = sorted(self._births, key=len, reverse=True)
                self._births_pattern = re.compile(
                    r"(?<![\w/.-])(?:" + "|".join(re.escape(d) for d in dates) + r")(?![\w/.-])")
            text = self._births_pattern.sub(DOB, text)
        if not self._people:
            return text
        if self._pattern is None:
            names = sorted(self._people, key=len, reverse=True)
            self._pattern = re.compile(
                r"(?<![\w])(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr|Master)\.?\s+(?:[A-Z]\.\s*)?)?(?i:"
                + "|".join(re.escape(n) for n in names) + r")(?![\w])")
        return self._pattern.sub(self._replacement, text)

    def _replacement(self, match: re.Match[str]) -> str:
        found = match.group(0)
        # Only a capitalised word is a name (a 'will' is not Will); keep the rest as it was.
        bare = re.sub(r"^(?:Mr|Mrs|Ms|Miss|Mx|Dr|Master)\.?\s+(?:[A-Z]\.\s*)?", "", found)
        if not bare[:1].isupper():
            return found
        return self._people.get(bare.casefold(), found)


def _is_name_word(word: str) -> bool:
    return (bool(re.fullmatch(_NAME_WORD, word)) and word.casefold() not in _NOT_NAMES
            and word.rstrip("'’s").casefold() not in _NOT_NAMES)


def _quoted_parts(text: str) -> Iterable[tuple[int, str]]:
    """Each quoted part of `text`, with where it starts."""
    for match in _QUOTED.finditer(text):
        index = next(i for i, group in enumerate(match.groups(), start=1) if group is not None)
        yield match.start(index), match.group(index)


_KEEP_DONE = 50_000
"""Texts already redacted, kept to redact a repeated text once (a return's findings repeat many)."""

PERSON_FIELDS = frozenset({"auditors", "practitioner", "manager", "senior_manager", "owner", "approver"})
"""Fields that name a person (or a role, which is left alone) wherever they appear: on the form,
an audit's summary, a waiver, a tracked recommendation."""

_LEFT_ALONE = (Location, RuleSetInfo)


def redact_all(*items: Any) -> tuple[Any, ...]:
    """Copies of `items` (check results, forms, comparisons, trackers: any mix of dataclasses,
    pydantic models, lists and text) with personal details replaced, one placeholder per person
    across all of them. Names are learnt first from every item, then replaced everywhere; a
    finding's title, hint and reference (the rule set's own words) and locations are kept."""
    redactor = Redactor()
    for people_only in (True, False):  # the people named in fields are numbered first
        for item in items:
            _learn(redactor, item, None, people_only)
    return tuple(_redact(redactor, item) for item in items)


def redact_result(result: CheckResult) -> CheckResult:
    """A copy of `result` with personal details replaced in every finding (message, reasons,
    evidence), every waived finding and waiver, every error message and every audit's auditors
    and practitioner. `result` is left as it was."""
    redacted: CheckResult = redact_all(result)[0]
    return redacted


def _learn(redactor: Redactor, value: Any, name: str | None, people_only: bool) -> None:
    if isinstance(value, str):
        if name in PERSON_FIELDS:
            redactor.learn_person(value)
        elif not people_only:
            redactor.learn_text(value, whole=False)
    elif isinstance(value, Finding):
        if people_only:
            return
        redactor.learn_text(value.evidence, whole=True)
        redactor.learn_text(value.message, whole=False)
        for reason in value.reasons:
            redactor.learn_text(reason, whole=False)
    elif isinstance(value, _LEFT_ALONE):
        return
    elif isinstance(value, BaseModel):
        for key in type(value).model_fields:
            _learn(redactor, getattr(value, key), key, people_only)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for spec in dataclasses.fields(value):
            _learn(redactor, getattr(value, spec.name), spec.name, people_only)
    elif isinstance(value, list | tuple | Spool):
        for element in value:
            _learn(redactor, element, name, people_only)
    elif isinstance(value, dict):
        for element in value.values():
            _learn(redactor, element, name, people_only)


def _redact(redactor: Redactor, value: Any) -> Any:
    if isinstance(value, str):
        return redactor.redact(value)
    if isinstance(value, Finding):
        return _finding(redactor, value)
    if isinstance(value, _LEFT_ALONE):
        return value
    if isinstance(value, BaseModel):
        changed = {key: new for key in type(value).model_fields
                   if (new := _redact(redactor, old := getattr(value, key))) is not old}
        return value.model_copy(update=changed) if changed else value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changed = {spec.name: new for spec in dataclasses.fields(value)
                   if (new := _redact(redactor, old := getattr(value, spec.name))) is not old}
        return dataclasses.replace(value, **changed) if changed else value
    if isinstance(value, Spool):  # a large check's findings: redacted a batch at a time
        return value.map(lambda element: _redact(redactor, element))
    if isinstance(value, list | tuple):
        items = [_redact(redactor, element) for element in value]
        if all(new is old for new, old in zip(items, value, strict=True)):
            return value
        return items if isinstance(value, list) else tuple(items)
    if isinstance(value, dict):
        return {key: _redact(redactor, element) for key, element in value.items()}
    return value


def _finding(redactor: Redactor, finding: Finding) -> Finding:
    return finding.model_copy(update={
        "message": redactor.redact(finding.message),
        "reasons": tuple(redactor.redact(r) for r in finding.reasons),
        "evidence": redactor.redact(finding.evidence) if finding.evidence else finding.evidence,
    })


__all__ = ["DOB", "PERSON_FIELDS", "Redactor", "redact_all", "redact_result"]
