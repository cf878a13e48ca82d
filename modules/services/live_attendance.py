"""Attendance from the live check-in: who answered it is marked present, then corrected by hand."""

from __future__ import annotations

from sqlalchemy import select

from modules.db.engine import unit_of_work
from modules.db.models import Attendance, CohortSession, Enrolment, LiveActivity, LiveAnswer
from modules.services.context import Actor, Services
from modules.services.errors import NotFound
from modules.services.permissions import require_cohort
from modules.services.planning import set_attendance


def checkin_respondents(db, session_id: int) -> set[int]:
    """Who answered any check-in of the session (used for attendance only, never shown with answers)."""
    return set(db.scalars(select(LiveAnswer.user_id).join(LiveActivity, LiveActivity.id == LiveAnswer.activity_id)
                          .where(LiveActivity.session_id == session_id, LiveActivity.kind == "checkin")))


def mark_present_from_checkin(svc: Services, actor: Actor, session_id: int) -> int:
    """Mark everyone who answered the session's check-in present (keeping those already marked),
    through the attendance service, which the facilitator can then correct by hand."""
    with unit_of_work(svc.engine) as db:
        session = db.get(CohortSession, session_id)
        if session is None:
            raise NotFound()
        require_cohort(db, actor, session.cohort_id, manage=True)
        answered = checkin_respondents(db, session_id)
        # attendance is kept per roster row: the respondents' rows in this cohort
        rows = set(db.scalars(select(Enrolment.id).where(Enrolment.cohort_id == session.cohort_id,
                                                         Enrolment.user_id.in_(answered)))) if answered else set()
        already = set(db.scalars(select(Attendance.enrolment_id).where(Attendance.session_id == session_id,
                                                                       Attendance.present.is_(True))))
    set_attendance(svc, actor, session_id, rows | already)
    return len(answered)
