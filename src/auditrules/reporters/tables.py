"""The findings as rows and the counts behind the summaries, shared by the spreadsheet, CSV and
HTML reports so that each shows the same columns and the same numbers."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from ..models import SEVERITIES, AuditSummary, Finding
from ..results import CheckResult

if TYPE_CHECKING:
    import pandas as pd

FINDING_COLUMNS: tuple[str, ...] = (
    "Audit", "Team", "Auditors", "File", "Sheet", "Cell", "Field", "Section", "Rule", "Rule set",
    "Severity", "Tags", "Message", "Why", "Hint", "Evidence", "Reference",
)
"""The columns of a findings table, in order (the spreadsheet's Findings sheet and the CSV)."""

NO_TEAM = "(no team)"
NO_AUDITOR = "(no auditor named)"


class Who(NamedTuple):
    """The team and auditors of a checked audit."""

    team: str | None
    auditors: tuple[str, ...]


class AuditIndex:
    """Finds the checked audit a finding belongs to, for its team and auditors.

    A finding is matched by its form id within the same file first, then by form id alone, so two
    returns that reuse an id are kept apart when their files differ. Only each audit's team and
    auditors are kept (their words stored once), not the audits themselves.
    """

    def __init__(self, audits: Iterable[AuditSummary]):
        self._who: list[Who] = []
        self._by_file: dict[tuple[str | None, str | None], int] = {}
        self._by_id: dict[str | None, int] = {}
        known: dict[Who, Who] = {}
        for index, audit in enumerate(audits):
            who = Who(audit.team, tuple(audit.auditors))
            self._who.append(known.setdefault(who, who))
            self._by_file.setdefault((audit.form, audit.location.file), index)
            self._by_id.setdefault(audit.form, index)

    def index_of(self, finding: Finding) -> int | None:
        found = self._by_file.get((finding.form, finding.location.file))
        if found is None:
            found = self._by_id.get(finding.form)
        return found

    def audit_of(self, finding: Finding) -> Who | None:
        index = self.index_of(finding)
        return None if index is None else self._who[index]


def finding_rows(result: CheckResult) -> Iterator[list[str]]:
    """One row of text per finding, in report order, under FINDING_COLUMNS (made as they are
    read, so a large return's rows are never all held at once)."""
    index = AuditIndex(result.audits)
    return (_finding_row(finding, index) for finding in result.findings)


WAIVER_COLUMNS: tuple[str, ...] = ("Waiver reason", "Approver", "Waiver expires", "Waiver written at")
"""The columns a waived finding adds to FINDING_COLUMNS."""


def waived_rows(result: CheckResult) -> list[list[str]]:
    """One row of text per waived finding, under FINDING_COLUMNS then WAIVER_COLUMNS."""
    index = AuditIndex(result.audits)
    return [[*_finding_row(item.finding, index), item.waiver.reason, item.waiver.approver,
             item.waiver.expires.isoformat(), item.waiver.where.describe()]
            for item in result.waived or ()]


def _finding_row(finding: Finding, index: AuditIndex) -> list[str]:
    audit = index.audit_of(finding)
    where = finding.location
    return [
        finding.form or "",
        (audit.team or "") if audit else "",
        "; ".join(audit.auditors) if audit else "",
        where.file or "",
        where.sheet or "",
        where.cell or "",
        where.path,
        where.section or "",
        finding.rule,
        finding.ruleset,
        finding.severity,
        ", ".join(finding.tags),
        finding.message,
        "; ".join(finding.reasons),
        finding.hint,
        finding.evidence or "",
        finding.reference,
    ]


@dataclass(frozen=True)
class RuleCount:
    rule: str
    title: str
    ruleset: str
    severity: str
    findings: int
    audits: int


@dataclass(frozen=True)
class GroupCount:
    """Counts for one team or one auditor."""

    name: str
    audits: int
    findings: int
    errors: int
    audits_without_errors: int

    @property
    def share_without_errors(self) -> float | None:
        return self.audits_without_errors / self.audits if self.audits else None


@dataclass(frozen=True)
class Summary:
    """The counts every summary shows. Audits with no findings count too (from `result.audits`)."""

    forms_checked: int
    audits: int
    audits_without_errors: int
    by_severity: list[tuple[str, int]]
    by_rule: list[RuleCount]
    by_team: list[GroupCount]
    by_auditor: list[GroupCount]
    read_errors: int

    @property
    def findings(self) -> int:
        return sum(count for _, count in self.by_severity)

    @property
    def share_without_errors(self) -> float | None:
        return self.audits_without_errors / self.audits if self.audits else None


def summarise(result: CheckResult) -> Summary:
    """Counts by severity, rule, team and auditor, and the share of audits with no error."""
    import pandas as pd  # only the summaries need it: a check that prints text starts without it

    index = AuditIndex(result.audits)
    audits = pd.DataFrame({
        "audit": pd.Series(range(len(result.audits)), dtype="int64"),
        "team": pd.Series([a.team or NO_TEAM for a in result.audits], dtype="object"),
        "auditors": pd.Series([list(dict.fromkeys(a.auditors)) or [NO_AUDITOR] for a in result.audits],
                              dtype="object"),
    })
    findings = pd.DataFrame({
        "audit": pd.Series([index.index_of(f) for f in result.findings], dtype="Int64"),
        "rule": pd.Series([f.rule for f in result.findings], dtype="object"),
        "title": pd.Series([f.title for f in result.findings], dtype="object"),
        "ruleset": pd.Series([f.ruleset for f in result.findings], dtype="object"),
        "severity": pd.Series([f.severity for f in result.findings], dtype="object"),
    })
    findings["error"] = findings["severity"] == "error"
    with_errors = set(findings.loc[findings["error"], "audit"].dropna().astype(int))
    audits["has_error"] = audits["audit"].isin(with_errors)

    severity_counts = findings["severity"].value_counts()
    by_severity = [(s, int(severity_counts.get(s, 0))) for s in SEVERITIES]

    return Summary(
        forms_checked=result.forms_checked,
        audits=len(audits),
        audits_without_errors=int((~audits["has_error"]).sum()),
        by_severity=by_severity,
        by_rule=_by_rule(findings),
        by_team=_by_group(audits, findings, "team"),
        by_auditor=_by_group(audits.explode("auditors").rename(columns={"auditors": "auditor"}),
                             findings, "auditor"),
        read_errors=len(result.errors),
    )


def _by_rule(findings: pd.DataFrame) -> list[RuleCount]:
    if findings.empty:
        return []
    grouped = findings.groupby("rule", sort=True).agg(
        title=("title", "first"), ruleset=("ruleset", "first"), severity=("severity", "first"),
        findings=("rule", "size"), audits=("audit", "nunique"),
    ).reset_index()
    grouped = grouped.sort_values(["findings", "rule"], ascending=[False, True], kind="mergesort")
    return [RuleCount(str(row.rule), str(row.title), str(row.ruleset), str(row.severity),
                      int(row.findings), int(row.audits))
            for row in grouped.itertuples(index=False)]


def _by_group(audits: pd.DataFrame, findings: pd.DataFrame, key: str) -> list[GroupCount]:
    """Counts per team or auditor; a finding counts once for each auditor of its audit."""
    if audits.empty:
        return []
    per_audit = findings.dropna(subset=["audit"]).groupby("audit").agg(
        findings=("rule", "size"), errors=("error", "sum"))
    per_audit.index = per_audit.index.astype("int64")
    joined = audits.join(per_audit, on="audit")
    joined[["findings", "errors"]] = joined[["findings", "errors"]].fillna(0).astype("int64")
    joined["clean"] = ~joined["has_error"]
    grouped = joined.groupby(key, sort=True).agg(
        audits=("audit", "nunique"), findings=("findings", "sum"), errors=("errors", "sum"),
        clean=("clean", "sum"),
    ).reset_index()
    grouped = grouped.sort_values(["findings", key], ascending=[False, True], kind="mergesort")
    return [GroupCount(str(getattr(row, key)), int(row.audits), int(row.findings), int(row.errors),
                       int(row.clean))
            for row in grouped.itertuples(index=False)]


def error_rows(result: CheckResult) -> list[list[str]]:
    """One row per form that could not be read: form, where, message."""
    return [[error.form or "", error.location.describe(), error.message] for error in result.errors]


__all__ = ["FINDING_COLUMNS", "WAIVER_COLUMNS", "AuditIndex", "GroupCount", "RuleCount", "Summary",
           "error_rows", "finding_rows", "summarise", "waived_rows"]
