"""A council's labels: statements its lead managers have marked good or poor, in a CSV or XLSX
file with the columns

    text     the statement as written
    kind     judgement, target, recommendation or analysis
    label    good or poor
    note     optional: why (kept for the council; never learned from)
    form     optional: the audit id the statement came from
    field    optional: where on the form (e.g. sections[2].judgement)
    actions  analysis only: its agreed actions, one a line

A label answers the question the scorer asks of that kind (see docs/rubric.md): does a
judgement appraise the work; can a plan target be measured; is a recommendation an action; is
every concern in an analysis answered by an action. An owner or a timescale is read by the rules,
not learned.

Rows are checked like any input: a row with a problem is named (its row and column, and what is
wrong) and left out; the rest are used.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from ..limits import DEFAULT_LIMITS, Limits
from ..models import Location

COLUMNS = ("text", "kind", "label", "note", "form", "field", "actions")
REQUIRED = ("text", "kind", "label")
KINDS = ("judgement", "target", "recommendation", "analysis")
LABELS = ("good", "poor")
PART_OF = {"judgement": "judgement", "target": "target-measurable",
           "recommendation": "recommendation-action", "analysis": "analysis"}
"""The part of a model file each kind of label teaches."""
KIND_OF = {part: kind for kind, part in PART_OF.items()}
_KIND_WORDS = {"judgement": "judgement", "judgment": "judgement", "section judgement": "judgement",
               "overall judgement": "judgement", "impact statement": "judgement",
               "target": "target", "plan target": "target",
               "recommendation": "recommendation", "analysis": "analysis"}
_HEADERS = {name: (name,) for name in COLUMNS} | {
    "text": ("text", "statement"), "form": ("form", "audit id", "audit"),
    "actions": ("actions", "agreed actions"),
}
MAX_TEXT = 20_000
ROWS = 5_000
"""How many rows of a blank labels workbook carry the drop-down lists."""


@dataclass(frozen=True)
class Label:
    """One statement and how a lead manager labelled it."""

    text: str
    kind: str
    poor: bool
    note: str | None = None
    form: str | None = None
    field: str | None = None
    actions: tuple[str, ...] = ()
    row: int = 0

    @property
    def label(self) -> str:
        return "poor" if self.poor else "good"

    def cells(self) -> list[str]:
        """The row as the labels file writes it."""
        return [self.text, self.kind, self.label, self.note or "", self.form or "", self.field or "",
                "\n".join(self.actions)]


@dataclass(frozen=True)
class LabelProblem:
    message: str
    location: Location


@dataclass
class Labels:
    """The labels read from files, and the rows that could not be used."""

    labels: list[Label] = field(default_factory=list)
    problems: list[LabelProblem] = field(default_factory=list)

    def of_kind(self, kind: str) -> list[Label]:
        return [label for label in self.labels if label.kind == kind]


def read_labels(paths: Iterable[Path], limits: Limits = DEFAULT_LIMITS) -> Labels:
    """Every usable label in the files, in order; a statement labelled twice the same way is kept
    once, and one labelled both good and poor is left out, named."""
    from ..practice.cases import find_columns, open_list, row_values

    read = Labels()
    first: dict[tuple[str, str, tuple[str, ...]], Label] = {}
    clashing: set[tuple[str, str, tuple[str, ...]]] = set()
    for path in paths:
        table = open_list(path, limits=limits)
        columns = find_columns(table, _HEADERS, REQUIRED, whose="the labels' ",
                               advice="a labels file has the columns " + ", ".join(COLUMNS))
        for number, row in table.rows:
            values, where = row_values(table, number, row, columns)
            if all(value is None for value in values.values()):
                continue
            values = {name: _unguarded(value) for name, value in values.items()}

            made = _label(values, number, where, read.problems)
            if made is None:
                continue
            key = (made.kind, " ".join(made.text.split()).casefold(), made.actions)
            if key in first:
                earlier = first[key]
                if earlier.poor != made.poor and key not in clashing:
                    clashing.add(key)
                    read.problems.append(LabelProblem(
                        f"this {made.kind} is labelled {made.label} here and {earlier.label} on row "
                        f"{earlier.row}; neither is used", where("label")))
                continue
            first[key] = made
    read.labels = [label for key, label in first.items() if key not in clashing]
    return read


def _unguarded(value: Any) -> Any:
    """A cell as written before the apostrophe that keeps a spreadsheet from running it."""
    from ..reporters.csv import unguard_cell

    return unguard_cell(value) if isinstance(value, str) else value


def _label(values: dict[str, Any], number: int, where: Any, problems: list[LabelProblem]) -> Label | None:
    def refuse(message: str, column: str) -> None:
        problems.append(LabelProblem(f"row {number}: {message}", where(column)))

    text = values.get("text")
    if text is None:
        refuse("no statement in the text column", "text")
        return None
    text = str(text)  # a statement may be a bare number, such as a grade written as "3"
    if len(text) > MAX_TEXT:
        refuse(f"the statement is longer than {MAX_TEXT:,} characters", "text")
        return None
    kind = _KIND_WORDS.get(" ".join(str(values.get("kind") or "").split()).casefold())
    if kind is None:
        written = values.get("kind")
        refuse(f"the kind is {'missing' if written is None else repr(str(written))}: write one of "
               f"{', '.join(KINDS)}", "kind")
        return None
    label = str(values.get("label") or "").strip().casefold()
    if label not in LABELS:
        refuse(f"the label is {'missing' if not label else repr(values.get('label'))}: write good or poor",
               "label")
        return None
    actions = tuple(line.strip(" -•\t") for line in str(values.get("actions") or "").splitlines()
                    if line.strip(" -•\t"))
    if kind == "analysis" and not actions:
        refuse("an analysis needs its agreed actions in the actions column, one a line", "actions"
               if "actions" in values else "kind")
        return None
    if kind != "analysis":
        actions = ()

    def optional(name: str) -> str | None:
        value = values.get(name)
        return None if value is None else str(value)

    return Label(text.strip(), kind, label == "poor", optional("note"), optional("form"), optional("field"),
                 actions, number)


def figures(poor: Sequence[bool], flagged: Sequence[bool]) -> dict[str, float]:
    """Balanced accuracy, recall (poor statements caught) and good statements flagged, from
    whether each statement is poor and whether it was flagged."""
    tp = sum(1 for p, f in zip(poor, flagged, strict=True) if p and f)
    fn = sum(1 for p, f in zip(poor, flagged, strict=True) if p and not f)
    fp = sum(1 for p, f in zip(poor, flagged, strict=True) if not p and f)
    tn = sum(1 for p, f in zip(poor, flagged, strict=True) if not p and not f)
    recall = tp / (tp + fn) if tp + fn else 0.0
    specificity = tn / (tn + fp) if tn + fp else 0.0
    return {"items": tp + fn + fp + tn, "recall": round(recall, 4),
            "good_flagged": round(1 - specificity, 4),
            "balanced_accuracy": round((recall + specificity) / 2, 4)}


def write_labels(labels: Sequence[Label], stream: IO[bytes], suffix: str) -> None:
    """A labels file: CSV, or a workbook with drop-down lists for the kind and the label."""
    rows = [label.cells() for label in labels]
    if suffix.lower() == ".csv":
        from ..practice.selection import write_csv

        write_csv(COLUMNS, rows, stream)
        return
    from ..practice.selection import write_sheets

    def lists(sheet: Any, count: int) -> None:
        last = max(ROWS, count)
        for col, choices in ((1, KINDS), (2, LABELS)):
            sheet.data_validation(1, col, last, col, {
                "validate": "list", "source": list(choices), "error_title": "Not one of the choices",
                "error_message": f"{COLUMNS[col]}: choose one of {', '.join(choices)}."})
        sheet.data_validation(1, 6, last, 6, {
            "validate": "any", "input_title": "Agreed actions",
            "input_message": "Analysis only: its agreed actions, one a line (Alt+Enter between them)."})

    write_sheets(stream, [("Labels", COLUMNS, rows, (70, 16, 10, 30, 16, 24, 50))], lists)


__all__ = [
    "COLUMNS",
    "KINDS",
    "KIND_OF",
    "LABELS",
    "PART_OF",
    "Label",
    "LabelProblem",
    "Labels",
    "figures",
    "read_labels",
    "write_labels",
]
