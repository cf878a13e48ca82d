"""Spaced retrieval: a module's recall questions offered again about 2 days, 1 week and
3 weeks after the participant finished the module.

`recall_schedule` and `due_recall` take a database session and a user id (no actor), so the
e-mail reminders can use the same due computation as the home page. Results belong to the
participant; a facilitator sees only the share of due rounds that were answered.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from modules.db.engine import unit_of_work
from modules.db.models import Answer, Enrolment, PlanItem, RecallAnswer, SectionRead
from modules.services.context import Actor, Services
from modules.services.errors import DomainError, NotFound
from modules.services.journey import require_participant
from modules.services.permissions import require_cohort

RECALL_DAYS = (2, 7, 21)  # round 1, 2, 3: days after the module was finished


def finished_modules(db, svc: Services, user_id: int, cohort_id: int) -> dict[str, dt.datetime]:
    """{module id: when finished} for the plan's modules whose sections are all read and
    exercises all done; "when" is the last of those reads and submissions."""
    last: dict[tuple[str, str], dt.datetime] = {}
    for module_id, section_id, at in db.execute(select(SectionRead.module_id, SectionRead.section_id,
                                                       SectionRead.read_at).where(
            SectionRead.user_id == user_id, SectionRead.cohort_id == cohort_id)):
        last[(module_id, "s:" + section_id)] = at
    for module_id, exercise_id, at, updated in db.execute(select(
            Answer.module_id, Answer.exercise_id, Answer.submitted_at, Answer.updated_at).where(
            Answer.user_id == user_id, Answer.cohort_id == cohort_id, Answer.status == "done")):
        last[(module_id, "e:" + exercise_id)] = at or updated
    out = {}
    for module_id in db.scalars(select(PlanItem.module_id).where(PlanItem.cohort_id == cohort_id)):
        module = svc.program.module(module_id)
        if module is None:
            continue
        units = [(module_id, "s:" + s.id) for s in module.meta.sections]
        units += [(module_id, "e:" + e.id) for e in module.meta.exercises]
        if units and all(u in last for u in units):
            out[module_id] = max(last[u] for u in units)
    return out


def recall_schedule(db, svc: Services, user_id: int, cohort_id: int) -> list[dict]:
    """Every recall round of every finished module with recall questions: due date, answered."""
    answered = set(db.execute(select(RecallAnswer.module_id, RecallAnswer.round).where(
        RecallAnswer.user_id == user_id, RecallAnswer.cohort_id == cohort_id)).all())
    rows = []
    for module_id, at in finished_modules(db, svc, user_id, cohort_id).items():
        if not svc.program.module(module_id).meta.recall:
            continue
        for round_no, days in enumerate(RECALL_DAYS, start=1):
            rows.append(dict(cohort_id=cohort_id, module_id=module_id, round=round_no,
                             due_date=at.date() + dt.timedelta(days=days), answered=(module_id, round_no) in answered))
    return rows


def due_recall(db, svc: Services, user_id: int, cohort_id: int, today: dt.date) -> list[dict]:
    """Per module, the latest round whose date has come, if not answered (missed rounds are skipped)."""
    latest: dict[str, dict] = {}
    for row in recall_schedule(db, svc, user_id, cohort_id):
        if row["due_date"] <= today:
            latest[row["module_id"]] = row
    return [r for r in latest.values() if not r["answered"]]


def joined_cohorts(db, user_id: int) -> list[int]:
    return list(db.scalars(select(Enrolment.cohort_id).where(Enrolment.user_id == user_id,
                                                             Enrolment.joined_at.is_not(None))))


def my_due_recall(svc: Services, actor: Actor, today: dt.date | None = None) -> list[dict]:
    """The recall rounds to offer on my home page now, with the module's title."""
    today = today or dt.date.today()
    if actor.role != "participant":
        return []
    with unit_of_work(svc.engine) as db:
        rows = [r for cid in joined_cohorts(db, actor.id) for r in due_recall(db, svc, actor.id, cid, today)]
    for r in rows:
        r["title"] = svc.program.module(r["module_id"]).meta.title.get(actor.language)
    return rows


def answer_recall(svc: Services, actor: Actor, cohort_id: int, module_id: str, round_no: int, picks: dict,
                  today: dt.date | None = None) -> dict:
    """Store my answers to a round that is due now; returns {correct, total, answers}."""
    today = today or dt.date.today()
    with unit_of_work(svc.engine, write=True) as db:
        require_participant(db, actor, cohort_id)
        due = {(r["module_id"], r["round"]) for r in due_recall(db, svc, actor.id, cohort_id, today)}
        if (module_id, round_no) not in due:
            raise NotFound()
        questions = svc.program.module(module_id).meta.recall
        if not isinstance(picks, dict) or set(picks) != {q.id for q in questions}:
            raise DomainError("error.answer_all")
        for q in questions:
            if picks[q.id] not in {o.id for o in q.options}:
                raise DomainError("error.invalid", field="answer")
        correct = sum(1 for q in questions if picks[q.id] == q.correct)
        db.add(RecallAnswer(user_id=actor.id, cohort_id=cohort_id, module_id=module_id, round=round_no,
                            answers={q.id: picks[q.id] for q in questions}, correct=correct, total=len(questions)))
        try:
            db.flush()
        except IntegrityError as exc:  # the same round sent twice (two tabs)
            raise DomainError("contentapp.error.already_answered") from exc
    return dict(correct=correct, total=len(questions), answers=dict(picks))


def recall_share(svc: Services, actor: Actor, cohort_id: int, today: dt.date | None = None) -> dict:
    """For the cohort's facilitators: per module, how many due rounds were answered. No names,
    no results: only the share answered."""
    today = today or dt.date.today()
    with unit_of_work(svc.engine) as db:
        require_cohort(db, actor, cohort_id, manage=True)
        users = db.scalars(select(Enrolment.user_id).where(Enrolment.cohort_id == cohort_id,
                                                           Enrolment.user_id.is_not(None),
                                                           Enrolment.joined_at.is_not(None))).all()
        counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for uid in users:
            for row in recall_schedule(db, svc, uid, cohort_id):
                if row["due_date"] <= today or row["answered"]:
                    counts[row["module_id"]][0] += 1
                    counts[row["module_id"]][1] += row["answered"]
    modules = [dict(module_id=m, title=svc.program.module(m).meta.title.get(actor.language), due=d, answered=a,
                    share=a / d if d else 0.0) for m, (d, a) in counts.items()]
    due, answered = sum(m["due"] for m in modules), sum(m["answered"] for m in modules)
    return dict(modules=modules, due=due, answered=answered, share=answered / due if due else None)
