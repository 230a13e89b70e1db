"""examples/themed-return.yaml: both theme plugins (registered here, not found installed) give
findings, a strong write-up gets none from its theme, and a missing theme block gets one
completeness finding."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import auditrules_domestic_abuse.plugin
import auditrules_strategy_discussions.plugin

import auditrules
from auditrules.plugins import PluginHost

THEMED = Path(__file__).parents[1] / "examples" / "themed-return.yaml"


def test_both_themes_give_findings_on_the_themed_return():
    host = PluginHost(load_entry_points=False, extra_plugins=[
        auditrules_domestic_abuse.plugin, auditrules_strategy_discussions.plugin])
    result = auditrules.Engine.load(host=host).check([THEMED])
    assert result.errors == []
    assert result.forms_checked == 4
    themed: dict[str, list[str]] = defaultdict(list)
    for finding in result.findings:
        if finding.ruleset.split(".")[0] in ("domestic_abuse", "strategy"):
            themed[finding.form or ""].append(finding.rule)
    assert themed["T-2024-101"] == ["DA-003", "DA-004", "DA-006", "DA-007", "DA-008", "DA-009",
                                    "DA-010", "DA-011", "DA-012"]
    assert "T-2024-102" not in themed  # the strong domestic abuse write-up
    assert themed["T-2024-103"] == ["SD-003", "SD-004", "SD-005", "SD-007", "SD-009", "SD-010", "SD-011"]
    assert themed["T-2024-104"] == ["DA-001"]  # its strategy part is good; its domestic abuse part is missing
