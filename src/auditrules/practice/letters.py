"""Letters after a practice day: recognition of good work, one per practitioner, quoting what the
auditors found strong in their cases; and chasers for recommendations overdue, one per owner.

Each letter is a Word document filled from a template a council can change: its own letterhead,
wording and signature, with placeholders in braces where the letter's details go. A paragraph
that holds only `{strengths}` (or `{recommendations}`) becomes one paragraph per item, in that
paragraph's style. `write_templates` writes the bundled templates to start from.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..models import AuditForm, Finding
from ..patterns import compiled
from ..readers.form_mapping import FormMapping
from ..readers.mapping import SheetMapping
from ..results import CheckResult
from ..rules import value_at
from ..tracking import Tracker

RECOGNITION = "recognition"
CHASER = "chaser"

PLACEHOLDERS: dict[str, tuple[str, ...]] = {
    RECOGNITION: ("date", "practitioner", "team", "cases", "strengths", "signed_by"),
    CHASER: ("date", "owner", "as_of", "count", "recommendations", "signed_by"),
}
"""The placeholders each kind of letter fills; a template may use any of its kind's."""
LISTS = {RECOGNITION: "strengths", CHASER: "recommendations"}

_DEFAULT_TEXT: dict[str, tuple[tuple[str, str], ...]] = {
    RECOGNITION: (
        ("Title", "Recognition of good practice"),
        ("Normal", "{date}"),
        ("Normal", "Dear {practitioner},"),
        ("Normal", "At the recent audit of practice, the auditors looked at your work with "
                   "{cases} ({team}). We want to thank you for it, and to share what they found "
                   "strong:"),
        ("List Bullet", "{strengths}"),
        ("Normal", "Good practice like this makes a difference to the children we work with, and "
                   "it helps others learn. Thank you."),
        ("Normal", "Yours sincerely,"),
        ("Normal", "{signed_by}"),
    ),
    CHASER: (
        ("Title", "Recommendations from the audit of practice"),
        ("Normal", "{date}"),
        ("Normal", "Dear {owner},"),
        ("Normal", "As of {as_of}, these recommendations from the audit of practice, held by you, "
                   "are past their due date and not yet confirmed complete ({count} in all):"),
        ("List Bullet", "{recommendations}"),
        ("Normal", "Please confirm in writing that each is complete, with the evidence that it "
                   "was done, or say when it will be."),
        ("Normal", "Yours sincerely,"),
        ("Normal", "{signed_by}"),
    ),
}

_PLACEHOLDER = compiled(r"\{([A-Za-z_]+)\}")


@dataclass
class Letter:
    kind: str
    to: str
    values: dict[str, str]
    items: list[str] = field(default_factory=list)

    @property
    def file_name(self) -> str:
        slug = re.sub(r"[^A-Za-z0-9]+", "-", self.to).strip("-").lower() or "letter"
        return f"{self.kind}-{slug}.docx"


def recognition_letters(reviewed: Iterable[Reviewed], signed_by: str, today: dt.date) -> list[Letter]:
    """One letter per practitioner with strengths, in the order of the forms; the auditors' own
    words are shown in quotation marks."""
    by_person: dict[str, Letter] = {}
    cases: dict[str, list[str]] = {}
    teams: dict[str, list[str]] = {}
    for review in reviewed:
        form, strengths = review.form, review.strengths
        if not strengths:
            continue
        person = (form.audit.practitioner or "").strip() or "the allocated worker"
        key = " ".join(person.casefold().split())
        letter = by_person.setdefault(key, Letter(RECOGNITION, person, {}))
        audit = form.audit.id or "(no audit id)"
        cases.setdefault(key, []).append(audit)
        if form.audit.team:
            teams.setdefault(key, []).append(form.audit.team)
        for where, words, quoted in strengths:
            item = f"{where}, {audit}: " + (f"\u201c{words}\u201d" if quoted else words)
            if item not in letter.items:
                letter.items.append(item)
    for key, letter in by_person.items():
        named = list(dict.fromkeys(cases[key]))
        letter.values = {
            "date": _long_date(today), "practitioner": letter.to,
            "cases": ("case " if len(named) == 1 else "cases ") + _and(named),
            "team": _and(list(dict.fromkeys(teams.get(key, [])))) or "your team",
            "signed_by": signed_by}
    return list(by_person.values())


def chaser_letters(tracker: Tracker, signed_by: str, today: dt.date) -> list[Letter]:
    """One letter per owner holding recommendations overdue on the day tracked as of."""
    letters = []
    for group in tracker.owners:
        overdue = [r for r in group.recommendations if r.overdue]
        if not overdue:
            continue
        items = []
        for item in overdue:
            due = _long_date(item.due) if isinstance(item.due, dt.date) else str(item.due or "no date")
            days = item.days_overdue
            late = f", {days} day{'' if days == 1 else 's'} overdue" if days is not None else ""
            items.append(f"{item.form}: {item.action or '(no action written)'} (due {due}{late})")
        letters.append(Letter(CHASER, group.owner, {
            "date": _long_date(today), "owner": group.owner, "as_of": _long_date(tracker.as_of),
            "count": str(len(overdue)), "signed_by": signed_by}, items))
    return letters


def _long_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _and(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1] if names else ""


def default_template(kind: str) -> bytes:
    """The bundled template for a kind of letter, as the bytes of a Word document."""
    import docx

    document = docx.Document()
    for style, text in _DEFAULT_TEXT[kind]:
        document.add_paragraph(text, style=style)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def write_templates(folder: Path) -> list[Path]:
    written = []
    for kind in (RECOGNITION, CHASER):
        target = folder / f"{kind}-template.docx"
        target.write_bytes(default_template(kind))
        written.append(target)
    return written


def load_template(path: Path, kind: str) -> bytes:
    """A council's template, checked: it opens as a Word document and uses only this kind's
    placeholders."""
    from ..readers.archive import check_archive

    if not path.is_file():
        raise InputError(f"{path}: no such template")
    check_archive(path, "docx")  # no zip or entity bomb reaches the Word reader
    data = path.read_bytes()
    document = _open(data, path)
    unknown = sorted({name for paragraph in _paragraphs(document)
                      for name in _PLACEHOLDER.findall(paragraph.text)} - set(PLACEHOLDERS[kind]))
    if unknown:
        raise InputError(f"{path}: the {kind} template uses {', '.join('{' + n + '}' for n in unknown)}, "
                         f"which a {kind} letter does not fill (it fills "
                         f"{', '.join('{' + n + '}' for n in PLACEHOLDERS[kind])})")
    return data


def _open(data: bytes, path: Path | None = None) -> Any:
    import docx

    try:
        return docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several kinds for a file that is not a document
        raise InputError(f"{path}: cannot open this as a Word (.docx) template ({type(exc).__name__})") \
            from None


def fill(template: bytes, letter: Letter) -> Any:
    """The template, opened afresh, with the letter's details in place of its placeholders."""
    document = _open(template)
    listed = "{" + LISTS[letter.kind] + "}"
    for paragraph in list(_paragraphs(document)):
        text = paragraph.text
        if text.strip() == listed:
            for item in letter.items:
                new = copy.deepcopy(paragraph._p)
                paragraph._p.addprevious(new)
                _set_text(_paragraph_of(new, paragraph), item)
            paragraph._p.getparent().remove(paragraph._p)
        elif _PLACEHOLDER.search(text):
            _set_text(paragraph, _PLACEHOLDER.sub(lambda m: _value(letter.values, m), text))
    return document


def _value(values: Mapping[str, str], match: re.Match[str]) -> str:
    return values.get(match.group(1), match.group(0))


def _paragraph_of(element: Any, like: Any) -> Any:
    from docx.text.paragraph import Paragraph

    return Paragraph(element, like._parent)


def _set_text(paragraph: Any, text: str) -> None:
    """The paragraph's words replaced, keeping the look of its first run."""
    runs = paragraph.runs
    if not runs:
        paragraph.add_run(text)
        return
    runs[0].text = text
    for run in runs[1:]:
        run._r.getparent().remove(run._r)


def _paragraphs(document: Any) -> Iterator[Any]:
    """Every paragraph: the body, its tables (and tables in them), headers and footers."""
    yield from _in(document)
    for section in document.sections:
        for part in (section.header, section.footer):
            yield from _in(part)


def _in(container: Any) -> Iterator[Any]:
    yield from container.paragraphs
    for table in container.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from _in(cell)


@dataclass(frozen=True)
class Reviewed:
    """A form as its review sees it: its findings, and the strengths worth recognising as
    (where, words, quoted), `quoted` when the words are the auditors' own."""

    form: AuditForm
    strengths: list[tuple[str, str, bool]]
    findings: Sequence[Finding]


def review_strengths(engine: Any, sources: Sequence[Path], mapping: SheetMapping | FormMapping | None
                     ) -> tuple[list[Reviewed], list[Any]]:
    """Each form read and checked, with the strengths its review finds: the words of each
    judgement a strength finding points at, and the auditors' own strengths; and the forms not
    read."""
    from ..models import FormError
    from ..review import build_review, check_form

    reviewed: list[Reviewed] = []
    errors = []
    for item in engine.read(sources, engine.read_options(mapping)):
        if isinstance(item, FormError):
            errors.append(item)
            continue
        form, context = item
        result: CheckResult = check_form(engine, (form, context))
        page = build_review(form, context, result)
        data = form.model_dump(by_alias=True)
        quoted: list[tuple[str, str, bool]] = []
        for strength in page.strengths:
            if strength.finding is None:
                quoted.append((strength.where, strength.text, True))
                continue
            finding = page.findings[strength.finding - 1].finding
            words = value_at(data, finding.location.path)
            if isinstance(words, dict):
                words = words.get("text") or words.get("judgement")
            # The auditors' words where the strength points at one text; else what was found.
            if isinstance(words, str) and words.strip():
                quoted.append((strength.where.split(":")[0], words.strip(), True))
            else:
                quoted.append((strength.where.split(":")[0], strength.text, False))
        reviewed.append(Reviewed(form, quoted, list(result.findings)))
        errors.extend(result.errors)
    return reviewed, errors


__all__ = [
    "CHASER",
    "PLACEHOLDERS",
    "RECOGNITION",
    "Letter",
    "Reviewed",
    "chaser_letters",
    "default_template",
    "fill",
    "load_template",
    "recognition_letters",
    "review_strengths",
    "write_templates",
]
