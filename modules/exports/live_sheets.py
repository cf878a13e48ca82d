"""The workbook's "live results" sheet (counts only, never who answered what) and meeting roles sheet.

Headers and explanations come from the live catalog (live.export.col.X / live.export.help.X).
"""

from __future__ import annotations

from collections.abc import Iterator

from modules.exports.xlsx import DATE, NUM, TEXT, Block, Column, Sheet
from modules.i18n import t


def _cols(lang: str, *specs: str) -> list[Column]:
    out = []
    for spec in specs:
        key, _, kind = spec.partition(":")
        out.append(Column(t(lang, f"live.export.col.{key}"), t(lang, f"live.export.help.{key}"), kind or TEXT))
    return out


def live_sheets(c) -> Iterator[Sheet]:
    """c is excel._Ctx: the report, its language and how participants are named (pseudonyms too)."""
    lang = c.lang
    cols = _cols(lang, "cohort", "session", "session_date:" + DATE, "kind", "question", "answered:" + NUM,
                 "answer", "count:" + NUM)
    yield Sheet("live.sheet.results", [Block(cols, (tuple(r) for r in c.r.live_results))])
    role_cols = c.people() + _cols(lang, "session", "session_date:" + DATE, "role", "role_description")
    rows = ((*c.person(r.participant_key), r.session, r.session_date, r.role, r.description) for r in c.r.roles)
    yield Sheet("live.sheet.roles", [Block(role_cols, rows)])
