"""The participant's journey: every exercise type stored and re-opened, drafts, locks, progress."""

import datetime as dt

import pytest
from sqlalchemy import delete

from modules.db.engine import unit_of_work
from modules.db.models import Answer, Enrolment
from modules.services import answers, dashboard, journey, planning
from modules.services.errors import DomainError, PermissionDenied
from modules.services.planners import raci_problems

M = "example"


def save(svc, w, ex, data, submit=False, **kw):
    return answers.save_answer(svc, w.part_a, w.cohort_a, M, ex, data, submit=submit, **kw)


def stored(svc, w, ex):
    return journey.open_module(svc, w.part_a, w.cohort_a, M)["answers"].get(ex)


def test_a_reflection_draft_is_stored_and_reopened_then_submitted_with_visibility(svc, world):
    save(svc, world, "first-thoughts", {"text": "Utkast"})
    assert stored(svc, world, "first-thoughts")["data"]["text"] == "Utkast"
    assert stored(svc, world, "first-thoughts")["status"] == "draft"
    save(svc, world, "first-thoughts", {"text": "Klart svar"}, submit=True, visibility="facilitator")
    answer = stored(svc, world, "first-thoughts")
    assert (answer["status"], answer["visibility"]) == ("done", "facilitator")
    shared = dashboard.shared_answers(svc, world.fac_a, world.cohort_a)
    assert [s["data"]["text"] for s in shared] == ["Klart svar"]


def test_an_empty_reflection_cannot_be_submitted(svc, world):
    with pytest.raises(DomainError):
        save(svc, world, "first-thoughts", {"text": "   "}, submit=True)


def test_a_self_assessment_needs_every_statement_and_stays_in_the_scale(svc, world):
    with pytest.raises(DomainError):
        save(svc, world, "baseline", {"ratings": {}}, submit=True)
    with pytest.raises(DomainError):
        save(svc, world, "baseline", {"ratings": {"purpose": 9}})
    save(svc, world, "baseline", {"ratings": {"purpose": 4}}, submit=True)
    assert stored(svc, world, "baseline")["data"]["ratings"] == {"purpose": 4}


def test_a_scenario_stores_the_path_and_is_done_only_at_the_end(svc, world):
    save(svc, world, "choose", {"path": [["s1", "stop"]]}, submit=True)
    assert stored(svc, world, "choose")["status"] == "draft"
    save(svc, world, "choose", {"path": [["s1", "stop"], ["s2", "agree"]]}, submit=True)
    assert stored(svc, world, "choose")["status"] == "done"
    with pytest.raises(DomainError):
        save(svc, world, "choose", {"path": [["s2", "agree"]]}, submit=True)


def test_a_knowledge_check_counts_correct_answers_and_allows_a_retry(svc, world):
    save(svc, world, "quiz", {"answers": {"q1": "b"}}, submit=True)
    assert stored(svc, world, "quiz")["data"]["correct"] == 0
    answers.reset_answer(svc, world.part_a, world.cohort_a, M, "quiz")
    assert stored(svc, world, "quiz")["status"] == "draft"
    save(svc, world, "quiz", {"answers": {"q1": "a"}, "attempts": 1}, submit=True)
    data = stored(svc, world, "quiz")["data"]
    assert (data["correct"], data["attempts"]) == (1, 2)


def test_a_checklist_keeps_only_known_items(svc, world):
    save(svc, world, "ready", {"ticked": ["purpose"]}, submit=True)
    assert stored(svc, world, "ready")["data"]["ticked"] == ["purpose"]
    with pytest.raises(DomainError):
        save(svc, world, "ready", {"ticked": ["unknown"]})


def test_a_planner_keeps_its_fields_and_tables(svc, world):
    fields = {"purpose": "Besluta om budget", "agenda": [{"question": "Vad prioriterar vi?", "type": "decision",
                                                          "minutes": 3, "owner": "Ada"}],
              "decision_rule": "consent", "date": "2026-03-01"}
    save(svc, world, "plan", {"fields": fields}, submit=True)
    data = stored(svc, world, "plan")["data"]["fields"]
    assert data["agenda"][0]["question"] == "Vad prioriterar vi?" and data["decision_rule"] == "consent"
    with pytest.raises(DomainError):
        save(svc, world, "plan", {"fields": {}}, submit=True)


def test_raci_rows_without_exactly_one_a_are_flagged():
    fields = {"raci": [{"task": "Budget", "cells": {"Ada": "A", "Bo": "R"}},
                       {"task": "Rapport", "cells": {"Ada": "R", "Bo": "R"}},
                       {"task": "Möte", "cells": {"Ada": "A", "Bo": "A/R"}}]}
    assert raci_problems(fields) == [(1, "planner.raci_no_a"), (2, "planner.raci_many_a")]


def test_a_commitment_becomes_due_and_asks_for_a_follow_up(svc, world):
    yesterday = (dt.date.today() - dt.timedelta(days=1)).isoformat()
    save(svc, world, "try-it", {"what": "Checka in på APT", "with_whom": "Teamet", "due": yesterday}, submit=True)
    home = journey.home(svc, world.part_a)
    assert [c["what"] for c in home["due_followups"]] == ["Checka in på APT"]
    answers.follow_up(svc, world.part_a, home["due_followups"][0]["id"], "partly", "Gick halvvägs")
    assert journey.home(svc, world.part_a)["due_followups"] == []
    assert answers.my_commitments(svc, world.part_a)[0]["outcome"] == "partly"


def test_a_locked_module_cannot_be_opened_read_or_answered(svc, world):
    planning.set_plan(svc, world.fac_a, world.cohort_a, [(M, dt.date.today() + dt.timedelta(days=3))])
    assert journey.program_for(svc, world.part_a, world.cohort_a)[0]["locked"]
    for call in (lambda: journey.open_module(svc, world.part_a, world.cohort_a, M),
                 lambda: journey.mark_read(svc, world.part_a, world.cohort_a, M, "intro"),
                 lambda: save(svc, world, "first-thoughts", {"text": "x"})):
        with pytest.raises(DomainError) as err:
            call()
        assert err.value.key == "error.locked"


def test_progress_counts_read_sections_and_done_exercises(svc, world):
    journey.mark_read(svc, world.part_a, world.cohort_a, M, "intro")
    save(svc, world, "first-thoughts", {"text": "Svar"}, submit=True)
    share = journey.program_for(svc, world.part_a, world.cohort_a)[0]["share"]
    assert share == pytest.approx(2 / 9)  # 2 sections + 7 exercises


def test_continue_where_you_left_off_points_to_the_latest_module(svc, world):
    assert journey.home(svc, world.part_a)["resume"] is None
    journey.mark_read(svc, world.part_a, world.cohort_a, M, "intro")
    assert journey.home(svc, world.part_a)["resume"] == {"cohort_id": world.cohort_a, "module_id": M}


def test_drafts_never_overwrite_a_finished_answer_status(svc, world):
    save(svc, world, "first-thoughts", {"text": "Klart"}, submit=True)
    save(svc, world, "first-thoughts", {"text": "Klart, och lite till"})
    answer = stored(svc, world, "first-thoughts")
    assert answer["status"] == "done" and answer["data"]["text"].endswith("till")


def test_a_draft_over_an_existing_answer_is_still_checked(svc, world):
    """Typing saves a draft with one statement that also checks the right to write there."""
    save(svc, world, "first-thoughts", {"text": "Utkast"})
    planning.set_plan(svc, world.fac_a, world.cohort_a, [(M, dt.date.today() + dt.timedelta(days=3))])
    with pytest.raises(DomainError) as err:
        save(svc, world, "first-thoughts", {"text": "Utkast 2"})
    assert err.value.key == "error.locked"
    planning.set_plan(svc, world.fac_a, world.cohort_a, [(M, None)])
    assert save(svc, world, "first-thoughts", {"text": "Utkast 3"})["data"]["text"] == "Utkast 3"
    with unit_of_work(svc.engine, write=True) as db:  # the participant leaves the cohort
        db.execute(delete(Enrolment).where(Enrolment.user_id == world.part_a.id))
    with pytest.raises(PermissionDenied):
        save(svc, world, "first-thoughts", {"text": "Utkast 4"})
    with unit_of_work(svc.engine) as db:
        assert db.query(Answer.data).one().data == {"text": "Utkast 3"}


def test_a_module_unlocks_at_the_cohorts_midnight_not_the_servers(svc, world):
    east, west = "Pacific/Kiritimati", "Pacific/Pago_Pago"  # UTC+14 and UTC-11: never the same date
    save(svc, world, "first-thoughts", {"text": "Utkast"})
    opens = journey.cohort_today(east)
    planning.set_plan(svc, world.fac_a, world.cohort_a, [(M, opens)])

    planning.set_timezone(svc, world.fac_a, world.cohort_a, east)  # already that day there: open
    assert not journey.program_for(svc, world.part_a, world.cohort_a)[0]["locked"]
    assert journey.open_module(svc, world.part_a, world.cohort_a, M)["module"].id == M
    assert save(svc, world, "first-thoughts", {"text": "Utkast 2"})["data"]["text"] == "Utkast 2"

    planning.set_timezone(svc, world.fac_a, world.cohort_a, west)  # still the day before there: locked
    assert journey.program_for(svc, world.part_a, world.cohort_a)[0]["locked"]
    with pytest.raises(DomainError):
        journey.open_module(svc, world.part_a, world.cohort_a, M)
    with pytest.raises(DomainError) as err:
        save(svc, world, "first-thoughts", {"text": "Utkast 3"})  # the one-statement draft save too
    assert err.value.key == "error.locked"
    with unit_of_work(svc.engine) as db:
        assert db.query(Answer.data).one().data == {"text": "Utkast 2"}
