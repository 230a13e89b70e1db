"""Do the agreed actions answer the concerns named in the assessment's analysis and conclusion?

Concerns are recognised by theme (alcohol, domestic abuse, school attendance...), each theme a
list of the words auditors and practitioners use for it; an action answers a concern when it
speaks to the same theme, in any of its words ("drinking" and "alcohol service" are one theme).
Words the analysis and an action share also tie them together, for concerns no theme lists.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from . import Outcome, function
from .text import Cues, Reading, read


@dataclass(frozen=True)
class Theme:
    name: str
    concern: Cues   # words that name it as a concern
    answer: Cues    # further words an action answering it may use


def _theme(name: str, concern: str, answer: str = "") -> Theme:
    concern_cues = [p.strip() for p in concern.split(",")]
    answer_cues = [p.strip() for p in answer.split(",") if p.strip()]
    return Theme(name, Cues(concern_cues), Cues(concern_cues + answer_cues))


THEMES: tuple[Theme, ...] = (
    _theme("alcohol misuse",
           "alcohol, drink, drinking, drunk, intoxicated, binge, alcoholic, alcohol misuse, "
           "alcohol use, under the influence, hungover",
           "sobriety, sober, abstinence, abstinent, breathalyser, alcohol service, recovery, detox, "
           "aa, alcoholics anonymous, drug and alcohol, substance misuse service, change grow live, cgl"),
    _theme("drug use",
           "drug, drugs, cannabis, cocaine, heroin, crack, substance, substances, substance misuse, "
           "substance use, methadone, amphetamine, spice, ketamine, mdma",
           "hair strand, hair-strand, drug test, drug testing, urine test, recovery, treatment service, "
           "drug and alcohol, detox, script, cgl, change grow live"),
    _theme("domestic abuse",
           "domestic abuse, domestic violence, dv, violence, violent, abusive relationship, coercive, "
           "coercion, controlling behaviour, controlling, strangled, strangulation, "
           "strangle, threats to kill, da incident, da incidents, incidents of abuse, marac, "
           "non-molestation",
           "freedom programme, perpetrator, perpetrator programme, dapp, caring dads, respect "
           "programme, safety plan, safety planning, idva, non-molestation order, healthy relationships, "
           "behaviour change, own my life, operation encompass"),
    _theme("a parent's mental health",
           "mental health, depression, depressed, low mood, psychosis, psychotic, bipolar, "
           "schizophrenia, suicidal, overdose, postnatal depression, perinatal, personality disorder, "
           "breakdown, mental ill health, ptsd",
           "gp, psychiatrist, psychiatric, perinatal team, talking therapies, iapt, counselling, "
           "counsellor, therapy, medication, crisis team, community mental health team, cmht, "
           "mental health worker, mental health team, wellbeing service"),
    _theme("neglect and home conditions",
           "neglect, neglectful, home conditions, state of the home, condition of the home, dirty, "
           "unhygienic, clutter, cluttered, hoarding, unkempt, squalid, no food, lack of food, "
           "basic care, soiled, lice, head lice, dog mess, unsafe home",
           "clean, cleaning, tidy, declutter, bedding, beds, food, meals, graded care profile, gcp2, "
           "gcp, unannounced visit, unannounced visits, home visits, home conditions, hygiene, "
           "washing machine, furniture, decorate"),
    _theme("school attendance",
           "=attendance, absence, absences, absent, school refusal, missing school, late for school, "
           "late to school, persistent absence, not in school, not attending, out of school, "
           "missing education, exclusion, excluded, reduced timetable, part-time timetable, "
           "missing early education, not attend nursery, nursery place",
           "attend school, attending school, school, education welfare, ewo, attendance officer, "
           "get to school, school run, education, timetable, pastoral, nursery, early education, "
           "childcare, early years"),
    _theme("health needs and appointments",
           "missed appointments, missed health appointments, health appointments, not brought, "
           "was not brought, wnb, dna, dental, dentist, tooth decay, teeth, immunisation, "
           "immunisations, vaccination, vaccinations, faltering growth, weight loss, underweight, "
           "weight, growth, medical needs, health needs, medication, asthma, eczema, "
           "development checks, developmental checks, health checks, eyesight, hearing",
           "appointment, appointments, health visitor, gp, paediatric, paediatrician, clinic, "
           "weigh, weighed, immunise, school nurse, hospital, medical, health assessment, optician"),
    _theme("housing",
           "=housing, homeless, homelessness, eviction, evicted, overcrowded, overcrowding, "
           "rent arrears, temporary accommodation, damp, mould, unsuitable accommodation, sofa surfing",
           "tenancy, accommodation, housing officer, housing application, bid, rehoused, landlord, "
           "move, house"),
    _theme("money worries",
           "debt, debts, financial, finances, money, poverty, arrears, food bank, benefits sanction, "
           "sanctioned, universal credit, cost of living, no money",
           "benefits, benefit, debt advice, citizens advice, budget, budgeting, grant, grants, "
           "welfare rights, income"),
    _theme("parenting, routines and supervision",
           "boundaries, unsupervised, left alone, lack of supervision, poor supervision, routines, "
           "routine, parenting capacity, inconsistent parenting, inconsistent care, chaotic, "
           "bedtime, late nights, screen time, behaviour management, physical chastisement, smacking, "
           "smacked, shouting",
           "parenting, parenting programme, parenting course, triple p, incredible years, "
           "solihull, supervision, supervise, supervised, routine, routines, bedtime, boundaries, "
           "reward chart, behaviour plan, family support worker"),
    _theme("the child's emotional wellbeing",
           "self-harm, self harm, self-harming, suicidal thoughts, emotional wellbeing, "
           "emotional health, anxious, anxiety, distressed, distress, withdrawn, trauma, "
           "traumatised, upset, angry outbursts, nightmares, bedwetting, soiling",
           "camhs, counselling, counsellor, therapy, therapist, kooth, school nurse, emotional "
           "support, wellbeing, mentor, play therapy, direct work, elsa, trusted adult"),
    _theme("exploitation and going missing",
           "exploitation, exploited, cse, cce, county lines, missing episodes, missing episode, "
           "went missing, goes missing, missing from home, grooming, groomed, older males, "
           "gang, gangs, criminal exploitation, sexual exploitation",
           "return home interview, return interview, mace, exploitation, disruption, police, "
           "safety plan, youth worker, trusted adult, missing"),
    _theme("risk from an adult in the household",
           "conviction, convictions, convicted, caution for, cautioned, offence against a child, "
           "offences against children, schedule 1, risk to children, assaulting a child, assault, "
           "assaulted, violent offence, violent offences, previous relationship",
           "risk assessment, assessment of father, assessment of the partner, disclosure scheme, "
           "clare's law, sarah's law, probation, police check, police checks, not to be left alone, "
           "supervise, supervised, supervision, written agreement, safety plan, moves out, live apart"),
    _theme("a child caring for others",
           "young carer, caring role, caring responsibilities, cares for, looks after her, "
           "looks after his, looking after her younger, looking after his younger",
           "young carers, young carer's assessment, young carers assessment, respite, carers service"),
    _theme("physical harm",
           "injury, injuries, bruise, bruises, bruising, fracture, burn, burns, "
           "non-accidental, physical abuse, physically abused, hit, hitting, slapped, punched, kicked",
           "child protection medical, medical, body map, safe handling, behaviour management, "
           "physical chastisement, injury"),
    _theme("sexual harm",
           "sexual abuse, sexually abused, sexualised behaviour, sexualised, inappropriate touching, "
           "sex offender, registered sex offender, indecent images, disclosure of sexual",
           "keeping safe, protective behaviours, sexual, risk assessment, police, disclosure"),
    _theme("the father's part in the child's life",
           "father's involvement, absent father, father not assessed, father unknown, "
           "contact with father, contact with his father, contact with her father, father figure, "
           "father has not been seen, not assessed the father, father was not seen",
           "father, dad, paternal, contact"),
    _theme("isolation and support network",
           "isolated, isolation, no support network, lack of support, little support, no family support, "
           "limited support network, no one to turn to",
           "support network, family network, family network meeting, family group conference, fgc, "
           "community, children's centre, family hub, network meeting, support group, peer support"),
    _theme("a parent's learning needs",
           "learning disability, learning disabilities, learning difficulties, learning difficulty, "
           "cognitive, cognitive assessment, literacy",
           "advocate, advocacy, adapted, easy read, pams, parenting assessment manual, cognitive "
           "assessment, learning disability team"),
    _theme("the child's development and additional needs",
           "speech delay, speech and language, developmental delay, delayed development, "
           "global delay, sen, send, ehcp, autism, autistic, asd, adhd, additional needs, "
           "special educational needs, milestones",
           "ehcp, senco, speech and language therapy, salt, paediatric, portage, assessment, "
           "education health and care plan, early years, nursery, development"),
)

# Actions that keep a plan moving answer no concern of their own and need not trace to one.
_PLAN_UPKEEP = Cues([
    "visit", "visits", "statutory visit", "statutory visits", "core group", "core groups",
    "review", "reviews", "review conference", "cin meeting", "cin review", "meeting", "meetings",
    "plan", "conference", "minutes", "chronology", "case summary", "supervision", "update",
    "see the child", "see sam", "seen alone", "direct work", "wishes and feelings",
])
_NO_CONCERN = Cues([
    "no concerns", "no concern", "not a concern", "not concerned", "no evidence", "no longer",
    "ruled out", "resolved", "well managed", "well-managed", "under control", "stable", "no issues",
    "not an issue", "no worries", "not a worry", "no indication", "not identified",
], stems=False)
_PERPETRATOR = Cues([
    "father", "dad", "stepfather", "step-father", "partner", "ex-partner", "perpetrator",
    "mr", "caring dads", "dapp", "respect programme", "perpetrator programme", "behaviour change",
    "his behaviour", "his violence", "his drinking", "him",
], stems=False)
_PERPETRATOR_IN_ANALYSIS = Cues([
    "father", "dad", "stepfather", "step-father", "partner", "ex-partner", "perpetrator", "mr",
    "boyfriend", "he", "his",
], stems=False)
_STOP = frozenset("""
a an the and or of to in on at by for with from is are was were be been being has have had will
would should could can may might must shall this that these those there their they them it its
his her he she him we our us you your i me my not no nor but if then so as than too very also
about into over under after before during while when where which who whom what how why all any
each both more most other some such only own same just now still yet again further once here
mother father mum dad sam child children social worker worker family parent parents plan
assessment analysis conclusion concern concerns action actions work support agreed need needs
""".split())


@lru_cache(maxsize=512)
def concerns_in(text: str | None) -> tuple[tuple[Theme, str], ...]:
    """The themes a text names as concerns, each with the words that named it; a theme named
    only to be ruled out ("no concerns about alcohol") is not a concern."""
    reading = read(text)
    ruled_out = {reading.sentence_ids[m.first] for m in _NO_CONCERN.find(reading)}
    found: list[tuple[Theme, str]] = []
    for theme in THEMES:
        for match in theme.concern.find(reading):
            if reading.sentence_ids[match.first] in ruled_out or match.negated:
                continue
            found.append((theme, match.found))
            break
    return tuple(found)


def _action_texts(actions: Sequence[Any] | None) -> list[str]:
    texts = []
    for action in actions or ():
        if isinstance(action, Mapping):
            texts.append(" ".join(str(action.get(k) or "") for k in ("text", "owner")).strip())
        elif isinstance(action, str):
            texts.append(action)
    return [t for t in texts if t]


def _answers(theme: Theme, text: str) -> bool:
    return bool(theme.answer.find(read(text)))


def _content_stems(reading: Reading) -> set[str]:
    return {word_stem for lower, word_stem in zip(reading.lowers, reading.stems, strict=True)
            if lower not in _STOP and len(lower) > 3 and not lower.isdigit()}


def _named_abuser(analysis: str) -> bool:
    return bool(_PERPETRATOR_IN_ANALYSIS.find(read(analysis)))


@function(returns="bool", params={"text": "text", "actions": "list", "named_elsewhere": "text"})
def concerns_answered(text: str | None, actions: Sequence[Any] | None,
                      named_elsewhere: str | None = None) -> Outcome:
    """Whether each concern named in the analysis (or conclusion) is answered by at least one
    agreed action. Concerns also named in `named_elsewhere` are left to that text's check.
    Domestic abuse by a named adult is answered only by an action that works with that adult,
    not by actions for the non-abusing parent alone."""
    if not text or not text.strip():
        return Outcome(True)
    concerns = concerns_in(text)
    if named_elsewhere:
        elsewhere = {theme.name for theme, _ in concerns_in(named_elsewhere)}
        concerns = tuple((theme, words) for theme, words in concerns if theme.name not in elsewhere)
    if not concerns:
        return Outcome(True)
    texts = _action_texts(actions)
    unanswered: list[str] = []
    evidence: list[str] = []
    reasons: list[str] = []
    for theme, words in concerns:
        answering = [t for t in texts if _answers(theme, t)]
        if not answering:
            unanswered.append(theme.name)
            evidence.append(words)
        elif theme.name == "domestic abuse" and _named_abuser(text or "") \
                and not any(_PERPETRATOR.find(read(t)) for t in answering):
            reasons.append("domestic abuse: every action answering it is for the adult being harmed; "
                           "none works with the person causing the harm")
            evidence.append(words)
    if not texts and unanswered:
        return Outcome(False, (f"the concerns named ({', '.join(unanswered)}) have no agreed actions "
                               "at all",), tuple(evidence))
    if unanswered:
        names = ", ".join(f"{name} ('{word}')" for name, word in zip(unanswered, evidence, strict=False))
        reasons.insert(0, f"no agreed action answers {names}")
    if reasons:
        return Outcome(False, tuple(reasons), tuple(evidence))
    return Outcome(True, ("every concern named has an action: "
                          + ", ".join(theme.name for theme, _ in concerns),))


@function(returns="bool", params={"action": "text", "analysis": "text", "conclusion": "text"})
def traces_to_concern(action: str | None, analysis: str | None, conclusion: str | None = None) -> Outcome:
    """Whether an agreed action traces back to a concern named in the analysis or conclusion
    (actions that keep the plan going, such as visits and reviews, need not)."""
    if not action or not action.strip():
        return Outcome(True)
    named = " ".join(t for t in (analysis, conclusion) if t)
    if not named.strip():
        return Outcome(True, ("no analysis or conclusion to trace to",))
    concerns = concerns_in(named)
    for theme, words in concerns:
        if _answers(theme, action):
            return Outcome(True, (f"answers the concern about {theme.name} ('{words}')",))
    reading = read(action)
    named_reading = read(named)
    shared = _content_stems(reading) & _content_stems(named_reading)
    if shared:
        return Outcome(True, ("shares its subject with the analysis: " + ", ".join(sorted(shared)[:3]),))
    own = [theme for theme in THEMES if theme.answer.find(reading)]
    if any(theme.answer.find(named_reading) for theme in own):
        return Outcome(True, (f"answers a concern about {own[0].name} in the analysis",))
    if not own and _PLAN_UPKEEP.find(reading):
        return Outcome(True, ("keeps the plan going (visits, reviews, meetings)",))
    if own:
        return Outcome(False, (f"the action is about {own[0].name}, which the analysis and conclusion do "
                               "not name as a concern",), (action.strip(),))
    return Outcome(False, ("the action does not trace back to any concern named in the analysis or "
                           "conclusion",), (action.strip(),))


LINK_FUNCTIONS = (concerns_answered, traces_to_concern)
