"""A shire district's early help / targeted support audit workbook (Excel): one "Front sheet" with
labels in column B (merged B:C) and answers from column D, two labels a row in the case details,
audit areas A-E as bold merged shaded rows with yes/no question rows, a judgement drop-down, and
grids for the family plan and the service's learning; a Guidance sheet and a hidden Lists sheet.
"""

from __future__ import annotations

import datetime as dt
import pathlib

import openpyxl
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.datavalidation import DataValidation

SUFFIX = ".xlsx"

PLANTED = {
    "GRADE-001": "family plan judgement carries a score ('6/10 on the plan quality checklist')",
    "SMART-001": "home conditions goal owned by 'All'",
    "REC-002": "learning point on TAF minutes led by 'Team'",
    "ESC-001": "poor practice marked Yes but escalated to 'SMT', no one named",
}

D = dt.date
GREEN = PatternFill("solid", fgColor="C6E0B4")
PALE = PatternFill("solid", fgColor="EDF5E6")
YELLOW = PatternFill("solid", fgColor="FFF2CC")
THIN = Side(style="thin", color="A6A6A6")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
JUDGEMENTS = ["Outstanding", "Good", "Requires Improvement", "Inadequate"]

AREAS = [
    {
        "title": "A. Assessment (Early Help Assessment)",
        "guidance": "Consider: was the Early Help Assessment (EHA) completed within 45 working days of the "
                    "request for support? Does it bring together the views of the child, family and "
                    "professionals, and does the analysis say what life is like for each child?",
        "questions": [
            ("A1 Was the EHA completed within 45 working days of the request for support?", "Yes",
             "Request 19/08/2024; EHA completed 02/09/2024."),
            ("A2 Does the EHA include the views of each child in the household?", "Yes",
             "Leo's and Maisie's views recorded using the three houses tool."),
            ("A3 Has the EHA been updated following a significant event?", "Partly",
             "Not updated after the school's report of 08/11/2024 (see area E)."),
        ],
        "evidence": "EHA dated 02/09/2024; school attendance data; GP letter about Ms Holt's low mood "
                    "(26/08/2024); three houses work with Leo and Maisie (29/08/2024).",
        "judgement": "Good",
        "why": "The assessment is good because it was timely and gets to the heart of why Leo is missing "
               "school: it links his morning anxiety to his mum's low mood and the family's debts, rather "
               "than treating it as a behaviour problem. As a result the plan targeted the right things and "
               "Leo's attendance has risen. It was not updated after the November incident, which is why it "
               "is not outstanding.",
    },
    {
        "title": "B. Family plan",
        "guidance": "Consider: is there a family plan that is SMART, written in plain language with "
                    "the family, "
                    "reviewed at Team Around the Family (TAF) meetings at least every 6-8 weeks? Does it use "
                    "the Outcomes Star to measure progress?",
        "questions": [
            ("B1 Is there a current family plan agreed with the family?", "Yes",
             "Plan agreed at first TAF 16/09/2024."),
            ("B2 Has the plan been reviewed at a TAF at least every 8 weeks?", "Yes",
             "TAFs 16/09/2024, 04/11/2024, 13/01/2025."),
            ("B3 Is the Outcomes Star completed at the start and at each review?", "Partly",
             "Star completed 16/09/2024 and 13/01/2025; not at 04/11/2024."),
        ],
        "evidence": "Family plan v1 (16/09/2024) and v3 (13/01/2025); TAF minutes x3; Family Star Plus "
                    "readings 16/09/2024 and 13/01/2025.",
        "judgement": "Requires Improvement",
        "why": "The family plan requires improvement. The attendance and debt goals are specific and have "
               "worked: Leo's attendance rose from 78% to 91% because breakfast club and the morning routine "
               "chart were agreed with Ms Holt. But the home conditions goal is owned by no one and the plan "
               "was not changed after the November incident, so Dean's part in the household is still not "
               "addressed. Scored 6/10 on the plan quality checklist.",
    },
    {
        "title": "C. Child and family voice",
        "guidance": "Consider: have the children been seen, and seen alone where appropriate? Is their lived "
                    "experience clear? Have parents' and carers' views shaped the plan?",
        "questions": [
            ("C1 Have the children been seen at least every 4 weeks?", "Yes",
             "Leo seen 9 times, Maisie 7 times in the period."),
            ("C2 Has Leo been seen on his own?", "Yes", "At school, 5 times."),
            ("C3 Is Dean (mum's partner) part of the assessment and plan?", "No",
             "Dean has not been seen; he is mentioned in 2 case notes only."),
        ],
        "evidence": "Case notes of visits; Leo's worry monster drawings (10/10/2024); Maisie's 'my day' "
                    "pictures; Ms Holt's feedback form (13/01/2025).",
        "judgement": "Good",
        "why": "The children's voices are clear and have changed the work: Leo told his worker that he "
               "worried about leaving his mum alone when she was sad, and because of this the plan "
               "gave him a "
               "text check-in with mum at lunchtime, after which his mornings became calmer. Ms "
               "Holt says the "
               "worker \"never made me feel judged\". Dean's voice is missing, which limits what we "
               "know about "
               "the children's experience at home.",
    },
    {
        "title": "D. Partnership",
        "guidance": "Consider: are the right agencies involved and do they attend TAFs? Is "
                    "information shared "
                    "promptly? Is the lead practitioner role clear?",
        "questions": [
            ("D1 Did school, health and other agencies attend the TAF meetings?", "Yes",
             "School at all 3; school nurse at 2; Citizens Advice at 1."),
            ("D2 Is the lead practitioner clearly identified?", "Yes", "Kerry-Ann Booth, FSW."),
        ],
        "evidence": "TAF attendance lists; school attendance reports (monthly); Citizens Advice letter "
                    "about the debt repayment plan (02/12/2024).",
        "judgement": "Good",
        "why": "Partnership working has been effective: the school's monthly attendance figures let the TAF "
               "see quickly that breakfast club was working, and Citizens Advice's debt plan cut "
               "the family's "
               "repayments by £180 a month, which Ms Holt says has eased her low mood. The school nurse's "
               "ELSA referral for Leo was made within a week of the TAF asking for it.",
    },
    {
        "title": "E. Supervision and oversight",
        "guidance": "Consider: is there regular recorded supervision (at least every 6 weeks) that "
                    "gives clear "
                    "direction? Are decisions to step up or step down recorded with reasons?",
        "questions": [
            ("E1 Is there recorded supervision at least every 6 weeks?", "No",
             "Supervision 03/09/2024 and 14/01/2025 only."),
            ("E2 Is there a management decision on the record after any safeguarding concern?", "No",
             "None until 17/11/2024."),
        ],
        "evidence": "Supervision records 03/09/2024 and 14/01/2025; case note of school call 08/11/2024; "
                    "Front Door consultation record 17/11/2024.",
        "judgement": "Requires Improvement",
        "why": "Oversight requires improvement and in one respect was poor. When school reported on "
               "08/11/2024 "
               "that Leo had a bruise and said \"Dean grabbed me\", it was not discussed with a "
               "manager or the "
               "Front Door for nine days, so Leo stayed at home with no safety plan while the risk "
               "was unknown. "
               "The gap in supervision between September and January meant no one noticed the delay.",
    },
]

PLAN = [
    ("Leo to attend school at least 95% of sessions each half-term",
     "Breakfast club place; morning routine chart; lunchtime text to mum", "Ms Holt and Leo; school "
     "attendance officer (Mrs Patel) to share figures monthly", "by Easter holidays (04/04/2025)"),
    ("Ms Holt's debt repayments kept within the Citizens Advice plan (£95 a month)",
     "Monthly budget check with FSW; Citizens Advice review", "Ms Holt with Kerry-Ann Booth (FSW)",
     "reviewed at TAF 10/03/2025"),
    ("Home conditions score 7 or more on the home conditions checklist at each fortnightly visit",
     "Decluttering plan; bunk beds from the furniture scheme", "All", "by 31/03/2025"),
    ("Leo's Family Star 'feeling safe' reading up from 4 to 7 so he can talk about his worries",
     "Six ELSA sessions in school; worry monster at home", "School nurse (Jo Kaur) and ELSA (Mr Brooks)",
     "by TAF 10/03/2025"),
]

LEARNING = [
    ("Practice manager to add a prompt to the EH case note template so that any injury or disclosure "
     "reported by a partner is discussed with a manager the same day", "Marcus Lyle, EH Practice Manager",
     D(2025, 3, 31)),
    ("Hub manager to put monthly supervision dates in the diary for every FSW for the rest of 2025 and "
     "check in April that they have happened", "Anna Greaves, Hub Manager", D(2025, 4, 30)),
    ("TAF minutes to record who each action belongs to and the date it is due", "Team", D(2025, 4, 30)),
]


class _Form:
    """The Front sheet, written row by row."""

    def __init__(self, sheet) -> None:
        self.sheet = sheet
        self.row = 1

    def merge(self, first: str, last: str) -> None:
        self.sheet.merge_cells(f"{first}{self.row}:{last}{self.row}")

    def put(self, column: str, value, fill=None, bold: bool = False, italic: bool = False,
            date: bool = False):
        cell = self.sheet[f"{column}{self.row}"]
        cell.value = value
        cell.alignment = WRAP
        cell.border = BOX
        cell.font = Font(name="Arial", size=10, bold=bold, italic=italic)
        if fill is not None:
            cell.fill = fill
        if date:
            cell.number_format = "dd/mm/yyyy"
        return cell

    def title(self, text: str) -> None:
        self.merge("B", "H")
        cell = self.put("B", text, fill=GREEN, bold=True)
        cell.font = Font(name="Arial", size=11, bold=True)
        self.row += 1

    def note(self, text: str) -> None:
        self.merge("B", "H")
        self.put("B", text, italic=True)
        self.sheet.row_dimensions[self.row].height = 40
        self.row += 1

    def label(self, text: str, answer, height: int | None = None) -> None:
        self.merge("B", "C")
        self.put("B", text, fill=PALE, bold=True)
        self.merge("D", "H")
        self.put("D", answer, fill=YELLOW, date=isinstance(answer, dt.date))
        if height:
            self.sheet.row_dimensions[self.row].height = height
        self.row += 1

    def pair(self, left: str, left_answer, right: str, right_answer) -> None:
        self.merge("B", "C")
        self.put("B", left, fill=PALE, bold=True)
        self.merge("D", "E")
        self.put("D", left_answer, fill=YELLOW, date=isinstance(left_answer, dt.date))
        self.put("F", right, fill=PALE, bold=True)
        self.merge("G", "H")
        self.put("G", right_answer, fill=YELLOW, date=isinstance(right_answer, dt.date))
        self.row += 1

    def question(self, text: str, answer: str, comment: str) -> None:
        self.put("B", text)
        self.put("C", answer, fill=YELLOW)
        self.merge("D", "H")
        self.put("D", comment, fill=YELLOW)
        self.sheet.row_dimensions[self.row].height = 30
        self.row += 1

    def grid(self, spans: list[tuple[str, str]], values: list, header: bool = False) -> None:
        for (first, last), value in zip(spans, values, strict=True):
            if first != last:
                self.merge(first, last)
            self.put(first, value, fill=PALE if header else YELLOW, bold=header,
                     date=isinstance(value, dt.date))
        self.row += 1

    def blank(self) -> None:
        self.row += 1


def build(path: pathlib.Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Front sheet"
    for letter, width in zip("ABCDEFGH", (2, 40, 12, 26, 16, 22, 18, 18), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.sheet_view.showGridLines = False

    lists = book.create_sheet("Lists")
    for row, value in enumerate(JUDGEMENTS, start=1):
        lists.cell(row, 1, value)
    for row, value in enumerate(["Yes", "No", "Partly", "N/A"], start=1):
        lists.cell(row, 2, value)
    for row, value in enumerate(["Universal Plus", "Early Help", "Targeted Support",
                                 "Step down from CSC"], start=1):
        lists.cell(row, 3, value)
    lists.sheet_state = "hidden"
    judgement_list = DataValidation(type="list", formula1="=Lists!$A$1:$A$4", allow_blank=True)
    yes_no = DataValidation(type="list", formula1="=Lists!$B$1:$B$4", allow_blank=True)
    need = DataValidation(type="list", formula1="=Lists!$C$1:$C$4", allow_blank=True)
    for validation in (judgement_list, yes_no, need):
        sheet.add_data_validation(validation)

    form = _Form(sheet)
    form.put("B", "Northshire County Council - Ashdown District Family Hub").border = Border()
    form.row += 1
    form.merge("B", "H")
    cell = form.put("B", "Early Help & Targeted Support: Case Audit Tool")
    cell.font, cell.border = Font(name="Arial", size=14, bold=True), Border()
    form.row += 1
    form.note("Complete the yellow cells only. Audit the last 6 months of Early Help work, reading the EHA, "
              "family plan, TAF minutes and case notes. Use the drop-downs for judgements and say "
              "why you have "
              "given each judgement, thinking about the difference our help has made for the child.")
    form.blank()

    form.title("Case details")
    form.pair("Audit reference", "EH-ASH-0412", "Date of audit", D(2025, 2, 19))
    form.pair("Child ID", "556214", "Family ID", "FAM-30187")
    form.pair("Age of child", 8, "Level of need", "Early Help")
    need.add(f"G{form.row - 1}")
    form.pair("Lead practitioner", "Kerry-Ann Booth (Family Support Worker)", "Team",
              "Ashdown Family Hub")
    form.pair("Auditor", "Marcus Lyle (EH Practice Manager)", "Audit type", "Thematic")
    form.pair("Period audited from", D(2024, 8, 19), "to", D(2025, 2, 18))
    form.label("Request for support came from", "School (DSL, Ashdown Primary School)")
    form.label("Reason for Early Help involvement",
               "Leo (8) was missing school (78% attendance in summer term 2024) and was anxious in the "
               "mornings. His mum, Ms Holt, has low mood and the family had rent and energy debts. Leo lives "
               "with his mum, his sister Maisie (5) and mum's partner Dean, who moved in during 2024.", 60)
    form.blank()

    for area in AREAS:
        form.title(area["title"])
        form.note(area["guidance"])
        for question in area["questions"]:
            yes_no.add(f"C{form.row}")
            form.question(*question)
        form.label("Evidence seen", area["evidence"], 45)
        judgement_list.add(f"D{form.row}")
        form.label("Judgement (Outstanding/Good/RI/Inadequate)", area["judgement"])
        form.label("Why have you given this judgement?", area["why"], 105)
        form.blank()

    form.title("Outcomes star / family plan")
    form.note("Copy the goals from the current family plan (after the last TAF) exactly as the family and "
              "practitioner wrote them. Each goal should say who will do it and by when.")
    spans = [("B", "C"), ("D", "E"), ("F", "F"), ("G", "H")]
    form.grid(spans, ["Goal", "Steps", "Who", "Timescale"], header=True)
    for goal in PLAN:
        form.grid(spans, list(goal))
        sheet.row_dimensions[form.row - 1].height = 45
    form.blank()

    form.title("Overall")
    judgement_list.add(f"D{form.row}")
    form.label("Overall judgement (Outstanding/Good/RI/Inadequate)", "Requires Improvement")
    form.label("Summary of overall judgement",
               "Early help for this family requires improvement overall. The worker's relationship with Ms "
               "Holt and the children, and the school's and Citizens Advice's involvement, have made a real "
               "difference to Leo's attendance and the family's money worries. But the delay in acting on "
               "Leo's bruise and his words about Dean left him without a safety plan for nine days, and Dean "
               "is still outside the plan, so we do not know that the children are safe at home.", 90)
    form.label("What difference has Early Help made for the child?",
               "Leo's attendance has risen from 78% to 91% and he now goes into school calmly most mornings; "
               "he told his worker \"I like breakfast club because my friends are there\". Maisie "
               "has settled "
               "in Reception. Ms Holt says she is \"not drowning any more\" now the debts are in a "
               "plan. What "
               "Leo's life is like when Dean is at home is still not known.", 75)
    form.label("Practice strengths to feed back to the worker",
               "Kerry-Ann's direct work with Leo (worry monster, three houses) is creative and he "
               "trusts her.", 30)
    form.blank()

    form.title("Escalation")
    yes_no.add(f"D{form.row}")
    form.label("Are there practice concerns that need escalating?", "Yes")
    form.label("Escalated to", "SMT")
    form.label("Date escalated", D(2025, 2, 20))
    form.blank()

    form.title("Learning for the service")
    spans = [("B", "E"), ("F", "F"), ("G", "H")]
    form.grid(spans, ["Learning point", "Lead", "Target date"], header=True)
    for point in LEARNING:
        form.grid(spans, list(point))
        sheet.row_dimensions[form.row - 1].height = 45
    form.blank()

    form.title("Moderation")
    form.label("Moderator", "Priya Sandhu, Early Help Quality Lead")
    form.label("Date", D(2025, 2, 26))
    form.label("Comments",
               "Agree the judgements. Clear evidence of Leo's voice and of the difference made to his "
               "attendance; the plan needs Dean in it before the next TAF.", 45)

    guide = book.create_sheet("Guidance", 1)
    guide.column_dimensions["A"].width = 24
    guide.column_dimensions["B"].width = 100
    guide["A1"] = "Judgement"
    guide["B1"] = "What it looks like"
    guide["A1"].font = guide["B1"].font = Font(bold=True)
    for row, (word, text) in enumerate([
        ("Outstanding", "Practice is consistently strong and is making a sustained difference to "
                        "the child's life."),
        ("Good", "Practice is effective and the child's circumstances are improving because of it."),
        ("Requires Improvement", "Practice is not yet good: there are gaps or delay, though no "
                                 "child is left at risk."),
        ("Inadequate", "Practice leaves children at risk or without help; escalate to the Head of "
                       "Early Help."),
    ], start=2):
        guide.cell(row, 1, word)
        guide.cell(row, 2, text).alignment = WRAP

    book.properties.creator = "Marcus Lyle"
    book.properties.created = dt.datetime(2025, 2, 19, 9, 0)
    book.save(str(path))


if __name__ == "__main__":
    import sys

    build(pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "b4_early_help_wb.xlsx"))
