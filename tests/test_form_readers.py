"""Word pro formas and form-layout workbooks, read by their labels through a form mapping."""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.util
import json
import re
import sys
from pathlib import Path

import docx
import openpyxl
import pytest
from click.testing import CliRunner

import documentation
from auditrules.cli import cli
from auditrules.engine import Engine

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
MAPPING = EXAMPLES / "pro-forma.mapping.toml"


def _load_make_forms():
    spec = importlib.util.spec_from_file_location("make_forms", EXAMPLES / "make_forms.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_forms"] = module
    spec.loader.exec_module(module)
    return module


make_forms = _load_make_forms()


def run(*args: object) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.load()


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> dict[str, tuple[Path, Path]]:
    out = tmp_path_factory.mktemp("forms")
    return {stem: make_forms.make(EXAMPLES / f"{stem}.yaml", out) for stem in ("weak-writeup", "strong-writeup")}


def _only_form(engine: Engine, path: Path, mapping: Path | None = MAPPING):
    options = engine.read_options(mapping) if mapping is not None else engine.read_options()
    read = list(engine.read([path], options))
    errors = [item for item in read if not isinstance(item, tuple)]
    assert errors == []
    assert len(read) == 1
    return read[0]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# ---- the bundled examples ---------------------------------------------------------------------------

@pytest.mark.parametrize("stem", ["weak-writeup", "strong-writeup"])
@pytest.mark.parametrize("kind", [0, 1], ids=["word", "workbook"])
def test_the_made_forms_hold_exactly_what_the_yaml_holds(engine, made, stem, kind):
    (expected, _), = engine.read([EXAMPLES / f"{stem}.yaml"])
    form, context = _only_form(engine, made[stem][kind])
    assert form.model_dump() == expected.model_dump()
    assert context.field_locations  # every field read knows where it came from


def test_word_findings_point_at_the_table_row_and_label(made):
    word = made["weak-writeup"][0]
    before = _digest(word)
    code, out, _ = run("check", word, "--mapping", MAPPING, "--format", "json")
    assert code == 1
    report = json.loads(out)
    _, yaml_out, _ = run("check", EXAMPLES / "weak-writeup.yaml", "--format", "json")
    from_yaml = json.loads(yaml_out)
    assert [(f["rule"], f["location"]["path"]) for f in report["findings"]] == \
        [(f["rule"], f["location"]["path"]) for f in from_yaml["findings"]]
    grade = next(f for f in report["findings"] if f["rule"] == "GRADE-004")
    where = grade["location"]
    assert where["path"] == "sections[1].grade" and where["header"] == "Grade"
    assert where["cell"] == f"table {where['table']}, row {where['row']}"
    row = docx.Document(str(word)).tables[where["table"] - 1].rows[where["row"] - 1]
    assert [c.text for c in row.cells] == ["Grade", "3"]
    target = next(f for f in report["findings"] if f["location"]["path"] == "plan_targets[1].due")
    row = docx.Document(str(word)).tables[target["location"]["table"] - 1].rows[target["location"]["row"] - 1]
    assert row.cells[0].text == "Mother to engage with services - ongoing."
    assert target["location"]["header"] == "Due"
    code, text, _ = run("check", word, "--mapping", MAPPING)
    assert f"{word}:table {where['table']}, row {where['row']} sections[1].grade: A-2025-051 GRADE-004" in text
    assert _digest(word) == before


def test_workbook_findings_point_at_the_answer_cell(made):
    book = made["weak-writeup"][1]
    before = _digest(book)
    code, out, _ = run("check", book, "--mapping", MAPPING, "--format", "json")
    assert code == 1
    grade = next(f for f in json.loads(out)["findings"] if f["rule"] == "GRADE-004")
    where = grade["location"]
    assert "table" not in where  # spreadsheet locations are as they were
    sheet, ref = where["cell"].split("!")
    assert sheet == "Form" and where["header"] == "Grade"
    cells = openpyxl.load_workbook(book)[sheet]
    assert cells[ref].value == "3"
    assert cells[f"A{ref[1:]}"].value == "Grade"
    assert _digest(book) == before


def test_yaml_reports_keep_their_json_without_a_table_key():
    _, out, _ = run("check", EXAMPLES / "weak-writeup.yaml", "--format", "json")
    assert '"table"' not in out


def test_the_committed_mapping_reads_the_make_setup_examples(engine):
    for name in ("weak-writeup.docx", "weak-writeup-form.xlsx"):
        form, _ = _only_form(engine, EXAMPLES / name)
        assert form.audit.id == "A-2025-051"


# ---- map --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", [0, 1], ids=["word", "workbook"])
def test_map_proposes_a_mapping_that_reads_the_form_as_written(engine, made, tmp_path, kind):
    form_file = made["weak-writeup"][kind]
    target = tmp_path / "proposed.toml"
    code, out, err = run("map", form_file, "--output", target)
    assert code == 0, err
    assert "a one-form pro forma" in out and "not placed" not in out
    text = target.read_text(encoding="utf-8")
    assert 'layout = "form"' in text and "[sections.planning]" in text
    (expected, _), = engine.read([EXAMPLES / "weak-writeup.yaml"])
    form, _ = _only_form(engine, form_file, target)
    assert form.model_dump() == expected.model_dump()


def test_map_lists_the_labels_it_could_not_place(tmp_path):
    document = docx.Document()
    document.add_heading("Audit details", level=1)
    table = document.add_table(rows=3, cols=2)
    for row, (label, answer) in enumerate([("Audit reference", "A-7"), ("Colour of the folder:", "Blue"),
                                           ("Date of audit", "03/06/2025")]):
        table.cell(row, 0).text, table.cell(row, 1).text = label, answer
    # A grid whose first column names no field and does not ask: those cells may be answers
    # (a school's name), so they are counted, never listed.
    grid = document.add_table(rows=2, cols=2)
    for row, (agency, seen) in enumerate([("St Anne's Primary", "Yes"), ("Vale Police", "No")]):
        grid.cell(row, 0).text, grid.cell(row, 1).text = agency, seen
    path = tmp_path / "form.docx"
    document.save(str(path))
    code, out, _ = run("map", path)
    assert code == 0
    assert "1 labels not placed" in out and "  Colour of the folder:" in out
    assert "2 other texts stand where a label would but name no field" in out
    mapping = (tmp_path / "form.mapping.toml").read_text(encoding="utf-8")
    assert '"audit.id" = "Audit reference"' in mapping and "#   Colour of the folder:" in mapping
    for answer in ("St Anne", "Vale Police", "Blue", "A-7"):
        assert answer not in out and answer not in mapping


def test_map_still_proposes_a_return_mapping_for_a_return(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Audits"
    sheet.append(["Audit ID", "Date of audit", "Team", "Legal status", "Assessment judgement"])
    sheet.append(["A-1", dt.datetime(2024, 6, 3), "North", "Child protection", "Visits were completed."])
    sheet.append(["A-2", dt.datetime(2024, 6, 4), "South", "Child in need", "Good work."])
    path = tmp_path / "return.xlsx"
    book.save(path)
    code, out, _ = run("map", path)
    assert code == 0 and "the audit id is 'Audit ID'" in out
    assert 'layout = "form"' not in (tmp_path / "return.mapping.toml").read_text(encoding="utf-8")


# ---- the Word layout ----------------------------------------------------------------------------------

LAYOUT_MAPPING = """
[form]
layout = "form"

[fields]
"audit.id" = "Audit ID"
"escalation.poor_practice" = "Poor practice escalated?"
"child.status" = "Legal status"
"overall_judgement" = "Overall judgement"

[sections.assessment]
heading = "Assessment"
fields = { judgement = "Judgement" }

[sections.planning]
heading = "Planning"
fields = { judgement = "Judgement", grade = "Grade" }

[lists.plan_targets]
fields = { text = "Target", owner = "Owner", due = "Due" }
"""


def _layout_document(path: Path) -> Path:
    document = docx.Document()
    document.add_paragraph("Please complete every part.")
    details = document.add_table(rows=2, cols=4)
    cells = [("Audit ID", "A-9", "Legal status", "☐ Child in need ☒ Child protection"),
             ("Poor practice escalated?", "☒", "", "")]
    for row, values in enumerate(cells):
        for column, value in enumerate(values):
            details.cell(row, column).text = value
    document.add_heading("Assessment", level=2)  # a heading paragraph names the section
    assessment = document.add_table(rows=1, cols=2)
    assessment.cell(0, 0).text = "Judgement"
    answer = assessment.cell(0, 1)
    answer.text = "The assessment was timely."
    answer.add_paragraph("As a result the child is safer.")
    planning = document.add_table(rows=3, cols=2)  # a merged title row names this one
    planning.cell(0, 0).merge(planning.cell(0, 1)).text = "Planning"
    planning.cell(1, 0).text, planning.cell(1, 1).text = "Judgement", "Planning drifted."
    planning.cell(2, 0).text = "Grade"
    overall = document.add_table(rows=2, cols=1)  # a label above its answer
    overall.cell(0, 0).text = "Overall judgement"
    overall.cell(1, 0).text = "Good work that made the child safer."
    targets = document.add_table(rows=5, cols=3)
    for column, label in enumerate(["Target", "Owner", "Due"]):
        targets.cell(0, column).text = label
    targets.cell(1, 0).text, targets.cell(1, 1).text, targets.cell(1, 2).text = \
        "Mother to attend the course", "Mother", "30/06/2025"
    targets.cell(3, 0).text = "Father to complete the programme"  # row 3 is left empty
    targets.cell(3, 1).merge(targets.cell(3, 2)).text = "Father"
    document.save(str(path))
    return path


def test_headings_title_rows_merged_cells_ticks_and_paragraphs(engine, tmp_path):
    mapping = tmp_path / "layout.toml"
    mapping.write_text(LAYOUT_MAPPING, encoding="utf-8")
    form, context = _only_form(engine, _layout_document(tmp_path / "layout.docx"), mapping)
    assert form.audit.id == "A-9"
    assert form.child.status == "cp"
    assert form.escalation.poor_practice is True
    assert [(s.name, s.judgement, s.grade) for s in form.sections] == [
        ("assessment", "The assessment was timely.\nAs a result the child is safer.", None),
        ("planning", "Planning drifted.", None)]
    assert form.overall_judgement == "Good work that made the child safer."
    assert [(t.text, t.owner, t.due) for t in form.plan_targets] == [
        ("Mother to attend the course", "Mother", dt.date(2025, 6, 30)),
        ("Father to complete the programme", "Father", None)]
    where = context.field_locations
    assert where["sections[1].judgement"].cell == "table 3, row 2"
    assert where["sections[1].judgement"].header == "Judgement"
    assert where["overall_judgement"].cell == "table 4, row 2"
    assert where["plan_targets[1].owner"].cell == "table 5, row 4"
    assert where["child.status"].cell == "table 1, row 1"


def test_a_blank_answer_is_left_empty_and_an_unticked_box_is_no(engine, tmp_path):
    document = docx.Document()
    table = document.add_table(rows=3, cols=2)
    for row, (label, answer) in enumerate([("Audit ID", "A-3"), ("Poor practice escalated?", "☐ Yes ☒ No"),
                                           ("Legal status", "☐ Child in need ☐ Child protection")]):
        table.cell(row, 0).text, table.cell(row, 1).text = label, answer
    path = tmp_path / "ticks.docx"
    document.save(str(path))
    mapping = tmp_path / "layout.toml"
    mapping.write_text(LAYOUT_MAPPING, encoding="utf-8")
    form, _ = _only_form(engine, path, mapping)
    assert form.escalation.poor_practice is False
    assert form.child.status is None


def test_a_workbook_whose_labels_are_field_paths_needs_no_mapping(engine, tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Form"
    sheet.append(["Case audit"])
    sheet.append(["audit.id", "F-1"])
    sheet.append(["audit.date", dt.datetime(2025, 6, 3)])
    sheet.append(["sections.assessment.judgement", "Visits were completed."])
    sheet.append([])
    sheet.append(["plan_targets.text", "plan_targets.owner"])
    sheet.append(["Engage with services", "Professionals"])
    path = tmp_path / "form.xlsx"
    book.save(path)
    form, context = _only_form(engine, path, None)
    assert (form.audit.id, form.audit.date) == ("F-1", dt.date(2025, 6, 3))
    assert form.sections[0].judgement == "Visits were completed."
    assert [(t.text, t.owner) for t in form.plan_targets] == [("Engage with services", "Professionals")]
    assert context.field_locations["plan_targets[0].owner"].cell == "Form!B7"
    code, out, _ = run("check", path, "--format", "json")
    assert code == 1
    assert any(f["location"].get("cell") == "Form!B7" for f in json.loads(out)["findings"])


# ---- bad input ------------------------------------------------------------------------------------------

def test_a_document_with_none_of_the_labels_says_which_it_looked_for(tmp_path):
    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Audit Idd", "A-1"
    table.cell(1, 0).text, table.cell(1, 1).text = "Shopping list", "Milk"
    path = tmp_path / "letter.docx"
    document.save(str(path))
    mapping = tmp_path / "layout.toml"
    mapping.write_text(LAYOUT_MAPPING, encoding="utf-8")
    code, out, err = run("check", path, "--mapping", mapping, "--format", "json")
    assert code == 2
    assert f"none of the labels of {mapping} was found in its tables, so it is not the pro forma " \
        "that mapping reads" in err
    assert "Looked for: 'Audit ID', 'Poor practice escalated?'" in err
    assert "the nearest labels it has are: 'Audit Idd'" in err
    assert json.loads(out)["forms_checked"] == 0


def test_no_mapping_and_no_field_path_labels_says_so(tmp_path):
    path = _layout_document(tmp_path / "layout.docx")
    code, out, _ = run("check", path)
    assert code == 2
    assert "none of the canonical labels was found in its tables; if it is a pro forma, give a " \
        "mapping of its labels with --mapping" in out and "'audit.id'" in out


@pytest.mark.parametrize(("content", "expected"), [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600,
     "this file is password-protected (or an old .xls/.doc file); save it without a password as "
     "a Word document (.docx)"),
    (b"Dear auditor, this is a letter.", "this is not a Word document (.docx): it looks like a text file"),
    (b"", "the file is empty, so it is not a Word document (.docx)"),
])
def test_files_that_are_not_word_documents_get_a_plain_error(tmp_path, content, expected):
    path = tmp_path / "form.docx"
    path.write_bytes(content)
    code, out, err = run("check", path, "--mapping", MAPPING)
    assert code == 2
    assert f"{path}: could not read: {expected}" in out and "Traceback" not in out + err


def test_a_cut_short_or_renamed_office_file_gets_a_plain_error(made, tmp_path):
    cut = tmp_path / "cut.docx"
    cut.write_bytes(made["weak-writeup"][0].read_bytes()[:3000])
    renamed = tmp_path / "renamed.docx"
    renamed.write_bytes(made["weak-writeup"][1].read_bytes())
    for path, expected in ((cut, "this file is damaged or incomplete (not a whole zip archive)"),
                           (renamed, "this is a zip archive, but not a Word document (.docx) (it has no "
                                     "'word/document.xml')")):
        code, _, err = run("check", path, "--mapping", MAPPING, "--format", "json")
        assert code == 2
        assert f"error: {path}: {expected}" in err and "Traceback" not in err
    code, _, err = run("map", cut)
    assert code == 2 and "this file is damaged or incomplete" in err and "Traceback" not in err


def test_a_label_mapped_twice_names_both_fields_and_lines(tmp_path, made):
    mapping = tmp_path / "twice.toml"
    mapping.write_text('[form]\nlayout = "form"\n\n[fields]\n"audit.id" = "Reference"\n'
                       '"child.ref" = "reference"\n', encoding="utf-8")
    code, _, err = run("check", made["weak-writeup"][0], "--mapping", mapping)
    assert code == 2
    assert "the label 'reference' is mapped twice: to audit.id (line 5) and to child.ref (line 6)" in err


def test_a_label_on_the_form_twice_names_both_places(tmp_path):
    document = docx.Document()
    for answer in ("A-1", "A-2"):
        table = document.add_table(rows=1, cols=2)
        table.cell(0, 0).text, table.cell(0, 1).text = "Audit ID", answer
    path = tmp_path / "twice.docx"
    document.save(str(path))
    mapping = tmp_path / "layout.toml"
    mapping.write_text(LAYOUT_MAPPING, encoding="utf-8")
    code, out, err = run("check", path, "--mapping", mapping, "--format", "json")
    assert code == 2
    assert "the label 'Audit ID' is on the form twice, at table 1, row 1 and at table 2, row 1" in err
    assert json.loads(out)["forms_checked"] == 1  # the first is read and checked


def test_mistakes_in_a_form_mapping_are_named(tmp_path, made):
    mapping = tmp_path / "bad.toml"
    mapping.write_text('[form]\nlayout = "form"\n\n[fields]\n"audit.idd" = "Audit reference"\n\n'
                       '[sections.assessment]\nheading = "Assessment"\nfields = { judgment = "Judgement" }\n\n'
                       '[lists.plan_target]\nfields = { text = "Target" }\n', encoding="utf-8")
    code, _, err = run("check", made["weak-writeup"][0], "--mapping", mapping)
    assert code == 2
    assert 'unknown field "audit.idd"; did you mean "audit.id"?' in err
    assert "[sections.assessment]: unknown field 'judgment'; did you mean 'judgement'?" in err
    assert "'plan_target' is not a list of the form; did you mean 'plan_targets'?" in err


def test_a_return_mapping_for_a_word_form_and_a_form_mapping_for_a_csv_are_refused(tmp_path, made):
    return_mapping = tmp_path / "return.toml"
    return_mapping.write_text('[form]\nsheet = "Audits"\nid = "Audit ID"\n', encoding="utf-8")
    code, _, err = run("check", made["weak-writeup"][0], "--mapping", return_mapping)
    assert code == 2 and 'needs a mapping with layout = "form"' in err
    csv_file = tmp_path / "return.csv"
    csv_file.write_text("audit.id\nA-1\n", encoding="utf-8")
    code, _, err = run("check", csv_file, "--mapping", MAPPING)
    assert code == 2 and "not a CSV return" in err
    unknown = tmp_path / "layout.toml"
    unknown.write_text('[form]\nlayout = "letter"\n', encoding="utf-8")
    code, _, err = run("check", made["weak-writeup"][0], "--mapping", unknown)
    assert code == 2 and re.search(r"layout must be .*not 'letter'", err)


# ---- the documentation -------------------------------------------------------------------------------------

README = documentation.page("performance-teams/pro-formas.md")


def test_the_readme_form_mapping_is_a_valid_mapping(engine, tmp_path):
    (block,) = [b for b in re.findall(r"```toml\n(.*?)```", README, flags=re.DOTALL) if 'layout = "form"' in b]
    path = tmp_path / "readme.toml"
    path.write_text(block, encoding="utf-8")
    mapping = engine.load_mapping(path)
    assert [f.path for f in mapping.fields][:3] == ["audit.id", "audit.date", "child.status"]
    assert mapping.lists["plan_targets"].fields["due"] == "Due"


def test_the_readme_shows_what_check_prints_for_the_examples(monkeypatch):
    monkeypatch.chdir(ROOT)
    for name in ("weak-writeup.docx", "weak-writeup-form.xlsx"):
        _, out, _ = run("check", f"examples/{name}", "--mapping", "examples/pro-forma.mapping.toml")
        shown = [line for line in README.splitlines() if line.startswith(f"examples/{name}:")]
        assert shown and all(line in out.splitlines() for line in shown)


# ---- layouts councils use --------------------------------------------------------------------------

COUNCIL_SHEET_MAPPING = """
[form]
layout = "form"

[fields]
"audit.id" = "Audit ID"
"summary" = "Brief summary of the case"
"qa.manager" = "Moderator"
"qa.date" = "Date"
"qa.comments" = "Comments"

[sections.planning]
heading = "Planning"
fields = { grade = "Grade" }

[lists.recommendations]
fields = { action = "Action", owner = "Owner", due = "Deadline", status = "Status" }
"""


def test_a_sheet_reads_an_answer_below_its_label_and_labels_side_by_side(engine, tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Form"
    rows = [["Audit ID", "A-9"], [],
            ["Brief summary of the case"],            # the answer is in the merged box below
            ["Sam (7) lives with his mother; the family were referred by school."], [],
            ["Planning"], ["Grade", "☐ 1 Outstanding ☒ 2 Good ☐ 3 RI ☐ 4 Inadequate"], [],
            ["Action", "Owner", "Deadline", "Status"], ["Review the plan", "Team manager", "30/06/2025", "In progress"],
            [],
            ["Moderator", "Date", "Agreed? Y/N", "Comments"],  # labels side by side, answers below
            ["Priya Shah", "20/06/2025", "Y", "Agreed with the auditor."]]
    for row in rows:
        sheet.append(row)
    sheet.merge_cells("A4:D4")
    path = tmp_path / "council.xlsx"
    book.save(path)
    mapping = tmp_path / "council.mapping.toml"
    mapping.write_text(COUNCIL_SHEET_MAPPING, encoding="utf-8")
    form, _ = _only_form(engine, path, mapping)
    assert form.summary.startswith("Sam (7) lives with his mother")
    assert form.sections[0].grade.lower() == "good"  # the scale's number is not the answer's
    assert form.qa.manager == "Priya Shah" and form.qa.date == dt.date(2025, 6, 20)
    assert form.qa.comments == "Agreed with the auditor."
    assert form.recommendations[0].status == "open"  # "In progress" is still open
