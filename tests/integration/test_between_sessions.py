"""Between sessions: preparation exercises, who has done them, and the participant's list
for the next session."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from modules.db.models import utcnow
from modules.services import answers, between, planning
from modules.services.errors import DomainError, PermissionDenied

M = "example"


def _next_session(svc, world, days=3):
    day = dt.date.today() + dt.timedelta(days=days)
    return planning.save_session(svc, world.fac_a, world.cohort_a, "Träff 2", day, dt.time(9), dt.time(11), "Rum 2")


def test_the_facilitator_marks_preparation_and_sees_who_has_done_it_without_the_content(svc, world):
    sid = _next_session(svc, world)
    between.set_preparation(svc, world.fac_a, sid, [(M, "first-thoughts"), (M, "quiz")])
    answers.save_answer(svc, world.part_a, world.cohort_a, M, "first-thoughts", {"text": "Hemligt"}, submit=True)
    status = between.preparation_status(svc, world.fac_a, sid)
    assert status["items"] == [(M, "first-thoughts"), (M, "quiz")]
    by_name = {p["name"]: (p["done"], p["of"]) for p in status["people"]}
    assert by_name == {"Anna A": (1, 2), "Åke A": (0, 2)}
    assert "Hemligt" not in repr(status)


def test_only_the_cohorts_facilitators_set_or_read_preparation_and_only_real_exercises(svc, world):
    sid = _next_session(svc, world)
    for outsider in (world.fac_b, world.part_a):
        with pytest.raises(PermissionDenied):
            between.set_preparation(svc, outsider, sid, [(M, "quiz")])
        with pytest.raises(PermissionDenied):
            between.preparation_status(svc, outsider, sid)
    with pytest.raises(DomainError):
        between.set_preparation(svc, world.fac_a, sid, [(M, "no-such-exercise")])


def test_the_participant_sees_the_next_session_with_preparation_openings_and_commitments(svc, world):
    sid = _next_session(svc, world, days=3)
    _next_session(svc, world, days=10)  # a later one is not "next"
    between.set_preparation(svc, world.fac_a, sid, [(M, "first-thoughts")])
    due = (dt.date.today() + dt.timedelta(days=2)).isoformat()
    answers.save_answer(svc, world.part_a, world.cohort_a, M, "try-it", {"what": "Checka in", "with_whom": "", "due": due},
                        submit=True)
    # opens the day after the cohort's local today (late in the UTC evening that is two UTC days ahead)
    local_today = dt.datetime.now(ZoneInfo("Europe/Stockholm")).date()
    planning.set_plan(svc, world.fac_a, world.cohort_a, [(M, local_today + dt.timedelta(days=1))])
    info = between.before_next_session(svc, world.part_a, world.cohort_a)
    assert info["session"]["id"] == sid
    assert info["session"]["starts_at"].hour == 9 and str(info["session"]["starts_at"].tzinfo) == "Europe/Stockholm"
    assert [(p["exercise_id"], p["done"]) for p in info["prep"]] == [("first-thoughts", False)]
    assert [m["module_id"] for m in info["modules_opening"]] == [M]
    assert [c["what"] for c in info["commitments"]] == ["Checka in"]


def test_a_session_that_has_ended_is_no_longer_next(svc, world):
    today = dt.date.today()
    planning.save_session(svc, world.fac_a, world.cohort_a, "Förbi", today - dt.timedelta(days=1), dt.time(9),
                          dt.time(11))
    assert between.before_next_session(svc, world.part_a, world.cohort_a, now=utcnow()) is None
    with pytest.raises(PermissionDenied):
        between.before_next_session(svc, world.part_b, world.cohort_a)


def test_recall_questions_due_are_on_the_list_for_the_next_session(svc, world):
    from tests.contentapp_builders import finish_example

    _next_session(svc, world, days=10)
    finish_example(svc, world.part_a, world.cohort_a)
    assert between.before_next_session(svc, world.part_a, world.cohort_a)["recall"] == []
    later = utcnow() + dt.timedelta(days=3)
    assert [r["module_id"] for r in between.before_next_session(svc, world.part_a, world.cohort_a, now=later)
            ["recall"]] == [M]
