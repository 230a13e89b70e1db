"""The `auditrules` command line: a thin layer over the Python API.

Exit codes: 0 clean; 1 findings at or above the fail level (or a rule example that misbehaves);
2 a usage, input or rule-set error, with the message on stderr.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Literal, TypeVar

import click

from ._gc import for_the_command_line, kept_for_the_run
from .errors import AuditrulesError, PluginError, UsageError, did_you_mean
from .levels import CI_FORMATS as FORMATS
from .levels import FAIL_LEVELS, SEVERITIES

if TYPE_CHECKING:
    from .config import Config, Loaded
    from .engine import Engine
    from .models import Waiver
    from .reporters import Reporter

# Only what building the command line needs is imported here; each command imports the rest
# when it runs, so that `auditrules --version` or `--help` starts quickly.

T = TypeVar("T")

CONFIG_NAME = "auditrules.toml"


class AuditGroup(click.Group):
    """Turns every error a user can cause into one plain message and exit code 2. Plugins' commands
    are added when a command the group does not have is asked for, or the list of commands is
    shown (`--help`), not before: a built-in command, or `--version`, starts without loading them."""

    plugin_commands = False
    """Whether plugins' commands are to be added when needed (the `auditrules` entry point)."""
    _added = False

    def add_plugin_commands(self) -> None:
        if not self.plugin_commands or self._added:
            return
        self._added = True
        from .plugins import get_host

        try:
            get_host().add_commands(self)
        except PluginError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(2)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        found = super().get_command(ctx, cmd_name)
        if found is None:
            self.add_plugin_commands()
            found = super().get_command(ctx, cmd_name)
        return found

    def list_commands(self, ctx: click.Context) -> list[str]:
        self.add_plugin_commands()
        return super().list_commands(ctx)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except AuditrulesError as exc:
            click.echo(_error_text(exc), err=True)
            ctx.exit(2)


def _error_text(exc: AuditrulesError) -> str:
    text = str(exc)
    return text if "\n" in text else f"error: {text}"


def _show_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    from ._version import __version__

    click.echo(f"auditrules, version {__version__}")
    ctx.exit()


@click.group(cls=AuditGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=_show_version,
              help="Show the version and exit.")
def cli() -> None:
    """Check completed case-audit pro formas against rule sets, and say where each falls short."""


# ---- shared options ----------------------------------------------------------------------------

def _rules_options(func: Any) -> Any:
    func = click.option("--no-default-rules", is_flag=True,
                        help="Load only the rule sets given with --rules, not the bundled "
                             "and plugin ones.")(func)
    func = click.option("--rules", "-r", "rules", multiple=True,
                        type=click.Path(path_type=Path),
                        help="A rule-set file or folder to add (repeatable).")(func)
    return func


def _settings_options(func: Any) -> Any:
    func = click.option("--set", "overrides", multiple=True, metavar="NAME=VALUE",
                        help="Override a rule-set setting, e.g. --set icpc_limit='10 working "
                             "days' (repeatable; NAME or RULESET.NAME).")(func)
    func = click.option("--config", "config_path", type=click.Path(path_type=Path),
                        help=f"A settings file (TOML). Default: the nearest {CONFIG_NAME}, or "
                             "pyproject.toml with [tool.auditrules], from here upwards.")(func)
    return func


def _load_config(config_path: Path | None, model_path: Path | None = None) -> Config:
    """The --config file, or the nearest auditrules.toml (or pyproject.toml with
    [tool.auditrules]) from the current folder upwards; the text checks then score with the
    model it names, or the one given with --model."""
    from .config import load_config
    config = load_config(config_path)
    chosen = model_path or config.model
    if chosen is not None:
        from . import scoring

        scoring.use(chosen)
    elif (scoring_module := sys.modules.get("auditrules.scoring")) is not None:
        scoring_module.use(None)  # a model an earlier command in this process chose is not kept
    return config


_mapping_option = click.option(
    "--mapping", "-m", "mapping_path", type=click.Path(path_type=Path, dir_okay=False),
    help="How a spreadsheet's headers map to form fields (TOML; see 'auditrules map').")


_model_option = click.option(
    "--model", "model_path", type=click.Path(path_type=Path, dir_okay=False),
    help="Score judgements, plan targets, recommendations and analyses with this model (written by "
         "'auditrules learn') instead of the bundled one; default: the settings file's model.")


def _loaded(rules: Sequence[Path], no_default_rules: bool, config: Config,
            overrides: Sequence[str] = (), as_of: dt.date | None = None,
            tracking: bool = False) -> Loaded:
    """Rule sets loaded under a configuration, with where each setting's value came from."""
    from .config import load_engine, parse_overrides
    with kept_for_the_run():
        return load_engine(config, rules, defaults=not no_default_rules,
                           overrides=parse_overrides(overrides), tracking=tracking, as_of=as_of)


def _engine(rules: Sequence[Path], no_default_rules: bool, config: Config | None = None,
            overrides: Sequence[str] = (), as_of: dt.date | None = None,
            tracking: bool = False) -> Engine:
    from .config import Config
    from .engine import Engine
    if config is None and not overrides:
        # The rule sets as written, as validate, test and explain want: every bundled one.
        with kept_for_the_run():
            return Engine.load(rules, defaults=not no_default_rules, tracking=True)
    return _loaded(rules, no_default_rules, config or Config(), overrides, as_of,
                   tracking).engine


def _as_of(written: str | None, option: str = "--as-of") -> dt.date | None:
    """A date option's date (None when not given); a wrong date is a usage error."""
    from .functions.dates import parse_as_of
    if written is None:
        return None
    try:
        return parse_as_of(written)
    except ValueError as exc:
        raise UsageError(f"{option}: {exc}") from None


def _read_waivers(engine: Engine, path: Path | None) -> list[Waiver] | None:
    """The waivers in `path` checked against the loaded rules, or None without a file."""
    from .waivers import read_waivers
    return read_waivers(path, [r.id for r in engine.all_rules()]) if path is not None else None


_waivers_option = click.option(
    "--waivers", "waivers_path", type=click.Path(path_type=Path, dir_okay=False),
    help="Findings agreed to stand (TOML, CSV or .xlsx: form, rule, reason, approver, expires); "
         "they are listed apart and not counted.")


_redact_option = click.option(
    "--redact", is_flag=True,
    help="Replace personal details in the report (auditor, practitioner and other people's names, "
         "dates of birth) with placeholders such as [PERSON 1] and [DOB].")


def _redacted(redact: bool, item: T) -> T:
    """`item` with personal details replaced when --redact was given (see redact.py)."""
    if not redact:
        return item
    from .redact import redact_all

    redacted: T = redact_all(item)[0]
    return redacted


def _as_of_option(default_text: str) -> Any:
    return click.option("--as-of", "as_of_text", metavar="DATE",
                        help="The date to track recommendations as of: YYYY-MM-DD, DD/MM/YYYY or "
                             f"'today'. {default_text}")


def _echo_settings(loaded: Loaded, ruleset_id: str) -> None:
    """A rule set's settings as they will be used, and where each value came from."""
    for setting in loaded.settings:
        if setting.ruleset == ruleset_id:
            click.echo(f"  setting {setting.name} = {_setting_text(setting.value)}  "
                       f"({setting.origin})")


def _setting_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value)
    return str(value)


def _reporter(name: str) -> Reporter:
    from .plugins import get_host
    reporters = get_host().reporters
    if name not in reporters:
        raise UsageError(f"unknown format '{name}'; choose one of: {', '.join(sorted(reporters))}")
    return reporters[name]


@contextmanager
def _output(path: Path | None, binary: bool, inputs: Sequence[Path] = ()) -> Iterator[IO[Any]]:
    """Standard output, or a file written whole: a crash leaves the old file, never half."""
    if path is None:
        yield sys.stdout.buffer if binary else sys.stdout
        return
    resolved = path.resolve()
    if any(resolved == Path(p).resolve() for p in inputs):
        raise UsageError(f"{path}: is one of the input files; choose another output file")
    if path.exists() and not path.is_file() and not path.is_dir():
        # A device or a pipe (/dev/null, /dev/stdout, a named pipe) is written to as it is:
        # moving a finished file into its place would put a plain file where the device was.
        with (path.open("wb") if binary else path.open("w", encoding="utf-8", newline="\n")) as device:
            yield device
        return
    if not resolved.parent.is_dir():
        raise UsageError(f"{path}: the folder {path.parent} does not exist")
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", dir=resolved.parent)
    try:
        stream: IO[Any] = (os.fdopen(handle, "wb") if binary
                           else os.fdopen(handle, "w", encoding="utf-8", newline="\n"))
        with stream:
            yield stream
        os.replace(temp_name, resolved)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


@contextmanager
def _progress(files: Sequence[Path]) -> Iterator[Any]:
    """A progress line on standard error when it is a terminal; nothing otherwise."""
    if not sys.stderr.isatty():
        yield None
        return
    with click.progressbar(length=_rows_estimate(files), label="checking", file=sys.stderr,
                           show_pos=True) as bar:
        seen = [0]

        def advance(done: int) -> None:
            bar.update(done - seen[0])
            seen[0] = done

        yield advance


def _rows_estimate(files: Sequence[Path]) -> int:
    """Roughly how many forms the files hold (one per data row of a return), for the bar."""
    total = 0
    for path in files:
        try:
            if path.suffix.lower() == ".csv":
                with path.open("rb") as handle:
                    total += max(sum(1 for _ in handle) - 1, 0)
            elif path.suffix.lower() in (".xlsx", ".xlsm"):
                import python_calamine

                from .readers.archive import check_archive

                check_archive(path, "xlsx")  # never hand calamine a bomb, even for an estimate
                book = python_calamine.CalamineWorkbook.from_path(str(path))
                total += max(book.get_sheet_by_index(0).height - 1, 0)
            else:
                total += 1
        except Exception:  # only an estimate: the real reading reports any problem
            total += 1
    return max(total, 1)


class _Jobs(click.ParamType):
    """A number of worker processes (1 or more), or "auto"."""

    name = "N|auto"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int | str:
        if isinstance(value, str) and value.strip().lower() == "auto":
            return "auto"
        try:
            number = int(value)
        except (TypeError, ValueError):
            number = 0
        if number < 1:
            self.fail(f"{value!r} is neither a number of processes (1 or more) nor 'auto'", param, ctx)
        return number


_JOBS = _Jobs()


# ---- commands ----------------------------------------------------------------------------------

@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@_rules_options
@click.option("--format", "-f", "format_name", default="text", show_default=True,
              help="Report format: text, json, csv, xlsx, html, sarif, or one a plugin adds.")
@click.option("--output", "-o", type=click.Path(path_type=Path, dir_okay=False),
              help="Write the report to this file instead of the screen.")
@click.option("--fail-on", type=click.Choice(FAIL_LEVELS), default=None,
              help="Exit 1 when there is a finding at this severity or worse (default: error).")
@_settings_options
@click.option("--mapping", "-m", "mapping_path", type=click.Path(path_type=Path, dir_okay=False),
              help="How a spreadsheet return's headers map to form fields (TOML; see 'auditrules map').")
@click.option("--jobs", "-j", type=_JOBS, default="auto", show_default=True,
              help="Check in this many worker processes, or 'auto': on Linux, one per processor core "
                   "(up to 8) once a return has more than 200 forms, none for fewer. The report is the same.")
@click.option("--annotate", "annotate_path", type=click.Path(path_type=Path, dir_okay=False),
              help="Also write a copy of the (.xlsx) return with each flagged cell highlighted and "
                   "its findings as comments.")
@click.option("--color/--no-color", default=None, help="Colour the text report.")
@_as_of_option("Also loads the recommendation tracking rules (core.tracking); without it, they "
               "are left out and other rules read today's date.")
@_waivers_option
@_redact_option
@_model_option
def check(files: tuple[Path, ...], rules: tuple[Path, ...], no_default_rules: bool,
          format_name: str, output: Path | None, fail_on: str | None, overrides: tuple[str, ...],
          config_path: Path | None, mapping_path: Path | None, jobs: int | Literal["auto"],
          annotate_path: Path | None,
          color: bool | None, as_of_text: str | None, waivers_path: Path | None,
          redact: bool, model_path: Path | None) -> None:
    """Check completed pro formas (JSON, YAML, or a spreadsheet return in Excel or CSV)."""
    from .waivers import apply_waivers
    as_of = _as_of(as_of_text)
    config = _load_config(config_path, model_path)
    fail_level = fail_on or config.fail_on or "error"
    if fail_level not in FAIL_LEVELS:
        raise UsageError(f"fail_on must be one of {', '.join(FAIL_LEVELS)}")
    reporter = _reporter(format_name)
    if annotate_path is not None and (len(files) != 1 or files[0].suffix.lower() not in (".xlsx", ".xlsm")):
        raise UsageError("--annotate needs exactly one Excel (.xlsx) return to copy")
    if annotate_path is not None and output is not None and annotate_path.resolve() == output.resolve():
        raise UsageError(f"{annotate_path}: the annotated copy and the report need different files")
    engine = _engine(rules, no_default_rules, config, overrides, as_of, tracking=as_of is not None)
    mapping = engine.load_mapping(mapping_path) if mapping_path is not None else None
    waivers_path = waivers_path or config.waivers
    waivers = _read_waivers(engine, waivers_path)
    with _progress(files) as progress:
        result = engine.check(files, mapping=mapping, jobs=jobs, progress=progress)
    if waivers is not None:
        result = apply_waivers(result, waivers, as_of=as_of)
    # Before any report is written, so every report (and the annotated copy) gets it.
    result = _redacted(redact, result)
    to_screen = output is None
    use_color = color if color is not None else (to_screen and sys.stdout.isatty())
    inputs = (*files, *((waivers_path,) if waivers_path is not None else ()))
    with _output(output, reporter.binary, inputs) as stream:
        reporter.write(result, stream, color=bool(use_color))
    if annotate_path is not None:
        from .reporters.annotate import annotate_workbook

        cells = annotate_workbook(files[0], result, annotate_path, engine.limits)
        click.echo(f"annotated {cells} cells in {annotate_path}", err=True)
    if result.errors and not (to_screen and format_name == "text"):
        for error in result.errors:
            click.echo(f"error: {error.location.model_copy(update={'path': ''}).describe()}: "
                       f"{error.message}", err=True)
    sys.exit(result.exit_code(fail_level))


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@_as_of_option("Default: today.")
@click.option("--format", "-f", "format_name", type=click.Choice(["text", "xlsx", "html"]),
              default="text", show_default=True, help="text (to the screen), xlsx or html.")
@click.option("--output", "-o", type=click.Path(path_type=Path, dir_okay=False),
              help="Write the tracker to this file instead of the screen.")
@click.option("--mapping", "-m", "mapping_path", type=click.Path(path_type=Path, dir_okay=False),
              help="How a spreadsheet return's headers map to form fields (TOML; see 'auditrules map').")
@click.option("--fail-on", type=click.Choice(FAIL_LEVELS), default="never", show_default=True,
              help="Exit 1 when a recommendation has a finding at this severity or worse.")
@_rules_options
@_settings_options
@_redact_option
def track(files: tuple[Path, ...], as_of_text: str | None, format_name: str,
          output: Path | None, mapping_path: Path | None, fail_on: str, rules: tuple[Path, ...],
          no_default_rules: bool, overrides: tuple[str, ...], config_path: Path | None,
          redact: bool) -> None:
    """List every recommendation by owner as of a date: due, status, completion, days overdue
    and the findings against it, with totals per owner."""
    from .reporters.tracker import write as write_tracker
    from .tracking import track as track_recommendations

    as_of = _as_of(as_of_text) or dt.date.today()
    if format_name == "xlsx" and output is None:
        raise UsageError("--format xlsx needs --output FILE.xlsx")
    engine = _engine(rules, no_default_rules, _load_config(config_path), overrides, as_of,
                     tracking=True)
    mapping = engine.load_mapping(mapping_path) if mapping_path is not None else None
    tracker = _redacted(redact, track_recommendations(engine, files, mapping=mapping))
    with _output(output, format_name == "xlsx", files) as stream:
        write_tracker(tracker, format_name, stream)
    if output is not None or format_name != "text":
        for error in tracker.errors:
            click.echo(f"error: {error.location.model_copy(update={'path': ''}).describe()}: "
                       f"{error.message}", err=True)
    sys.exit(tracker.exit_code(fail_on))


@cli.command()
@click.argument("old", type=click.Path(path_type=Path))
@click.argument("new", type=click.Path(path_type=Path))
@_rules_options
@click.option("--format", "-f", "format_name", type=click.Choice(["text", "json", "xlsx", "html"]),
              default="text", show_default=True, help="Report format.")
@click.option("--output", "-o", type=click.Path(path_type=Path, dir_okay=False),
              help="Write the report to this file instead of the screen.")
@_settings_options
@click.option("--mapping", "-m", "mapping_path", type=click.Path(path_type=Path, dir_okay=False),
              help="How both returns' headers map to form fields (TOML; see 'auditrules map').")
@click.option("--old-mapping", "old_mapping_path", type=click.Path(path_type=Path, dir_okay=False),
              help="The old return's mapping, when it differs from the new one's.")
@click.option("--new-mapping", "new_mapping_path", type=click.Path(path_type=Path, dir_okay=False),
              help="The new return's mapping, when it differs from the old one's.")
@click.option("--fail-on-new", type=click.Choice(SEVERITIES), default=None,
              help="Exit 1 when a finding at this severity or worse is new in NEW (for CI).")
@_redact_option
def compare(old: Path, new: Path, rules: tuple[Path, ...], no_default_rules: bool, format_name: str,
            output: Path | None, overrides: tuple[str, ...], config_path: Path | None,
            mapping_path: Path | None, old_mapping_path: Path | None, new_mapping_path: Path | None,
            fail_on_new: str | None, redact: bool) -> None:
    """Compare a re-audit (NEW) with the audit before it (OLD): which findings were resolved,
    which persist and which are new, per form and per rule. OLD and NEW are each a form file, a
    return or a folder; forms are matched by audit id."""
    from .compare import compare as compare_audits
    from .reporters.comparison import BINARY, write

    engine = _engine(rules, no_default_rules, _load_config(config_path), overrides)
    old_mapping = old_mapping_path or mapping_path
    new_mapping = new_mapping_path or mapping_path
    comparison = compare_audits(
        engine, [old], [new],
        old_mapping=engine.load_mapping(old_mapping) if old_mapping is not None else None,
        new_mapping=engine.load_mapping(new_mapping) if new_mapping is not None else None)
    comparison = _redacted(redact, comparison)
    inputs = [old, new, *(m for m in (old_mapping, new_mapping) if m is not None)]
    with _output(output, format_name in BINARY, inputs) as stream:
        write(comparison, format_name, stream)
    if comparison.errors and not (output is None and format_name == "text"):
        for side, error in comparison.errors:
            click.echo(f"error: {error.location.model_copy(update={'path': ''}).describe()} "
                       f"({side} audit): {error.message}", err=True)
    sys.exit(comparison.exit_code(fail_on_new))


@cli.command()
@_rules_options
@click.option("--format", "-f", "format_name", type=click.Choice(["text", "json"]),
              default="text", show_default=True)
@_settings_options
def rules(rules: tuple[Path, ...], no_default_rules: bool, format_name: str,
          overrides: tuple[str, ...], config_path: Path | None) -> None:
    """List the loaded rule sets, their settings (and where each value came from) and their
    rules, with where each is written."""
    loaded = _loaded(rules, no_default_rules, _load_config(config_path), overrides, tracking=True)
    engine = loaded.engine
    if format_name == "json":
        data = [{
            "id": rs.info.id, "version": rs.info.version, "title": rs.info.title,
            "source": rs.info.source, "sha256": rs.info.sha256, "plugin": rs.info.plugin,
            "settings": [{"name": s.name, "value": _setting_text(s.value), "from": s.origin}
                         for s in loaded.settings if s.ruleset == rs.info.id],
            "rules": [{"id": r.id, "title": r.node.title, "severity": r.severity,
                       "tags": list(r.tags), "source": f"{r.source}:{r.line}"}
                      for r in rs.rules],
        } for rs in engine.rulesets]
        click.echo(json.dumps(data, indent=2))
        return
    for ruleset in engine.rulesets:
        origin = f", from {ruleset.info.plugin}" if ruleset.info.plugin else ""
        click.echo(f"{ruleset.info.id} {ruleset.info.version}: {ruleset.info.title} "
                   f"({ruleset.info.source}{origin})")
        for rule in ruleset.rules:
            tags = f"  [{', '.join(rule.tags)}]" if rule.tags else ""
            changed = (f"  (severity from {loaded.severity_origins[rule.id]})"
                       if rule.id in loaded.severity_origins else "")
            click.echo(f"  {rule.id:<12} {rule.severity:<8} {rule.node.title}{tags}  "
                       f"{rule.source}:{rule.line}{changed}")
        _echo_settings(loaded, ruleset.info.id)
    total = sum(len(r.rules) for r in engine.rulesets)
    click.echo(f"{len(engine.rulesets)} rule sets, {total} rules.")


@cli.command(name="docs")
@click.option("--output", "-o", "output", required=True, type=click.Path(path_type=Path, file_okay=False),
              help="The folder to write the pages into (made if missing; only its catalogue pages are "
                   "rewritten).")
@_rules_options
@_settings_options
def docs_command(output: Path, rules: tuple[Path, ...], no_default_rules: bool, overrides: tuple[str, ...],
                 config_path: Path | None) -> None:
    """Write the rule catalogue as Markdown pages: one per loaded rule set and one per rule (what
    it checks, severity, tags, settings, message, hint, reference and examples), for the bundled
    rules and every installed plugin's, ready to publish."""
    from .catalogue import write_catalogue

    if output.exists() and not output.is_dir():
        raise UsageError(f"{output}: not a folder")
    loaded = _loaded(rules, no_default_rules, _load_config(config_path), overrides, tracking=True)
    written = write_catalogue(loaded, output, _setting_text)
    click.echo(f"wrote {output / 'index.md'}: {written.rulesets} rule sets, {written.rules} rules "
               f"(a page each).")


@cli.command()
@click.argument("rule_id")
@_rules_options
@_model_option
def explain(rule_id: str, rules: tuple[Path, ...], no_default_rules: bool, model_path: Path | None) -> None:
    """Show one rule: what it checks, its message and hint, its reference and examples, and for a
    rule that reads a statement's quality, which model scores it."""
    _load_config(None, model_path)  # only for the model it names
    engine = _engine(rules, no_default_rules)
    rule = engine.find_rule(rule_id)
    if rule is None:
        suggestion = did_you_mean(rule_id, [r.id for r in engine.all_rules()])
        raise UsageError(f"no loaded rule has the id '{rule_id}'"
                         + (f"; did you mean '{suggestion}'?" if suggestion else ""))
    node = rule.node
    text = rule.compiler.source_text
    click.echo(f"{node.id}: {node.title}")
    click.echo(f"  rule set:  {rule.ruleset.info.id} {rule.ruleset.info.version} "
               f"({rule.source}:{rule.line})")
    click.echo(f"  severity:  {node.severity}")
    from .catalogue import rule_parts, scored_kind

    for label, value in rule_parts(rule):
        click.echo(f"  {label + ':':<10} {value}")
    kind = scored_kind(rule)
    if kind is not None:
        from . import scoring
        from .scoring.labels import PART_OF

        scorer = scoring.current()
        part = scorer.kind(PART_OF[kind]) if scorer is not None else None
        if scorer is not None and part is not None:
            who = ("the model decides" if part.use == "model"
                   else "the cue lists decide and the model explains")
            click.echo(f"  {'model:':<10} each {kind} is scored by {scorer.summary}; {who}")
    for index, example in enumerate(node.examples, start=1):
        click.echo(f"  {example.describe(index)}:")
        for line in text[example.span.start:example.span.end].splitlines():
            click.echo(f"      {line.strip()}")


def _ci_report_options(func: Any) -> Any:
    func = click.option("--output", "-o", type=click.Path(path_type=Path, dir_okay=False),
                        help="Write the report to this file instead of the screen.")(func)
    func = click.option("--format", "-f", "format_name", type=click.Choice(FORMATS), default="text",
                        show_default=True,
                        help="text; json; junit (XML); sarif (2.1.0); github (workflow commands).")(func)
    return func


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--no-default-rules", is_flag=True,
              help="Check only PATHS, not alongside the bundled and plugin rule sets.")
@click.option("--strict", is_flag=True,
              help="Also warn of unused term lists and settings, rules with no hint or reference, "
                   "placeholders that name nothing, rules that never fire and examples that test "
                   "nothing; any warning exits 2.")
@_ci_report_options
def validate(paths: tuple[Path, ...], no_default_rules: bool, strict: bool, format_name: str,
             output: Path | None) -> None:
    """Check rule sets for mistakes without running them (all loaded ones when no PATH)."""
    from .validation import validate as validate_rulesets

    result = validate_rulesets(paths, defaults=not no_default_rules, strict=strict)
    with _output(output, False) as stream:
        _write_validation(result, format_name, stream, to_screen=output is None)
    sys.exit(2 if result.problems else 0)


def _write_validation(result: Any, format_name: str, stream: IO[str], to_screen: bool) -> None:
    from .ci_formats import github_line, sarif, validation_json, validation_junit
    from .validation import descriptor

    if format_name == "json":
        stream.write(validation_json(result.files, result.problems))
    elif format_name == "junit":
        stream.write(validation_junit(result.files, result.problems))
    elif format_name == "sarif":
        stream.write(sarif([(p, descriptor(p.kind)) for p in result.problems], "validate"))
    elif format_name == "github":
        for problem in result.problems:
            stream.write(github_line(problem) + "\n")
    if format_name != "text":
        return
    if not result.problems:
        count = len(result.files)
        stream.write(f"{count} rule set{'s' if count != 1 else ''}, {result.rules} rules: "
                     "no problems found.\n")
        return
    # Problems go to standard error, as any rule-set error does, unless a file was asked for.
    text = "\n".join(p.detail for p in result.problems)
    errors, warnings = len(result.errors), len(result.warnings)
    counts = [f"{errors} problem{'s' if errors != 1 else ''} in rule sets"] if errors else []
    if warnings:
        counts.append(f"{warnings} strict warning{'s' if warnings != 1 else ''}")
    summary = ", ".join(counts)
    if to_screen:
        click.echo(f"{text}\n{summary}", err=True)
    else:
        stream.write(f"{text}\n{summary}\n")


@cli.command(name="test")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--no-default-rules", is_flag=True,
              help="Load only PATHS, not the bundled and plugin rule sets beside them.")
@click.option("--verbose", "-v", is_flag=True, help="List every example, not only failures.")
@_ci_report_options
@click.option("--coverage", is_flag=True,
              help="Show which rules have a passing and a failing example that both behave as declared.")
@click.option("--threshold", type=click.FloatRange(0, 100), default=None, metavar="PERCENT",
              help="With --coverage: exit 1 when fewer rules than this are covered.")
def test_command(paths: tuple[Path, ...], no_default_rules: bool, verbose: bool, format_name: str,
                 output: Path | None, coverage: bool, threshold: float | None) -> None:
    """Run the examples written in rule sets (all loaded ones when no PATH)."""
    from .testing import coverage as rule_coverage
    from .testing import run_examples, select_rules

    engine = _engine(paths, no_default_rules)
    rules = select_rules(engine, paths)
    results = list(run_examples(engine, rules))
    failed = [r for r in results if not r.ok]
    covered = rule_coverage(rules, results) if coverage or threshold is not None else None
    with _output(output, False) as stream:
        _write_examples(results, covered, format_name, verbose, stream)
    below = False
    if covered is not None:
        # Beside a machine-readable report on the screen, coverage goes to standard error.
        to_stderr = format_name != "text" and output is None
        lines, below = _coverage_lines(covered, threshold)
        for line in lines:
            click.echo(line, err=to_stderr)
    sys.exit(1 if failed or below else 0)


def _write_examples(results: Sequence[Any], covered: Sequence[Any] | None, format_name: str,
                    verbose: bool, stream: IO[str]) -> None:
    from .ci_formats import (
        example_problem,
        examples_json,
        examples_junit,
        github_line,
        rule_descriptor,
        sarif,
    )

    failed = [r for r in results if not r.ok]
    if format_name == "json":
        stream.write(examples_json(results, covered))
    elif format_name == "junit":
        stream.write(examples_junit(results))
    elif format_name == "sarif":
        stream.write(sarif([(example_problem(r), rule_descriptor(r)) for r in failed], "test"))
    elif format_name == "github":
        for result in failed:
            stream.write(github_line(example_problem(result)) + "\n")
    if format_name != "text":
        return
    for result in results:
        if not result.ok:
            stream.write(f"{result.where}: FAIL {result.label}: {result.detail}\n")
        elif verbose:
            stream.write(f"{result.where}: ok   {result.label}: {result.detail}\n")
    rules_tested = len({r.rule.id for r in results})
    stream.write(f"{len(results)} examples of {rules_tested} rules: "
                 f"{len(results) - len(failed)} behaved as declared, {len(failed)} did not.\n")


def _coverage_lines(covered: Sequence[Any], threshold: float | None) -> tuple[list[str], bool]:
    """Covered/total per rule set, the rules not covered, the total; and whether it is too low."""
    lines: list[str] = []
    by_ruleset: dict[str, list[Any]] = {}
    for item in covered:
        by_ruleset.setdefault(item.rule.ruleset.info.id, []).append(item)
    for ruleset_id, items in by_ruleset.items():
        done = sum(1 for item in items if item.covered)
        lines.append(f"{ruleset_id}: {done}/{len(items)} rules covered")
        for item in items:
            if not item.covered:
                lines.append(f"  {item.rule.id} ({item.rule.source}:{item.rule.line}): "
                             f"needs {item.missing}")
    total = len(covered)
    done = sum(1 for item in covered if item.covered)
    percent = 100.0 if total == 0 else 100.0 * done / total
    summary = f"coverage: {done}/{total} rules covered ({percent:.1f}%)"
    below = threshold is not None and percent < threshold
    if threshold is not None:
        summary += f", {'below' if below else 'at or above'} the threshold of {threshold:g}%"
    lines.append(summary + ".")
    return lines, below


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--check", is_flag=True,
              help="Change nothing: print a diff of what would change and exit 1 if anything would.")
def fmt(paths: tuple[Path, ...], check: bool) -> None:
    """Lay out rule-set files one canonical way, keeping comments and meaning."""
    from .dsl.formatter import format_checked
    from .dsl.parser import Source, SyntaxProblem
    from .loader import _display, discover

    changed, unreadable, total = 0, 0, 0
    for file in discover(paths):
        total += 1
        name = _display(file.path)
        try:
            text = file.path.read_text(encoding="utf-8")
            formatted = format_checked(Source(name, text))
        except UnicodeDecodeError:
            click.echo(f"error: {name}: the file is not UTF-8 text", err=True)
            unreadable += 1
            continue
        except OSError as exc:
            click.echo(f"error: {name}: cannot read the file: {exc}", err=True)
            unreadable += 1
            continue
        except SyntaxProblem as exc:
            click.echo(exc.diagnostic.format(), err=True)
            unreadable += 1
            continue
        except RecursionError:
            click.echo(f"error: {name}: the rule set is nested too deeply to lay out", err=True)
            unreadable += 1
            continue
        if formatted == text:
            continue
        changed += 1
        if check:
            click.echo("".join(_unified_diff(text, formatted, name)), nl=False)
        else:
            with _output(file.path, False) as stream:
                stream.write(formatted)
            click.echo(f"reformatted {name}")
    verb = "would be reformatted" if check else "reformatted"
    click.echo(f"{total} rule-set file{'s' if total != 1 else ''}: {changed} {verb}, "
               f"{total - changed - unreadable} already formatted"
               + (f", {unreadable} could not be read" if unreadable else "") + ".", err=check and changed > 0)
    sys.exit(2 if unreadable else 1 if check and changed else 0)


def _unified_diff(before: str, after: str, name: str) -> Iterator[str]:
    import difflib

    for line in difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                     fromfile=name, tofile=f"{name} (formatted)"):
        yield line if line.endswith("\n") else line + "\n"


@cli.command()
@click.option("--format", "-f", "format_name", type=click.Choice(["text", "json"]),
              default="text", show_default=True)
def plugins(format_name: str) -> None:
    """List the plugins in use: name, version and what each adds."""
    from .plugins import get_host

    root = click.get_current_context().find_root().command
    if isinstance(root, AuditGroup):
        root.add_plugin_commands()  # so that the commands each plugin adds are listed too
    infos = get_host().plugins()
    if format_name == "json":
        click.echo(json.dumps([{"name": p.name, "version": p.version,
                                "distribution": p.distribution, "builtin": p.builtin,
                                "adds": p.adds} for p in infos], indent=2))
        return
    for info in infos:
        kind = "built in" if info.builtin else f"{info.distribution} {info.version}"
        adds = "; ".join(f"{what}: {', '.join(names)}" for what, names in info.adds.items())
        click.echo(f"{info.name} ({kind}){': ' + adds if adds else ''}")


@cli.command()
@click.argument("name", required=False)
@click.option("--format", "-f", "format_name", type=click.Choice(["text", "json"]),
              default="text", show_default=True)
def functions(name: str | None, format_name: str) -> None:
    """List the functions rules can call, or describe one in full."""
    from .plugins import get_host
    specs = get_host().functions
    if name is not None and name not in specs:
        suggestion = did_you_mean(name, specs)
        raise UsageError(f"no function named '{name}'"
                         + (f"; did you mean '{suggestion}'?" if suggestion else ""))
    chosen = [specs[name]] if name else [specs[key] for key in sorted(specs)]
    if format_name == "json":
        click.echo(json.dumps([{"name": spec.name, "signature": spec.signature(),
                                "plugin": spec.plugin or "auditrules", "description": spec.doc}
                               for spec in chosen], indent=2))
        return
    for spec in chosen:
        source = "built in" if not spec.plugin or spec.plugin.startswith("auditrules.") else spec.plugin
        if name:
            click.echo(f"{spec.signature()}  ({source})\n\n{spec.doc}")
        else:
            click.echo(f"{spec.signature()}  ({source})\n    {spec.summary}")


@cli.command(name="map")
@click.argument("return_file", metavar="FILE", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--sheet", help="The main sheet (default: 'Audits', or the first sheet).")
@click.option("--layout", type=click.Choice(["return", "form"]), default=None,
              help="For a workbook: one row per audit (return) or one form laid out by labels (form); "
                   "by default, decided from its first rows.")
@click.option("--output", "-o", type=click.Path(path_type=Path, dir_okay=False),
              help="Where to write the mapping (default: FILE.mapping.toml beside the file).")
@click.option("--force", is_flag=True, help="Replace the mapping file if it exists.")
@click.option("--check", "check_mapping", type=click.Path(path_type=Path, dir_okay=False),
              metavar="MAPPING", help="Write nothing: read FILE with this mapping and say which fields "
                                      "come out empty and which of its labels are not on the form.")
def map_command(return_file: Path, sheet: str | None, layout: str | None, output: Path | None,
                force: bool, check_mapping: Path | None) -> None:
    """Propose a mapping of a return's headers, or of a one-form pro forma's labels (Word, or a
    form-layout workbook), to form fields, for you to check and edit. Only labels are written
    or printed, never what a form's answers say."""
    from .plugins import get_host
    from .readers.mapping import render_mapping
    from .readers.propose import describe_choices, looks_like_return, propose
    from .readers.tables import XlsxWorkbook, open_workbook

    if not return_file.exists():
        raise UsageError(f"{return_file}: no such file")
    suffix = return_file.suffix.lower()
    if suffix not in (".xlsx", ".xlsm", ".csv", ".docx"):
        raise UsageError(f"{return_file}: 'map' reads Excel (.xlsx) or CSV returns and Word (.docx) or "
                         "Excel pro formas")
    from .schema import FormSchema

    engine_schema = FormSchema(get_host().form_blocks)  # the fields only: no rule set is needed here
    if check_mapping is not None:
        _map_check(engine_schema, return_file, check_mapping)
        return
    target = output or return_file.with_suffix(".mapping.toml")
    if target.exists() and not force:
        raise UsageError(f"{target}: already exists; use --force to replace it, or --output")
    if suffix == ".docx":
        _map_form(return_file, None, None, target, engine_schema)
        return
    book = open_workbook(return_file)
    if sheet is not None and book.find_sheet(sheet) is None:
        raise UsageError(f"{return_file}: no sheet '{sheet}'; the sheets are: {', '.join(book.sheet_names)}")
    chosen = book.find_sheet(sheet) if sheet else None
    if isinstance(book, XlsxWorkbook) and layout != "return" and (
            layout == "form" or not looks_like_return(book, chosen or book.find_sheet("Audits")
                                                      or book.sheet_names[0])):
        _map_form(return_file, book, chosen, target, engine_schema)
        return
    proposal = propose(book, engine_schema.field_paths(), engine_schema.list_fields(), chosen)
    questions = [c for c in proposal.choices if c.also]
    text = render_mapping(proposal.sheet, proposal.id_header, proposal.fields, proposal.lists,
                          proposal.unplaced, describe_choices(questions))
    with _output(target, False, (return_file,)) as stream:
        stream.write(text)
    placed = len(proposal.fields) + sum(len(s.fields) for s in proposal.lists.values())
    click.echo(f"wrote {target}: the audit id is '{proposal.id_header or '(not found)'}', "
               f"{placed} columns placed on {1 + sum(1 for s in proposal.lists.values() if s.sheet)} "
               f"sheet(s).")
    _echo_proposal(describe_choices(proposal.choices), describe_choices(questions), proposal.unplaced,
                   "headers")
    click.echo(f"Check it, then: auditrules check {return_file} --mapping {target}")


def _echo_proposal(placed: list[str], questions: list[str], unplaced: list[str], what: str) -> None:
    """What `map` placed (with how sure it is), what to confirm, and what it could not place."""
    click.echo("Placed (field, label, how sure from 0 to 1):")
    for line in placed:
        click.echo(f"  {line}")
    if questions:
        click.echo(f"{len(questions)} to confirm:")
        for line in questions:
            click.echo(f"  {line}")
    if unplaced:
        click.echo(f"{len(unplaced)} {what} not placed (map them by hand, or leave them out):")
        for label in unplaced:
            click.echo(f"  {label}")


def _map_check(schema: Any, path: Path, mapping_path: Path) -> None:
    """Read a file with a mapping: fields that come out empty, and labels not found on it."""
    from .readers import ReadOptions
    from .readers.check_mapping import check_mapping
    from .readers.mapping import load_mapping

    mapping = load_mapping(mapping_path, schema.field_paths(), schema.list_fields())
    report = check_mapping(path, mapping, ReadOptions(mapping=mapping, schema=schema))
    click.echo(f"{path} read with {mapping_path}: {report.read} fields read"
               + (f", {len(report.items)} lists with {sum(report.items.values())} items"
                  if report.items else ""))
    if report.empty:
        click.echo(f"{len(report.empty)} fields come out empty (their label is there, its answer is blank):")
        for line in report.empty:
            click.echo(f"  {line}")
    if report.missing:
        click.echo(f"{len(report.missing)} labels of the mapping are not on the form:")
        for line in report.missing:
            click.echo(f"  {line}")
    if not report.empty and not report.missing:
        click.echo("Every label of the mapping was found, and every field has an answer.")
    sys.exit(1 if report.missing else 0)


@cli.command()
@click.argument("form_file", metavar="FORM", type=click.Path(path_type=Path))
@click.option("--form", "form_id", metavar="ID",
              help="The audit id of the form to review, when FORM holds several.")
@click.option("--output", "-o", type=click.Path(path_type=Path, dir_okay=False),
              help="Where to write the page (default: FORM.review.html beside FORM, or "
                   "FORM.ID.review.html with --form).")
@_rules_options
@_settings_options
@_mapping_option
@_waivers_option
@_redact_option
@_model_option
def review(form_file: Path, form_id: str | None, output: Path | None, rules: tuple[Path, ...],
           no_default_rules: bool, overrides: tuple[str, ...], config_path: Path | None,
           mapping_path: Path | None, waivers_path: Path | None, redact: bool,
           model_path: Path | None) -> None:
    """Write one web page for the lead manager reviewing a write-up: each finding beside the
    words it concerns, the strengths worth recognising, and a proposed QA outcome."""
    from .reporters.review_page import render_review
    from .review import build_review, check_form, choose_form, default_output
    from .waivers import apply_waivers

    config = _load_config(config_path, model_path)
    engine = _engine(rules, no_default_rules, config, overrides)
    mapping = engine.load_mapping(mapping_path) if mapping_path is not None else None
    waivers_path = waivers_path or config.waivers
    waivers = _read_waivers(engine, waivers_path)
    form, context = choose_form(engine, [form_file], form_id, mapping)
    result = check_form(engine, (form, context))
    if waivers is not None:
        result = apply_waivers(result, waivers)
    if redact:  # the write-up itself is on the page: its text is redacted with the findings
        from .redact import redact_all

        form, result = redact_all(form, result)
    target = output or default_output(form_file, form_id)
    inputs = [form_file, *(p for p in (mapping_path, config_path, waivers_path, model_path) if p is not None),
              *(p for p in rules if p.is_file())]
    from .catalogue import scored_kind

    scored = {rule.id: kind for rule in engine.all_rules() if (kind := scored_kind(rule)) is not None}
    page = build_review(form, context, result, scored)
    with _output(target, False, inputs) as stream:
        stream.write(render_review(page))
    counts = result.counts()
    found = len(result.findings)
    click.echo(f"wrote {target}: {found} finding{'s' if found != 1 else ''} on audit {page.form_id} "
               f"({', '.join(f'{n} {s}' + ('s' if n != 1 else '') for s, n in counts.items())}); "
               + (f"{len(result.waived)} waived; " if result.waived else "")
               + "proposed outcome: "
               f"{page.proposal.outcome}.")
    for error in result.errors:
        click.echo(f"error: {error.location.model_copy(update={'path': ''}).describe()}: "
                   f"{error.message}", err=True)
    sys.exit(2 if result.errors else 0)


def _form_sheet_layout(book: Any, sheet: str | None, path: Path, schema: Any) -> tuple[str, Any]:
    """The sheet a form-layout workbook's form is on (the one named, else the sheet whose labels
    place the most fields: an instructions sheet first in the book is passed over)."""
    from .readers.form_sheet import sheet_layout
    from .readers.propose import FORM_ROWS, propose_form

    if sheet is not None:
        return sheet, [sheet_layout(book, sheet, str(path), FORM_ROWS)]
    best: tuple[int, str, Any] | None = None
    for name in book.sheet_names:
        layout = [sheet_layout(book, name, str(path), FORM_ROWS)]
        placed = propose_form(layout, schema.field_paths(), schema.list_fields()).placed
        if best is None or placed > best[0]:
            best = (placed, name, layout)
    assert best is not None
    return best[1], best[2]


def _map_form(path: Path, book: Any, sheet: str | None, target: Path, schema: Any) -> None:
    """Propose a form mapping for a Word pro forma or a form-layout workbook and write it."""
    from .readers.form_mapping import render_form_mapping
    from .readers.labels import Layout
    from .readers.propose import describe_choices, propose_form
    from .readers.word import document_layout, open_document

    layout: Layout
    if book is None:
        layout = document_layout(open_document(path), str(path))
    else:
        sheet, layout = _form_sheet_layout(book, sheet, path, schema)
    proposal = propose_form(layout, schema.field_paths(), schema.list_fields())
    questions = describe_choices(proposal.questions)
    text = render_form_mapping(proposal.labels, proposal.lists, proposal.unplaced,
                               sheet if book is not None and sheet != book.sheet_names[0] else None,
                               questions, proposal.tables)
    with _output(target, False, (path,)) as stream:
        stream.write(text)
    click.echo(f"wrote {target}: a one-form pro forma; {len(proposal.labels)} labels placed, "
               f"and {len(proposal.lists)} lists by their header rows.")
    placed = describe_choices([c for c in proposal.choices if c.label]) + [
        f"{spec.path:34} table: " + ", ".join(f"{k} = '{v}'" for k, v in spec.fields.items())
        + (f" (under '{spec.heading}')" if spec.heading else "") for spec in proposal.lists.values()]
    _echo_proposal(placed, questions, proposal.unplaced, "labels")
    if proposal.unlisted:
        click.echo(f"{proposal.unlisted} other texts stand where a label would but name no field of the "
                   "form; they are not listed, in case they are answers")
    if proposal.tables:
        click.echo(f"{len(proposal.tables)} tables are none of the form's lists (their questions are listed "
                   "above if not placed):")
        for table in proposal.tables:
            click.echo(f"  {table}")
    click.echo(f"Check it, then: auditrules check {path} --mapping {target}")


@cli.command()
@click.argument("cases", type=click.Path(path_type=Path))
@click.option("--mapping", "-m", "mapping_path", type=click.Path(path_type=Path, dir_okay=False),
              help="Which headers are which columns, and a council's own words for areas of work "
                   "(TOML: [columns], [areas]).")
@click.option("--per-area", type=click.IntRange(min=0),
              help="Cases from each area of work.  [default: 2, when neither --areas nor --total]")
@click.option("--areas", "areas_text", metavar="AREA: N, ...",
              help="Cases from each area of work named, e.g. 'child_protection: 6, looked_after: 4'.")
@click.option("--total", type=click.IntRange(min=0),
              help="Cases in all, shared among the areas of work in proportion to their size.")
@click.option("--contacts", type=click.IntRange(min=0), default=0, show_default=True,
              help="Initial contacts from partner agencies to include.")
@click.option("--add", "themes", multiple=True, metavar="THEME: N",
              help="Add N more cases that have this theme, e.g. 'domestic_abuse: 4' (repeatable).")
@click.option("--not-audited-since", "since_text", metavar="DATE",
              help="Leave out cases audited on or after this date.")
@click.option("--seed", type=click.IntRange(min=0),
              help="The seed a draw printed, to draw the same sample again.  [default: a new one]")
@click.option("--output", "-o", type=click.Path(path_type=Path, dir_okay=False),
              help="Write the selection to this file (.xlsx or .csv), with why each case was chosen.")
def sample(cases: Path, mapping_path: Path | None, per_area: int | None, areas_text: str | None,
           total: int | None, contacts: int, themes: tuple[str, ...], since_text: str | None,
           seed: int | None, output: Path | None) -> None:
    """Choose the cases for an audit of practice day: a random sample across every area of work,
    with initial contacts, cases added for a theme, and cases audited lately left out."""
    import random

    from .practice.cases import load_case_mapping, read_cases
    from .practice.sample import Plan, draw, frame_lines, parse_counts, parse_theme
    from .practice.selection import write_selection

    if output is not None and output.suffix.lower() not in (".xlsx", ".csv"):
        raise UsageError(f"{output}: the selection is written as .xlsx or .csv")
    since = _as_of(since_text, "--not-audited-since")
    if seed is None:
        seed = random.SystemRandom().randrange(1, 1_000_000)
    plan = Plan(per_area=per_area, counts=parse_counts(areas_text) if areas_text else None,
                total=total, contacts=contacts, themes=tuple(parse_theme(t) for t in themes),
                not_audited_since=since, seed=seed)
    mapping = load_case_mapping(mapping_path) if mapping_path is not None else None
    listed = read_cases(cases, mapping)
    drawn = draw(listed.cases, plan)
    click.echo(f"{cases}: {len(listed.cases)} cases"
               + (f" ({len(listed.problems)} rows left out, listed below)" if listed.problems else ""))
    for line in frame_lines(drawn):
        click.echo(line)
    for shortfall in drawn.shortfalls:
        click.echo(f"warning: {shortfall}", err=True)
    if output is not None:
        with _output(output, True, (cases, *((mapping_path,) if mapping_path else ()))) as stream:
            write_selection(drawn, listed.headers, stream, output.suffix.lower())
        click.echo(f"wrote {len(drawn.chosen)} cases to {output}")
    else:
        for item in drawn.chosen:
            case = item.case
            who = ", ".join(part for part in (case.team, case.worker) if part)
            click.echo(f"{item.number:3}. {case.case_id}" + (f" ({who})" if who else "") + f": {item.why}")
    click.echo(f"seed {seed}: give --seed {seed} with the same case list and options to draw "
               "the same sample again")
    for problem in listed.problems:
        click.echo(f"error: {problem.location.describe()}: {problem.message}", err=True)
    sys.exit(2 if listed.problems else 0)


@cli.command(name="assign")
@click.argument("selection", type=click.Path(path_type=Path))
@click.argument("auditors", type=click.Path(path_type=Path))
@click.option("--mapping", "-m", "mapping_path", type=click.Path(path_type=Path, dir_okay=False),
              help="For a selection in a council's own headers: as for 'auditrules sample'.")
@click.option("--seed", type=click.IntRange(min=0),
              help="Shuffle the auditors before pairing them (the same seed, the same pairs).  "
                   "[default: in order of name]")
@click.option("--output", "-o", type=click.Path(path_type=Path, dir_okay=False),
              help="Write the pairs and their cases to this file (.xlsx or .csv).")
def assign_command(selection: Path, auditors: Path, mapping_path: Path | None, seed: int | None,
                   output: Path | None) -> None:
    """Pair the auditors for a practice day and give each pair its cases: each pair mixing
    experience, nobody on a case from their own team, the cases shared evenly."""
    from .practice.assign import assign, read_auditors
    from .practice.cases import load_case_mapping, read_cases
    from .practice.selection import write_assignment

    if output is not None and output.suffix.lower() not in (".xlsx", ".csv"):
        raise UsageError(f"{output}: the pairs are written as .xlsx or .csv")
    mapping = load_case_mapping(mapping_path) if mapping_path is not None else None
    cases = read_cases(selection, mapping)
    people = read_auditors(auditors)
    result = assign(cases.cases, people.auditors, seed)
    for pair in result.pairs:
        members = "; ".join(f"{a.name} ({a.experience}{', ' + a.team if a.team else ''})"
                            for a in pair.auditors)
        count = len(pair.cases)
        click.echo(f"pair {pair.number}: {members}: {count} case{'' if count == 1 else 's'}")
        for case in pair.cases:
            click.echo(f"    {case.case_id}" + (f" ({case.team})" if case.team else ""))
    for note in result.gave_way:
        click.echo(f"warning: {note}", err=True)
    if output is not None:
        inputs = (selection, auditors, *((mapping_path,) if mapping_path else ()))
        with _output(output, True, inputs) as stream:
            write_assignment(result, stream, output.suffix.lower())
        click.echo(f"wrote {len(result.pairs)} pairs and {len(cases.cases)} cases to {output}")
    problems = [*cases.problems, *people.problems]
    for problem in problems:
        click.echo(f"error: {problem.location.describe()}: {problem.message}", err=True)
    sys.exit(2 if problems else 0)


@cli.command()
@click.argument("forms", nargs=-1, type=click.Path(path_type=Path))
@click.option("--output", "-o", "folder", required=True,
              type=click.Path(path_type=Path, file_okay=False),
              help="The folder to write the letters (Word documents) to.")
@click.option("--mapping", "-m", "mapping_path", type=click.Path(path_type=Path, dir_okay=False),
              help="How a spreadsheet return's headers or a Word pro forma map to form fields.")
@click.option("--overdue-as-of", "as_of_text", metavar="DATE",
              help="Also write a chaser letter to each owner of recommendations overdue as of DATE.")
@click.option("--signed-by", default="The quality assurance team", show_default=True,
              help="Who signs the letters.")
@click.option("--recognition-template", type=click.Path(path_type=Path, dir_okay=False),
              help="A council's own recognition letter (.docx with placeholders).")
@click.option("--chaser-template", type=click.Path(path_type=Path, dir_okay=False),
              help="A council's own chaser letter (.docx with placeholders).")
@click.option("--write-templates", is_flag=True,
              help="Write the bundled templates to the folder, to change, and stop.")
def letters(forms: tuple[Path, ...], folder: Path, mapping_path: Path | None, as_of_text: str | None,
            signed_by: str, recognition_template: Path | None, chaser_template: Path | None,
            write_templates: bool) -> None:
    """Write letters after a practice day: recognition of good work, one per practitioner, quoting
    the strengths found in their cases; and chasers for recommendations overdue, one per owner."""
    from .practice import letters as made

    if not folder.is_dir():
        raise UsageError(f"{folder}: no such folder")
    if write_templates:
        for path in made.write_templates(folder):
            click.echo(f"wrote {path}")
        return
    if not forms:
        raise UsageError("give the forms of the practice day (files of write-ups or a return)")
    as_of = _as_of(as_of_text, "--overdue-as-of")
    templates = {
        made.RECOGNITION: made.load_template(recognition_template, made.RECOGNITION)
        if recognition_template else made.default_template(made.RECOGNITION),
        made.CHASER: made.load_template(chaser_template, made.CHASER)
        if chaser_template else made.default_template(made.CHASER),
    }
    engine = _engine((), False, _load_config(None), (), as_of, tracking=as_of is not None)
    mapping = engine.load_mapping(mapping_path) if mapping_path is not None else None
    today = dt.date.today()
    reviewed, errors = made.review_strengths(engine, list(forms), mapping)
    written = made.recognition_letters(reviewed, signed_by, today)
    if as_of is not None:
        from .tracking import track as track_recommendations

        tracker = track_recommendations(engine, forms, mapping=mapping)
        written += made.chaser_letters(tracker, signed_by, today)
    inputs = [*forms, *(p for p in (mapping_path, recognition_template, chaser_template) if p)]
    for letter in written:
        target = folder / letter.file_name
        with _output(target, True, inputs) as stream:
            made.fill(templates[letter.kind], letter).save(stream)
        count, plural = len(letter.items), "" if len(letter.items) == 1 else "s"
        what = (f"{count} strength{plural}" if letter.kind == made.RECOGNITION
                else f"{count} recommendation{plural} overdue")
        click.echo(f"wrote {target}: {letter.kind} letter to {letter.to} ({what})")
    if not written:
        click.echo("no letters: no strengths were found" + (" and no recommendation is overdue"
                                                             if as_of is not None else ""))
    for error in errors:
        click.echo(f"error: {error.location.model_copy(update={'path': ''}).describe()}: "
                   f"{error.message}", err=True)
    sys.exit(2 if errors else 0)


@cli.command()
@click.argument("rounds", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "-f", "format_name", type=click.Choice(["text", "json", "html", "xlsx"]),
              default="text", show_default=True, help="Report format.")
@click.option("--output", "-o", type=click.Path(path_type=Path, dir_okay=False),
              help="Write the report to this file instead of the screen.")
@click.option("--mapping", "-m", "mapping_path", type=click.Path(path_type=Path, dir_okay=False),
              help="How the rounds' returns map to form fields (TOML; see 'auditrules map').")
@click.option("--min-cases", type=click.IntRange(min=1), default=10, show_default=True,
              help="Fewer cases than this in a round, and a change is reported as too few to tell.")
@_rules_options
def impact(rounds: tuple[Path, ...], format_name: str, output: Path | None, mapping_path: Path | None,
           min_cases: int, rules: tuple[Path, ...], no_default_rules: bool) -> None:
    """Show the impact of audits across rounds (each a return, a file of forms or a folder of
    them, oldest first): the share of cases falling short on each rule set and rule, the change
    with its 95% interval, and how the cases audited again changed."""
    from .practice import impact as measured

    if len(rounds) < 2:
        raise UsageError("give two rounds or more, oldest first")
    if format_name == "xlsx" and output is None:
        raise UsageError("--format xlsx needs --output FILE.xlsx")
    engine = _engine(rules, no_default_rules, _load_config(None))
    mapping = engine.load_mapping(mapping_path) if mapping_path is not None else None
    names: list[str] = []
    for path in rounds:
        name = path.stem if path.is_file() else path.name
        names.append(name if name not in names else f"{name} ({len(names) + 1})")
    read = [measured.read_round(engine, name, [path], mapping)
            for name, path in zip(names, rounds, strict=True)]
    found = measured.measure(engine, read, min_cases)
    inputs = [*rounds, *((mapping_path,) if mapping_path else ())]
    with _output(output, format_name == "xlsx", inputs) as stream:
        if format_name == "xlsx":
            measured.write_xlsx(found, stream)
        elif format_name == "json":
            stream.write(json.dumps(measured.as_dict(found), indent=2) + "\n")
        elif format_name == "html":
            stream.write(measured.render_html(found))
        else:
            stream.write(measured.render_text(found))
    errors = [error for r in read for error in r.errors]
    for error in errors:
        click.echo(f"error: {error.location.model_copy(update={'path': ''}).describe()}: "
                   f"{error.message}", err=True)
    sys.exit(2 if errors else 0)


@cli.command(name="day-report")
@click.argument("forms", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--output", "-o", type=click.Path(path_type=Path, dir_okay=False),
              help="Write the pack to this file: a page (.html) or a document (.docx). "
                   "Default: text on the screen.")
@click.option("--mapping", "-m", "mapping_path", type=click.Path(path_type=Path, dir_okay=False),
              help="How a return's headers or a Word pro forma map to form fields.")
@click.option("--threshold", type=click.IntRange(0, 100), default=30, show_default=True, metavar="PERCENT",
              help="A shortfall on more than this share of cases becomes a proposed recommendation.")
@click.option("--day", "day_text", metavar="DATE", help="The practice day's date.  [default: today]")
@_rules_options
def day_report(forms: tuple[Path, ...], output: Path | None, mapping_path: Path | None, threshold: int,
               day_text: str | None, rules: tuple[Path, ...], no_default_rules: bool) -> None:
    """Write the end-of-day pack for a practice day's sample: what fell short across the cases
    with a typical finding each, the judgements worth sharing, poor practice escalated, and the
    organisational recommendations the patterns suggest."""
    from .practice import day_report as pack

    if output is not None and output.suffix.lower() not in (".html", ".docx"):
        raise UsageError(f"{output}: the pack is written as a page (.html) or a document (.docx)")
    day = _as_of(day_text, "--day")
    engine = _engine(rules, no_default_rules, _load_config(None))
    mapping = engine.load_mapping(mapping_path) if mapping_path is not None else None
    report = pack.build(engine, list(forms), mapping, threshold / 100, day)
    inputs = [*forms, *((mapping_path,) if mapping_path else ())]
    suffix = output.suffix.lower() if output is not None else ""
    with _output(output, suffix == ".docx", inputs) as stream:
        if suffix == ".docx":
            pack.write_docx(report, stream)
        elif suffix == ".html":
            stream.write(pack.render_html(report))
        else:
            stream.write(pack.render_text(report))
    if output is not None:
        click.echo(f"wrote {output}: {len(report.forms)} cases, {len(report.shortfalls)} rules fell "
                   f"short, {len(report.proposals)} recommendations proposed")
    for error in report.errors:
        click.echo(f"error: {error.location.model_copy(update={'path': ''}).describe()}: "
                   f"{error.message}", err=True)
    sys.exit(2 if report.errors else 0)


@cli.command()
@click.argument("selection", type=click.Path(path_type=Path))
@click.option("--day", "day_text", required=True, metavar="DATE", help="The practice day's date.")
@click.option("--output", "-o", "folder", required=True, type=click.Path(path_type=Path, file_okay=False),
              help="The folder to write the forms and the workers' list to.")
@click.option("--template", "template", type=click.Path(path_type=Path, dir_okay=False),
              help="A council's own Word pro forma to fill, one per case (needs --mapping). "
                   "Default: one return, the canonical template with a row per case.")
@click.option("--mapping", "-m", "mapping_path", type=click.Path(path_type=Path, dir_okay=False),
              help="The pro forma's form mapping (the same 'check' reads it with).")
@click.option("--cases-mapping", "cases_mapping_path", type=click.Path(path_type=Path, dir_okay=False),
              help="For a selection in a council's own headers: as for 'auditrules sample'.")
def prepare(selection: Path, day_text: str, folder: Path, template: Path | None, mapping_path: Path | None,
            cases_mapping_path: Path | None) -> None:
    """Prepare a practice day: a pro forma per chosen case with what is known filled in (ids,
    team, worker, auditors, legal status, the audit period), and the list telling each worker
    which case is to be audited and when. SELECTION is what 'sample' or 'assign' wrote."""
    from .practice import prepare as made
    from .practice.cases import load_case_mapping, read_cases
    from .practice.selection import write_table
    from .readers.form_mapping import FormMapping
    from .template import write_template

    day = _as_of(day_text, "--day")
    assert day is not None  # the option is required
    if not folder.is_dir():
        raise UsageError(f"{folder}: no such folder")
    if template is not None and mapping_path is None:
        raise UsageError("--template needs --mapping: the form mapping says where each answer goes")
    cases = read_cases(selection, load_case_mapping(cases_mapping_path) if cases_mapping_path else None)
    prepared = made.known_values(cases.cases, day)
    inputs = [selection, *(p for p in (template, mapping_path, cases_mapping_path) if p)]
    if template is not None:
        assert mapping_path is not None
        made.check_template(template)
        engine = _engine((), False, _load_config(None))
        mapping = engine.load_mapping(mapping_path)
        if not isinstance(mapping, FormMapping):
            raise UsageError(f"{mapping_path}: maps a return; a Word pro forma needs a mapping with "
                             'layout = "form" (auditrules map proposes one)')
        options = engine.read_options(mapping)
        left: dict[str, int] = {}
        for item in prepared:
            target = folder / f"{item.audit_id}.docx"
            if any(target.resolve() == Path(p).resolve() for p in inputs):
                raise UsageError(f"{target}: is one of the input files; choose another folder")
            filled = made.fill_word(template, mapping, options, item, target)
            for reason in filled.left:
                left[reason] = left.get(reason, 0) + 1
        click.echo(f"wrote {len(prepared)} pro formas to {folder}")
        for reason, count in left.items():
            click.echo(f"note: not filled in on {count} form{'s' if count != 1 else ''}: {reason}", err=True)
    else:
        target = folder / "practice-day-return.xlsx"
        write_template(target, force=True, audits=[item.values for item in prepared])
        click.echo(f"wrote {target}: a return with a row for each of {len(prepared)} cases")
    workers = folder / "workers.xlsx"
    with _output(workers, True, inputs) as stream:
        write_table(stream, "Workers", made.WORKER_COLUMNS, made.worker_rows(prepared, day))
    click.echo(f"wrote {workers}: which case each worker's is, and when")
    for problem in cases.problems:
        click.echo(f"error: {problem.location.describe()}: {problem.message}", err=True)
    sys.exit(2 if cases.problems else 0)


@cli.group(name="labels")
def labels_group() -> None:
    """Labels for 'auditrules learn': statements marked good or poor by lead managers."""


@labels_group.command(name="export")
@click.argument("forms", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--output", "-o", required=True, type=click.Path(path_type=Path, dir_okay=False),
              help="The labels file to write (.xlsx or .csv).")
@_rules_options
@_settings_options
@_mapping_option
@_waivers_option
@_model_option
def labels_export(forms: tuple[Path, ...], output: Path, rules: tuple[Path, ...], no_default_rules: bool,
                  overrides: tuple[str, ...], config_path: Path | None, mapping_path: Path | None,
                  waivers_path: Path | None, model_path: Path | None) -> None:
    """Turn decisions already recorded into a labels file: waivers whose verdict is "finding
    wrong" (the statement is good), forms whose review was agreed (their statements are good) and
    returned (the statements the text checks flagged are poor)."""
    from .house_labels import export_labels
    from .scoring.labels import write_labels

    if output.suffix.lower() not in (".xlsx", ".csv"):
        raise UsageError(f"{output}: a labels file is .xlsx or .csv")
    config = _load_config(config_path, model_path)
    engine = _engine(rules, no_default_rules, config, overrides)
    mapping = engine.load_mapping(mapping_path) if mapping_path is not None else None
    waivers_path = waivers_path or config.waivers
    waivers = _read_waivers(engine, waivers_path) or []
    exported = export_labels(engine, forms, waivers, mapping)
    inputs = [*forms, *(p for p in (mapping_path, waivers_path) if p is not None)]
    with _output(output, True, inputs) as stream:
        write_labels(exported.labels, stream, output.suffix)
    good = sum(1 for label in exported.labels if not label.poor)
    click.echo(f"wrote {output}: {len(exported.labels)} labels ({good} good, {len(exported.labels) - good} "
               f"poor) from {exported.forms} forms: {exported.from_reviews} from reviews agreed or returned, "
               f"{exported.from_waivers} from waivers saying the finding was wrong")
    for error in exported.errors:
        click.echo(f"error: {error.location.model_copy(update={'path': ''}).describe()}: {error.message}",
                   err=True)
    sys.exit(2 if exported.errors else 0)


@labels_group.command(name="score")
@click.argument("labels", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
@_rules_options
@_settings_options
@_model_option
def labels_score(labels: tuple[Path, ...], rules: tuple[Path, ...], no_default_rules: bool,
                 overrides: tuple[str, ...], config_path: Path | None, model_path: Path | None) -> None:
    """How the checks do on labelled statements: each checked on a form of its own, and counted
    flagged when a judgement, plan-target, recommendation or analysis check raises an error or
    warning about it. Shows, per kind, the balanced accuracy, the poor statements caught and the
    good ones flagged, with the model in use (the bundled one, or --model)."""
    from .house_labels import flagged_by_check
    from .scoring import current
    from .scoring.labels import KINDS, figures, read_labels

    config = _load_config(config_path, model_path)
    engine = _engine(rules, no_default_rules, config, overrides)
    read = read_labels(labels, engine.limits)
    for problem in read.problems:
        click.echo(f"error: {problem.location.describe()}: {problem.message}", err=True)
    flagged = flagged_by_check(engine, read.labels)
    scorer = current()
    click.echo(f"scored by {scorer.summary if scorer is not None else 'the cue lists alone'}")
    click.echo(f"{'kind':<15} {'labels (good/poor)':<19} {'balanced accuracy':<18} {'poor caught':<12} "
               "good flagged")
    for kind in KINDS:
        rows = [(label.poor, hit) for label, hit in zip(read.labels, flagged, strict=True)
                if label.kind == kind]
        if not rows:
            continue
        poor = [p for p, _ in rows]
        f = figures(poor, [hit for _, hit in rows])
        counted = f"{len(rows)} ({len(rows) - sum(poor)}/{sum(poor)})"
        click.echo(f"{kind:<15} {counted:<19} {f['balanced_accuracy']:<18.2f} {f['recall']:<12.0%} "
                   f"{f['good_flagged']:.0%}")
    sys.exit(2 if read.problems else 0)


@cli.command()
@click.argument("labels", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
@click.option("--output", "-o", required=True, type=click.Path(path_type=Path, dir_okay=False),
              help="Where to write the model file (e.g. house.model).")
@click.option("--folds", type=click.IntRange(min=2, max=20), default=5, show_default=True,
              help="How many parts the labels are split into to measure the gain by cross-validation.")
@click.option("--seed", type=int, default=0, show_default=True,
              help="How the labels are shuffled into parts (the same seed, the same figures).")
@click.option("--force", is_flag=True, help="Replace OUTPUT if it already exists.")
def learn(labels: tuple[Path, ...], output: Path, folds: int, seed: int, force: bool) -> None:
    """Learn the council's house style from its lead managers' labels (CSV or XLSX: text, kind,
    label; see 'auditrules template --labels'): the scorer fitted to the bundled corpus and the
    labels, kept kind by kind only where cross-validation on the labels says it does better."""
    from .scoring import learning
    from .scoring.labels import KINDS, read_labels
    from .scoring.model import bundled

    if output.exists() and not force:
        raise UsageError(f"{output}: already exists; use --force to replace it")
    learning.sklearn_needed()
    read = read_labels(labels)
    for problem in read.problems:
        click.echo(f"error: {problem.location.describe()}: {problem.message}", err=True)
    counts = ", ".join(f"{len(read.of_kind(kind))} {kind}" for kind in KINDS)
    click.echo(f"read {len(read.labels)} labels ({counts})"
               + (f"; {len(read.problems)} rows left out (see above)" if read.problems else ""))
    base = bundled()
    if base is None:
        raise UsageError("this installation of auditrules is missing its bundled model "
                         "(auditrules/scoring/data/scorer.json); install auditrules again")
    if not any(learning.enough(read.of_kind(kind)) for kind in KINDS):
        raise UsageError(f"too few labels to learn from: a kind needs at least {learning.MIN_LABELS} "
                         f"labels, {learning.MIN_EACH} of them good and {learning.MIN_EACH} poor ({counts})")
    learned = learning.learn(read.labels, base, folds=folds, seed=seed)
    click.echo(f"{'kind':<15} {'labels (good/poor)':<19} {'before':<18} {'after':<18} outcome")
    for kind in learned.kinds:
        counted = f"{kind.labels} ({kind.good}/{kind.poor})"
        if kind.outcome == "too few":
            click.echo(f"{kind.kind:<15} {counted:<19} too few labels to say anything: a kind needs "
                       f"{learning.MIN_LABELS}, with {learning.MIN_EACH} good and {learning.MIN_EACH} poor")
            continue
        assert kind.before is not None and kind.after is not None
        before, after = (f"{f['balanced_accuracy']:.2f}, {f['good_flagged']:.0%}"
                         for f in (kind.before, kind.after))
        said = ("learned" if kind.outcome == "learned"
                else f"kept the bundled scorer: {learning.why_kept(kind)}")
        click.echo(f"{kind.kind:<15} {counted:<19} {before:<18} {after:<18} {said}")
    click.echo(f"(balanced accuracy, good statements flagged; before: the bundled scorer on these labels; "
               f"after: learned without the labels it is scored on, by cross-validation in {folds} parts)")
    if learned.model is None:
        click.echo("no model written: the bundled scorer does as well or better on these labels for "
                   "every kind", err=True)
        sys.exit(1)
    text = json.dumps(learned.model, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    with _output(output, True, labels) as stream:
        stream.write(text.encode("utf-8"))
    from .scoring.model import load

    written = load(output)
    click.echo(f"wrote {output}: {written.summary}")
    click.echo(f"score with it: model = \"{output.name}\" in auditrules.toml, or --model {output}")
    sys.exit(2 if read.problems else 0)


def main() -> None:
    """Entry point: the command line, with plugins' commands added when they are needed."""
    assert isinstance(cli, AuditGroup)
    for_the_command_line()
    cli.plugin_commands = True
    cli(prog_name="auditrules")
