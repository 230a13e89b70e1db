"""Multi-agency case audit, in the style of a local safeguarding children partnership: case details
as rows of labels with the answers below, an agency-by-agency grid, themes as bold lines without
numbers (summary of findings, then "Strengths identified" beside "Areas for improvement"), an
auditor's overall evaluation box, impact, a recommendations grid and the escalation block.
"""

from __future__ import annotations

import datetime as dt
import pathlib
import zipfile

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

SUFFIX = ".docx"

PLANTED = {
    "GRADE-002": "auditor's overall evaluation ends 'Overall grade: 3'",
    "EVAL-003": "impact on the child's outcomes only lists reviews and a referral",
    "REC-002": "chronology recommendation led by 'All agencies'",
    "ESC-001": "concern escalated to 'Health colleagues via the escalation form', no senior manager",
}

TICK, EMPTY = "☒", "☐"
TEAL = "DAEEF3"
HEADER = "31849B"


def _shade(cell, colour: str) -> None:
    props = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), colour)
    props.append(shading)


def _write(cell, text: str, *, bold: bool = False, white: bool = False) -> None:
    cell.text = ""
    for index, line in enumerate(text.split("\n")):
        paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
        run = paragraph.add_run(line)
        run.bold = bold
        if white:
            run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)


def _head(cell, text: str) -> None:
    _write(cell, text, bold=True, white=True)
    _shade(cell, HEADER)


def _prompt(cell, text: str) -> None:
    _write(cell, text, bold=True)
    _shade(cell, TEAL)


def _theme_line(document, text: str) -> None:
    """A theme as partnerships write it: a bold line of body text, not a Word heading."""
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.space_before = Pt(12)
    run = paragraph.add_run(text)
    run.bold = True
    run.font.size = Pt(12)
    run.font.color.rgb = RGBColor(0x1F, 0x49, 0x7D)


def _italic(document, text: str) -> None:
    run = document.add_paragraph().add_run(text)
    run.italic = True
    run.font.size = Pt(9)


AGENCIES = [
    ("Children's Social Care", "Sophie Grant, social worker", "Allocated since 02/09/2024; CIN plan from 12/09/2024",
     f"{TICK} Yes"),
    ("St Anne's CE Primary School", "Mrs Joy Adeyemi, DSL", "Daily contact; weekly welfare log; breakfast club",
     f"{TICK} Yes"),
    ("0-19 Public Health Nursing", "Lorna Price, school nurse", "Growth and dental checks; CIN meetings",
     f"{TICK} Yes"),
    ("Bridge Street Surgery (GP)", "Dr Mark Ellis, named GP for safeguarding", "Mother's depression; child's dental referral",
     f"{EMPTY} No"),
    ("Community Mental Health Team", "Ian Shah, care coordinator", "Mother's psychiatric reviews",
     f"{TICK} Yes"),
    ("Vale Police", "DS Karen Lowe, MASH", "No incidents; checks at referral only", f"{EMPTY} No"),
]

THEMES = [
    {
        "title": "Assessment of need and risk",
        "summary": (
            "The single assessment of 02/09/2024 gave an accurate picture of neglect because it drew together "
            "the school's attendance data, the school nurse's growth checks and the mental health team's view "
            "of Ms Firth's depression, and it named the cumulative effect on Amelia: missed breakfasts, "
            "untreated tooth decay and attendance of 84%. Auditors judge it good, although it underplayed "
            "Tyler's role as a young carer, which meant that support for him came late."
        ),
        "strengths": "• Graded Care Profile 2 completed jointly by the social worker and the school nurse.\n"
                     "• Amelia's daily routine described from her own account.",
        "improve": "• Tyler's caring role not assessed until January 2025.\n"
                   "• The mental health team's risk assessment was not requested until October.",
    },
    {
        "title": "Information sharing and joint working",
        "summary": (
            "Joint working between the school and children's social care was strong: the school's welfare "
            "log reached the social worker every Friday, so drops in Amelia's attendance were acted on within "
            "days. Information sharing with health was weaker. The GP practice did not tell the social worker "
            "that Ms Firth had missed three psychiatric reviews between October and December, and as a result "
            "the CIN review of 12/11/2024 judged her mental health stable when it was not."
        ),
        "strengths": "• Weekly school welfare log shared every Friday.\n"
                     "• The school nurse attended every CIN meeting.",
        "improve": "• The GP practice did not contribute to any CIN meeting or send a written report.\n"
                   "• There is no single chronology across agencies.",
    },
    {
        "title": "Planning, review and progress of the plan",
        "summary": (
            "The child in need plan has been effective for Amelia's health: each action names who will do "
            "what by when, and because the school nurse and Ms Firth agreed dental registration by a date, "
            "Amelia's two extractions were done in December and she no longer misses school with toothache. "
            "Progress on home conditions has been slower, because the plan relied on Ms Firth's own report of "
            "the home; auditors consider this over-optimistic given the state of the kitchen found on the "
            "unannounced visit of 21/01/2025."
        ),
        "strengths": "• Actions are specific, with a named person and a date for each.\n"
                     "• CIN reviews tested progress against the actions, not attendance at meetings.",
        "improve": "• Home conditions measured by self-report until January.\n"
                   "• No contingency if home conditions do not improve.",
    },
    {
        "title": "The voice and lived experience of the child",
        "summary": (
            "Amelia's voice is heard consistently and has changed the plan. She was seen alone at school on "
            "six visits and told her social worker 'I make my own breakfast because Mum is asleep'; that led "
            "to a place at the school's breakfast club, which she now attends four days a week. Her worries "
            "about her mum are recorded in her words, and the young carers' group has given her somewhere safe "
            "to talk about them."
        ),
        "strengths": "• Amelia seen alone on six of eight visits.\n"
                     "• Her words are quoted in the plan and in the CIN review minutes.",
        "improve": "• Tyler's views are recorded only once in six months.",
    },
    {
        "title": "Management oversight and supervision",
        "summary": (
            "Oversight in children's social care was regular and purposeful: supervision every four weeks set "
            "clear direction, and the team manager's decision to make an unannounced visit in January gave the "
            "first objective view of the home since September. Oversight in health was weaker, because no one "
            "at the GP practice checked whether its information was reaching the plan, which allowed "
            "Ms Firth's missed reviews to go unnoticed for two months."
        ),
        "strengths": "• Supervision every four weeks, with decisions recorded on Amelia's file.",
        "improve": "• No safeguarding supervision recorded for the GP practice on this family.",
    },
]

FEEDBACK = [
    ("Child", "Amelia said breakfast club is 'the best bit of the day' and that her social worker 'always "
              "asks what I think'. She would like her mum to 'get up more'.",
     "Seen by the lead auditor at school on 18/03/2025, with her teacher's agreement."),
    ("Parent", "Ms Firth said she felt judged at the first meeting but that the school nurse helped her most, "
               "and that she wants the house to be 'nice for the kids'.",
     "Telephone conversation with the lead auditor on 19/03/2025."),
]

OVERALL = (
    "The partnership's response has made Amelia's daily life better: she is fed before school, her teeth "
    "have been treated and her attendance has risen from 84% to 93%. Education and children's social care "
    "worked closely together, and Amelia's own words shaped the plan. The response was weakened by health "
    "information that did not reach the plan, so Ms Firth's deteriorating mental health was missed for two "
    "months and the home conditions have not improved.\nOverall grade: 3"
)

IMPACT = (
    "Amelia remains on a child in need plan. CIN reviews were held on 12/11/2024 and 11/02/2025. A referral "
    "was made to the young carers' service on 16/01/2025 and breakfast club was arranged."
)

RECOMMENDATIONS = [
    ("1", "Ask the GP practice to send a written report before every CIN review and to tell the social worker "
          "within 5 working days when Ms Firth misses a psychiatric review.",
     "Dr Mark Ellis, named GP for safeguarding", "30/04/2025", "Open"),
    ("2", "Complete a young carer's assessment for Tyler and share his support plan with his secondary school.",
     "Sophie Grant, social worker (CSC)", "25/04/2025", "Open"),
    ("3", "Develop a single multi-agency chronology for children on child in need plans for neglect.",
     "All agencies", "30/06/2025", "Open"),
    ("4", "Repeat the Graded Care Profile 2 jointly with the school nurse, with an unannounced visit, to test "
          "the home conditions against the baseline of 21/01/2025.",
     "Sophie Grant, social worker (CSC), with Lorna Price, school nurse", "11/04/2025", "Open"),
]


def build(path: pathlib.Path) -> None:
    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for section in document.sections:
        section.left_margin = section.right_margin = Cm(2)

    logo = document.add_paragraph()
    logo.alignment = WD_ALIGN_PARAGRAPH.LEFT
    run = logo.add_run("Ashbourne and Vale Safeguarding Children Partnership")
    run.font.size = Pt(9)
    run.font.color.rgb = RGBColor(0x31, 0x84, 0x9B)
    title = document.add_paragraph()
    run = title.add_run("Multi-agency case audit")
    run.bold = True
    run.font.size = Pt(16)
    _italic(document, "To be completed by the lead auditor after the multi-agency audit meeting, drawing on "
                      "each agency's single-agency audit. Focus on the child's experience over the audit period "
                      "and on what difference the partnership's work has made.")

    details = document.add_table(rows=4, cols=4)
    details.style = "Table Grid"
    rows = [
        ("Audit ref", "Date of audit meeting", "Period audited from", "Period audited to"),
        ("MACA-2425-019", "27/03/2025", "01/09/2024", "28/02/2025"),
        ("Child's unique ID", "Age", "Gender", "Ethnicity"),
        ("WB-3318", "9", "Female", "White British"),
    ]
    for r, values in enumerate(rows):
        for c, text in enumerate(values):
            if r % 2 == 0:
                _prompt(details.cell(r, c), text)
            else:
                _write(details.cell(r, c), text)
    document.add_paragraph()

    case = document.add_table(rows=6, cols=2)
    case.style = "Table Grid"
    _prompt(case.cell(0, 0), "Plan at time of audit")
    _write(case.cell(0, 1), f"{EMPTY} Early help  {TICK} Child in need  {EMPTY} Child protection  {EMPTY} Looked after")
    _prompt(case.cell(1, 0), "Audit theme")
    _write(case.cell(1, 1), "Neglect")
    _prompt(case.cell(2, 0), "Lead auditor")
    _write(case.cell(2, 1), "Claire Whitby, Partnership Quality Assurance Officer")
    _prompt(case.cell(3, 0), "Lead social worker")
    _write(case.cell(3, 1), "Sophie Grant (Ashbourne Child in Need Team)")
    _prompt(case.cell(4, 0).merge(case.cell(4, 1)), "Reason for audit and brief case history")
    _write(case.cell(5, 0).merge(case.cell(5, 1)),
           "Selected for the partnership's neglect audit. Amelia (9) lives with her mother, Ms Joanne Firth, "
           "and her brother Tyler (14). Ms Firth has long-standing depression. School referred in August 2024 "
           "about Amelia's hunger, untreated tooth decay and falling attendance; a child in need plan followed "
           "on 12/09/2024.")

    _theme_line(document, "Agencies involved")
    agencies = document.add_table(rows=len(AGENCIES) + 1, cols=4)
    agencies.style = "Table Grid"
    for c, text in enumerate(("Agency", "Practitioner / role", "Involvement during the audit period",
                              "Represented at audit meeting?")):
        _head(agencies.cell(0, c), text)
    for r, values in enumerate(AGENCIES, start=1):
        for c, text in enumerate(values):
            _write(agencies.cell(r, c), text)

    for theme in THEMES:
        _theme_line(document, theme["title"])
        table = document.add_table(rows=4, cols=2)
        table.style = "Table Grid"
        _prompt(table.cell(0, 0).merge(table.cell(0, 1)), "Summary of findings")
        _write(table.cell(1, 0).merge(table.cell(1, 1)), theme["summary"])
        _prompt(table.cell(2, 0), "Strengths identified")
        _prompt(table.cell(2, 1), "Areas for improvement")
        _write(table.cell(3, 0), theme["strengths"])
        _write(table.cell(3, 1), theme["improve"])

    _theme_line(document, "Views of the child and family")
    _italic(document, "Record what the child and their family told the auditor, in their words.")
    feedback = document.add_table(rows=len(FEEDBACK) + 1, cols=3)
    feedback.style = "Table Grid"
    for c, text in enumerate(("Who", "What they told us", "How their views were gathered")):
        _head(feedback.cell(0, c), text)
    for r, values in enumerate(FEEDBACK, start=1):
        for c, text in enumerate(values):
            _write(feedback.cell(r, c), text)

    document.add_paragraph()
    boxes = document.add_table(rows=4, cols=1)
    boxes.style = "Table Grid"
    _prompt(boxes.cell(0, 0), "Auditor's overall evaluation")
    _write(boxes.cell(1, 0), OVERALL)
    _prompt(boxes.cell(2, 0), "Impact on the child's outcomes")
    _write(boxes.cell(3, 0), IMPACT)

    _theme_line(document, "Recommendations")
    recs = document.add_table(rows=len(RECOMMENDATIONS) + 1, cols=5)
    recs.style = "Table Grid"
    for c, text in enumerate(("No.", "Recommendation", "Lead agency/officer", "Target date", "Status")):
        _head(recs.cell(0, c), text)
    for r, values in enumerate(RECOMMENDATIONS, start=1):
        for c, text in enumerate(values):
            _write(recs.cell(r, c), text)

    _theme_line(document, "Escalation")
    esc = document.add_table(rows=4, cols=2)
    esc.style = "Table Grid"
    _prompt(esc.cell(0, 0), "Were any practice concerns escalated?")
    _write(esc.cell(0, 1), f"{TICK} Yes  {EMPTY} No")
    _prompt(esc.cell(1, 0), "Nature of the concern")
    _write(esc.cell(1, 1), "The GP practice did not share Ms Firth's missed psychiatric reviews with the "
                           "child in need plan, and sent no report to any CIN review.")
    _prompt(esc.cell(2, 0), "Escalated to")
    _write(esc.cell(2, 1), "Health colleagues via the escalation form")
    _prompt(esc.cell(3, 0), "Date")
    _write(esc.cell(3, 1), "28/03/2025")

    _theme_line(document, "Quality assurance sign-off")
    qa = document.add_table(rows=3, cols=2)
    qa.style = "Table Grid"
    _prompt(qa.cell(0, 0), "Signed off by (QA subgroup chair)")
    _write(qa.cell(0, 1), "Dr Sunita Rao, Chair, Quality Assurance and Performance Subgroup")
    _prompt(qa.cell(1, 0), "Date signed off")
    _write(qa.cell(1, 1), "10/04/2025")
    _prompt(qa.cell(2, 0), "Comments")
    _write(qa.cell(2, 1), "Agreed with the findings. The GP practice's response to the escalation to be "
                          "reported to the subgroup on 08/05/2025.")
    props = document.core_properties
    props.author = props.last_modified_by = "Claire Whitby"
    props.created = props.modified = dt.datetime(2025, 3, 27, 14, 0)
    document.save(str(path))
    _fixed_archive_dates(path, (2025, 4, 10, 11, 0, 0))


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
