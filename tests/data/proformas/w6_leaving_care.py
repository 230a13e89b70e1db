"""A metropolitan borough's "Care leavers case audit" (Word): a two-labels-a-row header grid,
six pathway-plan themes as bold "Section N - ..." heading paragraphs with italic prompts, each a
table of full-width prompts with the answer box below, a "Grade (1-4)" tick row and "What's
working well / What are we worried about" side by side; a landscape part with the pathway plan grid.
"""

from __future__ import annotations

import datetime
import pathlib

import docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

SUFFIX = ".docx"

PLANTED = {
    "GRADE-004": "pathway planning grade given as the number 3, no word",
    "EVAL-001": "management oversight judgement only lists supervision and sign-off dates",
    "ESC-004": "accommodation judgement names poor practice (B&B, no risk assessment) but "
               "escalation ticked No",
    "SMART-002": "pathway plan health action due 'Ongoing'",
    "REC-003": "floating support recommendation due 'As soon as possible'",
}

YES, NO = "☒", "☐"
GREY = "D9D9D9"
TEAL = "DDEFEF"


def _shade(cell, colour: str) -> None:
    props = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), colour)
    props.append(shd)


def _write(cell, text: str, bold: bool = False, italic: bool = False) -> None:
    """A cell's text; lines starting with a bullet become their own paragraphs."""
    lines = text.split("\n")
    cell.text = ""
    first = cell.paragraphs[0]
    for index, line in enumerate(lines):
        paragraph = first if index == 0 else cell.add_paragraph()
        run = paragraph.add_run(line)
        run.bold = bold
        run.italic = italic


def _prompt(cell, text: str) -> None:
    _write(cell, text, bold=True)
    _shade(cell, GREY)


def _heading(document, text: str) -> None:
    paragraph = document.add_paragraph()
    run = paragraph.add_run(text)
    run.bold = True
    run.font.size = Pt(12)
    run.font.color.rgb = RGBColor(0x1F, 0x4E, 0x79)
    paragraph.paragraph_format.space_before = Pt(10)


def _guidance(document, text: str) -> None:
    paragraph = document.add_paragraph()
    run = paragraph.add_run(text)
    run.italic = True
    run.font.size = Pt(9)


def _grade(chosen: int | None) -> str:
    words = ["Outstanding", "Good", "Requires improvement", "Inadequate"]
    return "   ".join(f"{YES if n == chosen else NO} {n} {w}" for n, w in enumerate(words, start=1))


SECTIONS = [
    {
        "title": "Section 1 - Pathway planning",
        "guidance": "Is there a pathway plan reviewed at least every six months, written with the young "
                    "person, in their language, with actions that say who will do what by when? Does the "
                    "plan reflect the needs assessment?",
        "findings": "• Needs assessment updated 01/10/2024 after Jade's supported lodgings ended.\n"
                    "• Pathway plan reviewed 14/11/2024 and 13/02/2025 (both within timescale); Jade "
                    "attended both and her comments are written in her own words.\n"
                    "• Plan written in the first person (\"I want to…\"); copy given to Jade by email and "
                    "on paper.\n"
                    "• Health section of the plan is one line: \"Jade to get support with her anxiety\".",
        "judgement": "Pathway planning has been effective for Jade because the plan was rewritten with her "
                     "after the lodgings ended, so each action now answers a need she named herself: her "
                     "budgeting action, for example, has already halved her rent arrears. Reviews were on "
                     "time and Jade says the plan is \"actually mine\". It is not yet consistently strong, "
                     "because the health actions are vague and so her anxiety has not been planned for in "
                     "the same way as her housing and college.",
        "grade": "3",
        "well": "Jade's own words run through the plan; reviews on time; the budgeting action is specific "
                "and working (arrears down from £240 to £120).",
        "worried": "The health part of the plan has no named worker, no appointment and no date, so it "
                   "cannot be reviewed.",
    },
    {
        "title": "Section 2 - Accommodation and staying put",
        "guidance": "Is the young person in suitable accommodation? Was staying put considered? Is there a "
                    "contingency plan if the accommodation breaks down? Has the young person been in "
                    "unsuitable accommodation (e.g. B&B) in the period?",
        "findings": "• Staying put not possible: Jade's foster carers retired in 2023 (recorded).\n"
                    "• Supported lodgings ended 02/10/2024 with four weeks' notice; no contingency "
                    "plan on file.\n"
                    "• Jade placed in a bed and breakfast from 02/10/2024 to 21/10/2024 (19 nights); no risk "
                    "assessment on file; PA visited twice in that time.\n"
                    "• Moved to a training flat 21/10/2024, then her own council tenancy from 06/01/2025.",
        "judgement": "Accommodation practice requires improvement. When the supported lodgings ended there "
                     "was no contingency plan, and Jade was placed in a bed and breakfast for 19 nights "
                     "without a risk assessment; this was poor practice that left a young woman "
                     "with a history "
                     "of exploitation at risk, and it was not raised with a senior manager. Since "
                     "then the PA "
                     "has acted well: Jade has held her own tenancy since 06/01/2025, pays her rent and says "
                     "she feels safe there.",
        "grade": 3,
        "well": "The move to the training flat and then to Jade's own tenancy was well prepared; Jade chose "
                "the area so that she is near college and her sister.",
        "worried": "No contingency plan before the lodgings ended; 19 nights in a B&B with no risk "
                   "assessment; still no written plan for what happens if the tenancy fails.",
    },
    {
        "title": "Section 3 - Education, employment and training",
        "guidance": "Is the young person in education, employment or training? Is there a personal education "
                    "plan (PEP) up to age 18 and an EET plan after? Is the bursary in place?",
        "findings": "• Jade on a Level 2 Health and Social Care course at Castlebridge College "
                    "since 09/2024.\n"
                    "• Attendance 93% this term (college report 07/02/2025).\n"
                    "• 16-19 bursary and care leaver bursary both in place; travel pass provided.\n"
                    "• Virtual School post-16 adviser attended the review on 13/02/2025.",
        "judgement": "Education work has been good and has made a clear difference: the PA and the Virtual "
                     "School adviser kept Jade's college place open while she was in the B&B, so she did "
                     "not lose her course, and her attendance has risen from 71% last year to 93%. Jade "
                     "told the auditor that college is \"the one thing that's going right\", which shows how "
                     "much it steadies her.",
        "grade": 2,
        "well": "Joint work with the college and Virtual School; bursaries sorted quickly; Jade is on "
                "track to finish her course in July 2025.",
        "worried": "No plan yet for what Jade does after July 2025 (Level 3 or work).",
    },
    {
        "title": "Section 4 - Health and wellbeing",
        "guidance": "Has the young person had a health assessment / health passport? Are they registered "
                    "with a GP and dentist? Are emotional and mental health needs understood and met?",
        "findings": "• Health passport given to Jade 18/07/2024 (signed copy on file).\n"
                    "• Registered with a GP and dentist near her new flat (PA helped, 10/01/2025).\n"
                    "• CAMHS closed 08/2024 on Jade's 18th birthday; referral to adult Talking Therapies "
                    "made 20/01/2025; first appointment awaited.\n"
                    "• Jade describes anxiety and panic attacks, worse when she was in the B&B.",
        "judgement": "Health practice requires improvement. Jade's physical health needs are met and she now "
                     "knows how to register herself, which matters for her independence. But her anxiety, "
                     "which she calls \"the main thing holding me back\", had no support for five "
                     "months after "
                     "CAMHS ended, so she went through the loss of her lodgings and the B&B with no one "
                     "helping her with it.",
        "grade": 3,
        "well": "Health passport explained to Jade and she uses it; GP and dentist registration "
                "done with her, "
                "not for her.",
        "worried": "Five months with no mental health support; no date yet for Talking Therapies.",
    },
    {
        "title": "Section 5 - The young person’s voice",
        "guidance": "Is the young person's voice clear on the record? Were they seen alone? Do they know "
                    "their entitlements (local offer)? What did they tell the auditor?",
        "findings": "• Jade seen alone at every visit recorded (11 in the period).\n"
                    "• Auditor spoke to Jade by phone on 06/03/2025. She said: \"Tomasz actually listens, "
                    "he doesn't just tick boxes\" and \"the B&B was scary, I didn't sleep\".\n"
                    "• Jade has a copy of the local offer and knows she can have a PA until 25.\n"
                    "• Advocacy offered 03/10/2024; Jade declined.",
        "judgement": "Jade's voice is strong on the record and has shaped the work: her own words open each "
                     "plan, she chose where she lives, and her wish to stay at college drove the effort to "
                     "keep her place. Because she trusts her PA, she told him about the older man who "
                     "approached her at the B&B, which meant the risk was acted on the same day.",
        "grade": 2,
        "well": "Seen alone every time; her words quoted; she knows her entitlements.",
        "worried": "Her fear in the B&B was recorded but did not change anything at the time.",
    },
    {
        "title": "Section 6 - Management oversight",
        "guidance": "Is there evidence of regular supervision and management direction that moves the plan "
                    "forward? Has the manager challenged drift?",
        "findings": "• Supervision records on file for 03/10/2024, 05/12/2024 and 06/02/2025.\n"
                    "• Pathway plan authorised by the team manager 15/11/2024; review authorised 14/02/2025.",
        "judgement": "Supervision took place on 03/10/2024, 05/12/2024 and 06/02/2025. The team manager "
                     "authorised the pathway plan on 15/11/2024 and the review on 14/02/2025. Case "
                     "management notes were recorded after each supervision.",
        "grade": 2,
        "well": "Supervision held and recorded; plans authorised.",
        "worried": "Supervision notes repeat the same actions each time.",
    },
]

PLAN = [
    ("Keep my tenancy", "Jade to pay £15 a week from her Universal Credit towards her rent arrears "
     "until the £240 is cleared", "Jade, with Tomasz (PA)", "by 30/06/2025",
     "13/02/2025: arrears £120, on track"),
    ("Finish my course", "Jade to attend at least 90% of her Level 2 course sessions and complete her "
     "100 placement hours", "Jade; Ms Grant (college tutor) to send attendance monthly",
     "end of summer term (July 2025)", "13/02/2025: attendance 93%, 40 hours done"),
    ("My anxiety", "Jade to attend fortnightly appointments with the Talking Therapies practitioner",
     "Jade", "Ongoing", "Referral made 20/01/2025"),
    ("Living on my own", "Jade to cook at least three meals a week from the budget meal plan she wrote "
     "with her PA", "Jade", "by 30/04/2025", "New action 13/02/2025"),
]

RECOMMENDATIONS = [
    ("Agree a written contingency plan with Jade for any loss of her tenancy (where she would go, who "
     "she would call out of hours) and add it to the pathway plan", "Tomasz Nowak, PA", "28/03/2025"),
    ("Chase Talking Therapies for a first appointment date and add a named health action with a date "
     "to the pathway plan", "Helen Adeyemi, Team Manager", "21/03/2025"),
    ("Refer Jade to the floating tenancy support service so she has weekly help to keep her flat",
     "Tomasz Nowak, PA", "As soon as possible"),
    ("Agree with Jade and the college her next step after July 2025 (Level 3 course or apprenticeship) "
     "and write it into the EET section of the plan", "Tomasz Nowak, PA", "30/05/2025"),
]


def _header_grid(document) -> None:
    rows = [
        ("Audit ref", "LC-2025-014", "Date of audit", "10/03/2025"),
        ("Young person’s ID", "2207431", "Age", "19"),
        ("Personal adviser", "Tomasz Nowak", "Team manager", "Helen Adeyemi"),
        ("Team", "Leaving Care Service (North)", "Leaving care status", "Former relevant (s.23C)"),
        ("Service", f"{NO} Children in care 16+   {YES} Care leaver", "Type of audit",
         f"{YES} Thematic   {NO} Practice day   {NO} Dip sample"),
        ("Auditor(s)", "Sarah Whitfield (QA Officer)\nDev Mistry (Advanced Practitioner)",
         "Period covered", "01/09/2024 to 28/02/2025"),
    ]
    table = document.add_table(rows=len(rows), cols=4)
    table.style = "Table Grid"
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            cell = table.cell(r, c)
            if c % 2 == 0:
                _prompt(cell, value)
            else:
                _write(cell, value)


def _full_width(document, rows: list[tuple[str, str]]) -> None:
    """Prompts across the table with the answer box below each."""
    table = document.add_table(rows=2 * len(rows), cols=1)
    table.style = "Table Grid"
    for index, (prompt, answer) in enumerate(rows):
        _prompt(table.cell(2 * index, 0), prompt)
        _write(table.cell(2 * index + 1, 0), answer)


def _section(document, section: dict) -> None:
    _heading(document, section["title"])
    _guidance(document, section["guidance"])
    table = document.add_table(rows=7, cols=2)
    table.style = "Table Grid"
    for row, (prompt, answer) in enumerate([
        ("Findings", section["findings"]),
        ("What is the quality of practice? Give reasons", section["judgement"]),
    ]):
        top = table.cell(2 * row, 0).merge(table.cell(2 * row, 1))
        _prompt(top, prompt)
        box = table.cell(2 * row + 1, 0).merge(table.cell(2 * row + 1, 1))
        _write(box, answer)
    _prompt(table.cell(4, 0), "Grade (1-4)")
    grade = section["grade"]
    _write(table.cell(4, 1), grade if isinstance(grade, str) else _grade(grade))
    _prompt(table.cell(5, 0), "What’s working well")
    _prompt(table.cell(5, 1), "What are we worried about")
    _write(table.cell(6, 0), section["well"])
    _write(table.cell(6, 1), section["worried"])


def _grid(document, headers: list[str], rows: list[tuple[str, ...]], blank: int = 1) -> None:
    table = document.add_table(rows=1 + len(rows) + blank, cols=len(headers))
    table.style = "Table Grid"
    for c, header in enumerate(headers):
        _prompt(table.cell(0, c), header)
    for r, values in enumerate(rows, start=1):
        for c, value in enumerate(values):
            _write(table.cell(r, c), value)


def _landscape(document) -> None:
    section = document.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width


def _portrait(document) -> None:
    section = document.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = section.page_height, section.page_width


def build(path: pathlib.Path) -> None:
    document = docx.Document()
    document.styles["Normal"].font.name = "Arial"
    document.styles["Normal"].font.size = Pt(10)
    for margin in ("left_margin", "right_margin"):
        setattr(document.sections[0], margin, Cm(1.8))
    header = document.sections[0].header.paragraphs[0]
    header.text = "OFFICIAL - SENSITIVE"
    document.add_paragraph("Castlebridge Metropolitan Borough Council - Children's Services")
    document.add_heading("Care leavers case audit", level=0)
    _guidance(document, "Audit the last six months of work. Read the pathway plan, needs assessment, case "
                        "notes and supervision records, and speak to the young person where you "
                        "can. Say what "
                        "difference our work has made for the young person, not just what was done.")
    _header_grid(document)

    _heading(document, "Background")
    _full_width(document, [(
        "Brief background: why did the young person come into care, and what is their situation now?",
        "Jade came into care aged 13 because of neglect and her mother's alcohol misuse, and lived with one "
        "foster family until she was 18 (07/2023). She was then in supported lodgings until "
        "02/10/2024. There "
        "were concerns in 2022-23 about child sexual exploitation by older men; these reduced while "
        "she was in "
        "foster care. She now has her own council tenancy, attends college and sees her younger "
        "sister weekly.",
    )])

    for section in SECTIONS:
        _section(document, section)

    _landscape(document)
    _heading(document, "Pathway plan - current actions")
    _guidance(document, "Copy the main actions from the current pathway plan exactly as written, and say "
                        "what the last review found.")
    _grid(document, ["Need", "What will happen", "Who", "When", "Review"], PLAN)
    _portrait(document)

    _heading(document, "Overall audit findings")
    _full_width(document, [
        ("Overall, what is the quality of practice for this young person? Give reasons",
         "Practice for Jade requires improvement overall. Her PA knows her well and the work on college, "
         "her tenancy and her own voice in the plan has helped her stay in education and live safely on "
         "her own. But the lack of any contingency when her lodgings ended led to 19 nights in a B&B "
         "without a risk assessment, and her anxiety went unsupported for five months, so at the hardest "
         "point of the period she was both at risk and without help."),
        ("What difference has our work made to the young person’s life?",
         "Jade now has a safe home of her own, has cut her rent arrears by half since November, and her "
         "college attendance has risen from 71% to 93%. She told the auditor she feels \"settled for the "
         "first time since leaving Sue and Mike's\" (her foster carers). Her anxiety is still untreated "
         "and she says it stops her going into town on her own."),
    ])
    table = document.add_table(rows=3, cols=2)
    table.style = "Table Grid"
    for r, (prompt, answer) in enumerate([
        ("Does any practice need escalating to the Head of Service?", f"{NO} Yes   {YES} No"),
        ("Escalated to (name/role)", ""),
        ("Date escalated", ""),
    ]):
        _prompt(table.cell(r, 0), prompt)
        _write(table.cell(r, 1), answer)

    _heading(document, "Recommendations")
    _guidance(document, "Each recommendation needs an owner and a due date. Send them to the team manager "
                        "within 5 working days of the audit.")
    _grid(document, ["Recommendation", "Owner", "Due"], RECOMMENDATIONS)

    document.add_paragraph()
    table = document.add_table(rows=5, cols=3)
    table.style = "Table Grid"
    title = table.cell(0, 0).merge(table.cell(0, 2))
    _write(title, "Practice lead check", bold=True)
    _shade(title, TEAL)
    for c, label in enumerate(["Name", "Date", "Agreed?"]):
        _prompt(table.cell(1, c), label)
    for c, value in enumerate(["Nadia Rahman, Practice Lead (Leaving Care)", "17/03/2025",
                               f"{YES} Yes   {NO} No"]):
        _write(table.cell(2, c), value)
    comments = table.cell(3, 0).merge(table.cell(3, 2))
    _prompt(comments, "Practice lead comments")
    _write(table.cell(4, 0).merge(table.cell(4, 2)),
           "I agree with the findings and the grades. The B&B placement should have been escalated at the "
           "time; I have asked the auditor to note this for the service manager's learning log.")
    document.core_properties.author = "Sarah Whitfield"
    document.core_properties.created = datetime.datetime(2025, 3, 10, 9, 0)
    document.core_properties.modified = datetime.datetime(2025, 3, 17, 16, 0)
    document.save(str(path))


if __name__ == "__main__":
    import sys

    build(pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "w6_leaving_care.docx"))
