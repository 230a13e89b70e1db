"""Reading free text once: words, their stems and sentences, and finding cue phrases in them.

Every text function starts from `read(text)`, which is cached, so a judgement checked by ten
rules is split into words once per form, not once per rule.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, NamedTuple

import snowballstemmer

_TOKEN = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)*")
_SENTENCE_END = re.compile(r"[.!?;]+(?=\s|$)|\n\s*\n|\n\s*[-•*]\s*|\n")
_POSSESSIVE = re.compile(r"['’]s?$")
_STEMMER = snowballstemmer.stemmer("english")

NEGATIONS = frozenset({
    "not", "no", "never", "nor", "without", "lack", "lacked", "lacking", "cannot", "none",
    "didn't", "wasn't", "weren't", "hasn't", "haven't", "hadn't", "isn't", "aren't", "doesn't",
    "don't", "won't", "couldn't", "wouldn't", "shouldn't",
})


class Word(NamedTuple):
    """One word of a text: as written, in lower case without a possessive, its stem, where it
    starts and ends, and which sentence it is in."""

    text: str
    lower: str
    stem: str
    start: int
    end: int
    sentence: int


@dataclass(frozen=True, slots=True)
class Reading:
    """A text split into words and sentences."""

    raw: str
    words: tuple[Word, ...]
    sentences: int
    lowers: tuple[str, ...] = ()
    stems: tuple[str, ...] = ()
    # What each cue list found here, so a text is searched once per list however many rules ask.
    found: dict[Any, Any] = field(default_factory=dict, compare=False, repr=False)

    def excerpt(self, first: int, last: int) -> str:
        """The text as written from word `first` to word `last` (inclusive)."""
        return self.raw[self.words[first].start:self.words[last].end]

    def sentence_text(self, index: int) -> str:
        inside = [w for w in self.words if w.sentence == index]
        return self.raw[inside[0].start:inside[-1].end] if inside else ""

    def __len__(self) -> int:
        return len(self.words)


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    return str(_STEMMER.stemWord(word))


def _key(token: str) -> str:
    lower = token.lower().replace("’", "'")
    if "'" in lower and not lower.endswith("n't"):
        lower = _POSSESSIVE.sub("", lower)
    return lower


@lru_cache(maxsize=16384)
def read(text: str | None) -> Reading:
    """Split a text into words and sentences (cached: each text is read once)."""
    raw = text or ""
    lowered = raw.lower()
    ends = [m.end() for m in _SENTENCE_END.finditer(raw)]
    ends.append(len(raw) + 1)
    words: list[Word] = []
    sentence = 0
    boundary = ends[0]
    for match in _TOKEN.finditer(raw):
        start, end = match.span()
        while start >= boundary:
            sentence += 1
            boundary = ends[sentence]
        lower = lowered[start:end]
        if "'" in lower or "’" in lower:
            lower = _key(lower)
        words.append(Word(match.group(), lower, stem(lower), start, end, sentence))
    return Reading(raw, tuple(words), sentence + 1, tuple(w.lower for w in words),
                   tuple(w.stem for w in words))


class Match(NamedTuple):
    """A cue found in a text: its words (first and last index) and the phrase as written."""

    cue: str
    first: int
    last: int
    found: str
    negated: bool = False


class Cues:
    """A list of cue words and phrases, matched on whole words.

    With `stems=True` (the default) a cue matches every form of its words ("visit" finds
    visited, visits, visiting); with `stems=False` only the forms listed, for cues whose stem
    would be ambiguous ("timely" and "time" share one). In a stemmed list, a cue written with a
    leading "=" is matched as written ("=attendance" does not find "attend").
    """

    def __init__(self, phrases: Iterable[str], *, stems: bool = True) -> None:
        self.stems = stems
        self.phrases = tuple(dict.fromkeys(p.strip().lower() for p in phrases if p.strip()))
        # Cues by their first word: (keys, exact?, phrase), longest first.
        self._by_first: dict[tuple[str, bool], list[tuple[tuple[str, ...], bool, str]]] = {}
        for phrase in self.phrases:
            exact = not stems or phrase.startswith("=")
            keys = tuple(self._keys(phrase.lstrip("="), exact))
            if keys:
                self._by_first.setdefault((keys[0], exact), []).append((keys, exact, phrase.lstrip("=")))
        for options in self._by_first.values():
            options.sort(key=lambda item: -len(item[0]))
        self._exact_firsts = frozenset(key for key, exact in self._by_first if exact)
        self._stem_firsts = frozenset(key for key, exact in self._by_first if not exact)

    @staticmethod
    def _keys(phrase: str, exact: bool) -> Iterator[str]:
        for token in _TOKEN.findall(phrase):
            lower = _key(token)
            yield lower if exact else stem(lower)

    def __or__(self, other: Cues) -> Cues:
        if other.stems != self.stems:
            raise ValueError("cannot join cue lists that match words differently")
        return Cues(self.phrases + other.phrases, stems=self.stems)

    def find(self, reading: Reading, *, skip: frozenset[int] = frozenset()) -> list[Match]:
        """Every cue in the text, longest first where cues overlap; words in `skip` are ignored."""
        if not skip:
            # Keyed by the list itself (not its id), so the entry keeps it alive and unique.
            cached = reading.found.get(self)
            if cached is None:
                cached = reading.found[self] = self._find(reading, skip)
            return list(cached)
        return self._find(reading, skip)

    def _find(self, reading: Reading, skip: frozenset[int]) -> list[Match]:
        words = reading.words
        lowers = reading.lowers
        stems = reading.stems
        by_first = self._by_first
        exact_firsts = self._exact_firsts
        stem_firsts = self._stem_firsts
        found: list[Match] = []
        index = 0
        count = len(words)
        while index < count:
            lower = lowers[index]
            word_stem = stems[index]
            if (lower not in exact_firsts and word_stem not in stem_firsts) or index in skip:
                index += 1
                continue
            options = by_first.get((lower, True), []) + by_first.get((word_stem, False), [])
            if len(options) > 1:
                options.sort(key=lambda item: -len(item[0]))
            matched = False
            for cue_keys, exact, phrase in options:
                end = index + len(cue_keys)
                if end <= count and (lowers if exact else stems)[index:end] == cue_keys \
                        and words[end - 1].sentence == words[index].sentence:
                    found.append(Match(phrase, index, end - 1, reading.excerpt(index, end - 1),
                                       _negated(words, index)))
                    index = end
                    matched = True
                    break
            if not matched:
                index += 1
        return found

    def first(self, reading: Reading, *, skip: frozenset[int] = frozenset()) -> Match | None:
        found = self.find(reading, skip=skip)
        return found[0] if found else None


def _negated(words: tuple[Word, ...], index: int, reach: int = 3) -> bool:
    """Whether one of the few words before `index`, in the same sentence, negates it."""
    sentence = words[index].sentence
    for back in range(max(0, index - reach), index):
        if words[back].sentence == sentence and words[back].lower in NEGATIONS:
            return True
    return False


def covered(matches: Iterable[Match]) -> frozenset[int]:
    """The word positions the matches cover (to keep other cues from counting them again)."""
    return frozenset(i for m in matches for i in range(m.first, m.last + 1))


def quoted(found: Iterable[Match], limit: int = 3) -> str:
    """The matched phrases, quoted, for a reason: 'visited', 'held' and 'completed'."""
    unique = list(dict.fromkeys(m.found for m in found))[:limit]
    if not unique:
        return ""
    marks = [f"'{phrase}'" for phrase in unique]
    return marks[0] if len(marks) == 1 else ", ".join(marks[:-1]) + " and " + marks[-1]


__all__ = ["Cues", "Match", "Reading", "Word", "covered", "quoted", "read", "stem"]
