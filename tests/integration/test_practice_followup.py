"""The practice follow-up: offered 6-12 weeks after the last module, aggregated only from n >= 5."""

import datetime as dt

import pytest

from modules.services import practice_followup as fu
from modules.services.errors import DomainError, NotFound, PermissionDenied
from tests.builders import make_participant
from tests.contentapp_builders import finish_example

DAY = dt.timedelta(days=1)
ANSWERS = {"check-in": 3, "agreement": 1, "sbi-feedback": 2, "fifteen-percent": 4, "answer-first": 0,
           "manager-talk": 1}


def offered(svc, actor, today):
    return [c["cohort_id"] for c in fu.my_due_followups(svc, actor, today)]


def test_the_followup_is_offered_from_six_to_twelve_weeks_after_the_last_module(svc, world):
    done = finish_example(svc, world.part_a, world.cohort_a)
    assert offered(svc, world.part_a, done + 41 * DAY) == []
    assert offered(svc, world.part_a, done + 42 * DAY) == [world.cohort_a]
    assert offered(svc, world.part_a, done + 84 * DAY) == [world.cohort_a]
    assert offered(svc, world.part_a, done + 85 * DAY) == []
    assert offered(svc, world.part_a_other, done + 50 * DAY) == []  # has not finished


def test_an_answered_followup_is_not_offered_again(svc, world):
    done = finish_example(svc, world.part_a, world.cohort_a)
    fu.save_followup(svc, world.part_a, world.cohort_a, ANSWERS, done + 50 * DAY)
    assert offered(svc, world.part_a, done + 51 * DAY) == []
    with pytest.raises(NotFound):
        fu.save_followup(svc, world.part_a, world.cohort_a, ANSWERS, done + 51 * DAY)


def test_a_followup_needs_every_practice_on_the_scale_and_an_open_window(svc, world):
    done = finish_example(svc, world.part_a, world.cohort_a)
    with pytest.raises(NotFound):
        fu.save_followup(svc, world.part_a, world.cohort_a, ANSWERS, done + 10 * DAY)
    with pytest.raises(DomainError, match="error.answer_all"):
        fu.save_followup(svc, world.part_a, world.cohort_a, {"check-in": 3}, done + 50 * DAY)
    with pytest.raises(DomainError, match="error.invalid"):
        fu.save_followup(svc, world.part_a, world.cohort_a, ANSWERS | {"check-in": 9}, done + 50 * DAY)
    with pytest.raises(PermissionDenied):
        fu.save_followup(svc, world.part_b, world.cohort_a, ANSWERS, done + 50 * DAY)


def test_the_facilitator_sees_nothing_below_five_answers_and_means_from_five(svc, world):
    people = [world.part_a, world.part_a_other] + [
        make_participant(svc, world.fac_a, world.cohort_a, f"Deltagare {i}") for i in range(3)]
    days = [finish_example(svc, p, world.cohort_a) for p in people]
    for i, p in enumerate(people[:4]):
        fu.save_followup(svc, p, world.cohort_a, ANSWERS | {"check-in": i}, days[i] + 50 * DAY)
    summary = fu.followup_summary(svc, world.fac_a, world.cohort_a)
    assert (summary["n"], summary["min_group"], summary["items"]) == (4, 5, [])
    fu.save_followup(svc, people[4], world.cohort_a, ANSWERS | {"check-in": 4}, days[4] + 50 * DAY)
    summary = fu.followup_summary(svc, world.fac_a, world.cohort_a)
    check_in = next(i for i in summary["items"] if i["id"] == "check-in")
    assert summary["n"] == 5 and check_in["mean"] == 2.0
    assert [n for _, n in check_in["counts"]] == [1, 1, 1, 1, 1]


@pytest.mark.parametrize("who", ["fac_b", "part_a", "fac_a2"])
def test_nobody_outside_the_cohorts_facilitators_sees_the_followup_summary(svc, world, who):
    with pytest.raises(PermissionDenied):
        fu.followup_summary(svc, getattr(world, who), world.cohort_a)
