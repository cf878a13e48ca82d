"""The cohort and organisation reports (for the Excel export), with the export log.

Permission is checked here; modules/exports/excel.py only formats what this returns.
What a report may contain is decided by modules/services/privacy.py: answers and commitments
only where the participant shared them, self-assessment scores only as group means.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from sqlalchemy import select

from modules.db.engine import unit_of_work
from modules.db.models import (
    Answer,
    Attendance,
    Cohort,
    CohortSession,
    Commitment,
    ExportLog,
    Organisation,
    User,
    utcnow,
)
from modules.exports import report as R
from modules.exports.excel import build_report_workbook
from modules.i18n import t
from modules.services import dashboard, live_report, privacy
from modules.services.aggregates import assessment_change, feedback_summary
from modules.services.context import Actor, Services
from modules.services.errors import PermissionDenied
from modules.services.permissions import require_admin, require_cohort
from modules.services.summaries import summarise


def pseudonym(org_id: int, user_or_enrolment: str) -> str:
    """Stable across exports of the same organisation; reveals nothing about the person."""
    digest = hashlib.sha256(f"medled:{org_id}:{user_or_enrolment}".encode()).hexdigest()[:6].upper()
    return f"P-{digest}"


def _scope(db, actor, cohort_id, org_id) -> tuple[list[int], int, str, str]:
    if cohort_id is not None:
        cohort = require_cohort(db, actor, cohort_id, manage=True)
        return [cohort_id], cohort.org_id, "cohort", cohort.name
    if org_id is not None:
        ids = dashboard.visible_cohort_ids(db, actor, org_id)
        return ids, org_id, "organisation", db.get(Organisation, org_id).name
    raise PermissionDenied()


def build_report(svc: Services, actor: Actor, *, cohort_id: int | None = None, org_id: int | None = None) -> R.Report:
    lang = actor.language
    with unit_of_work(svc.engine) as db:
        cohort_ids, org, scope, title = _scope(db, actor, cohort_id, org_id)
        cohorts = {c.id: c for c in db.scalars(select(Cohort).where(Cohort.id.in_(cohort_ids)))}
        org_name = db.get(Organisation, org).name
        people = dashboard.participants_of(db, cohort_ids)
        plans = dashboard.plans_of(db, svc, cohort_ids)
        grid = dashboard.progress_grid(db, svc, cohort_ids, people, plans)
        answers = db.execute(select(Answer.id, Answer.cohort_id, Answer.user_id, Answer.module_id, Answer.exercise_id,
                                    Answer.status, Answer.updated_at, Answer.visibility, Answer.kind)
                             .where(Answer.cohort_id.in_(cohort_ids))).all()
        data = dict(db.execute(select(Answer.id, Answer.data).where(Answer.cohort_id.in_(cohort_ids),
                                                                     privacy.staff_may_see())).all())
        commitments = db.scalars(select(Commitment).join(Answer, Answer.id == Commitment.answer_id)
                                 .where(Commitment.cohort_id.in_(cohort_ids), privacy.staff_may_see())).all()
        sessions = db.scalars(select(CohortSession).where(CohortSession.cohort_id.in_(cohort_ids))
                              .order_by(CohortSession.date)).all()
        marks = db.execute(select(Attendance.session_id, Attendance.enrolment_id, Attendance.present)
                           .where(Attendance.session_id.in_([s.id for s in sessions]))).all()
        assessment = assessment_change(db, svc, cohort_ids)
        feedback = feedback_summary(db, svc, cohort_ids, lang)
    report = R.Report(title=f"{org_name} – {title}" if scope == "cohort" else org_name, scope=scope, language=lang,
                      generated_at=utcnow(), generated_by=actor.name, min_group=svc.settings.min_group_size)
    keys, by_enrolment = _participants(report, people, grid, org, marks)
    report.cohorts = _cohort_summaries(report.participants, cohorts, org_name)
    seen_modules = []
    for plan in plans.values():
        seen_modules += [m for m in plan if m not in seen_modules]
    report.modules = [(m.id, m.meta.title.get(lang)) for m in seen_modules]
    report.progress = [R.ProgressCell(keys[(p["cohort_id"], p["user_id"])], mid, share)
                       for p in people if p["user_id"] for mid, share in grid.get((p["cohort_id"], p["user_id"]), {}).items()]
    _exercises(svc, report, people, plans, answers, data, keys, lang)
    report.assessment_means = [R.AssessmentMean(report.title, r["title"].get(lang), r["n_baseline"], r["baseline"],
                                                r["n_final"], r["final"]) for r in assessment]
    module_of = {a.id: a.module_id for a in answers}
    titles = {m.id: m.meta.title.get(lang) for m in svc.program.modules}
    report.commitments = [R.CommitmentRow(keys[(c.cohort_id, c.user_id)], titles.get(module_of.get(c.answer_id), ""),
                                          c.what,
                                          c.with_whom, c.due_date, t(lang, f"outcome.{c.outcome}") if c.outcome else "",
                                          c.followup or "", c.followed_up_at)
                          for c in commitments if (c.cohort_id, c.user_id) in keys]
    by_id = {s.id: s for s in sessions}
    report.attendance = [R.AttendanceRow(by_enrolment[eid], by_id[sid].title, by_id[sid].date, present)
                         for sid, eid, present in marks if eid in by_enrolment]
    report.feedback = [R.FeedbackRow(c["cohort"], t(lang, f"dash.kind.{c['kind']}"), c["target"], c["rating"],
                                     c["comment"], c["created"]) for c in feedback["comments"]]
    live_report.fill(svc, report, {cid: c.name for cid, c in cohorts.items()}, keys, lang)
    return report


def _participants(report, people, grid, org, marks) -> tuple[dict, dict]:
    """Participant rows; keys by (cohort, user) for joined people and by enrolment for everyone."""
    present: dict[int, list[bool]] = {}
    for _sid, eid, is_present in marks:
        present.setdefault(eid, []).append(is_present)
    keys, by_enrolment = {}, {}
    for p in people:
        shares = grid.get((p["cohort_id"], p["user_id"]), {})
        key = f"{p['cohort_id']}:{p['user_id'] or 'e' + str(p['enrolment_id'])}"
        if p["user_id"]:
            keys[(p["cohort_id"], p["user_id"])] = key
        by_enrolment[p["enrolment_id"]] = key
        marks_for = present.get(p["enrolment_id"], [])
        report.participants.append(R.ParticipantRow(
            key=key, pseudonym=pseudonym(org, f"u{p['user_id']}" if p["user_id"] else f"e{p['enrolment_id']}"),
            name=t(report.language, "privacy.deleted_participant") if p["deleted"] else p["name"],
            email=p["email"], cohort=p["cohort"], status="deleted" if p["deleted"] else
            "joined" if p["joined_at"] else "invited", joined_at=p["joined_at"], last_active=p["last_active"],
            completion=sum(shares.values()) / len(shares) if shares else 0.0,
            attendance_rate=(sum(marks_for) / len(marks_for)) if marks_for else None))
    return keys, by_enrolment


def _cohort_summaries(participants, cohorts, org_name) -> list[R.CohortSummary]:
    week = utcnow() - dt.timedelta(days=7)
    out = []
    for c in sorted(cohorts.values(), key=lambda c: (c.start_date, c.name)):
        rows = [p for p in participants if p.key.startswith(f"{c.id}:")]
        joined = [p for p in rows if p.status != "invited"]  # a deleted participant had joined
        out.append(R.CohortSummary(
            cohort_id=c.id, name=c.name, organisation=org_name, start_date=c.start_date, end_date=c.end_date,
            invited=len(rows), joined=len(joined),
            active_7d=sum(1 for p in joined if p.last_active and p.last_active >= week),
            completion=sum(p.completion for p in joined) / len(joined) if joined else 0.0))
    return out


def _exercises(svc, report, people, plans, answers, data, keys, lang) -> None:
    by_key = {(a.cohort_id, a.user_id, a.module_id, a.exercise_id): a for a in answers}
    status_text = {s: t(lang, f"status.{s}") for s in ("draft", "done", "not_started")}
    per_module = {}  # module id -> (module title, [(exercise, title)])
    for plan in plans.values():
        for m in plan:
            per_module.setdefault(m.id, (m.meta.title.get(lang), [(ex, ex.title.get(lang)) for ex in m.meta.exercises]))
    rows = report.exercises
    for p in people:
        if not p["user_id"]:
            continue
        cid, uid = p["cohort_id"], p["user_id"]
        pkey = keys[(cid, uid)]
        for m in plans.get(cid, []):
            mtitle, exercises = per_module[m.id]
            for ex, title in exercises:
                a = by_key.get((cid, uid, m.id, ex.id))
                if a is None:
                    rows.append(R.ExerciseRow(pkey, mtitle, title, status_text["not_started"], None, None))
                    continue
                shared = privacy.may_see_answer(privacy.STAFF, a.kind, a.visibility)
                rows.append(R.ExerciseRow(pkey, mtitle, title, status_text[a.status], a.updated_at,
                                          summarise(svc.program, ex, data.get(a.id), lang) if shared else None))


def export_workbook(svc: Services, actor: Actor, *, cohort_id: int | None = None, org_id: int | None = None,
                    pseudonymise: bool = False, progress=None) -> bytes:
    """Builds the workbook and records who exported what, when."""
    report = build_report(svc, actor, cohort_id=cohort_id, org_id=org_id)
    data = build_report_workbook(report, pseudonymise=pseudonymise, progress=progress)
    with unit_of_work(svc.engine, write=True) as db:
        db.add(ExportLog(user_id=actor.id, what="cohort" if cohort_id is not None else "organisation",
                         target_id=cohort_id if cohort_id is not None else org_id,
                         detail=("pseudonymised; " if pseudonymise else "") + report.title[:250]))
    return data


def export_log(svc: Services, actor: Actor, limit: int = 500) -> list[dict]:
    require_admin(actor)
    with unit_of_work(svc.engine) as db:
        rows = db.execute(select(ExportLog, User.name).outerjoin(User, User.id == ExportLog.user_id)
                          .order_by(ExportLog.created_at.desc()).limit(limit)).all()
        return [dict(when=e.created_at, who=name or "–", what=e.what, target_id=e.target_id, detail=e.detail)
                for e, name in rows]
