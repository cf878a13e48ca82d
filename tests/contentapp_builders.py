"""Builders for the recall and follow-up tests: a participant who finished the example module."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import update

from modules.db.engine import unit_of_work
from modules.db.models import Answer, SectionRead
from modules.services import answers, journey

EXAMPLE_ANSWERS = {
    "baseline": {"ratings": {"purpose": 4}},
    "first-thoughts": {"text": "Jag leder rutinerna."},
    "choose": {"path": [["s1", "go-on"]]},
    "quiz": {"answers": {"q1": "a"}},
    "ready": {"ticked": ["purpose"]},
    "plan": {"fields": {"purpose": "Besluta om nästa steg"}},
    "try-it": {"what": "Checka in på måndag", "due": "2030-01-01"},
}
RECALL_PICKS = {"late-start": "start", "no-purpose": "ask", "overrun": "carry-on"}  # 2 of 3 right


def finish_example(svc, actor, cohort_id: int, days_ago: int = 0) -> dt.date:
    """Reads every section and submits every exercise, then dates it all `days_ago` days back."""
    module = svc.program.module("example")
    for section in module.meta.sections:
        journey.mark_read(svc, actor, cohort_id, "example", section.id)
    for exercise_id, data in EXAMPLE_ANSWERS.items():
        answers.save_answer(svc, actor, cohort_id, "example", exercise_id, data, submit=True)
    when = dt.datetime.now(dt.UTC).replace(tzinfo=None) - dt.timedelta(days=days_ago)
    with unit_of_work(svc.engine, write=True) as db:
        db.execute(update(SectionRead).where(SectionRead.user_id == actor.id).values(read_at=when))
        db.execute(update(Answer).where(Answer.user_id == actor.id).values(submitted_at=when, updated_at=when))
    return when.date()
