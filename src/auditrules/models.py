"""The canonical pro forma and the records the engine produces about it.

Every part of a form is optional: auditors submit partial write-ups and a rule set decides what
is missing. Unknown fields are refused, so a misspelt column or key is caught, not ignored.
"""

from __future__ import annotations

import datetime as dt
import re
import typing
from functools import cache
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationInfo, field_validator

from .levels import SEVERITIES as SEVERITIES
from .patterns import compiled

Severity = Literal["error", "warning", "info"]

_UK_DATE = compiled(
    r"^\s*(\d{1,2})[/.](\d{1,2})[/.](\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*$"
)


def _uk_date(value: str) -> Any:
    """Accept DD/MM/YYYY (how councils write dates), with an optional time, besides ISO dates."""
    match = _UK_DATE.match(value)
    if not match:
        return value
    day, month, year, hour, minute, second = match.groups()
    try:
        if hour is None:
            return dt.date(int(year), int(month), int(day))
        return dt.datetime(int(year), int(month), int(day), int(hour), int(minute), int(second or 0))
    except ValueError:
        return value


def read_date(value: Any) -> dt.date | None:
    """A date as a council writes one in a list: a date (or a date and time) from a workbook,
    YYYY-MM-DD or DD/MM/YYYY as the form reads them; None when it is not one."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    read = _uk_date(text)
    if isinstance(read, dt.date):
        return read.date() if isinstance(read, dt.datetime) else read
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None


def _holds(annotation: Any, kinds: tuple[type, ...]) -> bool:
    """Whether a field's type is (or is optionally) one of `kinds`."""
    if isinstance(annotation, type):
        return issubclass(annotation, kinds)
    return any(_holds(arg, kinds) for arg in typing.get_args(annotation))


def _word(synonyms: dict[str, str] | None = None) -> BeforeValidator:
    """Normalise an enumerated word: case, spaces and hyphens, and common synonyms."""

    def normalise(value: Any) -> Any:
        if not isinstance(value, str):
            return value
        word = re.sub(r"[\s\-]+", "_", value.strip().lower())
        if not word:
            return None
        return (synonyms or {}).get(word, word)

    return BeforeValidator(normalise)


Date = dt.date | None
Text = str | None

_WRITTEN_DATE_FORMATS = ("%d %B %Y", "%d %b %Y", "%B %d %Y", "%d %B, %Y")


def _due_as_written(value: Any) -> Any:
    """A due date, or the timescale exactly as written when it is not one ("ongoing", "by the
    next review"), so that a rule can say why it is not a timescale instead of the form being
    refused."""
    if isinstance(value, dt.datetime):
        return value.date()
    if not isinstance(value, str):
        return value
    text = value.strip()
    if not text:
        return None
    if not any(character.isdigit() for character in text):
        return text  # every way a date is written has a day or a year in figures
    parsed = _uk_date(text)
    if isinstance(parsed, dt.datetime):
        return parsed.date()
    if isinstance(parsed, dt.date):
        return parsed
    try:
        return dt.datetime.fromisoformat(text).date()
    except ValueError:
        pass
    cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text)
    for pattern in _WRITTEN_DATE_FORMATS:
        try:
            return dt.datetime.strptime(cleaned, pattern).date()
        except ValueError:
            continue
    return text


Due = Annotated[dt.date | str | None, BeforeValidator(_due_as_written)]
"""When something is due: a date, or the timescale as written."""

AuditType = Annotated[
    Literal["practice_day", "thematic", "spot_check", "multi_agency"] | None,
    _word({"practice_audit_day": "practice_day", "spot": "spot_check"}),
]
ChildStatus = Annotated[
    Literal["early_help", "cin", "cp", "cla", "care_leaver"] | None,
    _word(
        {
            "child_in_need": "cin",
            "child_protection": "cp",
            "looked_after": "cla",
            "child_looked_after": "cla",
            "looked_after_child": "cla",
            "child_in_care": "cla",
        }
    ),
]
Theme = Annotated[str, _word({"strategy_discussions": "strategy_discussion", "da": "domestic_abuse"})]
"""A theme word, read generously: "Domestic abuse" is `domestic_abuse`."""
FeedbackFrom = Annotated[Literal["child", "parent", "carer"] | None, _word()]
RecommendationStatus = Annotated[Literal["open", "complete", "overdue"] | None, _word(
    {"completed": "complete", "done": "complete", "in_progress": "open", "not_started": "open",
     "started": "open", "ongoing": "open"}
)]
QAOutcome = Annotated[Literal["agreed", "amended", "returned"] | None, _word(
    {"agree": "agreed", "amend": "amended", "return": "returned"}
)]

GRADE_WORDS: tuple[str, ...] = ("outstanding", "good", "requires improvement", "inadequate")
"""Ofsted's four grade words. A section's grade is kept as written so that a rule can flag a
number or an unknown word in it, instead of the form being refused."""

SECTION_NAMES: tuple[str, ...] = (
    "assessment",
    "planning",
    "child_voice",
    "multi_agency",
    "management_oversight",
    "impact",
)

SECTION_WORDS: dict[str, str] = {
    "child_voice": "child's voice",
    "multi_agency": "multi-agency",
    "management_oversight": "management oversight",
}
"""How a section's name reads in a sentence, where it is not the name with spaces for
underscores."""


def section_words(name: str) -> str:
    """A section's name as it reads in a sentence: `child_voice` -> "child's voice", a theme's
    `domestic_abuse` -> "domestic abuse"."""
    return SECTION_WORDS.get(name, name.replace("_", " "))


class Block(BaseModel):
    """Base for every part of the form (and for plugins' blocks): unknown fields are refused,
    blank text is empty, and dates may be written DD/MM/YYYY."""

    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=True,
        coerce_numbers_to_str=True,
        str_strip_whitespace=True,
    )

    @field_validator("*", mode="before")
    @classmethod
    def _read_as_written(cls, value: Any, info: ValidationInfo) -> Any:
        if not isinstance(value, str) or info.field_name is None:
            return value
        blank_is_none, dated = _text_handling(cls)[info.field_name]
        if blank_is_none and not value.strip():
            return None
        if dated:
            return _uk_date(value)
        return value


    @field_validator("*", mode="before")
    @classmethod
    def _spreadsheet_dates(cls, value: Any, info: ValidationInfo) -> Any:
        """Spreadsheets give dates as date-times or as serial day numbers (45412 is 30/04/2024)."""
        if isinstance(value, bool) or not isinstance(value, int | float | dt.datetime) \
                or info.field_name is None:
            return value
        annotation = cls.model_fields[info.field_name].annotation
        if not _holds(annotation, (dt.date,)):
            return value
        wants_time = _holds(annotation, (dt.datetime,))
        if isinstance(value, dt.datetime):
            return value if wants_time else value.date()
        if not 1 <= value < 2958466:  # Excel's own range of dates
            return value
        moment = _EXCEL_EPOCH + dt.timedelta(days=value)
        return moment if wants_time else moment.date()


_EXCEL_EPOCH = dt.datetime(1899, 12, 30)


@cache
def _text_handling(model: type[BaseModel]) -> dict[str, tuple[bool, bool]]:
    """For each field of a block: whether blank text is read as nothing, and whether text may
    be a date (worked out once per block class, not for every value read)."""
    return {name: (_holds(info.annotation, (type(None),)), _holds(info.annotation, (dt.date,)))
            for name, info in model.model_fields.items()}


class Audit(Block):
    id: Text = None
    date: Date = None
    type: AuditType = None
    themes: list[Theme] = Field(default_factory=list)
    period_start: Date = None
    period_end: Date = None
    auditors: list[str] = Field(default_factory=list)
    team: Text = None
    practitioner: Text = None


class Child(Block):
    ref: Text = None
    age_band: Text = None
    status: ChildStatus = None
    contact_source: Text = None


class Section(Block):
    name: Annotated[Text, _word()] = None
    evidence: Text = None
    judgement: Text = None
    grade: Annotated[Text, BeforeValidator(lambda v: v.lower() if isinstance(v, str) else v)] = None
    strengths: Text = None
    development: Text = None


class Action(Block):
    text: Text = None
    owner: Text = None
    due: Due = None


class Assessment(Block):
    analysis: Text = None
    conclusion: Text = None
    actions: list[Action] = Field(default_factory=list)


class PlanTarget(Block):
    text: Text = None
    owner: Text = None
    due: Due = None
    measure: Text = None
    how_child_safer: Text = None
    why_change_explained: Text = None


class FamilyFeedback(Block):
    from_: FeedbackFrom = Field(default=None, alias="from")
    text: Text = None


class Recommendation(Block):
    action: Text = None
    owner: Text = None
    due: Due = None
    status: RecommendationStatus = None
    completed_on: Date = None
    completion_evidence: Text = None


class Escalation(Block):
    poor_practice: bool | None = None
    senior_manager: Text = None
    notified_on: Date = None
    timescale: Text = None


class QA(Block):
    manager: Text = None
    date: Date = None
    outcome: QAOutcome = None
    comments: Text = None


class AuditForm(Block):
    """One completed audit pro forma, in canonical form."""

    audit: Audit = Field(default_factory=Audit)
    child: Child = Field(default_factory=Child)
    summary: Text = None
    sections: list[Section] = Field(default_factory=list)
    assessment: Assessment = Field(default_factory=Assessment)
    plan_targets: list[PlanTarget] = Field(default_factory=list)
    family_feedback: list[FamilyFeedback] = Field(default_factory=list)
    overall_judgement: Text = None
    impact_on_child: Text = None
    recommendations: list[Recommendation] = Field(default_factory=list)
    escalation: Escalation = Field(default_factory=Escalation)
    qa: QA = Field(default_factory=QA)


class Location(BaseModel):
    """Where a finding or an error points: the form and field, and the cell when known."""

    model_config = ConfigDict(frozen=True)

    path: str = ""
    section: str | None = None
    file: str | None = None
    form_index: int | None = None
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    header: str | None = None
    cell: str | None = None
    table: int | None = None
    """For a Word document: the table's number, counting from 1 in document order (`cell` then
    reads `table 3, row 2`)."""

    def describe(self) -> str:
        """A short human form: `file[2] sections[0].judgement` or `Audits!H17`."""
        where = self.file or ""
        if self.cell:
            where = f"{where}:{self.cell}" if where else self.cell
        elif self.form_index is not None and where:
            where = f"{where}[{self.form_index}]"
        elif self.row is not None and where and self.sheet is None:
            where = f"{where}:{self.row}"  # a line of a text file, such as a waivers file
        if self.path:
            where = f"{where} {self.path}" if where else self.path
        return where or "(form)"


class Finding(BaseModel):
    """One shortfall a rule found in one form."""

    model_config = ConfigDict(frozen=True)

    form: str | None
    rule: str
    ruleset: str
    severity: Severity
    title: str = ""
    tags: tuple[str, ...] = ()
    message: str
    hint: str = ""
    reference: str = ""
    reasons: tuple[str, ...] = ()
    location: Location
    evidence: str | None = None


class Waiver(BaseModel):
    """A lead manager's agreement that one finding on one form may stand, for a reason, until a
    date. `field` or `section` narrow it to findings at that field path (or inside it) or in
    that section; `where` is the waiver's line or row in its file."""

    model_config = ConfigDict(frozen=True)

    form: str
    rule: str
    reason: str
    approver: str
    expires: dt.date
    field: str | None = None
    section: str | None = None
    verdict: Literal["may stand", "finding wrong"] = "may stand"
    """"may stand": the finding is right but agreed for a reason; "finding wrong": the check was
    mistaken about the statement (a label for `auditrules labels export`)."""
    where: Location = Field(default_factory=Location)

    def covers(self, finding: Finding) -> bool:
        """Whether this waiver is about `finding` (its expiry aside)."""
        if finding.rule.casefold() != self.rule.casefold():
            return False
        if (finding.form or "").strip().casefold() != self.form.strip().casefold():
            return False
        path = finding.location.path
        if self.field is not None and not (path == self.field or path.startswith(
                (self.field + ".", self.field + "["))):
            return False
        return self.section is None or (finding.location.section or "") == self.section


class WaivedFinding(BaseModel):
    """A finding a live waiver covers: reported apart, never counted towards the exit code."""

    model_config = ConfigDict(frozen=True)

    finding: Finding
    waiver: Waiver


class FormError(BaseModel):
    """A form (or a whole input file) that could not be read; the rest are still checked."""

    model_config = ConfigDict(frozen=True)

    form: str | None
    message: str
    location: Location


class AuditSummary(BaseModel):
    """Who and where a checked form is, for reports that count by team or auditor and need to
    know the audits that had no findings at all."""

    model_config = ConfigDict(frozen=True)

    form: str | None = None
    team: str | None = None
    auditors: tuple[str, ...] = ()
    practitioner: str | None = None
    type: str | None = None
    location: Location = Field(default_factory=Location)

    @classmethod
    def of(cls, form: AuditForm, location: Location) -> AuditSummary:
        audit = form.audit
        return cls(form=audit.id, team=audit.team, auditors=tuple(audit.auditors),
                   practitioner=audit.practitioner, type=audit.type, location=location)


class RuleSetInfo(BaseModel):
    """Identity of a loaded rule set, recorded in every report."""

    model_config = ConfigDict(frozen=True)

    id: str
    version: str
    title: str
    source: str
    sha256: str
    plugin: str | None = None
