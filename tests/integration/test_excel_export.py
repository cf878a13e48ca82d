"""The report workbook, read back cell by cell with openpyxl."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook
from openpyxl.utils.escape import unescape

from modules.exports.excel import build_report_workbook
from modules.exports.report import (
    AssessmentMean,
    AttendanceRow,
    CohortSummary,
    CommitmentRow,
    ExerciseRow,
    FeedbackRow,
    ParticipantRow,
    ProgressCell,
    Report,
)
from modules.i18n import t

FORMULA_NAME = '=HYPERLINK("http://x")'
RISKY_ANSWERS = ["+46 70 123 45 67", "- punkt ett", "@alla läs detta", "\tindraget svar", "\rbörjar med CR",
                 "=1+1", "#N/A", "_x0041_ står kvar"]
SV_SHEETS = ["Sammanfattning", "Deltagare", "Framsteg", "Övningar", "Självskattning", "Åtaganden", "Närvaro",
             "Återkoppling", "Liveresultat", "Mötesroller", "Kolumner"]
EN_SHEETS = ["Summary", "Participants", "Progress", "Exercises", "Self-assessment", "Commitments", "Attendance",
             "Feedback", "Live results", "Meeting roles", "Columns"]
PEOPLE = [("1:1", "Deltagare 01", FORMULA_NAME, "formel@exempel.se"),
          ("1:2", "Deltagare 02", "Åsa Öberg", "asa.oberg@exempel.se"),
          ("1:3", "Deltagare 03", "Bo Ek", "bo.ek@exempel.se")]


def make_participant(key: str, pseudonym: str, name: str, email: str) -> ParticipantRow:
    return ParticipantRow(key=key, pseudonym=pseudonym, name=name, email=email, cohort="Grupp Öst",
                          status="joined", joined_at=dt.datetime(2026, 1, 12, 8, 0),
                          last_active=dt.datetime(2026, 2, 1, 12, 30), completion=0.5, attendance_rate=0.75)


def make_report(language: str = "sv", n_answered: int = 5) -> Report:
    report = Report(title="Leda utan chefskap – våren 2026", scope="cohort", language=language,
                    generated_at=dt.datetime(2026, 3, 1, 9, 0), generated_by="Märta Processledare")
    report.cohorts = [CohortSummary(1, "Grupp Öst", "Exempel AB", dt.date(2026, 1, 12), dt.date(2026, 5, 29),
                                    3, 3, 2, 0.42)]
    report.modules = [("m1", "Leda utan chefskap"), ("m2", "Medledarskap")]
    report.participants = [make_participant(*p) for p in PEOPLE]
    report.progress = [ProgressCell(key, m, share) for key, *_ in PEOPLE for m, share in (("m1", 1.0), ("m2", 0.25))]
    report.exercises = [ExerciseRow("1:1", "Leda utan chefskap", f"Övning {i}", "Klar",
                                    dt.datetime(2026, 1, 20, 10, i), answer) for i, answer in enumerate(RISKY_ANSWERS)]
    report.exercises.append(ExerciseRow("1:2", "Medledarskap", "Mitt mandat", "Utkast", None, None))
    report.assessment_means = [AssessmentMean("Grupp Öst", "Möten", n_answered, 2.8, 5, 3.9),
                               AssessmentMean("Grupp Öst", "Samarbete", 6, 3.0, n_answered, 3.5)]
    report.commitments = [CommitmentRow("1:3", "Leda möten", "=cmd|' /C calc'!A0", "@teamet", dt.date(2026, 2, 14),
                                        "Gick bra", "-bra möte", dt.datetime(2026, 2, 15, 18, 5))]
    report.attendance = [AttendanceRow("1:1", "+Träff 1", dt.date(2026, 1, 12), True),
                         AttendanceRow("1:2", "Träff 1", dt.date(2026, 1, 12), False)]
    report.feedback = [FeedbackRow("Grupp Öst", "Modul", "Medledarskap", 4, "=SUM(A1:A9)",
                                   dt.datetime(2026, 2, 1, 7, 45))]
    return report


def export(report: Report, tmp_path, **kwargs):
    path = tmp_path / "rapport.xlsx"
    path.write_bytes(build_report_workbook(report, **kwargs))
    return load_workbook(path)


def rows_of(ws) -> list[tuple]:
    return list(ws.iter_rows(values_only=True))


def all_cells(wb):
    return [cell for ws in wb for row in ws.iter_rows() for cell in row if cell.value is not None]


def test_sheets_are_named_in_swedish_for_a_swedish_report(tmp_path):
    assert export(make_report("sv"), tmp_path).sheetnames == SV_SHEETS


def test_sheets_are_named_in_english_for_an_english_report(tmp_path):
    wb = export(make_report("en"), tmp_path)
    assert wb.sheetnames == EN_SHEETS
    assert rows_of(wb["Participants"])[0] == ("Participant", "E-mail", "Cohort", "Status", "Joined at",
                                              "Last active", "Completion", "Attendance")


def test_every_data_sheet_has_a_bold_frozen_header_row_and_an_autofilter(tmp_path):
    wb = export(make_report(), tmp_path)
    for ws in wb:
        header_row = 6 if ws.title == "Sammanfattning" else 1
        header = [cell for cell in ws[header_row] if cell.value is not None]
        assert header and all(cell.font.b for cell in header), ws.title
        assert ws.freeze_panes == f"A{header_row + 1}", ws.title
        assert ws.auto_filter.ref and ws.auto_filter.ref.startswith(f"A{header_row}:"), ws.title


def test_column_widths_follow_the_content_and_are_capped(tmp_path):
    report = make_report()
    report.exercises[0] = ExerciseRow("1:1", "Modul", "Lång", "Klar", None, "ord " * 500)
    ws = export(report, tmp_path)["Övningar"]
    widths = {letter: dim.width for letter, dim in ws.column_dimensions.items()}
    assert widths["G"] <= 62
    assert widths["D"] < widths["G"]


def test_dates_and_times_are_real_excel_dates_in_swedish_time(tmp_path):
    wb = export(make_report(), tmp_path)
    joined = wb["Deltagare"]["E2"]
    assert joined.is_date and joined.number_format == "yyyy-mm-dd hh:mm"
    assert joined.value == dt.datetime(2026, 1, 12, 9, 0)  # 08:00 UTC is 09:00 in Stockholm in January
    due = wb["Åtaganden"]["F2"]
    assert due.is_date and due.number_format == "yyyy-mm-dd" and due.value.date() == dt.date(2026, 2, 14)
    assert wb["Sammanfattning"]["C7"].is_date and wb["Närvaro"]["D2"].is_date


def test_percentages_are_numbers_with_a_percent_format(tmp_path):
    wb = export(make_report(), tmp_path)
    completion, share = wb["Deltagare"]["G2"], wb["Framsteg"]["D2"]
    assert (completion.value, completion.number_format, completion.data_type) == (0.5, "0%", "n")
    assert (share.value, share.number_format) == (0.25, "0%")
    assert wb["Sammanfattning"]["E7"].value == 3 and wb["Återkoppling"]["D2"].value == 4


def test_the_progress_matrix_carries_a_colour_scale(tmp_path):
    ws = export(make_report(), tmp_path)["Framsteg"]
    ranges = {str(cf.sqref): [rule.type for rule in cf.rules] for cf in ws.conditional_formatting}
    assert ranges == {"C2:D4": ["colorScale"]}


def test_formula_looking_text_stays_text_unchanged(tmp_path):
    wb = export(make_report(), tmp_path)
    name = wb["Deltagare"]["A2"]
    assert (name.value, name.data_type) == (FORMULA_NAME, "s")
    answers = [wb["Övningar"].cell(row=r, column=7) for r in range(2, 2 + len(RISKY_ANSWERS))]
    assert all(cell.data_type == "s" for cell in answers)
    # openpyxl does not decode OOXML _xHHHH_ escapes (CR, literal "_x0041_"); Excel and LibreOffice do.
    assert [unescape(cell.value) for cell in answers] == RISKY_ANSWERS
    for cell in (wb["Åtaganden"]["D2"], wb["Åtaganden"]["E2"], wb["Närvaro"]["C2"], wb["Återkoppling"]["E2"]):
        assert cell.data_type == "s" and cell.value[0] in "=@+-", cell.coordinate
    assert not [c.coordinate for c in all_cells(wb) if c.data_type in ("f", "e")]


def test_every_sheet_names_the_participant_and_never_the_raw_key(tmp_path):
    wb = export(make_report(), tmp_path)
    keys = {key for key, *_ in PEOPLE}
    assert not [c.coordinate for c in all_cells(wb) if c.value in keys]
    assert wb["Åtaganden"]["A2"].value == "Bo Ek"


def test_a_pseudonymised_export_contains_no_real_name_or_email_anywhere(tmp_path):
    wb = export(make_report(), tmp_path, pseudonymise=True)
    secrets = [part for _, _, name, email in PEOPLE for part in (name, email, email.split("@")[0])]
    secrets += ["Åsa", "Öberg", "Bo Ek"]
    leaks = [(c.parent.title, c.coordinate) for c in all_cells(wb) if any(s in str(c.value) for s in secrets)]
    assert leaks == []
    assert rows_of(wb["Deltagare"])[1][0] == "Deltagare 01"
    assert wb["Övningar"]["A2"].value == "Deltagare 01"


def test_cohort_means_are_hidden_when_only_four_answered(tmp_path):
    rows = rows_of(export(make_report(n_answered=4), tmp_path)["Självskattning"])
    hidden = t("sv", "export.hidden_small_group", n=5)
    means = [row for row in rows if row[0] == "Grupp Öst"]
    assert [row[3:4] + row[5:7] for row in means] == [(hidden, hidden, hidden)] * 2
    assert "5" in hidden


def test_cohort_means_are_shown_when_five_answered(tmp_path):
    rows = rows_of(export(make_report(n_answered=5), tmp_path)["Självskattning"])
    means = [row for row in rows if row[0] == "Grupp Öst"]
    assert [row[1:6] for row in means] == [("Möten", 5, 2.8, 5, 3.9), ("Samarbete", 6, 3.0, 5, 3.5)]
    assert means[0][6] == pytest.approx(1.1)


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_columns_sheet_explains_every_header_of_every_sheet(tmp_path, language):
    wb = export(make_report(language), tmp_path)
    columns = wb[wb.sheetnames[-1]]
    explained = {(sheet, column): text for sheet, column, text in rows_of(columns)[1:]}
    headers = {(ws.title, c.value) for ws in wb for row in ws.iter_rows() for c in row if c.value and c.font.b}
    missing = [h for h in headers if h not in explained]
    assert missing == []
    assert all(text and not text.startswith("export.") for text in explained.values())
    untranslated = [c.value for c in all_cells(wb) if str(c.value).startswith("export.")]
    assert untranslated == []
    assert len(headers) > 50


def test_characters_that_xml_cannot_hold_are_dropped_instead_of_crashing(tmp_path):
    report = make_report()
    report.feedback[0] = FeedbackRow("Grupp Öst", "Modul", "M", 3, "bra\x00 kurs\x0b!\x1f", dt.datetime(2026, 2, 1))
    assert export(report, tmp_path)["Återkoppling"]["E2"].value == "bra kurs!"


def test_progress_is_reported_and_ends_at_one(tmp_path):
    seen: list[float] = []
    export(make_report(), tmp_path, progress=seen.append)
    assert len(seen) >= 9 and seen == sorted(seen) and seen[-1] == 1.0


def test_an_empty_report_still_gives_a_workbook_with_headers(tmp_path):
    report = Report(title="Tom", scope="organisation", language="en", generated_at=dt.datetime(2026, 1, 1),
                    generated_by="admin")
    wb = export(report, tmp_path)
    assert wb.sheetnames == EN_SHEETS
    assert rows_of(wb["Exercises"]) == [("Participant", "Cohort", "Module", "Exercise", "State",
                                         "Last updated", "Answer")]
