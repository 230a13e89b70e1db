"""The limits every input is held to, in one place: a file past one is refused with a plain
message before it is read, so that a hostile or broken file can neither hang a check nor use up
memory. Each can be changed in the `[limits]` table of `auditrules.toml`."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from .errors import UsageError, did_you_mean


@dataclass(frozen=True)
class Limits:
    """How big an input may be. Sizes are in bytes."""

    archive_total: int = 2_000_000_000
    """The total unpacked size of an .xlsx or .docx file (they are zip archives)."""
    archive_member: int = 1_000_000_000
    """The unpacked size of any one part inside such an archive."""
    archive_ratio: int = 200
    """How many times larger than its packed size a part may unpack to (a part under 1 MB
    unpacked is not held to this: small parts of repeated markup pack very tightly)."""
    archive_members: int = 10_000
    """How many parts such an archive may hold."""
    cell: int = 32_767
    """The characters in one spreadsheet cell (Excel's own limit)."""
    text_file: int = 512_000_000
    """The size of a JSON or YAML file of forms."""
    depth: int = 64
    """How deeply lists and blocks may nest inside a JSON or YAML file."""
    values: int = 20_000_000
    """How many values (texts, numbers, lists, blocks) a JSON or YAML file may hold, each
    repetition of a YAML alias counted as the copy it stands for."""

    @classmethod
    def from_table(cls, table: dict[str, Any], source: str) -> Limits:
        """Limits from the `[limits]` table of a settings file; every mistake names the key."""
        known = {f.name for f in fields(cls)}
        values: dict[str, int] = {}
        for key, value in table.items():
            if key not in known:
                suggestion = did_you_mean(key, known)
                raise UsageError(f"{source}: [limits] has an unknown key '{key}'"
                                 + (f"; did you mean '{suggestion}'?" if suggestion else
                                    f" (known: {', '.join(sorted(known))})"))
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise UsageError(f"{source}: [limits] {key} = {value!r}: a limit is a whole number "
                                 "above 0")
            values[key] = value
        return cls(**values)


DEFAULT_LIMITS = Limits()

__all__ = ["DEFAULT_LIMITS", "Limits"]
