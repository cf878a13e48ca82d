"""Between sessions: what a participant should do before the next session, and the
facilitator's preparation exercises with who has done them (completion only, never content)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from sqlalchemy import delete, select

from modules.db.engine import unit_of_work
from modules.db.models import Answer, CohortSession, Commitment, Enrolment, PlanItem, SessionPrep, utcnow
from modules.services.context import Actor, Services
from modules.services.errors import DomainError, NotFound
from modules.services.journey import commitment_dict, require_participant
from modules.services.permissions import require_cohort


def _session_for_staff(db, actor: Actor, session_id: int) -> CohortSession:
    session = db.get(CohortSession, session_id)
    if session is None:
        raise NotFound()
    require_cohort(db, actor, session.cohort_id, manage=True)
    return session


def set_preparation(svc: Services, actor: Actor, session_id: int, items: list[tuple[str, str]]) -> None:
    """Facilitators: the exercises participants should do before this session (replaces the list)."""
    for module_id, exercise_id in items:
        module = svc.program.module(module_id)
        if module is None or module.exercise(exercise_id) is None:
            raise DomainError("distance.prep_unknown")
    with unit_of_work(svc.engine, write=True) as db:
        _session_for_staff(db, actor, session_id)
        db.execute(delete(SessionPrep).where(SessionPrep.session_id == session_id))
        for module_id, exercise_id in dict.fromkeys(items):
            db.add(SessionPrep(session_id=session_id, module_id=module_id, exercise_id=exercise_id))


def preparation_status(svc: Services, actor: Actor, session_id: int) -> dict:
    """Facilitators: the preparation items, and per participant which of them are done."""
    with unit_of_work(svc.engine) as db:
        session = _session_for_staff(db, actor, session_id)
        items = [(p.module_id, p.exercise_id) for p in db.scalars(
            select(SessionPrep).where(SessionPrep.session_id == session_id))]
        people = db.execute(select(Enrolment.user_id, Enrolment.name).where(
            Enrolment.cohort_id == session.cohort_id, Enrolment.user_id.is_not(None))).all()
        done = set(db.execute(select(Answer.user_id, Answer.module_id, Answer.exercise_id).where(
            Answer.cohort_id == session.cohort_id, Answer.status == "done")).all())
    return dict(items=items, people=[
        dict(user_id=uid, name=name, done=sum((uid, m, e) in done for m, e in items), of=len(items))
        for uid, name in people])


def _prep_for(db, svc: Services, actor: Actor, session: CohortSession) -> list[dict]:
    items = db.scalars(select(SessionPrep).where(SessionPrep.session_id == session.id)).all()
    done = set(db.execute(select(Answer.module_id, Answer.exercise_id).where(
        Answer.user_id == actor.id, Answer.cohort_id == session.cohort_id, Answer.status == "done")).all())
    out = []
    for p in items:
        module = svc.program.module(p.module_id)
        exercise = module.exercise(p.exercise_id) if module else None
        if exercise is not None:
            out.append(dict(module_id=p.module_id, exercise_id=p.exercise_id, done=(p.module_id, p.exercise_id) in done,
                            module=module.meta.title.get(actor.language), title=exercise.title.get(actor.language)))
    return out


def before_next_session(svc: Services, actor: Actor, cohort_id: int, now: dt.datetime | None = None) -> dict | None:
    """The participant's list for the next session: None when no session is ahead."""
    now = now or utcnow()
    with unit_of_work(svc.engine) as db:
        cohort = require_participant(db, actor, cohort_id)
        zone = ZoneInfo(cohort.timezone)
        local_now = now.replace(tzinfo=dt.UTC).astimezone(zone).replace(tzinfo=None)
        upcoming = [s for s in db.scalars(select(CohortSession).where(
            CohortSession.cohort_id == cohort_id, CohortSession.date >= local_now.date())
            .order_by(CohortSession.date, CohortSession.start_time)) if dt.datetime.combine(s.date, s.end_time) > local_now]
        if not upcoming:
            return None
        nxt = upcoming[0]
        starts = dt.datetime.combine(nxt.date, nxt.start_time, tzinfo=zone)
        opening = db.scalars(select(PlanItem).where(
            PlanItem.cohort_id == cohort_id, PlanItem.unlock_date.is_not(None),
            PlanItem.unlock_date > local_now.date(), PlanItem.unlock_date <= nxt.date).order_by(PlanItem.unlock_date))
        commitments = db.scalars(select(Commitment).where(
            Commitment.user_id == actor.id, Commitment.cohort_id == cohort_id, Commitment.followed_up_at.is_(None),
            Commitment.due_date <= nxt.date).order_by(Commitment.due_date))
        modules = [dict(module_id=p.module_id, unlock_date=p.unlock_date,
                        title=svc.program.module(p.module_id).meta.title.get(actor.language))
                   for p in opening if svc.program.module(p.module_id)]
        from modules.services.retrieval import due_recall

        recall = [dict(module_id=r["module_id"], round=r["round"],
                       title=svc.program.module(r["module_id"]).meta.title.get(actor.language))
                  for r in due_recall(db, svc, actor.id, cohort_id, local_now.date())]
        return dict(session=dict(id=nxt.id, title=nxt.title, place=nxt.place, starts_at=starts,
                                 module_id=nxt.module_id),
                    prep=_prep_for(db, svc, actor, nxt), modules_opening=modules,
                    commitments=[commitment_dict(c) for c in commitments], recall=recall)
