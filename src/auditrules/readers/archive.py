"""Checks an Office file (.xlsx, .docx) before any reader opens it.

Both kinds are zip archives of XML parts. A hostile one can be small on disk and unpack to
gigabytes (a zip bomb), or declare XML entities that expand without end (an entity bomb); a
broken one can be cut short, or be another kind of file renamed. `check_archive` looks at the
archive's directory and the start of each XML part, unpacking nothing else, and refuses each of
these with a plain message, so that no reader below it ever meets them.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Literal

from ..errors import InputError
from ..limits import DEFAULT_LIMITS, Limits

Kind = Literal["xlsx", "docx"]

OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
"""The first bytes of an OLE compound file: a password-protected Office file, or an old
.xls/.doc one."""

_NAMES = {"xlsx": "an Excel workbook (.xlsx)", "docx": "a Word document (.docx)"}
_REQUIRED = {"xlsx": "xl/workbook.xml", "docx": "word/document.xml"}
_OTHER_KINDS: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG picture"),
    (b"\xff\xd8\xff", "a JPEG picture"),
    (b"GIF8", "a GIF picture"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"{\\rtf", "an RTF document"),
)
_RATIO_FLOOR = 1_000_000
"""Parts smaller than this unpacked are not held to the compression ratio."""
_PROLOG_LIMIT = 1_000_000
"""How much of an XML part may come before its first element."""


def check_archive(path: Path, kind: Kind = "xlsx", limits: Limits = DEFAULT_LIMITS) -> None:
    """Refuse (with InputError, naming the file and what is wrong) an .xlsx or .docx file that
    is not a whole zip archive of the right kind, is password-protected, would unpack past
    `limits`, or has an XML part that declares a document type (where entity bombs live)."""
    path = Path(path)
    what = _NAMES[kind]
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        raise InputError(f"{path}: cannot read the file: {exc.strerror or exc}") from None
    if not head:
        raise InputError(f"{path}: the file is empty, so it is not {what}")
    if head.startswith(OLE_MAGIC):
        raise InputError(f"{path}: this file is password-protected (or an old .xls/.doc file); "
                         f"save it without a password as {what} and try again")
    if not head.startswith(b"PK"):
        raise InputError(f"{path}: this is not {what}: it looks like {_looks_like(path, head)}")
    try:
        with zipfile.ZipFile(path) as archive:
            _check_members(path, archive, kind, limits)
    except zipfile.BadZipFile:
        raise InputError(f"{path}: this file is damaged or incomplete (not a whole zip archive), "
                         f"so it cannot be read as {what}") from None
    except (EOFError, ValueError, NotImplementedError, zipfile.LargeZipFile, OSError) as exc:
        raise InputError(f"{path}: this file is damaged or uses a kind of packing that cannot "
                         f"be read ({type(exc).__name__}), so it cannot be read as {what}") from None


def _looks_like(path: Path, head: bytes) -> str:
    for magic, name in _OTHER_KINDS:
        if head.startswith(magic):
            return name
    with path.open("rb") as handle:
        sample = handle.read(4096)
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError:
        return "some other kind of file"
    return "a text file"


def _check_members(path: Path, archive: zipfile.ZipFile, kind: Kind, limits: Limits) -> None:
    what = _NAMES[kind]
    members = archive.infolist()
    if len(members) > limits.archive_members:
        raise InputError(f"{path}: holds {len(members):,} parts, more than the "
                         f"{limits.archive_members:,} allowed for {what} (limits.archive_members)")
    total = 0
    for member in members:
        if member.flag_bits & 0x1:
            raise InputError(f"{path}: this file is password-protected; save it without a password "
                             f"as {what} and try again")
        total += member.file_size
        if member.file_size > limits.archive_member:
            raise InputError(f"{path}: the part '{member.filename}' would unpack to "
                             f"{_size(member.file_size)}, more than the {_size(limits.archive_member)} "
                             "allowed (limits.archive_member); it may be a zip bomb")
        if total > limits.archive_total:
            raise InputError(f"{path}: would unpack to more than the {_size(limits.archive_total)} "
                             "allowed (limits.archive_total); it may be a zip bomb")
        if member.file_size > _RATIO_FLOOR and \
                member.file_size > limits.archive_ratio * max(member.compress_size, 1):
            ratio = member.file_size // max(member.compress_size, 1)
            raise InputError(f"{path}: the part '{member.filename}' unpacks to {ratio:,} times its "
                             f"packed size, more than the {limits.archive_ratio} allowed "
                             "(limits.archive_ratio); it may be a zip bomb")
    names = {member.filename for member in members}
    if _REQUIRED[kind] not in names:
        raise InputError(f"{path}: this is a zip archive, but not {what} (it has no "
                         f"'{_REQUIRED[kind]}')")
    for member in members:
        if member.filename.lower().endswith((".xml", ".rels", ".vml")) and member.file_size:
            _check_prolog(path, archive, member)


def _check_prolog(path: Path, archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> None:
    """Read an XML part only as far as its first element, refusing a document type
    declaration (Office files never have one; entity bombs need one)."""
    buffer = b""
    with archive.open(member) as stream:
        while True:
            chunk = stream.read(16_384)
            buffer += chunk
            text = _decoded(buffer)
            verdict = _prolog_verdict(text, complete=not chunk)
            if verdict == "doctype":
                raise InputError(f"{path}: the part '{member.filename}' declares a document type "
                                 "(<!DOCTYPE>), which Office files never do; it may be an XML "
                                 "entity bomb, so it is not read")
            if verdict == "ok" or not chunk:
                return
            if len(buffer) > _PROLOG_LIMIT:
                raise InputError(f"{path}: the part '{member.filename}' has more than 1 MB before its "
                                 "first element; it is not read")


def _decoded(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="ignore")
    return data.decode("utf-8", errors="ignore")


def _prolog_verdict(text: str, complete: bool) -> str:
    """'doctype', 'ok' (the first element is reached) or 'more' (read on)."""
    position = 0
    text = text.lstrip("\ufeff")
    while True:
        while position < len(text) and text[position].isspace():
            position += 1
        rest = text[position:]
        if not rest:
            return "ok" if complete else "more"
        if rest.startswith("<?"):
            closing = "?>"
        elif rest.startswith("<!--"):
            closing = "-->"
        elif rest[:9].upper().startswith("<!DOCTYPE") or rest.startswith("<!ENTITY"):
            return "doctype"
        elif len(rest) < 9 and "<!DOCTYPE".startswith(rest.upper()) and not complete:
            return "more"
        else:
            return "ok"
        end = rest.find(closing, 2)
        if end < 0:
            return "ok" if complete else "more"
        position += end + len(closing)


def _size(count: int) -> str:
    for unit, size in (("GB", 1_000_000_000), ("MB", 1_000_000), ("KB", 1_000)):
        if count >= size:
            return f"{count / size:,.1f} {unit}"
    return f"{count} bytes"


__all__ = ["OLE_MAGIC", "Kind", "check_archive"]
