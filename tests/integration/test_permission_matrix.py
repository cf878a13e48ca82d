"""Who may and who may not: every service read and write, for five kinds of actor.

Actors: a participant of cohort A, a participant of cohort B, the facilitator of A,
a facilitator of another organisation (B) and an administrator.
"""

import datetime as dt

import pytest

from modules.imports.roster import RosterRow
from modules.services import (
    accounts,
    answers,
    cohorts,
    dashboard,
    journey,
    mydata,
    planning,
    reports,
    retention,
    roster,
)
from modules.services.errors import DomainError, NotFound, PermissionDenied

ACTORS = ("part_a", "part_b", "fac_a", "fac_b", "admin")
CSV = "name;email\nNy Person;ny@example.org\n".encode("cp1252")


def _reflection(svc, w, who):
    return answers.save_answer(svc, who, w.cohort_a, "example", "first-thoughts", {"text": "Hej"})


def _end_and_delete_cohort_a(svc, w, who):
    from sqlalchemy import update

    from modules.db.engine import unit_of_work
    from modules.db.models import Cohort

    with unit_of_work(svc.engine, write=True) as db:
        db.execute(update(Cohort).where(Cohort.id == w.cohort_a).values(
            start_date=dt.date(2020, 1, 1), end_date=dt.date(2020, 3, 1)))
    retention.delete_cohort(svc, who, w.cohort_a, "A1")


OPERATIONS = {
    # name: (call, actors allowed)
    "list organisations": (lambda svc, w, a: cohorts.list_organisations(svc, a), {"fac_a", "fac_b", "admin"}),
    "create organisation": (lambda svc, w, a: cohorts.create_organisation(svc, a, "Ny org"), {"admin"}),
    "create facilitator": (lambda svc, w, a: accounts.create_facilitator(svc, a, "N", "n@example.org", [w.org_a]),
                           {"admin"}),
    "list users": (lambda svc, w, a: accounts.list_users(svc, a), {"admin"}),
    "create cohort in org A": (lambda svc, w, a: cohorts.create_cohort(
        svc, a, w.org_a, "Ny", "sv", dt.date(2026, 1, 1), dt.date(2026, 3, 1)), {"fac_a", "admin"}),
    "list cohorts": (lambda svc, w, a: cohorts.list_cohorts(svc, a), {"fac_a", "fac_b", "admin"}),
    "read cohort A": (lambda svc, w, a: cohorts.get_cohort(svc, a, w.cohort_a), {"part_a", "fac_a", "admin"}),
    "rotate join code of A": (lambda svc, w, a: cohorts.rotate_join_code(svc, a, w.cohort_a), {"fac_a", "admin"}),
    "close cohort A": (lambda svc, w, a: cohorts.set_join_open(svc, a, w.cohort_a, False), {"fac_a", "admin"}),
    "roster of A": (lambda svc, w, a: cohorts.roster(svc, a, w.cohort_a), {"fac_a", "admin"}),
    "reset code for participant of A": (lambda svc, w, a: accounts.create_reset_code(svc, a, w.part_a_other.id),
                                        {"fac_a", "admin"}),
    "program of A": (lambda svc, w, a: journey.program_for(svc, a, w.cohort_a), {"part_a"}),
    "open module in A": (lambda svc, w, a: journey.open_module(svc, a, w.cohort_a, "example"), {"part_a"}),
    "mark read in A": (lambda svc, w, a: journey.mark_read(svc, a, w.cohort_a, "example", "intro"), {"part_a"}),
    "answer in A": (_reflection, {"part_a"}),
    "rate module in A": (lambda svc, w, a: answers.rate_module(svc, a, w.cohort_a, "example", 4, ""), {"part_a"}),
    "plan of A": (lambda svc, w, a: planning.get_plan(svc, a, w.cohort_a), {"fac_a", "admin"}),
    "change plan of A": (lambda svc, w, a: planning.set_plan(svc, a, w.cohort_a, [("example", None)]),
                         {"fac_a", "admin"}),
    "sessions of A": (lambda svc, w, a: planning.list_sessions(svc, a, w.cohort_a), {"part_a", "fac_a", "admin"}),
    "add session to A": (lambda svc, w, a: planning.save_session(
        svc, a, w.cohort_a, "Träff", dt.date(2026, 2, 1), dt.time(9), dt.time(12)), {"fac_a", "admin"}),
    "copy cohort A": (lambda svc, w, a: planning.copy_cohort(svc, a, w.cohort_a, "Kopia", dt.date(2026, 9, 1),
                                                             dt.date(2026, 12, 1)), {"fac_a", "admin"}),
    "dashboard of A": (lambda svc, w, a: dashboard.overview(svc, a, cohort_id=w.cohort_a), {"fac_a", "admin"}),
    "organisation dashboard of A": (lambda svc, w, a: dashboard.overview(svc, a, org_id=w.org_a), {"fac_a", "admin"}),
    "shared answers in A": (lambda svc, w, a: dashboard.shared_answers(svc, a, w.cohort_a), {"fac_a", "admin"}),
    "commitments of a participant in A": (lambda svc, w, a: dashboard.participant_commitments(
        svc, a, w.cohort_a, w.part_a.id), {"fac_a", "admin"}),
    "attendance of A": (lambda svc, w, a: dashboard.attendance(svc, a, w.cohort_a), {"fac_a", "admin"}),
    "roster preview for A": (lambda svc, w, a: roster.preview_roster(svc, a, w.cohort_a, "r.csv", CSV),
                             {"fac_a", "admin"}),
    "roster import into A": (lambda svc, w, a: roster.import_roster(svc, a, w.cohort_a, "r.csv", CSV),
                             {"fac_a", "admin"}),
    "roster import of valid rows into A": (lambda svc, w, a: roster.import_plan(
        svc, a, w.cohort_a, roster.RosterPlan(rows=[RosterRow(2, "Ny Person", "ny@example.org")]), skip_invalid=True),
        {"fac_a", "admin"}),
    "export cohort A": (lambda svc, w, a: reports.export_workbook(svc, a, cohort_id=w.cohort_a), {"fac_a", "admin"}),
    "export organisation A": (lambda svc, w, a: reports.export_workbook(svc, a, org_id=w.org_a), {"fac_a", "admin"}),
    "export log": (lambda svc, w, a: reports.export_log(svc, a), {"admin"}),
    "my data": (lambda svc, w, a: mydata.my_data(svc, a), set(ACTORS)),
    "log a download of my data": (lambda svc, w, a: mydata.log_own_download(svc, a, "json"), set(ACTORS)),
    "delete my account": (lambda svc, w, a: mydata.delete_my_account(svc, a, "correct horse battery"),
                          {"part_a", "part_b"}),
    "cohorts past retention": (lambda svc, w, a: retention.past_retention(svc, a), {"admin"}),
    "finished cohorts": (lambda svc, w, a: retention.finished_cohorts(svc, a), {"admin"}),
    "delete finished cohort A": (_end_and_delete_cohort_a, {"admin"}),
}


@pytest.mark.parametrize("operation", sorted(OPERATIONS))
def test_permission_matrix(svc, world, operation):
    call, allowed = OPERATIONS[operation]
    for name in ACTORS:
        actor = getattr(world, name)
        if name in allowed:
            call(svc, world, actor)  # must not raise
        else:
            with pytest.raises((PermissionDenied, NotFound)):
                call(svc, world, actor)


def test_nobody_but_its_author_reads_a_private_reflection(svc, world):
    _reflection(svc, world, world.part_a)
    assert dashboard.shared_answers(svc, world.fac_a, world.cohort_a) == []
    assert [a["exercise_id"] for a in answers.journal(svc, world.part_a)] == ["first-thoughts"]
    assert answers.journal(svc, world.part_a_other) == []
    assert answers.cohort_shared(svc, world.part_a_other, world.cohort_a) == []


def test_a_participant_cannot_follow_up_someone_elses_commitment(svc, world):
    answers.save_answer(svc, world.part_a, world.cohort_a, "example", "try-it",
                        {"what": "Pröva", "due": "2026-01-01"}, submit=True)
    commitment = answers.my_commitments(svc, world.part_a)[0]
    with pytest.raises(NotFound):
        answers.follow_up(svc, world.part_a_other, commitment["id"], "done", "Klart")


def test_a_facilitator_of_org_a_sees_only_their_own_cohorts_in_the_org_dashboard(svc, world):
    data = dashboard.overview(svc, world.fac_a, org_id=world.org_a)
    assert {p["cohort_id"] for p in data["participants"]} == {world.cohort_a}
    data = dashboard.overview(svc, world.admin, org_id=world.org_a)
    assert data["joined"] == 2


def test_cohort_facilitators_are_listed_for_those_who_run_the_cohort_only(svc, world):
    team = cohorts.facilitators(svc, world.fac_a, world.cohort_a)
    assert [f["name"] for f in team["current"]] == ["Fia A"]
    assert [f["name"] for f in team["available"]] == ["Fredrik A2"]
    cohorts.assign_facilitator(svc, world.fac_a, world.cohort_a, world.fac_a2.id)
    assert world.cohort_a in {c["id"] for c in cohorts.list_cohorts(svc, world.fac_a2)}
    for outsider in (world.fac_b, world.part_a):
        with pytest.raises((PermissionDenied, NotFound)):
            cohorts.facilitators(svc, outsider, world.cohort_a)
    with pytest.raises(DomainError):
        cohorts.assign_facilitator(svc, world.fac_a, world.cohort_a, world.fac_b.id)
