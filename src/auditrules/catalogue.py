"""The rule catalogue: Markdown pages written from the loaded rule sets, one per rule set and one
per rule (what it checks, its severity, tags, settings, message, hint, reference, and its pass and
fail examples), for the bundled rules and whatever plugins are installed.

    auditrules docs --output site/rules

A council can publish its own house rules this way; the documentation site includes the bundled
catalogue, written by the same code.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .patterns import compiled

INDEX = "index.md"


@dataclass(frozen=True)
class Written:
    """What a catalogue holds: its folder, rule sets and rules."""

    folder: Path
    rulesets: int
    rules: int


def page_name(identifier: str) -> str:
    """A rule set's or rule's page file name: its id, with anything but letters, digits, dots,
    dashes and underscores made a dash."""
    return re.sub(r"[^A-Za-z0-9._-]+", "-", identifier) + ".md"


def _cell(text: str) -> str:
    """Text for a Markdown table cell: one line, pipes escaped."""
    return " ".join(str(text).split()).replace("|", "\\|")


def _unquoted(text: str) -> str:
    """A message or hint as written, without the quotes around it."""
    text = text.strip()
    return text[1:-1] if len(text) >= 2 and text[0] == text[-1] == '"' else text


def _fenced(text: str, language: str = "") -> list[str]:
    fence = "````" if "```" in text else "```"
    return [f"{fence}{language}", text.rstrip(), fence]


def write_catalogue(loaded: Any, folder: Path, setting_text: Any = str) -> Written:
    """Write the catalogue of `loaded` (the engine and its settings) into `folder`: index.md,
    one page per rule set, and rules/ID.md per rule. Pages are rewritten; nothing else in the
    folder is touched."""
    engine = loaded.engine
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "rules").mkdir(exist_ok=True)
    index = ["# Rule catalogue", "",
             "Every loaded rule set and its rules, written from the rule sets themselves by "
             "`auditrules docs`.", "",
             "| rule set | version | title | rules | from |", "| --- | --- | --- | --- | --- |"]
    count = 0
    for ruleset in engine.rulesets:
        info = ruleset.info
        origin = "bundled" if not info.plugin or info.plugin.startswith("auditrules.") else info.plugin
        index.append(f"| [{info.id}]({page_name(info.id)}) | {info.version} | {_cell(info.title)} | "
                     f"{len(ruleset.rules)} | {_cell(origin)} |")
        settings = [s for s in loaded.settings if s.ruleset == info.id]
        page = [f"# {info.id}", "", f"**{_cell(info.title)}**, version {info.version}, "
                f"from {_cell(origin)} (`{Path(info.source).name}`).", ""]
        if settings:
            page += ["## Settings", "", "Change them with `--set NAME=VALUE` or in `auditrules.toml`.", "",
                     "| setting | value | from |", "| --- | --- | --- |"]
            page += [f"| `{_cell(s.name)}` | {_cell(setting_text(s.value))} | {_cell(s.origin)} |"
                     for s in settings]
            page.append("")
        page += ["## Rules", "", "| rule | severity | what it checks | tags |", "| --- | --- | --- | --- |"]
        for rule in ruleset.rules:
            count += 1
            page.append(f"| [{rule.id}](rules/{page_name(rule.id)}) | {rule.severity} | "
                        f"{_cell(rule.node.title)} | {_cell(', '.join(rule.tags))} |")
            (folder / "rules" / page_name(rule.id)).write_text(_rule_page(rule), encoding="utf-8")
        (folder / page_name(info.id)).write_text("\n".join(page) + "\n", encoding="utf-8")
    index += ["", f"{len(engine.rulesets)} rule sets, {count} rules."]
    (folder / INDEX).write_text("\n".join(index) + "\n", encoding="utf-8")
    return Written(folder, len(engine.rulesets), count)


SCORED_BY = {"appraises": "judgement", "evaluative": "judgement", "gives_reasons": "judgement",
             "measurable": "target", "tick_box": "recommendation", "concerns_answered": "analysis",
             "concerns_matched": "analysis"}
"""The functions whose answer the scorer gives (or explains), and the kind of statement each reads."""
_CALLS = compiled(r"\b(" + "|".join(SCORED_BY) + r")\s*\(")


def scored_kind(rule: Any) -> str | None:
    """The kind of statement (judgement, target, recommendation, analysis) a rule asks the scorer
    about, or None when it asks nothing of it."""
    node = rule.node
    for assertion in node.assertions:
        found = _CALLS.search(rule.compiler.text_of(assertion.expr))
        if found:
            return SCORED_BY[found.group(1)]
    return None


def rule_parts(rule: Any) -> list[tuple[str, str]]:
    """What a rule says, as written, in order: tags, what it checks, when, each require or forbid,
    message, hint and reference (the rule set's when the rule has none of its own)."""
    node = rule.node
    text = rule.compiler.source_text
    parts: list[tuple[str, str]] = []
    if node.tags:
        parts.append(("tags", ", ".join(node.tags)))
    if node.scope is not None:
        parts.append(("checks", " ".join(text[node.scope.span.start:node.scope.span.end].split())))
    if node.when is not None:
        parts.append(("when", rule.compiler.text_of(node.when)))
    parts += [(assertion.kind, rule.compiler.text_of(assertion.expr)) for assertion in node.assertions]
    if node.message is not None:
        parts.append(("message", text[node.message.span.start:node.message.span.end]))
    if node.hint is not None:
        parts.append(("hint", text[node.hint.span.start:node.hint.span.end]))
    if rule.reference:
        parts.append(("reference", rule.reference + ("" if node.reference else " (the rule set's)")))
    return parts


def _rule_page(rule: Any) -> str:
    node = rule.node
    text = rule.compiler.source_text

    def written(span_node: Any) -> str:
        return str(text[span_node.span.start:span_node.span.end])

    info = rule.ruleset.info
    lines = [f"# {rule.id}: {node.title}", "",
             f"In [{info.id}](../{page_name(info.id)}) {info.version}.", "",
             "| | |", "| --- | --- |", f"| severity | {rule.severity} |"]
    code = {"checks", "when", "require", "forbid"}
    for label, value in rule_parts(rule):
        label = "what good looks like" if label == "hint" else label
        shown = f"`{_cell(value)}`" if label in code else _cell(_unquoted(value))
        lines.append(f"| {label} | {shown} |")
    if node.examples:
        lines += ["", "## Examples", ""]
        for index, example in enumerate(node.examples, start=1):
            lines += [f"**{example.describe(index).capitalize()}**", ""]
            first, _, rest = written(example).partition("\n")
            body = first.strip() + ("\n" + textwrap.dedent(rest) if rest else "")
            lines += [*_fenced(body, "text"), ""]
    return "\n".join(lines).rstrip() + "\n"


__all__ = ["Written", "page_name", "rule_parts", "write_catalogue"]
