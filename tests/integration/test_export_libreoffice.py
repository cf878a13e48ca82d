"""The exported workbook opened by a real spreadsheet program: LibreOffice Calc, headless.

LibreOffice re-saves the workbook as .xlsx; openpyxl then reads what Calc understood. A file
Calc had to repair, text Calc turned into a formula, or mangled å/ä/ö would show up here.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess

import pytest
from openpyxl import load_workbook

from modules.exports.excel import build_report_workbook
from modules.exports.report import ExerciseRow, ParticipantRow, ProgressCell, Report

FORMULA_NAME = '=HYPERLINK("http://x")'
ANSWERS = ["+46 70 123 45 67", "-minus", "@alla", "\tindrag", "\rvagnretur", "=1+1", "#N/A", "_x0041_ kvar"]
INSTALL_HINT = "install libreoffice-calc-nogui (apt-get install -y libreoffice-calc-nogui) to run this test"


def soffice() -> str:
    binary = shutil.which("soffice") or shutil.which("libreoffice")
    if binary:
        return binary
    if os.environ.get("CI"):
        pytest.fail(f"LibreOffice is missing on CI: {INSTALL_HINT}")
    pytest.skip(INSTALL_HINT)


def make_report() -> Report:
    people = [("1:1", FORMULA_NAME), ("1:2", "Åsa Öberg"), ("1:3", "Märta Ärlig")]
    report = Report(title="Leda utan chefskap – Grupp Öst", scope="cohort", language="sv",
                    generated_at=dt.datetime(2026, 3, 1, 9, 0), generated_by="Jörgen Processledare",
                    modules=[("m1", "Självledarskap och självkännedom")])
    report.participants = [
        ParticipantRow(key, f"P{i}", name, f"p{i}@exempel.se", "Grupp Öst", "joined", dt.datetime(2026, 1, 12, 8),
                       None, 0.5, None) for i, (key, name) in enumerate(people)]
    report.progress = [ProgressCell(key, "m1", 0.5) for key, _ in people]
    report.exercises = [ExerciseRow("1:1", "Modul 1", f"Övning {i}", "Klar", dt.datetime(2026, 1, 20),
                                    answer) for i, answer in enumerate(ANSWERS)]
    return report


def convert_with_libreoffice(tmp_path, source) -> tuple[subprocess.CompletedProcess, object]:
    outdir = tmp_path / "out"
    command = [soffice(), f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--norestore",
               "--convert-to", "xlsx", "--outdir", str(outdir), str(source)]
    env = {**os.environ, "HOME": str(tmp_path)}
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=180)
    return result, outdir / source.name


@pytest.fixture(scope="module")
def round_trip(tmp_path_factory):
    """The exported workbook after a round trip through LibreOffice Calc, and the original, loaded
    with openpyxl; None without LibreOffice (each test then fails on CI or skips, via soffice())."""
    if not (shutil.which("soffice") or shutil.which("libreoffice")):
        return None
    tmp_path = tmp_path_factory.mktemp("libreoffice")
    source = tmp_path / "rapport.xlsx"
    source.write_bytes(build_report_workbook(make_report()))
    result, converted = convert_with_libreoffice(tmp_path, source)
    assert result.returncode == 0, result.stderr
    assert converted.is_file() and converted.stat().st_size > 0, result.stdout + result.stderr
    assert "error" not in result.stderr.lower(), result.stderr
    return load_workbook(converted), load_workbook(source)


def opened(round_trip):
    """Inside the test body, so a missing LibreOffice on CI is a test failure, not a setup error."""
    if round_trip is None:
        soffice()
    return round_trip


def test_libreoffice_opens_the_export_without_repair_and_keeps_every_sheet_and_cell(round_trip):
    calc, original = opened(round_trip)
    assert calc.sheetnames == original.sheetnames
    for ws in original:
        ours = [[c for c in row] for row in ws.iter_rows(values_only=True)]
        theirs = [[c for c in row] for row in calc[ws.title].iter_rows(values_only=True)]
        assert len(theirs) == len(ours), ws.title
        assert sum(v is not None for row in theirs for v in row) == sum(v is not None for row in ours for v in row)


def test_the_formula_looking_name_comes_back_as_the_same_text_not_a_formula(round_trip):
    calc, _ = opened(round_trip)
    cell = calc["Deltagare"]["A2"]
    assert (cell.value, cell.data_type) == (FORMULA_NAME, "s")
    formulas = [(ws.title, c.coordinate) for ws in calc for row in ws.iter_rows() for c in row if c.data_type == "f"]
    assert formulas == []


def test_risky_answers_come_back_exactly_as_written(round_trip):
    calc, _ = opened(round_trip)
    cells = [calc["Övningar"].cell(row=r, column=7) for r in range(2, 2 + len(ANSWERS))]
    assert [c.value for c in cells] == ANSWERS
    assert {c.data_type for c in cells} == {"s"}


def test_swedish_letters_survive_in_names_titles_and_sheet_names(round_trip):
    calc, _ = opened(round_trip)
    assert {"Övningar", "Självskattning", "Åtaganden", "Närvaro", "Återkoppling"} <= set(calc.sheetnames)
    names = [row[0] for row in calc["Deltagare"].iter_rows(min_row=2, values_only=True)]
    assert names == [FORMULA_NAME, "Åsa Öberg", "Märta Ärlig"]
    assert calc["Sammanfattning"]["B3"].value == "Jörgen Processledare"
    assert calc["Framsteg"]["C1"].value == "Självledarskap och självkännedom"


def test_dates_and_percentages_stay_dates_and_numbers_in_calc(round_trip):
    calc, _ = opened(round_trip)
    joined, completion = calc["Deltagare"]["E2"], calc["Deltagare"]["G2"]
    assert joined.is_date and joined.value == dt.datetime(2026, 1, 12, 9, 0)
    assert completion.value == 0.5 and "%" in completion.number_format
