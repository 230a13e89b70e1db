"""Propose a mapping for a council's return by matching its headers to form fields.

Matching is by words, not position: a header is compared with the names a field goes by in
audit returns ("Date of audit", "Legal status", "Voice of the child judgement"), and numbered
headers ("Target 2 owner") become numbered columns of a list.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from .form_mapping import FieldLabel, ListLabels, label_key
from .labels import FormCell, FormPart, Heading, Layout, is_title
from .mapping import ID_PATH, ListMapping
from .tables import Workbook

# Other names a field goes by in councils' returns (besides its own words).
FIELD_NAMES: dict[str, tuple[str, ...]] = {
    "audit.id": ("audit id", "audit ref", "audit reference", "audit number", "audit no", "id", "ref"),
    "audit.date": ("date of audit", "audit date", "date audited", "date completed", "date"),
    "audit.type": ("audit type", "type of audit", "type"),
    "audit.themes": ("themes", "theme", "focus", "thematic focus"),
    "audit.period_start": ("period start", "period from", "from", "audit period start", "audit period from"),
    "audit.period_end": ("period end", "period to", "to", "audit period end", "audit period to"),
    "audit.auditors": ("auditor", "auditors", "audited by", "auditor name"),
    "audit.team": ("team", "service", "locality", "team name"),
    "audit.practitioner": ("practitioner", "social worker", "allocated worker", "worker"),
    "child.ref": ("child ref", "child id", "child reference", "person id", "lcs id", "mosaic id",
                  "case id", "case reference"),
    "child.age_band": ("age", "age band", "age group", "age range"),
    "child.status": ("legal status", "status", "child status", "plan type", "category", "case status"),
    "child.contact_source": ("contact source", "referral source", "source of referral", "source of contact"),
    "summary": ("summary", "case summary", "background"),
    "assessment.analysis": ("analysis", "assessment analysis"),
    "assessment.conclusion": ("conclusion", "assessment conclusion"),
    "overall_judgement": ("overall judgement", "overall judgment", "overall", "overall analysis",
                          "overall findings"),
    "impact_on_child": ("impact on child", "impact on the child", "impact", "difference made",
                        "what difference did the work make"),
    "escalation.poor_practice": ("poor practice", "poor practice identified", "escalation needed"),
    "escalation.senior_manager": ("senior manager", "escalated to", "escalation to"),
    "escalation.notified_on": ("date escalated", "escalated on", "escalation date"),
    "escalation.timescale": ("escalation timescale", "response timescale"),
    "qa.manager": ("qa manager", "moderated by", "lead manager", "quality assured by"),
    "qa.date": ("qa date", "moderation date", "date quality assured"),
    "qa.outcome": ("qa outcome", "moderation outcome", "outcome of moderation"),
    "qa.comments": ("qa comments", "moderation comments", "moderator comments"),
}
SECTION_WORDS: dict[str, tuple[str, ...]] = {
    "assessment": ("assessment",),
    "planning": ("planning", "plan", "care plan", "plans"),
    "child_voice": ("child voice", "voice of the child", "child's voice", "childs voice", "lived experience",
                    "wishes and feelings"),
    "multi_agency": ("multi agency", "multi-agency", "partnership", "partnership working",
                     "multi agency working"),
    "management_oversight": ("management oversight", "oversight", "supervision", "management"),
    "impact": ("impact", "outcomes"),
}
SECTION_FIELD_WORDS: dict[str, tuple[str, ...]] = {
    "judgement": ("judgement", "judgment", "analysis", "evaluation"),
    "grade": ("grade", "rating", "grading"),
    "evidence": ("evidence", "comments", "findings"),
    "strengths": ("strengths", "what went well", "good practice"),
    "development": ("development", "areas for development", "areas for improvement", "improvements"),
}
LIST_SHEET_WORDS: dict[str, tuple[str, ...]] = {
    "plan_targets": ("targets", "plan targets", "plan", "outcomes", "smart targets"),
    "assessment.actions": ("actions", "agreed actions", "assessment actions"),
    "recommendations": ("recommendations", "recs", "action plan"),
    "family_feedback": ("family feedback", "feedback"),
}
ITEM_FIELD_WORDS: dict[str, tuple[str, ...]] = {
    "text": ("target", "text", "action", "description", "outcome", "what", "agreed action", "feedback"),
    "action": ("recommendation", "action", "what"),
    "owner": ("owner", "who", "lead", "responsible", "by whom", "person responsible"),
    "due": ("due", "by when", "timescale", "target date", "due date", "deadline", "date due"),
    "measure": ("measure", "how will we know", "measured by", "success measure"),
    "how_child_safer": ("how child safer", "how will the child be safer", "safer",
                        "how the child will be safer"),
    "why_change_explained": ("why change explained", "parents told why", "explained to parents",
                             "parents told why change is needed", "why change is needed"),
    "status": ("status", "rag", "progress"),
    "completed_on": ("completed on", "date completed", "completion date"),
    "completion_evidence": ("completion evidence", "evidence of completion", "outcome"),
    "from": ("from", "who gave feedback", "given by", "respondent"),
}
_CUT = 0.82


def _norm(text: str) -> str:
    text = text.lower().replace("’", "'").replace("_", " ")
    return " ".join(re.sub(r"[^a-z0-9' ]+", " ", text).split())


def _score(header: str, names: tuple[str, ...]) -> float:
    wanted = _norm(header)
    return max(difflib.SequenceMatcher(None, wanted, _norm(n)).ratio() for n in names)


@dataclass
class Proposal:
    sheet: str
    id_header: str | None
    fields: dict[str, str] = field(default_factory=dict)
    lists: dict[str, ListMapping] = field(default_factory=dict)
    unplaced: list[str] = field(default_factory=list)


def _candidates(known: Mapping[str, object]) -> dict[str, tuple[str, ...]]:
    names: dict[str, tuple[str, ...]] = {}
    for path in known:
        if path.startswith("sections.*."):
            continue
        own = path.replace(".", " ")
        names[path] = (own, path.split(".")[-1].replace("_", " "), *FIELD_NAMES.get(path, ()))
    for section, section_words in SECTION_WORDS.items():
        for part, part_words in SECTION_FIELD_WORDS.items():
            names[f"sections.{section}.{part}"] = tuple(
                f"{s} {p}" for s in section_words for p in part_words) + tuple(
                f"{p} {s}" for s in section_words for p in part_words)
    return names


def propose(book: Workbook, known: Mapping[str, object], item_fields: Mapping[str, list[str]],
            sheet: str | None = None) -> Proposal:
    """Match the main sheet's headers to fields, numbered headers to lists, and other sheets to
    lists joined by the audit id."""
    names = book.sheet_names
    main = sheet or book.find_sheet("Audits") or names[0]
    table = book.table(main)
    headers = [h for h in table.headers if h.strip()]
    candidates = _candidates(known)
    proposal = Proposal(main, None)
    scored: list[tuple[float, str, str]] = []
    numbered: dict[str, list[str]] = {}
    for header in headers:
        if re.search(r"\d", header) and not re.fullmatch(r".*\d{4}.*", header):
            pattern = re.sub(r"\d+", "{n}", header, count=1)
            numbered.setdefault(pattern, []).append(header)
            continue
        for path, path_names in candidates.items():
            score = _score(header, path_names)
            if score >= _CUT:
                scored.append((score, header, path))
    taken_headers: set[str] = set()
    for _score_value, header, path in sorted(scored, key=lambda s: (-s[0], s[1], s[2])):
        if header in taken_headers or path in proposal.fields:
            continue
        proposal.fields[path] = header
        taken_headers.add(header)
    order = {header: index for index, header in enumerate(headers)}
    proposal.fields = dict(sorted(proposal.fields.items(), key=lambda item: order[item[1]]))
    proposal.id_header = proposal.fields.pop(ID_PATH, None)
    if proposal.id_header is None:
        proposal.id_header = next((h for h in headers if _norm(h) in ("id", "audit id", "reference")), None)
    if proposal.id_header:
        taken_headers.add(proposal.id_header)
    taken_patterns: set[str] = set()
    for pattern, group in numbered.items():
        placed = _place_numbered(pattern, item_fields)
        if placed is None:
            continue
        list_path, item_field = placed
        spec = proposal.lists.setdefault(list_path, ListMapping(list_path, {}))
        if item_field not in spec.fields:
            spec.fields[item_field] = pattern
            taken_patterns.add(pattern)
            taken_headers.update(group)
    for other in names:
        if other == main:
            continue
        sheet_list = _best(other, LIST_SHEET_WORDS)
        if sheet_list is None or sheet_list in proposal.lists:
            continue
        list_path = sheet_list
        child = book.table(other)
        key = next((h for h in child.headers if proposal.id_header and _norm(h) == _norm(proposal.id_header)),
                   None) or next((h for h in child.headers if _norm(h) in ("audit id", "id", "audit ref")),
                                 None)
        fields: dict[str, str] = {}
        for header in child.headers:
            if not header.strip() or header == key:
                continue
            wanted = {f: (*ITEM_FIELD_WORDS.get(f, (f.replace("_", " "),)), f.replace("_", " "))
                      for f in item_fields[list_path] if f not in fields}
            best = _best(header, wanted)
            if best is not None:
                fields[best] = header
        if fields:
            proposal.lists[list_path] = ListMapping(list_path, fields, other, key)
    proposal.unplaced = [h for h in headers if h not in taken_headers]
    return proposal


def _best(text: str, options: Mapping[str, tuple[str, ...]]) -> str | None:
    best, best_score = None, _CUT
    for key, words in options.items():
        score = _score(text, words)
        if score >= best_score:
            best, best_score = key, score
    return best


def _place_numbered(pattern: str, item_fields: Mapping[str, list[str]]) -> tuple[str, str] | None:
    """'Target {n} owner' -> (plan_targets, owner); 'Recommendation {n}' -> (recommendations, action)."""
    words = _norm(pattern.replace("{n}", " "))
    base_words = {"target": "plan_targets", "recommendation": "recommendations", "rec": "recommendations",
                  "action": "assessment.actions", "feedback": "family_feedback"}
    for word, list_path in base_words.items():
        if words.startswith(word):
            rest = words[len(word):].strip()
            if not rest:
                return list_path, item_fields[list_path][0]
            field_words = {f: (*ITEM_FIELD_WORDS.get(f, (f.replace("_", " "),)), f.replace("_", " "))
                           for f in item_fields[list_path]}
            best = _best(rest, field_words)
            return (list_path, best) if best else None
    return None




# ---- one-form pro formas: a Word document or a form-layout workbook ------------------------------

BLOCK_WORDS: dict[str, tuple[str, ...]] = {
    "audit": ("audit", "audit details", "about the audit"),
    "child": ("child", "the child", "child details", "about the child"),
    "escalation": ("escalation", "escalation of poor practice"),
    "qa": ("quality assurance", "qa", "moderation", "lead manager"),
}


@dataclass
class FormProposal:
    """Labels placed on fields (with the heading above them where the label is used more than
    once), lists found by their header rows, and the labels not placed."""

    labels: list[FieldLabel] = field(default_factory=list)
    lists: dict[str, ListLabels] = field(default_factory=dict)
    unplaced: list[str] = field(default_factory=list)

    @property
    def placed(self) -> int:
        return len(self.labels) + sum(len(spec.fields) for spec in self.lists.values())


def propose_form(layout: Layout, known: Mapping[str, object],
                 item_fields: Mapping[str, list[str]]) -> FormProposal:
    """Match a one-form layout's labels to fields: by the names fields go by, a section's
    labels by the section heading or title row above them, and lists by their header rows."""
    return _FormProposer(layout, known, item_fields).run()


class _FormProposer:
    def __init__(self, layout: Layout, known: Mapping[str, object],
                 item_fields: Mapping[str, list[str]]) -> None:
        self.layout = layout
        self.item_fields = item_fields
        self.top = {p: n for p, n in _candidates(known).items() if not p.startswith("sections.")}
        self.proposal = FormProposal()
        self.taken: set[str] = set()
        self.counts: dict[str, int] = {}
        for entry in layout:
            if isinstance(entry, FormPart):
                for row in entry.rows:
                    for cell in row.cells:
                        if cell.text:
                            key = label_key(cell.text)
                            self.counts[key] = self.counts.get(key, 0) + 1

    def run(self) -> FormProposal:
        heading: str | None = None
        self.lone: list[tuple[str, str | None]] = []
        for entry in self.layout:
            if isinstance(entry, Heading):
                heading = entry.text
                continue
            heading = self._part(entry, heading)
        # A text alone in its row is a heading, or a label whose answer is blank: it is taken as
        # a label only for a field no label beside an answer has taken.
        ranked = sorted(self.lone, key=lambda lone: -max(_score(label_key(lone[0]), names)
                                                          for names in self.top.values()))
        for text, above in ranked:
            self._place(text, above)
        return self.proposal

    def _part(self, part: FormPart, heading: str | None) -> str | None:
        rows = part.rows
        index = 0
        in_list = False
        while index < len(rows):
            row = rows[index]
            filled = [c for c in row.cells if c.text]
            if in_list:
                ends = (not filled and part.sheet) or (row.whole and not part.sheet and len(row.cells) == 1)
                if not ends:
                    index += 1
                    continue
                in_list = False
            if not filled:
                index += 1
                continue
            if len(filled) >= 2 and self._list(filled, heading):
                in_list = True
                index += 1
                continue
            if len(filled) == 1 and (row.whole or part.sheet):
                text = filled[0].text
                below = rows[index + 1] if index + 1 < len(rows) else None
                answer_below = (not part.sheet and below is not None and below.whole
                                and not is_title(below.cells[0].text) and bool(below.cells[0].text))
                if answer_below and self._place(text, heading):
                    index += 2
                    continue
                in_section = heading is not None and _best(label_key(heading), SECTION_WORDS) is not None
                if in_section and _best(label_key(text), SECTION_FIELD_WORDS) and self._place(text, heading):
                    index += 1
                    continue
                if is_title(text):
                    if _best(label_key(text), SECTION_WORDS) is None:
                        self.lone.append((text, heading))
                    heading = text.strip()
                index += 1
                continue
            cells = row.cells
            start = next(i for i, c in enumerate(cells) if c.text)
            for i in range(start, len(cells), 2):
                if cells[i].text and not self._place(cells[i].text, heading):
                    self.proposal.unplaced.append(cells[i].text)
            index += 1
        return heading

    def _place(self, text: str, heading: str | None) -> bool:
        if not is_title(text):
            return False
        label = label_key(text)
        section = _best(label_key(heading), SECTION_WORDS) if heading else None
        if section is not None:
            part = _best(label, SECTION_FIELD_WORDS)
            path = f"sections.{section}.{part}"
            if part is not None and path not in self.taken:
                self._take(path, text.strip(), heading)
                return True
        block = None
        if heading:
            block = _best(label_key(heading), BLOCK_WORDS)
        best: tuple[float, str] | None = None
        for path, names in self.top.items():
            if path in self.taken:
                continue
            score = _score(label, names)
            if score < _CUT:
                continue
            score += 0.1 if block is not None and path.split(".")[0] == block else 0.0
            if best is None or score > best[0]:
                best = (score, path)
        if best is None:
            return False
        self._take(best[1], text.strip(), heading)
        return True

    def _take(self, path: str, label: str, heading: str | None) -> None:
        self.taken.add(path)
        used_again = self.counts.get(label_key(label), 0) > 1
        under = heading if heading and (path.startswith("sections.") or used_again) else None
        self.proposal.labels.append(FieldLabel(path, label, under))

    def _list(self, filled: list[FormCell], heading: str | None) -> bool:
        """A header row: two or more of its labels name the fields of one list's items."""
        by_heading = _best(label_key(heading), LIST_SHEET_WORDS) if heading else None
        best: tuple[int, bool, str, dict[str, str]] | None = None
        for list_path, fields_of in self.item_fields.items():
            if list_path in self.proposal.lists:
                continue
            placed: dict[str, str] = {}
            for cell in filled:
                wanted = {f: (*ITEM_FIELD_WORDS.get(f, (f.replace("_", " "),)), f.replace("_", " "))
                          for f in fields_of if f not in placed}
                found = _best(label_key(cell.text), wanted)
                if found is not None:
                    placed[found] = cell.text.strip()
            rank = (len(placed), list_path == by_heading)
            if len(placed) >= 2 and (best is None or rank > best[:2]):
                best = (len(placed), list_path == by_heading, list_path, placed)
        if best is None:
            return False
        list_path, placed = best[2], best[3]
        needs_heading = by_heading == list_path and heading is not None
        self.proposal.lists[list_path] = ListLabels(list_path, placed, heading.strip()
                                                    if needs_heading and heading else None)
        self.proposal.unplaced += [c.text for c in filled if c.text.strip() not in placed.values()]
        return True


__all__ = ["FormProposal", "Proposal", "propose", "propose_form"]
