"""A council's case list (CSV or Excel) read into cases, with every row's problem located.

A case list has one row per case: its id and area of work, and, where the council keeps them, the
team, the worker, the themes the case has (domestic abuse, a strategy discussion) and when it
was last audited. Headers are found by the names councils use ("Case ref", "Service", "Allocated
worker"); a mapping file names any others:

    [columns]
    case_id = "LCS number"
    area = "Service area"

    [areas]                      # a council's own words for an area of work
    "CP Plan" = "child_protection"

A row that cannot be used (no case id, an area of work not known, a case id used twice, a date
that is not a date) is reported with its cell and left out; the rest are read.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError, UsageError, did_you_mean
from ..limits import DEFAULT_LIMITS, Limits
from ..models import Location, read_date
from ..readers.tables import Table, clean, column_letter, open_workbook

AREAS: dict[str, str] = {
    "family_support": "family support",
    "child_in_need": "child in need",
    "child_protection": "child protection",
    "looked_after": "looked after children",
    "care_leaver": "care leavers",
    "initial_contact": "initial contacts",  # from partner agencies, where the list says who
}
"""Areas of work, by name, with how they are written in messages."""

# How councils write each area of work in a case list (compared without case, spaces or
# punctuation). A council's own words go in the mapping's [areas] table.
_AREA_WORDS: dict[str, tuple[str, ...]] = {
    "family_support": ("family support", "early help", "eh", "targeted family support", "fs",
                       "family help", "early help assessment"),
    "child_in_need": ("child in need", "children in need", "cin", "cin plan", "section 17", "s17"),
    "child_protection": ("child protection", "cp", "cpp", "cp plan", "child protection plan",
                         "section 47", "s47"),
    "looked_after": ("looked after", "looked after children", "looked after child", "cla", "lac",
                     "child looked after", "children looked after", "children in care", "in care",
                     "cic"),
    "care_leaver": ("care leaver", "care leavers", "leaving care", "cl", "care experienced"),
    "initial_contact": ("initial contact", "initial contacts", "contact", "contacts", "referral",
                        "mash contact", "front door", "contact and referral"),
}

COLUMNS: dict[str, tuple[str, ...]] = {
    "case_id": ("case id", "case ref", "case reference", "case number", "child id", "person id",
                "id", "lcs id", "lcs number", "mosaic id", "liquidlogic id", "eclipse id", "case"),
    "area": ("area", "area of work", "service", "service area", "case type", "legal status",
             "category", "case category"),
    "team": ("team", "allocated team", "team name"),
    "worker": ("worker", "allocated worker", "social worker", "practitioner", "key worker",
               "lead professional"),
    "themes": ("themes", "theme", "factors", "flags", "risk factors", "assessment factors"),
    "last_audited": ("last audited", "last audit", "date last audited", "audited on",
                     "last audit date"),
    "source": ("referral source", "contact source", "source", "referrer", "source of contact",
               "source of referral"),
}
"""The case list's columns by name, each with the headers councils use for it."""
REQUIRED = ("case_id", "area")


def _words(text: str) -> str:
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text.casefold()).split())


def theme_key(text: str) -> str:
    """A theme as it is compared: "Domestic abuse", "domestic_abuse" and "domestic-abuse" agree."""
    return _words(text.replace("_", " "))


@dataclass(frozen=True)
class Case:
    """One case on the list, and where its row is."""

    case_id: str
    area: str
    row: int
    team: str | None = None
    worker: str | None = None
    themes: frozenset[str] = frozenset()
    last_audited: dt.date | None = None
    source: str | None = None
    """Who made the contact or referral, where the list says."""
    extra: tuple[tuple[str, str], ...] = ()
    """The row's other columns (header, value), carried into the selection as they were."""


@dataclass(frozen=True)
class CaseProblem:
    """A row of the case list that could not be used, and why."""

    message: str
    location: Location


@dataclass
class CaseList:
    path: Path
    cases: list[Case] = field(default_factory=list)
    problems: list[CaseProblem] = field(default_factory=list)
    headers: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class CaseMapping:
    """Which header is which column, and a council's own words for areas of work."""

    columns: Mapping[str, str] = field(default_factory=dict)
    areas: Mapping[str, str] = field(default_factory=dict)
    sheet: str | None = None


def load_case_mapping(path: Path) -> CaseMapping:
    """A case-list mapping file (TOML: `[columns]`, `[areas]`, and `sheet`)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError(f"{path}: no such mapping file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read the mapping file ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{path}: not a TOML file: {exc}") from None
    unknown = [key for key in data if key not in ("columns", "areas", "sheet")]
    if unknown:
        raise InputError(f"{path}: unknown key '{unknown[0]}'; a case-list mapping has [columns], "
                         "[areas] and sheet")
    columns = data.get("columns", {})
    areas = data.get("areas", {})
    if not isinstance(columns, dict) or not isinstance(areas, dict):
        raise InputError(f"{path}: [columns] and [areas] are tables of names")
    for name, header in columns.items():
        if name not in COLUMNS:
            hint = did_you_mean(name, COLUMNS)
            raise InputError(f"{path}: [columns] {name}: not a column of a case list"
                             + (f"; did you mean '{hint}'?" if hint else "")
                             + f" (the columns are {', '.join(COLUMNS)})")
        if not isinstance(header, str) or not header.strip():
            raise InputError(f"{path}: [columns] {name}: give the header as text")
    for written, area in areas.items():
        if area not in AREAS:
            hint = did_you_mean(str(area), AREAS)
            raise InputError(f"{path}: [areas] \"{written}\" = \"{area}\": not an area of work"
                             + (f"; did you mean '{hint}'?" if hint else "")
                             + f" (the areas are {', '.join(AREAS)})")
    sheet = data.get("sheet")
    if sheet is not None and not isinstance(sheet, str):
        raise InputError(f"{path}: sheet: give the sheet's name as text")
    return CaseMapping(dict(columns), {_words(str(k)): str(v) for k, v in areas.items()}, sheet)


# Who may make a contact without being a partner agency: a contact from one of these is not one
# of the "initial contacts from partner agencies" a sample includes.
NOT_AGENCIES = frozenset({
    "family", "family member", "parent", "mother", "father", "carer", "relative", "grandparent",
    "friend", "neighbour", "self", "self referral", "child", "young person", "anonymous",
    "public", "member of public", "member of the public",
})


def from_partner_agency(case: Case) -> bool:
    """Whether a contact came from a partner agency (true when the list does not say who)."""
    return case.source is None or _words(case.source) not in NOT_AGENCIES


def area_of(written: Any, mapping: CaseMapping) -> str | None:
    """The area of work a cell names, or None."""
    if written is None:
        return None
    words = _words(str(written))
    if words in mapping.areas:
        return mapping.areas[words]
    if words.replace(" ", "_") in AREAS:
        return words.replace(" ", "_")
    for area, names in _AREA_WORDS.items():
        if words in names:
            return area
    return None


def read_cases(path: Path, mapping: CaseMapping | None = None,
               limits: Limits = DEFAULT_LIMITS) -> CaseList:
    """Every usable case on the list, and a located problem for each row that is not."""
    mapping = mapping or CaseMapping()
    if not path.is_file():
        raise UsageError(f"{path}: no such case list")
    table = open_list(path, mapping.sheet, limits)
    columns = find_columns(table, COLUMNS, REQUIRED, chosen=mapping.columns,
                           advice="name it in a mapping file: [columns] {name} = \"your header\"")
    listed = CaseList(path, headers=list(table.headers))
    seen: dict[str, int] = {}
    for row_number, row in table.rows:
        for item in _case(table, row_number, row, columns, mapping, seen):
            if isinstance(item, Case):
                listed.cases.append(item)
            else:
                listed.problems.append(item)
    return listed


def open_list(path: Path, sheet: str | None = None, limits: Limits = DEFAULT_LIMITS) -> Table:
    """The one table of a list: a CSV file, or a workbook's first sheet (or the one named)."""
    book = open_workbook(path, limits)
    # A CSV file is its own one sheet (the other CSV files beside it are not this list).
    chosen = path.stem if path.suffix.lower() == ".csv" else book.sheet_names[0]
    if sheet is not None:
        found = book.find_sheet(sheet)
        if found is None:
            raise InputError(f"{path}: no sheet '{sheet}' (the sheets are {', '.join(book.sheet_names)})")
        chosen = found
    return book.table(chosen)


def find_columns(table: Table, wanted: Mapping[str, Sequence[str]], required: Sequence[str], *,
                 chosen: Mapping[str, str] | None = None, whose: str = "",
                 advice: str = "") -> dict[str, int]:
    """Each column's place, by the header `chosen` names for it or else the first of the headers
    lists use for it (compared without case, spaces or punctuation). A required column that is
    not there is refused, naming the headers the list has; `advice` (with {name}) says what to do."""
    found: dict[str, int] = {}
    for name, headers in wanted.items():
        header = (chosen or {}).get(name)
        if header is not None:
            index = table.column_of(header)
            if index is None:
                hint = did_you_mean(header, [h for h in table.headers if h])
                raise InputError(f"{table.file}: {table.label} has no column '{header}' for {name}"
                                 + (f"; did you mean '{hint}'?" if hint else "")
                                 + f" (its headers are {_list(table.headers)})")
            found[name] = index
            continue
        for header in headers:
            index = next((i for i, h in enumerate(table.headers) if _words(h) == header), None)
            if index is not None and index not in found.values():
                found[name] = index
                break
    for name in required:
        if name not in found:
            raise InputError(f"{table.file}: {table.label} has no column for {whose}{name} (looked for "
                             f"{_list(wanted[name][:4])}; its headers are {_list(table.headers)})"
                             + (f"; {advice.format(name=name)}" if advice else ""))
    return found


def cell_location(table: Table, row_number: int, index: int) -> Location:
    """Where a cell of a list is: file, sheet, row, column and its header."""
    return Location(file=str(table.file), sheet=table.sheet, row=row_number, column=column_letter(index),
                    header=table.headers[index], cell=table.cell(row_number, index))


def row_values(table: Table, row_number: int, row: list[Any], columns: Mapping[str, int]
               ) -> tuple[dict[str, Any], Callable[[str], Location]]:
    """A list row's values by column name (a blank cell as None), and where each named cell is."""
    values = {name: clean(row[index]) if index < len(row) else None for name, index in columns.items()}

    def where(name: str) -> Location:
        return cell_location(table, row_number, columns[name])

    return values, where


def _list(names: Sequence[str]) -> str:
    shown = [f"'{n}'" for n in names if n]
    return ", ".join(shown) if shown else "none"


def _case(table: Table, row_number: int, row: list[Any], columns: Mapping[str, int],
          mapping: CaseMapping, seen: dict[str, int]) -> Iterator[Case | CaseProblem]:
    if all(clean(value) is None for value in row):
        return
    values, where = row_values(table, row_number, row, columns)

    case_id = values["case_id"]
    if case_id is None:
        yield CaseProblem(f"row {row_number} has no case id", where("case_id"))
        return
    case_id = str(case_id)
    if case_id in seen:
        yield CaseProblem(f"the case id '{case_id}' is used again on row {row_number} (first on row "
                          f"{seen[case_id]}); only the first is used", where("case_id"))
        return
    area = area_of(values["area"], mapping)
    if area is None:
        written = values["area"]
        yield CaseProblem(
            (f"case {case_id}: '{written}' is not an area of work this reads" if written is not None
             else f"case {case_id}: no area of work")
            + f" (the areas are {', '.join(AREAS)}; give a council's own words in the mapping's "
              "[areas] table)", where("area"))
        return
    last = values.get("last_audited")
    last_audited: dt.date | None = None
    if last is not None:
        last_audited = read_date(last)
        if last_audited is None:
            yield CaseProblem(f"case {case_id}: last audited '{last}' is not a date (write it "
                              "like 2025-03-14 or 14/03/2025)", where("last_audited"))
            return
    seen[case_id] = row_number
    themes = frozenset(theme_key(part) for part in re.split(r"[;,\n]", str(values.get("themes") or ""))
                       if theme_key(part))
    used = set(columns.values())
    extra = tuple((header, str(clean(row[index]))) for index, header in enumerate(table.headers)
                  if index not in used and header and index < len(row) and clean(row[index]) is not None)
    yield Case(case_id, area, row_number, _text(values.get("team")), _text(values.get("worker")),
               themes, last_audited, _text(values.get("source")), extra)


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


__all__ = ["AREAS", "COLUMNS", "NOT_AGENCIES", "Case", "CaseList", "CaseMapping", "CaseProblem",
           "area_of", "cell_location", "find_columns", "from_partner_agency", "load_case_mapping",
           "open_list", "read_cases", "row_values", "theme_key"]
