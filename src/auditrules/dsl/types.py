"""The types the static checker gives to fields, settings and expressions."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Type:
    name: str

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True)
class TextType(Type):
    """Free text, or an enumerated word when `choices` is set."""

    choices: tuple[str, ...] | None = None


@dataclass(frozen=True)
class ListType(Type):
    item: Type

    def __str__(self) -> str:
        return f"list of {self.item}"


@dataclass(frozen=True)
class RecordType(Type):
    """A block of the form (audit, a section, a plan target...) with named fields."""

    fields: tuple[tuple[str, Type], ...] = ()

    def field(self, name: str) -> Type | None:
        for field_name, field_type in self.fields:
            if field_name == name:
                return field_type
        return None

    def field_names(self) -> list[str]:
        return [name for name, _ in self.fields]

    def __str__(self) -> str:
        return self.name


TEXT = TextType("text")
NUMBER = Type("number")
BOOL = Type("yes/no")
DATE = Type("date")
DATETIME = Type("date and time")
DURATION = Type("duration")
ANY = Type("any")
TEXT_LIST = ListType("list", TEXT)
ANY_LIST = ListType("list", ANY)

_NAMED: dict[str, Type] = {
    "text": TEXT,
    "number": NUMBER,
    "bool": BOOL,
    "date": DATE,
    "datetime": DATETIME,
    "duration": DURATION,
    "any": ANY,
    "list": ANY_LIST,
    "text list": TEXT_LIST,
    "list[text]": TEXT_LIST,
    "record": RecordType("record"),
}


def named(type_name: str) -> Type:
    """The type a function signature names: text, number, bool, date, list, record, any..."""
    try:
        return _NAMED[type_name]
    except KeyError:
        raise ValueError(f"unknown type name {type_name!r}; use one of {sorted(_NAMED)}") from None


def is_text(t: Type) -> bool:
    return isinstance(t, TextType) or t is ANY


def is_dateish(t: Type) -> bool:
    return t in (DATE, DATETIME)


def accepts(expected: Type, actual: Type) -> bool:
    """Whether a value of type `actual` may be passed where `expected` is wanted."""
    if expected is ANY or actual is ANY:
        return True
    if isinstance(expected, TextType):
        return isinstance(actual, TextType)
    if expected in (DATE, DATETIME):
        return is_dateish(actual)
    if isinstance(expected, ListType):
        return isinstance(actual, ListType) and accepts(expected.item, actual.item)
    if isinstance(expected, RecordType):
        if not isinstance(actual, RecordType):
            return False
        return expected.name == "record" or expected.name == actual.name
    return expected == actual


def comparable(left: Type, right: Type) -> bool:
    if left is ANY or right is ANY:
        return True
    if is_text(left) and is_text(right):
        return True
    if is_dateish(left) and is_dateish(right):
        return True
    return left == right
