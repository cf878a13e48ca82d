"""Read a participant roster from .xlsx or .csv into rows and row-level problems.

Nothing here raises on bad input: a file-level failure becomes RosterPreview.file_error (an
i18n key, with file_error_params), a bad row becomes a RosterProblem. Only rows without
problems are in RosterPreview.rows, so a service can refuse to import anything until the
preview is clean ("nothing half-imported").
"""

from __future__ import annotations

import csv
import io
import logging
import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import PurePath

from openpyxl import load_workbook

MAX_NAME, MAX_EMAIL = 120, 254
MAX_COLUMNS = 64  # Medled's columns must be among the first 64 (A–BL); cells further right are never read
HEADERS = {
    "name": {"name", "namn", "full name", "fullname", "fullständigt namn", "fullt namn"},
    "email": {"email", "e-mail", "e-post", "epost", "mail", "e-mail address", "email address", "e-postadress"},
    "firstname": {"firstname", "first name", "förnamn"},
    "lastname": {"lastname", "last name", "efternamn"},
    "username": {"username", "user name", "användarnamn"},
    "department": {"department", "avdelning", "enhet", "förvaltning", "organisation", "organization", "unit"},
}
_EMAIL = re.compile(r"^[^@\s\"'<>(),;:\[\]]{1,64}@(?:[^@\s\"'<>(),;:\[\]._][^@\s\"'<>(),;:\[\].]*\.)+[^\W\d_]{2,}$")
_OTHER_FORMATS = (b"%PDF", b"\xd0\xcf\x11\xe0", b"MZ", b"\x7fELF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"{\\rtf",
                  b"Rar!", b"\x1f\x8b", b"7z\xbc\xaf")
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RosterRow:
    row_number: int  # as the user sees it in the file; the header is row 1
    name: str
    email: str
    username: str = ""
    department: str = ""  # mixes learning groups


@dataclass(frozen=True)
class RosterProblem:
    row_number: int | None  # None for a problem with the whole file
    key: str  # i18n key, e.g. "roster.missing_email"; params fill its {placeholders}
    params: dict = field(default_factory=dict)


@dataclass
class RosterPreview:
    rows: list[RosterRow] = field(default_factory=list)
    problems: list[RosterProblem] = field(default_factory=list)
    file_error: str | None = None
    file_error_params: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.file_error is None and not self.problems and bool(self.rows)


class _FileError(Exception):
    def __init__(self, key: str, **params) -> None:
        super().__init__(key)
        self.key, self.params = key, params


def parse_roster(filename: str, data: bytes, *, max_bytes: int, max_rows: int) -> RosterPreview:
    """Parse an uploaded roster; the size limit is checked before anything is parsed.

    Work is bounded by the limits, not by what the file declares: every row counts towards
    max_rows (blank ones too, so a file of a million empty rows stops at the limit), and only
    the first MAX_COLUMNS columns of an .xlsx are read.
    """
    try:
        if len(data) > max_bytes:
            raise _too_large(max_bytes)
        if not data.strip():
            raise _FileError("roster.empty")
        suffix = PurePath(filename or "").suffix.lower()
        if suffix == ".xlsx":
            return _parse_table(_xlsx_rows(data, max_bytes, max_rows), max_rows)
        if suffix == ".csv":
            return _parse_table(_csv_rows(data), max_rows)
        raise _FileError("roster.wrong_type")
    except _FileError as error:
        return RosterPreview(file_error=error.key, file_error_params=error.params)
    except Exception:  # never let a strange upload crash the page
        log.warning("roster %r could not be parsed", filename, exc_info=True)
        return RosterPreview(file_error="roster.corrupt")


# ---- reading the file into (row_number, cells) -----------------------------------------------


def _too_large(max_bytes: int) -> _FileError:
    return _FileError("roster.file_too_large", mb=f"{max_bytes / 2**20:.1f}".removesuffix(".0"))


def _xlsx_rows(data: bytes, max_bytes: int, max_rows: int) -> Iterator[tuple[int, list]]:
    if not data.startswith(b"PK\x03\x04"):  # not a zip: some other file renamed, or garbage
        disguised = data.startswith(_OTHER_FORMATS) or _is_text(data[:4096])
        raise _FileError("roster.wrong_type" if disguised else "roster.corrupt")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            unzipped = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, EOFError, ValueError) as error:
        raise _FileError("roster.corrupt") from error
    if "xl/workbook.xml" not in names:  # a .docx, .odt or plain zip renamed .xlsx
        raise _FileError("roster.wrong_type")
    if unzipped > max_bytes:  # unpacked, too, no larger than an upload may be: bounds the XML to parse
        raise _too_large(max_bytes)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a broken package
        raise _FileError("roster.corrupt") from error
    try:
        if not workbook.worksheets:
            raise _FileError("roster.empty")
        sheet = workbook.worksheets[0]
        # Explicit bounds, never the sheet's declared <dimension> (which may be wrong or huge):
        # one row past the limit is enough to know the file has too many.
        rows = sheet.iter_rows(min_row=1, max_row=max_rows + 2, min_col=1, max_col=MAX_COLUMNS, values_only=True)
        yield from enumerate(rows, 1)
    finally:
        workbook.close()


def _csv_rows(data: bytes) -> Iterator[tuple[int, list[str]]]:
    if data.startswith((*_OTHER_FORMATS, b"PK")):  # a workbook, PDF, program … renamed .csv
        raise _FileError("roster.wrong_type")
    text = _decode(data)
    if "\x00" in text:
        raise _FileError("roster.wrong_type")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    try:
        yield from enumerate(reader, 1)
    except csv.Error as error:
        raise _FileError("roster.corrupt") from error


def _decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252 as Swedish Excel saves it."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _delimiter(text: str) -> str:
    """The separator that splits the header line most: ; (Swedish Excel), comma or tab."""
    header = next((line for line in text.splitlines() if line.strip()), "")
    counts = {sep: header.count(sep) for sep in (";", "\t", ",")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ";"


def _is_text(head: bytes) -> bool:
    """Plain text (CSV, HTML, a note) rather than binary: almost no control bytes."""
    controls = sum(byte < 32 and byte not in (9, 10, 13) for byte in head)
    return bool(head) and controls / len(head) < 0.01


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# ---- from rows to a preview ------------------------------------------------------------------


def _blank(values: Sequence) -> bool:
    return not any(_text(v).strip() for v in values if v is not None)


def _parse_table(rows: Iterable[tuple[int, Sequence]], max_rows: int) -> RosterPreview:
    """Rows are numbered from 1 as in the file; the header is the first row that is not blank."""
    rows = iter(rows)
    columns = None
    for number, values in rows:
        if number > max_rows + 1:
            raise _FileError("roster.too_many_rows", rows=max_rows)
        if not _blank(values):
            columns = _columns([_text(v) for v in values])
            break
    if columns is None:
        raise _FileError("roster.empty")
    if "email" not in columns or not ({"name", "firstname", "lastname"} & columns.keys()):
        raise _FileError("roster.no_usable_columns")
    preview, first_row_of = RosterPreview(), {}
    for number, values in rows:
        if number > max_rows + 1:  # every row counts, blank or not: the header and max_rows more
            raise _FileError("roster.too_many_rows", rows=max_rows)
        if _blank(values):
            continue  # blank rows are skipped silently
        _check_row(preview, number, _pick(values, columns), first_row_of)
    if not preview.rows and not preview.problems:
        raise _FileError("roster.empty")
    return preview


def _columns(header: list[str]) -> dict[str, int]:
    """Field -> column index; headers matched trimmed and case-insensitively, first match wins."""
    found: dict[str, int] = {}
    for index, raw in enumerate(header):
        label = " ".join(raw.replace("\ufeff", "").split()).lower()
        for field_name, names in HEADERS.items():
            if label in names:
                found.setdefault(field_name, index)
    return found


def _pick(values: Sequence, columns: dict[str, int]) -> dict[str, str]:
    def cell(field_name: str) -> str:
        index = columns.get(field_name)
        return " ".join(_text(values[index]).split()) if index is not None and index < len(values) else ""

    name = cell("name") or " ".join(part for part in (cell("firstname"), cell("lastname")) if part)
    return {"name": name, "email": cell("email").lower(), "username": cell("username"),
            "department": cell("department")[:120]}


def _check_row(preview: RosterPreview, number: int, row: dict[str, str], first_row_of: dict[str, int]) -> None:
    name, email = row["name"], row["email"]
    problems = []
    if not name:
        problems.append(("roster.missing_name", {}))
    elif len(name) > MAX_NAME:
        problems.append(("roster.name_too_long", {"max": MAX_NAME}))
    if not email:
        problems.append(("roster.missing_email", {}))
    elif len(email) > MAX_EMAIL:
        problems.append(("roster.email_too_long", {"max": MAX_EMAIL}))
    elif not _EMAIL.match(email) or ".." in email or email.split("@")[0].startswith("."):
        problems.append(("roster.bad_email", {"email": email}))
    elif email in first_row_of:
        problems.append(("roster.duplicate_email", {"email": email, "first_row": first_row_of[email]}))
    else:
        first_row_of[email] = number
    for key, params in problems:
        preview.problems.append(RosterProblem(number, key, {"row": number, **params}))
    if not problems:
        preview.rows.append(RosterRow(number, name, email, row["username"], row["department"]))
