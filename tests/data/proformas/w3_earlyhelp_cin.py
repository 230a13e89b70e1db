"""Caerwen City Council / Cyngor Dinas Caerwen "Quality Assurance Audit: Child in Need / Early Help"
(Word), in the style of a Welsh city council: landscape pages, labels with trailing colons, a
two-labels-a-row header grid, "Theme A - ..." headings (Heading 2) each with italic instructions
and a table of "Evidence considered:", "Summary of findings for this theme:", "Strengths:" and
"Areas for development:" (bullet lists) and a tick-box grade; an "Outcome | Actions | Responsible |
Timescale | RAG" plan, audit actions, and a QA block whose labels sit in a row above their answers.
"""

from __future__ import annotations

import pathlib

import docx
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

SUFFIX = ".docx"

PLANTED = {
    "GRADE-004": "two grade boxes ticked for the lived experience theme (Good and Requires improvement)",
    "SMART-003": "wellbeing outcome 'Sian to understand the impact of her low mood', nothing measurable",
    "SMART-001": "damp treatment outcome with 'All agencies' responsible",
    "EVAL-003": "impact statement lists the TAF plan, meetings, visits and referrals only",
    "REC-001": "audit action 'Practitioner reminded of the importance of recording Nia's voice'",
}

TICK, BOX = "☒", "☐"
GRADES = ("Outstanding", "Good", "Requires improvement", "Inadequate")
TEAL = "DEEAF1"
LABEL, ANSWER = Cm(6.0), Cm(19.5)


def _ticks(options, chosen) -> str:
    chosen = {chosen} if isinstance(chosen, str) else set(chosen)
    return "   ".join(f"{TICK if option in chosen else BOX} {option}" for option in options)


def _shade(cell, fill: str) -> None:
    props = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    props.append(shading)


def _write(cell, text: str, bold: bool = False) -> None:
    cell.text = ""
    run = cell.paragraphs[0].add_run(text)
    run.bold = bold


def _bullets(cell, items) -> None:
    """A bullet list in a cell, one Word 'List Bullet' paragraph an item."""
    cell.text = ""
    for index, item in enumerate(items):
        paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
        paragraph.style = "List Bullet"
        paragraph.add_run(item)


def _label(cell, text: str) -> None:
    _write(cell, text, bold=True)
    _shade(cell, TEAL)


def _instruction(document, text: str) -> None:
    paragraph = document.add_paragraph()
    run = paragraph.add_run(text)
    run.italic = True
    run.font.size = Pt(9)
    run.font.color.rgb = RGBColor(0x40, 0x40, 0x40)


def _header(document) -> None:
    document.add_heading("Case details", level=2)
    rows = [
        ("Audit ID:", "QA-EH-25-118", "Date of audit:", "21/05/2025"),
        ("Child's WCCIS number:", "700441925", "Age:", "11"),
        ("Case type:", _ticks(("Child in need", "Early help"), "Early help"),
         "Referral source:", "School (Ysgol Glan Morfa)"),
        ("Lead practitioner:", "Gareth Pryce, Family Support Worker", "Team:", "Team Around the Family - East"),
        ("Team manager:", "Lowri Jenkins", "Auditor(s):",
         "Rhian Evans, Senior Practitioner; Owain Morgan, Team Manager (CIN)"),
        ("Audit period from:", "21/11/2024", "Audit period to:", "21/05/2025"),
        ("Welsh language: Active Offer made?:", _ticks(("Yes", "No"), "Yes"),
         "Language of choice:", "Welsh (Cai), English (parents)"),
    ]
    table = document.add_table(rows=len(rows), cols=4)
    table.style = "Table Grid"
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            if c in (0, 2):
                _label(table.cell(r, c), value)
            else:
                _write(table.cell(r, c), value)
    for row in table.rows:
        for cell, width in zip(row.cells, (Cm(5.0), Cm(7.7), Cm(4.6), Cm(8.2)), strict=True):
            cell.width = width
    document.add_paragraph()
    summary = document.add_table(rows=2, cols=1)
    summary.style = "Table Grid"
    _label(summary.cell(0, 0), "Brief case summary:")
    _write(summary.cell(1, 0), (
        "Cai (11, Year 6) lives with his mother Sian, his father Huw and his sister Nia (4) in a two-bedroom flat. "
        "School referred the family to Families First in November 2024: Cai's attendance had fallen to 84% with 22 "
        "late marks in the autumn term. The JAFF assessment found that Cai gets Nia ready for nursery most mornings "
        "because Sian has depression and Huw works nights. Cai moves to secondary school in September 2025. The "
        "children's bedroom is damp and Nia has asthma. A Team Around the Family (TAF) plan has been in place since "
        "18/12/2024."))


def _theme(document, title: str, instruction: str, evidence: str, summary: str, strengths, development,
           grade) -> None:
    document.add_heading(title, level=2)
    _instruction(document, instruction)
    table = document.add_table(rows=5, cols=2)
    table.style = "Table Grid"
    _label(table.cell(0, 0), "Evidence considered:")
    _write(table.cell(0, 1), evidence)
    _label(table.cell(1, 0), "Summary of findings for this theme:")
    _write(table.cell(1, 1), summary)
    _label(table.cell(2, 0), "Strengths:")
    _bullets(table.cell(2, 1), strengths)
    _label(table.cell(3, 0), "Areas for development:")
    _bullets(table.cell(3, 1), development)
    _label(table.cell(4, 0), "Grade:")
    _write(table.cell(4, 1), _ticks(GRADES, grade))
    for row in table.rows:
        row.cells[0].width, row.cells[1].width = LABEL, ANSWER


THEMES = [
    ("Theme A - Assessment and what matters",
     "Is the assessment (JAFF) proportionate and analytical? Does it start from the 'what matters' conversation "
     "with the child and family?",
     "JAFF assessment completed 09/12/2024 with Sian, Huw, Cai and school; 'what matters' conversation with Cai "
     "on 03/12/2024; school attendance data for the autumn and spring terms.",
     "The JAFF is thorough and rightly identifies Cai as a young carer: it sets his late arrivals and tiredness "
     "against what he said about getting Nia ready each morning while his mum is unwell. Because the assessment "
     "named the caring role rather than treating attendance as the problem, the plan gave the family practical "
     "help with mornings instead of an attendance warning, and Cai's attendance has risen as a result.",
     ["Cai's own account of his mornings is quoted in the analysis",
      "Sian's low mood is explored sensitively, with her GP's view"],
     ["Huw's view is recorded only through Sian",
      "The damp in the flat is noted but its effect on Nia's asthma is not explored"],
     "Good"),
    ("Theme B - The child's lived experience",
     "What is daily life like for each child in the family? Are their views, in their own words and language, "
     "recorded and acted on?",
     "Four home visits in which Cai was seen alone; 'my week' diary; young carers' assessment 22/01/2025; "
     "nursery's observations of Nia.",
     "We know a lot about Cai's day and it has shaped the help he gets: he told Gareth, in Welsh, 'fi sy'n "
     "gwneud y boreau' ('I'm the one who does the mornings'), and his worries about secondary school in his "
     "'my week' diary are why transition visits were added to the plan. Nia's experience is much less visible: "
     "at four her view comes only through Sian, so we do not know how the mornings feel for her.",
     ["Cai was offered, and used, Welsh for his direct work",
      "His diary led directly to a change in the plan"],
     ["Nia has not been observed at home or spoken with at nursery",
      "Huw has not been asked about the children's evenings"],
     ("Good", "Requires improvement")),
    ("Theme C - Planning and outcomes",
     "Is the TAF plan outcome-focused, SMART and reviewed? Do the family know what is expected and by when?",
     "TAF plan agreed 18/12/2024; TAF meetings 14/02/2025 and 16/04/2025; minutes shared with the family.",
     "The TAF plan has helped with Cai's mornings but is not yet sharp enough to show progress everywhere. The "
     "outcomes for Cai's attendance and his time as a young carer are specific and reviewed, which is why his "
     "attendance has risen, but the outcome for Sian's wellbeing has no measure and the housing outcome has no "
     "clear owner, so the family cannot tell whether those parts of the plan are working.",
     ["Cai's outcomes are written in words he understands and he has a copy",
      "Reviews are on time and the family attend"],
     ["Outcome for Sian's wellbeing needs a measure",
      "Housing outcome needs a named person responsible"],
     "Requires improvement"),
    ("Theme D - Working with partners",
     "How well do school, health, housing and the third sector work together with the family?",
     "TAF attendance records; school attendance data; young carers' service (Credu) notes; GP letter 27/01/2025.",
     "School, the young carers' service and the GP have worked together effectively. The school's breakfast club "
     "place, agreed at the first TAF meeting, meant Cai no longer had to choose between getting Nia to nursery "
     "and getting to school on time, and his late marks fell from 22 in the autumn term to 3 in the spring "
     "term. The housing association has not attended TAF meetings, which has slowed the repairs to the "
     "children's damp bedroom.",
     ["Breakfast club place arranged within a week of the first TAF meeting",
      "GP shared Sian's treatment plan with her consent"],
     ["Housing association to be invited and followed up in writing"],
     "Good"),
    ("Theme E - Management oversight and supervision",
     "Is there evidence of management direction at key points, and of reflective supervision?",
     "Supervision notes 10/12/2024, 14/01, 11/02, 11/03, 15/04 and 13/05/2025; management decision at the "
     "December case review.",
     "Oversight has been purposeful. The team manager's direction at the December review to refer Cai to the "
     "young carers' service, rather than close the case after the assessment, is the reason he now has a "
     "fortnightly group and someone to talk to outside the family. Supervision is monthly and records what has "
     "changed for Cai, not only the tasks done.",
     ["Clear rationale recorded for keeping the case open after assessment"],
     ["Supervision could challenge the gaps in the plan for Nia"],
     "Good"),
]


def _overall(document) -> None:
    document.add_heading("Overall evaluation", level=2)
    _instruction(document, "Bring the themes together. What is the quality of the support, and what difference "
                           "has it made to the child?")
    table = document.add_table(rows=2, cols=2)
    table.style = "Table Grid"
    _label(table.cell(0, 0), "Overall evaluation:")
    _write(table.cell(0, 1),
           "Good practice that has made a difference to Cai. The assessment understood his caring role, the plan "
           "responded to it with practical help, and because of that he gets to school on time and has time for "
           "himself. The plan now needs measures for Sian's wellbeing and the housing repairs so that progress for "
           "Nia can be seen as well.")
    _label(table.cell(1, 0), "What difference has the support made to the child?:")
    _write(table.cell(1, 1),
           "TAF plan in place and reviewed at TAF meetings on 14/02/2025 and 16/04/2025. Family Support Worker "
           "visiting weekly. Referral made to the young carers' service and a breakfast club place arranged.")
    for row in table.rows:
        row.cells[0].width, row.cells[1].width = LABEL, ANSWER


def _plan(document) -> None:
    document.add_heading("The child's plan (TAF plan as at the date of audit)", level=2)
    _instruction(document, "Copy each outcome from the current plan and give it a RAG rating for progress.")
    rows = [
        ("Cai attends school on time every day, with attendance of 95% or above",
         "Breakfast club place; Gareth to help Sian plan the morning routine; school to phone Sian by 9.15am if "
         "Cai is absent", "Ysgol Glan Morfa attendance officer and Gareth Pryce (FSW)", "18/07/2025", "Green"),
        ("Cai has time for himself: he goes to the young carers' group every fortnight",
         "Credu to offer transport to the group", "Young carers' worker (Credu)", "30/06/2025", "Green"),
        ("Sian to understand the impact of her low mood on Cai and Nia",
         "Sian to see her GP; Gareth to share information about local mental health support", "Sian (mother)",
         "16/07/2025", "Amber"),
        ("The damp in the children's bedroom to be treated so that Nia's asthma is not made worse",
         "Report to the housing association and follow up", "All agencies", "30/06/2025", "Red"),
        ("Cai to have three transition visits to Ysgol Uwchradd Bro Hafren before the end of the summer term, so "
         "that he starts Year 7 feeling ready", "Transition visits booked by the Year 6 teacher",
         "Year 6 teacher (Mr Rees) and the secondary transition lead", "18/07/2025", "Amber"),
    ]
    table = document.add_table(rows=len(rows) + 1, cols=5)
    table.style = "Table Grid"
    for c, text in enumerate(("Outcome", "Actions", "Responsible", "Timescale", "RAG")):
        _label(table.cell(0, c), text)
    fills = {"Green": "C6EFCE", "Amber": "FFEB9C", "Red": "FFC7CE"}
    for r, values in enumerate(rows, start=1):
        for c, value in enumerate(values):
            _write(table.cell(r, c), value)
        _shade(table.cell(r, 4), fills[values[4]])
    for row in table.rows:
        for cell, width in zip(row.cells, (Cm(7.5), Cm(7.5), Cm(5.5), Cm(2.8), Cm(2.2)), strict=True):
            cell.width = width


def _actions(document) -> None:
    document.add_heading("Actions arising from this audit", level=2)
    rows = [
        ("Add a measure to the outcome for Sian's wellbeing: GP review attended, and Sian's own scaling of her "
         "mood recorded at each TAF meeting", "Gareth Pryce, Family Support Worker", "06/06/2025"),
        ("Name the person responsible for chasing the housing repairs and invite the housing association to the "
         "TAF meeting on 16/07/2025", "Lowri Jenkins, TAF Team Manager", "13/06/2025"),
        ("Practitioner reminded of the importance of recording Nia's voice", "Lowri Jenkins, TAF Team Manager",
         "13/06/2025"),
    ]
    table = document.add_table(rows=len(rows) + 1, cols=3)
    table.style = "Table Grid"
    for c, text in enumerate(("Action required", "Person responsible", "Complete by")):
        _label(table.cell(0, c), text)
    for r, values in enumerate(rows, start=1):
        for c, value in enumerate(values):
            _write(table.cell(r, c), value)
    for row in table.rows:
        for cell, width in zip(row.cells, (Cm(15.5), Cm(6.0), Cm(4.0)), strict=True):
            cell.width = width


def _quality_assurance(document) -> None:
    document.add_heading("Quality assurance", level=2)
    _instruction(document, "To be completed by the Service Manager. Returned audits go back to the auditor "
                           "within 5 working days.")
    table = document.add_table(rows=3, cols=3)
    table.style = "Table Grid"
    for c, text in enumerate(("Quality assured by:", "Date:", "Outcome:")):
        _label(table.cell(0, c), text)
    _write(table.cell(1, 0), "Bethan Lloyd, Service Manager (Early Help)")
    _write(table.cell(1, 1), "30/05/2025")
    _write(table.cell(1, 2), _ticks(("Agreed", "Amended", "Returned"), "Amended"))
    _label(table.cell(2, 0), "QA comments:")
    _write(table.cell(2, 1).merge(table.cell(2, 2)),
           "Amended: the grade for Theme C changed from Good to Requires improvement, because two of the five "
           "outcomes cannot be measured or have no one responsible. Judgements are otherwise well evidenced.")


def build(path: pathlib.Path) -> None:
    document = docx.Document()
    document.styles["Normal"].font.name = "Arial"
    document.styles["Normal"].font.size = Pt(10)
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    section.left_margin = section.right_margin = Cm(2)
    header = section.header.paragraphs[0]
    header.text = "Cyngor Dinas Caerwen / Caerwen City Council - Gwasanaethau Plant / Children's Services"
    document.add_heading("Archwiliad Sicrhau Ansawdd / Quality Assurance Audit: Child in Need / Early Help",
                         level=1)
    _instruction(document, "Complete every section. Audit the last six months of work. Write evaluatively: say what "
                           "difference the work has made for the child, and how you know. Grade each theme.")
    _header(document)
    for theme in THEMES:
        _theme(document, *theme)
    _overall(document)
    _plan(document)
    _actions(document)
    _quality_assurance(document)
    document.save(str(path))


if __name__ == "__main__":
    import sys

    build(pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "w3_earlyhelp_cin.docx"))
