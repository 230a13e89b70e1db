"""London Borough of Thamesbridge "Practice Quality Review" (Word), in the style of a London borough:
each section a table opened by a merged, shaded title row ("Section A: About the child and the
audit" ... "Section J: Quality assurance"), prompts written as questions ending in "?", tick-box
grading on a numbered scale ("☐ 1 Outstanding ☒ 2 Good ☐ 3 RI ☐ 4 Inadequate"), the overall box and
"What difference has our involvement made for the child?", recommendations with a lead and a date,
and escalation questions.
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
    "LINK-001": "analysis names Marcus's violence and cannabis use; every agreed action falls on Chantelle, school or the worker",
    "GRADE-001": "working together judgement opens with a score, '3 -'",
    "REC-003": "supervision recommendation due 'Next supervision'",
    "ESC-001": "poor practice escalated to 'SMT', no named senior manager",
}

TICK, BOX = "☒", "☐"
SCALE = ("1 Outstanding", "2 Good", "3 RI", "4 Inadequate")
PURPLE = "5B2C6F"
LILAC = "E8DAEF"
PROMPT, ANSWER = Cm(6.2), Cm(10.8)


def _ticks(options, chosen) -> str:
    return " ".join(f"{TICK if option == chosen else BOX} {option}" for option in options)


def _shade(cell, fill: str) -> None:
    props = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    props.append(shading)


def _write(cell, text: str, bold: bool = False, colour: RGBColor | None = None, size: float | None = None) -> None:
    cell.text = ""
    for index, line in enumerate(text.split("\n")):
        paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
        run = paragraph.add_run(line)
        run.bold = bold
        if colour is not None:
            run.font.color.rgb = colour
        if size:
            run.font.size = Pt(size)


class _Section:
    """One section: a table whose first row is the merged title row, then prompt rows."""

    def __init__(self, document, title: str, columns: int = 2) -> None:
        self.table = document.add_table(rows=1, cols=columns)
        self.table.style = "Table Grid"
        self.columns = columns
        cell = self.table.cell(0, 0).merge(self.table.cell(0, columns - 1)) if columns > 1 else self.table.cell(0, 0)
        _write(cell, title, bold=True, colour=RGBColor(0xFF, 0xFF, 0xFF), size=11)
        _shade(cell, PURPLE)

    def pair(self, prompt: str, answer: str) -> None:
        """A prompt with its answer beside it."""
        cells = self.table.add_row().cells
        _write(cells[0], prompt, bold=True)
        _shade(cells[0], LILAC)
        _write(cells[1], answer)
        cells[0].width, cells[1].width = PROMPT, ANSWER

    def wide(self, prompt: str, answer: str) -> None:
        """A prompt across the table, its answer in the row below."""
        label = self.table.add_row()
        cell = label.cells[0].merge(label.cells[-1])
        _write(cell, prompt, bold=True)
        _shade(cell, LILAC)
        below = self.table.add_row()
        _write(below.cells[0].merge(below.cells[-1]), answer)

    def header(self, labels) -> None:
        cells = self.table.add_row().cells
        for cell, label in zip(cells, labels, strict=True):
            _write(cell, label, bold=True)
            _shade(cell, LILAC)

    def item(self, values) -> None:
        cells = self.table.add_row().cells
        for cell, value in zip(cells, values, strict=True):
            _write(cell, value)


def _practice_section(document, title: str, evidence: str, judgement: str, grade: str) -> None:
    section = _Section(document, title)
    section.pair("What did you look at, and what did you find?", evidence)
    section.wide("What is the quality of practice in this area, and why?", judgement)
    section.pair("Grading:", _ticks(SCALE, grade))
    document.add_paragraph()


def build(path: pathlib.Path) -> None:
    document = docx.Document()
    document.styles["Normal"].font.name = "Calibri"
    document.styles["Normal"].font.size = Pt(10)
    for part in document.sections:
        part.left_margin = part.right_margin = Cm(2)
    brand = document.add_paragraph()
    brand.alignment = WD_ALIGN_PARAGRAPH.LEFT
    run = brand.add_run("London Borough of Thamesbridge  |  Children's Social Care")
    run.font.color.rgb = RGBColor(0x5B, 0x2C, 0x6F)
    run.font.size = Pt(9)
    document.add_heading("Practice Quality Review", level=1)
    intro = document.add_paragraph()
    intro.add_run("Reviewers look at the last six months of the child's record and talk to the practitioner, the "
                  "child and their family. Please write in plain English and say what our practice has meant for "
                  "the child.").italic = True

    a = _Section(document, "Section A: About the child and the audit")
    a.pair("PQR number", "PQR-2025-0457")
    a.pair("Date of review", "04/06/2025")
    a.pair("Period under review", "04/12/2024 – 04/06/2025")
    a.pair("Child's Mosaic ID", "M1183902")
    a.pair("Child's age", "6")
    a.pair("Which plan is the child on?", _ticks(("CIN", "CP", "CLA", "Care leaver"), "CP"))
    a.pair("How did the child come to our attention?",
           "Police (MASH notification after a domestic abuse incident on 28/11/2024)")
    a.pair("Allocated practitioner", "Daniel Mensah, Social Worker")
    a.pair("Team / service", "Assessment and Intervention Team 3")
    a.pair("Reviewer(s)", "Aisha Karim (Practice Development Lead); Tom Reilly (Team Manager, Family Support)")
    a.pair("Is this a themed review? If so, which theme?", "No")
    a.wide("What is the child's story? (why are we involved?)",
           "Kayden (6) lives with his mother Chantelle and his father Marcus. He has been subject to a child "
           "protection plan under the category of emotional abuse since 20/01/2025, after three police call-outs "
           "for domestic abuse by Marcus since August 2024, two of them while Kayden was at home. Kayden has a "
           "speech and language delay and attends Riverside Primary School, Year 1.")
    document.add_paragraph()

    b = _Section(document, "Section B: Assessment")
    b.wide("What did the assessment identify as the risks and needs?",
           "Marcus's violence towards Chantelle is the main risk: three police call-outs since August 2024, two "
           "with Kayden at home. Marcus uses cannabis daily, and Chantelle says this makes him irritable and "
           "unpredictable. Chantelle's low mood means she finds it hard to keep routines for Kayden. Kayden's "
           "speech is delayed and he has been soiling at school since November.")
    b.wide("What did the assessment conclude?",
           "Kayden is suffering emotional harm from living with domestic abuse, and his speech delay and soiling "
           "are his way of showing it. He needs a child protection plan.")
    b.pair("What did you look at, and what did you find?",
           "Child and family assessment started 02/12/2024 and authorised 13/01/2025. Kayden seen alone at school "
           "on 10/12/2024. Police, school, GP and health visitor records considered.")
    b.wide("What is the quality of practice in this area, and why?",
           "The assessment was timely, and its analysis of how the incidents affect Kayden is strong: it links his "
           "soiling and withdrawal at school to what he has heard at home. It is weaker on Marcus, because it does "
           "not weigh his cannabis use or test Chantelle's account that the violence has stopped, so the plan that "
           "followed rests on self-report and the risk to Kayden is understated.")
    b.pair("Grading:", _ticks(SCALE, "3 RI"))
    document.add_paragraph()

    actions = _Section(document, "Actions agreed from the assessment", columns=3)
    actions.header(("Agreed action", "By whom", "By when"))
    for row in (
        ("Chantelle to complete the Freedom Programme", "Chantelle (mother)", "30/06/2025"),
        ("Chantelle to see her GP about her low mood and take up the talking therapy offered", "Chantelle (mother)",
         "28/02/2025"),
        ("School to refer Kayden to speech and language therapy", "Riverside Primary SENCo", "31/01/2025"),
        ("Social worker to complete direct work with Kayden on what happens at home and make a safety plan with him",
         "Daniel Mensah, Social Worker", "28/02/2025"),
        ("School to agree a toileting plan with Chantelle and the school nurse", "Riverside Primary SENCo",
         "14/02/2025"),
    ):
        actions.item(row)
    document.add_paragraph()

    _practice_section(
        document, "Section C: Planning",
        "ICPC 20/01/2025; core groups 11/02, 18/03, 29/04 and 27/05/2025; review conference 14/04/2025.",
        "Planning has been only partly effective. The plan says who will do what for Chantelle and Kayden, and "
        "because core groups met every month Kayden's speech therapy started in March; but there are no targets "
        "for Marcus, so the core group could not judge whether the violence had stopped. Kayden has heard two "
        "arguments since the conference, which he described to his teacher.",
        "3 RI")

    d = _Section(document, "Section D: Voice of the child")
    d.pair("What did you look at, and what did you find?",
           "Kayden seen alone on 9 of 11 visits; 'my worries and wishes' sheet; his drawings are on file.")
    d.wide("What is the quality of practice in this area, and why?",
           "Kayden's voice is well captured and has made a difference. Because his speech is delayed, Daniel used "
           "drawings and a feelings fan, and Kayden's picture of 'the shouting house' led directly to the safety "
           "plan about where he goes when adults argue. He told his teacher he now goes to his room 'with my "
           "headphones like Daniel said', which shows the plan is real to him.")
    d.pair("Grading:", _ticks(SCALE, "2 Good"))
    document.add_paragraph()

    feedback = _Section(document, "What did the child and family tell the reviewer about our help?", columns=2)
    feedback.header(("Child / parent / carer", "What they said"))
    feedback.item(("Child", "Kayden said Daniel 'plays with me and listens' and that he likes the worry monster at "
                            "school."))
    feedback.item(("Parent", "Chantelle said Daniel is honest with her and that the Freedom Programme helped her see "
                             "how the arguments affect Kayden, but that nobody has spoken to Marcus about his part."))
    document.add_paragraph()

    _practice_section(
        document, "Section E: Working together",
        "Strategy discussion 02/12/2024 (police, health, school, CSC); Operation Encompass notices for each incident; "
        "core group attendance records.",
        "3 - Police and school shared information quickly, and Operation Encompass notices reached school before "
        "the next school day, so Kayden had a calm start after each incident. The GP and the drug service were "
        "not invited to core groups, which means nobody has tested Marcus's account of his cannabis use.",
        "3 RI")

    _practice_section(
        document, "Section F: Management oversight",
        "Supervision recorded 09/12/2024, 20/02/2025 and 15/05/2025; team manager's decision recorded after the "
        "review conference.",
        "Oversight has been too infrequent to challenge drift. Supervision took place three times in six months, "
        "and no manager questioned why the plan had no targets for Marcus after the review conference, which left "
        "Kayden living with the person causing harm without a plan to reduce the risk. This is poor practice and "
        "has been escalated.",
        "4 Inadequate")

    g = _Section(document, "Section G: Overall")
    g.wide("Overall, what is the quality of practice for this child and why?",
           "Practice for Kayden requires improvement. Direct work with him is skilled and the school response is "
           "strong, which is why he is calmer at school and able to say what worries him; but the plan does not "
           "address Marcus's violence or his drug use, and weak oversight has let that gap stand for four months, "
           "so Kayden is still exposed to arguments at home.")
    g.pair("Overall grading:", _ticks(SCALE, "3 RI"))
    g.wide("What difference has our involvement made for the child?",
           "Kayden is calmer at school: soiling incidents have fallen from several a week in November to one in "
           "May, and his speech therapist reports that he now talks in short sentences with adults he trusts. He "
           "is not yet safe at home, because he has heard two further arguments since January and the person "
           "causing them has not been asked to change.")
    document.add_paragraph()

    h = _Section(document, "Section H: Recommendations", columns=3)
    h.header(("Recommendations for the worker / team / service", "Lead", "Date"))
    h.item(("Convene a core group within 10 working days to add SMART targets for Marcus (a perpetrator programme "
            "and drug testing) and to say how each will make Kayden safer", "Priya Shah, Team Manager",
            "18/06/2025"))
    h.item(("Invite the GP and the Thamesbridge drug and alcohol service to every core group, and ask for written "
            "reports when they cannot attend", "Daniel Mensah, Social Worker", "25/06/2025"))
    h.item(("Supervision on Kayden's case to be held monthly and recorded on Mosaic, with the supervisor's "
            "reflection on progress against each target", "Priya Shah, Team Manager", "Next supervision"))
    document.add_paragraph()

    i = _Section(document, "Section I: Escalation")
    i.pair("Has poor practice been identified that needs escalating?", _ticks(("Yes", "No"), "Yes"))
    i.pair("Escalated to (name/role)?", "SMT")
    i.pair("Date escalated?", "05/06/2025")
    i.pair("What response is needed, and by when?",
           "Written confirmation that a revised plan with targets for Marcus is in place, by 12/06/2025")
    document.add_paragraph()

    j = _Section(document, "Section J: Quality assurance")
    j.pair("Practitioner's comments?", "I agree the plan needs targets for Marcus; he has refused to meet me twice "
                                       "and I will ask for a joint visit with the police.")
    j.pair("Quality assured by?", "Grace Adeyemi, Principal Social Worker")
    j.pair("Date quality assured?", "10/06/2025")
    j.pair("QA outcome?", _ticks(("Agreed", "Amended", "Returned"), "Agreed"))
    j.wide("QA comments?",
           "Agreed. The judgements are evidenced and say what practice has meant for Kayden; the gap in the plan for "
           "Marcus is clearly set out and the response from the team manager is due by 12/06/2025.")
    document.save(str(path))


if __name__ == "__main__":
    import sys

    build(pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "w2_practice_review.docx"))
