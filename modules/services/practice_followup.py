"""The practice follow-up: offered 6-12 weeks after the participant finished the last module of
their cohort's plan (window and items in content/_program/followup.yaml). Facilitators see
aggregates only, and only where at least MIN_GROUP participants answered."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from modules.db.engine import unit_of_work
from modules.db.models import Cohort, PlanItem, PracticeFollowup
from modules.services.context import Actor, Services
from modules.services.errors import DomainError, NotFound
from modules.services.journey import require_participant
from modules.services.permissions import require_cohort
from modules.services.retrieval import finished_modules, joined_cohorts


def followup_window(db, svc: Services, user_id: int, cohort_id: int) -> tuple[dt.date, dt.date] | None:
    """(first day, last day) of the follow-up for this participant, once the last module is finished."""
    spec = svc.program.extras.followup
    if spec is None:
        return None
    plan = [m for m in db.scalars(select(PlanItem.module_id).where(PlanItem.cohort_id == cohort_id)
                                  .order_by(PlanItem.position)) if svc.program.module(m) is not None]
    finished = finished_modules(db, svc, user_id, cohort_id).get(plan[-1]) if plan else None
    if finished is None:
        return None
    day = finished.date()
    return day + dt.timedelta(days=spec.opens_after_days), day + dt.timedelta(days=spec.closes_after_days)


def _open_now(db, svc: Services, user_id: int, cohort_id: int, today: dt.date) -> bool:
    window = followup_window(db, svc, user_id, cohort_id)
    answered = db.scalar(select(PracticeFollowup.id).where(PracticeFollowup.user_id == user_id,
                                                           PracticeFollowup.cohort_id == cohort_id))
    return window is not None and window[0] <= today <= window[1] and answered is None


def my_due_followups(svc: Services, actor: Actor, today: dt.date | None = None) -> list[dict]:
    """The cohorts whose follow-up I can answer today: [{cohort_id, cohort}]."""
    today = today or dt.date.today()
    if actor.role != "participant":
        return []
    with unit_of_work(svc.engine) as db:
        return [dict(cohort_id=cid, cohort=db.get(Cohort, cid).name) for cid in joined_cohorts(db, actor.id)
                if _open_now(db, svc, actor.id, cid, today)]


def save_followup(svc: Services, actor: Actor, cohort_id: int, answers: dict, today: dt.date | None = None) -> None:
    today = today or dt.date.today()
    spec = svc.program.extras.followup
    with unit_of_work(svc.engine, write=True) as db:
        require_participant(db, actor, cohort_id)
        if spec is None or not _open_now(db, svc, actor.id, cohort_id, today):
            raise NotFound()
        if not isinstance(answers, dict) or set(answers) != set(spec.item_ids()) or None in answers.values():
            raise DomainError("error.answer_all")
        values = {s.value for s in spec.scale}
        if any(not isinstance(v, int) or v not in values for v in answers.values()):
            raise DomainError("error.invalid", field="answer")
        db.add(PracticeFollowup(user_id=actor.id, cohort_id=cohort_id, answers=dict(answers)))
        try:
            db.flush()
        except IntegrityError as exc:
            raise DomainError("contentapp.error.already_answered") from exc


def followup_summary(svc: Services, actor: Actor, cohort_id: int) -> dict:
    """{n, min_group, items}: items (per practice: text, mean, count per scale value) only
    when at least min_group answered; otherwise an empty list and nobody's answers."""
    spec = svc.program.extras.followup
    min_group = svc.settings.min_group_size
    with unit_of_work(svc.engine) as db:
        require_cohort(db, actor, cohort_id, manage=True)
        rows = db.scalars(select(PracticeFollowup.answers).where(PracticeFollowup.cohort_id == cohort_id)).all()
    out = dict(n=len(rows), min_group=min_group, items=[])
    if spec is None or len(rows) < min_group:
        return out
    for item in spec.items:
        values = [r[item.id] for r in rows if isinstance(r.get(item.id), int)]
        dist = Counter(values)
        out["items"].append(dict(id=item.id, text=item.text.get(actor.language),
                                 mean=sum(values) / len(values) if values else None,
                                 counts=[(s.label.get(actor.language), dist.get(s.value, 0)) for s in spec.scale]))
    return out
