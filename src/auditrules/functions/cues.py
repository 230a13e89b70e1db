"""The words the text checks look for, grouped by what they signal.

Drawn from the practice guidance in the project's domain notes: what makes a judgement evaluate
rather than describe, what makes a plan target SMART, what a tick-box action sounds like. Each
list is a principle written as words, not a fit to particular sentences; extend a list when a
whole class of wording is missing, never for one phrase seen once.
"""

from __future__ import annotations

from .text import Cues, Match, Reading, covered

# ---- judgements ------------------------------------------------------------------------------

# Words that judge the quality or the effect of the work, for better or worse. Listed as written
# because their stems are ambiguous ("timely" and "time", "effective" and "effect").
JUDGING: Cues = Cues(
    """
    effective effectively ineffective ineffectively timely untimely prompt promptly swift swiftly
    quick quickly slow slowly delay delays delayed delaying late belated thorough thoroughly
    robust robustly insufficient insufficiently sufficient inadequate inadequately poor poorly
    weak weakly strong strongly excellent outstanding exemplary good well better best worse worst
    clear clearly unclear focused unfocused purposeful proportionate disproportionate
    appropriate inappropriate inappropriately drift drifted drifting missed failed fail fails
    failure failures lacked lacking lacks gap gaps omission overoptimistic optimistic naive naïve
    superficial comprehensive analytical insightful meaningful meaningfully impactful helpful
    unhelpful positive positively negative negatively concerning worrying improved improving
    improvement improvements deteriorated deteriorating worsened worsening sustained consistent
    consistently inconsistent inconsistently reliable unreliable unsafe safer protective reduced
    reducing strengthened undermined limited successful successfully unsuccessful rigorous
    tenacious tenaciously creative creatively sensitive sensitively skilled skilfully sound
    compelling convincing persuasive balanced uninformed outdated responsive reactive proactive
    proactively decisive decisively hesitant confident well-evidenced evidenced unevidenced
    unchallenged challenged challenging enabled undermining compromised valuable invaluable
    crucial critical critically important significant significantly minimal thoughtful
    considered poorly-evidenced vague specific measurable inaccurate accurate accurately
    benefited benefit benefits progressed regressed stalled stuck lost overlooked ignored
    neglected dismissed minimised minimized reassured reassuring
    risen rose fallen fell increased decreased settled unsettled safe happier calmer thriving
    flourishing stable stabilised unstable struggling struggled transformed right wrong
    faster slower sooner earlier quicker exceptional exceptionally well-reasoned reasoned
    patchy sketchy scant thin
    """.split()
    + [
        "made a difference", "made a real difference", "made little difference",
        "made no difference", "no difference", "reduced the risk", "reduced risk",
        "increased the risk", "too slow", "too late", "too long", "not enough", "lost sight",
        "in a timely way", "in a timely manner", "positive impact", "negative impact",
        "little impact", "no impact", "real impact", "left at risk", "remained at risk",
        "up to date", "out of date", "of good quality", "of poor quality", "high quality",
        "low quality", "child-centred", "child centred", "child focused", "child-focused",
        "not child-centred", "fell short", "falls short", "did not protect", "was not protected",
        "has helped", "has not helped", "made progress", "little progress", "no progress",
        "a real difference", "real difference", "a difference", "turned round", "turned around",
        "should have", "should not have", "could have", "would have", "needed to", "ought to",
        "was right", "the right", "the wrong", "hit and miss", "hit-and-miss",
    ],
    stems=False,
)

# Saying where the auditor stands: a judgement made, not a record kept.
STANCE: Cues = Cues([
    "auditor judges", "auditors judge", "auditor judged", "auditors judged", "auditor considers",
    "auditors consider", "auditor considered", "auditors considered", "auditor found",
    "auditors found", "auditor agrees", "auditors agree", "auditor disagrees", "auditors disagree",
    "auditor is satisfied", "auditors are satisfied", "auditor was not satisfied",
    "auditor is not satisfied", "auditors are not satisfied", "auditor is concerned",
    "auditors are concerned", "auditor was concerned", "auditors were concerned",
    "auditor believes", "auditors believe", "auditor would expect", "auditors would expect",
    "auditor would have expected", "auditors would have expected", "auditor's view",
    "auditors' view", "auditor view", "in my view", "in our view", "we judge", "we consider",
    "we found", "we agree", "we do not agree", "i judge", "i consider", "it is judged",
    "it is my judgement", "our judgement", "my judgement", "the audit found", "this audit found",
    "the audit judged", "i would expect", "we would expect", "i would have expected",
    "we would have expected", "it is clear", "it is not clear", "it is evident",
    "there is clear evidence",
    "there is no evidence", "there is little evidence", "evidence shows", "the evidence shows",
    "we think", "we believe", "we attribute", "auditors think", "auditor thinks", "auditors attribute",
    "auditor attributes", "in the auditor's opinion", "in our opinion", "in my opinion",
], stems=False)

# A reason or a consequence: why the auditor judged so, or what followed for the child.
REASON: Cues = Cues([
    "because", "as a result", "as a consequence", "so that", "which meant", "this meant",
    "that meant", "meaning", "meant", "means", "therefore", "thus", "hence", "consequently",
    "resulting in", "resulted in", "led to", "leading to", "leads to", "due to", "owing to",
    "as shown by", "evidenced by", "demonstrated by", "shown by", "as seen in", "given that",
    "which has", "which have", "which had", "this has", "this had", "this has meant",
    "ensured", "ensuring", "ensures", "enabled", "enabling", "enables", "allowed", "allowing",
    "helped", "helping", "prevented", "preventing", "caused", "causing", "contributed",
    "in order to", "with the result", "for this reason", "the reason", "so", "since", "evident in",
    "which is why", "that is why", "this is why", "why", "which led", "which gave", "which allowed",
    "which helped", "which kept", "which left", "which put",
    "reflected in", "shows", "showed", "shown", "demonstrates",
    "demonstrated", "illustrates", "illustrated", "indicates", "indicated", "evidence of",
    "evidence that",
], stems=False)

# Change over time: the judgement compares, not only records.
CHANGE: Cues = Cues([
    "since", "compared with", "compared to", "still", "unchanged", "no longer", "now",
    "remains", "remained", "continues to", "continued to", "previously", "before", "after",
    "over the last", "over the past", "over time", "for a further", "for over", "for more than",
    "any longer", "has improved", "have improved", "has deteriorated", "have deteriorated",
    "has changed", "has not changed", "so far", "to date", "yet", "change", "changed", "changes",
    "different", "difference", "gained", "stopped", "started", "began", "more", "less", "fewer",
    "risen", "fallen", "increased", "decreased", "reduced", "turned round", "turned around",
], stems=False)

# The child: who they are, and what their life is like (safety, health, school, feelings).
CHILD: Cues = Cues(
    """
    child children child's young person people baby babies infant infants toddler toddlers son
    daughter sons daughters sibling siblings brother brothers sister sisters boy boys girl girls
    teenager teenagers pupil pupils he she him her his himself herself unborn newborn
    safe safer safety harm harmed harmful neglect neglected wellbeing well-being development
    developmental attendance school nursery education health healthy emotional emotionally
    experience experiences lived needs wishes feelings views voice routine routines
    stability stable placement attachment progress behaviour sleep weight diet hygiene speech
    language friendships confidence anxiety anxious self-harm exploitation exploited protected
    exposure exposed trauma traumatised distress distressed happy happier settled unsettled
    risk risks outcome outcomes
    """.split()
    + ["young people", "home conditions", "day to day", "day-to-day", "daily life"],
    stems=True,
)

# Counts and frequencies a judgement rests on ("twice", "most days", "from daily to weekly").
EVIDENCE: Cues = Cues([
    "once", "twice", "daily", "weekly", "fortnightly", "monthly", "most days", "every day",
    "each week", "every week", "all", "none", "no further", "each time", "every time", "half",
    "most", "several", "many", "times",
], stems=False)

# Recording events, not judging them.
PROCESS: Cues = Cues(
    """
    visit visits visited held hold holds completed complete completes referred refer referral
    signed sign attended attend attends undertaken undertook sent uploaded recorded records
    convened allocated opened closed discussed reviewed arranged carried updated circulated
    notified received requested contacted phoned emailed met scheduled occurred took
    """.split()
    + ["took place", "signed off", "carried out", "was made", "were made"],
    stems=False,
)

# Phrases that sound like a judgement and say nothing specific.
FILLERS: Cues = Cues([
    "some good practice", "some areas for development", "areas for development",
    "area for development", "satisfactory overall", "overall satisfactory", "generally satisfactory",
    "generally good", "broadly good", "broadly satisfactory", "on the whole good", "good overall",
    "overall good", "good in parts", "some good work", "evidence of good practice",
    "elements of good practice", "examples of good practice", "good practice evident",
    "good practice noted", "mixed practice", "practice was mixed", "some evidence of",
    "as expected", "no concerns", "no issues", "no issues noted", "fine", "ok", "okay",
    "satisfactory", "adequate", "reasonable", "good enough", "appropriate", "appropriately",
    "was appropriate", "were appropriate", "appropriate action", "appropriate actions",
    "some improvement needed", "requires improvement", "needs improvement",
    "could be better", "room for improvement", "further work needed",
], stems=False)

# Praise of effort or of the record itself, which says nothing about the child.
EFFORT: Cues = Cues([
    "worked hard", "works hard", "working hard", "hard working", "hard-working", "hardworking",
    "tried hard", "tries hard", "trying hard", "committed", "dedicated", "dedication",
    "clearly cares", "clearly cared", "passionate", "well written", "well-written",
    "well presented", "well-presented", "nicely written", "beautifully written",
    "good recording", "recording is good", "recording was good", "recording is of a good standard",
    "records are up to date", "neat", "detailed record", "detailed records", "thorough recording",
    "lovely", "really nice", "well done", "credit to", "a pleasure to read", "easy to read",
    "well structured", "well-structured", "well laid out", "good use of templates",
    "good use of the template", "all fields completed", "fully completed", "went above and beyond",
    "goes above and beyond", "great work", "brilliant work", "fantastic work", "excellent work",
    "excellent recording", "good work",
], stems=False)

# For judging whether a judgement's text leans positive or negative.
POSITIVE: Cues = Cues(
    """
    effective effectively timely prompt promptly swift thorough robust excellent outstanding
    exemplary strong strongly clear purposeful proportionate child-centred improved improving
    improvement sustained consistent consistently reliable safer protective successful
    successfully rigorous tenacious creative skilled sound insightful meaningful helpful positive
    positively confident thoughtful valuable invaluable progressed benefited reassuring settled
    happier thriving flourishing exceptional exceptionally clearly transformed stable
    """.split()
    + ["made a difference", "made a real difference", "reduced the risk", "reduced risk",
       "good quality", "high quality", "positive impact", "made progress", "good progress",
       "in a timely way", "in a timely manner", "child centred", "well evidenced",
       "well-evidenced"],
    stems=False,
)
NEGATIVE: Cues = Cues(
    """
    ineffective untimely slow slowly delay delays delayed late insufficient inadequate
    inadequately poor poorly weak drift drifted drifting missed failed fail fails failure
    failures lacked lacking lacks gap gaps omission overoptimistic naive superficial unhelpful
    negative negatively concerning worrying deteriorated deteriorating worsened worsening
    inconsistent inconsistently unreliable unsafe undermined unsuccessful outdated unchallenged
    compromised stalled stuck overlooked ignored neglected dismissed minimised minimized
    unclear unfocused harmed regressed vague unchanged patchy sketchy scant thin
    """.split()
    + ["hit and miss", "hit-and-miss",
       "made no difference", "made little difference", "no difference", "too slow", "too late",
       "too long", "not enough", "lost sight", "negative impact", "little impact", "no impact",
       "left at risk", "remained at risk", "out of date", "poor quality", "low quality",
       "little progress", "no progress", "fell short", "falls short", "did not protect",
       "not protected", "no evidence", "little evidence", "left alone", "no change", "not reviewed",
       "still missing", "no safer", "not safe"],
    stems=False,
)

# Signs a judgement is about poor practice that should be escalated.
POOR_PRACTICE: Cues = Cues([
    "poor practice", "inadequate practice", "unsafe practice", "inadequate", "unsafe",
    "left at risk", "remained at risk", "not safeguarded", "not protected", "failed to protect",
    "failure to protect", "serious concern", "serious concerns", "significant drift",
    "significant harm", "dangerous", "unacceptable", "serious failings", "seriously deficient",
], stems=False)

# ---- plan targets and recommendations ------------------------------------------------------

# People and roles who can own an action.
ROLES: Cues = Cues([
    "mother", "mum", "father", "dad", "parent", "parents", "carer", "carers", "foster carer",
    "foster carers", "kinship carer", "special guardian", "grandmother", "grandfather",
    "grandparent", "grandparents", "nan", "aunt", "uncle", "stepfather", "step-father",
    "stepmother", "step-mother", "partner", "social worker", "sw", "allocated social worker",
    "team manager", "tm", "practice manager", "assistant team manager", "service manager",
    "head of service", "principal social worker", "assistant director", "director",
    "education welfare", "education welfare service", "education welfare officer",
    "family support worker", "fsw", "family worker", "early help worker", "early help practitioner",
    "lead professional", "health visitor", "hv", "school nurse", "midwife", "gp", "paediatrician",
    "camhs", "camhs worker", "clinician", "therapist", "psychologist", "psychiatrist", "counsellor",
    "teacher", "class teacher", "head teacher", "headteacher", "senco", "dsl",
    "designated safeguarding lead", "school safeguarding lead", "safeguarding lead",
    "deputy safeguarding lead", "learning mentor", "pastoral lead", "pastoral worker",
    "attendance officer", "education welfare officer", "ewo", "police", "pc", "police officer",
    "officer", "probation", "probation officer", "idva", "domestic abuse adviser",
    "domestic abuse advisor", "domestic abuse worker", "substance misuse worker",
    "drug and alcohol worker", "recovery worker", "housing officer", "iro",
    "independent reviewing officer", "chair", "conference chair", "personal adviser",
    "personal advisor", "youth worker", "yot worker", "youth justice worker", "advocate",
    "nursery", "nursery manager", "key worker", "keyworker", "key person", "keyperson", "young person",
    "child", "sibling", "ccn", "children's community nurse",
    "practitioner", "worker", "manager", "senior manager", "lead manager", "qa lead",
    "quality assurance lead", "workforce development", "training team", "learning and development",
    "principal", "safeguarding partnership", "commissioning manager", "business support",
    "supervising social worker", "fostering social worker", "edt", "health", "school",
    "paediatric team", "dentist", "speech and language therapist", "salt", "occupational therapist",
    "pa", "personal assistant", "workforce dev", "lado", "dcs", "director of children's services",
    "ad", "hos",
    "qa officer", "qa team", "quality assurance officer", "quality assurance team", "qa manager",
    "performance team", "performance manager", "practice lead", "practice educator",
    "advanced practitioner", "consultant social worker", "senior practitioner", "mash manager",
    "mash team", "fostering team", "leaving care team", "edge of care team", "early help team",
    "disabled children's team", "safeguarding team", "legal team", "legal services",
    "commissioning team", "virtual school", "virtual school head", "designated nurse",
    "named nurse", "designated doctor", "named doctor", "health visiting team", "school nursing team",
    "icb", "head of year", "hoy", "year head",
    "family finder", "family finders", "family finding team", "deputy head", "head", "nursery key worker",
    "registered manager", "residential key worker", "residential worker", "support worker",
    "outreach worker", "parenting worker", "parent", "step-dad", "stepdad", "step-mum", "stepmum",
    "gran", "granddad", "grandad", "nanna", "auntie", "great-grandmother", "foster mum",
    "foster dad", "foster parent", "foster parents", "adopter", "adopters", "adoptive parents",
    "birth mother", "birth father", "birth parents", "mum's partner", "mother's partner",
    "isva", "chisva", "yjs", "yjs worker", "yot", "youth offending worker", "family hub", "family hub worker",
    "children's centre", "health", "midwifery", "perinatal team", "cmht", "care coordinator",
    "care co-ordinator", "psychiatric nurse", "cpn", "dap", "dapp facilitator", "probation officer",
    "police", "detective", "sergeant", "pc", "dc", "ds", "di", "pcso", "public protection unit",
    "designated teacher", "senco", "inclusion lead", "attendance lead", "head of safeguarding",
    "head of quality assurance", "service lead", "group manager", "area manager",
    "operations manager", "principal manager", "strategic lead", "partnership manager",
    "lscp business manager", "business manager", "safeguarding partnership", "practice manager",
    "iro service", "iro manager", "chair of the lscp", "independent scrutineer", "auditor",
    "lead auditor", "team leader", "unit manager", "duty manager", "duty social worker",
    "the child's social worker", "social work team", "sw", "social workers", "student social worker",
    # Services named by what they do: the rubric's "a service named as the owner".
    "health visiting", "health visiting service", "early help", "early help service", "adult social care",
    "asc", "school nursing", "school nursing service", "education safeguarding", "named professional",
    "named professional for safeguarding",
    # Departments and roles a recommendation is given to by what they do: "Legal to give written
    # advice", "Council solicitor to send a letter before action", "EHO to re-inspect".
    "legal", "head of legal", "solicitor", "council solicitor", "dietitian", "dietician", "eho",
    "environmental health", "directors",
], stems=False)

# The last word of a job title: "commissioning lead", "FGC coordinator", "MASH Detective Inspector".
ROLE_HEADS: Cues = Cues([
    "lead", "leads", "manager", "managers", "officer", "coordinator", "co-ordinator", "worker",
    "adviser", "advisor", "nurse", "head", "director", "inspector", "chair", "principal",
    "practitioner", "clinician", "therapist", "teacher", "mentor", "champion", "consultant",
    "administrator", "supervisor", "sergeant", "detective", "navigator", "caseworker",
    "case worker", "keyworker", "key worker", "educator", "trainer", "commissioner", "reviewer",
    "assessor", "paediatrician", "psychologist", "midwife", "visitor", "chief executive",
    "secretary", "guardian", "officers", "coordinators", "leader", "leaders", "partner", "partners",
    "coach", "advocate", "assistant", "matron", "mgr", "sub-group", "subgroup", "specialist",
    "development", "team", "service", "services", "unit", "hub", "panel", "board", "solicitor",
    "dietitian", "dietician", "directors", "governor", "governors",
    # A department named with what it does: "Clinical Education to make level 3 training
    # mandatory". "Education" alone stays a vague owner.
    "education",
], stems=False)

# Words that name a team by what it does ("adolescent team", "court team").
ROLE_HEADS_BEFORE_TEAM = frozenset("""
adolescent court assessment safeguarding fostering adoption duty intake locality leaving care
disability disabled children's cin cp cla lac edge placement placements permanence quality
audit performance legal housing health education exploitation missing youth family
development training workforce practice improvement business commissioning learning inclusion
attendance send sen virtual transitions transition
""".split())

# Capitalised words that are not a person's name.
NOT_NAMES = frozenset("""
mother father mum dad mr mrs ms miss dr the this that these those there their they it its in on
at by for from with and but or of to a an as after before during since when while where which
who what how if then also however although overall no not yes police school camhs gp nhs ofsted
social worker team manager health visitor january february march april may june july august
september october november december monday tuesday wednesday thursday friday saturday sunday
auditor auditors audit plan assessment core group conference cin cp cla marac idva dash ehcp
interpreter interpreters
sen senco dsl iro lado fsw hv sw tm child children baby family parents parent carer carers
grandmother grandfather nan aunt uncle partner stepfather stepmother council court judge
i we you he she him her his hers our us me my mine your yours them
""".split())

# Words that open a sentence with a capital but are not a person's name ("Referral to CAMHS",
# "Contact to be supervised", "Training to be delivered").
COMMON_WORDS = frozenset("""
access accommodation action actions activity address advice agreed agreement alcohol all
allocation analysis annual any appointment appointments application apply arrange arrangements
assess assessment assessments attend attendance audit audits autumn awareness baby bed bedroom
bedrooms beds bedtime behaviour benefits birth both breakfast bruising budget care carers case
cases challenge chronology clean cleaning clear closure college completion communication
complete compliance conference confirmation consent consider consideration consistent contact
contingency continue continued core counselling course courses court daily date dates day days
decision dental development diary direct discharge discuss discussion discussions disclosure
domestic drug drugs each early education ehcp email emotional end engage engagement ensure
evidence every evening evenings exploitation family feedback files finance financial first
follow food fortnightly friday further gas good group groups hair health help history home
homework house housing immunisations improve improved improvement incident incidents
increase information initial interim joint keep kitchen learning legal letter letters life
list living management manager medical medication meeting meetings mental minutes missing
monday money monitor monitoring month monthly months morning mornings move names need needs
neglect new next night nights no none nursery one ongoing outcome outcomes overnight own
parenting parents participation pathway payment performance permanency placement plan
planning plans play police policy poor positive practice pre prevent previous progress
programme programmes provide quality recording records referral referrals regular relationship
relationships reminder reminders report reports request respite return review reviews risk
routine routines safe safety safer saturday school schools screen second section service
services session sessions share shared sibling siblings sleep smoke social some spring staff
start statutory strategy substance summer sunday supervised supervision support supported
targets task tasks team teams tenancy test testing tests therapy thursday time timescale
timescales today training transition transport treatment tuesday update updated urgent use
views visit visits wednesday week weekend weekends weekly weight wellbeing winter wishes work
working written year years young key stage reception half term easter christmas further
threshold transfer supervising independent multi contextual thematic summary evaluation
explore ensure provide arrange complete attend undertake convene hold book send write read
obtain refer re reduce stop maintain introduce implement embed deliver develop establish
allocated named designated current relevant lead independent supervising specialist senior
check confirm consider explore liaise discuss seek make gather share send ask speak see identify
notify inform write record chase follow request call ring phone email previous joint medical
create produce agree seek secure offer enable promote strengthen increase raise improve
""".split())

# Capitals that name a thing, not an agency or person who can act ("DASH to be completed").
NOT_AGENTS = frozenset("""
da dv cp cin cla lac plo ehcp ehc icpc rcpc sdq dash marac mappa s47 pep pep's cse cce asd
adhd send sen rhi ri tbc tba na asap gcp gcp2 ncp nfa nfa'd dna wnb ok uk ooh edt fgc tac
taf ehat caf cpp cinp ltfc sgo sgo's cao hmrc dbs iep ots sw's pa's ks ks1 ks2 ks3 ks4
mash asap wc w fyi nb re tbc am pm bmi lscp ilacs jtai ofsted ig ict it
""".split())


# Owners too vague to hold to account.
VAGUE_OWNERS: Cues = Cues([
    "professionals", "all professionals", "relevant professionals", "all", "everyone", "everybody",
    "all agencies", "agencies", "relevant agencies", "partners", "partner agencies",
    "multi-agency", "multi agency", "multi-agency partners", "multi-agency network", "network",
    "professional network", "the network", "core group", "the core group", "core group members",
    "family", "the family", "family members", "team", "the team", "services", "staff", "all staff",
    "tbc", "tba", "n/a", "na", "various", "whoever", "someone", "management", "managers",
    "all workers", "practitioners", "all practitioners", "workers", "unknown", "to be confirmed",
    "to be agreed", "the service", "social care", "children's services", "childrens services",
    "health", "the partnership", "partnership", "the lscp", "education", "all parties", "parties",
    "everyone involved", "those involved", "the professionals", "professional network",
], stems=False)

# Timescales that set no limit.
VAGUE_TIMES: Cues = Cues([
    "ongoing", "on-going", "on going", "as soon as possible", "asap", "a.s.a.p", "in due course",
    "going forward", "moving forward", "regularly", "regular", "tbc", "tba", "to be confirmed",
    "to be agreed", "when possible", "where possible", "when appropriate", "as appropriate",
    "as required", "as needed", "as and when", "next review", "the next review", "next core group",
    "next meeting", "next conference", "next cin meeting", "continuous", "continuously",
    "long term", "long-term", "short term", "short-term", "medium term", "medium-term", "over time",
    "in the future", "soon", "at some point", "when needed", "throughout", "open", "n/a",
    "no date", "not set", "immediately and ongoing",
], stems=False)

# Something that can be counted, seen or tested.
FREQUENCY: Cues = Cues([
    "daily", "weekly", "fortnightly", "monthly", "nightly", "every day", "every week",
    "every night", "every morning", "every evening", "every other", "every two", "every three",
    "each week", "each day", "each month", "each session", "twice", "once a", "times a",
    "times per", "per week", "per day", "per month", "a week", "a day", "a month", "every",
    "each", "all", "none", "no further", "no more", "zero", "full-time", "full time",
], stems=False)
# Things someone does that others can see happen ("attend", "complete", "sleep in his own bed").
OBSERVABLE_ACTS: Cues = Cues([
    "=attend", "=attends", "=attended", "=attending", "arrive", "collect", "register", "complete",
    "sign", "sign up", "be seen", "seen", "convene", "chair", "arrange", "decide", "audit", "update",
    "allocate", "transfer", "invite", "hold", "request", "obtain", "undertake", "carry out", "assess",
    "sleep", "eat", "weigh", "tested", "test", "screen", "enrol", "enroll", "move into", "move to",
    "apply", "bid", "install", "fit", "repair", "clean", "tidy", "wash", "provide", "show",
    "demonstrate", "describe", "tell", "name", "write", "draw", "produce", "stop", "abstain",
    "be able to", "able to", "refer", "book", "take", "bring", "walk", "drop off", "pick up",
    "keep a diary", "keep a log", "record", "report", "call", "phone", "visit", "live", "remain",
    "stay", "go to", "leave", "end", "give", "hand", "pay", "buy", "replace", "remove", "lock",
    "share", "send", "sit", "read", "play", "pass", "achieve", "gain", "issue", "publish",
], stems=True)
# Results that can be checked ("a negative hair strand test", "attendance", "no further incidents").
OBSERVABLE_RESULTS: Cues = Cues([
    "test result", "test results", "negative test", "hair strand", "hair-strand", "breathalyser",
    "result", "results", "score", "scores", "scaling", "centile", "weight", "attendance",
    "immunisation", "immunisations", "vaccination", "appointment", "appointments", "incident",
    "incidents", "injury", "injuries", "bruising", "missing", "exclusion", "arrears", "tenancy",
    "milestone", "milestones", "own bed", "own room", "bedtime", "routine", "uniform", "meals",
    "breakfast", "certificate", "report", "plan", "agreement", "referral", "course", "programme",
    "program", "sessions", "home conditions", "clean", "working smoke alarm", "stair gate",
], stems=True)
NUMBER_PATTERN = (
    r"\b\d+(?:\.\d+)?\s*(?:%|percent|per cent|out of|/|x\b|times|sessions?|visits?|days?|nights?|"
    r"weeks?|months?|hours?|kg|g\b|appointments?|units?|incidents?|occasions?|calls?)"
    r"|\b(?:one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:times|sessions|visits|days|nights|"
    r"appointments|occasions|incidents)\b"
    r"|\b\d{2,3}\s*%"
)

# Verbs that name an intention, not something anyone could see or count.
WEAK_VERBS: Cues = Cues([
    "engage", "engagement", "understand", "understanding", "improve", "improvement", "monitor",
    "monitoring", "support", "work with", "work on", "consider", "address", "continue",
    "be aware", "aware", "awareness", "reflect", "explore", "think about", "try", "encourage",
    "help", "look at", "assist", "develop", "build", "promote", "maintain", "liaise", "oversee",
    "keep an eye", "keep in mind", "be mindful", "work towards", "continue to", "ensure",
    "=manage", "cooperate", "co-operate", "comply", "compliance", "be open", "be honest",
    "work openly", "be involved", "involve", "look into", "be more", "focus on", "strengthen",
    "enhance", "progress",
], stems=True)

# Those words where they name a thing rather than an intention: a kind of home, a check that is
# held or not, a role.
NAMED_NOT_WEAK: Cues = Cues([
    "supported lodgings", "supported lodging", "supported accommodation", "supported housing",
    "supported living", "supported flat", "supported flats", "supported tenancy",
    "development check", "developmental check", "development review", "developmental review",
    "development assessment", "developmental assessment", "support worker", "support workers",
    "monitoring visit", "monitoring visits", "improvement board", "improvement plan",
], stems=False)


def weak_verbs(reading: Reading) -> list[Match]:
    """The words of intention in a reading (`WEAK_VERBS`), less those that name a thing there
    ("supported lodgings", "the 2-year development check")."""
    return WEAK_VERBS.find(reading, skip=covered(NAMED_NOT_WEAK.find(reading)))

# What will be different for the child (as against a task done by an adult).
OUTCOME_LINKS: Cues = Cues([
    "so that", "in order that", "in order to", "to ensure", "ensure that", "ensuring", "which will",
    "this will", "will mean", "meaning that", "resulting in", "so", "to keep", "to make sure",
    "making sure", "to help", "to enable", "enabling", "to reduce", "to protect", "to prevent",
    "to improve",
], stems=False)
CHILD_OUTCOME: Cues = Cues(
    """
    safe safer safety protected protect harm harmed neglect wellbeing well-being development
    developmental attendance attend school nursery education health healthy weight emotional
    emotionally needs routine routines stable stability settled happy happier confident
    confidence sleep sleeps sleeping meals fed clean hygiene milestones speech language reading
    friendships behaviour calm calmer exposed exposure free trauma distress anxiety self-harm
    exploitation missing injury injuries bruising thrive thriving achieve progress lived
    experience relationship relationships attachment bond bonding play playing learning
    """.split()
    + ["no longer", "free from", "not exposed", "home conditions", "day to day", "bedtime",
       "morning routine", "own bed", "own room"],
    stems=True,
)
CHILD_WORDS: Cues = Cues(
    """
    child children young person people baby infant toddler son daughter sibling siblings
    brother sister boy girl teenager pupil unborn newborn twins kids youngest eldest oldest
    """.split() + ["year old", "month old", "week old"],
    stems=True,
)

# How the child will be safer; why parents were told change is needed.
SAFER: Cues = Cues([
    "safe", "safer", "safety", "protect", "protected", "protection", "harm", "risk", "risks",
    "no longer exposed", "not exposed", "free from", "safety plan", "supervised", "supervision",
], stems=True)
WHY_TOLD: Cues = Cues([
    "explained to", "was explained", "were explained", "has been explained", "have been explained",
    "told why", "were told", "was told", "has been told", "have been told", "made clear to",
    "made aware", "understands why", "understand why", "understands that", "aware that",
    "aware of the consequences", "consequences", "if this does not happen", "if change does not happen",
    "if not", "otherwise", "public law outline", "pre-proceedings", "plo", "legal planning",
    "care proceedings", "escalate to", "step up",
], stems=False)

# Actions that tick a box and change nothing anyone could check.
TICK_BOX: Cues = Cues([
    "staff reminded", "staff to be reminded", "staff will be reminded", "remind staff",
    "reminder to staff", "reminders to staff", "workers reminded", "team reminded",
    "practitioners reminded", "social workers reminded", "managers reminded", "reminded",
    "remind", "reminder", "policy reissued", "policy re-issued", "reissue the policy",
    "re-issue the policy", "reissue policy", "policy recirculated", "policy re-circulated",
    "recirculate", "re-circulate", "circulate the policy", "policy circulated",
    "procedures recirculated", "guidance recirculated", "guidance reissued", "reissue guidance",
    "to be discussed", "to discuss", "discuss in supervision", "discuss at team meeting",
    "discussed in supervision", "discussed at team meeting", "for discussion", "noted",
    "for noting", "to note", "learning noted", "make aware", "made aware", "be made aware",
    "to be made aware", "raise awareness", "awareness raised", "bear in mind", "be mindful",
    "reflect on", "reflect upon", "consider", "to consider", "think about", "emphasise",
    "emphasize", "reinforce", "reinforced", "review as needed", "review as required",
    "keep under review", "share learning", "learning shared", "cascade", "cascaded",
    "email to staff", "email sent to staff", "send an email", "to be aware", "shared with the team",
    "shared with staff", "shared with the service", "disseminated", "disseminate", "cascaded to",
], stems=False)
