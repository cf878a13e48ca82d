"""Exercise answers: drafts and submissions, visibility, commitments and follow-ups,
the learning journal, and module feedback."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, bindparam, select, update

from modules.db.engine import unit_of_work
from modules.db.models import Answer, Commitment, Feedback, PlanItem, User, utcnow
from modules.services import exercise_rules, privacy, validate
from modules.services.context import Actor, Services
from modules.services.errors import DomainError, NotFound
from modules.services.journey import (
    answer_dict,
    commitment_dict,
    earliest_today,
    mark_active,
    may_write_in_module,
    require_open_module,
    require_participant,
)

VISIBILITIES = privacy.VISIBILITIES
SHAREABLE = privacy.SHAREABLE_KINDS


def _exercise(svc: Services, db, actor: Actor, cohort_id: int, module_id: str, exercise_id: str):
    """The exercise, if the actor may write in it now (joined, in the plan, unlocked)."""
    require_open_module(db, actor, cohort_id, module_id)
    module = svc.program.module(module_id)
    exercise = module.exercise(exercise_id) if module else None
    if exercise is None:
        raise NotFound()
    return exercise


def save_answer(svc: Services, actor: Actor, cohort_id: int, module_id: str, exercise_id: str, data: dict,
                *, submit: bool = False, visibility: str | None = None) -> dict:
    """Saves a draft (submit=False) or a finished answer. Never loses a finished state to a draft."""
    if visibility is not None and visibility not in VISIBILITIES:
        raise DomainError("error.invalid", field="visibility")
    module = svc.program.module(module_id)
    exercise = module.exercise(exercise_id) if module else None
    with unit_of_work(svc.engine, write=True) as db:
        normalised = None
        if exercise is not None and not submit and visibility is None:
            normalised = exercise_rules.normalise(exercise, data, submit, svc.program)
            saved = None if normalised[1] else _save_draft(db, actor, cohort_id, module_id, exercise_id,
                                                            normalised[0])
            if saved is not None:
                return saved
        exercise = _exercise(svc, db, actor, cohort_id, module_id, exercise_id)
        clean, done = normalised or exercise_rules.normalise(exercise, data, submit, svc.program)
        answer = db.scalar(select(Answer).where(Answer.user_id == actor.id, Answer.cohort_id == cohort_id,
                                                Answer.module_id == module_id, Answer.exercise_id == exercise_id))
        if answer is None:
            answer = Answer(user_id=actor.id, cohort_id=cohort_id, module_id=module_id, exercise_id=exercise_id,
                            kind=exercise.type, status="draft", visibility="private")
            db.add(answer)
        answer.data = clean
        answer.updated_at = utcnow()
        mark_active(db, actor.id, answer.updated_at)
        if done:
            answer.status = "done"
            answer.submitted_at = answer.updated_at
        if visibility is not None and exercise.type in SHAREABLE:
            answer.visibility = visibility
        db.flush()
        if exercise.type == "commitment" and done:
            _upsert_commitment(db, answer, clean)
        return answer_dict(answer)


def _draft_update():
    """The draft save's statement, built once: a statement built per call spent more of a draft
    save in SQLAlchemy (building it, then its cache key) than in the database."""
    t = Answer.__table__
    return (update(t)
            .where(t.c.user_id == bindparam("uid"), t.c.cohort_id == bindparam("cid"),
                   t.c.module_id == bindparam("mid"), t.c.exercise_id == bindparam("eid"),
                   may_write_in_module(bindparam("uid"), bindparam("cid"), bindparam("mid"),
                                       bindparam("today", type_=Date())))
            .values(data=bindparam("new_data", type_=t.c.data.type),
                    updated_at=bindparam("now", type_=t.c.updated_at.type))
            .returning(*t.c))


_DRAFT_UPDATE = _draft_update()


def _save_draft(db, actor: Actor, cohort_id: int, module_id: str, exercise_id: str, clean: dict) -> dict | None:
    """A draft over an existing answer (the participant typing): one UPDATE that also checks that
    the participant may write there now, its status and visibility untouched. None when there is
    no answer yet or the check fails (the caller's full path then says why). The unlock check uses
    the earliest date on Earth: never early; in the hours after the cohort's midnight, a module
    that just opened takes the full path, which knows the cohort's zone."""
    if actor.role != "participant":
        return None
    now = utcnow()
    params = {"uid": actor.id, "cid": cohort_id, "mid": module_id, "eid": exercise_id, "today": earliest_today(),
              "new_data": clean, "now": now}
    row = db.connection().execute(_DRAFT_UPDATE, params).first()  # Core: the ORM adds nothing to one UPDATE
    if row is None:
        return None
    mark_active(db, actor.id, now)
    return answer_dict(row)


def _upsert_commitment(db, answer: Answer, clean: dict) -> None:
    row = db.scalar(select(Commitment).where(Commitment.answer_id == answer.id))
    if row is None:
        row = Commitment(answer_id=answer.id, user_id=answer.user_id, cohort_id=answer.cohort_id)
        db.add(row)
    row.what, row.with_whom = clean["what"], clean["with_whom"]
    row.due_date = dt.date.fromisoformat(clean["due"])


def reset_answer(svc: Services, actor: Actor, cohort_id: int, module_id: str, exercise_id: str) -> None:
    """Start an exercise again (scenario path, quiz retry): the answer goes back to draft."""
    with unit_of_work(svc.engine, write=True) as db:
        _exercise(svc, db, actor, cohort_id, module_id, exercise_id)
        answer = db.scalar(select(Answer).where(Answer.user_id == actor.id, Answer.cohort_id == cohort_id,
                                                Answer.module_id == module_id, Answer.exercise_id == exercise_id))
        if answer is not None:
            keep = {"attempts": answer.data.get("attempts", 0)} if answer.kind == "knowledge_check" else {}
            answer.data, answer.status, answer.updated_at = keep, "draft", utcnow()


def follow_up(svc: Services, actor: Actor, commitment_id: int, outcome: str, text: str) -> None:
    if outcome not in ("done", "partly", "not"):
        raise DomainError("error.invalid", field="outcome")
    text = validate.text(text, "answer", validate.TEXT_MAX, required=False)
    with unit_of_work(svc.engine, write=True) as db:
        row = db.get(Commitment, commitment_id)
        if row is None or row.user_id != actor.id:
            raise NotFound()
        row.outcome, row.followup, row.followed_up_at = outcome, text, utcnow()


def my_commitments(svc: Services, actor: Actor) -> list[dict]:
    with unit_of_work(svc.engine) as db:
        rows = db.scalars(select(Commitment).where(Commitment.user_id == actor.id).order_by(Commitment.due_date))
        return [commitment_dict(c) for c in rows]


def journal(svc: Services, actor: Actor) -> list[dict]:
    """All my answers across cohorts and modules, newest first (only mine, ever)."""
    with unit_of_work(svc.engine) as db:
        rows = db.scalars(select(Answer).where(Answer.user_id == actor.id).order_by(Answer.updated_at.desc())).all()
        return [answer_dict(a) for a in rows]


def rate_module(svc: Services, actor: Actor, cohort_id: int, module_id: str, rating: int, comment: str) -> None:
    comment = validate.text(comment, "comment", 2000, required=False)
    if not isinstance(rating, int) or not 1 <= rating <= 5:
        raise DomainError("error.invalid", field="rating")
    with unit_of_work(svc.engine, write=True) as db:
        require_participant(db, actor, cohort_id)
        if db.get(PlanItem, (cohort_id, module_id)) is None:
            raise NotFound()
        upsert_feedback(db, actor.id, cohort_id, "module", module_id, rating, comment)


def upsert_feedback(db, user_id, cohort_id, kind, target, rating, comment) -> None:
    row = db.scalar(select(Feedback).where(Feedback.user_id == user_id, Feedback.cohort_id == cohort_id,
                                           Feedback.target_kind == kind, Feedback.target_id == str(target)))
    if row is None:
        row = Feedback(user_id=user_id, cohort_id=cohort_id, target_kind=kind, target_id=str(target))
        db.add(row)
    row.rating, row.comment, row.created_at = rating, comment, utcnow()


def my_feedback(svc: Services, actor: Actor, cohort_id: int, kind: str, target: str) -> dict | None:
    with unit_of_work(svc.engine) as db:
        row = db.scalar(select(Feedback).where(Feedback.user_id == actor.id, Feedback.cohort_id == cohort_id,
                                               Feedback.target_kind == kind, Feedback.target_id == str(target)))
        return dict(rating=row.rating, comment=row.comment) if row else None


def cohort_shared(svc: Services, actor: Actor, cohort_id: int, module_id: str | None = None) -> list[dict]:
    """Answers shared with the whole cohort, for the cohort's participants."""
    with unit_of_work(svc.engine) as db:
        require_participant(db, actor, cohort_id)
        q = select(Answer, User.name).join(User, User.id == Answer.user_id).where(
            Answer.cohort_id == cohort_id, privacy.peers_may_see()).order_by(Answer.updated_at.desc())
        if module_id:
            q = q.where(Answer.module_id == module_id)
        rows = db.execute(q).all()
        return [answer_dict(a) | {"author": name} for a, name in rows]


def baseline_for(svc: Services, actor: Actor, cohort_id: int, repeats: str) -> dict | None:
    """My ratings in the baseline that an assessment repeats (this cohort first, else my latest)."""
    module_id, exercise_id = repeats.split("/")
    with unit_of_work(svc.engine) as db:
        rows = db.scalars(select(Answer).where(Answer.user_id == actor.id, Answer.module_id == module_id,
                                               Answer.exercise_id == exercise_id, Answer.status == "done")
                          .order_by(Answer.updated_at.desc())).all()
    row = next((a for a in rows if a.cohort_id == cohort_id), rows[0] if rows else None)
    return (row.data or {}).get("ratings") if row else None
