"""The strategy discussion theme's hooks: its part of the form, its functions and its rule sets."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field

import auditrules
from auditrules.models import Action

from .functions import FUNCTIONS

RULES = Path(__file__).with_name("rules")


def _word(synonyms: dict[str, str]) -> BeforeValidator:
    """Read a word as the form's own: case, spaces and hyphens ignored, common synonyms known."""

    def normalise(value: Any) -> Any:
        if not isinstance(value, str):
            return value
        word = re.sub(r"[\s\-]+", "_", value.strip().lower().replace("'", "").replace("’", ""))
        return synonyms.get(word, word) or None

    return BeforeValidator(normalise)


Format = Annotated[Literal["phone", "meeting", "virtual"] | None, _word({
    "telephone": "phone", "phone_call": "phone", "call": "phone",
    "face_to_face": "meeting", "in_person": "meeting",
    "video": "virtual", "online": "virtual", "teams": "virtual", "video_call": "virtual",
})]
Agency = Annotated[Literal["social_care", "police", "health", "education", "referrer", "other"], _word({
    "childrens_social_care": "social_care", "csc": "social_care", "social_worker": "social_care",
    "social_services": "social_care", "gp": "health", "health_visitor": "health",
    "school_nurse": "health", "nhs": "health", "paediatrician": "health", "school": "education",
    "nursery": "education", "college": "education",
})]
S47Decision = Annotated[Literal["start", "no_further_action", "other"] | None, _word({
    "s47": "start", "section_47": "start", "start_s47": "start", "start_s47_enquiries": "start",
    "s47_enquiries": "start", "section_47_enquiries": "start", "start_section_47_enquiries": "start",
    "yes": "start",
    "nfa": "no_further_action", "no": "no_further_action",
})]


class Strategy(auditrules.Block):
    """The strategy discussion part of a themed audit."""

    concern_received_at: dt.datetime | None = None
    held_at: dt.datetime | None = None
    format: Format = None
    attendees: list[Agency] = Field(default_factory=list)
    chair_role: str | None = None
    s47_decision: S47Decision = None
    rationale: str | None = None
    actions: list[Action] = Field(default_factory=list)
    record_circulated_on: dt.date | None = None
    icpc_date: dt.date | None = None


@auditrules.hookimpl
def register_form_blocks() -> dict[str, type[auditrules.Block]]:
    return {"strategy": Strategy}


@auditrules.hookimpl
def register_functions() -> list[auditrules.FunctionSpec]:
    return list(FUNCTIONS)


@auditrules.hookimpl
def register_rulesets() -> list[Path]:
    return [RULES]
