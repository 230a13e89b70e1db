"""`auditrules day-report`: the end-of-day pack for a practice day's sample."""

from __future__ import annotations

import json
from pathlib import Path

import docx
from click.testing import CliRunner

from auditrules.cli import cli

ROOT = Path(__file__).resolve().parents[1]
ROUND_1 = ROOT / "examples" / "rounds" / "round-1-2024.json"
ROUND_2 = ROOT / "examples" / "rounds" / "round-2-2025.json"


def _run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_the_pack_counts_what_the_check_finds_and_proposes_what_is_common():
    done = _run("day-report", str(ROUND_1), "--day", "2024-11-14")
    assert done.exit_code == 0, done.output
    report = json.loads(_run("check", str(ROUND_1), "--format", "json", "--fail-on", "never").output)
    short: dict[str, set[str]] = {}
    for finding in report["findings"]:
        if finding["severity"] in ("error", "warning"):
            short.setdefault(finding["rule"], set()).add(finding["form"])
    out = done.output
    assert out.startswith("Practice day, 14 November 2024: 20 cases audited.")
    for rule, forms in short.items():
        assert f"{rule} " in out and f": {len(forms)} of 20 cases" in out
    assert "core.plans SMART plan targets: 14 of 20" in out
    proposals = out.split("Proposed organisational recommendations")[1]
    assert "Poor practice is escalated to a named senior manager: 14 of 20 cases fall short" in proposals
    assert "Aim: Name the senior manager" in proposals
    assert "A-2024-100: no senior manager named" in out


def test_a_higher_threshold_proposes_less_and_says_when_none():
    done = _run("day-report", str(ROUND_2), "--threshold", "50")
    assert done.exit_code == 0
    assert "none: no shortfall is that common" in done.output


def test_judgements_worth_sharing_are_the_auditors_own_words_never_twice():
    done = _run("day-report", str(ROUND_2))
    shared = done.output.split("Judgements worth sharing:")[1].split("Poor practice escalated:")[0]
    quotes = [line.split(": \u201c", 1)[1] for line in shared.strip().splitlines()]
    assert len(quotes) == 5 and len(set(quotes)) == 5
    strong = (ROOT / "examples" / "strong-writeup.yaml").read_text(encoding="utf-8")
    assert all(q.rstrip("\u201d")[:60] in " ".join(strong.split()) for q in quotes)


def test_the_page_and_the_document(tmp_path):
    page = tmp_path / "day.html"
    done = _run("day-report", str(ROUND_1), "--day", "2024-11-14", "-o", str(page))
    assert done.exit_code == 0
    assert "wrote" in done.output and "recommendations proposed" in done.output
    html = page.read_text(encoding="utf-8")
    assert "Content-Security-Policy" in html and 'id="chart-shortfalls"' in html
    assert "Proposed organisational recommendations" in html
    pack = tmp_path / "day.docx"
    assert _run("day-report", str(ROUND_1), "--day", "2024-11-14", "-o", str(pack)).exit_code == 0
    document = docx.Document(str(pack))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Practice day, 14 November 2024" in text and "Judgements worth sharing" in text
    cells = [cell.text for row in document.tables[0].rows for cell in row.cells]
    assert "LINK-001" in cells and "14 of 20 (70%)" in cells


def test_wrong_options_are_refused_and_unreadable_forms_named(tmp_path):
    done = _run("day-report", str(ROUND_1), "-o", str(tmp_path / "day.pdf"))
    assert done.exit_code == 2 and ".html" in done.output
    bad = tmp_path / "bad.json"
    bad.write_text('[{"audit": {"id": "A-9", "date": "not a date"}}]', encoding="utf-8")
    done = _run("day-report", str(bad), str(ROUND_1))
    assert done.exit_code == 2 and "bad.json[0]: audit.date" in done.output
    assert "20 cases audited" in done.output


def test_the_documented_pack_is_what_the_command_writes(tmp_path, monkeypatch):
    import re

    page = (ROOT / "docs" / "lead-managers" / "day-report.md").read_text(encoding="utf-8")
    shown = re.search(r"```console\n\$ (auditrules day-report .*)\n(.*)\n```", page)
    assert shown is not None
    monkeypatch.chdir(tmp_path)
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    done = _run(*shown.group(1).split()[1:])
    assert done.exit_code == 0
    assert done.output.strip() == shown.group(2)
