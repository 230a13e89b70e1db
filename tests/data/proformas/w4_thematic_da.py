"""Thematic audit tool, "Children living with domestic abuse", in the style of a unitary
authority's QA team: a front grid of case details two labels a row, then one heading per theme
(DASH, MARAC, safety planning, the person causing harm, the child) with a Ref | Question | Response
| Evidence grid, an "Evaluation:" row and a RAG rating row, an action table, and lead manager moderation.
"""

from __future__ import annotations

import datetime as dt
import pathlib
import zipfile

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

SUFFIX = ".docx"

PLANTED = {
    "DA-003": "DASH last done 28/10/2024, before the period, despite three incidents in it",
    "EVAL-001": "MARAC theme evaluation only lists referrals, meetings and notifications",
    "DA-008": "work with the person causing harm is all for the mother; Mr Colley never seen",
    "ESC-004": "perpetrator evaluation says Kai was left at risk, but escalation ticked No",
    "REC-003": "action for the Drive referral has the timescale 'Ongoing'",
}

TICK, EMPTY = "☒", "☐"
GREY, LILAC = "D9D9D9", "E4DFEC"


# ---- small Word helpers -----------------------------------------------------------------------

def _shade(cell, colour: str) -> None:
    props = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), colour)
    props.append(shading)


def _write(cell, text: str, *, bold: bool = False, italic: bool = False, size: float | None = None) -> None:
    """Text into a cell, one paragraph a line; lines starting '• ' stay as typed bullets."""
    lines = text.split("\n")
    cell.text = ""
    first = cell.paragraphs[0]
    for index, line in enumerate(lines):
        paragraph = first if index == 0 else cell.add_paragraph()
        run = paragraph.add_run(line)
        run.bold = bold
        run.italic = italic
        if size:
            run.font.size = Pt(size)


def _label(cell, text: str) -> None:
    _write(cell, text, bold=True)
    _shade(cell, GREY)


def _theme_heading(document, text: str) -> None:
    heading = document.add_heading(text, level=2)
    for run in heading.runs:
        run.font.color.rgb = RGBColor(0x40, 0x1F, 0x68)


def _instruction(document, text: str) -> None:
    paragraph = document.add_paragraph()
    run = paragraph.add_run(text)
    run.italic = True
    run.font.size = Pt(9)


# ---- the audit ----------------------------------------------------------------------------------

CASE_DETAILS = [
    ("Child's name / LCS ID:", "7745120", "Date of birth / Age:", "6 years"),
    ("Legal status at time of audit:", f"{EMPTY} Early Help  {EMPTY} CIN  {TICK} CP  {EMPTY} CLA",
     "Sibling(s) included:", "Esme, 2 years (LCS 7745121)"),
    ("Team:", "Family Safeguarding Team 2 (North)", "Allocated social worker:", "Priya Nandra"),
    ("Team manager:", "Owen Marsh", "Auditor:", "Helen Ashworth, Practice Improvement Lead"),
    ("Audit reference:", "DA-THM-2025-07", "Date of audit:", "14/05/2025"),
    ("Review period from:", "14/11/2024", "Review period to:", "14/05/2025"),
    ("Type of audit:", f"{EMPTY} Practice week  {TICK} Thematic  {EMPTY} Dip sample",
     "Audit theme:", "Domestic abuse"),
]

SUMMARY = (
    "Kai (6) and his half-sister Esme (2) live with their mother, Ms Leanne Hartley. Esme's father, "
    "Mr Dean Colley, is the person causing harm. Police attended incidents at the home on 22/12/2024, "
    "15/02/2025 and 01/03/2025; on 01/03/2025 it was Kai who rang 999. Both children have been subject "
    "to child protection plans under the category of emotional abuse since 16/01/2025. Mr Colley left "
    "the home in January but stayed there again for about two weeks in February."
)

THEMES = [
    {
        "title": "Theme 1: Risk assessment and the DASH",
        "hint": "Consider the most recent DASH, whether it was reviewed after each new incident, and "
                "whether the assessment sees the incidents as a pattern.",
        "rows": [
            ("1.1", "Was a DASH risk checklist completed with the adult victim?", f"{TICK} Yes  {EMPTY} No",
             "Completed by the police officer attending on 28/10/2024."),
            ("1.2", "Date of most recent DASH", "28/10/2024",
             "Not repeated after the incidents of 22/12/2024, 15/02/2025 or 01/03/2025."),
            ("1.3", "DASH risk level", f"{EMPTY} Standard  {TICK} Medium  {EMPTY} High", "Score of 11."),
            ("1.4", "Number of domestic abuse incidents in the review period", "3",
             "Police notifications for all three are on the file."),
            ("1.5", "Does the assessment consider the history and pattern of abuse, including previous "
                    "relationships?", f"{TICK} Yes  {EMPTY} No  {EMPTY} Partly",
             "Single assessment authorised 10/01/2025."),
        ],
        "evaluation": (
            "The single assessment is strong on history: it sets the three call-outs out as an "
            "escalating pattern, draws on Mr Colley's previous relationship, in which police were also "
            "called, and explains what living with this means for Kai, whose attendance fell to 82% in "
            "the autumn term and who told his teacher he 'keeps the phone under his pillow'. Auditors "
            "judge the risk assessment weaker than the assessment itself, because the DASH was never "
            "repeated after the December, February or March incidents, so the medium risk level on the "
            "file understated how much the risk to Kai and Esme had grown."
        ),
        "rag": f"{EMPTY} Red  {TICK} Amber  {EMPTY} Green",
    },
    {
        "title": "Theme 2: MARAC and the multi-agency response",
        "hint": "Include MARAC, the IDVA, Operation Encompass and how information was shared.",
        "rows": [
            ("2.1", "Was the case referred to MARAC?", f"{TICK} Yes  {EMPTY} No  {EMPTY} N/A",
             "Referred on potential escalation (three incidents)."),
            ("2.2", "Date of MARAC referral", "05/03/2025", "Heard at MARAC on 13/03/2025."),
            ("2.3", "Was the adult victim offered an IDVA?", f"{TICK} Yes  {EMPTY} No",
             "Ms Hartley accepted; IDVA Carla Benn allocated."),
            ("2.4", "Did the school receive Operation Encompass notifications?", f"{TICK} Yes  {EMPTY} No",
             "Kai's school; Esme's nursery was not notified."),
        ],
        "free": [
            ("2.5", "How well was information shared between agencies?",
             "Police shared the full call-out history, including the previous relationship, at the "
             "strategy discussion on 03/01/2025, and the school safeguarding lead brought her record of "
             "Kai's worries to every core group. The IDVA's risk updates reached the social worker after "
             "MARAC. Esme's nursery was not told of the incidents, so staff there could not link her "
             "new separation distress to what was happening at home."),
        ],
        "evaluation": (
            "MARAC referral made on 05/03/2025 and the case was heard at MARAC on 13/03/2025. IDVA "
            "allocated on 14/03/2025. Encompass notifications were sent to the school after each "
            "incident. Police, health and school attended the core groups held on 06/02/2025, "
            "13/03/2025 and 17/04/2025."
        ),
        "rag": f"{EMPTY} Red  {TICK} Amber  {EMPTY} Green",
    },
    {
        "title": "Theme 3: Safety planning",
        "hint": "Is there a safety plan with the adult victim and one the child understands?",
        "rows": [
            ("3.1", "Is there an up-to-date safety plan with the adult victim and with the child?",
             f"{TICK} Yes  {EMPTY} No  {EMPTY} Partly", "Reviewed after the incident of 01/03/2025."),
        ],
        "free": [
            ("3.2", "Describe the safety planning with the adult victim and the child",
             "Safety plan agreed with Ms Hartley on 20/12/2024 and reviewed with her and the IDVA on "
             "06/03/2025: a panic alarm fitted, a code word with her sister, and Mr Colley's car "
             "registration flagged with police.\n"
             "• Direct work with Kai on 09/01/2025 and 10/03/2025 using a 'safety hand': he knows to take "
             "Esme into his bedroom, that he can dial 999 from his mum's phone, and that his trusted adult "
             "at school is Mrs Dale.\n"
             "• Esme's plan is held by Ms Hartley and her nursery key worker."),
        ],
        "evaluation": (
            "Safety planning is effective and has kept pace with the risk. The plan was reviewed within "
            "a week of the March incident, and because Kai had practised his part of it he knew to ring "
            "999 that night, which meant police arrived within minutes. Kai can explain his plan in his "
            "own words, and auditors consider that this has reduced his sense of helplessness."
        ),
        "rag": f"{EMPTY} Red  {EMPTY} Amber  {TICK} Green",
    },
    {
        "title": "Theme 4: Working with the person causing harm",
        "hint": "What has been done to hold the person causing harm to account and to change their behaviour?",
        "rows": [
            ("4.1", "Has the person causing harm been seen by the social worker?", f"{EMPTY} Yes  {TICK} No",
             "Two home visits arranged in January; Mr Colley did not attend either."),
            ("4.2", "Has a referral been made to a perpetrator programme?", f"{EMPTY} Yes  {TICK} No", ""),
        ],
        "free": [
            ("4.3", "What work has been undertaken with the person causing harm?",
             "Ms Hartley was advised to attend the Freedom Programme and to ring the police if Mr Colley "
             "comes to the house. She has completed 6 of 12 sessions. Mr Colley has not been seen or "
             "spoken to by the social worker during the review period."),
        ],
        "evaluation": (
            "This is the weakest area of practice. In six months nobody has seen Mr Colley, and the plan "
            "puts the responsibility for keeping the children safe on Ms Hartley alone. Because nothing "
            "was asked of him, he moved back into the home in February without any professional knowing, "
            "and this left Kai and Esme at risk until the third incident on 01/03/2025."
        ),
        "rag": f"{TICK} Red  {EMPTY} Amber  {EMPTY} Green",
    },
    {
        "title": "Theme 5: The child's lived experience",
        "hint": "Record what the child said, showed or went through; for a very young child, what was observed.",
        "rows": [
            ("5.1", "Was the child seen alone?", f"{TICK} Yes  {EMPTY} No",
             "Kai seen alone at school on five occasions."),
        ],
        "free": [
            ("5.2", "What do we know about the child's experience of the abuse?",
             "Kai told his social worker on 09/01/2025: 'When Dean shouts I put my hands over Esme's "
             "ears.' He drew his house with a 'shouty room' and a 'quiet room'. His teacher noticed that "
             "he was tired and tearful on the mornings after each incident. Esme, at two, cannot say "
             "what she feels; her nursery key worker observed her cling to staff and cry at the door from "
             "February, and Ms Hartley says she now startles at raised voices."),
        ],
        "evaluation": (
            "Kai's experience is well understood and shapes the work. His words about covering his "
            "sister's ears are quoted in the plan, and it was his worry about night-time that led to the "
            "safety work in his bedroom. Esme's experience has been understood through careful "
            "observation by nursery and the health visitor, which means her distress since February is "
            "recognised as a response to the abuse rather than put down to her age."
        ),
        "rag": f"{EMPTY} Red  {EMPTY} Amber  {TICK} Green",
    },
    {
        "title": "Theme 6: Management oversight",
        "hint": "Supervision, direction and challenge recorded on the child's file.",
        "rows": [
            ("6.1", "Is there evidence of regular supervision with clear direction?", f"{TICK} Yes  {EMPTY} No",
             "Supervision on 08/01, 05/02, 12/03 and 16/04/2025."),
        ],
        "evaluation": (
            "Oversight has been timely in responding to each incident but has not challenged the gap in "
            "the work with Mr Colley. The team manager's direction after the March incident to refer to "
            "MARAC was prompt, yet three supervision records note that Mr Colley 'has not engaged' with no "
            "plan to change that, so the imbalance in the plan continued for four months."
        ),
        "rag": f"{EMPTY} Red  {TICK} Amber  {EMPTY} Green",
    },
]

IMPACT = (
    "Kai is safer and more settled than at the start of the period, but the improvement depends on "
    "Ms Hartley alone. There has been no incident since 01/03/2025, his attendance has risen from 82% to "
    "95% this term, and he told the auditor that home is 'calmer now Dean doesn't stay'. Esme's distress "
    "at nursery has eased since April. Because nothing has changed in Mr Colley's behaviour, auditors "
    "judge that this progress is fragile."
)

OVERALL = (
    "Practice with Kai and Esme requires improvement. The assessment, the safety planning and the work "
    "to hear Kai are good and have made the children safer day to day, and Kai's own safety plan "
    "worked when it was needed. However, the DASH was not reviewed as incidents escalated and there has "
    "been no work at all with Mr Colley, so the plan still rests on Ms Hartley keeping him away. Until "
    "he is seen and held to account, the risk to both children has not reduced."
)

ACTIONS = [
    ("1", "Social worker to see Mr Colley, with police if needed, to set out the concerns and the "
          "expectations of the child protection plan, and record his response.",
     "Priya Nandra, social worker", "30/05/2025", ""),
    ("2", "Refer Mr Colley to the Drive project and ask the MARAC coordinator to link the referral to "
          "the MARAC action plan.", "Priya Nandra, social worker", "Ongoing", ""),
    ("3", "Repeat the DASH with Ms Hartley and the IDVA, and after any further incident within 24 hours.",
     "Carla Benn, IDVA", "23/05/2025", ""),
    ("4", "Add Esme's nursery to the Operation Encompass notification list and invite the key worker to "
          "core groups.", "Owen Marsh, team manager", "23/05/2025", ""),
]


def build(path: pathlib.Path) -> None:
    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(10)
    section = document.sections[0]
    section.left_margin = section.right_margin = Cm(1.8)

    banner = document.add_paragraph()
    banner.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = banner.add_run("Harrowfield Council  |  Children's Services Quality Assurance")
    run.font.size = Pt(8)
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run("THEMATIC AUDIT TOOL\nChildren living with domestic abuse")
    run.bold = True
    run.font.size = Pt(14)
    _instruction(document, "Complete every question for the six months before the audit. Evidence "
                           "every answer from the child's record. The evaluation for each theme should say "
                           "how good practice was and what difference it made for the child, not list what "
                           "was done.")

    details = document.add_table(rows=len(CASE_DETAILS) + 1, cols=4)
    details.style = "Table Grid"
    head = details.cell(0, 0).merge(details.cell(0, 3))
    _write(head, "Case details", bold=True)
    _shade(head, LILAC)
    for row, (l1, a1, l2, a2) in enumerate(CASE_DETAILS, start=1):
        _label(details.cell(row, 0), l1)
        _write(details.cell(row, 1), a1)
        _label(details.cell(row, 2), l2)
        _write(details.cell(row, 3), a2)
    document.add_paragraph()

    summary = document.add_table(rows=2, cols=1)
    summary.style = "Table Grid"
    _label(summary.cell(0, 0), "Brief case summary and reason for involvement:")
    _write(summary.cell(1, 0), SUMMARY)

    for theme in THEMES:
        _theme_heading(document, theme["title"])
        _instruction(document, theme["hint"])
        rows = theme["rows"]
        free = theme.get("free", [])
        table = document.add_table(rows=1 + len(rows) + len(free) + 2, cols=4)
        table.style = "Table Grid"
        for column, text in enumerate(("Ref", "Question", "Response", "Evidence / comments")):
            _label(table.cell(0, column), text)
        r = 1
        for ref, question, response, comment in rows:
            _write(table.cell(r, 0), ref)
            _write(table.cell(r, 1), question)
            _write(table.cell(r, 2), response)
            _write(table.cell(r, 3), comment)
            r += 1
        for ref, question, answer in free:
            _write(table.cell(r, 0), ref)
            _write(table.cell(r, 1), question)
            _write(table.cell(r, 2).merge(table.cell(r, 3)), answer)
            r += 1
        evaluation = table.cell(r, 0).merge(table.cell(r, 1))
        _label(evaluation, "Evaluation:")
        _write(table.cell(r, 2).merge(table.cell(r, 3)), theme["evaluation"])
        r += 1
        rag = table.cell(r, 0).merge(table.cell(r, 1))
        _label(rag, "RAG rating:")
        _write(table.cell(r, 2).merge(table.cell(r, 3)), theme["rag"])
        for table_row in table.rows:
            table_row.cells[0].width = Cm(1.2)

    _theme_heading(document, "Impact and overall evaluation")
    overall = document.add_table(rows=5, cols=2)
    overall.style = "Table Grid"
    _label(overall.cell(0, 0).merge(overall.cell(0, 1)),
           "What difference has our involvement made for the child?")
    _write(overall.cell(1, 0).merge(overall.cell(1, 1)), IMPACT)
    _label(overall.cell(2, 0).merge(overall.cell(2, 1)), "Overall evaluation of practice")
    _write(overall.cell(3, 0).merge(overall.cell(3, 1)), OVERALL)
    _label(overall.cell(4, 0), "Overall RAG rating:")
    _write(overall.cell(4, 1), f"{EMPTY} Red  {TICK} Amber  {EMPTY} Green")

    _theme_heading(document, "Escalation")
    escalation = document.add_table(rows=3, cols=2)
    escalation.style = "Table Grid"
    _label(escalation.cell(0, 0), "Does this audit identify practice that must be escalated to the Head of Service?")
    _write(escalation.cell(0, 1), f"{EMPTY} Yes  {TICK} No")
    _label(escalation.cell(1, 0), "If yes, escalated to:")
    _label(escalation.cell(2, 0), "Date:")

    landscape = document.add_section()
    landscape.orientation = WD_ORIENT.LANDSCAPE
    landscape.page_width, landscape.page_height = landscape.page_height, landscape.page_width
    _theme_heading(document, "Actions arising from the audit")
    _instruction(document, "Each action must have a named person responsible and a date.")
    actions = document.add_table(rows=len(ACTIONS) + 2, cols=5)
    actions.style = "Table Grid"
    for column, text in enumerate(("No.", "Action required", "Responsible", "Timescale", "Date completed")):
        _label(actions.cell(0, column), text)
    for row, values in enumerate(ACTIONS, start=1):
        for column, text in enumerate(values):
            _write(actions.cell(row, column), text)

    portrait = document.add_section()
    portrait.orientation = WD_ORIENT.PORTRAIT
    portrait.page_width, portrait.page_height = portrait.page_height, portrait.page_width
    _theme_heading(document, "Lead manager moderation")
    moderation = document.add_table(rows=4, cols=4)
    moderation.style = "Table Grid"
    _label(moderation.cell(0, 0), "Moderated by:")
    _write(moderation.cell(0, 1), "Ruth Okafor, Head of Quality Assurance")
    _label(moderation.cell(0, 2), "Date:")
    _write(moderation.cell(0, 3), "21/05/2025")
    _label(moderation.cell(1, 0), "Outcome:")
    _write(moderation.cell(1, 1).merge(moderation.cell(1, 3)),
           f"{EMPTY} Agreed  {TICK} Amended  {EMPTY} Returned to auditor")
    _label(moderation.cell(2, 0).merge(moderation.cell(2, 3)), "Moderator's comments:")
    _write(moderation.cell(3, 0).merge(moderation.cell(3, 3)),
           "Amended: the auditor's RAG for theme 2 raised from Red to Amber after discussion, as the MARAC "
           "referral, though late, led to the IDVA's support. I agree that the absence of work with "
           "Mr Colley is the central finding and have asked for action 1 to be reported to me by 30/05/2025.")
    props = document.core_properties
    props.author = props.last_modified_by = "Helen Ashworth"
    props.created = props.modified = dt.datetime(2025, 5, 14, 10, 0)
    document.save(str(path))
    _fixed_archive_dates(path, (2025, 5, 21, 15, 0, 0))


def _fixed_archive_dates(path: pathlib.Path, when: tuple[int, int, int, int, int, int]) -> None:
    """Word stamps each part of the archive with the time of saving; put a fixed one there so
    that the same document is written every time."""
    with zipfile.ZipFile(path) as source:
        entries = [(info.filename, source.read(info.filename)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=when)
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, data)
