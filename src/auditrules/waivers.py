"""Waivers: a lead manager's agreement that a finding on one form may stand, for a reason and
until a date.

A waivers file is TOML (one `[[waiver]]` table each) or a spreadsheet (CSV or `.xlsx`, one row
each) with the same names as headers:

    [[waiver]]
    form = "A-2025-051"          # the audit id
    rule = "GRADE-004"
    reason = "The council's 2024 pro forma asked for a number; agreed with the auditor."
    approver = "Head of Quality Assurance"
    expires = 2025-09-30         # the waiver holds to the end of this day
    field = "sections[1].grade"  # optional: only findings at (or inside) this field
    section = "planning"         # optional: only findings in this section
    verdict = "finding wrong"    # optional: the check was mistaken (default "may stand": the
                                 # finding is right but agreed); see `auditrules labels export`

A finding a live waiver covers is listed apart, with the waiver's reason, approver and expiry,
and does not count towards the exit code or the severity counts. An expired waiver waives
nothing and is itself a finding (WAIVER-001); a live waiver that covered nothing on a form that
was checked is reported (WAIVER-002) so that it gets cleared out.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import tomllib
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from .errors import InputError, UsageError, did_you_mean
from .models import Finding, Location, WaivedFinding, Waiver
from .patterns import compiled
from .results import CheckResult
from .results import waived_dict as waived_dict
from .spool import Spool

WAIVER_RULESET = "auditrules.waivers"
EXPIRED_RULE = "WAIVER-001"
UNUSED_RULE = "WAIVER-002"

FIELDS = ("form", "rule", "reason", "approver", "expires", "field", "section", "verdict")
VERDICTS = ("may stand", "finding wrong")
REQUIRED = ("form", "rule", "reason", "approver", "expires")
HEADER_NAMES = {
    "form": "form", "audit": "form", "audit id": "form", "form id": "form", "audit.id": "form",
    "rule": "rule", "rule id": "rule",
    "reason": "reason",
    "approver": "approver", "approved by": "approver",
    "expires": "expires", "expiry": "expires", "expiry date": "expires", "expires on": "expires",
    "field": "field", "section": "section", "verdict": "verdict",
}
"""Headers a spreadsheet of waivers may use, ignoring case and spacing."""

_UK_DATE = compiled(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*$")


class WaiverError(UsageError):
    """Mistakes in a waivers file, each with its line or row, all found in one pass."""

    def __init__(self, problems: Sequence[str]):
        self.problems = list(problems)
        count = len(self.problems)
        super().__init__("\n".join([*self.problems,
                                    f"{count} problem{'s' if count != 1 else ''} in the waivers file"]))


@dataclasses.dataclass
class _Entry:
    """One waiver as written, before it is checked."""

    values: dict[str, Any]
    where: Location
    places: dict[str, Location]
    """Where each value was written (its line, or its cell)."""

    def place(self, key: str) -> Location:
        return self.places.get(key, self.where)


def _shown(where: Location) -> str:
    return where.describe()


def read_waivers(path: str | Path, rule_ids: Iterable[str]) -> list[Waiver]:
    """The waivers in `path` (TOML, CSV or .xlsx), checked against the loaded rules' ids.

    Raises WaiverError listing every mistake with its line or row: a missing reason, approver or
    other required value, a rule no loaded rule set has (with the nearest id), a date that is not
    a date, an unknown key or header, a form of `*`, or the same waiver written twice.
    """
    path = Path(path)
    if not path.is_file():
        raise UsageError(f"{path}: no such waivers file")
    suffix = path.suffix.lower()
    if suffix == ".toml":
        entries, problems = _toml_entries(path)
    elif suffix in (".csv", ".xlsx", ".xlsm"):
        entries, problems = _table_entries(path)
    else:
        raise UsageError(f"{path}: a waivers file is TOML (.toml), CSV (.csv) or Excel (.xlsx)")
    known = {rule_id.casefold(): rule_id for rule_id in rule_ids}
    waivers: list[Waiver] = []
    seen: dict[tuple[str, str, str | None, str | None], Location] = {}
    for entry in entries:
        waiver = _checked(entry, known, problems)
        if waiver is None:
            continue
        key = (waiver.form.casefold(), waiver.rule, waiver.field, waiver.section)
        if key in seen:
            problems.append(f"{_shown(entry.where)}: the same waiver as {_shown(seen[key])} "
                            f"({waiver.rule} on {waiver.form}); keep one")
            continue
        seen[key] = entry.where
        waivers.append(waiver)
    if problems:
        raise WaiverError(problems)
    return waivers


def _checked(entry: _Entry, known: dict[str, str], problems: list[str]) -> Waiver | None:
    values: dict[str, Any] = {}
    before = len(problems)
    for key in REQUIRED:
        value = entry.values.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            why = {"reason": "say why the finding may stand",
                   "approver": "name who agreed to it",
                   "expires": "give the date it ends, such as 2025-09-30"}.get(key, "")
            problems.append(f"{_shown(entry.place(key))}: the waiver has no {key}"
                            + (f": {why}" if why else ""))
    for key in FIELDS:
        value = entry.values.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        where = _shown(entry.place(key))
        if key == "expires":
            date = _date(value)
            if date is None:
                problems.append(f"{where}: expires: {str(value)!r} is not a date "
                                "(write it as YYYY-MM-DD or DD/MM/YYYY)")
            values[key] = date
            continue
        if not isinstance(value, str | int):
            problems.append(f"{where}: {key}: {value!r} should be text")
            continue
        text = str(value).strip()
        if key == "form" and text == "*":
            problems.append(f"{where}: form: a waiver names one audit, not '*'; to change a rule "
                            "for every form, use auditrules.toml ([severity] or [rulesets] disable)")
        elif key == "rule":
            rule = known.get(text.casefold())
            if rule is None:
                suggestion = did_you_mean(text, known.values())
                problems.append(f"{where}: rule: no loaded rule has the id '{text}'"
                                + (f"; did you mean '{suggestion}'?" if suggestion else ""))
            text = rule or text
        elif key == "section":
            text = re.sub(r"[\s\-]+", "_", text.lower())
        elif key == "verdict":
            text = " ".join(text.lower().split())
            if text not in VERDICTS:
                problems.append(f"{where}: verdict: {str(value)!r} is neither \"may stand\" (the finding is "
                                "right but agreed) nor \"finding wrong\" (the check was mistaken)")
        values[key] = text
    if len(problems) > before:
        return None
    return Waiver(**values, where=entry.where)


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    match = _UK_DATE.match(value)
    try:
        if match:
            day, month, year = match.groups()
            return dt.date(int(year), int(month), int(day))
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        return None


# ---- TOML --------------------------------------------------------------------------------------

_TABLE_HEADER = compiled(r"^\s*\[\[\s*waiver\s*\]\]\s*(#.*)?$")
_KEY = compiled(r"^\s*([A-Za-z_][\w-]*|\"[^\"]*\")\s*=")


def _toml_entries(path: Path) -> tuple[list[_Entry], list[str]]:
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
        data = tomllib.loads(text)
    except UnicodeDecodeError:
        raise InputError(f"{name}: cannot be read as text (UTF-8)") from None
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"{name}: not a valid TOML waivers file: {exc}") from None
    except RecursionError:
        raise UsageError(f"{name}: not a valid TOML waivers file: lists or tables nest too "
                         "deeply") from None
    problems: list[str] = []
    for key in sorted(set(data) - {"waiver"}):
        suggestion = did_you_mean(key, ["waiver"])
        problems.append(f"{name}: unknown key '{key}'"
                        + (f"; did you mean '{suggestion}'?" if suggestion else "")
                        + " (write each waiver as a [[waiver]] table)")
    tables = data.get("waiver", [])
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        problems.append(f"{name}: 'waiver' must be [[waiver]] tables")
        return [], problems
    lines = text.splitlines()
    starts = [number for number, line in enumerate(lines, start=1) if _TABLE_HEADER.match(line)]
    entries: list[_Entry] = []
    for index, table in enumerate(tables):
        if index < len(starts):
            start = starts[index]
            end = starts[index + 1] if index + 1 < len(starts) else len(lines) + 1
            where = Location(file=name, row=start)
            places = {}
            for number in range(start + 1, end):
                match = _KEY.match(lines[number - 1])
                if match:
                    places[match.group(1).strip('"')] = Location(file=name, row=number)
        else:  # written inline (waiver = [{...}]): no line of its own to point at
            where, places = Location(file=name, path=f"waiver[{index}]"), {}
        for key in table:
            if key not in FIELDS:
                suggestion = did_you_mean(key, FIELDS)
                problems.append(f"{_shown(places.get(key, where))}: unknown key '{key}'"
                                + (f"; did you mean '{suggestion}'?" if suggestion else "")
                                + f" (known: {', '.join(FIELDS)})")
        entries.append(_Entry(dict(table), where, places))
    return entries, problems


# ---- CSV and Excel -----------------------------------------------------------------------------


def _table_entries(path: Path) -> tuple[list[_Entry], list[str]]:
    from .readers.tables import clean, column_letter, open_workbook

    book = open_workbook(path)
    sheet = book.find_sheet("Waivers") or (book.sheet_names[0] if book.sheet_names else None)
    if path.suffix.lower() == ".csv":
        sheet = path.stem
    if sheet is None:
        raise InputError(f"{path}: the workbook has no sheets")
    try:
        table = book.table(sheet)
    except OSError as exc:
        raise InputError(f"{path}: cannot read the file: {exc.strerror or exc}") from None
    name = str(path)
    problems: list[str] = []
    columns: dict[str, int] = {}
    for index, header in enumerate(table.headers):
        if not header:
            continue
        key = HEADER_NAMES.get(" ".join(header.split()).casefold())
        cell = Location(file=name, sheet=table.sheet, row=table.header_row,
                        cell=table.cell(table.header_row, index))
        if key is None:
            suggestion = did_you_mean(header.casefold(), HEADER_NAMES)
            problems.append(f"{_shown(cell)}: unknown column '{header}'"
                            + (f"; did you mean '{suggestion}'?" if suggestion else "")
                            + f" (known: {', '.join(FIELDS)})")
        elif key in columns:
            problems.append(f"{_shown(cell)}: a second '{key}' column (the first is "
                            f"{column_letter(columns[key])})")
        else:
            columns[key] = index
    missing = [key for key in REQUIRED if key not in columns]
    if missing:
        problems.append(f"{name}: no {', '.join(repr(m) for m in missing)} column"
                        f"{'s' if len(missing) > 1 else ''}; the headers are: "
                        f"{', '.join(h for h in table.headers if h) or '(none)'}")
        return [], problems
    entries: list[_Entry] = []
    for row_number, row in table.rows:
        values = {key: clean(row[index]) if index < len(row) else None
                  for key, index in columns.items()}
        if all(value is None for value in values.values()):
            continue
        places = {key: Location(file=name, sheet=table.sheet, row=row_number,
                                cell=table.cell(row_number, index)) for key, index in columns.items()}
        where = Location(file=name, sheet=table.sheet, row=row_number,
                         cell=table.cell(row_number, 0))
        entries.append(_Entry(values, where, places))
    return entries, problems


# ---- applying ----------------------------------------------------------------------------------


def apply_waivers(result: CheckResult, waivers: Sequence[Waiver], *,
                  as_of: dt.date | None = None) -> CheckResult:
    """`result` with the findings a live waiver covers moved to `waived`, a WAIVER-001 finding
    for each expired waiver and a WAIVER-002 finding for each live waiver that covered nothing
    on a form that was checked. `as_of` is the day the waivers are judged on (default today); a
    waiver is live to the end of its expiry date. `result` itself is left as it was."""
    today = as_of or dt.date.today()
    live = [w for w in waivers if w.expires >= today]
    used: set[int] = set()
    findings: Spool[Finding] = Spool(Finding)  # as many as the check's: kept as it keeps them
    waived: list[WaivedFinding] = []
    for finding in result.findings:
        for number, waiver in enumerate(live):
            if waiver.covers(finding):
                used.add(number)
                waived.append(WaivedFinding(finding=finding, waiver=waiver))
                break
        else:
            findings.append(finding)
    checked = {(audit.form or "").strip().casefold() for audit in result.audits}
    for waiver in waivers:
        if waiver.expires < today:
            findings.append(_expired(waiver, today))
    for number, waiver in enumerate(live):
        if number not in used and waiver.form.strip().casefold() in checked:
            findings.append(_unused(waiver))
    return dataclasses.replace(result, findings=findings, waived=waived)


def _what(waiver: Waiver) -> str:
    narrower = f" at {waiver.field}" if waiver.field else ""
    narrower += f" in the {waiver.section} section" if waiver.section else ""
    return f"{waiver.rule} on {waiver.form}{narrower}"


def _expired(waiver: Waiver, today: dt.date) -> Finding:
    return Finding(
        form=waiver.form, rule=EXPIRED_RULE, ruleset=WAIVER_RULESET, severity="warning",
        title="A waiver has expired", tags=("waiver",),
        message=(f"The waiver of {_what(waiver)}, agreed by {waiver.approver}, expired on "
                 f"{waiver.expires.isoformat()}: what it covered is reported again."),
        hint=("Put the write-up right and remove the waiver, or, if the finding should still "
              "stand, agree a new expiry date with the approver and record it."),
        reasons=(f"it expired on {waiver.expires.isoformat()}, before {today.isoformat()}",
                 f"its reason was: {waiver.reason}"),
        location=waiver.where,
    )


def _unused(waiver: Waiver) -> Finding:
    return Finding(
        form=waiver.form, rule=UNUSED_RULE, ruleset=WAIVER_RULESET, severity="info",
        title="A waiver covers nothing", tags=("waiver",),
        message=(f"The waiver of {_what(waiver)} covers no finding: the form was checked and "
                 f"{waiver.rule} found nothing there."),
        hint="Remove the waiver: the write-up no longer has the shortfall it was agreed for.",
        reasons=(f"no {waiver.rule} finding on {waiver.form}",),
        location=waiver.where,
    )


__all__ = ["EXPIRED_RULE", "UNUSED_RULE", "WAIVER_RULESET", "WaiverError", "apply_waivers",
           "read_waivers", "waived_dict"]
