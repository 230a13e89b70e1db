"""Write a write-up (a YAML form such as examples/weak-writeup.yaml) as a Word pro forma and as a
form-layout workbook, both read by examples/pro-forma.mapping.toml.

    python examples/make_forms.py                      # the weak and strong write-ups, here
    python examples/make_forms.py FORM.yaml --out DIR  # one write-up, into DIR

The Word pro forma has a table per part under a heading, a table per section under a merged
title row ("1. Assessment"), the case summary below its label, tick boxes for the legal status,
poor practice and QA outcome, and lists as tables with a header row and a spare blank row. The
workbook has labels in column A, answers in column B, a heading alone in a row before each part,
and lists below their header row. Both hold exactly what the YAML holds.
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import docx
import openpyxl
import yaml
from docx.shared import Pt
from openpyxl.styles import Alignment, Font, PatternFill

HERE = Path(__file__).resolve().parent
WRITE_UPS = ("weak-writeup.yaml", "strong-writeup.yaml")

TICK, BOX = "☒", "☐"
STATUS_WORDS = {"early_help": "Early help", "cin": "Child in need", "cp": "Child protection",
                "cla": "Looked after", "care_leaver": "Care leaver"}
OUTCOME_WORDS = {"agreed": "Agreed", "amended": "Amended", "returned": "Returned"}
SECTION_TITLES = {"assessment": "Assessment", "planning": "Planning", "child_voice": "Child's voice",
                  "multi_agency": "Multi-agency working", "management_oversight": "Management oversight",
                  "impact": "Impact"}
SECTION_LABELS = {"evidence": "Evidence", "judgement": "Judgement", "grade": "Grade",
                  "strengths": "Strengths", "development": "Areas for development"}
ACTION_COLUMNS = {"text": "Agreed action", "owner": "Owner", "due": "Due"}
TARGET_COLUMNS = {"text": "Target", "owner": "Owner", "due": "Due", "measure": "Measure",
                  "how_child_safer": "How the child will be safer",
                  "why_change_explained": "Parents told why change is needed"}
FEEDBACK_COLUMNS = {"from": "From", "text": "Feedback"}
RECOMMENDATION_COLUMNS = {"action": "Recommendation", "owner": "Owner", "due": "Due", "status": "Status",
                          "completed_on": "Date completed", "completion_evidence": "Evidence of completion"}


def _text(value: Any) -> str:
    """A value as an auditor types it into a Word form."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, list):
        return "; ".join(_text(v) for v in value)
    return str(value)


def _word(value: Any) -> str:
    return str(value).replace("_", " ").capitalize() if value else ""


def _ticks(options: dict[str, str], chosen: Any) -> str:
    return "  ".join(f"{TICK if key == chosen else BOX} {label}" for key, label in options.items())


def _parts(form: dict[str, Any]) -> list[tuple[str, list[tuple[str, Any]]]]:
    """The label-and-answer parts of the form, in order, each under its heading."""
    audit, child = form.get("audit", {}), form.get("child", {})
    escalation, qa = form.get("escalation", {}), form.get("qa", {})
    poor = escalation.get("poor_practice")
    return [
        ("Audit details", [
            ("Audit reference", audit.get("id")), ("Date of audit", audit.get("date")),
            ("Type of audit", _word(audit.get("type"))),
            ("Themes", "; ".join(_word(t) for t in audit.get("themes", []))),
            ("Audit period from", audit.get("period_start")), ("Audit period to", audit.get("period_end")),
            ("Auditors", audit.get("auditors", [])), ("Team", audit.get("team")),
            ("Practitioner", audit.get("practitioner"))]),
        ("The child", [
            ("Child reference", child.get("ref")), ("Age band", child.get("age_band")),
            ("Legal status", ("ticks", STATUS_WORDS, child.get("status"))),
            ("Source of contact", child.get("contact_source"))]),
        ("Assessment analysis", [
            ("Analysis", form.get("assessment", {}).get("analysis")),
            ("Conclusion", form.get("assessment", {}).get("conclusion"))]),
        ("Overall", [
            ("Overall judgement", form.get("overall_judgement")),
            ("Impact on the child", form.get("impact_on_child"))]),
        ("Escalation", [
            ("Poor practice identified",
             ("ticks", {"yes": "Yes", "no": "No"}, None if poor is None else "yes" if poor else "no")),
            ("Senior manager", escalation.get("senior_manager")),
            ("Date escalated", escalation.get("notified_on")), ("Timescale", escalation.get("timescale"))]),
        ("Quality assurance", [
            ("Lead manager", qa.get("manager")), ("Date", qa.get("date")),
            ("Outcome", ("ticks", OUTCOME_WORDS, qa.get("outcome"))), ("Comments", qa.get("comments"))]),
    ]


def _lists(form: dict[str, Any]) -> list[tuple[str, dict[str, str], list[dict[str, Any]]]]:
    feedback = [{**item, "from": _word(item.get("from"))} for item in form.get("family_feedback", [])]
    recommendations = [{**item, "status": _word(item.get("status"))}
                       for item in form.get("recommendations", [])]
    return [
        ("Agreed actions", ACTION_COLUMNS, form.get("assessment", {}).get("actions", [])),
        ("Plan targets", TARGET_COLUMNS, form.get("plan_targets", [])),
        ("Family feedback", FEEDBACK_COLUMNS, feedback),
        ("Recommendations", RECOMMENDATION_COLUMNS, recommendations),
    ]


def _answer(value: Any) -> str:
    if isinstance(value, tuple) and value and value[0] == "ticks":
        return _ticks(value[1], value[2])
    return _text(value)


# ---- Word -----------------------------------------------------------------------------------------

def write_word(form: dict[str, Any], out: Path) -> None:
    """The form as a Word pro forma."""
    document = docx.Document()
    document.styles["Normal"].font.size = Pt(10)
    document.add_heading("Case audit pro forma", level=0)
    document.add_paragraph("Record what you found for the last six months, and say what difference the "
                           "work made for the child. Use words, not numbers, for judgements.")
    parts = _parts(form)
    _label_table(document, *parts[0])
    _label_table(document, *parts[1])
    document.add_heading("Summary", level=1)
    summary = document.add_table(rows=2, cols=1)
    summary.style = "Table Grid"
    summary.cell(0, 0).text = "Case summary"
    summary.cell(1, 0).text = _text(form.get("summary"))
    document.add_heading("Sections", level=1)
    for number, section in enumerate(form.get("sections", []), start=1):
        table = document.add_table(rows=1 + len(SECTION_LABELS), cols=2)
        table.style = "Table Grid"
        title = table.cell(0, 0).merge(table.cell(0, 1))
        title.text = f"{number}. {SECTION_TITLES.get(section['name'], _word(section['name']))}"
        title.paragraphs[0].runs[0].bold = True
        for row, (key, label) in enumerate(SECTION_LABELS.items(), start=1):
            table.cell(row, 0).text = label
            value = section.get(key)
            table.cell(row, 1).text = _word(value) if key == "grade" and value else _text(value)
        document.add_paragraph()
    _label_table(document, *parts[2])
    lists = _lists(form)
    _list_table(document, *lists[0])
    for heading, columns, items in lists[1:3]:
        _list_table(document, heading, columns, items)
    _label_table(document, *parts[3])
    _list_table(document, *lists[3])
    for part in parts[4:]:
        _label_table(document, *part)
    document.save(str(out))


def _label_table(document: Any, heading: str, rows: Sequence[tuple[str, Any]]) -> None:
    document.add_heading(heading, level=1)
    table = document.add_table(rows=len(rows), cols=2)
    table.style = "Table Grid"
    for index, (label, value) in enumerate(rows):
        table.cell(index, 0).text = label
        table.cell(index, 1).text = _answer(value)


def _list_table(document: Any, heading: str, columns: dict[str, str], items: list[dict[str, Any]]) -> None:
    document.add_heading(heading, level=1)
    table = document.add_table(rows=len(items) + 2, cols=len(columns))  # and one spare blank row
    table.style = "Table Grid"
    for column, label in enumerate(columns.values()):
        table.cell(0, column).text = label
    for row, item in enumerate(items, start=1):
        for column, key in enumerate(columns):
            table.cell(row, column).text = _text(item.get(key))


# ---- a workbook laid out as the form ----------------------------------------------------------------

def write_workbook(form: dict[str, Any], out: Path) -> None:
    """The form as a form-layout workbook: labels in column A, answers in column B."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Form"
    sheet.column_dimensions["A"].width = 34
    for letter in "BCDEF":
        sheet.column_dimensions[letter].width = 48
    bold, shade = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    row = [1]

    def heading(text: str) -> None:
        row[0] += 1
        cell = sheet.cell(row[0], 1, text)
        cell.font, cell.fill = Font(bold=True, size=12), shade
        row[0] += 1

    def label(text: str, value: Any) -> None:
        sheet.cell(row[0], 1, text).font = bold
        if value not in (None, "", []):
            cell = sheet.cell(row[0], 2, _cell_value(value))
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula
        row[0] += 1

    sheet.cell(1, 1, "Case audit pro forma").font = Font(bold=True, size=14)
    parts = _parts(form)
    lists = _lists(form)
    for part_heading, rows in parts[:2]:
        heading(part_heading)
        for text, value in rows:
            label(text, value)
    heading("Summary")
    label("Case summary", form.get("summary"))
    for section in form.get("sections", []):
        heading(SECTION_TITLES.get(section["name"], _word(section["name"])))
        for key, text in SECTION_LABELS.items():
            value = section.get(key)
            label(text, _word(value) if key == "grade" and value else value)
    for part_heading, rows in parts[2:]:
        heading(part_heading)
        for text, value in rows:
            label(text, value)
    for list_heading, columns, items in lists:
        heading(list_heading)
        for column, text in enumerate(columns.values(), start=1):
            sheet.cell(row[0], column, text).font = bold
        row[0] += 1
        for item in items:
            for column, key in enumerate(columns, start=1):
                value = item.get(key)
                if value not in (None, ""):
                    cell = sheet.cell(row[0], column, _cell_value(value))
                    if isinstance(cell.value, str):
                        cell.data_type = "s"
            row[0] += 1
    book.save(str(out))


def _cell_value(value: Any) -> Any:
    if isinstance(value, tuple) and value and value[0] == "ticks":
        return value[1].get(value[2], "") if value[2] is not None else ""
    if isinstance(value, dt.date):
        return value
    return _text(value)


def make(source: Path, out_dir: Path) -> tuple[Path, Path]:
    """Write SOURCE's form as STEM.docx and STEM-form.xlsx in OUT_DIR; return both paths."""
    form = yaml.safe_load(source.read_text(encoding="utf-8"))
    word, book = out_dir / f"{source.stem}.docx", out_dir / f"{source.stem}-form.xlsx"
    write_word(form, word)
    write_workbook(form, book)
    return word, book


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sources", nargs="*", type=Path,
                        help="YAML write-ups (default: the weak and strong ones)")
    parser.add_argument("--out", type=Path, default=HERE,
                        help="the folder to write into (default: examples/)")
    args = parser.parse_args(argv)
    sources = args.sources or [HERE / name for name in WRITE_UPS]
    args.out.mkdir(parents=True, exist_ok=True)
    for source in sources:
        for path in make(source, args.out):
            print(f"wrote {path}")


if __name__ == "__main__":
    main()
