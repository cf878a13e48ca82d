"""Personal invite codes for a mail merge: xlsx and csv as bytes. Names never become formulas."""

from __future__ import annotations

import csv
import io

from openpyxl import Workbook

from modules.exports.xlsx import text_cell
from modules.i18n import t

COLUMNS = ("field.name", "field.email", "auth.invite_code", "auth.cohort", "join.code")
_RISKY = ("=", "+", "-", "@", "\t", "\r")


def _header(lang: str) -> list[str]:
    return [t(lang, key) for key in COLUMNS]


def _values(row: dict) -> list[str]:
    return [row["name"], row["email"], row["code"], row["cohort"], row["join_code"]]


def to_xlsx(rows: list[dict], lang: str) -> bytes:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(t(lang, "auth.invite_codes")[:31])
    ws.append(_header(lang))
    for row in rows:
        ws.append([text_cell(ws, value) for value in _values(row)])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def to_csv(rows: list[dict], lang: str) -> bytes:
    """UTF-8 with BOM and semicolons, as Swedish Excel opens it; risky text is quoted with '."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(_header(lang))
    for row in rows:
        writer.writerow([("'" + v) if v.startswith(_RISKY) else v for v in _values(row)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
