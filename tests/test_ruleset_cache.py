"""The rule-set cache: parsed trees kept as plain data and read back exactly; anything damaged
or foreign in it is passed over and the file parsed again."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from auditrules.default_rulesets import core_rulesets_dir
from auditrules.dsl import ast, cache
from auditrules.dsl.parser import parse_ruleset
from auditrules.dsl.source import Source
from auditrules.engine import Engine
from auditrules.errors import RuleSetError
from auditrules.loader import RuleSetFile, parse_files

ROOT = Path(__file__).resolve().parents[1]
ALL_RULESETS = sorted([*core_rulesets_dir().glob("*.rules"),
                       *(p for p in (ROOT / "plugins").rglob("*.rules") if "build" not in p.parts)])

SMALL = '''ruleset cache.test
  version "1"
  title "Cache test"

rule CT-001 "A judgement is written"
  for each section in sections
  require section.judgement is not empty
  at section.judgement
  message "The {section.name} section has no judgement."
  example pass { sections: { assessment: { judgement: "Good, because the risks were weighed." } } }
  example fail as of 2025-06-02 { sections: { assessment: { judgement: "", grade: "Good" } } }
'''


@pytest.fixture
def folder(tmp_path, monkeypatch):
    where = tmp_path / "cache"
    monkeypatch.setenv(cache.CACHE_ENV, str(where))
    return where / "rulesets"


def _same(left: object, right: object, where: str = "tree") -> None:
    """Field by field, including what the nodes' own equality leaves out (spans, example data)."""
    assert type(left) is type(right), where
    if dataclasses.is_dataclass(left):
        for item in dataclasses.fields(left):
            _same(getattr(left, item.name), getattr(right, item.name), f"{where}.{item.name}")
    elif isinstance(left, tuple | list):
        assert len(left) == len(right), where  # type: ignore[arg-type]
        for index, (a, b) in enumerate(zip(left, right, strict=True)):  # type: ignore[call-overload]
            _same(a, b, f"{where}[{index}]")
    elif isinstance(left, dict):
        assert list(left) == list(right), where  # type: ignore[call-overload]
        for key in left:
            _same(left[key], right[key], f"{where}[{key!r}]")  # type: ignore[index]
    else:
        assert left == right, where


@pytest.mark.parametrize("path", ALL_RULESETS, ids=lambda p: p.name)
def test_every_bundled_rule_set_reads_back_exactly(path, folder):
    text = path.read_text(encoding="utf-8")
    parsed = parse_ruleset(Source(path.name, text))
    cache.store(text, parsed)
    kept = cache.load(text)
    assert kept is not None
    _same(parsed, kept)
    assert kept == parsed and hash(kept) == hash(parsed)


def test_a_second_load_reads_the_kept_tree_and_finds_the_same_rules(write, folder):
    path = write("small.rules", SMALL)
    first, problems = parse_files([RuleSetFile(path)])
    assert not problems
    entries = list(folder.glob("*.json"))
    assert len(entries) == 1
    second, problems = parse_files([RuleSetFile(path)])
    assert not problems
    _same(first[0].node, second[0].node)
    example = second[0].node.rules[0].examples[1]
    assert example.as_of is not None and example.as_of.isoformat() == "2025-06-02"
    assert example.data == {"sections": {"assessment": {"judgement": "", "grade": "Good"}}}


def test_an_edited_file_is_parsed_again(write, folder):
    path = write("small.rules", SMALL)
    parse_files([RuleSetFile(path)])
    path.write_text(SMALL.replace("has no judgement", "is missing its judgement"), encoding="utf-8")
    parsed, _ = parse_files([RuleSetFile(path)])
    message = parsed[0].node.rules[0].message
    assert message is not None and "is missing its judgement" in message.plain()
    assert len(list(folder.glob("*.json"))) == 2


@pytest.mark.parametrize("damage", [
    b"",
    b"{not json",
    b'{"@": "RuleSet", "v": [1, 2]}',  # a kind with too few fields
    b'{"@": "Span", "v": ["1", 2, 3, 4, 5, 6]}',  # a field of the wrong kind
    b'{"@": "Popen", "v": [["sh", "-c", "echo hi"]]}',  # not a kind of the syntax tree
    b'{"s": [1, 1, 1, 1, 0, 0]}',  # a tree's part, not a rule set
    b'[1, 2, 3]',
    b'{"m": 5}',
    b"\xff\xfe\x00garbage",
])
@pytest.mark.parametrize("signed", [False, True], ids=["changed", "rewritten with its digest"])
def test_a_damaged_entry_is_passed_over_and_rewritten(write, folder, damage, signed):
    path = write("small.rules", SMALL)
    first, _ = parse_files([RuleSetFile(path)])
    [entry] = folder.glob("*.json")
    kept = entry.read_bytes()
    digest = hashlib.sha256(damage).hexdigest().encode() if signed else kept.partition(b"\n")[0]
    entry.write_bytes(digest + b"\n" + damage)
    again, problems = parse_files([RuleSetFile(path)])
    assert not problems
    _same(first[0].node, again[0].node)
    assert entry.read_bytes() == kept  # rewritten whole
    assert cache.load(SMALL) is not None


def test_a_rule_set_with_a_syntax_error_is_never_kept(write, folder):
    path = write("broken.rules", SMALL.replace('message "The', 'message The'))
    for _ in range(2):
        with pytest.raises(RuleSetError) as raised:
            Engine.load([path], defaults=False)
        assert "broken.rules:9" in str(raised.value)
    assert not list(folder.glob("*.json"))


def test_switched_off_nothing_is_written(write, tmp_path, monkeypatch):
    monkeypatch.setenv(cache.CACHE_ENV, "off")
    assert cache.folder() is None
    path = write("small.rules", SMALL)
    parsed, problems = parse_files([RuleSetFile(path)])
    assert not problems and parsed[0].node.id == "cache.test"
    assert cache.load(SMALL) is None


def test_a_folder_in_the_way_of_the_cache_is_passed_over(write, tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv(cache.CACHE_ENV, str(blocker))
    path = write("small.rules", SMALL)
    parsed, problems = parse_files([RuleSetFile(path)])
    assert not problems and parsed[0].node.id == "cache.test"
    assert blocker.read_text(encoding="utf-8") == "not a folder"


def test_the_cache_keeps_a_bounded_number_of_entries(folder, monkeypatch):
    monkeypatch.setattr(cache, "KEEP", 3)
    node = parse_ruleset(Source("small.rules", SMALL))
    for number in range(6):
        cache.store(SMALL + f"\n# {number}\n", node)
    assert len(list(folder.glob("*.json"))) == 3
    assert not list(folder.glob("*.part"))


def test_a_tree_with_something_not_plain_data_is_not_kept(folder):
    node = parse_ruleset(Source("small.rules", SMALL))
    odd = dataclasses.replace(node, rules=(dataclasses.replace(
        node.rules[0], examples=(dataclasses.replace(node.rules[0].examples[0], data={"x": object()}),)),))
    cache.store("odd", odd)
    assert cache.load("odd") is None
    assert not folder.exists() or not list(folder.glob("*.json"))


def test_a_run_with_every_tree_kept_does_not_load_the_grammar(tmp_path):
    """The second run of a command reads the bundled rule sets' trees back and never builds the
    parser: the point of the cache."""
    env = {**os.environ, cache.CACHE_ENV: str(tmp_path / "cache")}
    script = ("import sys\nfrom auditrules.engine import Engine\nEngine.load([])\n"
              "print('lark' in sys.modules)\n")
    runs = [subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True,
                           check=True).stdout.strip() for _ in range(2)]
    assert runs == ["True", "False"]


def test_every_kind_in_the_syntax_tree_can_be_kept():
    """A new kind of node added to the tree is known to the cache (it reads kinds from the
    tree's module), and the cache's own names for its parts cannot be taken for a node."""
    kinds = {name for name, value in vars(ast).items()
             if isinstance(value, type) and dataclasses.is_dataclass(value)}
    assert kinds == set(cache._KINDS)
