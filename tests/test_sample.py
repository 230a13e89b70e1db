"""The bundled sample return checks cleanly end to end through the Python API."""

from pathlib import Path

import pytest

import auditrules

SAMPLE = Path(__file__).parents[1] / "examples" / "sample-return.json"


def test_sample_return_gives_located_findings():
    result = auditrules.check(SAMPLE)
    assert result.forms_checked == 3
    assert not result.errors
    where = {(f.form, f.rule, f.location.path) for f in result.findings}
    assert ("A-2024-031", "GRADE-004", "sections[1].grade") in where
    assert ("A-2024-031", "SMART-001", "plan_targets[0].owner") in where
    assert ("A-2024-031", "REC-001", "recommendations[1].action") in where
    assert ("A-2024-032", "COMP-005", "audit.period_end") in where
    # The third write-up is a good one: nothing to correct, and strengths to recognise.
    third = [f for f in result.findings if f.form == "A-2024-033"]
    assert third and all(f.severity == "info" and "strength" in f.tags for f in third)


def test_the_json_report_is_the_documented_shape_byte_for_byte():
    import io
    import json

    from auditrules.reporters.json import JsonReporter

    for path in (SAMPLE, SAMPLE.parent / "weak-writeup.yaml"):
        result = auditrules.check(path)
        written = io.StringIO()
        JsonReporter().write(result, written)
        assert written.getvalue() == json.dumps(result.as_dict(), indent=2, ensure_ascii=False,
                                                sort_keys=True) + "\n"


@pytest.mark.parametrize("text", ["plain", "tab\there, line\nthere, \"quoted\" and back\\slash/", "\x00\x01\x1f\x7f\x0b",
                                  "\u2028\u2029 é £ “curly” 😀", "=HYPERLINK(\"x\")", "lone \ud800 surrogate", ""])
def test_the_json_report_writes_any_text_in_a_finding_as_json_dumps_does(text):
    # Findings are written by a faster encoder than the rest of the report; what it writes must
    # be json.dumps's bytes for every text a finding can hold, and a text it refuses (a lone
    # surrogate) is written the slower way.
    import io
    import json

    from auditrules.models import Finding, Location
    from auditrules.reporters import indented_json
    from auditrules.reporters.json import JsonReporter
    from auditrules.results import CheckResult

    finding = Finding(form=text or None, rule="R-001", ruleset="core.test", severity="warning", title=text,
                      tags=("judgement", text), message=text, hint=text, reasons=(text, "and more"),
                      location=Location(path="sections[0].judgement", section=text, file="return.xlsx",
                                        sheet="Audits", row=2**40, column="H", cell="Audits!H2", form_index=0),
                      evidence=text)
    result = CheckResult(rulesets=[], forms_checked=1, findings=[finding, finding])
    written = io.StringIO()
    JsonReporter().write(result, written)
    expected = json.dumps(result.as_dict(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    assert written.getvalue() == expected
    # To a file opened as the report's file is (UTF-8, new lines as they are), the findings go to
    # the bytes beneath it: the same bytes, or the same refusal of a text UTF-8 cannot hold.
    to_file = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", newline="\n")
    if "\ud800" in text:
        with pytest.raises(UnicodeEncodeError):
            JsonReporter().write(result, to_file)
    else:
        JsonReporter().write(result, to_file)
        to_file.flush()
        assert to_file.buffer.getvalue() == expected.encode("utf-8")  # type: ignore[attr-defined]
    # The SARIF report writes its results the same way, in the order they were made.
    value = {"z": text, "a": [text, 3, None, True], "m": {"y": text, "b": []}, "e": {}}
    assert indented_json(value) == json.dumps(value, indent=2, ensure_ascii=False)
