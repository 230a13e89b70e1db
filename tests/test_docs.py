"""The documentation's examples are real (the README's and every page's under docs/): its rule
sets validate and pass their examples, its error text is what the checker prints, and every hook
is documented with its signature."""

from __future__ import annotations

import inspect
import re

import pytest
from click.testing import CliRunner

import documentation
from auditrules import hookspecs
from auditrules.cli import cli

README = documentation.text()


def blocks(language: str, text: str = README) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", text, flags=re.DOTALL)


def full_rule_sets() -> list[str]:
    return [b for b in blocks("rules") if re.search(r"^ruleset ", b, flags=re.MULTILINE)]


@pytest.mark.parametrize("index", range(len(full_rule_sets())))
def test_readme_rule_sets_validate_and_pass_their_examples(write, index):
    path = write(f"readme-{index}.rules", full_rule_sets()[index])
    runner = CliRunner()
    validated = runner.invoke(cli, ["validate", str(path)])
    assert validated.exit_code == 0, validated.output
    tested = runner.invoke(cli, ["test", str(path)])
    assert tested.exit_code == 0, tested.output


def test_readme_has_the_tour_rule_set():
    assert any("ruleset council.plans" in b for b in blocks("rules", documentation.page("getting-started.md")))
    assert any("ruleset council.owners" in b for b in blocks("rules", documentation.page("README.md")))


def test_readme_error_text_is_what_the_checker_prints(write, monkeypatch, tmp_path):
    (tour,) = [b for b in full_rule_sets() if "ruleset council.plans" in b]
    monkeypatch.chdir(tmp_path)
    write("council-plans.rules", tour.replace("forbid target.owner is empty", "forbid target.ownr is empty"))
    result = CliRunner().invoke(cli, ["validate", "council-plans.rules"])
    assert result.exit_code == 2
    (shown,) = [b for b in blocks("text", documentation.page("getting-started.md"))
                if b.startswith("council-plans.rules:")]
    assert result.stderr.startswith(shown)


def test_every_hook_is_documented_with_what_it_returns():
    specs = {name: fn for name, fn in vars(hookspecs).items() if name.startswith("register_")}
    documented = dict(re.findall(r"^\| `(register_\w+)\((.*?)\)` \|", README, flags=re.MULTILINE))
    assert set(documented) == set(specs)
    for name, fn in specs.items():
        assert documented[name] == ", ".join(inspect.signature(fn).parameters), name
        assert fn.__doc__, f"{name} has no docstring"
