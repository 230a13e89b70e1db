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
    """A text split into words and sentences.

    The parallel tuples (`tokens` as written, `lowers`, `stems`, `sentence_ids`) are what the
    cue search runs on; where each word starts and ends is worked out only when a match is
    quoted.
    """

    raw: str
    tokens: tuple[str, ...]
    lowers: tuple[str, ...]
    stems: tuple[str, ...]
    sentence_ids: tuple[int, ...]
    sentences: int
    # What each cue list found here, so a text is searched once per list however many rules ask.
    found: dict[Any, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def spans(self) -> list[tuple[int, int]]:
        spans = self.found.get("spans")
        if spans is None:
            spans = self.found["spans"] = [m.span() for m in _TOKEN.finditer(self.raw)]
        return spans

    @property
    def words(self) -> tuple[Word, ...]:
        """The words as records (built on first use)."""
        words = self.found.get("words")
        if words is None:
            words = self.found["words"] = tuple(
                Word(text, lower, word_stem, start, end, sentence)
                for text, lower, word_stem, (start, end), sentence
                in zip(self.tokens, self.lowers, self.stems, self.spans, self.sentence_ids, strict=True))
        return words

    def positions(self) -> tuple[dict[str, list[int]], dict[str, list[int]]]:
        """Where each word (as written in lower case, and by stem) occurs."""
        cached = self.found.get("positions")
        if cached is None:
            # Only words some cue list starts with are indexed: most words of a text are not.
            by_lower: dict[str, list[int]] = {}
            by_stem: dict[str, list[int]] = {}
            exact_firsts, stem_firsts = _CUE_FIRSTS
            lowers, stems = self.lowers, self.stems
            for index in [i for i, w in enumerate(lowers) if w in exact_firsts]:
                by_lower.setdefault(lowers[index], []).append(index)
            for index in [i for i, w in enumerate(stems) if w in stem_firsts]:
                by_stem.setdefault(stems[index], []).append(index)
            cached = self.found["positions"] = (by_lower, by_stem)
        return cached

    def excerpt(self, first: int, last: int) -> str:
        """The text as written from word `first` to word `last` (inclusive)."""
        if first == last:
            return self.tokens[first]
        spans = self.spans
        return self.raw[spans[first][0]:spans[last][1]]

    def __len__(self) -> int:
        return len(self.tokens)


_STEMS: dict[str, str] = {}
# The first words of every cue list made so far (as written, and as stems).
_CUE_FIRSTS: tuple[set[str], set[str]] = (set(), set())


def stem(word: str) -> str:
    found = _STEMS.get(word)
    if found is None:
        found = _STEMS[word] = str(_STEMMER.stemWord(word))
    return found


def _key(token: str) -> str:
    lower = token.lower().replace("’", "'")
    if "'" in lower and not lower.endswith("n't"):
        lower = _POSSESSIVE.sub("", lower)
    return lower


@lru_cache(maxsize=1024)
def read(text: str | None) -> Reading:
    """Split a text into words and sentences (cached: each text is read once).

    The cache holds the texts of the last few forms, not a whole return: a form's texts are all
    read while it is checked, and a batch of thousands must not keep them all."""
    raw = text or ""
    tokens: list[str] = []
    sentence_ids: list[int] = []
    position = 0
    sentence = 0
    for boundary in [m.end() for m in _SENTENCE_END.finditer(raw)] + [len(raw)]:
        found = _TOKEN.findall(raw, position, boundary)
        if found:
            tokens.extend(found)
            sentence_ids.extend([sentence] * len(found))
            sentence += 1
        position = boundary
    lowers = [_key(t) if ("'" in t or "’" in t) else t.lower() for t in tokens]
    stems_cache = _STEMS
    stems = [stems_cache[w] if w in stems_cache else stem(w) for w in lowers]
    return Reading(raw, tuple(tokens), tuple(lowers), tuple(stems), tuple(sentence_ids), max(sentence, 1))


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
        if self._exact_firsts - _CUE_FIRSTS[0] or self._stem_firsts - _CUE_FIRSTS[1]:
            _CUE_FIRSTS[0].update(self._exact_firsts)
            _CUE_FIRSTS[1].update(self._stem_firsts)
            read.cache_clear()  # readings indexed before this list was made would miss its words

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
        lowers = reading.lowers
        stems = reading.stems
        sentence_ids = reading.sentence_ids
        by_lower, by_stem = reading.positions()
        # Only the places where some cue could start are looked at.
        starts: list[int] = []
        for key in self._exact_firsts.intersection(by_lower):
            starts.extend(by_lower[key])
        for key in self._stem_firsts.intersection(by_stem):
            starts.extend(by_stem[key])
        if not starts:
            return []
        starts = sorted(set(starts))
        by_first = self._by_first
        count = len(lowers)
        found: list[Match] = []
        reached = 0
        for index in starts:
            if index < reached or index in skip:
                continue
            options = by_first.get((lowers[index], True), []) + by_first.get((stems[index], False), [])
            if len(options) > 1:
                options.sort(key=lambda item: -len(item[0]))
            for cue_keys, exact, phrase in options:
                end = index + len(cue_keys)
                if end <= count and (lowers if exact else stems)[index:end] == cue_keys \
                        and sentence_ids[end - 1] == sentence_ids[index]:
                    found.append(Match(phrase, index, end - 1, reading.excerpt(index, end - 1),
                                       _negated(reading, index)))
                    reached = end
                    break
        return found

    def first(self, reading: Reading, *, skip: frozenset[int] = frozenset()) -> Match | None:
        found = self.find(reading, skip=skip)
        return found[0] if found else None


def _negated(reading: Reading, index: int, reach: int = 3) -> bool:
    """Whether one of the few words before `index`, in the same sentence, negates it."""
    sentence_ids = reading.sentence_ids
    lowers = reading.lowers
    sentence = sentence_ids[index]
    for back in range(max(0, index - reach), index):
        if sentence_ids[back] == sentence and lowers[back] in NEGATIONS:
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
