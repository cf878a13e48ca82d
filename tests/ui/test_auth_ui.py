"""AppTest: an open tab is logged out when its login ends; the handoff stays until used."""

import datetime as dt

import streamlit as st
from sqlalchemy import delete, update

from modules.db.engine import unit_of_work
from modules.db.models import AuthSession, User
from modules.services import accounts, auth
from modules.ui import resources, state
from tests.builders import PASSWORD, World, make_admin
from tests.ui.conftest import app, login_as, texts
from tests.ui.test_app_foundation import _login, by_label


def _open_tab(svc, actor):
    at = app(actor).run()
    assert at.title[0].value != "Logga in"
    return at


def _handoff_forms(at) -> list[str]:
    return [e.proto.body for e in at.get("html") if "medled-handoff" in e.proto.body]


def test_a_tab_with_only_a_user_in_its_session_state_is_not_logged_in(ui_svc):
    admin = make_admin(ui_svc)
    at = app()
    at.session_state["actor"] = admin  # a session that never logged in (or from before this change)
    at.run()
    assert at.title[0].value == "Logga in"


def test_logging_out_in_one_tab_logs_out_the_other_at_its_next_interaction(ui_svc):
    admin = make_admin(ui_svc)
    first = app().run()
    sid = login_as(first, admin)
    first.run()
    second = app()
    second.session_state[state.SESSION_KEY] = sid  # the same login, as a second tab gets it from the cookie
    second.run()
    assert second.title[0].value == "Grupper"
    first.button(key="logout").click().run()
    assert first.title[0].value == "Logga in"
    second.run()
    assert second.title[0].value == "Logga in" and "actor" not in second.session_state


def test_a_password_change_elsewhere_logs_out_every_open_tab(ui_svc):
    admin = make_admin(ui_svc)
    tabs = [_open_tab(ui_svc, admin) for _ in range(2)]
    auth.change_password(ui_svc, admin, PASSWORD, "a new long password", "a new long password")
    for at in tabs:
        assert at.run().title[0].value == "Logga in"


def test_an_admins_log_out_everywhere_button_ends_every_tab_of_the_user(ui_svc):
    world = World(ui_svc)
    victim = _open_tab(ui_svc, world.fac_a)
    at = app(world.admin).run()
    at.switch_page("modules/ui/pages/admin_orgs.py").run()
    button = next(b for b in at.button if b.key == f"out-{world.fac_a.id}")
    button.click().run()
    assert "Användaren är utloggad från alla öppna flikar och enheter." in texts(at)
    assert victim.run().title[0].value == "Logga in"
    assert at.title[0].value != "Logga in"


def test_a_deleted_account_and_an_expired_login_end_open_tabs(ui_svc):
    world = World(ui_svc)
    deleted, expired = _open_tab(ui_svc, world.part_a), _open_tab(ui_svc, world.part_b)
    with unit_of_work(ui_svc.engine, write=True) as db:
        db.execute(delete(User).where(User.id == world.part_a.id))
        db.execute(update(AuthSession).where(AuthSession.user_id == world.part_b.id)
                   .values(expires_at=dt.datetime(2000, 1, 1)))
    assert deleted.run().title[0].value == "Logga in"
    assert expired.run().title[0].value == "Logga in"


def test_the_handoff_form_is_rendered_on_every_run_until_it_is_used(ui_svc):
    admin = make_admin(ui_svc)
    at = _login(app().run(), admin.login, PASSWORD)
    assert len(_handoff_forms(at)) == 1
    at.button(key="lang-en").click().run()  # a rerun at once, as the one that used to lose it
    at.run()
    forms = _handoff_forms(at)
    assert len(forms) == 1
    handoff = at.session_state["handoff"]["token"]
    assert handoff in forms[0]
    assert auth.exchange_handoff(ui_svc, handoff)
    at.run()
    assert _handoff_forms(at) == [] and at.title[0].value == "Cohorts"


def test_the_handoff_is_dropped_when_the_tab_logs_out_before_using_it(ui_svc):
    admin = make_admin(ui_svc)
    at = _login(app().run(), admin.login, PASSWORD)
    handoff = at.session_state["handoff"]["token"]
    at.button(key="logout").click().run()
    assert _handoff_forms(at) == []
    assert auth.exchange_handoff(ui_svc, handoff) is None


def test_after_a_reset_code_the_participant_sees_who_reset_the_password_until_dismissed(ui_svc):
    world = World(ui_svc)
    code = accounts.create_reset_code(ui_svc, world.fac_a, world.part_a.id)
    at = app().run()
    at.switch_page("modules/ui/pages/code.py").run()
    by_label(at, "text_input", "Engångskod").input(code)
    by_label(at, "text_input", "Nytt lösenord").input("a brand new password")
    by_label(at, "text_input", "Upprepa lösenordet").input("a brand new password")
    at.button[0].click().run()
    assert "Ditt lösenord återställdes med en engångskod från Fia A" in texts(at)
    next(b for b in at.button if b.key == "reset_notice_ok").click().run()
    assert "återställdes" not in texts(at)
    assert "återställdes" not in texts(app(world.part_a).run())


def test_a_clear_cache_message_does_not_rebuild_the_engine_or_reload_the_program(ui_svc):
    program = ui_svc.program
    st.cache_resource.clear()  # what Streamlit does for any client's clear_cache message
    st.cache_data.clear()
    assert state.services() is ui_svc and state.services().program is program
    from modules.ui import http_routes

    assert http_routes._services() is ui_svc
    resources.reset()
    assert state.services() is not ui_svc


def test_the_facilitator_sees_unmatched_roster_rows_with_their_personal_codes(ui_svc):
    from modules.services import invites, roster

    w = World(ui_svc)
    roster.import_roster(ui_svc, w.fac_a, w.cohort_a, "l.csv", "namn;e-post\nIda Ö;ida@example.se\n".encode())
    at = app(w.fac_a).run()
    at.switch_page("modules/ui/pages/dashboard.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert "Personliga inbjudningskoder" in texts(at)
    table = at.dataframe[-1].value
    (code,) = [r["code"] for r in invites.invite_codes(ui_svc, w.fac_a, w.cohort_a)]
    assert list(table["Inbjudningskod"]) == [code] and list(table["Namn"]) == ["Ida Ö"]


def test_a_language_chosen_on_the_login_page_is_the_accounts_after_logging_in(ui_svc):
    admin = make_admin(ui_svc)
    at = app().run()
    at.button(key="lang-en").click().run()
    assert at.title[0].value == "Log in"
    by_label(at, "text_input", "E-mail address or username").input(admin.login)
    by_label(at, "text_input", "Password").input(PASSWORD)
    at.button[0].click().run()
    assert not at.exception
    assert at.session_state["actor"].language == "en"
    assert auth.session_actor(ui_svc, at.session_state[state.SESSION_KEY]).language == "en"  # stored
