"""`auditrules template`: a blank return in the canonical layout, written for real and read back
with openpyxl and python-calamine."""

from __future__ import annotations

import typing
from typing import Literal

import openpyxl
import pydantic
import pytest
from click.testing import CliRunner
from python_calamine import CalamineWorkbook

import auditrules
from auditrules.cli import cli
from auditrules.models import GRADE_WORDS, QA, SECTION_NAMES, FamilyFeedback, Recommendation
from auditrules.plugins import PluginHost, get_host
from auditrules.schema import FormSchema
from auditrules.template import ROWS, write_template

SECTION_FIELDS = ("evidence", "judgement", "grade", "strengths", "development")
LIST_SHEETS = ["assessment.actions", "plan_targets", "family_feedback", "recommendations"]


@pytest.fixture
def run():
    get_host().add_commands(cli)  # as `auditrules` itself does before running

    def _run(*args: str):
        return CliRunner().invoke(cli, ["template", *args])

    return _run


def choices(model: type, name: str) -> list[str]:
    annotation = model.model_fields[name].annotation
    (literal,) = [a for a in typing.get_args(annotation) if typing.get_origin(a) is Literal]
    return list(typing.get_args(literal))


def headers(sheet) -> list[str]:
    return [cell.value for cell in next(sheet.iter_rows(max_row=1))]


def validations(sheet) -> dict[str, tuple[str, str | None, str]]:
    """Each validated column's header -> (type, formula, cells)."""
    names = headers(sheet)
    found = {}
    for rule in sheet.data_validations.dataValidation:
        for cells in str(rule.sqref).split():
            column = openpyxl.utils.cell.range_boundaries(cells)[0]
            found[names[column - 1]] = (rule.type, rule.formula1, cells)
    return found


def set_path(data: dict, path: str, value: object) -> None:
    *parents, last = path.split(".")
    for part in parents:
        data = data.setdefault(part, {})
    data[last] = value


def form_from_headers(audit_headers: list[str], lists: dict[str, list[str]]) -> dict:
    """A form with a value in every column, built by reading each header as a canonical path."""
    samples = {"date": "12/06/2024", "grade": "good", "type": "thematic", "status": "cp",
               "outcome": "agreed", "poor_practice": "yes"}
    item_samples = {"from": "child", "status": "open", "completed_on": "01/07/2024", "due": "ongoing"}
    form: dict = {}
    sections: dict[str, dict] = {}
    for header in audit_headers:
        name = header.rsplit(".", 1)[-1]
        value: object = samples.get(name, "12/06/2024" if name in ("period_start", "period_end",
                                                                     "notified_on") else "Some text")
        if header.startswith("sections."):
            _, section, field = header.split(".")
            sections.setdefault(section, {"name": section})[field] = value
        elif name in ("themes", "auditors"):
            set_path(form, header, ["first", "second"])  # the cell "first; second", split
        else:
            set_path(form, header, value)
    form["sections"] = list(sections.values())
    for path, columns in lists.items():
        assert columns[0] == "audit.id"
        item: dict = {}
        for header in columns[1:]:
            set_path(item, header, item_samples.get(header, "Some text"))
        set_path(form, path, [item])
    return form


def test_template_writes_the_canonical_layout(run, tmp_path):
    out = tmp_path / "return.xlsx"
    result = run(str(out))
    assert result.exit_code == 0, result.output
    assert "Wrote" in result.output

    workbook = openpyxl.load_workbook(out)
    assert workbook.sheetnames == ["Audits", *LIST_SHEETS, "How to fill in"]
    audits = headers(workbook["Audits"])
    assert audits[:9] == ["audit.id", "audit.date", "audit.type", "audit.themes", "audit.period_start",
                          "audit.period_end", "audit.auditors", "audit.team", "audit.practitioner"]
    assert audits[9:14] == ["child.ref", "child.age_band", "child.status", "child.contact_source", "summary"]
    section_columns = [f"sections.{s}.{f}" for s in SECTION_NAMES for f in SECTION_FIELDS]
    assert audits[14:14 + len(section_columns)] == section_columns
    assert audits[14 + len(section_columns):] == [
        "assessment.analysis", "assessment.conclusion", "overall_judgement", "impact_on_child",
        "escalation.poor_practice", "escalation.senior_manager", "escalation.notified_on",
        "escalation.timescale", "qa.manager", "qa.date", "qa.outcome", "qa.comments"]
    lists = {name: headers(workbook[name]) for name in LIST_SHEETS}
    assert lists == {
        "assessment.actions": ["audit.id", "text", "owner", "due"],
        "plan_targets": ["audit.id", "text", "owner", "due", "measure", "how_child_safer",
                         "why_change_explained"],
        "family_feedback": ["audit.id", "from", "text"],
        "recommendations": ["audit.id", "action", "owner", "due", "status", "completed_on",
                            "completion_evidence"],
    }
    for sheet in ["Audits", *LIST_SHEETS]:
        assert workbook[sheet].max_row == 1  # blank: headers only
        assert workbook[sheet].freeze_panes == "B2"

    # Every header is a real path in the form: a row filled in under them is a valid form.
    form = FormSchema().validate(form_from_headers(audits, lists))
    assert form.sections[0].grade == "good"
    assert form.escalation.poor_practice is True
    assert form.family_feedback[0].from_ == "child"
    assert form.audit.themes == ["first", "second"]


def test_template_has_dropdowns_for_every_set_of_words_and_date_checks(run, tmp_path):
    out = tmp_path / "return.xlsx"
    assert run(str(out)).exit_code == 0
    workbook = openpyxl.load_workbook(out)
    audits = validations(workbook["Audits"])
    last = ROWS + 1

    def listed(rule) -> list[str]:
        kind, formula, _ = rule
        assert kind == "list"
        return formula.strip('"').split(",")

    assert listed(audits["audit.type"]) == choices(auditrules.models.Audit, "type")
    assert listed(audits["child.status"]) == choices(auditrules.models.Child, "status")
    assert listed(audits["qa.outcome"]) == choices(QA, "outcome")
    assert listed(audits["escalation.poor_practice"]) == ["yes", "no"]
    for section in SECTION_NAMES:
        assert listed(audits[f"sections.{section}.grade"]) == list(GRADE_WORDS)
    for name in ("audit.date", "audit.period_start", "audit.period_end", "escalation.notified_on", "qa.date"):
        assert audits[name][0] == "date", name
    assert audits["audit.type"][2] == f"C2:C{last}"
    assert "summary" not in audits and "sections.planning.judgement" not in audits

    feedback = validations(workbook["family_feedback"])
    assert listed(feedback["from"]) == choices(FamilyFeedback, "from_")
    recommendations = validations(workbook["recommendations"])
    assert listed(recommendations["status"]) == choices(Recommendation, "status")
    assert recommendations["completed_on"][0] == "date"
    assert recommendations["status"][2] == f"E2:E{last}"

    dated = {h for h, (kind, _, _) in audits.items() if kind == "date"}
    assert dated == {"audit.date", "audit.period_start", "audit.period_end", "escalation.notified_on",
                     "qa.date"}


def test_template_reads_the_same_with_calamine(run, tmp_path):
    out = tmp_path / "return.xlsx"
    assert run(str(out)).exit_code == 0
    by_openpyxl = openpyxl.load_workbook(out)
    calamine = CalamineWorkbook.from_path(str(out))
    assert calamine.sheet_names == by_openpyxl.sheetnames
    for name in ["Audits", *LIST_SHEETS]:
        rows = calamine.get_sheet_by_name(name).to_python()
        assert rows[0] == headers(by_openpyxl[name])
        assert all(isinstance(h, str) and h == h.strip() for h in rows[0])
    help_rows = calamine.get_sheet_by_name("How to fill in").to_python()
    described = {(row[0], row[1]) for row in help_rows if len(row) > 1}
    assert ("Audits", "sections.impact.grade") in described
    assert ("plan_targets", "why_change_explained") in described


def test_template_will_not_replace_a_file_without_force(run, tmp_path):
    out = tmp_path / "return.xlsx"
    out.write_bytes(b"last quarter's return")
    refused = run(str(out))
    assert refused.exit_code == 2
    assert refused.stderr == f"error: {out}: already exists; add --force to replace it\n"
    assert out.read_bytes() == b"last quarter's return"
    replaced = run(str(out), "--force")
    assert replaced.exit_code == 0, replaced.output
    assert openpyxl.load_workbook(out).sheetnames[0] == "Audits"


@pytest.mark.parametrize(("name", "message"), [
    ("missing/return.xlsx", "does not exist"),
    ("return.csv", "give a file name ending in .xlsx"),
    ("folder.xlsx", "is a folder"),
])
def test_template_refuses_a_bad_path_with_a_plain_message(run, tmp_path, name, message):
    (tmp_path / "folder.xlsx").mkdir()
    result = run(str(tmp_path / name))
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stderr.startswith("error: ")
    assert "Traceback" not in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["folder.xlsx"]


def test_template_leaves_no_file_when_writing_fails(tmp_path, monkeypatch):
    from auditrules import template

    def broken(self, sheets):
        raise RuntimeError("interrupted")

    monkeypatch.setattr(template._TemplateWriter, "write", broken)
    with pytest.raises(RuntimeError):
        write_template(tmp_path / "return.xlsx")
    assert list(tmp_path.iterdir()) == []


class Incident(auditrules.Block):
    date: auditrules.models.Date = None
    kind: Literal["physical", "emotional", "coercive control"] | None = None


Risk = Literal[tuple(f"risk level {n}, as the local assessment tool words it" for n in range(12))]


class DomesticAbuse(auditrules.Block):
    dash_date: auditrules.models.Date = None
    marac_referred: bool | None = None
    risk: Risk | None = None  # type: ignore[valid-type]
    agencies: list[str] = pydantic.Field(default_factory=list)
    incidents: list[Incident] = pydantic.Field(default_factory=list)


class Themed:
    @auditrules.hookimpl
    def register_form_blocks(self):
        return {"domestic_abuse": DomesticAbuse}


def test_template_includes_the_blocks_plugins_add(tmp_path):
    host = PluginHost(load_entry_points=False, extra_plugins=[Themed()])
    out = tmp_path / "return.xlsx"
    write_template(out, FormSchema(host.form_blocks))
    workbook = openpyxl.load_workbook(out)
    assert workbook.sheetnames == ["Audits", *LIST_SHEETS, "domestic_abuse.incidents", "Lists",
                                   "How to fill in"]
    assert workbook["Lists"].sheet_state == "hidden"
    audits = headers(workbook["Audits"])
    assert audits[-4:] == ["domestic_abuse.dash_date", "domestic_abuse.marac_referred", "domestic_abuse.risk",
                           "domestic_abuse.agencies"]
    assert headers(workbook["domestic_abuse.incidents"]) == ["audit.id", "date", "kind"]
    rules = validations(workbook["Audits"])
    assert rules["domestic_abuse.dash_date"][0] == "date"
    assert rules["domestic_abuse.marac_referred"][1] == '"yes,no"'
    # Too many words to write into the dropdown itself: they are listed on the hidden sheet.
    kind, formula, _ = rules["domestic_abuse.risk"]
    assert kind == "list" and formula.startswith("'Lists'!$A$")
    listed = [row[0].value for row in workbook["Lists"][formula.split("!")[1].replace("$", "")]]
    assert listed == list(typing.get_args(Risk))
    incidents = validations(workbook["domestic_abuse.incidents"])
    assert incidents["kind"][1] == '"physical,emotional,coercive control"'
    assert incidents["date"][0] == "date"


def test_template_command_belongs_to_a_default_plugin():
    host = PluginHost(load_entry_points=False)
    group = type(cli)(commands=dict(cli.commands))
    for name in ("template", "new-plugin"):  # what the default plugins add
        group.commands.pop(name, None)
    host.add_commands(group)
    assert "template" in group.commands
    assert host.info["auditrules.template"].adds == {"commands": ["template"]}
    assert host.info["auditrules.template"].builtin
