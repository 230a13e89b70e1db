"""What the strategy discussion rules read: whether the theme's part of the form is there, who
chaired, and whether the rationale for the section 47 decision names the risks."""

from __future__ import annotations

import re

from auditrules import Outcome, function
from auditrules.functions.links import concerns_in
from auditrules.functions.text import Cues, quoted, read
from auditrules.patterns import compiled

# Team manager and above. A deputy or assistant team manager, or a senior practitioner, is not.
_MANAGER = compiled(
    r"\b(team manager|tm|service manager|group manager|locality manager|area manager|"
    r"head of service|hos|assistant director|director|principal social worker|"
    r"safeguarding manager|operations manager)\b", re.IGNORECASE)
_BELOW_MANAGER = compiled(
    r"\b(deputy|assistant team manager|senior practitioner|advanced practitioner|"
    r"social worker|student|consultant social worker|practice supervisor)\b", re.IGNORECASE)


@function(returns="bool")
def chaired_by_manager(role: str | None) -> Outcome:
    """Whether the chair was a team manager or above (service manager, head of service...);
    a deputy or assistant team manager or a practitioner is not."""
    if not role or not role.strip():
        return Outcome(False, ("the chair's role is not recorded",))
    senior = _MANAGER.search(role)
    below = _BELOW_MANAGER.search(role)
    if senior and not (below and below.start() <= senior.start()):
        return Outcome(True, (f"chaired by a {senior.group(0).lower()}",), (senior.group(0),))
    if below:
        return Outcome(False, (f"'{role.strip()}' is below team manager",), (role.strip(),))
    return Outcome(False, (f"'{role.strip()}' is not a team manager or a more senior role",), (role.strip(),))


# Harms a section 47 rationale names, besides the concern themes the core functions know.
_HARM = Cues([
    "injury", "injuries", "bruise", "bruising", "fracture", "burn", "bite mark",
    "non-accidental", "unexplained", "physical abuse", "sexual abuse", "emotional abuse",
    "sexual", "exploitation", "cse", "cce", "county lines", "missing", "self-harm", "self harm",
    "fgm", "radicalisation", "disclosure", "disclosed", "hit", "hitting", "smacked", "punched",
    "kicked", "assault", "assaulted", "threat", "threats", "weapon", "knife", "online harm",
    "grooming", "failure to thrive", "malnourished", "abandoned", "left alone", "unsupervised",
])
_GENERAL = Cues(["threshold", "significant harm", "risk", "risks", "concerns", "met", "not met"])


@function(returns="bool")
def names_risks(text: str | None) -> Outcome:
    """Whether a rationale names the risks to the child behind the decision (an injury, a
    disclosure, domestic abuse, neglect...), not only that a threshold was or was not met."""
    if not text or not text.strip():
        return Outcome(False, ("no rationale is recorded",))
    named = [words for _, words in concerns_in(text)]
    reading = read(text)
    named.extend(m.found for m in _HARM.find(reading) if not m.negated)
    if named:
        unique = list(dict.fromkeys(named))[:3]
        return Outcome(True, ("names the risks: " + ", ".join(f"'{w}'" for w in unique),), tuple(unique))
    generic = _GENERAL.find(reading)
    if generic:
        return Outcome(False, (f"it speaks only in general terms ({quoted(generic)}) and names no risk "
                               "to the child",), (text.strip(),))
    return Outcome(False, ("it names no risk to the child",), (text.strip(),))


FUNCTIONS = (chaired_by_manager, names_risks)
