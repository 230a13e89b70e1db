"""Concerns by theme: the words auditors and practitioners use to name each kind of concern, and
the further words an action answering it may use ("drinking" and "the alcohol service" are one
theme).

`answer` holds words specific enough that an action using them speaks to the concern; words
that any action might use ("appointment", "assessment", "support", "school") are kept apart in
`GENERIC_ANSWERS` and do not on their own answer a concern.
"""

from __future__ import annotations

from dataclasses import dataclass

from .text import Cues


@dataclass(frozen=True)
class Theme:
    name: str
    concern: Cues   # words that name it as a concern
    answer: Cues    # further words specific enough that an action using them answers it
    related: Cues   # every word an action about it may use, the generic ones too


# Words any action might use: on their own they answer no particular concern.
GENERIC_ANSWERS = frozenset("""
appointment appointments assessment assessments school schools education medical police support
plan plans health gp visit visits review reviews meeting meetings referral referrals refer
service services worker team community programme course sessions session help work
development nursery early years childcare hospital clinic move house family father dad
contact missing injury supervision supervise supervised routine routines
""".split())


def _theme(name: str, concern: str, answer: str = "") -> Theme:
    concern_cues = [p.strip() for p in concern.split(",") if p.strip()]
    every = [p.strip() for p in answer.split(",") if p.strip()]
    specific = [word for word in every if word not in GENERIC_ANSWERS]
    return Theme(name, Cues(concern_cues), Cues(concern_cues + specific), Cues(concern_cues + every))


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
           "coercion, =controlling behaviour, =controlling, =controls her, =controls his, =controlled her, "
           "strangled, strangulation, "
           "strangle, threats to kill, da incident, da incidents, incidents of abuse, marac, "
           "domestic incident, domestic incidents, aggressor, "
           "non-molestation, pushed mum, pushed mother, pushed her against, pushed his partner, "
           "hit mum, hit his partner, hits mum, assaulted mum, assaulted his partner, assaulted her partner, "
           "assault on mum, grabbed mum, grabbed her by the, kicked the door, kicking the door, "
           "punched the wall, threatened mum, threatened to kill, round her throat, around her throat, "
           "by the throat, hands round, hands around",
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
           "basic care, soiled, lice, head lice, dog mess, unsafe home, hungry, going hungry",
           "clean, cleaning, tidy, declutter, bedding, beds, food, meals, graded care profile, gcp2, "
           "gcp, unannounced visit, unannounced visits, home visits, home conditions, hygiene, "
           "washing machine, furniture, decorate"),
    _theme("school attendance",
           "=attendance, absence, absences, absent, school refusal, missing school, late for school, "
           "late to school, persistent absence, not in school, not attending, out of school, "
           "missing education, exclusion, excluded, reduced timetable, part-time timetable, "
           "not in education, no school place, refusing to go to school, refusing school, "
           "exclusions, fixed term exclusion, fixed term exclusions, suspended, suspension, "
           "missing early education, not attend nursery, nursery place, "
           "not in college, isn't in college, not at college, no college place, neet, not on a school roll, "
           "not registered with a school, isn't registered with a school, out of education",
           "attend school, attending school, education welfare, ewo, attendance officer, college, esol, "
           "to school, walk to school, walks to school, take to school, takes to school, school run, "
           "on time, morning routine, mornings, wake, wake up, alarm clock, "
           "school place, alternative provision, pastoral support plan, late pass, form tutor, "
           "get to school, school run, education, timetable, pastoral, nursery, early education, "
           "childcare, early years"),
    _theme("health needs and appointments",
           "missed appointments, missed health appointments, health appointments, not brought, "
           "was not brought, wnb, dna, dental, dentist, tooth decay, teeth, immunisation, "
           "immunisations, vaccination, vaccinations, faltering growth, weight loss, underweight, "
           "weight, growth, medical needs, health needs, medication, asthma, eczema, "
           "development checks, developmental checks, health checks, eyesight, hearing, "
           "not registered with a gp, isn't registered with a gp, no inhaler, toothache, decayed teeth, "
           "hasn't seen a dentist, not seen a dentist, hasn't booked, not booked in",
           "appointment, appointments, health visitor, gp, paediatric, paediatrician, clinic, "
           "weigh, weighed, immunise, school nurse, hospital, medical, health assessment, optician"),
    _theme("housing",
           "=housing, homeless, homelessness, eviction, evicted, overcrowded, overcrowding, "
           "rent arrears, temporary accommodation, damp, mould, unsuitable accommodation, sofa surfing, "
           "friend's sofa, on a sofa, nowhere to live, no settled accommodation, "
           "section 21, notice seeking possession, possession order, told to leave, must leave the house",
           "tenancy, accommodation, housing officer, housing application, bid, rehoused, landlord, "
           "move, house"),
    _theme("money worries",
           "debt, debts, financial, finances, money, poverty, arrears, food bank, benefits sanction, "
           "sanctioned, universal credit, cost of living, no money, "
           "prepayment meter, prepay meter, emergency credit, cannot afford, can't afford, redundant, "
           "no savings",
           "benefits, benefit, debt advice, citizens advice, budget, budgeting, grant, grants, "
           "welfare rights, income"),
    _theme("parenting, routines and supervision",
           "boundaries, unsupervised, left alone, lack of supervision, poor supervision, routines, "
           "routine, parenting capacity, inconsistent parenting, inconsistent care, chaotic, "
           "bedtime, late nights, screen time, behaviour management, physical chastisement, smacking, "
           "smacked, shouting, "
           "home alone, lets himself in, lets herself in, on his own until, on her own until, "
           "on their own until",
           "parenting, parenting programme, parenting course, triple p, incredible years, "
           "solihull, supervision, supervise, supervised, routine, routines, bedtime, boundaries, "
           "reward chart, behaviour plan, family support worker"),
    _theme("the child's emotional wellbeing",
           "self-harm, self harm, self-harming, suicidal thoughts, emotional wellbeing, "
           "emotional health, anxious, anxiety, distressed, distress, withdrawn, trauma, "
           "traumatised, upset, angry outbursts, nightmares, bedwetting, soiling, "
           "ending his life, ending her life, end it all, not wanting to be here, scratching her arms, "
           "scratching his arms",
           "camhs, counselling, counsellor, therapy, therapist, therapeutic, psychologist, psychology, "
           "trauma-informed, kooth, school nurse, emotional "
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
           "young carer, caring role, caring responsibilities, looks after her, "
           "looks after his, looking after her younger, looking after his younger, looking after mum, "
           "looking after her mum, looking after his mum, looking after dad, looks after mum, "
           "doing the shopping, cooking tea, helping her wash, helping him wash, translating for",
           "young carers, young carer's assessment, young carers assessment, respite, carers service"),
    _theme("physical harm",
           "injury, injuries, bruise, bruises, bruising, fracture, burn, burns, "
           "non-accidental, physical abuse, physically abused, slapped, punched, kicked",
           "child protection medical, medical, body map, safe handling, behaviour management, "
           "physical chastisement, injury"),
    _theme("sexual harm",
           "sexual abuse, sexually abused, sexualised behaviour, sexualised, inappropriate touching, "
           "sex offender, registered sex offender, indecent images, disclosure of sexual",
           "keeping safe, protective behaviours, sexual, risk assessment, police, disclosure"),
    _theme("the father's part in the child's life",
           "father's involvement, absent father, father not assessed, father unknown, "
           "contact with father, contact with his father, contact with her father, father figure, "
           "not been in touch, no contact with his dad, no contact with her dad, asks for him, "
           "asking for him, hasn't seen him, has not seen him, hasn't seen his dad, hasn't seen her dad, "
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
           "special educational needs, milestones, "
           "speech is behind, speech is well behind, speech has gone backwards, "
           "speech is hard to understand, not toilet trained, behind for her age, behind for his age",
           "ehcp, senco, speech and language therapy, salt, paediatric, portage, assessment, "
           "education health and care plan, early years, nursery, development"),
    _theme("bereavement and loss",
           "bereavement, bereaved, grief, grieving, died, death of, loss of her, loss of his, "
           "passed away, killed",
           "bereavement, winston's wish, cruse, grief, memory box, child bereavement, loss, "
           "bereavement counselling"),
    _theme("language and interpreting",
           "little english, no english, limited english, english is limited, language barrier, "
           "does not speak english, doesn't speak english, speaks no english, first language",
           "interpreter, interpreting, esol, translated, translation, language line, bilingual, "
           "english classes, english lessons"),
    _theme("immigration and asylum",
           "asylum, immigration, immigration status, no recourse, nrpf, trafficked, trafficking, "
           "unaccompanied, age dispute, age disputed, home office, leave to remain, asylum claim, "
           "asylum interview, modern slavery",
           "immigration solicitor, solicitor, legal advice, refugee council, nrm, national referral "
           "mechanism, age assessment, leave to remain, nrpf team, asylum, immigration"),
    _theme("a carer under strain",
           "exhausted, exhaustion, burnt out, burnout, breaking point, not coping, struggling to cope, "
           "no break, no respite, sleep deprived, at the end of her tether, at the end of his tether",
           "short breaks, short break, respite, carer's assessment, carers assessment, direct payments, "
           "personal assistant, sitting service, overnight care, overnight stays, break"),
    _theme("placement stability",
           "placement moves, placement move, placement breakdown, placement breakdowns, unstable placement, "
           "placement instability, placement has broken down, placements in a year, moved placement, "
           "emergency move, given notice, gave notice, notice on the placement",
           "stability meeting, placement stability, disruption meeting, matching, long-term match, "
           "permanence, fostering support, supervising social worker, placement support"),
    _theme("family time and contact",
           "sibling contact, contact with her brother, contact with his brother, contact with her sister, "
           "contact with his sister, family time, contact has stopped, contact is unreliable, "
           "misses contact, missed contact, does not turn up, doesn't turn up, lost contact",
           "contact plan, family time, contact arrangement, contact arrangements, sibling contact, "
           "letterbox, supervised contact, contact centre, life story"),
    _theme("friendships, bullying and loneliness",
           "=lonely, =loneliness, no friends, few friends, bullied, bullying, picked on, days are empty, "
           "nothing to do, friendship, friendships",
           "youth club, club, mentor, mentoring, befriender, befriending, activities, activity, football, "
           "anti-bullying, buddy, peer group, youth group, youth worker, friendship group"),
    _theme("online safety",
           "online, social media, snapchat, instagram, tiktok, sexting, nude images, explicit images, "
           "online grooming, gaming until, chatting to strangers",
           "online safety, parental controls, ceop, internet safety, filters, thinkuknow, report remove, "
           "screen time, wifi, phone"),
    _theme("sleep",
           "not sleeping, isn't sleeping, sleeping poorly, poor sleep, sleep, can't sleep, cannot sleep, "
           "falling asleep, awake at night, up all night",
           "sleep clinic, sleep hygiene, sleep service, sleep plan, bedtime routine, melatonin, sleep"),
    _theme("learning and progress at school",
           "struggling in lessons, falling behind, behind in reading, behind with reading, reading age, "
           "not making progress, struggling at school, struggling with school work, gcse, gcses, "
           "below expected",
           "tutor, tutoring, catch-up, catch up, pep, personal education plan, virtual school, "
           "learning support, homework, reading, intervention, interventions, teaching assistant"),
    _theme("forced marriage and honour-based abuse",
           "forced marriage, forced to marry, married off, honour-based, honour based, fgm, "
           "female genital mutilation, taken abroad",
           "forced marriage unit, fmu, forced marriage protection order, fmpo, fgm protection order, "
           "passport, port alert, protection order"),
    _theme("safety in the home",
           "fire risk, fire hazard, smoke alarm, bitten, dog bite, dog bites, dangerous dog, stair gate, "
           "medication left out, tablets left out, unsafe stairs, trip hazard, smoking in the house",
           "fire service, home safety, home fire safety, smoke alarm, smoke alarms, safety gate, stair gate, "
           "rehome, rehomed, muzzle, lockable, locked away, lock away, fireguard, dog"),
    _theme("offending",
           "arrested, charged, offending, reoffending, youth court, knife, knives, weapon, weapons, "
           "robbery, criminal damage, anti-social behaviour, antisocial behaviour",
           "yot, yjs, youth justice, youth offending, appropriate adult, knife crime, weapons awareness, "
           "referral order, out of court, diversion, probation"),
)
