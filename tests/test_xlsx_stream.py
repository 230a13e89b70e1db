"""A sheet too large to hold whole is read row by row from its XML (`readers/xlsx_stream.py`),
and gives the rows and values calamine gives: checked here on workbooks written by hand, part by
part, and on many written by openpyxl and xlsxwriter, each read both ways."""

from __future__ import annotations

import datetime as dt
import random
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import python_calamine
import xlsxwriter
from hypothesis import given, settings
from hypothesis import strategies as st

from auditrules.errors import InputError
from auditrules.readers import xlsx_stream
from auditrules.readers.tables import open_workbook
from auditrules.readers.xlsx_stream import Book, SheetStream

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_TYPES = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
          'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
          'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName='
          '"/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.'
          'main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.'
          'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')


def hand_built(path: Path, rows: str, strings: tuple[str, ...] = (), formats: tuple[str, ...] = (),
               date1904: bool = False, after: str = "") -> Path:
    """A workbook of one sheet "S" whose parts are written here as XML: cell styles 1 to 4 are
    Excel's own formats 14 (a date), 22 (a date and time), 46 (a duration) and 21 (a time); 5 on
    are `formats`."""
    custom = "".join(f'<numFmt numFmtId="{164 + i}" formatCode="{code}"/>' for i, code in enumerate(formats))
    styles = ('<xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="22"/><xf numFmtId="46"/><xf numFmtId="21"/>'
              + "".join(f'<xf numFmtId="{164 + i}"/>' for i in range(len(formats))))
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", _TYPES)
        archive.writestr("_rels/.rels", f'<Relationships xmlns="{_RELS}"><Relationship Id="rId1" Type="{_DOC}/'
                                        'officeDocument" Target="xl/workbook.xml"/></Relationships>')
        archive.writestr("xl/workbook.xml", f'<workbook xmlns="{_MAIN}" xmlns:r="{_DOC}">'
                                            + ('<workbookPr date1904="1"/>' if date1904 else "")
                                            + '<sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>')
        archive.writestr("xl/_rels/workbook.xml.rels",
                         f'<Relationships xmlns="{_RELS}"><Relationship Id="rId1" Type="{_DOC}/worksheet" '
                         f'Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="{_DOC}/sharedStrings" '
                         f'Target="sharedStrings.xml"/><Relationship Id="rId3" Type="{_DOC}/styles" '
                         f'Target="/xl/styles.xml"/></Relationships>')
        archive.writestr("xl/worksheets/sheet1.xml",
                         f'<worksheet xmlns="{_MAIN}"><sheetData>{rows}</sheetData>{after}</worksheet>')
        archive.writestr("xl/sharedStrings.xml",
                         f'<sst xmlns="{_MAIN}">' + "".join(f"<si>{s}</si>" for s in strings) + "</sst>")
        archive.writestr("xl/styles.xml", f'<styleSheet xmlns="{_MAIN}"><numFmts>{custom}</numFmts>'
                                          f'<cellXfs>{styles}</cellXfs></styleSheet>')
    return path


def _trimmed(rows: Any) -> list[list[Any]]:
    """Rows from column A with the blanks at their ends (and blank rows at the end) left off:
    how the two readers' rows are compared (calamine pads every row to the sheet's width)."""
    out = []
    for row in rows:
        row = list(row)
        while row and row[-1] == "":
            row.pop()
        out.append(row)
    while out and not out[-1]:
        out.pop()
    return out


def both_ways(path: Path, sheet: str) -> tuple[tuple[list[list[Any]], list[Any]], tuple[list[list[Any]], list[Any]]]:
    data = python_calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet)
    pad = [""] * (data.start[1] if data.start else 0)
    by_calamine = (_trimmed(pad + row for row in data.iter_rows()), list(data.merged_cell_ranges or []))
    stream = SheetStream(Book(path), sheet)
    return by_calamine, (_trimmed(stream.rows()), stream.merged_ranges())


def test_every_kind_of_cell_reads_as_calamine_reads_it(tmp_path):
    path = hand_built(
        tmp_path / "kinds.xlsx",
        '<row r="2"><c r="B2" t="s"><v>0</v></c><c r="D2" t="inlineStr"><is><t>in_x000D_line</t></is></c></row>'
        '<row r="3"><c r="B3" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="C3" t="str"><f>A1</f><v>  result </v></c>'
        '<c r="D3" t="b"><v>1</v></c><c r="E3"><v>42</v></c><c r="F3" t="b"><v>0</v></c><c r="G3"><v> 2 </v></c></row>'
        '<row r="5"><c r="B5" s="1"><v>45000</v></c><c r="C5" s="2"><v>45000.5</v></c><c r="D5" s="3"><v>1.25</v></c>'
        '<c r="E5" s="4"><v>0.75</v></c><c r="F5" s="2"><v>45000</v></c><c r="G5" s="1"><v>45000.25</v></c></row>'
        '<row r="6"><c r="B6" s="5"><v>45000</v></c><c r="C6" s="6"><v>2.5</v></c><c r="D6" s="7"><v>45000.1234567</v></c>'
        '<c r="E6" t="s"><v>1</v></c><c r="F6" t="s"><v>2</v></c><c r="G6" t="inlineStr"><is><t></t></is></c></row>'
        '<row r="7"><c r="B7" s="3"><v>-0.5</v></c><c r="C7"><v>1E+20</v></c><c r="D7" s="1"><v>0.5</v></c>'
        '<c r="E7" s="1"/><c r="F7"><v></v></c><c r="H7" t="inlineStr"><is><t>\u00a0x\u00a0</t></is></c></row>'
        '<row r="9"><c r="K9" t="e"><v>#N/A</v></c><c r="L9" t="inlineStr"><is><t>a_xD800_b_x005F_x000D_</t></is></c>'
        '</row>',
        strings=("<t>  plain  </t>", '<r><t xml:space="preserve">rich </t></r><r><rPr><b/></rPr><t> run</t></r>'
                 "<rPh><t>guide</t></rPh>", "<t></t>"),
        formats=("dd/mm/yyyy", "[h]:mm:ss", 'yyyy-mm-dd hh:mm:ss.000;&quot;text&quot;'),
        after='<mergeCells count="2"><mergeCell ref="B2:C2"/><mergeCell ref="D5:E6"/></mergeCells>')
    calamine, streamed = both_ways(path, "S")
    assert streamed == calamine
    rows = streamed[0]
    assert rows[1][1:4] == ["plain", "", "in\rline"]  # ends trimmed unless kept; _x000D_ read
    assert rows[2][1:7] == ["", "  result ", True, 42.0, False, " 2 "]  # an error reads blank
    assert rows[4][1:5] == [dt.date(2023, 3, 15), dt.datetime(2023, 3, 15, 12), dt.timedelta(days=1, hours=6),
                            dt.time(18)]
    assert rows[5][4] == "rich run" and rows[8][11] == "a_xD800_b_x000D_"  # no half characters
    assert len(list(SheetStream(Book(path), "S").rows())) == 9  # the error cell on row 9 counts as a cell


@pytest.mark.parametrize("date1904", [False, True])
def test_serial_days_read_as_calamine_reads_them(tmp_path, date1904):
    # Around Excel's 29 February 1900, below a day, below zero, and past the year 9999.
    days = [1, 1.5, 59, 59.5, 60, 60.5, 61, 61.25, -1, -0.25, 0, 0.999999999, 0.5, 45000.0000001,
            2958465.9999999, 3e6]
    cells = "".join(f'<c s="{style}"><v>{d}</v></c>' for style in (2, 1, 4) for d in days)
    path = hand_built(tmp_path / "days.xlsx", f'<row r="1">{cells}</row>', date1904=date1904)
    calamine, streamed = both_ways(path, "S")
    assert streamed == calamine
    assert (streamed[0][0][2] == dt.date(1900, 2, 28)) != date1904


def test_dates_count_from_1904_where_the_workbook_says_so_and_cells_without_places(tmp_path):
    path = hand_built(tmp_path / "1904.xlsx", '<row><c s="1"><v>1</v></c><c s="1"><v>61</v></c></row>'
                                              '<row><c><v>2</v></c><c t="inlineStr"><is><t>x</t></is></c></row>',
                      date1904=True)
    calamine, streamed = both_ways(path, "S")
    assert streamed == calamine
    assert streamed[0][0][0] == dt.date(1904, 1, 2)


def test_an_empty_sheet_has_no_rows(tmp_path):
    path = hand_built(tmp_path / "empty.xlsx", "")
    assert both_ways(path, "S")[1] == ([], []) == both_ways(path, "S")[0]


def _random_value(chance: random.Random) -> Any:
    kind = chance.randrange(9)
    if kind == 0:
        return chance.choice(["", " ", "  padded  ", "two\nlines", "tab\there", "=not a formula", "42",
                              "café £5 – “quoted”", "x" * 300])
    if kind == 1:
        return chance.randint(-10**6, 10**6)
    if kind == 2:
        return round(chance.uniform(-1e4, 1e4), chance.randrange(6))
    if kind == 3:
        return chance.random() < 0.5
    if kind == 4:
        return dt.date(2000, 1, 1) + dt.timedelta(days=chance.randrange(12000))
    if kind == 5:
        return dt.datetime(2020, 1, 1) + dt.timedelta(seconds=chance.randrange(10**8))
    if kind == 6:
        return dt.time(chance.randrange(24), chance.randrange(60), chance.randrange(60))
    if kind == 7:
        return None
    return " ".join(chance.choice(["Mother", "said", "the", "plan", "is", "working"]) for _ in range(8))


@pytest.mark.parametrize("seed", range(12))
def test_random_workbooks_written_by_openpyxl_read_the_same(tmp_path, seed):
    chance = random.Random(seed)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Audits"
    top, left = chance.randrange(4), chance.randrange(4)
    for r in range(chance.randrange(1, 40)):
        if chance.random() < 0.15:
            continue  # a blank row
        for c in range(chance.randrange(1, 9)):
            value = _random_value(chance)
            if value is not None:
                cell = sheet.cell(row=top + r + 1, column=left + c + 1, value=value)
                if chance.random() < 0.1 and isinstance(value, int | float) and not isinstance(value, bool):
                    cell.number_format = chance.choice(["[h]:mm", "0.00%", "dd/mm/yyyy", "#,##0", "mm:ss"])
    if chance.random() < 0.5:
        sheet.merge_cells(start_row=top + 1, start_column=left + 1, end_row=top + 2, end_column=left + 3)
    path = tmp_path / "random.xlsx"
    book.save(path)
    calamine, streamed = both_ways(path, "Audits")
    assert streamed == calamine


@pytest.mark.parametrize("constant_memory", [False, True])
def test_workbooks_written_by_xlsxwriter_read_the_same(tmp_path, constant_memory):
    # Shared strings, or (in constant-memory mode) strings written in the cells themselves.
    chance = random.Random(7)
    path = tmp_path / "writer.xlsx"
    book = xlsxwriter.Workbook(str(path), {"constant_memory": constant_memory})
    sheet = book.add_worksheet("Audits")
    dates = book.add_format({"num_format": "dd/mm/yyyy"})
    for r in range(60):
        for c in range(7):
            value = _random_value(chance)
            if isinstance(value, dt.date | dt.time):
                sheet.write_datetime(r, c, value, dates)
            elif isinstance(value, str):
                sheet.write_string(r, c, value)
            elif value is not None:
                sheet.write(r, c, value)
    book.close()
    calamine, streamed = both_ways(path, "Audits")
    assert streamed == calamine


def test_open_workbook_reads_a_large_sheet_row_by_row(tmp_path, monkeypatch):
    path = hand_built(tmp_path / "big.xlsx", '<row r="1"><c r="B1" t="inlineStr"><is><t>Audit ID</t></is></c></row>'
                                             '<row r="2"><c r="B2" t="inlineStr"><is><t>A-1</t></is></c></row>',
                      after='<mergeCells><mergeCell ref="B3:C3"/></mergeCells>')
    opened: list[str] = []
    original = SheetStream.__init__

    def counting(self: SheetStream, *args: Any) -> None:
        opened.append(args[1])
        original(self, *args)

    monkeypatch.setattr(SheetStream, "__init__", counting)
    held = open_workbook(path).table("S")
    assert opened == [] and list(held.rows) == [(2, ["", "A-1"])]
    monkeypatch.setattr(xlsx_stream, "STREAM_FROM", 0)
    table = open_workbook(path).table("S")
    assert opened == ["S"]
    assert (table.headers, table.merged, list(table.rows)) == (["", "Audit ID"], ["B3:C3"], [(2, ["", "A-1"])])


def test_a_damaged_large_sheet_is_refused_with_its_name(tmp_path, monkeypatch):
    monkeypatch.setattr(xlsx_stream, "STREAM_FROM", 0)
    path = hand_built(tmp_path / "bad.xlsx", '<row r="1"><c r="A1" t="inlineStr"><is><t>Audit ID</t></is></c></row>'
                                             '<row r="2"><c r="A2" t="s"><v>9</v></c></row>')
    refused = r"bad.xlsx: cannot read sheet 'S' \(a cell refers to shared text number 9, which the workbook"
    with pytest.raises(InputError, match=refused):
        list(open_workbook(path).table("S").rows)
    cut = hand_built(tmp_path / "cut.xlsx", '<row r="1"><c r="A1"><v>1</v></c>')  # the sheet's XML never closes
    with pytest.raises(InputError, match=r"cut.xlsx: cannot read sheet 'S' \(its XML is damaged: mismatched tag"):
        list(open_workbook(cut).table("S").rows)


def test_shared_strings_past_the_limit_are_kept_on_disk_and_read_the_same(tmp_path, monkeypatch):
    # A workbook saved with a shared table of strings, as Excel saves one.
    path = tmp_path / "shared.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Audits")
    for r in range(80):
        sheet.write_string(r, 0, f"A-{r}")
        sheet.write_string(r, 1, f"Judgement {r}: " + "the plan made Sam safer " * (r % 5))
    book.close()
    monkeypatch.setattr(xlsx_stream.SharedStrings, "HELD", 100)
    stream_book = xlsx_stream.Book(path)
    assert stream_book.strings.database is not None and len(stream_book.strings.memory) < 20
    calamine, streamed = both_ways(path, "Audits")
    assert streamed == calamine
    with pytest.raises(IndexError):
        stream_book.strings[len(stream_book.strings)]


def test_a_large_workbook_is_opened_without_calamine_and_reads_every_sheet_the_same(tmp_path, monkeypatch):
    book = openpyxl.Workbook()
    book.active.title = "Audits"
    book["Audits"].append(["Audit ID", "Date"])
    book["Audits"].append(["A-1", dt.date(2024, 6, 3)])
    book.create_sheet("Targets").append(["Audit ID", "Target"])
    path = tmp_path / "two.xlsx"
    book.save(path)
    held = open_workbook(path)
    monkeypatch.setattr(xlsx_stream, "STREAM_FROM", 0)
    streamed = open_workbook(path)
    assert streamed._book is None and held._book is not None  # calamine never opened it
    assert streamed.sheet_names == held.sheet_names == ["Audits", "Targets"]
    for name in held.sheet_names:
        a, b = held.table(name), streamed.table(name)
        assert (a.headers, list(a.rows)) == (b.headers, list(b.rows))
    assert streamed.grid("Audits", 5) == held.grid("Audits", 5)  # a pro forma's grid: calamine, when asked


def test_a_large_workbook_with_a_damaged_part_is_refused_plainly(tmp_path, monkeypatch):
    monkeypatch.setattr(xlsx_stream, "STREAM_FROM", 0)
    path = hand_built(tmp_path / "book.xlsx", '<row r="1"><c r="A1"><v>1</v></c></row>')
    broken = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(broken, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            target.writestr(info, data.replace(b"</cellXfs>", b"</cellXf>") if info.filename == "xl/styles.xml"
                            else data)
    with pytest.raises(InputError, match=r"broken.xlsx: cannot read this workbook \(mismatched tag"):
        open_workbook(broken)


_KINDS = ["s", "inlineStr", "str", "b", "e", "n", "d", "", "x"]
_RAW = st.one_of(st.sampled_from(["0", "1", "2", "-1", "1.5", "1E+300", "45000.25", "", " 3 ", "abc", "1_0",
                                  "2025-03-01T10:00:00", "2025-13-01", "nan", "true", "#N/A", "_x000D_"]),
                 st.text(alphabet="0123456789.-E+_x ", max_size=8))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.tuples(st.sampled_from(_KINDS), _RAW, st.integers(0, 9), st.booleans()),
                         max_size=6), max_size=6))
def test_any_cells_give_rows_or_a_plain_error(tmp_path_factory, rows):
    # Cell kinds known and unknown, values well formed or not, styles past the end of the list,
    # places given or left out: rows or an InputError naming the file, never anything else.
    body = ""
    for number, cells in enumerate(rows, start=1):
        parts = []
        for column, (kind, raw, style, placed) in enumerate(cells):
            ref = f' r="{chr(65 + column)}{number}"' if placed else ""
            kind_attr = f' t="{kind}"' if kind else ""
            value = (f"<is><t>{raw}</t></is>" if kind == "inlineStr" else f"<v>{raw}</v>")
            parts.append(f'<c{ref}{kind_attr} s="{style}">{value}</c>')
        body += f'<row r="{number}">{"".join(parts)}</row>'
    path = hand_built(tmp_path_factory.mktemp("cells") / "cells.xlsx", body, strings=("<t>a</t>", "<t>b</t>"),
                      formats=("dd/mm/yyyy",))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(xlsx_stream, "STREAM_FROM", 0)
        try:
            table = open_workbook(path).table("S")
            list(table.rows)
        except InputError as exc:
            assert str(exc).startswith(str(path)), exc


def test_a_value_past_what_python_holds_is_a_plain_error_or_the_number(tmp_path, monkeypatch):
    # A duration of 1E+300 days: calamine cannot turn it into Python, and says so plainly; read
    # row by row, it is the number itself (as a date past the year 9999 is, both ways).
    path = hand_built(tmp_path / "huge.xlsx", '<row r="1"><c r="A1" t="inlineStr"><is><t>Audit ID</t></is></c></row>'
                                              '<row r="2"><c r="A2" s="3"><v>1E+300</v></c></row>')
    refused = r"huge.xlsx: cannot read sheet 'S' \(a cell holds a number too large to read as a date, a"
    with pytest.raises(InputError, match=refused):
        list(open_workbook(path).table("S").rows)
    monkeypatch.setattr(xlsx_stream, "STREAM_FROM", 0)
    assert list(open_workbook(path).table("S").rows) == [(2, [1e300])]
