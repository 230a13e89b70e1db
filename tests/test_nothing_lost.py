"""Nothing is lost: every input is byte-identical after every command; a return with bad rows
still has every good row checked and every bad one reported; outputs are written whole, so a
crash leaves the old file (or the new one), never half of one."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from auditrules.cli import cli
from auditrules.plugins import get_host

ROOT = Path(__file__).parents[1]


def _digests(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _return(path: Path) -> Path:
    """A spreadsheet return in the canonical layout, with a child sheet."""
    book = openpyxl.Workbook()
    audits = book.active
    audits.title = "Audits"
    audits.append(["audit.id", "audit.date", "child.status", "audit.auditors", "sections.assessment.judgement"])
    audits.append(["A-1", dt.datetime(2024, 6, 3), "cp", "Jo Bloggs", "Visits were completed."])
    audits.append(["A-2", "12/06/2024", "cin", "Team manager", "The plan was effective because the child is safer."])
    targets = book.create_sheet("plan_targets")
    targets.append(["audit.id", "text", "owner", "due"])
    targets.append(["A-1", "Engage with services", "Professionals", "ongoing"])
    book.save(path)
    return path


@pytest.fixture
def inputs(tmp_path, make_forms) -> Path:
    """Copies of the sample files, a spreadsheet and a CSV return, a mapping, a configuration
    and the core rule sets, in one folder of their own."""
    folder = tmp_path / "inputs"
    folder.mkdir()
    for name in ("sample-return.json", "weak-writeup.yaml", "strong-writeup.yaml", "themed-return.yaml",
                 "weak-writeup-reaudit.yaml", "tracked-recommendations.yaml", "waivers.toml",
                 "pro-forma.mapping.toml"):
        shutil.copy(ROOT / "examples" / name, folder / name)
    shutil.copytree(ROOT / "rulesets", folder / "rules")
    _return(folder / "return.xlsx")
    make_forms.make(ROOT / "examples" / "weak-writeup.yaml", folder)  # a Word and a form-layout pro forma
    (folder / "return.csv").write_text("audit.id,audit.date,child.status,overall_judgement\n"
                                       "A-3,2024-06-12,cp,Visits were completed.\n", encoding="utf-8")
    (folder / "return.mapping.toml").write_text(
        '[form]\nsheet = "Audits"\nid = "audit.id"\n\n[fields]\n"audit.date" = "audit.date"\n',
        encoding="utf-8")
    (folder / "auditrules.toml").write_text('fail_on = "never"\n\n[settings]\njudgement_min_words = 20\n',
                                            encoding="utf-8")
    return folder


def test_every_input_is_unchanged_by_every_command(inputs, tmp_path, monkeypatch):
    monkeypatch.chdir(inputs)  # the configuration is found here, as a user's would be
    out = tmp_path / "out"
    out.mkdir()
    forms = ["sample-return.json", "weak-writeup.yaml", "strong-writeup.yaml", "themed-return.yaml",
             "return.xlsx", "return.csv"]
    commands = [
        ["check", *forms],
        *(["check", *forms, "--format", kind, "--output", str(out / f"report.{kind}")]
          for kind in ("text", "json", "csv", "xlsx", "html")),
        ["check", "return.xlsx", "--redact", "--annotate", str(out / "copy.xlsx")],
        ["check", "return.xlsx", "--mapping", "return.mapping.toml", "--jobs", "2"],
        ["check", ".", "--rules", "rules", "--no-default-rules"],
        ["map", "return.xlsx", "--output", str(out / "map.toml")],
        ["map", "return.csv", "--output", str(out / "map-csv.toml")],
        ["validate", "rules", "--strict", "--no-default-rules"],
        ["validate", "rules", "--format", "sarif", "--output", str(out / "v.sarif")],
        ["test", "rules", "--coverage", "--no-default-rules"],
        ["fmt", "--check", "rules"],
        ["fmt", "rules"],  # already in the canonical layout: nothing to rewrite
        ["rules", "--rules", "rules"],
        ["explain", "SMART-002"],
        ["functions"],
        ["plugins"],
        ["check", "weak-writeup.docx", "weak-writeup-form.xlsx", "--mapping", "pro-forma.mapping.toml"],
        ["map", "weak-writeup.docx", "--output", str(out / "docx-map.toml")],
        ["map", "weak-writeup-form.xlsx", "--layout", "form", "--output", str(out / "form-map.toml")],
        ["review", "weak-writeup.docx", "--mapping", "pro-forma.mapping.toml", "--redact",
         "--output", str(out / "review.html")],
        ["review", "sample-return.json", "--form", "A-2024-033", "--output", str(out / "t.html")],
        ["check", "weak-writeup.yaml", "--waivers", "waivers.toml", "--format", "sarif",
         "--output", str(out / "w.sarif")],
        *(["compare", "weak-writeup.yaml", "weak-writeup-reaudit.yaml", "--format", kind,
           "--output", str(out / f"compare.{kind}")] for kind in ("text", "json", "xlsx", "html")),
        *(["track", "tracked-recommendations.yaml", "--as-of", "2025-09-01", "--format", kind,
           "--output", str(out / f"tracker.{kind}")] for kind in ("text", "xlsx", "html")),
        ["check", "tracked-recommendations.yaml", "--as-of", "2025-09-01"],
        ["template", str(out / "blank.xlsx")],
        ["template", "return.xlsx"],  # refused: it exists
    ]
    get_host().add_commands(cli)
    before = _digests(inputs)
    codes = []
    for command in commands:
        result = CliRunner().invoke(cli, command)
        assert result.exception is None or isinstance(result.exception, SystemExit), \
            f"{command}: {result.exception!r}"
        codes.append(result.exit_code)
        assert _digests(inputs) == before, f"{command} changed an input"
    assert codes[-1] == 2  # the template would have replaced an input: refused
    assert (out / "copy.xlsx").exists() and (out / "blank.xlsx").exists()
    for name in ("review.html", "t.html", "w.sarif", "compare.xlsx", "tracker.xlsx", "docx-map.toml",
                 "form-map.toml"):
        assert (out / name).stat().st_size > 0, name


def test_a_return_with_bad_rows_has_every_good_row_checked(tmp_path):
    book = openpyxl.Workbook()
    audits = book.active
    audits.title = "Audits"
    audits.append(["audit.id", "audit.date", "child.status", "overall_judgement"])
    rows = [
        ["A-1", "2024-06-12", "cp", "Visits were completed."],           # good
        [None, "2024-06-12", "cp", "No id on this row."],                # bad: no id
        ["A-3", "31/02/2024", "cp", "An impossible date."],              # bad: date
        ["A-4", "2024-06-12", "cp", "x" * 2_000],                        # bad: cell too long
        ["A-5", "2024-06-12", "cin", "The plan was effective, so the child is safer."],  # good
        ["A-1", "2024-06-12", "cp", "The same id again."],               # bad: id used twice
        ["A-7", "2024-06-12", "child protection", "Visits were completed."],  # good
    ]
    for row in rows:
        audits.append(row)
    path = tmp_path / "return.xlsx"
    book.save(path)
    config = tmp_path / "limits.toml"
    config.write_text("[limits]\ncell = 1_000\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(path), "--format", "json", "--jobs", "2",
                                      "--config", str(config)])
    assert result.exit_code == 2
    report = json.loads(result.stdout)
    assert any("the cell holds 2,000 characters, more than the 1,000 allowed" in e["message"]
               for e in report["errors"])
    assert report["forms_checked"] == 3
    assert {f["form"] for f in report["findings"]} <= {"A-1", "A-5", "A-7"}
    cells = sorted(e["location"]["cell"] for e in report["errors"])
    assert cells == ["Audits!A3", "Audits!A7", "Audits!B4", "Audits!D5"], report["errors"]


def test_a_list_of_forms_with_bad_forms_has_every_good_form_checked(tmp_path):
    forms = [{"audit": {"id": "A-1"}}, {"audit": {"id": "A-2", "date": "31/02/2024"}},
             {"audit": {"id": "A-3"}, "sections": [{"judgment": "typo"}]}, {"audit": {"id": "A-4"}},
             ["not", "a", "form"]]
    path = tmp_path / "forms.json"
    path.write_text(json.dumps(forms), encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(path), "--format", "json"])
    report = json.loads(result.stdout)
    assert result.exit_code == 2 and report["forms_checked"] == 2
    assert [e["form"] for e in report["errors"]] == ["A-2", "A-3", None]


def _interrupted(*args, **kwargs):
    stream = next((a for a in args if hasattr(a, "write")), None)
    if stream is not None:
        stream.write(b"half a report" if "b" in getattr(stream, "mode", "b") else "half a report")
    raise RuntimeError("the power went off")


@pytest.mark.parametrize("kind", ["text", "json", "csv", "xlsx", "html"])
def test_a_crash_while_writing_a_report_leaves_the_old_file(tmp_path, monkeypatch, kind):
    report = tmp_path / f"report.{kind}"
    report.write_bytes(b"the old report")
    reporter = type(get_host().reporters[kind])
    monkeypatch.setattr(reporter, "write", lambda self, result, stream, **kw: _interrupted(stream))
    result = CliRunner().invoke(cli, ["check", str(ROOT / "examples" / "weak-writeup.yaml"),
                                      "--format", kind, "--output", str(report)])
    assert isinstance(result.exception, RuntimeError)
    assert report.read_bytes() == b"the old report"
    assert sorted(p.name for p in tmp_path.iterdir()) == [report.name]  # no half-written file left


def test_a_crash_while_writing_the_annotated_copy_leaves_the_old_one(tmp_path, monkeypatch):
    source = _return(tmp_path / "return.xlsx")
    copy = tmp_path / "copy.xlsx"
    copy.write_bytes(b"the old copy")

    def save(self, filename):
        Path(filename).write_bytes(b"PK half a workbook")
        raise RuntimeError("the power went off")

    monkeypatch.setattr(openpyxl.Workbook, "save", save)
    result = CliRunner().invoke(cli, ["check", str(source), "--annotate", str(copy)])
    assert isinstance(result.exception, RuntimeError)
    assert copy.read_bytes() == b"the old copy"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["copy.xlsx", "return.xlsx"]


def test_a_file_that_cannot_be_read_leaves_the_others_checked(tmp_path):
    """Several files, or a folder: one that cannot be read at all is reported with its name and
    the rest are still checked (exit 2). One file alone stops the check with a plain error."""
    folder = tmp_path / "quarter"
    folder.mkdir()
    shutil.copy(ROOT / "examples" / "weak-writeup.yaml", folder / "a-weak.yaml")
    (folder / "b-broken.xlsx").write_bytes(b"%PDF-1.7 this is not a workbook")
    shutil.copy(ROOT / "examples" / "strong-writeup.yaml", folder / "c-strong.yaml")
    for args in ([str(folder)], [str(p) for p in sorted(folder.iterdir())]):
        result = CliRunner().invoke(cli, ["check", *args, "--format", "json"])
        assert result.exit_code == 2, result.output
        report = json.loads(result.stdout)
        assert report["forms_checked"] == 2
        assert {f["form"] for f in report["findings"]} == {"A-2025-051", "A-2025-044"}
        (error,) = report["errors"]
        assert error["location"]["file"].endswith("b-broken.xlsx")
        assert "it looks like a PDF document" in error["message"]
    alone = CliRunner().invoke(cli, ["check", str(folder / "b-broken.xlsx")])
    assert alone.exit_code == 2 and "it looks like a PDF document" in alone.stderr
