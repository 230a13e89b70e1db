"""The rule language's syntax tree: frozen dataclasses that keep where each part was written."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Span:
    line: int
    column: int
    end_line: int
    end_column: int
    start: int = 0
    end: int = 0


NOWHERE = Span(1, 1, 1, 1)


@dataclass(frozen=True)
class Node:
    span: Span = field(compare=False)


# ---- expressions --------------------------------------------------------------------------


@dataclass(frozen=True)
class Expr(Node):
    pass


@dataclass(frozen=True)
class Duration:
    amount: float
    unit: str  # day | week | month | year
    working: bool = False

    def __str__(self) -> str:
        amount = int(self.amount) if float(self.amount).is_integer() else self.amount
        unit = self.unit + ("s" if amount != 1 else "")
        return f"{amount} {'working ' if self.working else ''}{unit}"


@dataclass(frozen=True)
class Literal(Expr):
    value: Any
    kind: str  # text | number | date | datetime | bool | duration


@dataclass(frozen=True)
class ListLiteral(Expr):
    items: tuple[Expr, ...]


@dataclass(frozen=True)
class Path(Expr):
    parts: tuple[str | int, ...]
    part_spans: tuple[Span, ...] = field(compare=False, default=())

    @property
    def root(self) -> str:
        return str(self.parts[0])

    def __str__(self) -> str:
        text = str(self.parts[0])
        for part in self.parts[1:]:
            text += f"[{part}]" if isinstance(part, int) else f".{part}"
        return text


@dataclass(frozen=True)
class Call(Expr):
    name: str
    args: tuple[Expr, ...]


@dataclass(frozen=True)
class Not(Expr):
    operand: Expr


@dataclass(frozen=True)
class BoolOp(Expr):
    op: str  # and | or
    left: Expr
    right: Expr


@dataclass(frozen=True)
class Compare(Expr):
    op: str  # == != < <= > >=
    left: Expr
    right: Expr


@dataclass(frozen=True)
class Membership(Expr):
    item: Expr
    container: Expr
    negated: bool = False


@dataclass(frozen=True)
class IsEmpty(Expr):
    operand: Expr
    negated: bool = False


@dataclass(frozen=True)
class Matches(Expr):
    operand: Expr
    pattern: str
    pattern_span: Span = field(compare=False, default=NOWHERE)


@dataclass(frozen=True)
class Contains(Expr):
    operand: Expr
    needle: Expr
    mode: str  # one | any | all | none


@dataclass(frozen=True)
class Arith(Expr):
    op: str  # + -
    left: Expr
    right: Expr


@dataclass(frozen=True)
class Count(Expr):
    operand: Expr


@dataclass(frozen=True)
class Quantified(Expr):
    kind: str  # any | all | no | count
    var: str
    source: Expr
    body: Expr
    var_span: Span = field(compare=False, default=NOWHERE)


# ---- rule sets ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Template(Node):
    """A message, hint or title: text with `{expression}` placeholders."""

    parts: tuple[str | Expr, ...]

    @property
    def placeholders(self) -> tuple[Expr, ...]:
        return tuple(part for part in self.parts if isinstance(part, Expr))

    def plain(self) -> str:
        return "".join(part if isinstance(part, str) else "{…}" for part in self.parts)


@dataclass(frozen=True)
class Terms(Node):
    name: str
    phrases: tuple[str, ...]


@dataclass(frozen=True)
class Setting(Node):
    name: str
    value: Literal


@dataclass(frozen=True)
class Scope(Node):
    """`for each VAR in PATH` (var set) or `for PATH` (a single field)."""

    path: Path
    var: str | None = None


@dataclass(frozen=True)
class Assertion(Node):
    kind: str  # require | forbid
    expr: Expr


@dataclass(frozen=True)
class Example(Node):
    kind: str  # pass | fail
    name: str | None
    at: Path | None
    data: dict[str, Any] = field(compare=False, hash=False)
    key_spans: dict[tuple[str | int, ...], Span] = field(compare=False, hash=False, repr=False)
    as_of: dt.date | None = None
    """The date the example is checked as of (`example pass as of 2025-06-02 { ... }`)."""

    def describe(self, index: int) -> str:
        label = f"example {index} ({self.kind}"
        return label + (f", '{self.name}')" if self.name else ")")


@dataclass(frozen=True)
class Rule(Node):
    id: str
    title: str
    id_span: Span = field(compare=False, default=NOWHERE)
    severity: str = "warning"
    scope: Scope | None = None
    when: Expr | None = None
    assertions: tuple[Assertion, ...] = ()
    at: Path | None = None
    message: Template | None = None
    hint: Template | None = None
    reference: str = ""
    tags: tuple[str, ...] = ()
    examples: tuple[Example, ...] = ()
    clauses: tuple[tuple[str, Span], ...] = field(compare=False, default=())


@dataclass(frozen=True)
class RuleSet(Node):
    id: str
    version: str = "0"
    title: str = ""
    description: str = ""
    reference: str = ""
    applies: Expr | None = None
    terms: tuple[Terms, ...] = ()
    settings: tuple[Setting, ...] = ()
    rules: tuple[Rule, ...] = ()
    clauses: tuple[tuple[str, Span], ...] = field(compare=False, default=())
