"""Accounts, login sessions, codes, throttling and joining — on SQLite and PostgreSQL."""

import datetime as dt

import pytest
from sqlalchemy import select, update

from modules.db.engine import unit_of_work
from modules.db.models import AuthSession, Cohort, OneTimeCode, User
from modules.services import accounts, auth, cohorts
from modules.services.errors import DomainError, PermissionDenied, Throttled
from tests.builders import PASSWORD, make_admin, make_cohort, make_facilitator, make_org, make_participant


def test_the_first_admin_can_be_created_only_while_there_is_none(svc):
    assert accounts.needs_first_admin(svc)
    admin = accounts.create_first_admin(svc, "Ada", "ada@example.org", PASSWORD, PASSWORD)
    assert admin.role == "admin" and not accounts.needs_first_admin(svc)
    with pytest.raises(PermissionDenied):
        accounts.create_first_admin(svc, "Eve", "eve@example.org", PASSWORD, PASSWORD)


@pytest.mark.parametrize("name,email,pw,pw2,key", [
    ("", "a@example.org", PASSWORD, PASSWORD, "error.required"),
    ("A" * 121, "a@example.org", PASSWORD, PASSWORD, "error.too_long"),
    ("Ada", "not-an-email", PASSWORD, PASSWORD, "error.email_format"),
    ("Ada", "a@example.org", "short", "short", "error.password_short"),
    ("Ada", "a@example.org", PASSWORD, PASSWORD + "x", "error.password_mismatch"),
])
def test_bad_input_for_the_first_admin_gives_a_message_and_changes_nothing(svc, name, email, pw, pw2, key):
    with pytest.raises(DomainError) as err:
        accounts.create_first_admin(svc, name, email, pw, pw2)
    assert err.value.key == key
    assert accounts.needs_first_admin(svc)


def test_passwords_are_stored_as_argon2id_hashes(svc):
    make_admin(svc)
    with unit_of_work(svc.engine) as db:
        stored = db.scalars(select(User.password_hash)).one()
    assert stored.startswith("$argon2id$") and PASSWORD not in stored


def test_login_with_the_right_password_works_and_the_wrong_one_does_not(svc):
    admin = make_admin(svc)
    assert auth.authenticate(svc, admin.login.upper(), PASSWORD, "1.2.3.4").id == admin.id
    with pytest.raises(DomainError) as err:
        auth.authenticate(svc, admin.login, "wrong password!", "1.2.3.4")
    assert err.value.key == "error.login_failed"


def test_an_unknown_account_gets_the_same_message_as_a_wrong_password(svc):
    with pytest.raises(DomainError) as err:
        auth.authenticate(svc, "nobody@example.org", PASSWORD, None)
    assert err.value.key == "error.login_failed"


def test_five_failures_lock_the_account_even_with_the_right_password(svc):
    admin = make_admin(svc)
    for _ in range(5):
        with pytest.raises(DomainError):
            auth.authenticate(svc, admin.login, "wrong password!", None)
    with pytest.raises(Throttled):
        auth.authenticate(svc, admin.login, PASSWORD, None)


def test_many_failures_from_one_client_lock_that_client_for_other_accounts(svc):
    admin = make_admin(svc)
    for i in range(svc.settings.throttle_client_failures):
        with pytest.raises(DomainError):
            auth.authenticate(svc, f"guess{i}@example.org", "wrong password!", "9.9.9.9")
    with pytest.raises(Throttled):
        auth.authenticate(svc, admin.login, PASSWORD, "9.9.9.9")
    assert auth.authenticate(svc, admin.login, PASSWORD, "8.8.8.8").id == admin.id


def test_a_handoff_becomes_a_session_once_and_only_once(svc):
    admin = make_admin(svc)
    handoff = auth.start_session(svc, admin).handoff
    token = auth.exchange_handoff(svc, handoff)
    assert token and auth.actor_for_token(svc, token).id == admin.id
    assert auth.exchange_handoff(svc, handoff) is None
    with unit_of_work(svc.engine) as db:
        assert all(token not in h for h in db.scalars(select(AuthSession.token_hash)))


def test_logout_and_expiry_end_a_session(svc):
    admin = make_admin(svc)
    token = auth.exchange_handoff(svc, auth.start_session(svc, admin).handoff)
    auth.logout(svc, token)
    assert auth.actor_for_token(svc, token) is None
    token2 = auth.exchange_handoff(svc, auth.start_session(svc, admin).handoff)
    with unit_of_work(svc.engine, write=True) as db:
        db.execute(update(AuthSession).values(expires_at=dt.datetime(2000, 1, 1)))
    assert auth.actor_for_token(svc, token2) is None


def test_changing_the_password_revokes_every_session(svc):
    admin = make_admin(svc)
    token = auth.exchange_handoff(svc, auth.start_session(svc, admin).handoff)
    with pytest.raises(DomainError):
        auth.change_password(svc, admin, "wrong password!", "new password 123", "new password 123")
    auth.change_password(svc, admin, PASSWORD, "new password 123", "new password 123")
    assert auth.actor_for_token(svc, token) is None
    assert auth.authenticate(svc, admin.login, "new password 123", None).id == admin.id


def test_a_facilitator_invite_sets_a_password_once_and_expires(svc):
    admin = make_admin(svc)
    org = make_org(svc, admin)
    code = accounts.create_facilitator(svc, admin, "Fia", "fia@example.org", [org])
    fac = accounts.redeem_code(svc, code.lower(), PASSWORD, PASSWORD, None)
    assert fac.role == "facilitator"
    with pytest.raises(DomainError):
        accounts.redeem_code(svc, code, PASSWORD, PASSWORD, None)
    code2 = accounts.reissue_invite(svc, admin, fac.id)
    with unit_of_work(svc.engine, write=True) as db:
        db.execute(update(OneTimeCode).values(expires_at=dt.datetime(2000, 1, 1)))
    with pytest.raises(DomainError) as err:
        accounts.redeem_code(svc, code2, PASSWORD, PASSWORD, None)
    assert err.value.key == "error.code_invalid"


def test_a_facilitator_resets_a_participant_of_their_cohort_but_not_of_another(svc, world):
    code = accounts.create_reset_code(svc, world.fac_a, world.part_a.id)
    accounts.redeem_code(svc, code, "brand new password", "brand new password", None)
    assert auth.authenticate(svc, world.part_a.login, "brand new password", None)
    with pytest.raises(PermissionDenied):
        accounts.create_reset_code(svc, world.fac_a, world.part_b.id)
    with pytest.raises(PermissionDenied):
        accounts.create_reset_code(svc, world.fac_a, world.fac_b.id)
    assert accounts.create_reset_code(svc, world.admin, world.fac_b.id)


def test_join_codes_are_eight_characters_without_look_alikes(svc, world):
    codes = {cohorts.rotate_join_code(svc, world.fac_a, world.cohort_a) for _ in range(20)}
    assert all(len(c) == 8 and not set(c) & set("0O1IL") for c in codes)


def test_joining_with_a_right_wrong_and_closed_code(svc, world):
    code = cohorts.get_cohort(svc, world.fac_a, world.cohort_a)["join_code"]
    person = cohorts.join_new(svc, code.lower()[:4] + " " + code[4:], "Nils", "nils", PASSWORD, PASSWORD, None)
    assert [c["id"] for c in cohorts.my_cohorts(svc, person)] == [world.cohort_a]
    with pytest.raises(DomainError) as err:
        cohorts.join_new(svc, "ZZZZZZZZ", "Eva", "eva@example.org", PASSWORD, PASSWORD, None)
    assert err.value.key == "error.join_code"
    cohorts.set_join_open(svc, world.fac_a, world.cohort_a, False)
    with pytest.raises(DomainError):
        cohorts.join_new(svc, code, "Eva", "eva@example.org", PASSWORD, PASSWORD, None)
    with unit_of_work(svc.engine) as db:
        assert db.scalar(select(User).where(User.login == "eva@example.org")) is None


def test_a_duplicate_login_is_refused_and_a_person_can_join_several_cohorts(svc, world):
    code_b = cohorts.get_cohort(svc, world.fac_b, world.cohort_b)["join_code"]
    with pytest.raises(DomainError) as err:
        cohorts.join_new(svc, code_b, "Anna again", world.part_a.login, PASSWORD, PASSWORD, None)
    assert err.value.key == "error.login_taken"
    cohorts.join_existing(svc, world.part_a, code_b, None)
    assert {c["id"] for c in cohorts.my_cohorts(svc, world.part_a)} == {world.cohort_a, world.cohort_b}


def test_guessing_join_codes_locks_the_client(svc, world):
    code = cohorts.get_cohort(svc, world.fac_a, world.cohort_a)["join_code"]
    for i in range(svc.settings.throttle_client_failures):
        with pytest.raises(DomainError):
            cohorts.check_join_code(svc, f"WRONG{i:03d}", "5.5.5.5")
    with pytest.raises(Throttled):
        cohorts.check_join_code(svc, code, "5.5.5.5")
    assert cohorts.check_join_code(svc, code, "6.6.6.6")["id"] == world.cohort_a


def test_a_cohort_that_has_ended_cannot_be_joined(svc, world):
    code = cohorts.get_cohort(svc, world.fac_a, world.cohort_a)["join_code"]
    with unit_of_work(svc.engine, write=True) as db:
        db.execute(update(Cohort).where(Cohort.id == world.cohort_a).values(end_date=dt.date(2000, 1, 1)))
    with pytest.raises(DomainError):
        cohorts.check_join_code(svc, code, None)


def test_a_facilitator_creates_cohorts_only_in_their_own_organisation(svc):
    admin = make_admin(svc)
    org_a, org_b = make_org(svc, admin), make_org(svc, admin)
    fac = make_facilitator(svc, admin, org_a)
    assert make_cohort(svc, fac, org_a)
    with pytest.raises(PermissionDenied):
        make_cohort(svc, fac, org_b)
    with pytest.raises(DomainError):
        cohorts.create_cohort(svc, fac, org_a, "Bad dates", "sv", dt.date(2026, 5, 1), dt.date(2026, 4, 1))


def test_the_language_is_stored_per_user(svc, world):
    assert auth.set_language(svc, world.part_a, "en").language == "en"
    assert auth.authenticate(svc, world.part_a.login, PASSWORD, None).language == "en"
    with pytest.raises(DomainError):
        auth.set_language(svc, world.part_a, "de")


def test_joining_with_the_cohort_code_never_takes_over_a_roster_entry_by_email(svc, world):
    from modules.db.models import Enrolment

    with unit_of_work(svc.engine, write=True) as db:
        db.add(Enrolment(cohort_id=world.cohort_a, name="Invited Ida", email="ida@example.org",
                         invited_at=dt.datetime(2026, 1, 1)))
    code = cohorts.get_cohort(svc, world.fac_a, world.cohort_a)["join_code"]
    cohorts.join_new(svc, code, "Ida", "IDA@example.org", PASSWORD, PASSWORD, None)
    ida = [p for p in cohorts.roster(svc, world.fac_a, world.cohort_a) if p["email"] == "ida@example.org"]
    assert len(ida) == 2  # the invited row stays unmatched; only its personal invite code matches it
    assert sorted(p["user_id"] is None for p in ida) == [False, True]


def test_make_participant_builder_gives_a_joined_participant(svc, world):
    extra = make_participant(svc, world.fac_a, world.cohort_a, "Extra")
    assert extra.role == "participant"
