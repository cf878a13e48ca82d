"""The cohort/organisation report as one Excel workbook (openpyxl write-only: flat memory).

Sheets are plain tables (header, explanation and kind per column; rows as tuples) streamed by
one small writer. User text never becomes a formula: text starting with = + - @ # tab or CR is
written as a cell with data_type "s", visibly unchanged; characters XML cannot hold are
dropped; CR and a literal "_xHHHH_" get OOXML escapes, so Excel and LibreOffice show exactly
what was written. Times are Swedish wall-clock time (naive = UTC, as in i18n.fmt_datetime).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from io import BytesIO
from zoneinfo import ZoneInfo

from openpyxl import Workbook

from modules.exports.live_sheets import live_sheets
from modules.exports.report import Report
from modules.exports.xlsx import DATETIME, PCT, TEXT, Block, Column, Sheet, write_sheet
from modules.i18n import t

ZONE = ZoneInfo("Europe/Stockholm")


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
        title_key = sheet.key if "." in sheet.key else f"export.sheet.{sheet.key}"  # "live.sheet.x": own catalog
        write_sheet(wb, t(ctx.lang, title_key), sheet, tick, explained)
    explain = ctx.cols("sheet", "column", "explanation")
    explained += [(t(ctx.lang, "export.sheet.columns"), col.header, col.help) for col in explain]
    write_sheet(wb, t(ctx.lang, "export.sheet.columns"), Sheet("columns", [Block(explain, explained)]), tick, [])
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
    yield from live_sheets(c)


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
    status["deleted"] = t(c.lang, "privacy.deleted_participant")

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
    """Group means only: no individual self-assessment score is ever written (the privacy rule)."""
    hidden = t(c.lang, "export.hidden_small_group", n=c.r.min_group)

    def means() -> Iterator[tuple]:
        for m in c.r.assessment_means:
            shown = min(m.n_baseline, m.n_final) >= c.r.min_group
            values = (m.baseline, m.final, _change(m.baseline, m.final)) if shown else (hidden,) * 3
            yield m.cohort, m.dimension, m.n_baseline, values[0], m.n_final, values[1], values[2]

    cols = c.cols("cohort", "dimension", "n_baseline:num", "mean_baseline:dec", "n_final:num", "mean_final:dec",
                  "mean_change:dec")
    return Sheet("assessment", [Block(cols, means())])


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


def _ticker(progress: Callable[[float], None] | None, r: Report) -> Callable[[int], None]:
    total = max(1, 3 * len(r.participants) + len(r.exercises) + len(r.commitments)
                + len(r.attendance) + len(r.feedback) + len(r.cohorts))
    done = 0

    def tick(rows: int) -> None:
        nonlocal done
        done += rows
        if progress:
            progress(min(done / total, 0.99))

    return tick
