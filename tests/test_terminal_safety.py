"""Text reports never pass a control character from case text to the terminal: an escape
sequence in a judgement could clear the screen, recolour a line or rewrite one already printed.
Such characters are shown as their symbols (␛) instead; other reports keep the text as written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from auditrules.cli import cli
from auditrules.reporters import visible

ESCAPES = "\x1b[2J\x1b[1;32mAll clear\x1b[0m\r\x07"

QUOTING_RULES = '''ruleset test.quotes
  version "1.0.0"
  title "Quotes case text"

rule Q-001 "Quotes the judgement"
  for each section in sections
  forbid section.judgement is not empty
  message "The judgement reads '{section.judgement}'."
'''


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    rules = tmp_path / "quotes.rules"
    rules.write_text(QUOTING_RULES, encoding="utf-8")
    form = tmp_path / "form.json"
    form.write_text(json.dumps({
        "audit": {"id": "A-1", "date": "2025-03-04"},
        "sections": [{"name": "assessment", "judgement": f"Visits were made. {ESCAPES}"}],
        "recommendations": [{"action": f"Review the plan {ESCAPES}", "owner": "Team manager",
                             "due": "2025-04-01", "status": "open"}],
    }), encoding="utf-8")
    return form, rules


def _run(*args: object) -> str:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exit_code in (0, 1), result.output
    return result.stdout


def _assert_shown_not_acting(out: str) -> None:
    assert not any(c in out for c in "\x1b\r\x07"), repr(out)
    assert "␛[2J␛[1;32mAll clear␛[0m" in out


def test_the_text_report_shows_control_characters_as_symbols(files):
    form, rules = files
    _assert_shown_not_acting(_run("check", form, "--rules", rules, "--no-default-rules"))


def test_the_json_report_keeps_the_text_as_written(files):
    form, rules = files
    report = json.loads(_run("check", form, "--rules", rules, "--no-default-rules", "--format", "json"))
    assert "All clear" in report["findings"][0]["message"]
    assert "\x1b[2J" in report["findings"][0]["message"]


def test_the_comparison_and_the_tracker_show_control_characters_as_symbols(files):
    form, rules = files
    _assert_shown_not_acting(_run("compare", form, form, "--rules", rules, "--no-default-rules"))
    _assert_shown_not_acting(_run("track", form, "--as-of", "2025-05-01"))


def test_visible_keeps_new_lines_tabs_and_ordinary_text():
    assert visible("line one\n\tline two – café") == "line one\n\tline two – café"
    assert visible("a\x1bb\x7fc\x9bd") == "a␛b␡c\ufffdd"
