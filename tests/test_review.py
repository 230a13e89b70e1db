"""auditrules review: the form chosen and checked the engine's normal way, every finding placed
beside its field, the words it concerns found, the strengths, the proposed QA outcome and its
policy, and the command line's choices and mistakes. The page as a reader sees it is tested in a
real browser in test_review_browser.py."""

from __future__ import annotations

import shutil
from pathlib import Path

import auditrules_domestic_abuse.plugin
import auditrules_strategy_discussions.plugin
import pytest
from click.testing import CliRunner

import auditrules
import documentation
from auditrules.cli import cli
from auditrules.models import Finding, Location
from auditrules.plugins import PluginHost
from auditrules.reporters.review_page import render_review
from auditrules.review import (
    Placed,
    anchor_path,
    build_review,
    check_form,
    choose_form,
    find_phrase,
    phrases,
    propose,
    segments,
)

EXAMPLES = Path(__file__).parents[1] / "examples"
WEAK = EXAMPLES / "weak-writeup.yaml"
STRONG = EXAMPLES / "strong-writeup.yaml"
THEMED = EXAMPLES / "themed-return.yaml"

TWO_FORMS = """\
forms:
  - audit: {id: A-1, date: 2025-06-01}
    overall_judgement: Good.
  - audit: {id: A-2, date: 2025-06-02}
    overall_judgement: Requires improvement.
"""


def review_of(path: Path, form_id: str | None = None, engine: auditrules.Engine | None = None):
    engine = engine or auditrules.Engine.load()
    form, context = choose_form(engine, [path], form_id)
    return build_review(form, context, check_form(engine, (form, context)))


def finding(rule: str, severity: str, tags: tuple[str, ...] = (), path: str = "summary") -> Finding:
    return Finding(form="A-1", rule=rule, ruleset="test", severity=severity, tags=tags,
                   message=f"{rule} message", location=Location(path=path))


def placed(*findings: Finding) -> list[Placed]:
    return [Placed(n, f, f.location.path, f.location.path) for n, f in enumerate(findings, 1)]


# ---- the review of one form ------------------------------------------------------------------

def test_the_review_holds_the_same_findings_as_check():
    review = review_of(WEAK)
    checked = auditrules.check([WEAK])
    assert [f.model_dump() for f in review.result.findings] == [f.model_dump() for f in checked.findings]
    assert len(review.findings) == 40


def test_every_finding_of_the_weak_example_is_placed_beside_its_own_field():
    review = review_of(WEAK)
    assert review.unplaced == []
    for item in review.findings:
        assert item.path == item.finding.location.path, item.finding.rule
    assert [p.number for p in review.findings] == list(range(1, 41))


def test_a_finding_about_a_missing_part_sits_at_the_empty_field_and_says_so():
    review = review_of(WEAK)
    missing = {(p.finding.rule, p.path) for p in review.findings if p.missing}
    assert ("ESC-001", "escalation.senior_manager") in missing
    assert ("REC-002", "recommendations[0].owner") in missing
    assert ("VOICE-003", "family_feedback") in missing
    assert ("COMP-004", "audit.date") in missing
    assert not any(p.missing for p in review.findings if p.finding.rule == "EVAL-001")


def test_findings_nothing_on_the_form_holds_are_kept_as_about_the_whole_form():
    form = {"audit": {"id": "A-9", "date": "2025-06-01"}, "overall_judgement": "Good."}
    engine = auditrules.Engine.load()
    (read,) = engine.read([form])
    assert isinstance(read, tuple)
    result = check_form(engine, read)
    stray = finding("X-1", "warning", path="")
    result.findings.append(stray)
    review = build_review(read[0], read[1], result)
    assert [p.finding for p in review.unplaced] == [stray]
    assert review.unplaced[0].number == len(review.findings)
    assert "Findings about the form as a whole" in render_review(review)


def test_anchor_is_the_deepest_part_the_form_holds():
    data = {"plan_targets": [{"text": "x", "owner": None}], "audit": {"themes": ["a"]}}
    assert anchor_path(data, "plan_targets[0].owner") == "plan_targets[0].owner"
    assert anchor_path(data, "plan_targets[3].owner") == "plan_targets"
    assert anchor_path(data, "audit.themes[0]") == "audit.themes"
    assert anchor_path(data, "nothing.here") == ""


def test_theme_blocks_follow_the_canonical_parts_and_a_missing_block_says_so():
    host = PluginHost(load_entry_points=False, extra_plugins=[
        auditrules_domestic_abuse.plugin, auditrules_strategy_discussions.plugin])
    engine = auditrules.Engine.load(host=host)
    missing_block = review_of(THEMED, "T-2024-104", engine)
    (da_001,) = [p for p in missing_block.findings if p.finding.rule == "DA-001"]
    assert da_001.path == "domestic_abuse" and da_001.missing
    ids = [p.id for p in missing_block.parts]
    assert ids.index("qa") < ids.index("theme-domestic-abuse")
    strategy = review_of(THEMED, "t-2024-103", engine)  # ids match ignoring case
    ids = [p.id for p in strategy.parts]
    assert ids.index("qa") < ids.index("theme-strategy")
    assert "theme-domestic-abuse" not in ids  # an empty block with nothing to say is left out
    (sd_009,) = [p for p in strategy.findings if p.finding.rule == "SD-009"]
    assert sd_009.path == "strategy.actions[1].text" and not sd_009.missing


# ---- the words a finding concerns -----------------------------------------------------------

def test_phrases_come_from_the_evidence_and_the_words_the_reasons_quote():
    found = finding("EVAL-001", "warning").model_copy(update={
        "evidence": "visits … completed",
        "reasons": ("it records events ('visits', 'completed' and 'signed off') without judging",
                    "nothing about the child's safety")})
    assert phrases(found) == ["visits", "completed", "signed off"]


def test_a_phrase_is_found_as_whole_words_ignoring_case_and_spacing():
    text = "Assessment Completed and\nsigned   off; incomplete visits."
    assert find_phrase(text, "completed") == [(11, 20)]
    assert find_phrase(text, "signed off") == [(25, 37)]
    assert find_phrase(text, "complete") == []


def test_segments_cut_the_text_where_marks_start_and_end():
    assert segments("abcdef", [(1, 4, 1), (3, 5, 2)]) == [
        ("a", ()), ("bc", (1,)), ("d", (1, 2)), ("e", (2,)), ("f", ())]


def test_words_are_marked_in_the_field_and_for_an_empty_field_in_its_item():
    review = review_of(WEAK)
    rows = {}
    for part in review.parts:
        stack = list(part.children)
        while stack:
            node = stack.pop()
            if hasattr(node, "children"):
                stack.extend(node.children)
            else:
                rows[node.path] = node
    judgement = rows["sections[0].judgement"]
    marked = {judgement.value[s:e] for s, e, _ in judgement.marks}
    assert {"visits", "completed", "signed off"} <= marked
    target = rows["plan_targets[1].text"]
    (due,) = [p for p in review.findings if p.finding.rule == "SMART-002" and p.path == "plan_targets[1].due"]
    assert (target.value.index("ongoing"), target.value.index("ongoing") + 7, due.number) in target.marks
    # evidence quoting the whole text marks nothing; only words picked out are marked
    impact = rows["impact_on_child"]
    assert all(end - start < len(impact.value) for start, end, _ in impact.marks)


def test_words_several_findings_mark_lead_to_the_worst_of_them():
    import re

    review = review_of(WEAK)
    page = render_review(review)
    severity = {p.number: p.finding.severity for p in review.findings}
    shared = re.findall(r'<mark class="sev-(\w+)" data-findings="([\d ]+ [\d ]+)"><a href="#finding-(\d+)">', page)
    assert shared, "the weak write-up has words two findings mark"
    order = ["error", "warning", "info"]
    for colour, numbers, target in shared:
        worst = min((int(n) for n in numbers.split()), key=lambda n: order.index(severity[n]))
        assert int(target) == worst and severity[worst] == colour


# ---- strengths and the proposal -------------------------------------------------------------

def test_the_strong_write_up_is_agreed_and_its_strengths_are_worded_for_a_letter():
    review = review_of(STRONG)
    assert review.proposal.outcome == "agree"
    rules = [s for s in review.strengths if s.finding is not None]
    assert len(rules) == 7
    assert rules[0].text.startswith("The planning judgement judges the work")
    auditors = [s for s in review.strengths if s.finding is None]
    assert any("Sam's own account" in s.text for s in auditors)
    assert all("None identified" not in s.text for s in review.strengths)


def test_the_weak_write_up_is_returned_with_every_reason():
    proposal = review_of(WEAK).proposal
    assert proposal.outcome == "return"
    text = " ".join(r.text for r in proposal.reasons)
    assert "11 error findings" in text
    assert "a judgement describes the work rather than evaluating it: 8 findings" in text
    assert "poor practice is not escalated" in text
    assert "the analysis is not carried through" in text
    assert proposal.recorded == "returned" and proposal.agrees_with_record


@pytest.mark.parametrize(("findings", "outcome"), [
    ((), "agree"),
    ((finding("STR-001", "info", ("strength",)), finding("COMP-003", "info")), "agree"),
    ((finding("SMART-003", "warning", ("smart",)),), "amend"),
    ((finding("SMART-003", "warning", ("smart",)), finding("SMART-001", "error", ("smart",))), "return"),
    ((finding("EVAL-001", "warning", ("evaluative",)),), "return"),
    ((finding("ESC-003", "warning", ("escalation",)),), "return"),
    ((finding("LINK-001", "warning", ("analysis-link",)),), "return"),
    ((finding("EVAL-009", "info", ("evaluative",)),), "agree"),
])
def test_the_proposal_policy(findings, outcome):
    proposal = propose(placed(*findings), recorded="agreed")
    assert proposal.outcome == outcome
    assert proposal.agrees_with_record is (outcome == "agree")
    assert proposal.reasons


def test_counts_by_section():
    by_section = dict(review_of(WEAK).by_section)
    assert by_section["Plan targets"] == {"error": 5, "warning": 9, "info": 2}
    assert by_section["Escalation"] == {"error": 2, "warning": 0, "info": 0}
    assert sum(sum(c.values()) for c in by_section.values()) == 40


def test_every_text_on_the_page_is_escaped():
    engine = auditrules.Engine.load()
    form = {"audit": {"id": "<b>A-1</b>"},
            "overall_judgement": "<script>alert(1)</script> & <img src=x onerror=alert(2)>"}
    (read,) = engine.read([form])
    assert isinstance(read, tuple)
    page = render_review(build_review(read[0], read[1], check_form(engine, read)))
    assert "<script" not in page and "<img" not in page and "<b>A-1" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;img" in page
    assert "Content-Security-Policy" in page and "default-src &#x27;none&#x27;" in page


# ---- the command line ------------------------------------------------------------------------

def test_review_writes_the_page_beside_the_form_and_leaves_the_form_alone(tmp_path):
    form = tmp_path / "weak.yaml"
    shutil.copy(WEAK, form)
    before = form.read_bytes()
    result = CliRunner().invoke(cli, ["review", str(form)])
    assert result.exit_code == 0, result.output
    page = tmp_path / "weak.review.html"
    assert f"wrote {page}: 40 findings on audit A-2025-051" in result.output
    assert "proposed outcome: return." in result.output
    assert form.read_bytes() == before
    html = page.read_text(encoding="utf-8")
    assert html.count('class="finding ') == 40
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary file left


def test_several_forms_need_form_and_the_ids_are_listed(write, tmp_path):
    forms = write("forms.yaml", TWO_FORMS)
    result = CliRunner().invoke(cli, ["review", str(forms)])
    assert result.exit_code == 2
    assert "holds 2 forms; choose one with --form ID: A-1, A-2" in result.stderr
    chosen = CliRunner().invoke(cli, ["review", str(forms), "--form", "A-2"])
    assert chosen.exit_code == 0, chosen.output
    page = (tmp_path / "forms.A-2.review.html").read_text(encoding="utf-8")
    assert "Review of audit A-2" in page and "Requires improvement." in page


def test_an_unknown_form_id_is_named_with_the_nearest(write):
    forms = write("forms.yaml", TWO_FORMS)
    result = CliRunner().invoke(cli, ["review", str(forms), "--form", "A-3"])
    assert result.exit_code == 2
    assert "no form has the audit id 'A-3'" in result.stderr
    assert "The forms are: A-1, A-2" in result.stderr


def test_a_form_that_cannot_be_read_says_where_and_what(write, tmp_path):
    form = write("bad.yaml", "audit: {id: A-1, date: 31/02/2025}\noverall_judgment: Good.\n")
    result = CliRunner().invoke(cli, ["review", str(form)])
    assert result.exit_code == 2
    assert "the form A-1 could not be read" in result.stderr
    assert "audit.date" in result.stderr and "did you mean 'overall_judgement'" in result.stderr
    assert "Traceback" not in result.output
    assert not (tmp_path / "bad.review.html").exists()


def test_a_missing_file_and_an_output_that_is_the_input_are_refused(tmp_path):
    missing = CliRunner().invoke(cli, ["review", str(tmp_path / "nope.yaml")])
    assert missing.exit_code == 2 and "no such file" in missing.stderr
    form = tmp_path / "weak.yaml"
    shutil.copy(WEAK, form)
    before = form.read_bytes()
    same = CliRunner().invoke(cli, ["review", str(form), "--output", str(form)])
    assert same.exit_code == 2 and "is one of the input files" in same.stderr
    assert form.read_bytes() == before


OWN_RULE = """ruleset local.summary
  version "1.0.0"
  title "Local summary rule"

rule OWN-001 "The summary says something"
  severity warning
  require summary is not empty
  message "There is no summary."
  hint "Say in two sentences who the child is and why they are known."
  reference "Local audit guidance"

  example pass { summary: "Known since March." }
  example fail at summary { summary: "" }
"""


def test_review_takes_the_rule_options_of_check(write, tmp_path):
    rules = write("own.rules", OWN_RULE)
    form = write("form.yaml", "audit: {id: A-1, date: 2025-06-01}\n")
    out = tmp_path / "page.html"
    result = CliRunner().invoke(cli, ["review", str(form), "--no-default-rules", "--rules", str(rules),
                                      "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert "1 finding on audit A-1 (0 errors, 1 warning, 0 infos); proposed outcome: amend." in result.output
    html = out.read_text(encoding="utf-8")
    assert 'data-rule="OWN-001" data-path="summary"' in html
    shorter = CliRunner().invoke(cli, ["review", str(WEAK), "--set", "judgement_min_words=3",
                                       "--output", str(out)])
    assert shorter.exit_code == 0, shorter.output
    # none too short now: what infos are left are a task-like target and an untraced action
    assert "35 findings" in shorter.output and "(11 errors, 21 warnings, 3 infos)" in shorter.output


def test_the_readme_shows_what_review_prints(tmp_path, monkeypatch):
    readme = documentation.page("lead-managers/reviewing.md")
    (shown,) = [line for line in readme.splitlines() if line.startswith("wrote examples/weak-writeup.review.html")]
    (tmp_path / "examples").mkdir()
    shutil.copy(WEAK, tmp_path / "examples" / WEAK.name)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["review", "examples/weak-writeup.yaml"])
    assert result.exit_code == 0
    assert result.output.strip() == shown


def test_the_tour_reviews_the_word_pro_forma_as_the_readme_shows(tmp_path, monkeypatch, make_forms):
    """The tour (in the README and in Getting started): the Word pro forma (written by the
    examples' script) reviewed with the bundled mapping prints what they show."""
    for readme in (documentation.page("README.md"), documentation.page("getting-started.md")):
        _check_the_tour_review(readme, tmp_path, monkeypatch, make_forms)


def _check_the_tour_review(readme, tmp_path, monkeypatch, make_forms):
    command = "$ auditrules review examples/weak-writeup.docx"
    lines = readme.splitlines()
    (at,) = [i for i, line in enumerate(lines) if line.startswith(command)]
    args, shown = lines[at].removeprefix("$ auditrules ").split(), lines[at + 1]
    (tmp_path / "examples").mkdir(exist_ok=True)
    make_forms.make(WEAK, tmp_path / "examples")
    shutil.copy(EXAMPLES / "pro-forma.mapping.toml", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert result.output.strip() == shown
    assert "Proposed: Return" in (tmp_path / "review.html").read_text(encoding="utf-8")




def test_waived_findings_are_listed_apart_and_leave_the_proposal(tmp_path, write):
    rules = write("own.rules", OWN_RULE)
    form = write("form.yaml", "audit: {id: A-1, date: 2025-06-01}\n")
    waivers = write("waivers.toml", '[[waiver]]\nform = "A-1"\nrule = "OWN-001"\n'
                    'reason = "The summary is on the case file front sheet."\n'
                    'approver = "Head of Quality Assurance"\nexpires = 2099-12-31\n')
    out = tmp_path / "page.html"
    args = ["review", str(form), "--no-default-rules", "--rules", str(rules), "--output", str(out)]
    result = CliRunner().invoke(cli, [*args, "--waivers", str(waivers)])
    assert result.exit_code == 0, result.output
    assert ("0 findings on audit A-1 (0 errors, 0 warnings, 0 infos); 1 waived; "
            "proposed outcome: agree.") in result.output
    html = out.read_text(encoding="utf-8")
    waived = html[html.index('<section id="waived">'):]
    assert 'data-rule="OWN-001"' in waived and "Head of Quality Assurance" in waived
    assert "The summary is on the case file front sheet." in waived
    assert html.count('data-rule="OWN-001"') == 1  # not also beside the summary
    assert '<a href="#waived">Waived findings</a>' in html
    # Without the waivers file the same finding counts: amend.
    plain = CliRunner().invoke(cli, args)
    assert "proposed outcome: amend." in plain.output


def test_an_expired_waiver_is_a_finding_on_the_review_page(tmp_path, write):
    rules = write("own.rules", OWN_RULE)
    form = write("form.yaml", "audit: {id: A-1, date: 2025-06-01}\n")
    waivers = write("waivers.toml", '[[waiver]]\nform = "A-1"\nrule = "OWN-001"\n'
                    'reason = "Agreed for the old pro forma."\napprover = "Service manager"\n'
                    "expires = 2020-01-31\n")
    out = tmp_path / "page.html"
    result = CliRunner().invoke(cli, ["review", str(form), "--no-default-rules", "--rules", str(rules),
                                      "--waivers", str(waivers), "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert "2 findings on audit A-1 (0 errors, 2 warnings, 0 infos)" in result.output
    html = out.read_text(encoding="utf-8")
    assert 'data-rule="WAIVER-001"' in html and '<section id="waived">' not in html
