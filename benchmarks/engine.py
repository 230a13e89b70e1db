"""Benchmark the auditrules engine on a generated rule set and a generated batch of forms.

    .venv/bin/python benchmarks/engine.py                 # 2000 rules, 10000 forms
    .venv/bin/python benchmarks/engine.py --quick         # 200 rules, 500 forms
    .venv/bin/python benchmarks/engine.py --profile out/engine.prof

It writes one rule-set file with N rules (a realistic mix of scopes, conditions, functions,
term lists, patterns, quantifiers and settings, each rule with a passing and a failing example)
and a JSON file of forms in the canonical shape, then times, through the public API:

* the bare Lark parse of the rule file, and loading it (parse + check + compile), first with
  nothing kept and then with its parsed tree read back from the rule-set cache;
* reading and validating the forms alone (`Engine.read`);
* checking them (`Engine.check`), which reads, validates and runs every rule;

and prints a table with rates, the check/read ratio and the peak memory.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import gc
import json
import os
import pstats
import random
import resource
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# Installed plugins must not add rules, functions or form blocks to what is measured; this has
# to be set before the plugin host is first built.
os.environ["AUDITRULES_LOAD_PLUGINS"] = ""

from auditrules._gc import kept_for_the_run
from auditrules.dsl import cache  # the kept syntax trees of rule sets parsed before
from auditrules.dsl.parser import _parser  # the bare Lark parser, to time it
from auditrules.engine import Engine
from auditrules.errors import RuleSetError
from auditrules.loader import (
    check_all,
    compile_ruleset,
    discover,
    parse_files,
    resolve_settings,
)
from auditrules.models import SECTION_NAMES, FormError
from auditrules.plugins import get_host
from auditrules.schema import FormSchema

DEFAULT_RULES = 2000
DEFAULT_FORMS = 10000
QUICK_RULES = 200
QUICK_FORMS = 500

# ---- text ------------------------------------------------------------------------------------

CHILD_NAMES = ("Sam", "Ava", "Leo", "Mia", "Noah", "Isla", "Jay", "Ruby", "Kai", "Esme", "Theo", "Lily")
SUBJECTS = (
    "The assessment", "The plan", "The social worker", "Management oversight", "The core group",
    "Direct work with {child}", "The chronology", "Supervision", "The child in need plan",
    "Multi-agency working", "The review", "Recording", "The safety plan", "Contact with the school",
    "The health visitor", "The team manager", "The case summary", "Planning for {child}",
)
VERBS = ("was", "has been", "remained", "is", "was not", "has not been", "became")
QUALITIES = (
    "timely", "thorough", "analytical", "focused on the risks", "child-centred", "inconsistent",
    "slow to respond", "clear about the next steps", "well evidenced", "reflective",
    "too descriptive", "up to date", "overdue", "specific and measurable", "shared with the family",
    "drifting", "purposeful", "hard to follow",
)
CONNECTIVES = (
    "because", "which meant", "so that", "although", "and as a result", "however", "while",
    "since", "but", "and", "after", "when",
)
OUTCOMES = (
    "{child}'s attendance has improved to {pct}%", "{child} is safer at home",
    "the family understood the concerns", "risks were not re-assessed after the incident on {date}",
    "mother now attends the parenting group", "{child} told the worker they feel calmer at bedtime",
    "the plan drifted for {n} weeks", "father's alcohol use is better understood",
    "the school reports fewer incidents", "there is no record of {child} being seen alone",
    "the core group met every {n} weeks", "contact arrangements with the grandparents are clearer",
    "{child}'s views shaped the plan", "the plan was followed by every agency",
    "{child} has a trusted adult at school", "the health needs were not followed up for {n} weeks",
    "the family were seen {n} times in the period", "the home conditions have improved",
    "{child} was seen alone on {n} visits and spoke about school",
    "the difference for {child} is not yet clear", "the strategy discussion was held on {date}",
)
ODD_BITS = ("TBC.", "See above.", "n/a", "Same as before.", "xx", "??")
JARGON_SENTENCES = (
    "Engagement with services was appropriate.", "Going forward the team will monitor progress.",
    "The plan is robust.", "Safeguarding concerns noted.",
)
OWNERS = ("social worker", "team manager", "mother", "father", "school", "health visitor",
          "independent reviewing officer", "family support worker", "carer", "GP")
VAGUE_OWNERS = ("professionals", "everyone", "all agencies", "family")
TEAMS = ("North Safeguarding", "East Children in Need", "South Looked After", "West Early Help",
         "Leaving Care", "Disabled Children")
TARGET_TEXTS = (
    "Mother to attend the parenting group every week until the review",
    "Father to engage with alcohol services every week",
    "School attendance to rise above 95% by the next review",
    "{child} to be seen alone at every visit", "Complete the chronology of key events by the review",
    "Health assessment to be completed by the end of the month",
    "Family group conference to be held to agree a safety network",
    "Monitor the home conditions at each visit", "{child} to attend CAMHS appointments",
    "Reduce the exposure to parental conflict by 50% as measured at core group",
)
ACTIONS = (
    "Update the plan to address the father's relapse", "Complete the chronology",
    "Staff reminded to record core group minutes", "Hold a strategy discussion",
    "Review the safety plan", "Complete a DASH risk assessment with mother by {uk_date}",
    "Arrange direct work on {child}'s views", "Refer to the family group conference service",
)
VAGUE_ACTIONS = ("Consider a legal planning meeting", "Continue to monitor attendance",
                 "Ongoing support from early help as needed")
FEEDBACK = (
    "I feel listened to", "The worker keeps changing and I have to repeat everything",
    "We know what the plan is and what we have to do", "Nobody told us about the meeting",
    "The carers are kind and I like my new school",
)

# Words for example texts: none is a term, a placeholder, a date or a jargon word.
PLAIN_WORDS = ("the", "visit", "record", "shows", "worker", "saw", "family", "home", "school",
               "notes", "meeting", "plan", "child", "review", "file", "weekly")

IMPACT_WORDS = ("because", "which meant", "as a result", "so that", "has improved", "is safer",
                "difference")
JARGON_WORDS = ("engagement", "robust", "appropriate", "going forward", "safeguarding concerns noted")
VAGUE_WORDS = ("monitor", "continue", "consider", "ongoing", "as needed")
PLACEHOLDER_PATTERNS = (
    (r"\b(n\/a|tbc|tba)\b", "TBC"),
    (r"\bsee above\b", "see above"),
    (r"\bsame as before\b", "same as before"),
    (r"\bxx+\b", "xx"),
    (r"\?\?", "??"),
)
HINTS = (
    "Say what was done, by whom and by when, and what it changed for the child.",
    "Give the reason and the impact for {child.ref}, not only what happened.",
)
GRADE_WORDS = ("outstanding", "good", "requires improvement", "inadequate")
TAGS = ("completeness", "judgement", "planning", "grade", "recommendation", "timeliness",
        "child-voice", "oversight", "quality", "language")


class TextMaker:
    """Random but readable case-record text, quick to make in bulk."""

    def __init__(self, rng: random.Random, pool_size: int = 4000):
        self.rng = rng
        self.sentences: list[tuple[str, int]] = []
        for _ in range(pool_size):
            text = (f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(QUALITIES)} "
                    f"{rng.choice(CONNECTIVES)} {rng.choice(OUTCOMES)}.")
            text = text.format(child="{child}", pct=rng.randint(60, 99), n=rng.randint(2, 12),
                               date=rng_date(rng).strftime("%d/%m/%Y"))
            self.sentences.append((text, len(text.split())))
        # Jargon is the exception: about one judgement in twenty uses some.
        for _ in range(pool_size // 150):
            text = rng.choice(JARGON_SENTENCES)
            self.sentences.append((text, len(text.split())))

    def text(self, low: int, high: int, child: str, odd: float = 0.0) -> str:
        target = self.rng.randint(low, high)
        parts: list[str] = []
        count = 0
        while count < target:
            sentence, n = self.rng.choice(self.sentences)
            parts.append(sentence)
            count += n
        if odd and self.rng.random() < odd:
            parts.insert(self.rng.randrange(len(parts) + 1), self.rng.choice(ODD_BITS))
        return " ".join(parts).replace("{child}", child)


def rng_date(rng: random.Random, start: dt.date = dt.date(2023, 1, 2), days: int = 700) -> dt.date:
    return start + dt.timedelta(days=rng.randrange(days))


def plain(n: int, rng: random.Random | None = None) -> str:
    """Text of exactly `n` plain words (for rule examples)."""
    rng = rng or random.Random(n)
    return " ".join(rng.choice(PLAIN_WORDS) for _ in range(max(1, n))).capitalize() + "."


# ---- forms -----------------------------------------------------------------------------------


def make_forms(count: int, rng: random.Random) -> list[dict[str, Any]]:
    maker = TextMaker(rng)
    return [make_form(index, rng, maker) for index in range(count)]


def _date_text(rng: random.Random, value: dt.date) -> str:
    # Councils write dates both ways; the schema accepts DD/MM/YYYY as well as ISO.
    return value.strftime("%d/%m/%Y") if rng.random() < 0.2 else value.isoformat()


def _maybe(rng: random.Random, chance: float, value: Any) -> Any:
    return value if rng.random() < chance else None


def make_form(index: int, rng: random.Random, maker: TextMaker) -> dict[str, Any]:
    child = rng.choice(CHILD_NAMES)
    audit_date = rng_date(rng)
    period_start = audit_date - dt.timedelta(days=rng.choice((182, 183, 190, 240)))
    if rng.random() < 0.03:
        period_start, audit_date_end = audit_date, period_start  # written the wrong way round
    else:
        audit_date_end = audit_date
    audit: dict[str, Any] = {
        "id": f"A-{audit_date.year}-{index:05d}" if rng.random() > 0.02 else rng.choice(("", "tbc")),
        "date": _date_text(rng, audit_date),
        "type": rng.choice(("practice_day", "thematic", "spot check", "Multi-agency")),
        "themes": rng.sample(("domestic_abuse", "neglect", "child_voice", "drift"), rng.randint(0, 2)),
        "period_start": _date_text(rng, period_start),
        "period_end": _date_text(rng, audit_date_end),
        "auditors": rng.sample(("Practice lead", "Independent reviewing officer", "Head of service",
                                "Principal social worker"), rng.randint(1, 2)),
        "team": rng.choice(TEAMS),
        "practitioner": f"Social worker ({rng.choice(TEAMS).split()[0]} {rng.randint(1, 9)})",
    }
    sections = []
    for name in rng.sample(SECTION_NAMES, rng.randint(3, 6)):
        section: dict[str, Any] = {"name": name}
        if rng.random() < 0.96:
            section["evidence"] = maker.text(10, 30, child)
        if rng.random() < 0.98:
            section["judgement"] = maker.text(40, 150, child, odd=0.01)
            if name == "child_voice" and rng.random() < 0.9:
                section["judgement"] += f" {child} was seen alone and their wishes and feelings are recorded."
        roll = rng.random()
        grade = None
        if roll < 0.9:
            grade = rng.choices(GRADE_WORDS, (10, 50, 32, 8))[0]
            section["grade"] = grade.capitalize() if rng.random() < 0.5 else grade
        elif roll < 0.93:
            section["grade"] = rng.choice(("3", "2", "RI", "adequate"))
        if rng.random() < 0.5:
            section["strengths"] = maker.text(8, 25, child)
        if rng.random() < (0.95 if grade in ("inadequate", "requires improvement") else 0.4):
            section["development"] = maker.text(8, 25, child)
        sections.append(section)
    targets = []
    for _ in range(rng.randint(2, 4)):
        due = audit_date + dt.timedelta(days=rng.randint(-10, 150))
        target: dict[str, Any] = {"text": rng.choice(TARGET_TEXTS).format(child=child)}
        roll = rng.random()
        if roll < 0.97:
            target["owner"] = rng.choice(OWNERS)
        elif roll < 0.985:
            target["owner"] = rng.choice(VAGUE_OWNERS)
        if rng.random() < 0.9:
            target["due"] = _date_text(rng, due)
        if rng.random() < 0.93:
            target["measure"] = maker.text(6, 15, child)
        if rng.random() < 0.4:
            target["how_child_safer"] = maker.text(10, 25, child)
        targets.append(target)
    recommendations = []
    for _ in range(rng.randint(1, 4)):
        due = audit_date + dt.timedelta(days=rng.randint(-3, 80))
        action = rng.choice(VAGUE_ACTIONS if rng.random() < 0.1 else ACTIONS)
        rec: dict[str, Any] = {
            "action": action.format(child=child, uk_date=due.strftime("%d/%m/%Y")),
            "owner": _maybe(rng, 0.97, rng.choice(OWNERS)),
            "due": _maybe(rng, 0.95, due.isoformat()),
            "status": rng.choice(("open", "open", "complete", "Completed", "overdue", None)),
        }
        if rec["status"] in ("complete", "Completed") and rng.random() < 0.95:
            rec["completed_on"] = (due - dt.timedelta(days=rng.randint(0, 20))).isoformat()
            rec["completion_evidence"] = maker.text(6, 20, child)
        recommendations.append({k: v for k, v in rec.items() if v is not None})
    inadequate = any(str(s.get("grade", "")).lower() == "inadequate" for s in sections)
    poor_practice = rng.random() < (0.85 if inadequate else 0.05)
    escalation: dict[str, Any] = {"poor_practice": poor_practice}
    if poor_practice and rng.random() < 0.9:
        escalation["senior_manager"] = "Head of service"
        escalation["notified_on"] = (audit_date + dt.timedelta(days=rng.randint(0, 10))).isoformat()
    form: dict[str, Any] = {
        "audit": audit,
        "child": {
            "ref": f"C-{rng.randint(10000, 99999)}",
            "age_band": rng.choice(("0-4", "5-9", "10-15", "16-17")),
            "status": rng.choice(("cin", "cp", "cla", "Child in need", "care leaver", "early help")),
            "contact_source": rng.choice(("school", "police", "health", "family", "self")),
        },
        "summary": maker.text(15, 40, child),
        "sections": sections,
        "assessment": {
            "analysis": _maybe(rng, 0.9, maker.text(20, 80, child)),
            "conclusion": maker.text(10, 30, child),
            "actions": [
                {"text": rng.choice(ACTIONS).format(child=child, uk_date="01/07/2024"),
                 "owner": rng.choice(OWNERS),
                 "due": (audit_date - dt.timedelta(days=rng.randint(10, 150))).isoformat()}
                for _ in range(rng.randint(0, 3))
            ],
        },
        "plan_targets": targets,
        "family_feedback": [
            {"from": rng.choice(("child", "parent", "carer")), "text": rng.choice(FEEDBACK)}
            for _ in range(rng.randint(0, 2))
        ],
        "overall_judgement": _maybe(rng, 0.9, maker.text(30, 80, child)),
        "impact_on_child": _maybe(rng, 0.7, maker.text(15, 40, child)),
        "recommendations": recommendations,
        "escalation": escalation,
        "qa": {
            "manager": "Head of service",
            "date": (audit_date + dt.timedelta(days=rng.randint(1, 18))).isoformat(),
            "outcome": rng.choice(("agreed", "amended", "returned", "Agree")),
        },
    }
    form["assessment"] = {k: v for k, v in form["assessment"].items() if v is not None}
    return {k: v for k, v in form.items() if v is not None}


# ---- rules -----------------------------------------------------------------------------------


@dataclass
class RuleSpec:
    """One generated rule: its clauses, message, and a passing and a failing example."""

    title: str
    clauses: list[str]
    message: str
    passing: dict[str, Any]
    failing: dict[str, Any]
    fail_at: str | None
    settings: list[tuple[str, str]] = field(default_factory=list)
    terms: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)


def dsl(value: Any) -> str:
    """A Python value in the rule language's example notation."""
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{key}: {dsl(item)}" for key, item in value.items()) + " }"
    if isinstance(value, list):
        return "[" + ", ".join(dsl(item) for item in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int | float):
        return str(value)
    return json.dumps(value, ensure_ascii=False)


def _list(words: tuple[str, ...] | list[str]) -> str:
    return "[" + ", ".join(json.dumps(w) for w in words) + "]"


AUDIT_DAY = dt.date(2024, 5, 1)  # a Wednesday, for the examples


def _section_rules(rng: random.Random, i: int) -> list[Callable[[], RuleSpec]]:
    name = rng.choice(SECTION_NAMES)
    words_min = rng.randint(15, 45)
    pattern, odd = rng.choice(PLACEHOLDER_PATTERNS)
    grades = _list(GRADE_WORDS)
    named = rng.sample([n for n in SECTION_NAMES if n != "impact"], rng.randint(1, 3))
    banned = tuple(rng.sample(JARGON_WORDS, rng.randint(2, len(JARGON_WORDS))))
    voice = ("seen alone", "views", "wishes and feelings", "in their own words")
    return [
        lambda: RuleSpec(
            "Each section with evidence has a judgement",
            ["for each section in sections", "when section.evidence is not empty",
             "require section.judgement is not empty", "at section.judgement"],
            "The {section.name} section has evidence but no judgement.",
            {"sections": [{"name": name, "evidence": plain(8), "judgement": plain(12)}]},
            {"sections": [{"name": name, "evidence": plain(8)}]},
            "sections[0].judgement",
        ),
        lambda: RuleSpec(
            "Judgements are long enough to give reasons",
            ["for each section in sections", "when section.judgement is not empty",
             f"require words(section.judgement) >= min_words_r{i}"],
            f"The {{section.name}} judgement has {{words(section.judgement)}} words, fewer than "
            f"{{min_words_r{i}}}: {{reasons}}.",
            {"sections": [{"name": name, "judgement": plain(words_min + 3)}]},
            {"sections": [{"name": name, "judgement": plain(words_min - 5)}]},
            "sections[0].judgement",
            settings=[(f"min_words_r{i}", str(words_min))],
        ),
        lambda: RuleSpec(
            f"The {name} judgement says what difference the work made",
            ["for each section in sections",
             f'when section.name == "{name}" and section.judgement is not empty',
             "require section.judgement contains any of impact_words"],
            "The {section.name} judgement does not say what difference the work made: {reasons}.",
            {"sections": [{"name": name, "judgement": plain(10) + " It is safer because of it."}]},
            {"sections": [{"name": name, "judgement": plain(14)}]},
            "sections[0].judgement",
        ),
        lambda: RuleSpec(
            "Judgements are not placeholders",
            ["for each section in sections", f"forbid section.judgement matches /{pattern}/"],
            "The {section.name} judgement holds a placeholder instead of a judgement: {reasons}.",
            {"sections": [{"name": name, "judgement": plain(20)}]},
            {"sections": [{"name": name, "judgement": plain(6) + f" {odd}"}]},
            "sections[0].judgement",
        ),
        lambda: RuleSpec(
            "A section grade is one of the four grade words",
            ["for each section in sections", "when section.grade is not empty",
             f"require section.grade in {grades}"],
            "The {section.name} grade '{section.grade}' is not one of the four grade words.",
            {"sections": [{"name": name, "grade": rng.choice(GRADE_WORDS).capitalize()}]},
            {"sections": [{"name": name, "grade": rng.choice(("3", "RI", "adequate"))}]},
            "sections[0].grade",
        ),
        lambda: RuleSpec(
            "An inadequate section says what must improve",
            ["for each section in sections",
             'forbid section.grade == "inadequate" and section.development is empty',
             "at section.development"],
            "The {section.name} section is graded {section.grade} but says nothing about what "
            "must improve.",
            {"sections": [{"name": name, "grade": "inadequate", "development": plain(9)}]},
            {"sections": [{"name": name, "grade": "Inadequate"}]},
            "sections[0].development",
        ),
        lambda: RuleSpec(
            "Core sections give their evidence",
            ["for each section in sections",
             f'when section.name in {_list(named)} and section.name not in ["impact"]',
             "require section.evidence is not empty"],
            "The {section.name} section gives no evidence for its judgement.",
            {"sections": [{"name": named[0], "evidence": plain(7)}]},
            {"sections": [{"name": named[0], "judgement": plain(15)}]},
            "sections[0].evidence",
        ),
        lambda: RuleSpec(
            "Judgements are written without jargon",
            ["for each section in sections", f"forbid section.judgement contains any of jargon_r{i}"],
            "The {section.name} judgement leans on jargon: {reasons}.",
            {"sections": [{"name": name, "judgement": plain(15)}]},
            {"sections": [{"name": name, "judgement": plain(5) + f" {banned[0]} " + plain(4)}]},
            "sections[0].judgement",
            terms=[(f"jargon_r{i}", banned)],
        ),
        lambda: RuleSpec(
            "The child's voice section says how the child was heard",
            ["for each section in sections",
             'when section.name == "child_voice" and section.judgement is not empty',
             f"require section.judgement contains any of {_list(voice)}"],
            "The {section.name} judgement does not say how the child was heard: {reasons}.",
            {"sections": [{"name": "child_voice", "judgement": plain(6) + " Seen alone twice."}]},
            {"sections": [{"name": "child_voice", "judgement": plain(12)}]},
            "sections[0].judgement",
        ),
    ]


def _target_rules(rng: random.Random, i: int) -> list[Callable[[], RuleSpec]]:
    owner = rng.choice(OWNERS)
    words_min = rng.randint(3, 6)
    months = rng.choice((3, 6, 9, 12))
    return [
        lambda: RuleSpec(
            "Each plan target has a named owner",
            ["for each target in plan_targets", "require target.owner is not empty",
             f"forbid target.owner in {_list(VAGUE_OWNERS)}"],
            "Plan target '{target.text}' has no named owner: {reasons}.",
            {"plan_targets": [{"text": plain(6), "owner": owner}]},
            {"plan_targets": [{"text": plain(6)}]},
            "plan_targets[0].owner",
        ),
        lambda: RuleSpec(
            "Plan targets fall due within the plan's horizon",
            ["for each target in plan_targets",
             "when target.due is not empty and audit.date is not empty",
             f"require target.due <= audit.date + horizon_r{i}", "at target.due"],
            f"Plan target due {{target.due}} is more than {{horizon_r{i}}} after the audit on "
            "{audit.date}.",
            {"audit": {"date": AUDIT_DAY}, "plan_targets": [{"text": plain(5), "due": dt.date(2024, 6, 1)}]},
            {"audit": {"date": AUDIT_DAY}, "plan_targets": [{"text": plain(5), "due": dt.date(2026, 1, 1)}]},
            "plan_targets[0].due",
            settings=[(f"horizon_r{i}", f"{months} months")],
        ),
        lambda: RuleSpec(
            "Plan targets can be measured",
            ["for each target in plan_targets",
             r"require target.measure is not empty or target.text matches /\d+\s*%|\bby \d/",
             "at target.measure"],
            "Plan target '{target.text}' gives no way to measure it: {reasons}.",
            {"plan_targets": [{"text": "Attendance above 95% by the review"}]},
            {"plan_targets": [{"text": "Father to engage with services"}]},
            "plan_targets[0].measure",
        ),
        lambda: RuleSpec(
            "Plan targets say what will happen",
            ["for each target in plan_targets", "when target.text is not empty",
             f"require words(target.text) >= {words_min}"],
            "Plan target '{target.text}' is too short to say what will happen ({reasons}).",
            {"plan_targets": [{"text": plain(words_min + 2)}]},
            {"plan_targets": [{"text": plain(words_min - 2)}]},
            "plan_targets[0].text",
        ),
        lambda: RuleSpec(
            "Plan targets fall due after the period they plan for",
            ["for each target in plan_targets",
             "when target.due is not empty and audit.period_start is not empty",
             "require target.due > audit.period_start"],
            "Plan target due {target.due} falls before the audit period starts "
            "({audit.period_start}).",
            {"audit": {"period_start": dt.date(2024, 1, 1)},
             "plan_targets": [{"text": plain(4), "due": dt.date(2024, 3, 1)}]},
            {"audit": {"period_start": dt.date(2024, 1, 1)},
             "plan_targets": [{"text": plain(4), "due": dt.date(2023, 11, 1)}]},
            "plan_targets[0].due",
        ),
    ]


def _recommendation_rules(rng: random.Random, i: int) -> list[Callable[[], RuleSpec]]:
    owner = rng.choice(OWNERS)
    vague = tuple(rng.sample(VAGUE_WORDS, rng.randint(2, len(VAGUE_WORDS))))
    return [
        lambda: RuleSpec(
            "Each recommendation has an owner and a due date",
            ["for each recommendation in recommendations",
             "require recommendation.owner is not empty",
             "require recommendation.due is not empty or mentions_date(recommendation.action)"],
            "A recommendation is missing its owner or its due date: {reasons}.",
            {"recommendations": [{"action": plain(5), "owner": owner, "due": dt.date(2024, 7, 1)}]},
            {"recommendations": [{"action": plain(5), "due": dt.date(2024, 7, 1)}]},
            "recommendations[0].owner",
        ),
        lambda: RuleSpec(
            "A completed recommendation says when it was completed",
            ["for each recommendation in recommendations",
             'when recommendation.status == "complete"',
             "require recommendation.completed_on is not empty", "at recommendation.completed_on"],
            "Recommendation '{recommendation.action}' is marked {recommendation.status} with no "
            "completion date.",
            {"recommendations": [{"action": plain(5), "status": "done",
                                  "completed_on": dt.date(2024, 6, 1)}]},
            {"recommendations": [{"action": plain(5), "status": "Completed"}]},
            "recommendations[0].completed_on",
        ),
        lambda: RuleSpec(
            "Recommendations fall due after the audit",
            ["for each recommendation in recommendations",
             "when recommendation.due is not empty and audit.date is not empty",
             "require recommendation.due >= audit.date"],
            "Recommendation due {recommendation.due} is before the audit ({audit.date}).",
            {"audit": {"date": AUDIT_DAY},
             "recommendations": [{"action": plain(5), "due": dt.date(2024, 6, 1)}]},
            {"audit": {"date": AUDIT_DAY},
             "recommendations": [{"action": plain(5), "due": dt.date(2024, 4, 1)}]},
            "recommendations[0].due",
        ),
        lambda: RuleSpec(
            "Recommendations are due within the review horizon",
            ["for each recommendation in recommendations",
             "when recommendation.due is not empty and audit.date is not empty",
             "require recommendation.due <= audit.date + rec_horizon", "at recommendation.due"],
            "Recommendation '{recommendation.action}' is due {recommendation.due}, more than "
            "{rec_horizon} after the audit.",
            {"audit": {"date": AUDIT_DAY},
             "recommendations": [{"action": plain(5), "due": dt.date(2024, 6, 1)}]},
            {"audit": {"date": AUDIT_DAY},
             "recommendations": [{"action": plain(5), "due": dt.date(2025, 6, 1)}]},
            "recommendations[0].due",
        ),
        lambda: RuleSpec(
            "Recommendations say what will be done",
            ["for each recommendation in recommendations",
             f"forbid recommendation.action contains any of vague_r{i}"],
            "Recommendation '{recommendation.action}' is vague: {reasons}.",
            {"recommendations": [{"action": plain(6)}]},
            {"recommendations": [{"action": f"{vague[0].capitalize()} " + plain(4)}]},
            "recommendations[0].action",
            terms=[(f"vague_r{i}", vague)],
        ),
        lambda: RuleSpec(
            "No overdue recommendation is left without an owner",
            ['require no r in recommendations where (r.status == "overdue" and r.owner is empty)'],
            "An overdue recommendation in audit {audit.id} has no owner: {reasons}.",
            {"recommendations": [{"action": plain(4), "status": "overdue", "owner": owner}]},
            {"recommendations": [{"action": plain(4), "status": "overdue"}]},
            "recommendations",
        ),
        lambda: RuleSpec(
            "Every recommendation has an owner",
            ["when recommendations is not empty",
             "require all r in recommendations satisfy r.owner is not empty"],
            "Audit {audit.id} has {count(recommendations)} recommendations, not all owned: {reasons}.",
            {"recommendations": [{"action": plain(4), "owner": owner}]},
            {"recommendations": [{"action": plain(4), "owner": owner}, {"action": plain(4)}]},
            "recommendations",
        ),
    ]


def _form_rules(rng: random.Random, i: int) -> list[Callable[[], RuleSpec]]:
    min_sections = rng.randint(2, 4)
    qa_days = rng.randint(10, 20)
    words_min = rng.randint(8, 20)
    period_days = rng.choice((190, 200, 250))
    statuses = rng.sample(("cin", "cp", "cla"), rng.randint(1, 3))
    return [
        lambda: RuleSpec(
            "The audit has a well-formed id",
            ["require audit.id is not empty", r"require audit.id matches /^A-\d{4}-\d+$/"],
            "The audit id '{audit.id}' is missing or not in the A-YYYY-NNN form: {reasons}.",
            {"audit": {"id": "A-2024-031"}},
            {"audit": {"id": "tbc"}},
            "audit.id",
        ),
        lambda: RuleSpec(
            "The audit period runs forwards",
            ["when audit.period_start is not empty and audit.period_end is not empty",
             "require audit.period_end > audit.period_start", "at audit.period_end"],
            "The audit period ends ({audit.period_end}) before it starts ({audit.period_start}).",
            {"audit": {"period_start": dt.date(2024, 1, 1), "period_end": dt.date(2024, 6, 30)}},
            {"audit": {"period_start": dt.date(2024, 6, 30), "period_end": dt.date(2024, 1, 1)}},
            "audit.period_end",
        ),
        lambda: RuleSpec(
            "At least one plan target has an owner and a due date",
            ["require any t in plan_targets where (t.owner is not empty and t.due is not empty)"],
            "No plan target for child {child.ref} has both an owner and a due date: {reasons}.",
            {"plan_targets": [{"text": plain(4), "owner": "mother", "due": dt.date(2024, 7, 1)}]},
            {"plan_targets": [{"text": plain(4), "owner": "mother"}]},
            "plan_targets",
        ),
        lambda: RuleSpec(
            "The child's voice has a section of its own",
            [f"when child.status in {_list(statuses)}",
             'require any s in sections satisfies s.name == "child_voice"'],
            "The child ({child.status}) has no child's voice section: {reasons}.",
            {"child": {"status": statuses[0]}, "sections": [{"name": "child_voice"}]},
            {"child": {"status": statuses[0]}, "sections": [{"name": "assessment"}]},
            "sections",
        ),
        lambda: RuleSpec(
            "Enough sections are completed",
            [f"require count(sections) >= min_sections_r{i}"],
            f"Only {{count(sections)}} sections are completed; {{min_sections_r{i}}} are expected.",
            {"sections": [{"name": n} for n in SECTION_NAMES[:min_sections]]},
            {"sections": [{"name": n} for n in SECTION_NAMES[: min_sections - 1]]},
            "sections",
            settings=[(f"min_sections_r{i}", str(min_sections))],
        ),
        lambda: RuleSpec(
            "The audit period is about six months",
            ["when audit.period_start is not empty and audit.period_end is not empty",
             f"require days_between(audit.period_start, audit.period_end) <= {period_days}",
             "at audit.period_start"],
            "The audit period is {days_between(audit.period_start, audit.period_end)} days long.",
            {"audit": {"period_start": dt.date(2024, 1, 1), "period_end": dt.date(2024, 6, 30)}},
            {"audit": {"period_start": dt.date(2023, 1, 1), "period_end": dt.date(2024, 6, 30)}},
            "audit.period_start",
        ),
        lambda: RuleSpec(
            "The audit is quality assured promptly",
            ["when qa.date is not empty and audit.date is not empty",
             f"require working_days_between(audit.date, qa.date) <= qa_days_r{i}", "at qa.date"],
            f"QA took {{working_days_between(audit.date, qa.date)}} working days; the limit is "
            f"{{qa_days_r{i}}}.",
            {"audit": {"date": AUDIT_DAY}, "qa": {"date": dt.date(2024, 5, 3)}},
            {"audit": {"date": AUDIT_DAY}, "qa": {"date": dt.date(2024, 7, 15)}},
            "qa.date",
            settings=[(f"qa_days_r{i}", str(qa_days))],
        ),
        lambda: RuleSpec(
            "Poor practice is escalated to a named senior manager",
            ["when escalation.poor_practice == true",
             "require escalation.senior_manager is not empty",
             "require escalation.notified_on is not empty"],
            "Poor practice in audit {audit.id} was not escalated properly: {reasons}.",
            {"escalation": {"poor_practice": True, "senior_manager": "Head of service",
                            "notified_on": dt.date(2024, 5, 2)}},
            {"escalation": {"poor_practice": True, "notified_on": dt.date(2024, 5, 2)}},
            "escalation.senior_manager",
        ),
        lambda: RuleSpec(
            "The overall judgement says what difference it made for the child",
            ["when overall_judgement is not empty",
             "require overall_judgement contains any of impact_words or impact_on_child is not empty"],
            "The overall judgement does not say what difference the work made: {reasons}.",
            {"overall_judgement": plain(12), "impact_on_child": plain(8)},
            {"overall_judgement": plain(12)},
            "overall_judgement",
        ),
        lambda: RuleSpec(
            "An inadequate grade is escalated",
            ['when any s in sections where s.grade == "inadequate"',
             "require escalation.poor_practice == true", "at escalation.poor_practice"],
            "Audit {audit.id} grades a section inadequate but records no escalation.",
            {"sections": [{"name": "planning", "grade": "inadequate"}],
             "escalation": {"poor_practice": True}},
            {"sections": [{"name": "planning", "grade": "inadequate"}]},
            "escalation.poor_practice",
        ),
        lambda: RuleSpec(
            "The assessment gives its analysis",
            ["for assessment", "require assessment.analysis is not empty",
             f"require words(assessment.analysis) >= {words_min}"],
            "The assessment for child {child.ref} gives too little analysis: {reasons}.",
            {"assessment": {"analysis": plain(words_min + 1)}},
            {"assessment": {"conclusion": plain(6)}},
            "assessment",
        ),
        lambda: RuleSpec(
            "The child's feedback is recorded in full",
            ["for each feedback in family_feedback", 'when feedback.from == "child"',
             "require words(feedback.text) >= 4"],
            "The feedback from the {feedback.from} is very short: {reasons}.",
            {"family_feedback": [{"from": "child", "text": "I feel listened to now"}]},
            {"family_feedback": [{"from": "child", "text": "Fine"}]},
            "family_feedback[0].text",
        ),
        lambda: RuleSpec(
            "A thematic audit names its themes",
            ['when audit.type == "thematic"', "require count(audit.themes) >= 1",
             "at audit.themes"],
            "Thematic audit {audit.id} names no theme.",
            {"audit": {"type": "thematic", "themes": ["neglect"]}},
            {"audit": {"type": "thematic"}},
            "audit.themes",
        ),
        lambda: RuleSpec(
            "Children on a plan have plan targets",
            [f"when child.status in {_list(statuses)}", "forbid plan_targets is empty"],
            "Child {child.ref} is {child.status} but the audit records no plan targets.",
            {"child": {"status": statuses[0]}, "plan_targets": [{"text": plain(4)}]},
            {"child": {"status": statuses[0]}},
            "plan_targets",
        ),
        lambda: RuleSpec(
            "Enough sections are graded",
            ["require (count s in sections where s.grade is not empty) >= 2"],
            "Audit {audit.id} grades only {count s in sections where s.grade is not empty} "
            "sections: {reasons}.",
            {"sections": [{"name": "assessment", "grade": "good"}, {"name": "impact", "grade": "good"}]},
            {"sections": [{"name": "assessment", "grade": "good"}, {"name": "impact"}]},
            "sections",
        ),
        lambda: RuleSpec(
            "The audit date is plausible",
            ["when audit.date is not empty",
             "require audit.date >= 2020-01-01 and audit.date <= 2030-12-31"],
            "The audit date {audit.date} is not plausible.",
            {"audit": {"date": AUDIT_DAY}},
            {"audit": {"date": dt.date(2019, 5, 1)}},
            "audit.date",
        ),
    ]


def make_rules_text(count: int, rng: random.Random) -> str:
    lines = [
        "# Generated by benchmarks/engine.py: a large rule set exercising every construct.",
        "ruleset bench.generated",
        '  version "1.0.0"',
        '  title "Generated benchmark rules"',
        '  description "Many rules of the kinds real rule sets hold."',
        "  applies to all forms",
        "",
        f"terms impact_words = {_list(IMPACT_WORDS)}",
        "setting rec_horizon = 3 months",
        "",
    ]
    makers = (_section_rules, _target_rules, _recommendation_rules, _form_rules)
    weights = (4, 2, 2, 3)
    for i in range(1, count + 1):
        group = rng.choices(makers, weights)[0]
        spec = rng.choice(group(rng, i))()
        for name, phrases in spec.terms:
            lines.append(f"terms {name} = {_list(phrases)}")
        for name, value in spec.settings:
            lines.append(f"setting {name} = {value}")
        lines.append(f'rule BENCH-{i:05d} "{spec.title}"')
        lines.append(f"  severity {rng.choice(('error', 'warning', 'warning', 'info'))}")
        lines.extend(f"  {clause}" for clause in spec.clauses)
        lines.append(f"  message {json.dumps(spec.message, ensure_ascii=False)}")
        if rng.random() < 0.5:
            lines.append(f"  hint {json.dumps(rng.choice(HINTS))}")
        if rng.random() < 0.2:
            lines.append('  reference "Ofsted (2019), case records need professional analysis"')
        lines.append("  tags " + ", ".join(rng.sample(TAGS, rng.randint(1, 2))))
        lines.append(f"  example pass {dsl(spec.passing)}")
        at = f" at {spec.fail_at}" if spec.fail_at else ""
        lines.append(f"  example fail{at} {dsl(spec.failing)}")
        lines.append("")
    return "\n".join(lines)


# ---- measuring -------------------------------------------------------------------------------


def max_rss_mib() -> float:
    # ru_maxrss is in KiB on Linux and in bytes on macOS.
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024


@dataclass
class Row:
    label: str
    seconds: float | None = None
    count: int | None = None
    unit: str = ""
    note: str = ""


@dataclass
class Timer:
    profile: cProfile.Profile | None = None
    traced: bool = False
    peaks: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def measure(self, name: str, profiled: bool = True) -> Iterator[list[float]]:
        """Time the block; `out[0]` holds the seconds afterwards."""
        out: list[float] = [0.0]
        gc.collect()
        if self.traced:
            tracemalloc.reset_peak()
        if self.profile is not None and profiled:
            self.profile.enable()
        start = time.perf_counter()
        try:
            yield out
        finally:
            out[0] = time.perf_counter() - start
            if self.profile is not None and profiled:
                self.profile.disable()
            if self.traced:
                self.peaks[name] = tracemalloc.get_traced_memory()[1] / (1024 * 1024)

    def best(self, name: str, fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
        """The fastest of `repeat` runs of `fn`, and its result (only the first is profiled)."""
        times: list[float] = []
        result: Any = None
        for attempt in range(max(1, repeat)):
            result = None  # let the previous result go before the next run
            with self.measure(name, profiled=attempt == 0) as took:
                result = fn()
            times.append(took[0])
        return min(times), result


def run(args: argparse.Namespace) -> int:
    rules_n = QUICK_RULES if args.quick and args.rules is None else (args.rules or DEFAULT_RULES)
    forms_n = QUICK_FORMS if args.quick and args.forms is None else (args.forms or DEFAULT_FORMS)
    profile = cProfile.Profile() if args.profile else None
    timer = Timer(profile=profile, traced=args.tracemalloc)
    if args.tracemalloc:
        tracemalloc.start()
    rows: list[Row] = []
    best_of = f"best of {args.repeat}" if args.repeat > 1 else ""

    with tempfile.TemporaryDirectory(prefix="auditrules-bench-") as tmp:
        folder = Path(args.keep) if args.keep else Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        rules_file = folder / "bench.rules"
        forms_file = folder / "forms.json"

        with timer.measure("generate", profiled=False) as took:
            rng = random.Random(args.seed)
            rules_text = make_rules_text(rules_n, rng)
            rules_file.write_text(rules_text, encoding="utf-8")
            forms = make_forms(forms_n, rng)
            forms_file.write_text(json.dumps(forms), encoding="utf-8")
            del forms
        rows.append(Row("generate rules + forms", took[0],
                        note=f"{len(rules_text) / 1024:.0f} KiB rules, "
                             f"{forms_file.stat().st_size / 1024 / 1024:.1f} MiB forms"))

        # Everything built once per process is built here, outside the timings that follow.
        with timer.measure("setup", profiled=False) as took:
            host = get_host()
            schema = FormSchema(host.form_blocks)
            _parser()
        rows.append(Row("plugin host + Lark grammar", took[0], note="once per process"))

        # Lark's contextual lexer compiles its scanners on first use: the first parse in a
        # process pays for that, later ones do not.
        with timer.measure("lark cold") as took:
            _parser().parse(rules_text, start="start")
        rows.append(Row("lark parse (bare), first", took[0], rules_n, "rules"))
        seconds, _ = timer.best("lark", lambda: _parser().parse(rules_text, start="start"), args.repeat)
        rows.append(Row("lark parse (bare)", seconds, rules_n, "rules", note=best_of))

        # The stages of a load, one by one (the same functions Engine.load calls).
        files = discover([rules_file])
        os.environ[cache.CACHE_ENV] = "off"  # parsed afresh each time
        seconds, (parsed, problems) = timer.best("parse", lambda: parse_files(files), args.repeat)
        rows.append(Row("  parse (lark + syntax tree)", seconds, rules_n, "rules", note=best_of))
        seconds, found = timer.best("check", lambda: check_all(parsed, schema, host.functions),
                                    args.repeat)
        problems.extend(found)
        rows.append(Row("  static check", seconds, rules_n, "rules", note=best_of))
        if problems:
            print(RuleSetError(problems), file=sys.stderr)
            return 1

        def compile_all() -> None:
            resolved = resolve_settings(parsed, {})
            for item in parsed:
                compile_ruleset(item, host.functions, resolved[item.node.id])

        seconds, _ = timer.best("compile", compile_all, args.repeat)
        rows.append(Row("  compile", seconds, rules_n, "rules", note=best_of))

        # A first run parses the file and keeps its tree in the cache; later runs read it back.
        os.environ[cache.CACHE_ENV] = str(folder / "cache")
        # As the command line does: the collector is paused while loading, and what was loaded
        # is then set aside from it for the rest of the run.
        with timer.measure("load first") as took, kept_for_the_run():
            engine = Engine.load([rules_file], defaults=False, host=host)
        loaded = sum(len(r.rules) for r in engine.rulesets)
        rows.append(Row("load: parse + check + compile", took[0], loaded, "rules",
                        note="first run: the parsed tree is kept"))
        def load_kept() -> Engine:
            with kept_for_the_run():
                return Engine.load([rules_file], defaults=False, host=host)

        seconds, engine = timer.best("load", load_kept, args.repeat)
        rows.append(Row("load, parsed tree kept", seconds, loaded, "rules",
                        note=f"{best_of}; goal <= 1 s for 2,000 rules"))

        if args.verify_examples:
            from auditrules.testing import run_examples

            results = list(run_examples(engine, list(engine.all_rules())))
            bad = [r for r in results if not r.ok]
            for result in bad[:10]:
                print(f"example failed: {result.label}: {result.detail}", file=sys.stderr)
            rows.append(Row("examples verified", None, len(results), "examples",
                            note=f"{len(bad)} failed"))
            if bad:
                _print(rows, rules_n, forms_n, args.seed, timer)
                return 1

        with timer.measure("read") as took:
            read_ok = read_bad = 0
            for item in engine.read([forms_file]):
                if isinstance(item, FormError):
                    read_bad += 1
                else:
                    read_ok += 1
        read_seconds = took[0]
        rows.append(Row("read + validate forms", read_seconds, read_ok, "forms",
                        note=f"{read_bad} unreadable" if read_bad else ""))

        with timer.measure("check forms") as took:
            result = engine.check([forms_file])
        check_seconds = took[0]
        rows.append(Row("check forms (read + rules)", check_seconds, result.forms_checked, "forms"))
        rows.append(Row("findings", check_seconds, len(result.findings), "findings",
                        note=f"{len(result.findings) / max(1, result.forms_checked):.1f} per form; "
                             f"{len(result.errors)} errors"))
        rules_seconds = max(check_seconds - read_seconds, 1e-9)
        rows.append(Row("rules alone (check - read)", rules_seconds,
                        result.forms_checked * loaded, "rule runs"))
        rows.append(Row("check/read ratio", None,
                        note=f"{check_seconds / read_seconds if read_seconds else float('nan'):.1f}x"))
        rows.append(Row("peak memory (max RSS)", None, note=f"{max_rss_mib():.0f} MiB"))
        if result.errors:
            print(f"warning: {len(result.errors)} forms could not be checked, e.g. "
                  f"{result.errors[0].message}", file=sys.stderr)

    _print(rows, rules_n, forms_n, args.seed, timer)
    if profile is not None:
        profile.dump_stats(args.profile)
        print(f"\nprofile of the measured stages written to {args.profile}")
        for order in ("cumulative", "tottime"):
            print(f"\ntop {args.top} by {order}:")
            pstats.Stats(profile).sort_stats(order).print_stats(args.top)
    return 0


def _print(rows: list[Row], rules_n: int, forms_n: int, seed: int, timer: Timer) -> None:
    print(f"auditrules engine benchmark: {rules_n} rules, {forms_n} forms, seed {seed}, "
          f"Python {sys.version.split()[0]}")
    print(f"{'stage':<32} {'seconds':>9} {'count':>10} {'rate':>24}  note")
    print("-" * 96)
    for row in rows:
        seconds = f"{row.seconds:9.3f}" if row.seconds is not None else " " * 9
        count = f"{row.count:10d}" if row.count is not None else " " * 10
        rate = ""
        if row.seconds and row.count is not None:
            rate = f"{row.count / row.seconds:,.0f} {row.unit}/s"
        print(f"{row.label:<32} {seconds} {count} {rate:>24}  {row.note}".rstrip())
    if timer.peaks:
        print("traced peak (tracemalloc, MiB): "
              + ", ".join(f"{name} {peak:.0f}" for name, peak in timer.peaks.items()))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rules", type=int, default=None, help=f"rules to generate ({DEFAULT_RULES})")
    parser.add_argument("--forms", type=int, default=None, help=f"forms to generate ({DEFAULT_FORMS})")
    parser.add_argument("--seed", type=int, default=1, help="random seed (1)")
    parser.add_argument("--quick", action="store_true",
                        help=f"a fast run: {QUICK_RULES} rules and {QUICK_FORMS} forms")
    parser.add_argument("--repeat", type=int, default=3,
                        help="runs of each rule-set stage; the fastest is reported (3)")
    parser.add_argument("--verify-examples", action="store_true",
                        help="also run every generated rule's examples, failing if one is wrong")
    parser.add_argument("--profile", metavar="FILE",
                        help="cProfile the measured stages and write the stats to FILE")
    parser.add_argument("--top", type=int, default=15, help="functions to list with --profile (15)")
    parser.add_argument("--tracemalloc", action="store_true",
                        help="also trace Python allocations per stage (much slower)")
    parser.add_argument("--keep", metavar="DIR", help="write the generated files to DIR and keep them")
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
