"""Calendars: a cohort's sessions as .ics, a revocable subscription address per cohort,
and the calendar identity (SEQUENCE, cancellations) that keeps Outlook and Google in step."""

from __future__ import annotations

import datetime as dt
import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from modules.db.engine import unit_of_work
from modules.db.models import CalendarFeed, Cohort, CohortSession, SessionRevision, utcnow
from modules.exports.calendar import CalendarEvent, build_calendar
from modules.services.context import Actor, Services
from modules.services.errors import NotFound
from modules.services.permissions import require_cohort

TOKEN_BYTES = 24


def _starts(s: CohortSession) -> tuple[dt.datetime, dt.datetime]:
    return dt.datetime.combine(s.date, s.start_time), dt.datetime.combine(s.date, s.end_time)


def record_session_saved(db: Session, session: CohortSession, changed: bool) -> None:
    """Called in the same unit of work as the save: a changed session gets a higher SEQUENCE."""
    starts, ends = _starts(session)
    rev = db.get(SessionRevision, session.id)
    if rev is None:
        db.add(SessionRevision(session_id=session.id, cohort_id=session.cohort_id, sequence=0,
                               title=session.title, starts_at=starts, ends_at=ends))
        return
    if changed:
        rev.sequence += 1
        rev.updated_at = utcnow()
    rev.title, rev.starts_at, rev.ends_at = session.title, starts, ends


def record_session_removed(db: Session, session: CohortSession) -> None:
    """A removed session stays in the calendar as cancelled, with a higher SEQUENCE."""
    starts, ends = _starts(session)
    rev = db.get(SessionRevision, session.id)
    if rev is None:
        rev = SessionRevision(session_id=session.id, cohort_id=session.cohort_id, sequence=0)
        db.add(rev)
    rev.sequence = (rev.sequence or 0) + 1
    rev.title, rev.starts_at, rev.ends_at = session.title, starts, ends
    rev.cancelled_at = rev.updated_at = utcnow()


def _uid(cohort: Cohort, session_id: int) -> str:
    return f"session-{session_id}.cohort-{cohort.id}.{cohort.created_at:%Y%m%d%H%M%S}@medled"


def _events(db: Session, svc: Services, cohort: Cohort, lang: str, session_id: int | None) -> list[CalendarEvent]:
    revs = {r.session_id: r for r in db.scalars(select(SessionRevision).where(SessionRevision.cohort_id == cohort.id))}
    query = select(CohortSession).where(CohortSession.cohort_id == cohort.id)
    if session_id is not None:
        query = query.where(CohortSession.id == session_id)
    events = []
    for s in db.scalars(query.order_by(CohortSession.date, CohortSession.start_time)):
        module = svc.program.module(s.module_id) if s.module_id else None
        starts, ends = _starts(s)
        rev = revs.get(s.id)
        events.append(CalendarEvent(uid=_uid(cohort, s.id), sequence=rev.sequence if rev else 0, title=s.title,
                                    starts_at=starts, ends_at=ends, place=s.place or "",
                                    prepare=module.meta.title.get(lang) if module else ""))
    if session_id is None:
        for rev in revs.values():
            if rev.cancelled_at is not None:
                events.append(CalendarEvent(uid=_uid(cohort, rev.session_id), sequence=rev.sequence,
                                            title=rev.title, starts_at=rev.starts_at, ends_at=rev.ends_at,
                                            cancelled=True))
    elif not events:
        raise NotFound()
    return events


def session_file(db: Session, svc: Services, cohort: Cohort, session_id: int, lang: str) -> bytes:
    """One session's .ics inside the caller's unit of work (for e-mail attachments)."""
    return build_calendar(cohort.name, cohort.timezone, _events(db, svc, cohort, lang, session_id), lang)


GROUP_MEETING = dt.timedelta(hours=1)


def _group_events(db: Session, actor: Actor, cohort: Cohort) -> list[CalendarEvent]:
    """A participant's learning group's next meeting (only in their own file, never in the feed)."""
    from modules.db.models import LearningGroup, LearningGroupMember
    from modules.i18n import t

    group = db.scalar(select(LearningGroup).join(LearningGroupMember, LearningGroupMember.group_id == LearningGroup.id)
                      .where(LearningGroupMember.cohort_id == cohort.id, LearningGroupMember.user_id == actor.id))
    if group is None or group.next_meeting_at is None:
        return []
    return [CalendarEvent(uid=f"group-{group.id}.cohort-{cohort.id}.{cohort.created_at:%Y%m%d%H%M%S}@medled",
                          sequence=group.meeting_sequence or 0, title=t(actor.language, "groups.ics_title", name=group.name),
                          starts_at=group.next_meeting_at, ends_at=group.next_meeting_at + GROUP_MEETING)]


def cohort_calendar(svc: Services, actor: Actor, cohort_id: int, session_id: int | None = None) -> bytes:
    """The .ics of a cohort's sessions (or of one session) for its facilitators and participants;
    a participant's whole-cohort file also holds their learning group's next meeting."""
    with unit_of_work(svc.engine) as db:
        cohort = require_cohort(db, actor, cohort_id)
        events = _events(db, svc, cohort, actor.language, session_id)
        if session_id is None and actor.role == "participant":
            events += _group_events(db, actor, cohort)
        return build_calendar(cohort.name, cohort.timezone, events, actor.language)


def calendar_for_token(svc: Services, token: str) -> bytes | None:
    """The subscription feed: None for an unknown or revoked token."""
    if not token or len(token) > 64:
        return None
    with unit_of_work(svc.engine) as db:
        feed = db.scalar(select(CalendarFeed).where(CalendarFeed.token == token, CalendarFeed.revoked_at.is_(None)))
        if feed is None:
            return None
        cohort = db.get(Cohort, feed.cohort_id)
        return build_calendar(cohort.name, cohort.timezone, _events(db, svc, cohort, cohort.language, None),
                              cohort.language)


def feed_token(svc: Services, actor: Actor, cohort_id: int) -> str:
    """The cohort's current subscription token, created on first use."""
    with unit_of_work(svc.engine, write=True) as db:
        require_cohort(db, actor, cohort_id)
        feed = db.scalar(select(CalendarFeed).where(CalendarFeed.cohort_id == cohort_id,
                                                    CalendarFeed.revoked_at.is_(None)))
        if feed is None:
            feed = CalendarFeed(cohort_id=cohort_id, token=secrets.token_urlsafe(TOKEN_BYTES), created_by=actor.id)
            db.add(feed)
        return feed.token


def rotate_feed(svc: Services, actor: Actor, cohort_id: int) -> str:
    """Facilitators: revoke the current address (old subscriptions stop updating) and make a new one."""
    with unit_of_work(svc.engine, write=True) as db:
        require_cohort(db, actor, cohort_id, manage=True)
        for feed in db.scalars(select(CalendarFeed).where(CalendarFeed.cohort_id == cohort_id,
                                                          CalendarFeed.revoked_at.is_(None))):
            feed.revoked_at = utcnow()
        feed = CalendarFeed(cohort_id=cohort_id, token=secrets.token_urlsafe(TOKEN_BYTES), created_by=actor.id)
        db.add(feed)
        return feed.token
