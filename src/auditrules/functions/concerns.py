"""Reading an analysis as concerns: which clauses name a worry, which rule one out or name a
strength, who is causing harm, and which agreed action answers each concern.

A concern is a clause of the analysis that names a worry: by theme (drinking, domestic abuse,
school attendance...) or in words of its own ("has been bitten by the family dog", "his EHCP
review is overdue"). A clause that rules a worry out ("no wider worries about physical harm",
"the injury fits with her fall") or names a strength ("Dad is supportive") is not a concern.

An action answers a concern when it speaks to the same theme in words specific to it ("alcohol
service" for drinking), or shares the concern's own distinctive words ("dog", "EHCP review"):
the same need in other words, not merely a word any action might use ("appointment",
"support").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..patterns import compiled
from . import cues as c
from .people import owner_in_text
from .text import Cues, Match, Reading, read, stem
from .themes import GENERIC_ANSWERS, THEMES, Theme

# Where one clause ends and another begins inside a sentence.
_CLAUSE_BREAK = compiled(r";|:\s|\s[-–]\s|\bbut\b|\balthough\b|\bthough\b|\bhowever\b|\bwhereas\b|\bwhile\b"
                         r"|,\s*(?:and|so)\b|\band\s+(?:she|he|they|mum|dad|mother|father|the)\b"
                         # a list of things said of one subject: "is self-harming, is in a
                         # relationship with a 19-year-old and has been excluded twice"
                         r"|,\s*(?=(?:is|was|has|had|have|are|were|isn't|hasn't|wasn't)\s)"
                         r"|\band\s+(?=(?:is|was|has|had|have|are|were|isn't|hasn't|wasn't)\s)"
                         # a second subject of its own: "... and Maisie (2) has no nursery place"
                         r"|\band\s+(?=(?-i:[A-Z])[\w'’-]+\s+(?:\(\d+\)\s+)?"
                         r"(?:is|was|has|had|have|are|were|isn't|hasn't|wasn't|does|doesn't|did|didn't)\s)",
                         re.IGNORECASE)

# A worry named in a clause's own words.
_WORRY = Cues("""
worry worried worries worrying concern concerns concerned concerning risk risks risky at-risk struggling
struggle struggles struggled missed missing fallen falling dropped drop worse worsening deteriorated
overdue exhausted exhaustion isolated isolation frightened scared afraid fearful refusing refuses
refused unable late behind poor unsafe harm harmed harmful hurt hurting hit hits hitting injury
injuries injured violent violence aggressive aggression anxious anxiety low unmet delay delayed
unknown unregistered excluded exclusion arrears debt debts eviction evicted homeless relapse
relapsed overdose overdoses arrested bail threat threats threatened threatening cutting self-harm
hungry neglect neglected neglectful dirty unwashed smelly lice bitten bites bruise bruises bruising
burn burns fracture broke broken crying distressed withdrawn nightmares bedwetting soiling
absconded absent absence absences abuse abused abusive drunk drinking drugs cannabis cocaine
heroin smokes smoking overcrowded damp mould rejected declined lost grief bereaved bereavement
disclosed disclosure alleged allegation allegations tired sleeping nightmares outbursts
tantrums shouting arguments argue arguing fights fighting pushed punched kicked slapped strangled
exploited exploitation groomed grooming gang gangs county weapons knife knives offending offence
offences convictions caution police-called needles syringes aggressor
""".split() + [
    "not registered", "no dentist", "not in education", "not in school", "not attending", "not seen",
    "not been seen", "not brought", "was not brought", "hasn't been", "has not been", "isn't getting",
    "can't cope", "cannot cope", "can't manage", "no one", "nobody", "no support", "no help", "no family",
    "no break", "no food", "no money", "no heating", "no beds", "no bed", "no routine", "no boundaries",
    "not safe", "not sleeping", "not eating", "not feeding", "feeding poorly", "not gaining",
    "speech delay", "behind on", "behind with", "needs to come out", "need to come out", "not dbs checked",
    "not notified", "have not been", "too young", "left alone", "on his own",
    "on her own", "older men", "older males", "going missing", "goes missing", "went missing",
    "no longer fits", "not been in touch", "no contact",
    "no nursery place", "no school place", "no place", "no settled", "sofa surfing", "hasn't had",
    "has not had",
    "not had", "cancelled", "not booked", "minimising", "minimises", "minimise", "doesn't believe",
    "does not believe", "not believe", "hasn't started", "has not started", "not started", "lapsed",
    "=lonely", "=loneliness", "gone quiet", "very quiet", "nothing is known", "nothing known", "not known",
    "shares a room with",
    "plays rough", "rarely", "seldom", "stopped going", "has stopped", "not taken up", "won't let",
    "will not let", "refusing to let", "not sent", "gaps", "no advocate", "no independent",
], stems=True)
_WORRY_WORDS = frozenset(phrase for phrase in _WORRY.phrases if " " not in phrase)


def _worry_cues(reading: Reading) -> list[Match]:
    """`_WORRY`'s matches, less a name that only shares a worry's stem ("Ms Lowe", "Miss Demir"):
    one capitalised word inside a sentence, or a title before a name, not written as the cue is."""
    tokens, lowers, sentence_ids = reading.tokens, reading.lowers, reading.sentence_ids
    kept: list[Match] = []
    for match in _WORRY.find(reading):
        index = match.first
        if index == match.last and tokens[index][:1].isupper() and lowers[index] not in _WORRY_WORDS:
            inside = index > 0 and sentence_ids[index - 1] == sentence_ids[index]
            title = index + 1 < len(tokens) and tokens[index + 1][:1].isupper() \
                and sentence_ids[index + 1] == sentence_ids[index]
            if inside or title:
                continue
        kept.append(match)
    return kept

# A clause that rules a worry out, or names a strength rather than a concern.
_RULED_OUT = Cues([
    "no concerns", "no concern", "not a concern", "not concerned", "no evidence",
    "ruled out", "resolved", "well managed", "well-managed", "under control", "no issues",
    "not an issue", "no worries", "not a worry", "no indication", "not identified", "no wider",
    "no other signs", "no other concerns", "no further concerns", "no sign", "no signs",
    "fits with", "consistent with", "accepted the explanation", "explanation was accepted",
    "is not a worry", "are not a worry", "nothing suggests", "no suggestion", "not suggest",
    "not indicate", "no dispute", "no safeguarding concerns", "unfounded", "unsubstantiated",
    "has been resolved", "is settled", "are settled", "no reason to doubt", "no risk",
    "do not think", "don't think", "not at risk", "found nothing", "nothing else", "not substantiated",
    "accept the explanation", "accepted the explanation", "accidental", "risk is low", "low risk",
    "explained by", "concluded that it is not", "concluded it was not", "satisfied this was not",
    "satisfied that this was not", "satisfied it was not", "not an abusive", "neither describes",
    # progress since the work began: the worry is spoken of as past
    "has ended", "ended the", "stopped using", "hasn't had a drink", "has not had a drink", "all negative",
    "tests negative", "when we started", "at the start of", "at referral", "used to", "has done well",
    "rather than", "explored whether", "considered whether", "checked whether",
    # a risk said to be absent: "neither parent poses a risk of physical harm"
    "neither parent poses", "neither of them poses", "neither poses", "does not pose a risk",
    "neither parent is", "neither of them is", "neither parent has been", "neither of them has been",
    "do not pose a risk", "doesn't pose a risk", "don't pose a risk", "poses no risk", "pose no risk",
    # checks and tests that found nothing: "nothing to suggest exploitation", "abstinent from
    # cannabis for over a year", "skeletal survey and CT head, all normal"
    "nothing to suggest", "nothing to indicate", "anything to suggest", "anything to indicate",
    "abstinent from", "no current use", "all normal", "came back normal", "came back clear",
    # a risk said to have fallen: "online risk now low"
    "now low", "now minimal", "is history", "is in the past",
    # checks that found nothing: "checked with nothing known", "not known to police"
    "with nothing known", "nothing known to", "not known to police", "not known to services",
    "not known to children's services", "not known to social care", "not known to csc",
    "not known to social services", "not previously known", "checks clear", "checks are clear",
    "checks were clear", "checks came back clear", "check was clear", "check came back clear",
], stems=False)
# A clause that rules out an injury or allegation named just before it, without naming it again
# ("the CP medical found it consistent with her fall").
_EXPLAINED = compiled(r"\b(?:consistent with|fits with|explanation|not substantiated|unsubstantiated|"
                      r"unfounded|accidental|found nothing)\b", re.IGNORECASE)
_ALLEGATIONS = frozenset({"physical harm", "sexual harm"})
# Where a clause names both, the first theme says the worry and the second adds nothing to answer.
_SUBSUMES = {"domestic abuse": frozenset({"physical harm", "offending", "money worries",
                                         "a partner's control and violence"}),
             "a partner's control and violence": frozenset({"physical harm", "offending", "money worries"}),
             "diet, weight and eating": frozenset({"alcohol misuse"}),
             "housing": frozenset({"sleep"})}
_STRENGTH = Cues([
    "supportive", "protective", "acted protectively", "well cared for", "doing well", "happy",
    "settled", "thriving", "good support", "strong support", "loving", "warm", "engaging well",
    "engaged well", "gaining weight well", "meeting milestones", "attending well", "good attendance",
    "is doing everything", "doing everything she can", "doing everything he can", "has been really good",
    "strength", "strengths", "positive", "well", "good", "safe", "caring", "committed", "dedicated",
    "better", "improved", "improving", "stable", "consistent", "fine", "ok", "okay", "great", "going well",
    "reduced", "has reduced", "back to", "sober", "abstinent", "tests clear", "negative tests",
    "up to", "off the drink", "off drink", "off drugs", "drug-free", "alcohol-free", "clean since",
    "excellent", "promptly", "attended every", "attends every", "every appointment", "on every visit",
], stems=False)

# A worry said to have eased, in words that name the worry too ("his sleep is better since the
# weighted blanket", "off the drink since January", "her depression has lifted", "drug test neg",
# "attendance 97%"): no concern, unless the clause says some of it is left ("better, still ...").
_EASED = Cues([
    "is better", "are better", "is much better", "are much better", "is a lot better", "has improved",
    "have improved", "has lifted", "have lifted", "off the drink", "off drink", "off drugs",
    "is on track", "are on track", "now on track", "was looked into", "were looked into",
    "has been looked into", "have been looked into", "stopped drinking", "meeting his milestones",
    "meeting her milestones", "meeting their milestones", "found none", "found no history",
    "found no injuries", "found no marks", "nothing happened", "not alleged", "test neg", "tests neg",
    "test negative", "tested negative", "negative test", "neg test", "screen negative", "screens negative",
], stems=False)
_EASED_PATTERN = compiled(
    r"\battendance\b[^.;:%]{0,20}?\b(?:9\d|100)(?:\.\d)?\s*%|\b(?:9\d|100)(?:\.\d)?\s*%\s*attendance\b"
    r"|\bback\s+(?:on|to)\s+(?:the\s+)?\d{1,2}(?:st|nd|rd|th)\s+centile\b"
    r"|\b(?:is|are|has\s+been|have\s+been)\s+holding(?:\s+(?:up|well|steady|firm))?\s*(?:[.,;)]|$)"
    r"|\bnothing\s+[\w'’]+\s+(?:is|was|has\s+been)\s+alleged\b", re.IGNORECASE)
_LEFT = compiled(r"\b(?:still|remains?|remaining|yet|only|again|not\s+enough|below|under|too|relapsed?"
                 # a fall ("attendance has dropped from 95% to 61%"), or only a parent's word for it
                 r"|fallen|fell|falls|dropped|drops|down|declined|from|says|said|claims?|claimed|insists?"
                 r"|minimi[sz]es|minimi[sz]ed|tells|told)\b", re.IGNORECASE)


def _eased(reading: Reading, clause: str) -> bool:
    """Whether a clause says a worry has eased and nothing of it is left."""
    return (any(not m.negated for m in _EASED.find(reading)) or bool(_EASED_PATTERN.search(clause))) \
        and not _LEFT.search(clause)


# Words that say little about which need a clause is about.
_PLAIN = frozenset("""
a an the and or of to in on at by for with from is are was were be been being has have had will
would should could can may might must shall this that these those there their they them it its
his her he she him we our us you your i me my not no nor but if then so as than too very also
about into over under after before during while when where which who whom what how why all any
each both more most other some such only own same just now still yet again further once here
mum dad mother father mothers fathers parent parents child children family sw social worker
worker plan assessment analysis conclusion concern concerns action actions work support agreed
need needs year years old month months week weeks day days time times since last this next
home house said says told tells say get got getting go going make made making take taken
around really very lot lots quite much many little well good new one two three four five six
baby boy girl son daughter brother sister sibling siblings nan grandmother grandfather aunt
uncle partner stepdad stepfather stepmum stepmother carer carers person people someone
also because though although however whether either
within week weekly every each start starts started offer offered see seen talk confirm confirmed
consider hold held name named set let put back out full first end date dates least most until
till after before from given give gives ensure ensuring agree agreed arrange arranged check
checked checks record recorded report reported reports share shared tell told ask asked keep
kept attend attends attended complete completed completing book booked contact update via
through throughout without between across towards toward upon per using including include
includes among along beside besides despite except unless onto local
""".split())

_PLAIN_STEMS = frozenset(stem(word) for word in _PLAIN)

# Actions that keep a plan moving answer no concern of their own.
_PLAN_UPKEEP = Cues([
    "visit", "visits", "statutory visit", "statutory visits", "core group", "core groups",
    "review", "reviews", "review conference", "cin meeting", "cin review", "meeting", "meetings",
    "plan", "conference", "minutes", "chronology", "case summary", "supervision", "update",
    "see the child", "seen alone", "wishes and feelings", "continue", "monitor", "monitoring",
])

# Who may be causing harm, and work that can only be with them.
_HARMING_ROLES = Cues([
    "father", "dad", "stepfather", "step-father", "stepdad", "step-dad", "partner", "ex-partner",
    "ex partner", "ex", "boyfriend", "husband", "mum's partner", "mother's partner", "perpetrator",
    "mother's ex", "mum's ex", "girlfriend", "wife", "stepmother", "stepmum", "uncle",
    "grandad", "granddad", "grandfather", "daddy", "fella",
], stems=False)
_HARM_WORDS = Cues([
    "violent", "violence", "abuse", "abusive", "assault", "assaulted", "hit", "hits", "hitting",
    "punched", "pushed", "kicked", "slapped", "strangled", "strangling", "threatened", "threatening",
    "threats", "controlling", "coercive", "coercion", "stalking", "stalked", "harassing", "harassment",
    "attacked", "aggressive", "intimidating", "domestic abuse", "domestic violence",
    "dv", "da", "non-molestation", "restraining order", "breach", "breached", "bail", "frightened of him",
    "domestic incident", "domestic incidents", "aggressor",
    "frightened of her", "scared of him", "scared of her",
    "threw", "throwing things", "smashed", "bitten", "harass", "harassed", "abused", "abh", "gbh",
    "squeezes", "squeezed", "controls the money", "controls the household money", "takes her wages",
    "checks her phone", "won't let her", "does not let her", "will not let her", "decides who she sees",
    "pinned her", "pinned him", "held her against", "held him against", "broke her nose", "broken her nose",
    "broken mum's nose", "by the neck", "raped", "rapes", "raping", "rape",
    # a mother's black eye, not a child's from a fall
    "mum had a black eye", "mum has a black eye", "mother had a black eye", "mother has a black eye",
    "mum's black eye", "mum with a black eye",
    # harm beyond violence between adults: a stabbing, touching a child, shouting at or locking out
    # the one harmed, setting fires
    "stabbed", "touched her", "touches her", "touched him", "touches him", "touching her", "touching him",
    "shouting at mum", "shouts at mum", "shouted at mum", "shouting at her", "shouts at her",
    "shouting abuse", "shouted abuse", "shouts abuse", "locked her out", "set fire", "nasty with mum",
    "nasty to mum", "a bit rough", "physical incidents", "physical altercation", "physical altercations",
    "sexual offences", "sex offender", "sex offenders", "indecent images",
    "sharing images",
    # as children and their mothers tell it, and a black eye seen since
    "shouts at mummy", "shouting at mummy", "shouted at mummy", "smacks",
    "grabbed my", "grabs my", "touches my", "touched my", "mum has had a black eye",
    "held him down", "held her down", "beaten", "beat him", "beat her", "sex act",
    "screamed at her", "screamed at mum", "screamed at ms", "screamed at mrs", "dragged",
    "lost his temper with", "grabbed mummy's", "grabbed mum's", "grabbed mum", "grabs mum", "non-accidental",
    "grabs me", "grabbed me", "grabbing me", "yanks", "yanked", "yanking", "fist through",
    # as written: "shoving" and "grabbing her arm" are as often told of a child or in an account
    "whacks", "whacked", "whacking", "=shoved", "=grabbed him", "=grabbed her", "=grabs him", "=grabs her",
    "bangs on the door", "banging on the door", "banged on the door", "sexually harmful",
    # an order against him, and harassment and following after a separation
    "dvpo", "dvpn", "dapo", "dapn", "keeps turning up", "kept turning up", "keep turning up",
    "through the letterbox", "tracked her phone", "tracks her phone", "tracking her phone",
    "found the new address", "found her new address", "followed her", "follows her", "following her",
    "followed mum", "follows mum", "following mum", "turned up outside", "turns up outside",
    "turning up outside",
    # what is done to a child at home: things thrown, getting into a child's bed, comments on her body
    "thrown", "gets into bed", "got into bed", "getting into bed", "sexual comments", "comments on her body",
    "walks in on her", "walked in on her", "pinches", "pinched", "pinching",
    # shaking a baby; turning up at her home; her passport kept from her
    "shaking her", "shaking him", "shook her", "shook him", "shaking the baby", "shook the baby",
    "turning up at the house", "turned up at the house", "turns up at the house", "taken her passport",
    "took her passport", "holds her passport", "holding her passport", "moved her passport",
    "kept her passport", "keeps her passport", "wife's passport",
    # found or followed after a separation: "found her refuge address", "followed her home"
    "found her refuge address", "found their new address", "found the refuge", "followed them home",
    "followed her home", "messages her through the night",
    # locking out or shutting in, a child's bed at night, what she may wear and whom see, swearing
    # at a child: "locking Mrs O and the children out", "shuts her in the bathroom"
    "locking her out", "locking them out", "locked them out", "locks them out", "locks her out",
    "locking him out", "locked him out", "locks him out", "locking the children out",
    "locked the children out", "shuts her in", "shuts him in",
    "getting into her bed", "gets into her bed", "got into her bed", "getting into his bed",
    "gets into his bed", "got into his bed", "goes through her phone", "went through her phone",
    "tells her what to wear", "told her what to wear", "who she can see", "who she can talk to",
    "swears at her", "swears at him", "swearing at her", "swearing at him", "swore at her", "swore at him",
    "demands pictures", "demands photos", "demanded pictures", "demanded photos",
    # what is seen on her after, and how it is explained away: "bruising to mum's face", "a split
    # lip", "said she walked into a door", "heard mum screaming", "a volatile relationship"
    "split lip", "bruising to mum's face", "bruising on mum's face", "walked into a door",
    "walked into the door", "heard mum screaming", "volatile relationship",
    # control of her money, her phone and where she goes: "takes her phone off her", "locks her in",
    # "her benefits redirected into his account", "loans in her name", "stops her leaving the flat"
    "takes her money", "taking her phone off her", "took her phone off her", "takes her phone off her",
    "stopped her leaving", "stops her leaving", "redirected into his account", "loans in her name",
    "locking her in", "locked her in", "locks her in", "locking him in", "locked him in", "shutting her in",
    "shut her in", "shutting him in", "destroyed her things", "forces her to have sex",
    "forced her to have sex",
    # sexual harm in the home as told: "'did sex things' when she stayed over", "makes comments about
    # her body", "comes into the bathroom while she is in the bath", "exposing himself"
    "sex things", "comments about her body", "comes into the bathroom", "exposing himself",
    "exposed himself",
    # a marriage arranged for a child, passports held: "to marry her to a cousin", "kept their passports"
    "to marry her", "agree to a marriage", "kept their passports", "has their passports",
    "hard enough to bruise",
], stems=True)
_PERPETRATOR_WORK = Cues([
    "perpetrator", "perpetrator programme", "dapp", "caring dads", "respect programme", "drive project",
    "drive", "behaviour change", "his behaviour", "his violence", "his abuse", "her behaviour",
    "bail", "bail conditions", "arrest", "arrested", "charge", "charged", "prosecute", "prosecution",
    "probation", "cawn", "cawns", "dvpn", "dvpo", "domestic violence protection", "domestic abuse protection",
    "serve", "served", "restraining order", "challenge him",
    "challenge her", "held to account", "hold him to account", "accountable",
    "apvr", "apva", "adolescent to parent violence", "child to parent violence", "bbr",
    "dvpp", "dvip", "idap", "building better relationships", "stalking protection order",
    "dapo", "dapn", "under caution", "remand", "remanded", "cps", "crown prosecution",
    "charging decision", "charging advice",
    "yot", "yjs", "youth justice", "offender manager", "mappa", "om", "mosovo", "ppcs",
], stems=False)
_MEN = frozenset({"father", "dad", "stepfather", "step-father", "stepdad", "step-dad", "boyfriend", "husband",
                  "mum's partner", "mother's partner", "mother's ex", "mum's ex", "uncle",
                  "grandad", "granddad", "grandfather", "daddy", "fella"})
# The same person in the family, named by another word ("his father" in the analysis, "Dad to ..."
# in the action).
_SAME_ROLE = {"father": ("dad",), "dad": ("father",), "daddy": ("dad", "father"),
              "stepfather": ("stepdad", "step-dad"),
              "step-father": ("stepdad", "step-dad"), "stepdad": ("stepfather", "step-father"),
              "step-dad": ("stepfather", "step-father"), "mum": ("mother", "mummy")}
_MEN_OR_PARTNER = _MEN | {"partner", "ex", "ex-partner"}
_PARENTS = frozenset({"father", "dad", "daddy", "mother", "mum", "mummy"})
_BOTH_PARENTS = compiled(r"\bboth\s+parents\b|^\s*(?:the\s+)?parents\s+(?:to|will|should|must)\b")
_MR = compiled(r"Mr\.?\s+[A-Z][\w'’-]*$")  # "Mr Kovac", and "Mr T" by his initial
_MOTHER = frozenset({"mum", "mother", "mothers", "mummy"})
_VICTIM_OWNERS = frozenset({"mum", "mother", "mothers", "victim", "survivor", "ms", "mrs", "miss", "wife"})
_TITLED = compiled(r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+[A-Z][\w'’-]+")
# Ranks, written before a soldier's name: "Sgt Tom Harker", "her husband, LCpl Dean Fraser".
_RANK_WORDS = ("Bdr", "Cpl", "LCpl", "L/Cpl", "Sgt", "SSgt", "Pte", "Capt", "Maj", "Lt", "Spr", "Gnr", "Tpr",
               "Rfn", "Cfn", "Sig")
_RANKS = frozenset(rank.lower() for rank in _RANK_WORDS)
_NAME_NEAR_ROLE = compiled(
    r"\b(?i:ex(?:-partner)?|partner|boyfriend|husband|father|dad|stepdad|stepfather|stepmum|girlfriend|wife|uncle)"
    # "the father of the younger two, Lee"; "her husband, LCpl Dean Fraser"
    r"(?:\s+of\s+(?:the|her|his)\s+(?:[a-z]+\s+){0,2}?(?:two|three|children|baby|boys|girls|kids|twins),)?"
    rf"\s*,?\s*(?:\(|,)?\s*(?:(?:{'|'.join(_RANK_WORDS)})\.?\s+)?"
    r"(?P<after>(?:Mr|Mrs|Ms|Miss)\.?\s+[A-Z][\w'’-]*|[A-Z][a-z'’-]+)"
    r"|(?P<before>(?:Mr|Mrs|Ms|Miss)\.?\s+[A-Z][\w'’-]*|[A-Z][a-z'’-]+)\s*\(\s*(?:mum's|mother's|her|the)?\s*"
    r"(?i:ex|ex-partner|partner|boyfriend|father|dad|stepdad|husband)\b"
    # "Tom, Nia's father, was violent": the one named, then whose part he is.
    r"|(?P<whose>(?:Mr|Mrs|Ms|Miss)\.?\s+[A-Z][\w'’-]*|[A-Z][a-z'’-]+),\s+"
    # "Ryan, mum's partner, has been ..."; "Dean, the father of the younger two, comes back drunk"
    r"(?:[A-Z][a-z'’-]+['’]s\s+|(?i:mum|mother)['’]s\s+|(?:the|her|his|their)\s+)"
    r"(?i:father|dad|stepdad|stepfather|partner|boyfriend|husband)\b")
# Abuse said to come from someone: "DA by Mr Grant", "violence from her ex, Dean".
_HARM_BY = compiled(
    r"\b(?:abuse|violence|DA|DV|assaults?|threats|harassment|coercive control|controlling behaviour)"
    r"\s+(?:by|from)\s+(?P<name>(?:Mr|Mrs|Ms|Miss)\.?\s+[A-Z][\w'’-]*|[A-Z][a-z'’-]+)"
    # as a heading: "Stalking - Mr F - 9 incidents since Jan"
    r"|\b(?i:stalking|harassment)\s*[-:–]\s*(?P<titled>(?:Mr|Mrs|Ms|Miss)\.?\s+[A-Z][\w'’-]*)")
# The one who does it, named after the act: "was threatened and punched by Stefan (20)".
_DONE_BY = compiled(r"\b(?:threatened|punched|hit|assaulted|attacked|kicked|pushed|shoved|slapped|"
                    r"strangled|raped|abused|groomed|stalked|harassed|exploited)\s+(?:and\s+[a-z]+\s+)?by\s+"
                    r"(?P<name>(?:Mr|Mrs|Ms|Miss)\.?\s+[A-Z][\w'’-]*|(?-i:[A-Z][a-z'’-]+))(?!\s*\(\s*\d\s*\))")
# Abuse written as an arrow from the one causing it: "DA - Mr T > Mum", "DA F->M", "DV: Mr D to Ms E".
_HARM_ARROW = compiled(r"\b(?:DA|DV|abuse|violence)\s*[-:–(]?\s*"
                       r"(?P<name>(?:Mr|Mrs|Ms|Miss)\.?\s+[A-Z][\w'’-]*|[FM](?=\s*(?:-+>|>|→|vs?\b))|[A-Z][a-z'’]+)"
                       r"\s*(?:-+>|>|→|\bto\b|\btowards\b|\bvs?\b\.?)\s*"
                       r"(?:M\b|F\b|[Mm]um|[Dd]ad|(?:Mr|Mrs|Ms|Miss)\.?\s)")
_VICTIM_NAMED = compiled(
    rf"\b(?i:mum|mother)\s*,?\s*\(\s*(?:(?:Mrs|Ms|Miss|Dr|{'|'.join(_RANK_WORDS)})\.?\s+)?(?P<after>[A-Z][a-z'’-]+)\s*\)"
    r"|\b(?P<before>[A-Z][a-z'’-]+)\s*\(\s*(?i:mum|mother)\s*\)")
# Not the second part of a name joined by a hyphen ("Ellie-Mae" is one name, not "Mae").
_CAPITALISED = compiled(r"(?<!['’])\b(?:Mr|Mrs|Ms|Miss)\.?\s+[A-Z]|(?<!['’-])\b[A-Z][a-z]")
_HARMER_SUBJECT = compiled(r"\b(?P<name>(?:Mr|Mrs|Ms|Miss)\.?\s+[A-Z][\w'’-]*|[A-Z][a-z'’-]+)"
                           r"\s*(?:\(\d+\))?\s+"
                           r"(?:[\w'’]+\s+){0,6}?"
                           r"(?P<verb>violent|violence|hit|hits|hitting|assaulted|assaulting|punched|pushed|kicked|threw|"
                           r"threatened|threatening|strangled|strangling|abusive|controlling|coercive|stalking|"
                           r"stalked|attacked|aggressor|perpetrator|abuser|harassing|sent her|sent him|"
                           r"put his hands|put her hands|grabbed|grabs|controls|sexually|raped|smacks|"
                           r"smacked|aggressive|shoved|whacks|whacked|pushing|pushes)")
# Abuse told as someone's: "Mark's abuse of Claire", "Mr Ellis's violence towards her".
_ABUSE_OF = compiled(r"\b(?P<name>(?:Mr|Mrs|Ms|Miss)\.?\s+[A-Z][\w-]*|[A-Z][a-z-]+)['’]s\s+"
                     r"(?:abuse|violence|assaults?|threats|control|coercive\s+control|controlling\s+behaviour)"
                     r"\s+"
                     r"(?:of|towards?|against|to)\b")
_HARMED = compiled(r"\b(?:hit|hits|assaulted|assaulting|punched|pushed|kicked|slapped|strangled|strangling|"
                   r"attacked|threatened|raped|abused|controls|controlling)\s+(?:his\s+partner,?\s+|her\s+partner,?\s+)?"
                   r"(?P<name>(?-i:(?:Mr|Mrs|Ms|Miss)\.?\s+[A-Z][\w'’-]*|[A-Z][a-z'’-]+))\b", re.IGNORECASE)
# The one harmed, by the shape of the sentence: "Ashleigh was strangled by", "Megan's partner
# Craig", "Claire has left Mr Morgan".
_HARMED_BY = compiled(
    r"\b(?P<name>[A-Z][a-z'’-]+)(?:\s+(?:was|has been|had been|is being)\s+(?:\w+\s+)?"
    r"(?:strangled|assaulted|hit|punched|pushed|kicked|attacked|raped|abused|threatened|controlled)"
    r"|['’]s\s+(?:ex-?partner|partner|boyfriend|husband|ex|fella|girlfriend|wife)"
    # "Claire has left Mr Morgan", not "Danny left before police arrived"
    r"|\s+(?:has\s+)?(?:left(?!\s+(?:before|after|when|as|and|but|then|the\s+(?:scene|area|house|property|flat)))"
    r"|fled|separated from|split from))\b")
# The one harmed, after the act: "violent towards Mr Shah", "threw objects at Mr Sandhu".
_HARMED_AT = compiled(r"\b(?:violent|violence|aggressive|abusive|threw\s+[\w\s]{1,20}?"
                      r"|throwing\s+[\w\s]{1,20}?)"
                      r"\s+(?:at|to|towards|against)\s+(?:(?:his|her|their)\s+(?:partner|husband|wife|boyfriend|girlfriend)"
                      r"\s*,?\s*(?=[A-Z])|(?=(?:Mr|Mrs|Ms|Miss)\.?\s))"
                      r"(?P<name>(?:Mr|Mrs|Ms|Miss)\.?\s+[A-Z][\w'’-]*|[A-Z][a-z'’-]+)")
_VICTIM_WORDS = ("mum", "mother", "mrs", "ms", "miss")
_WOMAN = compiled(r"(?:Mrs|Ms|Miss)\.?\s")
# A woman is read as the one causing harm only when she is plainly its subject: her name opens a
# sentence or a clause and the act follows it, with nothing between but "has", "been" and the
# like, and not in the passive ("Ms Ford has been violent towards Mr Shah", not "Ms Bello was
# strangled", "Ms Ali describes coercive behaviour" or "sent Ms Byrne abusive texts").
_OPENS = compiled(r"(?:^|[.;:!?,(]\s*"
                  r"|\b(?:and|but|because|as|since|when|after|that|while|where|which|who)\s+)$",
                  re.IGNORECASE)
_PASSIVE = frozenset({"was", "were", "been", "being", "got", "get", "gets", "is", "are"})
_AUXILIARY = _PASSIVE | {"has", "had", "have", "also", "then", "again", "repeatedly", "became", "become",
                          "physically", "verbally", "emotionally", "sexually"}
_DONE_TO = frozenset({"hit", "assaulted", "punched", "pushed", "kicked", "threatened", "strangled",
                      "attacked", "stalked", "grabbed"})
_MEN_HARMED = ("dad", "father", "husband", "mr")
# A name that says whose someone is ("Kian's mum", "Aisha's (14) dad", "Lily's birth father").
_WHOSE = compiled(r"(?<=['’]s)|['’]s\b")
_FAMILY_PART = compiled(r"(?:['’]s)?\s*(?:\(\d{1,2}\)\s*)?(?:birth\s+|step-?)?"
                        r"(?:mum|mother|dad|father|parents?|partner|boyfriend|girlfriend|husband|wife|ex|uncle|"
                        r"aunt|nan|gran|grandad|grandfather|brother|sister|carer)\b", re.IGNORECASE)
# Acts that make a woman named just before them the one who does them ("called to Ms Lowe
# assaulting Mr Lowe"), where "abusive" or "threatening" just after her name describe what was
# sent to her.
_ACTS = frozenset({"hit", "hits", "hitting", "assaulted", "assaulting", "punched", "kicked", "threw",
                   "strangled", "strangling", "attacked", "pushed", "grabbed"})
_REPORTED = frozenset({"told", "tells", "says", "said", "disclosed", "discloses", "describes", "described",
                       "reports", "reported", "alleges", "alleged", "denies", "denied"})
# Words between a name and the harm that make the one named its teller or its target: "Kelly says
# Dean pushed her", "Grace describes him checking her phone", "Courtney gets abusive messages".
_TELLS_OR_GETS = _REPORTED | {"say", "tell", "describe", "report", "disclose", "explains", "explained",
                              "gets", "got", "get", "receives", "received", "receiving", "getting"}
_ROLE_WORD = compiled(r"\b(?:his|her|their|the|[A-Z][a-z'’-]+['’]s)\s+(?:father|dad|stepfather|step-?dad|"
                      r"partner|boyfriend|husband|ex|wife|girlfriend|uncle|grand-?dad|granddad|"
                      r"grandfather)\b", re.IGNORECASE)
_PLACE_BEFORE = compiled(r"\b(?:in|near|into)\s+$")
_PASSIVE_BEFORE = compiled(r"\b(?:was|were|been|being)\s+$", re.IGNORECASE)
_AGENT_AFTER = compiled(r"(?:\s+[\w'’]+){0,3}?\s+by\b", re.IGNORECASE)
_PERSON_NAMED = compiled(r"\b(?:Mr|Mrs|Ms|Miss)\.?\s+[A-Z][\w'’-]*|(?<!-)\b[A-Z][a-z'’-]+")
# Words before a name that keep its bearer out, not work with them: "if Kieran comes", "not to
# let Connor in", "keep Mr Webb away", "keep the children away from Ms Lowe".
_KEPT_AWAY = compiled(r"\b(?:if|when|whenever|while|unless|not to let|not let|keep|keeps|refuse|refuses|"
                      r"block|blocks)"
                      r"\s+(?:[\w'’]+\s+){0,2}$|\b(?:away|separate|separately)\s+from\s+$"
                      r"|\bnot\s+(?:to\s+)?release\s+(?:[\w'’-]+\s+){0,3}to\s+$"
                      # "not to release Rosie to dad", "told not to give Mr Jacobs the new address"
                      r"|\bnot\s+(?:to\s+)?(?:release|give|tell|send|show)\s+$"
                      r"|\b(?:cannot|can't|can\s+not|not\s+to|not)\s+(?:see|visit)\s+$"
                      # "not to be collected by Mr Bell", "never to leave Marta alone with"
                      r"|\bnot\s+(?:to\s+)?(?:be\s+)?(?:collected|picked\s+up|released|looked\s+after|babysat)"
                      r"\s+by\s+$|\b(?:never|not)\s+(?:to\s+)?(?:be\s+)?(?:leave|left)\s+(?:[\w'’-]+\s+){0,2}?"
                      r"alone\s+with\s+(?:the\s+)?$"
                      r"|\b(?:feelings|worries|fears)\s+(?:for|about)\s+$|\bdetails\s+of\s+$"
                      r"|\bwithout\s+$|\b(?:photos?|photographs?|pictures?|description)\s+of\s+(?:the\s+)?"
                      r"(?:[\w'’]+\s+and\s+(?:the\s+)?)?$"
                      # "the address kept from Mr T"
                      r"|\b(?:kept|withheld|hidden)\s+from\s+$"
                      # "leaving lessons early to avoid Ethan", "Poppy to stay with her dad"
                      r"|\b(?:avoid|avoids|avoiding)\s+$"
                      r"|\b(?:stay|stays|staying|live|lives|living|placed)\s+with\s+(?:his|her|their)?\s*$"
                      r"|\b(?:contact|messages?|texts?|calls?|lifts?|gifts?)\s+from\s+$"
                      # told of, or talked about, not worked with: "tell school about Daniel's
                      # release", "direct work with Dion about his dad", "where their dad is",
                      # "update the safety plan now Gary is back", "inform the LADO that Gary
                      # coaches", "not to share reports with"
                      r"|\b(?:about|where|now|whether|that|what|around|regarding|concerning)\s+"
                      r"(?:(?:his|her|their|the|[a-z]+['’]s)\s+)?$"
                      # "direct work with Kyle about going out with Gary", "what Dad says"
                      r"|\b(?:about|around|regarding)\s+(?:(?!and\b|or\b|then\b)[a-z'’]+\s+){1,3}$"
                      r"|\bnot\s+(?:to\s+)?(?:share|give|pass|disclose|release|reveal)\s+"
                      r"(?:[\w'’]+\s+){0,6}(?:with|to)\s+$"
                      r"|\b(?:share|shares|sharing)\s+$"
                      r"|\b(?:disclosure|information|details)\s+(?:to|about)\s+$"
                      r"|\b(?:alone|unsupervised|on\s+their\s+own|on\s+her\s+own|on\s+his\s+own)\s+with\s+$"
                      # "notify MARAC of Mr B's behaviour", "so she doesn't rely on grandad"
                      r"|\b(?:notify|notifies|notified|alert|alerts|update|updates)\s+(?:[\w'’/]+\s+){0,3}?"
                      r"(?:of|about)\s+$"
                      r"|\b(?:rely|relies|relying|depend|depends|depending|dependent)\s+on\s+$"
                      # "protective work with Mum on the risk Mr Reid poses"
                      r"|\b(?:risk|risks|danger)\s+(?:that\s+|from\s+|posed\s+by\s+)?$"
                      # "Kacey to stay at Nan's on nights Lee is home"
                      r"|\b(?:nights?|days?|evenings?|weekends?|times)\s+$"
                      # "an interpreter booked directly, never through Jason", "never Mr B",
                      # "not to be left alone in Mr Abbott's care"
                      r"|\bnever\s+(?:through\s+|via\s+|by\s+|with\s+)?$|\balone\s+in\s+$"
                      # an order the one harmed seeks, not the courts acting on him: "Nan to
                      # apply for a non-molestation order against Jason"; "report every sighting
                      # of Darren"; "not meeting Josh alone"; "advise her on excluding Callum"
                      r"|\b(?:non[- ]?mol(?:estation)?|occupation|prohibited\s+steps|restraining)\s+"
                      r"(?:orders?\s+)?against\s+$"
                      r"|\bsightings?\s+of\s+$"
                      r"|\bnot\s+(?:to\s+)?(?:meet|meeting|see|seeing|contact|contacting|invite|inviting)\s+$"
                      r"|\bexclud(?:e|es|ing)\s+$"
                      # "Dad to supervise any time Maddie spends with Mum"
                      r"|\bsupervis\w*\s+(?:any\s+|all\s+|the\s+)?(?:time|contact|visits?|family\s+time)\s+"
                      r"(?:[\w'’]+\s+){0,4}?(?:with|and)\s+$",
                      re.IGNORECASE)
# Named with what keeps him from the children: "Gran to make sure grandad is never alone with the
# children", "Jason may only visit with Mia present".
_NEVER_ALONE = compiled(r"(?:['’]s)?\s+(?:is|are)\s+(?:never|not)\s+(?:to\s+be\s+)?(?:left\s+)?alone\b"
                        r"|\s+(?:(?:may|can|will|is\s+to)\s+)?only\s+(?:visit|see|come|have)s?\b",
                        re.IGNORECASE)
# His record asked for, not work with him: "request Jason's police record".
_RECORD_OF = compiled(r"['’]s\s+(?:police\s+|criminal\s+|pnc\s+|offending\s+)?"
                      r"(?:record|records|convictions?|risk\s+information)\b", re.IGNORECASE)
# Words after a name that see them gone, not worked with: "ask Wayne to leave", "Dean will not stay".
_GONE = compiled(r"(?:['’]s)?\s+(?:to\s+leave|has\s+left|leaves|will\s+not|won't|is\s+not\s+to|not\s+to|"
                 # "make sure Avrohom does not sleep at home"
                 r"(?:does\s+not|doesn't)\s+(?:sleep|stay|live|come|visit|go)|"
                 # "any record Mr F could see", "Jason must not collect", "Dad to be told of the
                 # concerns"
                 r"could\s+see|can\s+see|must\s+not|mustn't|to\s+be\s+(?:told|informed|made\s+aware)"
                 # "so mum and Mr D never meet", "a bank account Reece doesn't know about"
                 r"|never|(?:does\s+not|doesn't|will\s+not|won't)\s+know"
                 # "for Connor to move to supported accommodation", "Shane asked to wait outside"
                 r"|to\s+move\s+(?:out|to|into)|(?:is\s+|be\s+)?asked\s+to\s+(?:wait|leave|step)"
                 # "send Mr Khan a copy of the minutes"
                 r"|(?:a\s+)?cop(?:y|ies)\s+of)\b"
                 r"|['’]s\s+(?:photo|photograph|picture|description|car|registration)\b"
                 # what is known of them, or about them, not work with them: "Mr D's details",
                 # "Mr K's record", "a welfare check at Tyler's address", "Dad's GP", "on Jason's
                 # days off", "Mark's new partner", "Gary's probation officer"; "give Mr K no
                 # information"
                 r"|['’]s\s+(?:full\s+|pnc\s+|criminal\s+|new\s+|current\s+)?(?:details|records?|convictions|"
                 r"history|address|whereabouts|release|days?\s+off|shifts?|gp|probation\s+officer|"
                 r"offender\s+manager|solicitor|partner|employer|licence|bail|conviction|school|college|"
                 r"club|dsl|church|mosque|temple|gurdwara|gym|name|phone\s+number|visits?|visiting"
                 # "a family network meeting with Mr Taylor's sister and friends"
                 r"|sisters?|brothers?|family|friends|parents|mum|mother|dad|father"
                 # "share the concerns with Connor's YOT worker"
                 r"|(?:yot|yjs|youth\s+justice)\s+worker|social\s+worker|case\s+manager)\b"
                 r"|(?<=s)['’]\s+(?:photo|photograph|picture|description|car|registration)\b"
                 # "whether Uncle Steve has any previous record"
                 r"|\s+has\s+(?:any\s+|a\s+)?(?:previous\s+|criminal\s+|police\s+)?(?:record|convictions?)\b"
                 r"|['’]s\s+risk\s+(?:information|details)\b|\s+notice\s+to\s+leave\b"
                 r"|\s+(?:(?:is|are|to\s+be|will\s+be)\s+)?(?:given\s+)?(?:no|any)\s+(?:information|details|access)\b",
                 re.IGNORECASE)
# Words after a name that only watch over their time with the children: "time with Ms Carr is
# supervised", "Dad's contact to be supervised by the paternal aunt".
_WATCHED = compiled(r"(?:['’]s)?\s+(?:[\w'’]+\s+){0,7}?(?:is|are|to be|be|being|will be|when|while|unless)"
                    r"\s+supervised\b",
                    re.IGNORECASE)
# A check of someone's record is not work with them: "an enhanced DBS on Mr A", "PNC checks on",
# "police to check Carl's conditions", "a Clare's Law disclosure on Dean".
_CHECKED_ON = compiled(r"\b(?:dbs|pnc|checks?|records?|disclosures?)\s+"
                       # "PNC and DBS checks to be completed on Craig"
                       r"(?:[\w'’]+\s+){0,4}?(?:on|of|for|against)\s+$"
                       r"|\bcheck(?:s|ing)?\s+$", re.IGNORECASE)
# Time the children spend with someone is not work with them: "family time with Dad".
_TIME_WITH = compiled(r"\b(?:time|contact|visits?|lifts?)\s+(?:for\s+[\w'’]+\s+)?(?:with|between)\s+$",
                      re.IGNORECASE)
# "Control" of an illness, not of a person: "poorly controlled asthma", "blood sugar control"; nor
# of oneself: "she has good control when she is with him", "frightened of 'losing control'",
# "self-control".
_CONTROL_OF_ILLNESS = compiled(r"\bself-\s*$"
                               r"|\b(?:poorly|badly|well|under|sugars?|glucose|seizures?|symptoms?|pain"
                               r"|good|better|tight|losing|lose|loses|lost|out\s+of|bladder|bowel|temper|impulse"
                               # a parent who cannot manage a child: "Mum says she can't control him"
                               r"|can't|can’t|cannot|can\s+not|couldn't|could\s+not|unable\s+to|struggles?\s+to"
                               r"|struggling\s+to|hard\s+to)"
                               r"\s+$", re.IGNORECASE)
# A child lashing out ("Kofi is hitting other children", "hitting out at nursery") is not abuse
# between adults.
_LASHING_OUT = compiled(r"[^\w.;!?]*(?:\w+[^\w.;!?]+){0,2}?"
                        r"(?:other|out|peers?|staff|children|pupils|school|nursery|class|"
                        r"teachers?|classmates|siblings?|brother|sister)\b(?!['’])", re.IGNORECASE)
# ... at a brother or sister: from one of sixteen or more, harm to work with them about.
_AT_SIBLING = compiled(r"[^\w.;!?]*(?:\w+[^\w.;!?]+){0,2}?(?:siblings?|brother|sister)\b(?!['’])",
                       re.IGNORECASE)
_AGED = compiled(r"(?<![\w'’-])(?P<name>[A-Z][a-z'’]+(?:-[A-Z]?[a-z'’]+)*)\s*"
                 r"(?:\(\s*(?P<a>\d{1,2})|,\s*(?P<b>\d{1,2})\b|\s+is\s+(?P<c>\d{1,2})\b|\s+aged\s+(?P<d>\d{1,2}))")
# From sixteen, one who harms a parent is worked with as the one causing harm ("Marcus (16) has
# assaulted Mum", "her son Connor (19)"); a younger child hitting out is not abuse between adults.
_GROWN = 16


@dataclass(frozen=True)
class Concern:
    """A concern the analysis names: a theme (with the clauses that name it), or a worry in a
    clause's own words that no theme covers."""

    clause: str         # the first clause that names it
    themes: tuple[Theme, ...]
    named: str          # the words that named it: a theme's word, or the worry as written
    words: frozenset[str]  # the distinctive words of every clause that names it


_RULED_OUT_PHRASE = compiled(r"^\s*(?:nobody|no\s*-?\s*one)(?:['’]s|\s+else)?\s+(?:[\w'’]+\s+){0,4}?"
                             r"(?:drinks?|drinking|uses|using|smokes?|smoking|hits?|hitting)\b"
                             r"|\bno\s+(?:[\w'’/-]+\s+){0,3}"
                             r"(?:concerns?|worries|issues|problems|disputes?|indicators?)\b"
                             r"|\bnot\s+(?:a\s+)?(?:current\s+|present\s+|live\s+|real\s+)?"
                             r"(?:concern|worry|issue|problem)\b", re.IGNORECASE)
# A clause that rules out what the clause before it named, in the same point: "Mr Obi has a 2015
# caution for cannabis - old, tests clean, not a current worry".
_RULES_OUT_BEFORE = compiled(r"\b(?:not\s+(?:a\s+)?(?:current|present|live)\s+(?:concern|worry|issue)"
                             r"|no\s+longer\s+(?:a\s+)?(?:concern|worry|issue))\b", re.IGNORECASE)
# A clause after a worry, in the same point, that rules it out.
_RULES_OUT_AFTER = compiled(_RULES_OUT_BEFORE.pattern
                            + r"|\b(?:(?:is|are|was)\s+now\s+(?:low|minimal)|neither\s+(?:is|was)"
                                r"|checks?\s+(?:were\s+|are\s+|came\s+back\s+)?clear"
                                r"|rather\s+than\s+(?:domestic\s+)?abuse|(?:was|were|is|been)\s+ruled\s+out"
                                # harm in the past, with the one who caused it gone: "Hx of DV - dad in
                                # prison till 2027, no contact", "now serving 4 yrs"
                                r"|in\s+prison|serving\s+\d+|no\s+contact\s+(?:since|for)\b)\b",
                            re.IGNORECASE)
_SENTENCE_END = compiled(r"[.!?]\s|\n")
_CHILD_GAP = frozenset({"has", "had", "also", "then", "again", "repeatedly", "keeps", "sometimes", "often",
                        "been", "is", "was", "now"})
# Where a clause begins, so that the name after it is the one who acts.
_CLAUSE_OPENS = compiled(r"(?:^|[,;:(]|\b(?:and|but|then|so|since|now)\b)\s*$", re.IGNORECASE)
_SOMEONE_ELSE_ACTS = frozenset({"he", "she", "they", "him", "his", "their", "dad", "mum", "father", "mother",
                                "partner", "says", "said", "told", "tells", "describes", "described", "saw",
                                "seen", "sees", "heard", "hears", "watched", "witnessed", "that", "when",
                                "because", "after", "while", "if"})
# Where a sentence turns to another point ("but", "however"), and where one point ends and the next
# begins inside a sentence: a turn or a semicolon.
_TURN_WORDS = r"\bbut\b|\balthough\b|\bthough\b|\bhowever\b|\bwhereas\b"
_POINT_BREAK = compiled(r";|" + _TURN_WORDS, re.IGNORECASE)


# After a capitalised word that opens a sentence, the words that say it is someone's name
# ("Ella to ...", "Kai is 11", "Amir (14)"), not a word capitalised only by its place ("Fire
# service to ...", "Dental decay").
_NAME_FOLLOWS = frozenset(["to", "will", "and", "&", "is", "was", "has", "had", "says", "said", "told",
                         "(", ",", "-", "who", "would", "should", "needs", "must"])


def is_name(reading: Reading, index: int) -> bool:
    """Whether a capitalised word is someone's name: anywhere but the start of a sentence; at
    the start, when a name's usual company follows it, or a number does ("Ella 2yrs")."""
    token = reading.tokens[index]
    if not token[:1].isupper() or token.isupper() or reading.lowers[index] in c.COMMON_WORDS:
        return False
    ids = reading.sentence_ids
    if index > 0 and ids[index - 1] == ids[index]:
        return True
    if index + 1 >= len(reading) or ids[index + 1] != ids[index]:
        return False
    after, written = reading.lowers[index + 1], reading.tokens[index + 1]
    return (after in _NAME_FOLLOWS or after[:1].isdigit() or token.endswith(("'s", "’s"))
            or (written[:1].isupper() and not written.isupper()))  # "Lily Rose", "Lily-Rose"


def _distinctive(reading: Reading) -> frozenset[str]:
    """The words of a text that say which need it is about, by stem."""
    found = set()
    for index, (lower, word_stem) in enumerate(zip(reading.lowers, reading.stems, strict=True)):
        if lower in _PLAIN or word_stem in _PLAIN_STEMS or len(lower) < 3 or lower.isdigit() \
                or word_stem in GENERIC_ANSWERS \
                or lower in GENERIC_ANSWERS or lower in c.NOT_NAMES:
            continue
        if is_name(reading, index):
            continue  # a name says who, not what the worry is
        found.add(word_stem)
    return frozenset(found)


# Words that say when or to whom, not what: left out of the wider words too.
_NOT_WHAT = frozenset("""
january february march april may june july august september october november december jan feb mar
apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday mr
mrs ms miss dr
""".split())


def wide_words(reading: Reading) -> frozenset[str]:
    """The words of a text that may say which need it is about, by stem: the distinctive ones
    and the generic ones too ("missing", "school", "health", "HV"), which the matcher weighs for
    itself where the cue lists cannot."""
    found = set()
    for index, (token, lower, word_stem) in enumerate(zip(reading.tokens, reading.lowers, reading.stems,
                                                          strict=True)):
        if lower in _PLAIN or word_stem in _PLAIN_STEMS or lower in _NOT_WHAT or not lower.isalpha():
            continue
        if len(lower) < 3 and not (len(token) == 2 and token.isupper()):
            continue
        if is_name(reading, index):
            continue
        found.add(word_stem)
    return frozenset(found)


def _points(reading: Reading) -> list[str]:
    sentences: dict[int, list[int]] = {}
    for index, sentence in enumerate(reading.sentence_ids):
        sentences.setdefault(sentence, []).append(index)
    points: list[str] = []
    spans, raw = reading.spans, reading.raw
    starts = [indexes[0] for indexes in sentences.values()]
    for number, indexes in enumerate(sentences.values()):
        end = spans[starts[number + 1]][0] if number + 1 < len(starts) else len(raw)
        text = raw[spans[indexes[0]][0]:end].rstrip().rstrip(".!?;").rstrip()
        points += [part.strip(" ,.") for part in _POINT_BREAK.split(text) if part and part.strip(" ,.")]
    return points


_LIST_ITEM = compiled(r",\s*(?:and\s+|or\s+)?(?:that\s+)?|\s+and\s+(?:that\s+)?")
_LIST_JOINERS = frozenset({"and", "or", "&", "plus", "also"})


def _near(reading: Reading, matches: Sequence[Any], reach: int = 4) -> frozenset[str]:
    """The distinctive words within a few words of a theme's cues: what that worry is about,
    not the other worries its clause also names."""
    keep: set[int] = set()
    for match in matches:  # up to a few words either side, within its own item of a list
        keep.update(range(match.first, match.last + 1))
        for step in (-1, 1):
            index = match.first if step < 0 else match.last
            for _ in range(reach):
                nxt = index + step
                if not 0 <= nxt < len(reading) or reading.lowers[nxt] in _LIST_JOINERS \
                        or "," in reading.raw[reading.spans[min(index, nxt)][1]:
                                                reading.spans[max(index, nxt)][0]]:
                  break
                keep.add(nxt)
                index = nxt
    words = _distinctive(reading)
    return frozenset(stem_ for index, stem_ in enumerate(reading.stems) if index in keep and stem_ in words)


def _strength(reading: Reading) -> bool:
    """Whether a clause names a strength and no worry ("Bilal's attendance is good", "she is
    gaining weight well")."""
    return any(not m.negated for m in _STRENGTH.find(reading)) \
        and not any(not m.negated for m in _worry_cues(reading))


def _point_clauses(text: str | None) -> Iterator[tuple[str, str]]:
    """Each clause of an analysis, with the point (the sentence, or its part between a "but" or a
    semicolon) it belongs to."""
    for point in _points(read(text)):
        for clause in [part for part in _CLAUSE_BREAK.split(point) if part and part.strip(" ,.")] or [point]:
            yield point, clause


def clauses_of(text: str | None) -> list[str]:
    """Every clause of an analysis, as `concerns_of` reads them."""
    return [clause.strip(" ,.") for _, clause in _point_clauses(text)]


# A worry told as past and closed ("Past worries about cannabis were closed after negative tests",
# "self-harmed as a teenager"): history, not a concern now.
_PAST = compiled(r"\b(?:past\s+(?:worries|concerns)|(?:was|were)\s+closed|closed\s+(?:after|with|in)\b"
                 r"|(?:is|are|was)\s+historic(?:al)?|as\s+a\s+teenager|not\s+borne\s+out"
                 r"|fits\s+(?:with\s+)?(?:her|his|their)\s+account)\b", re.IGNORECASE)
# A clause that tells what the referral said: what the analysis makes of it is in other clauses
# ("The referral raised drinking, but I found nothing to support it").
_HEARSAY = compiled(r"^\s*(?:the\s+|this\s+|[\w'’-]+['’]s\s+)?(?:referral|referrer)"
                    r"(?:['’]s\s+[\w\s]{1,20}?)?\s+(?:also\s+)?(?:raised|said|alleged|mentioned|named|reported|worried|suggested|"
                    r"was\s+about|questioned)\b", re.IGNORECASE)

# The words of a clause that only heads or points to worries named elsewhere ("Three worries:",
# "Remaining worry", "The risks identified at the start", "This worries him"): it names no need.
_HEADING_STEMS = frozenset(stem(word) for word in """
worry worries concern concerns risk risks issue issues thing things remaining remain main key big
new identified substantiated current outstanding following below chief real biggest
""".split())


@lru_cache(maxsize=512)
def concerns_of(text: str | None) -> tuple[Concern, ...]:
    """The concerns an analysis names: each theme it names as a worry, and each worry in words of
    its own that shares nothing with a theme's clauses."""
    by_theme: dict[str, tuple[Theme, str, str, set[str]]] = {}
    own: list[tuple[str, frozenset[str]]] = []
    ruled_out: set[str] = set()  # themes a clause rules out ("the bruise fits with her account")
    last: set[str] = set()  # the themes of the last clause that named any
    last_own: list[int] = []  # the worry in its own words of the last clause that named one
    explained: set[int] = set()  # such worries that a clause after explains away
    last_point = ""
    for point, clause in _point_clauses(text):
        reading = read(point)
        clause_reading = read(clause)
        same_point, last_point = point == last_point, point
        if _RULED_OUT.find(clause_reading) or _RULED_OUT_PHRASE.search(clause):
            named = {theme.name for theme in THEMES if theme.concern.find(clause_reading)}
            ruled_out.update(named)
            if not named and same_point and _RULES_OUT_BEFORE.search(clause):
                ruled_out.update(last)
                explained.update(last_own)
            if _EXPLAINED.search(clause):
                ruled_out.update(last & _ALLEGATIONS)
                # "came into A&E with a broken arm; the paediatrician accepted the explanation"
                explained.update(last_own)
            continue
        if _strength(clause_reading) or _eased(clause_reading, clause) or _HEARSAY.match(clause) \
                or _PAST.search(clause):
            continue
        words = set(_distinctive(clause_reading))
        themed = False
        here = {theme.name for theme in THEMES
                if any(not m.negated for m in theme.concern.find(clause_reading))}
        if here:
            last = here
        for theme in THEMES:
            matches = [m for m in theme.concern.find(clause_reading) if not m.negated]
            if not matches or any(theme.name in _SUBSUMES.get(other, ()) for other in here):
                continue
            themed = True
            near = _near(clause_reading, matches)
            if theme.name in by_theme:
                by_theme[theme.name][3].update(near)
            else:
                by_theme[theme.name] = (theme, clause.strip(" ,."), matches[0].found, set(near))
        if themed:
            last_own = []
            # A list of worries in one clause: an item no theme names is a worry of its own
            # ("Risks are his missing episodes, his links with older males, and that he has
            # stopped going to college").
            for item in _LIST_ITEM.split(clause):
                if _RELATIVE.match(item):
                  continue  # "neglect of his dental needs, which have gone unmet": the same worry
                item_reading = read(item)
                if any(not m.negated for m in _worry_cues(item_reading)) and not any(
                        theme.concern.find(item_reading) for theme in THEMES):
                  own.append((item.strip(" ,."), _distinctive(item_reading)))
            continue
        worry = [m for m in _worry_cues(clause_reading) if not m.negated]
        if not worry or (_STRENGTH.find(reading) and not _worry_cues(reading)[1:]):
            continue
        if words <= _HEADING_STEMS:
            continue  # "Three worries:", "Two risks remain", "The main concerns are these"
        last_own = [len(own)]
        own.append((clause.strip(" ,."), frozenset(words)))
    found = [Concern(clause, (theme,), named, frozenset(words))
             for theme, clause, named, words in by_theme.values() if theme.name not in ruled_out]
    themed_words = frozenset().union(*(concern.words for concern in found)) if found else frozenset()
    for number, (clause, own_words) in enumerate(own):
        if own_words and not own_words & themed_words and number not in explained:
            found.append(Concern(clause, (), clause, own_words))
    return tuple(found)


def clause_cues(clause: str) -> tuple[str, ...]:
    """What the cue lists read in one clause of an analysis: a worry, a theme's concern, a
    strength, a worry ruled out, a summary of other worries."""
    reading = read(clause)
    found = []
    if any(not m.negated for m in _worry_cues(reading)):
        found.append("worry")
    if any(any(not m.negated for m in theme.concern.find(reading)) for theme in THEMES):
        found.append("theme")
    if _strength(reading) or _eased(reading, clause):
        found.append("strength")
    if _RULED_OUT.find(reading) or _RULED_OUT_PHRASE.search(clause):
        found.append("ruled-out")
    if _SUMMARY.search(clause):
        found.append("summary")
    return tuple(found)


def not_named_in(concerns: Sequence[Concern], elsewhere: str | None) -> tuple[Concern, ...]:
    """The concerns not already named in `elsewhere` (the analysis, for its conclusion): by theme,
    or by a worry whose words all appear there."""
    if not elsewhere:
        return tuple(concerns)
    named = concerns_of(elsewhere)
    themes = {theme.name for concern in named for theme in concern.themes}
    words = frozenset().union(*(concern.words for concern in named)) if named else frozenset()
    return tuple(concern for concern in concerns
                 if not ((concern.themes and {t.name for t in concern.themes} <= themes)
                       or (not concern.themes and concern.words <= words)))


def describe(concern: Concern, limit: int = 90) -> str:
    """A concern as a finding quotes it: its clause, and its theme where it has one."""
    clause = (concern.clause if len(concern.clause) <= limit
              else concern.clause[:limit].rsplit(" ", 1)[0] + " ...")
    themes = ", ".join(theme.name for theme in concern.themes)
    return f"'{clause}' ({themes})" if themes else f"'{clause}'"


def action_texts(actions: Sequence[Any] | None) -> list[str]:
    """The agreed actions as text (a record's text and owner, or a string)."""
    texts = []
    for action in actions or ():
        if isinstance(action, Mapping):
            texts.append(" ".join(str(action.get(k) or "") for k in ("text", "owner")).strip())
        elif isinstance(action, str):
            texts.append(action)
    return [t for t in texts if t]


# Words of an upkeep action that name no need: how often, until when, who is seen.
_UPKEEP_WORDS = frozenset(stem(word) for word in """
visit visits visiting meet meeting meetings review reviews reviewed continue continued monitor monitoring
progress fortnightly fortnight monthly weekly wkly wkli daily required requirement alone seen see
minutes chronology summary update updated core group conference statutory frequency regular regularly
views wishes feelings timescales timescale every each twice thrice term holidays open case notes
""".split())


@lru_cache(maxsize=1024)
def upkeep_only(action: str) -> bool:
    """Whether an action only keeps the plan going (visits, meetings, reviews) and names no need:
    any word beyond how often, until when and who is seen ("check her skin at each visit", "book
    an interpreter for every visit") is a need it speaks to."""
    reading = read(action)
    if not _PLAN_UPKEEP.find(reading):
        return False
    return not any(theme.answer.find(reading) for theme in THEMES) \
        and not _distinctive(reading) - _UPKEEP_WORDS


@dataclass(frozen=True)
class Answer:
    """How an action answers a concern: by theme, or by the words they share."""

    action: str
    how: str


Matcher = Callable[[Concern, str], "str | None"]
"""A learned judge of whether an action answers a concern in other words: the words that tie
them when it does, None when it does not."""


@lru_cache(maxsize=1024)
def action_words(action: str) -> frozenset[str]:
    """An action's distinctive words, worked out once however many concerns it is held against."""
    return _distinctive(read(action))


def concern_from(text: str) -> Concern:
    """A concern written on its own (as in the pairs the matcher learns from), read as a clause
    of an analysis is: its themes and its distinctive words."""
    reading = read(text)
    themes = tuple(theme for theme in THEMES if any(not m.negated for m in theme.concern.find(reading)))
    return Concern(text.strip(), themes, text.strip(), _distinctive(reading))


def answer_to(concern: Concern, actions: Sequence[str], matcher: Matcher | None = None) -> Answer | None:
    """The first action that answers a concern, and how: by the theme's own words, by words the
    concern and the action share, or (with a `matcher`) in other words the matcher has learned
    go together."""
    for action in actions:
        reading = read(action)
        for theme in concern.themes:
            matched = theme.answer.find(reading)
            if matched:
                return Answer(action, f"{theme.name} ('{matched[0].found}')")
        shared = concern.words & action_words(action)
        if shared:
            return Answer(action, "the same need ('" + "', '".join(sorted(shared)[:2]) + "')")
    if matcher is not None:
        for action in actions:
            tied = matcher(concern, action)
            if tied is not None:
                return Answer(action, f"the same need in other words ({tied})")
    return None


_SUMMARY = compiled(r"\b(?:at risk of|is harming|are harming|is suffering|are suffering|suffering|"
                    r"is causing|are causing|the (?:main )?(?:concern|risk|worry)|impact(?:ing)? on|"
                    r"means that|meaning|is affecting|are affecting|needs are not|needs have not|"
                    r"in summary|overall|linked to|because of|"
                    r"concerns? (?:were |are |was |is )?substantiated|"
                    r"right category|category of|(?:is|are) being neglected)\b", re.IGNORECASE)


def is_summary(concern: Concern) -> bool:
    """Whether a concern's clause sums up others ("the children are suffering emotional harm")."""
    return bool(_SUMMARY.search(concern.clause))


@dataclass(frozen=True)
class Harm:
    """Abuse named in an analysis, and who is causing it (by role or by name): domestic abuse,
    or (`outside`) abuse or exploitation by an adult outside the family."""

    words: str
    roles: tuple[str, ...]
    names: tuple[str, ...]
    victims: tuple[str, ...] = ()  # the adult victim by name: "Mum (Stacey)", "Stacey (mum)"
    outside: bool = False


def _words_before(reading: Reading, index: int, reach: int) -> str:
    """Up to `reach` words before the word at `index`, within its sentence."""
    sentence = reading.sentence_ids[index]
    first = index
    while first > 0 and index - first < reach and reading.sentence_ids[first - 1] == sentence:
        first -= 1
    return reading.excerpt(first, index)


# Used by someone, not a habit of the past ("used to"): "police think he is being used to hold drugs".
_USED_BY = compiled(r"\b(?:is|are|was|were|being|been|get|gets|got|getting)\s+used\s+to\b", re.IGNORECASE)


def _ruled_out_before(reading: Reading, index: int, reach: int = 6) -> bool:
    """Whether a worry is ruled out by the words just before it in its sentence ("no evidence of
    sexual abuse", "no history of DA")."""
    before = _USED_BY.sub(" ", _words_before(reading, index, reach))
    return bool(_RULED_OUT_PHRASE.search(before) or _RULED_OUT.find(read(before)))


# A list of worries ruled out at once: "no concerns about either parent's care or about domestic
# abuse", "no concerns about forced marriage or honour-based abuse".
_RULED_OUT_LIST = compiled(r"\b(?:no|not\s+any)\s+(?:concerns?|evidence|history|indication|suggestion|"
                         r"worries|allegations?)\s+(?:about|of|regarding|around|over)\b"
                         r"|\bnothing\s+(?:to\s+suggest|to\s+indicate|suggests|indicates|suggesting)\b",
                         re.IGNORECASE)
_RELATIVE = compiled(r"\s*(?:which|who|whose|where)\b", re.IGNORECASE)
_LIST_BREAK = compiled(r"[,;:]|\b(?:but|although|though|however|whereas|yet|while)\b", re.IGNORECASE)


def _ruled_out_in_list(reading: Reading, index: int, reach: int = 14) -> bool:
    """Whether a worry is one of a list that "no concerns about" rules out, further back in its
    sentence than `_ruled_out_before` looks, with nothing that turns the sentence between."""
    return bool(_RULED_OUT_LIST.search(_LIST_BREAK.split(_words_before(reading, index, reach))[-1]))


def _ruled_out(reading: Reading, index: int) -> bool:
    return _ruled_out_before(reading, index) or _ruled_out_in_list(reading, index)


@lru_cache(maxsize=512)
def harm_in(text: str | None) -> Harm | None:
    """Abuse by a person the analysis names: a partner, ex, father or stepfather, or someone
    named doing the harm ("Mr Shah has sent her threatening messages")."""
    reading = read(text)
    aged = [(re.sub(r"['’]s$", "", m.group("name")), int(m.group("a") or m.group("b") or m.group("c")
                                                       or m.group("d"))) for m in _AGED.finditer(reading.raw)]
    children = {name for name, age in aged if age < _GROWN}
    grown = {name for name, age in aged if age >= _GROWN}
    harm = [m for m in _HARM_WORDS.find(reading) if not m.negated and not _ruled_out(reading, m.first)
            and not (m.found.lower().startswith("control")
                     and _CONTROL_OF_ILLNESS.search(reading.raw[:reading.spans[m.first][0]]))
            and not (_LASHING_OUT.match(reading.raw, reading.spans[m.last][1])
                     and "black eye" not in m.found.lower()
                     and not (_AT_SIBLING.match(reading.raw, reading.spans[m.last][1])
                              and _done_by_grown(reading, m, grown)))
            and not (m.found.lower().startswith("push")
                     and _PRESSED.match(reading.raw, reading.spans[m.last][1]))
            and not _ruled_out_after(reading, m) and not _done_by_child(reading, m, children)
            and not _done_by_child_after(reading, m, children) and not _not_harm(reading, m)
            and not _done_by_no_one(reading, m)]
    # Fear told in the sentence of a child's hitting out, or the one after, is fear of that child:
    # "Reece (15) has been hitting his brother Alfie (9); Alfie says he is scared of him".
    by_children = {reading.sentence_ids[m.first] for m in _HARM_WORDS.find(reading)
                 if not m.negated and (_done_by_child(reading, m, children)
                                         or _done_by_child_after(reading, m, children)
                                         or (_LASHING_OUT.match(reading.raw, reading.spans[m.last][1])
                                             and not _done_by_grown(reading, m, grown)))}
    harm = [m for m in harm if not (m.found.lower().endswith((" of him", " of her"))
                                    and {reading.sentence_ids[m.first], reading.sentence_ids[m.first] - 1}
                                    & by_children)]
    by_mother = _mothers_acts(reading, harm)
    if by_mother:  # and the fear of her that follows: "Mum (Stacey) has assaulted dad ... frightened of her"
        by_mother += [m for m in harm if m not in by_mother and m.found.lower().endswith(" of her")]
    harm = [m for m in harm if m not in by_mother]
    domestic = [m for m in next(t for t in THEMES if t.name == "domestic abuse").concern.find(reading)
                if not m.negated and not _ruled_out(reading, m.first) and not _ruled_out_after(reading, m)
                and not _not_harm(reading, m) and not _FROM_MUM.match(reading.raw, reading.spans[m.last][1])]
    if by_mother:  # the theme's words for her acts: "Kian's mum has assaulted him and controls his money"
        theirs = {m.first for m in _mothers_acts(reading, by_mother + domestic)}
        domestic = [m for m in domestic if m.first not in theirs]
    if not harm and not domestic:
        outside = _harm_outside(reading, children)
        return _by_mother(reading, by_mother) if outside is None else outside
    raw = reading.raw
    roles = tuple(dict.fromkeys(m.cue for m in _roles_in(reading)))
    names: list[str] = []
    harmed_named: list[str] = []
    harmed_roles: set[str] = set()
    for match in _NAME_NEAR_ROLE.finditer(raw):
        if match.group("after") and _WHOSE.match(raw, match.end("after")) \
                and _FAMILY_PART.match(raw, match.end("after")):
            continue  # "her husband, Harvey's stepdad": Harvey is whose, not "her father Aaron's control"
        name = re.sub(r"['’]s$", "", match.group("after") or match.group("before")
                      or match.group("whose") or "")
        if match.group("after") and _WOMAN.match(name) and _SHE_TELLS.match(raw, match.end()):
            harmed_named.append(name)  # "His partner Ms Evans told police he pinned her down"
            continue
        act_on = (_ACT_ON.search(raw, 0, match.start()) or _HIS_ACT_ON.search(raw, 0, match.start())
                  if match.group("after") else None)
        if act_on is not None:  # "Ms Grant has been hitting her partner, Mr Cole": she harms him
            harmed_named.append(name)
            harmed_roles.add(match.group(0).split()[0].lower().strip(",("))
            doer = act_on.groupdict().get("woman") or act_on.groupdict().get("man")
            if doer:
                names.append(doer)
            continue
        if name and name.split()[-1].lower() not in c.NOT_NAMES and name.lower() not in c.COMMON_WORDS:
            names.append(name)
    for start in _CAPITALISED.finditer(raw):
        subject = _HARMER_SUBJECT.match(raw, start.start())
        if subject is None:
            continue
        if _WHOSE.match(raw, subject.end("name")) and _FAMILY_PART.match(raw, subject.end("name")):
            continue  # "Kian's mum has assaulted him": the act is mum's, not Kian's
        name = re.sub(r"['’]s$", "", subject.group("name"))
        if _OBJECT_BEFORE.search(raw, 0, subject.start()):
            continue  # "has been sending Gina threatening messages": Gina is sent them
        gap = set(raw[subject.end("name"):subject.start("verb")].lower().split())
        if gap & _TELLS_OR_GETS:
            continue  # "Kelly says Dean pushed her", "Courtney still gets abusive messages from him"
        if gap & _PASSIVE and subject.group("verb").lower() in _DONE_TO \
                and re.match(r"(?:\s+and\s+[a-z]+)?\s+by\b", raw[subject.end():]):
            continue  # "Tia (17) has been threatened and punched by Stefan": the one harmed
        # A child who hits out ("Kofi is hitting other children") is not the adult causing harm.
        harms = _may_harm(name, children) or _woman_harms(raw, subject)
        if harms and (not _LASHING_OUT.match(raw, subject.end())
                      or (name in grown and _AT_SIBLING.match(raw, subject.end()))):
            names.append(name)
    for arrow in _HARM_ARROW.finditer(raw):
        if arrow.group("name") in ("F", "Dad", "dad"):
            roles += ("father",)
        elif arrow.group("name") not in ("M", "Mum", "mum"):
            names.append(arrow.group("name"))
    names += [m.group("name") for m in _ABUSE_OF.finditer(raw) if _may_harm(m.group("name"), children)]
    names += [m.group("name") or m.group("titled") for m in _HARM_BY.finditer(raw)
              if (m.group("name") or m.group("titled")).lower() not in c.COMMON_WORDS
              and m.group("name") not in children]
    names += [re.sub(r"['’]s$", "", m.group("name")) for m in _DONE_BY.finditer(raw)
              if _may_harm(re.sub(r"['’]s$", "", m.group("name")), children)]
    mothers = [m.group("after") or m.group("before") for m in _VICTIM_NAMED.finditer(raw)]
    victims = list(mothers) + harmed_named
    victims += [m.group("name") for pattern in (_HARMED, _HARMED_BY, _HARMED_AT)
                for m in pattern.finditer(raw)]
    # One named by a harming role is not also the one harmed ("Dad left after assaulting Mum").
    victims = [v for v in dict.fromkeys(victims)
               if v.lower() not in c.COMMON_WORDS and v.lower() not in roles]
    found = list(dict.fromkeys(names))
    names = [n for n in found if n not in victims]
    if not names:  # "Mr R, a PE teacher, was arrested for assaulting his partner Ms R"
        # Each act in turn, the domestic abuse theme's words too, not only the first kind found: the
        # one causing harm may be named before either.
        acts = harm + domestic
        first = _first_named_before(reading, acts, children)
        he = _mr_before_he(reading, acts, children)
        if not first or (he and _MR.match(he[0]) and not any(_MR.match(name) for name in first)):
            first = he  # "Mr K ... has lived with Tanya ... when he has been drinking, once throwing a mug"
        names = [n for n in first if n not in victims] or found or first
    if found and names:  # named plainly, not only as the one named first before the harm
        roles = _roles_told_with(reading, roles, harm + domestic, names)
    elif not names:
        # Named by their part alone: the part told in the sentence of the harm or the one before
        # ("Her partner moved in. He has hit her"), not "Dad works away" further on.
        near = {reading.sentence_ids[act.first] + step for act in harm + domestic for step in (-1, 0, 1)}
        told = _roles_in(reading)
        kept = {m.cue for m in told if reading.sentence_ids[m.first] in near}
        roles = tuple(role for role in roles if role in kept or role not in {m.cue for m in told})
    if not roles:
        # No part in the family named: harm by an adult outside it, where the analysis tells of
        # one ("a man using the name 'Jay' groomed her ... got indecent images from her").
        outside = _harm_outside(reading, children)
        if outside is None and not names:
            return _by_mother(reading, by_mother + harm)
        if outside is not None or not names:
            return outside
    # A man and a woman both named beside the harm: she is the one harmed ("He now lives with a new
    # partner, Ms Lowe. Ms Lowe has told police Mr T has hit her").
    if any(_MR.match(name) for name in names) and any(_WOMAN.match(name) for name in names):
        names = [name for name in names if not _WOMAN.match(name)]
    if set(roles) & _MEN and set(roles) & {"wife", "girlfriend"}:
        roles = tuple(role for role in roles if role not in ("wife", "girlfriend"))
    roles = tuple(role for role in roles if role not in harmed_roles)  # "hitting her husband, Mr Dunn"
    words = (domestic or harm)[0].found
    if names and all(_WOMAN.match(name) or name in mothers for name in names):
        victims += _MEN_HARMED  # where only a woman causes harm, the man of the family is the one harmed
    harmed = tuple(v.lower() for v in victims if v not in names)
    names = list(dict.fromkeys(_NAME_ENDS.sub("", name).strip("'’‘")  # "Mr Simmons' assault", "'Kaz'"
                               for name in names))
    if not names and roles and set(roles) <= _HER_PARTS:
        names = _women_titled(raw, harmed)  # "his wife has hit him ... Mrs Adebayo accepts"
    return Harm(words, roles, tuple(names) + _surnames(raw, names), harmed)


def _roles_in(reading: Reading) -> list[Any]:
    """The parts in the family the analysis names, but not one in quotes, which is a stranger's pose
    or someone's word for him: "an online 'girlfriend' who is threatening to share his images"."""
    raw = reading.raw
    return [m for m in _HARMING_ROLES.find(reading)
            if not (raw[reading.spans[m.first][0] - 1:reading.spans[m.first][0]] in ("'", "‘", '"', "“")
                  and raw[reading.spans[m.last][1]:reading.spans[m.last][1] + 1] in ("'", "’", '"', "”"))]


def _roles_told_with(reading: Reading, roles: tuple[str, ...], acts: Sequence[Any],
                     names: Sequence[str]) -> tuple[str, ...]:
    """The parts in the family named in a sentence that tells of the harm or names the one causing
    it, where that one is named: in "Mum's partner, Craig, ... Bailey misses his dad", Craig is
    the one causing harm, not Bailey's dad."""
    sentences = {reading.sentence_ids[act.first] for act in acts}
    starts = [span[0] for span in reading.spans]
    for name in names:
        for found in re.finditer(_name_pattern(name), reading.raw, re.IGNORECASE):
            index = bisect.bisect_right(starts, found.start()) - 1
            if index >= 0:
                sentences.add(reading.sentence_ids[index])
    told = _roles_in(reading)
    kept = {m.cue for m in told if reading.sentence_ids[m.first] in sentences}
    return tuple(role for role in roles if role in kept or role not in {m.cue for m in told})


def _surnames(raw: str, names: Sequence[str]) -> tuple[str, ...]:
    """The one causing harm by title and surname, where the analysis gives a first name and a
    surname and an action may use either: "her ex-partner, LCpl Dale Robbins" is also "Mr Robbins"."""
    found = []
    for name in names:
        if " " in name:
            continue
        after = re.search(rf"\b{re.escape(name)}\s+(?P<surname>[A-Z][a-z'’-]+)\b", raw)
        if after is not None and after.group("surname").lower() not in c.NOT_NAMES \
                and after.group("surname").lower() not in c.COMMON_WORDS:
            found.append(f"Mr {after.group('surname')}")
    return tuple(name for name in dict.fromkeys(found) if name not in names)


# Abuse or exploitation of a child by an adult outside the family (`docs/rubric.md`: a coach, a
# member of staff, an adult who grooms or exploits).
_OUTSIDE_HARM = Cues([
    "groomed", "grooming", "grooms", "groom", "exploited", "exploiting", "exploits", "exploitation",
    "exploiter", "exploiters", "cse", "cce", "county lines", "trafficked", "sextortion", "blackmail",
    "blackmailing", "raped", "rape", "sexually assaulted", "sexual assault", "sexually abused",
    "sexual abuse",
    "sexual messages", "sexual images", "sexual pictures", "sexual photos", "sexual videos",
    "sexual comments", "sexual relationship", "sexually explicit", "intimate images", "indecent images",
    "nude images", "nudes",
    "asked her for photos", "asked her for pictures", "asked her for images", "asked him for photos",
    "asked him for pictures", "asked him for images", "asked for photos", "asked for pictures",
    "asked for images", "money for photos", "send pictures", "send photos", "send images",
    "keep it a secret", "keep it secret", "our secret", "keep their chats secret", "keep their chats private",
    "keep the messages secret", "not to tell her parents", "not to tell his parents", "not to tell her mum",
    "not to tell his mum", "offered her money", "offered him money", "offering him money",
    "offering her money", "carry packages", "carry drugs", "hold drugs", "sell drugs", "dealing for",
    "gives him cannabis", "gives her cannabis", "gives her vapes", "gives her alcohol", "buys her alcohol",
    "buying her alcohol", "gives him money", "gives her money", "buying him", "buying her", "bought her",
    "bought him", "gets into bed", "got into bed", "walks in on her", "slapped", "slap", "hit",
    "told her not to tell", "told him not to tell", "runs the line", "run the line", "running a line",
    "gives her lifts", "gave her lifts", "gives him lifts", "gave him lifts", "massaging her",
    "massaging him", "oral sex", "in exchange for", "paying him to", "paying her to", "paid him to",
    "paid her to", "intimate photos", "intimate pictures", "asking her for photos", "asking him for photos",
    "asking for photos", "asking her for pictures", "asking him for pictures", "sending him images",
    "sending her images", "hold packages", "holding packages", "gives him cash", "gives her cash",
    "taking photos of", "getting into cars", "into cars with", "in a car with", "in cars with", "cuckooing",
    "cuckooed",
    # secrets, gifts, lifts and private messages from an adult, and touching: grooming as it is told
    "between us", "touches her", "touched her", "touching her", "touches him", "touched him", "touching him",
    "giving him lifts", "giving her lifts", "offers of lifts", "offered him lifts", "offered her lifts",
    "messaging her privately", "messaging him privately", "privately messaging", "private messages",
    "keep secrets", "keeps secrets", "kept secrets", "give her alcohol", "give him alcohol",
    "give her cannabis", "give him cannabis", "give her drugs", "give him drugs", "gives her drugs",
    "gives him drugs", "late night messages", "late-night messages", "messages late at night", "gifts from",
    "buys her", "buys him", "giving him cash", "giving her cash", "carry a bag", "relationship is sexual",
    "intimate image", "nude image", "asking to meet her", "asking to meet him", "asked to meet her",
    "asked to meet him", "sent him pictures", "sent him photos", "sent her pictures", "sent her photos",
    "sending her gifts", "sending him gifts", "sending photos", "sending pictures", "sending money to",
    "being run by", "run by an adult", "gave her alcohol", "gave her vodka", "gave her drugs",
    "gave him alcohol", "gave him drugs", "took photos of her", "took photos of him", "took pictures of her",
    "took pictures of him", "picked up by", "being picked up", "picks her up", "picking her up",
    "picks him up", "picking him up",
    # late messages, gifts and errands from an adult, as written: "has been messaging her late at
    # night", "giving him vapes", "running drugs for older lads", "asked to hold a package"
    "messaging her late at night", "messaging him late at night", "late-night snapchat messages",
    "late night snapchat messages", "keep them secret", "giving vapes", "gives him vapes",
    "giving him vapes", "giving her vapes", "driving her in his car",
    "offering her lifts", "offering him lifts", "running drugs", "run drugs", "store drugs",
    "storing drugs", "to deal from", "hold a package", "holding a package",
], stems=False)
_AGE_ADULT = r"(?:1[89]|[2-9]\d)"
_PERSON = r"(?:(?:Mr|Mrs|Ms|Miss)\.?\s+[A-Z][\w'’-]*|[A-Z][a-z'’-]+(?:\s+[A-Z](?:[a-z'’-]+|\b\.?))?)"
# The adult named: "known as 'Jay'", "Connor (19)", "Liam B, who is 24", "her football coach, Gary",
# "a man she calls Uncle Tony", "care worker Ms R".
_OUTSIDE_NAMED = compiled(
    r"\b(?:known(?:\s+to\s+(?:her|him|them)|\s+locally)?(?:\s+only)?\s+as|called|calls\s+(?:him\s+)?)\s+['‘\"“]?(?P<a>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?)"
    rf"|(?P<b>{_PERSON})\s*(?:\(\s*{_AGE_ADULT}\s*\)|,\s*(?:who\s+is\s+|aged\s+)?{_AGE_ADULT}(?=\s*[,;.)]|\s+and\b|$))"
    rf"|\b(?i:coach|teacher|teaching\s+assistant|care\s+worker|support\s+worker|night\s+worker|carer|"
    rf"staff\s+member|youth\s+worker|driver|landlord|neighbour|lodger|tutor|instructor|leader)"
    rf"\s*,?\s+(?P<c>{_PERSON})"
    # "Mr Kowalski, who coaches the under-12s"
    rf"|(?P<d>{_PERSON}),\s+who\s+(?:coaches|teaches|tutors|runs|manages|works|volunteers|drives)\b")
# The adult by what they are, where not named: "an adult on Instagram", "a man in his twenties",
# "an 18-year-old", "his football coach", "older men".
_OUTSIDE_ROLE = compiled(
    r"\b(?:an?\s+(?:unknown\s+|older\s+|identified\s+)?adult|the\s+adult|adults|an?\s+(?:older\s+)?man|older\s+(?:men|males?)|"
    rf"an?\s+{_AGE_ADULT}[- ]year[- ]old|(?:her|his|their|the|a)\s+(?:[a-z]+\s+)?coach|"
    r"someone\s+(?:online|from|who|(?:he|she|they)\s+(?:met|thought|calls?))|"
    r"(?:a|the)\s+(?:member\s+of\s+staff|staff\s+member|care\s+worker|teaching\s+assistant|family\s+friend|"
    r"friend\s+of\s+the\s+family)\b|"
    # "a male agency worker", "a night support worker", "a volunteer at the club", "two adult men"
    r"(?:a|an|the)\s+(?:male\s+|female\s+)?(?:(?:agency|night|support|relief|residential|youth|night\s+support)"
    r"\s+worker|volunteer|landlord)\b|"
    r"(?:two|three|four|several|some|a\s+group\s+of)\s+(?:older\s+|adult\s+)+(?:men|males)\b)",
    re.IGNORECASE)


def _harm_outside(reading: Reading, children: set[str]) -> Harm | None:
    """Abuse or exploitation of a child by an adult outside the family, and who that adult is by
    name or by what they are ("groomed by a man in his twenties", "his coach, Gary, ... asked him
    to keep it a secret"); None where the analysis names no such harm, or rules it out ("no CCE
    indicators")."""
    acts = [m for m in _OUTSIDE_HARM.find(reading) if not m.negated and not _ruled_out(reading, m.first)
            and not _ruled_out_after(reading, m)]
    raw = reading.raw
    if acts:
        words, place = acts[0].found, reading.spans[acts[0].first][0]
    else:  # told in words the cue list lacks: "running a drug line and using Ty to carry"
        told = _OUTSIDE_TOLD.search(raw)
        if told is None or _ruled_out(reading, bisect.bisect_right([span[0] for span in reading.spans],
                                                                   told.start()) - 1):
            return None
        words, place = told.group(0), told.start()
    names: list[str] = []
    for found in _OUTSIDE_NAMED.finditer(raw):
        written = found.group("a") or found.group("b") or found.group("c") or found.group("d") or ""
        name = re.sub(r"['’]s$", "", written.strip("'’"))
        first = name.split()[0].lower() if name else ""
        if name and _may_harm(name, children) and first not in _FAMILY_WORDS and first not in c.COMMON_WORDS:
            names.append(name)
    # The adult by what they are, told nearest the harm: "a youth worker noticed ... an adult
    # who asked for photos" is harm by the adult.
    roles = tuple(found.group(0).lower() for found in sorted(
        _OUTSIDE_ROLE.finditer(raw), key=lambda found: abs(found.start() - place))[:1])
    if not names and not roles:
        return None
    return Harm(words, roles, tuple(dict.fromkeys(names)) + _surnames(raw, names), (), outside=True)


# Exploitation of a child by an adult, told in more of writers' words: "running a drug line and
# using Ty to carry", "gives them free vapes", "asked Demi for photos", "pays him £20 to 'drop
# things off'", "handing out vapes after training", "to collect and deliver drugs".
_OUTSIDE_TOLD = compiled(
    r"\b(?:running|runs|run)\s+a\s+(?:drugs?\s+)?line\b"
    r"|\busing\s+(?:[A-Z][\w'’-]*|her|him)\s+to\s+(?:carry|deliver|sell|hold|run)"
    r"|\b(?:free|handing\s+out|hands\s+out|handed\s+out)\s+(?:\w+\s+)?vapes\b"
    r"|\basked\s+(?:[A-Z][\w'’-]*|her|him)\s+for\s+(?:a\s+)?(?:photos?|pictures?|images?|nudes?)\b"
    r"|\bcarrying\s+(?:a\s+)?(?:sealed\s+)?package\b"
    r"|\bpays?\s+(?:him|her)\s+(?:£\d+\s+)?(?:for\s+deliveries|to\s+['‘]?(?:drop|deliver|carry|hold|run))"
    r"|\b(?:collect\s+and\s+deliver|deliver|deliveries\s+of)\s+drugs\b"
    r"|\bgives?\s+(?:girls|boys|them|children|young\s+people)\s+(?:free\s+)?(?:alcohol|cannabis|vapes|drugs)\b"
    r"|\bgiving\s+(?:[A-Z][\w'’-]*|them|her|him)\s+(?:money|vapes|alcohol|gifts|cannabis)\b"
    r"|\btaking\s+(?:photographs|photos|pictures)\s+of\s+(?:them|her|him)\b"
    r"|\bsending\s+(?:her|him)\s+sexual\b")


# Family words that open a name-like phrase, which name no adult outside the family.
_FAMILY_WORDS = frozenset({"mum", "mother", "dad", "father", "nan", "nanna", "gran", "grandma", "grandad",
                         "aunt", "auntie", "uncle", "sister", "brother", "stepdad", "stepmum", "baby"})
# What acts on an adult outside the family: police work to identify, stop or charge them, a
# notice or an order, or the LADO and an employer acting on one who works with children.
_ACTS_ON_OUTSIDE = compiled(
    r"\b(?:disruption|cawns?|abduction\s+warning|lado|sexual\s+risk\s+order|trafficking\s+offences|"
    r"investigation|under\s+caution|contextual\s+safeguarding|mace|suspend|suspended|suspension|dismiss|"
    r"dismissed|barred|barring|arrest|arrested|prosecute|prosecution|act\s+against|action\s+against)\b",
    re.IGNORECASE)
# Police work on them: "Police to identify 'J' from the gaming account", "DC Walsh to examine
# Liam's phone", "Police to make a CEOP referral and seize the device".
_POLICE_ACT_ON = compiled(
    r"\b(?:police|pc|dc|ds|dci|detective|ceop|cid|btp|spoc|oic|nca|polit)\b(?:\s+\S+){0,5}?\s+(?:to|will|are\s+to|is\s+to)"
    r"\s+(?:\S+\s+){0,12}?(?:investigat|identif|trac(?:e|ing)|(?<!abe\s)interview|disrupt|examin|seiz|search|"
    r"caution|ceop|take\s+action|visit\s+(?:him|them|the\s+address)|pursu|oppose\s+(?:any\s+)?bail"
    r"|(?:ask|apply\s+to)\s+the\s+court|seek\s+(?:an?\s+)?(?:shpo|sexual\s+harm\s+prevention|order))"
    # a strategy discussion held with the police: "Police + SW strat disc within 24 hrs"
    r"|\b(?:police|ds|dc|di|dci|pc)\b.*\bstrat(?:egy|\.)?\s+(?:disc|discussion|meeting)|\bstrat(?:egy|\.)?\s+(?:disc|discussion|meeting)\b.*\bpolice\b",
    re.IGNORECASE)


# The mother's partner, in an action: him, where a partner causes the harm.
_HER_PARTNER = compiled(r"\b(?:mum|mother|mummy)['’]s\s+(?:new\s+)?partner\b")
# Police acting on the one causing harm within the family, where the action does not name him as
# the analysis does: "PC Dunn to interview Ryan about the messages", "Police to continue the
# harassment investigation".
_POLICE_ON_HIM = compiled(
    r"\b(?:police|pc|dc|ds|oic)\b(?:\s+\S+){0,3}?\s+(?:to|will)\s+(?:\S+\s+){0,5}?"
    r"(?:(?<!abe\s)interview\s+(?!(?:the\s+)?(?:child|children|girls?|boys?)\b)|arrest|caution|charge\s+him|"
    r"(?:the\s+)?harassment\s+(?:investigation|warning)|issue\s+a\s+(?:harassment|pin|warning))",
    re.IGNORECASE)


# Where a sentence turns to another point: not at a semicolon, after which it most often goes on
# about the same harm ("DA hx - dad (Mr R), 2023; now serving 4 yrs", "had a DV history; police
# checks found nothing ..., so that is ruled out").
_TURN = compiled(_TURN_WORDS, re.IGNORECASE)
# A quotation open before a worry in its sentence: the worry is told in someone's words.
_QUOTE_OPEN = compiled(r"(?:^|[\s(])['‘\"“][^'’\"”]*$")
# What enquiries found, that clears a worry told in someone's words.
_CLEARED = compiled(r"\b(?:nothing\s+sexual|threshold\s+(?:was\s+)?not\s+met|unfounded"
                    r"|unsubstantiated|not\s+substantiated)\b", re.IGNORECASE)


def _ruled_out_after(reading: Reading, cue: Any) -> bool:
    """Whether the rest of the point after a worry rules it out: "his father's past violence is now
    low", "police and MARAC checks clear", "neither is, and this is mutual hostility"; or, for a
    worry told in someone's quoted words, what the analysis found after it: "said her uncle
    'touches her when he tickles her' ... nothing sexual"."""
    after = reading.raw[reading.spans[cue.last][1]:]
    rest = _SENTENCE_END.split(after, maxsplit=1)[0]
    if _RULES_OUT_AFTER.search(_TURN.split(rest, maxsplit=1)[0]):
        return True
    before = _SENTENCE_END.split(reading.raw[:reading.spans[cue.first][0]])[-1]
    return bool(_QUOTE_OPEN.search(before)) and bool(_CLEARED.search(after))


# "Since the assault", "after the assault", an event told with no one named in it.
_THE_EVENT_BEFORE = compiled(r"\b(?:since|after|before)\s+the\s+$", re.IGNORECASE)
_WHOSE_EVENT = compiled(r"\s+(?:by|on|of|from|at\s+home)\b", re.IGNORECASE)


def _done_by_no_one(reading: Reading, cue: Any) -> bool:
    """Whether a rape, a stabbing or an assault is told as done to someone by no one named: "after
    being raped in Libya", "he was stabbed in the hand in January", "since the assault he has
    stopped going out" (but not "Mum ended it with Dad after the assault")."""
    start, end = reading.spans[cue.first][0], reading.spans[cue.last][1]
    if cue.found.lower() == "assault":  # "Since the assault he's stopped going to football"
        sentence = reading.sentence_ids[cue.first]
        return bool(_THE_EVENT_BEFORE.search(reading.raw, max(0, start - 20), start)) \
            and not _WHOSE_EVENT.match(reading.raw, end) \
            and not any(reading.sentence_ids[m.first] == sentence for m in _roles_in(reading))
    if cue.found.lower() not in ("raped", "stabbed"):
        return False
    return bool(_PASSIVE_BEFORE.search(reading.raw, max(0, start - 12), start)) \
        and not _AGENT_AFTER.match(reading.raw, end)



_NAME_ENDS = compiled(r"(?<=s)['’]$")
# Harm done by a child, told after the act: "Jodie is being hit and pinched by her brother Reece
# (13)", "hit by his older sister".
_BY_CHILD = compiled(r"(?:\s+and\s+[\w'’]+)?\s+by\s+(?:(?:his|her|their|the)\s+)?"
                     r"(?:(?:older|younger|big|little|twin|foster)\s+)?"
                     r"(?:(?P<kin>(?:step-?|half-?)?(?:brother|sister|sibling)s?|cousin|foster\s+child)\b"
                     r"|(?P<name>[A-Z][a-z'’-]+)\b)", re.IGNORECASE)
# Words that are no harm by a person in these senses: a panic attack, puberty that "has hit hard",
# a breach of someone's rights.
_NOT_HARM_BEFORE = compiled(r"\b(?:panic|asthma|heart|anxiety|terror|terrorist)\s+$", re.IGNORECASE)
# Violence as something a child is drawn to or watches on a screen, not done by a person here: "a
# fascination with violence", "footage of the Christchurch attack".
_DRAWN_TO = compiled(r"\b(?:fascinat\w*|obsess\w*|interest(?:ed)?|footage|videos?|content|glorif\w*)"
                     r"\s+(?:with|in|of|about)?\s*(?:[\w'’-]+\s+){0,2}?$", re.IGNORECASE)
_NOT_HARM_AFTER = compiled(r"\s+hard\b|\s+(?:[\w'’]+\s+){0,3}?(?:human\s+)?rights\b", re.IGNORECASE)


def _done_by_child_after(reading: Reading, cue: Any, children: set[str]) -> bool:
    """Whether the act is told as done by a child named after it ("hit by her brother Reece (13)")."""
    found = _BY_CHILD.match(reading.raw, reading.spans[cue.last][1])
    if found is None:
        return False
    if found.group("kin"):
        return True
    return re.sub(r"['’]s$", "", found.group("name")) in children


def _not_harm(reading: Reading, cue: Any) -> bool:
    """Whether a harm word is used in a sense that is no harm by a person."""
    word = cue.found.lower()
    start, end = reading.spans[cue.first][0], reading.spans[cue.last][1]
    if word.startswith("attack") and _NOT_HARM_BEFORE.search(reading.raw[max(0, start - 20):start]):
        return True
    if word.startswith(("violen", "attack")) and _DRAWN_TO.search(reading.raw[max(0, start - 40):start]):
        return True
    if re.search(r"\bnon-?\s*$", reading.raw[max(0, start - 5):start], re.IGNORECASE):
        return True  # "his offence was non-violent"
    if word in ("hit", "breach", "breached") and _NOT_HARM_AFTER.match(reading.raw, end):
        return word != "hit" or reading.raw[end:end + 6].lower().strip().startswith("hard")
    return False

def _done_by_child(reading: Reading, cue: Any, children: set[str]) -> bool:
    """Whether a young child named just before the act does it: "his brother Reggie (2) hit him"."""
    sentence = _SENTENCE_END.split(reading.raw[:reading.spans[cue.first][0]])[-1]
    named = list(_PERSON_NAMED.finditer(sentence))
    if not named or re.sub(r"['’]s$", "", named[-1].group(0)) not in children:
        return False
    gap = re.sub(r"\(\s*\d{1,2}\s*\)", " ", sentence[named[-1].end():]).lower().split()
    if gap[-1:] and gap[-1] in ("is", "was", "been") and not cue.found.lower().endswith("ing"):
        return False  # "Mia (3) was hit by Dad's partner": done to the child
    if len(gap) <= 3 and set(gap) <= _CHILD_GAP:
        return True
    # One act of the child's after another: "Ben (5) has been hitting her and won't let her put
    # him to bed", with no one else, and no one telling of it, between, and the child the one who
    # acts, not the one acted on ("shouting at Kai and pushed him").
    return len(gap) <= 8 and gap[-1:] == ["and"] and not set(gap) & _SOMEONE_ELSE_ACTS \
        and bool(_CLAUSE_OPENS.search(sentence, 0, named[-1].start()))


# The mother as the one who does it, with no man named between: "Mum admits she has smacked
# him", "Mum told the HV she smacks him when he bites the baby".
_BY_MOTHER = compiled(r"\W*(?:[Mm]um|[Mm]other|[Mm]ummy)\b(?![’']s)"
                      r"(?:\s*\([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?\))?"
                      r"(?:(?!\b(?:dad|daddy|father|stepdad|stepfather|partner|boyfriend|husband|ex|he|mr|(?:describes|described|saw|seen|heard|watched)\s+him|(?:has\s+)?(?:describes|described|disclosed|discloses|alleges|alleged|reports|reported)\b)\b)"
                      r"[^A-Z])*$")


def _done_by_grown(reading: Reading, cue: Any, grown: set[str]) -> bool:
    """Whether a young person of sixteen or more, the last named before the act in its sentence,
    does it: "Connor (17) has sexually abused his sister" is harm to work with him about, where a
    younger child's hitting out at a brother is a concern like any other (`docs/rubric.md`)."""
    sentence = _SENTENCE_END.split(reading.raw[:reading.spans[cue.first][0]])[-1]
    named = list(_PERSON_NAMED.finditer(sentence))
    return bool(named) and re.sub(r"['’]s$", "", named[-1].group(0)) in grown


def _done_by_mother(reading: Reading, cue: Any) -> bool:
    """Whether the mother, the first named in the sentence, is the one who does the act."""
    if cue.found.lower().startswith(("mum", "mother")):
        return False  # "Mum has had a black eye": she is the one harmed
    sentence = _SENTENCE_END.split(reading.raw[:reading.spans[cue.first][0]])[-1]
    return bool(sentence[:1] in "Mm" and _BY_MOTHER.match(sentence))


# The mother just before the act, her name in brackets or not: "At contact mum slapped Zoe", "Kai's
# mum has hit him", "mum (Sasha) has started smacking her"; not the one who saw it ("seen by mum
# pinching the baby").
_MUM_JUST_BEFORE = compiled(r"(?<!\bby\s)(?<!\bto\s)(?<!\bwith\s)\b(?:mum|mother|mummy)\s+"
                            r"(?:\((?-i:[A-Z])[\w'’-]*(?:\s+(?-i:[A-Z])[\w'’-]*)?\)\s+)?"
                            r"(?:has\s+|had\s+|then\s+|also\s+|again\s+|started\s+|begun\s+)*$",
                            re.IGNORECASE)
# Her name, written in brackets after "mum": "Mum (Natalia) smacked her".
_MUM_NAMED = compiled(r"\b(?:mum|mother|mummy)\s*"
                      r"\((?P<name>(?-i:[A-Z])[\w'’-]*(?:\s+(?-i:[A-Z])[\w'’-]*)?)\)", re.IGNORECASE)
# A woman's parts in the family, and a woman named by title: where only she is told of as causing
# the harm, the one the analysis names by title is her ("his mum slaps him ... Ms Quinn accepts this").
_HER_PARTS = frozenset({"mum", "mother", "wife", "stepmum", "stepmother", "girlfriend"})
_WOMAN_TITLED = compiled(r"\b(?:Mrs|Ms|Miss)\.?\s+[A-Z][\w'’-]*")


def _women_titled(raw: str, harmed: Sequence[str]) -> list[str]:
    found = dict.fromkeys(re.sub(r"['’]s?$", "", m.group(0)) for m in _WOMAN_TITLED.finditer(raw))
    return [name for name in found if name.lower() not in harmed]


# A blow, for harm told as the mother's: not her turning up or her messages, which may be told of a
# birth mother where the plan answers them otherwise.
_BLOW = compiled(r"(?:hit|slap|smack|punch|kick|push|shov|grab|pinch|assault|beat|whack|squeez|shak|shook|"
                 r"yank|drag|thr[eo]w|strangl|bit|violen)", re.IGNORECASE)


def _by_mother(reading: Reading, acts: Sequence[Any]) -> Harm | None:
    """Harm the mother does, where no one else is read as doing harm: the acts `_done_by_mother`
    finds, or one told just after "mum" ("Mum admits smacking Theo with a belt", "she 'loses it and
    hits'")."""
    mothers = _mothers_acts(reading, acts)
    for act in acts:
        if not _BLOW.match(act.found):
            continue
        if act in mothers or _MUM_JUST_BEFORE.search(reading.raw, 0, reading.spans[act.first][0]):
            # Her name too, where it is given, as actions may name her by it ("Sasha to agree ...").
            named = tuple(dict.fromkeys(m.group("name") for m in _MUM_NAMED.finditer(reading.raw)))
            return Harm(act.found, ("mum",), named or tuple(_women_titled(reading.raw, ())))
    return None


# Between one act and the next in a run of them: "shouting at her and smacking her", "bitten him,
# thrown a kettle"; or "she" just before the next, once the mother is read as acting.
_AND_THEN = compiled(r"(?:(?:\s+[\w'’]+){1,2}?\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)"
                     r"|\s*(?:,\s*|\s+)(?:and\s+|or\s+)?)(?:then\s+|also\s+|even\s+)?"
                     r"|\W+(?:[\w'’]+\W+){0,6}?she\s+(?:has\s+|had\s+|then\s+|also\s+|again\s+)*",
                     re.IGNORECASE)


# "Mum" as the one who acts, just before the act and opening a clause: "and mum (Sasha) has started
# shouting at her", not "he has sent Mum abusive messages".
_MUM_ACTS = compiled(r"(?:^|[,;:(]\s*"
                     r"|\b(?:and|that|because|when|as|then|where|while|if|but|so|after|since|until)\s+"
                     # told by another: "Josh said Mum slapped him", "has described mum hitting him"
                     r"|\b(?:says|said|saying|tells|told\s+(?:[\w'’]+\s+){1,3}?|describes|described|disclosed|"
                     r"reports|reported|alleges|alleged)\s+"
                     r"|[\w'’]+['’]s\s+)(?:mum|mother|mummy)\s+(?:\((?-i:[A-Z])[\w'’-]*(?:\s+(?-i:[A-Z])[\w'’-]*)?\)\s+)?"
                     r"(?:has\s+|had\s+|then\s+|also\s+|again\s+|started\s+|begun\s+)*$", re.IGNORECASE)


# "Mum" opening a clause, with another act of hers before this one: "that mum pulls her hair and
# slapped her", not "Mum says Dad hit her and ..." or "mum is scared and was hit".
_MUM_RUN = compiled(r"(?:^|[,;:(]\s*|\b(?:and|that|because|when|as|then|where|while|if|but|so)\s+)"
                    r"(?:mum|mother|mummy)\s+(?:\((?-i:[A-Z])[\w'’-]*(?:\s+(?-i:[A-Z])[\w'’-]*)?\)\s+)?"
                    r"(?:(?!(?:he|his|him|they|their|dad|daddy|father|partner|says|said|tells|told|that|who|"
                    r"reports|reported|describes|described|disclosed|alleges|alleged|is|was|were|been|being|"
                    r"feels|felt|fears|afraid|scared|frightened)\b)[a-z'’]+\s+){1,5}"
                    r"(?:and|then|and\s+then)\s+(?:has\s+|had\s+|also\s+)*$", re.IGNORECASE)


# The mother telling of her own act: "Mum has told the CNS she smacks Ruby", "mum admits she hit him".
_MUM_OWNS = compiled(r"\b(?:mum|mother)\s+(?:\((?-i:[A-Z])[\w'’-]*(?:\s+(?-i:[A-Z])[\w'’-]*)?\)\s+)?"
                     r"(?:has\s+|had\s+)?(?:told|tells|says|said|admits|admitted|accepts|accepted|agrees|agreed|"
                     r"describes|described)\s+(?:[\w'’]+\s+){0,3}?(?:that\s+)?she\s+"
                     r"(?:has\s+|had\s+|sometimes\s+|often\s+|then\s+)*$", re.IGNORECASE)


# Harm told as coming from the mother: "the violence here is from Mum towards Dad".
_FROM_MUM = compiled(r"\s+(?:here\s+)?(?:is\s+|was\s+|has\s+been\s+)?(?:from|by)\s+(?:mum|mother)\b"
                     r"(?![’']s)", re.IGNORECASE)


def _mothers_acts(reading: Reading, acts: Sequence[Any]) -> list[Any]:
    """The acts the mother does: those `_done_by_mother` finds, one told just after "mum" where
    she opens the clause, and one that follows either in a run ("and mum (Sasha) has started
    shouting at her and smacking her")."""
    found: list[Any] = []
    for act in sorted(acts, key=lambda act: act.first):
        start = reading.spans[act.first][0]
        if _done_by_mother(reading, act) or _MUM_ACTS.search(reading.raw, 0, start) \
                or _MUM_RUN.search(reading.raw, 0, start) or _MUM_OWNS.search(reading.raw, 0, start) \
                or _FROM_MUM.match(reading.raw, reading.spans[act.last][1]) \
                or (found and _AND_THEN.fullmatch(reading.raw, reading.spans[found[-1].last][1], start)):
            found.append(act)
    return found


def _woman_harms(raw: str, subject: re.Match[str]) -> bool:
    """Whether a woman named beside the harm is plainly the one causing it (see `_OPENS`)."""
    if not _WOMAN.match(subject.group("name")):
        return False
    gap = raw[subject.end("name"):subject.start("verb")].lower().split()
    if not gap and subject.group("verb").lower() in _ACTS:
        return True
    if "and" in gap and not _REPORTED & set(gap):  # "Ms Grant drinks heavily and has been violent"
        gap = gap[len(gap) - gap[::-1].index("and"):]
    if not set(gap) <= _AUXILIARY or (subject.group("verb").lower() in _DONE_TO and _PASSIVE & set(gap)):
        return False  # "Ms Kowalska has disclosed coercive ...", "Ms Bello was strangled"
    return bool(_OPENS.search(raw[:subject.start("name")]))


# An abbreviation in the plural, capitalised as a name is: "SGOs", "EHCPs", "GPs".
_PLURAL_ACRONYM = compiled(r"[A-Z]{2,}s")


def _may_harm(name: str, children: set[str]) -> bool:
    """Whether a name found beside the harm may be the adult causing it: not a child of the
    family, an everyday word, a language, a country or an app, or the mother (the one most often
    harmed)."""
    lower = name.lower()
    if _PLURAL_ACRONYM.fullmatch(name):
        return False  # "the three children under SGOs", "both GPs"
    return name not in children and lower not in c.NOT_NAMES and lower not in c.COMMON_WORDS \
        and lower not in _NOT_PEOPLE \
        and lower not in _PLAIN and lower not in _MONTHS_SHORT and not lower.startswith(_VICTIM_WORDS)


# Pressure, not a push: "pushing her to do 'cam shows'", "pushed him to sell for them".
_PRESSED = compiled(r"\s+(?:her|him|them|me)\s+to\s+(?:do|take|sell|send|have|get|go|meet|drink|use|carry|"
                    r"hold|make|give|pay|lie|keep|stay|leave|move|drop|say|sign|work)\b", re.IGNORECASE)


# Languages, countries, peoples and apps written with a capital are not the one causing harm: "mum
# speaks little English", "Habib (16, from Afghanistan)", "contacted Rhys on Snapchat".
_NOT_PEOPLE = frozenset("""
english welsh urdu punjabi bengali sylheti gujarati hindi tamil arabic farsi dari pashto kurdish
tigrinya amharic somali polish romanian lithuanian latvian slovak czech bulgarian albanian
portuguese spanish french italian turkish russian ukrainian chinese mandarin cantonese vietnamese
afghanistan eritrea ethiopia sudan syria iran iraq albania vietnam somalia nigeria ghana pakistan
india bangladesh poland romania lithuania ukraine libya yemen kuwait egypt morocco jamaica
scotland ireland wales england britain roma gypsy traveller
snapchat tiktok instagram facebook whatsapp youtube xbox playstation discord telegram
""".split())


# A month written short is not a name: "on 2 Feb when he strangled her".
_MONTHS_SHORT = frozenset("jan feb mar apr jun jul aug sep sept oct nov dec".split())


_NAME_THEN = compiled(r"\s*(?:\(\s*\d{1,2}\s*\)\s*,|(?:has|had)\b|(?-i:[a-z]{2,}[^s\W]s)\b"
                      r"|(?:was|were|has\s+been)\s+(?:convicted|charged|arrested|cautioned)\b"
                      # an age of sixteen or more, with more in the brackets: "Rory (17, ADHD) has hit"
                      r"|\(\s*(?:1[6-9]|[2-9]\d)\b[^)]{0,40}\))")


# The one named told as the one harmed, or as leaving: "Tia (17) is being pressured by", "Sana (17)
# has left home after her brothers ...", not "Dean was arrested" or "has been hitting".
_TOLD_AS_HARMED = compiled(r"\s*(?:\([^)]{0,40}\)\s*)?,?\s*(?:(?:is|was|were|has|had)\s+)?(?:been|being)\s+"
                     r"(?!(?:convicted|charged|arrested|cautioned|bailed|remanded|released|jailed)\b)"
                     r"[a-z]+ed\b"
                     r"|\s*(?:\([^)]{0,40}\)\s*)?(?:has\s+)?(?:fled|left(?!\s+(?:before|after|when|as|and|but|then"
                     r"|the\s+(?:scene|area|house|property|flat))))\b",
                       re.IGNORECASE)


# An act a woman does to the one named by their part just after it: "Ms Grant has been hitting her
# partner, Mr Cole".
_ACT_ON = compiled(r"\b(?:(?P<woman>(?-i:(?:Ms|Mrs|Miss)\.?\s+[A-Z][\w'’-]*))"
                   r"|mum|mother|wife|girlfriend|she)\s+"
                   rf"(?:[\w'’]+\s+){{0,3}}{_BLOW.pattern}[a-z]*\s+(?:her|his|their)\s+$", re.IGNORECASE)
# And a man's: "Mr Uddin will not let his wife, Mrs Begum, go to ESOL classes".
_HIS_ACT_ON = compiled(r"\b(?:(?P<man>(?-i:Mr\.?\s+[A-Z][\w'’-]*))|he)\s+(?:[\w'’]+\s+){0,3}"
                       rf"(?:{_BLOW.pattern}[a-z]*|let|lets|allow\w*|stop\w*|control\w*|check\w*|follow\w*|"
                       r"threaten\w*|belittl\w*)\s+his\s+$", re.IGNORECASE)


# A woman named by her part who tells of the harm: "His partner Ms Evans told police he ...".
_SHE_TELLS = compiled(r"\s*(?:\([^)]{0,40}\)\s*)?,?\s*(?:has\s+|had\s+)?"
                        r"(?:told|tells|says|said|reports|reported|disclosed|discloses|describes|described|alleges|"
                        r"alleged)\b", re.IGNORECASE)


# A name whole, its parts joined by hyphens: "Lily-Rose".
_HYPHENED = compiled(r"[A-Z][\w'’]*(?:-[A-Z][\w'’]*)+")


# A verb whose object the name just after it is: "sending Gina threatening messages".
_OBJECT_BEFORE = compiled(r"\b(?:send|sends|sending|sent|text|texts|texting|texted|message|messages|"
                          r"messaging|messaged|give|gives|giving|gave|call|calls|calling|called|tell|tells|telling|told|"
                          r"threaten|threatens|threatening|threatened|hit|hits|hitting|pushed|punched|kicked|"
                          r"slapped|assaulted|attacked)\s+$", re.IGNORECASE)


# The one a clause that tells of the harm is about: "Tasha (20) is in a relationship with Dean, who
# has been violent to her twice".
_WHO_DOES = compiled(r"(?<!-)\b(?P<name>(?:Mr|Mrs|Ms|Miss)\.?\s+[A-Z][\w'’-]*|[A-Z][a-z'’-]+)"
                     r"\s*(?:\(\s*\d{1,2}\s*\))?\s*,\s*who\s+(?:[\w'’]+\s+){0,4}$")


def _first_named_before(reading: Reading, harm: Sequence[Any], children: set[str]) -> list[str]:
    """The one named first in the sentence that tells of the harm, before its words: "Mr Osei
    shouts at Ms Boateng most weekends and last month he punched a hole in the door"."""
    raw = reading.raw
    for cue in harm:
        if _LASHING_OUT.match(raw, reading.spans[cue.last][1]):
            continue  # "Zofia has been hitting other children"
        sentence = re.split(r"[.!?;]\s", raw[:reading.spans[cue.first][0]])[-1]
        who = _WHO_DOES.search(sentence)  # "in a relationship with Dean, who has hit her"
        if who is not None and _may_harm(re.sub(r"['’]s$", "", who.group("name")), children):
            return [re.sub(r"['’]s$", "", who.group("name"))]
        for found in _PERSON_NAMED.finditer(sentence):
            name = re.sub(r"['’]s$", "", found.group(0))
            if _ROLE_WORD.search(sentence, found.end()):
                break  # named by their part nearer the act: "Chidi's ... in which his father threw"
            if _PLACE_BEFORE.search(sentence, 0, found.start()) or name.lower() in _RANKS:
                continue  # "arrested in a trap house in Marsham", "Capt Hughes"
            after = re.sub(r"^\s*\([^)]*\)", "", sentence[found.end():])  # past "(16, from Eritrea)"
            if set(after.lower().split()[:2]) & _TELLS_OR_GETS:
                continue  # "Grace describes him checking her phone": the one who tells of it
            if _TOLD_AS_HARMED.match(sentence, found.end()):
                continue  # "Tia (17) is being pressured by her cousin": the one harmed
            # A sentence's first word is taken for a name only with a title ("Mr Osei"), an age
            # ("Ben (17), Mum's son, is violent to her") or a verb after it ("Ryan has DA convictions").
            if _may_harm(name, children) and (found.start() > 0 or " " in name
                                              or _NAME_THEN.match(sentence, found.end())):
                return [name]
    return []


# Someone an action's work is with or for: "with Leon", "for Mr Barnes", "Reece's intervention plan".
_SOMEONE = compiled(r"\b(?:with|for|on|see|sees|seeing)\s+"
                    r"(?P<name>(?:Mr|Mrs|Ms|Miss)\.?\s+[A-Z][\w'’-]*|[A-Z][a-z'’-]+)"
                    r"|\b(?P<owner>(?:(?:Mr|Mrs|Ms|Miss)\.?\s+)?[A-Z][a-z'’-]+)['’]s\s")


# "He" just before the harm, and the man named by title before it: "Ms Morgan has been with Mr Price
# for two years. He has a long history of domestic abuse".
_HE_BEFORE = compiled(r"\bhe\s+(?:[\w'’]+\s+){0,6}$|\bhis\s+$|\bhim\s+$"
                      r"|\bof\s+him\s+(?:[\w'’]+,?\s+){0,3}$", re.IGNORECASE)
_MR_NAMED = compiled(r"\bMr\.?\s+[A-Z][\w'’-]*")


def _mr_before_he(reading: Reading, harm: Sequence[Any], children: set[str]) -> list[str]:
    """The man last named by title before a "he" (or "him") that does the harm, or else the one
    named first in that sentence or the one before: "Dean is the cause of the harm in this
    family. He has been violent to Stacey"."""
    raw = reading.raw
    for cue in harm:
        start = reading.spans[cue.first][0]
        he = _HE_BEFORE.search(raw, 0, start)
        at = he.start() if he is not None else start if cue.found.lower().endswith(" him") else -1
        men = _MR_NAMED.findall(raw, 0, at) if at > 0 else []
        if men:
            return [re.sub(r"['’]s$", "", men[-1])]
        if at <= 0:
            continue
        before = [index for index in range(len(reading)) if reading.spans[index][1] <= at]
        if not before:
            continue
        # The first named in the sentence of the "he", or else in the sentence before it: the
        # one the sentence is about ("Jason drinks heavily ... after he assaulted Laura").
        sentence = reading.sentence_ids[before[-1]]
        # Passed over: a child, a woman named by title, and one who tells of the harm ("Ellie has
        # told school that he hits her"). One frightened of him is the one harmed, so for "scared
        # of him" only the sentence before is read ("Kara seemed scared of him").
        for wanted in (sentence, sentence - 1) if at < start else (sentence - 1,):
            for index in before:
                if reading.sentence_ids[index] != wanted or not is_name(reading, index):
                  continue
                if (index > 0 and reading.lowers[index - 1] in ("in", "at", "near", "into")) \
                        or reading.lowers[index] in _RANKS:
                  continue  # a place ("in Warminster"), or a rank before the name ("Sgt Tom Harker")
                whole = _HYPHENED.match(raw, reading.spans[index][0])
                if raw[reading.spans[index][0] - 1:reading.spans[index][0]] == "-":
                  continue  # "Rose" of "Lily-Rose"
                name = re.sub(r"['’]s$", "", whole.group(0) if whole else reading.tokens[index])
                titled = index > 0 and reading.lowers[index - 1].rstrip(".") in ("ms", "mrs", "miss")
                tells = set(reading.lowers[index + 1:index + 3]) & _TELLS_OR_GETS
                # One named before the part in the family that the harm is told of is not the
                # "he": "Since Tasha moved out, her ex-partner has been turning up ... he smashed".
                if _ROLE_WORD.search(raw, reading.spans[index][1], start):
                  continue
                if _may_harm(name, children) and not titled and not tells:
                  return [name]
    return []


def _name_pattern(name: str) -> str:
    """A name as it is found in an action written in lower case: "Mr Akhtar" by title and name, so
    that "Mrs Akhtar" is not taken for him."""
    parts = name.lower().replace(".", "").split()
    if len(parts) > 1:
        return rf"\b{re.escape(parts[0])}\.?\s+{re.escape(parts[-1])}\b"
    # A surname alone is not the woman who shares it: "Sgt Bell's control" is not "Mrs Bell".
    return rf"(?<!mrs\s)(?<!ms\s)(?<!miss\s)(?<!mrs\.\s)\b{re.escape(parts[-1])}\b"


# Contact with someone, as conditions bar it, just before a name (the "with" of `_SOMEONE` ends it).
_CONTACT_BEFORE = compiled(r"\b(?:contact|contacting|approach\w*)\s+with\s+$", re.IGNORECASE)


def _with_someone_else(action: str, harm: Harm) -> bool:
    """Whether work of the kind done with one who harms is done with someone the action names
    who is not the one causing this harm: "YOT to deliver the knife crime programme with Leon"."""
    lowered = action.lower()
    if any(re.search(_name_pattern(name), lowered) for name in harm.names) or any(
            re.search(rf"\b{re.escape(role)}\b", lowered) for role in harm.roles):
        return False
    # Not the one he is kept from: "Police to seek bail conditions barring contact with Shannon".
    named = [found.group("name") or found.group("owner") for found in _SOMEONE.finditer(action)
             if not (found.group("name") and _CONTACT_BEFORE.search(action, 0, found.start("name")))]
    if not harm.names and set(harm.roles) & _MEN_OR_PARTNER and any(_MR.match(name) for name in named):
        return False  # "Mr Grant's risk management plan": "his dad" may be Mr Grant
    return any(_may_harm(name, set()) for name in named)


# Violence by a young person to a parent, and support for the parent harmed by it, not work with the
# young person: "Mum to be referred to the APVA parents' support group", "IDVA to give mum a safety
# plan for adolescent to parent violence".
_TO_PARENT_VIOLENCE = frozenset({"apvr", "apva", "adolescent to parent violence", "child to parent violence"})
_FOR_THE_PARENT = compiled(r"\bparents['’]?\s+(?:support\s+)?group|\bsupport\s+(?:group|service)"
                           r"|\bsafety\s+plan|\b(?:support|advice)\s+from\s+the\b", re.IGNORECASE)
# Support for a man harmed, who may be read as the one causing harm where a woman causes it: "Dad
# to be referred to the Men's Advice Line and a male IDVA", "a safety plan for himself and Noah",
# "Mr Stone to call the police if Mrs Stone becomes violent again".
_VICTIM_SUPPORT = compiled(r"\b(?:men['’]?s\s+advice\s+line|male\s+(?:victims?['’]?|idva|survivors?['’]?)"
                           r"|male\s+(?:domestic\s+abuse\s+|da\s+)?(?:support\s+)?service"
                           r"|men['’]?s\s+(?:domestic\s+abuse\s+)?(?:support\s+)?(?:service|group)"
                           r"|safety\s+plan\s+for\s+himself"
                           r"|(?:call|ring|phone)\s+(?:999|the\s+police|police)\s+if)\b", re.IGNORECASE)


# A home named by whose it is, not work with them: "to take the children to his mum's if ...".
_SOMEONES_HOME = compiled(r"['’]s(?!\s+(?:partner|boyfriend|husband|ex|girlfriend|wife)\b)"
                          r"(?:\s+(?:house|home|flat|place)\b|(?=\s+(?:if|when|whenever|while|until|on|at|for|by|from|"
                          r"and|or|during|every|each)\b|\s*[,.;)]|\s*$))")


def works_with_harmer(action: str, harm: Harm) -> bool:
    """Whether an action works with the person causing harm: they own it, it names them, or it
    is work only they can be the subject of (a perpetrator programme, bail, probation)."""
    owner, _ = owner_in_text(action)
    owner_words = owner.found.lower().split() if owner is not None else []
    first = owner_words[0].rstrip(".") if owner_words else ""
    owners = _VICTIM_OWNERS - _MOTHER if "mum" in harm.roles else _VICTIM_OWNERS
    victim = first in owners or (bool(first) and first in harm.victims)
    if victim and not any(
            name.lower() in owner.found.lower() for name in harm.names):  # type: ignore[union-attr]
        return False
    reading = read(action)
    lowered = action.lower()
    if _VICTIM_SUPPORT.search(action) and not _PERPETRATOR_WORK.find(reading):
        return False  # "Mr Stone to be referred to the male victims' service": he is the one harmed
    if harm.outside:
        # An errand does not keep police or the LADO from acting on an adult outside the family
        # ("Police to arrest the dentist").
        return _acts_on_outside(action, lowered, harm)
    if _ERRAND.search(action) and not _ABOUT_HARM.search(action):
        return False  # "Mr Stone to take Lexi to her audiology appointment": his, but not about the harm
    # Work only one who harms is the subject of, unless it is only who is told or asked about him:
    # "SW to check with probation whether there are licence conditions", but "SW to ask his
    # probation OM to put him on BBR".
    told = _told(lowered)
    if any(not told(reading.spans[cue.first][0])
           and not (cue.found.lower() == "drive" and _DRIVEN.match(action, reading.spans[cue.last][1]))
           and not (cue.found.lower() == "charged"
                  and _PHONE_BEFORE.search(action, 0, reading.spans[cue.first][0]))
           and not (cue.found.lower() in _TO_PARENT_VIOLENCE and _FOR_THE_PARENT.search(action))
           for cue in _PERPETRATOR_WORK.find(reading)) and not _with_someone_else(action, harm):
        return True
    if any(not _kept_from(lowered, m)
           for name in harm.names for m in re.finditer(_name_pattern(name), lowered)):
        return True
    if _POLICE_ON_HIM.search(action):
        return True
    if set(harm.roles) & {"partner", "mum's partner", "mother's partner"} and any(
            not _kept_from(lowered, m) for m in _HER_PARTNER.finditer(lowered)):
        return True  # "Police and YOS to see Mother's partner about the texts"
    roles = set(harm.roles) - {"partner", "ex"} - set(harm.victims)
    roles |= {other for role in roles for other in _SAME_ROLE.get(role, ())}
    if roles & _PARENTS and _BOTH_PARENTS.search(lowered):
        return True  # "Both parents to do the Reducing Parental Conflict course"
    if any(not _kept_from(lowered, m) and not _SOMEONES_HOME.match(lowered, m.end())
           for role in roles for m in re.finditer(rf"\b{re.escape(role)}\b", lowered)):
        return True
    # A man causing harm named by his part in the family alone ("Dad hits him", "her partner has
    # hit her"), and an action that a man named by title owns ("Mr Kovac to sign a written
    # agreement") or that is done with him ("SW to meet Mr Grant", "Police to interview Mum's
    # partner (Mr Green)"): him, unless he is the one harmed or only kept away or watched over.
    if harm.names or not (roles & _MEN or set(harm.roles) & _MEN_OR_PARTNER):
        return False
    if owner is not None and _MR.match(owner.found) is not None \
            and not any(_kept_from(action, found) for found in _MR_NAMED.finditer(action)
                        if found.group(0) in owner.found):
        return True
    return any(found.group(0).lower() not in harm.victims and not _kept_from(action, found)
               for found in _MR_NAMED.finditer(action))


def _acts_on_outside(action: str, lowered: str, harm: Harm) -> bool:
    """Whether an action acts on an adult outside the family who harms or exploits a child: it
    names them other than to keep the child from them or watch for them ("Police to serve a CAWN
    on Kai", not "School to be given Lee's photo"), or it has police or the LADO act on them
    ("Police to identify the adult", "refer Mr E to the LADO"), not only tell someone of them."""
    if any(not _kept_from(lowered, m)
           for name in harm.names for m in re.finditer(_name_pattern(name), lowered)):
        return True
    told = _told(lowered)
    return any(not told(found.start())
               for pattern in (_ACTS_ON_OUTSIDE, _POLICE_ACT_ON) for found in pattern.finditer(action))


def _told(lowered: str) -> Callable[[int], bool]:
    """Whether a place in an action falls where it only tells or asks others about the one
    causing harm (`_TOLD`)."""
    spans = [found.span() for found in _TOLD.finditer(lowered)]
    return lambda place: any(start <= place < end for start, end in spans)


# An errand or a service about something other than the harm, which the one causing it may own
# or be named in without any work with him on it (`docs/rubric.md`: "about the harm"): a child's
# hearing, teeth or eyes, a careers adviser, an apprenticeship.
_ERRAND = compiled(r"\b(?:audiology|audiologist|hearing\s+test|dentist|dental|optician|eye\s+test|"
                   r"immunisations?|careers?\s+advis\w*|connexions|apprenticeships?)\b", re.IGNORECASE)
_ABOUT_HARM = compiled(r"\b(?:abuse|abusive|violen\w*|assault\w*|harm\w*|anger|aggress\w*|"
                       r"perpetrator|da|dv|behaviour|risk|safety|control\w*)\b", re.IGNORECASE)
# A phone kept charged, not a charge brought: "keep her phone charged and on her".
_PHONE_BEFORE = compiled(r"\b(?:phones?|mobiles?|batter(?:y|ies))\s+(?:[\w'’]+\s+)?$", re.IGNORECASE)
# Driving somewhere, not the Drive project: "Police to drive past the address at night".
_DRIVEN = compiled(r"\s+(?:past|by|round|around|to|home|him|her|them|the|mum|mother|nan|gran|dad)\b",
                   re.IGNORECASE)
# Telling or asking others about the one causing harm, not working with him: "SW to check with
# probation whether there are licence conditions", "UWO to be told of any bail conditions".
_TOLD = compiled(# "liaise with the police MOSOVO officer about Mr Vane"
                 r"\bliais\w*\s+with\s+(?:[\w'’]+\s+){0,4}?(?:officer|team|service|manager|lead)\b"
                 r"|\b(?:check|checks|checking|ask|asks|tell|tells|inform|let|liaise|liaising)\s+(?:with\s+)?"
                 r"(?:[\w'’]+\s+){0,2}?"
                 r"(?:probation|police|yot|yjs|offender\s+manager|om|mappa|gp|lado)\b"
                 # "checks on Mr Bell with police and probation"
                 r"|\bchecks?\s+(?:on|of)\s+(?:[\w'’.]+\s+){1,3}?with\s+(?:the\s+)?(?:police|probation|yot|yjs)"
                 r"(?:\s+(?:and|&)\s+(?:the\s+)?(?:police|probation|yot|yjs))?\b"
                 r"|\bbe\s+(?:told|informed|updated|made\s+aware)\b(?:\s+(?:of|about)\b[^;.]*)?"
                 # "Probation to be informed of the incident", "PNC and probation checks on Mr R"
                 r"|\b(?:probation|police|yot|yjs|mappa)\s+(?:to\s+be\s+(?:told|informed|updated)|checks?)\b"
                 # "Probation to confirm whether Mr Y is on licence", "request Mr T's risk
                 # information from probation"
                 r"|\b(?:probation|police|yot|yjs|mappa)\s+to\s+(?:confirm|say|advise|share|send|tell|inform"
                 r"|notify|update|let)\b"
                 # "share the CP plan with Mr Reid's probation officer"
                 r"|\bshare\s+(?:[\w'’]+\s+){0,6}?with\s+(?:[\w'’]+\s+){0,2}?"
                 r"(?:probation|police|yot|yjs|offender\s+manager|om|mappa)\b"
                 r"|\b(?:request|requests|requesting|seek|obtain)\s+(?:[\w'’]+\s+){0,5}?from\s+(?:the\s+)?"
                 r"(?:probation|police|yot|yjs|mappa|offender\s+manager)\b(?:\s*\([^)]*\))?"
                   # a course for parents, not a charge: "the Who's in Charge? group"
                   r"|\bin\s+charge\b"
                   # only telling the LADO: "LADO to be informed", "SW to refer to the LADO today"
                   r"|\blado\s+(?:referral|informed|told|notified|to\s+be\s+(?:told|informed|notified|updated))\b"
                   r"|\b(?:refer|refers|referred|referral|notify|notified|consult|consulted)\s+(?:made\s+)?"
                   r"(?:to\s+|with\s+)?(?:the\s+)?lado\b")

def _kept_from(action: str, mention: re.Match[str]) -> bool:
    """Whether the one causing harm is named in an action only to keep others from them, watch
    over them or tell of them, not to work with them (`docs/rubric.md`, section 4): "if Kieran
    comes", "Dad's photo at reception", "a PNC check on Mr K", "family time with Dad to be
    supervised", "tell school about Daniel's release"."""
    before = action[:mention.start()]
    end = mention.end() - 2 if mention.group(0).endswith(("'s", "’s")) else mention.end()
    return bool(_KEPT_AWAY.search(before) or _CHECKED_ON.search(before) or _TIME_WITH.search(before)
                or _WATCHED.match(action, end) or _GONE.match(action, end) or _RECORD_OF.match(action, end)
                or _NEVER_ALONE.match(action, end))


__all__ = ["Answer", "Concern", "Harm", "Matcher", "action_texts", "answer_to", "clause_cues", "clauses_of",
           "concern_from", "concerns_of", "harm_in", "is_name", "upkeep_only", "works_with_harmer"]
