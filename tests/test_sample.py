"""The bundled sample return checks cleanly end to end through the Python API."""

from pathlib import Path

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
