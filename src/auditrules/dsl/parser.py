"""Parse rule-set text into the syntax tree, with located, plain-English syntax errors."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from lark import Lark, Token, Transformer, Tree, v_args
from lark.exceptions import (
    UnexpectedCharacters,
    UnexpectedEOF,
    UnexpectedInput,
    UnexpectedToken,
    VisitError,
)

from ..errors import Diagnostic, did_you_mean
from ..patterns import compiled
from . import ast
from .source import Source, SyntaxProblem

# What a reader should see instead of the grammar's terminal names.
_TOKEN_WORDS = {
    "STRING": "quoted text",
    "LONG_STRING": "quoted text",
    "NAME": "a name",
    "NUMBER": "a number",
    "SIGNED_NUMBER": "a number",
    "INT": "a whole number",
    "DATE": "a date (YYYY-MM-DD)",
    "DATETIME": "a date and time",
    "RULE_ID": "a rule id",
    "RULESET_ID": "a rule-set id",
    "TAG": "a tag",
    "SEVERITY": "error, warning or info",
    "EXAMPLE_KIND": "pass or fail",
    "WORKING": "'working'",
    "UNIT": "days, weeks, months or years",
    "COMPARE": "a comparison (==, !=, <, <=, >, >=)",
    "PATTERN": "a /pattern/",
    "LPAR": "'('",
    "RPAR": "')'",
    "LSQB": "'['",
    "RSQB": "']'",
    "LBRACE": "'{'",
    "RBRACE": "'}'",
    "COMMA": "','",
    "COLON": "':'",
    "DOT": "'.'",
    "EQUAL": "'='",
    "PLUS": "'+'",
    "MINUS": "'-'",
    "$END": "the end of the file",
}


@cache
def _parser() -> Lark:
    grammar = resources.files("auditrules.dsl").joinpath("grammar.lark").read_text("utf-8")
    return Lark(
        grammar,
        parser="lalr",
        lexer="contextual",
        propagate_positions=True,
        maybe_placeholders=True,
        start=["start", "expr", "setting_value"],
    )


def parse_ruleset(source: Source) -> ast.RuleSet:
    """Parse a whole rule-set file. Raises SyntaxProblem at the first syntax error."""
    tree = _parse(source, source.text, "start")
    return _build(_Builder(source), tree)


def parse_expression(source: Source, text: str, offset: ast.Span) -> ast.Expr:
    """Parse an expression found inside a message placeholder at `offset` in `source`."""
    try:
        tree = _expression_tree(text)
    except UnexpectedInput as exc:
        span = ast.Span(offset.line, offset.column + max(0, exc.column - 1), offset.line,
                        offset.column + exc.column, 0, 0)
        raise SyntaxProblem(
            source.diagnostic(span, f"this placeholder is not an expression: {{{text}}}",
                              expected="a field path, setting or function call, like {section.name}")
        ) from None
    return _build(_Builder(source, offset), tree)


@lru_cache(maxsize=4096)
def _expression_tree(text: str) -> Tree:
    """Lark's tree for a placeholder's text. The same placeholders recur in many messages, and
    the tree does not depend on where the text sits (the builder adds that), so it is kept."""
    return _parser().parse(text, start="expr")


def parse_setting_value(text: str) -> ast.Literal:
    """Parse a setting value given on the command line or in a config file."""
    source = Source("<setting>", text)
    tree = _parse(source, text, "setting_value")
    result = _build(_Builder(source), tree)
    assert isinstance(result, ast.Literal)
    return result


def _build(builder: _Builder, tree: Tree) -> Any:
    """Run the builder; lark wraps what a callback raises in VisitError, so unwrap ours."""
    try:
        return builder.transform(tree)
    except VisitError as exc:
        cause: BaseException = exc
        while isinstance(cause, VisitError):
            cause = cause.orig_exc
        if isinstance(cause, SyntaxProblem):
            raise cause from None
        raise


def _parse(source: Source, text: str, start: str) -> Tree:
    try:
        return _parser().parse(text, start=start)
    except UnexpectedInput as exc:
        raise SyntaxProblem(_syntax_diagnostic(source, exc)) from None


def _syntax_diagnostic(source: Source, exc: UnexpectedInput) -> Diagnostic:
    line = getattr(exc, "line", 1) or 1
    column = getattr(exc, "column", 1) or 1
    expected_names: set[str] = set()
    expected = ""
    if isinstance(exc, UnexpectedToken):
        token = exc.token
        expected_names = set(exc.accepts or exc.expected)
        if token.type == "$END":
            lines = source.text.splitlines() or [""]
            line, column = len(lines), len(lines[-1]) + 1
            message = "unexpected end of the file"
        else:
            message = f"unexpected '{token}'"
        width = len(str(token)) if token.type != "$END" else 1
    elif isinstance(exc, UnexpectedCharacters):
        expected_names = set(exc.allowed or ())
        position = exc.pos_in_stream or 0
        char = source.text[position] if position < len(source.text) else ""
        message = f"unexpected character '{char}'"
        if char == '"':
            message = "text starts here but its closing quote is missing on this line"
            pos = exc.pos_in_stream or 0
            if pos >= 2 and source.text.startswith('"""', pos - 2):
                # The lexer read the first two quotes as empty text; point at the first.
                column = max(1, column - 2)
                message = 'long text starts here but its closing """ is missing'
                expected = '""" after the last line of the text'
        width = 1
    elif isinstance(exc, UnexpectedEOF):
        expected_names = set(exc.expected)
        lines = source.text.splitlines() or [""]
        line, column = len(lines), len(lines[-1]) + 1
        message = "the file ends too soon"
        width = 1
    else:  # pragma: no cover - lark raises only the three above
        message, width = str(exc), 1
    expected = expected or _describe_expected(expected_names)
    diagnostic = Diagnostic(
        file=source.name,
        line=line,
        column=column,
        message=message,
        source_line=source.line(line),
        expected=expected,
        width=width,
    )
    return _common_mistake(source, exc, diagnostic, expected_names) or diagnostic


_CLAUSE_WORDS = frozenset({"severity", "for", "when", "require", "forbid", "at", "message", "hint",
                           "reference", "tags", "example", "rule", "terms", "setting"})
_WORD_BEFORE = compiled(r"([A-Za-z_]+)\s*$")


def _keywords(names: set[str]) -> list[str]:
    """The words a reader could have meant, from the terminals the parser expected."""
    words: list[str] = []
    for name in names:
        if name.startswith("$"):
            continue
        pattern = _parser().get_terminal(name).pattern
        if pattern.type == "str":
            words.append(pattern.value)
        elif name in ("SEVERITY", "EXAMPLE_KIND", "UNIT"):
            words.extend(re.findall(r"[a-z]+", pattern.value))
    return words


def _offset_to_line_column(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _common_mistake(source: Source, exc: UnexpectedInput, diagnostic: Diagnostic,
                    expected_names: set[str]) -> Diagnostic | None:
    """Plainer words for the mistakes people make most, where the grammar's own are unclear."""
    position = getattr(exc, "pos_in_stream", None)
    if isinstance(exc, UnexpectedToken) and exc.token.type != "$END":
        position = exc.token.start_pos
    if position is None:
        return None
    before = source.text[:position]
    found = source.text[position:position + 1]
    # `require a and` with nothing after it: the next clause's keyword was read as a field name.
    last = _WORD_BEFORE.search(before)
    if last and last.group(1) in _CLAUSE_WORDS:
        earlier = _WORD_BEFORE.search(before[: last.start()])
        if earlier and earlier.group(1) in ("and", "or", "not"):
            line, column = _offset_to_line_column(source.text, earlier.start(1))
            return replace(diagnostic, line=line, column=column, source_line=source.line(line),
                           width=len(earlier.group(1)),
                           message=f"the condition ends with '{earlier.group(1)}' and nothing after it",
                           expected=f"a condition after '{earlier.group(1)}', or remove it")
    if found == "=" and not source.text.startswith("==", position):
        return replace(diagnostic, message="unexpected '='", expected="'==' to compare two values")
    if found == "'":
        return replace(diagnostic, message="text is written in double quotes, not single quotes",
                       expected='"text like this"')
    missing_of = re.search(r"\bcontains\s+(any|all|none)\s+(\w+)\s*$", before)
    if expected_names == {"IN"} and missing_of:
        line, column = _offset_to_line_column(source.text, missing_of.start(2))
        return replace(diagnostic, line=line, column=column, source_line=source.line(line),
                       width=len(missing_of.group(2)),
                       message=f"'contains {missing_of.group(1)}' needs 'of' before the list",
                       expected=f"contains {missing_of.group(1)} of {missing_of.group(2)}")
    word = re.match(r"[A-Za-z_]+", source.text[position:])
    keywords = _keywords(expected_names)
    if word and keywords:
        suggestion = did_you_mean(word.group(0), [k for k in keywords if k.isalpha()])
        if suggestion and suggestion != word.group(0):
            return replace(diagnostic, suggestion=suggestion)
    return None


def _describe_expected(names: set[str]) -> str:
    words: set[str] = set()
    for name in names:
        if name in _TOKEN_WORDS:
            words.add(_TOKEN_WORDS[name])
            continue
        pattern = _parser().get_terminal(name).pattern
        if pattern.type == "str":
            words.add(f"'{pattern.value}'")
        else:
            words.add(name.lower())
    if not words:
        return ""
    ordered = sorted(words, key=lambda w: (not w.startswith("'"), w))
    if len(ordered) > 12:
        ordered = [*ordered[:12], "..."]
    return "one of: " + ", ".join(ordered)


def _unquote(token: Token) -> str:
    raw = str(token)
    body = raw[3:-3] if raw.startswith('"""') else raw[1:-1]
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), body)


_PLACEHOLDER = compiled(r"\{\{|\}\}|\{([^{}]*)\}")


class _Builder(Transformer):
    """Turns Lark's parse tree into frozen AST nodes, keeping positions."""

    def __init__(self, source: Source, offset: ast.Span | None = None):
        super().__init__(visit_tokens=False)
        self.source = source
        self.offset = offset

    # -- positions --------------------------------------------------------------------------
    def _span(self, meta_or_token: Any) -> ast.Span:
        if isinstance(meta_or_token, Token):
            item = meta_or_token
            span = ast.Span(item.line or 1, item.column or 1, item.end_line or item.line or 1,
                            item.end_column or item.column or 1, item.start_pos or 0,
                            item.end_pos or 0)
        else:
            meta = meta_or_token
            if getattr(meta, "empty", True):
                return ast.NOWHERE
            span = ast.Span(meta.line, meta.column, meta.end_line, meta.end_column,
                            meta.start_pos, meta.end_pos)
        if self.offset is not None:
            # Placeholder expressions are parsed alone; move them to where they sit in the file.
            span = ast.Span(self.offset.line, self.offset.column + span.column - 1,
                            self.offset.line, self.offset.column + span.end_column - 1,
                            self.offset.start + span.start, self.offset.start + span.end)
        return span

    # -- file structure ---------------------------------------------------------------------
    @v_args(meta=True)
    def start(self, meta: Any, children: list[Any]) -> ast.RuleSet:
        header, *items = children
        ruleset_id, clauses = header
        fields: dict[str, Any] = {}
        seen: list[tuple[str, ast.Span]] = []
        for name, value, span in clauses:
            seen.append((name, span))
            fields[name] = value
        return ast.RuleSet(
            span=self._span(meta),
            id=str(ruleset_id),
            version=fields.get("version", "0"),
            title=fields.get("title", ""),
            description=fields.get("description", ""),
            reference=fields.get("reference", ""),
            applies=fields.get("applies"),
            terms=tuple(i for i in items if isinstance(i, ast.Terms)),
            settings=tuple(i for i in items if isinstance(i, ast.Setting)),
            rules=tuple(i for i in items if isinstance(i, ast.Rule)),
            clauses=tuple(seen),
        )

    def header(self, children: list[Any]) -> tuple[Token, list[Any]]:
        return children[0], children[1:]

    @v_args(meta=True)
    def version(self, meta: Any, children: list[Any]) -> tuple[str, str, ast.Span]:
        return ("version", _unquote(children[0]), self._span(meta))

    @v_args(meta=True)
    def title(self, meta: Any, children: list[Any]) -> tuple[str, Any, ast.Span]:
        return ("title", self._plain(children[0]), self._span(meta))

    @v_args(meta=True)
    def description(self, meta: Any, children: list[Any]) -> tuple[str, Any, ast.Span]:
        return ("description", self._plain(children[0]), self._span(meta))

    @v_args(meta=True)
    def reference(self, meta: Any, children: list[Any]) -> tuple[str, Any, ast.Span]:
        return ("reference", self._plain(children[0]), self._span(meta))

    @v_args(meta=True)
    def applies_all(self, meta: Any, children: list[Any]) -> tuple[str, Any, ast.Span]:
        return ("applies", None, self._span(meta))

    @v_args(meta=True)
    def applies_when(self, meta: Any, children: list[Any]) -> tuple[str, Any, ast.Span]:
        return ("applies", children[0], self._span(meta))

    @v_args(meta=True)
    def terms(self, meta: Any, children: list[Any]) -> ast.Terms:
        name, *phrases = children
        return ast.Terms(self._span(meta), str(name),
                         tuple(_unquote(p) for p in phrases if p is not None))

    @v_args(meta=True)
    def setting(self, meta: Any, children: list[Any]) -> ast.Setting:
        return ast.Setting(self._span(name_token := children[0]), str(name_token), children[1])

    def _plain(self, text: _Text | str) -> str:
        """Text where braces have no meaning (titles, references): kept as written."""
        if isinstance(text, _Text):
            return "".join(_unquote(token) for token in text.tokens)
        return text

    # -- rules ------------------------------------------------------------------------------
    @v_args(meta=True)
    def rule(self, meta: Any, children: list[Any]) -> ast.Rule:
        rule_id, title, *clauses = children
        fields: dict[str, Any] = {}
        assertions: list[ast.Assertion] = []
        examples: list[ast.Example] = []
        seen: list[tuple[str, ast.Span]] = []
        for clause in clauses:
            if isinstance(clause, ast.Example):
                examples.append(clause)
                continue
            name, value, span = clause
            seen.append((name, span))
            if name in ("require", "forbid"):
                assertions.append(ast.Assertion(span, name, value))
            else:
                fields[name] = value
        return ast.Rule(
            span=self._span(meta),
            id=str(rule_id),
            id_span=self._span(rule_id),
            title=self._plain(title),
            severity=fields.get("severity", "warning"),
            scope=fields.get("scope"),
            when=fields.get("when"),
            assertions=tuple(assertions),
            at=fields.get("at"),
            message=fields.get("message"),
            hint=fields.get("hint"),
            reference=self._plain(fields.get("reference", "")),
            tags=tuple(fields.get("tags", ())),
            examples=tuple(examples),
            clauses=tuple(seen),
        )

    def _clause(name: str) -> Any:  # type: ignore[misc]
        @v_args(meta=True)
        def build(self: _Builder, meta: Any, children: list[Any]) -> tuple[str, Any, ast.Span]:
            return (name, children[0], self._span(meta))

        return build

    when = _clause("when")
    require = _clause("require")
    forbid = _clause("forbid")
    at = _clause("at")
    @v_args(meta=True)
    def message(self, meta: Any, children: list[Any]) -> tuple[str, Any, ast.Span]:
        return ("message", self._template(children[0]), self._span(meta))

    @v_args(meta=True)
    def hint(self, meta: Any, children: list[Any]) -> tuple[str, Any, ast.Span]:
        return ("hint", self._template(children[0]), self._span(meta))

    @v_args(meta=True)
    def severity(self, meta: Any, children: list[Any]) -> tuple[str, Any, ast.Span]:
        return ("severity", str(children[0]), self._span(meta))

    @v_args(meta=True)
    def tags(self, meta: Any, children: list[Any]) -> tuple[str, Any, ast.Span]:
        return ("tags", tuple(str(c) for c in children), self._span(meta))

    @v_args(meta=True)
    def scope_each(self, meta: Any, children: list[Any]) -> tuple[str, Any, ast.Span]:
        var, path = children
        return ("scope", ast.Scope(self._span(meta), path, str(var)), self._span(meta))

    @v_args(meta=True)
    def scope_field(self, meta: Any, children: list[Any]) -> tuple[str, Any, ast.Span]:
        return ("scope", ast.Scope(self._span(meta), children[0], None), self._span(meta))

    @v_args(meta=True)
    def text(self, meta: Any, children: list[Token]) -> _Text:
        return _Text(tuple(children), self._span(meta))

    def _template(self, text: _Text) -> ast.Template:
        """Messages and hints: text with `{expression}` placeholders."""
        parts: list[str | ast.Expr] = []
        for token in text.tokens:
            parts.extend(self._template_parts(token))
        merged: list[str | ast.Expr] = []
        for part in parts:
            if merged and isinstance(part, str) and isinstance(merged[-1], str):
                merged[-1] += part
            else:
                merged.append(part)
        return ast.Template(text.span, tuple(merged))

    def _template_parts(self, token: Token) -> list[str | ast.Expr]:
        raw = str(token)
        quote = 3 if raw.startswith('"""') else 1
        body = raw[quote:-quote]
        parts: list[str | ast.Expr] = []
        last = 0
        for match in _PLACEHOLDER.finditer(body):
            parts.append(_unquote(Token("STRING", '"' + body[last : match.start()] + '"')))
            last = match.end()
            if match.group(0) in ("{{", "}}"):
                parts.append(match.group(0)[0])
                continue
            inner = match.group(1)
            before = raw[: quote + match.start() + 1]
            line = (token.line or 1) + before.count("\n")
            column = (len(before) - before.rfind("\n")) if "\n" in before else (
                (token.column or 1) + len(before))
            start = (token.start_pos or 0) + len(before)
            offset = ast.Span(line, column, line, column + len(inner), start, start + len(inner))
            if not inner.strip():
                raise SyntaxProblem(self.source.diagnostic(
                    offset, "empty placeholder {}",
                    expected="a field path inside the braces, like {section.name}; "
                             "write {{ for a brace"))
            parts.append(parse_expression(self.source, inner, offset))
        parts.append(_unquote(Token("STRING", '"' + body[last:] + '"')))
        return [p for p in parts if p != ""]

    # -- examples ---------------------------------------------------------------------------
    @v_args(meta=True)
    def example(self, meta: Any, children: list[Any]) -> ast.Example:
        kind, name, as_of, at, obj = children
        spans: dict[tuple[str | int, ...], ast.Span] = {}
        data = self._fragment(obj, (), spans)
        return ast.Example(self._span(meta), str(kind), _unquote(name) if name else None,
                           at, data, spans, as_of)

    @v_args(meta=True)
    def example_as_of(self, meta: Any, children: list[Token]) -> dt.date:
        value: dt.date = self.date(meta, children).value
        return value

    @v_args(meta=True)
    def example_path(self, meta: Any, children: list[Token]) -> ast.Path:
        return self._path(meta, children)

    def _fragment(self, value: Any, loc: tuple[str | int, ...],
                  spans: dict[tuple[str | int, ...], ast.Span]) -> Any:
        if isinstance(value, _Object):
            result: dict[str, Any] = {}
            for key, key_span, item in value.pairs:
                spans[(*loc, key)] = key_span
                result[key] = self._fragment(item, (*loc, key), spans)
            return result
        if isinstance(value, _Array):
            items = []
            for index, (item_span, item) in enumerate(value.items):
                spans[(*loc, index)] = item_span
                items.append(self._fragment(item, (*loc, index), spans))
            return items
        return value.value if isinstance(value, ast.Literal) else value

    @v_args(meta=True)
    def object(self, meta: Any, children: list[Any]) -> _Object:
        return _Object(self._span(meta), tuple(children))

    example_object = object

    def pair(self, children: list[Any]) -> tuple[str, ast.Span, Any]:
        key_token, value = children
        return (key_token[0], key_token[1], value)

    def key(self, children: list[Token]) -> tuple[str, ast.Span]:
        token = children[0]
        name = _unquote(token) if token.type == "STRING" else str(token)
        return (name, self._span(token))

    @v_args(meta=True)
    def array(self, meta: Any, children: list[Any]) -> _Array:
        # Each item is located where it is written, not where the list starts.
        return _Array(self._span(meta), tuple((c.span, c) for c in children))

    @v_args(meta=True)
    def null(self, meta: Any, children: list[Any]) -> ast.Literal:
        return ast.Literal(self._span(meta), None, "null")

    # -- expressions ------------------------------------------------------------------------
    @v_args(meta=True)
    def string(self, meta: Any, children: list[Token]) -> ast.Literal:
        return ast.Literal(self._span(meta), _unquote(children[0]), "text")

    @v_args(meta=True)
    def number(self, meta: Any, children: list[Token]) -> ast.Literal:
        raw = str(children[0])
        value: float | int = float(raw) if "." in raw else int(raw)
        return ast.Literal(self._span(meta), value, "number")

    @v_args(meta=True)
    def date(self, meta: Any, children: list[Token]) -> ast.Literal:
        try:
            value = dt.date.fromisoformat(str(children[0]))
        except ValueError:
            raise SyntaxProblem(self.source.diagnostic(
                self._span(meta), f"'{children[0]}' is not a real date",
                expected="a date written YYYY-MM-DD")) from None
        return ast.Literal(self._span(meta), value, "date")

    @v_args(meta=True)
    def datetime(self, meta: Any, children: list[Token]) -> ast.Literal:
        try:
            value = dt.datetime.fromisoformat(str(children[0]))
        except ValueError:
            raise SyntaxProblem(self.source.diagnostic(
                self._span(meta), f"'{children[0]}' is not a real date and time",
                expected="a date and time written YYYY-MM-DDTHH:MM")) from None
        return ast.Literal(self._span(meta), value, "datetime")

    @v_args(meta=True)
    def duration(self, meta: Any, children: list[Any]) -> ast.Literal:
        amount, working, unit = children
        raw = str(amount)
        number = float(raw) if "." in raw else int(raw)
        value = ast.Duration(number, str(unit).rstrip("s"), working is not None)
        if value.working and value.unit != "day":
            raise SyntaxProblem(self.source.diagnostic(
                self._span(meta), "only days can be working days",
                expected="a number of working days, like '15 working days'"))
        return ast.Literal(self._span(meta), value, "duration")

    @v_args(meta=True)
    def true(self, meta: Any, children: list[Any]) -> ast.Literal:
        return ast.Literal(self._span(meta), True, "bool")

    @v_args(meta=True)
    def false(self, meta: Any, children: list[Any]) -> ast.Literal:
        return ast.Literal(self._span(meta), False, "bool")

    @v_args(meta=True)
    def list_literal(self, meta: Any, children: list[Any]) -> ast.ListLiteral:
        return ast.ListLiteral(self._span(meta), tuple(c for c in children if c is not None))

    @v_args(meta=True)
    def path(self, meta: Any, children: list[Token]) -> ast.Path:
        return self._path(meta, children)

    def _path(self, meta: Any, children: list[Token]) -> ast.Path:
        parts = tuple(int(c) if c.type == "INT" else str(c) for c in children)
        spans = tuple(self._span(c) for c in children)
        return ast.Path(self._span(meta), parts, spans)

    @v_args(meta=True)
    def call(self, meta: Any, children: list[Any]) -> ast.Call:
        name, *args = children
        return ast.Call(self._span(meta), str(name), tuple(a for a in args if a is not None))

    @v_args(meta=True)
    def count(self, meta: Any, children: list[Any]) -> ast.Count:
        return ast.Count(self._span(meta), children[0])

    def _quantifier(kind: str) -> Any:  # type: ignore[misc]
        @v_args(meta=True)
        def build(self: _Builder, meta: Any, children: list[Any]) -> ast.Quantified:
            var, source, body = children
            return ast.Quantified(self._span(meta), kind, str(var), source, body, self._span(var))

        return build

    any_ = _quantifier("any")
    all_ = _quantifier("all")
    no_ = _quantifier("no")

    @v_args(meta=True)
    def count_where(self, meta: Any, children: list[Any]) -> ast.Quantified:
        var, source, body = children
        return ast.Quantified(self._span(meta), "count", str(var), source, body, self._span(var))

    @v_args(meta=True)
    def or_(self, meta: Any, children: list[Any]) -> ast.BoolOp:
        return ast.BoolOp(self._span(meta), "or", children[0], children[1])

    @v_args(meta=True)
    def and_(self, meta: Any, children: list[Any]) -> ast.BoolOp:
        return ast.BoolOp(self._span(meta), "and", children[0], children[1])

    @v_args(meta=True)
    def not_(self, meta: Any, children: list[Any]) -> ast.Not:
        return ast.Not(self._span(meta), children[0])

    @v_args(meta=True)
    def compare(self, meta: Any, children: list[Any]) -> ast.Compare:
        left, op, right = children
        return ast.Compare(self._span(meta), str(op), left, right)

    @v_args(meta=True)
    def in_(self, meta: Any, children: list[Any]) -> ast.Membership:
        return ast.Membership(self._span(meta), children[0], children[1], False)

    @v_args(meta=True)
    def not_in(self, meta: Any, children: list[Any]) -> ast.Membership:
        return ast.Membership(self._span(meta), children[0], children[1], True)

    @v_args(meta=True)
    def is_empty(self, meta: Any, children: list[Any]) -> ast.IsEmpty:
        return ast.IsEmpty(self._span(meta), children[0], False)

    @v_args(meta=True)
    def is_not_empty(self, meta: Any, children: list[Any]) -> ast.IsEmpty:
        return ast.IsEmpty(self._span(meta), children[0], True)

    @v_args(meta=True)
    def matches(self, meta: Any, children: list[Any]) -> ast.Matches:
        operand, pattern = children
        body = str(pattern)[1:-1].replace("\\/", "/")
        return ast.Matches(self._span(meta), operand, body, self._span(pattern))

    def _contains(mode: str) -> Any:  # type: ignore[misc]
        @v_args(meta=True)
        def build(self: _Builder, meta: Any, children: list[Any]) -> ast.Contains:
            return ast.Contains(self._span(meta), children[0], children[1], mode)

        return build

    contains = _contains("one")
    contains_any = _contains("any")
    contains_all = _contains("all")
    contains_none = _contains("none")

    @v_args(meta=True)
    def add(self, meta: Any, children: list[Any]) -> ast.Arith:
        return ast.Arith(self._span(meta), "+", children[0], children[1])

    @v_args(meta=True)
    def subtract(self, meta: Any, children: list[Any]) -> ast.Arith:
        return ast.Arith(self._span(meta), "-", children[0], children[1])


@dataclass(frozen=True)
class _Text:
    tokens: tuple[Token, ...]
    span: ast.Span


@dataclass(frozen=True)
class _Object:
    span: ast.Span
    pairs: tuple[tuple[str, ast.Span, Any], ...]


@dataclass(frozen=True)
class _Array:
    span: ast.Span
    items: tuple[tuple[ast.Span, Any], ...]
