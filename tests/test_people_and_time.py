"""Reading people and time as people write them: owners as names, initials, titled names and
roles anywhere in a sentence; limits as dates without a year, school-calendar points and periods
from an event. The cases are the ones docs/rubric.md decides."""

from __future__ import annotations

import pytest

from auditrules.functions.people import named_adults, owner_in_column, owner_in_text
from auditrules.functions.plans import has_timescale, owner_named
from auditrules.functions.text import read
from auditrules.functions.timescales import no_limit_in, timescale_in, timescale_in_column

OWNERS = [
    ("Kai to attend school every day", "Kai"),
    ("Mrs Okafor will keep a food diary for four weeks", "Mrs Okafor"),
    ("K to sleep in his own bed five nights a week", "K"),
    ("J. to go to at least 4 of the 6 young carers group sessions", "J"),
    ("The Head of Service will ensure every CIN plan is reviewed by 31 March", "Head of Service"),
    ("the DSL to report attendance to the core group fortnightly", "DSL"),
    ("PA to help Jade apply for college by September", "PA"),
    ("Head of Service for Safeguarding to decide on PLO within 5 days", "Head of Service"),
    ("It is recommended that the IRO convenes a review within 20 working days", "IRO"),
    ("Direct work to be completed by the health visitor by 30/06", "health visitor"),
    ("Attend all appointments - Mum", "Mum"),
    ("HV: weigh Leo monthly", "HV"),
    ("Update the chronology (SW) by 30/6", "SW"),
    ("Sam's attendance to be above 95% by the end of the spring term", "Sam"),
    ("Dad's drinking to reduce to no more than 14 units a week", "Dad"),
    ("The commissioning lead will secure a perpetrator programme place within 8 weeks", "commissioning lead"),
    ("Mr and Mrs K. to attend both parenting sessions by 30 May", "Mr and Mrs K"),
    ("The Board asks that the Head of Service report to its March meeting on waiting times", "Head of Service"),
    ("Panel recommends that the Service Manager commission two more places by July", "Service Manager"),
    ("ChISVA to meet Priya before the trial date", "ChISVA"),
    ("Workforce development to deliver DA training to every CP social worker by March 2027",
     "Workforce development"),
    ("By the end of Year 4 Noah will use his communication book to choose between three items", "Noah"),
    ("A return home interview to be offered by the commissioned RHI service", "commissioned RHI service"),
    ("Joint HV and SW visit to see the sleeping arrangements, w/c 23 June", "HV"),
    ("Service manager (Court team) to bring every caseload under 18 children by 1 April", "Service manager"),
    ("Jade (16) to attend her CAMHS initial assessment by 15 Aug", "Jade"),
    ("Ms Nnamdi not to let Mr Price into the flat until the ICPC on 21 Nov", "Ms Nnamdi"),
    ("Private fostering visit done within 7 working days of the notification (allocated SW)", "SW"),
    ("A return home interview to be offered by the Catch22 worker within 72 hours", "Catch22 worker"),
    ("Direct payments PA to give Mrs Achterberg a 4-hour break every Thursday until 12 March", "PA"),
    ("The placements team manager will refer the placement to the stability panel by 6 June", "team manager"),
    ("Education Welfare to issue attendance contracts by the end of the autumn term", "Education Welfare"),
    ("EH TM – reopen the EH assessment w/in 5 days", "TM"),
    ("Chronology to be brought up to date by the allocated SW by 31.01.26", "SW"),
    ("The procedure to be amended by the MASH Head of Service by 1 March", "Head of Service"),
    ("The Head of Children's Social Care will report to the panel by January 2026", "Head"),
    ("The learning and development team will run the training by the end of Q3", "team"),
    ("The Safeguarding Unit manager will audit every CP plan that has passed 15 months by 31 January",
     "Safeguarding Unit manager"),
    ("A life story book for Dylan to be started by the kinship SSW by October half-term", "SSW"),
    ("The induction pack to be rewritten by the Principal Social Worker by the end of January",
     "Principal Social Worker"),
    ("By the time the baby is 6 months old Nadia will have a confirmed nursery place", "Nadia"),
    ("HV new birth visit within 14 days of discharge", "HV"),
    ("Ruby's weight back on her birth centile by her 12-week check", "Ruby"),
    ("Yonas to be enrolled on the ESOL Entry 2 course by October half-term", "Yonas"),
    ("Liam (14) not to travel into town on his own for the next three months", "Liam"),
    ("DWP work coach to confirm in writing to Mum by 5 March whether the sanction is lifted", "work coach"),
    ("K's weight to be above the 9th centile when the dietitian weighs her at clinic on 10 March", "K"),
    ("Key person to do 10 minutes of Makaton signing with Ellie every day until 12/11", "Key person"),
    ("By the end of the autumn term, screening training is to be delivered to every family hub worker by "
     "the early years speech and language lead", "early years speech and language lead"),
    ("By 1 October the review template will carry a new box - sign-off by the Quality and Performance lead",
     "Quality and Performance lead"),
    ("Report to be written by Friday the SW will check it", "SW"),
    # Services named by what they do, a link word inside a title, an aside in brackets, a title
    # and an initial, and the verb after "recommends that".
    ("Health visiting to offer a home visit within 10 working days of every ICPC", "Health visiting"),
    ("Early help to hold a family network meeting for every family within 20 working days", "Early help"),
    ("Adult social care to complete Mr Lowe's care assessment by 31/12", "Adult social care"),
    ("Housing Needs Manager to chair a monthly panel for families in B&B, the first by 1 May", "Housing Needs Manager"),
    ("Mr Tahir (SENCo) to send the EHCP request to the LA by 14 March", "Mr Tahir"),
    ("Mrs B. to take Kacey to the optician by half-term", "Mrs B"),
    ("Panel recommends that the Designated Nurse for Looked After Children arranges the health "
     "assessments by 28 Feb", "Designated Nurse"),
    ("It is recommended that the admissions lead places both girls in one school within 20 school days",
     "admissions lead"),
    # Names in any alphabet; what happens to a named child; nothing more for a named child; a
    # title across "for" or "in", a service's named team, a second clause after "and".
    ("Oisín to attend his first appointment with the early intervention team by 3 May", "Oisín"),
    ("Zoë to sleep in her own bed five nights a week by half-term", "Zoë"),
    ("Mrs Şahin to take Ela to the optician by Friday", "Mrs Şahin"),
    ("Amara to be booked in with the community dentist by 30 May", "Amara"),
    ("Tyler to be signed up for the Saturday youth club by Easter", "Tyler"),
    ("Kyra to be matched with a mentor by the end of the spring term", "Kyra"),
    ("No further exclusions for Callum between now and the end of the summer term", "Callum"),
    ("HoY to agree a reduced timetable with Mia by Easter", "HoY"),
    ("Start for Life coordinator to run two dads' groups a month from April", "Start for Life coordinator"),
    ("Head of Safeguarding in Education to write to every school by 1 February", "Head of Safeguarding"),
    ("CAMHS eating disorder team to offer Jo an assessment within 4 weeks of the referral",
     "eating disorder team"),
    ("Panel recommends the service manager reallocates the case within 2 working days", "service manager"),
    ("Bed and breakfast placement to end and Kian to move into supported lodgings by 31/10", "Kian"),
    ("Eli's hearing to be tested at audiology by the end of Reception", "Eli"),
    ("Scarlett's 12-month immunisations to be given by 15th April", "Scarlett"),
    ("Leah to be walked to her mum's car every day until the end of the autumn term", "Leah"),
    ("Healthcare assistant to weigh Molly weekly until 30 Nov", "Healthcare assistant"),
    ("Paeds ED matron to audit trauma calls monthly from 1 Feb", "Paeds ED matron"),
    ("ISAC svc mgr - joint visit protocol signed off by 31/3", "ISAC svc mgr"),
    ("The Exploitation Sub-group will publish a joint protocol by April 2026", "Exploitation Sub-group"),
    ("The drug and alcohol service manager will offer Skye an appointment within 5 working days",
     "drug and alcohol service manager"),
    ("Ozzy's sister Grace (11) to be registered with the young carers' service by October half-term", "Grace"),
    ("Epilepsy nurse specialist to lodge the emergency care plan by 20/12", "Epilepsy nurse specialist"),
    ("feed regime followed every day, checked by ccn at wkly visits until 30 june", "ccn"),
]
NO_OWNERS = [
    ("Home conditions to improve by June", None),
    ("Training to be delivered to all staff by March", None),
    ("Referral to CAMHS by 30/6", None),
    ("Mum to be referred to the perinatal mental health team by 21 Feb", None),
    ("Check previous addresses", None),
    ("Professionals to monitor", "Professionals"),
    ("Ruby's weight to be checked at every visit", None),
    ("Mrs Okafor to be referred to the perinatal team by 21 Feb", None),
    ("Ardit to be kept safe from those exploiting him by all agencies", "all agencies"),
    ("All professionals to share concerns", "All professionals"),
    ("Core group to meet monthly", "Core group"),
    ("The family to engage with services", "The family"),
    ("Both parents and professionals to attend the FGC on 9 October", "professionals"),
    ("I'm told the school will arrange it by 30/6", None),
    ("Health to review the pathway by June", "Health"),
    ("The team needs to improve its recording by March", "The team"),
    ("Panel recommends that learning is shared across the service", None),
    ("No further police call-outs to the address before the review conference", None),
    ("No further call-outs for DA incidents before the review", None),
    ("Interpreter to be booked for all meetings going forward", None),
    ("Referral of Ms D to the housing advice line", None),
    ("Mum to be booked onto the Freedom Programme by May", None),
    ("Mia's inhalers to be given twice daily as prescribed", None),
    ("Liam's injuries to be photographed and body mapped", None),
    ("Mum's partner Dave to be referred to the perpetrator programme", None),
]


@pytest.mark.parametrize(("text", "who"), OWNERS)
def test_an_owner_is_read_wherever_the_sentence_names_them(text, who):
    owner, vague = owner_in_text(text)
    assert owner is not None and vague is None, (owner, vague)
    assert who.lower() in owner.found.lower()
    assert owner_named.impl(None, text).value is True


@pytest.mark.parametrize(("text", "who"), [
    ("That the Service Manager for Looked After Children convenes a permanence panel by 1 June", "Service Manager"),
    ("The audit found drift in three of five cases.\nThat the Head of Service for Children in Care writes to every "
     "school by Easter", "Head of Service"),
])
def test_a_committee_s_that_names_the_one_who_acts(text, who):
    owner, _ = owner_in_text(text)
    assert owner is not None and who.lower() in owner.found.lower(), owner


@pytest.mark.parametrize("text", [
    "That the findings are shared with the partnership by May", "That the service improves its recording",
    "That all staff reflect on the use of language",
])
def test_a_committee_s_that_with_no_one_to_act_names_no_owner(text):
    assert owner_in_text(text)[0] is None


def test_a_passive_agent_is_quoted_as_its_title_and_no_more():
    assert owner_in_text("Report to be written by Friday the SW will check it")[0].found == "SW"
    assert owner_in_text("Training to be delivered by the early years speech and language lead")[0].found == (
        "early years speech and language lead")


@pytest.mark.parametrize(("text", "who"), [
    ("Legal to give written advice on the placement restrictions within 10 working days", "Legal"),
    ("EHO to re-inspect 14 Moor Lane within 10 working days", "EHO"),
    ("Council solicitor to send the landlord a letter before action within 14 days", "Council solicitor"),
    ("Principal paediatric dietitian to add a safeguarding prompt to the referral form by 1 September",
     "paediatric dietitian"),
    ("14-25 Team Manager to audit every case of a young person turning 18 by 30 Sept", "Team Manager"),
    ("Head of Legal to raise the delays in listing with the DFJ by March", "Head of Legal"),
    ("Legal gateway panel chair to list the case for a PLO decision on 22 July", "Legal gateway panel chair"),
])
def test_a_department_or_role_named_by_what_it_does_owns_it(text, who):
    owner, vague = owner_in_text(text)
    assert owner is not None and vague is None, (owner, vague)
    assert owner.found.lower() == who.lower(), owner


@pytest.mark.parametrize(("text", "who"), [
    # A service or partnership written before a job title says where the role works.
    ("The Partnership's Quality and Performance Lead to audit 20 CIN plans by 30 June", "Performance Lead"),
    ("Children's services business support manager to add a contact field to the template by 1 May",
     "manager"),
    ("The Directors of Education and Children's Services to agree a joint protocol by March",
     "Children's Services"),
    ("Head of Year 9 will meet Mia's father by October half-term", "Head of Year"),
    ("Link governor to review the single central record each term until July", "Link governor"),
    ("Clinical Education to add safe sleep to the induction for every new call handler by April",
     "Clinical Education"),
    ("Service Manager, Early Help: by 31 May every plan open a year to have a step-down decision",
     "Service Manager"),
    ("I'll (QA mgr) send the audit report to the HoS by 22/11", "QA mgr"),
])
def test_a_role_titled_with_where_it_works_owns_it(text, who):
    owner, vague = owner_in_text(text)
    assert owner is not None and vague is None, (owner, vague)
    assert owner.found == who, owner


@pytest.mark.parametrize(("text", "vague_words"), [
    ("Health to lead the review by May", "Health"),
    ("Children's services and the school to agree a plan by May", "Children's services"),
    ("Attend a diabetes education session on carb counting by June", None),
])
def test_a_service_before_a_verb_or_an_education_session_owns_nothing(text, vague_words):
    owner, vague = owner_in_text(text)
    assert owner is None, owner
    assert (vague.found if vague else None) == vague_words


@pytest.mark.parametrize("text", [
    "Legal planning meeting to be held by Friday", "Legal advice to be sought by the end of the month",
])
def test_legal_advice_or_a_legal_meeting_is_not_the_legal_department_acting(text):
    assert owner_in_text(text)[0] is None


@pytest.mark.parametrize(("text", "vague_words"), NO_OWNERS)
def test_no_owner_or_a_vague_one(text, vague_words):
    owner, vague = owner_in_text(text)
    assert owner is None, owner
    outcome = owner_named.impl(None, text)
    assert outcome.value is False
    if vague_words:
        assert vague is not None and vague.found.lower() == vague_words.lower()
        assert f"'{vague.found}'" in outcome.reasons[0]


@pytest.mark.parametrize(("column", "named"), [
    ("Health visitor", True), ("CAMHS team lead", True), ("CAMHS crisis team", True), ("The crisis team", False),
    ("Adult social care - Jo (ASC SW)", True), ("Services (tbc)", False), ("Practice supervisor, South team", True),
    ("Ayaan, Mum, school attendance officer", True), ("Professionals", False), ("Health", False),
    ("Parents and professionals", False), ("The team", False), ("tbc", False),
    ("Education safeguarding", True), ("Early help", True), ("Education", False),
    # Someone named, then the service they work in: the service says where, not who else.
    ("Audit lead, Children's Services", True), ("Priya Shah (Education)", True),
    ("Team manager - the service", True), ("Children's Services, Health", False),
    ("Parents and professionals, Health", False),
    # A senior role written straight before the service it leads.
    ("AD Children's Services", True), ("Director Children's Services", True),
])
def test_an_owner_column(column, named):
    owner, vague = owner_in_column(column)
    assert (owner is not None) is named, (owner, vague)


LIMITS = [
    ("The Director will report to this Committee at its October meeting", "a date"),
    ("to present the findings on the March practice day", "a date"),
    ("HV to weigh baby R monthly until she's 9 months", "a point in the child's life"),
    ("S. to catch the bus on her own by the end of Autumn 2", "a school-calendar point"),
    ("Liam to be enrolled at college before he finishes Year 11", "a school-calendar point"),
    ("to visit all four gurdwaras before Diwali", "a date"),
    ("on at least 5 of the next 6 Thursdays", "a bounded period"),
    ("a briefing for every GP practice in 2026/27", "a bounded period"),
    ("New birth visit by day 14", "a bounded period"),
    ("DSL to tell the SW the same working day", "at once"),
    ("Reading age to rise by June 14th", "a date"),
    ("by 14 June", "a date"),
    ("by 14/06", "a date"),
    ("by his 16th bday (12/11)", "a point in the child's life"),
    ("by mid-June", "a date"),
    ("by the end of Year 4", "a school-calendar point"),
    ("by the end of Key Stage 2", "a school-calendar point"),
    ("by October half-term", "a school-calendar point"),
    ("book the TAF meeting by half term", "a school-calendar point"),
    ("before she starts secondary school", "a school-calendar point"),
    ("by the start of the September term", "a school-calendar point"),
    ("for the rest of the summer term", "a school-calendar point"),
    ("within 10 working days of the conference", "a period from an event"),
    ("within 72hrs of each missing episode", "a period from an event"),
    ("over the next 3 months", "a bounded period"),
    ("for 12 wks", "a bounded period"),
    ("by the end of Q3 2025/26", "a bounded period"),
    ("until she is six months old", "a point in the child's life"),
    ("before the baby is born", "a point in the child's life"),
    ("for as long as Poppy is on a CP plan", "a period from an event"),
    ("by Friday", "at once"),
    ("Fri 20th", "a date"),
    ("between now and Christmas", "a bounded period"),
    ("between September and December", "a bounded period"),
    ("w/in 5 wd of conf", "a period from an event"),
    ("before 28 weeks' gestation", "a point in the child's life"),
    ("by her 1 year check", "a point in the child's life"),
    ("before the end of the month", "at once"),
    ("by Xmas", "a school-calendar point"),
    ("every Sunday for the 10-week trial", "a bounded period"),
    ("until 6 months of age", "a point in the child's life"),
    ("to move into the placement before 34 weeks", "a point in the child's life"),
    ("and take it to the October DMT for sign-off", "a date"),
    ("his next two pathway reviews (September and March)", "a date"),
    ("until 36 weeks' gestation", "a point in the child's life"),
    ("until the 8-week postnatal check", "a point in the child's life"),
    ("by end Nov", "a date"),
    ("passports stay with police (03/2026)", "a date"),
    ("until the FGMPO expires", "a period from an event"),
    ("every Tues and Thurs up to the Christmas holidays", "a school-calendar point"),
    ("in school every day this half-term", "a school-calendar point"),
    ("by the end of the 2025/26 financial year", "a bounded period"),
    ("both of Rio's EHCP review meetings this academic year", "a school-calendar point"),
    ("report to DMT in Qtr 3", "a bounded period"),
    ("set up the reminder by end Q2", "a bounded period"),
    ("by the end of the calendar year", "a bounded period"),
    ("by year end", "a bounded period"),
    ("by FY end", "a bounded period"),
    ("reporting by H1 2026", "a bounded period"),
    ("before the next monitoring visit in spring 2026", "a school-calendar point"),
    ("by the end of 2026", "a bounded period"),
    ("by Fri", "at once"),
    ("by Wednesday", "at once"),
    ("by Tues", "at once"),
    ("to the end of the autumn term", "a school-calendar point"),
    ("for the rest of the school yr", "a school-calendar point"),
    ("fortnightly until 6 months", "a point in the child's life"),
    ("before Mia leaves the ward", "a point in the child's life"),
    ("before his 18th birthday", "a point in the child's life"),
    ("add the question to the template – end Jan", "a date"),
    ("3 x home visits Mar–May", "a date"),
    ("report to the QA board Dec.", "a date"),
    ("by 12-01-2026", "a date"),
    ("no further suspensions between now and the end of the summer term", "a bounded period"),
    ("for a further 3 months", "a bounded period"),
    ("a joint home visit within their first 3 months", "a bounded period"),
    ("see J within the first hour of the school day", "a bounded period"),
    ("at least 3 times a month through the summer term", "a school-calendar point"),
    ("a new module in time for the September intake", "a date"),
    ("a costed plan to the July Corporate Parenting Board", "a date"),
    ("one planned activity each week until review 10.04", "a date"),
    ("all 6 safe sleep sessions before Rosie is discharged", "a point in the child's life"),
    ("the carers' workshop before M's first overnight home leave", "a point in the child's life"),
    ("seen by the perinatal psychiatrist by 20 weeks of her pregnancy", "a point in the child's life"),
]


@pytest.mark.parametrize(("text", "kind"), LIMITS)
def test_a_limit_as_people_write_it(text, kind):
    found = timescale_in(text)
    assert found is not None, text
    assert found.kind == kind, found
    assert has_timescale.impl(None, f"Mother to attend {text}").value is True


@pytest.mark.parametrize(("due", "kind"), [
    ("end of summer term", "a school-calendar point"), ("Sept 25", "a date"), ("6 weeks", "a bounded period"),
    ("Before transfer to Y7", "a school-calendar point"), ("30/09/25", None), ("12-01-26", None),
    ("Q3 2025/26", "a bounded period"), ("Qtr 3", "a bounded period"), ("2025/26 Q4", "a bounded period"),
    ("FY 2025/26", "a bounded period"), ("H1 2026", "a bounded period"), ("EOW", "at once"),
    ("by month end", "a bounded period"),
    ("end summer term", "a school-calendar point"), ("to Easter", "a school-calendar point"),
    ("until end of season (May)", "a date"),
])
def test_a_by_when_column_reads_as_if_by_came_first(due, kind):
    if kind is None:
        assert has_timescale.impl(due, "Attend every day").value is True  # a date with a two-digit year
        return
    found = timescale_in_column(due)
    assert found is not None and found.kind == kind, found


@pytest.mark.parametrize(("text", "why"), [
    ("weekly", "says how often but not until when"),
    ("Father to give weekly negative breathalyser readings until the conference", "names a meeting but not its date"),
    ("by next review", "sets no date or time limit"),
    ("ongoing", "sets no date or time limit"),
    ("next CIN", "names a meeting but not its date"),
])
def test_no_limit_and_why(text, why):
    assert timescale_in(text) is None and timescale_in_column(text) is None
    found = no_limit_in(text)
    assert found is not None and found[1] == why
    outcome = has_timescale.impl(None, text)
    assert outcome.value is False and why in outcome.reasons[0]


@pytest.mark.parametrize("text", [
    "Mum to keep a diary until he is discharged from the service",
    "Mum to attend the group until she is discharged from the caseload",
])
def test_a_discharge_from_a_service_is_no_point_in_the_childs_life(text):
    assert timescale_in(text) is None
    assert has_timescale.impl(None, text).value is False


def test_a_score_is_not_a_date():
    assert timescale_in("Attended 4/6 sessions") is None
    assert timescale_in("Mum to attend (may) the group") is None


@pytest.mark.parametrize("text", [
    "Sam in Year 10 to attend school every day", "Q3 of the questionnaire", "report on Q3 figures",
    "She was in Year 11 in 2024", "the team to be updated in spring", "in year 12 she will",
    "Mum talks about Eid with the children", "the 2025/26/27 plan",
])
def test_a_year_a_quarter_or_a_season_that_sets_no_limit(text):
    assert timescale_in(text) is None


def test_a_dashed_date_in_the_due_column_must_be_a_real_day():
    outcome = has_timescale.impl("31-02-2026", "Attend every day")
    assert outcome.value is False and "not a real date" in outcome.reasons[0]
    assert has_timescale.impl("28-02-2026", "Attend every day").value is True


def test_a_word_of_intention_that_names_a_thing_is_not_vague():
    from auditrules.functions.cues import weak_verbs

    assert [m.found for m in weak_verbs(read("Liam to view two supported lodgings placements"))] == []
    assert [m.found for m in weak_verbs(read("Sadia's 2 year development check to be done"))] == []
    assert [m.found for m in weak_verbs(read("Mum to be supported to develop routines"))] == ["supported", "develop"]


def test_adults_named_in_a_safety_plan():
    found = [m.found for m in named_adults(read("Safety plan agreed with Aisha on 5/3; Ms Patel has a panic alarm."))]
    assert "Aisha" in found and "Ms Patel" in found
    assert named_adults(read("Safety plan agreed with the children at school.")) == []


def test_words_and_names_are_read_whole_in_any_alphabet():
    reading = read("Oisín and Zoë met Mr Łukasz at the café, with Siân's nan.")
    assert reading.tokens == ("Oisín", "and", "Zoë", "met", "Mr", "Łukasz", "at", "the", "café", "with",
                              "Siân's", "nan")
    assert reading.excerpt(0, 2) == "Oisín and Zoë"
    assert owner_in_text("Siân to attend her ESOL class every week until Easter")[0].found == "Siân"
