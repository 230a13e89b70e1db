"""Propose a mapping for a council's return or pro forma by matching its labels to form fields.

Every label is scored against every field by the names councils give it (see `vocabulary`), in
its context: the section its heading names, the block it sits in (audit, child, escalation,
quality assurance), and the shape of its answer (a grade, a date, a tick, a long text). The
assignment that maximises the total score is taken (one label per field, one field per label);
a field another label scored nearly as well for is reported as a question. Only labels are ever
written or printed: an answer's text is read for its shape and never kept.
"""

from __future__ import annotations

import re
import weakref
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..dsl import types as t
from ..models import SECTION_NAMES as CANONICAL_SECTIONS
from ..patterns import compiled
from .form_mapping import FieldLabel, ListLabels, label_key
from .labels import CHECKED, FormCell, FormRow, Heading, Layout, has_ticks, is_title, ticked
from .mapping import ID_PATH, ListMapping
from .tables import Workbook
from .vocabulary import (
    BLOCK_NAMES,
    FIELD_NAMES,
    ITEM_NAMES,
    LIST_NAMES,
    SECTION_NAMES,
    SECTION_PART_NAMES,
    Names,
    best_of,
    head,
    heading_section,
    names_for,
    score,
    words,
)

CUT = 0.72
"""A label names a field when it scores at least this (0 to 1)."""
NEAR = 0.05
"""Another field (or label) scoring within this of the chosen one makes a question to confirm."""
NEAR_A_FIELD = 0.5
"""A text not placed is listed as a label only if it asks, or scores at least this for some field."""
LOOK_ROWS = 30
"""How many rows of a workbook's first sheet tell a return from a form."""
EXACT_CELLS = 40_000
"""A group of labels and fields larger than this (labels times fields) is assigned best pairs
first instead of exactly, so that a hostile form with thousands of repeated labels cannot stall."""
FORM_ROWS = 2000
"""A form laid out on a sheet is read no further than this for its labels."""

_SECTIONS = {key: Names.of(value) for key, value in SECTION_NAMES.items()}
_PARTS = {key: Names.of(value) for key, value in SECTION_PART_NAMES.items()}
_BLOCKS = {key: Names.of(value) for key, value in BLOCK_NAMES.items()}
_LISTS = {key: Names.of(value) for key, value in LIST_NAMES.items()}
_GRADE_WORDS = compiled(r"^\s*(outstanding|good|requires improvement|requires improvement to be good|"
                        r"ri|inadequate|[1-4]|grade [1-4])\s*$", re.IGNORECASE)
_DATE = compiled(r"^\s*(\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2} [A-Za-z]+ \d{4})\s*$")
_DATE_IN = compiled(r"\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b")
_NAMED = compiled(r"^(?:(?:Mr|Mrs|Ms|Miss|Dr)\.? )?[A-Z][a-z]+ [A-Z][a-z'-]+,")
"""A person's name and then a comma: "Grace Adeyemi, principal social worker" is an answer."""
_YES_NO = compiled(r"^\s*(yes|no|y|n|n/?a|partly|partially)\s*$", re.IGNORECASE)
_NUMBERING = compiled(r"^\s*(?:[a-z]|q?\d+(?:\.\d+)*[a-z]?|[ivx]+)[.)]?\s*$", re.IGNORECASE)


# ---- what an answer looks like (its shape, never its words) ---------------------------------------

def shape(text: str) -> str:
    """An answer's shape: grade, tick, date, yes/no, long or short text, or empty."""
    text = text.strip()
    if not text:
        return "empty"
    if has_ticks(text):
        options = re.findall(rf"[{CHECKED}☐□]\s*([^{CHECKED}☐□]*)", text)
        named = [option.strip(" :;,/").lower() for option in options if option.strip(" :;,/")]
        if named and set(named) <= {"red", "amber", "green"}:
            return "rag"
        if any(_GRADE_WORDS.match(option) for option in named):
            return "grade"
        return "tick"
    if _GRADE_WORDS.match(text):
        return "grade"
    if _DATE.match(text):
        return "date"
    if len(_DATE_IN.findall(text)) >= 2:
        return "dates"
    if _YES_NO.match(text):
        return "yes/no"
    return "long" if len(text.split()) >= 12 or "\n" in text else "short"


_LONG_TEXT_PARTS = ("judgement", "evidence", "strengths", "development")


def fits(path: str, kind: Any, answer: str) -> float:
    """How an answer's shape bears on a field: a little more for a fitting shape, less for one
    that cannot be that field (a long text is not a date, a grade is not a judgement)."""
    if answer in ("empty", "unknown"):
        return 0.0
    part = path.rsplit(".", 1)[-1]
    if path.startswith("sections.") and part == "grade":
        # A red, amber or green rating is not one of the four grade words: left for a person to map.
        return {"grade": 0.2, "long": -0.3, "date": -0.3, "rag": -0.5}.get(answer, 0.0)
    if kind == t.BOOL:
        return {"tick": 0.1, "yes/no": 0.1, "long": -0.2, "date": -0.3, "grade": -0.2}.get(answer, 0.0)
    if kind in (t.DATE, t.DATETIME):
        return {"date": 0.1, "long": -0.3, "grade": -0.3, "tick": -0.2, "dates": -0.3}.get(answer, 0.0)
    if kind == t.TEXT_LIST:
        return {"yes/no": -0.2, "date": -0.3}.get(answer, 0.0)
    long_text = (path.startswith("sections.") and part in _LONG_TEXT_PARTS) or path in (
        "overall_judgement", "impact_on_child", "summary", "assessment.analysis", "assessment.conclusion")
    if long_text:
        return {"long": 0.05, "grade": -0.3, "date": -0.3, "yes/no": -0.3, "tick": -0.3}.get(answer, 0.0)
    if kind == t.TEXT and path not in ("audit.type", "child.status", "qa.outcome"):
        return {"tick": -0.15}.get(answer, 0.0)  # a name or a team is written, not ticked
    return 0.0


_QUESTION = compiled(r"^(?:how|what|who|when|where|why|which|(?:is|are|was|were|has|have|did|does|do) "
                     r"(?:the|there|we|this|a|an|parents?|they)\b)", re.IGNORECASE)


def asks(text: str) -> bool:
    """A label that reads as a prompt: "Date:", "Was the child seen alone?", "Judgement (why?)",
    "How will we know"."""
    if _guidance(text):
        return False
    return re.search(r"[?:]\)?\s*\*?\s*$", text) is not None or (
        is_title(text) and _QUESTION.match(label_key(text)) is not None)


def _guidance(text: str) -> bool:
    """Guidance to the auditor, not a label: "Consider: was the assessment ...? Does it ...?"."""
    key = label_key(text)
    return text.count("?") >= 2 or key.startswith(("consider", "guidance", "note:", "please note", "prompts"))


def _answer_like(text: str) -> bool:
    """A text that is an answer, not a label, whatever its place: a tick, a date, a number, a
    yes or no, quoted or first-person words, or several sentences."""
    stripped = text.strip()
    if _guidance(stripped):
        return True
    if has_ticks(stripped) or _DATE.match(stripped) or _YES_NO.match(stripped) or _NUMBERING.match(stripped):
        return True
    if re.search(r"\d", stripped) and not re.search(r"[a-z]{3}", stripped.lower()):
        return True
    if re.search(r"[\"“”;]|'\w[^']*'", stripped) or _DATE_IN.search(stripped) or _NAMED.match(stripped):
        return True
    if re.search(r"\b(i|i'm|i've|my|me|we|us|our)\b", stripped.lower()) and not asks(stripped):
        return True
    if re.search(r"[.!]\s+\S", label_key(stripped)):
        return True
    return not is_title(stripped) and not asks(stripped)


# ---- the assignment -------------------------------------------------------------------------------

@dataclass
class Choice:
    """A label placed on a field, how sure the match is, and any field it could also be."""

    path: str
    label: str
    confidence: float
    under: str | None = None
    also: list[tuple[str, float]] = field(default_factory=list)
    note: str = ""
    """Why a person should look at it although it scored well."""


def assign(scores: Sequence[Mapping[str, float]], cut: float = CUT) -> list[tuple[int, str, float]]:
    """The assignment of labels (rows) to fields that maximises the total score: one field a
    label, one label a field, only pairs scoring at least `cut`.

    Labels and fields fall into groups that share no candidate pair ("Judgement" under each
    section can only be that section's), and each group is solved exactly on its own, so the
    work stays small. (scipy's linear_sum_assignment gives the same totals, as the tests check,
    but importing it costs more than a whole `map` of a 400-row return.)"""
    edges = [{path: value for path, value in row.items() if value >= cut} for row in scores]
    parent: dict[object, object] = {}

    def root(node: object) -> object:
        while parent.setdefault(node, node) != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for i, row in enumerate(edges):
        for path in row:
            parent[root(("field", path))] = root(("label", i))
    groups: dict[object, tuple[list[int], list[str]]] = {}
    for i, row in enumerate(edges):
        if row:
            groups.setdefault(root(("label", i)), ([], []))[0].append(i)
    for path in sorted({path for row in edges for path in row}):
        groups[root(("field", path))][1].append(path)
    chosen: list[tuple[int, str, float]] = []
    for rows, fields in groups.values():
        if len(rows) * len(fields) > EXACT_CELLS:
            chosen += _greedy(edges, rows)  # a form no council writes (thousands of one label)
            continue
        matrix = [[edges[i].get(path, 0.0) for path in fields] for i in rows]
        for r, c in _best_assignment(matrix):
            if matrix[r][c] >= cut:
                chosen.append((rows[r], fields[c], matrix[r][c]))
    return sorted(chosen)


def _greedy(edges: Sequence[Mapping[str, float]], rows: Sequence[int]) -> list[tuple[int, str, float]]:
    """Best pairs first, each label and field once: for a group too large to solve exactly."""
    pairs = sorted(((value, i, path) for i in rows for path, value in edges[i].items()),
                   key=lambda pair: (-pair[0], pair[1], pair[2]))
    used_rows: set[int] = set()
    used_fields: set[str] = set()
    chosen = []
    for value, i, path in pairs:
        if i not in used_rows and path not in used_fields:
            used_rows.add(i)
            used_fields.add(path)
            chosen.append((i, path, value))
    return chosen


def _best_assignment(matrix: list[list[float]]) -> list[tuple[int, int]]:
    """Row and column pairs of a rectangular score matrix with the largest total (the Hungarian
    method with potentials, on the negated scores; rows and columns swapped when rows are more)."""
    if not matrix or not matrix[0]:
        return []
    flipped = len(matrix) > len(matrix[0])
    rows = [list(column) for column in zip(*matrix, strict=True)] if flipped else matrix
    cost = [[-value for value in row] for row in rows]
    n, m = len(cost), len(cost[0])
    u, v = [0.0] * (n + 1), [0.0] * (m + 1)
    match, way = [0] * (m + 1), [0] * (m + 1)
    for i in range(1, n + 1):
        match[0], j0 = i, 0
        least, used = [float("inf")] * (m + 1), [False] * (m + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = match[j0], float("inf"), 0
            for j in range(1, m + 1):
                if not used[j]:
                    reduced = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if reduced < least[j]:
                        least[j], way[j] = reduced, j0
                    if least[j] < delta:
                        delta, j1 = least[j], j
            for j in range(m + 1):
                if used[j]:
                    u[match[j]] += delta
                    v[j] -= delta
                else:
                    least[j] -= delta
            j0 = j1
            if match[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            match[j0] = match[j1]
            j0 = j1
    pairs = [(match[j] - 1, j - 1) for j in range(1, m + 1) if match[j]]
    return [(c, r) for r, c in pairs] if flipped else pairs


def _questions(scores: Sequence[Mapping[str, float]], chosen: list[tuple[int, str, float]]
               ) -> dict[int, list[tuple[str, float]]]:
    """For each placed label, the other fields (at most two) it scored nearly as well for."""
    also: dict[int, list[tuple[str, float]]] = {}
    for i, path, value in chosen:
        near = [(other, s) for other, s in scores[i].items() if other != path and s >= max(CUT, value - NEAR)]
        also[i] = sorted(near, key=lambda pair: -pair[1])[:2]
    return also


# ---- a return: one row per audit ------------------------------------------------------------------

@dataclass
class Proposal:
    sheet: str
    id_header: str | None
    fields: dict[str, str] = field(default_factory=dict)
    lists: dict[str, ListMapping] = field(default_factory=dict)
    unplaced: list[str] = field(default_factory=list)
    choices: list[Choice] = field(default_factory=list)


def _field_names(known: Mapping[str, object]) -> dict[str, Names]:
    return {path: names_for(path, FIELD_NAMES) for path in known if not path.startswith("sections.")}


def _section_field_names() -> dict[str, Names]:
    """A return's header for a section's part names both: "Voice of the child judgement"."""
    return {f"sections.{section}.{part}": Names.of(f"{s} {p}" for s in SECTION_NAMES[section]
                                                    for p in SECTION_PART_NAMES[part])
            for section in SECTION_NAMES for part in SECTION_PART_NAMES}


def propose(book: Workbook, known: Mapping[str, object], item_fields: Mapping[str, list[str]],
            sheet: str | None = None) -> Proposal:
    """Match the main sheet's headers to fields, numbered headers to lists, and other sheets to
    lists joined by the audit id. Only the header rows and a few rows below them are read."""
    names = book.sheet_names
    main = sheet or book.find_sheet("Audits") or names[0]
    headers = [h for h in book.table(main).headers if h.strip()] if not hasattr(book, "grid") else \
        [h for h in header_row(book, main) if h.strip()]
    candidates = {**_field_names(known), **_section_field_names()}
    proposal = Proposal(main, None)
    numbered: dict[str, list[str]] = {}
    singles: list[str] = []
    for header in headers:
        if re.search(r"\d", header) and not re.fullmatch(r".*\d{4}.*", header) and \
                _place_numbered(re.sub(r"\d+", "{n}", header, count=1), item_fields) is not None:
            numbered.setdefault(re.sub(r"\d+", "{n}", header, count=1), []).append(header)
            continue
        singles.append(header)
    scores = [{path: s for path, path_names in candidates.items() if (s := score(header, path_names)) >= CUT}
              for header in singles]
    chosen = assign(scores)
    also = _questions(scores, chosen)
    taken_headers: set[str] = set()
    for i, path, value in sorted(chosen, key=lambda c: c[0]):
        proposal.fields[path] = singles[i]
        proposal.choices.append(Choice(path, singles[i], value, None, also.get(i, [])))
        taken_headers.add(singles[i])
    proposal.id_header = proposal.fields.pop(ID_PATH, None)
    if proposal.id_header is None:
        proposal.id_header = next((h for h in headers if label_key(h) in ("id", "audit id", "reference")),
                                  None)
    if proposal.id_header:
        taken_headers.add(proposal.id_header)
    for pattern, group in numbered.items():
        placed = _place_numbered(pattern, item_fields)
        if placed is None:
            continue
        list_path, item_field = placed
        spec = proposal.lists.setdefault(list_path, ListMapping(list_path, {}))
        if item_field not in spec.fields:
            spec.fields[item_field] = pattern
            taken_headers.update(group)
    for other in names:
        if other == main:
            continue
        sheet_list, _ = best_of(other, _LISTS, CUT)
        if sheet_list is None or sheet_list in proposal.lists:
            continue
        child_headers = [h for h in (header_row(book, other) if hasattr(book, "grid") else
                                     book.table(other).headers) if h.strip()]
        own_id = label_key(proposal.id_header) if proposal.id_header else None
        key = next((h for h in child_headers if label_key(h) == own_id), None) or next(
            (h for h in child_headers if label_key(h) in ("audit id", "id", "audit ref")), None)
        columns = [h for h in child_headers if h != key]
        fields = _columns(columns, item_fields[sheet_list], (), sheet_list)
        if fields:
            proposal.lists[sheet_list] = ListMapping(sheet_list, fields, other, key)
    proposal.unplaced = [h for h in headers if h not in taken_headers]
    return proposal


_FIRST_ROWS: weakref.WeakKeyDictionary[Any, dict[str, list[list[Any]]]] = weakref.WeakKeyDictionary()


def first_rows(book: Any, sheet: str) -> list[list[Any]]:
    """A sheet's first LOOK_ROWS rows, read once however often they are asked for (kept while
    the workbook is)."""
    sheets = _FIRST_ROWS.setdefault(book, {})
    if sheet not in sheets:
        sheets[sheet] = book.grid(sheet, LOOK_ROWS)[0]
    return sheets[sheet]


def header_row(book: Any, sheet: str) -> list[str]:
    """A sheet's first row that holds anything, as text, without reading the rest of the sheet."""
    grid = first_rows(book, sheet)
    for row in grid:
        texts = [str(v).strip() if v is not None else "" for v in row]
        if any(texts):
            while texts and not texts[-1]:
                texts.pop()
            return texts
    return []


def looks_like_return(book: Any, sheet: str) -> bool:
    """From the first rows only: a return has a header row of several labels and rows below it
    filled in the same columns; a form's rows are a label or two and their answers."""
    rows = [[c for c, v in enumerate(row) if v is not None and str(v).strip()]
            for row in first_rows(book, sheet)]
    rows = [r for r in rows if r]
    if len(rows) < 2 or len(rows[0]) < 4:
        return False
    header = set(rows[0])
    alike = sum(1 for r in rows[1:]
                if len(r) >= max(3, len(header) // 2) and set(r) <= header | {max(header) + 1})
    return alike >= min(3, len(rows) - 1)


_ITEM_SHAPES = {"completed_on": {"yes/no": -0.3, "tick": -0.3, "long": -0.3, "grade": -0.3},
                "due": {"yes/no": -0.3, "tick": -0.3, "long": -0.2},
                "owner": {"yes/no": -0.3, "date": -0.3, "long": -0.2},
                "status": {"yes/no": -0.3, "tick": -0.3, "date": -0.3, "long": -0.3}}


def item_names(list_path: str, item_field: str) -> Names:
    """What a list's column is called: the item field's names, and the list's own for it."""
    return Names.of((item_field.replace("_", " "), *ITEM_NAMES.get(item_field, ()),
                     *ITEM_NAMES.get(f"{list_path}.{item_field}", ())))


def _column_score(header: str, names: Names) -> float:
    """A column label's score; one that starts with a one-word name counts ("Recommendations
    for the worker / team / service" is the recommendation)."""
    value = score(header, names)
    first = words(header)[:1]
    if first and any(len(form) == 1 and form == first for form in names.forms):
        value = max(value, 0.8)
    return value


def _columns(headers: Sequence[str], item_fields: Sequence[str],
             shapes: Sequence[str] = (), list_path: str = "") -> dict[str, str]:
    """A list's item fields placed on a table's column labels, by the best assignment (a column
    whose answers cannot be a field's, such as yes or no for a date, fits it less)."""
    wanted = {f: item_names(list_path, f) for f in item_fields}
    scores = [{f: s for f, names in wanted.items()
               if (s := _column_score(h, names) + (_ITEM_SHAPES.get(f, {}).get(shapes[i], 0.0)
                                                   if i < len(shapes) else 0.0)) >= CUT}
              for i, h in enumerate(headers)]
    return {f: headers[i] for i, f, _ in sorted(assign(scores), key=lambda c: c[0])}


def _place_numbered(pattern: str, item_fields: Mapping[str, list[str]]) -> tuple[str, str] | None:
    """'Target {n} owner' -> (plan_targets, owner); 'Recommendation {n}' -> (recommendations, action)."""
    text = " ".join(words(pattern.replace("{n}", " ")))
    base_words = {"target": "plan_targets", "recommend": "recommendations",
                  "action": "assessment.actions", "feedback": "family_feedback"}
    for word, list_path in base_words.items():
        if text.startswith(word):
            rest = text[len(word):].strip()
            if not rest:
                return list_path, item_fields[list_path][0]
            rest_label = pattern.replace("{n}", " ").split(None, 1)[1] if len(pattern.split()) > 1 else rest
            found = _columns([rest_label], list(item_fields[list_path]), (), list_path)
            return (list_path, next(iter(found))) if found else None
    return None


# ---- a one-form pro forma: a Word document or a form-layout workbook -------------------------------

@dataclass
class FormProposal:
    """Labels placed on fields (with the heading above them where the label is used more than
    once), lists found by their header rows, the labels not placed, and how sure each is."""

    labels: list[FieldLabel] = field(default_factory=list)
    lists: dict[str, ListLabels] = field(default_factory=dict)
    unplaced: list[str] = field(default_factory=list)
    choices: list[Choice] = field(default_factory=list)
    tables: list[str] = field(default_factory=list)
    """Tables of questions no list fits, described by their column labels and heading."""
    unlisted: int = 0
    """Texts in a label's place that were not placed and are not listed (they may be answers)."""

    @property
    def placed(self) -> int:
        return len(self.labels) + sum(len(spec.fields) for spec in self.lists.values())

    @property
    def questions(self) -> list[Choice]:
        """Placements to confirm: another field fits nearly as well, the match is loose, or
        there is something to say about it."""
        return [choice for choice in self.choices if choice.also or choice.confidence < 0.85 or choice.note]


@dataclass
class _Label:
    """A text in a label's place: its heading, the section and block it sits in, and its
    answer's shape."""

    text: str
    heading: str | None
    section: str | None
    block: str | None
    answer: str
    at: tuple[int, int] | None = None
    """Where a text alone in its row is (part, row): such a text is a label or a heading."""
    valid: dict[str, float] = field(default_factory=dict)
    """For fields that take one of a few words: less where the answer is none of them."""


@dataclass
class _Header:
    cells: list[FormCell]
    heading: str | None
    shapes: dict[int, str] = field(default_factory=dict)
    """The shape of each column's answers in the rows below (by column)."""


_PART_WORDS = {part: {words(part)[0]} for part in ("evidence", "strengths", "grade", "judgement")}
_THEME = compiled(r"^(?:theme|section|part|area)\b|^\d+[.):]?\s+[A-Za-z]|^[A-Z][.):]\s", re.IGNORECASE)
_EVALUATIVE = compiled(r"^(?:overall,? )?(?:how (?:well|effective|effectively|good|far|much|safe)|"
                       r"to what extent|what is the quality|what difference|what impact|"
                       r"how has|how have|how is|how are|"
                       r"is the .* (?:effective|good enough)|evaluat|judg|why have you|give reasons|"
                       r"reasons? for)")


THEME_FIELDS_NEEDED = 3
"""A themed block's fields (domestic abuse, strategy discussions) are placed only where the form
has at least this many labels for them: one question about a child seen alone does not make a
looked-after child's audit a domestic abuse audit."""


def _themes_present(scores: list[dict[str, float]]) -> list[dict[str, float]]:
    core = {"audit", "child", "assessment", "escalation", "qa", "sections"}
    counts = Counter(path.split(".")[0] for row in scores for path in row
                     if "." in path and path.split(".")[0] not in core)
    dropped = {block for block, count in counts.items() if count < THEME_FIELDS_NEEDED}
    return [{p: v for p, v in row.items() if p.split(".")[0] not in dropped} for row in scores]


def _names_a_part(text: str) -> bool:
    """A heading's words: a section, a block of the form, or a list."""
    return heading_section(text, _SECTIONS) is not None or any(
        best_of(text, options, CUT)[0] is not None for options in (_BLOCKS, _LISTS))


def own_section(heading: str) -> str:
    """A name for a section of the council's own: "Theme 4: Working with the person causing
    harm" is `working_with_person_causing_harm`."""
    text = re.sub(r"^(?:theme|section|part|area)\s*\w{0,3}\s*[.):\-–]?\s*", "", heading.strip(),
                  flags=re.IGNORECASE)
    found = [w for w in re.findall(r"[a-z0-9]+", label_key(text))
             if w not in ("the", "and", "of", "a", "an", "with")]
    name = "_".join(found[:4]) or "theme"
    return name if name[0].isalpha() else f"theme_{name}"


_WORD_FIELDS: dict[str, Any] = {}


def _valid_words(answer: str) -> dict[str, float]:
    """For the fields that take one of a few words (the audit's type, the child's status, the QA
    outcome): a penalty where this answer would be refused, a little more where it is accepted."""
    if not answer.strip():
        return {}
    if not _WORD_FIELDS:
        from pydantic import TypeAdapter

        from ..models import AuditType, ChildStatus, QAOutcome

        _WORD_FIELDS.update({"audit.type": TypeAdapter(AuditType), "child.status": TypeAdapter(ChildStatus),
                             "qa.outcome": TypeAdapter(QAOutcome)})
    value: Any = ticked(answer) if has_ticks(answer) else answer.strip()
    if isinstance(value, list):
        value = value[0]
    if value is None:
        return {}
    out: dict[str, float] = {}
    for path, adapter in _WORD_FIELDS.items():
        try:
            adapter.validate_python(value)
            out[path] = 0.05
        except ValueError:
            out[path] = -0.25
    return out


def _column_shapes(rows: Sequence[FormRow], index: int, header: list[FormCell]) -> dict[int, str]:
    """The shape of the first answer under each header cell."""
    shapes: dict[int, str] = {}
    for row in rows[index + 1:index + 4]:
        for cell in row.cells:
            if cell.text and cell.column not in shapes:
                shapes[cell.column] = shape(cell.text)
    return {c.column: shapes.get(c.column, "empty") for c in header}


def propose_form(layout: Layout, known: Mapping[str, object],
                 item_fields: Mapping[str, list[str]]) -> FormProposal:
    """Match a one-form layout's labels to fields, in their context: a section's labels by the
    section its heading names, lists by their header rows and the heading above them."""
    return _FormProposer(layout, known, item_fields).run()


class _FormProposer:
    def __init__(self, layout: Layout, known: Mapping[str, object],
                 item_fields: Mapping[str, list[str]]) -> None:
        self.layout = layout
        self.known = known
        self.item_fields = item_fields
        self.top = _field_names(known)
        # Fields written at length: a text naming one with nothing beside it heads that part.
        self.long_text = {path: names for path, names in self.top.items() if fits(path, None, "long") > 0}
        self.columns = {name: {f: item_names(name, f) for f in fields}
                        for name, fields in item_fields.items()}

    def run(self) -> FormProposal:
        # Which lone texts are labels (with their answer below) decides what the headings are,
        # and the headings decide how labels score: settle it by walking again until it holds.
        # Every lone text that could be a label starts as one; those no field takes become
        # headings, and the form is walked again, until none is dropped.
        lone_labels: set[tuple[int, int]] | None = None
        while True:
            labels, headers, grids = self._walk(lone_labels)
            scores = _themes_present([self._scores(label) for label in labels])
            chosen = assign(scores)
            now = {at for i, _, _ in chosen if (at := labels[i].at) is not None}
            walked = {at for label in labels if (at := label.at) is not None}
            if now == walked:
                break
            lone_labels = now
        proposal = FormProposal()
        counts = Counter(label_key(label.text) for label in labels)
        also = _questions(scores, chosen)
        placed: set[int] = set()
        told_apart: set[tuple[str, str]] = set()
        for i, path, value in sorted(chosen, key=lambda c: c[0]):
            label = labels[i]
            under = label.heading if label.heading and (path.startswith("sections.") or
                                                          counts[label_key(label.text)] > 1) else None
            key = (label_key(label.text), label_key(under or ""))
            if key in told_apart:
                # The same label under the same heading twice: the form cannot say which is which.
                continue
            told_apart.add(key)
            proposal.labels.append(FieldLabel(path, label.text.strip(), under))
            own = path.startswith("sections.") and path.split(".")[1] not in CANONICAL_SECTIONS
            note = "a theme of this form's own, named from its heading" if own else ""
            proposal.choices.append(Choice(path, label.text.strip(), min(value, 1.0), under, also.get(i, []),
                                           note))
            placed.add(i)
        if not any(choice.path == ID_PATH for choice in proposal.choices):
            proposal.choices.append(Choice(ID_PATH, "", 0.0, None, [], "no label for the audit's reference "
                                           "was found: map the form's own reference number by hand"))
        self._lists(headers, proposal)
        proposal.tables += [" | ".join(c.text.strip() for c in grid.cells)
                            + (f" (under '{grid.heading}')" if grid.heading else "") for grid in grids]
        # Only texts that read as labels are listed: a text in a label's place that neither asks
        # nor comes near any field may be an answer (a school's name in a table), so it is only counted.
        unplaced = [label.text.strip() for i, label in enumerate(labels) if i not in placed]
        listed = [text for text in unplaced if asks(text) or self._near_a_field(text)]
        proposal.unplaced = list(dict.fromkeys(listed))
        proposal.unlisted = len(set(unplaced) - set(listed))
        return proposal

    # -- scoring ---------------------------------------------------------------------------------
    def _scores(self, label: _Label) -> dict[str, float]:
        found: dict[str, float] = {}
        if label.section is not None:
            for part, names in _PARTS.items():
                path = f"sections.{label.section}.{part}"
                value = score(label.text, names)
                own = set(words(label.text))
                if part in _PART_WORDS and len(own) <= 3 and _PART_WORDS[part] & own:
                    value = max(value, 0.8)  # "Evidence considered", "Strengths identified"
                if part == "judgement" and _EVALUATIVE.match(label_key(label.text)):
                    value = max(value, 0.85)  # a question that asks the auditor to judge
                value += fits(path, None, label.answer)
                if value >= CUT:
                    found[path] = value
        for path, names in self.top.items():
            block = path.split(".")[0]
            value = score(label.text, names)
            if label.block is not None and block == label.block:
                # "Date" under "Escalation" is the escalation's date (a name met whole, not in part)
                own = set(words(label.text))
                if any(own <= set(form) for form in names.forms):
                    within = score(f"{block.replace('qa', 'quality assurance')} {label.text}", names)
                    value = max(value, within if within >= 0.9 else 0.0)
            if label.heading and label.section is None and label.block is None:
                # "Rationale for judgement" under "Overall judgement" is the overall judgement
                within = 0.95 * score(f"{head(label.heading)} {label_key(label.text)}", names)
                value = max(value, within if within >= 0.85 else 0.0)
            if label.answer == "tick" and label.valid.get(path, 0.0) > 0:
                value = max(value, 0.8)  # its ticked box is one of this field's words ("☒ Care leaver")
            if value < CUT - 0.1:
                continue
            value += label.valid.get(path, 0.0)
            if label.block is not None and block == label.block:
                value += 0.1
            elif label.block in ("escalation", "qa") and block in BLOCK_NAMES:
                value -= 0.1
            if label.section is not None and block in BLOCK_NAMES:
                value -= 0.05
            value += fits(path, self.known.get(path), label.answer)
            if value >= CUT:
                found[path] = value
        return found

    # -- walking the layout as the reader does ---------------------------------------------------------
    def _walk(self, lone_labels: set[tuple[int, int]] | None
              ) -> tuple[list[_Label], list[_Header], list[_Header]]:
        """The texts in a label's place, the rows that may head a list, and the header rows of
        grids of numbered questions. A text alone in its
        row is a label when `lone_labels` holds its place (or, the first time, when it could be
        one), else a heading."""
        labels: list[_Label] = []
        headers: list[_Header] = []
        grids: list[_Header] = []
        state: dict[str, str | None] = {"heading": None, "section": None, "block": None}

        def set_heading(text: str) -> None:
            state["heading"] = text.strip()
            section = heading_section(text, _SECTIONS)
            block, _ = best_of(text, _BLOCKS, CUT)
            list_name, _ = best_of(text, _LISTS, CUT)
            if section is None and block is None and list_name is None and _THEME.match(text.strip()) \
                    and best_of(text, self.long_text, CUT)[0] is None:
                section = own_section(text)  # a theme of the council's own: its judgement is checked too
            if section is not None:
                state["section"], state["block"] = section, None
            elif block is not None or list_name is not None or _THEME.match(text.strip()) or \
                    best_of(text, self.top, CUT)[0] is not None:
                # a new part of the form ("6. Overall judgement") ends the section before it
                state["section"], state["block"] = None, block

        def add(text: str, answer: str, at: tuple[int, int] | None = None) -> None:
            """A label, and what its answer tells of it (its shape; whether it is one of a
            field's few words). The answer's words are not kept."""
            labels.append(_Label(text, state["heading"], state["section"], state["block"], shape(answer), at,
                                 _valid_words(answer)))

        for number, entry in enumerate(self.layout):
            if isinstance(entry, Heading):
                set_heading(entry.text)
                continue
            rows = entry.rows
            index = 0
            in_list = False
            while index < len(rows):
                row = rows[index]
                filled = [c for c in row.cells if c.text]
                if in_list:
                    if not filled:
                        in_list = not entry.sheet
                        index += 1
                        continue
                    if not (len(filled) == 1 and (row.whole or entry.sheet) and is_title(filled[0].text)):
                        index += 1
                        continue
                    in_list = False
                if not filled:
                    index += 1
                    continue
                if _numbering_header(filled) and not self._header_like(filled[1:]):
                    grids.append(_Header(filled, state["heading"]))  # its rows are questions
                    index += 1
                    continue
                if len(filled) >= 2 and self._header_like(filled):
                    headers.append(_Header(filled, state["heading"], _column_shapes(rows, index, filled)))
                    in_list = True
                    index += 1
                    continue
                if len(filled) == 1 and (row.whole or entry.sheet):
                    text = filled[0].text
                    at = (number, index)
                    below = rows[index + 1] if index + 1 < len(rows) else None
                    answer_text: str | None
                    if entry.sheet:
                        beside = next((c for c in row.cells if c.column > filled[0].column and c.text), None)
                        lone_below = below is not None and sum(1 for c in below.cells if c.text) == 1 and \
                            not self._label_next(next(c.text for c in below.cells if c.text))
                        if beside is None and lone_below and below is not None:
                            answer_text, skip = next(c.text for c in below.cells if c.text), 2
                        else:
                            answer_text, skip = (beside.text if beside is not None else ""), 1
                    else:  # Word: the answer is the whole row below, unless that is the next label
                        answer_text = below.cells[0].text if below is not None and below.whole and \
                            not self._label_next(below.cells[0].text) else None
                        skip = 2
                    # A long prompt without a question mark reads like an answer; it is taken
                    # for a label when it names a field and its answer below is longer.
                    long_prompt = answer_text is not None and len(text) < len(answer_text) and \
                        self._names_a_field(text, long=True)
                    maybe = answer_text is not None and (not _answer_like(text) or long_prompt) and \
                        self._could_be_label(text)
                    if entry.sheet and not answer_text:  # nothing beside or below it: a heading, unless it
                        # asks, or names a field and no section, block or list
                        maybe = maybe and (asks(text) or (
                            self._names_a_field(text) and not _names_a_part(text)
                            and best_of(text, self.long_text, CUT)[0] is None))
                    wanted = lone_labels is None or at in lone_labels
                    if maybe and answer_text is not None and wanted:
                        add(text, answer_text, at)
                        index += skip
                        continue
                    if is_title(text) and not _answer_like(text):
                        set_heading(text)
                    index += 1
                    continue
                below = rows[index + 1] if index + 1 < len(rows) else None
                if below is not None and self._labels_above(filled, below):
                    by_column = {c.column: c for c in below.cells}
                    for cell in filled:
                        answer_cell = by_column.get(cell.column)
                        add(cell.text, answer_cell.text if answer_cell is not None else "")
                    index += 2
                    continue
                self._row_labels(row, add)
                index += 1
        return labels, headers, grids

    def _could_be_label(self, text: str) -> bool:
        if asks(text) or not is_title(text):
            return True
        best = max((score(text, names) for names in (*self.top.values(), *_PARTS.values())), default=0.0)
        return best >= CUT

    def _near_a_field(self, text: str) -> bool:
        return max((score(text, names) for names in (*self.top.values(), *_PARTS.values())),
                   default=0.0) >= NEAR_A_FIELD

    def _names_a_field(self, text: str, long: bool = False) -> bool:
        """A short text that names a field outright (a second label in a row); with `long`, a
        prompt of any length that names one."""
        if not long and (not is_title(text) or len(text.split()) > 6):
            return False
        best = max((score(text, names) for names in (*self.top.values(), *_PARTS.values())), default=0.0)
        return best >= (CUT if long else 0.9)

    def _label_next(self, text: str) -> bool:
        """The text in the row below a label is the next label, not its answer."""
        return not _answer_like(text) and (asks(text) or self._names_a_field(text))

    def _labels_above(self, filled: list[FormCell], below: FormRow) -> bool:
        """A row of labels whose answers are in the row below, column by column."""
        under = [c for c in below.cells if c.text]
        if len(under) != len(filled) or {c.column for c in under} != {c.column for c in filled}:
            return False
        if any(_answer_like(c.text) and not asks(c.text) for c in filled) or any(asks(c.text) for c in under):
            return False
        labels = sum(1 for c in filled if self._could_be_label(c.text))
        answers = sum(1 for c in under if not _answer_like(c.text) and self._could_be_label(c.text))
        return labels >= 2 and labels * 2 >= len(filled) and answers == 0

    def _row_labels(self, row: FormRow, add: Any) -> None:
        """Labels of a row: each one's answer is the next filled cell after it ("L | A | L | A",
        and an answer a blank cell away); a number cell ("2.1") before a question is skipped;
        after the first pair, a cell is a label only if it reads as one. An answer is never
        taken for a label, unless it asks (ends in a colon or a question mark)."""
        cells = [c for c in row.cells if c.text.strip()]
        i = 0
        pairs = 0
        while i < len(cells):
            text = cells[i].text.strip()
            prompt = asks(text)
            if _NUMBERING.match(text) or (_answer_like(text) and not prompt) or (
                    pairs and not prompt and not self._names_a_field(text)):
                i += 1
                continue
            answer = cells[i + 1].text if i + 1 < len(cells) and not asks(cells[i + 1].text) else ""
            add(text, answer)
            pairs += 1
            i += 2 if answer else 1

    def _header_like(self, filled: list[FormCell]) -> bool:
        """A row of column labels for a list: at least two of its cells name one list's item
        fields and they are at least half of the row."""
        texts = [c.text for c in filled]
        if any(not is_title(text) or (_answer_like(text) and not asks(text)) for text in texts):
            return False
        if sum(1 for text in texts if text.rstrip().endswith(":")) * 2 >= len(texts):
            return False  # "Quality assured by: | Date: | Outcome:" are labels with answers below
        for fields in self.columns.values():
            hits = sum(1 for text in texts if any(score(text, names) >= CUT for names in fields.values()))
            if hits >= 2 and hits * 2 >= len(texts):
                return True
        return False

    # -- lists ------------------------------------------------------------------------------------
    def _lists(self, headers: list[_Header], proposal: FormProposal) -> None:
        """Each header row is given the list its columns and the heading above it fit best."""
        options: list[dict[str, float]] = []
        placed: list[dict[str, dict[str, str]]] = []
        for header in headers:
            texts = [c.text.strip() for c in header.cells]
            by_heading = best_of(header.heading, _LISTS, CUT)[0] if header.heading else None
            row_scores: dict[str, float] = {}
            row_fields: dict[str, dict[str, str]] = {}
            shapes = [header.shapes.get(c.column, "empty") for c in header.cells]
            for list_path, fields in self.item_fields.items():
                columns = _columns(texts, fields, shapes, list_path)
                if len(columns) < 2 or len(columns) * 2 < len(texts):
                    continue
                value = sum(score(label, item_names(list_path, f))
                            for f, label in columns.items()) / len(texts)
                value += 0.5 if list_path == by_heading else 0.0
                row_scores[list_path] = value
                row_fields[list_path] = columns
            options.append(row_scores)
            placed.append(row_fields)
        for i, list_path, _value in assign(options, cut=0.01):
            header = headers[i]
            by_heading = best_of(header.heading, _LISTS, CUT)[0] if header.heading else None
            proposal.lists[list_path] = ListLabels(list_path, placed[i][list_path],
                                                   header.heading if by_heading == list_path else None)
        taken = {id(h) for h in headers for spec in proposal.lists.values()
                 if set(spec.fields.values()) <= {c.text.strip() for c in h.cells}}
        for header in headers:
            if id(header) not in taken:
                proposal.tables.append(" | ".join(c.text.strip() for c in header.cells)
                                       + (f" (under '{header.heading}')" if header.heading else ""))


def _numbering_header(filled: list[FormCell]) -> bool:
    """The header row of a grid of numbered questions: "No. | Question | Yes / No | Evidence"."""
    first = label_key(filled[0].text).rstrip(".")
    return len(filled) >= 3 and first in ("no", "q", "#", "ref", "number", "item")


def describe_choices(choices: Iterable[Choice]) -> list[str]:
    """Each placement as a line: field, label, how sure, and any field it could also be."""
    lines = []
    for choice in choices:
        if not choice.label:
            lines.append(f"{choice.path:34} not placed: {choice.note}")
            continue
        where = f" under '{choice.under}'" if choice.under else ""
        line = f"{choice.path:34} '{choice.label}'{where} ({choice.confidence:.2f})"
        if choice.also:
            line += "; could also be " + ", ".join(f"{p} ({s:.2f})" for p, s in choice.also)
        if choice.note:
            line += f"; {choice.note}"
        lines.append(line)
    return lines


__all__ = ["Choice", "FormProposal", "Proposal", "assign", "describe_choices", "looks_like_return",
           "propose", "propose_form"]
