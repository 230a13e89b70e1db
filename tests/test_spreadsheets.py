"""Spreadsheet returns: real workbooks and CSV files written here, mapped, checked, and every
finding placed at its cell."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

import auditrules
from auditrules import engine
from auditrules.cli import cli

MAPPING = '''
[form]
sheet = "Audits"
id = "Audit ID"

[fields]
"audit.date" = "Date of audit"
"audit.team" = "Team"
"child.status" = "Legal status"
"sections.assessment.judgement" = "Assessment judgement"
"sections.assessment.grade" = "Assessment grade"
"overall_judgement" = "Overall judgement"

[lists.plan_targets]
sheet = "Targets"
key = "Audit ID"
fields = { text = "Target", owner = "Who", due = "By when" }

[lists.recommendations]
sheet = "Recommendations"
key = "Audit ID"
fields = { action = "Recommendation", owner = "Owner", due = "Timescale" }
'''

GOOD = ("Auditors judge the assessment effective because it weighed father's drinking against the "
        "routines at home, which meant Sam is now safer and attends school every day.")
MAIN_HEADERS = ["Audit ID", "Date of audit", "Team", "Legal status", "Assessment judgement",
                "Assessment grade", "Overall judgement"]


def workbook(path: Path, main: list[list], targets: list[list] | None = None,
             recommendations: list[list] | None = None, main_headers=None) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Audits"
    sheet.append(main_headers or MAIN_HEADERS)
    for row in main:
        sheet.append(row)
    if targets is not None:
        child = book.create_sheet("Targets")
        child.append(["Audit ID", "Target", "Who", "By when"])
        for row in targets:
            child.append(row)
    if recommendations is not None:
        child = book.create_sheet("Recommendations")
        child.append(["Audit ID", "Recommendation", "Owner", "Timescale"])
        for row in recommendations:
            child.append(row)
    book.save(path)
    return path


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def council_return(tmp_path):
    path = workbook(
        tmp_path / "return.xlsx",
        [["A-1", dt.datetime(2024, 6, 3), "North", "Child protection", "Visits were completed.", "3",
          GOOD],
         ["A-2", "04/06/2024", "South", "cin", GOOD, "good", GOOD]],
        targets=[["A-1", "Mother to engage with services", "Professionals", "ongoing"],
                 ["A-2", "Mother to attend the Freedom Programme weekly", "Mother", dt.date(2024, 9, 1)]],
        recommendations=[["A-1", "Staff reminded of the policy", None, None]],
    )
    (tmp_path / "map.toml").write_text(MAPPING, encoding="utf-8")
    return path


def findings_by(report: dict) -> dict[tuple[str, str], dict]:
    return {(f["form"], f["rule"]): f for f in report["findings"]}


def test_a_mapped_return_gives_findings_at_their_cells(council_return, tmp_path):
    code, out, _ = run("check", str(council_return), "--mapping", str(tmp_path / "map.toml"),
                       "--format", "json")
    assert code == 1
    report = json.loads(out)
    assert report["forms_checked"] == 2 and report["errors"] == []
    found = findings_by(report)
    grade = found[("A-1", "GRADE-004")]["location"]
    assert grade == {"path": "sections[0].grade", "section": "assessment", "file": str(council_return),
                     "sheet": "Audits", "row": 2, "column": "F", "header": "Assessment grade",
                     "cell": "Audits!F2"}
    owner = found[("A-1", "SMART-001")]["location"]
    assert (owner["path"], owner["cell"], owner["header"]) == ("plan_targets[0].owner", "Targets!C2", "Who")
    due = found[("A-1", "SMART-002")]["location"]
    assert (due["path"], due["cell"]) == ("plan_targets[0].due", "Targets!D2")
    tick = found[("A-1", "REC-001")]["location"]
    assert (tick["path"], tick["cell"]) == ("recommendations[0].action", "Recommendations!B2")
    # a field with no cell of its own points at its row's nearest cell: the item's id cell
    assert found[("A-1", "REC-002")]["location"]["cell"] == "Recommendations!A2"
    assert not any(f["form"] == "A-2" and f["location"].get("sheet") == "Targets" and f["severity"] == "error"
                   for f in report["findings"])


def test_the_return_is_never_modified(council_return, tmp_path):
    before = hashlib.sha256(council_return.read_bytes()).hexdigest()
    run("check", str(council_return), "--mapping", str(tmp_path / "map.toml"), "--format", "json")
    run("map", str(council_return))
    assert hashlib.sha256(council_return.read_bytes()).hexdigest() == before


def test_jobs_never_change_the_report(tmp_path):
    rows = [[f"A-{i}", dt.datetime(2024, 6, 3), f"Team {i % 3}", "cp", "Visits were completed." if i % 2 else GOOD,
             "3" if i % 5 == 0 else "good", GOOD] for i in range(300)]
    targets = [[f"A-{i}", "Mother to engage", "all" if i % 2 else "Mother", "ongoing"] for i in range(0, 300, 3)]
    path = workbook(tmp_path / "big.xlsx", rows, targets=targets, recommendations=[])
    (tmp_path / "map.toml").write_text(MAPPING, encoding="utf-8")
    one = run("check", str(path), "--mapping", str(tmp_path / "map.toml"), "--format", "json", "--jobs", "1")
    two = run("check", str(path), "--mapping", str(tmp_path / "map.toml"), "--format", "json", "--jobs", "2")
    auto = run("check", str(path), "--mapping", str(tmp_path / "map.toml"), "--format", "json")  # the default
    assert one[0] == two[0] == auto[0] == 1
    assert one[1] == two[1] == auto[1]
    assert json.loads(two[1])["forms_checked"] == 300


@pytest.mark.parametrize("audits", [engine.AUTO_FROM, engine.AUTO_FROM + 1])
def test_auto_jobs_start_workers_only_for_a_return_past_the_threshold(tmp_path, audits):
    import multiprocessing

    rows = [[f"A-{i}", dt.datetime(2024, 6, 3), f"Team {i % 3}", "cp", GOOD, "good", GOOD] for i in range(audits)]
    path = workbook(tmp_path / "r.xlsx", rows, targets=[], recommendations=[])
    (tmp_path / "map.toml").write_text(MAPPING, encoding="utf-8")
    checker = auditrules.Engine.load()
    before = len(multiprocessing.active_children())
    stream = checker.iter_check([path], mapping=tmp_path / "map.toml", jobs="auto")
    first = next(stream)
    working = len(multiprocessing.active_children()) - before
    rest = list(stream)
    past = audits > engine.AUTO_FROM and engine.auto_jobs() > 1
    # (the pool starts workers as batches are handed out, so up to auto_jobs() of them)
    assert (1 <= working <= engine.auto_jobs()) if past else working == 0
    alone = list(checker.iter_check([path], mapping=tmp_path / "map.toml", jobs=1))
    assert [first, *rest] == alone
    assert sum(isinstance(item, auditrules.AuditSummary) for item in alone) == audits


def test_auto_jobs_use_each_core_this_process_may_run_on_up_to_a_limit():
    import os
    import sys

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    expected = max(1, min(cores, engine.AUTO_MOST)) if sys.platform.startswith("linux") else 1
    assert engine.auto_jobs() == expected
    assert engine.AUTO_MOST >= 2  # a machine with two cores or more checks a large return in workers


@pytest.mark.parametrize("given", ["0", "-2", "many", "2.5"])
def test_jobs_must_be_a_number_or_auto(tmp_path, given):
    result = CliRunner().invoke(cli, ["check", str(tmp_path / "x.xlsx"), "--jobs", given])
    assert result.exit_code == 2
    assert "neither a number of processes (1 or more) nor 'auto'" in result.output


def test_numbered_columns_on_the_main_sheet(tmp_path):
    headers = ["Audit ID", "Target 1", "Target 1 owner", "Target 2", "Target 2 owner"]
    path = workbook(tmp_path / "r.xlsx", [["A-1", "Mother to attend the programme weekly until 30/06/2025",
                                            "Mother", "Monitor the home", "Core group"]], main_headers=headers)
    mapping = tmp_path / "m.toml"
    mapping.write_text('[form]\nid = "Audit ID"\n[lists.plan_targets]\n'
                       'fields = { text = "Target {n}", owner = "Target {n} owner" }\n', encoding="utf-8")
    result = auditrules.check(path, mapping=mapping)
    owners = [f for f in result.findings if f.rule == "SMART-001"]
    assert [(f.location.path, f.location.cell) for f in owners] == [("plan_targets[1].owner", "Audits!E2")]


def test_canonical_headers_need_no_mapping(tmp_path):
    book = openpyxl.Workbook()
    main = book.active
    main.title = "Audits"
    main.append(["audit.id", "audit.date", "audit.themes", "sections.planning.judgement", "plan_targets.1.text",
                 "Notes"])
    main.append(["A-1", "03/06/2024", "domestic_abuse; strategy_discussion", "Plan reviewed.",
                 "Mother to engage", "ignored"])
    child = book.create_sheet("recommendations")
    child.append(["audit.id", "action", "owner", "due"])
    child.append(["A-1", "To be discussed", "Team manager", "01/07/2024"])
    path = tmp_path / "canonical.xlsx"
    book.save(path)
    engine = auditrules.Engine.load()
    forms = list(engine.read([path]))
    (form, context), = forms
    assert form.audit.themes == ["domestic_abuse", "strategy_discussion"]
    assert form.sections[0].name == "planning" and form.plan_targets[0].text == "Mother to engage"
    assert form.recommendations[0].due == dt.date(2024, 7, 1)
    assert context.field_locations["recommendations[0].action"].cell == "recommendations!B2"


def test_csv_returns_in_cp1252_or_with_a_bom(tmp_path):
    text = "audit.id,audit.team,overall_judgement\r\nA-1,Nörth,Some good practice – satisfactory overall.\r\n"
    for name, data in (("bom.csv", b"\xef\xbb\xbf" + text.encode("utf-8")), ("win.csv", text.encode("cp1252"))):
        path = tmp_path / name
        path.write_bytes(data)
        result = auditrules.check(path)
        assert result.errors == []
        assert result.audits[0].team == "Nörth"
        evaluative = next(f for f in result.findings if f.rule == "EVAL-002")
        assert evaluative.location.cell == "C2" and evaluative.location.file == str(path)


def test_csv_with_child_lists_in_files_beside_it(tmp_path):
    (tmp_path / "audits.csv").write_text("Audit ID;Team\nA-1;North\n", encoding="utf-8")
    (tmp_path / "Targets.csv").write_text("Audit ID;Target;Who;By when\nA-1;Mother to engage;all;tbc\n",
                                          encoding="utf-8")
    mapping = tmp_path / "m.toml"
    mapping.write_text('[form]\nid = "Audit ID"\n[fields]\n"audit.team" = "Team"\n[lists.plan_targets]\n'
                       'sheet = "Targets"\nkey = "Audit ID"\nfields = { text = "Target", owner = "Who", '
                       'due = "By when" }\n', encoding="utf-8")
    result = auditrules.check(tmp_path / "audits.csv", mapping=mapping)
    owner = next(f for f in result.findings if f.rule == "SMART-001")
    assert owner.location.cell == "C2" and owner.location.file.endswith("Targets.csv")


def test_bad_rows_are_reported_and_the_rest_checked(tmp_path):
    path = workbook(
        tmp_path / "bad.xlsx",
        [["A-1", dt.datetime(2024, 6, 3), "North", "cp", GOOD, "good", GOOD],
         [None, None, None, None, None, None, None],                      # blank row: skipped
         ["A-2", "31/02/2024", "North", "cp", GOOD, "good", GOOD],         # impossible date
         ["A-3", 45446, "North", "cp", GOOD, "good", GOOD],                # Excel serial date
         ["A-1", dt.datetime(2024, 6, 3), "North", "cp", GOOD, "good", GOOD],  # duplicate id
         [None, dt.datetime(2024, 6, 3), "North", "cp", GOOD, "good", GOOD]],   # no id
        targets=[["A-9", "Mother to attend", "Mother", dt.date(2024, 9, 1)]],
        recommendations=[],
    )
    (tmp_path / "map.toml").write_text(MAPPING, encoding="utf-8")
    result = auditrules.check(path, mapping=tmp_path / "map.toml")
    assert [a.form for a in result.audits] == ["A-1", "A-3"]
    problems = {e.location.cell: e.message for e in result.errors}
    assert "not a date" in problems["Audits!B4"]
    assert "used again on row 6 (first on row 2)" in problems["Audits!A6"]
    assert "row 7 has no audit id" in problems["Audits!A7"]
    assert "belongs to audit 'A-9', which is not on sheet 'Audits'" in problems["Targets!A2"]
    code, out, _ = run("check", str(path), "--mapping", str(tmp_path / "map.toml"))
    assert code == 2 and "bad.xlsx:Audits!B4: A-2 could not read: audit.date:" in out


def test_a_cell_too_long_is_reported_and_the_rest_checked(tmp_path):
    path = tmp_path / "long.csv"
    path.write_text("audit.id,overall_judgement\nA-1," + "word " * 20_000 + "\nA-2,Fine.\n", encoding="utf-8")
    result = auditrules.check(path)
    assert [a.form for a in result.audits] == ["A-2"]
    (error,) = result.errors
    assert error.location.cell == "B2" and "99,999 characters, more than the 32,767 allowed" in error.message


def test_a_serial_date_is_read_as_a_date(tmp_path):
    path = workbook(tmp_path / "serial.xlsx", [["A-3", 45446, "North", "cp", GOOD, "good", GOOD]])
    (tmp_path / "map.toml").write_text(MAPPING.split("[lists.plan_targets]")[0], encoding="utf-8")
    engine = auditrules.Engine.load()
    (form, _), = list(engine.read([path], engine.read_options(tmp_path / "map.toml")))
    assert form.audit.date == dt.date(2024, 6, 3)


def test_merged_cells_are_named(tmp_path):
    path = workbook(tmp_path / "merged.xlsx", [["A-1", dt.datetime(2024, 6, 3), "North", "cp", GOOD, "good", GOOD],
                                                ["A-2", dt.datetime(2024, 6, 3), None, "cp", GOOD, "good", GOOD]])
    book = openpyxl.load_workbook(path)
    book["Audits"].merge_cells("C2:C3")
    book.save(path)
    (tmp_path / "map.toml").write_text(MAPPING.split("[lists.plan_targets]")[0], encoding="utf-8")
    result = auditrules.check(path, mapping=tmp_path / "map.toml")
    assert any("Audits!C2:C3 are merged" in e.message for e in result.errors)
    assert result.forms_checked == 2


def test_a_missing_sheet_or_column_names_the_nearest(council_return, tmp_path):
    wrong_sheet = tmp_path / "sheet.toml"
    wrong_sheet.write_text(MAPPING.replace('sheet = "Audits"', 'sheet = "Audit"'), encoding="utf-8")
    code, _, err = run("check", str(council_return), "--mapping", str(wrong_sheet))
    assert code == 2 and "no sheet 'Audit'" in err and "did you mean 'Audits'?" in err
    wrong_column = tmp_path / "column.toml"
    wrong_column.write_text(MAPPING.replace('"Legal status"', '"Legal Statuss"'), encoding="utf-8")
    result = auditrules.check(council_return, mapping=wrong_column)
    assert result.forms_checked == 2
    (problem,) = [e for e in result.errors if "Legal Statuss" in e.message]
    assert "the nearest header is 'Legal status'" in problem.message and problem.location.cell == "Audits!A1"
    missing_child = tmp_path / "child.toml"
    missing_child.write_text(MAPPING.replace('sheet = "Targets"', 'sheet = "Targetz"'), encoding="utf-8")
    result = auditrules.check(council_return, mapping=missing_child)
    assert result.forms_checked == 2
    assert any("no sheet 'Targetz' for plan_targets; did you mean 'Targets'?" in e.message for e in result.errors)


@pytest.mark.parametrize(("text", "expected"), [
    ('[fields]\n"audit.dat" = "Date"\n', 'unknown field "audit.dat"; did you mean "audit.date"?'),
    ('[form]\nsheets = "Audits"\n', "unknown key 'sheets'; did you mean 'sheet'?"),
    ('[lists.targets]\nfields = { text = "T" }\n', "'targets' is not a list of the form"),
    ('[lists.plan_targets]\nfields = { text = "Target" }\n', "must contain {n}"),
    ('[fields\n', "not a valid TOML mapping"),
])
def test_mistakes_in_a_mapping_file_are_named(council_return, tmp_path, text, expected):
    mapping = tmp_path / "bad.toml"
    mapping.write_text(text, encoding="utf-8")
    code, _, err = run("check", str(council_return), "--mapping", str(mapping))
    assert code == 2
    assert expected in err and str(mapping) in err
    assert "Traceback" not in err


def test_a_file_that_is_not_a_workbook_is_refused(tmp_path):
    fake = tmp_path / "fake.xlsx"
    fake.write_text("not a workbook", encoding="utf-8")
    code, _, err = run("check", str(fake))
    assert code == 2 and "is not an Excel workbook (.xlsx): it looks like a text file" in err and "Traceback" not in err


def test_map_proposes_a_mapping_that_reads_the_return(council_return, tmp_path):
    book = openpyxl.load_workbook(council_return)
    book["Audits"]["H1"] = "Colour of the folder"
    book.save(council_return)
    code, out, _ = run("map", str(council_return))
    assert code == 0, out
    proposed = council_return.with_suffix(".mapping.toml")
    text = proposed.read_text(encoding="utf-8")
    assert '"child.status" = "Legal status"' in text and '"audit.date" = "Date of audit"' in text
    assert "[lists.plan_targets]" in text and 'sheet = "Targets"' in text
    assert "Colour of the folder" in out
    mapped = auditrules.check(council_return, mapping=proposed)
    by_hand = auditrules.check(council_return, mapping=tmp_path / "map.toml")
    assert [(f.rule, f.location.cell) for f in mapped.findings] == \
        [(f.rule, f.location.cell) for f in by_hand.findings]
    code, _, err = run("map", str(council_return))
    assert code == 2 and "already exists" in err


def test_map_check_reads_a_return_with_its_mapping_and_names_missing_headers(council_return, tmp_path):
    code, out, _ = run("map", str(council_return), "--check", str(tmp_path / "map.toml"))
    assert code == 0, out
    assert "fields read" in out and "Every label of the mapping was found" in out
    broken = tmp_path / "broken.toml"
    broken.write_text((tmp_path / "map.toml").read_text(encoding="utf-8").replace(
        '"Legal status"', '"Status of the child"'), encoding="utf-8")
    code, out, _ = run("map", str(council_return), "--check", str(broken))
    assert code == 1 and "child.status: 'Status of the child'" in out
    assert not council_return.with_suffix(".mapping.toml").exists()  # --check writes nothing


def test_map_tells_a_return_from_a_form_by_its_first_rows_and_lists_no_answers(council_return):
    code, out, _ = run("map", str(council_return))
    assert code == 0 and "the audit id is" in out and "a one-form pro forma" not in out
    text = council_return.with_suffix(".mapping.toml").read_text(encoding="utf-8")
    for answer in ("Child protection", "Visits were completed.", "North", "A-1"):
        assert answer not in out and answer not in text


def test_a_filled_in_template_is_checked_without_a_mapping(tmp_path):
    from auditrules.template import write_template

    path = tmp_path / "blank.xlsx"
    write_template(path)
    book = openpyxl.load_workbook(path)
    audits = book["Audits"]
    headers = [cell.value for cell in audits[1]]
    row = {"audit.id": "A-1", "audit.date": dt.datetime(2024, 6, 3), "child.status": "cp",
           "sections.planning.judgement": "The plan was reviewed.", "sections.planning.grade": "good",
           "overall_judgement": GOOD}
    for name, value in row.items():
        audits.cell(row=2, column=headers.index(name) + 1, value=value)
    targets = book["plan_targets"]
    target_headers = [cell.value for cell in targets[1]]
    for name, value in {"audit.id": "A-1", "text": "Mother to engage", "owner": "all"}.items():
        targets.cell(row=2, column=target_headers.index(name) + 1, value=value)
    book.save(path)
    result = auditrules.check(path)
    assert result.errors == [] and result.forms_checked == 1
    cells = {f.rule: f.location.cell for f in result.findings}
    column = openpyxl.utils.get_column_letter(headers.index("sections.planning.judgement") + 1)
    assert cells["EVAL-001"] == f"Audits!{column}2"
    assert cells["SMART-001"] == f"plan_targets!{openpyxl.utils.get_column_letter(target_headers.index('owner') + 1)}2"


def test_annotate_writes_a_commented_copy_and_leaves_the_return_alone(council_return, tmp_path):
    before = hashlib.sha256(council_return.read_bytes()).hexdigest()
    copy = tmp_path / "annotated.xlsx"
    code, _, err = run("check", str(council_return), "--mapping", str(tmp_path / "map.toml"),
                         "--annotate", str(copy), "--format", "json")
    assert code == 1
    assert hashlib.sha256(council_return.read_bytes()).hexdigest() == before
    assert "annotated" in err
    book = openpyxl.load_workbook(copy)
    grade = book["Audits"]["F2"]
    assert grade.comment is not None and "GRADE-004 error" in grade.comment.text
    assert "SMART-001" in book["Targets"]["C2"].comment.text
    assert book["Audits"]["E3"].comment is None or "error" not in book["Audits"]["E3"].comment.text
    code, _, err = run("check", str(council_return), str(council_return), "--annotate", str(copy))
    assert code == 2 and "exactly one Excel" in err


def _check_with_stderr(args: list[str], terminal: bool) -> str:
    """Run the real command with standard error on a terminal (a pseudo-terminal) or a pipe."""
    import os
    import pty
    import subprocess
    import sys

    command = [sys.executable, "-m", "auditrules", "check", *args]
    env = {**os.environ, "AUDITRULES_LOAD_PLUGINS": ""}
    if not terminal:
        return subprocess.run(command, capture_output=True, text=True, env=env, check=False).stderr
    primary, secondary = pty.openpty()
    try:
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=secondary, env=env, check=False)
        os.close(secondary)
        chunks = []
        while True:
            try:
                chunk = os.read(primary, 65536)
            except OSError:
                break
            if not chunk:
                break
            chunks.append(chunk)
        return b"".join(chunks).decode(errors="replace")
    finally:
        os.close(primary)


def test_a_progress_bar_only_on_a_terminal(council_return, tmp_path):
    args = [str(council_return), "--mapping", str(tmp_path / "map.toml"), "--format", "json",
            "--output", str(tmp_path / "report.json")]
    assert "checking" in _check_with_stderr(args, terminal=True)
    assert "checking" not in _check_with_stderr(args, terminal=False)


def test_a_return_that_starts_below_and_right_of_a1(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Audits"
    sheet["C3"], sheet["D3"] = "audit.id", "overall_judgement"
    sheet["C4"], sheet["D4"] = "A-1", "Some good practice."
    path = tmp_path / "offset.xlsx"
    book.save(path)
    result = auditrules.check(path)
    (finding,) = [f for f in result.findings if f.rule == "EVAL-002"]
    assert (finding.location.cell, finding.location.header) == ("Audits!D4", "overall_judgement")


def test_a_short_csv_keeps_doubled_quotes_as_one(tmp_path):
    """A few rows are too few for a guess at how quotes are written: a doubled quote, as
    spreadsheet programs write one, is read as one quote (the delimiter is still guessed)."""
    from auditrules.readers.tables import open_workbook

    for delimiter in (",", ";"):
        path = tmp_path / f"return{'semi' if delimiter == ';' else ''}.csv"
        path.write_text(f'Audit ID{delimiter}Overall judgement\n'
                        f'A-1{delimiter}"Mother said ""it is better now"", and it is{delimiter} so far"\n',
                        encoding="utf-8")
        book = open_workbook(path)
        table = book.table(path.stem)
        assert list(table.rows) == [(2, ["A-1", f'Mother said "it is better now", and it is{delimiter} so far'])]


def test_child_rows_past_the_memory_limit_are_joined_the_same_from_disk(tmp_path, monkeypatch):
    # A big return's child rows go to a private database on disk past a limit; the report is the
    # same byte for byte, dates, order, unmatched rows and all.
    from auditrules.readers import spreadsheet

    rows = [[f"A-{i}", dt.datetime(2024, 6, 3), "North", "cp", GOOD, "good", GOOD] for i in range(40)]
    targets = [[f"A-{i % 45}", f"Mother to attend session {i}", "Mother" if i % 2 else "all",
                dt.date(2024, 9, 1 + i % 20) if i % 3 else "ongoing"] for i in range(90)]
    recommendations = [[f"A-{i % 7}", f"Staff reminded {i}", None, None] for i in range(20)]
    path = workbook(tmp_path / "return.xlsx", rows, targets=targets, recommendations=recommendations)
    (tmp_path / "map.toml").write_text(MAPPING, encoding="utf-8")
    args = ("check", str(path), "--mapping", str(tmp_path / "map.toml"), "--format", "json")
    held = run(*args)
    monkeypatch.setattr(spreadsheet._ChildRows, "LIMIT", 5)
    added = []
    original = spreadsheet._ChildRows.add

    def counting(self, *given):
        original(self, *given)
        added.append(self.stored)

    monkeypatch.setattr(spreadsheet._ChildRows, "add", counting)
    spilled = run(*args)
    assert max(added) == 110 - 5  # all but five rows went to disk
    assert held == spilled
    report = json.loads(spilled[1])
    unmatched = [e for e in report["errors"] if "which is not on sheet" in e["message"]]
    # each audit's rows together, audits in the order first read
    assert [e["form"] for e in unmatched] == [f"A-{n}" for n in range(40, 45) for _ in range(2)]
    assert [e["location"]["cell"] for e in unmatched[:2]] == ["Targets!A42", "Targets!A87"]


def test_a_sheet_too_large_to_hold_is_read_row_by_row_with_the_same_report(tmp_path, monkeypatch):
    # Past a size, each sheet is read from its XML row by row instead of whole; the report is the
    # same byte for byte, with dates, numbers, blank rows, merged cells and unmatched rows, with
    # one process or two.
    from auditrules.readers import xlsx_stream

    rows = [[f"A-{i}", dt.datetime(2024, 6, 3 + i % 20), "North", "cp", GOOD if i % 3 else "Visits took place.",
             i % 5 or "good", GOOD] for i in range(30)]
    rows[7] = [None] * 7  # a blank row
    targets = [[f"A-{i % 33}", f"Mother to attend session {i}", "Mother" if i % 2 else "all",
                dt.date(2024, 9, 1 + i % 20) if i % 3 else "ongoing"] for i in range(60)]
    recommendations = [[f"A-{i % 7}", f"Staff reminded {i}", None, 3.5] for i in range(12)]
    path = workbook(tmp_path / "return.xlsx", rows, targets=targets, recommendations=recommendations)
    book = openpyxl.load_workbook(path)
    book["Audits"].merge_cells("C40:D40")
    book.save(path)
    (tmp_path / "map.toml").write_text(MAPPING, encoding="utf-8")
    for jobs in ("1", "2"):
        args = ("check", str(path), "--mapping", str(tmp_path / "map.toml"), "--format", "json", "--jobs", jobs)
        monkeypatch.setattr(xlsx_stream, "STREAM_FROM", 64 * 1024 * 1024)
        held = run(*args)
        streamed_sheets: list[str] = []
        monkeypatch.setattr(xlsx_stream, "STREAM_FROM", 0)
        original = xlsx_stream.SheetStream.rows

        def counting(self, original=original, streamed_sheets=streamed_sheets):
            streamed_sheets.append(self.sheet)
            return original(self)

        monkeypatch.setattr(xlsx_stream.SheetStream, "rows", counting)
        streamed = run(*args)
        monkeypatch.setattr(xlsx_stream.SheetStream, "rows", original)
        assert sorted(streamed_sheets) == ["Audits", "Recommendations", "Targets"]
        assert held == streamed
        report = json.loads(streamed[1])
        assert report["forms_checked"] == 29
        assert any("C40:D40" in e["message"] for e in report["errors"])
