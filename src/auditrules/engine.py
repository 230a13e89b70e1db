"""The engine: loads rule sets, reads forms, checks them, and yields findings. It never prints."""

from __future__ import annotations

import datetime as dt
import gc
import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from itertools import chain, islice
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from ._gc import Sparing
from .default_rulesets import tracking_ruleset
from .dsl.compiler import RuleRuntimeError
from .errors import InputError, UsageError
from .functions import forget_readings
from .levels import FAIL_LEVELS as FAIL_LEVELS
from .limits import DEFAULT_LIMITS, Limits
from .loader import RuleSetFile, discover, load
from .models import (
    AuditForm,
    AuditSummary,
    Finding,
    FormError,
    Location,
)
from .plugins import PluginHost, get_host
from .readers import RawForm, ReadOptions, ReadProblem
from .readers.form_mapping import FormMapping
from .readers.mapping import SheetMapping, load_mapping
from .results import CheckResult as CheckResult
from .results import finding_dict as finding_dict
from .results import location_dict as location_dict
from .rules import CompiledRule, CompiledRuleSet, FormContext, nearest_location
from .schema import FormInvalid, FormSchema
from .spool import Spool, from_values, values_of

if TYPE_CHECKING:
    from concurrent.futures import Future

ReadForm = tuple[AuditForm, FormContext]
"""A form already read by `Engine.read`, with where it came from."""
FormSource = str | Path | Mapping[str, Any] | AuditForm | RawForm | ReadForm


class Engine:
    """Compiled rule sets plus the form schema and readers they run with.

    >>> engine = Engine.load(["my.rules"])            # doctest: +SKIP
    >>> result = engine.check(["return.json"])        # doctest: +SKIP
    """

    def __init__(self, rulesets: Sequence[CompiledRuleSet], schema: FormSchema, host: PluginHost,
                 limits: Limits = DEFAULT_LIMITS):
        self.rulesets = list(rulesets)
        self.schema = schema
        self.host = host
        self.limits = limits
        """How big an input may be (`[limits]` in auditrules.toml)."""

    @classmethod
    def load(
        cls,
        rules: Iterable[str | Path] = (),
        *,
        defaults: bool = True,
        settings: Mapping[str, Any] | None = None,
        host: PluginHost | None = None,
        tracking: bool = False,
        as_of: dt.date | None = None,
    ) -> Engine:
        """Load the bundled and plugin rule sets (unless `defaults` is False) plus `rules`;
        with `tracking`, also the bundled recommendation tracking rule set. Rules read `as_of`
        as the given date, or today's when it is None.

        Raises RuleSetError (every problem, located) or UsageError.
        """
        host = host or get_host()
        schema = FormSchema(host.form_blocks)
        engine = cls(load(cls.files(rules, defaults=defaults, host=host, tracking=tracking),
                          schema, host.functions, settings), schema, host)
        engine.as_of = as_of
        return engine

    @staticmethod
    def files(rules: Iterable[str | Path] = (), *, defaults: bool = True,
              host: PluginHost | None = None, tracking: bool = False) -> list[RuleSetFile]:
        """The rule-set files a load would read, in order: core, plugins, then `rules`. The
        recommendation tracking rule set is among the core ones only with `tracking`."""
        host = host or get_host()
        files: list[RuleSetFile] = []
        if defaults:
            left_out = None if tracking else tracking_ruleset().resolve()
            for path, plugin in host.ruleset_paths:
                files.extend(file for file in discover([path], plugin=plugin)
                             if file.path.resolve() != left_out)
        files.extend(discover(rules))
        return files

    @property
    def as_of(self) -> dt.date | None:
        """The date rules read as `as_of`: None means today's date, whenever a form is checked."""
        dates = {ruleset.as_of.date for ruleset in self.rulesets}
        return dates.pop() if len(dates) == 1 else None

    @as_of.setter
    def as_of(self, date: dt.date | None) -> None:
        for ruleset in self.rulesets:
            ruleset.as_of.date = date

    # -- rules ------------------------------------------------------------------------------
    def all_rules(self) -> Iterator[CompiledRule]:
        for ruleset in self.rulesets:
            yield from ruleset.rules

    def find_rule(self, rule_id: str) -> CompiledRule | None:
        for rule in self.all_rules():
            if rule.id.lower() == rule_id.lower():
                return rule
        return None

    # -- reading ----------------------------------------------------------------------------
    def load_mapping(self, path: str | Path) -> SheetMapping | FormMapping:
        """Read a mapping file (a return's, or a one-form pro forma's), checked against this
        engine's form schema."""
        return load_mapping(Path(path), self.schema.field_paths(), self.schema.list_fields())

    def read_options(self, mapping: str | Path | SheetMapping | FormMapping | None = None) -> ReadOptions:
        if mapping is not None and not isinstance(mapping, SheetMapping | FormMapping):
            mapping = self.load_mapping(mapping)
        return ReadOptions(mapping=mapping, schema=self.schema, limits=self.limits)

    def read(self, sources: Iterable[FormSource], options: ReadOptions | None = None
             ) -> Iterator[tuple[AuditForm, FormContext] | FormError]:
        """Each source as checked forms (with where they came from), or errors for bad ones."""
        for item in self._raw(sources, options or self.read_options()):
            if isinstance(item, RawForm):
                yield from self._validate(item)
            else:
                yield item

    def _raw(self, sources: Iterable[FormSource], options: ReadOptions
             ) -> Iterator[RawForm | FormError | tuple[AuditForm, FormContext]]:
        """Each source as read, before it is checked against the schema."""
        if isinstance(sources, (str | Path | RawForm | AuditForm, Mapping)):
            sources = [sources]
        sources = list(sources)
        # With several files, one that cannot be read at all is reported and the rest are read.
        apart = len(sources) > 1
        for index, source in enumerate(sources):
            if isinstance(source, str | Path):
                yield from self._read_file(Path(source), options, apart)
            elif isinstance(source, RawForm):
                yield source
            elif isinstance(source, AuditForm):
                yield source, FormContext(source.audit.id, Location(form_index=index))
            elif isinstance(source, tuple):  # read already: keep where it came from
                yield source
            else:
                yield RawForm(source, Location(form_index=index))

    def reader_for(self, path: Path) -> Any:
        suffix = path.suffix.lower()
        for reader in self.host.readers.values():
            if suffix in reader.suffixes:
                return reader
        known = sorted(s for r in self.host.readers.values() for s in r.suffixes)
        raise UsageError(f"{path}: cannot read '{suffix or path.name}' files; "
                         f"known kinds: {', '.join(known)}")

    def _read_file(self, path: Path, options: ReadOptions, apart: bool = False
                   ) -> Iterator[RawForm | FormError]:
        """The forms of one file, or of every form file in a folder. `apart`: a file that cannot
        be read at all is reported as an error and the others are still read (always so inside
        a folder); otherwise InputError stops the check."""
        if not path.exists():
            raise UsageError(f"{path}: no such file")
        if path.is_dir():
            suffixes = {s for r in self.host.readers.values() for s in r.suffixes}
            inside = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in suffixes)
            if not inside:
                raise UsageError(f"{path}: the folder holds no form files ({', '.join(sorted(suffixes))})")
            for file in inside:
                yield from self._read_file(file, options, apart=True)
            return
        reader = self.reader_for(path)
        try:
            for item in reader.read(path, options):
                if isinstance(item, ReadProblem):
                    yield FormError(form=item.form, message=item.message, location=item.location)
                else:
                    yield item
        except InputError as exc:
            if not apart:
                raise
            message = str(exc)
            prefix = f"{path}: "
            yield FormError(form=None, message=message[len(prefix):] if message.startswith(prefix)
                            else message, location=Location(file=str(path)))
        except OSError as exc:
            error = InputError(f"{path}: cannot read the file: {exc.strerror or exc}")
            if not apart:
                raise error from exc
            yield FormError(form=None, message=f"cannot read the file: {exc.strerror or exc}",
                            location=Location(file=str(path)))

    def _validate(self, raw: RawForm) -> Iterator[tuple[AuditForm, FormContext] | FormError]:
        form_id = _raw_id(raw.data)
        try:
            form = self.schema.validate(raw.data)
        except FormInvalid as exc:
            for problem in exc.problems:
                where = _nearest_cell(raw, problem.path)
                yield FormError(form=form_id, message=f"{problem.path or 'form'}: {problem.message}",
                                location=where.model_copy(update={"path": problem.path}))
            return
        yield form, FormContext(form.audit.id, raw.location, raw.field_locations)

    # -- checking ---------------------------------------------------------------------------
    def check_form(self, form: AuditForm | Mapping[str, Any],
                   context: FormContext | None = None,
                   rules: Sequence[CompiledRule] | None = None) -> list[Finding]:
        """Findings for one form. Raises RuleRuntimeError if a function fails on it."""
        if not isinstance(form, AuditForm):
            form = self.schema.validate(dict(form))
        context = context or FormContext(form.audit.id, Location())
        data = form.model_dump(by_alias=True)
        findings: list[Finding] = []
        if rules is not None:
            for rule in rules:
                if rule.ruleset.applies_to(data):
                    findings.extend(rule.run(data, context))
            return findings
        for ruleset in self.rulesets:
            if not ruleset.applies_to(data):
                continue
            for rule in ruleset.rules:
                findings.extend(rule.run(data, context))
        return findings

    def iter_check(self, sources: Iterable[FormSource], *,
                   mapping: str | Path | SheetMapping | FormMapping | None = None, jobs: Jobs = 1,
                   progress: Callable[[int], None] | None = None
                   ) -> Iterator[Finding | FormError | AuditSummary]:
        """Stream the check: a summary of each form as it is checked, then its findings; or an
        error for a form that could not be read.

        `mapping` says how spreadsheet columns map to fields; `jobs` > 1 checks in that many
        worker processes, with the same output in the same order ("auto": one per processor
        core, up to AUTO_MOST, once the sources hold more than AUTO_FROM forms; see
        `auto_jobs`); `progress` is called with the number of forms done so far.
        """
        for result in self._results(sources, mapping, jobs, progress):
            yield from_values(Finding, result) if isinstance(result, tuple) else result

    def _results(self, sources: Iterable[FormSource],
                 mapping: str | Path | SheetMapping | FormMapping | None, jobs: Jobs,
                 progress: Callable[[int], None] | None
                 ) -> Iterator[Finding | tuple[Any, ...] | FormError | AuditSummary]:
        """What `iter_check` yields, but a finding checked in a worker process as the plain values
        it came back as (`spool.values_of`), which `check` spools without building the finding."""
        raw = self._raw(sources, self.read_options(mapping))
        if jobs == "auto":
            raw, jobs = _auto(raw)
        done = 0
        with Sparing(forget=forget_readings) as collector:
            for results in (self._check_parallel(raw, jobs) if jobs > 1 else map(self._check_item, raw)):
                for result in results:
                    if isinstance(result, AuditSummary):
                        done += 1
                        collector.tick()
                        if progress is not None and done % 50 == 0:
                            progress(done)
                    yield result
        if progress is not None:
            progress(done)

    def _check_item(self, item: RawForm | FormError | tuple[AuditForm, FormContext]
                    ) -> list[Finding | FormError | AuditSummary]:
        """Validate one form as read and run every rule set that applies to it."""
        if isinstance(item, FormError):
            return [item]
        out: list[Finding | FormError | AuditSummary] = []
        for checked in self._validate(item) if isinstance(item, RawForm) else [item]:
            if isinstance(checked, FormError):
                out.append(checked)
                continue
            form, context = checked
            out.append(AuditSummary.of(form, context.location))
            out.extend(self.run_rules(form, context))
        return out

    def run_rules(self, form: AuditForm, context: FormContext) -> list[Finding | FormError]:
        """Every rule set's rules on one form already read (see `read`): findings, and errors
        for rules that could not run, in rule order. For callers that walk the forms themselves
        (the recommendation tracker); `check` does this for every form it reads."""
        results: list[Finding | FormError] = []
        data = form.model_dump(by_alias=True)
        for ruleset in self.rulesets:
            try:
                if not ruleset.applies_to(data):
                    continue
            except RuleRuntimeError as exc:
                results.append(_runtime_error(context, f"rule set {ruleset.info.id}", exc))
                continue
            for rule in ruleset.rules:
                try:
                    results.extend(rule.run(data, context))
                except RuleRuntimeError as exc:
                    results.append(_runtime_error(context, f"rule {rule.id} ({rule.source}:"
                                                  f"{rule.line})", exc))
        return results

    def _check_parallel(self, raw: Iterator[Any], jobs: int, chunk: int = 64
                        ) -> Iterator[list[tuple[Any, ...] | FormError | AuditSummary]]:
        """Check chunks of forms in worker processes, yielding results in input order. Workers
        are forked from this process, so they share its compiled rule sets without reloading."""
        global _WORKER_ENGINE
        import multiprocessing  # the worker machinery is loaded only when workers are asked for
        from concurrent.futures import ProcessPoolExecutor

        context = multiprocessing.get_context("fork") if "fork" in \
            multiprocessing.get_all_start_methods() else None
        if context is None:  # no fork (not Linux): check here, in order
            yield from map(self._check_item, raw)
            return
        _WORKER_ENGINE = self
        pending: deque[Future[list[list[tuple[Any, ...] | FormError | AuditSummary]]]] = deque()
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
            for batch in _batches(raw, chunk):
                pending.append(pool.submit(_check_batch, batch))
                while len(pending) > jobs * 3:  # bounded: never hold the whole return in memory
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()

    def check(self, sources: Iterable[FormSource], *,
              mapping: str | Path | SheetMapping | FormMapping | None = None, jobs: Jobs = 1,
              progress: Callable[[int], None] | None = None) -> CheckResult:
        """Check every form in `sources` (files, mappings or AuditForm objects); see
        `iter_check` for `mapping`, `jobs` and `progress`."""
        # A return's findings and audits go to spools: the latest few kept in memory, the rest
        # in a temporary file, so memory stays flat however large the return.
        findings: Spool[Finding] = Spool(Finding)
        audits: Spool[AuditSummary] = Spool(AuditSummary)
        result = CheckResult(rulesets=[r.info for r in self.rulesets], findings=findings,
                             audits=audits)
        keep = _Keeper()
        for item in self._results(sources, mapping, jobs, progress):
            if isinstance(item, tuple):
                findings.append_values(item)
            elif isinstance(item, Finding):
                findings.append(keep(item))
            elif isinstance(item, FormError):
                result.errors.append(item)
            else:
                result.forms_checked += 1
                audits.append(item)
        result.model = _model_in_use()
        return result


def _model_in_use() -> dict[str, Any] | None:
    """The scorer the text checks used (see `auditrules.scoring`), as reports name it."""
    from . import scoring

    scorer = scoring.current()
    return scorer.info() if scorer is not None else None


class _Keeper:
    """Keeps findings checked in this process small while the spool holds them: texts that recur
    (hints, messages, reasons) are stored once, and every finding shares one record of which
    fields were set. (Findings from worker processes come as plain values and are spooled as they
    are: building each to share its texts took longer than the memory it saved.)"""

    _ALL_SET: ClassVar[set[str]] = set(Finding.model_fields)

    def __call__(self, finding: Finding) -> Finding:
        fields = finding.__dict__
        for name in ("message", "hint", "title", "reference", "evidence", "form", "rule", "ruleset"):
            value = fields.get(name)
            if isinstance(value, str):
                fields[name] = sys.intern(value)
        fields["reasons"] = tuple(sys.intern(reason) for reason in finding.reasons)
        if finding.model_fields_set == self._ALL_SET:
            object.__setattr__(finding, "__pydantic_fields_set__", self._ALL_SET)
        return finding


Jobs = int | Literal["auto"]
"""How many worker processes check forms: a number (1: none, forms are checked in this process),
or "auto"."""
AUTO_FROM = 200
"""With jobs="auto", forms read before workers are started: a return with no more than this many
is checked in this process, as forking workers and loading the scorer in each would take longer."""
AUTO_MOST = 8
"""With jobs="auto", at most this many workers: past that, reading the return and writing the
report in this process keep more from gaining, and each worker takes its own memory."""


def auto_jobs() -> int:
    """The workers jobs="auto" starts for a large return: one per processor core this process may
    run on, up to AUTO_MOST (1: none). Only on Linux, where workers are forked as Python itself
    forks them; elsewhere Python starts processes afresh, and "auto" checks in this process."""
    if not sys.platform.startswith("linux"):
        return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return max(1, min(cores, AUTO_MOST))


def _auto(raw: Iterator[Any]) -> tuple[Iterator[Any], int]:
    """The forms as read, with the workers to check them in: none until more than AUTO_FROM have
    been read (the first ones are kept and checked first, so the order is the same)."""
    first = list(islice(raw, AUTO_FROM + 1))
    if len(first) <= AUTO_FROM:
        return iter(first), 1
    return chain(first, raw), auto_jobs()


_WORKER_ENGINE: Engine | None = None
_WORKER_COLLECTOR = Sparing(forget=forget_readings)
"""Counts a worker's forms, for a full collection now and then while its collector is off (see
Sparing)."""


def _check_batch(batch: list[Any]) -> list[list[tuple[Any, ...] | FormError | AuditSummary]]:
    """Check a batch of forms in a worker process. Each finding goes back as its plain values:
    quicker to send than the finding, and the check spools them as they are."""
    assert _WORKER_ENGINE is not None, "worker started without an engine"
    gc.disable()  # a worker's whole life is checking: the collector is never switched back on
    checked = [[values_of(result) if isinstance(result, Finding) else result
                for result in _WORKER_ENGINE._check_item(item)] for item in batch]
    _WORKER_COLLECTOR.tick(len(batch))
    return checked


def _batches(items: Iterator[Any], size: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _runtime_error(context: FormContext, what: str, exc: RuleRuntimeError) -> FormError:
    return FormError(form=context.form_id, message=f"{what} could not be checked: {exc}",
                     location=context.location)


def _raw_id(data: Any) -> str | None:
    if isinstance(data, dict):
        audit = data.get("audit")
        if isinstance(audit, dict) and audit.get("id") is not None:
            return str(audit["id"])
    return None


def _nearest_cell(raw: RawForm, path: str) -> Location:
    return nearest_location(raw.field_locations, path) or raw.location


def check(
    forms: Iterable[FormSource] | str | Path | Mapping[str, Any] | AuditForm | RawForm,
    rulesets: Iterable[str | Path] = (),
    *,
    defaults: bool = True,
    settings: Mapping[str, Any] | None = None,
    mapping: str | Path | None = None,
    jobs: Jobs = 1,
    as_of: dt.date | None = None,
) -> CheckResult:
    """Check forms against the bundled and plugin rule sets plus `rulesets`.

    `forms` may be file paths, mappings in the canonical shape, or AuditForm objects. Given
    `as_of`, recommendations are also tracked as of that date (the `core.tracking` rule set),
    and every rule that reads `as_of` reads that date instead of today's.
    """
    if isinstance(forms, str | Path | Mapping | AuditForm | RawForm):
        forms = [forms]
    engine = Engine.load(rulesets, defaults=defaults, settings=settings,
                         tracking=as_of is not None, as_of=as_of)
    return engine.check(forms, mapping=mapping, jobs=jobs)
