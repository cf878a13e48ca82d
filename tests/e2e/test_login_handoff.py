"""Every way into Medled ends with the login cookie set, ten times in a row each (issue 12.1),
and logging out in one tab logs out the other at its next interaction (issue 8).

One server and one browser for the module; a fresh browser context (no cookies) per login."""

import pytest

from modules.services import accounts
from tests.builders import PASSWORD, make_admin, make_cohort, make_org, make_participant
from tests.e2e.login_flow import (
    LOGGED_IN,
    READY,
    TIMEOUT,
    mark_document,
    open_page,
    session_cookie,
    submit_login,
    wait_for_logged_in_new_document,
)

pytestmark = pytest.mark.e2e
REPEAT = 10
NEW_PASSWORD = "a fresh long password"


@pytest.fixture(scope="module")
def people(server):
    svc = server["svc"]
    admin = make_admin(svc, "Handoff Admin")
    org = make_org(svc, admin)
    fac_code = accounts.create_facilitator(svc, admin, "Handoff Fac", "handoff.fac@example.org", [org])
    fac = accounts.redeem_code(svc, fac_code, PASSWORD, PASSWORD, None)
    cohort = make_cohort(svc, fac, org, "Handoff")
    return {"svc": svc, "admin": admin, "org": org, "fac": fac, "cohort": cohort}


def _reload_is_still_logged_in(page) -> None:
    page.reload()
    page.wait_for_selector(READY, timeout=TIMEOUT)
    page.wait_for_selector(LOGGED_IN, timeout=TIMEOUT)


def _finish(page, context) -> str | None:
    """The login cookie once the handoff has navigated (None if it never came)."""
    wait_for_logged_in_new_document(page)
    return session_cookie(context)


def _plain(page, base, people, i):
    user = make_participant(people["svc"], people["fac"], people["cohort"], f"Plain {i}")
    open_page(page, base + "/")
    mark_document(page)
    submit_login(page, user.login, PASSWORD)


def _language_first(page, base, people, i):
    user = make_participant(people["svc"], people["fac"], people["cohort"], f"Lang {i}")
    open_page(page, base + "/")
    page.get_by_role("button", name="English").click()
    page.get_by_label("E-mail address or username").wait_for(timeout=TIMEOUT)
    page.wait_for_selector(READY, timeout=TIMEOUT)
    mark_document(page)
    submit_login(page, user.login, PASSWORD, ("E-mail address or username", "Password", "Log in"))


def _wrong_password_first(page, base, people, i):
    user = make_participant(people["svc"], people["fac"], people["cohort"], f"Wrong {i}")
    open_page(page, base + "/")
    submit_login(page, user.login, "not the password")
    page.get_by_text("Inloggningen misslyckades").wait_for(timeout=TIMEOUT)
    page.wait_for_selector(READY, timeout=TIMEOUT)
    mark_document(page)
    submit_login(page, user.login, PASSWORD)


def _redeem(page, base, code):
    open_page(page, base + "/code")
    page.get_by_label("Engångskod", exact=True).fill(code)
    page.get_by_label("Nytt lösenord", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Upprepa lösenordet", exact=True).fill(NEW_PASSWORD)
    mark_document(page)
    page.get_by_role("button", name="Spara lösenord och logga in").click()


def _invite_code(page, base, people, i):
    code = accounts.create_facilitator(people["svc"], people["admin"], f"Invited {i}",
                                       f"invited{i}.{id(page)}@example.org", [people["org"]])
    _redeem(page, base, code)


def _reset_code(page, base, people, i):
    user = make_participant(people["svc"], people["fac"], people["cohort"], f"Reset {i}")
    _redeem(page, base, accounts.create_reset_code(people["svc"], people["fac"], user.id))


PATHS = {"plain": _plain, "language switched first": _language_first, "wrong password first": _wrong_password_first,
         "invite code": _invite_code, "reset code": _reset_code}


@pytest.mark.parametrize("path", list(PATHS))
def test_every_login_path_sets_the_cookie_every_time(server, browser, people, path):
    for i in range(REPEAT):
        context = browser.new_context()
        page = context.new_page()
        PATHS[path](page, server["base"], people, i)
        cookie = _finish(page, context)
        assert cookie, f"{path} #{i}: no cookie\n" + server["log"].read_text()[-2000:]
        _reload_is_still_logged_in(page)
        if path == "language switched first":
            page.get_by_role("button", name="Log out").wait_for(timeout=TIMEOUT)  # the language stuck
        context.close()


def test_logging_out_in_one_tab_logs_out_the_other_at_its_next_interaction(server, browser, people):
    user = make_participant(people["svc"], people["fac"], people["cohort"], "Two Tabs")
    context = browser.new_context()
    first, second = context.new_page(), context.new_page()
    open_page(first, server["base"] + "/")
    mark_document(first)
    submit_login(first, user.login, PASSWORD)
    wait_for_logged_in_new_document(first)
    open_page(second, server["base"] + "/")
    second.wait_for_selector(LOGGED_IN, timeout=TIMEOUT)
    first.get_by_role("button", name="Logga ut").click()
    first.get_by_role("heading", name="Logga in").wait_for(timeout=TIMEOUT)
    second.get_by_role("link", name="Mitt konto").click()  # the next interaction in the other tab
    second.get_by_role("heading", name="Logga in").wait_for(timeout=TIMEOUT)
    second.wait_for_selector(READY, timeout=TIMEOUT)
    assert second.locator(LOGGED_IN).count() == 0
    context.close()
