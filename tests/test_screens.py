"""The screens the documentation shows, taken in a real browser (Debian's chromium, as the other
browser tests): the review page, the report page of a return, and a return's annotated copy.

`make docs` runs this with AUDITRULES_SCREENSHOTS=docs/images, so the pictures in the
documentation are of the tool as it is; otherwise they are written to a temporary folder and
only checked."""

from __future__ import annotations

import html
import os
import sys
from pathlib import Path

import openpyxl
from click.testing import CliRunner
from playwright.sync_api import Browser

from auditrules.cli import cli

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
sys.path.insert(0, str(ROOT / "benchmarks"))

import batch  # noqa: E402  (the benchmark's return generator writes the return to annotate)

PNG = b"\x89PNG\r\n\x1a\n"


def run(*args: object) -> str:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exit_code in (0, 1), result.output
    return result.stdout


def workbook_as_page(path: Path, sheet: str, columns: int = 7, rows: int = 7) -> str:
    """A sheet's top-left corner as a web page, as a spreadsheet shows it: each flagged cell in
    its fill colour, with its comment (the finding) under it."""
    book = openpyxl.load_workbook(path)
    cells = book[sheet]
    lines = ["<!doctype html><meta charset='utf-8'><style>body{font:13px sans-serif;margin:12px}"
             "table{border-collapse:collapse;table-layout:fixed}td,th{border:1px solid #bbb;padding:4px;"
             "width:170px;vertical-align:top;overflow:hidden}th{background:#eee}"
             ".note{display:block;margin-top:4px;padding:3px;background:#fffbd6;border:1px solid #e0c200;"
             "font-size:11px}</style><table>"]
    for r in range(1, rows + 1):
        lines.append("<tr>")
        for c in range(1, columns + 1):
            cell = cells.cell(row=r, column=c)
            value = cell.value.strftime("%d/%m/%Y") if hasattr(cell.value, "strftime") else cell.value
            text = html.escape(str(value if value is not None else ""))[:90]
            colour = cell.fill.fgColor.rgb if cell.fill is not None and cell.fill.fill_type else None
            style = f" style='background:#{str(colour)[-6:]}'" if isinstance(colour, str) else ""
            note = f"<span class='note'>{html.escape(cell.comment.text[:160])}</span>" if cell.comment else ""
            tag = "th" if r == 1 else "td"
            lines.append(f"<{tag}{style}>{text}{note}</{tag}>")
        lines.append("</tr>")
    lines.append("</table>")
    return "".join(lines)


def test_the_documentation_screens_show_the_tool_as_it_is(browser: Browser, tmp_path: Path):
    folder = Path(os.environ.get("AUDITRULES_SCREENSHOTS") or tmp_path / "images")
    folder.mkdir(parents=True, exist_ok=True)
    review = tmp_path / "review.html"
    run("review", EXAMPLES / "weak-writeup.yaml", "--output", review)
    report = tmp_path / "report.html"
    run("check", EXAMPLES / "sample-return.json", "--format", "html", "--output", report, "--fail-on", "never")
    path, mapping = batch.generate(tmp_path, 6, seed=3, name="q3-return")
    copy = tmp_path / "q3-return.annotated.xlsx"
    run("check", path, "--mapping", mapping, "--annotate", copy, "--output", tmp_path / "report.txt",
        "--fail-on", "never")
    annotated = tmp_path / "annotated.html"
    annotated.write_text(workbook_as_page(copy, batch.MAIN_SHEET), encoding="utf-8")

    context = browser.new_context(viewport={"width": 1280, "height": 820})
    page = context.new_page()
    shots = {"review-page.png": review, "report-page.png": report, "annotated-return.png": annotated}
    for name, source in shots.items():
        page.goto(source.as_uri())
        page.screenshot(path=str(folder / name))
    assert page.locator(".note").count() > 0  # the annotated copy has its findings as comments
    context.close()
    for name in shots:
        data = (folder / name).read_bytes()
        assert data.startswith(PNG) and len(data) > 20_000, name
