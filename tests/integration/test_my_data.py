"""The participant's control of their data, and deleting cohorts: services, files read back, CLI."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select, update

from modules.db.engine import unit_of_work
from modules.db.models import Answer, AuthSession, Cohort, Commitment, Enrolment, Feedback, SectionRead, User
from modules.exports.mydata import my_data_json, my_data_workbook
from modules.services import answers, auth, cohorts, dashboard, journey, mydata, reports, retention
from modules.services.errors import DomainError, PermissionDenied
from tests.builders import PASSWORD, make_cohort, make_participant


def _write_everything(svc, w, who):
    answers.save_answer(svc, who, w.cohort_a, "example", "first-thoughts", {"text": "=Min reflektion"},
                        submit=True, visibility="facilitator")
    answers.save_answer(svc, who, w.cohort_a, "example", "try-it",
                        {"what": "Ringa Lena", "with_whom": "Lena", "due": "2026-01-01"}, submit=True)
    answers.rate_module(svc, who, w.cohort_a, "example", 4, "Bra modul")
    journey.mark_read(svc, who, w.cohort_a, "example", "intro")
    return auth.exchange_handoff(svc, auth.start_session(svc, who).handoff)  # a login cookie token


def test_my_data_holds_everything_of_mine_grouped_and_says_who_can_see_it(svc, world):
    _write_everything(svc, world, world.part_a)
    data = mydata.my_data(svc, world.part_a)
    assert list(data) == list(mydata.GROUPS)
    assert {i["field"]: i["value"] for i in data["account"]}["name"] == "Anna A"
    by_exercise = {a["exercise"]: a for a in data["answers"]}
    assert by_exercise["Första tankar"]["who"] == "privacy.who.facilitator"
    assert data["commitments"][0]["what"] == "Ringa Lena" and data["commitments"][0]["who"] == "privacy.who.private"
    assert data["feedback"][0]["comment"] == "Bra modul" and data["feedback"][0]["who"] == "privacy.who.feedback"
    assert data["reading"] and data["sessions"]
    assert mydata.my_data(svc, world.part_a_other)["answers"] == []


def test_my_data_downloads_as_json_and_excel_and_read_back_hold_my_answers(svc, world):
    _write_everything(svc, world, world.part_a)
    data = mydata.my_data(svc, world.part_a)
    parsed = json.loads(my_data_json(data, "en"))
    assert parsed["commitments"][0]["what"] == "Ringa Lena"
    assert parsed["commitments"][0]["who"] == "Only you"
    wb = load_workbook(io.BytesIO(my_data_workbook(data, "sv")))
    assert "Dina svar och utkast" in wb.sheetnames
    cells = [c for row in wb["Dina svar och utkast"].iter_rows() for c in row]
    text = [c for c in cells if c.value == "=Min reflektion"]
    assert text and text[0].data_type == "s"  # a participant's text never becomes a formula


def test_downloading_my_data_is_recorded_in_the_export_log(svc, world):
    mydata.log_own_download(svc, world.part_a, "json")
    log = reports.export_log(svc, world.admin)
    assert log[0]["what"] == "own_data" and log[0]["who"] == "Anna A"


def test_deleting_my_account_needs_my_password(svc, world):
    with pytest.raises(DomainError):
        mydata.delete_my_account(svc, world.part_a, "fel lösenord")
    with pytest.raises(PermissionDenied):
        mydata.delete_my_account(svc, world.fac_a, PASSWORD)


def test_deleting_my_account_deletes_what_i_wrote_and_facilitators_see_a_deleted_participant(svc, world):
    token = _write_everything(svc, world, world.part_a)
    assert auth.actor_for_token(svc, token) is not None
    mydata.delete_my_account(svc, world.part_a, PASSWORD)
    with unit_of_work(svc.engine) as db:
        for model in (Answer, Commitment, Feedback, SectionRead, AuthSession):
            assert db.scalar(select(func.count()).select_from(model).where(model.user_id == world.part_a.id)) == 0
        assert db.get(User, world.part_a.id) is None
        assert db.scalar(select(func.count()).select_from(Enrolment).where(Enrolment.email == None)) == 1  # noqa: E711
    assert auth.actor_for_token(svc, token) is None
    data = dashboard.overview(svc, world.fac_a, cohort_id=world.cohort_a)
    assert data["joined"] == 2
    assert sorted(p["name"] for p in data["participants"]) == ["Borttagen deltagare", "Åke A"]
    report = reports.build_report(svc, world.fac_a, cohort_id=world.cohort_a)
    assert [p.name for p in report.participants if p.status == "deleted"] == ["Borttagen deltagare"]
    assert "Anna A" not in str(report)
    log = reports.export_log(svc, world.admin)
    assert log[0]["what"] == "delete_account"


def _ended_cohort(svc, world, name="Hösten 2024", days_ago=200):
    cid = make_cohort(svc, world.fac_a, world.org_a, name)
    who = make_participant(svc, world.fac_a, cid, "Gammal Deltagare")
    end = dt.date.today() - dt.timedelta(days=days_ago)
    with unit_of_work(svc.engine, write=True) as db:  # the cohort has run its course
        db.execute(update(Cohort).where(Cohort.id == cid).values(start_date=end - dt.timedelta(days=90), end_date=end))
    return cid, who


def test_an_admin_deletes_a_finished_cohort_only_after_typing_its_name(svc, world):
    cid, who = _ended_cohort(svc, world)
    with unit_of_work(svc.engine, write=True) as db:
        db.add(Answer(user_id=who.id, cohort_id=cid, module_id="example", exercise_id="first-thoughts",
                      kind="reflection", data={"text": "gammalt"}))
    with pytest.raises(PermissionDenied):
        retention.delete_cohort(svc, world.fac_a, cid, "Hösten 2024")
    with pytest.raises(DomainError, match="name_mismatch"):
        retention.delete_cohort(svc, world.admin, cid, "Hösten")
    with pytest.raises(DomainError, match="not_finished"):
        retention.delete_cohort(svc, world.admin, world.cohort_a, "A1")
    retention.delete_cohort(svc, world.admin, cid, "Hösten 2024")
    with unit_of_work(svc.engine) as db:
        assert db.scalar(select(func.count()).select_from(Answer).where(Answer.cohort_id == cid)) == 0
        assert db.scalar(select(func.count()).select_from(Enrolment).where(Enrolment.cohort_id == cid)) == 0
    assert reports.export_log(svc, world.admin)[0]["what"] == "delete_cohort"


def test_the_retention_list_shows_cohorts_that_ended_longer_ago_than_the_setting(svc, world):
    old, _ = _ended_cohort(svc, world, "Gammal", days_ago=400)
    recent, _ = _ended_cohort(svc, world, "Nyss", days_ago=10)
    assert [c["name"] for c in retention.past_retention(svc, world.admin)] == ["Gammal"]
    assert {c["id"] for c in retention.finished_cohorts(svc, world.admin)} == {old, recent}
    with pytest.raises(PermissionDenied):
        retention.past_retention(svc, world.fac_a)


def test_purge_is_a_dry_run_unless_told_yes(svc, world):
    old, _ = _ended_cohort(svc, world, "Gammal", days_ago=400)
    before = dt.date.today() - dt.timedelta(days=365)
    assert [c["id"] for c in retention.purge(svc, before)] == [old]
    assert [c["id"] for c in retention.purge(svc, before)] == [old]  # still there
    retention.purge(svc, before, yes=True)
    assert retention.purge(svc, before) == []
    assert reports.export_log(svc, world.admin)[0]["what"] == "purge"


def test_the_purge_command_lists_by_default_and_deletes_with_yes(tmp_path, monkeypatch, capsys, example_program):
    from modules.cli import main
    from modules.db.engine import make_engine, migrate
    from modules.services.context import Services
    from modules.settings import load_settings
    from tests.builders import World

    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("MEDLED_CONTENT_DIR", str(tmp_path))
    engine = make_engine(url)
    migrate(engine)
    svc = Services(engine=engine, settings=load_settings({}), program=example_program)
    world = World(svc)
    old, _ = _ended_cohort(svc, world, "Gammal", days_ago=400)
    assert main(["purge", "--ended-before", "2099-01-01"]) == 0
    out = capsys.readouterr().out
    assert "Gammal" in out and "dry run" in out
    assert main(["purge", "--ended-before", "not-a-date"]) == 2
    assert main(["purge", "--ended-before", (dt.date.today() - dt.timedelta(days=365)).isoformat(), "--yes"]) == 0
    assert "Deleted: 1 cohort(s)" in capsys.readouterr().out
    assert retention.purge(svc, dt.date(2099, 1, 1)) and old not in {c["id"] for c in retention.purge(svc, dt.date(2099, 1, 1))}
    engine.dispose()


def test_the_roster_shows_a_deleted_participant_without_name_or_email(svc, world):
    mydata.delete_my_account(svc, world.part_a, PASSWORD)
    rows = cohorts.roster(svc, world.fac_a, world.cohort_a)
    deleted = [r for r in rows if r["deleted"]]
    assert len(deleted) == 1 and deleted[0]["name"] == "" and deleted[0]["email"] == ""
