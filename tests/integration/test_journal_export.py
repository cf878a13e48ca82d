"""The participant's own journal workbook keeps user text as text."""

import datetime as dt
import io

import openpyxl

from modules.exports.journal import journal_workbook


def test_the_journal_workbook_keeps_formula_looking_answers_as_text():
    entries = [dict(module="Möten", exercise="Åtagande", type="Reflektion", status="klar", visibility="Bara jag",
                    updated=dt.datetime(2026, 3, 1, 9, 30), answer="=HYPERLINK(\"http://x\") och å/ä/ö")]
    wb = openpyxl.load_workbook(io.BytesIO(journal_workbook(entries, "sv")))
    ws = wb["Lärlogg"]
    assert [c.value for c in ws[1]] == ["Modul", "Övning", "Typ", "Status", "Synlig för", "Senast ändrad", "Svar"]
    answer = ws.cell(row=2, column=7)
    assert answer.value == "=HYPERLINK(\"http://x\") och å/ä/ö" and answer.data_type == "s"
    assert ws.cell(row=2, column=6).is_date
