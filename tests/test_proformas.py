"""`auditrules map` on pro formas unlike ours (tests/data/proformas/): five Word audit tools and
three form-layout workbooks in the styles councils publish, each with the mapping a person would
write. The proposal must place at least 90% of the hand mapping's fields the same way, find the
same findings (or ask the user to confirm the fields where it differs), and never write or print
an answer."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from auditrules.cli import cli
from auditrules.engine import Engine
from auditrules.plugins import LOAD_PLUGINS_ENV, get_host
from auditrules.readers.propose import EXACT_CELLS, assign
from proforma_corpus import FOLDER, NAMES, agreement, build, module

AGREEMENT = 0.90


def run(*args: Any) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module", autouse=True)
def bundled_plugins() -> Any:
    """The bundled theme plugins, installed from plugins/ by the set-up, are loaded here: a
    domestic abuse audit tool is mapped to the domestic abuse block."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(LOAD_PLUGINS_ENV, "domestic_abuse,strategy_discussions")
        assert "domestic_abuse" in get_host().form_blocks
        yield


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory, bundled_plugins: Any) -> dict[str, tuple[Path, Path, str]]:
    """Each pro forma built, with the mapping `map` proposes for it and what `map` printed."""
    folder = tmp_path_factory.mktemp("proformas")
    out: dict[str, tuple[Path, Path, str]] = {}
    for name in NAMES:
        path = build(name, folder)
        proposed = folder / f"{name}.proposed.toml"
        code, printed, err = run("map", path, "--output", proposed)
        assert code == 0, err
        out[name] = (path, proposed, printed)
    return out


def test_the_corpus_has_five_word_tools_and_three_workbooks():
    suffixes = [module(name).SUFFIX for name in NAMES]
    assert suffixes.count(".docx") >= 5 and suffixes.count(".xlsx") >= 3


@pytest.mark.parametrize("name", NAMES)
def test_the_proposal_places_fields_as_a_person_would(made, name):
    _, proposed, _ = made[name]
    same, total = agreement(name, proposed)
    assert same / total >= AGREEMENT, f"{name}: {same} of {total} fields placed as the hand mapping does"


def _findings(path: Path, mapping: Path) -> list[tuple[str, str]]:
    code, out, err = run("check", path, "--mapping", mapping, "--format", "json", "--fail-on", "never")
    assert code == 0, err
    return sorted((f["rule"], f["location"].get("path", "")) for f in json.loads(out)["findings"])


@pytest.mark.parametrize("name", NAMES)
def test_checking_with_the_proposal_finds_what_the_hand_mapping_finds(made, name):
    path, proposed, printed = made[name]
    hand = _findings(path, FOLDER / f"{name}.mapping.toml")
    got = _findings(path, proposed)
    planted = set(module(name).PLANTED)
    assert planted <= {rule for rule, _ in hand}, f"{name}: the hand mapping misses a planted defect"
    if got != hand:
        # Where they differ, `map` must have asked the user to confirm exactly those fields.
        confirm = printed.split(" to confirm:")[1].split("not placed (map them")[0] if " to confirm:" in printed else ""
        for _, where in set(got) ^ set(hand):
            assert where.split("[")[0] in confirm, (
                f"{name}: findings differ at {where}, and map did not ask to confirm it:\n{printed}")


@pytest.mark.parametrize("name", NAMES)
def test_no_answer_is_written_into_the_mapping_or_printed(made, name):
    path, proposed, printed = made[name]
    engine = Engine.load()
    mapping = engine.load_mapping(FOLDER / f"{name}.mapping.toml")
    (form, _), = [item for item in engine.read([path], engine.read_options(mapping)) if isinstance(item, tuple)]
    # An answer that is also written in the hand mapping (a label such as "Social worker", or a
    # theme's name) is not case text.
    hand_text = (FOLDER / f"{name}.mapping.toml").read_text(encoding="utf-8")
    answers = {text for text in _strings(form.model_dump(mode="json")) if text not in hand_text}
    assert answers, name
    written = proposed.read_text(encoding="utf-8")
    lines = {line.strip(" #") for line in (written + printed).splitlines()}
    for answer in answers:
        assert answer not in lines, f"{name}: an answer is listed as a label: {answer!r}"
        if len(answer) >= 12:  # a longer answer must not appear anywhere, even inside a line
            assert answer not in written, f"{name}: the mapping holds an answer: {answer[:40]!r}"
            assert answer not in printed, f"{name}: map printed an answer: {answer[:40]!r}"


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):  # a section's name is the mapping's, not an answer
        return [s for key, item in value.items() if key != "name" for s in _strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return []


@pytest.mark.parametrize("name", ["w2_practice_review", "b3_ehc_la"])
def test_map_check_says_which_fields_come_out_empty_and_which_labels_are_missing(made, name, tmp_path):
    path, proposed, _ = made[name]
    code, out, _ = run("map", path, "--check", proposed)
    assert code == 0 and "fields read" in out
    broken = tmp_path / "broken.toml"
    text = re.sub(r'(?m)^"audit\.team" = .*\n', "", proposed.read_text(encoding="utf-8"))
    broken.write_text(text.replace("[fields]\n", '[fields]\n"audit.team" = "A label no form has"\n', 1),
                      encoding="utf-8")
    code, out, _ = run("map", path, "--check", broken)
    assert code == 1
    assert "labels of the mapping are not on the form" in out and "'A label no form has'" in out


def test_the_assignment_maximises_the_total_as_scipy_does():
    from scipy.optimize import linear_sum_assignment

    for seed in range(200):
        rng = random.Random(seed)
        rows, columns = rng.randint(1, 9), rng.randint(1, 9)
        scores = [{f"f{j}": round(rng.random(), 3) for j in range(columns) if rng.random() < 0.5}
                  for _ in range(rows)]
        chosen = assign(scores, cut=0.3)
        assert len({path for _, path, _ in chosen}) == len(chosen)
        assert len({i for i, _, _ in chosen}) == len(chosen)
        fields = sorted({path for row in scores for path in row})
        if not fields:
            continue
        matrix = [[row.get(f, 0.0) if row.get(f, 0.0) >= 0.3 else 0.0 for f in fields] for row in scores]
        r, c = linear_sum_assignment(matrix, maximize=True)
        best = sum(matrix[i][j] for i, j in zip(r, c, strict=True))
        assert sum(value for _, _, value in chosen) == pytest.approx(best), seed


def test_a_group_too_large_to_solve_exactly_is_assigned_best_pairs_first():
    """Thousands of labels each fitting many fields (a hostile form) are not solved exactly, which
    would stall `map`: best pairs go first, and each label and field is used once."""
    rng = random.Random(7)
    fields = [f"f{j}" for j in range(60)]
    scores = [{f: 0.75 + rng.random() / 4 for f in fields} for _ in range(3000)]
    assert len(scores) * len(fields) > EXACT_CELLS
    chosen = assign(scores)
    assert len(chosen) == len(fields)
    assert len({path for _, path, _ in chosen}) == len({i for i, _, _ in chosen}) == len(fields)
    best = max(value for row in scores for value in row.values())
    assert max(value for _, _, value in chosen) == best
