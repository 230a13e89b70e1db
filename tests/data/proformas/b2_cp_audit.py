"""A child protection case audit workbook in the style of a county council QA team's Excel tool:
an Instructions sheet first, the form on "Case Audit" (a header block of two labels a row, themes
as merged bold rows, prompts written as questions with answers merged to the right, grade words
from a dropdown), a SMART outcomes grid, a learning grid and a QA sign-off, and a Lists sheet.
"""

from __future__ import annotations

import datetime as dt
import pathlib

import openpyxl
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.datavalidation import DataValidation

SUFFIX = ".xlsx"

PLANTED = {
    "GRADE-005": "planning graded Good over a judgement describing drift and continued risk",
    "EVAL-001": "working together judgement only lists core group dates and attendance",
    "ESC-004": "oversight judgement names poor practice but escalation answered No",
    "SMART-002": "mother's mental health target has timescale 'Ongoing'",
    "REC-002": "recommendation owned by 'The team'",
}

SHEET = "Case Audit"
LAST_COLUMN = 7  # A to G

THIN = Side(style="thin", color="808080")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
THEME_FILL = PatternFill("solid", fgColor="1F4E78")
BLOCK_FILL = PatternFill("solid", fgColor="D9E1F2")
LABEL_FILL = PatternFill("solid", fgColor="F2F2F2")
WRAP = Alignment(wrap_text=True, vertical="top")


def d(day: int, month: int, year: int) -> dt.datetime:
    return dt.datetime(year, month, day)


HEADER_BLOCK = [
    ("Child ID", 1102387, "Age", "8 years"),
    ("Social worker", "Priya Shah", "Team manager", "Daniel Okoro"),
    ("Team", "North Safeguarding Team 2", "Current status", "Child Protection"),
    ("Category of plan", "Neglect", "Date child protection plan started", d(4, 11, 2024)),
    ("Source of referral", "School", "Audit type", "Practice audit day"),
    ("Audit reference", "CPA-2025-117", "Date of audit", d(12, 6, 2025)),
    ("Period under review – from", d(12, 12, 2024), "Period under review – to", d(12, 6, 2025)),
]

AUDITORS = "Helen Marsh (Practice Improvement Lead); Tom Briggs (Independent Reviewing Officer)"

SUMMARY = (
    "Kacey is 8 and lives with her mother, Ms Lauren Harper, and her brother Jayden (3). She has "
    "been subject to a child protection plan under the category of neglect since 04/11/2024, after "
    "school raised concerns about her hunger, poor hygiene and untreated tooth decay, and a home "
    "visit found no bed in her room. Ms Harper has long-standing low mood. Kacey's father, Mr Dale "
    "Finch, lives in another county and has telephone contact."
)

EVIDENCE_PROMPT = "What evidence did you find on the file?"
STRENGTHS_PROMPT = "What is working well?"
DEVELOPMENT_PROMPT = "What are the areas for development?"
GRADE_PROMPT = "Grade"

THEMES = [
    {
        "title": "Theme 1 – Assessment",
        "evidence": (
            "Single assessment started 21/10/2024 and authorised 15/11/2024; Graded Care Profile 2 "
            "completed 30/10/2024; chronology; genogram; Kacey seen alone at school on 22/10/2024 "
            "and at home on 29/10/2024."
        ),
        "extra": [
            ("Is the chronology up to date and does it inform the assessment?",
             "Yes – chronology updated to 28/05/2025 and referred to in the assessment."),
        ],
        "judgement_prompt": "How well does the assessment analyse risk and what life is like for the child?",
        "judgement": (
            "The assessment is strong. It used the GCP2 neglect tool to move beyond the "
            "untidy house and show what neglect meant for Kacey day to day: going to school hungry, "
            "sleeping on the sofa and toothache that kept her awake. Because the analysis linked "
            "this to her mother's low mood rather than to a lack of effort, the plan that followed "
            "aimed at her mother's health as well as the home, which we judge was the right focus."
        ),
        "strengths": "Kacey's own words about being hungry at school are quoted in the analysis.",
        "development": "The assessment did not explore Mr Finch's capacity to offer Kacey respite or support.",
        "grade": "Good",
    },
    {
        "title": "Theme 2 – Child protection planning",
        "evidence": (
            "Initial child protection conference 04/11/2024; review conference 03/02/2025 "
            "(rescheduled from 20/01/2025); core groups 09/12/2024, 18/03/2025 and 20/05/2025; "
            "core groups booked for 21/01/2025 and 18/02/2025 were cancelled."
        ),
        "extra": [],
        "judgement_prompt": "How effective is the child protection plan in reducing risk to the child?",
        "judgement": (
            "Planning drifted between January and April. Two core groups were cancelled and not "
            "rearranged, the neglect targets were not reviewed for three months, and the home "
            "conditions deteriorated again in February without any change to the plan, so Kacey "
            "remained at risk of harm for longer than she should have."
        ),
        "strengths": "The plan's targets were written with Ms Harper and are in plain language.",
        "development": "Cancelled core groups must be rearranged promptly and progress against targets recorded at each one.",
        "grade": "Good",
    },
    {
        "title": "Theme 3 – The child's lived experience and voice",
        "evidence": (
            "Kacey seen alone on 9 of 11 visits; 'three houses' and a wishes and feelings booklet "
            "completed; Kacey's drawings of her bedroom on file; views taken to both conferences."
        ),
        "extra": [
            ("Has the child been seen alone at every statutory visit? If not, why not?",
             "No – not seen alone on 2 visits when she was unwell; she was seen alone at school within the week both times."),
        ],
        "judgement_prompt": "How well do we understand what life is like for the child, and has their voice shaped the plan?",
        "judgement": (
            "Kacey's voice runs through this work and has made a difference. Her worker used the "
            "three houses with her twice, and Kacey's wish to 'have my own bed like Ruby' became a "
            "plan target. She now sleeps in her own room, and she told us she is 'not hungry at "
            "school any more' because she goes to breakfast club, which shows that listening to her "
            "changed what the adults did."
        ),
        "strengths": "Direct work is creative and suited to Kacey's age; her words are quoted in the plan.",
        "development": "Jayden's experience is recorded much less fully than Kacey's.",
        "grade": "Good",
    },
    {
        "title": "Theme 4 – Working together",
        "evidence": (
            "Core group minutes; school attendance reports; health visitor and school nurse "
            "reports; dental practice letter of 14/02/2025."
        ),
        "extra": [],
        "judgement_prompt": "How well are partner agencies working together to protect the child?",
        "judgement": (
            "Core groups were held on 09/12/2024, 18/03/2025 and 20/05/2025. The school, the health "
            "visitor and the school nurse attended each one. Minutes were circulated to all members "
            "and the dental practice sent a letter in February."
        ),
        "strengths": "School reports attendance to the social worker every week.",
        "development": "The community mental health team has not attended a core group or sent a report.",
        "grade": "Good",
    },
    {
        "title": "Theme 5 – Management oversight and supervision",
        "evidence": (
            "Supervision records 14/01/2025 and 22/04/2025; management decisions at allocation "
            "and after the initial conference."
        ),
        "extra": [
            ("Is there evidence of reflective supervision?", "Partly – the 22/04/2025 record is reflective; the January record is a list of tasks."),
        ],
        "judgement_prompt": "How effective has management oversight been in driving the plan forward?",
        "judgement": (
            "This was poor practice during the period of drift. There was no recorded supervision between "
            "14/01/2025 and 22/04/2025 and no management direction when home conditions deteriorated "
            "in February, which left Kacey living in neglectful conditions for a further three months. "
            "The April supervision was reflective and restarted the plan, but it came too late."
        ),
        "strengths": "The April supervision set clear, dated tasks that were then completed.",
        "development": "Supervision must be monthly and record decisions when a plan is not progressing.",
        "grade": "Requires improvement",
    },
    {
        "title": "Theme 6 – Outcomes for the child",
        "evidence": (
            "School attendance 78% (autumn term) and 93% (summer term to date); dental treatment "
            "completed 26/03/2025; Graded Care Profile 2 re-scored 02/06/2025."
        ),
        "extra": [],
        "judgement_prompt": "What difference has the plan made for the child?",
        "judgement": (
            "Kacey is safer and better cared for than she was in November, and we judge the change "
            "to be real but not yet secure. Her attendance has risen from 78% to 93%, her tooth decay "
            "has been treated so she is no longer in pain, and she sleeps in her own bed. Because "
            "most of this progress came after April, the plan now needs to show it will last."
        ),
        "strengths": "Improvements are evidenced by school, the dentist and Kacey herself.",
        "development": "The next review should test whether the home conditions hold without weekly visits.",
        "grade": "Good",
    },
]

OVERALL_PROMPT = "Overall, what is the quality of practice for this child and why?"
OVERALL = (
    "Practice requires improvement. Kacey's voice is strong and her health and schooling are "
    "better because her social worker was persistent, but drift in the plan between January and "
    "April and the gap in supervision meant she lived with neglect for longer than she should "
    "have. She is safer now than she was in November, but the gains are recent."
)
IMPACT_PROMPT = "What has changed for the child as a result of our involvement?"
IMPACT = (
    "Since the plan began Kacey has her own bed, her dental treatment is complete and her "
    "attendance has risen from 78% to 93%; she told us she is 'not hungry at school any more'. "
    "These changes are real, although the plan still needs to show they will last."
)

TARGET_HEADER = ["Outcome wanted for the child", "Lead", "By when", "How will we know?",
                 "How will this make the child safer?", "Parents told why this must change?", "RAG"]
TARGETS = [
    ["Ms Harper to make sure Kacey's bedroom has a bed, clean bedding and a working light, so that "
     "Kacey sleeps in her own room every night.", "Mother (Ms Harper)", d(31, 1, 2025),
     "Seen on four consecutive unannounced visits by the social worker.",
     "Kacey will sleep warm and undisturbed instead of on the sofa downstairs.",
     "Yes – told at the conference on 04/11/2024 that poor home conditions are harming Kacey's "
     "health and that legal advice will be sought if there is no change.", "Green"],
    ["Kacey to attend school at least 95% of sessions each half-term, with breakfast club every day.",
     "Mother (Ms Harper), with the school attendance officer", d(18, 7, 2025),
     "Weekly attendance figures from the school register.",
     "School staff will see Kacey every morning and notice if she is hungry, unwell or unkempt.",
     "Yes – explained at the conference and at core group on 09/12/2024.", "Amber"],
    ["Kacey to complete the dental treatment plan so that she is free from toothache.",
     "Mother (Ms Harper)", d(31, 3, 2025),
     "Dental practice confirms the treatment plan is complete.",
     "Kacey will no longer be in pain or losing sleep because of untreated decay.",
     "Yes – told at the conference that missed dental care is part of the neglect.", "Green"],
    ["Ms Harper to attend her appointments with the community mental health team for her low mood.",
     "Mother (Ms Harper)", "Ongoing",
     "Attendance confirmed by the community mental health team at each core group.",
     "Ms Harper will be well enough to meet Kacey's daily care needs.",
     "Yes – discussed at core group on 09/12/2024.", "Amber"],
]

FEEDBACK_HEADER = ["Who was spoken to?", "What did they tell us about the help they have had?"]
FEEDBACK = [
    ["Child", "Kacey said she likes her new bed with the unicorn cover and that Priya 'always asks what I think'."],
    ["Parent", "Ms Harper said the plan was 'a lot at first' but that clear targets helped her see what had to change."],
]

LEARNING_HEADER = ["Action", "Owner", "Deadline", "Completed?"]
LEARNING = [
    ["Convene a core group within 10 working days to review the neglect targets and book a "
     "Graded Care Profile 2 re-assessment.", "Priya Shah, social worker", d(26, 6, 2025), "No"],
    ["Hold monthly supervision with Priya Shah for the rest of 2025 and record a management "
     "decision on the plan's progress at each one.", "Daniel Okoro, team manager", d(30, 6, 2025), "No"],
    ["Introduce a rule that a cancelled core group is re-booked within 5 working days, with the "
     "reason recorded on the child's file.", "The team", d(31, 7, 2025), "No"],
    ["Invite the community mental health team to the next core group and ask for a written report "
     "on Ms Harper's attendance.", "Priya Shah, social worker", d(20, 6, 2025), "No"],
]


class Sheet:
    """Writes the form row by row."""

    def __init__(self, ws: openpyxl.worksheet.worksheet.Worksheet) -> None:
        self.ws = ws
        self.row = 1

    def put(self, row: int, column: int, value: object, *, bold: bool = False, fill=None,
            merge_to: int | None = None, italic: bool = False, size: int = 10,
            colour: str = "000000") -> None:
        cell = self.ws.cell(row, column, value)
        cell.font = Font(bold=bold, italic=italic, size=size, color=colour)
        cell.alignment = WRAP
        if isinstance(value, dt.datetime):
            cell.number_format = "dd/mm/yyyy"
        elif isinstance(value, str):
            cell.data_type = "s"
        if fill is not None:
            cell.fill = fill
        last = merge_to or column
        for c in range(column, last + 1):
            self.ws.cell(row, c).border = BOX
        if merge_to and merge_to > column:
            self.ws.merge_cells(start_row=row, start_column=column, end_row=row, end_column=merge_to)

    def title(self, text: str, *, fill=THEME_FILL, colour: str = "FFFFFF", size: int = 11) -> None:
        self.row += 1
        self.put(self.row, 1, text, bold=True, fill=fill, merge_to=LAST_COLUMN, colour=colour, size=size)
        self.row += 1

    def prompt(self, question: str, answer: object, height: int = 60) -> int:
        self.put(self.row, 1, question, bold=True, fill=LABEL_FILL)
        self.put(self.row, 2, answer, merge_to=LAST_COLUMN)
        self.ws.row_dimensions[self.row].height = height
        self.row += 1
        return self.row - 1

    def grid(self, header: list[str], rows: list[list[object]]) -> None:
        for c, text in enumerate(header, start=1):
            self.put(self.row, c, text, bold=True, fill=BLOCK_FILL)
        self.row += 1
        for values in rows:
            for c, value in enumerate(values, start=1):
                self.put(self.row, c, value)
            self.ws.row_dimensions[self.row].height = 75
            self.row += 1


def _instructions(ws) -> None:
    ws.column_dimensions["A"].width = 110
    lines = [
        ("Child protection case audit – guidance for auditors", True),
        ("", False),
        ("This tool is used on practice audit days for children subject to a child protection plan.", False),
        ("Look at the last six months of the child's record. Answer each prompt on the 'Case Audit' "
         "sheet with evidence from the file and your evaluation of the difference the work has made "
         "for the child.", False),
        ("Choose a grade for each theme from the dropdown: Outstanding, Good, Requires improvement or "
         "Inadequate. Do not use numbers.", False),
        ("SMART outcomes: copy each outcome from the current child protection plan and say whether it "
         "is specific, has a lead and a timescale, and how progress will be measured.", False),
        ("If you identify practice that leaves a child at risk, tell the audit lead the same day and "
         "complete the escalation section.", False),
        ("Send the completed workbook to the QA inbox within 5 working days of the audit.", False),
    ]
    for r, (text, bold) in enumerate(lines, start=1):
        cell = ws.cell(r, 1, text)
        cell.font = Font(bold=bold, size=12 if bold else 10)
        cell.alignment = Alignment(wrap_text=True)


def _lists(ws) -> None:
    columns = {
        "Grades": ["Outstanding", "Good", "Requires improvement", "Inadequate"],
        "Yes/No": ["Yes", "No"],
        "Status": ["Child Protection", "Child in Need", "Looked After"],
        "QA outcome": ["Agreed", "Amended", "Returned"],
        "Spoken to": ["Child", "Parent", "Carer"],
        "RAG": ["Red", "Amber", "Green"],
        "Audit type": ["Practice audit day", "Thematic", "Spot check"],
    }
    for c, (name, values) in enumerate(columns.items(), start=1):
        ws.cell(1, c, name).font = Font(bold=True)
        for r, value in enumerate(values, start=2):
            ws.cell(r, c, value)
        ws.column_dimensions[openpyxl.utils.get_column_letter(c)].width = 22


def build(path: pathlib.Path) -> None:
    book = openpyxl.Workbook()
    instructions = book.active
    instructions.title = "Instructions"
    _instructions(instructions)
    ws = book.create_sheet(SHEET)
    _lists(book.create_sheet("Lists"))

    ws.page_setup.orientation = "portrait"
    ws.column_dimensions["A"].width = 42
    for letter in "BCDEFG":
        ws.column_dimensions[letter].width = 20
    grades = DataValidation(type="list", formula1="=Lists!$A$2:$A$5", allow_blank=True)
    yes_no = DataValidation(type="list", formula1="=Lists!$B$2:$B$3", allow_blank=True)
    status = DataValidation(type="list", formula1="=Lists!$C$2:$C$4", allow_blank=True)
    outcome = DataValidation(type="list", formula1="=Lists!$D$2:$D$4", allow_blank=True)
    spoken = DataValidation(type="list", formula1="=Lists!$E$2:$E$4", allow_blank=True)
    rag = DataValidation(type="list", formula1="=Lists!$F$2:$F$4", allow_blank=True)
    kind = DataValidation(type="list", formula1="=Lists!$G$2:$G$4", allow_blank=True)
    for validation in (grades, yes_no, status, outcome, spoken, rag, kind):
        ws.add_data_validation(validation)

    s = Sheet(ws)
    s.put(1, 1, "Child Protection Case Audit", bold=True, size=14, merge_to=LAST_COLUMN)
    s.put(2, 1, "Children's Services – Quality Assurance Framework, version 3.2 (April 2025)",
          italic=True, merge_to=LAST_COLUMN)
    s.row = 3
    s.title("Case details", fill=BLOCK_FILL, colour="000000")
    for left, left_value, right, right_value in HEADER_BLOCK:
        s.put(s.row, 1, left, bold=True, fill=LABEL_FILL)
        s.put(s.row, 2, left_value, merge_to=3)
        s.put(s.row, 4, right, bold=True, fill=LABEL_FILL)
        s.put(s.row, 5, right_value, merge_to=LAST_COLUMN)
        if right == "Current status":
            status.add(f"E{s.row}")
        if right == "Audit type":
            kind.add(f"E{s.row}")
        s.row += 1
    s.put(s.row, 1, "Auditor(s)", bold=True, fill=LABEL_FILL)
    s.put(s.row, 2, AUDITORS, merge_to=LAST_COLUMN)
    s.row += 1

    # The summary box: a full-width prompt with its answer in a merged box below it.
    s.row += 1
    s.put(s.row, 1, "Brief summary of the case and why the child is subject to a child protection plan",
          bold=True, fill=LABEL_FILL, merge_to=LAST_COLUMN)
    s.row += 1
    s.put(s.row, 1, SUMMARY, merge_to=LAST_COLUMN)
    ws.row_dimensions[s.row].height = 90
    s.row += 1

    for theme in THEMES:
        s.title(theme["title"])
        s.prompt(EVIDENCE_PROMPT, theme["evidence"])
        for question, answer in theme["extra"]:
            s.prompt(question, answer, height=35)
        s.prompt(theme["judgement_prompt"], theme["judgement"], height=110)
        s.prompt(STRENGTHS_PROMPT, theme["strengths"], height=35)
        s.prompt(DEVELOPMENT_PROMPT, theme["development"], height=35)
        grades.add(f"B{s.prompt(GRADE_PROMPT, theme['grade'], height=18)}")

    s.title("SMART outcomes in the child protection plan")
    first = s.row + 1
    s.grid(TARGET_HEADER, TARGETS)
    rag.add(f"G{first}:G{s.row - 1}")

    s.title("Feedback from the child and family")
    first = s.row + 1
    s.grid(FEEDBACK_HEADER, FEEDBACK)
    spoken.add(f"A{first}:A{s.row - 1}")

    s.title("Overall evaluation")
    s.prompt(OVERALL_PROMPT, OVERALL, height=90)
    s.prompt(IMPACT_PROMPT, IMPACT, height=75)

    s.title("Learning / recommendations")
    first = s.row + 1
    s.grid(LEARNING_HEADER, LEARNING)
    yes_no.add(f"D{first}:D{s.row - 1}")

    s.title("Escalation")
    yes_no.add(f"B{s.prompt('Has poor practice been identified that needs escalating?', 'No', height=30)}")
    s.prompt("Escalated to (name/role)", None, height=18)
    s.prompt("Date escalated", None, height=18)

    s.title("QA sign-off")
    s.put(s.row, 1, "QA manager", bold=True, fill=LABEL_FILL)
    s.put(s.row, 2, "Rachel Adeyemi, Service Manager (Quality Assurance)", merge_to=3)
    s.put(s.row, 4, "Date", bold=True, fill=LABEL_FILL)
    s.put(s.row, 5, d(20, 6, 2025), merge_to=LAST_COLUMN)
    s.row += 1
    outcome.add(f"B{s.prompt('Outcome', 'Agreed', height=18)}")
    s.prompt("QA comments", (
        "Agreed. The auditors have been clear about the drift between January and April and about "
        "what has improved for Kacey since. The team manager has been asked to confirm the "
        "supervision dates by 30/06/2025."), height=60)

    ws.freeze_panes = "A4"
    book.active = 1
    book.save(str(path))


if __name__ == "__main__":
    import sys

    build(pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "b2_cp_audit.xlsx"))
