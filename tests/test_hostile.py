"""The hostile corpus (tests/hostile/make_hostile.py): every command over every hostile file
answers with a plain message and its exit code, never a traceback, a hang or a changed input.

The commands run in a subprocess with a timeout (and each command with an alarm of its own), so
a file that hangs a reader fails the test instead of hanging the run."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
HOSTILE = ROOT / "tests" / "hostile"
SAMPLE = ROOT / "examples" / "sample-return.json"


def _make_hostile():
    spec = importlib.util.spec_from_file_location("make_hostile", HOSTILE / "make_hostile.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def corpus(tmp_path_factory) -> dict[str, Path]:
    """Every hostile file, each in a folder of its own (a CSV return reads the CSV files beside
    it as its other sheets)."""
    made = _make_hostile().make_all(tmp_path_factory.mktemp("hostile-all"))
    spread: dict[str, Path] = {}
    for name, path in made.items():
        folder = tmp_path_factory.mktemp(name.replace(".", "-"))
        spread[name] = folder / name
        spread[name].write_bytes(path.read_bytes())
    return spread


# What the tool answers for each hostile file: the words its message must hold (exit 2).
OFFICE_ANSWERS = {
    "zip-bomb": "it may be a zip bomb",
    "zip-bomb-declared": "would unpack to 3.0 GB",
    "entity-bomb": "declares a document type",
    "entity-bomb-after-comment": "declares a document type",
    "truncated": "damaged or incomplete",
    "password-protected": "password-protected (or an old .xls/.doc file)",
    "encrypted-zip": "password-protected",
    "renamed-pdf": "it looks like a PDF document",
    "renamed-png": "it looks like a PNG picture",
    "renamed-text": "it looks like a text file",
    "empty": "the file is empty",
    "other-zip": "is a zip archive, but not",
    "many-parts": "10,001 parts",
}
FORM_ANSWERS = {
    "deep.json": "nest more than 64 deep",
    "deep-blocks.json": "nest more than 64 deep",
    "deep.yaml": "exceeded maximum nesting depth",
    "deep-indented.yaml": "exceeded maximum nesting depth",
    "alias-bomb.yaml": "counting each use of a YAML alias",
    "alias-loop.yaml": "a YAML alias refers to the list or block that holds it",
    "python-tag.yaml": "could not determine a constructor for the tag",
    "python-name.yaml": "could not determine a constructor for the tag",
    "binary.json": "the file is not UTF-8 text",
    "not-json.json": "not valid JSON at line 1, column 25",
    "nul-bytes.csv": "line 2 holds a NUL byte",
    "huge-cell.csv": "the cell holds 41,599 characters, more than the 32,767 allowed",
    "huge-cell.xlsx": "the cell holds 41,599 characters, more than the 32,767 allowed",
}
RULES_ANSWERS = {
    "long-chain.rules": "nested too deeply",
    "nul-bytes.rules": "unexpected character",
    "not-utf8.rules": "not UTF-8",
}
TOML_ANSWERS = {
    "deep.mapping.toml": "lists or tables nest too deeply",
    "bad.mapping.toml": "not a valid TOML mapping",
}


QUICK = ["--no-default-rules"]  # the input is refused before any rule runs: load none


def _commands(corpus: dict[str, Path]) -> list[tuple[list[str], int, str]]:
    """(arguments, exit code, words the message must hold) for every command over every file."""
    cases: list[tuple[list[str], int, str]] = []
    for stem, words in OFFICE_ANSWERS.items():
        xlsx = str(corpus[f"{stem}.xlsx"])
        out = str(Path(xlsx).with_name("report.xlsx"))
        cases += [
            (["check", xlsx], 2, words),
            (["check", xlsx, "--format", "xlsx", "--output", out, "--redact", *QUICK], 2, words),
            (["check", xlsx, "--annotate", str(Path(xlsx).with_name("copy.xlsx")), *QUICK], 2, words),
            (["map", xlsx, "--output", str(Path(xlsx).with_name("map.toml"))], 2, words),
            (["template", xlsx], 2, "already exists"),
        ]
        docx = str(corpus[f"{stem}.docx"])
        cases += [
            # The Word reader passes every file through the same archive check first.
            (["check", docx, *QUICK], 2, words),
            (["review", docx, "--output", str(Path(docx).with_name("review.html")), *QUICK], 2, words),
            (["map", docx, "--output", str(Path(docx).with_name("docx-map.toml"))], 2, words),
        ]
    for name, words in FORM_ANSWERS.items():
        path = str(corpus[name])
        cases += [(["check", path], 2, words),
                  (["check", path, "--format", "json", "--output", path + ".out.json", *QUICK], 2, words)]
        if name.endswith((".csv", ".xlsx")) and name != "nul-bytes.csv":
            cases.append((["map", path, "--output", path + ".map.toml"], 0, "columns placed"))
    cases.append((["map", str(corpus["nul-bytes.csv"]), "--output", "x.toml"], 2, "NUL byte"))
    for name, words in RULES_ANSWERS.items():
        path = str(corpus[name])
        cases += [(["validate", path, "--no-default-rules"], 2, words),
                  (["test", path, "--no-default-rules"], 2, words),
                  (["fmt", "--check", path], 2, words),
                  (["check", str(SAMPLE), "--no-default-rules", "--rules", path], 2, words)]
    deep = str(corpus["deep.rules"])
    cases += [(["validate", deep, "--no-default-rules"], 0, "no problems found"),
              (["fmt", "--check", deep], 2, "nested too deeply to lay out")]
    for name, words in TOML_ANSWERS.items():
        cases.append((["check", str(SAMPLE), "--mapping", str(corpus[name])], 2, words))
    deep_toml = str(corpus["deep.mapping.toml"])
    cases += [(["check", str(SAMPLE), "--waivers", deep_toml, *QUICK], 2, "nest too deeply"),
              (["review", str(SAMPLE), "--form", "A-2024-031", "--waivers", deep_toml,
                "--output", deep_toml + ".html", *QUICK], 2, "nest too deeply")]
    for stem, words in OFFICE_ANSWERS.items():  # a waivers workbook passes the archive check too
        cases.append((["check", str(SAMPLE), "--waivers", str(corpus[f"{stem}.xlsx"]), *QUICK], 2, words))
    config = str(corpus["deep-config.toml"])
    cases += [(["check", str(SAMPLE), "--config", config], 2, "nest too deeply"),
              (["rules", "--config", config], 2, "nest too deeply")]
    return cases


def _run(commands: list[list[str]], cwd: Path, timeout: int = 600) -> list[dict]:
    done = subprocess.run([sys.executable, str(HOSTILE / "run_commands.py")],
                          input=json.dumps(commands), capture_output=True, text=True, cwd=cwd,
                          timeout=timeout, env={**__import__("os").environ,
                                                "AUDITRULES_COMMAND_SECONDS": "60"})
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout)


def _digests(paths) -> dict[str, str]:
    return {str(p): hashlib.sha256(Path(p).read_bytes()).hexdigest() for p in paths}


def test_every_command_over_every_hostile_file_answers_plainly(corpus, tmp_path):
    cases = _commands(corpus)
    before = _digests(corpus.values())
    results = _run([args for args, _, _ in cases], tmp_path)
    failures = []
    for (args, code, words), result in zip(cases, results, strict=True):
        said = (result.get("stdout") or "") + (result.get("stderr") or "")
        if result["timed_out"]:
            failures.append(f"{args}: took too long")
        elif result["crash"]:
            failures.append(f"{args}: crashed:\n{result['crash']}")
        elif result["code"] != code or words not in said or "Traceback" in said:
            failures.append(f"{args}: exit {result['code']} (wanted {code}), said: {said[-400:]!r}")
    assert not failures, "\n".join(failures)
    assert _digests(corpus.values()) == before, "a hostile input file was changed"


def test_formulas_in_a_return_never_become_formulas_in_any_report(corpus, tmp_path):
    import csv
    import io

    import openpyxl

    source = corpus["formulas.csv"]
    out = {kind: tmp_path / f"report.{kind}" for kind in ("csv", "xlsx", "html")}
    commands = [["check", str(source), "--fail-on", "never", "--format", kind, "--output", str(path)]
                for kind, path in out.items()]
    results = _run(commands, tmp_path)
    assert [r["code"] for r in results] == [0, 0, 0], results
    texts = []
    book = openpyxl.load_workbook(out["xlsx"])
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate} is a formula: {cell.value}"
                if isinstance(cell.value, str):
                    texts.append(cell.value)
    assert any(t.startswith("=HYPERLINK(") for t in texts)  # kept as the words written
    rows = list(csv.reader(io.StringIO(out["csv"].read_bytes().decode("utf-8-sig"))))
    cells = [cell for row in rows for cell in row]
    assert any(c.startswith("'=HYPERLINK(") for c in cells)
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    page = out["html"].read_text(encoding="utf-8")
    assert "=HYPERLINK(&quot;http://example.com/x&quot;" in page and 'HYPERLINK("http' not in page


def test_mixed_encodings_and_a_long_rule_set_pattern_are_read(corpus, tmp_path):
    slow = str(corpus["catastrophic.rules"])
    results = _run([["check", str(corpus["mixed-encoding.csv"]), "--fail-on", "never"],
                    ["validate", slow, "--no-default-rules"]], tmp_path)
    assert [r["code"] for r in results] == [0, 0], results
    assert "A-2" in results[0]["stdout"] or "2 forms" in results[0]["stdout"]
