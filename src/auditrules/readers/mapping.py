"""How a council's spreadsheet headers map to the canonical pro forma.

A mapping is a TOML file:

    [form]
    sheet = "Audits"              # the main sheet: one row per audit
    id = "Audit ID"               # the header of the audit id column

    [fields]
    "audit.date" = "Date of audit"
    "sections.assessment.judgement" = "Assessment judgement"

    [lists.plan_targets]          # a child sheet, joined to its audit by `key`
    sheet = "Targets"
    key = "Audit ID"
    fields = { text = "Target", owner = "Who", due = "By when" }

    [lists.recommendations]       # or repeated columns on the main sheet
    fields = { action = "Recommendation {n}", owner = "Recommendation {n} owner" }

Without a mapping, headers that are canonical field paths (`audit.date`,
`sections.assessment.judgement`, `plan_targets.1.text`) are read as they are, and child sheets
named after a list (`plan_targets`, `assessment.actions`, `recommendations`, `family_feedback`)
join by their `audit.id` column.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import UsageError, did_you_mean
from ..patterns import compiled
from .form_mapping import (
    FormMapping,
    comment_lines,
    list_columns,
    list_tables,
    load_form_mapping,
    toml_string,
    unknown_key,
)

LIST_PATHS: tuple[str, ...] = ("plan_targets", "assessment.actions", "recommendations", "family_feedback")
"""The lists of the canonical form that can come from a child sheet or repeated columns."""

ID_PATH = "audit.id"
NUMBERED = "{n}"


@dataclass(frozen=True)
class ListMapping:
    """Where one list's items come from: a child sheet joined by `key`, or numbered columns
    (`"Target {n}"`) on the main sheet when `sheet` is empty."""

    path: str
    fields: dict[str, str]
    sheet: str | None = None
    key: str | None = None

    @property
    def numbered(self) -> bool:
        return self.sheet is None


@dataclass(frozen=True)
class SheetMapping:
    """A whole mapping: the main sheet, its fields, and the lists."""

    sheet: str | None = None
    id_header: str | None = None
    fields: dict[str, str] = field(default_factory=dict)
    lists: dict[str, ListMapping] = field(default_factory=dict)
    source: Path | None = None
    header_row: int | None = None

    @property
    def canonical(self) -> bool:
        """True when headers are read as canonical field paths (no mapping file given)."""
        return self.source is None and not self.fields

    def describe(self) -> str:
        return str(self.source) if self.source else "the canonical headers"


_FORM_KEYS = {"sheet", "id", "header_row", "layout"}
_LIST_KEYS = {"sheet", "key", "fields"}
_TOP_KEYS = {"form", "fields", "lists"}


def load_mapping(path: Path, known_paths: Mapping[str, Any],
                 item_fields: Mapping[str, list[str]]) -> SheetMapping | FormMapping:
    """Read and check a mapping file. `known_paths` are the canonical field paths a header may map
    to; `item_fields` the fields of each list's items. Mistakes raise UsageError naming the file
    and the key. A mapping whose [form] says `layout = "form"` is for a one-form pro forma (a
    Word document or a form-layout workbook) and is read as a FormMapping."""
    try:
        text = path.read_text(encoding="utf-8-sig")
        raw = tomllib.loads(text)
    except FileNotFoundError:
        raise UsageError(f"{path}: no such mapping file") from None
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise UsageError(f"{path}: not a valid TOML mapping: {exc}") from None
    except RecursionError:
        raise UsageError(f"{path}: not a valid TOML mapping: lists or tables nest too deeply") from None
    except IsADirectoryError:
        raise UsageError(f"{path}: is a folder, not a mapping file") from None
    layout = raw.get("form", {}).get("layout", "return") if isinstance(raw.get("form"), dict) else "return"
    if layout == "form":
        return load_form_mapping(path, raw, text, known_paths, item_fields)
    if layout != "return":
        raise UsageError(f"{path}: [form] layout must be \"return\" (one row per audit) or \"form\" "
                         f"(one form, labels beside their answers), not {layout!r}")
    problems: list[str] = []

    def unknown(where: str, key: str, choices: list[str] | set[str]) -> None:
        problems.append(unknown_key(where, key, set(choices)))

    for top in raw:
        if top not in _TOP_KEYS:
            unknown("top level", top, sorted(_TOP_KEYS))
    form = raw.get("form", {})
    if not isinstance(form, dict):
        problems.append("[form] must be a table")
        form = {}
    for form_key in form:
        if form_key not in _FORM_KEYS:
            unknown("[form]", form_key, sorted(_FORM_KEYS))
    header_row = form.get("header_row")
    if header_row is not None and (not isinstance(header_row, int) or header_row < 1):
        problems.append("[form] header_row must be a row number (1 or more)")
        header_row = None
    fields: dict[str, str] = {}
    raw_fields = raw.get("fields", {})
    if not isinstance(raw_fields, dict):
        problems.append("[fields] must be a table of \"field.path\" = \"Header\"")
        raw_fields = {}
    for field_path, header in raw_fields.items():
        if not isinstance(header, str) or not header.strip():
            problems.append(f"[fields] \"{field_path}\": the header must be text")
            continue
        if field_path not in known_paths and not _section_path_ok(field_path, known_paths):
            hint = did_you_mean(field_path, list(known_paths))
            problems.append(f"[fields] unknown field \"{field_path}\""
                            + (f"; did you mean \"{hint}\"?" if hint else ""))
            continue
        fields[field_path] = header.strip()
    lists: dict[str, ListMapping] = {}
    for name, where, spec in list_tables(raw, item_fields, _LIST_KEYS, problems):
        item = list_columns(spec, where, item_fields[name], "headers", "header", problems)
        if item is None:
            continue
        sheet: Any = spec.get("sheet")
        key: Any = spec.get("key")
        if sheet is None and not all(NUMBERED in h for h in item.values()):
            problems.append(f"{where}: without a sheet, the headers are numbered columns on the main "
                            "sheet and must contain {n}, e.g. \"Target {n} owner\"")
        if sheet is not None and not isinstance(sheet, str):
            problems.append(f"{where}: 'sheet' must be a sheet name")
            sheet = None
        if key is not None and not isinstance(key, str):
            problems.append(f"{where}: 'key' must be the header of the audit id column")
            key = None
        lists[name] = ListMapping(name, item, sheet, key)
    if problems:
        raise UsageError(f"{path}: problems in the mapping:\n  " + "\n  ".join(problems))
    sheet_name = form.get("sheet")
    id_header = form.get("id")
    return SheetMapping(
        sheet=str(sheet_name) if sheet_name is not None else None,
        id_header=str(id_header) if id_header is not None else None,
        fields=fields,
        lists=lists,
        source=path,
        header_row=header_row,
    )


_SECTION_FIELD = compiled(r"^sections\.([a-z][a-z0-9_]*)\.([a-z_]+)$")


def _section_path_ok(field_path: str, known_paths: Mapping[str, Any]) -> bool:
    """`sections.<any name>.<section field>`: sections are addressed by name."""
    match = _SECTION_FIELD.match(field_path)
    return match is not None and f"sections.*.{match.group(2)}" in known_paths


def numbered_pattern(header: str) -> re.Pattern[str]:
    """A header with {n} as a pattern that captures the number: "Target {n} owner"."""
    before, _, after = header.partition(NUMBERED)
    return re.compile(rf"^\s*{re.escape(before.strip())}\s*(\d+)\s*{re.escape(after.strip())}\s*$",
                      re.IGNORECASE)


def render_mapping(sheet: str, id_header: str | None, fields: Mapping[str, str],
                   lists: Mapping[str, ListMapping], unplaced: list[str],
                   questions: Sequence[str] = ()) -> str:
    """A mapping file as TOML text, for `auditrules map` to write and the user to edit."""
    lines = ["# Proposed by `auditrules map`: check each line, then use it with --mapping.", "",
             "[form]", f"sheet = {toml_string(sheet)}"]
    lines.append(f"id = {toml_string(id_header)}" if id_header else "# id = \"...\"   # the audit id column")
    lines += ["", "[fields]"]
    lines += [f"{toml_string(path)} = {toml_string(header)}" for path, header in fields.items()]
    for name, spec in lists.items():
        lines += ["", f"[lists.{name if '.' not in name else toml_string(name)}]"]
        if spec.sheet:
            lines.append(f"sheet = {toml_string(spec.sheet)}")
        if spec.key:
            lines.append(f"key = {toml_string(spec.key)}")
        inner = ", ".join(f"{k} = {toml_string(v)}" for k, v in spec.fields.items())
        lines.append(f"fields = {{ {inner} }}")
    lines += comment_lines(questions, unplaced, "Headers")
    return "\n".join(lines) + "\n"


__all__ = ["ID_PATH", "LIST_PATHS", "ListMapping", "SheetMapping", "load_mapping", "numbered_pattern",
           "render_mapping"]
