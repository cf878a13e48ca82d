"""The cohort/organisation report as one Excel workbook (openpyxl write-only: flat memory).

Sheets are plain tables (header, explanation and kind per column; rows as tuples) streamed by
one small writer. User text never becomes a formula: text starting with = + - @ # tab or CR is
written as a cell with data_type "s", visibly unchanged; characters XML cannot hold are
dropped; CR and a literal "_xHHHH_" get OOXML escapes, so Excel and LibreOffice show exactly
what was written. Times are Swedish wall-clock time (naive = UTC, as in i18n.fmt_datetime).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from io import BytesIO
from itertools import chain, islice
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.formatting.rule import ColorScaleRule
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from modules.exports.report import Report
from modules.i18n import t

TEXT, NUM, DEC, PCT, DATE, DATETIME = "text", "num", "dec", "pct", "date", "datetime"
FORMATS = {DEC: "0.0", PCT: "0%", DATE: "yyyy-mm-dd", DATETIME: "yyyy-mm-dd hh:mm"}
FIXED_WIDTH = {DEC: 6, PCT: 6, DATE: 11, DATETIME: 17}
MAX_WIDTH, HEADER_WIDTH, SAMPLE_ROWS = 60, 30, 300
ZONE = ZoneInfo("Europe/Stockholm")
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


def build_report_workbook(
    report: Report, *, pseudonymise: bool = False, progress: Callable[[float], None] | None = None
) -> bytes:
    """Return the report as .xlsx bytes; participants appear only by pseudonym if asked."""
    ctx = _Ctx(report, pseudonymise)
    tick = _ticker(progress, report)
    wb = Workbook(write_only=True)
    wb.properties.creator = "Medled"
    explained: list[tuple[str, str, str]] = []
    for sheet in _data_sheets(ctx):
        _write_sheet(wb, ctx, sheet, tick, explained)
    explain = ctx.cols("sheet", "column", "explanation")
    explained += [(t(ctx.lang, "export.sheet.columns"), col.header, col.help) for col in explain]
    _write_sheet(wb, ctx, Sheet("columns", [Block(explain, explained)]), tick, [])
    out = BytesIO()
    wb.save(out)
    if progress:
        progress(1.0)
    return out.getvalue()


def report_sheets(report: Report, *, pseudonymise: bool = False) -> list[Sheet]:
    """The data sheets as plain tables (rows are lazy), e.g. for benchmarks or other formats."""
    return list(_data_sheets(_Ctx(report, pseudonymise)))


# ---- the sheets ----------------------------------------------------------------------------


def _data_sheets(c: _Ctx) -> Iterator[Sheet]:
    for build in (_summary, _participants, _progress, _exercises, _assessment, _commitments,
                  _attendance, _feedback):
        yield build(c)


class _Ctx:
    def __init__(self, report: Report, pseudonymise: bool) -> None:
        self.r, self.lang, self.pseudo = report, report.language, pseudonymise
        self.who = {p.key: p.pseudonym if pseudonymise else p.name for p in report.participants}
        self.cohort_of = {p.key: p.cohort for p in report.participants}
        self.unknown = t(self.lang, "export.unknown_participant")

    def col(self, key: str, kind: str = TEXT) -> Column:
        help_text = t(self.lang, f"export.help.{key}", n=self.r.min_group)
        return Column(t(self.lang, f"export.col.{key}"), help_text, kind)

    def cols(self, *specs: str) -> list[Column]:
        """Columns from "key" or "key:kind"."""
        return [self.col(*spec.split(":")) for spec in specs]

    def people(self, *specs: str) -> list[Column]:
        """Participant and cohort first, then the columns from specs."""
        return self.cols("pseudonym" if self.pseudo else "participant", "cohort", *specs)

    def person(self, key: str) -> tuple[str, str]:
        return self.who.get(key, self.unknown), self.cohort_of.get(key, "")


def _summary(c: _Ctx) -> Sheet:
    r = c.r
    lead = [(c.col("report_title"), r.title), (c.col("generated_at", DATETIME), _local(r.generated_at)),
            (c.col("generated_by"), r.generated_by), (c.col("scope"), t(c.lang, f"export.scope.{r.scope}"))]
    cols = c.cols("cohort", "organisation", "start_date:date", "end_date:date", "invited:num", "joined:num",
                  "active_7d:num", "cohort_completion:pct")
    rows = ((s.name, s.organisation, s.start_date, s.end_date, s.invited, s.joined, s.active_7d, s.completion)
            for s in r.cohorts)
    return Sheet("summary", [Block(cols, rows)], lead)


def _participants(c: _Ctx) -> Sheet:
    who = ("pseudonym",) if c.pseudo else ("participant", "email")
    cols = c.cols(*who, "cohort", "participant_status", "joined_at:datetime", "last_active:datetime",
                  "completion:pct", "attendance_rate:pct")
    status = {s: t(c.lang, f"export.status.{s}") for s in ("invited", "joined")}

    def rows() -> Iterator[tuple]:
        for p in c.r.participants:
            head = (p.pseudonym,) if c.pseudo else (p.name, p.email)
            yield (*head, p.cohort, status.get(p.status, p.status), _local(p.joined_at),
                   _local(p.last_active), p.completion, p.attendance_rate)

    return Sheet("participants", [Block(cols, rows())])


def _progress(c: _Ctx) -> Sheet:
    shares = {(p.participant_key, p.module_id): p.share for p in c.r.progress}
    ids = [module_id for module_id, _ in c.r.modules]
    modules = [Column(title, t(c.lang, "export.help.progress_module", module=title), PCT)
               for _, title in c.r.modules]
    rows = ((*c.person(p.key), *[shares.get((p.key, m)) for m in ids]) for p in c.r.participants)
    return Sheet("progress", [Block(c.people() + modules, rows)], scale_from=3)


def _exercises(c: _Ctx) -> Sheet:
    rows = ((*c.person(e.participant_key), e.module, e.exercise, e.status, _local(e.updated), e.answer)
            for e in c.r.exercises)
    cols = c.people("module", "exercise", "exercise_status", "updated:datetime", "answer")
    return Sheet("exercises", [Block(cols, rows)])


def _assessment(c: _Ctx) -> Sheet:
    rows = ((*c.person(a.participant_key), a.dimension, a.baseline, a.final, _change(a.baseline, a.final))
            for a in c.r.assessments)
    people = Block(c.people("dimension", "baseline:dec", "final:dec", "change:dec"), rows)
    hidden = t(c.lang, "export.hidden_small_group", n=c.r.min_group)

    def means() -> Iterator[tuple]:
        for m in c.r.assessment_means:
            shown = min(m.n_baseline, m.n_final) >= c.r.min_group
            values = (m.baseline, m.final, _change(m.baseline, m.final)) if shown else (hidden,) * 3
            yield m.cohort, m.dimension, m.n_baseline, values[0], m.n_final, values[1], values[2]

    cols = c.cols("cohort", "dimension", "n_baseline:num", "mean_baseline:dec", "n_final:num", "mean_final:dec",
                  "mean_change:dec")
    title = t(c.lang, "export.means_title", n=c.r.min_group)
    return Sheet("assessment", [people, Block(cols, means(), title)])


def _commitments(c: _Ctx) -> Sheet:
    rows = ((*c.person(m.participant_key), m.module, m.what, m.with_whom, m.due, m.outcome, m.followup,
             _local(m.followed_up_at)) for m in c.r.commitments)
    cols = c.people("module", "commitment", "with_whom", "due:date", "outcome", "followup", "followed_up_at:datetime")
    return Sheet("commitments", [Block(cols, rows)])


def _attendance(c: _Ctx) -> Sheet:
    rate = {p.key: p.attendance_rate for p in c.r.participants}
    yes, no = t(c.lang, "export.yes"), t(c.lang, "export.no")
    rows = ((*c.person(a.participant_key), a.session, a.session_date, yes if a.present else no,
             rate.get(a.participant_key)) for a in c.r.attendance)
    cols = c.people("session", "session_date:date", "present", "attendance_rate:pct")
    return Sheet("attendance", [Block(cols, rows)])


def _feedback(c: _Ctx) -> Sheet:
    cols = c.cols("cohort", "feedback_kind", "target", "rating:num", "comment", "created:datetime")
    rows = ((f.cohort, f.kind, f.target, f.rating, f.comment, _local(f.created)) for f in c.r.feedback)
    return Sheet("feedback", [Block(cols, rows)])


def _change(before: float | None, after: float | None) -> float | None:
    return None if before is None or after is None else after - before


def _local(value: dt.datetime | None) -> dt.datetime | None:
    """Excel has no time zones: show Swedish wall-clock time (naive values are UTC)."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(ZONE).replace(tzinfo=None)


# ---- the writer ----------------------------------------------------------------------------


def _write_sheet(wb: Workbook, c: _Ctx, sheet: Sheet, tick, explained: list) -> None:
    ws = wb.create_sheet(t(c.lang, f"export.sheet.{sheet.key}"))
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
                row[i] = _text_cell(ws, v)
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


def _text_cell(ws, value: str) -> Cell:
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
        return _text_cell(ws, value) if value else value
    return _styled(ws, FORMATS.get(kind), value)


def _header(ws, text: str) -> Cell:
    cell = _text_cell(ws, text)
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


def _ticker(progress: Callable[[float], None] | None, r: Report) -> Callable[[int], None]:
    total = max(1, 3 * len(r.participants) + len(r.exercises) + len(r.assessments) + len(r.commitments)
                + len(r.attendance) + len(r.feedback) + len(r.cohorts))
    done = 0

    def tick(rows: int) -> None:
        nonlocal done
        done += rows
        if progress:
            progress(min(done / total, 0.99))

    return tick
