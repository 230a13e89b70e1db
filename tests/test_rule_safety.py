"""A rule set is data, not a program: its patterns run in linear time, and it cannot read files,
import modules or run code. Case text never reaches a log."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from auditrules.cli import cli

HEADER = 'ruleset safety.check\n  version "1.0.0"\n  title "Safety"\n\n'


def _rule(body: str, message: str = "m") -> str:
    return HEADER + f'rule SAFE-001 "A rule"\n  {body}\n  message "{message}"\n'


def test_a_catastrophic_pattern_finishes_at_once_on_a_long_text(tmp_path):
    """`^(a+)+$` backtracks for ever in a backtracking engine on 'aaaa…!'; rule patterns run on
    RE2, in time linear in the text. A subprocess with a timeout stands guard (no timed assertion)."""
    rules = tmp_path / "slow.rules"
    rules.write_text(_rule("forbid summary matches /^(a+)+$/", "All a."), encoding="utf-8")
    form = tmp_path / "form.json"
    form.write_text(json.dumps({"audit": {"id": "A-1"}, "summary": "a" * 200_000 + "!"}), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "auditrules", "check", str(form), "--no-default-rules",
                           "--rules", str(rules), "--format", "json"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["forms_checked"] == 1


@pytest.mark.parametrize("pattern", [r"(a)\1", r"(?=a)b", r"(?<!a)b", r"a(?!b)"])
def test_patterns_that_cannot_run_in_linear_time_are_refused(tmp_path, pattern):
    rules = tmp_path / "bad.rules"
    rules.write_text(_rule(f"require summary matches /{pattern}/"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(rules), "--no-default-rules"])
    assert result.exit_code == 2
    assert "bad.rules:6:" in result.stderr and "pattern" in result.stderr


@pytest.mark.parametrize("body, message, says", [
    ('require open("/etc/passwd") is empty', "m", "unknown function 'open'"),
    ('require __import__("os") is empty', "m", "unknown function '__import__'"),
    ('require eval("1 + 1") == 2', "m", "unknown function 'eval'"),
    ('require exec("x = 1") is empty', "m", "unknown function 'exec'"),
    ('require getattr(summary, "upper") is empty', "m", "unknown function 'getattr'"),
    ("require summary.__class__ is empty", "m", "has no field '__class__'"),
    ("require summary is empty", "{summary.__class__.__mro__}", "has no field '__class__'"),
    ("require summary is empty", "{__import__('os').system('touch OWNED')}", "not an expression"),
    ("require summary is empty", "{summary!r:>10}", "not an expression"),
    ('require summary is empty\n  example pass { __class__: "x" }', "m", "__class__"),
])
def test_a_rule_set_cannot_read_files_import_or_run_code(tmp_path, monkeypatch, body, message, says):
    monkeypatch.chdir(tmp_path)
    rules = tmp_path / "evil.rules"
    rules.write_text(_rule(body, message), encoding="utf-8")
    for command in (["validate", str(rules), "--no-default-rules"],
                    ["check", str(Path(__file__).parents[1] / "examples" / "weak-writeup.yaml"),
                     "--no-default-rules", "--rules", str(rules)]):
        result = CliRunner().invoke(cli, command)
        assert result.exit_code == 2, result.output
        assert "evil.rules:" in result.stderr and says in result.stderr
        assert "Traceback" not in result.output
    assert not (tmp_path / "OWNED").exists()


def test_no_case_text_reaches_a_log_at_any_level(tmp_path, caplog):
    """Every logger, at DEBUG, over real checks of a form (JSON and a spreadsheet, with every
    report and an annotated copy): no case text appears."""
    import openpyxl

    secret = "Zebedee-Quarrington"
    form = {"audit": {"id": "A-1", "auditors": [f"{secret} auditor"], "practitioner": secret},
            "child": {"status": "cp"},
            "sections": [{"name": "assessment", "judgement": f"{secret} visited. It was ongoing."}],
            "plan_targets": [{"text": f"{secret} to engage", "owner": "Professionals", "due": "ongoing"}]}
    source = tmp_path / "form.json"
    source.write_text(json.dumps(form), encoding="utf-8")
    book = openpyxl.Workbook()
    book.active.title = "Audits"
    book.active.append(["audit.id", "child.status", "overall_judgement", "audit.practitioner"])
    book.active.append(["A-2", "cp", f"{secret} was seen; visits completed.", secret])
    workbook = tmp_path / "return.xlsx"
    book.save(workbook)
    with caplog.at_level(logging.DEBUG):
        logging.getLogger().setLevel(logging.DEBUG)
        for kind in ("text", "json", "csv", "xlsx", "html"):
            result = CliRunner().invoke(cli, ["check", str(source), str(workbook), "--fail-on", "never",
                                              "--format", kind, "--output", str(tmp_path / f"r.{kind}")])
            assert result.exit_code == 0, result.output
        result = CliRunner().invoke(cli, ["check", str(workbook), "--fail-on", "never",
                                          "--annotate", str(tmp_path / "copy.xlsx")])
        assert result.exit_code == 0, result.output
    assert secret in (tmp_path / "r.json").read_text(encoding="utf-8")  # the case text was read
    assert secret not in caplog.text
    assert all(secret not in str(record.args) for record in caplog.records)
