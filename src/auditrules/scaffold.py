"""`auditrules new-plugin NAME`: write a new theme plugin package whose tests pass as soon as it
is installed (`pip install -e auditrules-NAME`). Registered as a default plugin's command."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from string import Template

import click

from .errors import UsageError
from .hookspecs import hookimpl
from .patterns import compiled

_SLUG = compiled(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class PluginNames:
    """The names one theme goes by: `child-exploitation` is the package `auditrules-child-exploitation`,
    the module `auditrules_child_exploitation`, the theme and form block `child_exploitation`,
    and rules `CE-001`..."""

    slug: str

    @property
    def snake(self) -> str:
        return self.slug.replace("-", "_")

    @property
    def distribution(self) -> str:
        return f"auditrules-{self.slug}"

    @property
    def module(self) -> str:
        return f"auditrules_{self.snake}"

    @property
    def title(self) -> str:
        return self.slug.replace("-", " ").capitalize()

    @property
    def phrase(self) -> str:
        return self.slug.replace("-", " ")

    @property
    def prefix(self) -> str:
        words = self.slug.split("-")
        return ("".join(w[0] for w in words) if len(words) > 1 else words[0][:3]).upper()

    @property
    def block_class(self) -> str:
        return "".join(word.capitalize() for word in self.slug.split("-"))


def plugin_names(name: str) -> PluginNames:
    """The names for a plugin called NAME ('neglect', 'Child exploitation', 'auditrules-neglect')."""
    slug = re.sub(r"[\s_]+", "-", name.strip().lower()).removeprefix("auditrules-")
    if not _SLUG.match(slug):
        raise UsageError(f"'{name}' cannot name a plugin: use letters, digits and hyphens, starting "
                         "with a letter (e.g. 'neglect' or 'child-exploitation')")
    return PluginNames(slug)


def write_plugin(name: str, folder: Path, *, force: bool = False) -> Path:
    """Write the package for plugin NAME under `folder`; returns the package's folder."""
    names = plugin_names(name)
    root = folder / names.distribution
    if root.exists() and not force:
        raise UsageError(f"{root}: already exists; choose another name or folder, or use --force")
    values = {
        "slug": names.slug, "snake": names.snake, "distribution": names.distribution,
        "module": names.module, "title": names.title, "phrase": names.phrase, "prefix": names.prefix,
        "block_class": names.block_class,
    }
    for relative, template in _FILES.items():
        path = root / Template(relative).substitute(values)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(Template(template).substitute(values), encoding="utf-8")
    return root


@hookimpl
def register_commands(cli: click.Group) -> None:
    @cli.command(name="new-plugin")
    @click.argument("name")
    @click.option("--directory", "-d", type=click.Path(path_type=Path, file_okay=False),
                  default=Path("."), show_default=True, help="Where to write the package.")
    @click.option("--force", is_flag=True, help="Write over a package folder that exists.")
    def new_plugin(name: str, directory: Path, force: bool) -> None:
        """Write a new theme plugin package: a form block, a rule set with one rule and its
        examples, one function, tests and a README."""
        root = write_plugin(name, directory, force=force)
        names = plugin_names(name)
        click.echo(f"wrote {root}: the '{names.snake}' theme, block and rule {names.prefix}-001.")
        click.echo(f"Next: pip install -e {root} && python -m pytest {root} "
                   f"&& auditrules test {root}")


_PYPROJECT = """\
[build-system]
requires = ["hatchling>=1.25"]
build-backend = "hatchling.build"

[project]
name = "$distribution"
version = "0.1.0"
description = "auditrules theme: $title."
readme = "README.md"
requires-python = ">=3.11"
dependencies = ["auditrules"]

[project.optional-dependencies]
test = ["pytest>=8"]

[project.entry-points.auditrules]
$snake = "$module.plugin"

[tool.hatch.build.targets.wheel]
packages = ["src/$module"]

[tool.pytest.ini_options]
testpaths = ["tests"]
"""

_README = """\
# $distribution

An auditrules theme plugin for audits that take the `$snake` theme. It adds a `$snake` part to
the form, the function `${snake}_explained`, and the rule set `$snake.practice`.

```sh
pip install -e .                 # then `auditrules plugins` lists it
python -m pytest                 # its tests
auditrules test .                # the rules' examples
```

Edit `src/$module/plugin.py` (the form block and the hooks),
`src/$module/functions.py` (what the rules call) and `src/$module/rules/$slug.rules` (the rules,
each with a hint, a reference, tags and passing and failing examples). See "Writing a rule-set
plugin" in the auditrules documentation.
"""

_INIT = '''\
"""auditrules theme plugin: audits that take the $snake theme."""
'''

_PLUGIN = '''\
"""The $snake theme's hooks: its part of the form, its functions and its rule set."""

from __future__ import annotations

from pathlib import Path

import auditrules

from .functions import FUNCTIONS

RULES = Path(__file__).with_name("rules")


class $block_class(auditrules.Block):
    """The $snake part of a themed audit. Every field is optional."""

    considered: bool | None = None
    notes: str | None = None


@auditrules.hookimpl
def register_form_blocks() -> dict[str, type[auditrules.Block]]:
    return {"$snake": $block_class}


@auditrules.hookimpl
def register_functions() -> list[auditrules.FunctionSpec]:
    return list(FUNCTIONS)


@auditrules.hookimpl
def register_rulesets() -> list[Path]:
    return [RULES]
'''

_FUNCTIONS = '''\
"""What the $snake rules read in free text. Each function says which words decided it."""

from __future__ import annotations

import re

from auditrules import Outcome, function
from auditrules.patterns import compiled

# Compiled once on a machine and kept between runs (for patterns written here, not made from a
# form's own words).
_REASON = compiled(r"\\b(because|so that|as a result|which means|since)\\b", re.IGNORECASE)


@function(returns="bool")
def ${snake}_explained(text: str | None) -> Outcome:
    """Whether the text gives a reason ('because', 'so that', 'as a result')."""
    match = _REASON.search(text or "")
    if match:
        return Outcome(True, (f"gives a reason ('{match.group(0)}')",), (match.group(0),))
    return Outcome(False, ("no reason is given ('because', 'so that')",))


FUNCTIONS = (${snake}_explained,)
'''

_RULES = '''\
# The $snake theme. Add a rule per question the theme's audit asks; give each a message, a hint,
# a reference, tags and a passing and a failing example.
ruleset $snake.practice
  version "0.1.0"
  title "$title theme"
  description "Checks the $snake part of the form for audits that take the $snake theme."
  reference "Name the practice standard behind this theme"
  applies when "$snake" in audit.themes

rule $prefix-001 "The $phrase notes say why"
  severity warning
  require ${snake}_explained($snake.notes)
  at $snake.notes
  message "The $phrase notes do not say why: {reasons}."
  hint "Give the reason: what was seen or said and what it means for the child ('because ...')."
  reference "Name the practice standard behind this rule"
  tags $slug

  example pass {
    audit: { themes: ["$snake"] }
    $snake: { notes: "Referred to the school nurse because Sam's weight has dropped." }
  }
  example fail at $snake.notes {
    audit: { themes: ["$snake"] }
    $snake: { notes: "Referred to the school nurse." }
  }
'''

_TESTS = '''\
"""The $snake theme's rules and function, run by a real engine with this plugin registered."""

from __future__ import annotations

from importlib import metadata
from pathlib import Path

import auditrules
from auditrules.plugins import PluginHost
from auditrules.testing import run_examples, select_rules

from $module import plugin
from $module.functions import ${snake}_explained

RULES = Path(plugin.__file__).with_name("rules")


def engine() -> auditrules.Engine:
    return auditrules.Engine.load(host=PluginHost(load_entry_points=False, extra_plugins=[plugin]))


def test_the_plugin_is_installed_with_its_entry_point():
    names = {entry_point.name: entry_point.value
             for entry_point in metadata.entry_points(group="auditrules")}
    assert names["$snake"] == "$module.plugin"


def test_every_rule_example_behaves_as_declared():
    checked = engine()
    rules = select_rules(checked, [RULES])
    assert [rule.id for rule in rules] == ["$prefix-001"]
    results = list(run_examples(checked, rules))
    assert len(results) == 2
    assert [result.label for result in results if not result.ok] == []


def test_a_themed_form_gets_the_finding_and_an_unthemed_one_does_not():
    form = {"audit": {"id": "A-1", "themes": ["$snake"]}, "$snake": {"notes": "Seen at home."}}
    findings = [f for f in engine().check_form(form) if f.ruleset == "$snake.practice"]
    assert [(f.rule, f.location.path) for f in findings] == [("$prefix-001", "$snake.notes")]
    form["audit"]["themes"] = []
    assert [f for f in engine().check_form(form) if f.ruleset == "$snake.practice"] == []


def test_the_function_says_why():
    reasons = ${snake}_explained.impl("Moved school because of bullying.").reasons
    assert reasons == ("gives a reason ('because')",)
    assert not ${snake}_explained.impl("Moved school.")
'''

_FILES = {
    "pyproject.toml": _PYPROJECT,
    "README.md": _README,
    "src/$module/__init__.py": _INIT,
    "src/$module/plugin.py": _PLUGIN,
    "src/$module/functions.py": _FUNCTIONS,
    "src/$module/rules/$slug.rules": _RULES,
    "tests/test_$snake.py": _TESTS,
}
