"""Word pro formas (.docx): label and answer tables, a table per section under a heading (or a
merged title row), and lists as tables with a header row. Read with python-docx, mapped by
label (see labels.py); findings point at the table and row (`table 3, row 2`).
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from ..errors import InputError
from ..hookspecs import hookimpl
from ..limits import DEFAULT_LIMITS, Limits
from ..models import Location
from . import RawForm, Reader, ReadOptions, ReadProblem
from .archive import check_archive
from .form_mapping import FormMapping, canonical_form_mapping
from .labels import FormCell, FormPart, FormRow, Heading, Layout, is_title, read_layout

if TYPE_CHECKING:
    from docx.document import Document

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class UnreadableDocument(InputError):
    """A file that is not a Word document python-docx can open; `reason` says why, plainly."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.reason = reason


def open_document(path: Path, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Open a .docx file, or say plainly why it cannot be opened. Every Word file is opened
    here and only here, after the archive check (sizes, packing ratio, entity bombs)."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import XMLSyntaxError  # type: ignore[import-untyped]

    try:
        check_archive(path, "docx", limits)
    except InputError as exc:
        prefix = f"{path}: "
        message = str(exc)
        raise UnreadableDocument(path, message[len(prefix):] if message.startswith(prefix)
                                 else message) from None
    try:
        return docx.Document(str(path))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError, XMLSyntaxError, EOFError) as exc:
        detail = str(exc).strip().splitlines()[0][:160] if str(exc).strip() else type(exc).__name__
        raise UnreadableDocument(path, f"not a readable Word document: the file is damaged, cut short, or "
                                       f"another kind of Office file ({detail})") from None


def document_layout(document: Document, file: str) -> list[Heading | FormPart]:
    """A Word document's headings and tables, in order, as a layout of rows and cells."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    layout: list[Heading | FormPart] = []
    body = document.element.body
    number = 0
    for element in _blocks(body):
        if element.tag == f"{_W}p":
            paragraph = Paragraph(element, document)
            text = paragraph.text.strip()
            if text and is_title(text) and _is_heading(paragraph):
                layout.append(Heading(text))
        elif element.tag == f"{_W}tbl":
            number += 1
            layout.append(_table(Table(element, document), number, file))
    return layout


def _blocks(parent: Any) -> Iterator[Any]:
    """Paragraphs and tables of the body, including those inside block content controls."""
    for child in parent.iterchildren():
        if child.tag in (f"{_W}p", f"{_W}tbl"):
            yield child
        elif child.tag == f"{_W}sdt":
            for content in child.iterchildren(f"{_W}sdtContent"):
                yield from _blocks(content)


def _is_heading(paragraph: Any) -> bool:
    name = (paragraph.style.name if paragraph.style is not None else "") or ""
    if name.lower().startswith(("heading", "title", "subtitle")):
        return True
    runs = [run for run in paragraph.runs if run.text.strip()]
    return bool(runs) and all(run.bold for run in runs)


def _table(table: Any, number: int, file: str) -> FormPart:
    rows: list[FormRow] = []
    seen: set[Any] = set()  # cells met in an earlier row: a vertical merge shows them again
    for row_number, row in enumerate(table.rows, start=1):
        cells: list[FormCell] = []
        previous = None
        distinct = 0
        where = Location(file=file, table=number, row=row_number, cell=f"table {number}, row {row_number}")
        for column, cell in enumerate(row.cells):
            tc = cell._tc
            if tc is previous:  # a cell merged across columns is given once per column
                continue
            previous = tc
            distinct += 1
            text = ""
            if tc not in seen:
                seen.add(tc)
                text = cell_text(tc)
            cells.append(FormCell(text, text, column, where))
        rows.append(FormRow(cells, whole=distinct == 1 and len(row.cells) >= 1))
    return FormPart(f"table {number}", rows)


def cell_text(tc: Any) -> str:
    """A cell's paragraphs joined with newlines (tick-box content controls included)."""
    paragraphs = tc.xpath("./w:p | ./w:sdt/w:sdtContent/w:p")
    return "\n".join(_paragraph_text(p).rstrip() for p in paragraphs).strip()


def _paragraph_text(p: Any) -> str:
    parts: list[str] = []
    for node in p.iter(f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr"):
        if node.tag == f"{_W}t":
            parts.append(node.text or "")
        elif node.tag == f"{_W}tab":
            parts.append("\t")
        else:
            parts.append("\n")
    return "".join(parts)


class WordReader(Reader):
    name = "docx"
    suffixes: ClassVar[tuple[str, ...]] = (".docx",)
    description = "A Word pro forma: label and answer tables, read by the labels a form mapping names."

    def read(self, path: Path, options: ReadOptions | None = None) -> Iterator[RawForm | ReadProblem]:
        options = options or ReadOptions()
        mapping = options.mapping
        if mapping is not None and not isinstance(mapping, FormMapping):
            raise InputError(f"{path}: {mapping.describe()} maps a return (one row per audit); a Word pro "
                             "forma needs a mapping with layout = \"form\" (auditrules map proposes one)")
        if mapping is None:
            mapping = canonical_form_mapping(options.field_paths(), options.list_fields())
        try:
            document = open_document(path, options.limits)
        except UnreadableDocument as exc:
            yield ReadProblem(exc.reason, Location(file=str(path)))
            return
        layout: Layout = document_layout(document, str(path))
        yield from read_layout(layout, mapping, options, str(path), "its tables")


@hookimpl
def register_readers() -> list[Reader]:
    return [WordReader()]


__all__ = ["UnreadableDocument", "WordReader", "cell_text", "document_layout",
           "open_document"]
