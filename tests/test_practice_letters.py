"""`auditrules letters`: recognition letters quoting the strengths found, and chasers for
recommendations overdue, filled from templates a council can change."""

from __future__ import annotations

from pathlib import Path

import docx
import yaml
from click.testing import CliRunner

from auditrules.cli import cli

ROOT = Path(__file__).resolve().parents[1]
STRONG = ROOT / "examples" / "strong-writeup.yaml"
TRACKED = ROOT / "examples" / "tracked-recommendations.yaml"


def _run(*args: str):
    return CliRunner().invoke(cli, ["letters", *args], catch_exceptions=False)


def _text(path: Path) -> str:
    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    for section in document.sections:
        parts += [p.text for p in section.header.paragraphs]
    return "\n".join(parts)


def test_recognition_quotes_the_judgements_found_strong_and_chasers_list_what_is_overdue(tmp_path):
    done = _run(str(STRONG), str(TRACKED), "--overdue-as-of", "2025-10-01", "--signed-by",
                "Head of Quality Assurance", "-o", str(tmp_path))
    assert done.exit_code == 0, done.output
    form = yaml.safe_load(STRONG.read_text(encoding="utf-8"))
    practitioner = form["audit"]["practitioner"]
    letter = tmp_path / "recognition-social-worker-east-2.docx"
    text = _text(letter)
    assert f"Dear {practitioner}," in text
    planning = next(s for s in form["sections"] if s["name"] == "planning")["judgement"]
    assert f"Planning, {form['audit']['id']}: \u201c{planning.strip()}\u201d" in text
    assert "Head of Quality Assurance" in text and "{" not in text
    bullets = [p for p in docx.Document(str(letter)).paragraphs if p.style.name == "List Bullet"]
    assert len(bullets) >= 3
    chaser = _text(tmp_path / "chaser-iro.docx")
    assert "Dear IRO," in chaser and "As of 1 October 2025" in chaser
    assert "A-2025-051: IRO to review the plan with the family and school before the next review " \
           "conference (due 30 September 2025, 1 day overdue)" in chaser
    assert "(1 in all)" in chaser and "{" not in chaser
    assert not (tmp_path / "chaser-service-manager.docx").exists()  # open, not overdue


def test_a_council_template_keeps_its_own_words_and_fills_every_place(tmp_path):
    assert _run("--write-templates", "-o", str(tmp_path)).exit_code == 0
    template = tmp_path / "recognition-template.docx"
    document = docx.Document(str(template))
    document.sections[0].header.paragraphs[0].text = "Anyshire Children's Services \u2014 {date}"
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "For the attention of"
    table.cell(0, 1).text = "{practitioner}, {team}"
    document.paragraphs[0].text = "Thank you from Anyshire"
    document.save(str(template))
    before = template.read_bytes()
    out = tmp_path / "letters"
    out.mkdir()
    done = _run(str(STRONG), "--recognition-template", str(template), "-o", str(out))
    assert done.exit_code == 0, done.output
    text = _text(out / "recognition-social-worker-east-2.docx")
    assert "Thank you from Anyshire" in text
    assert "Social worker (East 2), East Safeguarding 2" in text
    assert "Anyshire Children's Services \u2014 " in text and "{date}" not in text
    assert template.read_bytes() == before


def test_a_template_with_a_place_no_letter_fills_is_refused_naming_it(tmp_path):
    assert _run("--write-templates", "-o", str(tmp_path)).exit_code == 0
    template = tmp_path / "chaser-template.docx"
    document = docx.Document(str(template))
    document.add_paragraph("About {child_name}, whose plan is {plan}")
    document.save(str(template))
    done = _run(str(TRACKED), "--overdue-as-of", "2025-10-01", "--chaser-template", str(template),
                "-o", str(tmp_path))
    assert done.exit_code == 2
    assert "uses {child_name}, {plan}, which a chaser letter does not fill" in done.output
    assert "{owner}" in done.output


def test_a_template_that_is_not_a_word_document_is_refused_plainly(tmp_path):
    fake = tmp_path / "letter.docx"
    fake.write_text("Dear {practitioner}", encoding="utf-8")
    done = _run(str(STRONG), "--recognition-template", str(fake), "-o", str(tmp_path))
    assert done.exit_code == 2
    assert "letter.docx" in done.output and "Traceback" not in done.output


def test_forms_with_no_strengths_write_no_letters_and_say_so(tmp_path):
    form = tmp_path / "thin.yaml"
    form.write_text("audit: {id: A-1, practitioner: J. Smith}\nsections:\n"
                    "  - {name: assessment, judgement: 'Visits took place.'}\n", encoding="utf-8")
    done = _run(str(form), "-o", str(tmp_path))
    assert done.exit_code == 0
    assert "no letters: no strengths were found" in done.output
    assert not list(tmp_path.glob("*.docx"))


def test_a_form_that_cannot_be_read_is_named_and_the_rest_get_letters(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("audit: [not, a, form]\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    done = _run(str(bad), str(STRONG), "-o", str(out))
    assert done.exit_code == 2
    assert "bad.yaml" in done.output
    assert (out / "recognition-social-worker-east-2.docx").exists()


def test_the_documented_letters_are_what_the_command_writes(tmp_path, monkeypatch):
    import re

    page = (ROOT / "docs" / "lead-managers" / "letters.md").read_text(encoding="utf-8")
    shown = re.search(r"```console\n\$ (auditrules letters (?:.*\\\n)*.*)\n((?:.|\n)*?)```", page)
    assert shown is not None
    args = [a.strip('"') for a in re.findall(r'"[^"]*"|\S+', shown.group(1).replace("\\\n", " "))][2:]
    monkeypatch.chdir(tmp_path)
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    (tmp_path / "letters").mkdir()
    done = _run(*args)
    assert done.exit_code == 0, done.output
    assert done.output.splitlines() == shown.group(2).splitlines()
