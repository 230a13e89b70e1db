"""How the labels of a one-form pro forma (a Word document, or a workbook laid out as a form)
map to the canonical pro forma.

A form mapping is a TOML file like a return's, with `layout = "form"`:

    [form]
    layout = "form"
    # sheet = "Form"                # a workbook: the sheet the form is on (default: the first)

    [fields]                        # canonical field = the label on the form
    "audit.id" = "Audit reference"
    "qa.comments" = { label = "Comments", under = "Quality assurance" }

    [sections.assessment]           # a section's labels, under its heading or title row
    heading = "Assessment"
    fields = { evidence = "Evidence", judgement = "Judgement", grade = "Grade" }

    [lists.plan_targets]            # a table with a header row and one row per item
    heading = "Plan targets"        # optional: only a table under this heading
    fields = { text = "Target", owner = "Owner", due = "Due" }

Labels and headings match ignoring case, spacing, a trailing colon and a leading number
("2. Planning").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import UsageError, did_you_mean
from ..patterns import compiled

_NUMBERING = compiled(r"^(?:section\s+)?(?:\d+(?:\.\d+)*|[a-z])[.):]\s+|^(?:section\s+)?\d+\s+")


def label_key(text: str) -> str:
    """A label or heading as it is compared: case, spacing, quotes, a leading number and a
    trailing colon or asterisk do not count."""
    text = " ".join(text.replace("’", "'").split()).casefold()
    text = _NUMBERING.sub("", text)
    return text.rstrip(" :*?").strip()


@dataclass(frozen=True)
class FieldLabel:
    """One field found by its label, optionally only under a heading."""

    path: str
    label: str
    under: str | None = None
    line: int | None = None
    """The line of the mapping file it is written on, to name in errors."""

    def describe(self) -> str:
        under = f" under '{self.under}'" if self.under else ""
        return f"'{self.label}'{under}"


@dataclass(frozen=True)
class ListLabels:
    """A list read from a table: its header row's labels for each item field."""

    path: str
    fields: dict[str, str]
    heading: str | None = None


@dataclass(frozen=True)
class FormMapping:
    """A whole form mapping: the labels of single fields and the header labels of lists."""

    fields: list[FieldLabel] = field(default_factory=list)
    lists: dict[str, ListLabels] = field(default_factory=dict)
    sheet: str | None = None
    source: Path | None = None

    @property
    def canonical(self) -> bool:
        """True when labels are the canonical field paths themselves (no mapping file)."""
        return self.source is None

    def describe(self) -> str:
        return str(self.source) if self.source else "the canonical labels"

    def headings(self) -> set[str]:
        """Every heading the mapping names, compared as label_key does."""
        named = {label_key(f.under) for f in self.fields if f.under}
        return named | {label_key(spec.heading) for spec in self.lists.values() if spec.heading}


_FORM_KEYS = {"layout", "sheet"}
_SECTION_KEYS = {"heading", "fields"}
_LIST_KEYS = {"heading", "fields"}
_TOP_KEYS = {"form", "fields", "sections", "lists"}


def unknown_key(where: str, key: str, choices: set[str]) -> str:
    """The problem of a key a mapping does not know, with the nearest known one."""
    hint = did_you_mean(key, choices)
    return f"{where}: unknown key '{key}'" + (f"; did you mean '{hint}'?" if hint else
                                              f"; use one of: {', '.join(sorted(choices))}")


def list_tables(raw: Mapping[str, Any], item_fields: Mapping[str, list[str]], keys: set[str],
                problems: list[str]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """Each well-formed [lists.NAME] table of a mapping (a return's or a form's) as (name, where,
    table), [lists.assessment.actions] read as the list 'assessment.actions'. Mistakes (a name
    that is not a list of the form, a value that is not a table, a key not in `keys`) go to
    `problems`, named by their table."""
    raw_lists = raw.get("lists", {})
    if not isinstance(raw_lists, dict):
        problems.append("[lists] must hold tables such as [lists.plan_targets]")
        return
    if isinstance(raw_lists.get("assessment"), dict) and "actions" in raw_lists["assessment"]:
        raw_lists = {**raw_lists, "assessment.actions": raw_lists["assessment"]["actions"]}
        del raw_lists["assessment"]
    for name, table in raw_lists.items():
        where = f"[lists.{name}]"
        if name not in item_fields:
            hint = did_you_mean(name, list(item_fields))
            problems.append(f"{where}: '{name}' is not a list of the form"
                            + (f"; did you mean '{hint}'?" if hint else
                               f"; use one of: {', '.join(item_fields)}"))
            continue
        if not isinstance(table, dict):
            problems.append(f"{where} must be a table")
            continue
        problems.extend(unknown_key(where, key, keys) for key in table if key not in keys)
        yield name, where, table


def list_columns(table: Mapping[str, Any], where: str, fields: list[str], what: str, each: str,
                 problems: list[str]) -> dict[str, str] | None:
    """A [lists.NAME] table's `fields`: each item field and the column (`each`: its header or
    label) it is read from. Unknown fields and blank columns go to `problems`; None when
    `fields` is missing or not a table."""
    sub = table.get("fields", {})
    if not isinstance(sub, dict) or not sub:
        problems.append(f"{where}: 'fields' must map item fields to {what}, e.g. "
                        "fields = { text = \"Target\" }")
        return None
    columns: dict[str, str] = {}
    for item_field, column in sub.items():
        if item_field not in fields:
            hint = did_you_mean(item_field, fields)
            problems.append(f"{where}: unknown field '{item_field}'"
                            + (f"; did you mean '{hint}'?" if hint else f"; use one of: {', '.join(fields)}"))
            continue
        if not isinstance(column, str) or not column.strip():
            problems.append(f"{where}: the {each} of '{item_field}' must be text")
            continue
        columns[item_field] = column.strip()
    return columns


def load_form_mapping(path: Path, raw: Mapping[str, Any], text: str, known_paths: Mapping[str, Any],
                      item_fields: Mapping[str, list[str]]) -> FormMapping:
    """Check a form mapping already read from TOML; every mistake is listed in one UsageError."""
    problems: list[str] = []
    lines = text.splitlines()

    def unknown(where: str, key: str, choices: set[str]) -> None:
        problems.append(unknown_key(where, key, choices))

    for top in raw:
        if top not in _TOP_KEYS:
            unknown("top level", top, _TOP_KEYS)
    form = raw.get("form", {})
    for form_key in form:
        if form_key not in _FORM_KEYS:
            unknown("[form]", form_key, _FORM_KEYS)
    sheet = form.get("sheet")
    if sheet is not None and not isinstance(sheet, str):
        problems.append("[form] sheet must be a sheet name")
        sheet = None
    labels: list[FieldLabel] = []
    raw_fields = raw.get("fields", {})
    if not isinstance(raw_fields, dict):
        problems.append("[fields] must be a table of \"field.path\" = \"Label\"")
        raw_fields = {}
    section_field = re.compile(r"^sections\.([a-z][a-z0-9_]*)\.([a-z_]+)$")
    for field_path, spec in raw_fields.items():
        where = f"[fields] \"{field_path}\""
        match = section_field.match(field_path)
        if field_path not in known_paths and not (match and f"sections.*.{match.group(2)}" in known_paths):
            hint = did_you_mean(field_path, [p for p in known_paths if "*" not in p])
            problems.append(f"[fields] unknown field \"{field_path}\""
                            + (f"; did you mean \"{hint}\"?" if hint else ""))
            continue
        label, under = _label_spec(spec, where, problems)
        if label is not None:
            labels.append(FieldLabel(field_path, label, under, _line_of(lines, field_path)))
    raw_sections = raw.get("sections", {})
    if not isinstance(raw_sections, dict):
        problems.append("[sections] must hold tables such as [sections.assessment]")
        raw_sections = {}
    section_fields = sorted(p.split(".")[-1] for p in known_paths if p.startswith("sections.*.")
                            and p != "sections.*.name")
    for name, spec in raw_sections.items():
        where = f"[sections.{name}]"
        if not isinstance(spec, dict):
            problems.append(f"{where} must be a table with heading and fields")
            continue
        for key in spec:
            if key not in _SECTION_KEYS:
                unknown(where, key, _SECTION_KEYS)
        heading = spec.get("heading")
        if heading is not None and (not isinstance(heading, str) or not heading.strip()):
            problems.append(f"{where}: 'heading' must be the section's heading as written on the form")
            heading = None
        sub = spec.get("fields", {})
        if not isinstance(sub, dict) or not sub:
            problems.append(f"{where}: 'fields' must map section fields to labels, e.g. "
                            "fields = { judgement = \"Judgement\" }")
            continue
        start = _line_of(lines, f"[sections.{name}]")
        for section_part, label in sub.items():
            if section_part not in section_fields:
                hint = did_you_mean(section_part, section_fields)
                problems.append(f"{where}: unknown field '{section_part}'"
                                + (f"; did you mean '{hint}'?" if hint else
                                   f"; use one of: {', '.join(section_fields)}"))
                continue
            if not isinstance(label, str) or not label.strip():
                problems.append(f"{where}: the label of '{section_part}' must be text")
                continue
            line = _line_of(lines, section_part, start) if start else None
            labels.append(FieldLabel(f"sections.{name}.{section_part}", label.strip(),
                                     heading.strip() if heading else None, line))
    lists: dict[str, ListLabels] = {}
    for name, where, list_spec in list_tables(raw, item_fields, _LIST_KEYS, problems):
        heading = list_spec.get("heading")
        if heading is not None and (not isinstance(heading, str) or not heading.strip()):
            problems.append(f"{where}: 'heading' must be the heading above the table, as written")
            heading = None
        columns = list_columns(list_spec, where, item_fields[name], "the table's column labels",
                               "label", problems)
        if columns is None:
            continue
        lists[name] = ListLabels(name, columns, heading.strip() if heading else None)
    problems.extend(_mapped_twice(labels))
    if problems:
        raise UsageError(f"{path}: problems in the mapping:\n  " + "\n  ".join(problems))
    return FormMapping(labels, lists, sheet, path)


def _label_spec(spec: Any, where: str, problems: list[str]) -> tuple[str | None, str | None]:
    """A label as written in [fields]: "Label", or { label = "Label", under = "Heading" }."""
    if isinstance(spec, str) and spec.strip():
        return spec.strip(), None
    if isinstance(spec, dict):
        extra = set(spec) - {"label", "under"}
        if extra:
            problems.append(f"{where}: unknown key '{sorted(extra)[0]}'; use label and under")
        label, under = spec.get("label"), spec.get("under")
        if not isinstance(label, str) or not label.strip():
            problems.append(f"{where}: 'label' must be the label as written on the form")
            return None, None
        if under is not None and (not isinstance(under, str) or not under.strip()):
            problems.append(f"{where}: 'under' must be a heading as written on the form")
            return None, None
        return label.strip(), under.strip() if under else None
    problems.append(f"{where}: the label must be text, or {{ label = \"...\", under = \"Heading\" }}")
    return None, None


def _mapped_twice(labels: list[FieldLabel]) -> list[str]:
    """Two fields given the same label under the same heading: the form could not say which."""
    seen: dict[tuple[str, str], FieldLabel] = {}
    problems: list[str] = []
    for item in labels:
        key = (label_key(item.label), label_key(item.under or ""))
        first = seen.setdefault(key, item)
        if first is not item:
            problems.append(f"the label {item.describe()} is mapped twice: to {first.path}{_at(first)} "
                            f"and to {item.path}{_at(item)}; give each field its own label, or add "
                            "under = \"Heading\" to tell them apart")
    return problems


def _at(item: FieldLabel) -> str:
    return f" (line {item.line})" if item.line else ""


def _line_of(lines: list[str], text: str, start: int = 1) -> int | None:
    """The first line at or after `start` that writes `text` as a key."""
    pattern = re.compile(rf"^\s*(?:\"{re.escape(text)}\"|{re.escape(text)})\s*=|{re.escape(text)}\s*=")
    if text.startswith("["):
        pattern = re.compile(rf"^\s*{re.escape(text)}\s*$")
    for number in range(max(start, 1), len(lines) + 1):
        if pattern.search(lines[number - 1]):
            return number
    return None


def canonical_form_mapping(known_paths: Mapping[str, Any],
                           item_fields: Mapping[str, list[str]]) -> FormMapping:
    """Without a mapping file, labels are the canonical field paths themselves (`audit.id`,
    `sections.assessment.judgement`), and a list's header row is its fields' paths
    (`plan_targets.text`, `plan_targets.owner`)."""
    from ..models import SECTION_NAMES

    labels = [FieldLabel(path, path) for path in known_paths
              if "*" not in path and "[" not in path and path.split(".")[0] not in item_fields
              and not any(path.startswith(f"{name}.") for name in item_fields)]
    labels += [FieldLabel(f"sections.{name}.{part}", f"sections.{name}.{part}")
               for name in SECTION_NAMES
               for part in ("evidence", "judgement", "grade", "strengths", "development")]
    lists = {name: ListLabels(name, {f: f"{name}.{f}" for f in fields})
             for name, fields in item_fields.items()}
    return FormMapping(labels, lists)


def render_form_mapping(labels: list[FieldLabel], lists: Mapping[str, ListLabels], unplaced: list[str],
                        sheet: str | None = None, questions: Sequence[str] = (),
                        tables: Sequence[str] = ()) -> str:
    """A form mapping as TOML text, for `auditrules map` to write and the user to edit: labels
    only, with the placements to confirm and the labels not placed as comments."""
    out = ["# Proposed by `auditrules map`: check each line, then use it with --mapping.", "",
           "[form]", 'layout = "form"']
    if sheet:
        out.append(f"sheet = {toml_string(sheet)}")
    # A section's labels go under [sections.NAME] with the heading most of them sit under; a
    # label of the section under another heading is written in [fields] with its own `under`.
    headings: dict[str, Counter[str]] = {}
    for item in labels:
        if item.path.startswith("sections.") and item.under:
            headings.setdefault(item.path.split(".")[1], Counter())[item.under] += 1
    main = {name: counts.most_common(1)[0][0] for name, counts in headings.items()}
    in_sections = [item for item in labels if item.path.startswith("sections.") and item.under
                   and item.under == main[item.path.split(".")[1]]]
    plain = [item for item in labels if item not in in_sections]
    out += ["", "[fields]"]
    for item in plain:
        value = toml_string(item.label) if not item.under else \
            f"{{ label = {toml_string(item.label)}, under = {toml_string(item.under)} }}"
        out.append(f"{toml_string(item.path)} = {value}")
    sections: dict[str, dict[str, str]] = {}
    for item in in_sections:
        _, name, part = item.path.split(".")
        sections.setdefault(name, {})[part] = item.label
    for name, parts in sections.items():
        out += ["", f"[sections.{name}]", f"heading = {toml_string(main[name])}"]
        inner = ", ".join(f"{k} = {toml_string(v)}" for k, v in parts.items())
        out.append(f"fields = {{ {inner} }}")
    for name, spec in lists.items():
        out += ["", f"[lists.{name if '.' not in name else toml_string(name)}]"]
        if spec.heading:
            out.append(f"heading = {toml_string(spec.heading)}")
        inner = ", ".join(f"{k} = {toml_string(v)}" for k, v in spec.fields.items())
        out.append(f"fields = {{ {inner} }}")
    out += comment_lines(questions, unplaced, "Labels", tables)
    return "\n".join(out) + "\n"


def comment_lines(questions: Sequence[str], unplaced: Sequence[str], what: str,
                  tables: Sequence[str] = ()) -> list[str]:
    """The end of a proposed mapping: placements to confirm, and what was not placed."""
    out: list[str] = []
    if questions:
        out += ["", "# To confirm (another field fits nearly as well, or the match is loose):"]
        out += [f"#   {line}" for line in questions]
    if unplaced:
        out += ["", f"# {what} not placed (map them by hand or leave them out):"]
        out += [f"#   {label}" for label in unplaced]
    if tables:
        out += ["", "# Tables no list fits (their column labels):"]
        out += [f"#   {table}" for table in tables]
    return [_one_line(line) for line in out]


def _one_line(line: str) -> str:
    """A comment stays one line whatever a label holds."""
    return " ".join(line.replace("\r", "\n").split("\n")) if line.startswith("#") else line


def toml_string(text: str) -> str:
    """`text` as a TOML basic string, for the mappings `auditrules map` writes."""
    escaped = (text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
               .replace("\r", "\\r").replace("\t", "\\t"))
    return f'"{escaped}"'


__all__ = ["FieldLabel", "FormMapping", "ListLabels", "canonical_form_mapping", "label_key",
           "load_form_mapping", "render_form_mapping"]
