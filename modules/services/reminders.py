"""What is due to be e-mailed now: a module that opens today, tomorrow's session (with its .ics),
a commitment due for follow-up, recall questions due (spaced retrieval). Each message has a dedupe key, so running this every few
minutes queues each reminder once."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from modules.db.models import Cohort, CohortSession, Commitment, Enrolment, PlanItem, SessionRevision, User
from modules.i18n import fmt_date, fmt_time
from modules.services import calendar
from modules.services.context import Services
from modules.services.journey import cohort_today, is_locked
from modules.services.mail_messages import compose
from modules.services.outbox import address_of, enqueue

COMMITMENT_GRACE_DAYS = 7  # a commitment whose date passed longer ago is not reminded any more


def _members(db: Session, cohort_id: int) -> list[User]:
    return list(db.scalars(select(User).join(Enrolment, Enrolment.user_id == User.id)
                           .where(Enrolment.cohort_id == cohort_id, Enrolment.joined_at.is_not(None))))


def _module_opens(db: Session, svc: Services, cohort: Cohort, today: dt.date, members: list[User],
                  now: dt.datetime) -> int:
    n = 0
    for item in db.scalars(select(PlanItem).where(PlanItem.cohort_id == cohort.id, PlanItem.unlock_date <= today,
                                                  PlanItem.unlock_date >= today - dt.timedelta(days=1))):
        module = svc.program.module(item.module_id)
        if module is None or is_locked(item, today):
            continue  # e-mailed only once the app really opens it (the same rule as the reader)
        for user in members:
            msg = compose("module", user.language, name=user.name, module=module.meta.title.get(user.language),
                          cohort=cohort.name)
            n += enqueue(db, kind="module", dedupe_key=f"module:{cohort.id}:{item.module_id}:{user.id}",
                         to=address_of(user), language=user.language, message=msg, user_id=user.id,
                         cohort_id=cohort.id, not_before=now)
    return n


def _sessions_tomorrow(db: Session, svc: Services, cohort: Cohort, today: dt.date, members: list[User],
                       now: dt.datetime) -> int:
    n = 0
    sessions = db.scalars(select(CohortSession).where(CohortSession.cohort_id == cohort.id,
                                                      CohortSession.date == today + dt.timedelta(days=1)))
    for s in sessions:
        rev = db.get(SessionRevision, s.id)
        for user in members:
            ics = calendar.session_file(db, svc, cohort, s.id, user.language)
            msg = compose("session", user.language, name=user.name, title=s.title, cohort=cohort.name,
                          date=fmt_date(s.date, user.language, "full"), start=fmt_time(s.start_time, user.language),
                          place=s.place or "–")
            n += enqueue(db, kind="session", dedupe_key=f"session:{s.id}:{rev.sequence if rev else 0}:{user.id}",
                         to=address_of(user), language=user.language, message=msg, user_id=user.id,
                         cohort_id=cohort.id, attachment=(f"medled-{s.id}.ics", ics), not_before=now)
    return n


def _commitments_due(db: Session, cohort: Cohort, today: dt.date, now: dt.datetime) -> int:
    n = 0
    rows = db.execute(select(Commitment, User).join(User, User.id == Commitment.user_id)
                      .where(Commitment.cohort_id == cohort.id, Commitment.followed_up_at.is_(None),
                             Commitment.due_date <= today,
                             Commitment.due_date >= today - dt.timedelta(days=COMMITMENT_GRACE_DAYS)))
    for commitment, user in rows:
        msg = compose("commitment", user.language, name=user.name, cohort=cohort.name,
                      due=fmt_date(commitment.due_date, user.language))
        n += enqueue(db, kind="commitment", dedupe_key=f"commitment:{commitment.id}", to=address_of(user),
                     language=user.language, message=msg, user_id=user.id, cohort_id=cohort.id, not_before=now)
    return n


def _recall_due(db: Session, svc: Services, cohort: Cohort, today: dt.date, members: list[User],
                now: dt.datetime) -> int:
    from modules.services.retrieval import due_recall

    n = 0
    for user in members:
        for row in due_recall(db, svc, user.id, cohort.id, today):
            module = svc.program.module(row["module_id"])
            msg = compose("recall", user.language, name=user.name, module=module.meta.title.get(user.language))
            n += enqueue(db, kind="recall", dedupe_key=f"recall:{cohort.id}:{row['module_id']}:{row['round']}:{user.id}",
                         to=address_of(user), language=user.language, message=msg, user_id=user.id,
                         cohort_id=cohort.id, not_before=now)
    return n


def queue_due(svc: Services, now: dt.datetime) -> int:
    """Queue every reminder due at `now` (naive UTC); returns how many were queued."""
    from modules.db.engine import unit_of_work

    queued = 0
    with unit_of_work(svc.engine) as db:
        cohort_ids = list(db.scalars(select(Cohort.id).where(Cohort.end_date >= (now - dt.timedelta(days=30)).date())))
    for cohort_id in cohort_ids:  # one short transaction per cohort
        with unit_of_work(svc.engine, write=True) as db:
            cohort = db.get(Cohort, cohort_id)
            today = cohort_today(cohort.timezone, now)
            members = _members(db, cohort.id)
            queued += _module_opens(db, svc, cohort, today, members, now)
            queued += _sessions_tomorrow(db, svc, cohort, today, members, now)
            queued += _commitments_due(db, cohort, today, now)
            queued += _recall_due(db, svc, cohort, today, members, now)
    return queued
