"""Login sessions end everywhere, reset codes only by the right person — SQLite and PostgreSQL."""

import datetime as dt

import pytest
from sqlalchemy import delete, update

from modules.db.engine import unit_of_work
from modules.db.models import AuthSession, User
from modules.services import accounts, auth, cohorts
from modules.services.errors import PermissionDenied
from tests.builders import PASSWORD, make_cohort, make_facilitator


def _login(svc, actor):
    login = auth.start_session(svc, actor)
    return login.session_id, auth.exchange_handoff(svc, login.handoff)


def test_a_login_session_is_valid_before_and_after_its_cookie_is_set(world, svc):
    sid, token = _login(svc, world.part_a)
    assert auth.session_actor(svc, sid).id == world.part_a.id
    assert auth.session_for_token(svc, token) == (sid, auth.session_actor(svc, sid))


def test_logout_by_cookie_ends_the_session_every_tab_holds(world, svc):
    sid, token = _login(svc, world.part_a)
    auth.logout(svc, token)
    assert auth.session_actor(svc, sid) is None


def test_ending_a_session_by_id_ends_its_cookie_too_and_leaves_other_logins(world, svc):
    sid, token = _login(svc, world.part_a)
    other_sid, _ = _login(svc, world.part_a)
    auth.end_session(svc, sid)
    assert auth.actor_for_token(svc, token) is None
    assert auth.session_actor(svc, other_sid).id == world.part_a.id


def test_a_password_change_ends_every_session_of_the_account(world, svc):
    sids = [_login(svc, world.part_a)[0] for _ in range(3)]
    auth.change_password(svc, world.part_a, PASSWORD, "a new long password", "a new long password")
    assert all(auth.session_actor(svc, sid) is None for sid in sids)


def test_an_admin_logs_a_user_out_everywhere_and_nobody_else_may(world, svc):
    sids = [_login(svc, world.part_a)[0] for _ in range(2)]
    with pytest.raises(PermissionDenied):
        accounts.revoke_sessions(svc, world.fac_a, world.part_a.id)
    assert all(auth.session_actor(svc, sid) for sid in sids)
    accounts.revoke_sessions(svc, world.admin, world.part_a.id)
    assert all(auth.session_actor(svc, sid) is None for sid in sids)


def test_a_deleted_account_has_no_session(world, svc):
    sid, _ = _login(svc, world.part_a)
    with unit_of_work(svc.engine, write=True) as db:
        db.execute(delete(User).where(User.id == world.part_a.id))
    assert auth.session_actor(svc, sid) is None


def test_the_session_expiry_holds_for_a_session_already_open(world, svc):
    sid, _ = _login(svc, world.part_a)
    with unit_of_work(svc.engine, write=True) as db:
        db.execute(update(AuthSession).where(AuthSession.id == sid).values(expires_at=dt.datetime(2000, 1, 1)))
    assert auth.session_actor(svc, sid) is None


def test_a_handoff_stays_pending_until_used_and_a_revoked_login_cannot_use_it(world, svc):
    login = auth.start_session(svc, world.part_a)
    assert auth.handoff_pending(svc, login.session_id)
    assert auth.exchange_handoff(svc, login.handoff)
    assert not auth.handoff_pending(svc, login.session_id)
    second = auth.start_session(svc, world.part_a)
    auth.end_session(svc, second.session_id)
    assert not auth.handoff_pending(svc, second.session_id)
    assert auth.exchange_handoff(svc, second.handoff) is None


def test_a_facilitator_may_not_reset_a_participant_also_enrolled_elsewhere(world, svc):
    code_b = cohorts.get_cohort(svc, world.fac_b, world.cohort_b)["join_code"]
    cohorts.join_existing(svc, world.part_a, code_b, None)
    with pytest.raises(PermissionDenied):
        accounts.create_reset_code(svc, world.fac_a, world.part_a.id)
    with pytest.raises(PermissionDenied):
        accounts.create_reset_code(svc, world.fac_b, world.part_a.id)
    assert accounts.create_reset_code(svc, world.admin, world.part_a.id)


def test_a_facilitator_resets_a_participant_only_enrolled_in_their_own_cohorts(world, svc):
    second = make_cohort(svc, world.fac_a, world.org_a, "A1b")
    code = cohorts.get_cohort(svc, world.fac_a, second)["join_code"]
    cohorts.join_existing(svc, world.part_a, code, None)
    assert accounts.create_reset_code(svc, world.fac_a, world.part_a.id)
    with pytest.raises(PermissionDenied):
        accounts.create_reset_code(svc, world.fac_a2, world.part_a.id)


def test_a_facilitator_cannot_reset_a_participant_of_another_facilitators_cohort(world, svc):
    other = make_facilitator(svc, world.admin, world.org_a, "Olle")
    with pytest.raises(PermissionDenied):
        accounts.create_reset_code(svc, other, world.part_a.id)


def test_redeeming_a_reset_code_ends_every_session_and_leaves_a_notice_of_who_and_when(world, svc):
    sids = [_login(svc, world.part_a)[0] for _ in range(2)]
    assert auth.reset_notice(svc, world.part_a) is None
    code = accounts.create_reset_code(svc, world.fac_a, world.part_a.id)
    before = dt.datetime.now(dt.UTC).replace(tzinfo=None) - dt.timedelta(seconds=5)
    accounts.redeem_code(svc, code, "a brand new password", "a brand new password", None)
    assert all(auth.session_actor(svc, sid) is None for sid in sids)
    notice = auth.reset_notice(svc, world.part_a)
    assert notice.by == "Fia A" and notice.at >= before
    auth.dismiss_reset_notice(svc, world.part_a)
    assert auth.reset_notice(svc, world.part_a) is None


def test_redeeming_an_invite_leaves_no_reset_notice(world, svc):
    assert auth.reset_notice(svc, world.fac_a) is None
