"""The participant's journey: module plan with unlock dates, reading, progress, home."""

from __future__ import annotations

import datetime as dt
import weakref
from zoneinfo import ZoneInfo

from sqlalchemy import and_, func, or_, select, update

from modules.db.engine import unit_of_work
from modules.db.models import Answer, Cohort, Commitment, Enrolment, PlanItem, SectionRead, User, utcnow
from modules.services.context import Actor, Services
from modules.services.errors import DomainError, NotFound, PermissionDenied
from modules.services.permissions import require_cohort


def _plan(db, svc: Services, cohort_id: int) -> list[tuple]:
    """[(PlanItem, Module)] in order; modules missing from the content are left out."""
    items = db.scalars(select(PlanItem).where(PlanItem.cohort_id == cohort_id).order_by(PlanItem.position)).all()
    out = []
    for item in items:
        module = svc.program.module(item.module_id)
        if module is not None:
            out.append((item, module))
    return out


# Per database (its connection pool), when this process last marked each user active.
_MARKED: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
ACTIVE_EVERY = dt.timedelta(minutes=1)


def mark_active(db, user_id: int, when) -> None:
    """Working in the program counts as activity for the dashboard's "active" figures.

    Written at most once a minute per user and process: a draft save every two seconds of
    typing need not rewrite the user's row each time (the figures count days)."""
    marked = _MARKED.setdefault(db.get_bind().pool, {})
    last = marked.get(user_id)
    if last is not None and dt.timedelta(0) <= when - last < ACTIVE_EVERY:
        return
    db.execute(update(User).where(User.id == user_id).values(last_active_at=when))
    marked[user_id] = when


def cohort_today(timezone: str, now: dt.datetime | None = None) -> dt.date:
    """Today where the cohort meets (its time zone): a module unlocks at the cohort's midnight,
    not the server's."""
    return (now or utcnow()).replace(tzinfo=dt.UTC).astimezone(ZoneInfo(timezone)).date()


def earliest_today() -> dt.date:
    """The date in the westernmost time zone (UTC-12): no cohort's today is earlier. A check that
    must never open a module early can use it without knowing the cohort's zone."""
    return (utcnow() - dt.timedelta(hours=12)).date()


def is_locked(item: PlanItem, today: dt.date) -> bool:
    """Locked until its unlock date; `today` is the cohort's (cohort_today)."""
    return item.unlock_date is not None and item.unlock_date > today


def module_units(module) -> int:
    return len(module.meta.sections) + len(module.meta.exercises)


def _progress_maps(db, user_ids: list[int], cohort_id: int) -> tuple[dict, dict]:
    reads: dict = {}
    for uid, mid, n in db.execute(
        select(SectionRead.user_id, SectionRead.module_id, func.count())
        .where(SectionRead.cohort_id == cohort_id, SectionRead.user_id.in_(user_ids))
        .group_by(SectionRead.user_id, SectionRead.module_id)
    ):
        reads[(uid, mid)] = n
    done: dict = {}
    for uid, mid, n in db.execute(
        select(Answer.user_id, Answer.module_id, func.count())
        .where(Answer.cohort_id == cohort_id, Answer.user_id.in_(user_ids), Answer.status == "done")
        .group_by(Answer.user_id, Answer.module_id)
    ):
        done[(uid, mid)] = n
    return reads, done


def module_share(module, reads: int, done: int) -> float:
    units = module_units(module)
    return min(1.0, (reads + done) / units) if units else 0.0


def require_participant(db, actor: Actor, cohort_id: int):
    """The cohort, if the actor is a participant who has joined it."""
    if actor.role != "participant":
        raise PermissionDenied()
    return require_cohort(db, actor, cohort_id)


def _has_joined(user_id, cohort_id):
    """SQL: the user has joined the cohort (an enrolment with a join time). The arguments are
    values or bound parameters."""
    return select(Enrolment.id).where(Enrolment.cohort_id == cohort_id, Enrolment.user_id == user_id,
                                      Enrolment.joined_at.is_not(None)).exists()


def may_write_in_module(user_id, cohort_id, module_id, today):
    """require_open_module's rule for a participant as one SQL condition, for a statement that
    checks and writes at once (a draft save): joined the cohort, the module in its plan and
    unlocked on `today` (earliest_today() when the cohort's zone is not at hand). The arguments are values or bound parameters, so a statement built once
    can be run again without being rebuilt; the caller checks the role, and falls back to
    require_open_module for the reason when the condition is false."""
    unlocked = select(PlanItem.module_id).where(
        PlanItem.cohort_id == cohort_id, PlanItem.module_id == module_id,
        or_(PlanItem.unlock_date.is_(None), PlanItem.unlock_date <= today)).exists()
    return and_(_has_joined(user_id, cohort_id), unlocked)


def require_open_module(db, actor: Actor, cohort_id: int, module_id: str):
    """For a participant's write in a module: joined the cohort, the module in its plan and unlocked.

    One query on the common path (a draft save runs this every few seconds of typing); when it
    finds nothing, the errors are require_participant's, then NotFound. Returns the plan row."""
    if actor.role != "participant":
        raise PermissionDenied()
    row = db.execute(select(PlanItem.unlock_date, Cohort.timezone).join(Cohort, Cohort.id == PlanItem.cohort_id)
                     .where(PlanItem.cohort_id == cohort_id, PlanItem.module_id == module_id,
                            _has_joined(actor.id, cohort_id))).first()
    if row is None:
        require_participant(db, actor, cohort_id)
        raise NotFound()
    if is_locked(row, cohort_today(row.timezone)):
        raise DomainError("error.locked", date=row.unlock_date.isoformat())
    return row


def program_for(svc: Services, actor: Actor, cohort_id: int) -> list[dict]:
    """The cohort's modules for this participant: lock state and progress."""
    with unit_of_work(svc.engine) as db:
        today = cohort_today(require_participant(db, actor, cohort_id).timezone)
        plan = _plan(db, svc, cohort_id)
        reads, done = _progress_maps(db, [actor.id], cohort_id)
    lang = actor.language
    return [
        dict(module_id=m.id, title=m.meta.title.get(lang), summary=m.meta.summary.get(lang), minutes=m.meta.minutes,
             unlock_date=item.unlock_date, locked=is_locked(item, today),
             share=module_share(m, reads.get((actor.id, m.id), 0), done.get((actor.id, m.id), 0)))
        for item, m in plan
    ]


def open_module(svc: Services, actor: Actor, cohort_id: int, module_id: str) -> dict:
    """What the reader needs; refuses a locked module or one outside the plan."""
    with unit_of_work(svc.engine) as db:
        cohort = require_participant(db, actor, cohort_id)
        item = db.get(PlanItem, (cohort_id, module_id))
        module = svc.program.module(module_id)
        if item is None or module is None:
            raise NotFound()
        if is_locked(item, cohort_today(cohort.timezone)):
            raise DomainError("error.locked", date=item.unlock_date.isoformat())
        read = set(db.scalars(select(SectionRead.section_id).where(
            SectionRead.user_id == actor.id, SectionRead.cohort_id == cohort_id, SectionRead.module_id == module_id)))
        answers = {a.exercise_id: a for a in db.scalars(select(Answer).where(
            Answer.user_id == actor.id, Answer.cohort_id == cohort_id, Answer.module_id == module_id))}
    return dict(module=module, read=read, answers={k: answer_dict(a) for k, a in answers.items()})


def answer_dict(a: Answer) -> dict:
    return dict(id=a.id, data=a.data or {}, status=a.status, visibility=a.visibility, updated_at=a.updated_at,
                module_id=a.module_id, exercise_id=a.exercise_id, kind=a.kind, cohort_id=a.cohort_id)


def mark_read(svc: Services, actor: Actor, cohort_id: int, module_id: str, section_id: str, read: bool = True) -> None:
    with unit_of_work(svc.engine, write=True) as db:
        require_open_module(db, actor, cohort_id, module_id)
        module = svc.program.module(module_id)
        if module is None or section_id not in {s.id for s in module.meta.sections}:
            raise NotFound()
        mark_active(db, actor.id, utcnow())
        existing = db.get(SectionRead, (actor.id, cohort_id, module_id, section_id))
        if read and existing is None:
            db.add(SectionRead(user_id=actor.id, cohort_id=cohort_id, module_id=module_id, section_id=section_id))
        elif not read and existing is not None:
            db.delete(existing)


def home(svc: Services, actor: Actor) -> dict:
    """Continue where I left off, and my next due commitment."""
    with unit_of_work(svc.engine) as db:
        last = db.execute(
            select(Answer.cohort_id, Answer.module_id, Answer.updated_at).where(Answer.user_id == actor.id)
            .order_by(Answer.updated_at.desc()).limit(1)
        ).first()
        last_read = db.execute(
            select(SectionRead.cohort_id, SectionRead.module_id, SectionRead.read_at)
            .where(SectionRead.user_id == actor.id).order_by(SectionRead.read_at.desc()).limit(1)
        ).first()
        commitments = db.scalars(
            select(Commitment).where(Commitment.user_id == actor.id, Commitment.followed_up_at.is_(None))
            .order_by(Commitment.due_date)
        ).all()
    candidates = [r for r in (last, last_read) if r is not None]
    resume = max(candidates, key=lambda r: r[2]) if candidates else None
    today = dt.date.today()
    return dict(
        resume=dict(cohort_id=resume[0], module_id=resume[1]) if resume else None,
        next_commitment=next((commitment_dict(c) for c in commitments if c.due_date >= today), None),
        due_followups=[commitment_dict(c) for c in commitments if c.due_date <= today],
    )


def commitment_dict(c: Commitment) -> dict:
    return dict(id=c.id, what=c.what, with_whom=c.with_whom, due_date=c.due_date, followup=c.followup,
                outcome=c.outcome, followed_up_at=c.followed_up_at, cohort_id=c.cohort_id)


def now() -> dt.datetime:
    return utcnow()
