"""The names councils give the parts of a case-audit pro forma, and how a label is compared with
them.

Councils' audit tools word the same field many ways: "Auditor's judgement (what is the quality
of practice and its impact on the child?)", "Evaluation", "Summary of findings for this theme"
are all a section's judgement; "Who", "Responsible", "Lead officer" are all an owner. The names
below are gathered from published case file audit tools, practice quality reviews, thematic and
multi-agency audit tools. A label is compared with them after both are normalised (numbering,
brackets, punctuation, case and common words dropped; words reduced to their stems; a few words
read as the word they stand for), by the words they share, with a fuzzy matcher for spelling.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer
from rapidfuzz import fuzz, process

from ..patterns import compiled
from .form_mapping import label_key

# ---- names: canonical field -> what councils call it --------------------------------------------

FIELD_NAMES: dict[str, tuple[str, ...]] = {
    "audit.id": ("audit id", "audit ref", "audit reference", "audit number", "audit no", "id", "ref",
                 "audit reference number", "reference number", "audit record number"),
    "audit.date": ("date of audit", "audit date", "date audited", "date audit completed",
                   "date audit undertaken", "date of review", "review date"),
    "audit.type": ("audit type", "type of audit", "type", "audit category", "kind of audit"),
    "audit.themes": ("themes", "theme", "focus", "thematic focus", "audit theme", "theme of audit",
                     "audit focus", "practice theme"),
    "audit.period_start": ("period start", "period from", "from", "audit period start",
                           "audit period from", "period covered from", "review period from"),
    "audit.period_end": ("period end", "period to", "to", "audit period end", "audit period to",
                         "period covered to", "review period to"),
    "audit.auditors": ("auditor", "auditors", "audited by", "auditor name", "name of auditor",
                       "auditor names", "audit completed by", "completed by", "reviewer",
                       "reviewed by", "auditor name role", "lead auditor"),
    "audit.team": ("team", "service", "locality", "team name", "service area", "team service",
                   "allocated team", "area"),
    "audit.practitioner": ("practitioner", "social worker", "allocated worker", "worker",
                           "allocated social worker", "allocated practitioner", "case holder",
                           "lead professional",
                           "personal adviser", "lead practitioner",
                           "practitioner name", "key worker", "name of social worker"),
    "child.ref": ("child ref", "child id", "child reference", "person id", "lcs id", "mosaic id",
                  "case id", "case reference", "child name id", "child identifier", "case number",
                  "child number", "liquidlogic id", "eclipse id", "child initials id",
                  "child's name id", "family id"),
    "child.age_band": ("age", "age band", "age group", "age range", "child age", "age of child",
                       "date of birth age", "dob age", "age at audit"),
    "child.status": ("legal status", "status", "child status", "plan type", "category", "case status",
                     "current status", "level of need", "case type", "category of plan",
                     "current plan", "legal order", "category of need", "which plan", "type of plan",
                     "plan at the time of audit", "status at the time of audit"),
    "child.contact_source": ("contact source", "referral source", "source of referral",
                             "source of contact", "referrer", "referring agency", "who referred",
                             "initial contact from", "how did the child come to our attention",
                             "come to our attention", "referral route", "request for support came from",
                             "request for support from"),
    "summary": ("summary", "case summary", "background", "brief case summary", "case background",
                "brief summary", "background to the case", "family background", "presenting concerns",
                "summary of involvement", "reason for involvement", "chronology summary",
                "case history", "summary of the case", "brief summary of the case",
                "summary of the child's circumstances", "child's circumstances", "the child's story",
                "why are we involved", "reason for becoming looked after", "reason for being looked after",
                "reason for referral", "brief case history", "brief background"),
    "assessment.analysis": ("analysis", "assessment analysis", "analysis of risk", "risk analysis",
                            "analysis of need and risk", "analysis of the assessment",
                            "auditor's analysis of the assessment", "analysis of risk and need",
                            "risks and needs", "what did the assessment identify"),
    "assessment.conclusion": ("conclusion", "assessment conclusion", "conclusions",
                              "outcome of assessment", "assessment outcome", "recommendation of assessment",
                              "what did the assessment conclude", "assessment conclude"),
    "overall_judgement": ("overall judgement", "overall judgment", "overall", "overall analysis",
                          "overall findings", "overall evaluation", "overall quality of practice",
                          "overall grade rationale", "overall summary", "summary of audit findings",
                          "overall quality", "auditor's overall judgement", "auditor overall evaluation",
                          "overall assessment of practice", "overall conclusion",
                          "overall what is the quality of practice", "key findings"),
    "impact_on_child": ("impact on child", "impact on the child", "impact", "difference made",
                        "what difference did the work make", "what difference has it made",
                        "impact on outcomes", "impact on the child's outcomes",
                        "what difference has our involvement made", "difference for the child",
                        "what has changed for the child", "what has changed",
                        "what is different for the child",
                        "impact for the child", "outcomes for the child", "lived experience impact"),
    "escalation.poor_practice": ("poor practice", "poor practice identified", "escalation needed",
                                 "practice concerns escalated", "concerns escalated",
                                 "escalation required", "practice concerns identified",
                                 "poor practice escalated", "needs escalating", "escalate",
                                 "any practice concerns", "immediate safeguarding concerns",
                                 "concerns needing escalation", "practice escalated", "must be escalated"),
    "escalation.senior_manager": ("senior manager", "escalated to", "escalation to",
                                  "name of senior manager", "manager escalated to",
                                  "escalated to name role", "escalated to whom"),
    "escalation.notified_on": ("date escalated", "escalated on", "escalation date",
                               "date of escalation", "date senior manager notified"),
    "escalation.timescale": ("escalation timescale", "response timescale", "timescale for response",
                             "response required by", "response due", "what response is needed",
                             "response needed by when"),
    "qa.manager": ("qa manager", "moderated by", "lead manager", "quality assured by", "moderator",
                   "qa lead", "moderator name", "quality assurance manager", "signed off by",
                   "lead manager moderation", "name of moderator", "moderating manager",
                   "qa officer", "qa name", "practice lead"),
    "qa.date": ("qa date", "moderation date", "date quality assured", "date moderated",
                "date of moderation", "sign off date", "date signed off"),
    "qa.outcome": ("qa outcome", "moderation outcome", "outcome of moderation", "outcome",
                   "moderator agrees", "agreed with audit", "moderation decision",
                   "agreed with judgement", "agreed amended returned"),
    "qa.comments": ("qa comments", "moderation comments", "moderator comments", "moderator's comments",
                    "comments of moderator", "lead manager comments", "quality assurance comments",
                    "moderation notes", "comments", "manager comments", "lead comments"),
    "domestic_abuse.dash_completed_on": ("dash completed on", "date of dash", "dash date",
                                         "date dash risk assessment completed", "dash completed"),
    "domestic_abuse.dash_risk": ("dash risk", "dash risk level", "dash score", "dash outcome",
                                 "level of risk dash", "risk level"),
    "domestic_abuse.incidents_in_period": ("incidents in period", "number of incidents",
                                           "domestic abuse incidents", "incidents reported in period",
                                           "number of notifications"),
    "domestic_abuse.marac_referred": ("marac referred", "referred to marac", "marac referral",
                                      "marac referral made", "was a marac referral made"),
    "domestic_abuse.marac_referred_on": ("marac referred on", "date of marac referral",
                                         "marac referral date", "marac date"),
    "domestic_abuse.idva_offered": ("idva offered", "idva", "idva support offered",
                                    "referred to idva", "was idva support offered"),
    "domestic_abuse.safety_plan": ("safety plan", "safety planning", "safety plan in place",
                                   "is there a safety plan", "quality of safety planning"),
    "domestic_abuse.perpetrator_work": ("perpetrator work", "work with perpetrator",
                                        "work with the person causing harm", "perpetrator programme",
                                        "engagement of perpetrator", "work with the person using abuse"),
    "domestic_abuse.encompass_notified": ("encompass notified", "operation encompass",
                                          "encompass notification", "school notified encompass"),
    "domestic_abuse.child_seen_alone": ("child seen alone", "was the child seen alone",
                                        "child seen on own", "seen alone"),
    "domestic_abuse.child_experience": ("child experience", "child's experience of domestic abuse",
                                        "child's lived experience of domestic abuse",
                                        "impact of domestic abuse on the child"),
    "domestic_abuse.info_sharing": ("info sharing", "information sharing",
                                    "information shared between agencies"),
    "strategy.concern_received_at": ("concern received at", "date concern received",
                                     "date and time concern received"),
    "strategy.held_at": ("held at", "strategy discussion date", "date of strategy discussion",
                         "date and time of strategy discussion", "strategy meeting date"),
    "strategy.format": ("format", "strategy discussion format", "meeting or call"),
    "strategy.attendees": ("attendees", "agencies present", "who attended", "present"),
    "strategy.chair_role": ("chair role", "chair", "chaired by"),
    "strategy.s47_decision": ("s47 decision", "section 47 decision", "decision", "outcome of strategy"),
    "strategy.rationale": ("rationale", "rationale for decision", "reason for decision"),
    "strategy.record_circulated_on": ("record circulated on", "minutes circulated", "date record shared"),
    "strategy.icpc_date": ("icpc date", "date of icpc", "initial child protection conference date"),
}

# A section is recognised by its heading (or title row): "1. Assessment and analysis".
SECTION_NAMES: dict[str, tuple[str, ...]] = {
    "assessment": ("assessment", "assessment and analysis", "assessment of need and risk",
                   "quality of assessment", "assessment and risk", "risk assessment",
                   "assessment and planning"),
    "planning": ("planning", "plan", "care plan", "plans", "planning and review", "care planning",
                 "child's plan", "plans and reviews", "planning and intervention",
                 "child protection plan", "child in need plan", "pathway plan"),
    "child_voice": ("child voice", "voice of the child", "child's voice", "lived experience",
                    "wishes and feelings", "child's lived experience", "voice and lived experience",
                    "direct work", "participation", "the child's experience"),
    "multi_agency": ("multi agency", "partnership working", "multi agency working",
                     "working with partners", "partnership", "interagency working",
                     "working together", "partner agencies", "information sharing", "joint working",
                     "multi agency response", "working with other agencies"),
    "management_oversight": ("management oversight", "oversight", "supervision",
                             "management oversight and supervision", "management and supervision",
                             "leadership and management oversight", "manager oversight"),
    "impact": ("impact", "outcomes", "impact and outcomes", "progress and impact",
               "outcomes for the child", "difference made"),
}

# What a label within a section asks for.
SECTION_PART_NAMES: dict[str, tuple[str, ...]] = {
    "judgement": ("judgement", "judgment", "evaluation", "auditor's judgement", "analysis",
                  "auditor evaluation", "summary of findings", "findings", "quality of practice",
                  "what is the quality of practice", "rationale for judgement", "rationale",
                  "auditor comments", "auditor's analysis", "evaluative comment",
                  "summary of findings for this theme", "overall evaluation of this theme",
                  "reason for grade", "reasons for grading"),
    "grade": ("grade", "rating", "grading", "judgement grade", "rag rating", "rag", "graded judgement",
              "score", "quality rating", "judgement rating", "level"),
    "evidence": ("evidence", "comments", "evidence comments", "evidence found", "supporting evidence",
                 "findings",
                 "evidence seen", "what did you find", "commentary", "notes"),
    "strengths": ("strengths", "what went well", "good practice", "strengths identified",
                  "what is working well", "areas of strength", "good practice identified"),
    "development": ("development", "areas for development", "areas for improvement", "improvements",
                    "what needs to improve", "even better if", "learning", "what could be better",
                    "what are we worried about", "worries", "what we are worried about",
                    "areas of development", "development needs", "what needs to change"),
}

# A heading that says which list a table is: for an action table, its heading decides.
LIST_NAMES: dict[str, tuple[str, ...]] = {
    "plan_targets": ("targets", "plan targets", "plan", "outcomes", "smart targets", "smart outcomes",
                     "child's plan", "care plan", "plan outcomes", "child protection plan",
                     "child in need plan", "planning", "outcomes in the plan", "care plan targets",
                     "smart outcomes in the child protection plan", "pathway plan", "family plan",
                     "child's plan", "support plan"),
    "assessment.actions": ("actions", "agreed actions", "assessment actions", "actions from assessment",
                           "assessment", "next steps"),
    "recommendations": ("recommendations", "recs", "action plan", "learning", "actions arising",
                        "learning and actions", "learning and actions arising from the audit",
                        "actions arising from the audit", "audit actions", "learning recommendations",
                        "recommendations for the worker team service", "audit recommendations",
                        "actions for the team", "what needs to happen next", "improvement actions"),
    "family_feedback": ("family feedback", "feedback", "feedback from the family", "family views",
                        "child and family feedback", "views of the family"),
    "strategy.actions": ("strategy actions", "strategy discussion actions", "actions agreed at strategy"),
}

# The column labels of a list's table.
ITEM_NAMES: dict[str, tuple[str, ...]] = {
    "text": ("target", "text", "action", "description", "outcome", "what", "agreed action", "feedback",
             "what needs to change", "actions", "what needs to happen", "smart target",
             "smart outcome", "outcome wanted", "objective", "task", "action required", "goal",
             "what will happen", "what will be done"),
    "action": ("recommendation", "action", "what", "recommendations", "action required",
               "learning point", "what needs to happen", "action needed"),
    "owner": ("owner", "who", "lead", "responsible", "by whom", "person responsible", "lead officer",
              "lead agency", "lead agency officer", "responsible person", "who will do it",
              "lead person", "named lead", "action owner"),
    "due": ("due", "by when", "timescale", "target date", "due date", "deadline", "date due",
            "when", "date", "completion date expected", "date to be completed by", "review date",
            "complete by", "to be completed by", "date for completion", "target completion date"),
    "measure": ("measure", "how will we know", "measured by", "success measure", "measure of success",
                "how we will know", "how will we know it has worked", "evidence of progress",
                "what will be different", "success criteria"),
    "how_child_safer": ("how child safer", "how will the child be safer", "safer",
                        "how the child will be safer", "impact on child safety"),
    "why_change_explained": ("why change explained", "parents told why", "explained to parents",
                             "parents told why change is needed", "why change is needed",
                             "explained to family"),
    "status": ("status", "rag", "progress", "rag status", "completed", "complete", "done",
               "progress update"),
    "completed_on": ("completed on", "date completed", "completion date", "date closed"),
    "completion_evidence": ("completion evidence", "evidence of completion", "evidence",
                            "how completed", "update"),
    "from": ("from", "who gave feedback", "given by", "respondent", "name relationship",
             "family member", "feedback from", "who", "who was spoken to", "person spoken to",
             "child parent carer", "spoken to"),
    "family_feedback.text": ("feedback", "what did they tell us", "what they said", "what they told us",
                             "views", "comments", "their views", "what was said"),
}

# Headings of the blocks the single fields sit in; a label under its own block's heading fits better.
BLOCK_NAMES: dict[str, tuple[str, ...]] = {
    "audit": ("audit", "audit details", "about the audit", "audit information", "case details",
              "details of the audit"),
    "child": ("child", "the child", "child details", "about the child", "child's details",
              "case details", "child and family details"),
    "escalation": ("escalation", "escalation of poor practice", "escalation of concerns",
                   "practice concerns", "immediate concerns"),
    "qa": ("quality assurance", "qa", "moderation", "lead manager", "sign off", "moderation and sign off",
           "practice lead check", "manager check",
           "lead manager moderation", "quality assurance and moderation", "management sign off"),
}

# ---- normalising -----------------------------------------------------------------------------------

_STOP = frozenset((
    "a", "an", "the", "of", "for", "in", "on", "at", "is", "are", "was", "were", "be", "been", "being",
    "this", "that", "these", "those", "and", "or", "any", "there", "has", "have", "had", "do", "does",
    "did", "it", "its", "with", "as", "if", "into", "our", "your", "their", "his", "her", "please",
    "state", "describe", "give", "provide", "detail", "details", "e.g", "eg", "i.e", "ie", "etc",
    "incl", "including",
))
# Words read as the word they stand for (after lower-casing, before stemming).
_SAME = {"judgment": "judgement", "judgements": "judgement", "judgments": "judgement",
         "evaluation": "evaluation", "rec": "recommendation", "recs": "recommendation",
         "cyp": "child", "yp": "child", "young": "child", "children": "child", "childs": "child",
         "cp": "child protection", "cin": "child in need", "cla": "looked after", "lac": "looked after",
         "qa": "quality assurance", "sw": "social worker", "mgr": "manager", "dob": "date birth",
         "no": "number", "num": "number", "ref": "reference", "multiagency": "multi agency",
         "interagency": "multi agency", "timeframe": "timescale", "timescales": "timescale",
         "deadline": "timescale", "rag": "rag", "responsible": "owner", "responsibility": "owner"}
_WORD = compiled(r"[a-z0-9]+")
_STEMMER = snowballstemmer.stemmer("english")


@lru_cache(maxsize=65536)
def words(text: str) -> tuple[str, ...]:
    """A label's words as compared: lower case, numbering, punctuation and common words dropped,
    a few words read as the word they stand for, each word stemmed."""
    text = label_key(text).replace("'s ", " ").replace("’s ", " ")
    out: list[str] = []
    for word in _WORD.findall(text.replace("'", "")):
        for part in _SAME.get(word, word).split():
            if part not in _STOP:
                out.append(_STEMMER.stemWord(part))
    return tuple(out)


def head(text: str) -> str:
    """The head of a long prompt: "Auditor's judgement (what is ...?)" -> "Auditor's judgement";
    "Evaluation: how well ..." -> "Evaluation"."""
    key = label_key(text)
    for cut in ("(", " - ", " – ", ":", "?", "/"):
        before = key.split(cut, 1)[0].strip()
        if before and len(before) < len(key):
            key = before
    return key


# ---- comparing -------------------------------------------------------------------------------------

_KNOWN: set[str] = set()
"""Every word of every name, so that a label's misspelt word can be read as the name's word."""


@dataclass(frozen=True)
class Names:
    """One target's names, each as its words, and all their words together."""

    forms: tuple[tuple[str, ...], ...]
    vocabulary: frozenset[str]

    @classmethod
    def of(cls, names: Iterable[str]) -> Names:
        forms = tuple(dict.fromkeys(w for n in names if (w := words(n))))
        vocabulary = frozenset(w for form in forms for w in form)
        if not vocabulary <= _KNOWN:
            _KNOWN.update(vocabulary)
            _spelt.cache_clear()
        return cls(forms, vocabulary)


@lru_cache(maxsize=65536)
def _spelt(word: str) -> str:
    """A word as the names spell it: "stregnth" is "strength" (a slip in a word of five letters
    or more), else the word itself."""
    if word in _KNOWN or len(word) <= 4:
        return word
    found = process.extractOne(word, _KNOWN, scorer=fuzz.ratio, score_cutoff=85)
    return found[0] if found else word


def _overlap(label: tuple[str, ...], name: tuple[str, ...]) -> float:
    """How far two lists of words are the same words: F1 of the words they share."""
    rest = list(label)
    shared = 0
    for word in name:
        if word in rest:
            rest.remove(word)
            shared += 1
    if not shared:
        return 0.0
    precision, recall = shared / len(label), shared / len(name)
    return 2 * precision * recall / (precision + recall)


@lru_cache(maxsize=262144)
def _pair(label: tuple[str, ...], name: tuple[str, ...]) -> float:
    if label == name:
        return 1.0
    shared = _overlap(label, name)
    # A name of two words or more that the label holds whole: "Legal status at time of audit".
    held = 0.75 + 0.25 * shared if len(name) >= 2 and set(name) <= set(label) else 0.0
    return max(shared, held)


def score(label: str, names: Names) -> float:
    """How well a label names a target, 0 to 1: the best of its whole words and, a little less,
    its head's words against each of the target's names."""
    whole = tuple(_spelt(w) for w in words(label))
    if not names.vocabulary.intersection(whole):
        return 0.0
    short = tuple(_spelt(w) for w in words(head(label)))
    best = 0.0
    for name in names.forms:
        best = max(best, _pair(whole, name))
        if short != whole and short:
            best = max(best, 0.95 * _pair(short, name))
        if best == 1.0:
            break
    return best


def names_for(path: str, extra: Mapping[str, tuple[str, ...]] = FIELD_NAMES) -> Names:
    """A field's names: its own words, its last part's, and what councils call it."""
    own = path.replace(".", " ").replace("_", " ")
    last = path.split(".")[-1].replace("_", " ")
    return Names.of((own, last, *extra.get(path, ())))


def best_of(label: str, options: Mapping[str, Names], cut: float) -> tuple[str | None, float]:
    """The option a label names best, if it scores at least `cut`."""
    found, found_score = None, cut
    for key, names in options.items():
        value = score(label, names)
        if value > found_score or (found is None and value >= cut):
            found, found_score = key, value
    return found, (found_score if found else 0.0)


def heading_section(heading: str, sections: Mapping[str, Names], cut: float = 0.75) -> str | None:
    """The section a heading names: one of whose names all its words are in the heading's
    ("1. Assessment and analysis" is the assessment), or one it names by the matcher."""
    have = set(words(heading))
    contained = [(len(form), key) for key, names in sections.items() for form in names.forms
                 if form and set(form) <= have]
    if contained:
        return max(contained)[1]
    found, _ = best_of(heading, sections, cut)
    return found


__all__ = [
    "BLOCK_NAMES",
    "FIELD_NAMES",
    "ITEM_NAMES",
    "LIST_NAMES",
    "SECTION_NAMES",
    "SECTION_PART_NAMES",
    "Names",
    "best_of",
    "head",
    "heading_section",
    "names_for",
    "score",
    "words",
]
