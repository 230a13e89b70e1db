"""Configuration: `auditrules.toml`, or `[tool.auditrules]` in `pyproject.toml`, found from the
current folder upwards (or named with --config).

A configuration turns rule sets and installed plugins off, changes a rule's severity, and
overrides rule-set settings; `--set` on the command line wins over it. Every mistake in it is an
error that names the file and the key.

    rules = ["local-rules/"]          # rule sets to add (relative to the file's folder)
    fail_on = "warning"
    waivers = "waivers.toml"          # as --waivers (relative to the file's folder)
    model = "house.model"             # as --model: a scorer learned by `auditrules learn`

    [rulesets]
    disable = ["core.strengths"]      # rule-set ids

    [plugins]
    disable = ["domestic_abuse"]      # installed plugin names (`auditrules plugins`)

    [severity]
    SD-005 = "error"

    [settings]
    "strategy.discussions.held_within" = "1 working day"

    [limits]
    archive_total = 2_000_000_000     # how big an input may be (see auditrules.limits)
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .default_rulesets import tracking_ruleset
from .engine import Engine
from .errors import RuleSetError, UsageError, did_you_mean
from .limits import DEFAULT_LIMITS, Limits
from .loader import ParsedRuleSet, check_all, compile_ruleset, parse_files, resolve_settings
from .models import SEVERITIES
from .plugins import PluginHost, get_host, installed_plugin_names
from .schema import FormSchema

CONFIG_NAME = "auditrules.toml"
PYPROJECT = "pyproject.toml"
KNOWN_KEYS = ("rules", "fail_on", "waivers", "model", "rulesets", "plugins", "severity", "settings",
              "limits")
FROM_DEFAULT = "default in the rule set"
FROM_COMMAND_LINE = "--set"


@dataclass
class Config:
    """What a configuration file asks for; `source` names the file in messages (None: no file)."""

    source: str | None = None
    rules: list[Path] = field(default_factory=list)
    fail_on: str | None = None
    waivers: Path | None = None
    model: Path | None = None
    disabled_rulesets: list[str] = field(default_factory=list)
    disabled_plugins: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    settings: dict[str, Any] = field(default_factory=dict)
    limits: Limits = DEFAULT_LIMITS


@dataclass(frozen=True)
class EffectiveSetting:
    """A rule-set setting as it will be used, and where its value came from."""

    ruleset: str
    name: str
    value: Any
    origin: str


@dataclass
class Loaded:
    """An engine built under a configuration, with each setting's value and origin, and the
    rules whose severity the configuration changed."""

    engine: Engine
    settings: list[EffectiveSetting]
    severity_origins: dict[str, str] = field(default_factory=dict)


# ---- finding and reading the file ------------------------------------------------------------


def find_config(start: Path | None = None) -> Path | None:
    """The nearest `auditrules.toml`, or `pyproject.toml` with a `[tool.auditrules]` table, in
    `start` (default: the current folder) or a folder above it."""
    folder = (start or Path.cwd()).resolve()
    for candidate in (folder, *folder.parents):
        own = candidate / CONFIG_NAME
        if own.is_file():
            return own
        pyproject = candidate / PYPROJECT
        if pyproject.is_file() and _has_tool_table(pyproject):
            return pyproject
    return None


def _has_tool_table(path: Path) -> bool:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError, RecursionError):
        return False  # someone else's broken pyproject.toml is not ours to report
    return isinstance(data.get("tool"), dict) and "auditrules" in data["tool"]


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def load_config(path: Path | None = None, start: Path | None = None) -> Config:
    """Read the configuration at `path`, or the nearest one found from `start` upwards; an empty
    configuration when there is none. Raises UsageError naming the file for any mistake."""
    if path is not None and not path.is_file():
        raise UsageError(f"{path}: no such settings file")
    found = path or find_config(start)
    if found is None:
        return Config()
    shown = _shown(found)
    try:
        data = tomllib.loads(found.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise UsageError(f"{shown}: not a valid TOML settings file: {exc}") from None
    except RecursionError:
        raise UsageError(f"{shown}: not a valid TOML settings file: lists or tables nest too "
                         "deeply") from None
    if found.name == PYPROJECT:
        tool = data.get("tool", {})
        table = tool.get("auditrules") if isinstance(tool, dict) else None
        if not isinstance(table, dict):
            raise UsageError(f"{shown}: has no [tool.auditrules] table")
        data = table
        shown = f"{shown} [tool.auditrules]"
    return _parse(data, shown, found.parent)


def _parse(data: dict[str, Any], source: str, folder: Path) -> Config:
    unknown = sorted(set(data) - set(KNOWN_KEYS))
    if unknown:
        suggestion = did_you_mean(unknown[0], KNOWN_KEYS)
        raise UsageError(f"{source}: unknown section or key '{unknown[0]}'"
                         + (f"; did you mean '{suggestion}'?" if suggestion else "")
                         + f" (known: {', '.join(KNOWN_KEYS)})")
    config = Config(source=source)
    config.rules = [folder / item for item in _words(data, "rules", source)]
    fail_on = data.get("fail_on")
    if fail_on is not None and fail_on not in (*SEVERITIES, "never"):
        raise UsageError(f"{source}: fail_on must be one of {', '.join((*SEVERITIES, 'never'))}, "
                         f"not {fail_on!r}")
    config.fail_on = fail_on
    waivers = data.get("waivers")
    if waivers is not None and not isinstance(waivers, str):
        raise UsageError(f"{source}: waivers must be the path of a waivers file in quotes")
    config.waivers = folder / waivers if waivers is not None else None
    model = data.get("model")
    if model is not None and not isinstance(model, str):
        raise UsageError(f"{source}: model must be the path of a model file in quotes (written by "
                         "auditrules learn)")
    config.model = folder / model if model is not None else None
    config.disabled_rulesets = _words(_table(data, "rulesets", source, {"disable"}), "disable",
                                      f"{source} [rulesets]")
    config.disabled_plugins = _words(_table(data, "plugins", source, {"disable"}), "disable",
                                     f"{source} [plugins]")
    for rule_id, severity in _table(data, "severity", source).items():
        if severity not in SEVERITIES:
            raise UsageError(f"{source}: [severity] {rule_id} = {severity!r}: a severity is one of "
                             f"{', '.join(SEVERITIES)}")
        config.severity[rule_id] = severity
    config.settings = dict(_table(data, "settings", source))
    config.limits = Limits.from_table(_table(data, "limits", source), source)
    return config


def _table(data: Mapping[str, Any], key: str, source: str,
           known: set[str] | None = None) -> dict[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise UsageError(f"{source}: '{key}' must be a table ([{key}])")
    if known is not None:
        for name in value:
            if name not in known:
                raise UsageError(f"{source}: [{key}] has an unknown key '{name}' "
                                 f"(known: {', '.join(sorted(known))})")
    return value


def _words(data: Mapping[str, Any], key: str, source: str) -> list[str]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise UsageError(f"{source}: '{key}' must be a list of names in quotes")
    return list(value)


# ---- building an engine under a configuration ------------------------------------------------


def parse_overrides(items: Iterable[str]) -> dict[str, str]:
    """`--set NAME=VALUE` options as a mapping of NAME to VALUE (text, read like the file's)."""
    overrides: dict[str, str] = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise UsageError(f"--set {item!r}: write it as NAME=VALUE")
        overrides[name.strip()] = value.strip()
    return overrides


def load_engine(config: Config, rules: Sequence[Path | str] = (), *, defaults: bool = True,
                overrides: Mapping[str, Any] | None = None, host: PluginHost | None = None,
                tracking: bool = False, as_of: dt.date | None = None) -> Loaded:
    """Load rule sets as the configuration says: plugins and rule sets left out, settings
    overridden (the command line's `overrides` winning), severities changed. A `host` given
    is used as it is (its plugins already chosen). `tracking` and `as_of` are as for
    `Engine.load`."""
    overrides = dict(overrides or {})
    host = host or get_host(_checked_plugins(config))
    schema = FormSchema(host.form_blocks)
    # The tracking rule set is always read, so that the configuration may name it, its rules
    # and its settings, and then left out unless asked for.
    files = Engine.files([*config.rules, *rules], defaults=defaults, host=host, tracking=True)
    parsed, problems = parse_files(files)
    parsed = _without_disabled(parsed, config)
    problems.extend(check_all(parsed, schema, host.functions))
    if problems:
        raise RuleSetError(problems)
    _check_overrides(parsed, config.settings, config.source or "the settings file")
    _check_overrides(parsed, overrides, FROM_COMMAND_LINE)
    # The command line wins over the file, however either names the setting.
    merged = {key: value for key, value in config.settings.items()
              if not any(_same_setting(key, other) for other in overrides)}
    merged.update(overrides)
    resolved = resolve_settings(parsed, merged)
    rulesets = [compile_ruleset(item, host.functions, resolved[item.node.id]) for item in parsed]
    engine = Engine(rulesets, schema, host, limits=config.limits)
    origins = _severity(engine, config)
    if not tracking:
        left_out = tracking_ruleset().resolve()
        engine.rulesets = [ruleset for ruleset, item in zip(rulesets, parsed, strict=True)
                           if item.file.path.resolve() != left_out]
        parsed = [item for item in parsed if item.file.path.resolve() != left_out]
    engine.as_of = as_of
    effective = [
        EffectiveSetting(item.node.id, setting.name, resolved[item.node.id][setting.name],
                         _origin(item.node.id, setting.name, config, overrides))
        for item in parsed for setting in item.node.settings
    ]
    return Loaded(engine, effective, origins)


def _checked_plugins(config: Config) -> list[str]:
    installed = installed_plugin_names()
    for name in config.disabled_plugins:
        if name not in installed:
            suggestion = did_you_mean(name, installed)
            raise UsageError(f"{config.source}: [plugins] disable names '{name}', but no installed "
                             "plugin has that name"
                             + (f"; did you mean '{suggestion}'?" if suggestion else
                                f"; installed plugins: {', '.join(installed) or 'none'}"))
    return config.disabled_plugins


def _without_disabled(parsed: list[ParsedRuleSet], config: Config) -> list[ParsedRuleSet]:
    known = [item.node.id for item in parsed]
    for ruleset_id in config.disabled_rulesets:
        if ruleset_id not in known:
            suggestion = did_you_mean(ruleset_id, known)
            raise UsageError(f"{config.source}: [rulesets] disable names '{ruleset_id}', but no "
                             "loaded rule set has that id"
                             + (f"; did you mean '{suggestion}'?" if suggestion else ""))
    off = set(config.disabled_rulesets)
    return [item for item in parsed if item.node.id not in off]


def _check_overrides(parsed: Sequence[ParsedRuleSet], overrides: Mapping[str, Any], source: str) -> None:
    """Each override on its own, so that a mistake names where it was written."""
    try:
        resolve_settings(parsed, overrides)
    except UsageError as exc:
        raise UsageError(f"{source}: {exc}") from None


def _same_setting(one: str, other: str) -> bool:
    return one.rpartition(".")[2] == other.rpartition(".")[2]


def _origin(ruleset_id: str, name: str, config: Config, overrides: Mapping[str, Any]) -> str:
    keys = (name, f"{ruleset_id}.{name}")
    if any(key in overrides for key in keys):
        return FROM_COMMAND_LINE
    if any(key in config.settings for key in keys) and not any(
            _same_setting(key, other) for key in keys for other in overrides):
        return config.source or "the settings file"
    return FROM_DEFAULT


def _severity(engine: Engine, config: Config) -> dict[str, str]:
    rules = {rule.id.lower(): rule for rule in engine.all_rules()}
    origins: dict[str, str] = {}
    for rule_id, severity in config.severity.items():
        rule = rules.get(rule_id.lower())
        if rule is None:
            suggestion = did_you_mean(rule_id, [r.id for r in rules.values()])
            raise UsageError(f"{config.source}: [severity] names the rule '{rule_id}', but no loaded "
                             "rule has that id" + (f"; did you mean '{suggestion}'?" if suggestion else ""))
        rule.node = replace(rule.node, severity=severity)
        origins[rule.id] = config.source or ""
    return origins


__all__ = ["Config", "EffectiveSetting", "Loaded", "find_config", "load_config", "load_engine",
           "parse_overrides"]
