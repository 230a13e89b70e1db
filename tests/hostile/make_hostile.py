"""Write the hostile corpus: files built to break a reader (bombs, damaged and disguised files,
deep nesting, formulas, NUL bytes), each made here so that no binary is kept in the repository.

    python tests/hostile/make_hostile.py OUT_FOLDER

`make_all(folder)` does the same from Python and returns the paths it wrote, by name.
"""

from __future__ import annotations

import csv
import io
import json
import struct
import sys
import zipfile
from pathlib import Path

import xlsxwriter

PLACEHOLDER = "LONG-CELL-PLACEHOLDER"
ENTITY_BOMB = (
    '<?xml version="1.0"?>\n'
    '<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
    + "".join(f' <!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'
              for i in range(1, 10))
    + "]>\n"
)


def _return_bytes(rows: list[list[str]], docx: bool = False) -> bytes:
    """A small, valid return (or, for `docx`, a minimal Word document)."""
    if docx:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
            archive.writestr("word/document.xml", '<?xml version="1.0"?><w:document xmlns:w='
                             '"http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                             "<w:body><w:p><w:r><w:t>Audit</w:t></w:r></w:p></w:body></w:document>")
        return buffer.getvalue()
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False})
    sheet = book.add_worksheet("Audits")
    for r, row in enumerate([["audit.id", "audit.date", "child.status", "overall_judgement"], *rows]):
        for c, value in enumerate(row):
            sheet.write_string(r, c, value)
    book.close()
    return buffer.getvalue()


GOOD_ROWS = [["A-1", "2024-06-12", "cp", "Visits were completed."],
             ["A-2", "2024-06-13", "cin", "The plan was effective because the child is safer."]]


def _replace_member(data: bytes, name: str, content: bytes | None,
                    compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    """The archive `data` with member `name` replaced (or added, or removed when None)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for info in source.infolist():
            if info.filename != name:
                archive.writestr(info.filename, source.read(info.filename))
        if content is not None:
            archive.writestr(name, content)
    return buffer.getvalue()


def _patch_central(data: bytes, offset: int, fmt: str, value: int) -> bytes:
    """Change one field of every central directory entry (offset from its signature)."""
    out = bytearray(data)
    start = 0
    while (start := out.find(b"PK\x01\x02", start)) >= 0:
        struct.pack_into(fmt, out, start + offset, value)
        start += 4
    return bytes(out)


def _office(kind: str) -> dict[str, bytes]:
    """Every hostile variant of one Office kind ('xlsx' or 'docx')."""
    docx = kind == "docx"
    good = _return_bytes(GOOD_ROWS, docx=docx)
    part = "word/document.xml" if docx else "xl/worksheets/sheet1.xml"
    bomb_text = b'<?xml version="1.0"?><a>' + b" " * 30_000_000 + b"</a>"
    files = {
        f"zip-bomb.{kind}": _replace_member(good, part, bomb_text),
        # The directory says a part unpacks to 3 GB.
        f"zip-bomb-declared.{kind}": _patch_central(good, 24, "<I", 3_000_000_000),
        f"entity-bomb.{kind}": _replace_member(
            good, part, (ENTITY_BOMB + "<a>&lol9;</a>").encode()),
        f"entity-bomb-after-comment.{kind}": _replace_member(
            good, part, ('<?xml version="1.0"?>\n<!--' + "x" * 40_000 + "-->\n"
                         + ENTITY_BOMB.split("\n", 1)[1] + "<a>&lol9;</a>").encode()),
        f"truncated.{kind}": good[: len(good) // 2],
        f"password-protected.{kind}": bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 2040,
        f"encrypted-zip.{kind}": _patch_central(good, 8, "<H", 0x1),
        f"renamed-pdf.{kind}": b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n",
        f"renamed-png.{kind}": b"\x89PNG\r\n\x1a\n" + b"\0" * 64,
        f"renamed-text.{kind}": b"Audit ID,Date\nA-1,12/06/2024\n",
        f"empty.{kind}": b"",
        f"other-zip.{kind}": _replace_member(
            _replace_member(good, "xl/workbook.xml" if not docx else part, None),
            "notes.txt", b"not an office file"),
    }
    many = io.BytesIO()
    with zipfile.ZipFile(many, "w", zipfile.ZIP_STORED) as archive:
        for index in range(10_001):
            archive.writestr(f"x/{index}.bin", b"")
    files[f"many-parts.{kind}"] = many.getvalue()
    return files


def make_all(folder: Path) -> dict[str, Path]:
    """Write every hostile file into `folder`; returns their paths by file name."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    files: dict[str, bytes] = {**_office("xlsx"), **_office("docx")}

    long_text = "Long judgement. " * 2_600  # 41,600 characters, past Excel's 32,767
    huge = _return_bytes([["A-9", "2024-06-14", "cp", PLACEHOLDER], *GOOD_ROWS])
    strings = zipfile.ZipFile(io.BytesIO(huge)).read("xl/sharedStrings.xml")
    files["huge-cell.xlsx"] = _replace_member(huge, "xl/sharedStrings.xml",
                                              strings.replace(PLACEHOLDER.encode(), long_text.encode()))
    files["huge-cell.csv"] = ("audit.id,audit.date,child.status,overall_judgement\n"
                              f"A-9,2024-06-14,cp,{long_text}\n"
                              "A-1,2024-06-12,cp,Visits were completed.\n").encode()

    files["deep.json"] = ("[" * 10_000 + "]" * 10_000).encode()
    files["deep-blocks.json"] = ('{"summary": ' * 10_000 + '"x"' + "}" * 10_000).encode()
    files["deep.yaml"] = ("[" * 10_000 + "]" * 10_000).encode()
    files["deep-indented.yaml"] = "".join(f"{'  ' * i}k{i}:\n" for i in range(1_200)).encode()
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 10)]
    files["alias-bomb.yaml"] = ("\n".join(lines) + "\nsummary: *a9\n").encode()
    files["alias-loop.yaml"] = b"- &form {audit: {id: A-1}, sections: [*form]}\n"
    files["python-tag.yaml"] = b"summary: !!python/object/apply:os.system ['echo owned']\n"
    files["python-name.yaml"] = b"summary: !!python/name:os.system\n"
    files["binary.json"] = bytes(range(256)) * 8
    files["not-json.json"] = b'{"audit": {"id": "A-1"},,}'

    formulas = io.StringIO(newline="")
    csv.writer(formulas, lineterminator="\n").writerows([
        ["audit.id", "audit.date", "child.status", "overall_judgement", "summary"],
        ['=HYPERLINK("http://example.com/x","click")', "2024-06-12", "cp",
         "=1+1 the plan was followed", "+cmd|' /C calc'!A0"],
        ["A-2", "2024-06-12", "cp", "-2+3 visits were done", "@SUM(1,2)"],
        ["A-3", "2024-06-12", "cp", "\t=1+2 visits", "\r=3+4 visits"],
    ])
    files["formulas.csv"] = formulas.getvalue().encode()
    files["nul-bytes.csv"] = b"audit.id,summary\nA-1,hello\x00world\n"
    files["mixed-encoding.csv"] = (b"audit.id,audit.date,child.status,overall_judgement\n"
                                   + "A-1,2024-06-12,cp,Café visit – naïve\n".encode()
                                   + "A-2,2024-06-12,cp,Caf\xe9 visit\n".encode("cp1252"))

    files["deep.rules"] = ("ruleset deep.rules\n  version \"1.0.0\"\n  title \"Deep\"\n\n"
                           "rule DEEP-001 \"Deep\"\n  require " + "(" * 5_000 + "summary is empty"
                           + ")" * 5_000 + "\n  message \"m\"\n").encode()
    files["long-chain.rules"] = ("ruleset chain.rules\n  version \"1.0.0\"\n  title \"Chain\"\n\n"
                                 "rule CHAIN-001 \"Chain\"\n  require "
                                 + " and ".join(["summary is empty"] * 20_000)
                                 + "\n  message \"m\"\n").encode()
    files["nul-bytes.rules"] = b"ruleset a.b\n  version \"1\"\x00\n"
    files["not-utf8.rules"] = "ruleset a.b\n  title \"Caf\xe9\"\n".encode("cp1252")
    files["catastrophic.rules"] = (
        b'ruleset slow.patterns\n  version "1.0.0"\n  title "A catastrophic pattern"\n\n'
        b'rule SLOW-001 "Catastrophic backtracking"\n  severity warning\n'
        b"  require not (summary matches /^(a+)+$/)\n"
        b'  message "The summary is all a."\n  hint "Write words."\n')
    files["deep.mapping.toml"] = ("x = " + "[" * 5_000 + "]" * 5_000 + "\n").encode()
    files["bad.mapping.toml"] = b"[form\nsheet = 'Audits'\n"
    files["deep-config.toml"] = ("[limits]\nx = " + "[" * 5_000 + "]" * 5_000 + "\n").encode()

    paths: dict[str, Path] = {}
    for name, data in files.items():
        path = folder / name
        path.write_bytes(data)
        paths[name] = path
    return paths


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "hostile-files")
    written = make_all(target)
    print(json.dumps(sorted(written), indent=1))
