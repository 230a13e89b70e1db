"""A list of findings (or audits) that keeps only the latest few in memory and the rest in an
unnamed temporary file, so the findings of a large return take the same memory however many
there are.

A quarter's return can give a million findings, and every report reads them after the check:
held as objects, they were most of a large check's memory. A `Spool` reads like a list that can
be gone through as many times as a report needs (`for`, `len`, an index), and past `limit` items
it writes them, a batch at a time, to a temporary file that has no name on disk (the operating
system removes it when the check ends, however it ends). Items are stored as plain values with
`marshal` and rebuilt without validating them again: they were valid when they went in.
"""

from __future__ import annotations

import marshal
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import IO, Any, TypeVar, overload

from pydantic import BaseModel

from .models import AuditSummary, Finding, Location

T = TypeVar("T", bound=BaseModel)

LIMIT = 20_000
"""Items kept in memory before the spool moves to its file."""
BATCH = 2_000
"""Items written to (and read from) the file at a time."""

_LOCATION_FIELDS = tuple(Location.model_fields)
_SIZE = 8  # bytes of a batch's length, before its bytes in the file


def _location_values(location: Location) -> tuple[Any, ...]:
    data = location.__dict__
    return tuple(data[name] for name in _LOCATION_FIELDS)


def _location(values: tuple[Any, ...]) -> Location:
    return _built(Location, dict(zip(_LOCATION_FIELDS, values, strict=True)))


_set = object.__setattr__
_EVERY_FIELD: dict[type[BaseModel], frozenset[str]] = {
    model: frozenset(model.model_fields) for model in (Location, Finding, AuditSummary)}


def _constructed(model: type[T], data: dict[str, Any]) -> T:
    """`model.model_construct(**data)`, every field given: an item that was valid when it went in,
    not validated again."""
    return model.model_construct(_fields_set=None, **data)


def _made(model: type[T], data: dict[str, Any]) -> T:
    """The same item as `_constructed` makes, made directly: its fields, the record that every
    one was set (its own, as `model_copy` adds to a copy's), and no extra or private values. A
    quarter of the time, for a report that reads a large return's findings back."""
    item = model.__new__(model)
    _set(item, "__dict__", data)
    _set(item, "__pydantic_fields_set__", set(_EVERY_FIELD[model]))
    _set(item, "__pydantic_extra__", None)
    _set(item, "__pydantic_private__", None)
    return item


def _same_made() -> bool:
    """Whether `_made` makes what `model_construct` does with the pydantic installed (it sets
    what pydantic keeps of a model itself; a version that keeps more is given `_constructed`)."""
    where: dict[str, Any] = {name: None for name in _LOCATION_FIELDS} | {"path": "p", "row": 2}
    given: dict[str, Any] = {"form": "F", "rule": "R", "ruleset": "S", "severity": "info", "title": "",
                             "tags": ("t",), "message": "m", "hint": "", "reference": "", "reasons": ("r",),
                             "evidence": None, "location": Location.model_construct(**where), "team": "T",
                             "auditors": ("A",), "practitioner": None, "type": None, **where}
    for model in (Location, Finding, AuditSummary):
        if not set(model.model_fields) <= set(given):
            return False
        data = {name: given[name] for name in model.model_fields}  # in the fields' order, as `load` gives
        made, constructed = _made(model, dict(data)), _constructed(model, dict(data))
        if (made != constructed or made.model_dump() != constructed.model_dump()
                or repr(made) != repr(constructed) or made.model_fields_set != constructed.model_fields_set
                or list(vars(made)) != list(vars(constructed))):
            return False
    return True


_built: Callable[[type[T], dict[str, Any]], T] = _made if _same_made() else _constructed


class _Codec:
    """How one kind of item becomes plain values and back: its fields in order, with a nested
    location stored as its own plain values."""

    def __init__(self, model: type[BaseModel]):
        self.model = model
        self.fields = tuple(model.model_fields)
        self.location = self.fields.index("location") if "location" in self.fields else -1

    def dump(self, item: BaseModel) -> tuple[Any, ...]:
        data = item.__dict__
        values = [data[name] for name in self.fields]
        if self.location >= 0:
            values[self.location] = _location_values(values[self.location])
        return tuple(values)

    def load(self, values: tuple[Any, ...]) -> Any:
        data = dict(zip(self.fields, values, strict=True))
        if self.location >= 0:
            data["location"] = _location(values[self.location])
        return _built(self.model, data)

    def item(self, kept: Any) -> Any:
        """An item as the spool holds it in memory (the item, or its plain values) as the item."""
        return self.load(kept) if isinstance(kept, tuple) else kept

    def values(self, kept: Any) -> tuple[Any, ...]:
        """An item as the spool holds it in memory as its plain values."""
        return kept if isinstance(kept, tuple) else self.dump(kept)


_CODECS: dict[type[BaseModel], _Codec] = {model: _Codec(model) for model in (Finding, AuditSummary)}


def values_of(item: Finding | AuditSummary) -> tuple[Any, ...]:
    """An item's plain values, as a spool stores them: what a worker process sends back for each
    finding (smaller and quicker to send than the finding, and spooled as they come)."""
    return _CODECS[type(item)].dump(item)


def from_values(model: type[T], values: tuple[Any, ...]) -> T:
    """The item `values_of` gave the values of, built again (not validated: it was valid)."""
    return _CODECS[model].load(values)


class Spool(Sequence[T]):
    """Items of one kind (`Finding` or `AuditSummary`), in order; see the module's docstring."""

    def __init__(self, model: type[T], items: Iterable[T] = (), *, limit: int | None = None):
        self._codec = _CODECS[model]
        self._limit = LIMIT if limit is None else limit
        self._recent: list[T | tuple[Any, ...]] = []  # items, or their plain values (`append_values`)
        self._file: IO[bytes] | None = None
        self._stored = 0  # items in the file
        self._batch = BATCH
        self.extend(items)

    @property
    def model(self) -> type[T]:
        return self._codec.model  # type: ignore[return-value]

    def append(self, item: T) -> None:
        self._recent.append(item)
        if len(self._recent) >= (self._batch if self._file is not None else self._limit):
            self._spill()

    def append_values(self, values: tuple[Any, ...]) -> None:
        """Add an item given as its plain values (`values_of`), without building it."""
        self._recent.append(values)
        if len(self._recent) >= (self._batch if self._file is not None else self._limit):
            self._spill()

    def extend(self, items: Iterable[T]) -> None:
        for item in items:
            self.append(item)

    def _spill(self) -> None:
        if self._file is None:
            self._file = tempfile.TemporaryFile(prefix="auditrules-")  # noqa: SIM115 (kept open)
        self._file.seek(0, 2)
        dump = self._codec.values
        for start in range(0, len(self._recent), self._batch):
            batch = self._recent[start:start + self._batch]
            # Each batch as its length and its bytes: read back whole, `marshal.loads` takes a
            # sixth of the time `marshal.load` takes on the file, which reads it a value at a time.
            data = marshal.dumps([dump(item) for item in batch])
            self._file.write(len(data).to_bytes(_SIZE, "little"))
            self._file.write(data)
        self._stored += len(self._recent)
        self._recent = []

    def __len__(self) -> int:
        return self._stored + len(self._recent)

    def __bool__(self) -> bool:
        return len(self) > 0

    def __iter__(self) -> Iterator[T]:
        if self._file is not None and self._stored:
            yield from self._read()
        yield from map(self._codec.item, list(self._recent))

    def plain(self) -> Iterator[tuple[Any, ...]]:
        """Each item's plain values (as `values_of` gives them), in order, without building the
        item again: for a report that only reads them, such as the JSON report, for which
        building a return's findings again was most of its work."""
        if self._file is not None and self._stored:
            yield from self._stored_values()
        yield from map(self._codec.values, list(self._recent))

    def _read(self) -> Iterator[T]:
        return map(self._codec.load, self._stored_values())

    def _stored_values(self) -> Iterator[tuple[Any, ...]]:
        assert self._file is not None
        handle = self._file
        position = 0
        read = 0
        while read < self._stored:
            # Another pass may have moved the file's position since this one last read.
            handle.seek(position)
            size = int.from_bytes(handle.read(_SIZE), "little")
            batch = marshal.loads(handle.read(size))
            position += _SIZE + size
            read += len(batch)
            yield from batch

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> list[T]: ...

    def __getitem__(self, index: int | slice) -> T | list[T]:
        """An item by its place; once items are in the file this reads them all back, so use it
        for the few a single form gives, and `for` for a whole return's."""
        if self._file is None:
            if isinstance(index, slice):
                return [self._codec.item(kept) for kept in self._recent[index]]
            return self._codec.item(self._recent[index])
        return list(self)[index]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Spool | list):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def map(self, change: Callable[[T], T]) -> Spool[T]:
        """A new spool of each item changed (the items are read one batch at a time)."""
        return Spool(self.model, (change(item) for item in self), limit=self._limit)

    def __repr__(self) -> str:
        return f"Spool({self.model.__name__}, {len(self)} items)"


__all__ = ["Spool", "from_values", "values_of"]
