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


@hookimpl
def register_rulesets() -> list[Path]:
    return [core_rulesets_dir()]
