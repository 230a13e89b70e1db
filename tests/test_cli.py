"""The command line, through click's runner and (for `python -m auditrules`) a real subprocess."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from auditrules.cli import cli

ROOT = Path(__file__).parents[1]
SAMPLE = ROOT / "examples" / "sample-return.json"

RULES = """ruleset test.cli
  version "2.0"
  title "CLI"

setting min_words = 3

rule CLI-1 "Summary given"
  severity error
  require summary is not empty
  message "no summary"
  hint "Write a summary."
  reference "Local guidance"
  tags completeness
  example pass { summary: "A summary." }
  example fail at summary { audit: { id: "x" } }

rule CLI-2 "Overall judgement long enough"
  severity warning
  for overall_judgement
  require words(overall_judgement) >= min_words
  message "too short"
  example pass { overall_judgement: "Good because of reasons." }
  example fail at overall_judgement { overall_judgement: "Good." }
"""

GOOD_FORM = {"audit": {"id": "F-1"}, "summary": "Summary.", "overall_judgement": "Safer because of work."}
WARN_FORM = {"audit": {"id": "F-2"}, "summary": "Summary.", "overall_judgement": "Fine."}
ERROR_FORM = {"audit": {"id": "F-3"}, "overall_judgement": "Safer because of work."}


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def rules_file(write):
    return write("cli.rules", RULES)


def forms_file(write, *forms, name="forms.json"):
    return write(name, json.dumps(list(forms)))


def invoke(runner, *args):
    return runner.invoke(cli, [str(a) for a in args], catch_exceptions=False)


# ---- check: exit codes ------------------------------------------------------------------------


def test_check_exits_0_when_clean(runner, write, rules_file):
    result = invoke(runner, "check", forms_file(write, GOOD_FORM), "--no-default-rules", "-r", rules_file)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().endswith("0 findings in 1 form.")


def test_check_exits_1_on_an_error_finding_and_prints_one_line_each(runner, write, rules_file):
    path = forms_file(write, ERROR_FORM)
    result = invoke(runner, "check", path, "--no-default-rules", "-r", rules_file)
    assert result.exit_code == 1
    first = result.stdout.splitlines()[0]
    assert first == f"{path}[0] summary: F-3 CLI-1 error: no summary"
    assert "    good looks like: Write a summary." in result.stdout
    assert result.stdout.strip().endswith("1 finding in 1 form (1 error).")


@pytest.mark.parametrize(("fail_on", "code"), [("error", 0), ("warning", 1), ("info", 1), ("never", 0)])
def test_fail_on_sets_the_level_that_fails(runner, write, rules_file, fail_on, code):
    path = forms_file(write, WARN_FORM)
    result = invoke(runner, "check", path, "--no-default-rules", "-r", rules_file, "--fail-on", fail_on)
    assert result.exit_code == code


def test_fail_on_never_still_reports_findings(runner, write, rules_file):
    path = forms_file(write, ERROR_FORM)
    result = invoke(runner, "check", path, "--no-default-rules", "-r", rules_file, "--fail-on", "never")
    assert result.exit_code == 0
    assert "CLI-1 error" in result.stdout


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("broken.json", '{"audit": {"id": 1,}}', "not valid JSON at line 1"),
        ("broken.yaml", "audit: [unclosed", "not valid YAML at line 2, column 1"),
        ("type.json", '{"audit": {"id": "T", "themes": "domestic_abuse"}}', "audit.themes: expected a list"),
        ("date.json", '{"audit": {"id": "D", "date": "31/02/2024"}}',
         "audit.date: '31/02/2024' is not a date (write it as YYYY-MM-DD or DD/MM/YYYY)"),
        ("unknown.json", '{"audit": {"id": "U"}, "sections": [{"judgment": "x"}]}',
         "sections[0].judgment: unknown field 'judgment'; did you mean 'judgement'?"),
        ("status.json", '{"child": {"status": "adopted"}}', "child.status: 'adopted' is not one of"),
        ("scalar.json", "42", "neither a form"),
    ],
)
def test_bad_form_files_exit_2_with_a_located_message(runner, write, rules_file, name, text, message):
    path = write(name, text)
    result = invoke(runner, "check", path, "--no-default-rules", "-r", rules_file)
    assert result.exit_code == 2
    assert message in result.stdout
    assert "Traceback" not in result.output


def test_a_bad_form_in_a_list_is_reported_and_the_others_are_checked(runner, write, rules_file):
    bad = {"audit": {"id": "BAD", "date": "not a date"}}
    path = forms_file(write, ERROR_FORM, bad, WARN_FORM)
    result = invoke(runner, "check", path, "--no-default-rules", "-r", rules_file, "-f", "json")
    assert result.exit_code == 2
    report = json.loads(result.stdout)
    assert report["forms_checked"] == 2
    assert [f["form"] for f in report["findings"]] == ["F-3", "F-2"]
    assert report["errors"] == [{
        "form": "BAD",
        "message": "audit.date: 'not a date' is not a date (write it as YYYY-MM-DD or DD/MM/YYYY)",
        "location": {"path": "audit.date", "section": None, "file": str(path), "form_index": 1},
    }]
    assert result.stderr == (f"error: {path}[1]: audit.date: 'not a date' is not a date "
                             "(write it as YYYY-MM-DD or DD/MM/YYYY)\n")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["check", "missing.json"], "missing.json: no such file"),
        (["check", "{forms}", "--format", "pdf"], "unknown format 'pdf'; choose one of: csv, html, json, sarif, text, xlsx"),
        (["check", "{forms}", "--rules", "nowhere.rules"], "nowhere.rules: no such rule-set file or folder"),
        (["check", "{forms}", "--set", "nonsense"], "--set 'nonsense': write it as NAME=VALUE"),
        (["check", "{forms}", "--set", "min_word=2", "-r", "{rules}"],
         "no loaded rule set has a setting 'min_word'; did you mean 'min_words'?"),
        (["check", "{forms}", "--fail-on", "fatal"], "Invalid value for '--fail-on'"),
        (["check", "{forms}", "-o", "{forms}"], "is one of the input files; choose another output file"),
        (["check", "{notes}"], "cannot read '.txt' files; known kinds: .csv, .docx, .json, .xlsm, .xlsx, .yaml, .yml"),
        (["explain", "CLI-9", "-r", "{rules}"], "no loaded rule has the id 'CLI-9'; did you mean 'CLI-"),
    ],
)
def test_usage_errors_exit_2_with_a_plain_message(runner, write, rules_file, args, message):
    forms = forms_file(write, GOOD_FORM)
    notes = write("notes.txt", "hello")
    args = [a.format(forms=forms, rules=rules_file, notes=notes) for a in args]
    result = invoke(runner, *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert json.loads(forms.read_text()) == [GOOD_FORM]


def test_a_rule_set_error_exits_2_with_file_line_and_caret(runner, write):
    bad = write("bad.rules", RULES.replace("require summary is not empty", "require sumary is not empty"))
    result = invoke(runner, "check", forms_file(write, GOOD_FORM), "--no-default-rules", "-r", bad)
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[0] == f"{bad}:9:11: unknown name 'sumary'"
    assert lines[1] == "      require sumary is not empty"
    assert lines[2] == "              ^~~~~~"
    assert "  did you mean 'summary'?" in lines
    assert lines[-1] == "1 problem in rule sets"


# ---- check: outputs ---------------------------------------------------------------------------


def test_json_report_has_the_documented_shape(runner, write, rules_file):
    path = forms_file(write, ERROR_FORM)
    result = invoke(runner, "check", path, "--no-default-rules", "-r", rules_file, "-f", "json")
    report = json.loads(result.stdout)
    assert set(report) == {"version", "rulesets", "model", "forms_checked", "findings", "errors"}
    assert set(report["model"]) == {"file", "sha256", "trained", "statements", "labels"}
    (ruleset,) = report["rulesets"]
    assert ruleset["id"] == "test.cli" and ruleset["version"] == "2.0" and len(ruleset["sha256"]) == 64
    (finding,) = report["findings"]
    assert finding["form"] == "F-3"
    assert finding["rule"] == "CLI-1"
    assert finding["ruleset"] == "test.cli"
    assert finding["severity"] == "error"
    assert finding["tags"] == ["completeness"]
    assert finding["message"] == "no summary"
    assert finding["hint"] == "Write a summary."
    assert finding["location"] == {"path": "summary", "section": "summary", "file": str(path), "form_index": 0}
    assert "evidence" in finding


def test_json_report_is_byte_identical_across_runs(runner, write, rules_file, tmp_path):
    path = forms_file(write, ERROR_FORM, WARN_FORM, GOOD_FORM)
    outputs = []
    for name in ("one.json", "two.json"):
        out = tmp_path / name
        result = invoke(runner, "check", path, "--no-default-rules", "-r", rules_file, "-f", "json",
                        "-o", out, "--fail-on", "never")
        assert result.exit_code == 0
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    assert json.loads(outputs[0])["forms_checked"] == 3


def test_output_file_replaces_an_old_report_whole(runner, write, rules_file, tmp_path):
    out = tmp_path / "report.txt"
    out.write_text("old report")
    result = invoke(runner, "check", forms_file(write, WARN_FORM), "--no-default-rules", "-r", rules_file,
                    "-o", out)
    assert result.exit_code == 0
    assert out.read_text().startswith(f"{tmp_path / 'forms.json'}[0] overall_judgement: F-2 CLI-2 warning")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".report")] == []


@pytest.mark.parametrize("kind", ["text", "json", "xlsx"])
def test_a_report_sent_to_a_pipe_is_written_into_it_and_the_pipe_left_as_it_was(write, rules_file, tmp_path,
                                                                                 kind):
    """`--output /dev/null` or a named pipe: the report goes into it, and no file is moved into
    its place (as root, that would have put a plain file where /dev/null was)."""
    pipe = tmp_path / "report.pipe"
    os.mkfifo(pipe)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_bytes()), daemon=True)
    reader.start()
    done = subprocess.run([sys.executable, "-m", "auditrules", "check", str(forms_file(write, WARN_FORM)),
                           "--no-default-rules", "-r", str(rules_file), "-f", kind, "-o", str(pipe),
                           "--fail-on", "never"], capture_output=True, text=True, check=False, timeout=120)
    reader.join(timeout=60)
    assert done.returncode == 0, done.stderr
    assert stat.S_ISFIFO(pipe.stat().st_mode)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".report")] == []
    report = received[0]
    if kind == "json":
        assert json.loads(report)["forms_checked"] == 1
    elif kind == "xlsx":
        assert report.startswith(b"PK")
    else:
        assert b"CLI-2 warning" in report


def test_yaml_forms_are_read(runner, write, rules_file):
    path = write("forms.yaml", "audit:\n  id: Y-1\n  date: 2024-05-01\noverall_judgement: Fine.\n")
    result = invoke(runner, "check", path, "--no-default-rules", "-r", rules_file, "-f", "json")
    report = json.loads(result.stdout)
    assert [(f["form"], f["rule"]) for f in report["findings"]] == [("Y-1", "CLI-1"), ("Y-1", "CLI-2")]


def test_set_and_config_file_override_settings(runner, write, rules_file, tmp_path, monkeypatch):
    path = forms_file(write, GOOD_FORM)  # 4 words in the overall judgement
    args = ["check", path, "--no-default-rules", "-r", rules_file, "--fail-on", "warning"]
    assert invoke(runner, *args).exit_code == 0
    assert invoke(runner, *args, "--set", "min_words=5").exit_code == 1
    config = write("strict.toml", '[settings]\n"test.cli.min_words" = 10\n')
    assert invoke(runner, *args, "--config", config).exit_code == 1
    # The command line wins over the settings file.
    assert invoke(runner, *args, "--config", config, "--set", "min_words=2").exit_code == 0
    monkeypatch.chdir(tmp_path)
    write("auditrules.toml", "[settings]\nmin_words = 9\n")
    assert invoke(runner, *args).exit_code == 1


def test_a_bad_config_file_exits_2(runner, write, rules_file):
    config = write("bad.toml", "[settings\n")
    result = invoke(runner, "check", forms_file(write, GOOD_FORM), "--config", config)
    assert result.exit_code == 2
    assert "not a valid TOML settings file" in result.stderr


def test_bundled_rule_sets_load_by_default(runner):
    result = invoke(runner, "check", SAMPLE, "-f", "json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert "core.completeness" in [r["id"] for r in report["rulesets"]]
    assert report["forms_checked"] == 3


# ---- rules, explain, validate, test, plugins -----------------------------------------------------


def test_rules_lists_rule_sets_and_rules_with_their_source(runner, rules_file):
    result = invoke(runner, "rules", "--no-default-rules", "-r", rules_file)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == f"test.cli 2.0: CLI ({rules_file})"
    assert lines[1].split() == ["CLI-1", "error", "Summary", "given", "[completeness]", f"{rules_file}:7"]
    assert lines[-1] == "1 rule sets, 2 rules."
    data = json.loads(invoke(runner, "rules", "--no-default-rules", "-r", rules_file, "-f", "json").stdout)
    assert [r["id"] for r in data[0]["rules"]] == ["CLI-1", "CLI-2"]


def test_explain_shows_the_rule(runner, rules_file):
    result = invoke(runner, "explain", "cli-2", "--no-default-rules", "-r", rules_file)
    assert result.exit_code == 0
    out = result.stdout
    assert out.splitlines()[0] == "CLI-2: Overall judgement long enough"
    assert "  checks:    for overall_judgement" in out
    assert "  require:   words(overall_judgement) >= min_words" in out
    assert '  message:   "too short"' in out
    assert "  example 2 (fail):" in out
    assert 'example fail at overall_judgement { overall_judgement: "Good." }' in out


def test_validate_exits_0_for_good_rule_sets(runner, rules_file):
    result = invoke(runner, "validate", rules_file)
    assert result.exit_code == 0
    assert result.stdout.strip() == "1 rule set, 2 rules: no problems found."


def test_validate_reports_every_problem_and_exits_2(runner, write, rules_file):
    bad = write("bad.rules", RULES.replace("words(overall_judgement)", "word(overall_judgement)")
                .replace("severity error", "severity eror"))
    result = invoke(runner, "validate", bad, rules_file)
    assert result.exit_code == 2
    assert f"{bad}:8:12: unexpected 'eror'" in result.stderr


def test_validate_finds_rule_ids_used_in_two_files(runner, write, rules_file):
    other = write("other.rules", RULES.replace("test.cli", "test.other"))
    result = invoke(runner, "validate", rules_file, other)
    assert result.exit_code == 2
    assert f"{other}:7:6: rule id 'CLI-1' is also used in {rules_file}:7" in result.stderr


def test_test_passes_when_examples_behave(runner, rules_file):
    result = invoke(runner, "test", rules_file, "-v")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1] == "4 examples of 2 rules: 4 behaved as declared, 0 did not."
    assert f"{rules_file}:14:3: ok   CLI-1 example 1 (pass): no finding, as expected" in result.stdout


def test_test_exits_1_naming_the_rule_example_and_what_happened(runner, write):
    wrong = write("wrong.rules", RULES.replace('example pass { summary: "A summary." }',
                                               'example pass "empty summary" { audit: { id: "y" } }')
                  .replace("example fail at overall_judgement", "example fail at summary"))
    result = invoke(runner, "test", wrong)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == (f"{wrong}:14:3: FAIL CLI-1 example 1 (pass, 'empty summary'): expected no finding, "
                        "but the rule found one at summary: no summary")
    assert lines[1] == (f"{wrong}:23:3: FAIL CLI-2 example 2 (fail): expected a finding at summary, "
                        "but the rule found one at overall_judgement")
    assert lines[-1] == "4 examples of 2 rules: 2 behaved as declared, 2 did not."


def test_bundled_rule_sets_validate_and_pass_their_examples(runner):
    assert invoke(runner, "validate").exit_code == 0
    result = invoke(runner, "test")
    assert result.exit_code == 0, result.stdout
    assert " 0 did not." in result.stdout


def test_plugins_lists_the_built_in_plugins(runner):
    result = invoke(runner, "plugins")
    assert result.exit_code == 0
    assert ("auditrules.functions.builtins (built in): functions: words, working_days_between, "
            "days_between, mentions_date, lowercase") in result.stdout
    names = [p["name"] for p in json.loads(invoke(runner, "plugins", "-f", "json").stdout)]
    assert names[:2] == ["auditrules.functions.builtins", "auditrules.readers.structured"]


def test_python_dash_m_runs_the_cli(write, rules_file):
    env = {**os.environ, "AUDITRULES_LOAD_PLUGINS": ""}
    done = subprocess.run([sys.executable, "-m", "auditrules", "check", forms_file(write, ERROR_FORM),
                           "--no-default-rules", "-r", rules_file, "-f", "json"],
                          capture_output=True, text=True, env=env, check=False)
    assert done.returncode == 1
    assert json.loads(done.stdout)["findings"][0]["rule"] == "CLI-1"
    version = subprocess.run([sys.executable, "-m", "auditrules", "--version"], capture_output=True,
                             text=True, env=env, check=False)
    assert version.returncode == 0 and version.stdout.startswith("auditrules, version ")


def test_a_folder_of_forms_is_read_file_by_file(runner, write, rules_file, tmp_path):
    write("forms/b.json", json.dumps(WARN_FORM))
    write("forms/a.yaml", "audit: {id: F-9}\n")
    write("forms/notes.txt", "not a form")
    result = invoke(runner, "check", tmp_path / "forms", "--no-default-rules", "-r", rules_file, "-f", "json")
    report = json.loads(result.stdout)
    assert report["forms_checked"] == 2
    assert [f["form"] for f in report["findings"]] == ["F-9", "F-9", "F-2"]
    empty = write("empty/readme.txt", "nothing")
    result = invoke(runner, "check", empty.parent, "--no-default-rules", "-r", rules_file)
    assert result.exit_code == 2
    assert "the folder holds no form files (.csv, .docx, .json, .xlsm, .xlsx, .yaml, .yml)" in result.stderr


def test_checking_a_write_up_does_not_load_the_spreadsheet_libraries():
    # A lead manager's one-form check starts without pandas; only the summaries need it.
    script = ("import sys\n"
              "from auditrules.cli import main\n"
              "sys.argv = ['auditrules', 'check', 'examples/weak-writeup.yaml', '--fail-on', 'never']\n"
              "try:\n    main()\nexcept SystemExit as done:\n    code = done.code\n"
              "print('pandas' in sys.modules, code, file=sys.stderr)\n")
    ran = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         cwd=Path(__file__).parents[1], check=False)
    assert ran.stderr.strip().splitlines()[-1] == "False 0", ran.stderr
    assert "weak-writeup.yaml" in ran.stdout
