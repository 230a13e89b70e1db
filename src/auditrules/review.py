"""Reviewing one write-up before sign-off: the form checked, each finding placed beside the field
it points at (with the words it concerns), the strengths worth recognising, and a proposed QA
outcome (agree, amend or return) with its reasons.

This is the content of the review; `reporters/review_page.py` lays it out as a web page.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any, Literal

from .engine import CheckResult, Engine, FormSource
from .errors import InputError, UsageError, did_you_mean
from .house_labels import FLAGGING, Statement, statement_at, statements
from .models import SEVERITIES, AuditForm, Finding, FormError
from .patterns import compiled
from .readers.form_mapping import FormMapping
from .readers.mapping import SheetMapping
from .rules import FormContext
from .scoring import OTHER_SIDE

Outcome = Literal["agree", "amend", "return"]

RETURN_WHEN_TAGGED: tuple[tuple[str, str], ...] = (
    ("evaluative", "a judgement describes the work rather than evaluating it"),
    ("escalation", "poor practice is not escalated to a named senior manager with a timescale"),
    ("analysis-link", "the analysis is not carried through into the agreed actions"),
)
"""Tags whose error or warning findings send a write-up back, one finding being enough, with
what each means. Any error finding sends it back too."""

RECORDED_AS: dict[str, str] = {"agree": "agreed", "amend": "amended", "return": "returned"}
"""The proposal's word as `qa.outcome` records it."""

STRENGTH_TAG = "strength"

# The canonical parts of the pro forma in the order a reader expects them: (page id, title, keys).
CANONICAL_PARTS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("audit-details", "Audit details", ("audit", "child")),
    ("summary", "Summary", ("summary",)),
    ("sections", "Sections", ("sections",)),
    ("assessment", "Assessment", ("assessment",)),
    ("plan-targets", "Plan targets", ("plan_targets",)),
    ("family-feedback", "Family feedback", ("family_feedback",)),
    ("overall-judgement", "Overall judgement", ("overall_judgement",)),
    ("impact-on-child", "Impact on the child", ("impact_on_child",)),
    ("recommendations", "Recommendations", ("recommendations",)),
    ("escalation", "Escalation", ("escalation",)),
    ("qa", "Quality assurance", ("qa",)),
)

FIELD_LABELS: dict[str, str] = {
    "audit": "Audit", "child": "Child", "summary": "Summary", "sections": "Sections",
    "id": "Audit id", "type": "Type of audit", "themes": "Themes", "period_start": "Period from",
    "period_end": "Period to", "auditors": "Auditors", "team": "Team", "practitioner": "Practitioner",
    "ref": "Child's reference", "age_band": "Age band", "status": "Status",
    "contact_source": "Contact source", "name": "Section", "evidence": "Evidence",
    "judgement": "Judgement", "grade": "Grade", "strengths": "Strengths",
    "development": "Development", "analysis": "Analysis", "conclusion": "Conclusion",
    "actions": "Agreed actions", "text": "Text", "owner": "Owner", "due": "Due",
    "measure": "Measure", "how_child_safer": "How the child will be safer",
    "why_change_explained": "Why change is needed, as told to the parents", "from": "From",
    "action": "Action", "completed_on": "Completed on",
    "completion_evidence": "Evidence of completion", "poor_practice": "Poor practice",
    "senior_manager": "Senior manager", "notified_on": "Notified on", "timescale": "Timescale",
    "manager": "Manager", "date": "Date", "outcome": "Outcome", "comments": "Comments",
    "plan_targets": "Plan targets", "family_feedback": "Family feedback",
    "overall_judgement": "Overall judgement", "impact_on_child": "Impact on the child",
    "recommendations": "Recommendations", "escalation": "Escalation", "qa": "Quality assurance",
}
# A field whose meaning depends on the part it is in: (the part's key, the field's key).
_FIELD_LABELS_IN: dict[tuple[str, str], str] = {
    ("audit", "date"): "Date of audit", ("child", "status"): "Legal status",
    ("plan_targets", "text"): "Target", ("actions", "text"): "Action",
    ("family_feedback", "text"): "What they said", ("qa", "date"): "Date of QA",
}
_ITEM_NAMES: dict[str, str] = {
    "sections": "Section", "plan_targets": "Plan target", "actions": "Agreed action",
    "recommendations": "Recommendation", "family_feedback": "Feedback",
}
SECTION_LABELS: dict[str, str] = {
    "assessment": "Assessment", "planning": "Planning", "child_voice": "The child's voice",
    "multi_agency": "Multi-agency working", "management_oversight": "Management oversight",
    "impact": "Impact",
}
_WORDS_SHOWN: dict[str, str] = {
    "cp": "child protection", "cin": "child in need", "cla": "looked after",
}
# Fields holding a word from a set (shown with spaces for underscores), not free text.
_SET_WORDS = {"audit.type", "audit.themes", "child.status", "family_feedback.from",
              "recommendations.status", "qa.outcome"}
_NOTHING_SAID = compiled(r"^\s*(none|nil|n/?a|no|-+)\b[\s\w]{0,20}[.!]?\s*$", re.IGNORECASE)


# ---- choosing and checking the form ---------------------------------------------------------

def choose_form(engine: Engine, sources: Sequence[FormSource], form_id: str | None = None,
                mapping: str | Path | SheetMapping | FormMapping | None = None,
                ) -> tuple[AuditForm, FormContext]:
    """The one form to review, read the engine's normal way: the only form in `sources`, or the
    one whose audit id is `form_id`. Raises UsageError when it is not clear which, or
    InputError when the form cannot be read."""
    read: list[tuple[AuditForm, FormContext]] = []
    errors: list[FormError] = []
    for item in engine.read(sources, engine.read_options(mapping)):
        if isinstance(item, FormError):
            errors.append(item)
        else:
            read.append(item)
    names = ", ".join(str(s) for s in sources)
    ids = list(dict.fromkeys([*(f.audit.id or "(no id)" for f, _ in read),
                              *(e.form or "(no id)" for e in errors)]))
    if form_id is None:
        if len(read) == 1 and not errors:
            return read[0]
        if not read and errors and len(ids) == 1:
            raise InputError(_unreadable(names, errors))
        if not read:
            raise InputError(f"{names}: holds no forms")
        raise UsageError(f"{names}: holds {len(ids)} forms; choose one with --form ID: "
                         + ", ".join(ids))
    chosen = [pair for pair in read if _same_id(pair[0].audit.id, form_id)]
    if len(chosen) == 1:
        return chosen[0]
    if len(chosen) > 1:
        raise UsageError(f"{names}: {len(chosen)} forms have the audit id '{form_id}'; give each "
                         "form its own id")
    failed = [e for e in errors if _same_id(e.form, form_id)]
    if failed:
        raise InputError(_unreadable(names, failed))
    suggestion = did_you_mean(form_id, [i for i in ids if i != "(no id)"])
    raise UsageError(f"{names}: no form has the audit id '{form_id}'"
                     + (f"; did you mean '{suggestion}'?" if suggestion else "")
                     + f" The forms are: {', '.join(ids)}")


def _same_id(found: str | None, wanted: str) -> bool:
    return found is not None and found.strip().casefold() == wanted.strip().casefold()


def _unreadable(names: str, errors: Sequence[FormError]) -> str:
    lines = [f"{names}: the form {errors[0].form or ''} could not be read:".replace("  ", " ")]
    for error in errors:
        where = error.location.model_copy(update={"path": ""}).describe()
        lines.append(f"  {where}: {error.message}")
    return "\n".join(lines)


def check_form(engine: Engine, chosen: tuple[AuditForm, FormContext]) -> CheckResult:
    """The check of one form, the same as `check` gives for it."""
    return engine.check([chosen])


def default_output(source: Path, form_id: str | None = None) -> Path:
    """Where the page goes when no --output is given: beside the input, named after it (and
    after the audit id when one was chosen from several forms): `FORM.review.html`."""
    base = source.name if source.is_dir() else source.stem
    if form_id:
        base = f"{base}.{re.sub(r'[^A-Za-z0-9_-]+', '-', form_id.strip()).strip('-') or 'form'}"
    return source.parent / f"{base}.review.html"


# ---- the write-up, part by part, with each finding placed ------------------------------------

@dataclass
class Placed:
    """A finding as the page shows it: numbered in reading order, and where it sits."""

    number: int
    finding: Finding
    path: str
    """The field it sits beside: the one it points at, or the nearest list or block holding
    it when that field is not on the form; "" when it concerns the form as a whole."""
    place: str
    """That place in words ("Plan target 2: owner")."""
    missing: bool = False
    """The field it sits beside is empty: the finding is about something missing."""
    statement: Statement | None = None
    """The statement a text check flagged (error or warning), which the lead manager may mark
    right or wrong for a labels file; None for other findings."""


@dataclass
class Field:
    """One field of the write-up (or a whole list or block, for findings about all of it)."""

    path: str
    label: str
    value: Any
    place: str
    whole: bool = False
    findings: list[Placed] = field(default_factory=list)
    marks: list[tuple[int, int, int]] = field(default_factory=list)
    """Highlighted words: (start, end, finding number) in `text`."""

    @property
    def text(self) -> str:
        return show_value(self.path, self.value)

    @property
    def empty(self) -> bool:
        return _is_empty(self.value)


@dataclass
class Group:
    """A section, an item of a list, or a block, with its fields."""

    path: str
    title: str
    children: list[Field | Group] = field(default_factory=list)


@dataclass
class Part:
    """A part of the pro forma as the page shows it."""

    id: str
    title: str
    children: list[Field | Group] = field(default_factory=list)
    theme: bool = False


@dataclass(frozen=True)
class Reason:
    text: str
    findings: tuple[int, ...] = ()
    """Numbers of the findings behind it."""


@dataclass(frozen=True)
class Proposal:
    """The QA outcome the findings point to, and why."""

    outcome: Outcome
    reasons: tuple[Reason, ...]
    recorded: str | None = None
    """`qa.outcome` as the form records it."""

    @property
    def agrees_with_record(self) -> bool | None:
        return None if self.recorded is None else RECORDED_AS[self.outcome] == self.recorded


@dataclass(frozen=True)
class Strength:
    """Something worth recognising in a letter to staff."""

    where: str
    text: str
    finding: int | None = None
    """The number of the strength finding it comes from; None for the auditors' own words."""


@dataclass
class Review:
    """Everything the review page shows."""

    form: AuditForm
    context: FormContext
    result: CheckResult
    parts: list[Part]
    findings: list[Placed]
    """Every finding, numbered in the order the page shows them."""
    unplaced: list[Placed]
    proposal: Proposal
    strengths: list[Strength]
    by_section: list[tuple[str, dict[str, int]]]

    @property
    def form_id(self) -> str:
        return self.form.audit.id or "(no audit id)"


def build_review(form: AuditForm, context: FormContext, result: CheckResult,
                 scored: Mapping[str, str] | None = None) -> Review:
    """Lay out `form` part by part, place each of `result`'s findings beside its field, and
    work out the strengths and the proposed QA outcome. A finding at error or warning of a rule
    in `scored` (rule id to the kind of statement the scorer reads for it: see
    `catalogue.scored_kind`) carries the statement it is about, so the page can ask whether the
    finding was right."""
    said = list(statements(form))
    kinds = scored or {}

    def statement_of(finding: Finding) -> Statement | None:
        kind = kinds.get(finding.rule)
        if kind is None or finding.severity not in FLAGGING:
            return None
        return next((s for s in said if s.kind == kind and statement_at(finding.location.path, s)), None)

    data = form.model_dump(by_alias=True)
    anchors = [anchor_path(data, f.location.path) for f in result.findings]
    waiting: dict[str, list[int]] = {}
    for index, path in enumerate(anchors):
        waiting.setdefault(path, []).append(index)
    builder = _Builder(data, waiting)
    parts = builder.parts()
    placed: list[Placed] = []
    number_of: dict[int, int] = {}
    for row in builder.rows:
        for index in builder.taken.get(row.path, ()):
            number_of[index] = len(placed) + 1
            item = Placed(len(placed) + 1, result.findings[index], row.path, row.place,
                          missing=row.empty, statement=statement_of(result.findings[index]))
            placed.append(item)
            row.findings.append(item)
    unplaced = []
    for index, finding in enumerate(result.findings):
        if index not in number_of:
            number_of[index] = len(placed) + 1
            item = Placed(len(placed) + 1, finding, "", "The form as a whole",
                          statement=statement_of(finding))
            placed.append(item)
            unplaced.append(item)
    _highlight(builder.rows)
    return Review(form=form, context=context, result=result, parts=parts, findings=placed,
                  unplaced=unplaced, proposal=propose(placed, form.qa.outcome),
                  strengths=strengths(form, placed), by_section=count_by_section(placed))


_STEP = compiled(r"([^.\[\]]+)|\[(\d+)\]")


def path_steps(path: str) -> list[str | int]:
    """`assessment.actions[1].text` as ["assessment", "actions", 1, "text"]."""
    return [int(index) if index else name for name, index in _STEP.findall(path)]


def join_path(steps: Iterable[str | int]) -> str:
    out = ""
    for step in steps:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else step)
    return out


def anchor_path(data: Any, path: str) -> str:
    """The deepest part of the form's data that `path` reaches: the field itself, or the
    nearest list or block holding it; "" for the form as a whole."""
    reached: list[str | int] = []
    here = data
    for step in path_steps(path):
        into_block = isinstance(step, str) and isinstance(here, dict) and step in here
        into_item = (isinstance(step, int) and isinstance(here, list) and step < len(here)
                     and isinstance(here[step], dict))
        if not (into_block or into_item):
            break
        here = here[step]
        reached.append(step)
    return join_path(reached)


def label_of(key: str, parent: str | None = None) -> str:
    if parent is not None and (parent, key) in _FIELD_LABELS_IN:
        return _FIELD_LABELS_IN[(parent, key)]
    return FIELD_LABELS.get(key) or key.replace("_", " ").capitalize()


def section_label(name: str | None) -> str:
    if not name:
        return "Section"
    return SECTION_LABELS.get(name) or name.replace("_", " ").capitalize()


def _is_empty(value: Any) -> bool:
    if value is None or value == "" or value == []:
        return True
    return isinstance(value, dict) and all(_is_empty(v) for v in value.values())


def show_value(path: str, value: Any) -> str:
    """A field's value as a reader expects it: dates in words, yes/no, lists joined."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.datetime):
        return f"{value.day} {value:%B %Y %H:%M}"
    if isinstance(value, dt.date):
        return f"{value.day} {value:%B %Y}"
    general = re.sub(r"\[\d+\]", "", path)
    if isinstance(value, list):
        return "; ".join(show_value(general, v) for v in value)
    text = str(value)
    if general in _SET_WORDS:
        return _WORDS_SHOWN.get(text, text.replace("_", " "))
    return text


class _Builder:
    """Walks a form's data in the canonical order, making a row for each field and taking the
    findings waiting at each row's path."""

    def __init__(self, data: dict[str, Any], waiting: dict[str, list[int]]):
        self.data = data
        self.waiting = waiting
        self.rows: list[Field] = []
        self.taken: dict[str, list[int]] = {}

    def _has_findings_under(self, path: str) -> bool:
        return any(p == path or p.startswith(path + ".") or p.startswith(path + "[")
                   for p in self.waiting)

    def parts(self) -> list[Part]:
        parts: list[Part] = []
        canonical: set[str] = set()
        for part_id, title, keys in CANONICAL_PARTS:
            part = Part(part_id, title)
            for key in keys:
                canonical.add(key)
                value = self.data.get(key)
                if len(keys) > 1:
                    part.children.append(Group(key, label_of(key),
                                               self._block(key, value, label_of(key), key)))
                else:
                    part.children.extend(self._content(key, key, value, None, title))
            parts.append(part)
        for key, value in self.data.items():
            if key in canonical or (_is_empty(value) and not self._has_findings_under(key)):
                continue
            title = label_of(key)
            part = Part(f"theme-{re.sub(r'[^a-z0-9]+', '-', key.lower())}", title, theme=True)
            part.children.extend(self._content(key, key, value, None, title))
            parts.append(part)
        return parts

    def _row(self, path: str, label: str, value: Any, place: str, whole: bool = False) -> Field:
        row = Field(path, label, value, place, whole=whole)
        self.rows.append(row)
        if path in self.waiting:
            self.taken[path] = self.waiting.pop(path)
        return row

    def _content(self, path: str, key: str, value: Any, parent: str | None,
                 place: str) -> list[Field | Group]:
        """The rows for one field, block or list."""
        if isinstance(value, dict):
            return self._block(path, value, place, key)
        if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            rows: list[Field | Group] = []
            if path in self.waiting:
                rows.append(self._row(path, label_of(key, parent), value, place, whole=True))
            for index, item in enumerate(value):
                title = self._item_title(key, index, item)
                item_path = f"{path}[{index}]"
                rows.append(Group(item_path, title, self._block(item_path, item, title, key)))
            return rows
        return [self._row(path, label_of(key, parent), value, place)]

    def _block(self, path: str, block: Any, place: str, key: str) -> list[Field | Group]:
        """The rows of a block (a part, a section, an item of the list `key`)."""
        rows: list[Field | Group] = []
        if not isinstance(block, dict) or _is_empty(block) or path in self.waiting:
            rows.append(self._row(path, place, block if isinstance(block, dict) else None, place,
                                  whole=True))
        if not isinstance(block, dict):
            return rows
        for name, value in block.items():
            sub = f"{path}.{name}"
            if name in _TITLE_FIELDS.get(key, ()) and sub not in self.waiting:
                continue  # shown as the item's title
            label = label_of(name, key)
            if isinstance(value, dict) or (isinstance(value, list) and value
                                           and all(isinstance(v, dict) for v in value)):
                rows.append(Group(sub, label, self._content(sub, name, value, key,
                                                            f"{place}: {label.lower()}")))
            else:
                rows.append(self._row(sub, label, value, f"{place}: {label.lower()}"))
        return rows

    @staticmethod
    def _item_title(key: str, index: int, item: dict[str, Any]) -> str:
        if key == "sections":
            return section_label(item.get("name")) if item.get("name") else f"Section {index + 1}"
        if key == "family_feedback" and item.get("from"):
            return f"Feedback {index + 1}, from the {item['from']}"
        name = _ITEM_NAMES.get(key) or label_of(key).rstrip("s")
        return f"{name} {index + 1}"


_TITLE_FIELDS: dict[str, tuple[str, ...]] = {"sections": ("name",), "family_feedback": ("from",)}


# ---- highlighting the words a finding concerns -----------------------------------------------

_QUOTED = compiled(r"(?<![^\s(\[])'([^'\n]{1,80}?)'(?![^\s,.;:)\]])")


def phrases(finding: Finding) -> list[str]:
    """The words a finding concerns: its evidence (parts joined by ' … ') and the words its
    reasons quote."""
    found: list[str] = []
    if finding.evidence:
        for part in finding.evidence.split(" … "):
            part = part.strip().rstrip("…").strip()
            if part:
                found.append(part)
    for reason in finding.reasons:
        # A scorer's explanation quotes words that weighed against the finding too: not those.
        reason = reason.split(OTHER_SIDE)[0]
        found.extend(q.strip() for q in _QUOTED.findall(reason) if q.strip())
    return list(dict.fromkeys(found))


def find_phrase(text: str, phrase: str) -> list[tuple[int, int]]:
    """Where `phrase` occurs in `text` as whole words, ignoring case and spacing."""
    words = phrase.split()
    if not words:
        return []
    pattern = r"\s+".join(re.escape(w) for w in words)
    if re.match(r"\w", phrase):
        pattern = r"(?<!\w)" + pattern
    if re.search(r"\w$", phrase):
        pattern += r"(?!\w)"
    return [(m.start(), m.end()) for m in re.finditer(pattern, text, flags=re.IGNORECASE)]


def _parent(path: str) -> str:
    steps = path_steps(path)
    return join_path(steps[:-1]) if steps else ""


def _highlight(rows: Sequence[Field]) -> None:
    """Mark each finding's words in its own field; when its field is empty or does not hold
    them, in the other fields of the same item. Only words picked out are marked: evidence
    that quotes a field's whole text marks nothing."""
    by_parent: dict[str, list[Field]] = {}
    for row in rows:
        if not row.whole:
            by_parent.setdefault(_parent(row.path), []).append(row)
    for row in rows:
        for placed in row.findings:
            wanted = phrases(placed.finding)
            own = [] if row.whole or not isinstance(row.value, str) else [
                (start, end) for phrase in wanted if not _whole(phrase, row.value)
                for start, end in find_phrase(row.value, phrase)]
            row.marks.extend((start, end, placed.number) for start, end in own)
            if row.whole or (isinstance(row.value, str)
                             and any(find_phrase(row.value, phrase) for phrase in wanted)):
                continue
            for sibling in by_parent.get(_parent(row.path), ()):
                if sibling is row or not isinstance(sibling.value, str):
                    continue
                for phrase in wanted:
                    if _whole(phrase, sibling.value):
                        continue
                    sibling.marks.extend((start, end, placed.number)
                                         for start, end in find_phrase(sibling.value, phrase))
    for row in rows:
        row.marks = sorted(set(row.marks))


def _whole(phrase: str, text: str) -> bool:
    return " ".join(phrase.split()).casefold() == " ".join(text.split()).casefold()


def segments(text: str, marks: Sequence[tuple[int, int, int]]) -> list[tuple[str, tuple[int, ...]]]:
    """`text` cut where highlights start and end: each piece with the findings marking it."""
    cuts = sorted({0, len(text), *(s for s, _, _ in marks), *(e for _, e, _ in marks)})
    out: list[tuple[str, tuple[int, ...]]] = []
    for start, end in pairwise(cuts):
        numbers = tuple(sorted({n for s, e, n in marks if s <= start and end <= e}))
        out.append((text[start:end], numbers))
    return [piece for piece in out if piece[0]]


# ---- the QA proposal, strengths and counts ---------------------------------------------------

def propose(findings: Sequence[Placed], recorded: str | None = None) -> Proposal:
    """Return when any error finding, or any error or warning tagged as in RETURN_WHEN_TAGGED,
    remains; amend when only other warnings remain; agree when nothing but information
    findings (such as strengths) remain."""
    concerns = [p for p in findings if p.finding.severity in ("error", "warning")
                and STRENGTH_TAG not in p.finding.tags]
    errors = [p for p in concerns if p.finding.severity == "error"]
    reasons: list[Reason] = []
    if errors:
        reasons.append(Reason(f"{_count(len(errors), 'error finding')}: a part is missing or "
                              f"wrong ({_rules(errors)})", _numbers(errors)))
    for tag, meaning in RETURN_WHEN_TAGGED:
        tagged = [p for p in concerns if tag in p.finding.tags]
        if tagged:
            reasons.append(Reason(f"{meaning}: {_count(len(tagged), 'finding')} "
                                  f"({_places(tagged)})", _numbers(tagged)))
    if reasons:
        return Proposal("return", tuple(reasons), recorded)
    warnings = [p for p in concerns if p.finding.severity == "warning"]
    if warnings:
        return Proposal("amend", (Reason(
            f"{_count(len(warnings), 'warning')} to put right, none of them a reason to send "
            f"the write-up back ({_rules(warnings)})", _numbers(warnings)),), recorded)
    infos = [p for p in findings if p.finding.severity == "info"]
    said = "no error or warning findings"
    if infos:
        said += f"; {_count(len(infos), 'information finding')} to note"
    return Proposal("agree", (Reason(said, _numbers(infos)),), recorded)


def _count(n: int, what: str) -> str:
    return f"{n} {what}{'' if n == 1 else 's'}"


def _numbers(items: Sequence[Placed]) -> tuple[int, ...]:
    return tuple(p.number for p in items)


def _rules(items: Sequence[Placed]) -> str:
    counted = Counter(p.finding.rule for p in items)
    return ", ".join(f"{rule} ×{n}" if n > 1 else rule for rule, n in counted.items())


def _places(items: Sequence[Placed]) -> str:
    return "; ".join(dict.fromkeys(p.place for p in items))


def strengths(form: AuditForm, findings: Sequence[Placed]) -> list[Strength]:
    """The strength findings, worded to be lifted into a letter to staff, then the auditors'
    own strengths for each section."""
    out: list[Strength] = []
    for placed in findings:
        if STRENGTH_TAG not in placed.finding.tags:
            continue
        text = re.sub(r"^\s*worth recognising\s*:\s*", "", placed.finding.message, flags=re.IGNORECASE)
        out.append(Strength(placed.place, text[:1].upper() + text[1:], placed.number))
    for section in form.sections:
        if section.strengths and not _NOTHING_SAID.match(section.strengths):
            out.append(Strength(f"{section_label(section.name)} (the auditors' words)",
                                section.strengths))
    return out


def count_by_section(findings: Sequence[Placed]) -> list[tuple[str, dict[str, int]]]:
    """Findings by severity for each section or part of the form, in the order first met."""
    counts: dict[str, Counter[str]] = {}
    for placed in findings:
        name = placed.finding.location.section
        label = (SECTION_LABELS.get(name) or label_of(name)) if name else "The form as a whole"
        counts.setdefault(label, Counter())[placed.finding.severity] += 1
    return [(label, {s: c[s] for s in SEVERITIES}) for label, c in counts.items()]
