"""Labels from the decisions lead managers already record, for `auditrules labels export`:

- a waiver whose verdict is "finding wrong" says the statement its finding points at is good;
- a form whose review was agreed (`qa.outcome` agreed) says each of its statements is good;
- a form whose review was returned says each statement a text check flagged (error or warning)
  is poor: those findings are why it went back.

Only statements the scorer reads are labelled: section judgements, the overall judgement, the
impact statement, plan targets, recommendations, and the analysis with its agreed actions.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from .catalogue import scored_kind
from .engine import Engine, FormSource
from .models import AuditForm, Finding, FormError, Waiver
from .readers.form_mapping import FormMapping
from .readers.mapping import SheetMapping
from .scoring.labels import Label

FLAGGING = ("error", "warning")


@dataclass(frozen=True)
class Statement:
    """A statement on a form the scorer reads: where it is, its kind and its words."""

    path: str
    kind: str
    text: str
    actions: tuple[str, ...] = ()


def statements(form: AuditForm) -> Iterator[Statement]:
    """The scored statements of a form, in the form's order."""
    for index, section in enumerate(form.sections):
        if section.judgement:
            yield Statement(f"sections[{index}].judgement", "judgement", section.judgement)
    assessment = form.assessment
    if assessment.analysis:
        actions = tuple(action.text for action in assessment.actions if action.text)
        if actions:
            yield Statement("assessment.analysis", "analysis", assessment.analysis, actions)
    for index, target in enumerate(form.plan_targets):
        if target.text:
            yield Statement(f"plan_targets[{index}].text", "target", target.text)
    if form.overall_judgement:
        yield Statement("overall_judgement", "judgement", form.overall_judgement)
    if form.impact_on_child:
        yield Statement("impact_on_child", "judgement", form.impact_on_child)
    for index, recommendation in enumerate(form.recommendations):
        if recommendation.action:
            yield Statement(f"recommendations[{index}].action", "recommendation", recommendation.action)


def statement_at(path: str, statement: Statement) -> bool:
    """Whether a finding at `path` is about `statement` (the field itself, its item, or inside it)."""
    return (path == statement.path or statement.path.startswith(path + ".")
            or path.startswith(statement.path + "."))


@dataclass
class Exported:
    labels: list[Label] = field(default_factory=list)
    errors: list[FormError] = field(default_factory=list)
    forms: int = 0
    from_waivers: int = 0
    from_reviews: int = 0


def export_labels(engine: Engine, sources: Sequence[FormSource], waivers: Sequence[Waiver] = (),
                  mapping: str | SheetMapping | FormMapping | None = None) -> Exported:
    """The labels the forms' reviews and the "finding wrong" waivers give (see the module's
    docstring), each statement once, in the forms' order."""
    wrong = [waiver for waiver in waivers if waiver.verdict == "finding wrong"]
    kinds: dict[str, str | None] = {}

    def kind_of(finding: Finding) -> str | None:
        if finding.rule not in kinds:
            rule = engine.find_rule(finding.rule)
            kinds[finding.rule] = scored_kind(rule) if rule is not None else None
        return kinds[finding.rule]

    out = Exported()
    for item in engine.read(sources, engine.read_options(mapping)):
        if isinstance(item, FormError):
            out.errors.append(item)
            continue
        form, context = item
        out.forms += 1
        findings = [f for f in engine.check([(form, context)]).findings if kind_of(f) is not None]
        outcome = form.qa.outcome
        form_id = form.audit.id
        for statement in statements(form):
            about = [f for f in findings
                     if kind_of(f) == statement.kind and statement_at(f.location.path, statement)]
            waived = [w for w in wrong for f in about if w.covers(f)]
            note = None
            poor = False
            if waived:
                note = f"waiver: finding wrong ({waived[0].rule}, {waived[0].approver})"
                out.from_waivers += 1
            elif outcome == "agreed":
                note = "review agreed"
                out.from_reviews += 1
            elif outcome == "returned":
                flagged = [f.rule for f in about if f.severity in FLAGGING]
                if not flagged:
                    continue
                poor = True
                note = "review returned: " + ", ".join(dict.fromkeys(flagged))
                out.from_reviews += 1
            else:
                continue
            out.labels.append(Label(statement.text, statement.kind, poor, note, form_id, statement.path,
                                    statement.actions))
    return out


def label_form(label: Label, number: int) -> tuple[dict[str, Any], str]:
    """A label's statement as a form of its own (audit id `label-N`), and where it sits."""
    if label.kind == "judgement":
        if label.field == "overall_judgement":
            form: dict[str, Any] = {"overall_judgement": label.text}
        elif label.field == "impact_on_child":
            form = {"impact_on_child": label.text}
        else:
            form = {"sections": [{"name": "planning", "judgement": label.text}]}
    elif label.kind == "target":
        form = {"plan_targets": [{"text": label.text}]}
    elif label.kind == "recommendation":
        form = {"recommendations": [{"action": label.text}]}
    else:
        form = {"assessment": {"analysis": label.text, "actions": [{"text": a} for a in label.actions]}}
    form["audit"] = {"id": f"label-{number}"}
    path = next(iter(statements(AuditForm.model_validate(form)))).path
    return form, path


def flagged_by_check(engine: Engine, labels: Sequence[Label]) -> list[bool]:
    """Whether checking each labelled statement, on a form of its own, raises an error or warning
    from a rule that asks the scorer about its kind (an owner or timescale finding is not the
    label's question and does not count)."""
    kinds: dict[str, str | None] = {}
    for rule in engine.all_rules():
        kinds[rule.id] = scored_kind(rule)
    flagged = [False] * len(labels)
    built = [label_form(label, number) for number, label in enumerate(labels)]
    result = engine.check([form for form, _ in built])
    for finding in result.findings:
        number = int((finding.form or "label-").rpartition("-")[2] or -1)
        if not 0 <= number < len(labels) or finding.severity not in FLAGGING:
            continue
        label = labels[number]
        path = built[number][1]
        if kinds.get(finding.rule) == label.kind and statement_at(finding.location.path,
                                                                   Statement(path, label.kind, label.text)):
            flagged[number] = True
    return flagged


__all__ = ["FLAGGING", "Exported", "Statement", "export_labels", "flagged_by_check", "label_form",
           "statement_at", "statements"]
