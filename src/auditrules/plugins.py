"""Plugin loading: the built-in defaults first, then installed plugins, each in its own guard.

Set `AUDITRULES_LOAD_PLUGINS` to a comma-separated list of plugin names to load only those
installed plugins, or to an empty string to load none (the test suite does this).
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

import pluggy
from pydantic import BaseModel

from . import hookspecs
from ._version import __version__
from .errors import PluginError, did_you_mean
from .functions import FunctionSpec
from .models import AuditForm
from .readers import Reader
from .reporters import Reporter

ENTRY_POINT_GROUP = "auditrules"
LOAD_PLUGINS_ENV = "AUDITRULES_LOAD_PLUGINS"

DEFAULT_PLUGINS: tuple[str, ...] = (
    "auditrules.functions.builtins",
    "auditrules.readers.structured",
    "auditrules.readers.spreadsheet",
    "auditrules.readers.word",
    "auditrules.reporters.text",
    "auditrules.reporters.json",
    "auditrules.reporters.csv",
    "auditrules.reporters.xlsx",
    "auditrules.reporters.html",
    "auditrules.reporters.sarif",
    "auditrules.default_rulesets",
    "auditrules.template",
    "auditrules.scaffold",
)


@dataclass
class PluginInfo:
    """A loaded plugin: its name, where it came from, and what it adds."""

    name: str
    version: str
    distribution: str
    builtin: bool
    adds: dict[str, list[str]] = field(default_factory=dict)


class PluginHost:
    """The plugin manager and everything plugins registered, with names checked for clashes."""

    def __init__(self, load_entry_points: bool | None = None,
                 extra_plugins: Iterable[Any] = (), disabled: Iterable[str] = ()):
        self.disabled = frozenset(disabled)  # installed plugins a configuration file turns off
        self.pm = pluggy.PluginManager("auditrules")
        self.pm.add_hookspecs(hookspecs)
        self.info: dict[str, PluginInfo] = {}
        self._command_owners: dict[str, str] = {}  # command name -> plugin that added it
        for module_name in DEFAULT_PLUGINS:
            module = importlib.import_module(module_name)
            self._register(module, module_name, PluginInfo(
                module_name, __version__, "auditrules", builtin=True))
        if load_entry_points is None:
            load_entry_points = True
        if load_entry_points:
            self._load_entry_points()
        for plugin in extra_plugins:
            name = getattr(plugin, "__name__", type(plugin).__name__)
            self._register(plugin, name, PluginInfo(name, "", "", builtin=False))
        self._check_pending()

        self.functions: dict[str, FunctionSpec] = self._collect(
            "register_functions", lambda spec: spec.name, "a function", self._tag_function)
        self.readers: dict[str, Reader] = self._collect(
            "register_readers", lambda reader: reader.name, "a reader")
        self.reporters: dict[str, Reporter] = self._collect(
            "register_reporters", lambda reporter: reporter.name, "a reporter")
        self.form_blocks: dict[str, type[BaseModel]] = self._collect_blocks()
        self.ruleset_paths: list[tuple[Path, str]] = self._collect_rulesets()

    # -- loading ----------------------------------------------------------------------------
    def _register(self, plugin: Any, name: str, info: PluginInfo) -> None:
        if self.pm.is_registered(plugin):
            return
        if self.pm.has_plugin(name):
            raise PluginError(f"two plugins are named '{name}': {self._label(name)} and "
                              f"{self._label(name, info)}")
        try:
            self.pm.register(plugin, name=name)
        except pluggy.PluginValidationError as exc:
            raise PluginError(f"plugin {self._label(name, info)} has a hook that does not fit "
                              f"the auditrules hooks: {'; '.join(str(exc).splitlines())}") from exc
        self.info[name] = info

    def _label(self, name: str, info: PluginInfo | None = None) -> str:
        """A plugin's name with its distribution and version when it has them."""
        info = info or self.info.get(name)
        if info is None or not info.distribution:
            return f"'{name}'"
        return f"'{name}' ({info.distribution} {info.version})"

    def _check_pending(self) -> None:
        """Refuse a hook implementation that matches no hook spec (say, a misspelt name)."""
        known = [n for n in vars(hookspecs) if n.startswith("register_")]
        for hook_name, hook in vars(self.pm.hook).items():
            if hook_name.startswith("_") or hook.has_spec():
                continue
            for impl in hook.get_hookimpls():
                if impl.optionalhook:
                    continue
                suggestion = did_you_mean(hook_name, known)
                raise PluginError(
                    f"plugin {self._label(impl.plugin_name)} implements '{hook_name}', which is "
                    "not an auditrules hook"
                    + (f"; did you mean '{suggestion}'?" if suggestion else "")
                )
        self.pm.check_pending()  # anything the loop above missed is still refused

    def _load_entry_points(self) -> None:
        wanted = os.environ.get(LOAD_PLUGINS_ENV)
        allowed = None if wanted is None else {n.strip() for n in wanted.split(",") if n.strip()}
        entry_points = sorted(metadata.entry_points(group=ENTRY_POINT_GROUP),
                              key=lambda ep: ep.name)
        installed = {entry_point.name for entry_point in entry_points}
        for name in sorted((allowed or set()) - installed):  # a typo must not drop a plugin silently
            suggestion = did_you_mean(name, installed)
            raise PluginError(
                f"{LOAD_PLUGINS_ENV} names the plugin '{name}', but no installed plugin has that "
                "name" + (f"; did you mean '{suggestion}'?" if suggestion else
                          f"; installed plugins: {', '.join(sorted(installed)) or 'none'}"))
        for entry_point in entry_points:
            if (allowed is not None and entry_point.name not in allowed) \
                    or entry_point.name in self.disabled:
                continue
            dist = entry_point.dist
            dist_name = dist.name if dist is not None else "unknown distribution"
            version = dist.version if dist is not None else "?"
            try:
                plugin = entry_point.load()
            except Exception as exc:  # a broken plugin must be named, not crash the tool
                raise PluginError(
                    f"plugin '{entry_point.name}' ({dist_name} {version}) could not be "
                    f"loaded: {type(exc).__name__}: {exc}"
                ) from exc
            self._register(plugin, entry_point.name,
                           PluginInfo(entry_point.name, version, dist_name, builtin=False))

    def _results(self, hook_name: str, **kwargs: Any) -> list[tuple[str, Any]]:
        """Call one hook on each plugin in turn, naming the plugin if it raises."""
        hook = getattr(self.pm.hook, hook_name)
        answers: list[tuple[str, Any]] = []
        # get_hookimpls() lists implementations in registration order: the defaults come first.
        for impl in hook.get_hookimpls():
            result = self._results_of(impl, hook_name, **kwargs)
            if result is not None:
                answers.append((impl.plugin_name, result))
        return answers

    def _results_of(self, impl: Any, hook_name: str, **kwargs: Any) -> Any:
        """Call one plugin's implementation of a hook, naming the plugin if it raises."""
        try:
            return impl.function(**kwargs)
        except Exception as exc:
            raise PluginError(
                f"plugin {self._label(impl.plugin_name)} failed in {hook_name}: "
                f"{type(exc).__name__}: {exc}"
            ) from exc

    def _collect(self, hook_name: str, key: Callable[[Any], str], what: str,
                 tag: Callable[[Any, str], Any] | None = None) -> dict[str, Any]:
        found: dict[str, Any] = {}
        owner: dict[str, str] = {}
        for plugin_name, items in self._results(hook_name):
            for item in items:
                if tag is not None:
                    item = tag(item, plugin_name)
                name = key(item)
                if name in found:
                    raise PluginError(
                        f"two plugins add {what} named '{name}': '{owner[name]}' and "
                        f"'{plugin_name}'"
                    )
                found[name] = item
                owner[name] = plugin_name
                self.info[plugin_name].adds.setdefault(what.split()[-1] + "s", []).append(name)
        return found

    @staticmethod
    def _tag_function(spec: Any, plugin_name: str) -> FunctionSpec:
        if not isinstance(spec, FunctionSpec):
            raise PluginError(
                f"plugin {plugin_name} registered {spec!r}, which is not made with "
                "@auditrules.function"
            )
        return FunctionSpec(spec.name, spec.params, spec.returns, spec.impl, spec.doc,
                            plugin_name)

    def _collect_blocks(self) -> dict[str, type[BaseModel]]:
        blocks: dict[str, type[BaseModel]] = {}
        owner: dict[str, str] = {}
        canonical = set(AuditForm.model_fields)
        for plugin_name, mapping in self._results("register_form_blocks"):
            for name, model in dict(mapping).items():
                if name in canonical:
                    raise PluginError(f"plugin {plugin_name} adds a form block '{name}', "
                                      "but the form already has a field of that name")
                if name in blocks:
                    raise PluginError(f"two plugins add a form block named '{name}': "
                                      f"'{owner[name]}' and '{plugin_name}'")
                if not (isinstance(model, type) and issubclass(model, BaseModel)):
                    raise PluginError(f"plugin {plugin_name}: form block '{name}' must be a "
                                      "pydantic model (a subclass of auditrules.Block)")
                blocks[name] = model
                owner[name] = plugin_name
                self.info[plugin_name].adds.setdefault("form blocks", []).append(name)
        return blocks

    def _collect_rulesets(self) -> list[tuple[Path, str]]:
        paths: list[tuple[Path, str]] = []
        for plugin_name, items in self._results("register_rulesets"):
            for item in items:
                path = Path(item)
                paths.append((path, plugin_name))
                names = sorted(p.name for p in path.rglob("*.rules")) if path.is_dir() else [path.name]
                self.info[plugin_name].adds.setdefault("rule sets", []).extend(names)
        return paths

    def add_commands(self, cli: Any) -> None:
        """Let each plugin add commands; one that would replace an existing command is refused."""
        owners = self._command_owners
        for impl in self.pm.hook.register_commands.get_hookimpls():
            before = dict(cli.commands)
            self._results_of(impl, "register_commands", cli=cli)
            for name, command in cli.commands.items():
                if before.get(name) is command:
                    continue
                if name in before and owners.get(name) != impl.plugin_name:
                    first = self._label(owners[name]) if name in owners else "auditrules itself"
                    cli.commands[name] = before[name]  # keep the command that was there
                    raise PluginError(f"plugin {self._label(impl.plugin_name)} adds a command "
                                      f"named '{name}', but {first} already has one")
                if owners.get(name) != impl.plugin_name:
                    owners[name] = impl.plugin_name
                    self.info[impl.plugin_name].adds.setdefault("commands", []).append(name)

    def plugins(self) -> list[PluginInfo]:
        return list(self.info.values())


_default_host: dict[str | None, PluginHost] = {}


def get_host(disabled: Iterable[str] = ()) -> PluginHost:
    """The plugin host for this process, loading installed plugins as the environment says,
    leaving out any `disabled` by name."""
    key = os.environ.get(LOAD_PLUGINS_ENV)
    off = frozenset(disabled)
    cache_key = key if not off else f"{key}|{','.join(sorted(off))}"
    if cache_key not in _default_host:
        _default_host[cache_key] = PluginHost(disabled=off)
    return _default_host[cache_key]


def installed_plugin_names() -> list[str]:
    """The names of every installed plugin's entry point, whether or not it is loaded."""
    return sorted({entry_point.name for entry_point in metadata.entry_points(group=ENTRY_POINT_GROUP)})

