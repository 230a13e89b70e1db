"""A looked-after children (care planning) case file audit, a landscape workbook in the style of a
unitary council's QA spreadsheet: question numbers in column A ("Q1"), questions and labels in B,
a Y / N / P dropdown in C, answers merged across D:H; themes as numbered merged rows, each with a
"Judgement" dropdown and a "Rationale for judgement" row; care plan, recommendation and moderation grids.
"""

from __future__ import annotations

import datetime as dt
import pathlib

import openpyxl
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.datavalidation import DataValidation

SUFFIX = ".xlsx"

PLANTED = {
    "GRADE-004": "permanence judgement entered as the number 3",
    "SMART-001": "sibling contact target owned by 'All professionals'",
    "REC-001": "recommendation that the social worker is 'reminded' to update the chronology",
    "REC-003": "matching report recommendation due 'ASAP'",
    "EVAL-003": "impact answer lists reviews and visits, says nothing of what changed for Leah",
}

SHEET = "CLA audit"

THIN = Side(style="thin", color="7F7F7F")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
THEME_FILL = PatternFill("solid", fgColor="C6E0B4")
HEAD_FILL = PatternFill("solid", fgColor="E2EFDA")
WRAP = Alignment(wrap_text=True, vertical="top")
CENTRE = Alignment(horizontal="center", vertical="top", wrap_text=True)


def d(day: int, month: int, year: int) -> dt.datetime:
    return dt.datetime(year, month, day)


CASE_DETAILS = [
    ("Audit ID", "CLA-2025-032"),
    ("Date of audit", d(4, 7, 2025)),
    ("Auditor", "Joanne Pike (Practice Educator)"),
    ("Child's LCS number", 2209841),
    ("Age", 13),
    ("Case type", "CLA"),
    ("Legal status", "Full care order (s.31)"),
    ("Placement type", "In-house foster care (long-term match proposed)"),
    ("Allocated social worker", "Marcus Webb"),
    ("Team", "Children in Care Team 1"),
    ("Team manager", "Angela Reyes"),
    ("Independent reviewing officer", "Sarah Lindqvist"),
    ("Period covered by audit", "01/01/2025 to 30/06/2025"),
    ("Reason for becoming looked after", (
        "Leah came into care in September 2021, aged 9, after years of neglect and her mother's "
        "drug use; she had moved between relatives four times. She has lived with Mr and Mrs Okafor "
        "since March 2023. Her brother Tyler (9) lives with a kinship carer and they see each other "
        "monthly.")),
]

# Each theme: its title, its questions (number, question, Y/N/P or None, answer), its judgement
# word and the rationale for it.
THEMES = [
    {
        "title": "1. Care planning",
        "questions": [
            ("Q1", "Is there an up-to-date care plan that reflects the child's current needs?", "Y",
             "Care plan updated 11/03/2025 after the January review; reflects Leah's wish to stay with the Okafors."),
            ("Q2", "Have looked after reviews been held within timescale?", "Y",
             "Reviews held 14/01/2025 and 11/06/2025, both within timescale."),
            ("Q3", "Are statutory visits within timescale and is the child seen alone?", "Y",
             "Visits every 6 weeks; Leah seen alone at 5 of 5 visits, twice at school at her request."),
            ("Q4", "Evidence considered", None,
             "Care plan (11/03/2025); review minutes 14/01/2025 and 11/06/2025; visit records; chronology."),
        ],
        "judgement": "Good",
        "rationale": (
            "Care planning is effective and centred on Leah. The care plan was rewritten after the "
            "January review to reflect her wish to stay with the Okafors until she is 18, and each "
            "part names who will do what by when. As a result Leah has had a stable home for over two "
            "years and tells us she knows what will happen next, which matters to a child who moved "
            "four times before she was 11."
        ),
    },
    {
        "title": "2. Permanence",
        "questions": [
            ("Q5", "Was a permanence plan agreed by the second looked after review?", "Y",
             "Long-term fostering with the Okafors agreed as the plan in 2023."),
            ("Q6", "Is the permanence plan being progressed without delay?", "N",
             "Matching report not yet presented to the fostering panel."),
            ("Q7", "Evidence considered", None,
             "Permanence planning meeting notes 20/02/2025; IRO escalation 02/05/2025; panel booking email 24/06/2025."),
        ],
        "judgement": 3,
        "rationale": (
            "Permanence planning has been too slow. The long-term match with the Okafors was agreed in "
            "principle at the review on 14/01/2025, but the matching report has still not gone to "
            "panel, so Leah does not yet have the security of knowing she can stay. She has asked "
            "her social worker twice when it will be 'official', which shows that she feels the delay."
        ),
    },
    {
        "title": "3. Voice of the child",
        "questions": [
            ("Q8", "Are the child's wishes and feelings recorded in their own words?", "Y",
             "Leah's words are quoted in the care plan and in both review records."),
            ("Q9", "Has the child been offered an advocate or an independent visitor?", "Y",
             "Advocate from 02/2025; Leah declined an independent visitor."),
            ("Q10", "Evidence considered", None,
             "Leah's 'my review' booklets; advocate's reports; direct work record 'my two homes' (03/2025)."),
        ],
        "judgement": "Outstanding",
        "rationale": (
            "Leah's voice is at the heart of her care. She chairs part of her own reviews with her "
            "advocate, her wishes about seeing Tyler changed the contact plan, and her own words are "
            "quoted throughout the care plan. Because she has been listened to, she told us she feels "
            "'in charge of my own life now', and her school says she has started to speak up in class."
        ),
    },
    {
        "title": "4. Health and education",
        "questions": [
            ("Q11", "Is the annual health assessment up to date?", "Y",
             "Review health assessment completed 06/02/2025."),
            ("Q12", "Are dental checks up to date?", "N",
             "Last dental check 11/2023; overdue since 11/2024."),
            ("Q13", "Is the personal education plan (PEP) up to date and of good quality?", "Y",
             "PEP 14/05/2025 with specific targets for maths and Year 10 options."),
            ("Q14", "Evidence considered", None,
             "Health assessment 06/02/2025; PEP 14/05/2025; attendance report from the virtual school."),
        ],
        "judgement": "Requires improvement",
        "rationale": (
            "Education support is strong but a health need was missed. Leah's attendance has risen to "
            "97% and her PEP targets are specific, so she is on track for her GCSE options. However her "
            "dental check has been overdue since November 2024 and it was not followed up for seven "
            "months, which meant a toothache in May went untreated for three weeks."
        ),
    },
    {
        "title": "5. Management oversight",
        "questions": [
            ("Q15", "Is there regular supervision with evidence of reflection?", "Y",
             "Monthly supervision recorded; the April and June records are reflective."),
            ("Q16", "Is the IRO's oversight evident, including challenge where needed?", "Y",
             "IRO challenged the delay in the matching report in writing on 02/05/2025."),
            ("Q17", "Evidence considered", None, "Supervision records January to June 2025; IRO case notes."),
            ("Q18", "Has poor practice been identified that needs escalating?", "N",
             "No poor practice found; the delays are addressed in the recommendations."),
            ("Q19", "Escalated to (name/role)", None, "N/A"),
        ],
        "judgement": "Good",
        "rationale": (
            "Oversight is purposeful. Monthly supervision shows the team manager tracking the "
            "permanence plan, and the IRO's written challenge on 02/05/2025 is why the matching report "
            "is now booked for panel. We judge oversight to be good, although it did not pick up the "
            "overdue dental check, which left Leah in pain for longer than necessary."
        ),
    },
]

OVERALL_JUDGEMENT = "Good"
OVERALL_RATIONALE = (
    "Leah is settled and well cared for, and practice is good overall because her views drive her "
    "plan and her education has flourished. The delay in confirming permanence and the missed dental "
    "check show that some practical tasks have not been driven with the same urgency, and both have "
    "affected Leah directly."
)
IMPACT_QUESTION = "What difference has our involvement made to the child's life?"
IMPACT = (
    "Leah has had two looked after reviews and a PEP meeting in the period. She has remained in "
    "the same placement. Her social worker visited every six weeks and saw her alone at each visit."
)

TARGETS = [
    ("Health – dental check overdue since 11/2024",
     "Foster carer to take Leah to the dentist for a check-up and any treatment she needs",
     "Foster carer (Mrs Okafor)", d(31, 7, 2025),
     "Dental check recorded on the health file and any treatment plan started"),
    ("Education – Year 10 options and maths",
     "Designated teacher to agree Leah's Year 10 options and arrange 1:1 maths tuition twice a week",
     "Designated teacher (Mr Haines)", d(19, 9, 2025),
     "Options recorded in the PEP; tuition log shows two sessions a week; attendance stays above 95%"),
    ("Identity and relationships – sibling contact",
     "Sibling contact to increase to twice a month, with a day out in each school holiday",
     "All professionals", d(31, 8, 2025),
     "Contact log shows two contacts a month from August"),
    ("Permanence – long-term match",
     "Social worker to present the long-term matching report to the fostering panel",
     "Social worker (Marcus Webb)", d(16, 9, 2025),
     "Panel recommendation and agency decision maker's decision on file"),
]

RECOMMENDATIONS = [
    ("Book Leah's dental check-up and record the outcome on her health file.",
     "Mrs Okafor (foster carer), with Marcus Webb", d(31, 7, 2025)),
    ("Social worker reminded to keep the chronology up to date.",
     "Angela Reyes, team manager", d(18, 7, 2025)),
    ("Present the long-term matching report for Leah and the Okafors to the fostering panel.",
     "Marcus Webb, social worker", "ASAP"),
    ("Agree a written sibling contact plan with Tyler's kinship carer and the Okafors, including holiday contact.",
     "Sarah Lindqvist, IRO", d(31, 8, 2025)),
]

MODERATION = ("David Mensah, Head of Service (Children in Care)", d(11, 7, 2025), "Y",
              "Agree with the judgements. The permanence delay has been raised with the fostering "
              "panel adviser so that Leah's match is heard in September.")


def build(path: pathlib.Path) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = SHEET
    drop = book.create_sheet("Dropdowns")
    drop.sheet_state = "hidden"
    for c, (name, values) in enumerate({
        "Judgement": ["Outstanding", "Good", "Requires improvement", "Inadequate"],
        "YNP": ["Y", "N", "P", "N/A"],
        "Case type": ["CIN", "CP", "CLA", "Care leaver"],
    }.items(), start=1):
        drop.cell(1, c, name)
        for r, value in enumerate(values, start=2):
            drop.cell(r, c, value)

    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    widths = {"A": 6, "B": 48, "C": 12, "D": 24, "E": 24, "F": 24, "G": 16, "H": 34}
    for letter, width in widths.items():
        ws.column_dimensions[letter].width = width

    judgement_list = DataValidation(type="list", formula1="=Dropdowns!$A$2:$A$5", allow_blank=True,
                                    showErrorMessage=False)
    ynp = DataValidation(type="list", formula1="=Dropdowns!$B$2:$B$5", allow_blank=True)
    case_type = DataValidation(type="list", formula1="=Dropdowns!$C$2:$C$5", allow_blank=True)
    for validation in (judgement_list, ynp, case_type):
        ws.add_data_validation(validation)

    row = 1

    def put(r: int, c: int, value: object, *, last: int | None = None, bold: bool = False,
            fill=None, italic: bool = False, size: int = 10, align=WRAP) -> None:
        cell = ws.cell(r, c, value)
        cell.font = Font(bold=bold, italic=italic, size=size)
        cell.alignment = align
        if isinstance(value, dt.datetime):
            cell.number_format = "dd/mm/yyyy"
        elif isinstance(value, str):
            cell.data_type = "s"
        if fill is not None:
            cell.fill = fill
        for col in range(c, (last or c) + 1):
            ws.cell(r, col).border = BOX
        if last and last > c:
            ws.merge_cells(start_row=r, start_column=c, end_row=r, end_column=last)

    def theme(text: str) -> None:
        nonlocal row
        row += 1
        put(row, 1, text, last=8, bold=True, fill=THEME_FILL, size=11)
        row += 1

    def columns_row() -> None:
        nonlocal row
        for c, text, last in ((1, "No.", None), (2, "Question", None), (3, "Y / N / P", None),
                              (4, "Evidence and comments", 8)):
            put(row, c, text, last=last, bold=True, fill=HEAD_FILL, italic=True)
        row += 1

    def labelled(number: str | None, label: str, answer: object, flag: str | None = None,
                 height: int = 30) -> int:
        """A question or label row: number in A, label in B (merged B:C when there is no Y/N),
        answer merged D:H."""
        nonlocal row
        if number:
            put(row, 1, number, align=CENTRE)
        else:
            put(row, 1, None)
        if flag is None:
            put(row, 2, label, last=3, bold=True)
        else:
            put(row, 2, label, bold=True)
            put(row, 3, flag, align=CENTRE)
            ynp.add(f"C{row}")
        put(row, 4, answer, last=8)
        ws.row_dimensions[row].height = height
        row += 1
        return row - 1

    put(row, 1, "Children Looked After – Case File Audit Tool", last=8, bold=True, size=14)
    row += 1
    put(row, 1, "Quality Assurance Service – landscape, fit to one page wide. Complete every question "
                "and use the dropdowns in column C and for each judgement.", last=8, italic=True)
    row += 1

    theme("Case details")
    for label, answer in CASE_DETAILS:
        at = labelled(None, label, answer, height=60 if len(str(answer)) > 80 else 18)
        if label == "Case type":
            case_type.add(f"D{at}")

    for block in THEMES:
        theme(block["title"])
        columns_row()
        for number, question, flag, answer in block["questions"]:
            labelled(number, question, answer, flag, height=30)
        judgement_list.add(f"D{labelled(None, 'Judgement', block['judgement'], height=18)}")
        labelled(None, "Rationale for judgement", block["rationale"], height=95)

    theme("6. Overall judgement")
    judgement_list.add(f"D{labelled(None, 'Judgement', OVERALL_JUDGEMENT, height=18)}")
    labelled(None, "Rationale for judgement", OVERALL_RATIONALE, height=75)
    labelled(None, IMPACT_QUESTION, IMPACT, height=60)

    theme("Care plan targets (from the current care plan)")
    put(row, 2, "Need", bold=True, fill=HEAD_FILL)
    put(row, 3, "Action", last=5, bold=True, fill=HEAD_FILL)
    for c, text in ((6, "By whom"), (7, "By when"), (8, "Measure of success")):
        put(row, c, text, bold=True, fill=HEAD_FILL)
    row += 1
    for need, action, who, when, measure in TARGETS:
        put(row, 2, need)
        put(row, 3, action, last=5)
        put(row, 6, who)
        put(row, 7, when)
        put(row, 8, measure)
        ws.row_dimensions[row].height = 45
        row += 1

    theme("Recommendations")
    put(row, 2, "Recommendation", last=5, bold=True, fill=HEAD_FILL)
    put(row, 6, "Who", bold=True, fill=HEAD_FILL)
    put(row, 7, "When", bold=True, fill=HEAD_FILL)
    row += 1
    for action, who, when in RECOMMENDATIONS:
        put(row, 2, action, last=5)
        put(row, 6, who)
        put(row, 7, when)
        ws.row_dimensions[row].height = 32
        row += 1

    theme("Moderation")
    for c, text, last in ((2, "Moderator", None), (3, "Date", None), (4, "Agreed? Y/N", None),
                          (5, "Comments", 8)):
        put(row, c, text, last=last, bold=True, fill=HEAD_FILL)
    row += 1
    moderator, date, agreed, comments = MODERATION
    put(row, 2, moderator)
    put(row, 3, date)
    put(row, 4, agreed, align=CENTRE)
    put(row, 5, comments, last=8)
    ws.row_dimensions[row].height = 45

    ws.print_title_rows = "1:1"
    book.save(str(path))


if __name__ == "__main__":
    import sys

    build(pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "b3_ehc_la.xlsx"))
