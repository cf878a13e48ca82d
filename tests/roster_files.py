"""Roster files made to strain the parser: shared by tests and bench/roster_bench.py.

Each builder returns the bytes of an .xlsx or .csv the way an attacker or a careless tool could
write it. They are made from a real openpyxl workbook whose sheet XML is replaced, so
everything but the crafted sheet is a normal package.
"""

from __future__ import annotations

import io
import zipfile

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

SHEET = "xl/worksheets/sheet1.xml"
_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def _cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def xlsx_with_sheet(rows_xml: str, dimension: str = "A1") -> bytes:
    """A valid workbook whose first sheet holds exactly rows_xml (<row> elements)."""
    buf = io.BytesIO()
    Workbook().save(buf)
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == SHEET:
                data = (f'<?xml version="1.0" encoding="UTF-8"?><worksheet {_NS}><dimension ref="{dimension}"/>'
                        f"<sheetData>{rows_xml}</sheetData></worksheet>").encode()
            dst.writestr(info.filename, data)
    return out.getvalue()


def header_and_people(n: int, first_row: int = 2) -> str:
    rows = [f'<row r="1">{_cell("A1", "Namn")}{_cell("B1", "E-post")}</row>']
    for i in range(n):
        r = first_row + i
        rows.append(f'<row r="{r}">{_cell(f"A{r}", f"Person {i}")}{_cell(f"B{r}", f"p{i}@exempel.se")}</row>')
    return "".join(rows)


def huge_dimension(people: int = 3) -> bytes:
    """A few people, a declared A1:XFD1048576 and one stray cell in the sheet's last row and column."""
    stray = f'<row r="1048576">{_cell("XFD1048576", "x")}</row>'
    return xlsx_with_sheet(header_and_people(people) + stray, "A1:XFD1048576")


def wide_rows(people: int = 3, stray_rows: int = 2000) -> bytes:
    """Rows that each carry one cell in column XFD: read naively, every row is 16,384 cells wide."""
    rows = header_and_people(people)
    start = people + 2
    rows += "".join(f'<row r="{r}">{_cell(f"XFD{r}", "x")}</row>' for r in range(start, start + stray_rows))
    return xlsx_with_sheet(rows, "A1:XFD10000")


def many_columns(people: int = 3, columns: int = 2000) -> bytes:
    """A header with thousands of columns before Medled's two."""
    head = "".join(_cell(f"{get_column_letter(c)}1", f"Extra {c}") for c in range(1, columns + 1))
    name_col, mail_col = get_column_letter(columns + 1), get_column_letter(columns + 2)
    rows = [f'<row r="1">{head}{_cell(f"{name_col}1", "Namn")}{_cell(f"{mail_col}1", "E-post")}</row>']
    for i in range(people):
        r = i + 2
        rows.append(f'<row r="{r}">{_cell(f"{name_col}{r}", f"Person {i}")}'
                    f'{_cell(f"{mail_col}{r}", f"p{i}@exempel.se")}</row>')
    return xlsx_with_sheet("".join(rows))


def blank_rows_beyond(limit: int, people: int = 3) -> bytes:
    """A few people, then empty <row> elements past the row limit."""
    rows = header_and_people(people) + "".join(f'<row r="{r}"/>' for r in range(people + 2, limit + people + 10))
    return xlsx_with_sheet(rows)


def largest_people_xlsx(rows: int) -> bytes:
    """The largest ordinary roster the limit accepts: a header and `rows` people."""
    return xlsx_with_sheet(header_and_people(rows), f"A1:B{rows + 1}")


def largest_people_csv(rows: int) -> bytes:
    lines = ["Namn;E-post"] + [f"Person {i};p{i}@exempel.se" for i in range(rows)]
    return "\r\n".join(lines).encode("cp1252")
