"""What the scorer weighs in a statement: features a person can read.

Each feature is a name and a value, and each name says what it is:

- `cue:<list>`: how many words of a cue list the text holds (judging words, stance, reasons,
  change over time, the child, events, stock phrases, praise of effort, grade words, reported
  ratings...), on a log scale;
- `has:<signal>`: a yes/no reading (the writer appraises, gives a reason, hedges, writes "we",
  uses a number, a date, a quotation...);
- `len:<band>`: how long the text is;
- `w:<stem>` and `b:<stem>_<stem>`: a word or a pair of words, by stem, with numbers written
  as `#` and names as `<name>`.

The words a feature stands for in the text (`evidence`) are kept, so a finding can quote the
words that weighed most.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from typing import Any, Final

import re2

from ..functions import cues as c
from ..functions.dates import DATE_IN_TEXT
from ..functions.judgements import JudgementReading, signals
from ..functions.text import Match, Reading, read
from ..patterns import compiled

_HEDGES: Final = frozenset({"appears", "appear", "appeared", "seems", "seem", "seemed", "largely", "mostly",
                            "generally", "arguably", "possibly", "probably", "may", "might", "somewhat",
                            "partly", "broadly", "likely", "unclear", "perhaps"})
_FIRST_PERSON: Final = frozenset({"we", "i", "our", "us", "auditor", "auditors", "my"})
# A date, searched with re2 (linear time) on judgements that can be long.
_DATE = re2.compile("(?i)" + DATE_IN_TEXT.pattern)
_DIGIT = compiled(r"\d")
_STOP: Final = frozenset(["a", "an", "the", "and", "or", "of", "to", "in", "on", "at", "by", "for", "with",
                          "from", "is", "are", "was", "were", "be", "been", "being", "it", "its", "this",
                          "that", "these", "those", "as"])


@dataclass
class Features:
    """A statement's features (name to value) and the words each came from.

    Word features keep only their counts; the texts they were counted in (`texts`, a reading and
    its feature-name prefix) are searched again for their words only when a finding asks
    (`words_of`). `vocabulary`, when given, is the set of feature names worth keeping (those a
    model weighs); others are not collected.
    """

    values: dict[str, float] = field(default_factory=dict)
    evidence: dict[str, list[str]] = field(default_factory=dict)
    texts: list[tuple[Reading, str]] = field(default_factory=list)
    vocabulary: Collection[str] | None = None
    pair_words: tuple[dict[str, str], dict[str, str]] | None = None
    """For a concern and an action, each one's words as written by stem: the words of a pair
    feature (`x:<concern stem>|<action stem>`) are put together only when a finding asks."""

    def add(self, name: str, value: float = 1.0, words: Iterable[str] = ()) -> None:
        if not value:
            return
        self.values[name] = self.values.get(name, 0.0) + value
        found = [w for w in words if w]
        if found:
            self.evidence.setdefault(name, []).extend(found)

    def words_of(self, name: str) -> tuple[str, ...]:
        """The words of the text a feature stands for."""
        quoted = list(self.evidence.get(name, ()))
        if self.pair_words is not None and name.startswith("x:") and name in self.values:
            said, written = self.pair_words
            first, _, second = name[2:].partition("|")
            quoted.append(f"'{said.get(first, first)}' and '{written.get(second, second)}'")
        for reading, prefix in self.texts:
            if name.startswith(prefix + "w:"):
                key = name[len(prefix) + 2:]
                quoted += [reading.tokens[i] for i, found in enumerate(_word_keys(reading)) if found == key]
            elif name.startswith(prefix + "b:") and "_" in name:
                first, second = name[len(prefix) + 2:].split("_", 1)
                keys = _word_keys(reading)
                quoted += [reading.excerpt(i, i + 1) for i in range(len(keys) - 1)
                           if keys[i] == first and keys[i + 1] == second]
        return tuple(dict.fromkeys(quoted))

    def count(self, name: str, matches: list[Match]) -> None:
        """A cue list's matches, on a log scale."""
        if matches:
            self.add(name, math.log1p(len(matches)), (m.found for m in matches))


def _band(words: int) -> str:
    for limit, name in ((3, "1-3"), (8, "4-8"), (15, "9-15"), (30, "16-30"), (60, "31-60")):
        if words <= limit:
            return name
    return "61+"


# What a word's scoring key depends on besides its place, worked out once for each word as written
# (a word's key, `_key` of text.py, follows from it): whether it is all letters; whether it holds a
# figure and is not all letters (its key is then "#"); and whether it is shaped like a name (a
# capital, not all capitals, and not a common word), when it is "<name>" wherever it does not
# open its sentence. Emptied past `_SHAPES_KEPT` words, as the reading's own table is.
_ALL_LETTERS: Final = 1
_A_NUMBER: Final = 2
_NAME_SHAPED: Final = 4
_SHAPES: dict[str, int] = {}
_SHAPES_KEPT = 200_000


def _shape(token: str, lower: str) -> int:
    alpha = token.isalpha()
    shape = _ALL_LETTERS if alpha else 0
    if not alpha and _DIGIT.search(token):
        shape |= _A_NUMBER
    if token[0].isupper() and len(token) > 1 and not token.isupper() \
            and lower not in c.COMMON_WORDS and lower not in c.NOT_NAMES:
        shape |= _NAME_SHAPED
    if len(_SHAPES) >= _SHAPES_KEPT:
        _SHAPES.clear()
    _SHAPES[token] = shape
    return shape


def _word_keys(reading: Reading) -> list[str]:
    keys = reading.found.get("word keys")
    if keys is None:
        keys = list(reading.stems)
        lowers, sentence_ids = reading.lowers, reading.sentence_ids
        digits = _DIGIT.search(reading.raw) is not None
        shapes = _SHAPES
        for index, token in enumerate(reading.tokens):
            # Most words are plain lower case and are their stem; only the others are looked at:
            # a word with a capital or a possessive differs from its lower-case form, and one
            # with a digit is only in a text that has one (a word with an apostrophe and neither
            # is its stem either way).
            same = token == lowers[index]
            if same and not digits:
                continue
            shape = shapes.get(token)
            if shape is None:
                shape = _shape(token, lowers[index])
            if same and shape & _ALL_LETTERS:
                continue
            if shape & _A_NUMBER:
                keys[index] = "#"
            elif shape & _NAME_SHAPED and index > 0 and sentence_ids[index - 1] == sentence_ids[index]:
                keys[index] = "<name>"
        reading.found["word keys"] = keys
    return keys


def words(features: Features, reading: Reading, prefix: str = "", pairs_too: bool = True) -> None:
    """Word and word-pair features, by stem, within sentences (only those in the features'
    vocabulary, when it has one)."""
    keys = _word_keys(reading)
    sentence_ids = reading.sentence_ids
    values = features.values
    features.texts.append((reading, prefix))
    vocabulary = features.vocabulary
    if vocabulary is not None:
        # Only the words and pairs the model weighs.
        known = _known(vocabulary, prefix)
        if known is None:
            # One of the first texts read with this vocabulary: each word's and pair's name is
            # put together and looked up (making the tables below for a vocabulary of 47,000
            # names would cost more than a one-form check spends reading all its texts).
            single = f"{prefix}w:"
            for key in keys:
                put_together = single + key
                if put_together in vocabulary:
                    values[put_together] = values.get(put_together, 0.0) + 1.0
            if pairs_too:
                pair = f"{prefix}b:"
                for index, (first, second) in enumerate(pairwise(keys)):
                    # A name is split at its first "_", so a first word with one is never known.
                    if "_" in first or sentence_ids[index] != sentence_ids[index + 1]:
                        continue
                    put_together = f"{pair}{first}_{second}"
                    if put_together in vocabulary:
                        values[put_together] = values.get(put_together, 0.0) + 1.0
            return
        # Each word and pair looked up by its key and counted under the vocabulary's own name
        # for it (no name is put together for a word it does not weigh).
        known_singles, known_pairs = known
        for key in keys:
            name = known_singles.get(key)
            if name is not None:
                values[name] = values.get(name, 0.0) + 1.0
        if pairs_too:
            for index, pair_key in enumerate(pairwise(keys)):
                name = known_pairs.get(pair_key)
                if name is not None and sentence_ids[index] == sentence_ids[index + 1]:
                    values[name] = values.get(name, 0.0) + 1.0
        return
    single = f"{prefix}w:"
    for key in keys:
        if key not in _STOP:
            name = single + key
            values[name] = values.get(name, 0.0) + 1.0
    if pairs_too:
        pair = f"{prefix}b:"
        for index in range(len(keys) - 1):
            if sentence_ids[index] == sentence_ids[index + 1]:
                name = f"{pair}{keys[index]}_{keys[index + 1]}"
                values[name] = values.get(name, 0.0) + 1.0


# Texts read with one vocabulary and prefix before its tables of known words and pairs are made:
# the tables then make each text quicker to read.
TABLES_AFTER = 100
_KNOWN: dict[tuple[int, str], tuple[dict[str, str], dict[tuple[str, str], str]]] = {}
_READ_SO_FAR: dict[tuple[int, str], int] = {}


def _known(vocabulary: Collection[str],
           prefix: str) -> tuple[dict[str, str], dict[tuple[str, str], str]] | None:
    """The word keys and word-pair keys a vocabulary holds, for one prefix, each with its feature
    name (worked out once, when TABLES_AFTER texts have been read with them); None before."""
    cache_key = (id(vocabulary), prefix)
    found = _KNOWN.get(cache_key)
    if found is None:
        read_so_far = _READ_SO_FAR.get(cache_key)
        if read_so_far is None:
            _VOCABULARIES.append(vocabulary)  # keep it alive, so its id is not reused
            read_so_far = _READ_SO_FAR[cache_key] = 0
        if read_so_far < TABLES_AFTER:
            _READ_SO_FAR[cache_key] = read_so_far + 1
            return None
        single, pair = f"{prefix}w:", f"{prefix}b:"
        singles = {name[len(single):]: name for name in vocabulary if name.startswith(single)}
        pairs = {(first, second): name for name in vocabulary if name.startswith(pair)
                 for first, underscore, second in [name[len(pair):].partition("_")] if underscore}
        found = _KNOWN[cache_key] = (singles, pairs)
    return found


_VOCABULARIES: list[Collection[str]] = []


def judgement_features(text: str | None, vocabulary: Collection[str] | None = None) -> Features:
    """The features of a judgement: the rules' readings of it, and its words."""
    features = Features(vocabulary=vocabulary)
    found: JudgementReading = signals(text)
    reading = found.reading
    raw = reading.raw
    features.add("bias:judgement")
    features.count("cue:judging", found.judging)
    features.count("cue:stance", found.stance)
    features.count("cue:reason", found.reason)
    features.count("cue:change", found.change)
    features.count("cue:child", found.child)
    features.count("cue:events", found.process)
    features.count("cue:evidence", found.evidence)
    features.count("cue:filler", found.fillers)
    features.count("cue:effort", found.effort)
    features.count("cue:grade", found.grades)
    features.count("cue:reported",
                   found.reported_words[:1] and [Match("reported", 0, 0, r) for r in found.reported])
    features.add("has:appraisal", float(found.appraises), (m.found for m in found.own_appraisal[:3]))
    features.add("has:no-appraisal", float(not found.appraises))
    features.add("has:reasons", float(found.gives_reasons))
    features.add("has:empty", float(found.empty))
    features.add(f"has:fault-{found.fault()}", float(not found.appraises))
    lowers, tokens = reading.lowers, reading.tokens
    hedges = [tokens[i] for i, lower in enumerate(lowers) if lower in _HEDGES] \
        if not _HEDGES.isdisjoint(lowers) else []
    features.add("has:hedge", float(bool(hedges)), hedges[:2])
    first_person = [tokens[i] for i, lower in enumerate(lowers) if lower in _FIRST_PERSON] \
        if not _FIRST_PERSON.isdisjoint(lowers) else []
    features.add("has:first-person", float(bool(first_person)), first_person[:2])
    date = _DATE.search(raw)
    features.add("has:date", float(bool(date)), (date.group(),) if date else ())
    negations = [tokens[i] for i, lower in enumerate(lowers) if lower in _NEGATIONS] \
        if not _NEGATIONS.isdisjoint(lowers) else []
    features.add("has:negation", float(bool(negations)), negations[:2])
    features.add(f"len:{_band(len(reading))}")
    features.add("len:sentences", math.log1p(reading.sentences))
    words(features, reading, pairs_too=False)  # pairs of words added nothing on dev, at twice the cost
    return features


_NEGATIONS: Final = frozenset({
    "not", "no", "never", "nor", "without", "lack", "lacked", "lacking", "cannot", "didn't", "wasn't",
    "weren't", "hasn't", "haven't", "hadn't", "isn't", "aren't", "doesn't", "don't", "won't", "couldn't",
    "wouldn't", "shouldn't", "little", "rarely"})


def _numbers(features: Features, text: str) -> None:
    numbers = _NUMBER.findall(text)
    features.add("has:number", float(bool(numbers)), numbers[:2])


_NUMBER = compiled(c.NUMBER_PATTERN, re.IGNORECASE)


def measurable_features(text: str | None, measure: str | None = None,
                        vocabulary: Collection[str] | None = None) -> Features:
    """What says whether a plan target can be measured: its words and its measure column's, and
    the cue lists of things that can be counted or seen and of intentions that cannot."""
    from ..functions.plans import measurable_by_rules

    features = Features(vocabulary=vocabulary)
    features.add("bias:target")
    for prefix, written in (("", text or ""), ("m:", measure or "")):
        if not written.strip():
            continue
        reading = read(written)
        weak = c.weak_verbs(reading)
        features.count(f"{prefix}cue:weak", weak)
        features.count(f"{prefix}cue:frequency", c.FREQUENCY.find(reading))
        features.count(f"{prefix}cue:acts", c.OBSERVABLE_ACTS.find(reading))
        features.count(f"{prefix}cue:results", c.OBSERVABLE_RESULTS.find(reading))
        features.count(f"{prefix}cue:child-outcome", c.CHILD_OUTCOME.find(reading))
        _numbers(features, written)
        words(features, reading, prefix)
    features.add("has:measure-column", float(bool((measure or "").strip())))
    ruled = measurable_by_rules(text, measure)
    features.add("has:measurable-by-rules", float(bool(ruled)))
    features.add(f"len:{_band(len(read(text)))}")
    return features


def action_features(text: str | None, vocabulary: Collection[str] | None = None) -> Features:
    """What says whether a recommendation is an action someone can check was done, rather than
    a reminder, a discussion or a wish."""
    from ..functions.plans import tick_box_by_rules

    features = Features(vocabulary=vocabulary)
    features.add("bias:recommendation")
    reading = read(text)
    features.count("cue:tick-box", c.TICK_BOX.find(reading))
    features.count("cue:weak", c.weak_verbs(reading))
    features.count("cue:acts", c.OBSERVABLE_ACTS.find(reading))
    features.count("cue:results", c.OBSERVABLE_RESULTS.find(reading))
    _numbers(features, text or "")
    features.add("has:tick-box-by-rules", float(bool(tick_box_by_rules(text))))
    features.add(f"len:{_band(len(reading))}")
    words(features, reading)
    return features


_PEOPLE = {word: who for who, words in {
    "mother": "mum mother mum's mother's mummy mam",
    "father": "dad father dad's father's daddy stepdad stepfather",
    "child": "child children child's children's kids baby baby's son daughter boys girls twins siblings",
    "carer": "carer carers carer's foster nan grandmother grandad grandparents aunt uncle",
}.items() for word in words.split()}


def _people(reading: Reading) -> frozenset[str]:
    """Who a text is about: the family members it names by role, and anyone by name."""
    from ..functions.concerns import is_name

    found = {_PEOPLE[lower] for lower in reading.lowers if lower in _PEOPLE}
    found.update(reading.lowers[index].removesuffix("'s").removesuffix("’s")
                 for index in range(len(reading)) if is_name(reading, index))
    return frozenset(found)


_ActionSide = tuple[Reading, frozenset[str], dict[str, str], tuple[str, ...], bool, frozenset[str],
                    frozenset[str]]


@lru_cache(maxsize=256)
def _action_side(action: str) -> _ActionSide:
    """What pair features need of an action, worked out once however many concerns it is
    weighed against: its reading, its distinctive words, each word's stem as written, the themes
    it speaks to, whether it only keeps the plan going, and who it is about."""
    from ..functions import concerns as k

    reading = read(action)
    # Quoted as written, not as stems: "'nightmares' and 'therapeutic'".
    written = {stem: token for token, stem in zip(reading.tokens, reading.stems, strict=True)}
    themes = tuple(theme.name for theme in k.THEMES if theme.answer.find(reading))
    return (reading, k.action_words(action), written, themes, k.upkeep_only(action), _people(reading),
            k.wide_words(reading))


@lru_cache(maxsize=256)
def _concern_side(clause: str) -> tuple[dict[str, str], frozenset[str], frozenset[str]]:
    """What pair features need of a concern's clause: each word's stem as written, who it is
    about, and its wider words."""
    from ..functions import concerns as k

    reading = read(clause)
    written = {stem: token for token, stem in zip(reading.tokens, reading.stems, strict=True)}
    return written, _people(reading), k.wide_words(reading)


def pair_features(concern: object, action: str, vocabulary: Collection[str] | None = None,
                  near: Mapping[str, float] | None = None) -> Features:
    """What says whether an action answers a concern: the words they share, whether the action
    speaks to the concern's theme or only keeps the plan going, each pair of a concern's word
    with an action's word (`x:<concern stem>|<action stem>`, generic words such as "missing" or
    "HV" among them), which is how answers in other words are learned ("nightmar|therapeut"),
    and, with `near` (pairs of words near in meaning, learned from the corpus's text), how near
    the action's words come to the concern's."""
    from ..functions import concerns as k

    assert isinstance(concern, k.Concern)
    features = Features(vocabulary=vocabulary)
    features.add("bias:pair")
    reading, words_of_action, written, action_themes, upkeep, people, wide_of_action = _action_side(action)
    said, concern_people, wide_of_concern = _concern_side(concern.clause)
    shared = concern.words & words_of_action
    features.add("n:shared", math.log1p(len(shared)), sorted(shared)[:2])
    themed = [theme.name for theme in concern.themes if theme.name in action_themes]
    features.add("has:theme-answer", float(bool(themed)), themed[:1])
    features.add("has:theme-related", float(any(theme.related.find(reading) for theme in concern.themes)))
    features.add("has:upkeep", float(upkeep))
    features.add("has:concern-theme", float(bool(concern.themes)))
    same = concern_people & people
    features.add("has:same-person", float(bool(same)), sorted(same)[:1])
    # The same at the level of needs, which carries over to words the pairs never used together:
    # a concern's theme with an action's word, and a concern's word with the themes an action
    # speaks to.
    for theme in concern.themes:
        for action_word in sorted(words_of_action):
            name = f"tx:{theme.name}|{action_word}"
            if vocabulary is None or name in vocabulary:
                features.add(name, 1.0, (f"{theme.name} and '{written.get(action_word, action_word)}'",))
    for concern_word in sorted(concern.words):
        for action_theme in action_themes:
            name = f"xt:{concern_word}|{action_theme}"
            if vocabulary is None or name in vocabulary:
                features.add(name, 1.0, (f"'{said.get(concern_word, concern_word)}' and {action_theme}",))
    # The generic words they share ("missing", "health assessment"), which alone answer nothing
    # by the cue lists, and which the matcher weighs for itself.
    shared_wide = (wide_of_concern & wide_of_action) - shared
    features.add("n:shared-wide", math.log1p(len(shared_wide)),
                 [f"'{said.get(word, word)}'" for word in sorted(shared_wide)[:2]])
    of_action = sorted(words_of_action | wide_of_action)
    values = features.values
    features.pair_words = (said, written)  # their words quoted only when a finding asks
    for concern_word in sorted(concern.words | wide_of_concern):
        for action_word in of_action:
            name = f"x:{concern_word}|{action_word}"
            if vocabulary is None or name in vocabulary:
                values[name] = values.get(name, 0.0) + 1.0
    if near:
        _nearness(features, concern.words, words_of_action, near, said, written)
    return features


def _nearness(features: Features, concern_words: frozenset[str], action_words: frozenset[str],
              near: Mapping[str, float], said: dict[str, str], written: dict[str, str]) -> None:
    """How near the action's words come to each of the concern's: the nearest pair, and the mean
    over the concern's words of how near its nearest action word is."""
    if not concern_words:
        return
    nearest: list[tuple[float, str, str]] = []
    in_order = sorted(action_words)
    for concern_word in sorted(concern_words):
        best, tie = 0.0, ""
        for action_word in in_order:
            pair = (concern_word, action_word) if concern_word < action_word else (action_word, concern_word)
            value = near.get(f"{pair[0]}|{pair[1]}", 0.0)
            if value > best:
                best, tie = value, action_word
        nearest.append((best, concern_word, tie))
    top, concern_word, action_word = max(nearest)
    quoted = f"'{said.get(concern_word, concern_word)}' and '{written.get(action_word, action_word)}'"
    features.add("v:near-words", top, (quoted,))
    features.add("v:near-words-mean", sum(value for value, _, _ in nearest) / len(nearest))


def _fit(concern: Any, action: str, closeness: Callable[[Any, str], float]) -> float:
    """How well an action answers a concern, to compare concerns: by its theme's own words
    first, then by words they share, then by the matcher's probability."""
    from ..functions import concerns as k

    reading = read(action)
    score = closeness(concern, action)
    if any(theme.answer.find(reading) for theme in concern.themes):
        score += 2.0
    shared = concern.words & k.action_words(action)
    if shared:
        score += 1.0 + 0.1 * len(shared)
    return score


# What a clause is read beside: the word joining it to the clause before ("but", "so"), and sets
# of words that say when a worry was, who says so, or that it is denied or hedged.
_JOINED_BY = compiled(r"\b(but|however|although|though|whereas|while|and|so|because|as|since|which|who|when"
                      r"|if)\W*$")
_SENTENCE_ENDS = compiled(r"[.!?\n]\s*\S*$")
_CLAUSE_WORDS = {name: frozenset(listed.split()) for name, listed in {
    "past": "previously historically history past ago former formerly earlier once used historic prior",
    "now": "now currently still remains remain ongoing continues continue recently current again today",
    "done": "resolved ended stopped closed addressed settled completed finished discharged",
    "said-by": "says said told tells reports reported describes described feels felt believes denies denied "
               "states stated explains explained according disclosed admits accepts acknowledges insists "
               "claims claimed view views",
    "denied": "no not never none nothing without denies denied unfounded unsubstantiated n't",
}.items()} | {"hedge": _HEDGES}
_ADULT_OPENS = frozenset({"mum", "mother", "dad", "father", "parents", "parent", "stepdad",
                          "stepfather", "partner", "carer", "carers", "grandmother", "nan", "mr", "mrs",
                          "ms", "miss", "she", "he", "they"})
_CHILD_OPENS = frozenset({"child", "children", "baby", "son", "daughter", "boys", "girls", "twins",
                          "siblings", "kids"})


@dataclass(frozen=True)
class ClauseContext:
    """Where a clause stands in its analysis, which changes how it reads ("but she now attends"
    after a worry, a worry named just after a strength): what joins it to the clause before, what
    the cue lists read in the clauses either side, and how far through the analysis it comes."""

    joined_by: tuple[str, ...] = ()
    before: tuple[str, ...] = ()
    after: tuple[str, ...] = ()
    fifth: int = 0
    last: bool = False


def clause_contexts(text: str | None, clauses: Sequence[str]) -> list[ClauseContext]:
    """The context of each clause of an analysis (its clauses in order, as `clauses_of` gives
    them): the text between the clause before and it is searched for a joining word."""
    from ..functions.concerns import clause_cues

    text = text or ""
    cues = [clause_cues(clause) for clause in clauses]
    found, start = [], 0
    for index, clause in enumerate(clauses):
        joined: list[str] = []
        at = text.find(clause, start)
        if index == 0:
            joined.append("start")
        elif at < 0:
            joined.append("unknown")
        else:
            between = text[start:at].lower()
            if _SENTENCE_ENDS.search(between):
                joined.append("sentence")
            joined += [mark for mark, sign in (("semicolon", ";"), ("colon", ":")) if sign in between]
            word = _JOINED_BY.search(between)
            if word:
                joined.append(word.group(1))
        if at >= 0:
            start = at + len(clause)
        found.append(ClauseContext(tuple(joined), cues[index - 1] if index else ("none",),
                                   cues[index + 1] if index + 1 < len(clauses) else (),
                                   min(4, 5 * index // max(1, len(clauses))), index == len(clauses) - 1))
    return found


def clause_features(clause: str, vocabulary: Collection[str] | None = None,
                    context: ClauseContext | None = None) -> Features:
    """What says whether a clause of an analysis names a concern: what the cue lists read in it,
    its length, its words, its opening words, and words that say when, who says so or that it is
    denied; and, given its context, what joins it to the clause before and what the cue lists
    read in the clauses either side."""
    from ..functions.concerns import clause_cues

    features = Features(vocabulary=vocabulary)
    features.add("bias:clause")
    for cue in clause_cues(clause):
        features.add(f"has:{cue}")
    reading = read(clause)
    features.add(f"len:{_band(len(reading))}")
    words(features, reading)
    lowers, stems = reading.lowers, reading.stems
    if lowers:
        features.add(f"first:{stems[0]}")
        if len(stems) > 1:
            features.add(f"first2:{stems[0]}_{stems[1]}")
        said = set(lowers)
        for name, listed in _CLAUSE_WORDS.items():
            if not listed.isdisjoint(said):
                features.add(f"lex:{name}")
        if "no longer" in clause.lower():
            features.add("lex:done")
        if lowers[0] in _ADULT_OPENS:
            features.add("lex:subj-adult")
        elif lowers[0] in _CHILD_OPENS:
            features.add("lex:subj-child")
        elif reading.tokens[0][:1].isupper() and lowers[0].isalpha():
            features.add("lex:subj-name?")
    if context is not None:
        for word in context.joined_by:
            features.add(f"ctx:after-{word}")
        for cue in context.before:
            features.add(f"ctx:prev-{cue}")
        for cue in context.after:
            features.add(f"ctx:next-{cue}")
        features.add(f"ctx:pos{context.fifth}")
        if context.last:
            features.add("ctx:last")
    return features


def _odds(chance: float) -> float:
    """A chance as log-odds, kept within 1 in 10,000 of certain either way."""
    chance = min(max(chance, 1e-4), 1.0 - 1e-4)
    return math.log(chance / (1.0 - chance))


def _gap_rows(every: Sequence[tuple[str, Any]], chances: Sequence[float], working: Sequence[str],
              near: Sequence[Sequence[float]]) -> list[Features]:
    """For each clause of an analysis, what says whether it names a concern that no action
    answers: how surely it names a concern (`chances`, from the model of which clauses name one),
    how near each action comes to it (`near`, from the matcher), whether the action nearest it comes
    nearer another clause, and whether the cue lists find an action that answers it. The
    `concern-gap` reader weighs these, learned from concerns labelled one by one."""
    from ..functions import concerns as k

    rows = []
    for index, ((_, concern), chance) in enumerate(zip(every, chances, strict=True)):
        ranked = sorted(near[index], reverse=True)
        nearest = ranked[0] if ranked else 0.0
        none = math.prod(1.0 - value for value in ranked)
        # How much nearer the action nearest this clause comes to another clause: an action is
        # most often written for one worry.
        elsewhere = 0.0
        if ranked:
            best = near[index].index(nearest)
            elsewhere = max((near[other][best] for other in range(len(every)) if other != index),
                            default=0.0) - nearest
        by_words = float(k.answer_to(concern, working) is not None)
        row = Features()
        for name, value in (
                ("g:names", chance), ("g:names-odds", _odds(chance)), ("g:none", none),
                ("g:none-odds", _odds(none)), ("g:names-none", chance * none),
                ("g:names-none-odds", _odds(chance) * _odds(none)), ("g:nearest", nearest),
                ("g:second", ranked[1] if len(ranked) > 1 else 0.0), ("g:names-nearest", chance * nearest),
                ("g:nearer-elsewhere", elsewhere), ("g:names-nearer-elsewhere", chance * elsewhere),
                ("g:answered-by-words", by_words), ("g:names-answered-by-words", chance * by_words),
                ("g:theme", float(bool(concern.themes))), ("g:own-words", float(bool(concern.words))),
                ("g:no-words", float(not concern.words and not concern.themes)),
                ("g:summary", float(k.is_summary(concern))), ("g:actions", math.log1p(len(working))),
                ("g:no-actions", float(not working)), ("g:clauses", math.log1p(len(every)))):
            row.add(name, value)
        rows.append(row)
    return rows


def _clauses_in_place(text: str | None) -> tuple[list[tuple[str, Any]], list[ClauseContext]]:
    """Each clause of an analysis, as the concern reading splits it, with the concern read from it,
    and where each stands in the analysis."""
    from ..functions import concerns as k

    every = [(clause, k.concern_from(clause)) for clause in k.clauses_of(text)]
    return every, clause_contexts(text, [clause for clause, _ in every])


def _closeness_table(every: Sequence[tuple[str, Any]], working: Sequence[str],
                     closeness: Callable[[Any, str], float]) -> list[list[float]]:
    """How near each action comes to each clause's concern, by the matcher: worked out once for an
    analysis, for every reading that needs it."""
    return [[closeness(concern, action) for action in working] for _, concern in every]


def clause_gaps(text: str | None, actions: object, matcher: object,
                clauses: Any) -> list[tuple[str, Features]]:
    """Each clause of an analysis, as the concern reading splits it, with what says whether it
    names a concern that no agreed action answers (see `_gap_rows`), read with the matcher and
    the model of which clauses name a concern: what the `concern-gap` reader learns from."""
    from ..functions import concerns as k

    every, contexts = _clauses_in_place(text)
    working = [t for t in k.action_texts(actions) if not k.upkeep_only(t)]  # type: ignore[arg-type]
    chances = [float(clauses.probability(clause_features(clause, clauses.vocabulary, context)))
               for (clause, _), context in zip(every, contexts, strict=True)]
    near = _closeness_table(every, working, matcher.closeness)  # type: ignore[attr-defined]
    rows = _gap_rows(every, chances, working, near)
    return [(clause, row) for (clause, _), row in zip(every, rows, strict=True)]


def _clause_readings(features: Features, text: str | None, concerns: Sequence[Any], unanswered: Sequence[Any],
                     working: Sequence[str], matcher: object, clauses: Any, gaps: Any = None) -> None:
    """How surely the unanswered concerns are concerns, by the model of which clauses name one
    (learned from concerns labelled one by one), and the clauses it reads as concerns that
    the cue lists passed over and no action answers."""
    from ..functions import concerns as k

    weighed: dict[tuple[str, ClauseContext | None], float] = {}
    every, contexts = _clauses_in_place(text)
    context_of = dict(zip((clause for clause, _ in every), contexts, strict=True))

    def weigh(clause: str, context: ClauseContext | None = None) -> float:
        found = weighed.get((clause, context))
        if found is None:
            found = weighed[(clause, context)] = float(clauses.probability(
                clause_features(clause, clauses.vocabulary, context)))
        return found

    def weigh_in_place(clause: str) -> float:
        return weigh(clause, context_of.get(clause))

    sure = [(concern.clause, weigh_in_place(concern.clause)) for concern in unanswered]
    features.add("v:unanswered-clause", max((p for _, p in sure), default=0.0),
                 [max(sure, key=lambda pair: pair[1])[0]] if sure else ())
    features.add("n:unanswered-clause", math.log1p(sum(1 for _, p in sure if p >= 0.5)),
                 [clause for clause, p in sure if p >= 0.5][:1])
    covered = [concern.clause for concern in concerns]
    missed = []
    for clause, concern in every:
        if any(clause in seen or seen in clause for seen in covered):
            continue
        if not concern.words and not concern.themes:
            continue
        weight = weigh_in_place(clause)
        if weight >= 0.5 and k.answer_to(concern, working, matcher) is None:  # type: ignore[arg-type]
            missed.append((clause, weight))
    features.add("n:unanswered-passed", math.log1p(len(missed)), [clause for clause, _ in missed[:1]])
    features.add("v:unanswered-passed", max((p for _, p in missed), default=0.0),
                 [max(missed, key=lambda pair: pair[1])[0]] if missed else ())
    closeness = getattr(matcher, "closeness", None)
    if closeness is None:
        return
    near = _closeness_table(every, working, closeness)
    _gaps_by_product(features, every, near, working, weigh_in_place, weigh, closeness)
    if gaps is not None and every:
        # Each clause's gap judged by the `concern-gap` reader, and the chance that at least one
        # clause names a concern no action answers.
        chances = [weigh(clause, context) for (clause, _), context in zip(every, contexts, strict=True)]
        rows = _gap_rows(every, chances, working, near)
        judged = [(clause, float(gaps.probability(row)))
                  for (clause, _), row in zip(every, rows, strict=True)]
        widest = max(judged, key=lambda pair: pair[1])
        features.add("v:gap-learned", 1.0 - math.prod(1.0 - chance for _, chance in judged), [widest[0]])
    if not working:
        return
    # Every clause weighed at once, with no cue list deciding: how surely it names a concern,
    # times how surely no action answers it. The rubric's "a concern with no action", in degrees.
    gaps = [(clause, weigh_in_place(clause) * (1.0 - max(close)))
            for (clause, _), close in zip(every, near, strict=True)]
    if gaps:
        widest = max(gaps, key=lambda pair: pair[1])
        features.add("v:gap", widest[1], [widest[0]])
        features.add("v:gaps", sum(gap for _, gap in gaps))


# Where a clause joins several worries ("he has nightmares and flashbacks, still has no school
# place"): one action answering one of them does not answer the others.
_PART_BREAK = compiled(r",\s*|\s+and\s+|\s+with\s+|\s+because\s+|\s+after\s+|\s+since\s+|\s+so\s+"
                       r"|\s+as\s+|\(|\)")


def _parts(clause: str) -> list[str]:
    """The parts of a clause between commas, brackets and joining words, of two words or more (none
    when the clause is one part)."""
    parts = [part.strip() for part in _PART_BREAK.split(clause) if part and part.strip()]
    return [part for part in parts if len(part.split()) >= 2 and part != clause]


def _none_answer(closeness: Sequence[float]) -> float:
    """How surely no action answers a worry: every action failing to, one less each one's closeness
    multiplied together (1 with no actions)."""
    return math.prod(1.0 - value for value in closeness)


def _widest(features: Features, name: str, gaps: Sequence[tuple[str, float]]) -> None:
    if gaps:
        clause, gap = max(gaps, key=lambda pair: pair[1])
        features.add(name, gap, [clause])


def _gaps_by_product(features: Features, every: Sequence[tuple[str, Any]], near: Sequence[Sequence[float]],
                     working: Sequence[str], weigh: Callable[[str], float],
                     weigh_part: Callable[[str], float], closeness: Callable[[Any, str], float]) -> None:
    """How surely some worry goes unanswered, each weighed by how surely it names a concern: for
    each clause that names a worry (`v:gap-prod`), for each part of a clause (`v:gap-part`), and
    with an action counted at half its closeness for a clause when it comes much nearer another
    clause that surely names a concern (`v:gap-shared`), as an action is most often written for
    one worry. A clause is weighed in its place in the analysis (`weigh`), a part of one on its
    own (`weigh_part`); `near` holds how near each action comes to each clause."""
    from ..functions import concerns as k

    named = [(clause, weigh(clause), close)
             for (clause, concern), close in zip(every, near, strict=True) if concern.words or concern.themes]
    _widest(features, "v:gap-prod", [(clause, p * _none_answer(close)) for clause, p, close in named])
    # Only the widest gap counts, and a part's gap only narrows as each action is matched with it
    # (from how surely it names a concern): a part is dropped once it cannot pass the widest so far.
    parted: list[tuple[str, float]] = []
    widest = -1.0
    for clause, _ in every:
        for part in _parts(clause):
            p = weigh_part(part)
            if p < widest:
                continue
            concern = k.concern_from(part)
            if not concern.words and not concern.themes:
                continue
            unanswered = 1.0
            for action in working:
                if p * unanswered < widest:
                    break
                unanswered *= 1.0 - closeness(concern, action)
            if p * unanswered >= widest:
                parted.append((part, p * unanswered))
                widest = p * unanswered
    _widest(features, "v:gap-part", parted)
    sure = [(clause, p, close) for clause, p, close in named if p >= 0.5]
    if sure and working:
        nearest = [max(close[index] for _, _, close in sure) for index in range(len(working))]
        _widest(features, "v:gap-shared", [
            (clause, p * _none_answer([value if value >= 0.8 * nearest[index] else 0.5 * value
                                       for index, value in enumerate(close)]))
            for clause, p, close in sure])


def victim_only_words(text: str | None, actions: object,
                      vocabulary: Collection[str] | None = None) -> Features:
    """What the `victim-only` reader weighs: the words of an analysis and of its actions (`a:`
    before an action's), one by one and in pairs, on a log scale. Learned from the labels, it
    reads whether the analysis names harm by a person while every action falls on others: the
    one harmed, the children, those protecting them ("Mum to attend the Freedom Programme",
    "school given his photo", "call the police if he comes"), with none that works with the
    one causing it (a perpetrator programme, an arrest, bail conditions, a meeting with him)."""
    from ..functions import concerns as k

    features = Features(vocabulary=vocabulary)
    words(features, read(text))
    for action in k.action_texts(actions):  # type: ignore[arg-type]
        words(features, read(action), "a:")
    values = features.values
    for name, value in values.items():
        values[name] = math.log1p(value)
    return features


def analysis_features(text: str | None, actions: object, named_elsewhere: str | None = None,
                      matcher: object = None, vocabulary: Collection[str] | None = None,
                      clauses: Any = None, gaps: Any = None, victims: Any = None) -> Features:
    """What says whether the agreed actions answer an analysis: how many concerns it names, how
    many the actions answer and how, whether abuse by a named person goes without work with them
    (by the cue lists, and with `victims` by the reader learned from the labels), and the needs
    (themes) of the concerns left unanswered."""
    from ..functions import concerns as k

    features = Features(vocabulary=vocabulary)
    features.add("bias:analysis")
    concerns = k.not_named_in(k.concerns_of(text), named_elsewhere)
    texts = k.action_texts(actions)  # type: ignore[arg-type]
    working = [t for t in texts if not k.upkeep_only(t)]
    plain = [k.answer_to(concern, working) for concern in concerns]
    answers = [k.answer_to(concern, working, matcher) for concern in concerns]  # type: ignore[arg-type]
    features.add("n:by-matcher", math.log1p(sum(1 for a, b in zip(plain, answers, strict=True)
                                                 if a is None and b is not None)))
    unanswered = [concern for concern, answer in zip(concerns, answers, strict=True) if answer is None]
    features.add("n:concerns", math.log1p(len(concerns)))
    features.add("n:actions", math.log1p(len(texts)))
    features.add("n:upkeep", math.log1p(len(texts) - len(working)))
    features.add("n:unanswered", math.log1p(len(unanswered)), (c.clause for c in unanswered[:2]))
    features.add("has:unanswered", float(bool(unanswered)), (c.clause for c in unanswered[:1]))
    real = [concern for concern in unanswered if not k.is_summary(concern)]
    features.add("has:unanswered-not-summary", float(bool(real)), (c.clause for c in real[:1]))
    features.add("n:unanswered-summary", math.log1p(len(unanswered) - len(real)))
    features.add("has:unanswered-theme", float(any(c.themes for c in unanswered)),
                 (c.named for c in unanswered if c.themes))
    features.add("has:unanswered-own-words", float(any(not c.themes for c in unanswered)),
                 (c.clause for c in unanswered if not c.themes))
    closeness = getattr(matcher, "closeness", None)
    if closeness is not None and working and len(concerns) > 1:
        # Each action given to the concern it answers best: a concern answered only by actions
        # that answer another concern better may have been passed over ("School nurse to see
        # Amelia about bedwetting" answers the bedwetting, not her upset about Dad).
        served: set[int] = set()
        for action in working:
            scores = [_fit(concern, action, closeness) for concern in concerns]
            served.add(max(range(len(concerns)), key=scores.__getitem__))
        passed_over = [concern for index, (concern, answer) in enumerate(zip(concerns, answers, strict=True))
                       if answer is not None and index not in served and not k.is_summary(concern)]
        features.add("n:passed-over", math.log1p(len(passed_over)), (c.clause for c in passed_over[:1]))
    if closeness is not None and unanswered and working:
        # How near the matcher came to an answer for each concern left unanswered: a concern no
        # action comes near is more surely left unanswered than one answered in words it half knows.
        nearest = [max(closeness(concern, action) for action in working) for concern in real or unanswered]
        features.add("n:unanswered-far", math.log1p(sum(1 for value in nearest if value < 0.2)))
        features.add("v:unanswered-nearest", min(nearest))
    if clauses is not None:
        _clause_readings(features, text, concerns, unanswered, working, matcher, clauses, gaps)
    features.add("n:by-words", math.log1p(sum(1 for a in answers
                                              if a is not None and a.how.startswith("the same"))))
    features.add("n:by-theme", math.log1p(sum(1 for a in answers
                                              if a is not None and not a.how.startswith("the same"))))
    harm = k.harm_in(text)
    if harm is not None:
        # Not harm named as such: naming it is no fault, leaving the one causing it out is. Weighed
        # on its own, it raised good analyses that work with him above ones that leave a concern.
        with_harmer = [t for t in texts if k.works_with_harmer(t, harm)]
        features.add("has:harmer-worked-with", float(bool(with_harmer)), with_harmer[:1])
        features.add("has:victim-only", float(not with_harmer), (harm.words,))
        features.add("has:harmer-named", float(bool(harm.names)), harm.names[:1])
    if victims is not None:
        found = victim_only_words(text, actions, victims.vocabulary)
        towards = [word for part in victims.weighed(found, 6) if part.weight > 0 for word in part.words]
        features.add("v:victim-only-learned", victims.probability(found), towards[:3])
    features.add(f"len:{_band(len(read(text)))}")
    # An unanswered concern's theme is weighed; its own words are not, one by one: the model of
    # which clauses name a concern weighs them whole. Weighed one by one as well, across writers
    # they added nothing (0.866 with them, 0.869 without, at the same 3% of good flagged).
    for concern in unanswered[:3]:
        for theme in concern.themes:
            features.add(f"ut:{theme.name}", 1.0, (concern.named,))
    for concern, answer in zip(concerns, answers, strict=True):
        if answer is not None:
            for theme in concern.themes:
                features.add(f"at:{theme.name}", 1.0, (concern.named,))
    return features


__all__ = [
    "ClauseContext",
    "Features",
    "action_features",
    "analysis_features",
    "clause_contexts",
    "clause_features",
    "clause_gaps",
    "judgement_features",
    "measurable_features",
    "pair_features",
    "words",
]
