"""Regular expressions kept between runs: every pattern built from a kept program is the pattern
`re.compile` gives (program and all); a damaged, refused or foreign file is passed over; nothing
of a case's text is kept."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from auditrules import patterns

ROOT = Path(__file__).resolve().parents[1]
QUOTING_RULES = '''ruleset test.quotes
  version "1.0.0"
  title "Quotes case text"

rule Q-001 "Quotes the judgement"
  for each section in sections
  forbid section.judgement is not empty
  message "The judgement reads '{section.judgement}'."

rule Q-002 "Names the practitioner"
  for each section in sections
  forbid section.judgement contains audit.practitioner
  message "The judgement names the practitioner."
'''
CASE = {
    "audit": {"id": "A-2025-091", "date": "2025-03-04", "auditors": ["Ozymandias Thorne"],
              "practitioner": "Zephyrine Quillfeather"},
    "sections": [{"name": "assessment",
                  "judgement": "Zephyrine Quillfeather (DOB: 03/04/1994) saw the child alone; "
                               "Ozymandias Thorne agreed the plan kept him safer."}],
}

# Imports every module that compiles patterns (the package's and the bundled plugins'), then
# holds each pattern to `re.compile`'s: `==` on two patterns compares their flags, their text and
# the program the matcher runs. Prints how many were built from kept programs and how many were
# compiled in this run.
_EVERY_PATTERN = """
import importlib, pkgutil, re, sys
import auditrules
from auditrules import patterns
skip = {"auditrules.__main__"}
for found in pkgutil.walk_packages(auditrules.__path__, "auditrules."):
    if found.name not in skip:
        importlib.import_module(found.name)
importlib.import_module("auditrules_domestic_abuse.plugin")
importlib.import_module("auditrules_strategy_discussions.functions")
from auditrules.functions import timescales
timescales._patterns()
made = dict(patterns._made)
for (text, flags), pattern in made.items():
    assert pattern == re.compile(text, flags), text
    assert pattern.groupindex == re.compile(text, flags).groupindex, text
print(len(made), len(made) - len(patterns._written), len(patterns._written))
"""


def _run(code: str, cache: Path | str) -> str:
    env = {**os.environ, "AUDITRULES_CACHE": str(cache)}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                          cwd=ROOT, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _kept_file(cache: Path) -> Path:
    files = list((cache / "patterns").glob("*.json"))
    assert len(files) == 1
    return files[0]


def test_every_pattern_is_the_one_re_compile_gives_compiled_and_kept(tmp_path):
    total, kept, compiled = map(int, _run(_EVERY_PATTERN, tmp_path).split())
    assert total > 150 and kept == 0 and compiled == total  # nothing kept yet: all compiled
    assert _kept_file(tmp_path).stat().st_mode & 0o077 == 0  # the user's alone
    total_again, kept, compiled = map(int, _run(_EVERY_PATTERN, tmp_path).split())
    assert total_again == total and kept == total and compiled == 0  # all from kept programs


def test_a_damaged_file_is_passed_over_and_written_again(tmp_path):
    _run(_EVERY_PATTERN, tmp_path)
    kept = _kept_file(tmp_path)
    good = kept.read_bytes()
    for damaged in (good[:-200], good[:64] + b"\n{}", b"", b"\n\n", good.replace(b"[a-z0-9]+", b"[a-z0-8]+")):
        kept.write_bytes(damaged)
        total, from_kept, compiled = map(int, _run(_EVERY_PATTERN, tmp_path).split())
        assert from_kept == 0 and compiled == total
        assert kept.read_bytes() == good  # the same programs, written again


def _rewrite(kept: Path, change) -> None:
    """Change the kept programs and write the file with a digest that matches again, as a file
    changed on purpose would be."""
    body = orjson.loads(kept.read_bytes().partition(b"\n")[2])
    change(body["patterns"])
    raw = json.dumps(body).encode()
    kept.write_bytes(hashlib.sha256(raw).hexdigest().encode() + b"\n" + raw)


def test_a_file_another_python_wrote_is_passed_over(tmp_path):
    _run(_EVERY_PATTERN, tmp_path)
    kept = _kept_file(tmp_path)
    body = orjson.loads(kept.read_bytes().partition(b"\n")[2])
    body["python"] = body["python"].replace(sys.version, "3.11.0 (elsewhere)")
    raw = json.dumps(body).encode()
    kept.write_bytes(hashlib.sha256(raw).hexdigest().encode() + b"\n" + raw)
    total, from_kept, compiled = map(int, _run(_EVERY_PATTERN, tmp_path).split())
    assert from_kept == 0 and compiled == total


def test_a_program_the_matcher_refuses_is_compiled_again(tmp_path):
    _run(_EVERY_PATTERN, tmp_path)
    kept = _kept_file(tmp_path)

    def spoil(programs):
        for index, entry in enumerate(programs.values()):
            if index % 2:
                entry[1] = "AAAAAAEAAAACAAAA"  # three numbers that are no program
            else:
                entry[2] = "three"  # not a count of groups
    _rewrite(kept, spoil)
    total, from_kept, compiled = map(int, _run(_EVERY_PATTERN, tmp_path).split())
    assert from_kept == 0 and compiled == total  # and each still equals re.compile's


def test_with_the_cache_off_patterns_are_compiled_as_usual_and_nothing_is_written(tmp_path):
    total, from_kept, compiled = map(int, _run(_EVERY_PATTERN, "off").split())
    assert from_kept == total and compiled == 0  # none compiled to be kept
    assert not list(tmp_path.iterdir())


def test_a_folder_that_cannot_be_written_is_passed_over(tmp_path):
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("in the way")
    total, from_kept, compiled = map(int, _run(_EVERY_PATTERN, blocked).split())
    assert from_kept == 0 and compiled == total and blocked.read_text() == "in the way"


def test_patterns_made_from_a_case_s_text_are_never_kept(tmp_path):
    """Redaction builds a pattern of the names and dates of birth in a write-up, and a rule that
    looks for one field's words in another a pattern of the form's own words: each is compiled as
    usual, and nothing of it reaches the cache folder."""
    rules = tmp_path / "quotes.rules"
    rules.write_text(QUOTING_RULES, encoding="utf-8")
    form = tmp_path / "case.json"
    form.write_text(json.dumps(CASE), encoding="utf-8")
    env = {**os.environ, "AUDITRULES_CACHE": str(tmp_path / "cache")}
    for _ in range(2):  # the first run keeps the package's patterns, the second reads them
        done = subprocess.run([sys.executable, "-m", "auditrules", "check", str(form), "--rules", str(rules),
                               "--redact", "--fail-on", "never"], capture_output=True, text=True, env=env,
                              cwd=ROOT, check=False)
        assert done.returncode == 0, done.stderr
        assert "The judgement reads" in done.stdout and "[PERSON 1]" in done.stdout
        assert "names the practitioner" in done.stdout  # a pattern made of the form's own words
        assert "Quillfeather" not in done.stdout and "[DOB]" in done.stdout
    kept = _kept_file(tmp_path / "cache").read_bytes()
    for secret in (b"Zephyrine", b"Quillfeather", b"Ozymandias", b"1994"):
        assert secret not in kept
    assert b"[a-z0-9]+" in kept  # the package's own patterns are kept


def test_a_pattern_is_compiled_once_in_a_run():
    first = patterns.compiled(r"\bweekly\b", 2)
    assert patterns.compiled(r"\bweekly\b", 2) is first
    assert first.flags & 2 and first.search("seen Weekly")


@pytest.mark.parametrize("flags", [0, 2, 8, 16, 64, 256])
def test_flags_and_groups_are_as_re_compile_gives_them(flags):
    import re

    text = r"(?P<who>mum|dad)\s+(?:will|must)\s+(\w+)" if not flags & 64 else r"(?P<who> mum | dad ) \s+ (\w+)"
    made, plain = patterns.compiled(text, flags), re.compile(text, flags)
    assert made == plain and made.groupindex == plain.groupindex and made.groups == plain.groups
    sample = "Mum will attend and dad must call"
    assert [m.groups() for m in made.finditer(sample)] == [m.groups() for m in plain.finditer(sample)]
