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
contact missing injury supervision supervise supervised routine routines group groups
""".split())


def _theme(name: str, concern: str, answer: str = "") -> Theme:
    concern_cues = [p.strip() for p in concern.split(",") if p.strip()]
    every = [p.strip() for p in answer.split(",") if p.strip()]
    specific = [word for word in every if word not in GENERIC_ANSWERS]
    return Theme(name, Cues(concern_cues), Cues(concern_cues + specific), Cues(concern_cues + every))


THEMES: tuple[Theme, ...] = (
    _theme("alcohol misuse",
           "alcohol, =drink, =drinking, drinks heavily, drinks most, drinks every, drinks daily, "
           "drinks at weekends, she drinks, he drinks, mum drinks, dad drinks, mother drinks, father drinks, "
           "heavy drinker, =drinker, drinks too much, drinks a lot, drinks alcohol, drunk, intoxicated, "
           "binge, alcoholic, alcohol misuse, "
           "alcohol use, under the influence, hungover",
           "sobriety, sober, abstinence, abstinent, breathalyser, alcohol service, recovery, detox, "
           "aa, alcoholics anonymous, drug and alcohol, substance misuse service, change grow live, cgl, "
           "alcohol worker, alcohol team, alcohol nurse, breath test, breath tests, "
           "antabuse, turning point, we are with you, addaction, alcohol counselling, "
           "peth, blood test, blood tests, cdt, liver function, hair strand, hair-strand, "
           "alcohol testing, alcohol test, substance service, substance misuse worker, "
           "substance misuse service, brief intervention, keywork, key work, keyworker, "
           "relapse prevention, fasd, foetal alcohol, compass, aspire, young people's drug "
           "service, yp drug worker, drug worker"),
    _theme("drug use",
           "drug, drugs, cannabis, cocaine, heroin, crack, substance, substances, substance misuse, "
           "substance use, methadone, amphetamine, spice, ketamine, mdma, "
           "weed, skunk, smoking weed, smokes weed, nitrous, laughing gas, selling drugs, "
           "dealing drugs, drug debt",
           "hair strand, hair-strand, drug test, drug testing, urine test, recovery, treatment service, "
           "drug and alcohol, detox, script, cgl, change grow live, "
           "drug worker, drugs worker, substance worker, yp drug worker, yp substance "
           "worker, young people's substance misuse service, young people's drug service, "
           "young people's service, harm reduction, drug service, drugs service, substance "
           "misuse team, turning point, we are with you, addaction, aspire, compass, "
           "breaking free, drug education, drugs education, "
           "saliva test, saliva tests, oral fluid, substance service, brief intervention, "
           "drug tests, yp worker, nrm, national referral mechanism, child abduction "
           "warning notice, cawn, exploitation, urines, observed urines, supervised dosing, "
           "supervised consumption, prescriber, relapse prevention, lockbox, lock box, "
           "keywork, key work, keyworker"),
    _theme("domestic abuse",
           "domestic abuse, domestic violence, dv, violence, violent, abusive relationship, coercive, "
           "coercion, =controlling behaviour, =controlling, =controls her, =controls his, =controlled her, "
           "=strangled, strangulation, "
           "strangle her, strangle mum, strangle him, strangle his partner, threats to kill, da incident, "
           "da incidents, incidents of abuse, marac, "
           "domestic incident, domestic incidents, aggressor, "
           "non-molestation, pushed mum, pushed mother, pushed her against, pushed his partner, "
           "hit mum, hit his partner, hits mum, assaulted mum, assaulted his partner, assaulted her partner, "
           "assault on mum, grabbed mum, grabbed her by the, kicked the door, kicking the door, "
           "punched the wall, threatened mum, threatened to kill, round her throat, around her throat, "
           "by the throat, hands round, hands around",
           "freedom programme, perpetrator, perpetrator programme, dapp, caring dads, respect "
           "programme, safety plan, safety planning, idva, non-molestation order, healthy relationships, "
           "behaviour change, own my life, operation encompass, "
           "dash, dash risk assessment, marac, dvpp, domestic abuse perpetrator programme, "
           "building better relationships, bbr, respect-accredited, respect accredited, "
           "respect project, drive project, under caution, bail conditions, bail, dvpn, "
           "dvpo, domestic violence protection order, change the locks, lock change, "
           "sanctuary scheme, refuge, occupation order, ddvs, domestic abuse service, "
           "domestic abuse worker, recovery toolkit, power to change, relationship abuse, "
           "inspire, harmful behaviour in relationships, women who use harmful behaviour, "
           "adapted freedom programme, domestic abuse worker, plan for leaving, prohibited "
           "steps order, helping hands, children affected by domestic abuse, nvr, "
           "non-violent resistance, apva, capva, adolescent to parent violence, child to "
           "parent violence, break4change, who's in charge, "
           "what has to change, what must change, what needs to change, what has to stop, "
           "what must stop, what needs to stop"),
    _theme("a parent's mental health",
           "mental health, depression, depressed, low mood, psychosis, psychotic, bipolar, "
           "schizophrenia, suicidal, overdose, postnatal depression, perinatal, personality disorder, "
           "breakdown, mental ill health, ptsd, "
           "feels flat, felt flat, flat and tearful, cries every day, crying all the time, "
           "epds, mood is low, low in mood, feeling low, hearing voices, paranoid, "
           "paranoia, self-neglect, stopped taking her medication, stopped taking his "
           "medication, stopped her sertraline, stopped his sertraline, stopped her "
           "medication, stopped his medication, becomes unwell, crying a lot",
           "gp, psychiatrist, psychiatric, perinatal team, talking therapies, iapt, counselling, "
           "counsellor, therapy, medication, crisis team, community mental health team, cmht, "
           "mental health worker, mental health team, wellbeing service, "
           "perinatal mental health, perinatal mental health team, antidepressants, "
           "antidepressant, sertraline, fluoxetine, home treatment team, mental health "
           "nurse, psychological therapies, talking therapy, mind, crisis line, early "
           "intervention in psychosis, eip, mood, care co-ordinator, care coordinator, "
           "relapse signature, crisis plan, relapse plan, early warning signs, ward, amhp, "
           "restarting, restart, "
           "cpa, care programme approach, discharge planning"),
    _theme("neglect and home conditions",
           "neglect, neglectful, home conditions, state of the home, condition of the home, dirty, "
           "unhygienic, clutter, cluttered, hoarding, unkempt, squalid, no food, lack of food, "
           "basic care, soiled, lice, head lice, dog mess, unsafe home, hungry, going hungry, "
           "withholding food, food withheld, food as punishment, without tea, without food, "
           "locked fridge, stealing food, taking food, arriving at school hungry, "
           "mattresses, soaked with urine, smells of urine, smelly, same clothes, no beds, "
           "no bed, no cot, nappy rash",
           "clean, cleaning, tidy, declutter, bedding, beds, food, meals, graded care profile, gcp2, "
           "gcp, unannounced visit, unannounced visits, home visits, home conditions, hygiene, "
           "washing machine, furniture, decorate, "
           "breakfast club, free school meals, fsm, mattress, mattresses, furniture scheme, "
           "clothes, clothing, uniform, laundry, bath, bathing, washing, nappies, home "
           "conditions checklist, cleaner, deep clean, skip, pest control, environmental "
           "health, dehumidifier, local welfare provision, beds, bedding, "
           "health visitor, hv, dentist, dental, optician, school nurse, pre-birth "
           "assessment, parenting assessment, nursery place, blister packs, personal care, "
           "clearance, clearance service, clear the room, clear her room, clear his room"),
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
           "childcare, early years, "
           "reintegration, reintegration meeting, graded return, managed move, return to "
           "school, return plan, attendance plan, attendance target, home tuition, medical "
           "needs teaching, school transport, taxi, escort, bus pass, prospects, careers "
           "adviser, careers advice, traineeship, traineeships, apprenticeship, employment, "
           "youth hub, pru, pupil referral unit, in-year admission, admission, school "
           "admissions, phased return, safe space, breakfast club, breakfast, late pass, "
           "walking bus, wake-up call, attendance panel, "
           "later start, key adult, full days, full-time, full time, back to full time, "
           "quiet space, lunch space, start nursery, funded place, nursery place, check-in, "
           "morning check-in, meet him off the bus, meet her off the bus"),
    _theme("health needs and appointments",
           "missed appointments, missed health appointments, health appointments, not brought, "
           "was not brought, wnb, dna, dental, dentist, tooth decay, teeth, immunisation, "
           "immunisations, vaccination, vaccinations, faltering growth, weight loss, underweight, "
           "weight, growth, medical needs, health needs, medication, asthma, eczema, "
           "development checks, developmental checks, health checks, eyesight, =hearing, "
           "not registered with a gp, isn't registered with a gp, no inhaler, toothache, decayed teeth, "
           "hasn't seen a dentist, not seen a dentist, hasn't booked, not booked in, "
           "decay, decayed, untreated decay, dental infection, dental infections, dental "
           "pain, =glasses, squint, eye test, eyes tested, can't see the board, hearing "
           "loss, hearing aid, hearing aids, grommets, ear infections, glue ear, not "
           "gaining weight, gained only, dropped centiles, hba1c, dka, ketones, poorly "
           "controlled, no gp, not registered with a dentist, no dentist, in pain, not had "
           "his eyes tested, not had her eyes tested, hasn't had his eyes tested, hasn't "
           "had her eyes tested, never had his eyes tested, never had her eyes tested, not "
           "had an eye test, never had an eye test, no eye test, not had a dental check, "
           "never had a dental check, hasn't had a dental check, no dental check, never "
           "been to a dentist, never seen a dentist, not been to the dentist, hasn't been "
           "to the dentist, not had his hearing tested, not had her hearing tested, no "
           "hearing test",
           "appointment, appointments, health visitor, gp, paediatric, paediatrician, clinic, "
           "weigh, weighed, immunise, school nurse, hospital, medical, health assessment, optician, "
           "hv, health visiting, dental, dentist, cds, community dental service, emergency "
           "dental, tooth brushing, toothbrushing, toothbrush, fluoride, optician, "
           "optometrist, orthoptist, eye clinic, eye test, glasses, audiology, audiologist, "
           "hearing test, ent, diabetes nurse, pdsn, diabetes team, insulin, epilepsy "
           "nurse, esn, seizure plan, health care plan, care plan, register with a gp, "
           "registered with a gp, register with a dentist, neurologist, bloods, inhaler, "
           "asthma nurse, respiratory nurse, community nurse, children's nurse, specialist "
           "nurse, prescription, medicines, text reminder, text reminders, reminder, "
           "reminders, reminder text, lift, transport, taxi, travel pass, "
           "rebook, rebooked, extractions, general anaesthetic, practice nurse, depot, "
           "dietitian, dietician, physio, physiotherapist, physiotherapy"),
    _theme("housing",
           "=housing, homeless, homelessness, eviction, evicted, overcrowded, overcrowding, "
           "rent arrears, temporary accommodation, damp, mould, unsuitable accommodation, sofa surfing, "
           "friend's sofa, on a sofa, nowhere to live, no settled accommodation, "
           "section 21, notice seeking possession, possession order, told to leave, must leave the house, "
           "asked to leave, kicked out, thrown out, no room for, staying at friends, "
           "sleeping at friends, moving between, sofa-surfing, no fixed abode, unsuitable "
           "housing, no kitchen, no heating, disrepair, share a bedroom, sharing a bedroom, "
           "share a room, sharing a room, two-bed flat, one-bed flat, one bedroom flat",
           "tenancy, accommodation, housing officer, housing application, bid, rehoused, landlord, "
           "move, house, "
           "mother and baby placement, mother and baby unit, parent and child placement, "
           "supported lodgings, supported accommodation, supported housing, foyer, hostel, "
           "housing options, homeless application, homelessness application, housing "
           "register, management transfer, transfer, b&b, mediation, family mediation, s20 "
           "accommodation, staying put, deposit, rent in advance, discretionary housing "
           "payment, dhp, housing association, council housing, flat, room, urgent "
           "transfer, medical priority, rehousing, rehouse, surveyor, environmental health, "
           "dehumidifier, damp, bigger property, 3-bed, three-bed, bid"),
    _theme("money worries",
           "debt, debts, financial, finances, money, poverty, arrears, food bank, benefits sanction, "
           "sanctioned, universal credit, cost of living, no money, "
           "prepayment meter, prepay meter, emergency credit, cannot afford, can't afford, redundant, "
           "no savings",
           "benefits, benefit, debt advice, citizens advice, budget, budgeting, grant, grants, "
           "welfare rights, income, "
           "bank account, universal credit, uc, food bank, fuel voucher, fuel vouchers, "
           "household support fund, s17, section 17, s17 fund, family support fund, "
           "furniture scheme, welfare rights adviser, debt adviser, stepchange, dla, pip, "
           "carer's allowance, carers allowance, child benefit, tax credits, healthy start, "
           "voucher, vouchers, financial assessment, "
           "repayment plan, payment plan, mortgage, pay for, fares, fare, travel costs, "
           "jobcentre, reinstated, reinstate, allowance, savings account, own account, bank "
           "card, council tax, exemption, charity fund, gambling support, gamcare, "
           "gambling, funding, fund, funded"),
    _theme("parenting, routines and supervision",
           "boundaries, unsupervised, left alone, lack of supervision, poor supervision, routines, "
           "routine, parenting capacity, inconsistent parenting, inconsistent care, chaotic, "
           "bedtime, late nights, screen time, behaviour management, physical chastisement, smacking, "
           "smacked, shouting, "
           "home alone, lets himself in, lets herself in, on his own until, on her own until, "
           "on their own until",
           "parenting, parenting programme, parenting course, triple p, incredible years, "
           "solihull, supervision, supervise, supervised, routine, routines, bedtime, boundaries, "
           "reward chart, behaviour plan, family support worker, "
           "non-violent resistance, nvr, house rules, rota, babysitter, childminder, "
           "after-school club, holiday club, parenting support, parenting sessions, "
           "positive parenting, family time plan, discipline, physical punishment, written "
           "agreement, "
           "talking teens, living with teenagers, parenting teens, strengthening families, "
           "curfew, check-ins, named adult, back-up childcare, after-school care, what has "
           "to change, what must change, what needs to change, what has to stop, what must "
           "stop, what needs to stop, perpetrator programme, caring dads, respect "
           "programme, freedom programme, idva, dash, safety plan, sleep plan, settling "
           "plan, childcare, daily routine"),
    _theme("the child's emotional wellbeing",
           "self-harm, self harm, self-harming, suicidal thoughts, emotional wellbeing, "
           "emotional health, anxious, anxiety, distressed, distress, withdrawn, trauma, "
           "traumatised, upset, angry outbursts, nightmares, bedwetting, soiling, "
           "ending his life, ending her life, end it all, not wanting to be here, scratching her arms, "
           "scratching his arms, "
           "=cutting, cuts herself, cuts himself, cut herself, cut himself, ligature, took "
           "an overdose, hurting herself, hurting himself, burning herself, self-injury, "
           "wants to die, hopeless, clingy, hides in his room, hides in her room, hides "
           "under, startles, startling, wetting the bed, wet the bed, enuresis, "
           "self-esteem, worthless, panic attacks, stopped speaking, selective mutism, "
           "paracetamol, doesn't see the point, does not see the point, hopelessness, feels "
           "trapped, panicky",
           "camhs, counselling, counsellor, therapy, therapist, therapeutic, psychologist, psychology, "
           "trauma-informed, kooth, school nurse, emotional "
           "support, wellbeing, mentor, play therapy, direct work, elsa, trusted adult, "
           "crisis team, camhs crisis, safety plan, lock away, locked away, blades, key "
           "adult, named adult, worry work, nurture, nurture group, nurture room, learning "
           "mentor, school counsellor, mhst, mental health support team, youth counselling, "
           "enuresis, educational psychologist, ep, positive behaviour support, pbs, play "
           "therapist, art therapy, music therapy, drawing and talking, lego therapy, safe "
           "space, quiet base, calm box, feelings work, feelings work, direct work, three "
           "houses, life story work, children's domestic abuse worker, trauma assessment, "
           "trauma-focused, cbt, emdr, self-harm safety plan, care co-ordinator, care "
           "coordinator, hopelessness, talking with teens, safety work, "
           "key worker, keyworker, key person, play-based, play based, settling plan, dbt, "
           "dialectical behaviour therapy, recovery group, children's worker, children's "
           "group, group work, sessions with the learning mentor, learning mentor, "
           "worry-time, worry time, keeping safe, who keeps her safe, who keeps him safe, "
           "protective behaviours"),
    _theme("exploitation and going missing",
           "exploitation, exploited, cse, cce, county lines, missing episodes, missing episode, "
           "went missing, goes missing, missing from home, grooming, groomed, older males, "
           "gang, gangs, criminal exploitation, sexual exploitation, "
           "runs the line, paying off, debt bondage, unexplained money, unexplained cash, "
           "new clothes, new trainers, second phone, older man, older men, missing "
           "overnight, staying out overnight, gone missing, reported missing, has gone missing, "
           "older lads, =two phones, found with, found in possession, wraps, found in "
           "another town, found miles from home",
           "return home interview, return interview, mace, exploitation, disruption, police, "
           "safety plan, youth worker, trusted adult, missing, "
           "nrm, national referral mechanism, cawn, child abduction warning notice, "
           "exploitation worker, contextual safeguarding, intelligence, intel, disruption "
           "plan, missing worker, rhi, exploitation screening, exploitation panel, cse "
           "screening, target the line, missing team, return home interview, exploitation "
           "protocol, exploitation team, safe hands, strategy discussion, identify, nrm, "
           "national referral mechanism, exploitation panel, mace"),
    _theme("risk from an adult in the household",
           "conviction, convictions, convicted, caution for, cautioned, offence against a child, "
           "offences against children, schedule 1, risk to children, assaulting a child, assault, "
           "assaulted, violent offence, violent offences, previous relationship",
           "risk assessment, assessment of father, assessment of the partner, disclosure scheme, "
           "clare's law, sarah's law, probation, police check, police checks, not to be left alone, "
           "supervise, supervised, supervision, written agreement, safety plan, moves out, live apart, "
           "perpetrator programme, freedom programme, idva, dash, marac, dapp, dvpp, caring "
           "dads, under caution, bail conditions, "
           "what has to change, what must change, what needs to change, what has to stop, "
           "what must stop, what needs to stop, under caution, sexual risk order, public "
           "protection, lado, allegations meeting"),
    _theme("a child caring for others",
           "young carer, caring role, caring responsibilities, looks after her, "
           "looks after his, looking after her younger, looking after his younger, looking after mum, "
           "looking after her mum, looking after his mum, looking after dad, looks after mum, "
           "doing the shopping, cooking tea, helping her wash, helping him wash, translating for, "
           "taking on her care, taking on his care, doing a lot of, care before school, "
           "looking after her brother, looking after her sister, looking after his brother, "
           "looking after his sister",
           "young carers, young carer's assessment, young carers assessment, respite, carers service, "
           "young carers service, young carers group, carers assessment, young carers "
           "project, care package, adult social care, personal care, carers, carer's "
           "assessment"),
    _theme("physical harm",
           "injury, injuries, bruise, bruises, bruising, fracture, burn, burns, "
           "non-accidental, physical abuse, physically abused, slapped, punched, kicked, "
           "belt, slipper, hit him, hits him, hit her, hits her, physical punishment, mark "
           "on his, mark on her, marks on his, marks on her, smacks, smacked him, smacked "
           "her, threw a chair, threw a mug, threw things, throwing things",
           "child protection medical, medical, body map, safe handling, behaviour management, "
           "physical chastisement, injury, "
           "written agreement, physical punishment, discipline, triple p, parenting "
           "programme, body map, safe care, strategy discussion, s47, section 47, safety "
           "agreement, written safety agreement, no unsupervised time, cp medical, first "
           "aid, burns first aid, nvr, non-violent resistance, apva, capva, adolescent to "
           "parent violence, child to parent violence, break4change, who's in charge, "
           "under caution, interview under caution, lado, allegations meeting, suspended, "
           "suspension, anger management, anger work, managing his behaviour, managing her "
           "behaviour, foster care, ico, interim care order, connected person assessment, "
           "viability assessment, protective behaviours, keeping safe, what has to change, "
           "what must change, what needs to change, what has to stop, what must stop, what "
           "needs to stop, safety plan, not left alone, not to be left alone, never left "
           "alone, never alone, perpetrator, perpetrator programme, respect programme, "
           "idva, dash, freedom programme, clare's law, probation, check for marks, checks "
           "for marks, house rules, anger, incredible years, physical handling, police to "
           "interview, police to investigate, police investigation, abc, abcs"),
    _theme("sexual harm",
           "sexual abuse, sexually abused, sexualised behaviour, sexualised, inappropriate touching, "
           "sex offender, registered sex offender, indecent images, disclosure of sexual, "
           "touched her, touched him, private parts, pornography, sexual language, sexually "
           "harmed, sexual harm, harmful sexual behaviour, hsb",
           "keeping safe, protective behaviours, sexual, risk assessment, police, disclosure, "
           "chisva, isva, sarc, lucy faithfull, parents protect, stop it now, aim3, aim, "
           "hsb, harmful sexual behaviour, pants, body safety, under caution, lucy "
           "faithfull, inform course, brook traffic light, traffic light tool, aim3, hsb "
           "worker, hsb service, keeping safe work"),
    _theme("the father's part in the child's life",
           "father's involvement, absent father, father not assessed, father unknown, "
           "contact with father, contact with his father, contact with her father, father figure, "
           "not been in touch, no contact with his dad, no contact with her dad, asks for him, "
           "asking for him, hasn't seen him, has not seen him, hasn't seen his dad, hasn't seen her dad, "
           "father has not been seen, not assessed the father, father was not seen",
           "father, dad, paternal, contact, "
           "contact centre, supervised contact, contact arrangement, contact arrangements, "
           "family time, letterbox, parenting assessment"),
    _theme("isolation and support network",
           "isolated, isolation, no support network, lack of support, little support, no family support, "
           "limited support network, no one to turn to, "
           "no friends or family nearby, no family nearby, nobody to help, no one to help, "
           "lost touch with her family, lost touch with his family, on her own with the, on "
           "his own with the",
           "support network, family network, family network meeting, family group conference, fgc, "
           "community, children's centre, family hub, network meeting, support group, peer support, "
           "home-start, homestart, parent and baby group, baby group, stay and play, "
           "volunteer, befriender, befriending, parents group, toddler group, family hub "
           "worker, "
           "group, groups, club, clubs, forum, community group, peer mentor, guides, "
           "scouts, cubs, brownies, activity, activities, bumps and babies, dads' group, "
           "dads group"),
    _theme("a parent's learning needs",
           "learning disability, learning disabilities, learning difficulties, learning difficulty, "
           "cognitive, cognitive assessment, literacy",
           "advocate, advocacy, adapted, easy read, pams, parenting assessment manual, cognitive "
           "assessment, learning disability team"),
    _theme("the child's development and additional needs",
           "speech delay, speech and language, developmental delay, delayed development, "
           "global delay, sen, send needs, ehcp, autism, autistic, asd, adhd, additional needs, "
           "special educational needs, milestones, "
           "speech is behind, speech is well behind, speech has gone backwards, "
           "speech is hard to understand, not toilet trained, behind for her age, behind for his age, "
           "language delay, receptive language, expressive language, working memory, "
           "dyslexia, dyspraxia, =not talking, few words, no words, not yet walking, not "
           "walking, not crawling, not sitting, speech is about, year behind, speech, "
           "delayed speech, speech is delayed, limited speech, unclear speech, language "
           "delay",
           "ehcp, senco, speech and language therapy, salt, paediatric, portage, assessment, "
           "education health and care plan, early years, nursery, development, "
           "educational psychologist, ep, speech therapy, speech therapist, communication, "
           "symbols, makaton, visual timetable, sen caseworker, send caseworker, annual "
           "review, cdc, child development centre, neurodevelopmental, adhd nurse, autism "
           "team, occupational therapy, occupational therapist, ot, sensory, senco, send "
           "support, specialist teacher, outreach, ehc plan, ehc needs assessment, physio, "
           "physiotherapy, physiotherapist, children's physio, wellcomm, talk boost, asq, "
           "portage, early support, "
           "fasd"),
    _theme("bereavement and loss",
           "bereavement, bereaved, grief, grieving, died, death of, loss of her, loss of his, "
           "passed away, =killed",
           "bereavement, winston's wish, cruse, grief, memory box, child bereavement, loss, "
           "bereavement counselling, "
           "bereavement worker, palliative care, after suicide, bereavement support, "
           "bereaved parents, "
           "hospice, children's worker, memory work, bereavement group"),
    _theme("language and interpreting",
           "little english, no english, limited english, english is limited, language barrier, "
           "does not speak english, doesn't speak english, speaks no english, first language",
           "interpreter, interpreting, esol, translated, translation, language line, bilingual, "
           "english classes, english lessons"),
    _theme("immigration and asylum",
           "asylum, immigration, immigration status, no recourse, nrpf, trafficked, trafficking, "
           "unaccompanied, age dispute, age disputed, home office, leave to remain, asylum claim, "
           "asylum interview, modern slavery, "
           "destitute, destitution, schedule 3, no status, overstayer, overstayed",
           "immigration solicitor, solicitor, legal advice, refugee council, nrm, national referral "
           "mechanism, age assessment, leave to remain, nrpf team, asylum, immigration, "
           "s17 accommodation, subsistence, hra, oisc, law centre, immigration adviser, "
           "mvdac, dv settlement, destitution domestic violence concession, eusettlement, "
           "ukvi, evisa, brp"),
    _theme("a carer under strain",
           "exhausted, exhaustion, burnt out, burnout, breaking point, not coping, struggling to cope, "
           "no break, no respite, sleep deprived, at the end of her tether, at the end of his tether",
           "short breaks, short break, respite, carer's assessment, carers assessment, direct payments, "
           "personal assistant, sitting service, overnight care, overnight stays, break, "
           "parent carer needs assessment, care package, night-time support, night carer, "
           "second agency, bank carer, home-start, volunteer, night feeds, sleep, "
           "respite, overnights, care act assessment, carers centre, carers' centre, carers "
           "support group, carers' support group, kinship carers, sgo support, nursery "
           "place, rota, family network meeting, night-time care, evening off, time off, "
           "young carers, care package, breakfast club, help with mornings, family network, "
           "emergency accommodation"),
    _theme("placement stability",
           "placement moves, placement move, placement breakdown, placement breakdowns, unstable placement, "
           "placement instability, placement has broken down, placements in a year, moved placement, "
           "emergency move, given notice, gave notice, notice on the placement",
           "stability meeting, placement stability, disruption meeting, matching, long-term match, "
           "permanence, fostering support, supervising social worker, placement support, "
           "placement plan, placement support plan, therapeutic parenting, carers' support"),
    _theme("family time and contact",
           "sibling contact, contact with her brother, contact with his brother, contact with her sister, "
           "contact with his sister, family time, contact has stopped, contact is unreliable, "
           "misses contact, missed contact, does not turn up, doesn't turn up, lost contact",
           "contact plan, family time, contact arrangement, contact arrangements, sibling contact, "
           "letterbox, supervised contact, contact centre, life story, "
           "face-to-face, face to face, video call, video calls, phone call, phone calls, "
           "travel costs, train fare, rail"),
    _theme("friendships, bullying and loneliness",
           "=lonely, =loneliness, no friends, few friends, bullied, bullying, picked on, days are empty, "
           "nothing to do, friendship, friendships",
           "youth club, club, mentor, mentoring, befriender, befriending, activities, activity, football, "
           "anti-bullying, buddy, peer group, youth group, youth worker, friendship group, "
           "social group, social skills, scouts, guides, cadets, after-school club, holiday "
           "club, youth centre, drama, sports club, leisure, "
           "buddy group, lunchtime club, new club, befriending, peer mentor, group"),
    _theme("online safety",
           "online, social media, snapchat, instagram, tiktok, sexting, nude images, explicit images, "
           "online grooming, gaming until, chatting to strangers",
           "online safety, parental controls, ceop, internet safety, filters, thinkuknow, report remove, "
           "screen time, wifi, phone, "
           "report remove, polit, police online, online safety programme, online safety "
           "work"),
    _theme("sleep",
           "not sleeping, isn't sleeping, sleeping poorly, poor sleep, sleep, can't sleep, cannot sleep, "
           "falling asleep, awake at night, up all night, "
           "wakes in the night, waking at night, wakes every night, wakes several times, "
           "wakes 3",
           "sleep clinic, sleep hygiene, sleep service, sleep plan, bedtime routine, melatonin, sleep, "
           "safe sleep, moses basket, cot, phone downstairs, screen-time plan, sleep "
           "routine, sleep system, children's sleep service, sleep practitioner, sleep "
           "clinic, "
           "bed, beds, bunk bed, mattress, settling plan, settling"),
    _theme("learning and progress at school",
           "struggling in lessons, falling behind, behind in reading, behind with reading, reading age, "
           "not making progress, struggling at school, struggling with school work, gcse, gcses, "
           "below expected",
           "tutor, tutoring, catch-up, catch up, pep, personal education plan, virtual school, "
           "learning support, homework, reading, intervention, interventions, teaching assistant"),
    _theme("forced marriage and honour-based abuse",
           "forced marriage, forced to marry, married off, honour-based, honour based, fgm, "
           "female genital mutilation, taken abroad, "
           "breast flattening, breast ironing, become clean",
           "forced marriage unit, fmu, forced marriage protection order, fmpo, fgm protection order, "
           "passport, port alert, protection order, "
           "fgmpo, travel ban, community advocate, fgm clinic, passport surrender"),
    _theme("safety in the home",
           "fire risk, fire hazard, smoke alarm, bitten, dog bite, dog bites, dangerous dog, stair gate, "
           "medication left out, tablets left out, unsafe stairs, trip hazard, smoking in the house",
           "fire service, home safety, home fire safety, smoke alarm, smoke alarms, safety gate, stair gate, "
           "rehome, rehomed, muzzle, lockable, locked away, lock away, fireguard, dog"),
    _theme("offending",
           "arrested, =charged, offending, reoffending, youth court, knife, knives, weapon, weapons, "
           "robbery, criminal damage, anti-social behaviour, antisocial behaviour",
           "yot, yjs, youth justice, youth offending, appropriate adult, knife crime, weapons awareness, "
           "referral order, out of court, diversion, probation, "
           "under caution, bail, charge, youth offending team, intensive supervision, "
           "turnaround, "
           "yos, yos worker, yjs prevention, prevention programme, risk plan, weapons "
           "awareness, knife risk"),
    _theme("diet, weight and eating",
           "obese, obesity, overweight, bmi, fizzy drinks, sugary drinks, crisps, junk "
           "food, takeaways, sweets, unhealthy diet, poor diet, lost weight, eating "
           "disorder, anorexia, anorexic, bulimia, bulimic, binge eating, purging, makes "
           "herself sick, makes himself sick, making herself sick, making himself sick, "
           "restricting her food, restricting his food, restricting food, restricts her "
           "food, restricts his food, restricting what she eats, not eating, stopped "
           "eating, barely eating, skipping meals, refuses food, food refusal, fussy "
           "eating, picky eating, limited diet, safe foods, microwave meals, doesn't "
           "deserve food, mealtimes at home, family meals have become, meals have become a "
           "battle, centile, centiles, crossed centiles, dropped centiles, dropped two "
           "centiles, dropped a centile, off her centile, off his centile",
           "dietitian, dietician, healthy weight, healthy eating, nutrition, nutritionist, "
           "cook, cooking, batch cook, meal plan, meal planning, eating disorder service, "
           "eating disorders service, eating disorder team, eating disorders team, "
           "camhs-ed, ceds, cbt-e, feeding clinic, feeding team, feeding, weigh, weighed, "
           "weight, growth chart, centile, breakfast club, free school meals, fsm, lunch, "
           "packed lunch, meals, food, healthy start, snack, snacks, drinks, water, "
           "exercise, swimming, weight management, lunch plan, mealtime, mealtimes, eating, "
           "fbt, family-based treatment, family based treatment, beat, community ed team, "
           "ed team, mbmi, eating plan, weigh, weighed, weighing, weight checks, growth, "
           "paediatric dietitian"),
    _theme("pregnancy and a new baby",
           "concealed pregnancy, late booking, booked late, unbooked, missed antenatal, not "
           "booked, nothing for the baby, not bought anything for the baby, no room for a "
           "baby, after the birth, before the birth, the baby is due, co-sleeping, "
           "co-sleep, made up too weak, never looked after a baby, pregnant, weeks "
           "pregnant, pregnancy",
           "midwife, midwifery, antenatal, pre-birth assessment, pre-birth, birth plan, "
           "mother and baby placement, mother and baby unit, parent and child placement, "
           "parent and child foster placement, cot, moses basket, pram, car seat, baby "
           "equipment, baby bank, safe sleep, health visitor, hv, family nurse, family "
           "nurse partnership, fnp, young mums, young parents, parentcraft, baby group, "
           "perinatal, feeds, feeding, baby care, booking, booked with the midwife, book "
           "with a midwife, maternity, antenatal clinic, pre-birth plan, pre-birth "
           "conference, birth"),
    _theme("a partner's control and violence",
           "pushed her, pushed him, pushed mum, pushed her down, pushed her into, checks "
           "her phone, checks his phone, goes through her phone, goes through his phone, "
           "controls the money, controls the household money, controls who she sees, "
           "controls her money, keeps her bank card, takes her bank card, smashed her "
           "phone, smashed his phone, frightened of him, scared of him, afraid of him, "
           "won't leave him, let him back, police were called, police have been called, "
           "threatening texts, threatening messages, turns up at the house, turning up at "
           "the house, cut lip, black eye, broke her nose, punched her, hit her, hitting "
           "her, slapped her, kicked her, headbutted, stalking, harassment, harassing, "
           "jealous, isolates her, stopped her seeing, dash scored, frightened of what he, "
           "scared of what he, pushed into a door, threw a plate, belittles, belittling, "
           "shouts at mum, shouts at her, called the police about, still has a key, keeps "
           "turning up, turning up at, got between them, stepped in to stop, "
           "minimises, minimising, plays it down, plays this down, wants to stay in the "
           "relationship, turned down a refuge, hitting mum, hitting his mum, hitting her "
           "mum, beat his mother, beat her mother, beat his mum, beat her mum, beats her, "
           "beat her, beaten, attacked her, attacking her, broken wrist, broke her wrist, "
           "broke her arm, verbally aggressive, takes her wages, restricts her contact, "
           "stopped seeing her sister, stopped seeing her family",
           "idva, isva, dash, marac, dvpp, domestic abuse perpetrator programme, freedom "
           "programme, building better relationships, bbr, respect-accredited, respect "
           "accredited, respect project, respect programme, drive project, perpetrator, "
           "perpetrator programme, caring dads, under caution, bail conditions, bail, dvpn, "
           "dvpo, non-molestation, non-molestation order, occupation order, change the "
           "locks, sanctuary scheme, refuge, healthy relationships, safety plan, clare's "
           "law, domestic abuse, own my life, operation encompass, inspire, harmful "
           "behaviour in relationships, women who use harmful behaviour, dapp, respect, "
           "locks changed, change the locks, charge, police call-out log, safety work, "
           "stepping in, plan for leaving, leaving plan, prohibited steps order, prohibited "
           "steps, change her number, change his number, helping hands, children affected "
           "by domestic abuse, inform course, move out, moves out, stay away, "
           "what has to change, what must change, what needs to change, what has to stop, "
           "what must stop, what needs to stop"),
    _theme("disability and care at home",
           "lifting him, lifting her, hurt her back, hurt his back, no hoist, no "
           "adaptations, ran into the road, no sense of danger, washed lying on",
           "ot, occupational therapist, occupational therapy, hoist, bath lift, shower "
           "chair, equipment, equipment store, dfg, disabled facilities grant, adaptation, "
           "adaptations, wet room, ground floor, ceiling track, specialist buggy, harness, "
           "sleep system, wheelchair service, continuing care, personal budget, direct "
           "payments, short breaks, positive behaviour support, pbs, camhs ld, disabled "
           "children's team, cwd team"),
    _theme("sexual health",
           "condoms, unprotected sex, ehc, emergency contraception, morning after pill, "
           "sti, stis",
           "sexual health, sexual health nurse, shn, sexual health clinic, larc, "
           "contraception, c-card, brook, relationships and sex education, rse"),
    _theme("parents in conflict and separation",
           "parents' dispute, parental conflict, conflict between, caught in the middle, "
           "speak badly of each other, arguments between, acrimonious, high conflict, "
           "bitter separation, handovers, arguing in front of",
           "parenting through separation, parenting when separated, mediation, family "
           "mediation, miam, reducing parental conflict, handover, handovers, co-parenting, "
           "cafcass, child arrangements, contact arrangement, contact arrangements, "
           "separated parents, parenting apart, separating parents"),
    _theme("taking a child abroad or away",
           "threatened to take, take the children abroad, take her abroad, take him abroad, "
           "take them abroad, take the children away, abduct, abduction, snatch, not return "
           "her, not return him, keep her there, keep him there",
           "prohibited steps order, prohibited steps, port alert, passport, passports, "
           "passport surrender, child arrangements order, abduction, child abduction, "
           "travel ban, solicitor, legal aid"),
    _theme("the child's behaviour",
           "hitting other children, hitting out, lashing out, hitting his sister, hitting "
           "his brother, hitting her sister, hitting her brother, biting other children, "
           "kicking staff, hitting staff, tantrums, meltdowns, temper, aggressive at "
           "school, aggression at school, behaviour at school, behaviour in school, "
           "behaviour at nursery",
           "behaviour plan, behaviour support, behaviour support plan, senco, key person, "
           "kind hands, anger, anger management, calm-down, calm down, emotional "
           "regulation, zones of regulation, positive behaviour support, pbs, nvr, "
           "non-violent resistance, feelings work, nurture group, educational psychologist, "
           "ep, behaviour"),
)
