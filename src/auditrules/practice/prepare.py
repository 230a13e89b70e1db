"""The forms for a practice day, before it: one blank pro forma per case with what is already
known filled in, and the list that tells each worker which case is to be audited and when.

What is known: the audit's id, date and type, the audit period (the six months before the day),
the team, the worker, the auditors (when the pairs are given), the child's case reference, and
the legal status that goes with the case's area of work. A Word pro forma is filled from the
council's own template at the places its form mapping names, so `check` reads it back with the
same mapping; a return is the canonical template with one row per case.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..dsl.ast import Duration
from ..errors import InputError
from ..functions.dates import shift
from ..readers.form_mapping import FieldLabel, FormMapping
from ..readers.labels import FormCell, LabelReader, has_ticks
from .cases import Case

STATUS = {"family_support": "early_help", "child_in_need": "cin", "child_protection": "cp",
          "looked_after": "cla", "care_leaver": "care_leaver"}
"""The legal status that goes with each area of work (an initial contact has none)."""
PERIOD_MONTHS = 6


@dataclass
class Prepared:
    """One case's pro forma, as the values known before the day, by form field."""

    case: Case
    values: dict[str, Any]

    @property
    def audit_id(self) -> str:
        return str(self.values["audit.id"])


def known_values(cases: Sequence[Case], day: dt.date) -> list[Prepared]:
    prepared = []
    for case in cases:
        extra = dict(case.extra)
        auditors = [a.strip() for a in re.split(r"\s+and\s+|;", extra.get("Auditors", "")) if a.strip()]
        values: dict[str, Any] = {
            "audit.id": f"A-{day:%Y%m%d}-{case.case_id}",
            "audit.date": day,
            "audit.type": "practice_day",
            "audit.period_start": shift(day, Duration(PERIOD_MONTHS, "month"), -1),
            "audit.period_end": day,
            "audit.team": case.team,
            "audit.practitioner": case.worker,
            "audit.auditors": auditors,
            "child.ref": case.case_id,
            "child.status": STATUS.get(case.area),
            "child.contact_source": case.source,
        }
        prepared.append(Prepared(case, {k: v for k, v in values.items() if v not in (None, [], "")}))
    return prepared


def _shown(value: Any) -> str:
    """A value as a person writes it on a form: 11/12/2025; a list with ';'; 'practice_day' as
    'Practice day' (which the reader reads back as practice_day)."""
    if isinstance(value, dt.date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    text = str(value)
    if re.fullmatch(r"[a-z]+(?:_[a-z]+)+", text):
        return text.replace("_", " ").capitalize()
    return text


@dataclass
class Filled:
    path: Path
    written: list[str] = field(default_factory=list)
    left: list[str] = field(default_factory=list)
    """Fields known but not written, and why."""


class _AnswerFinder(LabelReader):
    """The reader's own walk over a form's labels, keeping the cell each label's answer goes in."""

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.answers: dict[str, FormCell | None] = {}

    def _record(self, label: FieldLabel, answer: FormCell | None, label_cell: FormCell) -> None:
        super()._record(label, answer, label_cell)
        self.answers.setdefault(label.path, answer)


def fill_word(template: Path, mapping: FormMapping, options: Any, prepared: Prepared, out: Path) -> Filled:
    """The council's pro forma with this case's known values in the answer cells of its labels."""
    from docx.table import Table

    from ..readers.word import _W, _blocks, document_layout, open_document

    document = open_document(template, options.limits)
    finder = _AnswerFinder(document_layout(document, str(template)), mapping, options, str(template), "form")
    finder.walk()
    tables = [Table(element, document) for element in _blocks(document.element.body)
              if element.tag == f"{_W}tbl"]
    filled = Filled(out)
    for path, value in prepared.values.items():
        answer = finder.answers.get(path)
        if path not in finder.answers:
            filled.left.append(f"{path}: the form has no label for it" if any(
                item.path == path for item in mapping.fields) else f"{path}: not in the form mapping")
            continue
        if answer is None or answer.where.table is None or answer.where.row is None:
            filled.left.append(f"{path}: no cell beside or below its label to write in")
            continue
        cell = tables[answer.where.table - 1].rows[answer.where.row - 1].cells[answer.column]
        if has_ticks(cell.text):
            ticked = _tick(cell.text, path, value, options)
            if ticked is None:
                filled.left.append(f"{path}: none of its tick boxes reads as '{_shown(value)}'")
                continue
            _write(cell, ticked)
        else:
            _write(cell, _shown(value))
        filled.written.append(path)
    document.save(str(out))
    return filled


def _tick(text: str, path: str, value: Any, options: Any) -> str | None:
    """The tick boxes' text with the box ticked whose label reads as `value` (read as the form's
    reader reads a ticked box: "Child protection" is cp), and every other box clear; None when
    no label does."""
    from ..readers.labels import CHECKED, UNCHECKED
    from ..schema import FormInvalid

    boxes = list(re.finditer(rf"([{CHECKED}{UNCHECKED}])(\s*)([^{CHECKED}{UNCHECKED}]*)", text))
    chosen = None
    for index, box in enumerate(boxes):
        label = re.sub(r"^\d+[.)]?\s+", "", box.group(3).strip(" \t\n:;,/"))
        if not label:
            continue
        data: dict[str, Any] = {}
        node = data
        *parents, last = path.split(".")
        for part in parents:
            node = node.setdefault(part, {})
        node[last] = label
        try:
            form = options._schema().validate(data)
        except FormInvalid:
            continue
        read: Any = form
        for part in path.split("."):
            read = getattr(read, part, None)
        if read == value:
            chosen = index
            break
    if chosen is None:
        return None
    out, last_end = [], 0
    for index, box in enumerate(boxes):
        out.append(text[last_end:box.start()])
        out.append(("\u2612" if index == chosen else "\u2610") + box.group(2) + box.group(3))
        last_end = box.end()
    out.append(text[last_end:])
    return "".join(out)


def _write(cell: Any, text: str) -> None:
    paragraphs = cell.paragraphs
    for extra in paragraphs[1:]:
        extra._p.getparent().remove(extra._p)
    paragraph = paragraphs[0]
    runs = paragraph.runs
    if runs:
        runs[0].text = text
        for run in runs[1:]:
            run._r.getparent().remove(run._r)
    else:
        paragraph.add_run(text)


WORKER_COLUMNS = ("Worker", "Team", "Case ID", "Practice day", "Auditors", "Audit ID", "What to do")


def worker_rows(prepared: Sequence[Prepared], day: dt.date) -> list[list[str]]:
    rows = []
    for item in sorted(prepared, key=lambda p: ((p.case.worker or "").casefold(), p.case.case_id)):
        auditors = item.values.get("audit.auditors", [])
        rows.append([item.case.worker or "(no worker named)", item.case.team or "", item.case.case_id,
                     f"{day:%d/%m/%Y}", "; ".join(auditors), item.audit_id,
                     f"Case {item.case.case_id} is to be audited on {day:%A %d %B %Y}: please bring its "
                     "recording up to date before then and let us know you can attend."])
    return rows


def check_template(path: Path) -> None:
    if path.suffix.lower() != ".docx":
        raise InputError(f"{path}: a pro forma template is a Word document (.docx)")
    if not path.is_file():
        raise InputError(f"{path}: no such template")


__all__ = ["PERIOD_MONTHS", "STATUS", "WORKER_COLUMNS", "Filled", "Prepared", "check_template",
           "fill_word", "known_values", "worker_rows"]
