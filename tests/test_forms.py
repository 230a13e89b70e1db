"""The canonical pro forma: partial forms, plain errors, normalised words, plugin blocks, readers."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from auditrules import AuditForm, Block
from auditrules.dsl import types as t
from auditrules.engine import Engine
from auditrules.models import FormError
from auditrules.readers.structured import JsonReader, YamlReader
from auditrules.schema import FormInvalid, FormSchema


def problems(data, schema=None):
    with pytest.raises(FormInvalid) as caught:
        (schema or FormSchema()).validate(data)
    return [(p.path, p.message) for p in caught.value.problems]


def test_an_empty_form_is_valid_and_every_part_is_empty():
    form = FormSchema().validate({})
    assert form.audit.id is None
    assert form.sections == []
    assert form.assessment.actions == []
    assert form.escalation.poor_practice is None


def test_every_canonical_field_is_accepted():
    data = {
        "audit": {"id": "A", "date": "2024-06-12", "type": "practice_day", "themes": ["x"],
                  "period_start": "2023-12-12", "period_end": "2024-06-12", "auditors": ["a"],
                  "team": "t", "practitioner": "p"},
        "child": {"ref": "C", "age_band": "0-4", "status": "cin", "contact_source": "school"},
        "summary": "s",
        "sections": [{"name": "assessment", "evidence": "e", "judgement": "j", "grade": "good",
                      "strengths": "s", "development": "d"}],
        "assessment": {"analysis": "a", "conclusion": "c",
                       "actions": [{"text": "t", "owner": "o", "due": "2024-07-01"}]},
        "plan_targets": [{"text": "t", "owner": "o", "due": "2024-07-01", "measure": "m",
                          "how_child_safer": "h", "why_change_explained": "w"}],
        "family_feedback": [{"from": "parent", "text": "t"}],
        "overall_judgement": "o",
        "impact_on_child": "i",
        "recommendations": [{"action": "a", "owner": "o", "due": "2024-07-01", "status": "open",
                             "completed_on": "2024-07-02", "completion_evidence": "e"}],
        "escalation": {"poor_practice": True, "senior_manager": "m", "notified_on": "2024-06-13",
                       "timescale": "5 days"},
        "qa": {"manager": "m", "date": "2024-06-20", "outcome": "agreed", "comments": "c"},
    }
    form = FormSchema().validate(data)
    assert form.model_dump(by_alias=True, mode="json", exclude_none=True) == data


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"sections": [{"judgment": "x"}]}, [("sections[0].judgment",
                                               "unknown field 'judgment'; did you mean 'judgement'?")]),
        ({"plan_targt": []}, [("plan_targt", "unknown field 'plan_targt'; did you mean 'plan_targets'?")]),
        ({"audit": {"xyz": 1}}, [("audit.xyz", "unknown field 'xyz'; known fields here: id, date, type, "
                                               "themes, period_start, period_end, auditors, team, practitioner")]),
        ({"audit": {"date": "2024-13-01"}}, [("audit.date", "'2024-13-01' is not a date (write it as "
                                                            "YYYY-MM-DD or DD/MM/YYYY)")]),
        ({"audit": {"date": "30/02/2024"}}, [("audit.date", "'30/02/2024' is not a date (write it as "
                                                            "YYYY-MM-DD or DD/MM/YYYY)")]),
        ({"escalation": {"poor_practice": "perhaps"}}, [("escalation.poor_practice",
                                                         "'perhaps' is not yes/no (true or false)")]),
        ({"sections": {"name": "x"}}, [("sections", "expected a list, not a block of fields")]),
        ({"audit": "A-1"}, [("audit", "expected a block of fields, not text")]),
        ({"audit": {"type": "casual"}}, [("audit.type", "'casual' is not one of 'practice_day', 'thematic', "
                                                        "'spot_check' or 'multi_agency'")]),
        ({"audit": {"themes": [["x"]]}}, [("audit.themes[0]", "expected text, not a list")]),
    ],
)
def test_bad_fields_get_plain_located_messages(data, expected):
    assert problems(data) == expected


def test_every_problem_in_a_form_is_listed():
    assert [path for path, _ in problems({"audit": {"date": "x", "team": []}, "sumary": "x"})] == [
        "audit.date", "audit.team", "sumary"]


def test_a_form_must_be_a_mapping():
    assert problems(["a"]) == [("", "a form must be a mapping of fields, not a list")]


@pytest.mark.parametrize(
    ("field", "raw", "value"),
    [
        (("child", "status"), "Child Protection", "cp"),
        (("child", "status"), "child in need", "cin"),
        (("child", "status"), "Looked after", "cla"),
        (("child", "status"), "Early help", "early_help"),
        (("audit", "type"), "Spot check", "spot_check"),
        (("qa", "outcome"), "Returned", "returned"),
        (("audit", "date"), "05/06/2024", dt.date(2024, 6, 5)),
        (("audit", "date"), "", None),
        (("audit", "id"), 1234, "1234"),
        (("audit", "team"), "   ", None),
    ],
)
def test_words_dates_and_numbers_are_normalised(field, raw, value):
    block, name = field
    form = FormSchema().validate({block: {name: raw}})
    assert getattr(getattr(form, block), name) == value


def test_section_names_and_grades_are_normalised():
    form = FormSchema().validate({"sections": [{"name": "Child voice", "grade": "Requires Improvement"}]})
    assert form.sections[0].name == "child_voice"
    assert form.sections[0].grade == "requires improvement"


class Theme(Block):
    dash_completed_on: dt.date | None = None
    incidents_in_period: int | None = None
    marac_referred: bool | None = None


def test_a_plugin_block_extends_the_form_and_its_types():
    schema = FormSchema({"domestic_abuse": Theme})
    form = schema.validate({"domestic_abuse": {"dash_completed_on": "01/02/2024", "incidents_in_period": 3}})
    assert form.domestic_abuse.dash_completed_on == dt.date(2024, 2, 1)
    block = schema.record.field("domestic_abuse")
    assert isinstance(block, t.RecordType)
    assert block.field("incidents_in_period") == t.NUMBER
    assert block.field("marac_referred") == t.BOOL
    assert problems({"domestic_abuse": {"dash_complete_on": "x"}}, schema) == [
        ("domestic_abuse.dash_complete_on", "unknown field 'dash_complete_on'; did you mean 'dash_completed_on'?")]
    assert isinstance(form, AuditForm)


def test_canonical_field_types_are_known_to_the_checker():
    record = FormSchema().record
    assert record.field("audit").field("date") == t.DATE  # type: ignore[union-attr]
    assert record.field("child").field("status").choices == ("early_help", "cin", "cp", "cla",  # type: ignore
                                                             "care_leaver")
    sections = record.field("sections")
    assert isinstance(sections, t.ListType) and sections.item.name == "section"
    assert record.field("family_feedback").item.field("from") is not None  # type: ignore[union-attr]


# ---- readers --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "count"),
    [('{"audit": {"id": "1"}}', 1), ('[{"audit": {"id": "1"}}, {}]', 2), ('{"forms": [{}, {}, {}]}', 3)],
)
def test_json_holds_one_form_a_list_or_a_forms_key(write, text, count):
    path = write("forms.json", text)
    assert len(list(JsonReader().read(path))) == count


def test_yaml_may_hold_several_documents(write):
    path = write("forms.yaml", "audit: {id: '1'}\n---\n- audit: {id: '2'}\n- audit: {id: '3'}\n")
    forms = list(YamlReader().read(path))
    assert [f.data["audit"]["id"] for f in forms] == ["1", "2", "3"]
    assert [f.location.form_index for f in forms] == [0, 1, 2]


def test_yaml_is_loaded_safely(write):
    path = write("evil.yaml", "!!python/object/apply:os.system ['echo hacked']\n")
    (problem,) = list(YamlReader().read(path))
    assert "not valid YAML" in problem.message


def test_a_file_that_is_not_utf8_is_refused_plainly(tmp_path):
    path = tmp_path / "latin.json"
    path.write_bytes('{"summary": "caf\xe9"}'.encode("latin-1"))
    (problem,) = list(JsonReader().read(path))
    assert problem.message == "the file is not UTF-8 text"


def test_reading_never_changes_the_input(write):
    text = json.dumps([{"audit": {"id": "1", "date": "05/06/2024"}}, {"audit": {"date": "bad"}}])
    path = write("forms.json", text)
    before = path.read_bytes()
    results = list(Engine.load(defaults=False).read([path]))
    assert isinstance(results[1], FormError)
    assert path.read_bytes() == before


def test_theme_words_are_read_generously():
    form = AuditForm.model_validate(
        {"audit": {"themes": ["Domestic abuse", "Strategy-discussions", "domestic_abuse"]}})
    assert form.audit.themes == ["domestic_abuse", "strategy_discussion", "domestic_abuse"]
