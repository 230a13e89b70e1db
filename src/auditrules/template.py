"""`auditrules template OUT.xlsx`: a blank return in the canonical layout, which the spreadsheet
reader reads without a mapping.

The layout comes from the form schema, so a plugin's block gets its columns too:

- sheet **Audits**, one row per audit, one column per field, headed by the field's canonical path
  (`audit.id`, `child.status`, `summary`); a list of words (`audit.themes`, `audit.auditors`) is
  one cell with the words separated by `;`; each section in SECTION_NAMES has its columns
  `sections.<name>.evidence`, `.judgement`, `.grade`, `.strengths`, `.development`;
- a sheet per list of items, named by the list's path (`plan_targets`, `assessment.actions`,
  `recommendations`, `family_feedback`): `audit.id` first, then the item's fields (`text`,
  `owner`, `due`), one row per item;
- a **How to fill in** sheet, last (and, only when a plugin's dropdown has too many words to hold
  itself, a hidden **Lists** sheet before it): neither holds form data.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

from .dsl import types as t
from .errors import UsageError
from .hookspecs import hookimpl
from .models import GRADE_WORDS, SECTION_NAMES
from .reporters.xlsx import new_workbook
from .schema import FormSchema

AUDITS_SHEET = "Audits"
HELP_SHEET = "How to fill in"
LISTS_SHEET = "Lists"
"""A hidden sheet holding dropdown choices too long to write into a validation (only if needed)."""
AUDIT_ID = "audit.id"
LIST_SEPARATOR = ";"
ROWS = 5000
"""How many rows below the header carry the dropdowns and date checks."""
YES_NO = ("yes", "no")
MAX_SHEET_NAME = 31  # Excel's limit


@dataclass(frozen=True)
class TemplateColumn:
    """One column: its header (a canonical path) and what goes in it."""

    header: str
    kind: str
    """text, long text, date, due, yes/no, choice, number or words (several, `;` between)."""
    choices: tuple[str, ...] = ()

    @property
    def guidance(self) -> str:
        return {
            "text": "Text.",
            "long text": "Text, in full sentences.",
            "date": "A date, e.g. 12/06/2024.",
            "due": "A date, e.g. 12/06/2024, or the timescale in words.",
            "yes/no": "yes or no.",
            "choice": "One of the words in the dropdown.",
            "number": "A number.",
            "words": f"One or more, separated by '{LIST_SEPARATOR}'.",
        }[self.kind]


@dataclass(frozen=True)
class TemplateSheet:
    """One sheet: its name and its columns in order."""

    name: str
    columns: tuple[TemplateColumn, ...]
    about: str = ""

    @property
    def headers(self) -> list[str]:
        return [column.header for column in self.columns]


_LONG_TEXT = {"summary", "evidence", "judgement", "strengths", "development", "analysis",
              "conclusion", "overall_judgement", "impact_on_child", "comments", "how_child_safer",
              "why_change_explained", "completion_evidence", "text", "action"}


def _column(path: str, name: str, kind_of: t.Type) -> TemplateColumn:
    if isinstance(kind_of, t.TextType) and kind_of.choices:
        return TemplateColumn(path, "choice", kind_of.choices)
    if kind_of in (t.DATE, t.DATETIME):
        return TemplateColumn(path, "date")
    if kind_of is t.BOOL:
        return TemplateColumn(path, "yes/no", YES_NO)
    if kind_of is t.NUMBER:
        return TemplateColumn(path, "number")
    if name == "due":
        return TemplateColumn(path, "due")
    return TemplateColumn(path, "long text" if name in _LONG_TEXT else "text")


@dataclass
class _Layout:
    audits: list[TemplateColumn] = field(default_factory=list)
    lists: list[TemplateSheet] = field(default_factory=list)

    def walk(self, record: t.RecordType, prefix: str, into: list[TemplateColumn]) -> None:
        for name, kind_of in record.fields:
            path = f"{prefix}.{name}" if prefix else name
            if path == "sections" and isinstance(kind_of, t.ListType):
                self.sections(kind_of.item, into)
            elif isinstance(kind_of, t.RecordType):
                self.walk(kind_of, path, into)
            elif isinstance(kind_of, t.ListType) and isinstance(kind_of.item, t.RecordType):
                self.list_sheet(path, kind_of.item)
            elif isinstance(kind_of, t.ListType):
                into.append(TemplateColumn(path, "words"))
            else:
                into.append(_column(path, name, kind_of))

    def sections(self, section: t.Type, into: list[TemplateColumn]) -> None:
        assert isinstance(section, t.RecordType)
        for section_name in SECTION_NAMES:
            for name, kind_of in section.fields:
                if name == "name":
                    continue
                path = f"sections.{section_name}.{name}"
                if name == "grade":
                    into.append(TemplateColumn(path, "choice", GRADE_WORDS))
                else:
                    into.append(_column(path, name, kind_of))

    def list_sheet(self, path: str, item: t.RecordType) -> None:
        if len(path) > MAX_SHEET_NAME:
            raise UsageError(f"the list '{path}' has a path longer than the {MAX_SHEET_NAME} "
                             "characters Excel allows in a sheet name, so it has no sheet")
        columns: list[TemplateColumn] = [TemplateColumn(AUDIT_ID, "text")]
        nested = _Layout()
        nested.walk(item, "", columns)
        self.lists.append(TemplateSheet(path, tuple(columns),
                                        f"One row per item of {path}; {AUDIT_ID} says which audit."))
        self.lists.extend(TemplateSheet(f"{path}.{s.name}", s.columns, s.about) for s in nested.lists)


def template_layout(schema: FormSchema | None = None) -> list[TemplateSheet]:
    """The sheets of a blank return for `schema` (the canonical form when None): Audits, then a
    sheet per list of items, in the order the form has them."""
    schema = schema or FormSchema()
    layout = _Layout()
    layout.walk(schema.record, "", layout.audits)
    audits = TemplateSheet(AUDITS_SHEET, tuple(layout.audits), "One row per audit.")
    return [audits, *layout.lists]


def write_template(out: Path, schema: FormSchema | None = None, *, force: bool = False,
                   audits: Sequence[Mapping[str, Any]] = ()) -> list[TemplateSheet]:
    """Write a blank return to `out` (whole or not at all). Refuses to replace a file unless
    `force`. `audits` are rows already known (by column header, a canonical path) to write on
    the Audits sheet. Returns the sheets written, without the How to fill in sheet."""
    out = Path(out)
    if out.suffix.lower() != ".xlsx":
        raise UsageError(f"{out}: a template is an Excel workbook; give a file name ending in .xlsx")
    if out.is_dir():
        raise UsageError(f"{out}: is a folder; give a file name ending in .xlsx")
    if not out.parent.is_dir():
        raise UsageError(f"{out}: the folder {out.parent} does not exist")
    if out.exists() and not force:
        raise UsageError(f"{out}: already exists; add --force to replace it")
    sheets = template_layout(schema)
    handle, temp_name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".xlsx", dir=out.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            workbook = new_workbook(stream)
            _TemplateWriter(workbook, audits).write(sheets)
            workbook.close()
        os.replace(temp_name, out)
    except OSError as exc:
        Path(temp_name).unlink(missing_ok=True)
        raise UsageError(f"{out}: cannot write the file: {exc.strerror or exc}") from exc
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    return sheets


class _TemplateWriter:
    def __init__(self, workbook: Any, audits: Sequence[Mapping[str, Any]] = ()):
        self.workbook = workbook
        self.audits = audits
        """Rows already known for the Audits sheet, by column header."""
        self.header = workbook.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1,
                                           "text_wrap": True, "valign": "top", "num_format": "@"})
        self.text = workbook.add_format({"num_format": "@", "valign": "top"})
        self.long_text = workbook.add_format({"num_format": "@", "valign": "top", "text_wrap": True})
        self.date = workbook.add_format({"num_format": "dd/mm/yyyy", "valign": "top"})
        self.plain = workbook.add_format({"valign": "top"})
        self.title = workbook.add_format({"bold": True, "font_size": 14})
        self.wrap = workbook.add_format({"text_wrap": True, "valign": "top"})
        self._long_lists: dict[tuple[str, ...], int] = {}  # choices -> first row on Lists

    def write(self, sheets: Sequence[TemplateSheet]) -> None:
        for sheet in sheets:
            self.data_sheet(sheet, self.audits if sheet.name == AUDITS_SHEET else ())
        self.lists_sheet()
        self.help_sheet(sheets)

    def data_sheet(self, spec: TemplateSheet, rows: Sequence[Mapping[str, Any]] = ()) -> None:
        sheet = self.workbook.add_worksheet(spec.name)
        for number, row in enumerate(rows, start=1):
            for col, column in enumerate(spec.columns):
                value = row.get(column.header)
                if isinstance(value, dt.date):
                    sheet.write_datetime(number, col, dt.datetime.combine(value, dt.time()), self.date)
                elif isinstance(value, list | tuple):
                    sheet.write_string(number, col, f"{LIST_SEPARATOR} ".join(str(v) for v in value))
                elif value is not None:
                    sheet.write_string(number, col, str(value))
        for col, column in enumerate(spec.columns):
            width, fmt = {
                "long text": (45, self.long_text), "date": (12, self.date), "due": (16, self.text),
                "yes/no": (10, self.plain), "choice": (20, self.text), "number": (10, self.plain),
                "words": (30, self.text),
            }.get(column.kind, (18, self.text))
            sheet.set_column(col, col, max(width, min(len(column.header) + 2, 40)), fmt)
            sheet.write_string(0, col, column.header, self.header)
            self.validate(sheet, col, column)
        sheet.set_row(0, 30)
        sheet.freeze_panes(1, 1)

    def validate(self, sheet: Any, col: int, column: TemplateColumn) -> None:
        rows = (1, col, ROWS, col)
        if column.kind in ("choice", "yes/no"):
            sheet.data_validation(*rows, {
                "validate": "list", "source": self.choice_source(column.choices),
                "error_title": "Not one of the choices",
                "error_message": _cut(f"{column.header}: choose one of {', '.join(column.choices)}."),
            })
        elif column.kind == "date":
            sheet.data_validation(*rows, {
                "validate": "date", "criteria": "between",
                "minimum": dt.date(1900, 1, 1), "maximum": dt.date(2199, 12, 31),
                "error_title": "Not a date",
                "error_message": _cut(f"{column.header}: write a date, e.g. 12/06/2024."),
            })
        elif column.kind in ("words", "due"):
            sheet.data_validation(*rows, {
                "validate": "any", "input_title": _cut(column.header, 32),
                "input_message": _cut(column.guidance),
            })

    def choice_source(self, choices: Sequence[str]) -> Any:
        """The choices as a list, or a range on the hidden Lists sheet when too long to inline."""
        if len(",".join(choices)) <= 250:
            return list(choices)
        key = tuple(choices)
        if key not in self._long_lists:
            self._long_lists[key] = sum(len(c) for c in self._long_lists)
        first = self._long_lists[key]
        return f"='{LISTS_SHEET}'!$A${first + 1}:$A${first + len(choices)}"

    def lists_sheet(self) -> None:
        """The choices too long for a dropdown's own list, one set below another, hidden."""
        if not self._long_lists:
            return
        sheet = self.workbook.add_worksheet(LISTS_SHEET)
        for choices, first in self._long_lists.items():
            for offset, choice in enumerate(choices):
                sheet.write_string(first + offset, 0, choice)
        sheet.hide()

    def help_sheet(self, sheets: Sequence[TemplateSheet]) -> None:
        sheet = self.workbook.add_worksheet(HELP_SHEET)
        sheet.set_column(0, 0, 22)
        sheet.set_column(1, 1, 40)
        sheet.set_column(2, 2, 60, self.wrap)
        sheet.set_column(3, 3, 50, self.wrap)
        sheet.write_string(0, 0, "How to fill in this return", self.title)
        lines = [
            f"One row on the {AUDITS_SHEET} sheet per audit; its {AUDIT_ID} must be filled in and "
            "be different for each audit.",
            "Each list of items (plan targets, agreed actions, recommendations, family feedback) "
            f"has its own sheet: one row per item, with the {AUDIT_ID} of the audit it belongs to.",
            "Leave a cell empty when there is nothing to record; the checks say what is missing.",
            "Write judgements in words, never as numbers or scores.",
            "Do not rename, reorder or delete the column headers: they are the names auditrules "
            "reads.",
            f"Where a cell takes several words (themes, auditors), separate them with '{LIST_SEPARATOR}'.",
            "Then check the return: auditrules check this-file.xlsx",
        ]
        for row, line in enumerate(lines, start=2):
            sheet.write_string(row, 0, f"{row - 1}. {line}")
        top = len(lines) + 3
        for col, header in enumerate(("Sheet", "Column", "What to write", "Choices")):
            sheet.write_string(top, col, header, self.header)
        row = top + 1
        for spec in sheets:
            for column in spec.columns:
                sheet.write_string(row, 0, spec.name)
                sheet.write_string(row, 1, column.header)
                sheet.write_string(row, 2, column.guidance)
                sheet.write_string(row, 3, ", ".join(column.choices))
                row += 1
        sheet.freeze_panes(top + 1, 0)


def _cut(text: str, limit: int = 255) -> str:
    """Excel refuses validation messages longer than 255 characters (titles: 32)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


@click.command(name="template")
@click.argument("out", type=click.Path(path_type=Path))
@click.option("--force", is_flag=True, help="Replace OUT if it already exists.")
@click.option("--labels", "labels", is_flag=True,
              help="Write a blank labels file instead (text, kind, label, note, form, field, actions, "
                   "with drop-down lists), for 'auditrules learn'.")
def template_command(out: Path, force: bool, labels: bool) -> None:
    """Write a blank return (an .xlsx workbook) in the layout `check` reads without a mapping."""
    from .plugins import get_host  # the host loads this module, so ask for it only when run

    if labels:
        from .scoring.labels import COLUMNS, write_labels

        if out.exists() and not force:
            raise UsageError(f"{out}: already exists; use --force to replace it")
        if out.suffix.lower() not in (".xlsx", ".csv"):
            raise UsageError(f"{out}: a labels file is .xlsx or .csv")
        with out.open("wb") as stream:
            write_labels([], stream, out.suffix)
        click.echo(f"Wrote {out}: a blank labels file ({', '.join(COLUMNS)}); fill in a row for each "
                   "statement a lead manager has marked good or poor, then run auditrules learn.")
        return

    sheets = write_template(out, FormSchema(get_host().form_blocks), force=force)
    columns = sum(len(s.columns) for s in sheets)
    click.echo(f"Wrote {out}: {len(sheets)} sheets to fill in ({', '.join(s.name for s in sheets)}), "
               f"{columns} columns.")


@hookimpl
def register_commands(cli: click.Group) -> None:
    cli.add_command(template_command)


__all__ = ["AUDITS_SHEET", "AUDIT_ID", "HELP_SHEET", "LIST_SEPARATOR", "TemplateColumn", "TemplateSheet",
           "template_layout", "write_template"]
