"""Static checks on a parsed rule set: names, fields, functions, types, patterns and examples.

Every problem is collected (none stops the others), each located in the rule-set file.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import re2

from ..errors import Diagnostic, did_you_mean
from ..functions import FunctionSpec
from ..schema import FormInvalid, FormSchema, format_path
from . import ast
from . import types as t
from .source import Source

RESERVED_NAMES = frozenset({"reasons", "as_of"})
_RESERVED_MEANING = {
    "reasons": "{reasons} in a message lists why a rule failed",
    "as_of": "as_of is the date the check is made as of",
}
"""Names with a meaning of their own in messages: `{reasons}` lists why a rule failed."""

_LITERAL_TYPES: dict[str, t.Type] = {
    "text": t.TEXT,
    "number": t.NUMBER,
    "date": t.DATE,
    "datetime": t.DATETIME,
    "bool": t.BOOL,
    "duration": t.DURATION,
}


def pattern_options() -> re2.Options:
    """Rule-set patterns are case-insensitive and run in linear time (RE2)."""
    options = re2.Options()
    options.case_sensitive = False
    options.log_errors = False  # errors are reported as located diagnostics instead
    return options


def _reads_as_of(node: object) -> bool:
    """Whether a rule (or an expression) reads the built-in `as_of` anywhere: its conditions,
    where it points, or a placeholder. (A name bound by `for each` or a quantifier cannot be
    `as_of`: the name is reserved.)"""
    if isinstance(node, ast.Path):
        return node.root == "as_of"
    if isinstance(node, ast.Example):
        return False
    if isinstance(node, tuple | list):
        return any(_reads_as_of(item) for item in node)
    if isinstance(node, ast.Node):
        return any(_reads_as_of(value) for value in vars(node).values()
                   if isinstance(value, ast.Node | tuple | list))
    return False


def literal_type(literal: ast.Literal) -> t.Type:
    return _LITERAL_TYPES.get(literal.kind, t.ANY)


@dataclass
class Names:
    """What a name in an expression can refer to, in one rule set."""

    form: t.RecordType
    settings: dict[str, t.Type] = field(default_factory=dict)
    terms: set[str] = field(default_factory=set)


class Checker:
    def __init__(self, source: Source, schema: FormSchema, functions: Mapping[str, FunctionSpec]):
        self.source = source
        self.schema = schema
        self.functions = functions
        self.diagnostics: list[Diagnostic] = []
        self.names = Names(schema.record)
        self.applies: ast.Expr | None = None

    # -- reporting --------------------------------------------------------------------------
    def error(self, span: ast.Span, message: str, *, expected: str = "",
              suggestion: str = "") -> None:
        self.diagnostics.append(
            self.source.diagnostic(span, message, expected=expected, suggestion=suggestion)
        )

    # -- rule set ---------------------------------------------------------------------------
    def check(self, ruleset: ast.RuleSet) -> list[Diagnostic]:
        self._no_repeats(ruleset.clauses, "the rule set's header")
        form_fields = set(self.names.form.field_names())
        # In file order, so a name given twice is reported where it is given the second time.
        named: list[ast.Terms | ast.Setting] = [*ruleset.terms, *ruleset.settings]
        for item in sorted(named, key=lambda i: i.span.start):
            if isinstance(item, ast.Terms):
                if self._new_name(item.name, item.span, form_fields):
                    self.names.terms.add(item.name)
                if not item.phrases:
                    self.error(item.span, f"term list '{item.name}' is empty",
                               expected="at least one quoted phrase")
            elif self._new_name(item.name, item.span, form_fields):
                self.names.settings[item.name] = literal_type(item.value)
        self.applies = ruleset.applies
        if ruleset.applies is not None:
            self.infer(ruleset.applies, {})
        seen_rules: dict[str, ast.Rule] = {}
        for rule in ruleset.rules:
            if rule.id in seen_rules:
                first = seen_rules[rule.id].id_span.line
                self.error(rule.id_span, f"rule id '{rule.id}' is used twice in this rule set "
                           f"(first at line {first})", expected="a rule id of its own")
            seen_rules.setdefault(rule.id, rule)
            self.check_rule(rule)
        return self.diagnostics

    def _new_name(self, name: str, span: ast.Span, form_fields: set[str]) -> bool:
        if name in form_fields or name in RESERVED_NAMES:
            message = (f"'{name}' is already the name of a form field" if name in form_fields
                       else f"'{name}' is a reserved name ({_RESERVED_MEANING[name]})")
            self.error(span, message, expected="another name for this term list or setting")
            return False
        if name in self.names.terms or name in self.names.settings:
            self.error(span, f"'{name}' is defined twice", expected="a name of its own")
            return False
        return True

    def _no_repeats(self, clauses: Iterable[tuple[str, ast.Span]], where: str) -> None:
        seen: set[str] = set()
        for name, span in clauses:
            if name in seen and name not in ("require", "forbid"):
                word = "for" if name == "scope" else name  # as written: `for each` / `for`
                self.error(span, f"'{word}' is given twice in {where}",
                           expected=f"one '{word}' clause")
            seen.add(name)

    def check_rule(self, rule: ast.Rule) -> None:
        self._no_repeats(rule.clauses, f"rule {rule.id}")
        scope: dict[str, t.Type] = {}
        if rule.scope is not None:
            scope_type = self.infer(rule.scope.path, {})
            if rule.scope.var is not None:
                item: t.Type = t.ANY
                if isinstance(scope_type, t.ListType):
                    item = scope_type.item
                elif scope_type is not t.ANY:
                    self.error(rule.scope.path.span,
                               f"'{rule.scope.path}' is {_a(scope_type)}, not a list",
                               expected="a list such as sections, plan_targets or recommendations")
                # Bound even after an error, so its uses are not reported a second time.
                self._fresh_var(rule.scope.var, rule.scope.span, {})
                scope[rule.scope.var] = item
        if rule.when is not None:
            self.infer(rule.when, scope)
        if not rule.assertions:
            self.error(rule.id_span, f"rule {rule.id} has no 'require' or 'forbid'",
                       expected="at least one 'require CONDITION' or 'forbid CONDITION'")
        for assertion in rule.assertions:
            self.infer(assertion.expr, scope)
        if rule.at is not None:
            self.infer(rule.at, scope)
        if rule.message is None:
            self.error(rule.id_span, f"rule {rule.id} has no message",
                       expected="message \"what is wrong, in plain words\"")
        for template in (rule.message, rule.hint):
            if template is not None:
                for placeholder in template.placeholders:
                    self.infer(placeholder, {**scope, "reasons": t.TEXT})
        dated = (self._written_with_as_of(rule) and _reads_as_of(rule)) or (
            self.applies is not None and _reads_as_of(self.applies))
        for example in rule.examples:
            self.check_example(example)
            if dated and example.as_of is None:
                self.error(example.span, f"rule {rule.id} reads as_of, so this example must say "
                           "the date it is checked as of, or it would depend on the day it runs",
                           expected=f"example {example.kind} as of 2025-06-02 {{ ... }}")

    def _fresh_var(self, name: str, span: ast.Span, scope: Mapping[str, t.Type]) -> bool:
        taken = (name in scope or name in self.names.settings or name in self.names.terms
                 or self.names.form.field(name) is not None or name in RESERVED_NAMES)
        if taken:
            self.error(span, f"'{name}' already names something else here",
                       expected="a name of its own for each item, like 'section' or 'target'")
            return False
        return True

    # -- examples ---------------------------------------------------------------------------
    def _written_with_as_of(self, node: ast.Node) -> bool:
        """Whether the words `as_of` appear in the node's text at all (a quick test that spares
        walking the whole rule when they do not)."""
        span = node.span
        return span.end <= span.start or "as_of" in self.source.text[span.start:span.end]

    def check_example(self, example: ast.Example) -> None:
        try:
            self.schema.validate(example.data)
        except FormInvalid as exc:
            for problem in exc.problems:
                span = self._example_span(example, problem.loc)
                self.error(span, f"this example is not a valid form: "
                           f"{problem.path or 'the form'}: {problem.message}")
        if example.at is not None:
            self._check_form_path(example.at)

    def _example_span(self, example: ast.Example, loc: tuple[str | int, ...]) -> ast.Span:
        for end in range(len(loc), 0, -1):
            span = example.key_spans.get(tuple(loc[:end]))
            if span is not None:
                return span
        return example.span

    def _check_form_path(self, path: ast.Path) -> None:
        current: t.Type = self.names.form
        for index, (part, span) in enumerate(zip(path.parts, path.part_spans, strict=False)):
            current = self._step(current, part, span, format_path(path.parts[:index]))
            if current is t.ANY:
                return

    # -- expressions ------------------------------------------------------------------------
    def infer(self, expr: ast.Expr, scope: Mapping[str, t.Type]) -> t.Type:
        method = getattr(self, "_infer_" + type(expr).__name__)
        result: t.Type = method(expr, scope)
        return result

    def _infer_Literal(self, expr: ast.Literal, scope: Mapping[str, t.Type]) -> t.Type:
        return literal_type(expr)

    def _infer_ListLiteral(self, expr: ast.ListLiteral, scope: Mapping[str, t.Type]) -> t.Type:
        item_types = [self.infer(item, scope) for item in expr.items]
        if not item_types:
            return t.ANY_LIST
        first = item_types[0]
        for item, item_type in zip(expr.items, item_types, strict=True):
            if not t.comparable(first, item_type):
                self.error(item.span, f"a list cannot mix {first} and {item_type}",
                           expected=f"{first} like the first item")
        return t.ListType("list", t.TEXT if isinstance(first, t.TextType) else first)

    def _infer_Path(self, expr: ast.Path, scope: Mapping[str, t.Type]) -> t.Type:
        root = expr.root
        root_span = expr.part_spans[0] if expr.part_spans else expr.span
        if root in scope:
            current = scope[root]
        elif root in self.names.settings:
            current = self.names.settings[root]
        elif root in self.names.terms:
            current = t.TEXT_LIST
        elif root == "as_of":
            current = t.DATE
        else:
            found = self.names.form.field(root)
            if found is None:
                known = [*scope, *self.names.settings, *self.names.terms,
                         *self.names.form.field_names()]
                self.error(root_span, f"unknown name '{root}'",
                           expected="a field of the form (" + ", ".join(
                               self.names.form.field_names()) + "), a setting, a term list "
                           "or a name given by 'for each'",
                           suggestion=did_you_mean(root, known) or "")
                return t.ANY
            current = found
        parts = zip(expr.parts[1:], expr.part_spans[1:], strict=False)
        for index, (part, span) in enumerate(parts, start=1):
            # Name what this part is looked up in (audit.id, not audit, for audit.id.x).
            current = self._step(current, part, span, format_path(expr.parts[:index]))
            if current is t.ANY:
                return t.ANY
        return current

    def _step(self, current: t.Type, part: str | int, span: ast.Span, owner: str) -> t.Type:
        if isinstance(part, int):
            if isinstance(current, t.ListType):
                return current.item
            if current is not t.ANY:
                self.error(span, f"'{owner}' is {_a(current)}, not a list, so it has no [{part}]")
            return t.ANY
        if isinstance(current, t.RecordType):
            found = current.field(part)
            if found is None:
                self.error(span, f"{_record_words(current)} has no field '{part}'",
                           expected="one of: " + ", ".join(current.field_names()),
                           suggestion=did_you_mean(part, current.field_names()) or "")
                return t.ANY
            return found
        if isinstance(current, t.ListType):
            self.error(span, f"'{owner}' is a list; look at its items with 'for each' "
                       "or 'any ... in ... where'", expected="a field of one item, not the list")
            return t.ANY
        if current is not t.ANY:
            self.error(span, f"'{owner}' is {_a(current)} and has no field '{part}'")
        return t.ANY

    def _infer_Call(self, expr: ast.Call, scope: Mapping[str, t.Type]) -> t.Type:
        arg_types = [self.infer(arg, scope) for arg in expr.args]
        spec = self.functions.get(expr.name)
        name_span = ast.Span(expr.span.line, expr.span.column, expr.span.line,
                             expr.span.column + len(expr.name), expr.span.start,
                             expr.span.start + len(expr.name))
        if spec is None:
            known = sorted(self.functions)
            expected = ("one of: " + ", ".join(known) if len(known) <= 8 else
                        f"one of the {len(known)} known functions ('auditrules functions' lists them)")
            self.error(name_span, f"unknown function '{expr.name}'", expected=expected,
                       suggestion=did_you_mean(expr.name, self.functions) or "")
            return t.ANY
        if not spec.min_args <= len(expr.args) <= len(spec.params):
            wanted = (str(spec.min_args) if spec.min_args == len(spec.params)
                      else f"{spec.min_args} to {len(spec.params)}")
            self.error(name_span, f"{expr.name}() takes {wanted} argument"
                       f"{'s' if wanted != '1' else ''} but {len(expr.args)} "
                       f"{'was' if len(expr.args) == 1 else 'were'} given",
                       expected=spec.signature())
            return spec.returns
        for arg, arg_type, param in zip(expr.args, arg_types, spec.params, strict=False):
            if not t.accepts(param.type, arg_type):
                self.error(arg.span, f"{expr.name}() wants {_a(param.type)} for '{param.name}' "
                           f"but this is {_a(arg_type)}", expected=spec.signature())
        return spec.returns

    def _infer_Not(self, expr: ast.Not, scope: Mapping[str, t.Type]) -> t.Type:
        self.infer(expr.operand, scope)
        return t.BOOL

    def _infer_BoolOp(self, expr: ast.BoolOp, scope: Mapping[str, t.Type]) -> t.Type:
        self.infer(expr.left, scope)
        self.infer(expr.right, scope)
        return t.BOOL

    def _infer_Compare(self, expr: ast.Compare, scope: Mapping[str, t.Type]) -> t.Type:
        left = self.infer(expr.left, scope)
        right = self.infer(expr.right, scope)
        if not t.comparable(left, right):
            self.error(expr.span, f"cannot compare {_a(left)} with {_a(right)}",
                       expected=f"{_a(left)} on both sides")
        elif expr.op not in ("==", "!=") and (
            isinstance(left, t.TextType | t.ListType | t.RecordType) or left == t.BOOL
        ):
            self.error(expr.span, f"'{expr.op}' does not apply to {left}",
                       expected="numbers, dates or durations")
        self._check_choice(left, expr.right)
        self._check_choice(right, expr.left)
        return t.BOOL

    def _check_choice(self, field_type: t.Type, other: ast.Expr) -> None:
        """A word compared with a field of set values must be one of them (catches typos)."""
        if not (isinstance(field_type, t.TextType) and field_type.choices):
            return
        literals = other.items if isinstance(other, ast.ListLiteral) else (other,)
        for literal in literals:
            if isinstance(literal, ast.Literal) and literal.kind == "text":
                word = str(literal.value).strip().lower().replace(" ", "_")
                choices = [c.replace(" ", "_") for c in field_type.choices]
                if word not in choices:
                    self.error(literal.span, f"'{literal.value}' is never a value of this field",
                               expected="one of: " + ", ".join(field_type.choices),
                               suggestion=did_you_mean(str(literal.value), field_type.choices)
                               or "")

    def _infer_Membership(self, expr: ast.Membership, scope: Mapping[str, t.Type]) -> t.Type:
        item = self.infer(expr.item, scope)
        container = self.infer(expr.container, scope)
        if isinstance(container, t.ListType):
            if not t.comparable(item, container.item):
                self.error(expr.item.span, f"{_a(item)} is never in {_a(container)}")
            self._check_choice(item, expr.container)
            self._check_choice(container.item, expr.item)
        elif isinstance(container, t.TextType):
            if not t.is_text(item):
                self.error(expr.item.span, f"only text can be found in text, not {_a(item)}")
        elif container is not t.ANY:
            self.error(expr.container.span, f"'in' needs a list or text, not {_a(container)}")
        return t.BOOL

    def _infer_IsEmpty(self, expr: ast.IsEmpty, scope: Mapping[str, t.Type]) -> t.Type:
        self.infer(expr.operand, scope)
        return t.BOOL

    def _infer_Matches(self, expr: ast.Matches, scope: Mapping[str, t.Type]) -> t.Type:
        operand = self.infer(expr.operand, scope)
        if not (t.is_text(operand) or operand == t.TEXT_LIST):
            self.error(expr.operand.span, f"'matches' needs text, not {_a(operand)}")
        try:
            re2.compile(expr.pattern, pattern_options())
        except re2.error as exc:
            raw = exc.args[0] if exc.args else b""
            detail = (raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)) or (
                "the pattern is not valid")
            self.error(expr.pattern_span, f"this pattern cannot be used: {detail}",
                       expected="a pattern without look-arounds or back-references "
                       "(patterns must run in linear time)")
        return t.BOOL

    def _infer_Contains(self, expr: ast.Contains, scope: Mapping[str, t.Type]) -> t.Type:
        operand = self.infer(expr.operand, scope)
        needle = self.infer(expr.needle, scope)
        if not (t.is_text(operand) or isinstance(operand, t.ListType)):
            self.error(expr.operand.span, f"'contains' needs text or a list, not {_a(operand)}")
        if expr.mode == "one":
            if not (t.is_text(needle) or (isinstance(operand, t.ListType)
                                          and t.comparable(operand.item, needle))):
                self.error(expr.needle.span, f"'contains' looks for text, not {_a(needle)}")
        elif not (isinstance(needle, t.ListType) and t.is_text(needle.item)) and needle is not t.ANY:
            self.error(expr.needle.span, f"'contains {expr.mode} of' needs a list of phrases, "
                       f"not {_a(needle)}", expected="a term list or a list like [\"a\", \"b\"]")
        return t.BOOL

    def _infer_Arith(self, expr: ast.Arith, scope: Mapping[str, t.Type]) -> t.Type:
        left = self.infer(expr.left, scope)
        right = self.infer(expr.right, scope)
        if t.ANY in (left, right):
            return t.ANY
        if t.is_dateish(left) and right == t.DURATION:
            return left
        if expr.op == "+" and left == t.DURATION and t.is_dateish(right):
            return right
        if left == right == t.NUMBER:
            return t.NUMBER
        if expr.op == "-" and t.is_dateish(left) and t.is_dateish(right):
            return t.NUMBER
        self.error(expr.span, f"cannot {'add' if expr.op == '+' else 'subtract'} {_a(right)} "
                   f"{'to' if expr.op == '+' else 'from'} {_a(left)}",
                   expected="a date and a duration (audit.date + 15 working days), "
                   "two dates, or two numbers")
        return t.ANY

    def _infer_Count(self, expr: ast.Count, scope: Mapping[str, t.Type]) -> t.Type:
        operand = self.infer(expr.operand, scope)
        if not isinstance(operand, t.ListType) and operand is not t.ANY:
            self.error(expr.operand.span, f"count() needs a list, not {_a(operand)}",
                       expected="a list, or words(text) to count words")
        return t.NUMBER

    def _infer_Quantified(self, expr: ast.Quantified, scope: Mapping[str, t.Type]) -> t.Type:
        source = self.infer(expr.source, scope)
        item: t.Type = t.ANY
        if isinstance(source, t.ListType):
            item = source.item
        elif source is not t.ANY:
            self.error(expr.source.span, f"'{expr.kind}' needs a list, not {_a(source)}")
        self._fresh_var(expr.var, expr.var_span, scope)
        inner = {**scope, expr.var: item}  # bound even when taken, so uses are not reported too
        self.infer(expr.body, inner)
        return t.NUMBER if expr.kind == "count" else t.BOOL


def _record_words(record: t.RecordType) -> str:
    """'plan_target' -> 'a plan target'; the whole form reads 'the form'."""
    if record.name == "form":
        return "the form"
    words = record.name.replace("_", " ")
    return ("an " if words[0] in "aeiou" else "a ") + words


def _a(type_: t.Type) -> str:
    name = str(type_)
    if isinstance(type_, t.TextType) and type_.choices:
        name = "word (" + " | ".join(type_.choices) + ")"
    if type_ is t.ANY:
        return "anything"
    if isinstance(type_, t.RecordType):
        return f"{'an' if name[0] in 'aeiou' else 'a'} {name} (a block of fields)"
    return ("an " if name[0] in "aeiou" else "a ") + name
