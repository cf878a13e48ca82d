"""Live activities and rotating meeting roles, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from modules.services import live, live_attendance, planning, roles
from modules.services.errors import DomainError, NotFound, PermissionDenied
from tests.builders import make_participant, roster_rows


def _session(svc, world) -> int:
    return planning.save_session(svc, world.fac_a, world.cohort_a, "Träff 1", dt.date.today(), dt.time(9),
                                 dt.time(12))


def test_two_participants_answer_a_poll_and_a_changed_answer_counts_once(svc, world):
    aid = live.create_activity(svc, world.fac_a, world.cohort_a, "poll", "Vad tar mest tid?",
                               ["Information", "Beslut"], open_now=True)
    live.answer(svc, world.part_a, aid, "Information")
    live.answer(svc, world.part_a_other, aid, "Information")
    live.answer(svc, world.part_a, aid, "Beslut")  # changed her mind
    res = live.results(svc, world.fac_a, aid, force=True)
    assert res["answered"] == 2
    assert res["counts"] == [("Information", 1), ("Beslut", 1)]


def test_hidden_results_show_how_many_answered_but_no_counts(svc, world):
    aid = live.create_activity(svc, world.fac_a, world.cohort_a, "scale", "Hur användbart?", open_now=True)
    live.answer(svc, world.part_a, aid, 4)
    hidden = live.results(svc, world.fac_a, aid)
    assert hidden["answered"] == 1 and "counts" not in hidden
    live.set_results_visible(svc, world.fac_a, aid, True)
    shown = live.results(svc, world.fac_a, aid)
    assert ("4", 1) in shown["counts"]


def test_a_closed_activity_takes_no_more_answers(svc, world):
    aid = live.create_activity(svc, world.fac_a, world.cohort_a, "checkin", "Ett ord", open_now=True)
    live.close_activity(svc, world.fac_a, aid)
    with pytest.raises(DomainError) as err:
        live.answer(svc, world.part_a, aid, "glad")
    assert err.value.key == "live.error.closed"
    assert live.current_for_participant(svc, world.part_a) is None


def test_fist_of_five_counts_those_under_three(svc, world):
    aid = live.create_activity(svc, world.fac_a, world.cohort_a, "fist", "Stöder du förslaget?", open_now=True)
    live.answer(svc, world.part_a, aid, 2)
    live.answer(svc, world.part_a_other, aid, 5)
    res = live.results(svc, world.fac_a, aid, force=True)
    assert res["under_three"] == 1
    with pytest.raises(DomainError):
        live.answer(svc, world.part_a, aid, 6)


def test_check_in_words_are_grouped_with_counts_and_without_names(svc, world):
    aid = live.create_activity(svc, world.fac_a, world.cohort_a, "checkin", "Ett ord", open_now=True)
    live.answer(svc, world.part_a, aid, "Nyfiken")
    live.answer(svc, world.part_a_other, aid, " nyfiken ")
    res = live.results(svc, world.fac_a, aid, force=True)
    assert res["counts"] == [("Nyfiken", 2)]
    assert "Anna" not in repr(res) and "Åke" not in repr(res)


def test_next_closes_the_open_activity_and_opens_the_next(svc, world):
    first = live.create_activity(svc, world.fac_a, world.cohort_a, "checkin", "Ett ord", open_now=True)
    second = live.create_activity(svc, world.fac_a, world.cohort_a, "scale", "Hur landade mötet?")
    assert live.current_for_participant(svc, world.part_a)["id"] == first
    assert live.next_activity(svc, world.fac_a, world.cohort_a) == second
    current = live.current_for_participant(svc, world.part_a)
    assert current["id"] == second and current["mine"] is None


def test_other_cohorts_and_organisations_can_neither_answer_nor_read(svc, world):
    aid = live.create_activity(svc, world.fac_a, world.cohort_a, "checkin", "Ett ord", open_now=True)
    with pytest.raises((PermissionDenied, NotFound)):
        live.answer(svc, world.part_b, aid, "hej")
    with pytest.raises(PermissionDenied):
        live.results(svc, world.fac_b, aid)
    with pytest.raises(PermissionDenied):
        live.results(svc, world.part_a, aid)  # participants never see the tally endpoint
    assert live.current_for_participant(svc, world.part_b) is None


def test_attendance_is_taken_from_who_answered_the_check_in(svc, world):
    sid = _session(svc, world)
    aid = live.create_activity(svc, world.fac_a, world.cohort_a, "checkin", "Ett ord", session_id=sid,
                               open_now=True)
    live.answer(svc, world.part_a, aid, "här")
    assert live_attendance.mark_present_from_checkin(svc, world.fac_a, sid) == 1
    marks = {m["user_id"]: m["present"] for m in _marks(svc, world, sid)}
    assert marks[world.part_a.id] is True and marks[world.part_a_other.id] is False
    planning.set_attendance(svc, world.fac_a, sid, roster_rows(svc, world.cohort_a, {world.part_a.id, world.part_a_other.id}))  # corrected by hand
    assert all(m["present"] for m in _marks(svc, world, sid))


def _marks(svc, world, sid):
    from sqlalchemy import select

    from modules.db.engine import unit_of_work
    from modules.db.models import Attendance, Enrolment

    with unit_of_work(svc.engine) as db:
        return [dict(user_id=uid, present=present) for uid, present in db.execute(
            select(Enrolment.user_id, Attendance.present).join(Enrolment, Enrolment.id == Attendance.enrolment_id)
            .where(Attendance.session_id == sid))]


def test_roles_rotate_through_everyone_present_before_anyone_repeats(svc, world):
    extra = [make_participant(svc, world.fac_a, world.cohort_a, f"Deltagare {i}") for i in range(3)]
    people = {world.part_a.id, world.part_a_other.id} | {p.id for p in extra}  # five people
    roles.set_role_list(svc, world.fac_a, world.cohort_a, ["Mötesledare", "Tidhållare"])
    rng = random.Random(3)
    seen: list[int] = []
    for week in range(5):
        sid = planning.save_session(svc, world.fac_a, world.cohort_a, f"Träff {week}",
                                    dt.date.today() + dt.timedelta(days=7 * week), dt.time(9), dt.time(12))
        planning.set_attendance(svc, world.fac_a, sid, roster_rows(svc, world.cohort_a, people))
        drawn = roles.draw_roles(svc, world.fac_a, sid, rng)
        assert [d["role"] for d in drawn] == ["facilitator", "timekeeper"]
        seen += [d["user_id"] for d in drawn]
    assert set(seen[:5]) == people  # the first five roles went to five different people
    assert sorted(seen.count(p) for p in people) == [2, 2, 2, 2, 2]


def test_roles_are_shown_to_the_participant_with_a_description(svc, world):
    sid = _session(svc, world)
    planning.set_attendance(svc, world.fac_a, sid, roster_rows(svc, world.cohort_a, {world.part_a.id}))
    roles.draw_roles(svc, world.fac_a, sid, random.Random(1))
    mine = roles.my_roles(svc, world.part_a, world.cohort_a)
    assert mine[0]["name"] == "Mötesledare" and mine[0]["description"]
    assert roles.history(svc, world.fac_a, world.cohort_a)[0]["who"] == "Anna A"
    with pytest.raises(PermissionDenied):
        roles.draw_roles(svc, world.fac_b, sid)


def test_drawing_roles_needs_someone_present(svc, world):
    sid = _session(svc, world)
    with pytest.raises(DomainError) as err:
        roles.draw_roles(svc, world.fac_a, sid)
    assert err.value.key == "live.error.nobody_present"


def test_the_program_templates_exist_in_both_languages():
    sv, en = live.activity_templates("sv"), live.activity_templates("en")
    assert len(sv) == len(en) >= 5
    assert {t["kind"] for t in sv} == {"checkin", "poll", "scale", "fist", "open"}
    assert sv[0]["question"] != en[0]["question"]


def test_the_live_sheet_of_the_export_holds_counts_only_never_who_answered_what(svc, world, tmp_path):
    from io import BytesIO

    from openpyxl import load_workbook

    from modules.services import reports

    sid = _session(svc, world)
    aid = live.create_activity(svc, world.fac_a, world.cohort_a, "checkin", "Ett ord", session_id=sid,
                               open_now=True)
    live.answer(svc, world.part_a, aid, "=HYPERLINK(\"x\")")
    live.answer(svc, world.part_a_other, aid, "lugn")
    live.close_activity(svc, world.fac_a, aid)
    planning.set_attendance(svc, world.fac_a, sid, roster_rows(svc, world.cohort_a, {world.part_a.id}))
    roles.draw_roles(svc, world.fac_a, sid, random.Random(2))
    wb = load_workbook(BytesIO(reports.export_workbook(svc, world.fac_a, cohort_id=world.cohort_a)))
    sheet = wb["Liveresultat"]
    rows = [tuple(c.value for c in r) for r in sheet.iter_rows(min_row=2)]
    header = [c.value for c in sheet[1]]
    assert header == ["Grupp", "Träff", "Datum", "Typ", "Fråga", "Svarande", "Svar", "Antal"]
    assert {(r[6], r[7]) for r in rows} == {("=HYPERLINK(\"x\")", 1), ("lugn", 1)}
    assert all(r[5] == 2 for r in rows)
    flat = repr(rows)
    assert "Anna A" not in flat and "Åke A" not in flat  # never who answered
    assert sheet.cell(row=2, column=7).data_type == "s" or sheet.cell(row=3, column=7).data_type == "s"
    role_rows = [tuple(c.value for c in r) for r in wb["Mötesroller"].iter_rows(min_row=2)]
    assert role_rows[0][0] == "Anna A" and role_rows[0][4] == "Mötesledare"
