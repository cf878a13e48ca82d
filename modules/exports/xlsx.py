"""Writing plain tables into a write-only openpyxl workbook, fast and formula-safe.

User text never becomes a formula: a string that starts with = + - @ # tab or CR is written
as a cell with data_type "s" (the visible text unchanged); characters XML cannot hold are
dropped; CR and literal "_xHHHH_" are escaped the OOXML way, so Excel and LibreOffice show
exactly what the participant wrote.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import chain, islice

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.formatting.rule import ColorScaleRule
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

TEXT, NUM, DEC, PCT, DATE, DATETIME = "text", "num", "dec", "pct", "date", "datetime"
FORMATS = {DEC: "0.0", PCT: "0%", DATE: "yyyy-mm-dd", DATETIME: "yyyy-mm-dd hh:mm"}
FIXED_WIDTH = {DEC: 6, PCT: 6, DATE: 11, DATETIME: 17}
MAX_WIDTH, HEADER_WIDTH, SAMPLE_ROWS = 60, 30, 300
_RISKY_START = "=+-@#\t\r"
_ILLEGAL = ILLEGAL_CHARACTERS_RE.search
_OOXML_ESCAPE = re.compile(r"_(x[0-9A-Fa-f]{4}_)")
_BOLD, _WRAP = Font(bold=True), Alignment(wrap_text=True, vertical="top")
_SCALE = ColorScaleRule(start_type="num", start_value=0, start_color="F8696B", mid_type="num",
                        mid_value=0.5, mid_color="FFEB84", end_type="num", end_value=1, end_color="63BE7B")


class _Cell(Cell):
    """A write-only cell. ws.append formats repr() of every cell it is given; keep that cheap."""

    __slots__ = ()

    def __init__(self, ws) -> None:
        super().__init__(ws, row=1, column=1)

    def __repr__(self) -> str:
        return "<Cell>"


@dataclass(frozen=True)
class Column:
    header: str
    help: str
    kind: str = TEXT


@dataclass
class Block:
    columns: list[Column]
    rows: Iterable[tuple]
    title: str | None = None  # a line above a second block's header


@dataclass
class Sheet:
    key: str  # export.sheet.<key>
    blocks: list[Block]
    lead: list[tuple[Column, object]] = field(default_factory=list)  # label: value lines on top
    scale_from: int = 0  # first column (1-based) of a 0..1 matrix that gets a colour scale


def write_sheet(wb, title: str, sheet: Sheet, tick, explained: list) -> None:
    ws = wb.create_sheet(title)
    iters = [iter(b.rows) for b in sheet.blocks]
    samples = [list(islice(it, SAMPLE_ROWS)) for it in iters]
    for index, width in _widths(sheet, samples).items():  # before the first row: write-only
        ws.column_dimensions[get_column_letter(index + 1)].width = width
    row_no = len(sheet.lead) + 1 if sheet.lead else 0
    ws.freeze_panes = f"A{row_no + 2}"
    for col, value in sheet.lead:
        ws.append([_header(ws, col.header), _cell(ws, value, col.kind)])
        explained.append((ws.title, col.header, col.help))
    if sheet.lead:
        ws.append([])
    for k, (block, sample, rest) in enumerate(zip(sheet.blocks, samples, iters, strict=True)):
        if block.title:
            ws.append([])
            ws.append([_cell(ws, block.title, TEXT)])
            row_no += 2
        ws.append([_header(ws, col.header) for col in block.columns])
        first = row_no = row_no + 1
        row_no += _write_rows(ws, block.columns, chain(sample, rest), tick)
        last_col = get_column_letter(len(block.columns))
        if k == 0:
            ws.auto_filter.ref = f"A{first}:{last_col}{row_no}"
        if sheet.scale_from and row_no > first and len(block.columns) >= sheet.scale_from:
            ws.conditional_formatting.add(f"{get_column_letter(sheet.scale_from)}{first + 1}:{last_col}{row_no}",
                                          _SCALE)
        explained.extend((ws.title, col.header, col.help) for col in block.columns)
    tick(0)


def _write_rows(ws, columns: list[Column], rows: Iterable[tuple], tick) -> int:
    """The hot loop: plain values go straight to ws.append; only risky text and formatted
    numbers/dates become cells (styled cells are reused: openpyxl never mutates them)."""
    text = tuple(i for i, col in enumerate(columns) if col.kind == TEXT)
    styled = tuple((i, _styled(ws, FORMATS[col.kind])) for i, col in enumerate(columns) if col.kind in FORMATS)
    append, illegal, risky, n = ws.append, _ILLEGAL, _RISKY_START, 0
    for n, values in enumerate(rows, 1):
        row = list(values)
        for i in text:
            v = row[i]
            if v and isinstance(v, str) and (v[0] in risky or "\r" in v or "_x" in v or illegal(v)):
                row[i] = text_cell(ws, v)
        for i, cell in styled:
            v = row[i]
            if v is not None:
                cell.value = v
                row[i] = cell
        append(row)
        if not n % 1000:
            tick(1000)
    tick(n % 1000)
    return n


def text_cell(ws, value: str) -> Cell:
    value = ILLEGAL_CHARACTERS_RE.sub("", value)[:32767]
    if "_x" in value:
        value = _OOXML_ESCAPE.sub(r"_x005F_\1", value)
    cell = _Cell(ws)
    cell.value = value.replace("\r", "_x000D_")
    cell.data_type = "s"  # never a formula or an error code, whatever it starts with
    return cell


def _styled(ws, number_format: str | None, value=None) -> Cell:
    cell = _Cell(ws)
    if number_format:
        cell.number_format = number_format
    cell.value = value
    return cell


def _cell(ws, value, kind: str):
    if kind == TEXT:
        return text_cell(ws, value) if value else value
    return _styled(ws, FORMATS.get(kind), value)


def _header(ws, text: str) -> Cell:
    cell = text_cell(ws, text)
    cell.font, cell.alignment = _BOLD, _WRAP
    return cell


def _widths(sheet: Sheet, samples: list[list[tuple]]) -> dict[int, float]:
    widths: dict[int, int] = {}

    def see(index: int, width: int) -> None:
        widths[index] = max(widths.get(index, 8), min(width, MAX_WIDTH))

    for col, value in sheet.lead:
        see(0, len(col.header))
        see(1, _width(value, col.kind))
    for block, sample in zip(sheet.blocks, samples, strict=True):
        for j, col in enumerate(block.columns):
            see(j, min(len(col.header), HEADER_WIDTH))
            for row in sample:
                see(j, _width(row[j], col.kind))
    return {index: width + 2 for index, width in widths.items()}


def _width(value, kind: str) -> int:
    if value is None:
        return 0
    if kind in FIXED_WIDTH and not isinstance(value, str):
        return FIXED_WIDTH[kind]
    return max(map(len, str(value).split("\n")))


