"""The spreadsheet, CSV and HTML reports, and the annotated copy: each written for real, then read
back with an independent reader."""

from __future__ import annotations

import csv
import dataclasses
import io
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from auditrules import AuditSummary, CheckResult, Engine, Finding, FormError, Location
from auditrules.cli import cli
from auditrules.plugins import get_host
from auditrules.reporters.tables import FINDING_COLUMNS

ROOT = Path(__file__).parents[1]
EXAMPLES = [ROOT / "examples" / "weak-writeup.yaml", ROOT / "examples" / "strong-writeup.yaml",
            ROOT / "examples" / "sample-return.json"]

HOSTILE = [
    '=HYPERLINK("http://x","y")',
    "+1+2",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
    "<script>alert('x')</script> & </td>",
]


def hostile_findings() -> list[Finding]:
    """Findings a spreadsheet return could give, with messages that try to become formulas."""
    findings = []
    for number, message in enumerate(HOSTILE, start=1):
        findings.append(Finding(
            form="A-2024-031", rule=f"HOST-{number}", ruleset="test.hostile", severity="error",
            title="=1+1 title", tags=("=tag",), message=message, hint="=HINT()",
            reference="@ref", reasons=("-reason",), evidence="+evidence",
            location=Location(file="return.xlsx", sheet="Audits", row=16 + number,
                              column="H", cell=f"Audits!H{16 + number}", path="summary"),
        ))
    return findings


@pytest.fixture(scope="module")
def examples_result() -> CheckResult:
    return Engine.load().check(EXAMPLES)


@pytest.fixture
def result(examples_result) -> CheckResult:
    """The examples' findings plus hostile ones, and a form that could not be read."""
    error = FormError(form="=BAD()", message="=cmd|' /C calc'!A0",
                      location=Location(file="return.xlsx", sheet="Audits", row=9, cell="Audits!B9",
                                        path="audit.date"))
    return dataclasses.replace(examples_result,
                               findings=[*examples_result.findings, *hostile_findings()],
                               errors=[error])


@pytest.fixture
def counted() -> CheckResult:
    """A small result whose counts are known by hand; F3 has no findings at all."""
    audits = [
        AuditSummary(form="F1", team="North", auditors=("Ann", "Bob")),
        AuditSummary(form="F2", team="North", auditors=("Ann",)),
        AuditSummary(form="F3", team="South"),
    ]

    def finding(form: str, rule: str, severity: str) -> Finding:
        return Finding(form=form, rule=rule, ruleset="test", severity=severity, title=f"{rule} title",
                       message=f"{rule} on {form}", location=Location(path="summary"))

    findings = [finding("F1", "R1", "error"), finding("F1", "R2", "warning"),
                finding("F2", "R2", "warning")]
    return CheckResult(rulesets=[], forms_checked=3, findings=findings, audits=audits)


def write_report(result: CheckResult, name: str) -> bytes:
    stream = io.BytesIO() if get_host().reporters[name].binary else io.StringIO()
    get_host().reporters[name].write(result, stream)
    value = stream.getvalue()
    return value if isinstance(value, bytes) else value.encode("utf-8")


def cli_report(tmp_path: Path, fmt: str) -> Path:
    out = tmp_path / f"report.{fmt}"
    run = CliRunner().invoke(cli, ["check", *map(str, EXAMPLES), "--fail-on", "never", "--format", fmt,
                                   "--output", str(out)])
    assert run.exit_code == 0, run.output
    return out


# ---- the spreadsheet ----------------------------------------------------------------------------

def read_xlsx(data: bytes, tmp_path: Path) -> openpyxl.Workbook:
    path = tmp_path / "read.xlsx"
    path.write_bytes(data)
    return openpyxl.load_workbook(path)


def summary_tables(sheet) -> dict[str, list[dict[str, object]]]:
    """The Summary sheet's tables by title, each a list of rows keyed by its header."""
    rows = list(sheet.iter_rows(values_only=True))
    tables: dict[str, list[dict[str, object]]] = {}
    index = 0
    while index < len(rows):
        title = rows[index][0]
        if isinstance(title, str) and index + 1 < len(rows) and rows[index + 1][0] is not None:
            header = [h for h in rows[index + 1] if h is not None]
            body = []
            index += 2
            while index < len(rows) and rows[index][0] is not None:
                body.append(dict(zip(header, rows[index], strict=False)))
                index += 1
            tables[title] = body
        index += 1
    return tables


def test_xlsx_from_the_command_line_has_the_four_sheets_and_a_row_per_finding(tmp_path, examples_result):
    workbook = openpyxl.load_workbook(cli_report(tmp_path, "xlsx"))
    assert workbook.sheetnames == ["Findings", "Summary", "Rule sets", "Errors"]
    findings = workbook["Findings"]
    rows = list(findings.iter_rows(values_only=True))
    assert list(rows[0]) == list(FINDING_COLUMNS)
    assert len(rows) - 1 == len(examples_result.findings) > 0
    rule_column = FINDING_COLUMNS.index("Rule")
    assert [r[rule_column] for r in rows[1:]] == [f.rule for f in examples_result.findings]
    assert findings.freeze_panes == "A2"
    assert findings.auto_filter.ref == f"A1:Q{len(rows)}"
    assert findings.column_dimensions["M"].width > findings.column_dimensions["K"].width
    assert findings["M2"].alignment.wrap_text
    ruleset_rows = list(workbook["Rule sets"].iter_rows(values_only=True))
    assert ruleset_rows[0] == ("Id", "Version", "Title", "SHA-256", "Source")
    assert {r[0] for r in ruleset_rows[1:]} == {r.id for r in examples_result.rulesets}
    assert all(len(r[3]) == 64 for r in ruleset_rows[1:])


def test_xlsx_never_holds_a_formula_and_keeps_hostile_text_as_written(tmp_path, result):
    workbook = read_xlsx(write_report(result, "xlsx"), tmp_path)
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate} is a formula"
    rows = list(workbook["Findings"].iter_rows(values_only=True))
    by_rule = {r[FINDING_COLUMNS.index("Rule")]: dict(zip(FINDING_COLUMNS, r, strict=True)) for r in rows[1:]}
    for number, message in enumerate(HOSTILE, start=1):
        row = by_rule[f"HOST-{number}"]
        assert row["Message"] == message.replace("\r", "\n")  # Excel's line break
        assert row["Hint"] == "=HINT()"
        assert row["Why"] == "-reason"
        assert row["Evidence"] == "+evidence"
        assert row["Cell"] == f"Audits!H{16 + number}"
        assert row["Sheet"] == "Audits"
        assert row["Team"] == "North Safeguarding"
        assert row["Auditors"] == "Practice lead; Independent reviewing officer"
    errors = list(workbook["Errors"].iter_rows(values_only=True))
    assert errors == [("Form", "Where", "Message"),
                      ("=BAD()", "return.xlsx:Audits!B9 audit.date", "=cmd|' /C calc'!A0")]


def test_xlsx_summary_counts_by_rule_team_and_auditor(tmp_path, counted):
    tables = summary_tables(read_xlsx(write_report(counted, "xlsx"), tmp_path)["Summary"])
    totals = {row["Measure"]: row["Value"] for row in tables["Totals"]}
    assert totals["Forms checked"] == 3
    assert totals["Findings"] == 3
    assert totals["Findings: error"] == 1
    assert totals["Findings: warning"] == 2
    assert totals["Audits with no error findings"] == 2
    assert totals["Share of audits with no error findings"] == pytest.approx(2 / 3)
    assert [(r["Severity"], r["Findings"]) for r in tables["By severity"]] == [
        ("error", 1), ("warning", 2), ("info", 0)]
    assert [(r["Rule"], r["Title"], r["Findings"], r["Audits"]) for r in tables["By rule"]] == [
        ("R2", "R2 title", 2, 2), ("R1", "R1 title", 1, 1)]
    teams = {r["Team"]: r for r in tables["By team"]}
    assert (teams["North"]["Audits"], teams["North"]["Findings"], teams["North"]["Error findings"],
            teams["North"]["Audits with no errors"]) == (2, 3, 1, 1)
    assert teams["North"]["Share with no errors"] == pytest.approx(0.5)
    assert (teams["South"]["Audits"], teams["South"]["Findings"], teams["South"]["Share with no errors"]) == (
        1, 0, 1)
    auditors = {r["Auditor"]: (r["Audits"], r["Findings"], r["Error findings"], r["Audits with no errors"])
                for r in tables["By auditor"]}
    assert auditors == {"Ann": (2, 3, 1, 1), "Bob": (1, 2, 1, 0), "(no auditor named)": (1, 0, 0, 1)}


def test_xlsx_summary_of_the_examples_adds_up(tmp_path, examples_result):
    tables = summary_tables(read_xlsx(write_report(examples_result, "xlsx"), tmp_path)["Summary"])
    totals = {row["Measure"]: row["Value"] for row in tables["Totals"]}
    assert totals["Forms checked"] == examples_result.forms_checked == len(examples_result.audits)
    assert totals["Findings"] == len(examples_result.findings)
    assert sum(r["Findings"] for r in tables["By rule"]) == len(examples_result.findings)
    assert sum(r["Findings"] for r in tables["By team"]) == len(examples_result.findings)
    assert sum(r["Audits"] for r in tables["By team"]) == examples_result.forms_checked
    with_errors = {f.form for f in examples_result.findings if f.severity == "error"}
    assert totals["Audits with no error findings"] == len(
        [a for a in examples_result.audits if a.form not in with_errors])


def test_xlsx_is_the_same_for_the_same_result(result):
    assert write_report(result, "xlsx") == write_report(result, "xlsx")


# ---- CSV --------------------------------------------------------------------------------------

def test_csv_has_a_bom_and_a_row_per_finding(tmp_path, examples_result):
    data = cli_report(tmp_path, "csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0] == list(FINDING_COLUMNS)
    assert len(rows) - 1 == len(examples_result.findings)
    assert [r[FINDING_COLUMNS.index("Rule")] for r in rows[1:]] == [f.rule for f in examples_result.findings]


def test_csv_puts_an_apostrophe_before_anything_a_spreadsheet_would_run(result):
    text = write_report(result, "csv").decode("utf-8-sig")
    rows = [dict(zip(FINDING_COLUMNS, r, strict=True))
            for r in list(csv.reader(io.StringIO(text, newline="")))[1:]]
    by_rule = {r["Rule"]: r for r in rows}
    for number, message in enumerate(HOSTILE, start=1):
        row = by_rule[f"HOST-{number}"]
        expected = "'" + message if message[0] in "=+-@\t\r" else message
        assert row["Message"] == expected
        assert row["Hint"] == "'=HINT()"
        assert row["Why"] == "'-reason"
        assert row["Evidence"] == "'+evidence"
        assert row["Tags"] == "'=tag"
        assert row["Reference"] == "'@ref"
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value
    plain = next(r for r in rows if not r["Rule"].startswith("HOST"))
    assert not plain["Message"].startswith("'")


def test_xlsx_cuts_text_too_long_for_a_cell_and_says_so(tmp_path, counted):
    long = dataclasses.replace(counted, findings=[counted.findings[0].model_copy(update={"message": "x" * 40_000})])
    cell = read_xlsx(write_report(long, "xlsx"), tmp_path)["Findings"]["M2"].value
    assert len(cell) == 32_767
    assert cell.endswith("too long for one cell]")


# ---- HTML -------------------------------------------------------------------------------------

class Page(HTMLParser):
    """Every tag, the text inside each element with an id, and the text of the findings table."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text_by_id: dict[str, str] = {}
        self.data: list[str] = []
        self.rows_in: dict[str, int] = {}
        self._open: list[str | None] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "tr":
            inside = next((i for i in reversed(self._open) if i), "")
            self.rows_in[inside] = self.rows_in.get(inside, 0) + 1
        if tag not in ("meta", "rect", "br", "img", "link", "input"):
            self._open.append(dict(attrs).get("id"))
            if self._open[-1]:
                self.text_by_id[self._open[-1]] = ""

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        if tag not in ("meta", "rect", "br", "img", "link", "input") and self._open:
            self._open.pop()

    def handle_data(self, data):
        self.data.append(data)
        for ident in filter(None, self._open):
            self.text_by_id[ident] += data

    def count(self, tag: str, **attrs: str) -> int:
        return sum(1 for t, a in self.tags if t == tag and all(a.get(k) == v for k, v in attrs.items()))


def test_html_from_the_command_line_shows_the_totals_and_both_charts(tmp_path, examples_result):
    page = Page(cli_report(tmp_path, "html").read_text(encoding="utf-8"))
    counts = examples_result.counts()
    assert page.text_by_id["forms-checked"] == str(examples_result.forms_checked)
    for severity in ("error", "warning", "info"):
        assert page.text_by_id[f"findings-{severity}"] == str(counts[severity])
    with_errors = {f.form for f in examples_result.findings if f.severity == "error"}
    clean = len([a for a in examples_result.audits if a.form not in with_errors])
    assert page.text_by_id["share-no-errors"] == f"{clean / len(examples_result.audits):.0%}"
    assert page.count("svg", id="chart-by-rule") == 1
    assert page.count("svg", id="chart-by-team") == 1
    rule_bars = page.text_by_id["chart-by-rule"]
    assert all(f.rule in rule_bars for f in examples_result.findings)
    assert all(a.team in page.text_by_id["chart-by-team"] for a in examples_result.audits if a.team)
    assert page.rows_in["findings"] == len(examples_result.findings) + 1  # and the header row
    assert page.rows_in["rulesets"] == len(examples_result.rulesets) + 1
    assert all(r.sha256 in page.text_by_id["rulesets"] for r in examples_result.rulesets)


def test_html_is_self_contained_and_escapes_every_text(result):
    text = write_report(result, "html").decode("utf-8")
    page = Page(text)
    assert "<script" not in text.lower()
    assert page.count("script") == 0
    assert page.count("link") == 0
    for tag, attrs in page.tags:
        for name, value in attrs.items():
            assert name not in ("src", "href") or not value, (tag, name, value)
            assert not name.startswith("on"), (tag, name)
    # Hostile text comes back as the very text it was, inside the page's cells.
    assert "<script>alert('x')</script> & </td>" in page.data
    assert '=HYPERLINK("http://x","y")' in page.data
    assert "=cmd|' /C calc'!A0" in page.data
    assert page.text_by_id["read-errors"] == "1"
    style = next(d for d in page.data if "@media print" in d)
    assert "print-color-adjust" in style
    policy = next(a["content"] for t, a in page.tags if t == "meta" and a.get("http-equiv"))
    assert "default-src 'none'" in policy


def test_html_without_findings_says_so(counted):
    empty = dataclasses.replace(counted, findings=[])
    page = Page(write_report(empty, "html").decode("utf-8"))
    assert page.text_by_id["findings-error"] == "0"
    assert page.text_by_id["share-no-errors"] == "100%"
    assert "No findings." in page.text_by_id["findings"]
    assert page.count("svg") == 0


# ---- the annotated copy -----------------------------------------------------------------------

def small_return(path: Path) -> Path:
    """A small real return: an Audits sheet (with a merged cell and an auditor's comment) and a
    plan_targets sheet."""
    workbook = openpyxl.Workbook()
    audits = workbook.active
    audits.title = "Audits"
    audits.append(["audit.id", "audit.team", "summary", "overall_judgement"])
    audits.append(["A-1", "North", "Summary one.", "Fine."])
    audits.append(["A-2", "South", "Summary two.", "Good."])
    audits.append(["A-3", "", "", ""])
    audits.merge_cells("A4:B4")
    audits["D3"].comment = openpyxl.comments.Comment("Checked with the team manager.", "Auditor")
    targets = workbook.create_sheet("plan targets")
    targets.append(["audit.id", "text", "owner", "due"])
    targets.append(["A-1", "Attend school.", "", "ongoing"])
    targets.append(["A-2", "Reduce conflict.", "Mum", "2024-09-01"])
    workbook.save(path)
    return path


def placed(rule: str, severity: str, *, file: str | None, sheet: str | None = None, row: int | None = None,
           cell: str | None = None, message: str = "", hint: str = "") -> Finding:
    return Finding(form="A-1", rule=rule, ruleset="test", severity=severity, message=message or f"{rule} message",
                   hint=hint, location=Location(file=file, sheet=sheet, row=row, cell=cell, path="summary"))


def sha256(path: Path) -> str:
    import hashlib
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_annotate_fills_and_comments_each_cell_a_finding_points_at(tmp_path):
    from auditrules.reporters.annotate import FILL_COLOURS, annotate_workbook

    source = small_return(tmp_path / "return.xlsx")
    before = sha256(source)
    file = str(source)
    findings = [
        placed("R-1", "warning", file=file, sheet="Audits", row=2, cell="Audits!C2", hint="Say why."),
        placed("R-2", "error", file=file, sheet="Audits", row=2, cell="Audits!C2",
               message='=HYPERLINK("http://x","y")'),
        placed("R-3", "warning", file=file, sheet="Audits", row=3, cell="Audits!D3"),
        placed("R-4", "info", file=file, sheet="plan targets", row=2),
        placed("R-5", "info", file=file, cell="'plan targets'!C3"),
        placed("R-6", "error", file=file, sheet="Audits", row=4, cell="Audits!B4"),
        placed("R-7", "error", file=file, sheet="No such sheet", row=2, cell="'No such sheet'!A2"),
        placed("R-8", "error", file=str(tmp_path / "other.xlsx"), sheet="Audits", row=3, cell="Audits!A3"),
        placed("R-9", "error", file=file),  # no sheet, row or cell: nowhere to put it
    ]
    result = CheckResult(rulesets=[], forms_checked=1, findings=findings)
    out = tmp_path / "annotated.xlsx"

    assert annotate_workbook(source, result, out) == 5
    assert sha256(source) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["annotated.xlsx", "return.xlsx"]

    workbook = openpyxl.load_workbook(out)
    audits, targets = workbook["Audits"], workbook["plan targets"]

    def fill(cell) -> str:
        return cell.fill.fgColor.rgb[-6:] if cell.fill.fill_type == "solid" else ""

    assert fill(audits["C2"]) == FILL_COLOURS["error"]  # the worst of its two findings
    assert audits["C2"].comment.text.splitlines() == [
        "R-1 warning: R-1 message", "  Good looks like: Say why.",
        'R-2 error: =HYPERLINK("http://x","y")']
    assert audits["C2"].value == "Summary one."
    assert audits["C2"].data_type == "s"
    assert fill(audits["D3"]) == FILL_COLOURS["warning"]
    assert audits["D3"].comment.text.startswith("Checked with the team manager.\n\nR-3 warning:")
    assert fill(targets["A2"]) == FILL_COLOURS["info"]  # a row but no cell: the row's first cell
    assert targets["A2"].comment.text == "R-4 info: R-4 message"
    assert fill(targets["C3"]) == FILL_COLOURS["info"]
    assert fill(audits["A4"]) == FILL_COLOURS["error"]  # B4 is inside the merged A4:B4
    assert "R-6" in audits["A4"].comment.text
    assert fill(audits["A3"]) == "" and audits["A3"].comment is None  # R-8 is another file's
    untouched = [c for row in audits.iter_rows() for c in row if c.coordinate not in ("C2", "D3", "A4")]
    assert all(fill(c) == "" for c in untouched)
    assert [c.coordinate for row in audits.iter_rows() for c in row if c.comment] == ["C2", "D3", "A4"]


def test_annotate_refuses_to_write_over_the_return_or_into_a_missing_folder(tmp_path):
    from auditrules import UsageError
    from auditrules.reporters.annotate import annotate_workbook

    source = small_return(tmp_path / "return.xlsx")
    before = sha256(source)
    result = CheckResult(rulesets=[], findings=[placed("R-1", "error", file=None, cell="Audits!A2")])
    with pytest.raises(UsageError, match="is the return being checked"):
        annotate_workbook(source, result, tmp_path / "." / "return.xlsx")
    with pytest.raises(UsageError, match="does not exist"):
        annotate_workbook(source, result, tmp_path / "missing" / "out.xlsx")
    with pytest.raises(UsageError, match="no such file"):
        annotate_workbook(tmp_path / "nothing.xlsx", result, tmp_path / "out.xlsx")
    assert sha256(source) == before


def test_annotate_leaves_no_half_written_file_when_saving_fails(tmp_path, monkeypatch):
    from auditrules.reporters import annotate

    source = small_return(tmp_path / "return.xlsx")
    out = tmp_path / "annotated.xlsx"
    out.write_bytes(b"the copy from last time")

    def broken_save(self, filename):
        Path(filename).write_bytes(b"half a workbook")
        raise OSError("disk full")

    monkeypatch.setattr(openpyxl.Workbook, "save", broken_save)
    result = CheckResult(rulesets=[], findings=[placed("R-1", "error", file=None, cell="Audits!A2")])
    with pytest.raises(OSError, match="disk full"):
        annotate.annotate_workbook(source, result, out)
    assert out.read_bytes() == b"the copy from last time"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["annotated.xlsx", "return.xlsx"]


def test_annotate_refuses_a_file_that_is_not_a_workbook(tmp_path):
    from auditrules.errors import InputError
    from auditrules.reporters.annotate import annotate_workbook

    source = tmp_path / "return.xlsx"
    source.write_text("not a workbook", encoding="utf-8")
    with pytest.raises(InputError, match=r"is not an Excel workbook \(.xlsx\): it looks like a text file"):
        annotate_workbook(source, CheckResult(rulesets=[]), tmp_path / "out.xlsx")
    assert not (tmp_path / "out.xlsx").exists()
