"""Joining never takes over a roster row by e-mail; a personal invite code does — SQLite and PostgreSQL."""

import csv
import io

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from modules.db.engine import unit_of_work
from modules.db.models import Enrolment
from modules.exports import invite_codes as export
from modules.services import cohorts, invites, roster
from modules.services.errors import DomainError, PermissionDenied
from tests.builders import PASSWORD

ROSTER = "namn;e-post\nÅsa Öberg;asa@example.se\n=HYPERLINK(\"http://x\");eve@example.se\n".encode()


def _invite(svc, world) -> dict:
    roster.import_roster(svc, world.fac_a, world.cohort_a, "lista.csv", ROSTER)
    return {r["email"]: r for r in invites.invite_codes(svc, world.fac_a, world.cohort_a)}


def _rows(svc, cohort_id, email):
    with unit_of_work(svc.engine) as db:
        return db.scalars(select(Enrolment).where(Enrolment.cohort_id == cohort_id, Enrolment.email == email)).all()


def test_joining_with_the_cohort_code_and_a_roster_email_makes_a_new_member(svc, world):
    _invite(svc, world)
    code = cohorts.get_cohort(svc, world.fac_a, world.cohort_a)["join_code"]
    intruder = cohorts.join_new(svc, code, "Not Åsa", "asa@example.se", PASSWORD, PASSWORD, None)
    rows = _rows(svc, world.cohort_a, "asa@example.se")
    assert len(rows) == 2
    assert {r.user_id for r in rows} == {None, intruder.id}
    unmatched = invites.invite_codes(svc, world.fac_a, world.cohort_a)
    assert "Åsa Öberg" in [r["name"] for r in unmatched]  # the facilitator still sees the invited row


def test_a_personal_invite_code_matches_its_roster_row_once(svc, world):
    codes = _invite(svc, world)
    personal = codes["asa@example.se"]["code"]
    assert len(personal) == 10 and cohorts.check_join_code(svc, personal.lower(), None)["invited"] is True
    asa = cohorts.join_new(svc, personal, "Åsa", "asa.o", PASSWORD, PASSWORD, None)
    (row,) = _rows(svc, world.cohort_a, "asa@example.se")
    assert row.user_id == asa.id and row.joined_at and row.name == "Åsa Öberg" and row.invite_code is None
    with pytest.raises(DomainError):
        cohorts.join_new(svc, personal, "Again", "again", PASSWORD, PASSWORD, None)
    assert "asa@example.se" not in {r["email"] for r in invites.invite_codes(svc, world.fac_a, world.cohort_a)}


def test_a_logged_in_participant_can_redeem_a_personal_code_of_another_cohort(svc, world):
    codes = _invite(svc, world)
    assert cohorts.join_existing(svc, world.part_b, codes["eve@example.se"]["code"], None) == world.cohort_a
    (row,) = _rows(svc, world.cohort_a, "eve@example.se")
    assert row.user_id == world.part_b.id


def test_codes_are_stable_and_only_the_cohorts_facilitators_see_them(svc, world):
    first = _invite(svc, world)
    again = {r["email"]: r for r in invites.invite_codes(svc, world.fac_a, world.cohort_a)}
    assert {k: v["code"] for k, v in first.items()} == {k: v["code"] for k, v in again.items()}
    for outsider in (world.fac_b, world.fac_a2, world.part_a):
        with pytest.raises(PermissionDenied):
            invites.invite_codes(svc, outsider, world.cohort_a)


def test_the_mail_merge_files_hold_every_code_and_no_formula(svc, world):
    _invite(svc, world)
    rows = invites.invite_codes(svc, world.fac_a, world.cohort_a)
    ws = load_workbook(io.BytesIO(export.to_xlsx(rows, "sv"))).active
    table = [[c.value for c in r] for r in ws.iter_rows()]
    assert table[0][:3] == ["Namn", "E-postadress", "Inbjudningskod"]
    assert {r["code"] for r in rows} <= {line[2] for line in table[1:]}
    assert all(c.data_type == "s" for r in ws.iter_rows(min_row=2) for c in r)
    text = export.to_csv(rows, "en").decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert lines[0][2] == "Invite code" and {r["code"] for r in rows} <= {line[2] for line in lines[1:]}
    assert all(not cell.startswith("=") for line in lines for cell in line)
