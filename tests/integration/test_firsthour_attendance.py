"""Attendance is kept per roster row: invited people can be marked, and a later join keeps it."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import text

from modules.db.engine import downgrade, migrate
from modules.services import cohorts, dashboard, invites, planning, reports, roster
from tests.builders import PASSWORD


def _invite(svc, world, name="Ida Inbjuden", email="ida@example.se") -> int:
    roster.import_roster(svc, world.fac_a, world.cohort_a, "l.csv", f"namn;e-post\n{name};{email}\n".encode())
    return next(p["id"] for p in cohorts.roster(svc, world.fac_a, world.cohort_a) if p["email"] == email)


def _session(svc, world, title="Uppstart", day=dt.date(2026, 2, 1)) -> int:
    return planning.save_session(svc, world.fac_a, world.cohort_a, title, day, dt.time(9), dt.time(12))


def test_an_invited_person_marked_present_keeps_the_mark_after_joining(svc, world):
    ida, s1 = _invite(svc, world), _session(svc, world)
    planning.set_attendance(svc, world.fac_a, s1, {ida})
    assert dashboard.attendance(svc, world.fac_a, world.cohort_a)["marks"][(s1, ida)] is True
    # the person joins with the roster row's personal invite code (the cohort code would make a new member)
    code = next(r["code"] for r in invites.invite_codes(svc, world.fac_a, world.cohort_a) if r["id"] == ida)
    joined = cohorts.join_new(svc, code, "Ida Inbjuden", "ida@example.se", PASSWORD, PASSWORD, None)
    row = next(p for p in cohorts.roster(svc, world.fac_a, world.cohort_a) if p["email"] == "ida@example.se")
    assert (row["id"], row["user_id"]) == (ida, joined.id), "joining filled in the invited roster row"
    assert dashboard.attendance(svc, world.fac_a, world.cohort_a)["marks"][(s1, ida)] is True


def test_the_export_counts_attendance_for_invited_and_joined_people(svc, world):
    ida, s1, s2 = _invite(svc, world), _session(svc, world), _session(svc, world, "Träff 2", dt.date(2026, 3, 1))
    anna = next(p["id"] for p in cohorts.roster(svc, world.fac_a, world.cohort_a) if p["user_id"] == world.part_a.id)
    planning.set_attendance(svc, world.fac_a, s1, {ida, anna})
    planning.set_attendance(svc, world.fac_a, s2, {anna})
    report = reports.build_report(svc, world.fac_a, cohort_id=world.cohort_a)
    rates = {p.name: p.attendance_rate for p in report.participants}
    assert rates == {"Anna A": 1.0, "Åke A": 0.0, "Ida Inbjuden": 0.5}
    ida_key = next(p.key for p in report.participants if p.name == "Ida Inbjuden")
    assert sorted((a.session, a.present) for a in report.attendance if a.participant_key == ida_key) == [
        ("Träff 2", False), ("Uppstart", True)]


def test_existing_marks_move_to_the_joined_roster_row_when_migrating(engine, example_program):
    from modules.services.context import Services
    from modules.settings import load_settings
    from tests.builders import World

    svc = Services(engine=engine, settings=load_settings({}), program=example_program)
    world = World(svc)
    s1 = _session(svc, world)
    downgrade(engine, "0002")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO attendance (session_id, user_id, present) VALUES (:s, :u, :p)"),
                     [dict(s=s1, u=world.part_a.id, p=True), dict(s=s1, u=world.part_a_other.id, p=False)])
    migrate(engine)
    marks = dashboard.attendance(svc, world.fac_a, world.cohort_a)["marks"]
    row = {p["user_id"]: p["id"] for p in cohorts.roster(svc, world.fac_a, world.cohort_a)}
    assert marks == {(s1, row[world.part_a.id]): True, (s1, row[world.part_a_other.id]): False}


def test_the_demo_data_records_attendance_on_roster_rows(svc):
    from sqlalchemy import func, select

    from modules.db.engine import unit_of_work
    from modules.db.models import Attendance, Enrolment
    from modules.demo import seed_demo

    seed_demo(svc, participants=6, cohort_size=6)
    with unit_of_work(svc.engine) as db:
        marks = db.scalar(select(func.count()).select_from(Attendance).join(Enrolment))
    assert marks > 0
