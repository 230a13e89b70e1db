"""One-form pro formas read by their labels: a Word document's tables, or a workbook laid out as
a form. Both become the same thing here, a layout: parts (a Word table, a sheet) made of rows of
cells, with the headings written above them; the mapping's labels then find their answers.

- A label's answer is the cell beside it (`Label | Answer`, also `L | A | L | A`), or, for a
  label alone across a Word table's whole width, the row below it. A row of labels alone has
  its answers in the row below, column by column.
- A short text alone in a row (a merged title row in Word, a lone cell on a sheet) that is not
  a label is a heading, like a Word heading paragraph: labels mapped `under` it are found only
  there, so "Judgement" in each section is told apart.
- A list is a table with a header row of its column labels and one item a row; in Word it runs
  to the end of the table or the next title row, on a sheet to the first blank row.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..dsl import types as t
from ..errors import did_you_mean
from ..models import Location
from ..patterns import compiled
from . import RawForm, ReadOptions, ReadProblem
from .form_mapping import FieldLabel, FormMapping, ListLabels, label_key
from .mapping import ID_PATH

TITLE_LIMIT = 80
"""A heading is one line of at most this many characters."""

CHECKED = "☒☑✔✓■⊠"
UNCHECKED = "☐□"
_TICK = compiled(rf"([{CHECKED}{UNCHECKED}])\s*([^{CHECKED}{UNCHECKED}]*)")
_LIST_SPLIT = compiled(r"\s*[;\n]\s*")
_NUMBERED_OPTION = compiled(r"^\d+[.)]?\s+(?=[^\W\d])")
"""A number before an option's words ("☒ 2 Good") is the scale's, not the answer's."""


@dataclass(frozen=True)
class FormCell:
    """One cell as the form shows it: its text (paragraphs joined with newlines), its value (a
    sheet's dates stay dates), its column, and where it is."""

    text: str
    value: Any
    column: int
    where: Location


@dataclass(frozen=True)
class FormRow:
    """A row's cells, each merged cell once, left to right. `whole` when one cell spans the
    row (a Word title row, or a label above its answer)."""

    cells: list[FormCell]
    whole: bool = False


@dataclass(frozen=True)
class FormPart:
    """A Word table or a sheet."""

    name: str
    rows: list[FormRow]
    sheet: bool = False


@dataclass(frozen=True)
class Heading:
    """A heading written between tables (a Word heading paragraph)."""

    text: str


Layout = Sequence[Heading | FormPart]


def is_title(text: str) -> bool:
    return "\n" not in text.strip() and 0 < len(text.strip()) <= TITLE_LIMIT


def ticked(text: str) -> str | list[str] | None:
    """What a row of tick boxes says: '☒ Yes ☐ No' is 'Yes' ('☒ 2 Good' is 'Good'); a lone '☒' is
    'yes' and '☐' 'no';
    several ticked give a list; none ticked gives nothing. Text without boxes is None too
    (see has_ticks)."""
    options = [(glyph in CHECKED, _NUMBERED_OPTION.sub("", label.strip(" \t\n:;,/")))
               for glyph, label in _TICK.findall(text)]
    if not options:
        return None
    if all(not label for _, label in options):
        return "yes" if any(checked for checked, _ in options) else "no"
    chosen = [label for checked, label in options if checked and label]
    if not chosen:
        return None
    return chosen[0] if len(chosen) == 1 else chosen


def has_ticks(text: str) -> bool:
    return any(ch in CHECKED or ch in UNCHECKED for ch in text)


@dataclass
class _Found:
    label: FieldLabel
    cell: FormCell | None
    """The answer's cell, or None when the answer is missing (`at` is then the label's cell)."""
    at: Location


@dataclass
class _Item:
    values: dict[str, Any] = field(default_factory=dict)
    cells: dict[str, Location] = field(default_factory=dict)
    where: Location | None = None


class LabelReader:
    """Finds a mapping's labels in a layout and builds the one form it holds."""

    def __init__(self, layout: Layout, mapping: FormMapping, options: ReadOptions, file: str,
                 what: str) -> None:
        self.layout = layout
        self.mapping = mapping
        self.options = options
        self.file = file
        self.what = what
        self.known = options.field_paths()
        self.by_label: dict[str, list[FieldLabel]] = {}
        for item in mapping.fields:
            self.by_label.setdefault(label_key(item.label), []).append(item)
        self.columns = {name: {label_key(label): f for f, label in spec.fields.items()}
                        for name, spec in mapping.lists.items()}
        self.found: dict[str, list[_Found]] = {}
        self.items: dict[str, list[_Item]] = {}
        self.lists_seen: set[str] = set()
        self.order: list[str] = []
        self.seen_labels: list[str] = []
        self.headings = mapping.headings()

    # -- matching -------------------------------------------------------------------------------
    def match(self, text: str, heading: str | None) -> FieldLabel | None:
        """The field a label names here: one mapped under this heading, or one mapped anywhere."""
        candidates = self.by_label.get(label_key(text))
        if not candidates:
            return None
        here = label_key(heading) if heading else None
        for item in candidates:
            if item.under and label_key(item.under) == here:
                return item
        return next((item for item in candidates if not item.under), None)

    def list_header(self, cells: list[FormCell], heading: str | None
                    ) -> tuple[ListLabels, dict[int, str]] | None:
        """The list whose column labels this row holds (most of its cells, at least two of them
        or all the list has), preferring one whose heading is the one above."""
        best: tuple[int, bool, ListLabels, dict[int, str]] | None = None
        here = label_key(heading) if heading else None
        for name, spec in self.mapping.lists.items():
            if spec.heading and label_key(spec.heading) != here:
                continue
            wanted = self.columns[name]
            columns = {c.column: wanted[label_key(c.text)] for c in cells if label_key(c.text) in wanted}
            count = len(set(columns.values()))
            if count < min(2, len(wanted)) or count * 2 < len(cells):
                continue
            rank = (count, spec.heading is not None)
            if best is None or rank > best[:2]:
                best = (count, spec.heading is not None, spec, columns)
        return (best[2], best[3]) if best else None

    # -- walking the layout -----------------------------------------------------------------------
    def walk(self) -> None:
        heading: str | None = None
        for entry in self.layout:
            if isinstance(entry, Heading):
                heading = entry.text
                continue
            heading = self._part(entry, heading)

    def _part(self, part: FormPart, heading: str | None) -> str | None:
        rows = part.rows
        index = 0
        current: tuple[ListLabels, dict[int, str]] | None = None
        while index < len(rows):
            row = rows[index]
            filled = [c for c in row.cells if c.text]
            if current is not None:
                if not filled:
                    if part.sheet:
                        current = None
                    index += 1
                    continue
                if not self._ends_list(row, filled, heading):
                    self._item(current[0], current[1], row)
                    index += 1
                    continue
                current = None
            if not filled:
                index += 1
                continue
            self.seen_labels.extend(c.text for c in filled if is_title(c.text))
            header = self.list_header(filled, heading)
            if header is not None:
                current = header
                self.lists_seen.add(header[0].path)
                index += 1
                continue
            labelled = {i: m for i, c in enumerate(row.cells)
                        if c.text and (m := self.match(c.text, heading)) is not None}
            if not labelled:
                if len(filled) == 1 and (row.whole or part.sheet) and is_title(filled[0].text):
                    heading = filled[0].text.strip()
                index += 1
                continue
            below = rows[index + 1] if index + 1 < len(rows) else None
            if row.whole and not part.sheet:
                answer = below.cells[0] if below is not None and below.cells else None
                self._record(next(iter(labelled.values())), answer, row.cells[0])
                index += 2
                continue
            if part.sheet and len(filled) == 1 and below is not None and _answer_below(row, below) \
                    and not self.match(_only(below).text, heading) \
                    and label_key(_only(below).text) not in self.headings:
                # On a sheet, a label across the width with nothing beside it: its answer is the
                # one cell of the row below (a merged box under a prompt).
                self._record(next(iter(labelled.values())), _only(below), row.cells[0])
                index += 2
                continue
            # A row of labels has its answers in the row below, column by column: every filled
            # cell is a label, or two labels stand side by side (so neither answer is beside it).
            side_by_side = any(i + 1 in labelled for i in labelled)
            if len(labelled) >= 2 and (len(labelled) == len(filled) or side_by_side) and below is not None \
                    and not any(self.match(c.text, heading) for c in below.cells if c.text):
                by_column = {c.column: c for c in below.cells}
                for i, label in labelled.items():
                    self._record(label, by_column.get(row.cells[i].column), row.cells[i])
                index += 2
                continue
            for i, label in labelled.items():
                beside = row.cells[i + 1] if i + 1 < len(row.cells) and i + 1 not in labelled else None
                self._record(label, beside, row.cells[i])
            index += 1
        return heading

    def _ends_list(self, row: FormRow, filled: list[FormCell], heading: str | None) -> bool:
        if row.whole and len(row.cells) == 1 and is_title(filled[0].text):
            return True
        return (self.match(filled[0].text, heading) is not None
                or self.list_header(filled, heading) is not None)

    def _record(self, label: FieldLabel, answer: FormCell | None, label_cell: FormCell) -> None:
        if label.path not in self.found:
            self.order.append(label.path)
        cell = answer if answer is not None and answer.text else None
        at = (cell or answer or label_cell).where.model_copy(update={"header": label_cell.text.strip()})
        self.found.setdefault(label.path, []).append(_Found(label, cell, at))

    def _item(self, spec: ListLabels, columns: Mapping[int, str], row: FormRow) -> None:
        item = _Item()
        for cell in row.cells:
            name = columns.get(cell.column)
            if name is None:
                continue
            # A blank cell is kept as where its field belongs, so a finding that it is missing
            # points at it.
            item.cells[name] = cell.where.model_copy(update={"header": spec.fields[name]})
            if not cell.text:
                continue
            item.values[name] = self._value(None, cell)
            if item.where is None:
                item.where = cell.where
        if item.values:
            self.items.setdefault(spec.path, []).append(item)

    def _value(self, path: str | None, cell: FormCell) -> Any:
        kind = self.known.get(path) if path else None
        text = cell.text.strip()
        if kind == t.BOOL or (isinstance(cell.value, str) and has_ticks(text)):
            value: Any = ticked(text) if has_ticks(text) else cell.value
        else:
            value = cell.value
        if kind == t.TEXT_LIST or isinstance(kind, t.ListType):
            if isinstance(value, str):
                value = [v for v in _LIST_SPLIT.split(value) if v]
        elif isinstance(value, list):
            value = "; ".join(value)
        if isinstance(value, str):
            value = value.strip() or None
        return value

    # -- the form ------------------------------------------------------------------------------
    def forms(self) -> Iterator[RawForm | ReadProblem]:
        self.walk()
        if not self.found and not self.items:
            yield ReadProblem(self._nothing_found(), Location(file=self.file))
            return
        data: dict[str, Any] = {}
        cells: dict[str, Location] = {}
        sections: dict[str, int] = {}
        section_list: list[dict[str, Any]] = []
        problems: list[ReadProblem] = []
        for path in self.order:
            places = self.found[path]
            if len(places) > 1:
                first, again = places[0], places[1]
                problems.append(ReadProblem(
                    f"{path}: the label {first.label.describe()} is on the form twice, at "
                    f"{_place(first.at)} and at {_place(again.at)}; the first is read"
                    + ("" if first.label.under else
                       " (to tell them apart, map it under the heading above it)"),
                    again.at.model_copy(update={"path": path})))
            chosen = places[0]
            if chosen.cell is None:
                continue
            value = self._value(path, chosen.cell)
            if value is None:
                continue
            section = re.match(r"^sections\.([a-z][a-z0-9_]*)\.([a-z_]+)$", path)
            if section:
                name, part = section.groups()
                if name not in sections:
                    sections[name] = len(section_list)
                    section_list.append({"name": name})
                index = sections[name]
                section_list[index][part] = value
                cells.setdefault(f"sections[{index}]", chosen.at)
                cells[f"sections[{index}].{part}"] = chosen.at
                continue
            _set(data, path, value)
            cells[path] = chosen.at
        if section_list:
            data["sections"] = section_list
        for path, listed in self.items.items():
            _set(data, path, [item.values for item in listed])
            for index, item in enumerate(listed):
                if item.where is not None:
                    cells[f"{path}[{index}]"] = item.where
                for name, where in item.cells.items():
                    cells[f"{path}[{index}].{name}"] = where
        form_id = data.get("audit", {}).get("id")
        for problem in problems:
            yield ReadProblem(problem.message, problem.location, None if form_id is None else str(form_id))
        location = cells.get(ID_PATH, Location(file=self.file))
        yield RawForm(data, location, cells)

    def _nothing_found(self) -> str:
        wanted = [item.label for item in self.mapping.fields]
        wanted += [label for spec in self.mapping.lists.values() for label in spec.fields.values()]
        shown = ", ".join(f"'{w}'" for w in wanted[:12]) + (f" and {len(wanted) - 12} more"
                                                           if len(wanted) > 12 else "")
        nearest: list[str] = []
        seen = list(dict.fromkeys(s.strip() for s in self.seen_labels))
        for label in wanted:
            hint = did_you_mean(label, seen)
            if hint and hint not in nearest:
                nearest.append(hint)
        near = (f"; the nearest labels it has are: {', '.join(repr(n) for n in nearest[:8])}" if nearest
                else "; it has no label near any of them")
        if self.mapping.source is None:
            lead = (f"none of the canonical labels was found in {self.what}; if it is a pro forma, "
                    "give a mapping of its labels with --mapping (auditrules map proposes one)")
        else:
            lead = (f"none of the labels of {self.mapping.describe()} was found in {self.what}, so it "
                    "is not the pro forma that mapping reads")
        return f"{lead}. Looked for: {shown}{near}"


def _only(row: FormRow) -> FormCell:
    return next(c for c in row.cells if c.text)


def _answer_below(row: FormRow, below: FormRow) -> bool:
    """On a sheet: a lone label with nothing beside it, and one filled cell in the row below."""
    label = next(c for c in row.cells if c.text)
    beside = [c for c in row.cells if c.column > label.column and c.text]
    return not beside and sum(1 for c in below.cells if c.text) == 1


def _place(where: Location) -> str:
    return where.cell or where.describe()


def _set(data: dict[str, Any], path: str, value: Any) -> None:
    parts = path.split(".")
    for part in parts[:-1]:
        data = data.setdefault(part, {})
    data[parts[-1]] = value


def read_layout(layout: Layout, mapping: FormMapping, options: ReadOptions, file: str,
                what: str) -> Iterator[RawForm | ReadProblem]:
    """The one form a layout holds, by its labels; or problems (labels twice, none found)."""
    return LabelReader(layout, mapping, options, file, what).forms()


__all__ = ["FormCell", "FormPart", "FormRow", "Heading", "LabelReader", "Layout", "has_ticks",
           "read_layout", "ticked"]
