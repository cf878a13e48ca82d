"""Rotating meeting roles: an editable list per cohort, drawn among those present per session.

The draw rotates: everyone present is ranked by how many roles they have had in this cohort,
fewest first (random among equals), so nobody gets a role again before everyone present has
had one. A new draw for the same session replaces that session's roles; all draws are kept.
"""

from __future__ import annotations

import random

from sqlalchemy import delete, func, select

from modules.curriculum.live_templates import templates
from modules.db.engine import unit_of_work
from modules.db.models import Attendance, CohortSession, Enrolment, MeetingRoleList, RoleAssignment, User
from modules.services.context import Actor, Services
from modules.services.errors import DomainError, NotFound
from modules.services.journey import require_participant
from modules.services.permissions import require_cohort

ROLE_MAX = 80


def describe(role: str, lang: str) -> dict:
    """A role's name and one-line description; a custom role is shown as written."""
    for t in templates().roles:
        if t.key == role:
            return {"role": role, "name": t.name.get(lang), "description": t.description.get(lang)}
    return {"role": role, "name": role, "description": ""}


def _roles(db, cohort_id: int) -> list[str]:
    row = db.get(MeetingRoleList, cohort_id)
    return list(row.roles) if row is not None else [t.key for t in templates().roles]


def role_list(svc: Services, actor: Actor, cohort_id: int) -> list[dict]:
    with unit_of_work(svc.engine) as db:
        require_cohort(db, actor, cohort_id, manage=True)
        return [describe(r, actor.language) for r in _roles(db, cohort_id)]


def set_role_list(svc: Services, actor: Actor, cohort_id: int, names: list[str]) -> None:
    """Names as the facilitator typed them; a program role's name maps back to its key."""
    by_name = {t.name.get(lang).casefold(): t.key for t in templates().roles for lang in ("sv", "en")}
    roles: list[str] = []
    for raw in names:
        name = " ".join(str(raw or "").split())
        if not name:
            continue
        if len(name) > ROLE_MAX:
            raise DomainError("live.error.too_long", n=ROLE_MAX)
        key = by_name.get(name.casefold(), name)
        if key not in roles:
            roles.append(key)
    if not roles:
        raise DomainError("live.error.no_roles")
    with unit_of_work(svc.engine, write=True) as db:
        require_cohort(db, actor, cohort_id, manage=True)
        row = db.get(MeetingRoleList, cohort_id) or MeetingRoleList(cohort_id=cohort_id)
        row.roles = roles
        db.add(row)


def draw_roles(svc: Services, actor: Actor, session_id: int, rng: random.Random | None = None) -> list[dict]:
    """Draw the cohort's roles among the participants marked present at the session."""
    rng = rng or random.SystemRandom()
    with unit_of_work(svc.engine, write=True) as db:
        session = db.get(CohortSession, session_id)
        if session is None:
            raise NotFound()
        require_cohort(db, actor, session.cohort_id, manage=True)
        # attendance is kept per roster row; only people who have joined can hold a role
        present = list(db.scalars(select(Enrolment.user_id).join(Attendance, Attendance.enrolment_id == Enrolment.id)
                                  .where(Attendance.session_id == session_id, Attendance.present.is_(True),
                                         Enrolment.user_id.is_not(None)).order_by(Enrolment.user_id)))
        if not present:
            raise DomainError("live.error.nobody_present")
        db.execute(delete(RoleAssignment).where(RoleAssignment.session_id == session_id))
        had = dict(db.execute(
            select(RoleAssignment.user_id, func.count())
            .join(CohortSession, CohortSession.id == RoleAssignment.session_id)
            .where(CohortSession.cohort_id == session.cohort_id).group_by(RoleAssignment.user_id)).all())
        ranked = sorted(present, key=lambda uid: (had.get(uid, 0), rng.random()))
        roles = _roles(db, session.cohort_id)
        for role, uid in zip(roles, ranked, strict=False):
            db.add(RoleAssignment(session_id=session_id, user_id=uid, role=role))
    return session_roles(svc, actor, session_id)


def session_roles(svc: Services, actor: Actor, session_id: int) -> list[dict]:
    """Who has which role at a session: staff of the cohort and its participants may see it."""
    with unit_of_work(svc.engine) as db:
        session = db.get(CohortSession, session_id)
        if session is None:
            raise NotFound()
        require_cohort(db, actor, session.cohort_id)
        rows = db.execute(select(RoleAssignment.role, RoleAssignment.user_id, User.name)
                          .join(User, User.id == RoleAssignment.user_id)
                          .where(RoleAssignment.session_id == session_id).order_by(RoleAssignment.id)).all()
    return [describe(role, actor.language) | {"user_id": uid, "who": name} for role, uid, name in rows]


def history(svc: Services, actor: Actor, cohort_id: int) -> list[dict]:
    """Every drawn role of the cohort, by session (dashboard and export)."""
    with unit_of_work(svc.engine) as db:
        require_cohort(db, actor, cohort_id, manage=True)
        rows = db.execute(
            select(CohortSession.id, CohortSession.title, CohortSession.date, RoleAssignment.role,
                   func.coalesce(Enrolment.name, User.name))
            .join(RoleAssignment, RoleAssignment.session_id == CohortSession.id)
            .join(User, User.id == RoleAssignment.user_id)
            .outerjoin(Enrolment, (Enrolment.user_id == User.id) & (Enrolment.cohort_id == cohort_id))
            .where(CohortSession.cohort_id == cohort_id)
            .order_by(CohortSession.date, CohortSession.start_time, RoleAssignment.id)).all()
    return [dict(session_id=sid, session=title, date=date, who=who, **describe(role, actor.language))
            for sid, title, date, role, who in rows]


def my_roles(svc: Services, actor: Actor, cohort_id: int) -> list[dict]:
    """The participant's own roles in the cohort, newest session first."""
    with unit_of_work(svc.engine) as db:
        require_participant(db, actor, cohort_id)
        rows = db.execute(select(CohortSession.title, CohortSession.date, RoleAssignment.role)
                          .join(RoleAssignment, RoleAssignment.session_id == CohortSession.id)
                          .where(CohortSession.cohort_id == cohort_id, RoleAssignment.user_id == actor.id)
                          .order_by(CohortSession.date.desc())).all()
    return [dict(session=title, date=date, **describe(role, actor.language)) for title, date, role in rows]


def latest_session_roles(svc: Services, actor: Actor, cohort_id: int) -> dict | None:
    """The roles of the cohort's latest session that has a draw (shown to its participants)."""
    with unit_of_work(svc.engine) as db:
        require_cohort(db, actor, cohort_id)
        row = db.execute(select(CohortSession.id, CohortSession.title, CohortSession.date)
                         .join(RoleAssignment, RoleAssignment.session_id == CohortSession.id)
                         .where(CohortSession.cohort_id == cohort_id)
                         .order_by(CohortSession.date.desc(), CohortSession.start_time.desc()).limit(1)).first()
    if row is None:
        return None
    return {"session": row.title, "date": row.date, "roles": session_roles(svc, actor, row.id)}
