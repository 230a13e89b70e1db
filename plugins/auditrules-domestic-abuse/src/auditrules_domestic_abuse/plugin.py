"""The domestic abuse theme's hooks: its part of the form, its functions and its rule sets."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator

import auditrules

from .functions import FUNCTIONS

RULES = Path(__file__).with_name("rules")


def _risk_level(value: Any) -> Any:
    """'High risk', 'HIGH' and 'Medium' are read as the DASH levels high and medium."""
    if not isinstance(value, str):
        return value
    word = re.sub(r"\s+", " ", value.strip().lower()).removesuffix(" risk")
    return word or None


DashRisk = Annotated[Literal["standard", "medium", "high"] | None, BeforeValidator(_risk_level)]


class DomesticAbuse(auditrules.Block):
    """The domestic abuse part of a themed audit."""

    dash_completed_on: dt.date | None = None
    dash_risk: DashRisk = None
    incidents_in_period: int | None = None
    marac_referred: bool | None = None
    marac_referred_on: dt.date | None = None
    idva_offered: bool | None = None
    safety_plan: str | None = None
    perpetrator_work: str | None = None
    encompass_notified: bool | None = None
    child_seen_alone: bool | None = None
    child_experience: str | None = None
    info_sharing: str | None = None


@auditrules.hookimpl
def register_form_blocks() -> dict[str, type[auditrules.Block]]:
    return {"domestic_abuse": DomesticAbuse}


@auditrules.hookimpl
def register_functions() -> list[auditrules.FunctionSpec]:
    return list(FUNCTIONS)


@auditrules.hookimpl
def register_rulesets() -> list[Path]:
    return [RULES]
