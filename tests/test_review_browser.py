"""The review page as a reader sees it, in a real headless browser: Debian's chromium
(`make test` installs it where missing), driven by Playwright, one browser for the session."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from playwright.sync_api import Browser, Page

import auditrules
from auditrules.cli import cli

EXAMPLES = Path(__file__).parents[1] / "examples"
def page_for(tmp_path: Path, form: Path, *extra: str) -> Path:
    out = tmp_path / "review.html"
    result = CliRunner().invoke(cli, ["review", str(form), "--output", str(out), *extra])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture
def open_page(browser: Browser) -> Iterator[tuple[Callable[[Path], Page], list[str]]]:
    """Pages opened in a fresh context that records every request the page makes."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=True)
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    pages: list[Page] = []

    def opener(path: Path) -> Page:
        page = context.new_page()
        page.goto(path.as_uri())
        pages.append(page)
        return page

    yield opener, requests
    context.close()


BOXES = """
articles => articles.map(article => {
  const row = article.closest('.field');
  const rect = el => { const r = el.getBoundingClientRect(); return {x: r.x, y: r.y, w: r.width, h: r.height}; };
  return {rule: article.dataset.rule, path: article.dataset.path, row: row.dataset.path,
          text: article.innerText, visible: article.offsetParent !== null, box: rect(article),
          words: rect(row.querySelector(':scope > .words')),
          aside: rect(row.querySelector(':scope > .findings'))};
})
"""


def boxes(page: Page, selector: str = "article.finding") -> list[dict]:
    """Each finding's box with its field's words and findings column, measured in one go."""
    return page.locator(selector).evaluate_all(BOXES)


def assert_beside(item: dict) -> None:
    """The finding's box sits to the right of its field's words, its column level with them."""
    words, aside, box = item["words"], item["aside"], item["box"]
    assert box["x"] >= words["x"] + words["w"] - 1, item["rule"]
    assert abs(aside["y"] - words["y"]) < 2, item["rule"]
    assert aside["y"] <= box["y"] < aside["y"] + aside["h"], item["rule"]


def words_of(page: Page, path: str) -> str:
    """A field's words as written, without the finding numbers beside marked words."""
    return page.locator(f'.field[data-path="{path}"] .text').evaluate(
        "el => [...el.childNodes].filter(n => !(n.matches && n.matches('sup')))"
        ".map(n => n.textContent).join('')")


def test_every_finding_of_the_weak_example_is_beside_its_field(tmp_path, open_page):
    opener, requests = open_page
    weak = EXAMPLES / "weak-writeup.yaml"
    page = opener(page_for(tmp_path, weak))
    findings = auditrules.check([weak]).findings
    shown = {(item["rule"], item["path"]): item for item in boxes(page)}
    assert len(shown) == len(findings) == 40
    for finding in findings:
        item = shown[(finding.rule, finding.location.path)]
        assert item["visible"] and item["row"] == finding.location.path
        for part in (finding.rule, finding.message, finding.hint, finding.reference):
            assert part in item["text"]
        assert_beside(item)
    assert "None: every finding is shown beside its field." in page.locator("#unplaced").inner_text()
    assert requests == [page.url]  # the page itself, and nothing else


@pytest.fixture(scope="module")
def made_forms(tmp_path_factory, make_forms) -> tuple[Path, Path]:
    """The weak write-up as a Word pro forma and as a form-layout workbook, written by the
    examples' own script into a folder of the test's."""
    docx, xlsx = make_forms.make(EXAMPLES / "weak-writeup.yaml", tmp_path_factory.mktemp("forms"))
    return docx, xlsx


@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_a_word_or_form_layout_pro_forma_has_every_finding_beside_its_text(
        kind, made_forms, tmp_path, open_page):
    opener, requests = open_page
    form = made_forms[0] if kind == "docx" else made_forms[1]
    mapping = EXAMPLES / "pro-forma.mapping.toml"
    page = opener(page_for(tmp_path, form, "--mapping", str(mapping)))
    engine = auditrules.Engine.load()
    findings = engine.check([form], mapping=engine.load_mapping(mapping)).findings
    shown = {(item["rule"], item["path"]): item for item in boxes(page)}
    assert len(shown) == len(findings) == 40
    for finding in findings:
        item = shown[(finding.rule, finding.location.path)]
        assert item["visible"] and item["row"] == finding.location.path
        # The place in the document the finding came from is shown with it.
        where = (f"table {finding.location.table}, row {finding.location.row}" if kind == "docx"
                 else finding.location.cell or "")
        assert where and where in item["text"], (where, item["text"])
        assert_beside(item)
    assert "None: every finding is shown beside its field." in page.locator("#unplaced").inner_text()
    # Words the auditor wrote are on the page as written in the document.
    assert "Plan reviewed at core groups." in words_of(page, "sections[1].judgement")
    assert requests == [page.url]


def test_the_write_up_reads_section_by_section_in_the_canonical_order(tmp_path, open_page):
    opener, _ = open_page
    page = opener(page_for(tmp_path, EXAMPLES / "weak-writeup.yaml"))
    titles = page.locator("section.part > h2").all_inner_texts()
    assert titles == ["Audit details", "Summary", "Sections", "Assessment", "Plan targets",
                      "Family feedback", "Overall judgement", "Impact on the child", "Recommendations",
                      "Escalation", "Quality assurance"]
    sections = page.locator("#part-sections .group > h3").all_inner_texts()
    assert sections == ["Assessment", "Planning", "The child's voice", "Multi-agency working",
                        "Management oversight", "Impact"]
    voice = page.locator('[data-path="sections[2]"]').inner_text()
    assert "Child too young." in voice and "VOICE-001" in voice
    assert words_of(page, "plan_targets[0].text") == "Professionals to support Mother to improve home conditions."
    owner = page.locator('.field[data-path="recommendations[0].owner"]').inner_text()
    assert "Not filled in." in owner and "Missing: owner." in owner
    assert page.locator("#part-family-feedback").inner_text().count("Not filled in.") == 1


def test_the_words_a_finding_concerns_are_highlighted_and_lead_to_it(tmp_path, open_page):
    opener, _ = open_page
    page = opener(page_for(tmp_path, EXAMPLES / "weak-writeup.yaml"))
    judgement = page.locator('.field[data-path="sections[0].judgement"] .words mark')
    assert {"visits", "completed", "signed off"} <= set(judgement.all_inner_texts())
    first = judgement.first
    target = first.locator("a").get_attribute("href")
    assert target and page.locator(f"{target}").get_attribute("data-rule") == "EVAL-001"
    first.locator("a").click()
    assert page.evaluate("location.hash") == target
    # "ongoing" is the limit that is no limit (an error), whatever else weighed it: it leads there.
    ongoing = page.locator('.field[data-path="plan_targets[1].text"] mark', has_text="ongoing")
    href = ongoing.locator("a").get_attribute("href")
    assert page.locator(f"{href}").get_attribute("data-path") == "plan_targets[1].due"


def test_the_qa_summary_proposes_and_counts(tmp_path, open_page):
    opener, _ = open_page
    weak = opener(page_for(tmp_path, EXAMPLES / "weak-writeup.yaml"))
    proposal = weak.locator("#proposal").inner_text()
    assert "Proposed: Return" in proposal
    assert "Poor practice is not escalated to a named senior manager with a timescale" in proposal
    assert "Recorded outcome: returned by Service manager, West on 27 June 2025. It agrees" \
        in weak.locator("#qa-summary").inner_text()
    counts = weak.locator("#counts tfoot").inner_text().split()
    assert counts == ["All", "11", "21", "8", "40"]
    strong = opener(page_for(tmp_path, EXAMPLES / "strong-writeup.yaml"))
    assert "Proposed: Agree" in strong.locator("#proposal").inner_text()
    letter = strong.locator("#strengths .letter li").all_inner_texts()
    assert any(item.startswith("Planning: judgement: The planning judgement judges the work")
               for item in letter), letter
    assert any("Sam's own account sits at the centre of the analysis." in item for item in letter)


def test_case_text_never_runs_and_nothing_is_fetched(tmp_path, write, open_page):
    opener, requests = open_page
    hostile = write("hostile.yaml", """\
audit: {id: "<i>H-1</i>", date: 2025-06-01}
summary: "<script>window.pwned = 1; document.title = 'pwned'</script>"
overall_judgement: "<img src='http://127.0.0.1:9/x.png' onerror='window.pwned = 2'> Good."
impact_on_child: "<link rel=stylesheet href='http://127.0.0.1:9/s.css'> Safer."
""")
    page = opener(page_for(tmp_path, hostile))
    assert page.evaluate("window.pwned") is None
    assert page.title() == "Review of audit <i>H-1</i>"
    assert page.locator("main script, main img, main link").count() == 0
    assert "<script>window.pwned = 1;" in page.locator('.field[data-path="summary"]').inner_text()
    assert requests == [page.url]


def test_the_print_view_keeps_findings_beside_their_text(tmp_path, open_page):
    opener, requests = open_page
    page = opener(page_for(tmp_path, EXAMPLES / "weak-writeup.yaml"))
    page.emulate_media(media="print")
    assert not page.locator("nav.contents").is_visible()
    for item in boxes(page):
        assert_beside(item)
    pdf = page.pdf(format="A4")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert 3 <= pages <= 40
    assert requests == [page.url]


def test_marks_on_text_findings_download_as_a_labels_file_learn_reads(tmp_path, open_page):
    from auditrules.scoring.labels import read_labels

    opener, requests = open_page
    page = opener(page_for(tmp_path, EXAMPLES / "weak-writeup.yaml"))
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.click("#download-marks")
    assert page.locator("#marks-status").inner_text() == "No finding is marked yet."
    marks = page.locator("fieldset.mark")
    first, second = marks.nth(0), marks.nth(marks.count() - 1)
    first.locator('input[value="right"]').check()
    second.locator('input[value="wrong"]').check()
    with page.expect_download() as waiting:
        page.click("#download-marks")
    download = waiting.value
    assert download.suggested_filename == "labels-A-2025-051.csv"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    read = read_labels([saved])
    assert read.problems == []
    expected = []
    for mark, label in ((first, "poor"), (second, "good")):
        data = mark.evaluate("set => ({...set.dataset})")
        expected.append((data["text"], data["kind"], label, data["field"], data["form"],
                         tuple(data["actions"].splitlines()) if data["kind"] == "analysis" else ()))
    assert [(lb.text, lb.kind, lb.label, lb.field, lb.form, lb.actions) for lb in read.labels] == expected
    assert read.labels[0].note == f"review page: {first.get_attribute('data-rule')} marked right"
    assert page.locator("#marks-status").inner_text() == "2 marks written to labels-A-2025-051.csv."
    assert errors == [] and requests == [page.url]
    # The marks go into learn beside the council's own labels.
    council = Path(__file__).parent / "data" / "house" / "northmoor-labels.csv"
    learned = CliRunner().invoke(cli, ["learn", str(council), str(saved), "-o", str(tmp_path / "m.model")])
    assert learned.exit_code == 0, learned.output
    assert learned.stdout.startswith(f"read {len(read_labels([council]).labels) + 2} labels")
