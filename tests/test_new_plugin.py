"""`auditrules new-plugin NAME` writes a plugin package that installs with pip and whose own
tests and rule examples pass straight away."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import click
import pytest

from auditrules.errors import UsageError
from auditrules.plugins import LOAD_PLUGINS_ENV, PluginHost
from auditrules.scaffold import plugin_names, write_plugin


def run(*command: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(command), cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def test_new_plugin_is_a_command_a_default_plugin_adds():
    host = PluginHost(load_entry_points=False)
    group = click.Group()
    host.add_commands(group)
    assert "new-plugin" in group.commands
    assert host.info["auditrules.scaffold"].adds == {"commands": ["new-plugin"]}
    assert host.info["auditrules.scaffold"].builtin


@pytest.mark.parametrize(("name", "expected"), [
    ("neglect", ("auditrules-neglect", "auditrules_neglect", "neglect", "NEG")),
    ("Child exploitation", ("auditrules-child-exploitation", "auditrules_child_exploitation",
                            "child_exploitation", "CE")),
    ("auditrules-missing-education", ("auditrules-missing-education", "auditrules_missing_education",
                                      "missing_education", "ME")),
])
def test_plugin_names(name, expected):
    names = plugin_names(name)
    assert (names.distribution, names.module, names.snake, names.prefix) == expected


@pytest.mark.parametrize("name", ["9lives", "", "neglect!", "-neglect"])
def test_a_name_that_cannot_be_a_package_is_refused(name):
    with pytest.raises(UsageError, match="cannot name a plugin"):
        plugin_names(name)


def test_an_existing_folder_is_not_written_over_without_force(tmp_path):
    root = write_plugin("neglect", tmp_path)
    rules = root / "src" / "auditrules_neglect" / "rules" / "neglect.rules"
    rules.write_text("# my edits\n")
    with pytest.raises(UsageError, match="already exists; choose another name or folder, or use --force"):
        write_plugin("neglect", tmp_path)
    assert rules.read_text() == "# my edits\n"
    write_plugin("neglect", tmp_path, force=True)
    assert rules.read_text().startswith("# The neglect theme.")


def test_a_new_plugin_installs_and_its_tests_and_examples_pass(tmp_path):
    made = run(sys.executable, "-m", "auditrules", "new-plugin", "child exploitation",
               "--directory", str(tmp_path), cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    root = tmp_path / "auditrules-child-exploitation"
    assert made.stdout.startswith(f"wrote {root}: the 'child_exploitation' theme, block and rule CE-001.")
    target = tmp_path / "installed"
    installed = run(sys.executable, "-m", "pip", "install", "--no-deps", "--no-build-isolation",
                    "--no-index", "--disable-pip-version-check", "--quiet", "--target", str(target),
                    str(root), cwd=tmp_path)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    env = {**os.environ, "PYTHONPATH": str(target), LOAD_PLUGINS_ENV: "child_exploitation"}

    tests = run(sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", cwd=root, env=env)
    assert tests.returncode == 0, tests.stdout + tests.stderr
    assert "4 passed" in tests.stdout

    # The installed copy is a different file from the source, so test the installed one's rules.
    examples = run(sys.executable, "-m", "auditrules", "test", "--no-default-rules", str(root), cwd=root, env=env)
    assert examples.returncode == 0, examples.stdout + examples.stderr
    assert examples.stdout == "2 examples of 1 rules: 2 behaved as declared, 0 did not.\n"

    listed = run(sys.executable, "-m", "auditrules", "plugins", cwd=root, env=env)
    assert ("child_exploitation (auditrules-child-exploitation 0.1.0): functions: "
            "child_exploitation_explained; form blocks: child_exploitation; rule sets: "
            "child-exploitation.rules") in listed.stdout.splitlines()

    # The rule catalogue has the installed plugin's rule set and rule beside the bundled ones.
    catalogue = tmp_path / "catalogue"
    written = run(sys.executable, "-m", "auditrules", "docs", "--output", str(catalogue), cwd=root, env=env)
    assert written.returncode == 0, written.stderr
    index = (catalogue / "index.md").read_text(encoding="utf-8")
    assert "| child_exploitation |" in index
    assert "[core.plans](core.plans.md)" in index
    rule = (catalogue / "rules" / "CE-001.md").read_text(encoding="utf-8")
    assert rule.startswith("# CE-001: ") and "## Examples" in rule and "example fail" in rule
