"""A participant's own data ("My data") as JSON and as an Excel workbook: pure functions -> bytes.

One sheet per group; every row says who else can see it. User text never becomes a formula
(xlsx.text_cell), and the JSON keeps the raw answer data as well as its readable summary.
"""

from __future__ import annotations

import datetime as dt
import io
import json

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from modules.exports.xlsx import text_cell
from modules.i18n import t


def _plain(value):
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def my_data_json(data: dict[str, list[dict]], lang: str) -> bytes:
    """{"group": [item, ...]} with dates as ISO text and `who` translated."""
    out = {group: [{k: _plain(v) for k, v in item.items()} | {"who": t(lang, item["who"])} for item in items]
           for group, items in data.items()}
    return json.dumps(out, ensure_ascii=False, indent=2).encode("utf-8")


def _cell(ws, value):
    if value is None:
        return WriteOnlyCell(ws, value=None)
    if isinstance(value, bool | int | float | dt.date | dt.datetime):
        cell = WriteOnlyCell(ws, value=value)
        if isinstance(value, dt.datetime):
            cell.number_format = "yyyy-mm-dd hh:mm"
        elif isinstance(value, dt.date):
            cell.number_format = "yyyy-mm-dd"
        return cell
    if isinstance(value, dict | list):
        value = json.dumps(_plain(value), ensure_ascii=False)
    return text_cell(ws, str(value))


def my_data_workbook(data: dict[str, list[dict]], lang: str) -> bytes:
    """One sheet per group (titled in the user's language), header row first, raw data as JSON text."""
    wb = Workbook(write_only=True)
    wb.properties.creator = "Medled"
    for group, items in data.items():
        ws = wb.create_sheet(t(lang, f"privacy.group.{group}")[:31])
        keys = [k for k in (items[0] if items else {"who": ""}) if k != "who"] + ["who"]
        header = []
        for key in keys:
            cell = WriteOnlyCell(ws, value=t(lang, "privacy.col.who") if key == "who" else key)
            cell.font = Font(bold=True)
            header.append(cell)
        ws.append(header)
        for item in items:
            ws.append([_cell(ws, t(lang, item["who"]) if k == "who" else item.get(k)) for k in keys])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
