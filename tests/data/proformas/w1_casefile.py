"""Northmoor County Council "Case File Audit Tool" (Word), in the style of an English county council:
a two-labels-a-row case details grid, five numbered themes as bold heading paragraphs, each with a
"No. | Question | Yes / No / Partly | Evidence / comments" grid, the auditor's judgement as a long
prompt across the table with the answer below, and a grade row of tick boxes; then a care plan grid,
"Learning and actions arising from the audit", and a sign-off block with a team manager and a moderator.
"""

from __future__ import annotations

import pathlib

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

SUFFIX = ".docx"

PLANTED = {
    "EVAL-001": "planning judgement only lists reviews, a PEP and visits",
    "SMART-002": "life story work target due 'Ongoing'",
    "REC-002": "chronology action owned by 'The team'",
    "ESC-004": "oversight judgement describes poor practice that left Ruby at risk, nothing escalated",
}

TICK, BOX = "☒", "☐"
GRADES = ("Outstanding", "Good", "Requires improvement", "Inadequate")
WIDTHS = (Cm(1.3), Cm(7.2), Cm(2.8), Cm(5.7))


def _ticks(options, chosen) -> str:
    return "  ".join(f"{TICK if option == chosen else BOX} {option}" for option in options)


def _shade(cell, fill: str) -> None:
    props = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    props.append(shading)


def _write(cell, text: str, bold: bool = False, italic: bool = False, size: float | None = None) -> None:
    """Text into a cell, a paragraph per line."""
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


def _widths(table, widths) -> None:
    for row in table.rows:
        for index, cell in enumerate(row.cells):
            if index < len(widths):
                cell.width = widths[index]


def _theme_heading(document, text: str) -> None:
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.space_before = Pt(12)
    run = paragraph.add_run(text)
    run.bold = True
    run.font.size = Pt(12)
    run.font.color.rgb = RGBColor(0x1F, 0x3A, 0x5F)


def _guidance(document, text: str) -> None:
    paragraph = document.add_paragraph()
    run = paragraph.add_run(text)
    run.italic = True
    run.font.size = Pt(9)


def _case_details(document) -> None:
    _theme_heading(document, "Case details")
    rows = [
        ("Child's name/ID", "LCS 2047733", "Date of birth/Age", "9 years"),
        ("Legal status", "Looked after", "Legal order", "Full care order (s31), 14/06/2024"),
        ("Gender", "Female", "Ethnicity", "Mixed White and Black Caribbean"),
        ("Social worker", "Hannah Oduya", "Team manager", "Mark Pellow"),
        ("Team", "Children in Care Team (South)", "Source of original referral", "School (designated safeguarding lead)"),
        ("Auditor", "Claire Whitlock, Practice Supervisor", "Date of audit", "12/03/2025"),
        ("Period audited (from)", "12/09/2024", "Period audited (to)", "12/03/2025"),
        ("Audit ref.", "NCC/CFA/2025/031", "Reason for audit", "Monthly random sample (Children in Care)"),
    ]
    table = document.add_table(rows=len(rows), cols=4)
    table.style = "Table Grid"
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            cell = table.cell(r, c)
            _write(cell, value, bold=c in (0, 2))
            if c in (0, 2):
                _shade(cell, "D9E2F3")
    _widths(table, (Cm(3.6), Cm(4.6), Cm(3.6), Cm(5.2)))

    document.add_paragraph()
    summary = document.add_table(rows=2, cols=1)
    summary.style = "Table Grid"
    _write(summary.cell(0, 0), "Brief summary of the case (reason for involvement, family composition, current plan)",
           bold=True)
    _shade(summary.cell(0, 0), "D9E2F3")
    _write(summary.cell(1, 0), (
        "Ruby (9) has been looked after since 14/06/2024 under a full care order, made because of long-standing "
        "neglect linked to her mother's alcohol misuse. She lives with foster carers Mr and Mrs Hale. Her brother "
        "Leo (4) lives with their maternal aunt under a special guardianship order. Ruby sees her mother "
        "fortnightly (supervised) and Leo fortnightly. Her father lives in Birmingham and has had no contact since "
        "2021. The care plan is long-term fostering with her current carers. On 10/01/2025 the carers gave 28 "
        "days' notice after weeks of disturbed nights; the notice was withdrawn on 31/01/2025 after support from "
        "the fostering social worker and a CAMHS consultation."))


def _theme(document, title: str, guidance: str, questions, judgement: str, grade: str) -> None:
    _theme_heading(document, title)
    _guidance(document, guidance)
    table = document.add_table(rows=1 + len(questions) + 3, cols=4)
    table.style = "Table Grid"
    for c, text in enumerate(("No.", "Question", "Yes / No / Partly", "Evidence / comments")):
        _write(table.cell(0, c), text, bold=True)
        _shade(table.cell(0, c), "BFBFBF")
    for r, (number, question, answer, evidence) in enumerate(questions, start=1):
        _write(table.cell(r, 0), number)
        _write(table.cell(r, 1), question)
        _write(table.cell(r, 2), _ticks(("Yes", "No", "Partly"), answer), size=9)
        _write(table.cell(r, 3), evidence)
    label_row = len(questions) + 1
    label = table.cell(label_row, 0).merge(table.cell(label_row, 3))
    _write(label, "Auditor's judgement (what is the quality of practice and its impact on the child?)", bold=True)
    _shade(label, "D9E2F3")
    answer = table.cell(label_row + 1, 0).merge(table.cell(label_row + 1, 3))
    _write(answer, judgement)
    grade_row = label_row + 2
    grade_label = table.cell(grade_row, 0).merge(table.cell(grade_row, 1))
    _write(grade_label, "Grade for this theme", bold=True)
    _shade(grade_label, "D9E2F3")
    grade_cell = table.cell(grade_row, 2).merge(table.cell(grade_row, 3))
    _write(grade_cell, _ticks(GRADES, grade), size=9)
    _widths(table, WIDTHS)


THEMES = [
    ("1. Assessment and analysis",
     "Consider the most recent assessment and any updates in the audit period. Does it analyse, not just describe?",
     [("1.1", "Is there an up-to-date assessment that reflects the child's current needs?", "Yes",
       "Updated assessment of need completed 04/11/2024, in time for the second CLA review."),
      ("1.2", "Does the assessment analyse the impact of the child's history on how she presents now?", "Yes",
       "Links Ruby's night-time distress and food hoarding to the neglect she experienced at home."),
      ("1.3", "Are identity, health and education needs assessed?", "Partly",
       "Health and education well covered. Identity limited to one line about her father's Jamaican heritage."),
      ("1.4", "Are the risks and benefits of family time assessed?", "Yes",
       "Risk assessment of contact with mother updated 20/11/2024 after she arrived intoxicated.")],
     "The assessment is analytical and child-centred. It explains Ruby's bedtime distress and hoarding of food as "
     "a response to the neglect she lived with at home, rather than as defiance, and because of this her carers "
     "were helped to respond with routine and reassurance instead of sanctions. Ruby's heritage and her father's "
     "family are under-explored, which means her sense of identity is not yet understood well enough.",
     "Good"),
    ("2. Planning and review",
     "Is the care plan current, SMART and driving permanence? Are reviews timely and effective?",
     [("2.1", "Is there a current care plan that reflects the assessment?", "Yes", "Care plan updated 02/10/2024 and 27/02/2025."),
      ("2.2", "Have CLA reviews been held within timescales?", "Yes", "Reviews 02/10/2024 and 27/02/2025."),
      ("2.3", "Is the permanence plan clear and progressing?", "Partly",
       "Long-term fostering agreed; the matching report has not been started."),
      ("2.4", "Is the Personal Education Plan up to date?", "Yes", "PEP 15/11/2024; spring PEP booked for 20/03/2025.")],
     "CLA reviews were held on 02/10/2024 and 27/02/2025 and the care plan was updated after each review. The PEP "
     "was completed on 15/11/2024. The social worker visited every six weeks as required and the permanence plan "
     "is long-term fostering.",
     "Good"),
    ("3. Voice and lived experience of the child",
     "How well do we know what life is like for this child? Record the child's words where you can.",
     [("3.1", "Is the child seen regularly, and alone where appropriate?", "Yes",
       "Seen alone on six of seven statutory visits, at the carers' home and at school."),
      ("3.2", "Are the child's wishes and feelings recorded in her own words?", "Yes",
       "Direct work using a 'bedtime worries' book and a three houses exercise."),
      ("3.3", "Has the child been offered an advocate or independent visitor?", "Yes",
       "Advocate from NYAS attended the February review with Ruby."),
      ("3.4", "Has the child's voice influenced her plan?", "Yes", "Sibling time increased at Ruby's request.")],
     "Ruby's voice is strong in this record and has changed her plan. She told her social worker 'I want to see "
     "Leo more than Mum', and as a result sibling time moved from monthly to fortnightly from November. Her worry "
     "book shows her worry about being moved falling since the carers withdrew their notice, and she now tells "
     "her carers when she is frightened rather than hiding food, which shows she feels safer in the placement.",
     "Good"),
    ("4. Multi-agency working",
     "Consider the contribution of health, education and other partners, and how well information is shared.",
     [("4.1", "Are partner agencies involved in planning and reviews?", "Yes",
       "Virtual school, class teacher and school nurse contributed to both reviews."),
      ("4.2", "Is information shared promptly between agencies?", "Yes",
       "School emailed the social worker the same day about Ruby's distress on 13/01/2025."),
      ("4.3", "Are health assessments up to date?", "Yes", "Review health assessment 19/12/2024; dental check 08/01/2025.")],
     "Agencies have worked together effectively for Ruby. The virtual school and her class teacher agreed a "
     "nurture group place within two weeks of the carers' notice, which meant she had a safe adult in school when "
     "home felt uncertain, and her attendance has stayed at 98%. The CAMHS consultation to the carers was timely "
     "and is the main reason the placement held.",
     "Good"),
    ("5. Management oversight and supervision",
     "Is there evidence of reflective supervision and of managers directing the work and recording their decisions?",
     [("5.1", "Is regular supervision recorded on the child's file?", "No",
       "No supervision recorded between 08/10/2024 and 21/01/2025."),
      ("5.2", "Are key decisions recorded with a manager's rationale?", "Partly",
       "Reduction of family time with mother (December) has no recorded rationale."),
      ("5.3", "Does management oversight drive the plan forward?", "No",
       "No management direction recorded after the carers' notice on 10/01/2025.")],
     "Management oversight has been poor for most of the period. There was no recorded supervision for over three "
     "months, and the decision to reduce Ruby's time with her mother from weekly to fortnightly in December was "
     "made without a recorded rationale or a conversation with Ruby, which left her confused and upset. The lack "
     "of oversight when the carers gave notice on 10/01/2025 left Ruby at risk of an unplanned move; the placement "
     "held because of the fostering team, not because of management direction.",
     "Requires improvement"),
]


def _overall(document) -> None:
    _theme_heading(document, "6. Overall judgement")
    table = document.add_table(rows=5, cols=2)
    table.style = "Table Grid"
    rows = [
        ("Overall judgement (taking account of all themes, what is the quality of practice for this child?)",
         "Practice for Ruby requires improvement. Direct work, her voice and multi-agency support are strong and "
         "have kept her placement stable through a difficult winter, but weak management oversight meant decisions "
         "about her family time were made without her, and the risk of placement breakdown in January was not "
         "managed by the service. Because planning is not yet driving permanence, Ruby still does not know where "
         "she will grow up."),
        ("What difference has the work made for the child? (impact)",
         "Ruby is more settled than six months ago: she no longer hoards food, her attendance has stayed at 98%, "
         "and she sees Leo every fortnight, which she calls 'the best bit'. She is still unsure whether she will "
         "stay with her carers, and that uncertainty still shows at bedtime."),
    ]
    index = 0
    for label, answer in rows:
        cell = table.cell(index, 0).merge(table.cell(index, 1))
        _write(cell, label, bold=True)
        _shade(cell, "D9E2F3")
        _write(table.cell(index + 1, 0).merge(table.cell(index + 1, 1)), answer)
        index += 2
    _write(table.cell(4, 0), "Overall grade", bold=True)
    _shade(table.cell(4, 0), "D9E2F3")
    _write(table.cell(4, 1), _ticks(GRADES, "Requires improvement"), size=9)
    _widths(table, (Cm(5.0), Cm(12.0)))


def _plan(document) -> None:
    _theme_heading(document, "7. The child's plan")
    _guidance(document, "Copy the main outcomes of the current care plan as written. Are they SMART?")
    targets = [
        ("Ruby's match with Mr and Mrs Hale to be presented to the fostering panel, so that she knows where she "
         "will grow up", "Hannah Oduya (social worker) with the fostering social worker", "30/06/2025",
         "Matching report completed and panel date set; Ruby told the outcome in a planned conversation"),
        ("Ruby to see Leo every fortnight, with at least one session a month in the community, so that she keeps "
         "her close bond with her brother",
         "Foster carers and maternal aunt", "31/05/2025",
         "Family time log shows every fortnightly session held; Ruby's feedback after each"),
        ("Ruby's life story work to be completed with her, including her father's heritage and family",
         "Social worker", "Ongoing", "Life story book shared with Ruby and kept at the carers' home"),
        ("Mrs Hale to keep Ruby's bedtime routine and worry book every night so that she feels safe enough to "
         "sleep through in her own room", "Mrs Hale (foster carer)", "28/08/2025 (CLA review)",
         "Carers' log shows settled nights on at least 5 of 7"),
    ]
    table = document.add_table(rows=len(targets) + 2, cols=4)
    table.style = "Table Grid"
    for c, text in enumerate(("What needs to change", "Who", "By when", "How will we know")):
        _write(table.cell(0, c), text, bold=True)
        _shade(table.cell(0, c), "BFBFBF")
    for r, values in enumerate(targets, start=1):
        for c, value in enumerate(values):
            _write(table.cell(r, c), value)
    _widths(table, (Cm(6.5), Cm(3.6), Cm(2.6), Cm(4.3)))


def _learning(document) -> None:
    _theme_heading(document, "Learning and actions arising from the audit")
    _guidance(document, "Actions must be specific, with a named person responsible and a date.")
    actions = [
        ("Team manager to hold and record supervision on Ruby's case at least monthly, with a written rationale "
         "for any change to her family time", "Mark Pellow, Team Manager", "11/04/2025"),
        ("Social worker to meet Ruby to explain the change to family time with her mother and record her views on "
         "it", "Hannah Oduya, Social Worker", "28/03/2025"),
        ("Chronology to be brought up to date to include the carers' notice of 10/01/2025 and its withdrawal",
         "The team", "04/04/2025"),
    ]
    table = document.add_table(rows=len(actions) + 1, cols=3)
    table.style = "Table Grid"
    for c, text in enumerate(("Action", "Responsible", "Timescale")):
        _write(table.cell(0, c), text, bold=True)
        _shade(table.cell(0, c), "BFBFBF")
    for r, values in enumerate(actions, start=1):
        for c, value in enumerate(values):
            _write(table.cell(r, c), value)
    _widths(table, (Cm(10.0), Cm(4.5), Cm(2.5)))


def _sign_off(document) -> None:
    _theme_heading(document, "Sign-off and moderation")
    table = document.add_table(rows=8, cols=4)
    table.style = "Table Grid"
    pairs = [
        (0, ("Auditor", "Claire Whitlock", "Date completed", "12/03/2025")),
        (1, ("Team manager", "Mark Pellow", "Date shared with team manager", "14/03/2025")),
        (4, ("Moderated by", "Sunita Rai, Quality Assurance Manager", "Date moderated", "19/03/2025")),
    ]
    for r, values in pairs:
        for c, value in enumerate(values):
            _write(table.cell(r, c), value, bold=c in (0, 2))
            if c in (0, 2):
                _shade(table.cell(r, c), "D9E2F3")
    wide = [
        (2, "Team manager's response", True),
        (3, "I accept the findings on supervision. Supervision for Ruby is now booked monthly to July and I have "
            "met Hannah to agree the matching report timetable.", False),
        (5, "Moderator's comments", True),
        (6, "Amended: the overall grade was changed from Good to Requires improvement, because the management "
            "oversight findings affect Ruby's permanence directly. The auditor's evidence for each theme is clear.",
         False),
    ]
    for r, text, bold in wide:
        cell = table.cell(r, 0).merge(table.cell(r, 3))
        _write(cell, text, bold=bold)
        if bold:
            _shade(cell, "D9E2F3")
    _write(table.cell(7, 0).merge(table.cell(7, 1)), "Moderation outcome", bold=True)
    _shade(table.cell(7, 0), "D9E2F3")
    _write(table.cell(7, 2).merge(table.cell(7, 3)), _ticks(("Agreed", "Amended", "Returned"), "Amended"))
    _widths(table, (Cm(3.6), Cm(5.0), Cm(3.8), Cm(4.6)))


def build(path: pathlib.Path) -> None:
    document = docx.Document()
    document.styles["Normal"].font.name = "Arial"
    document.styles["Normal"].font.size = Pt(10)
    for section in document.sections:
        section.left_margin = section.right_margin = Cm(2)
    top = document.add_paragraph()
    top.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    top.add_run("Northmoor County Council\nChildren and Families Service").italic = True
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run("Case File Audit Tool")
    run.bold = True
    run.font.size = Pt(16)
    _guidance(document, "OFFICIAL - SENSITIVE. Audit the last six months of practice. For each theme answer the "
                        "questions, then give your judgement of the quality of practice and its impact on the child, "
                        "and tick one grade.")
    _case_details(document)
    for title_text, guidance, questions, judgement, grade in THEMES:
        _theme(document, title_text, guidance, questions, judgement, grade)
    _overall(document)
    _plan(document)
    _learning(document)
    _sign_off(document)
    document.save(str(path))


if __name__ == "__main__":
    import sys

    build(pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "w1_casefile.docx"))
