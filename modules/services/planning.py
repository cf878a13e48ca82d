"""Cohort set-up: module plan, session schedule, attendance, copying a cohort."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo, available_timezones

from sqlalchemy import delete, select

from modules.db.engine import unit_of_work
from modules.db.models import Attendance, Cohort, CohortFacilitator, CohortSession, Enrolment, PlanItem
from modules.services import calendar, validate
from modules.services.answers import upsert_feedback
from modules.services.cohorts import unique_join_code
from modules.services.context import Actor, Services
from modules.services.errors import DomainError, NotFound
from modules.services.journey import require_participant
from modules.services.permissions import require_cohort


def get_plan(svc: Services, actor: Actor, cohort_id: int) -> list[dict]:
    with unit_of_work(svc.engine) as db:
        require_cohort(db, actor, cohort_id, manage=True)
        items = db.scalars(select(PlanItem).where(PlanItem.cohort_id == cohort_id).order_by(PlanItem.position))
        return [dict(module_id=i.module_id, unlock_date=i.unlock_date,
                     known=svc.program.module(i.module_id) is not None) for i in items]


def set_plan(svc: Services, actor: Actor, cohort_id: int, items: list[tuple[str, dt.date | None]]) -> None:
    """Replaces the plan: modules in this order, each with an optional unlock date."""
    ids = [m for m, _ in items]
    if len(set(ids)) != len(ids):
        raise DomainError("error.plan_duplicate")
    for module_id, unlock in items:
        if svc.program.module(module_id) is None:
            raise DomainError("error.plan_unknown", module=module_id)
        if unlock is not None and not isinstance(unlock, dt.date):
            raise DomainError("error.invalid", field="date")
    with unit_of_work(svc.engine, write=True) as db:
        require_cohort(db, actor, cohort_id, manage=True)
        db.execute(delete(PlanItem).where(PlanItem.cohort_id == cohort_id))
        for pos, (module_id, unlock) in enumerate(items):
            db.add(PlanItem(cohort_id=cohort_id, module_id=module_id, position=pos, unlock_date=unlock))


def _session_dict(s: CohortSession) -> dict:
    return dict(id=s.id, cohort_id=s.cohort_id, title=s.title, date=s.date, start_time=s.start_time,
                end_time=s.end_time, place=s.place, module_id=s.module_id)


def list_sessions(svc: Services, actor: Actor, cohort_id: int) -> list[dict]:
    """Facilitators and the cohort's participants see the schedule."""
    with unit_of_work(svc.engine) as db:
        require_cohort(db, actor, cohort_id)
        rows = db.scalars(select(CohortSession).where(CohortSession.cohort_id == cohort_id)
                          .order_by(CohortSession.date, CohortSession.start_time))
        return [_session_dict(s) for s in rows]


def save_session(svc: Services, actor: Actor, cohort_id: int, title: str, date: dt.date, start: dt.time,
                 end: dt.time, place: str = "", module_id: str | None = None, session_id: int | None = None) -> int:
    title = validate.text(title, "title", validate.TITLE_MAX)
    place = validate.text(place, "place", 300, required=False)
    if not isinstance(date, dt.date) or not isinstance(start, dt.time) or not isinstance(end, dt.time):
        raise DomainError("error.required", field="time")
    if end <= start:
        raise DomainError("firsthour.end_time_before_start")
    if module_id and svc.program.module(module_id) is None:
        raise DomainError("error.plan_unknown", module=module_id)
    with unit_of_work(svc.engine, write=True) as db:
        require_cohort(db, actor, cohort_id, manage=True)
        row = db.get(CohortSession, session_id) if session_id else CohortSession(cohort_id=cohort_id)
        if row is None or row.cohort_id != cohort_id:
            raise NotFound()
        before = _session_dict(row) if session_id else None
        row.title, row.date, row.start_time, row.end_time = title, date, start, end
        row.place, row.module_id = place, module_id or None
        db.add(row)
        db.flush()
        calendar.record_session_saved(db, row, changed=before is not None and before != _session_dict(row))
        return row.id


def delete_session(svc: Services, actor: Actor, session_id: int) -> None:
    with unit_of_work(svc.engine, write=True) as db:
        row = db.get(CohortSession, session_id)
        if row is None:
            raise NotFound()
        require_cohort(db, actor, row.cohort_id, manage=True)
        calendar.record_session_removed(db, row)
        db.delete(row)


def set_attendance(svc: Services, actor: Actor, session_id: int, present_enrolment_ids: set[int]) -> None:
    """Ticks who attended, by roster row: everyone on the roster, joined or only invited, is
    marked present or absent. Joining later fills in the same roster row, so the marks stay."""
    with unit_of_work(svc.engine, write=True) as db:
        session = db.get(CohortSession, session_id)
        if session is None:
            raise NotFound()
        require_cohort(db, actor, session.cohort_id, manage=True)
        roster = set(db.scalars(select(Enrolment.id).where(Enrolment.cohort_id == session.cohort_id)))
        if not set(present_enrolment_ids) <= roster:
            raise NotFound()
        db.execute(delete(Attendance).where(Attendance.session_id == session_id))
        for eid in roster:
            db.add(Attendance(session_id=session_id, enrolment_id=eid, present=eid in present_enrolment_ids))


def rate_session(svc: Services, actor: Actor, session_id: int, rating: int, comment: str) -> None:
    comment = validate.text(comment, "comment", 2000, required=False)
    if not isinstance(rating, int) or not 1 <= rating <= 5:
        raise DomainError("error.invalid", field="rating")
    with unit_of_work(svc.engine, write=True) as db:
        session = db.get(CohortSession, session_id)
        if session is None:
            raise NotFound()
        require_participant(db, actor, session.cohort_id)
        upsert_feedback(db, actor.id, session.cohort_id, "session", session_id, rating, comment)


def copy_cohort(svc: Services, actor: Actor, source_id: int, name: str, start: dt.date, end: dt.date) -> int:
    """A new cohort with the source's plan and schedule, dates shifted to the new start."""
    name = validate.text(name, "name")
    start, end = validate.date_range(start, end)
    with unit_of_work(svc.engine, write=True) as db:
        src = require_cohort(db, actor, source_id, manage=True)
        shift = start - src.start_date
        new = Cohort(org_id=src.org_id, name=name, language=src.language, start_date=start, end_date=end,
                     timezone=src.timezone, join_code=unique_join_code(db), join_open=True)
        db.add(new)
        db.flush()
        for f in db.scalars(select(CohortFacilitator).where(CohortFacilitator.cohort_id == source_id)):
            db.add(CohortFacilitator(cohort_id=new.id, user_id=f.user_id))
        if actor.is_facilitator and db.get(CohortFacilitator, (new.id, actor.id)) is None:
            db.add(CohortFacilitator(cohort_id=new.id, user_id=actor.id))
        for p in db.scalars(select(PlanItem).where(PlanItem.cohort_id == source_id)):
            db.add(PlanItem(cohort_id=new.id, module_id=p.module_id, position=p.position,
                            unlock_date=p.unlock_date + shift if p.unlock_date else None))
        for s in db.scalars(select(CohortSession).where(CohortSession.cohort_id == source_id)):
            db.add(CohortSession(cohort_id=new.id, title=s.title, date=s.date + shift, start_time=s.start_time,
                                 end_time=s.end_time, place=s.place, module_id=s.module_id))
        return new.id


def set_timezone(svc: Services, actor: Actor, cohort_id: int, tz: str) -> None:
    if tz not in available_timezones():
        raise DomainError("error.invalid", field="timezone")
    ZoneInfo(tz)
    with unit_of_work(svc.engine, write=True) as db:
        require_cohort(db, actor, cohort_id, manage=True).timezone = tz
