"""A participant's own learning journal as an Excel workbook."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font

from modules.exports.xlsx import text_cell
from modules.i18n import t

COLUMNS = ("module", "exercise", "type", "status", "visibility", "updated", "answer")
WIDTHS = (28, 32, 16, 12, 16, 18, 80)


def _text(ws, value):
    """User text stays text: never a formula, whatever it starts with (see xlsx.text_cell)."""
    cell = text_cell(ws, str(value or ""))
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    return cell


def journal_workbook(entries: list[dict], lang: str) -> bytes:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(t(lang, "journal.sheet"))
    ws.freeze_panes = "A2"
    for i, width in enumerate(WIDTHS):
        ws.column_dimensions[chr(65 + i)].width = width
    header = []
    for col in COLUMNS:
        cell = WriteOnlyCell(ws, value=t(lang, f"journal.col.{col}"))
        cell.font = Font(bold=True)
        header.append(cell)
    ws.append(header)
    for e in entries:
        row = [_text(ws, e[c]) for c in COLUMNS if c != "updated"]
        when = WriteOnlyCell(ws, value=e["updated"])
        when.number_format = "yyyy-mm-dd hh:mm"
        row.insert(5, when)
        ws.append(row)
    ws.auto_filter.ref = f"A1:G{max(1, len(entries) + 1)}"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
