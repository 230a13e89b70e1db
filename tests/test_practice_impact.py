"""`auditrules impact`: the share of cases falling short in each round, the change with its 95%
interval, and how the cases audited again changed."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from auditrules.cli import cli
from auditrules.practice.impact import Share, change, wilson

ROOT = Path(__file__).resolve().parents[1]
ROUND_1 = ROOT / "examples" / "rounds" / "round-1-2024.json"
ROUND_2 = ROOT / "examples" / "rounds" / "round-2-2025.json"


def _run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_the_interval_is_newcombe_s():
    """Newcombe (1998), table II, example (a): 56/70 against 48/80, method 10."""
    found = change(Share(48, 80), Share(56, 70))
    assert found is not None
    assert found.difference == pytest.approx(0.2)
    assert found.low == pytest.approx(0.0524, abs=5e-4)
    assert found.high == pytest.approx(0.3339, abs=5e-4)
    assert found.verdict == "more fall short"
    assert wilson(0, 10)[1] == pytest.approx(0.2775, abs=5e-4)
    assert wilson(10, 10)[0] == pytest.approx(0.7225, abs=5e-4)


def _short_by_rule(path: Path) -> tuple[int, dict[str, set[str]]]:
    """From the check's own JSON report: forms, and for each rule the forms it has an error or a
    warning on."""
    done = _run("check", str(path), "--format", "json", "--fail-on", "never")
    report = json.loads(done.output)
    short: dict[str, set[str]] = {}
    for finding in report["findings"]:
        if finding["severity"] in ("error", "warning"):
            short.setdefault(finding["rule"], set()).add(finding["form"])
    return report["forms_checked"], short


def test_the_shares_are_the_check_s_own_counts(tmp_path):
    done = _run("impact", str(ROUND_1), str(ROUND_2), "--format", "json")
    assert done.exit_code == 0, done.output
    impact = json.loads(done.output)
    assert [r["name"] for r in impact["rounds"]] == ["round-1-2024", "round-2-2025"]
    for index, path in enumerate((ROUND_1, ROUND_2)):
        forms, short = _short_by_rule(path)
        for row in impact["rows"]:
            if row["level"] == "rule":
                assert row["shares"][index]["short"] == len(short.get(row["key"], ())), row["key"]
                assert row["shares"][index]["cases"] == forms
    analysis = next(r for r in impact["rows"] if r["key"] == "core.analysis")
    assert [s["short"] for s in analysis["shares"]] == [14, 6]
    assert analysis["changes"][0]["verdict"] == "fewer fall short"
    assert analysis["changes"][0]["high"] < 0
    again = impact["reaudited"][0]
    assert again["cases"] == 6
    rec = next(r for r in again["rules"] if r["rule"] == "REC-001")
    assert (rec["resolved"], rec["persisting"], rec["new"]) == (5, 1, 0)


def test_the_text_report_says_what_changed(tmp_path):
    done = _run("impact", str(ROUND_1), str(ROUND_2))
    assert done.exit_code == 0
    assert "round 1 round-1-2024 (20 cases), round 2 round-2-2025 (20 cases)" in done.output
    assert "14/20 70%     6/20 30%  -40 points (-62 to -9): fewer fall short" in done.output
    assert "Audited again in round-2-2025 (the same case as in round-1-2024): 6 cases" in done.output


def test_too_few_cases_are_said_to_be_too_few(tmp_path):
    done = _run("impact", str(ROOT / "examples" / "weak-writeup.yaml"),
                str(ROOT / "examples" / "weak-writeup-reaudit.yaml"))
    assert done.exit_code == 0
    assert "too few cases to tell" in done.output
    assert "fewer fall short" not in done.output
    assert "With fewer than 10 cases in a round" in done.output


def test_the_workbook_and_the_page(tmp_path):
    out = tmp_path / "impact.xlsx"
    assert _run("impact", str(ROUND_1), str(ROUND_2), "--format", "xlsx", "-o", str(out)).exit_code == 0
    rows = list(openpyxl.load_workbook(out)["Shares"].iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    analysis = dict(zip(header, next(r for r in body if r[1] == "core.analysis"), strict=True))
    assert analysis["round-1-2024: short"] == 14 and analysis["round-2-2025: share"] == pytest.approx(0.3)
    assert analysis["Change to round-2-2025"].endswith("fewer fall short")
    page = tmp_path / "impact.html"
    assert _run("impact", str(ROUND_1), str(ROUND_2), "--format", "html", "-o", str(page)).exit_code == 0
    html = page.read_text(encoding="utf-8")
    assert "Content-Security-Policy" in html and 'id="chart-impact"' in html
    assert "core.analysis" in html and "fewer fall short" in html


def test_wrong_rounds_are_refused_or_named(tmp_path):
    done = _run("impact", str(ROUND_1))
    assert done.exit_code == 2 and "give two rounds or more" in done.output
    done = _run("impact", str(ROUND_1), str(ROUND_2), "--format", "xlsx")
    assert done.exit_code == 2 and "--format xlsx needs --output" in done.output
    bad = tmp_path / "round-3.json"
    bad.write_text('[{"audit": {"id": "A-9", "date": "not a date"}}]', encoding="utf-8")
    done = _run("impact", str(ROUND_1), str(ROUND_2), str(bad))
    assert done.exit_code == 2
    assert "round-3.json[0]: audit.date" in done.output
    assert "Impact across 3 rounds" in done.output


def test_the_documented_report_is_what_the_command_prints(monkeypatch):
    import re

    page = (ROOT / "docs" / "lead-managers" / "impact.md").read_text(encoding="utf-8")
    shown = re.search(r"```console\n\$ (auditrules impact .*)\n((?:.|\n)*?)```", page)
    assert shown is not None
    monkeypatch.chdir(ROOT)
    done = _run(*shown.group(1).split()[1:])
    assert done.exit_code == 0
    printed = done.output.splitlines()
    for line in shown.group(2).splitlines():
        if line != "...":
            assert line in printed, line
