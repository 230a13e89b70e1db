"""Reading people as people write them: who will do a thing, in an owner column or in the text.

An owner may be a role ("the health visitor", "DSL", "PA", "The Head of Service"), a named person
("Kai", "Mrs Okafor", "Nan"), the child by name or initial ("K", "Child A", "Amir's attendance"),
or a named agency ("CAMHS", "CGL"). It may be written as the subject of a clause ("The Head of
Service will ...", "Mum and Dad to ..."), after a label ("Lead: HV"), as the agent of a passive
("... to be completed by the health visitor") or on its own in brackets or after a dash ("(SW)",
"- Mum"). Vague owners ("professionals", "core group", "the family", "all") are told apart, so
a finding can say which words hold no one to account.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from ..patterns import compiled
from . import cues as c
from .text import Match, Reading, covered, read

# Words that tie the one who acts to the action: "Mother to attend", "the SW will".
_LINKS = frozenset({
    "to", "will", "must", "should", "shall", "can", "would", "may", "agreed", "agrees", "needs",
    "need", "is", "are", "has", "have", "continues", "continue", "responsible", "undertakes",
    "undertake", "commits", "committed", "plans", "intends", "aims", "wants", "was", "were",
})
# A verb straight after a person also ties them to the action: "the TM reviews", "Kai attends".
_VERBS = frozenset("""
attends completes visits reviews ensures takes makes gives provides keeps agrees arranges meets sees
tells shares reports refers books convenes chairs audits writes sends checks supports works leads
undertakes monitors offers contacts calls rings collects drops supervises delivers runs holds
produces publishes sets starts stops uses walks reads sleeps eats stays remains moves goes lives
cares looks helps talks speaks explains records completes signs registers applies pays cleans
decides approves allocates authorises commissions escalates confirms reports places adds updates
introduces develops establishes appoints creates issues amends revises reallocates circulates
recirculates implements considers clarifies strengthens embeds trains invites notifies informs requests
organises prepares presents obtains tracks
""".split())
_JOINERS = frozenset({"and", "or", "&", "/", "plus", "with", "jointly"})
_LITTLE = frozenset({"the", "a", "an", "each", "every", "both", "his", "her", "their", "our", "its"})
# Qualifiers after a role that keep it the one who acts: "Head of Service for Safeguarding".
_QUALIFIERS = frozenset({"for", "of", "from", "at", "in", "on", "within", "east", "west", "north", "south"})
_HEAD_WORDS = frozenset(c.ROLE_HEADS.phrases)
# Words that cannot be part of a job title before its head word.
_MODIFIER_STOPS = frozenset({"the", "a", "an", "to", "by", "and", "or", "with", "for", "of", "will", "should",
                             "must", "is", "are", "be", "from", "at", "in", "on", "that", "this", "each",
                             "every", "all", "our", "their", "his", "her", "then", "also", "when", "if",
                             "named", "&", "+", "/"})
# Words after which a new clause, with its own subject, begins.
_CLAUSE_OPENERS = frozenset({"that", "recommends", "recommend", "recommended", "recommendation", "suggests",
                             "suggest", "asks", "request", "requests", "proposes", "propose"})
# Words that may stand before a role in a subject: "the duty TM", "the allocated SW".
_ROLE_ADJECTIVES = frozenset("""
then also allocated named new current relevant designated lead duty senior deputy assistant acting
interim locality area link key specialist independent principal advanced consultant case
""".split())
_TIME_OPENERS = frozenset({"by", "before", "until", "within", "from", "after", "during", "over", "in", "at",
                          "on", "every", "each", "once", "when", "if", "following", "for"})
_TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof"})
_TITLE = compiled(r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof)\.?\s+[A-Z][\w'’-]*(?:[\s-][A-Z][\w'’-]*)?")
_LABEL = compiled(
    r"\b(?:lead|owner|who|responsible|responsibility|person responsible|by whom|action by|actioned by|"
    r"lead professional|lead agency|led by)\s*[:=]\s*(?P<who>[^;,\n.()]{1,60})", re.IGNORECASE)
_INITIALS = compiled(r"^(?:[A-Z]\.?){1,3}$")
_NAME = compiled(r"^[A-Z][a-z'’-]+$|^[A-Z][a-z]+[A-Z][a-z]+$|^O['’][A-Z][a-z]+$")


def _name_shaped(token: str) -> bool:
    """Whether a word is written as a name is: a capital, then small letters ("Kai", "O'Neil",
    "McKenzie"), in any alphabet ("Oisín", "Zoë", "Łukasz", "Şahin")."""
    if _NAME.match(token):
        return True
    if token.isascii():
        return False
    rest = token[1:].replace("'", "").replace("’", "").replace("-", "")
    return token[:1].isupper() and token[:1].isalpha() and rest.isalpha() and rest.islower()
_ACRONYM = compiled(r"^[A-Z]{2,7}s?$")
_HAS_DIGIT = compiled(r"\d")


class Owner(NamedTuple):
    """Who was found to act, and how: role, name, initial, child, agency, label or column."""

    found: str
    how: str


class _Person(NamedTuple):
    first: int
    last: int
    how: str


_NOBODY = _Person(-1, -1, "")


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    """Everyday words that open a sentence with a capital but are not a person's name."""
    return c.COMMON_WORDS | c.NOT_NAMES


def _is_name(token: str, lower: str, opens: bool) -> bool:
    if _INITIALS.match(token):
        return len(token.replace(".", "")) <= 2 or token.endswith(".")
    bare = token.split("'")[0].split("’")[0]
    if bare != token and _INITIALS.match(bare) and token[len(bare):] in ("'s", "’s"):
        return len(bare) <= 2 and bare.lower() not in c.NOT_NAMES  # "K's weight", not "I'm"
    if not _name_shaped(bare):
        return False
    if lower in c.NOT_NAMES:
        return False
    # An everyday word with a capital ("Key Stage", "Year", or any word opening a sentence) is
    # not taken for a name.
    return lower not in _common_words()


def _people(reading: Reading) -> list[_Person]:
    """Every person the text names, in order: roles, vague owners left out."""
    tokens, lowers, sentence_ids = reading.tokens, reading.lowers, reading.sentence_ids
    count = len(tokens)
    vague = vague_words(reading)
    roles = {m.first: m for m in c.ROLES.find(reading, skip=vague)}
    taken = covered(list(roles.values()))
    # A job title ending in a word such as lead, coordinator or inspector: "the commissioning
    # lead", "FGC coordinator", "MASH Detective Inspector".
    # A head word in the title of a role before it is not a role of its own: "Head of Education".
    heads = [m for m in c.ROLE_HEADS.find(reading, skip=vague | taken) if not _in_title(reading, m.first)]
    # A role ending in a title's head word takes its modifiers too: "SEN officer", "the
    # Safeguarding Unit manager".
    heads += [m for m in list(roles.values()) if lowers[m.last] in _HEAD_WORDS]
    for head in heads:
        first = head.first
        while first > 0 and head.first - first < 3 and sentence_ids[first - 1] == sentence_ids[head.first] \
                and lowers[first - 1] not in _MODIFIER_STOPS \
                and (first - 1 not in taken or lowers[first - 1] in _NAMED_FOR_WHAT_THEY_DO) \
                and first - 1 not in vague and not tokens[first - 1].isdigit() \
                and not _bracket_between(reading, first - 1):  # "I'll (NS mgr) write": not "I'll NS mgr"
            first -= 1
            roles.pop(first, None)  # "the legal gateway chair": one title, not "legal" and a chair
        roles.pop(head.first, None)
        roles[first] = Match(head.cue, first, head.last, reading.excerpt(first, head.last))
    found: list[_Person] = []
    index = 0
    while index < count:
        if index in vague:
            index += 1
            continue
        role = roles.get(index)
        opens = index == 0 or sentence_ids[index - 1] != sentence_ids[index]
        token, lower = tokens[index], lowers[index]
        if role is not None:
            found.append(_Person(index, role.last, "role"))
            index = role.last + 1
            continue
        if lower in _TITLES and index + 1 < count and tokens[index + 1][:1].isupper():
            last = index + 1
            if last + 1 < count and _name_shaped(tokens[last + 1]) \
                    and lowers[last + 1] not in _common_words() and last + 1 not in roles:
                last += 1
            found.append(_Person(index, last, "name"))
            index = last + 1
            continue
        if lower in {"child", "yp", "sibling", "baby", "young"} and index + 1 < count:
            step = index + (2 if lower == "young" and lowers[index + 1] == "person" else 1)
            if step < count and len(tokens[step]) == 1 and tokens[step].isupper():
                found.append(_Person(index, step, "child"))
                index = step + 1
                continue
        if _ACRONYM.match(token) and lower.rstrip("s") not in c.NOT_AGENTS and lower not in c.NOT_AGENTS:
            found.append(_Person(index, index, "agency"))
        elif _is_name(token, lower, opens):
            last = index
            if last + 1 < count and sentence_ids[last + 1] == sentence_ids[index] and last + 1 not in roles \
                    and _name_shaped(tokens[last + 1]) and lowers[last + 1] not in _common_words():
                last += 1  # a first name and a surname: "Kai Smith"
            found.append(_Person(index, last, "initial" if _INITIALS.match(token) else "name"))
            index = last + 1
            continue
        index += 1
    return found


def _clause_starts(reading: Reading) -> list[int]:
    """The first word of each sentence, and of each clause after a colon, bracket, dash, new
    line or "that" ("It is recommended that the IRO ...")."""
    starts = []
    raw, spans, sentence_ids, lowers = reading.raw, reading.spans, reading.sentence_ids, reading.lowers
    for index in range(len(reading.tokens)):
        if (index == 0 or sentence_ids[index - 1] != sentence_ids[index]
                or lowers[index - 1] in _CLAUSE_OPENERS
                # "B&B placement to end and Kian to move ...": a second clause with its own subject
                or (lowers[index - 1] == "and" and index + 1 < len(lowers) and lowers[index + 1] in _LINKS
                    and reading.tokens[index][:1].isupper())):
            starts.append(index)
            continue
        gap = raw[spans[index - 1][1]:spans[index][0]]
        if any(mark in gap for mark in (":", "(", " - ", " – ", "\n", ",")):
            starts.append(index)
    return starts


def _written(reading: Reading, person: _Person) -> str:
    text = reading.excerpt(person.first, person.last)
    return re.sub(r"['’]s$", "", text)


def _subject(reading: Reading, start: int, people: dict[int, _Person], reach: int = 16, after: int = 0
             ) -> Owner | Match | None:
    """The one who acts in a clause opening at `start`: the words before its link ("to", "will",
    "agreed to", or a verb straight after a person), when a person heads them; the vague owner
    there, when one is ("parents and professionals to ..."). A clause that opens with when
    may hold a link of its own first: "By the time the baby is 6 months old Nadia will ..."."""
    lowers, tokens, sentence_ids = reading.lowers, reading.tokens, reading.sentence_ids
    count = len(tokens)
    ends = {p.last: p for p in people.values()}
    # A word inside a role is not its link ("Housing Needs Manager to ...").
    within = {i for p in people.values() for i in range(p.first, p.last)}
    # After "recommends that", the verb ties the one named before it, however far: "Panel
    # recommends that the Designated Nurse for Looked After Children arranges ...".
    asking = _CLAUSE_OPENERS - {"that"}
    # A committee's recommendation may open with "That" alone, "we recommend" left unsaid: "That
    # the Service Manager for Disabled Children arranges ...".
    reported = start > 0 and (lowers[start - 1] in asking or (lowers[start - 1] == "that" and (
        (start > 1 and lowers[start - 2] in asking | {"is", "was"})
        or start == 1 or sentence_ids[start - 2] != sentence_ids[start - 1])))
    link = None
    for index in range(max(start, after), min(count, start + reach)):
        if sentence_ids[index] != sentence_ids[start]:
            break
        lower = lowers[index]
        if index in within:
            continue
        named_before = index - 1 in ends or (reported and any(start <= p.first and p.last < index
                                                                for p in people.values()))
        # After "recommends that", the verb may be bare: "asks that the Director report to ...".
        if index > start and (lower in _LINKS or (named_before and (
                lower in _VERBS or (reported and lower + "s" in _VERBS)))):
            link = index
            break
        if index > start and lower == "not" and index + 1 < count and lowers[index + 1] in _LINKS and (
                index - 1 in ends or any(_only_age_between(reading, p.last, index) for p in people.values())):
            link = index  # "Ms Nnamdi not to let Mr Price in": her not doing it is the target
            break
    if link is None:
        return None
    # "Mum to be referred": Mum is not the one who acts; but a target about a named child is the
    # child's ("Yonas to be enrolled on the ESOL course by October half-term").
    passive = _passive(lowers, link)
    vague = sorted(index for index in vague_words(reading) if start <= index < link)
    if vague:  # "parents and professionals to ...": nobody can be held to it
        last = vague[0]
        while last + 1 in vague:
            last += 1
        return Match("vague", vague[0], last, reading.excerpt(vague[0], last))
    inside = [p for p in people.values() if start <= p.first and p.last < link]
    # The person nearest the link whom only qualifiers follow ("for Safeguarding", "(Jo)", "and
    # Dad"), or anything after a possessive ("Amir's attendance", "Mum's drinking").
    head = next((p for p in reversed(inside)
                 if (p.last + 1 == link or lowers[p.last + 1] in _QUALIFIERS | _JOINERS
                     or _only_age_between(reading, p.last, link) or _aside_between(reading, p.last, link)
                     or tokens[p.last].endswith(("'s", "’s", "s'", "s’"))
                     or (p.how == "role" and _gap_after(reading, p.last) in ("(", ","))
                     or (p.how == "role" and lowers[p.last] == "year" and p.last + 2 == link
                         and tokens[p.last + 1].isdigit()))  # "Head of Year 8 will ..."
                 and not (p is not inside[0] and "(" in _gap_after(reading, p.first - 1))), None)
    if head is None:
        if lowers[start] in _TIME_OPENERS and not inside and not passive:
            return _subject(reading, start, people, reach, link + 1)
        return None
    kin = _kin_of(reading, inside, head)
    if passive and (head.how not in ("name", "initial", "child") or lowers[head.first] in _TITLES
                    or (head is not inside[0] and not kin) or tokens[head.last].endswith(("'s", "’s"))
                    or _passive_verb(lowers, link) not in _CHILD_EVENTS
                    or _vague_acting(reading) is not None):
        return None
    if kin:  # "Ozzy's sister Grace (11) to be registered": Grace, not Ozzy
        return Owner(_written(reading, head), head.how)
    inside = [p for p in inside if p.first <= head.first]
    # Everything before the first person is a little word, a joiner or an adjective of a role,
    # unless the clause opens with when ("By the end of Year 4 Noah will ...").
    before = range(start, inside[0].first)
    if lowers[start] not in _TIME_OPENERS and any(
            lowers[i] not in _LITTLE | _JOINERS | _ROLE_ADJECTIVES
            and not tokens[i][:1].isupper()
            and not (tokens[i].isdigit() and inside[0].how == "role")  # "14-25 Team Manager"
            and not (inside[0].how == "role" and _within_name(reading, i, start, inside[0].first))
            for i in before) and not _title_of(reading, start, inside[0]):
        return None
    if head.how == "role" and head is inside[0]:
        # A role whose title runs across a small word is quoted whole: "Start for Life coordinator".
        first = next((i for i in before if lowers[i] not in _LITTLE), head.first)
        if first < head.first and any(_within_name(reading, i, start, head.first) for i in before):
            return Owner(_written(reading, _Person(first, head.last, "role")), "role")
    return Owner(_written(reading, head if head.how == "role" else inside[0]),
                 head.how if head.how == "role" else inside[0].how)


_KIN = frozenset({"sister", "brother", "half-sister", "half-brother", "stepsister", "stepbrother",
                  "step-sister", "step-brother", "son", "daughter", "cousin", "twin"})


def _kin_of(reading: Reading, inside: list[_Person], head: _Person) -> bool:
    """Whether the only ones named before `head` are those whose brother, sister, son or daughter
    the sentence names: "Ozzy's sister Grace (11)"."""
    before = inside[:inside.index(head)]
    return bool(before) and head.how == "name" and head.first > 0 \
        and reading.lowers[head.first - 1] in _KIN and before[-1].last == head.first - 2 \
        and all(reading.tokens[p.last].endswith(("'s", "’s")) for p in before)


def _within_name(reading: Reading, index: int, start: int, end: int) -> bool:
    """Whether a word before a role is part of its title: "for" or "of" between two capitalised
    words of a service's or a title's name ("Start for Life coordinator"), or two words of what a
    service does joined by "and" ("the drug and alcohol service manager")."""
    tokens, lowers = reading.tokens, reading.lowers
    if lowers[index] in {"for", "of"}:
        return start <= index - 1 and index + 1 <= end \
            and tokens[index - 1][:1].isupper() and tokens[index + 1][:1].isupper()
    if lowers[index] == "and":
        return start <= index - 1 and index + 1 == end and _plain_word(lowers[index - 1])
    return index + 2 == end and lowers[index + 1] == "and" and _plain_word(lowers[index])


def _plain_word(lower: str) -> bool:
    """A word that may name what a service does: not a little word, a joiner or a number."""
    return lower.isalpha() and lower not in _LITTLE | _JOINERS | _MODIFIER_STOPS


_AGE = compiled(r"\s*\(\s*(?:aged?\s*)?\d{1,2}\s*(?:yrs?|years?|y/o|months?|mths?|m)?\s*\)\s*",
                re.IGNORECASE)


_ASIDE = compiled(r"\s*\([^()]{1,40}\)\s*")


def _aside_between(reading: Reading, last: int, link: int) -> bool:
    """Whether only words in brackets stand between a person and the link: "Mr Grant (HoY) to"."""
    if link <= last + 1:
        return False
    spans = reading.spans
    return bool(_ASIDE.fullmatch(reading.raw[spans[last][1]:spans[link][0]]))


def _only_age_between(reading: Reading, last: int, link: int) -> bool:
    """Whether only an age in brackets stands between a person and the link: "Jade (16) to"."""
    if link <= last + 1:
        return False
    spans = reading.spans
    return bool(_AGE.fullmatch(reading.raw[spans[last][1]:spans[link][0]]))


def _title_of(reading: Reading, start: int, person: _Person, longest: int = 3) -> bool:
    """Whether the words from `start` up to a role are the rest of its title, written as one
    phrase with it: "Direct payments PA", "Youth offending case manager"."""
    lowers = reading.lowers
    while start < person.first and lowers[start] in _LITTLE:
        start += 1  # "The placements team manager"
    if person.how != "role" or not 0 < person.first - start <= longest:
        return False
    return all(lowers[i].isalpha() and lowers[i] not in _MODIFIER_STOPS | _TIME_OPENERS
               for i in range(start, person.first)) and not _gap_after(reading, person.first - 1)


def _bracket_between(reading: Reading, index: int) -> bool:
    """Whether a bracket opens or closes between word `index` and the next."""
    gap = _gap_after(reading, index)
    return "(" in gap or ")" in gap


def _gap_after(reading: Reading, index: int) -> str:
    """What stands between word `index` and the next: punctuation, or nothing."""
    spans = reading.spans
    if index < 0 or index + 1 >= len(spans):
        return ""
    return reading.raw[spans[index][1]:spans[index + 1][0]].strip()


_PARTICIPLES = frozenset({"seen", "given", "taken", "done", "made", "shown", "held", "kept", "sent",
                          "brought", "told", "written", "put", "set", "run", "met", "read", "found", "chosen",
                          "got"})


# What happens to a child in a target of their own: "Yonas to be enrolled", "K to be weighed".
_CHILD_EVENTS = frozenset({"registered", "enrolled", "seen", "weighed", "measured", "immunised", "vaccinated",
                           "placed", "moved", "examined", "booked", "signed", "matched", "allocated",
                           "tested", "screened", "walked", "collected", "escorted", "accompanied"})
# A test or a jab a named child is to have, which makes the child the one it is about: "Eli's
# hearing to be tested", "Scarlett's 12-month immunisations to be given". Not what others are to
# do about the child: "Ruby's weight to be checked", "Liam's injuries to be photographed".
_DONE_TO_CHILD = frozenset({"tested", "screened"})
_JABS = frozenset({"immunisations", "immunisation", "vaccinations", "vaccination", "vaccines", "jabs",
                   "boosters", "injections"})


def _passive_verb(lowers: tuple[str, ...], link: int) -> str:
    """The verb after "to be" or "will be" at a clause's link ("referred"), or nothing."""
    rest = list(lowers[link:link + 4])
    if rest[:2] in (["is", "to"], ["are", "to"]):
        rest = rest[1:]
    return rest[2] if len(rest) > 2 and rest[1] == "be" else ""


def _passive(lowers: tuple[str, ...], link: int) -> bool:
    """Whether the clause is passive at its link: "to be referred", "will be seen"."""
    verb = _passive_verb(lowers, link)
    return bool(verb) and (verb.endswith("ed") or verb in _PARTICIPLES)


def _agent(reading: Reading, people: dict[int, _Person]) -> Owner | None:
    """The agent of a passive: "... by the health visitor", "led by Kai", "by Mrs Okafor"."""
    lowers = reading.lowers
    for index, lower in enumerate(lowers):
        if lower != "by":
            continue
        nxt = index + 1
        while nxt < len(lowers) and nxt not in people and lowers[nxt] in _LITTLE | _ROLE_ADJECTIVES:
            nxt += 1
        if nxt not in people:  # "by the MASH Head of Service", "by the kinship SSW", "by the
            # early years speech and language lead": a title of up to five words before its role
            nxt = next((step for step in range(nxt + 1, min(nxt + 5, len(lowers))) if step in people), nxt)
            if people.get(nxt, _NOBODY).how not in ("role", "agency") or not all(
                    lowers[i].isalpha() and (lowers[i] not in _MODIFIER_STOPS | _TIME_OPENERS
                                             or (lowers[i] in {"and", "&"} and i > index + 1))
                    for i in range(index + 1, nxt) if lowers[i] not in _LITTLE | _ROLE_ADJECTIVES):
                continue
        person = people.get(nxt)
        if person is not None:
            written = _written(reading, person)
            begin = next(i for i in range(index + 1, nxt + 1) if lowers[i] not in _LITTLE)
            if begin < nxt and not any(lowers[i] in _LITTLE for i in range(begin, nxt)):
                # the whole title: "the early years speech and language lead", not "Friday the SW"
                written = _written(reading, _Person(begin, person.last, person.how))
            if person.how == "role" or not _HAS_DIGIT.search(written):
                return Owner(written, person.how)
    return None


def _standing_alone(reading: Reading, people: dict[int, _Person]) -> Owner | None:
    """A role or person on its own in brackets, after a dash or before a colon: "(SW)",
    "- Mum", "HV: weigh Leo monthly"."""
    raw, spans = reading.raw, reading.spans
    lowers = reading.lowers
    for person in people.values():
        first = person.first
        while person.how == "role" and first > 0 and lowers[first - 1] in _ROLE_ADJECTIVES \
                and not raw[spans[first - 1][1]:spans[first][0]].strip():
            first -= 1  # "(allocated SW)"
        before = raw[spans[first - 1][1]:spans[first][0]] if first > 0 else ""
        after_end = spans[person.last + 1][0] if person.last + 1 < len(spans) else len(raw)
        after = raw[spans[person.last][1]:after_end]
        bracketed = any(mark in before for mark in "([-–") and (
            any(mark in after for mark in ")],;") or not after.strip())
        opening = person.first == 0 or (person.how == "role" and person.first <= 2 and all(
            reading.tokens[i].isupper() for i in range(person.first)))  # "EH TM – reopen ..."
        labelled = opening and (any(mark in after for mark in (":", " - ", " – ")) or (
            person.how == "role" and after.strip() == "," and _labelled_after(reading, person)))
        if bracketed or labelled:
            return Owner(_written(reading, person), person.how)
    return None


def _labelled_after(reading: Reading, person: _Person) -> bool:
    """Whether the service a role works in follows it, then a colon: "Service Manager, Early
    Help: by 31 July ..."."""
    tokens, lowers, raw, spans = reading.tokens, reading.lowers, reading.raw, reading.spans
    for step in range(person.last + 1, min(person.last + 5, len(tokens))):
        joining = step > person.last + 1 and lowers[step] in {"and", "&", "of"}
        if not (tokens[step][:1].isupper() or joining):
            return False
        gap = raw[spans[step][1]:spans[step + 1][0]] if step + 1 < len(spans) else ""
        if ":" in gap:
            return True
        if gap.strip():
            return False
    return False


def _doing(reading: Reading, people: dict[int, _Person]) -> Owner | None:
    """A role named as the doer of an activity: "a joint HV and SW visit", "SW home visit",
    "police check"."""
    lowers = reading.lowers
    for person in people.values():
        if person.how != "role" or lowers[person.last] in _NAMED_FOR_WHAT_THEY_DO:
            continue
        after = person.last + 1
        while after < len(lowers) and lowers[after] in {"and", "+", "&", "/", "home", "joint", "unannounced"}:
            after += 1
            if after < len(lowers) and (after in people):
                after = people[after].last + 1
        # Up to two words saying what kind of activity: "HV new birth visit".
        for step in range(after, min(after + 3, len(lowers))):
            if lowers[step] in _ACTIVITIES:
                return Owner(_written(reading, person), person.how)
            if step in people or not lowers[step].isalpha() or lowers[step] in (
                    _LINKS | _MODIFIER_STOPS | _TIME_OPENERS) or _gap_after(reading, step - 1):
                break
    return None


# Departments named by a word that also says what kind of meeting or visit it is: a "legal
# planning meeting" is not the legal department's to hold.
_NAMED_FOR_WHAT_THEY_DO = frozenset({"legal", "education"})
_ACTIVITIES = frozenset({"visit", "visits", "check", "checks", "review", "reviews", "assessment", "referral",
                         "session", "sessions", "meeting", "contact", "test", "tests", "audit", "audits",
                         "consultation", "appointment", "supervision", "observation", "observations"})


def _vague_acting(reading: Reading) -> Match | None:
    """A vague owner written as the one who acts: "Professionals to monitor", "all agencies
    will", "by the core group". "All" inside "attend all appointments" is not an owner."""
    lowers = reading.lowers
    starts = set(_clause_starts(reading))
    vague = vague_words(reading)
    for match in c.VAGUE_OWNERS.find(reading):
        if not covered([match]) & vague:
            continue
        first = match.first
        while first > 0 and lowers[first - 1] in _LITTLE | {"all"} and first not in starts:
            first -= 1
        after = lowers[match.last + 1] if match.last + 1 < len(lowers) else ""
        if first in starts and (after in _LINKS or after in {"", "and", "or"}
                                or match.cue not in {"all", "family", "team", "network"}):
            return match
        if first > 0 and lowers[first - 1] == "by" and match.cue != "all":
            return match
    return None


@lru_cache(maxsize=1024)
def owner_in_text(text: str | None) -> tuple[Owner | None, Match | None]:
    """Who acts in a target's or recommendation's text, or else a vague owner written as the
    one who acts. Both None when the text names no one."""
    reading = read(text)
    if not len(reading):
        return None, None
    label = _LABEL.search(reading.raw)
    if label:
        owner, vague = owner_in_column(label.group("who"))
        if owner is not None:
            return Owner(owner.found, "label"), None
        if vague is not None:
            return None, vague
    initial = _INITIAL_ACTING.match(reading.raw)
    if initial:  # "J. to go ...": the full stop of an initial is not the end of a sentence
        return Owner(initial.group(1), "initial"), None
    people = {p.first: p for p in _people(reading)}
    vague_subject: Match | None = None
    for start in _clause_starts(reading):
        found = _subject(reading, start, people)
        if isinstance(found, Owner):
            return found, None
        if found is not None and vague_subject is None:
            vague_subject = found
    for finder in (_agent, _standing_alone, _doing, _outcome_of, _nothing_more_for):
        agent = finder(reading, people)
        if agent is not None:
            return agent, None
    return None, vague_subject or _vague_acting(reading)


def _outcome_of(reading: Reading, people: dict[int, _Person]) -> Owner | None:
    """The child whose outcome a target opens with, when no word ties anyone to it: "Ruby's weight
    back on her birth centile by her 12-week check"."""
    person = people.get(0)
    if person is None or person.how == "role" or not reading.tokens[person.last].endswith(("'s", "’s")):
        return None
    sentence = reading.sentence_ids[0]
    ids = reading.sentence_ids
    links = [at for at, (lower, sid) in enumerate(zip(reading.lowers, ids, strict=True))
             if sid == sentence and lower in _LINKS]
    if links and not _done_to(reading.lowers, person.last, links[0]):
        return None  # a link the subject could not be read from: "Ruby's needs to be met"
    return Owner(_written(reading, person), person.how)


def _done_to(lowers: tuple[str, ...], last: int, link: int) -> bool:
    """Whether the words from a child's name to the link say what test or jab the child is to
    have: "Eli's hearing to be tested", but not "Mia's inhalers to be given"."""
    if link - last > 4:
        return False
    verb = _passive_verb(lowers, link)
    return verb in _DONE_TO_CHILD or (verb == "given" and not _JABS.isdisjoint(lowers[last + 1:link]))


_NOTHING_MORE = frozenset({"further", "more", "new", "repeat"})


def _nothing_more_for(reading: Reading, people: dict[int, _Person]) -> Owner | None:
    """The child a target says nothing more will happen to: "No further missing episodes for
    Ardit over the next 3 months", "No further ASB reports naming Jayden"."""
    lowers = reading.lowers
    if len(lowers) < 4 or lowers[0] not in {"no", "zero"} or lowers[1] not in _NOTHING_MORE:
        return None
    sentence = reading.sentence_ids[0]
    for person in people.values():
        if reading.sentence_ids[person.first] != sentence:
            break
        one_letter = person.how == "initial" and len(reading.tokens[person.first].rstrip(".")) == 1
        if (person.how in ("name", "child") or one_letter) and lowers[person.first] not in _TITLES \
                and person.first > 0 \
                and lowers[person.first - 1] in {"for", "naming", "involving", "about", "by", "from"}:
            return Owner(_written(reading, person), person.how)
    return None


# "J. to go ...", "Mr and Mrs O. to sign ..."
_INITIAL_ACTING = compiled(r"^\W*((?:(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+"
                           r"(?:(?:and|&)\s+(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+)?)?"
                           r"[A-Z](?:\.[A-Z])?)\.\s+"
                           r"(?:to|will|must|should|has agreed|agreed|is to)\b")


def _in_title(reading: Reading, index: int) -> bool:
    """Whether word `index` follows "of" after a role's head word, with at most one word
    between ("Head of Children's Social Care", "Director of Education")."""
    lowers, tokens = reading.lowers, reading.tokens
    for of in (index - 1, index - 2):
        if of >= 1 and lowers[of] == "of" and lowers[of - 1] in _HEAD_WORDS \
                and reading.sentence_ids[of - 1] == reading.sentence_ids[index]:
            return True
    # Further words of the title, capitalised, after "in", "for" or "and": "Head of Safeguarding in
    # Education", "Director of Children's Services for Health", "the Directors of Adult Social Care
    # and Children's Services".
    for of in range(index - 3, max(0, index - 6), -1):
        if lowers[of] == "of" and lowers[of - 1] in _HEAD_WORDS \
                and reading.sentence_ids[of - 1] == reading.sentence_ids[index] \
                and lowers[index - 1] in {"in", "for", "and", "&"} and tokens[index][:1].isupper() \
                and all(tokens[i][:1].isupper() or lowers[i] in {"and", "&"}
                        for i in range(of + 1, index - 1)):
            return True
    return False


# Senior roles written straight before the service they lead: "AD Children's Services".
_SENIOR = frozenset({"ad", "dcs", "director", "directors", "head", "hos", "lead", "manager"})


def _title_after(reading: Reading, match: Match, heads: frozenset[int]) -> bool:
    """Whether a job title's head word follows a vague owner, so that it names where the role
    works: "health lead", "LSCP training lead", "The Partnership's Learning and Development Lead",
    "Children's services business support manager". Up to three words may stand between, none of
    them a little word, and "and" only between two capitalised words."""
    lowers, tokens, sentence_ids = reading.lowers, reading.tokens, reading.sentence_ids
    for step in range(match.last + 1, min(match.last + 5, len(lowers))):
        if sentence_ids[step] != sentence_ids[match.last] or _gap_after(reading, step - 1):
            return False
        if step in heads:
            return True
        lower = lowers[step]
        if lower in {"and", "&"}:
            if step == match.last + 1 or step + 1 >= len(lowers) \
                    or not (tokens[step - 1][:1].isupper() and tokens[step + 1][:1].isupper()):
                return False
        elif not lower.replace("-", "").isalpha() or lower in _LITTLE | _JOINERS | _MODIFIER_STOPS | _LINKS:
            return False
    return False


def vague_words(reading: Reading) -> frozenset[int]:
    """The words of vague owners ("professionals", "health", "the team"), leaving out those that
    are part of a longer role or a named team ("health visitor", "team manager", "CAMHS team
    lead", "South team")."""
    found = c.ROLES.find(reading)
    roles = covered([m for m in found if m.last > m.first])
    single_roles = covered([m for m in found if m.last == m.first])
    heads = covered(c.ROLE_HEADS.find(reading))
    lowers, tokens, sentence_ids = reading.lowers, reading.tokens, reading.sentence_ids
    vague = []
    for match in c.VAGUE_OWNERS.find(reading):
        if covered([match]) & roles:
            continue
        if _title_after(reading, match, heads):
            continue  # "health lead", "LSCP training lead": part of a job title
        if _in_title(reading, match.first):
            continue  # "Head of Children's Social Care": the service a role heads
        before = match.first - 1
        if before >= 0 and sentence_ids[before] == sentence_ids[match.first] \
                and not _gap_after(reading, before) \
                and before in roles | heads | single_roles and lowers[before] in _SENIOR:
            continue  # "AD Children's Services", "Director Children's Services": where a role works
        single = match.first == match.last
        if single and before >= 0 and sentence_ids[before] == sentence_ids[match.first] \
                and lowers[before] not in _LITTLE | _JOINERS | {"all", "by", "to", "with", "and"} \
                and (tokens[before][:1].isupper() or lowers[before] in c.ROLE_HEADS_BEFORE_TEAM):
            continue  # "Court team", "adolescent team": a named team
        if single and before >= 1 and sentence_ids[before - 1] == sentence_ids[match.first] \
                and lowers[before].isalpha() and lowers[before] not in _LITTLE | _JOINERS | _MODIFIER_STOPS \
                and tokens[before - 1][:1].isupper() and lowers[before - 1] not in _LITTLE | {"all"}:
            continue  # "CAMHS crisis team", "Youth Justice duty team"
        if single and lowers[match.first] == "team" and before >= 2 \
                and sentence_ids[before - 2] == sentence_ids[match.first] \
                and all(lowers[i].isalpha() and lowers[i] not in _LITTLE | _JOINERS | _MODIFIER_STOPS
                        and not tokens[i][:1].isupper() for i in (before - 1, before)) \
                and _ACRONYM.match(tokens[before - 2]):
            continue  # "CAMHS eating disorder team": a service's named team
        vague.append(match)
    return covered(vague)


_NAMED_BESIDE = compiled(r"\s[-–]\s|\(|:")
_BESIDE = compiled(r",|" + _NAMED_BESIDE.pattern)
# Services a person works in, rather than people who could act: written after someone named, they
# say where that person works ("QA lead, Children's Services", "Jo Smith (Education)").
_SERVICES = frozenset({"service", "services", "social care", "children's services", "childrens services",
                       "health", "education", "partnership"})


def _with_service(written: str) -> bool:
    """Whether an owner column names someone, then only the service they work in."""
    first, *rest = _BESIDE.split(written)
    if not rest or not first.strip() or owner_in_column(first)[0] is None:
        return False
    for part in rest:
        service = part.strip(" )").lower().replace("’", "'")
        if service.startswith("the "):
            service = service[4:]
        if service not in _SERVICES:
            return False
    return True


@lru_cache(maxsize=1024)
def owner_in_column(owner: str) -> tuple[Owner | None, Match | None]:
    """Whether an owner column names someone: (who, None), or (None, the vague words). A column
    that names anyone vague ("parents and professionals") holds no one to account."""
    written = owner.strip()
    reading = read(written)
    if not len(reading):
        return None, None
    vague = vague_words(reading)
    if vague:
        if _with_service(written):
            return Owner(written, "column"), None
        # A service with the person named beside it: "Adult social care - Jo (ASC SW)".
        for part in _NAMED_BESIDE.split(written)[1:]:
            named, _ = owner_in_column(part) if part.strip(" )") else (None, None)
            if named is not None:
                return Owner(written, "column"), None
        first = min(vague)
        last = first
        while last + 1 in vague:
            last += 1
        return None, Match("vague", first, last, reading.excerpt(first, last))
    return Owner(written, "column"), None


_WITH_NAME = compiled(
    r"\b(?:agreed|made|completed|done|written|developed|reviewed|updated|discussed|put in place|"
    r"created|drawn up|in place)\s+(?:jointly\s+)?with\s+(?P<name>[A-Z][a-z'’-]+)\b")


def named_adults(reading: Reading) -> list[Match]:
    """Adults written by name: titled names ("Mrs Okafor", "Ms B") and a name a plan was made
    with ("agreed with Aisha")."""
    found = [Match("a named adult", 0, 0, m.group()) for m in _TITLE.finditer(reading.raw)]
    for match in _WITH_NAME.finditer(reading.raw):
        name = match.group("name")
        if name.lower() not in c.NOT_NAMES and name.lower() not in _common_words():
            found.append(Match("a named adult", 0, 0, name))
    return found


__all__ = ["Owner", "named_adults", "owner_in_column", "owner_in_text"]
