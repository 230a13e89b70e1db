"""The core rule sets shipped with auditrules, registered like any plugin's rule sets."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from .hookspecs import hookimpl


def core_rulesets_dir() -> Path:
    """Where the core rule sets are: inside the installed package, or `rulesets/` in a checkout."""
    packaged = Path(str(resources.files("auditrules"))) / "rulesets"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "rulesets"


TRACKING_RULESET = "core-tracking.rules"
"""Recommendation tracking: its findings depend on the date the check is made as of, so it is
left out of an ordinary check (which gives the same report for the same forms whatever the
day) and loaded by `track` and by `check --as-of`."""


def tracking_ruleset() -> Path:
    """The core rule set that tracks recommendations as of a date."""
    return core_rulesets_dir() / TRACKING_RULESET


@hookimpl
def register_rulesets() -> list[Path]:
    return [core_rulesets_dir()]
