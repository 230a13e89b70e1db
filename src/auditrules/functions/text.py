"""Reading free text once: words, their stems and sentences, and finding cue phrases in them.

Every text function starts from `read(text)`, which is cached, so a judgement checked by ten
rules is split into words once per form, not once per rule.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Final, NamedTuple, cast

import re2
import snowballstemmer

from ..patterns import compiled

# A word is letters and digits of any alphabet ("Oisín", "Zoë", "Łukasz", "café"), with parts
# joined by an apostrophe ("Kai's", "don't").
_TOKEN = compiled(r"[^\W_]+(?:['’][^\W\d_]+)*")
_PLAIN_TOKEN = compiled(r"[^\W_]+")  # the same words where no apostrophe can join two
# Marks that may stand either side of a word ("(weekly),", "“safe”."): none of them can be part
# of a word, so a piece between spaces that is a word once they are taken off is that one word.
_EDGE: Final = "!\"#$%&()*+,-./:;<=>?@[\\]^_`{|}~‘“”…–—"
# Where a sentence ends: a run of ".!?;" before a space or the end, a blank line, a new line with
# a bullet, or a new line. Every branch starts with a single character, so the search skips
# straight to the next of them (the same ends as "[.!?;]+(?=\s|$)|\n\s*\n|\n\s*[-•*]\s*|\n").
_SENTENCE_END = compiled(r"\.[.!?;]*(?=\s|$)|![.!?;]*(?=\s|$)|\?[.!?;]*(?=\s|$)|;[.!?;]*(?=\s|$)"
                         r"|\n(?:\s*\n|\s*[-•*]\s*)?")
_POSSESSIVE = compiled(r"['’]s?$")
_STEMMER = snowballstemmer.stemmer("english")

NEGATIONS: Final = frozenset({
    "not", "no", "never", "nor", "without", "lack", "lacked", "lacking", "cannot", "none",
    "didn't", "wasn't", "weren't", "hasn't", "haven't", "hadn't", "isn't", "aren't", "doesn't",
    "don't", "won't", "couldn't", "wouldn't", "shouldn't",
})


@dataclass(frozen=True, slots=True)
class Reading:
    """A text split into words and sentences.

    The parallel tuples (`tokens` as written, `lowers`, `stems`, `sentence_ids`) are what the
    cue search runs on; `spans` says where each word starts and ends, for quoting a match.
    """

    raw: str
    tokens: tuple[str, ...]
    lowers: tuple[str, ...]
    stems: tuple[str, ...]
    sentence_ids: tuple[int, ...]
    sentences: int
    spans: tuple[tuple[int, int], ...] = field(compare=False, repr=False)
    # What was worked out about this text (cue candidates, matches, word keys), so a text is
    # searched once however many rules ask.
    found: dict[Any, Any] = field(default_factory=dict, compare=False, repr=False)

    def excerpt(self, first: int, last: int) -> str:
        """The text as written from word `first` to word `last` (inclusive)."""
        if first == last:
            return self.tokens[first]
        spans = self.spans
        return self.raw[spans[first][0]:spans[last][1]]

    def __len__(self) -> int:
        return len(self.tokens)


def wider_in_re2(pattern: re.Pattern[str]) -> Any:
    """A pattern compiled by re2 (linear time) that matches wherever `pattern` can, and a little
    more: to try the slower `pattern` only on texts that could hold a match. Its lookarounds and
    word boundaries are dropped, which re2 cannot run or reads more narrowly, and its digits and
    spaces are made as wide as Python's (re2's are ASCII only, and leave out the vertical tab that
    text pasted from a word processor can hold). A possessive repeat (`*+`, `++`, `?+`) is read as
    a plain one, which re2 runs and which matches wherever it does. Where case is ignored, an "i"
    also takes the dotted capital and the dotless small i ("İ", "ı"), as Python's does and re2's
    does not (no other letter differs). For patterns with \\d and \\s outside character classes,
    no inline flags, and every "$" after a \\s* (re2's "$" does not match before a final newline);
    re2 refuses a pattern it cannot run."""
    text = re.sub(r"\(\?<?[!=][^()]*\)", "", pattern.pattern).replace(r"\b", "")
    text = _POSSESSIVE_MARK.sub(lambda found: found.group(1) or found.group(2), text)
    if pattern.flags & re.IGNORECASE:
        text = _EVERY_I.sub(_with_other_is, text)
    text = text.replace(r"\d", r"\pN").replace(r"\s", r"[\s\x{0b}\pZ\x{1c}-\x{1f}\x{85}]")
    return re2.compile(("(?i)" if pattern.flags & re.IGNORECASE else "") + text)


# In a pattern's text, an escape or a character class, kept as they are; beside them, the "+" that
# makes a repeat possessive, and an "i" standing for itself.
_ESCAPE_OR_CLASS = r"\\.|\[\^?\]?(?:\\.|[^\]\\])*\]"
_POSSESSIVE_MARK = compiled(f"({_ESCAPE_OR_CLASS})|([*+?}}])\\+")
_EVERY_I = compiled(f"{_ESCAPE_OR_CLASS}|[iI]")
_OTHER_IS = "\u0130\u0131"  # "İ" and "ı", which Python's case-blind "i" matches


def _with_other_is(found: re.Match[str]) -> str:
    part = found.group()
    if part in ("i", "I"):
        return f"[iI{_OTHER_IS}]"
    if not part.startswith("[") or part.startswith("[^"):
        return part  # an escape; or a class leaving "i" out, which re2's takes "İ" and "ı" into anyway
    inside = re.sub(r"\\.", "", part[1:-1])
    takes_i = "i" in inside or "I" in inside or any(
        first <= letter <= last for first, last in re.findall(r"(.)-(.)", inside) for letter in "iI")
    return part[:-1] + _OTHER_IS + "]" if takes_i else part


_STEMS: dict[str, str] = {}


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


# Each word as written, with its key (`_key`: lower case, a possessive taken off) and the key's
# stem, worked out once: most words of a return recur from form to form, and a word already met
# is then neither lowered nor hashed again (the key and stem kept here are the same objects each
# time). Emptied when it grows past `_WORDS_KEPT`, so a return of many names and numbers cannot
# grow it without end.
_WORDS: dict[str, tuple[str, str]] = {}
_WORDS_KEPT = 200_000


def _word(token: str) -> tuple[str, str]:
    lower = _key(token) if ("'" in token or "’" in token) else token.lower()
    if lower == token:
        lower = token
    if len(_WORDS) >= _WORDS_KEPT:
        _WORDS.clear()
    found = _WORDS[token] = (lower, stem(lower))
    return found


# The parallel lists `read` builds: tokens, their keys, stems, spans and sentences.
_Lists = tuple[list[str], list[str], list[str], list[tuple[int, int]], list[int]]


def _put(word: str, start: int, sentence: int, lists: _Lists) -> None:
    """Add a word of `read`'s text, written at `start`, to its sentence."""
    tokens, lowers, stems, spans, sentence_ids = lists
    known = _WORDS.get(word)
    if known is None:
        known = _word(word)
    tokens.append(word)
    lowers.append(known[0])
    stems.append(known[1])
    spans.append((start, start + len(word)))
    sentence_ids.append(sentence)


@lru_cache(maxsize=1024)
def read(text: str | None) -> Reading:
    """Split a text into words and sentences (cached: each text is read once).

    The cache holds the texts of the last few forms, not a whole return: a form's texts are all
    read while it is checked, and a batch of thousands must not keep them all."""
    raw = text or ""
    # A sentence ends only where `_SENTENCE_END` matches: at a new line, or after a piece between
    # spaces that ends with one of ".!?;" (a run of them is followed by a space or the end there,
    # and nowhere inside a piece). So the text is taken a line at a time and a piece at a time,
    # without searching it for the ends; sentences without a word are not counted.
    # A line is cut at each single space, so where each piece starts is counted, not searched
    # for; a piece holding another kind of space (a tab, a non-breaking space) is cut again.
    tokens: list[str] = []
    lowers: list[str] = []
    stems: list[str] = []
    spans: list[tuple[int, int]] = []
    sentence_ids: list[int] = []
    lists = (tokens, lowers, stems, spans, sentence_ids)
    known_words = _WORDS
    sentence = -1
    open_sentence = False  # whether the sentence being read has a word yet
    place = 0  # where the piece being read starts
    for line in raw.split("\n") if "\n" in raw else (raw,):
        for piece in line.split(" "):
            start = place
            place += len(piece) + 1
            if not piece:
                continue
            # Most pieces are one word, alone or between marks ("(weekly),"); only the others
            # need the pattern, and where the piece has no apostrophe, the one without them.
            if piece.isalnum():  # as [^\W_] matches them
                if not open_sentence:
                    sentence += 1
                    open_sentence = True
                # `_put`, written out: most words are read here, and the call cost 6% of reading.
                known = known_words.get(piece)
                if known is None:
                    known = _word(piece)
                tokens.append(piece)
                lowers.append(known[0])
                stems.append(known[1])
                spans.append((start, place - 1))
                sentence_ids.append(sentence)
                continue
            for part, offset in ((piece, 0),) if piece.isprintable() else _parts(piece):
                open_sentence, sentence = _read_piece(part, start + offset, open_sentence, sentence, lists)
        open_sentence = False
    return Reading(raw, tuple(tokens), tuple(lowers), tuple(stems), tuple(sentence_ids),
                   max(sentence + 1, 1), tuple(spans))


def _parts(piece: str) -> list[tuple[str, int]]:
    """The parts of a piece between other kinds of space, with where each starts in it."""
    parts: list[tuple[str, int]] = []
    reached = 0
    for part in piece.split():
        reached = piece.find(part, reached)
        parts.append((part, reached))
        reached += len(part)
    return parts


def _read_piece(piece: str, start: int, open_sentence: bool, sentence: int, lists: _Lists
                ) -> tuple[bool, int]:
    """Put the words of a piece that is not one plain word (it starts at `start` in the text);
    whether the sentence is still open after it, and its number."""
    word = piece if piece.isalnum() else piece.strip(_EDGE)
    if word and word.isalnum():
        if not open_sentence:
            sentence += 1
            open_sentence = True
        # The piece is the word between marks, none of which is part of a word.
        _put(word, start + piece.find(word), sentence, lists)
    else:
        # Each word is the first place in the piece, after the last, where it is written: nothing
        # between two words can start one.
        reached = 0
        for word in (_TOKEN if "'" in piece or "’" in piece else _PLAIN_TOKEN).findall(piece):
            if not open_sentence:
                sentence += 1
                open_sentence = True
            reached = piece.find(word, reached)
            _put(word, start + reached, sentence, lists)
            reached += len(word)
    if piece[-1] in ".!?;":
        open_sentence = False
    return open_sentence, sentence


# How `words()` counts: a word and at most one part after an apostrophe, so "rock'n'roll" is two.
_COUNTED_WORD = compiled(r"[^\W_]+(?:['’][^\W\d_]+)?")


def count_words(text: str | None) -> int:
    """The number of words in a text, from its (cached) reading. A word of the reading with two
    or more apostrophes is counted as `_COUNTED_WORD` counts it, by the pattern over the whole
    text; elsewhere the two give the same words."""
    if not text:
        return 0
    reading = read(text)
    if text.count("'") + text.count("’") > 1:
        for token in reading.tokens:
            if token.count("'") + token.count("’") > 1:
                return len(_COUNTED_WORD.findall(text))
    return len(reading.tokens)


class Match(NamedTuple):
    """A cue found in a text: its words (first and last index) and the phrase as written."""

    cue: str
    first: int
    last: int
    found: str
    negated: bool = False


_new_tuple: Final = tuple.__new__


def _match(cue: str, first: int, last: int, found: str, negated: bool) -> Match:
    """`Match(cue, first, last, found, negated)`, made without calling the named tuple's own
    `__new__`, which runs as plain Python even where the text reading is compiled."""
    return cast(Match, _new_tuple(Match, (cue, first, last, found, negated)))


# Each cue's words as a list looks them up (as written or by stem), worked out once: the same cue
# is in several lists (a theme's concern words are among the words that answer it, too).
_PHRASE_KEYS: dict[tuple[str, bool], tuple[str, ...]] = {}


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
        # This list's cues by first word (as written, and by stem); see `_Table`.
        self.tables: tuple[_Table, _Table] = ({}, {})
        # The group whose single pass finds this list's cues (see `CueGroup`), and its place there.
        self.group: CueGroup | None = None
        self.slot = 0
        for phrase in self.phrases:
            exact = not stems or phrase.startswith("=")
            written = phrase.lstrip("=")
            keys = _PHRASE_KEYS.get((written, exact))
            if keys is None:
                keys = _PHRASE_KEYS[(written, exact)] = tuple(self._keys(written, exact))
            if keys:
                _enter(self.tables[0 if exact else 1], keys, 0, written)

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
        """Longest first, left to right, never overlapping."""
        if self.group is not None:
            candidates = self.group.candidates(reading)[self.slot]
        else:
            scanned: list[tuple[int, int, str]] | None = reading.found.get((self, "candidates"))
            if scanned is None:
                scanned = reading.found[(self, "candidates")] = _scan(reading, self.tables, 1,
                                                                      _starts(reading, self.tables))[0]
            candidates = scanned
        found: list[Match] = []
        reached = 0
        for index, end, phrase in candidates:
            if index < reached or index in skip:
                continue
            found.append(_match(phrase, index, end - 1, reading.excerpt(index, end - 1),
                                _negated(reading, index)))
            reached = end
        return found

    def first(self, reading: Reading, *, skip: frozenset[int] = frozenset()) -> Match | None:
        found = self.find(reading, skip=skip)
        return found[0] if found else None


# Cues by first word: the one-word cues (list slot, cue; the first of a list only), and the longer
# ones by their second word (list slot, all their words, cue), longest first.
_Entry = tuple[list[tuple[int, str]], dict[str, list[tuple[int, tuple[str, ...], str]]]]
_Table = dict[str, _Entry]


def _longest_first(option: tuple[int, tuple[str, ...], str]) -> int:
    return -len(option[1])


def _enter(table: _Table, keys: tuple[str, ...], slot: int, phrase: str) -> None:
    singles, longer = table.setdefault(keys[0], ([], {}))
    if len(keys) == 1:
        # The first one-word cue of a list is the one found (they end at the same word).
        if all(taken != slot for taken, _ in singles):
            singles.append((slot, phrase))
    else:
        options = longer.setdefault(keys[1], [])
        options.append((slot, keys, phrase))
        options.sort(key=_longest_first)


def _starts(reading: Reading, tables: tuple[_Table, _Table]) -> list[int]:
    """The places in a text where a cue of these tables could start."""
    lowers, stems = reading.lowers, reading.stems
    exact, stemmed = tables
    return [index for index in range(len(lowers)) if lowers[index] in exact or stems[index] in stemmed]


def _scan(reading: Reading, tables: tuple[_Table, _Table], slots: int,
          indexes: Iterable[int]) -> list[list[tuple[int, int, str]]]:
    """For each list (slot) of the tables, each place among `indexes` where one of its cues
    starts, with the end of the longest such cue: (first word, end, cue)."""
    lowers, stems, sentence_ids = reading.lowers, reading.stems, reading.sentence_ids
    last = len(lowers) - 1
    by_exact, by_stem = tables
    found: list[list[tuple[int, int, str]]] = [[] for _ in range(slots)]
    for index in indexes:
        exact = by_exact.get(lowers[index])
        stemmed = by_stem.get(stems[index])
        if exact is None and stemmed is None:
            continue
        same_sentence = index < last and sentence_ids[index + 1] == sentence_ids[index]
        # Most words start cues of one kind (as written or by stem) and none longer: those are
        # found as they are listed.
        only = stemmed if exact is None else exact if stemmed is None else None
        if only is not None and (not same_sentence or not only[1]
                                 or (stems if exact is None else lowers)[index + 1] not in only[1]):
            end = index + 1
            for slot, phrase in only[0]:
                found[slot].append((index, end, phrase))
            continue
        best: dict[int, tuple[int, str]] = {}
        if exact is not None:
            _longest(exact, lowers, sentence_ids, index, same_sentence, best)
        if stemmed is not None:
            _longest(stemmed, stems, sentence_ids, index, same_sentence, best)
        for slot, (end, phrase) in best.items():
            found[slot].append((index, end, phrase))
    return found


def _longest(entry: _Entry, words: tuple[str, ...], sentence_ids: tuple[int, ...], index: int,
             same_sentence: bool, best: dict[int, tuple[int, str]]) -> None:
    """The cues of one table entry (by the word at `index`, as written or by stem) that start
    there, the longest per list kept in `best` (list slot: end, cue)."""
    singles, longer = entry
    for slot, phrase in singles:
        if slot not in best:
            best[slot] = (index + 1, phrase)
    if not same_sentence:
        return
    options = longer.get(words[index + 1])
    if not options:
        return
    count = len(words)
    for slot, keys, phrase in options:
        end = index + len(keys)
        have = best.get(slot)
        if (have is not None and have[0] >= end) or end > count:
            continue
        if words[index:end] == keys and sentence_ids[end - 1] == sentence_ids[index]:
            best[slot] = (end, phrase)


class CueGroup:
    """Cue lists that are searched in the same texts (the signals of a judgement), found for all
    of them in one pass over a text instead of one pass each."""

    def __init__(self, *lists: Cues) -> None:
        self.lists = lists
        self.tables: tuple[_Table, _Table] = ({}, {})
        for slot, cues in enumerate(lists):
            if cues.group is not None:
                raise ValueError("a cue list can be in one group only")
            cues.group, cues.slot = self, slot
            for table, own in zip(self.tables, cues.tables, strict=True):
                for first, (singles, longer) in own.items():
                    for _, phrase in singles:
                        _enter(table, (first,), slot, phrase)
                    for options in longer.values():
                        for _, keys, phrase in options:
                            _enter(table, keys, slot, phrase)

    def candidates(self, reading: Reading) -> list[list[tuple[int, int, str]]]:
        cached = reading.found.get(self)
        if cached is None:
            cached = reading.found[self] = _scan(reading, self.tables, len(self.lists), range(len(reading)))
        return cached


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


__all__ = ["CueGroup", "Cues", "Match", "Reading", "covered", "quoted", "read", "stem"]
