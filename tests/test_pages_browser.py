"""The check report's, the comparison's, the impact's and the practice day's pages as a reader sees them in headless chromium:
every chart label is whole on the page (none runs off the left edge) and nothing is fetched."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from auditrules.cli import cli

EXAMPLES = Path(__file__).parents[1] / "examples"

LABELS = """
svgs => svgs.flatMap(svg => [...svg.querySelectorAll('text[text-anchor="end"]')].map(label => {
  const box = label.getBBox();
  return {text: label.textContent, x: box.x, width: box.width};
}))
"""


@pytest.mark.parametrize("command", [
    ["check", str(EXAMPLES / "sample-return.json"), "--fail-on", "never", "--format", "html"],
    ["compare", str(EXAMPLES / "weak-writeup.yaml"), str(EXAMPLES / "weak-writeup-reaudit.yaml"),
     "--format", "html"],
    ["impact", str(EXAMPLES / "rounds" / "round-1-2024.json"), str(EXAMPLES / "rounds" / "round-2-2025.json"),
     "--format", "html"],
    ["day-report", str(EXAMPLES / "rounds" / "round-1-2024.json")],
])
def test_every_chart_label_is_whole_on_the_page(browser, tmp_path, command):
    out = tmp_path / "page.html"
    result = CliRunner().invoke(cli, [*command, "--output", str(out)])
    assert result.exit_code == 0, result.output
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    page.goto(out.as_uri())
    labels = page.locator("svg.chart").evaluate_all(LABELS)
    context.close()
    assert len(labels) > 3
    for label in labels:
        assert label["x"] >= 0, f"{label['text']!r} runs off the left of its chart"
    assert requests == [out.as_uri()]
