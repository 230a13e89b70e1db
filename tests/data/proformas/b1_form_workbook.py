"""Case file audit tool kept as a workbook (one sheet, "Audit Tool"), in the style of a county
council's practice audit day: a header block two labels a row, numbered sections as bold shaded
rows with labels in column A and merged answers beside them, Strengths / Areas for development
with their answers below, and grids for the assessment's actions, the plan, feedback and actions.
"""

from __future__ import annotations

import datetime as dt
import pathlib
import re
import zipfile

import openpyxl
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.datavalidation import DataValidation

SUFFIX = ".xlsx"

PLANTED = {
    "LINK-001": "analysis names Ms Doyle's drinking; no agreed action addresses it",
    "GRADE-004": "voice of the child graded '3' instead of a grade word",
    "SMART-001": "home conditions target owned by 'Professionals'",
    "SMART-002": "home conditions target due 'Ongoing'",
    "SMART-003": "home conditions target has nothing to measure it by",
    "REC-001": "recommendation 'Worker reminded to keep the chronology up to date'",
}

D = dt.datetime
THIN = Side(style="thin", color="808080")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
SECTION_FILL = PatternFill("solid", fgColor="1F4E78")
LABEL_FILL = PatternFill("solid", fgColor="DEEAF6")
GRID_FILL = PatternFill("solid", fgColor="BDD7EE")
WRAP = Alignment(wrap_text=True, vertical="top")
DATE = "dd/mm/yyyy"

HEADER = [
    ("Audit No.", "CFA-0412", "Date of audit", D(2025, 6, 12)),
    ("Child ID", "ML-20931", "Age", "11"),
    ("Social worker", "Tom Riley", "Team manager", "Nadia Hussain"),
    ("Team", "Safeguarding and Family Support (East)", "Auditor(s)",
     "Gemma Cole (Practice Manager); Steve Baxter (IRO)"),
    ("Period covered - from", D(2024, 12, 12), "Period covered - to", D(2025, 6, 12)),
    ("Legal status", "Child Protection", "Type of audit", "Practice audit day"),
    ("Source of original contact", "School", "Audit theme(s)", "Neglect; Parental alcohol misuse"),
]

SUMMARY = (
    "Dylan (11) lives with his mother, Ms Kerry Doyle, and his sister Maisie (4). School referred in "
    "November 2024 after Dylan missed 14 days in six weeks. Both children have been subject to child "
    "protection plans under the category of neglect since the initial conference on 20/01/2025."
)

ANALYSIS = (
    "Dylan and Maisie are neglected, and the neglect has deepened since Ms Doyle's father died in 2023. "
    "Ms Doyle's drinking has increased: on three unannounced visits she was intoxicated by mid-afternoon "
    "and could not say when the children had last eaten. The home has no working cooker and Maisie has no "
    "bed. Dylan's school attendance fell to 71% in the autumn term because he stays at home to look after "
    "his sister."
)

ASSESSMENT_ACTIONS = [
    ("Family support worker to help Ms Doyle replace the cooker and buy a bed for Maisie through the "
     "local welfare fund", "Jade Morris, family support worker", D(2025, 2, 28)),
    ("School to check Dylan in every morning and tell the social worker the same day if he is absent",
     "Mr Clarke, DSL, St Peter's Academy", D(2025, 1, 31)),
]

SECTIONS = [
    {
        "title": "Section 1: Assessment and analysis",
        "questions": [
            ("1.1 Is there an up-to-date assessment that reflects the child's needs?", "Yes",
             "Single assessment authorised 10/01/2025."),
            ("1.2 Were the children seen, and seen alone where old enough?", "Yes",
             "Dylan seen alone at school; Maisie seen at home and at nursery."),
        ],
        "evidence": "Single assessment started 02/12/2024 and authorised 10/01/2025; three unannounced visits; "
                    "school, health visitor and GP contributed.",
        "judgement": (
            "The assessment was timely and gave a clear picture of daily life for Dylan and Maisie, because it "
            "was built on three unannounced visits and on what Dylan told his worker about getting Maisie up "
            "and giving her breakfast. Auditors consider the analysis strong: it explains why the neglect has "
            "worsened since the death of Ms Doyle's father and what this means for each child, which led "
            "directly to the child protection conference."
        ),
        "grade": "Good",
        "strengths": "Dylan's own account of his mornings sits at the centre of the analysis.",
        "development": "Maisie's father, who has not been in contact since 2022, was not considered.",
        "analysis": True,
    },
    {
        "title": "Section 2: Planning and review",
        "questions": [
            ("2.1 Is there a plan that addresses the risks and needs identified?", "Partly",
             "Child protection plan of 20/01/2025; core groups 11/02, 17/03, 14/04 and 19/05/2025."),
            ("2.2 Has the plan been reviewed within timescales?", "Yes", "Review conference 15/04/2025."),
        ],
        "evidence": "Child protection plan agreed 20/01/2025; four core groups; review conference 15/04/2025.",
        "judgement": (
            "The plan has been effective for Dylan's schooling: his attendance has risen from 71% to 94% since "
            "January because school now checks in with him every morning and the social worker follows up each "
            "absence the same day. The plan for the home is weaker. Its target names no one and no date, so the "
            "kitchen and Maisie's sleeping arrangements were no better at the April core group than in January."
        ),
        "grade": "Requires improvement",
        "strengths": "The attendance target is specific and was tested at every core group against the register.",
        "development": "The home conditions target needs an owner, a date and a measure.",
        "plan": True,
    },
    {
        "title": "Section 3: Voice of the child",
        "questions": [
            ("3.1 Are the child's wishes and feelings recorded in their own words?", "Yes",
             "Direct work sessions 23/01, 20/02 and 27/03/2025."),
        ],
        "evidence": "Dylan seen alone on seven of nine visits; three houses and a worry scale used; "
                    "nursery observations of Maisie's play.",
        "judgement": (
            "Dylan's voice is strong in the work and has made a difference to him. He was seen alone at school "
            "on seven of nine visits, and his worry that 'Mum won't wake up if Maisie cries' led to the morning "
            "routine in the plan, so he no longer stays at home to look after his sister. Maisie, at four, has "
            "been understood through nursery observations of her play and speech, which shows the worker "
            "thinking about her experience and not only Dylan's."
        ),
        "grade": "3",
        "strengths": "Dylan's words are quoted in the plan and in the conference report.",
        "development": "Maisie's views could be gathered with her nursery key worker present.",
    },
    {
        "title": "Section 4: Multi-agency working",
        "questions": [
            ("4.1 Do partner agencies contribute to the plan and attend meetings?", "Yes",
             "School, nursery and health visitor at every core group; GP report once."),
        ],
        "evidence": "Core group attendance and written reports from school, nursery and the health visitor.",
        "judgement": (
            "Agencies have worked well together and this has helped both children. School, nursery and the "
            "health visitor attend every core group with written reports, which meant the core group of "
            "14/04/2025 could see that Maisie's speech had improved since she started nursery. The GP's "
            "contribution has been limited to one report, so Ms Doyle's own health is less well understood."
        ),
        "grade": "Good",
        "strengths": "Written reports from school and nursery at every core group.",
        "development": "The GP should report to each core group.",
    },
    {
        "title": "Section 5: Management oversight and supervision",
        "questions": [
            ("5.1 Is there regular, reflective supervision with clear direction?", "Yes",
             "Monthly supervision on file."),
        ],
        "evidence": "Supervision 09/01, 06/02, 06/03, 03/04 and 08/05/2025; decisions recorded at conference.",
        "judgement": (
            "Oversight has been regular and has shaped the plan: monthly supervision records clear direction, "
            "and the team manager's instruction to make unannounced visits gave the evidence that took the case "
            "to conference. Supervision has not yet tackled the missing owner for the home conditions target, "
            "which is why that part of the plan has stalled for five months."
        ),
        "grade": "Requires improvement",
        "strengths": "The direction to visit unannounced changed the course of the case.",
        "development": "Supervision should test each plan target for an owner and a date.",
    },
]

PLAN = [
    ("Dylan to attend school on at least 95% of sessions each half-term, so that he is no longer kept at home "
     "to care for Maisie.", "Ms Doyle, with Mr Clarke (DSL)", D(2025, 7, 18),
     "School register checked each Friday: 95% or above.",
     "A trusted adult at school sees Dylan every morning and will know the same day if he is absent.",
     "Yes - told at conference on 20/01/2025 that Dylan missing school to care for his sister is part of the "
     "neglect, and that attendance below 90% will go to the review conference."),
    ("Maisie to attend nursery three days a week and to have her speech and language assessment.",
     "Ms Doyle; Anna Lees, health visitor", D(2025, 5, 31),
     "Nursery register shows 3 days a week; SALT assessment report on file.",
     "Nursery staff see Maisie three days a week and will share any worry with the social worker the same day.",
     "Yes - Ms Doyle was told that Maisie's speech delay is linked to how little she is talked to and played "
     "with at home."),
    ("Professionals to support Ms Doyle to keep the home clean and tidy.", "Professionals", "Ongoing", "",
     "The children will have a clean kitchen and a safe place to sleep.",
     "Yes - told at conference that the state of the home is part of the neglect."),
]

FEEDBACK = [
    ("Child", "Dylan said his social worker 'sorted it so I can go to school' and that he likes breakfast club. "
              "He would like Mum to 'not be tired all the time'."),
    ("Parent", "Ms Doyle said she finds the meetings hard but that the nursery place has given her 'a bit of "
               "breathing space'."),
]

OVERALL = (
    "Practice is good for Dylan and requires improvement for the children's home life. Dylan is safer and "
    "back in school because the plan gave him a trusted adult and took away his caring role each morning, and "
    "Maisie is talking more since she started nursery. However, the home conditions have not improved in five "
    "months, because the plan for them names no one and sets no date, so both children still live in a home "
    "without a working cooker."
)

IMPACT = (
    "Since January Dylan's attendance has risen from 71% to 94% and he told the auditors he is 'not late any "
    "more'. Maisie attends nursery three days a week and her key worker reports she now uses short sentences. "
    "The children still have no working cooker and Maisie sleeps on a mattress on the floor, so the change for "
    "them is only partial."
)

RECOMMENDATIONS = [
    ("Rewrite the home conditions target so that it names who will do what by when and how it will be "
     "measured, and review it at the core group on 07/07/2025.", "Tom Riley, social worker", D(2025, 7, 7),
     "Not started"),
    ("Ask the GP for a written report on Ms Doyle's health before the review conference.",
     "Tom Riley, social worker", D(2025, 6, 20), "Not started"),
    ("Worker reminded to keep the chronology up to date.", "Nadia Hussain, team manager", D(2025, 6, 30),
     "Not started"),
]


class _Sheet:
    """Writes the form row by row."""

    def __init__(self, sheet) -> None:
        self.sheet = sheet
        self.row = 1

    def put(self, column: int, value, *, bold: bool = False, fill=None, to: int | None = None,
            italic: bool = False, colour: str | None = None):
        cell = self.sheet.cell(self.row, column, value)
        cell.font = Font(bold=bold, italic=italic, color=colour)
        cell.alignment = WRAP
        if isinstance(value, dt.datetime):
            cell.number_format = DATE
        if fill is not None:
            cell.fill = fill
        if to is not None and to > column:
            self.sheet.merge_cells(start_row=self.row, start_column=column, end_row=self.row, end_column=to)
        for c in range(column, (to or column) + 1):
            self.sheet.cell(self.row, c).border = BOX
        return cell

    def next(self, height: float | None = None, blank: int = 0) -> None:
        if height:
            self.sheet.row_dimensions[self.row].height = height
        self.row += 1 + blank

    def section(self, title: str) -> None:
        self.put(1, title, bold=True, fill=SECTION_FILL, to=6, colour="FFFFFF")
        self.next(20)

    def label(self, text: str, value, *, label_to: int = 1, height: float | None = None) -> int:
        self.put(1, text, bold=True, fill=LABEL_FILL, to=label_to)
        self.put(label_to + 1, value, to=6)
        row = self.row
        self.next(height)
        return row

    def grid(self, columns: list[tuple[int, int, str]], rows: list[tuple], height: float = 60) -> None:
        for start, end, text in columns:
            self.put(start, text, bold=True, fill=GRID_FILL, to=end)
        self.next(30)
        for values in rows:
            for (start, end, _), value in zip(columns, values, strict=True):
                self.put(start, value, to=end)
            self.next(height)
        self.next()  # a blank row ends the grid


def build(path: pathlib.Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Audit Tool"
    for letter, width in zip("ABCDEF", (42, 26, 16, 30, 30, 30), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.page_setup.orientation = "landscape"
    grades = DataValidation(type="list", formula1='"Outstanding,Good,Requires improvement,Inadequate"',
                            allow_blank=True)
    yes_no = DataValidation(type="list", formula1='"Yes,No,Partly,N/A"', allow_blank=True)
    sheet.add_data_validation(grades)
    sheet.add_data_validation(yes_no)
    w = _Sheet(sheet)

    w.put(1, "CASE FILE AUDIT TOOL - Children's Social Care", bold=True, to=6)
    sheet.cell(1, 1).font = Font(bold=True, size=14, color="1F4E78")
    w.next(24)
    w.put(1, "Wrexley County Council - Practice Audit Day. Please complete all sections. Judgements must be "
             "written in words and say what difference the work has made for the child; do not score.",
          italic=True, to=6)
    w.next(30, blank=1)

    for left, left_answer, right, right_answer in HEADER:
        w.put(1, left, bold=True, fill=LABEL_FILL)
        w.put(2, left_answer, to=3)
        w.put(4, right, bold=True, fill=LABEL_FILL)
        w.put(5, right_answer, to=6)
        w.next()
    w.next()

    w.put(1, "Summary of the child's circumstances", bold=True, fill=LABEL_FILL)
    w.next()
    w.put(1, SUMMARY, to=6)
    w.next(48, blank=1)

    for section in SECTIONS:
        w.section(section["title"])
        for question, answer, comment in section["questions"]:
            w.put(1, question, fill=LABEL_FILL, to=2)
            w.put(3, answer)
            yes_no.add(sheet.cell(w.row, 3))
            w.put(4, comment, to=6)
            w.next(30)
        if section.get("analysis"):
            w.label("Analysis of risk and need (from the most recent assessment)", ANALYSIS, height=75)
            w.grid([(1, 1, "Action agreed in the assessment"), (2, 2, "By whom"), (3, 3, "By when")],
                   ASSESSMENT_ACTIONS, height=45)
        if section.get("plan"):
            w.put(1, "Current plan: are the outcomes SMART? Copy each outcome from the plan as written, with who, "
                     "when, and how we will know it has been achieved.", italic=True, to=6)
            w.next(30)
            w.grid([(1, 1, "What needs to change"), (2, 2, "Who"), (3, 3, "By when"), (4, 4, "How will we know"),
                    (5, 5, "How will the child be safer?"), (6, 6, "Have parents been told why this must change?")],
                   PLAN, height=75)
        w.label("Evidence (what did you see on the file?)", section["evidence"], height=45)
        w.label("Auditor's judgement (what is the quality of practice and its impact on the child?)",
                section["judgement"], height=90)
        row = w.label("Grade", section["grade"])
        grades.add(sheet.cell(row, 2))
        w.put(1, "Strengths", bold=True, fill=LABEL_FILL, to=3)
        w.put(4, "Areas for development", bold=True, fill=LABEL_FILL, to=6)
        w.next()
        w.put(1, section["strengths"], to=3)
        w.put(4, section["development"], to=6)
        w.next(45, blank=1)

    w.section("Section 6: Feedback from the child and family")
    w.grid([(1, 1, "Feedback from"), (2, 6, "What did they tell us?")], FEEDBACK, height=40)

    w.section("Section 7: Overall judgement and impact")
    w.label("Overall judgement: what is the quality of practice and why?", OVERALL, height=90)
    w.label("What difference has the work made for the child?", IMPACT, height=75)
    w.next()

    w.section("Learning and actions arising from the audit")
    w.grid([(1, 1, "Action"), (2, 2, "Responsible"), (3, 3, "Timescale"), (4, 6, "Progress update")],
           RECOMMENDATIONS, height=45)

    w.section("Escalation")
    row = w.label("Has poor practice been identified that needs escalating?", "No", label_to=2)
    yes_no.add(sheet.cell(row, 3))
    w.label("Escalated to (name/role)", None, label_to=2)
    w.label("Date escalated", None, label_to=2)
    w.next()

    w.section("Moderation")
    w.put(1, "Moderated by", bold=True, fill=LABEL_FILL)
    w.put(2, "Andrew Pike, Service Manager (Quality and Practice)", to=3)
    w.put(4, "Date moderated", bold=True, fill=LABEL_FILL)
    w.put(5, D(2025, 6, 19), to=6)
    w.next()
    w.label("Outcome of moderation", "Agreed")
    w.label("Moderator's comments",
            "Agreed. The judgements are evidenced and say what difference the work made for Dylan and Maisie. "
            "Recommendation 1 to be reported to me at the core group on 07/07/2025.",
            height=45)
    book.properties.creator = "Gemma Cole"
    book.properties.created = D(2025, 6, 12, 9, 0)
    book.save(str(path))
    _fixed_save_date(path, "2025-06-19T16:30:00Z")


def _fixed_save_date(path: pathlib.Path, stamp: str) -> None:
    """openpyxl stamps the time of saving into docProps/core.xml; put a fixed one there (and fixed
    dates on the archive's entries) so that the same workbook is written every time."""
    with zipfile.ZipFile(path) as source:
        entries = [(info, source.read(info.filename)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in entries:
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                              rb"\g<1>" + stamp.encode() + rb"\g<2>", data)
            fixed = zipfile.ZipInfo(info.filename, date_time=(2025, 6, 19, 16, 30, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, data)
