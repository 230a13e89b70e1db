"""The bundled sample return checks cleanly end to end through the Python API."""

from pathlib import Path

import auditrules

SAMPLE = Path(__file__).parents[1] / "examples" / "sample-return.json"


def test_sample_return_gives_located_findings():
    result = auditrules.check(SAMPLE)
    assert result.forms_checked == 3
    assert not result.errors
    where = {(f.form, f.rule, f.location.path) for f in result.findings}
    assert ("A-2024-031", "COMP-004", "sections[1].grade") in where
    assert ("A-2024-032", "COMP-005", "audit.period_end") in where
    assert all(f.form != "A-2024-033" for f in result.findings)
