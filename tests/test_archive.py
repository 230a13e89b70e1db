"""The archive check every Office file passes before a reader opens it, its limits (set in one
place, changed in auditrules.toml), and the XML parsers that read user files."""

from __future__ import annotations

import importlib.util
import io
import json
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

import documentation
from auditrules.cli import cli
from auditrules.errors import InputError, UsageError
from auditrules.limits import DEFAULT_LIMITS, Limits
from auditrules.readers.archive import check_archive
from auditrules.readers.tables import XlsxWorkbook

ROOT = Path(__file__).parents[1]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> dict[str, Path]:
    spec = importlib.util.spec_from_file_location("make_hostile", ROOT / "tests" / "hostile" / "make_hostile.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.make_all(tmp_path_factory.mktemp("hostile"))


@pytest.mark.parametrize("kind", ["xlsx", "docx"])
@pytest.mark.parametrize("stem, says", [
    ("zip-bomb", "times its packed size, more than the 200 allowed (limits.archive_ratio)"),
    ("zip-bomb-declared", "would unpack to 3.0 GB, more than the 1.0 GB allowed (limits.archive_member)"),
    ("entity-bomb", "declares a document type (<!DOCTYPE>)"),
    ("entity-bomb-after-comment", "declares a document type (<!DOCTYPE>)"),
    ("truncated", "damaged or incomplete"),
    ("password-protected", "password-protected (or an old .xls/.doc file)"),
    ("encrypted-zip", "this file is password-protected"),
    ("renamed-pdf", "it looks like a PDF document"),
    ("renamed-png", "it looks like a PNG picture"),
    ("renamed-text", "it looks like a text file"),
    ("empty", "the file is empty"),
    ("other-zip", "this is a zip archive, but not"),
    ("many-parts", "holds 10,001 parts, more than the 10,000 allowed"),
])
def test_hostile_office_files_are_refused_by_name(hostile, kind, stem, says):
    path = hostile[f"{stem}.{kind}"]
    with pytest.raises(InputError) as caught:
        check_archive(path, kind)
    assert str(caught.value).startswith(f"{path}: ") and says in str(caught.value)
    assert ("Word document (.docx)" if kind == "docx" else "Excel workbook (.xlsx)") in str(caught.value) \
        or "limits." in str(caught.value) or "document type" in str(caught.value)


def test_good_files_pass(hostile, tmp_path):
    book = openpyxl.Workbook()
    book.active.append(["audit.id"])
    good = tmp_path / "good.xlsx"
    book.save(good)
    check_archive(good, "xlsx")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?>\n<!-- a note -->\n<Types/>')
        archive.writestr("word/document.xml", "\ufeff<?xml version='1.0'?><w:document/>".encode())
    (tmp_path / "good.docx").write_bytes(buffer.getvalue())
    check_archive(tmp_path / "good.docx", "docx")


def test_calamine_never_meets_an_entity_or_zip_bomb(hostile):
    for name in ("entity-bomb.xlsx", "zip-bomb.xlsx", "entity-bomb-after-comment.xlsx"):
        with pytest.raises(InputError, match=r"zip bomb|document type"):
            XlsxWorkbook(hostile[name])


def test_openpyxl_reads_user_files_through_defusedxml(hostile):
    """The annotated copy is made with openpyxl, which uses defusedxml when it is installed:
    an entity bomb given to it directly is refused by defusedxml, not expanded."""
    from openpyxl.xml import DEFUSEDXML

    assert DEFUSEDXML
    with pytest.raises(Exception) as caught:
        openpyxl.load_workbook(hostile["entity-bomb.xlsx"])
    chain, error = [], caught.value
    while error is not None:
        chain.append(type(error).__module__)
        error = error.__cause__ or error.__context__
    assert any(module.startswith("defusedxml") for module in chain), chain


def test_limits_are_set_in_auditrules_toml(hostile, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    form = tmp_path / "form.json"
    form.write_text(json.dumps({"audit": {"id": "A-1"}, "summary": "x" * 2_000}), encoding="utf-8")
    nested = tmp_path / "nested.json"
    nested.write_text(json.dumps({"audit": {"id": "A-2"}, "sections": [{"name": "assessment"}]}),
                      encoding="utf-8")
    (tmp_path / "auditrules.toml").write_text("[limits]\ntext_file = 1_000\ndepth = 2\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(form), str(nested), "--format", "json"])
    assert result.exit_code == 2
    errors = json.loads(result.stdout)["errors"]
    assert [e["message"] for e in errors] == [
        f"the file is {form.stat().st_size:,} bytes, more than the 1,000 allowed (limits.text_file); it is not read",
        "lists and blocks nest more than 2 deep (limits.depth)"]
    (tmp_path / "auditrules.toml").write_text("[limits]\narchive_ratio = 5000\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(hostile["zip-bomb.xlsx"]), "--no-default-rules"])
    assert "archive_ratio" not in result.stderr  # the raised limit lets it past the ratio check


@pytest.mark.parametrize("table, says", [
    ("[limits]\narchive_totl = 5\n", "unknown key 'archive_totl'; did you mean 'archive_total'?"),
    ("[limits]\ncell = -1\n", "cell = -1: a limit is a whole number above 0"),
    ("[limits]\ncell = \"big\"\n", "a limit is a whole number above 0"),
])
def test_mistakes_in_the_limits_are_named(tmp_path, table, says):
    config = tmp_path / "auditrules.toml"
    config.write_text(table, encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(ROOT / "examples" / "weak-writeup.yaml"), "--config", str(config)])
    assert result.exit_code == 2 and says in result.stderr


def test_default_limits():
    assert Limits() == DEFAULT_LIMITS and DEFAULT_LIMITS.cell == 32_767
    with pytest.raises(UsageError):
        Limits.from_table({"depth": 0}, "here")


def test_the_readme_lists_every_limit_with_its_default():
    from dataclasses import fields

    readme = documentation.page("safety.md")
    rows = dict(re.findall(r"^\| `(\w+)` \| ([\d,]+) \|", readme, flags=re.MULTILINE))
    expected = {f.name: f"{getattr(DEFAULT_LIMITS, f.name):,}" for f in fields(Limits)}
    assert rows == expected
