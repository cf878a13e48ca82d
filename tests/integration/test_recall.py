"""Spaced retrieval: which recall round is due when, storing answers, the facilitator's share."""

import datetime as dt

import pytest

from modules.db.engine import unit_of_work
from modules.services import retrieval
from modules.services.errors import DomainError, NotFound, PermissionDenied
from tests.contentapp_builders import RECALL_PICKS, finish_example

DAY = dt.timedelta(days=1)


def due(svc, actor, today):
    return [(r["module_id"], r["round"]) for r in retrieval.my_due_recall(svc, actor, today)]


def test_nothing_is_due_before_the_module_is_finished(svc, world):
    assert due(svc, world.part_a, dt.date.today() + 30 * DAY) == []


def test_rounds_come_two_days_one_week_and_three_weeks_after_finishing(svc, world):
    done = finish_example(svc, world.part_a, world.cohort_a)
    assert due(svc, world.part_a, done + DAY) == []
    assert due(svc, world.part_a, done + 2 * DAY) == [("example", 1)]
    result = retrieval.answer_recall(svc, world.part_a, world.cohort_a, "example", 1, RECALL_PICKS, done + 2 * DAY)
    assert (result["correct"], result["total"]) == (2, 3)
    assert due(svc, world.part_a, done + 3 * DAY) == []
    assert due(svc, world.part_a, done + 7 * DAY) == [("example", 2)]
    assert due(svc, world.part_a, done + 21 * DAY) == [("example", 3)]


def test_a_missed_round_is_skipped_when_the_next_one_is_due(svc, world):
    done = finish_example(svc, world.part_a, world.cohort_a)
    assert due(svc, world.part_a, done + 8 * DAY) == [("example", 2)]
    with pytest.raises(NotFound):
        retrieval.answer_recall(svc, world.part_a, world.cohort_a, "example", 1, RECALL_PICKS, done + 8 * DAY)


def test_the_schedule_needs_no_actor_so_reminders_can_use_it(svc, world):
    done = finish_example(svc, world.part_a, world.cohort_a)
    with unit_of_work(svc.engine) as db:
        rows = retrieval.recall_schedule(db, svc, world.part_a.id, world.cohort_a)
    assert [(r["round"], r["due_date"]) for r in rows] == [(1, done + 2 * DAY), (2, done + 7 * DAY),
                                                           (3, done + 21 * DAY)]


def test_a_round_cannot_be_answered_early_twice_or_half(svc, world):
    done = finish_example(svc, world.part_a, world.cohort_a)
    with pytest.raises(NotFound):
        retrieval.answer_recall(svc, world.part_a, world.cohort_a, "example", 1, RECALL_PICKS, done + DAY)
    with pytest.raises(DomainError, match="error.answer_all"):
        retrieval.answer_recall(svc, world.part_a, world.cohort_a, "example", 1, {"late-start": "start"},
                                done + 2 * DAY)
    with pytest.raises(DomainError, match="error.invalid"):
        retrieval.answer_recall(svc, world.part_a, world.cohort_a, "example", 1,
                                RECALL_PICKS | {"overrun": "nonsense"}, done + 2 * DAY)
    retrieval.answer_recall(svc, world.part_a, world.cohort_a, "example", 1, RECALL_PICKS, done + 2 * DAY)
    with pytest.raises(NotFound):
        retrieval.answer_recall(svc, world.part_a, world.cohort_a, "example", 1, RECALL_PICKS, done + 2 * DAY)


def test_a_participant_cannot_answer_in_a_cohort_they_are_not_in(svc, world):
    done = finish_example(svc, world.part_a, world.cohort_a)
    with pytest.raises(PermissionDenied):
        retrieval.answer_recall(svc, world.part_b, world.cohort_a, "example", 1, RECALL_PICKS, done + 2 * DAY)


def test_the_facilitator_sees_only_the_share_answered(svc, world):
    done = finish_example(svc, world.part_a, world.cohort_a)
    finish_example(svc, world.part_a_other, world.cohort_a)
    retrieval.answer_recall(svc, world.part_a, world.cohort_a, "example", 1, RECALL_PICKS, done + 2 * DAY)
    share = retrieval.recall_share(svc, world.fac_a, world.cohort_a, done + 2 * DAY)
    assert (share["due"], share["answered"], share["share"]) == (2, 1, 0.5)
    assert set(share["modules"][0]) == {"module_id", "title", "due", "answered", "share"}
    assert "correct" not in repr(share) and "Anna" not in repr(share)


@pytest.mark.parametrize("who", ["fac_b", "part_a", "fac_a2"])
def test_nobody_outside_the_cohorts_facilitators_sees_the_share(svc, world, who):
    with pytest.raises(PermissionDenied):
        retrieval.recall_share(svc, getattr(world, who), world.cohort_a)
