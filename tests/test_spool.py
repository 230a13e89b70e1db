"""Findings and audits kept in a spool: read back exactly, as often as a report needs, in order;
a whole check gives the same reports whether its findings stayed in memory or went to disk."""

from __future__ import annotations

import dataclasses
import io
import os
import tempfile

import pytest

from auditrules import spool
from auditrules.engine import Engine
from auditrules.models import AuditSummary, Finding, Location
from auditrules.redact import redact_result
from auditrules.reporters.csv import CsvReporter
from auditrules.reporters.html import HtmlReporter
from auditrules.reporters.json import JsonReporter
from auditrules.reporters.sarif import SarifReporter
from auditrules.reporters.text import TextReporter
from auditrules.results import finding_dict, finding_values_dict
from auditrules.spool import Spool
from auditrules.waivers import apply_waivers, read_waivers

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SAMPLE = os.path.join(ROOT, "examples", "sample-return.json")


def _finding(number: int) -> Finding:
    return Finding(
        form=f"A-{number}", rule=f"R-{number % 7:03d}", ruleset="core.test", severity="warning",
        title="A title", tags=("judgement", f"t{number}"), message=f"Message {number} — “quoted” £",
        hint="Good looks like this.", reasons=(f"found '{number}'", "and more"),
        location=Location(path="sections.assessment.judgement", section="assessment",
                          file="return.xlsx", sheet="Audits", row=number + 2, column="H",
                          cell=f"Audits!H{number + 2}", form_index=number),
        evidence=None if number % 3 else f"evidence {number}",
    )


def test_items_read_back_exactly_in_order_as_often_as_asked():
    originals = [_finding(n) for n in range(23)]
    kept = Spool(Finding, limit=5)
    kept.extend(originals)
    assert len(kept) == 23 and kept
    for _ in range(2):
        again = list(kept)
        assert again == originals
        assert [f.model_dump() for f in again] == [f.model_dump() for f in originals]
    assert kept[0] == originals[0] and kept[-1] == originals[-1] and kept[3:6] == originals[3:6]
    assert kept == originals


def test_two_readings_at_once_do_not_disturb_each_other():
    originals = [_finding(n) for n in range(5_000)]
    kept = Spool(Finding, originals, limit=10)
    first, second = iter(kept), iter(kept)
    pairs = [(next(first), next(second)) for _ in range(3_000)]
    assert all(a == b for a, b in pairs)
    kept.append(_finding(99_999))
    assert list(first) == [*originals[3_000:], _finding(99_999)]


def test_items_given_as_their_plain_values_read_back_as_the_items():
    originals = [_finding(n) for n in range(23)]
    for limit in (100, 5):  # all in memory; most in the file
        kept = Spool(Finding, limit=limit)
        for number, finding in enumerate(originals):
            if number % 3:
                kept.append_values(spool.values_of(finding))
            else:
                kept.append(finding)
        assert list(kept) == originals and len(kept) == 23
        assert [f.model_dump() for f in kept] == [f.model_dump() for f in originals]
        assert kept[1] == originals[1] and kept[20:22] == originals[20:22]
        assert list(map(finding_values_dict, kept.plain())) == [finding_dict(f) for f in originals]
    assert spool.from_values(Finding, spool.values_of(originals[4])) == originals[4]


def test_a_check_in_worker_processes_spools_its_findings_as_values_and_reports_the_same(monkeypatch):
    engine = Engine.load([])
    alone = engine.check([SAMPLE], jobs=1)
    expected = _reports(alone)
    for limit in (spool.LIMIT, 7):
        monkeypatch.setattr(spool, "LIMIT", limit)
        monkeypatch.setattr(spool, "BATCH", 3)
        workers = engine.check([SAMPLE], jobs=2)
        assert _reports(workers) == expected
        assert list(workers.findings) == list(alone.findings)
    # In memory, the findings the workers sent are their plain values, never built in this process.
    monkeypatch.setattr(spool, "LIMIT", 20_000)
    held = engine.check([SAMPLE], jobs=2).findings._recent  # type: ignore[attr-defined]
    assert held and all(isinstance(item, tuple) for item in held)
    # Streamed, they are findings as ever.
    streamed = [item for item in engine.iter_check([SAMPLE], jobs=2) if isinstance(item, Finding)]
    assert streamed == list(alone.findings)


def test_counts_and_the_exit_code_read_a_spools_severities_without_building_its_findings(monkeypatch):
    from auditrules.results import CheckResult

    findings = [_finding(n).model_copy(update={"severity": "info" if n % 3 else "warning"}) for n in range(40)]
    for limit in (100, 6):  # in memory; mostly on disk
        kept = Spool(Finding, findings, limit=limit)
        result = CheckResult(rulesets=[], forms_checked=1, findings=kept)
        monkeypatch.setattr(spool._Codec, "load", lambda *_: pytest.fail("a finding was built again"))
        assert result.counts() == {"error": 0, "warning": 14, "info": 26}
        assert result.exit_code("error") == 0 and result.exit_code("warning") == 1
        monkeypatch.undo()
        kept.append(_finding(99).model_copy(update={"severity": "error"}))
        assert result.exit_code("error") == 1 and result.counts()["error"] == 1


def test_items_read_back_are_made_as_model_construct_makes_them(monkeypatch):
    # With the pydantic installed, items are made directly (a quarter of model_construct's time)...
    assert spool._same_made() and spool._built is spool._made
    monkeypatch.setattr(spool, "BATCH", 2)
    originals = [_finding(n) for n in range(12)]
    kept = Spool(Finding, originals, limit=2)
    read_back = list(kept)[:kept._stored]  # type: ignore[attr-defined]
    assert len(read_back) >= 10
    for again, original in zip(read_back, originals, strict=False):
        assert again == original and repr(again) == repr(original)
        assert again.model_fields_set == set(Finding.model_fields)  # as model_construct gives
        assert again.model_copy(update={"severity": "error"}).severity == "error" and again.severity != "error"
    # ... and the check that chooses this fails when an item made so would differ.
    monkeypatch.setattr(spool, "_made", lambda model, data: spool._constructed(model, {**data, "rule": "x"})
                        if "rule" in data else spool._constructed(model, data))
    assert not spool._same_made()


def test_audits_are_kept_too():
    audits = [AuditSummary(form=f"A-{n}", team="North", auditors=("R. Jones", "A. Patel"),
                           location=Location(file="r.xlsx", row=n)) for n in range(40)]
    kept = Spool(AuditSummary, audits, limit=4)
    assert list(kept) == audits


def test_the_file_has_no_name_on_disk():
    before = set(os.listdir(tempfile.gettempdir()))
    kept = Spool(Finding, (_finding(n) for n in range(50)), limit=5)
    assert len(kept) == 50
    created = {name for name in set(os.listdir(tempfile.gettempdir())) - before
               if name.startswith("auditrules-")}
    assert not created


def test_map_gives_a_new_spool_and_leaves_the_old_one():
    kept = Spool(Finding, (_finding(n) for n in range(30)), limit=4)
    louder = kept.map(lambda f: f.model_copy(update={"severity": "error"}))
    assert [f.severity for f in louder] == ["error"] * 30
    assert [f.severity for f in kept] == ["warning"] * 30


@pytest.fixture
def small_spools(monkeypatch):
    """Every spool of a check moves to its file after a handful of items."""
    monkeypatch.setattr(spool, "LIMIT", 7)
    monkeypatch.setattr(spool, "BATCH", 3)


def _reports(result) -> dict[str, str]:
    out = {}
    for reporter in (JsonReporter(), TextReporter(), CsvReporter(), HtmlReporter(), SarifReporter()):
        stream: io.BytesIO | io.StringIO = io.BytesIO() if reporter.binary else io.StringIO()
        reporter.write(result, stream)
        value = stream.getvalue()
        out[reporter.name] = value.decode("utf-8-sig") if isinstance(value, bytes) else value
    return out


def test_a_check_reports_the_same_whether_its_findings_went_to_disk_or_not(monkeypatch, tmp_path):
    engine = Engine.load([])
    in_memory = engine.check([SAMPLE])
    assert len(in_memory.findings) > 7, "the sample must give more findings than the spool keeps"
    expected = _reports(in_memory)
    monkeypatch.setattr(spool, "LIMIT", 7)
    monkeypatch.setattr(spool, "BATCH", 3)
    spilled = engine.check([SAMPLE])
    assert spilled.findings._file is not None  # type: ignore[attr-defined]
    assert _reports(spilled) == expected
    assert spilled.exit_code("warning") == in_memory.exit_code("warning")
    assert spilled.counts() == in_memory.counts()
    # Redaction and waivers read a spooled result as they read one in memory.
    listed = dataclasses.replace(in_memory, findings=list(in_memory.findings),
                                 audits=list(in_memory.audits))
    # A report reads a spool's findings as plain values where it can; a list it reads as findings.
    assert _reports(listed) == expected
    redacted = _reports(redact_result(spilled))
    assert redacted == _reports(redact_result(listed))
    assert redacted["json"] != expected["json"], "the sample names people, so redaction changes it"
    assert isinstance(redact_result(spilled).findings, Spool)
    first = in_memory.findings[0]
    waivers_file = tmp_path / "waivers.toml"
    waivers_file.write_text(
        f'[[waiver]]\nform = "{first.form}"\nrule = "{first.rule}"\nreason = "Agreed at panel."\n'
        'approver = "Service manager"\nexpires = 2099-01-01\n', encoding="utf-8")
    waivers = read_waivers(waivers_file, [r.id for r in engine.all_rules()])
    assert _reports(apply_waivers(spilled, waivers)) == _reports(apply_waivers(in_memory, waivers))


def test_redaction_redacts_the_same_when_it_forgets_what_it_has_done(monkeypatch):
    """The memory of texts already redacted is bounded; forgetting them changes nothing."""
    from auditrules import redact

    result = Engine.load([]).check([SAMPLE])
    expected = _reports(redact_result(result))
    monkeypatch.setattr(redact, "_KEEP_DONE", 2)
    assert _reports(redact_result(result)) == expected


def test_a_location_in_a_report_keeps_every_field_that_is_set_even_zero_or_empty():
    from auditrules.results import location_dict

    where = Location(path="", section=None, file="return.xlsx", form_index=0, row=0, column="", header="",
                     table=0)
    expected = {**where.model_dump(exclude_none=True), "section": None}
    assert location_dict(where) == expected
    assert expected["form_index"] == 0 and expected["header"] == ""
    finding = _finding(0).model_copy(update={"location": where})
    kept = Spool(Finding, [finding, finding], limit=1)
    assert [r["location"] for r in map(finding_dict, kept)] == [expected] * 2
    assert list(map(finding_values_dict, kept.plain())) == [finding_dict(finding)] * 2
    # Keys in sorted order, the location's too, as the JSON report writes them without sorting.
    written = finding_values_dict(next(kept.plain()))
    assert list(written) == sorted(written) and list(written["location"]) == sorted(expected)
    assert written == {**finding.model_dump(), "tags": list(finding.tags), "reasons": list(finding.reasons),
                       "location": expected}
