"""Plugin loading: real plugin packages installed by pip and found through their entry points,
and the plugin host's refusals (clashes, bad hooks) checked in-process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

import click
import pytest
from click.testing import CliRunner

import auditrules
from auditrules import Block, hookimpl
from auditrules.errors import PluginError
from auditrules.functions.builtins import BUILTIN_FUNCTIONS
from auditrules.plugins import DEFAULT_PLUGINS, LOAD_PLUGINS_ENV, PluginHost
from auditrules.readers import RawForm, Reader
from auditrules.reporters import Reporter

PACKAGES_DIR = Path(__file__).parent / "plugins"
PACKAGES = {
    "example": "auditrules-example-theme",
    "broken": "auditrules-broken",
    "clash": "auditrules-clash",
}

EXAMPLE_ADDS = {
    "functions": ["mentions_school"],
    "reporters": ["count"],
    "form blocks": ["example_theme"],
    "rule sets": ["example-theme.rules"],
    "commands": ["school-cues"],
}


# ---- real installs ----------------------------------------------------------------------------


@pytest.fixture(scope="session")
def installed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each plugin package installed by pip into its own folder (once per session, in parallel)."""
    root = tmp_path_factory.mktemp("installed-plugins")
    jobs: dict[str, tuple[Path, subprocess.Popen[str]]] = {}
    for key, package in PACKAGES.items():
        target = root / key
        command = [sys.executable, "-m", "pip", "install", "--no-deps", "--no-build-isolation",
                   "--no-index", "--disable-pip-version-check", "--quiet",
                   "--target", str(target), str(PACKAGES_DIR / package)]
        jobs[key] = (target, subprocess.Popen(command, stdout=subprocess.PIPE,
                                              stderr=subprocess.STDOUT, text=True))
    for key, (_, process) in jobs.items():
        output, _ = process.communicate(timeout=300)
        assert process.returncode == 0, f"pip could not install {PACKAGES[key]}:\n{output}"
    return {key: target for key, (target, _) in jobs.items()}


Run = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def auditrules_cli(installed: dict[str, Path], tmp_path: Path) -> Run:
    """Run `python -m auditrules ARGS` with only the named installed plugins on its path.

    AUDITRULES_LOAD_PLUGINS is unset (so installed plugins are discovered through their entry
    points) unless `load` gives it a value.
    """

    def run(*args: str, plugins: tuple[str, ...] = ("example",),
            load: str | None = None) -> subprocess.CompletedProcess[str]:
        env = os.environ.copy()
        env.pop(LOAD_PLUGINS_ENV, None)
        if load is not None:
            env[LOAD_PLUGINS_ENV] = load
        env["PYTHONPATH"] = os.pathsep.join(str(installed[name]) for name in plugins)
        return subprocess.run([sys.executable, "-m", "auditrules", *args], cwd=tmp_path, env=env,
                              capture_output=True, text=True, timeout=120)

    return run


def plugin_list(result: subprocess.CompletedProcess[str]) -> list[dict[str, Any]]:
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture
def theme_forms(write) -> Path:
    """Three forms: one whose school notes fall short under the theme, one that does not take the
    theme, and one whose notes are good."""
    forms = [
        {"audit": {"id": "A-1", "themes": ["example_theme"]},
         "example_theme": {"school_notified": True, "notes": "Mother agreed the plan."}},
        {"audit": {"id": "A-2", "themes": ["neglect"]},
         "example_theme": {"school_notified": True, "notes": "Mother agreed the plan."}},
        {"audit": {"id": "A-3", "themes": ["example_theme"]},
         "example_theme": {"school_notified": True, "notes": "Spoke to the class teacher today."}},
    ]
    return write("forms.json", json.dumps(forms))


def test_installed_plugin_is_listed_with_its_distribution_version_and_what_it_adds(auditrules_cli):
    result = auditrules_cli("plugins")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert ("example_theme (auditrules-example-theme 0.3.1): functions: mentions_school; "
            "reporters: count; form blocks: example_theme; rule sets: example-theme.rules; "
            "commands: school-cues") in lines
    assert any(line.startswith("auditrules.functions.builtins (built in): functions: words")
               for line in lines)


def test_plugins_json_gives_the_installed_plugin_its_distribution_version_and_adds(auditrules_cli):
    infos = {info["name"]: info for info in plugin_list(auditrules_cli("plugins", "--format", "json"))}
    assert infos["example_theme"] == {
        "name": "example_theme",
        "version": "0.3.1",
        "distribution": "auditrules-example-theme",
        "builtin": False,
        "adds": EXAMPLE_ADDS,
    }
    assert all(infos[name]["builtin"] for name in DEFAULT_PLUGINS)


def test_rules_command_lists_the_plugin_rule_set_and_which_plugin_it_came_from(auditrules_cli):
    result = auditrules_cli("rules")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    header = [line for line in lines if line.startswith("example.theme 0.3.1: ")]
    assert len(header) == 1, result.stdout
    assert header[0].endswith("example-theme.rules, from example_theme)")
    assert any(line.split()[:2] == ["EXT-001", "warning"] for line in lines)
    assert any(line.split()[:2] == ["EXT-002", "error"] for line in lines)


def test_test_command_runs_the_plugin_rule_set_examples_and_all_behave(auditrules_cli):
    result = auditrules_cli("test", "--verbose")
    assert result.returncode == 0, result.stdout + result.stderr
    plugin_lines = [line for line in result.stdout.splitlines() if " EXT-00" in line]
    assert len(plugin_lines) == 4, result.stdout
    assert all("example-theme.rules:" in line and ": ok   EXT-00" in line for line in plugin_lines)


def test_check_finds_the_plugin_rule_on_a_form_that_uses_the_plugin_block(auditrules_cli,
                                                                             theme_forms):
    result = auditrules_cli("check", str(theme_forms), "--format", "json")
    assert result.returncode == 1, result.stderr  # EXT-002 is an error
    report = json.loads(result.stdout)
    assert report["errors"] == []
    assert report["forms_checked"] == 3
    assert "example.theme" in {ruleset["id"] for ruleset in report["rulesets"]}
    plugin_findings = [f for f in report["findings"] if f["ruleset"] == "example.theme"]
    assert [(f["form"], f["rule"], f["location"]["path"]) for f in plugin_findings] == [
        ("A-1", "EXT-002", "example_theme.notes"),
    ]
    assert plugin_findings[0]["reasons"] == [
        "no mention of the school, a teacher, the DSL or the SENCo"]
    assert plugin_findings[0]["message"] == (
        "The school was told, but the notes do not say how it was involved: no mention of the "
        "school, a teacher, the DSL or the SENCo.")


def test_check_refuses_an_unknown_field_in_the_plugin_block_with_did_you_mean(auditrules_cli, write):
    form = write("typo.json", json.dumps(
        {"audit": {"id": "A-9", "themes": ["example_theme"]},
         "example_theme": {"school_notifed": True}}))
    result = auditrules_cli("check", str(form))
    assert result.returncode == 2, result.stdout + result.stderr
    assert ("example_theme.school_notifed: unknown field 'school_notifed'; "
            "did you mean 'school_notified'?") in result.stdout


def test_plugin_count_reporter_prints_the_number_of_findings(auditrules_cli, theme_forms):
    as_json = auditrules_cli("check", str(theme_forms), "--format", "json", "--fail-on", "never")
    expected = len(json.loads(as_json.stdout)["findings"])
    assert expected >= 1
    result = auditrules_cli("check", str(theme_forms), "--format", "count", "--fail-on", "never")
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{expected}\n"


def test_plugin_adds_a_command_that_runs_with_the_plugin_function(auditrules_cli):
    yes = auditrules_cli("school-cues", "Spoke to the class teacher")
    assert yes.returncode == 0, yes.stderr
    assert yes.stdout == "mentions the school: yes (mentions 'teacher')\n"
    no = auditrules_cli("school-cues", "Mother agreed the plan")
    assert no.stdout == ("mentions the school: no (no mention of the school, a teacher, the DSL "
                         "or the SENCo)\n")


def test_broken_plugin_gives_exit_2_and_one_stderr_line_naming_it_without_traceback(auditrules_cli):
    result = auditrules_cli("plugins", plugins=("broken",))
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: plugin 'broken' (auditrules-broken 0.0.1) could not be loaded")
    assert "auditrules_missing_dependency" in lines[0]
    assert "Traceback" not in result.stderr


def test_plugin_function_named_like_a_builtin_is_refused_naming_both_plugins(auditrules_cli):
    result = auditrules_cli("plugins", plugins=("clash",))
    assert result.returncode == 2
    assert result.stderr == ("error: two plugins add a function named 'words': "
                             "'auditrules.functions.builtins' and 'clash'\n")


def test_empty_load_plugins_setting_ignores_installed_plugins(auditrules_cli):
    names = [info["name"] for info in plugin_list(auditrules_cli("plugins", "--format", "json",
                                                                  load=""))]
    assert names == list(DEFAULT_PLUGINS)


def test_load_plugins_setting_naming_one_plugin_loads_only_that_one(auditrules_cli):
    on_path = ("example", "broken")
    unrestricted = auditrules_cli("plugins", plugins=on_path)
    assert unrestricted.returncode == 2 and "'broken'" in unrestricted.stderr  # it is found
    names = [info["name"] for info in plugin_list(
        auditrules_cli("plugins", "--format", "json", plugins=on_path, load="example_theme"))]
    assert names == [*DEFAULT_PLUGINS, "example_theme"]


def test_load_plugins_setting_naming_no_installed_plugin_is_refused_with_did_you_mean(auditrules_cli):
    result = auditrules_cli("plugins", load="example-theme")
    assert result.returncode == 2
    assert result.stderr == (f"error: {LOAD_PLUGINS_ENV} names the plugin 'example-theme', but no "
                             "installed plugin has that name; did you mean 'example_theme'?\n")


# ---- the plugin host in-process ---------------------------------------------------------------


def host_with(*plugins: Any) -> PluginHost:
    return PluginHost(load_entry_points=False, extra_plugins=plugins)


class Themed:
    """A well-formed in-process plugin."""

    @hookimpl
    def register_rulesets(self) -> list[Path]:
        return [Path("theme.rules")]

    @hookimpl
    def register_functions(self) -> list[auditrules.FunctionSpec]:
        return [shout]

    @hookimpl
    def register_reporters(self) -> list[Reporter]:
        return [NamedReporter("tally")]


@auditrules.function()
def shout(text: str | None) -> str | None:
    """The text in capitals."""
    return text.upper() if text is not None else None


class NamedReporter(Reporter):
    def __init__(self, name: str):
        self.name = name  # type: ignore[misc]

    def write(self, result: Any, stream: IO[Any], *, color: bool = False) -> None:
        stream.write("report\n")


class NamedReader(Reader):
    suffixes = (".other",)

    def __init__(self, name: str):
        self.name = name  # type: ignore[misc]

    def read(self, path: Path) -> Iterator[RawForm]:
        yield from ()


def test_builtin_modules_are_registered_as_builtin_default_plugins():
    host = PluginHost(load_entry_points=False)
    assert [info.name for info in host.plugins()] == list(DEFAULT_PLUGINS)
    assert all(info.builtin and info.distribution == "auditrules" for info in host.plugins())
    for name in DEFAULT_PLUGINS:
        assert host.pm.get_plugin(name) is sys.modules[name]
    assert list(host.functions) == [spec.name for spec in BUILTIN_FUNCTIONS]
    assert {host.functions[spec.name].plugin for spec in BUILTIN_FUNCTIONS} == {
        "auditrules.functions.builtins"}
    assert set(host.readers) == {"json", "yaml", "xlsx", "csv", "docx"}
    assert set(host.reporters) == {"text", "json", "csv", "xlsx", "html", "sarif"}


def test_default_plugins_come_before_added_plugins_in_every_registry():
    host = host_with(Themed())
    assert [plugin for _, plugin in host.ruleset_paths] == ["auditrules.default_rulesets", "Themed"]
    assert list(host.functions) == [*(spec.name for spec in BUILTIN_FUNCTIONS), "shout"]
    assert list(host.reporters) == ["text", "json", "csv", "xlsx", "html", "sarif", "tally"]
    assert host.functions["shout"].plugin == "Themed"


@pytest.mark.parametrize(("hook", "what", "item", "owner"), [
    ("register_readers", "a reader", NamedReader("json"), "auditrules.readers.structured"),
    ("register_reporters", "a reporter", NamedReporter("text"), "auditrules.reporters.text"),
], ids=["reader", "reporter"])
def test_reader_or_reporter_named_like_a_builtin_one_is_refused_naming_both_plugins(
        hook, what, item, owner):
    plugin = type("Duplicate", (), {hook: hookimpl(lambda self: [item])})()
    with pytest.raises(PluginError) as caught:
        host_with(plugin)
    assert str(caught.value) == f"two plugins add {what} named '{item.name}': '{owner}' and 'Duplicate'"


def test_two_added_plugins_with_the_same_reporter_name_are_refused_naming_both():
    first = type("First", (), {"register_reporters": hookimpl(lambda self: [NamedReporter("tally")])})
    second = type("Second", (), {"register_reporters": hookimpl(lambda self: [NamedReporter("tally")])})
    with pytest.raises(PluginError, match="reporter named 'tally': 'First' and 'Second'"):
        host_with(first(), second())


def test_form_block_named_like_a_canonical_form_field_is_refused():
    class Audit(Block):
        extra: str | None = None

    class Shadowing:
        @hookimpl
        def register_form_blocks(self):
            return {"audit": Audit}

    with pytest.raises(PluginError) as caught:
        host_with(Shadowing())
    assert str(caught.value) == ("plugin Shadowing adds a form block 'audit', but the form already "
                                 "has a field of that name")


def test_hook_that_raises_is_reported_naming_the_plugin_and_the_hook():
    class Exploding:
        @hookimpl
        def register_rulesets(self):
            raise RuntimeError("disk on fire")

    with pytest.raises(PluginError) as caught:
        host_with(Exploding())
    assert str(caught.value) == ("plugin 'Exploding' failed in register_rulesets: "
                                 "RuntimeError: disk on fire")
    assert isinstance(caught.value.__cause__, RuntimeError)


def test_misspelt_hook_name_is_a_plugin_error_naming_the_plugin_and_the_right_hook():
    class Misspelt:
        @hookimpl
        def register_fuctions(self):
            return [shout]

    with pytest.raises(PluginError) as caught:
        host_with(Misspelt())
    assert str(caught.value) == ("plugin 'Misspelt' implements 'register_fuctions', which is not an "
                                 "auditrules hook; did you mean 'register_functions'?")


def test_hook_asking_for_an_argument_the_hook_does_not_give_is_a_plugin_error():
    class GreedyCommands:
        @hookimpl
        def register_commands(self, cli, config):
            return None

    with pytest.raises(PluginError) as caught:
        host_with(GreedyCommands())
    message = str(caught.value)
    assert message.startswith("plugin 'GreedyCommands' has a hook that does not fit the auditrules "
                              "hooks: ")
    assert "config" in message
    assert "\n" not in message


def test_two_different_plugins_with_the_same_name_are_refused_not_one_silently_dropped():
    class Twin:
        @hookimpl
        def register_functions(self):
            return []

    with pytest.raises(PluginError, match="two plugins are named 'Twin'"):
        host_with(Twin(), Twin())


def command_plugin(plugin_name: str, command_name: str) -> Any:
    """An in-process plugin that adds one command."""

    def register_commands(self, cli):
        @cli.command(name=command_name)
        def command() -> None:
            click.echo(plugin_name)

    return type(plugin_name, (), {"register_commands": hookimpl(register_commands)})()


def test_plugin_commands_are_added_and_listed_among_what_the_plugin_adds():
    group = click.Group()
    host = host_with(command_plugin("Tallying", "tally"))
    host.add_commands(group)
    assert CliRunner().invoke(group, ["tally"]).output == "Tallying\n"
    assert host.info["Tallying"].adds == {"commands": ["tally"]}


def test_plugin_command_named_like_an_existing_command_is_refused_and_the_original_kept():
    group = click.Group()

    @group.command(name="check")
    def check() -> None:
        click.echo("the real check")

    host = host_with(command_plugin("Hijacker", "check"))
    with pytest.raises(PluginError) as caught:
        host.add_commands(group)
    assert str(caught.value) == ("plugin 'Hijacker' adds a command named 'check', but auditrules "
                                 "itself already has one")
    assert group.commands["check"] is check


def test_two_plugins_adding_the_same_command_are_refused_naming_both():
    host = host_with(command_plugin("First", "tally"), command_plugin("Second", "tally"))
    with pytest.raises(PluginError) as caught:
        host.add_commands(click.Group())
    assert str(caught.value) == ("plugin 'Second' adds a command named 'tally', but 'First' already "
                                 "has one")


def test_a_plugin_turned_off_in_the_configuration_adds_no_rule_set(auditrules_cli, tmp_path):
    assert "example.theme" in auditrules_cli("rules").stdout
    (tmp_path / "auditrules.toml").write_text('[plugins]\ndisable = ["example_theme"]\n')
    result = auditrules_cli("rules")
    assert result.returncode == 0, result.stderr
    assert "example.theme" not in result.stdout
    assert "core.completeness" in result.stdout
