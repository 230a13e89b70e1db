"""One canonical layout for rule-set files, keeping every comment and never changing meaning.

The file is parsed with every token kept, so expressions, text and values are written back with
exactly the tokens they had; only spacing, line breaks, optional commas and the order of clauses
change. Comments are not part of the grammar, so they are read from the lexer and attached to a
construct that is written on a line of its own: a comment on a line of its own goes before the
next such construct, a comment after code stays at the end of that code's line.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, fields, is_dataclass
from functools import cache
from importlib import resources

from lark import Lark, Token, Tree
from lark.exceptions import UnexpectedInput

from . import ast
from .parser import Source, SyntaxProblem, _syntax_diagnostic, parse_ruleset

LINE_LENGTH = 110
INDENT = "  "

HEADER_ORDER = ("version", "title", "description", "reference", "applies_all", "applies_when")
RULE_ORDER = ("severity", "scope_each", "scope_field", "when", "assertion", "at", "message",
              "hint", "reference", "tags", "example")
"""Clause order within a rule. `require` and `forbid` share a place, so their order is kept:
it is the order their reasons are listed in."""

_NO_SPACE_BEFORE = frozenset({")", "]", ",", "."})
_NO_SPACE_AFTER = frozenset({"(", "[", "."})


@cache
def _parser() -> tuple[Lark, list[Token]]:
    grammar = resources.files("auditrules.dsl").joinpath("grammar.lark").read_text("utf-8")
    comments: list[Token] = []
    parser = Lark(grammar, parser="lalr", lexer="contextual", propagate_positions=True,
                  maybe_placeholders=True, keep_all_tokens=True,
                  lexer_callbacks={"COMMENT": comments.append})
    return parser, comments


def _parse(source: Source) -> tuple[Tree, list[Token]]:
    parser, comments = _parser()
    comments.clear()
    try:
        tree = parser.parse(source.text, start="start")
    except UnexpectedInput as exc:
        raise SyntaxProblem(_syntax_diagnostic(source, exc)) from None
    return tree, list(comments)


def format_ruleset(source: Source) -> str:
    """The rule set in the canonical layout. Raises SyntaxProblem when it does not parse."""
    tree, comments = _parse(source)
    return _Formatter(source.text, comments).format(tree)


# ---- tokens ------------------------------------------------------------------------------------


def tokens(node: Tree | Token | None) -> Iterator[Token]:
    """Every token of a subtree, in the order written."""
    if node is None:
        return
    if isinstance(node, Token):
        yield node
        return
    for child in node.children:
        yield from tokens(child)


def join(node: Tree | Token | list[Tree | Token | None]) -> str:
    """Tokens on one line with canonical spacing: `f(a, b[0].c)`, `x in ["a", "b"]`."""
    items = node if isinstance(node, list) else [node]
    out = ""
    previous: Token | None = None
    for item in items:
        for token in tokens(item):
            value = str(token)
            if previous is not None and not _tight(previous, token):
                out += " "
            out += value
            previous = token
    return out


def _tight(previous: Token, token: Token) -> bool:
    # Quoted text never equals punctuation: its value keeps its quotes.
    if str(token) in _NO_SPACE_BEFORE or str(previous) in _NO_SPACE_AFTER:
        return True
    # A call `words(x)`, `count(x)`, and an index `a[0]`, `a[0][1]`.
    if str(token) == "(" and (previous.type == "NAME" or str(previous) == "count"):
        return True
    return str(token) == "[" and (previous.type == "NAME" or str(previous) == "]")


def _start(node: Tree | Token) -> int:
    first = next(tokens(node))
    return first.start_pos or 0


def _end(node: Tree | Token) -> int:
    last = list(tokens(node))[-1]
    return last.end_pos or 0


# ---- layout ------------------------------------------------------------------------------------


@dataclass
class _Line:
    """An output line and the source offset of the construct it starts with (None: no anchor)."""

    indent: int
    text: str
    anchor: int | None = None
    blank_before: bool = False
    closing: bool = False
    """A closing brace or bracket: comments before it sit with the items above it."""
    leading: list[tuple[str, bool]] = field(default_factory=list)
    trailing: list[str] = field(default_factory=list)


class _Formatter:
    def __init__(self, text: str, comments: list[Token]):
        self.text = text
        self.comments = comments

    # -- comments -----------------------------------------------------------------------------
    def _is_trailing(self, comment: Token) -> bool:
        start = comment.start_pos or 0
        line_start = self.text.rfind("\n", 0, start) + 1
        return self.text[line_start:start].strip() != ""

    def _has_comment_inside(self, node: Tree | Token) -> bool:
        start, end = _start(node), _end(node)
        return any(start < (c.start_pos or 0) < end for c in self.comments)

    def _attach(self, lines: list[_Line]) -> list[str]:
        """Place each comment on the output lines, then render them."""
        anchored = sorted((line.anchor, index) for index, line in enumerate(lines)
                          if line.anchor is not None)
        tail: list[str] = []
        for comment in self.comments:
            position = comment.start_pos or 0
            text = str(comment).rstrip()
            if self._is_trailing(comment):
                # The construct written last before it on the source line.
                before = [index for anchor, index in anchored if anchor < position]
                if before:
                    lines[before[-1]].trailing.append(text)
                    continue
            after = [index for anchor, index in anchored if anchor > position]
            if after:
                # A blank line between two comments before the same construct is kept.
                line_start = self.text.rfind("\n", 0, position) + 1
                blank = self.text[:line_start].endswith("\n\n")
                lines[after[0]].leading.append((text, blank))
            else:
                tail.append(text)
        out: list[str] = []
        for line in lines:
            if line.blank_before and out:
                out.append("")
            pad = INDENT * line.indent
            comment_pad = INDENT * (line.indent + 1) if line.closing else pad
            for index, (remark, blank) in enumerate(line.leading):
                if blank and index > 0:
                    out.append("")
                out.append(comment_pad + remark)
            rendered = pad + line.text
            if line.trailing:
                rendered += "  " + " ".join(line.trailing)
            out.append(rendered)
        if tail:
            out.append("")
            out.extend(tail)
        return out

    # -- file ---------------------------------------------------------------------------------
    def format(self, tree: Tree) -> str:
        header, *items = tree.children
        lines = self._header(header)
        previous_simple = False
        for item in items:
            item_lines = self._rule(item) if item.data == "rule" else self._named(item)
            simple = len(item_lines) == 1
            # Term lists and settings on one line each sit together; anything longer stands apart.
            item_lines[0].blank_before = not (simple and previous_simple)
            lines.extend(item_lines)
            previous_simple = simple
        return "\n".join(self._attach(lines)) + "\n"

    def _header(self, header: Tree) -> list[_Line]:
        ruleset_token, ruleset_id, *clauses = header.children
        lines = [_Line(0, f"ruleset {ruleset_id}", _start(ruleset_token))]
        ordered = sorted(clauses, key=lambda c: HEADER_ORDER.index(c.data))
        lines.extend(_Line(1, self._clause(clause), _start(clause)) for clause in ordered)
        return lines

    def _clause(self, clause: Tree) -> str:
        """A clause on one line; text is kept as written, its parts separated by a space."""
        return join(clause)

    def _named(self, item: Tree) -> list[_Line]:
        """A term list or setting: one line, or for a long or commented list one phrase a line."""
        one_line = join(item)
        if item.data != "terms" or (len(one_line) <= LINE_LENGTH and not self._has_comment_inside(item)):
            return [_Line(0, one_line, _start(item))]
        children = [c for c in item.children if c is not None]
        phrases = [c for c in children if isinstance(c, Token) and c.type == "STRING"]
        lines = [_Line(0, join(children[:4]), _start(item))]  # terms NAME = [
        lines.extend(_Line(1, f"{phrase},", _start(phrase)) for phrase in phrases)
        lines.append(_Line(0, "]", _start(children[-1]), closing=True))
        return lines

    # -- rules --------------------------------------------------------------------------------
    def _rule(self, rule: Tree) -> list[_Line]:
        rule_token, rule_id, title, *clauses = rule.children
        lines = [_Line(0, f"rule {rule_id} {join(title)}", _start(rule_token))]

        def slot(clause: Tree) -> int:
            name = "assertion" if clause.data in ("require", "forbid") else clause.data
            return RULE_ORDER.index(name)

        ordered = sorted(clauses, key=slot)
        first_example = True
        for clause in ordered:
            if clause.data == "example":
                example_lines = self._example(clause)
                example_lines[0].blank_before = first_example
                first_example = False
                lines.extend(example_lines)
            else:
                lines.append(_Line(1, self._clause(clause), _start(clause)))
        return lines

    # -- examples -----------------------------------------------------------------------------
    def _example(self, example: Tree) -> list[_Line]:
        *head_parts, body = [c for c in example.children if c is not None]
        head = join(head_parts)
        inline = f"{head} {self._inline(body)}"
        if len(INDENT + inline) <= LINE_LENGTH and not self._has_comment_inside(body):
            return [_Line(1, inline, _start(example))]
        lines = [_Line(1, f"{head} {{", _start(example))]
        lines.extend(self._members(body, 2))
        closing = body.children[-1]
        lines.append(_Line(1, "}", _start(closing), closing=True))
        return lines

    def _members(self, container: Tree, indent: int) -> list[_Line]:
        """Each pair of an object, or each item of a list, on lines of its own."""
        lines: list[_Line] = []
        for member in container.children:
            if isinstance(member, Token):
                continue  # braces, brackets and optional commas
            if member.data == "pair":
                key, _colon, value = member.children
                prefix = f"{join(key)}: "
            else:
                value, prefix = member, ""
            lines.extend(self._value_lines(prefix, value, indent, _start(member)))
        return lines

    def _value_lines(self, prefix: str, value: Tree, indent: int, anchor: int) -> list[_Line]:
        inline = prefix + self._inline(value)
        nested = value.data in ("object", "array")
        if not nested or (len(INDENT * indent + inline) <= LINE_LENGTH
                          and not self._has_comment_inside(value)):
            return [_Line(indent, inline, anchor)]
        opening, closing = str(value.children[0]), value.children[-1]
        lines = [_Line(indent, prefix + opening, anchor)]
        lines.extend(self._members(value, indent + 1))
        lines.append(_Line(indent, str(closing), _start(closing), closing=True))
        return lines

    def _inline(self, value: Tree | Token) -> str:
        """A value on one line: `{ a: 1, b: [1, 2] }`."""
        if isinstance(value, Token):
            return str(value)
        if value.data in ("object", "example_object"):
            pairs = [c for c in value.children if isinstance(c, Tree)]
            if not pairs:
                return "{}"
            inner = ", ".join(f"{join(p.children[0])}: {self._inline(p.children[2])}" for p in pairs)
            return "{ " + inner + " }"
        if value.data == "array":
            items = [c for c in value.children if isinstance(c, Tree)]
            return "[" + ", ".join(self._inline(item) for item in items) + "]"
        return join(value)


def meaning(node: object) -> object:
    """A rule set's syntax tree as plain values, without positions but with examples' data: two
    rule sets mean the same when these are equal."""
    if isinstance(node, ast.Example):
        return ("Example", node.kind, node.name, node.as_of, meaning(node.at), repr(node.data))
    if is_dataclass(node) and not isinstance(node, type):
        return (type(node).__name__,
                *(meaning(getattr(node, f.name)) for f in fields(node) if f.compare))
    if isinstance(node, tuple):
        return tuple(meaning(item) for item in node)
    return node


def format_checked(source: Source) -> str:
    """`format_ruleset`, refusing (AssertionError) any layout that would change the meaning."""
    formatted = format_ruleset(source)
    before = meaning(parse_ruleset(source))
    after = meaning(parse_ruleset(Source(source.name, formatted)))
    if before != after:  # pragma: no cover - a bug in the formatter, never the user's doing
        raise AssertionError(f"{source.name}: formatting would change the rule set's meaning")
    return formatted
