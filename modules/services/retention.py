"""Deleting finished cohorts: by an administrator (typing the cohort's name) or by the purge
command for cohorts past the retention period (MEDLED_RETENTION_DAYS). Every deletion is logged."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, func, select

from modules.db.engine import unit_of_work
from modules.db.models import Cohort, Enrolment, ExportLog, Organisation
from modules.services.context import Actor, Services
from modules.services.errors import DomainError, NotFound
from modules.services.permissions import require_admin


def _ended_before(db, before: dt.date) -> list[dict]:
    joined = (select(Enrolment.cohort_id, func.count().label("n")).where(Enrolment.joined_at.is_not(None))
              .group_by(Enrolment.cohort_id).subquery())
    rows = db.execute(select(Cohort.id, Cohort.name, Organisation.name, Cohort.end_date, joined.c.n)
                      .join(Organisation).outerjoin(joined, joined.c.cohort_id == Cohort.id)
                      .where(Cohort.end_date < before).order_by(Cohort.end_date, Cohort.id)).all()
    return [dict(id=i, name=n, organisation=o, end_date=e, participants=p or 0) for i, n, o, e, p in rows]


def past_retention(svc: Services, actor: Actor, today: dt.date | None = None) -> list[dict]:
    """Cohorts that ended more than MEDLED_RETENTION_DAYS ago (admins only)."""
    require_admin(actor)
    before = (today or dt.date.today()) - dt.timedelta(days=svc.settings.retention_days)
    with unit_of_work(svc.engine) as db:
        return _ended_before(db, before)


def finished_cohorts(svc: Services, actor: Actor, today: dt.date | None = None) -> list[dict]:
    """Every cohort that has ended (admins only): the ones an admin may delete."""
    require_admin(actor)
    with unit_of_work(svc.engine) as db:
        return _ended_before(db, today or dt.date.today())


def delete_cohort(svc: Services, actor: Actor, cohort_id: int, typed_name: str) -> None:
    """Deletes a finished cohort and everything in it, once the admin has typed its name."""
    require_admin(actor)
    with unit_of_work(svc.engine, write=True) as db:
        cohort = db.get(Cohort, cohort_id)
        if cohort is None:
            raise NotFound()
        if cohort.end_date >= dt.date.today():
            raise DomainError("privacy.error.not_finished")
        if (typed_name or "").strip() != cohort.name.strip():
            raise DomainError("privacy.error.name_mismatch")
        _erase_cohort(db, cohort, actor.id, "delete_cohort")


def purge(svc: Services, ended_before: dt.date, *, yes: bool = False) -> list[dict]:
    """The cohorts that ended before the date; deleted (and logged) only when yes=True."""
    with unit_of_work(svc.engine, write=yes) as db:
        found = _ended_before(db, ended_before)
        if yes:
            for row in found:
                _erase_cohort(db, db.get(Cohort, row["id"]), None, "purge")
    return found


def _erase_cohort(db, cohort: Cohort, by: int | None, what: str) -> None:
    """The cohort row goes, and with it (ON DELETE CASCADE) its plan, sessions, attendance,
    enrolments, answers, commitments, feedback and reading marks. Accounts stay."""
    db.add(ExportLog(user_id=by, what=what, target_id=cohort.id, detail=cohort.name[:250]))
    db.execute(delete(Cohort).where(Cohort.id == cohort.id))
