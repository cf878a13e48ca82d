"""Roster uploads: real .xlsx files made with openpyxl, CSV as Swedish Excel and Moodle save them."""

from __future__ import annotations

import random
import re
import zipfile
from io import BytesIO
from pathlib import Path

import pytest
from openpyxl import Workbook

from modules.i18n import catalog, t
from modules.imports import roster as roster_module
from modules.imports.roster import RosterRow, parse_roster

LIMITS = {"max_bytes": 5 * 2**20, "max_rows": 5000}


def make_xlsx(rows: list[list[object]]) -> bytes:
    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def make_csv(lines: list[str], sep: str = ";", encoding: str = "cp1252") -> bytes:
    return "\r\n".join(sep.join(cells) for cells in (line.split("|") for line in lines)).encode(encoding)


def problems_of(preview) -> list[tuple]:
    return [(p.row_number, p.key, p.params) for p in preview.problems]


def test_a_good_xlsx_roster_gives_trimmed_rows_with_lower_case_emails(tmp_path):
    path = tmp_path / "deltagare.xlsx"
    path.write_bytes(make_xlsx([[" Namn ", "E-POST", "Avdelning"], ["  Åsa  Öberg ", " Asa.Oberg@Exempel.SE ", "HR"],
                                [None, None, None], ["Björn Ek", "bjorn@exempel.se", "IT"]]))
    preview = parse_roster(path.name, path.read_bytes(), **LIMITS)
    assert preview.file_error is None and preview.problems == []
    assert preview.rows == [RosterRow(2, "Åsa Öberg", "asa.oberg@exempel.se", department="HR"),
                            RosterRow(4, "Björn Ek", "bjorn@exempel.se", department="IT")]
    assert preview.ok


def test_a_semicolon_csv_in_windows_1252_from_swedish_excel_keeps_å_ä_ö():
    data = make_csv(["Namn;E-post", "Märta Åström-Håkansson;marta@exempel.se", "Örjan Ärlig;orjan@exempel.se"], sep=";")
    assert "å".encode("cp1252") in data
    preview = parse_roster("lista.csv", data, **LIMITS)
    assert [(r.row_number, r.name, r.email) for r in preview.rows] == [
        (2, "Märta Åström-Håkansson", "marta@exempel.se"), (3, "Örjan Ärlig", "orjan@exempel.se")]


def test_a_utf8_csv_with_bom_has_its_first_header_recognised():
    data = "\ufeffFullständigt namn;E-mail\nÅsa Öberg;asa@exempel.se\n".encode()
    preview = parse_roster("lista.csv", data, **LIMITS)
    assert preview.rows == [RosterRow(2, "Åsa Öberg", "asa@exempel.se")]


@pytest.mark.parametrize("sep", [",", "\t"])
def test_comma_and_tab_separated_utf8_are_sniffed(sep):
    data = make_csv(["name|email", '"Öberg, Åsa"|asa@exempel.se'], sep=sep, encoding="utf-8")
    assert parse_roster("lista.csv", data, **LIMITS).rows == [RosterRow(2, "Öberg, Åsa", "asa@exempel.se")]


def test_moodle_upload_columns_join_first_and_last_name_and_keep_the_username():
    data = "username,firstname,lastname,email\nasaob,Åsa,Öberg,ASA@exempel.se\n".encode()
    preview = parse_roster("moodle.csv", data, **LIMITS)
    assert preview.rows == [RosterRow(2, "Åsa Öberg", "asa@exempel.se", "asaob")]


def test_swedish_first_and_last_name_headers_work_in_xlsx():
    data = make_xlsx([["Förnamn", "Efternamn", "Epost"], ["Åsa", "Öberg", "asa@exempel.se"]])
    assert parse_roster("a.xlsx", data, **LIMITS).rows == [RosterRow(2, "Åsa Öberg", "asa@exempel.se")]


def test_bad_rows_are_reported_with_their_row_numbers_and_left_out():
    data = make_csv(["Namn;E-post", "Åsa Öberg;asa@exempel.se", "Bo Ek;", ";nameless@exempel.se", "Ce;inte-en-adress",
                     "", "Dan;ASA@exempel.se", "Eva;eva@@exempel.se", "x" * 121 + ";lang@exempel.se",
                     "Fia;" + "f" * 250 + "@exempel.se"])
    preview = parse_roster("lista.csv", data, **LIMITS)
    assert problems_of(preview) == [
        (3, "roster.missing_email", {"row": 3}),
        (4, "roster.missing_name", {"row": 4}),
        (5, "roster.bad_email", {"row": 5, "email": "inte-en-adress"}),
        (7, "roster.duplicate_email", {"row": 7, "email": "asa@exempel.se", "first_row": 2}),
        (8, "roster.bad_email", {"row": 8, "email": "eva@@exempel.se"}),
        (9, "roster.name_too_long", {"row": 9, "max": 120}),
        (10, "roster.email_too_long", {"row": 10, "max": 254}),
    ]
    assert [r.row_number for r in preview.rows] == [2]
    assert not preview.ok


def test_every_problem_message_is_translated_with_its_numbers():
    data = make_csv(["Namn;E-post", "Åsa;asa@exempel.se", "Bo;ASA@exempel.se"])
    problem = parse_roster("lista.csv", data, **LIMITS).problems[0]
    assert t("sv", problem.key, **problem.params) == "asa@exempel.se finns redan på rad 2."
    assert t("en", problem.key, **problem.params) == "asa@exempel.se is already on row 2."


@pytest.mark.parametrize("data", [b"", b"   \r\n", make_csv(["Namn;E-post", ";", ""])])
def test_an_empty_file_is_a_file_error(data):
    assert parse_roster("tom.csv", data, **LIMITS).file_error == "roster.empty"


def test_an_xlsx_with_only_a_header_is_empty():
    assert parse_roster("a.xlsx", make_xlsx([["Namn", "E-post"]]), **LIMITS).file_error == "roster.empty"


def test_random_bytes_named_xlsx_are_a_corrupt_file():
    data = random.Random(7).randbytes(3000)
    assert parse_roster("lista.xlsx", data, **LIMITS).file_error == "roster.corrupt"


def test_a_truncated_xlsx_is_a_corrupt_file():
    data = make_xlsx([["Namn", "E-post"], ["Åsa", "asa@exempel.se"]])
    assert parse_roster("lista.xlsx", data[: len(data) // 2], **LIMITS).file_error == "roster.corrupt"


@pytest.mark.parametrize("data", [
    b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n",
    "Namn;E-post\nÅsa;a@b.se\n".encode(),
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500),
    b"MZ\x90\x00\x03" + bytes(200),
])
def test_a_pdf_text_old_xls_or_program_renamed_xlsx_is_the_wrong_type(data):
    assert parse_roster("lista.xlsx", data, **LIMITS).file_error == "roster.wrong_type"


def test_a_word_document_renamed_xlsx_is_the_wrong_type():
    out = BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    assert parse_roster("lista.xlsx", out.getvalue(), **LIMITS).file_error == "roster.wrong_type"


@pytest.mark.parametrize("name", ["lista.xls", "lista.exe", "lista.pdf", "lista", "lista.txt"])
def test_other_file_types_are_refused_by_name(name):
    assert parse_roster(name, make_csv(["Namn;E-post", "Åsa;a@b.se"]), **LIMITS).file_error == "roster.wrong_type"


def test_an_xlsx_renamed_csv_is_the_wrong_type():
    data = make_xlsx([["Namn", "E-post"], ["Åsa", "asa@exempel.se"]])
    assert parse_roster("lista.csv", data, **LIMITS).file_error == "roster.wrong_type"


def test_a_file_over_the_size_limit_is_refused_before_parsing():
    preview = parse_roster("stor.xlsx", b"\x00" * (2**20 + 1), max_bytes=2**20, max_rows=10)
    assert (preview.file_error, preview.rows, preview.problems) == ("roster.file_too_large", [], [])
    assert t("en", preview.file_error, **preview.file_error_params) == (
        "The file is too large. The largest size allowed is 1 MB.")
    big = parse_roster("stor.csv", b"x" * (6 * 2**20), **LIMITS)
    assert t("sv", big.file_error, **big.file_error_params) == "Filen är för stor. Största tillåtna storlek är 5 MB."


def people(n: int) -> list[list[str]]:
    return [["Namn", "E-post"]] + [[f"Person {i}", f"p{i}@exempel.se"] for i in range(n)]


def test_more_data_rows_than_allowed_in_an_xlsx_is_a_file_error():
    preview = parse_roster("a.xlsx", make_xlsx(people(11)), max_bytes=2**20, max_rows=10)
    assert (preview.file_error, preview.file_error_params) == ("roster.too_many_rows", {"rows": 10})


def test_the_row_limit_counts_every_row_after_the_header_blank_ones_too():
    rows = [";".join(r) for r in people(8)]
    at_limit = make_csv(rows[:5] + ["", ""] + rows[5:])  # header, 8 people and 2 blank rows: 11 rows
    blank_over = make_csv(rows[:5] + ["", "", ""] + rows[5:])
    over = make_csv([";".join(r) for r in people(11)])
    assert len(parse_roster("a.csv", at_limit, max_bytes=2**20, max_rows=10).rows) == 8
    assert parse_roster("a.csv", blank_over, max_bytes=2**20, max_rows=10).file_error == "roster.too_many_rows"
    assert parse_roster("a.csv", over, max_bytes=2**20, max_rows=10).file_error == "roster.too_many_rows"


def test_a_file_without_name_or_email_columns_has_no_usable_columns():
    data = make_xlsx([["Förnamn", "Telefon"], ["Åsa", "070-1234567"]])
    assert parse_roster("a.xlsx", data, **LIMITS).file_error == "roster.no_usable_columns"


def test_an_xlsx_that_unpacks_to_far_more_than_its_size_is_refused_as_too_large():
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/sharedStrings.xml", "<sst>" + "a" * (30 * 2**20) + "</sst>")
    assert len(out.getvalue()) < 2**20
    assert parse_roster("bomb.xlsx", out.getvalue(), max_bytes=2**20, max_rows=10).file_error == "roster.file_too_large"


@pytest.mark.parametrize("name, data", [
    ("a.csv", b"Namn;E-post\nAsa;a@b.se\x00\n"),
    ("a.csv", b'Namn;E-post\n"Asa;a@b.se\n'),
    ("a.csv", b"Namn;E-post\n" + b"x" * 200_000 + b";a@b.se\n"),
    ("a.csv", b"\xff\xfe" + "Namn\tE-post\nÅsa\tasa@exempel.se\n".encode("utf-16-le")),
    ("a.xlsx", b"PK\x03\x04" + bytes(100)),
    ("a.xlsx", make_xlsx([])),
])
def test_strange_files_never_raise_and_end_as_a_file_error_or_rows(name, data):
    preview = parse_roster(name, data, **LIMITS)
    known = {None, "roster.corrupt", "roster.wrong_type", "roster.empty", "roster.no_usable_columns"}
    assert preview.file_error in known
    assert preview.file_error is not None or preview.rows or preview.problems


def test_every_message_key_the_parser_uses_exists_in_swedish_and_english():
    source = Path(roster_module.__file__).read_text(encoding="utf-8")
    keys = set(re.findall(r"\"(roster\.[a-z_]+)\"", source))
    assert len(keys) >= 12
    assert keys <= catalog("sv").keys() and keys <= catalog("en").keys()
