"""Facilitator dashboards: per cohort and per organisation across its cohorts.

Everything is aggregated in a few grouped queries, so a dashboard for thousands of
participants stays well under half a second (see BENCHMARKS.md).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from sqlalchemy import func, select

from modules.db.engine import unit_of_work
from modules.db.models import (
    Answer,
    Attendance,
    Cohort,
    CohortFacilitator,
    CohortSession,
    Commitment,
    Enrolment,
    Organisation,
    PlanItem,
    SectionRead,
    User,
    utcnow,
)
from modules.i18n import t
from modules.services import privacy
from modules.services.aggregates import assessment_change, feedback_summary
from modules.services.aggregates import assessment_pairs as assessment_pairs  # re-exported
from modules.services.context import Actor, Services
from modules.services.errors import PermissionDenied
from modules.services.permissions import require_cohort, require_org


def visible_cohort_ids(db, actor: Actor, org_id: int) -> list[int]:
    """An admin sees every cohort of the organisation; a facilitator only the ones they run."""
    require_org(db, actor, org_id)
    q = select(Cohort.id).where(Cohort.org_id == org_id)
    if not actor.is_admin:
        q = q.join(CohortFacilitator, CohortFacilitator.cohort_id == Cohort.id).where(
            CohortFacilitator.user_id == actor.id)
    return list(db.scalars(q))


def participants_of(db, cohort_ids: list[int]) -> list[dict]:
    rows = db.execute(
        select(Enrolment.id, Enrolment.user_id, Enrolment.cohort_id, Cohort.name, Enrolment.name, Enrolment.email,
               Enrolment.joined_at, Enrolment.invited_at, User.last_active_at)
        .join(Cohort, Cohort.id == Enrolment.cohort_id)
        .outerjoin(User, User.id == Enrolment.user_id).where(Enrolment.cohort_id.in_(cohort_ids))
    ).all()
    return [dict(enrolment_id=eid, user_id=uid, cohort_id=cid, cohort=cname, name=name, email=email or "",
                 joined_at=joined, invited_at=invited, last_active=last, deleted=uid is None and joined is not None)
            for eid, uid, cid, cname, name, email, joined, invited, last in rows]


def plans_of(db, svc: Services, cohort_ids: list[int]) -> dict[int, list]:
    plans: dict[int, list] = defaultdict(list)
    for item in db.scalars(select(PlanItem).where(PlanItem.cohort_id.in_(cohort_ids)).order_by(PlanItem.position)):
        module = svc.program.module(item.module_id)
        if module is not None:
            plans[item.cohort_id].append(module)
    return plans


def _counts(db, model, cohort_ids, extra=()) -> dict:
    q = select(model.cohort_id, model.user_id, model.module_id, func.count()).where(
        model.cohort_id.in_(cohort_ids), *extra).group_by(model.cohort_id, model.user_id, model.module_id)
    return {(c, u, m): n for c, u, m, n in db.execute(q)}


def progress_grid(db, svc, cohort_ids, people, plans) -> dict:
    """{(cohort_id, user_id): {module_id: share}} for joined participants."""
    reads = _counts(db, SectionRead, cohort_ids)
    done = _counts(db, Answer, cohort_ids, (Answer.status == "done",))
    grid = {}
    for p in people:
        if p["user_id"] is None:
            continue
        shares = {}
        for m in plans.get(p["cohort_id"], []):
            key = (p["cohort_id"], p["user_id"], m.id)
            units = len(m.meta.sections) + len(m.meta.exercises)
            shares[m.id] = min(1.0, (reads.get(key, 0) + done.get(key, 0)) / units) if units else 0.0
        grid[(p["cohort_id"], p["user_id"])] = shares
    return grid


def overview(svc: Services, actor: Actor, *, cohort_id: int | None = None, org_id: int | None = None) -> dict:
    """Headline figures, progress grid, nudges, assessment change and feedback."""
    with unit_of_work(svc.engine) as db:
        if cohort_id is not None:
            require_cohort(db, actor, cohort_id, manage=True)
            cohort_ids = [cohort_id]
        elif org_id is not None:
            cohort_ids = visible_cohort_ids(db, actor, org_id)
        else:
            raise PermissionDenied()
        people = participants_of(db, cohort_ids)
        plans = plans_of(db, svc, cohort_ids)
        grid = progress_grid(db, svc, cohort_ids, people, plans)
        overdue = dict(db.execute(
            select(Commitment.user_id, func.count()).where(
                Commitment.cohort_id.in_(cohort_ids), Commitment.followed_up_at.is_(None),
                Commitment.due_date < dt.date.today()).group_by(Commitment.user_id)).all())
        assessment = assessment_change(db, svc, cohort_ids)
        feedback = feedback_summary(db, svc, cohort_ids, actor.language)
    return _assemble(svc, actor, people, plans, grid, overdue, assessment, feedback)


def _assemble(svc, actor, people, plans, grid, overdue, assessment, feedback) -> dict:
    now = utcnow()
    week, idle = now - dt.timedelta(days=7), now - dt.timedelta(days=svc.settings.inactive_days)
    joined = [p for p in people if p["joined_at"] is not None]
    rows = []
    deleted = t(actor.language, "privacy.deleted_participant")
    for p in joined:
        if p["deleted"]:  # the account was deleted: counted, never named, never nudged
            rows.append(p | dict(name=deleted, shares={}, completion=0.0, nudge=[], overdue=0))
            continue
        shares = grid.get((p["cohort_id"], p["user_id"]), {})
        completion = sum(shares.values()) / len(shares) if shares else 0.0
        reasons = []
        if p["last_active"] is None or p["last_active"] < idle:
            reasons.append("inactive")
        if overdue.get(p["user_id"]):
            reasons.append("overdue")
        if not any(shares.values()):
            reasons.append("not_started")
        rows.append(p | dict(shares=shares, completion=completion, nudge=reasons,
                             overdue=overdue.get(p["user_id"], 0)))
    modules = []
    for plan in plans.values():
        modules += [m for m in plan if m not in modules]
    return dict(
        invited=len(people), joined=len(joined),
        active_7d=sum(1 for p in joined if p["last_active"] and p["last_active"] >= week),
        completion=sum(r["completion"] for r in rows) / len(rows) if rows else 0.0,
        modules=[(m.id, m.meta.title.get(actor.language)) for m in modules],
        participants=rows, assessment=assessment, feedback=feedback, min_group=svc.settings.min_group_size,
    )


def organisation_name(svc: Services, actor: Actor, org_id: int) -> str:
    with unit_of_work(svc.engine) as db:
        require_org(db, actor, org_id)
        return db.get(Organisation, org_id).name


def shared_answers(svc: Services, actor: Actor, cohort_id: int, module_id: str | None = None,
                   exercise_id: str | None = None, user_id: int | None = None) -> list[dict]:
    """What participants chose to share with the facilitator or the cohort — nothing else."""
    with unit_of_work(svc.engine) as db:
        require_cohort(db, actor, cohort_id, manage=True)
        q = (select(Answer, User.name).join(User, User.id == Answer.user_id)
             .where(Answer.cohort_id == cohort_id, privacy.staff_may_see())
             .order_by(Answer.updated_at.desc()))
        if module_id:
            q = q.where(Answer.module_id == module_id)
        if exercise_id:
            q = q.where(Answer.exercise_id == exercise_id)
        if user_id:
            q = q.where(Answer.user_id == user_id)
        return [dict(author=name, user_id=a.user_id, module_id=a.module_id, exercise_id=a.exercise_id,
                     kind=a.kind, data=a.data or {}, visibility=a.visibility, updated_at=a.updated_at)
                for a, name in db.execute(q).all()]


def participant_commitments(svc: Services, actor: Actor, cohort_id: int, user_id: int) -> list[dict]:
    """The commitments a participant shared with the facilitator or the cohort (for follow-up talks)."""
    with unit_of_work(svc.engine) as db:
        require_cohort(db, actor, cohort_id, manage=True)
        rows = db.scalars(select(Commitment).join(Answer, Answer.id == Commitment.answer_id)
                          .where(Commitment.cohort_id == cohort_id, Commitment.user_id == user_id,
                                 privacy.staff_may_see()).order_by(Commitment.due_date))
        return [dict(what=c.what, with_whom=c.with_whom, due_date=c.due_date, outcome=c.outcome,
                     followup=c.followup) for c in rows]


def attendance(svc: Services, actor: Actor, cohort_id: int) -> dict:
    """{"marks": {(session id, enrolment id): present}} for the cohort's sessions."""
    with unit_of_work(svc.engine) as db:
        require_cohort(db, actor, cohort_id, manage=True)
        rows = db.execute(select(Attendance.session_id, Attendance.enrolment_id, Attendance.present)
                          .join(CohortSession, CohortSession.id == Attendance.session_id)
                          .where(CohortSession.cohort_id == cohort_id)).all()
    return dict(marks={(sid, eid): present for sid, eid, present in rows})
