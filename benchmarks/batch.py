"""Benchmark checking a large spreadsheet return end to end, as a council would run it.

    .venv/bin/python benchmarks/batch.py                  # 50,000 audits, 2 jobs
    .venv/bin/python benchmarks/batch.py --quick          # 1,000 audits
    .venv/bin/python benchmarks/batch.py --forms 10000 --jobs 4 --keep out/batch
    .venv/bin/python benchmarks/batch.py --quick --profile out/batch.prof

It writes, with xlsxwriter in constant-memory mode, an .xlsx return of N audits under a council's
own headers: a main sheet "Audits" (one row per audit, six free-text judgements of 100-300 words
built from varied evaluative and descriptive social-work sentences), a "Targets" sheet (1-4 plan
targets per audit, some vague, some SMART) and a "Recommendations" sheet (0-3 per audit), and
the TOML mapping that reads it. The same seed always gives the same files.

It then times:

* the bare calamine read: `CalamineWorkbook.from_path` and `to_python()` of every sheet (best
  of 2), the floor any spreadsheet check has to pay;
* the full check through the command line in a subprocess
  (`auditrules check FILE --mapping MAP --jobs J --format json --output OUT --fail-on never`,
  with every bundled rule set and installed plugin), its wall time and its peak memory;

reads the JSON report back, and prints a table next to the goal: check <= 2.5 x read, peak <=
1.5 GB. `--profile FILE` also checks the first min(N, 2000) audits in this process under
cProfile and writes the stats to FILE.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import gc
import json
import mmap
import os
import pstats
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_FORMS = 50_000
QUICK_FORMS = 1_000
PROFILE_FORMS = 2_000
GOAL_RATIO = 2.5
GOAL_PEAK_MIB = 1.5 * 1024

# ---- the council's return ---------------------------------------------------------------------

MAIN_SHEET = "Audits"
TARGET_SHEET = "Targets"
RECOMMENDATION_SHEET = "Recommendations"

# header -> canonical field path (the mapping file is written from this)
MAIN_COLUMNS: tuple[tuple[str, str], ...] = (
    ("Audit ID", "audit.id"),
    ("Date of audit", "audit.date"),
    ("Team", "audit.team"),
    ("Auditor", "audit.auditors"),
    ("Legal status", "child.status"),
    ("Assessment judgement", "sections.assessment.judgement"),
    ("Assessment grade", "sections.assessment.grade"),
    ("Planning judgement", "sections.planning.judgement"),
    ("Planning grade", "sections.planning.grade"),
    ("Voice of the child judgement", "sections.child_voice.judgement"),
    ("Multi-agency judgement", "sections.multi_agency.judgement"),
    ("Overall judgement", "overall_judgement"),
    ("Impact on the child", "impact_on_child"),
    ("Poor practice", "escalation.poor_practice"),
    ("Escalated to", "escalation.senior_manager"),
)
TARGET_COLUMNS = (("Target", "text"), ("Owner", "owner"), ("Due", "due"))
RECOMMENDATION_COLUMNS = (("Action", "action"), ("Owner", "owner"), ("Timescale", "due"))
# which text pool feeds each free-text column
TEXT_COLUMNS = {
    "Assessment judgement": "assessment",
    "Planning judgement": "planning",
    "Voice of the child judgement": "voice",
    "Multi-agency judgement": "multi_agency",
    "Overall judgement": "overall",
    "Impact on the child": "impact",
}

CHILD_NAMES = (
    "Aiden", "Amelia", "Ava", "Bilal", "Charlie", "Chloe", "Daisy", "Dylan", "Ellie", "Esme", "Ethan",
    "Freya", "George", "Grace", "Harley", "Harry", "Isla", "Jacob", "Jayden", "Kacper", "Kai", "Layla",
    "Leo", "Lily", "Logan", "Maisie", "Mason", "Mia", "Mohammed", "Niamh", "Noah", "Olivia", "Oscar",
    "Poppy", "Riley", "Rosie", "Ruby", "Sam", "Sienna", "Theo", "Tyler", "Zara", "Zainab", "Aleksander",
)
ADULTS = (
    "mother", "father", "Ms Khan", "Mr Hughes", "grandmother", "the maternal aunt", "stepfather",
    "Ms O'Neill", "Mr Kowalski", "the foster carer", "mother's partner", "Ms Adeyemi",
)
SCHOOLS = ("the primary school", "the academy", "the nursery", "the pupil referral unit", "college",
           "the special school")
AGENCIES = ("health", "the police", "the school", "CAMHS", "the GP", "housing", "probation",
            "the substance misuse service", "the health visitor", "the Youth Justice Service")
TEAMS = (
    "North Assessment Team", "South Assessment Team", "Central Safeguarding Team 1",
    "Central Safeguarding Team 2", "East Family Support", "West Child in Need", "Children in Care Team",
    "Leaving Care Service", "Disabled Children's Team", "Early Help Hub", "MASH",
    "Edge of Care Team", "Fostering Support", "Court and Proceedings Team",
)
AUDITORS = (
    "A. Patel", "R. Jones", "S. Williams", "K. O'Brien", "M. Thompson", "J. Begum", "L. Evans",
    "D. Nowak", "H. Clarke", "P. Okafor", "C. Robinson", "T. Davies", "F. Hussain", "E. Walsh",
)
SENIOR_MANAGERS = (
    "Service manager, Jane Hughes", "Head of Service, Tom Byrne", "Group manager, Priya Shah",
    "Principal social worker, Carl Mensah", "Service manager (Safeguarding), Ruth Allen",
)
WEAK_ESCALATIONS = ("management", "TM", "n/a", "Discussed with manager", "tbc")
LEGAL_STATUSES = ("Child protection", "Child in need", "Looked after", "Early help", "Care leaver",
                  "CP", "CIN", "CLA")
GRADES = ("Outstanding", "Good", "good", "Requires improvement", "Requires Improvement", "Inadequate",
          "inadequate")
ODD_GRADES = ("3", "2", "RI", "Good/RI", "4")

_STRONG = {
    "assessment": (
        "The assessment was thorough and analytical because it weighed {adult}'s history of domestic "
        "abuse against the protective factors in the wider family, which meant the risks to {child} were "
        "understood and acted on.",
        "Auditors judge the assessment to be good: it drew on the chronology and {school}'s concerns, and "
        "as a result the plan addressed {child}'s neglect rather than the family's housing alone.",
        "The analysis explains why {child} is at risk of significant harm, evidenced by the {n} police "
        "call-outs since {date}, and sets out what must change at home for {child} to be safe.",
        "This was an effective assessment because the social worker saw {child} alone on {n} occasions "
        "and used direct work to understand what a day at home is like for them.",
        "The assessment was delayed by {n} weeks, which meant {child} remained in a home with unassessed "
        "risks after the incident on {date}.",
        "The assessment does not analyse the impact of {adult}'s drinking on {child}, so the conclusion "
        "that needs are being met is not supported by the evidence on file.",
        "The worker tested {adult}'s account against what {agency} reported, and the hypothesis that the "
        "bruising was accidental was weighed and rejected with clear reasons.",
        "Strengths in the family were identified and evidenced, such as the grandparents' daily support, "
        "so the assessment gives a balanced picture of risk and resilience.",
    ),
    "planning": (
        "The plan is specific and measurable: each action names who will do it and by when, and "
        "{child}'s school attendance has risen from {pct}% to 96% since it was agreed.",
        "Planning was effective because the core group reviewed progress every {n} weeks, which meant "
        "drift was spotted quickly when {adult} stopped attending the programme.",
        "The plan lacks focus on what needs to change; actions such as 'engage with services' give "
        "{adult} no clear idea of what is expected, and progress cannot be measured.",
        "Contingency planning is clear, so everyone knew what would happen if {adult} resumed contact "
        "with the perpetrator, and this helped keep {child} safe.",
        "The plan was not updated after the incident on {date}, so for {n} weeks it no longer reflected "
        "the risks {child} was living with.",
        "Actions follow from the analysis and tackle the neglect directly, and as a result the home "
        "conditions and {child}'s health have improved and are evidenced by the health visitor.",
        "The safety plan was written with the family in words {child} understands, which meant {child} "
        "could say who to call if they felt unsafe.",
    ),
    "voice": (
        "{child}'s wishes and feelings are recorded in their own words and clearly shaped the plan, for "
        "example moving contact to Saturdays because {child} said school nights were too tiring.",
        "Direct work using three houses helped {child} describe worries about the arguments at home, and "
        "this evidence changed the focus of the plan.",
        "{child} was not seen alone during the assessment, so we do not know what life is like for them "
        "and their voice is missing from the analysis.",
        "The worker used an interpreter and a communication board, which meant {child}, who is non-verbal, "
        "could show how they felt about respite.",
        "{child} told the worker 'I feel safer now that the shouting has stopped', and this is reflected in "
        "the review of the plan.",
        "The child's lived experience is well described: the record explains what a school morning is "
        "like for {child} and why that matters for their wellbeing.",
    ),
    "multi_agency": (
        "Information sharing with {agency} was timely and effective, which meant the strategy discussion "
        "on {date} had the full picture of the risks.",
        "Partners attended every core group and contributed to the plan, and as a result {child}'s "
        "health needs were met within {n} weeks.",
        "There was no challenge when {agency} did not attend {n} consecutive core groups, so the plan "
        "lacked their information about {adult}'s mental health.",
        "Good joint working with {agency} meant the family had one consistent message about what needed "
        "to change, and {adult} now attends appointments.",
        "Escalation to {agency} through the resolution protocol was appropriate and resolved the delay, so "
        "{child} started the therapeutic service on {date}.",
    ),
    "overall": (
        "Overall the work is good because risks were identified early, the plan was purposeful and "
        "{child} is now safer at home, as evidenced by {agency} and by {child}'s own account.",
        "Overall practice requires improvement: visits were regular but the work lacked analysis, so it "
        "is not clear that {child}'s circumstances have improved.",
        "Practice is inadequate because {child} was left in neglectful circumstances for {n} months "
        "without the concerns being escalated.",
        "The work has made a real difference: {child} is attending {school} every day, is gaining weight "
        "and tells their worker they are happier.",
        "Management oversight was regular and reflective, which meant drift was avoided and the decision "
        "to step down on {date} was well evidenced.",
    ),
    "impact": (
        "{child} is safer because {adult} has engaged with the domestic abuse programme, and there have "
        "been no police call-outs since {date}.",
        "{child}'s attendance has improved to {pct}% and {school} reports that they are more settled "
        "and making friends.",
        "The impact for {child} is limited: the same concerns about home conditions were raised on {date} "
        "and remain unresolved.",
        "As a result of the work {child} now has a stable placement and has a trusted adult at school.",
        "{child} has not yet seen any difference; the plan has drifted and the risks remain the same as "
        "at the start.",
        "{child} now sleeps in their own bed and has not missed a health appointment since {date}.",
    ),
}
_WEAK = {
    "assessment": (
        "Assessment completed on {date}.", "The social worker visited the home on {date} and spoke to "
        "{adult}.", "Checks were completed with the school, GP and police.",
        "The assessment was signed off by the team manager.", "Strategy discussion held on {date}.",
        "The family have been known to children's services since {year}.", "Single assessment undertaken.",
        "Agency checks were requested on {date}.",
    ),
    "planning": (
        "A plan is in place.", "The child protection plan was reviewed on {date}.",
        "Core group meetings were held.", "Plan to continue.", "Actions were set at the review.",
        "Monitoring will continue going forward.", "The plan is robust.",
    ),
    "voice": (
        "{child} was seen.", "{child} was seen at home with {adult}.", "Wishes and feelings to be "
        "completed.", "{child} is too young to give their views.", "The voice of the child is captured.",
    ),
    "multi_agency": (
        "Partners were invited to the meeting.", "{agency} attended the core group on {date}.",
        "Multi-agency working was appropriate.", "Information was shared with partners.",
        "Referral made to {agency}.",
    ),
    "overall": (
        "Case discussed in supervision on {date}.", "Engagement with services was appropriate.",
        "Safeguarding concerns noted.", "Visits were completed in timescales.", "See above.",
        "The case remains open.", "Work is ongoing.",
    ),
    "impact": (
        "Work continues with the family.", "Impact to be seen.", "Too early to say.", "Same as before.",
        "{child} remains at home with {adult}.", "Services are in place.",
    ),
}
_GENERAL_STRONG = (
    "Supervision on {date} was reflective and set clear actions, which meant the worker challenged "
    "{adult} about the missed appointments.",
    "The chronology is up to date and was used well, so the pattern of {n} missed health appointments "
    "was spotted and acted on.",
    "Recording is clear and purposeful, and explains why each decision was made and what it means for "
    "{child}.",
    "The worker built a trusting relationship with {adult}, which meant new concerns were shared early "
    "and the safety plan could be updated the same day.",
    "Because visits were purposeful and focused on the plan, {child}'s bedroom is now safe and they have "
    "a cot and a routine.",
    "Drift of {n} weeks between the review and the core group left {child} without an agreed plan and is "
    "a weakness in the work.",
)
_GENERAL_WEAK = (
    "Visits took place.", "Case notes are on the file.", "The worker has a good relationship with the "
    "family.", "Mother was spoken to about the concerns.", "TBC.", "Home visit completed on {date}.",
    "Supervision took place on {date}.", "The family were offered support.", "Ongoing.",
)

TARGETS_SMART = (
    "{adult} to attend the Freedom Programme every Tuesday until {date}; the facilitator will report "
    "attendance to each core group",
    "{child}'s school attendance to rise from {pct}% to at least 95% by {date}, measured by the "
    "school's weekly register",
    "{adult} to provide {n} negative hair strand tests by {date} so that everyone can see the drinking "
    "has stopped",
    "Social worker to complete direct work with {child} over {n} sessions before {date}, so the plan "
    "reflects their wishes and feelings",
    "Health visitor to complete a home conditions check every fortnight until {date}, recording the "
    "state of the kitchen and {child}'s sleeping area",
    "{child} to attend every CAMHS appointment before the review on {date}, with {adult} taking them",
)
TARGETS_VAGUE = (
    "{adult} to engage with services", "Monitor home conditions", "Continue to support {child}",
    "Improve school attendance", "{adult} to work openly with professionals", "Reduce risk",
    "Consider referral to CAMHS", "Keep {child} safe",
)
OWNERS_NAMED = ("Mother", "Father", "Social worker", "Health visitor", "School safeguarding lead",
                "Family support worker", "Team manager", "Foster carer", "GP", "IRO")
OWNERS_VAGUE = ("Professionals", "All", "Core group", "The family", "Everyone", "Partners")
DUE_VAGUE = ("ongoing", "next review", "tbc", "asap", "as soon as possible", "in due course",
             "Ongoing")
DUE_BOUNDED = ("within 10 working days", "within 6 weeks", "by the next core group on {date}",
               "weekly until {date}", "by {date}")
RECOMMENDATIONS_GOOD = (
    "Team manager to convene a legal planning meeting to consider threshold for proceedings",
    "Social worker to update the chronology and share it with the core group",
    "Hold a strategy discussion about the new disclosure made by {child}",
    "Complete a DASH risk assessment with {adult} and refer to MARAC if high risk",
    "Review the child protection plan so that every target names an owner and a date",
    "Arrange an interpreter for every visit and record {child}'s views in their own words",
)
RECOMMENDATIONS_WEAK = (
    "Staff reminded of the policy", "To be discussed in supervision", "Worker to be mindful of drift",
    "Continue to monitor", "Team to note", "Discussed with the team manager",
)
REC_OWNERS = ("Team manager", "Social worker", "Practice lead", "Service manager", "IRO")
REC_TIMESCALES = ("4 weeks", "within 10 working days", "asap", "by the next review", "ongoing",
                  "within one month", "tbc")

_START = dt.date(2023, 4, 1)
_SPAN = 820  # days: audits fall between April 2023 and mid 2025


# ---- generation ---------------------------------------------------------------------------------

class TextBank:
    """Sentences with every placeholder but `{child}` filled, several variants of each, so that
    generating a cell is picking sentences and naming the child."""

    VARIANTS = 6

    def __init__(self, rng: random.Random) -> None:
        self.strong: dict[str, list[tuple[str, int]]] = {}
        self.weak: dict[str, list[tuple[str, int]]] = {}
        for pool in _STRONG:
            self.strong[pool] = self._expand(rng, _STRONG[pool] + _GENERAL_STRONG)
            self.weak[pool] = self._expand(rng, _WEAK[pool] + _GENERAL_WEAK)

    def _expand(self, rng: random.Random, templates: tuple[str, ...]) -> list[tuple[str, int]]:
        out = []
        for template in templates:
            for _ in range(self.VARIANTS):
                text = fill(rng, template, keep_child=True)
                out.append((text, len(text.split())))
        return out

    def cell(self, rng: random.Random, pool: str, child: str, quality: float) -> str:
        """100-300 words: strong sentences with probability `quality`, the rest descriptive."""
        target = rng.randint(100, 300)
        strong, weak = self.strong[pool], self.weak[pool]
        parts: list[str] = []
        words = 0
        while words < target:
            text, count = rng.choice(strong if rng.random() < quality else weak)
            parts.append(text)
            words += count
        return " ".join(parts).replace("{child}", child)


def uk(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def some_day(rng: random.Random, start: dt.date = _START, span: int = _SPAN) -> dt.date:
    return start + dt.timedelta(days=rng.randrange(span))


def fill(rng: random.Random, template: str, *, child: str | None = None, keep_child: bool = False,
         after: dt.date | None = None) -> str:
    values = {
        "child": "{child}" if keep_child else (child or rng.choice(CHILD_NAMES)),
        "adult": rng.choice(ADULTS),
        "date": uk(some_day(rng, after, 200) if after else some_day(rng)),
        "year": str(rng.randint(2012, 2022)),
        "n": str(rng.randint(2, 9)),
        "pct": str(rng.randint(55, 88)),
        "school": rng.choice(SCHOOLS),
        "agency": rng.choice(AGENCIES),
    }
    text = template.format(**values)
    return text[0].upper() + text[1:]


class ReturnWriter:
    """Writes the workbook with xlsxwriter in constant-memory mode, one row at a time."""

    def __init__(self, path: Path) -> None:
        import xlsxwriter

        self.book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
        self.book.set_properties({"created": dt.datetime(2025, 1, 1)})  # the same bytes every time
        self.date_format = self.book.add_format({"num_format": "dd/mm/yyyy"})
        self.main = self.book.add_worksheet(MAIN_SHEET)
        self.targets = self.book.add_worksheet(TARGET_SHEET)
        self.recommendations = self.book.add_worksheet(RECOMMENDATION_SHEET)
        self.rows = {MAIN_SHEET: 0, TARGET_SHEET: 0, RECOMMENDATION_SHEET: 0}
        self._append(self.main, [h for h, _ in MAIN_COLUMNS])
        self._append(self.targets, ["Audit ID"] + [h for h, _ in TARGET_COLUMNS])
        self._append(self.recommendations, ["Audit ID"] + [h for h, _ in RECOMMENDATION_COLUMNS])
        for sheet, widths in ((self.main, [14, 12, 24, 20, 16] + [60] * 10),
                              (self.targets, [14, 60, 20, 20]), (self.recommendations, [14, 60, 20, 20])):
            for column, width in enumerate(widths):
                sheet.set_column(column, column, width)

    def _append(self, sheet: Any, values: list[Any]) -> None:
        row = self.rows[sheet.name]
        for column, value in enumerate(values):
            if value is None:
                continue
            if isinstance(value, dt.date):
                sheet.write_datetime(row, column, dt.datetime.combine(value, dt.time()), self.date_format)
            elif isinstance(value, str):
                sheet.write_string(row, column, value)
            else:
                sheet.write(row, column, value)
        self.rows[sheet.name] = row + 1

    def audit(self, main: list[Any], targets: list[list[Any]], recommendations: list[list[Any]]) -> None:
        self._append(self.main, main)
        for target in targets:
            self._append(self.targets, [main[0], *target])
        for recommendation in recommendations:
            self._append(self.recommendations, [main[0], *recommendation])

    def close(self) -> None:
        self.book.close()


def date_cell(rng: random.Random, day: dt.date) -> dt.date | str:
    """Most dates are real Excel dates; some were typed as DD/MM/YYYY text."""
    return uk(day) if rng.random() < 0.15 else day


def audits(rng: random.Random, bank: TextBank, count: int) -> Iterator[tuple[list, list, list]]:
    """(main row, target rows, recommendation rows) for each audit, in order."""
    for number in range(1, count + 1):
        day = some_day(rng)
        child = rng.choice(CHILD_NAMES)
        quality = rng.choice((0.1, 0.3, 0.5, 0.7, 0.9))  # share of evaluative sentences
        texts = {header: bank.cell(rng, pool, child, quality) for header, pool in TEXT_COLUMNS.items()}
        grades = [rng.choice(ODD_GRADES) if rng.random() < 0.06 else rng.choice(GRADES) for _ in range(2)]
        poor = rng.random() < 0.12
        escalated = (rng.choice(SENIOR_MANAGERS) if rng.random() < 0.7 else rng.choice(WEAK_ESCALATIONS)) \
            if poor or rng.random() < 0.05 else None
        auditors = "; ".join(rng.sample(AUDITORS, rng.choice((1, 1, 1, 2))))
        main = [
            f"A-{day.year}-{number:06d}", date_cell(rng, day), rng.choice(TEAMS), auditors,
            rng.choice(LEGAL_STATUSES),
            texts["Assessment judgement"], grades[0], texts["Planning judgement"], grades[1],
            texts["Voice of the child judgement"], texts["Multi-agency judgement"],
            texts["Overall judgement"], texts["Impact on the child"],
            ("Yes" if poor else rng.choice(("No", "No", "no", None))), escalated,
        ]
        targets = []
        for _ in range(rng.randint(1, 4)):
            if rng.random() < quality:
                text = fill(rng, rng.choice(TARGETS_SMART), child=child, after=day)
                owner = rng.choice(OWNERS_NAMED)
                due: Any = date_cell(rng, day + dt.timedelta(days=rng.randint(14, 180)))
                if rng.random() < 0.3:
                    due = fill(rng, rng.choice(DUE_BOUNDED), after=day)
            else:
                text = fill(rng, rng.choice(TARGETS_VAGUE), child=child)
                owner = rng.choice(OWNERS_VAGUE) if rng.random() < 0.6 else rng.choice((*OWNERS_NAMED, None))
                due = rng.choice(DUE_VAGUE) if rng.random() < 0.7 else None
            targets.append([text, owner, due])
        recommendations = []
        for _ in range(rng.choice((0, 1, 1, 2, 2, 3))):
            if rng.random() < 0.6:
                action = fill(rng, rng.choice(RECOMMENDATIONS_GOOD), child=child)
                owner = rng.choice(REC_OWNERS)
                when: Any = rng.choice((date_cell(rng, day + dt.timedelta(days=rng.randint(7, 60))),
                                        rng.choice(REC_TIMESCALES)))
            else:
                action = rng.choice(RECOMMENDATIONS_WEAK)
                owner = rng.choice((*REC_OWNERS, None, None))
                when = rng.choice((*REC_TIMESCALES, None))
            recommendations.append([action, owner, when])
        yield main, targets, recommendations


def mapping_text() -> str:
    def q(text: str) -> str:
        return json.dumps(text)  # a TOML basic string is a JSON string for these characters

    lines = ["# Mapping of the benchmark return's headers to the canonical pro forma.",
             "[form]", f"sheet = {q(MAIN_SHEET)}", f"id = {q(MAIN_COLUMNS[0][0])}", "", "[fields]"]
    lines += [f"{q(path)} = {q(header)}" for header, path in MAIN_COLUMNS[1:]]
    for name, sheet, columns in (("plan_targets", TARGET_SHEET, TARGET_COLUMNS),
                                 ("recommendations", RECOMMENDATION_SHEET, RECOMMENDATION_COLUMNS)):
        fields = ", ".join(f"{field} = {q(header)}" for header, field in columns)
        lines += ["", f"[lists.{name}]", f"sheet = {q(sheet)}", f"key = {q(MAIN_COLUMNS[0][0])}",
                  f"fields = {{ {fields} }}"]
    return "\n".join(lines) + "\n"


def generate(folder: Path, forms: int, seed: int, name: str = "return") -> tuple[Path, Path]:
    """Write NAME.xlsx with `forms` audits and NAME.mapping.toml; the same seed gives the same
    files, and a smaller `forms` gives the first audits of a larger one."""
    rng = random.Random(seed)
    bank = TextBank(rng)
    path = folder / f"{name}.xlsx"
    writer = ReturnWriter(path)
    for main, targets, recommendations in audits(rng, bank, forms):
        writer.audit(main, targets, recommendations)
    writer.close()
    mapping = folder / f"{name}.mapping.toml"
    mapping.write_text(mapping_text(), encoding="utf-8")
    return path, mapping


# ---- measuring ----------------------------------------------------------------------------------

def calamine_read(path: Path) -> tuple[float, int]:
    """Seconds to open the workbook and turn every sheet into Python values; rows read."""
    from python_calamine import CalamineWorkbook

    start = time.perf_counter()
    book = CalamineWorkbook.from_path(str(path))
    rows = 0
    for name in book.sheet_names:
        rows += len(book.get_sheet_by_name(name).to_python())
    seconds = time.perf_counter() - start
    del book
    gc.collect()
    return seconds, rows


def _children(pid_to_parent: dict[int, int], root: int) -> list[int]:
    tree, frontier = [root], [root]
    while frontier:
        parent = frontier.pop()
        kids = [pid for pid, ppid in pid_to_parent.items() if ppid == parent]
        tree += kids
        frontier += kids
    return tree


def _process_table() -> dict[int, int]:
    table = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", encoding="ascii", errors="replace") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            table[int(entry.name)] = int(fields[1])
        except (OSError, IndexError, ValueError):
            continue
    return table


_PAGE_KIB = os.sysconf("SC_PAGE_SIZE") // 1024


def _rss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as statm:
            return int(statm.read().split()[1]) * _PAGE_KIB
    except (OSError, ValueError, IndexError):
        return 0


def _pss_kib(pid: int) -> int:
    """The proportional set size: the process's own pages, plus its share of pages it shares."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


class TreeSampler:
    """Samples the summed resident memory (RSS) of a process and all its descendants every
    `interval` seconds. RSS is cheap to read (/proc/PID/statm) and does not disturb the processes
    measured; pages a forked worker still shares with its parent count in both, so the sum is an
    upper bound on the memory the tree really uses. Every `pss_every`th sample also sums the
    proportional set size (/proc/PID/smaps_rollup), which counts a shared page once, split among
    the processes sharing it: the memory the tree really uses. The main process's own RSS is
    kept apart too."""

    def __init__(self, pid: int, interval: float = 0.1, pss_every: int = 5) -> None:
        self.pid = pid
        self.interval = interval
        self.pss_every = pss_every
        self.peak_kib = 0
        self.peak_pss_kib = 0
        self.main_peak_kib = 0
        self.largest_kib = 0
        self.processes = 1
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        samples = 0
        while not self._stop.is_set():
            tree = _children(_process_table(), self.pid)
            sizes = {pid: _rss_kib(pid) for pid in tree}
            self.peak_kib = max(self.peak_kib, sum(sizes.values()))
            self.main_peak_kib = max(self.main_peak_kib, sizes.get(self.pid, 0))
            self.largest_kib = max(self.largest_kib, max(sizes.values(), default=0))
            if samples % self.pss_every == 0:
                self.peak_pss_kib = max(self.peak_pss_kib, sum(_pss_kib(pid) for pid in tree))
            samples += 1
            self.processes = max(self.processes, len(tree))
            self._stop.wait(self.interval)

    def __enter__(self) -> TreeSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def auditrules_command() -> list[str]:
    script = ROOT / ".venv" / "bin" / "auditrules"
    if script.exists():
        return [str(script)]
    found = shutil.which("auditrules")
    return [found] if found else [sys.executable, "-m", "auditrules"]


def limits_for(path: Path) -> dict[str, int]:
    """The archive limits a return this large needs raised (none for most): a sheet of 200,000
    audits' long write-ups unpacks to more than the 1 GB a part may by default, as a council's
    performance team would find, and set in [limits]."""
    from auditrules.limits import DEFAULT_LIMITS

    with zipfile.ZipFile(path) as archive:
        sizes = [info.file_size for info in archive.infolist()]
    raised = {}
    if max(sizes) > DEFAULT_LIMITS.archive_member:
        raised["archive_member"] = max(sizes) * 5 // 4
    if sum(sizes) > DEFAULT_LIMITS.archive_total:
        raised["archive_total"] = sum(sizes) * 5 // 4
    return raised


def full_check(path: Path, mapping: Path, jobs: int, output: Path) -> dict[str, Any]:
    """Run the check command in a subprocess; wall time, exit code and peak memory."""
    command = [*auditrules_command(), "check", str(path), "--mapping", str(mapping), "--jobs", str(jobs),
               "--format", "json", "--output", str(output), "--fail-on", "never"]
    raised = limits_for(path)
    if raised:
        settings = path.parent / "limits.toml"
        lines = "".join(f"{k} = {v}\n" for k, v in raised.items())
        settings.write_text("[limits]\n" + lines, encoding="utf-8")
        command += ["--config", str(settings)]
        print("the return unpacks past the default archive limits; the check is given "
              + ", ".join(f"{k} = {v:,}" for k, v in raised.items()) + f" ({settings.name})")
    env = dict(os.environ)
    env.pop("AUDITRULES_LOAD_PLUGINS", None)  # every installed plugin, as a council would run it
    start = time.perf_counter()
    before = os.times()
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                          cwd=ROOT) as process, TreeSampler(process.pid) as sampler:
        stdout, stderr = process.communicate()
    seconds = time.perf_counter() - start
    after = os.times()
    # The processor time of the check and of its workers (each waited for by the process that
    # started it, so counted in its children's times); 0 where the system does not say.
    processor = (after.children_user - before.children_user) + \
        (after.children_system - before.children_system)
    return {
        "command": command, "seconds": seconds, "processor_seconds": processor,
        "returncode": process.returncode,
        "stdout": stdout, "stderr": stderr,
        "tree_peak_mib": sampler.peak_kib / 1024,
        "tree_pss_mib": sampler.peak_pss_kib / 1024,
        "main_peak_mib": sampler.main_peak_kib / 1024,
        "processes": sampler.processes,
        # Sampled, not getrusage(RUSAGE_CHILDREN).ru_maxrss: a child forked from this process
        # counts, until it starts the command, every page this process holds (the bare read's).
        "largest_mib": sampler.largest_kib / 1024,
    }


LOAD_LIMIT = 256 * 2**20  # a larger report is counted by scanning it, not loaded whole


def read_report(path: Path) -> tuple[int, dict[str, int], int]:
    """Forms checked, findings by severity, and errors, from the JSON report. A report up to
    LOAD_LIMIT is loaded whole. A larger one (50,000 audits give ~800 MB) is scanned instead:
    inside a JSON string every quote is escaped, so `"severity": "..."` occurs once per finding,
    and `"message":` once per finding and once per error."""
    if path.stat().st_size <= LOAD_LIMIT:
        with path.open(encoding="utf-8") as handle:
            report = json.load(handle)
        by_severity: dict[str, int] = {}
        for finding in report["findings"]:
            by_severity[finding["severity"]] = by_severity.get(finding["severity"], 0) + 1
        for error in report["errors"][:5]:
            print(f"  error: {error.get('form')}: {error.get('message')}")
        return report["forms_checked"], by_severity, len(report["errors"])
    print(f"report is {mib(path.stat().st_size)}: counted by scanning, not loaded")
    with path.open("rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
        found = re.search(rb'"forms_checked":\s*(\d+)', data)
        checked = int(found.group(1)) if found else 0
        by_severity = {}
        for match in re.finditer(rb'"severity":\s*"(\w+)"', data):
            severity = match.group(1).decode()
            by_severity[severity] = by_severity.get(severity, 0) + 1
        messages = sum(1 for _ in re.finditer(rb'"message":', data))
    return checked, by_severity, messages - sum(by_severity.values())


def profile(folder: Path, forms: int, seed: int, output: Path) -> None:
    import auditrules

    path, mapping = generate(folder, forms, seed, name="profile")
    engine = auditrules.Engine.load()
    profiler = cProfile.Profile()
    start = time.perf_counter()
    profiler.enable()
    result = engine.check([path], mapping=mapping, jobs=1)
    profiler.disable()
    seconds = time.perf_counter() - start
    output.parent.mkdir(parents=True, exist_ok=True)
    profiler.dump_stats(str(output))
    print(f"\nprofile: {result.forms_checked:,} forms checked in this process (jobs=1) in {seconds:.1f} s "
          f"under cProfile; stats written to {output}")
    pstats.Stats(str(output)).sort_stats("cumulative").print_stats(25)


@contextmanager
def workspace(keep: Path | None) -> Iterator[Path]:
    if keep is not None:
        keep.mkdir(parents=True, exist_ok=True)
        yield keep
        return
    with tempfile.TemporaryDirectory(prefix="auditrules-batch-") as folder:
        yield Path(folder)


def mib(size: float) -> str:
    return f"{size / 2**20:,.1f} MiB"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--forms", type=int, default=None,
                        help=f"audits in the return (default {DEFAULT_FORMS:,})")
    parser.add_argument("--quick", action="store_true", help=f"{QUICK_FORMS:,} audits")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes for the check (default 2)")
    parser.add_argument("--keep", type=Path, default=None, help="write and keep the files in this folder")
    parser.add_argument("--seed", type=int, default=20240603)
    parser.add_argument("--profile", type=Path, default=None,
                        help=f"also check the first min(N, {PROFILE_FORMS:,}) audits here under cProfile")
    args = parser.parse_args(argv)
    forms = args.forms if args.forms is not None else QUICK_FORMS if args.quick else DEFAULT_FORMS
    if forms < 1 or args.jobs < 1:
        parser.error("--forms and --jobs must be 1 or more")

    with workspace(args.keep) as folder:
        print(f"batch benchmark: {forms:,} audits, --jobs {args.jobs}, seed {args.seed}, in {folder}")
        # The check's subprocess makes the same choice (AUDITRULES_PURE=1: the plain Python).
        from auditrules import _compiled

        print(f"text reading: {_compiled.describe()}")
        start = time.perf_counter()
        path, mapping = generate(folder, forms, args.seed)
        made = time.perf_counter() - start
        size = path.stat().st_size
        print(f"generated {path.name}: {mib(size)} in {made:.1f} s (xlsxwriter, constant_memory)")

        reads = [calamine_read(path) for _ in range(2)]
        read_seconds = min(seconds for seconds, _ in reads)
        print(f"calamine read: {reads[0][1]:,} rows over 3 sheets, "
              f"{' / '.join(f'{s:.2f}' for s, _ in reads)} s (best taken)")

        report_path = folder / "report.json"
        run = full_check(path, mapping, args.jobs, report_path)
        print("check command: " + " ".join(run["command"]))
        print(f"check exit code {run['returncode']} ({run['seconds']:.1f} s)")
        if run["returncode"] not in (0, 1) or not report_path.exists():
            print(run["stderr"][-4000:], file=sys.stderr)
            if not report_path.exists():
                print("no report was written", file=sys.stderr)
                return 1
        report_size = report_path.stat().st_size
        checked, by_severity, errors = read_report(report_path)
        findings = sum(by_severity.values())

        check_seconds = run["seconds"]
        processor = run["processor_seconds"]
        ratio = check_seconds / read_seconds if read_seconds else float("inf")
        peak = run["tree_peak_mib"]
        largest = run["largest_mib"]
        severities = ", ".join(f"{by_severity.get(s, 0):,} {s}s" for s in ("error", "warning", "info"))
        rows = [
            ("forms", f"{forms:,}", f"{checked:,} forms checked; {errors:,} errors"),
            ("file size", mib(size), f"{size / forms / 1024:,.1f} KiB per audit; report {mib(report_size)}"),
            ("read time (calamine)", f"{read_seconds:.2f} s",
             "from_path + to_python() of every sheet, best of 2"),
            ("check time (CLI)", f"{check_seconds:.2f} s",
             f"wall time of the subprocess, --jobs {args.jobs}"),
            ("check/read ratio", f"{ratio:.2f}x",
             f"goal <= {GOAL_RATIO}x: {'met' if ratio <= GOAL_RATIO else 'NOT met'}"),
            ("forms per second", f"{checked / check_seconds:,.0f}", "forms checked / check time"),
            ("forms per second per core", f"{checked / processor:,.0f}" if processor else "n/a",
             f"forms checked / processor time of the check and its workers ({processor:,.1f} s, "
             f"--jobs {args.jobs} on {os.cpu_count()} cores)"),
            ("findings per form", f"{findings / max(checked, 1):.2f}",
             f"{findings:,} findings ({severities})"),
            ("peak memory (MiB)", f"{peak:,.0f}",
             "sum of RSS over the check process and its workers "
             f"({run['processes']} processes), sampled every 0.1 s; goal <= {GOAL_PEAK_MIB:,.0f} MiB: "
             f"{'met' if peak <= GOAL_PEAK_MIB else 'NOT met'}"),
            ("peak memory, PSS (MiB)", f"{run['tree_pss_mib']:,.0f}",
             "sum of proportional set sizes (a page shared with a worker counted once), every 0.5 s"),
            ("main process (MiB)", f"{run['main_peak_mib']:,.0f}",
             "peak RSS of the check process itself (reading, collecting findings, reporting)"),
            ("largest process (MiB)", f"{largest:,.0f}",
             "peak RSS of the largest single process, sampled as above"),
        ]
        width = max(len(label) for label, _, _ in rows)
        value_width = max(len(value) for _, value, _ in rows)
        print()
        print(f"{'':{width}}  {'':>{value_width}}  goal: check <= {GOAL_RATIO} x read, peak <= 1.5 GB")
        for label, value, note in rows:
            print(f"{label:<{width}}  {value:>{value_width}}  {note}")
        print(f"summary: forms checked {checked}, findings {findings}, errors {errors}")

        if args.profile is not None:
            profile(folder, min(forms, PROFILE_FORMS), args.seed, args.profile)
    return 0


if __name__ == "__main__":
    sys.exit(main())
