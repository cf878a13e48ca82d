"""The login cookie in a real browser and over HTTP: HttpOnly, survives a reload,
revoked by logout and by a password change."""

import re

import httpx
import pytest

from modules.services import auth
from modules.services.errors import DomainError
from tests.builders import PASSWORD, make_admin
from tests.e2e.login_flow import session_cookie
from tests.e2e.ready import goto_ready, reload_ready, wait_ready

pytestmark = pytest.mark.e2e


def test_the_cookie_route_refuses_a_post_from_another_site(server):
    r = httpx.post(f"{server['base']}/session/complete", data={"handoff": "x"},
                   headers={"Origin": "https://evil.example"}, follow_redirects=False)
    assert r.status_code == 403


def test_the_cookie_route_sets_an_httponly_cookie_only_for_a_valid_handoff(server):
    svc, base = server["svc"], server["base"]
    admin = make_admin(svc, "Http Admin")
    host = base.split("//")[1]
    bad = httpx.post(f"{base}/session/complete", data={"handoff": "nope"}, headers={"Origin": base},
                     follow_redirects=False)
    assert bad.status_code == 303 and "set-cookie" not in bad.headers
    good = httpx.post(f"{base}/session/complete", data={"handoff": auth.start_session(svc, admin).handoff},
                      headers={"Origin": base, "Host": host}, follow_redirects=False)
    cookie = good.headers["set-cookie"]
    assert good.status_code == 303 and good.headers["location"] == "/"
    assert "medled_session=" in cookie and "HttpOnly" in cookie and "SameSite=lax" in cookie.replace("Lax", "lax")
    token = re.search(r"medled_session=([^;]+)", cookie).group(1)
    assert auth.actor_for_token(svc, token).id == admin.id
    out = httpx.post(f"{base}/session/logout", cookies={"medled_session": token}, headers={"Origin": base},
                     follow_redirects=False)
    assert out.status_code == 303 and auth.actor_for_token(svc, token) is None


def _login(page, base, login_name, password):
    """Log in and wait until the handoff has become the cookie and the page has reloaded."""
    goto_ready(page, base + "/", page.get_by_role("button", name="Logga in"))
    page.get_by_label("E-postadress eller användarnamn").fill(login_name)
    page.get_by_label("Lösenord", exact=True).fill(password)
    with page.expect_navigation(wait_until="load", timeout=60000):  # the handoff form posts, then 303 to /
        page.get_by_role("button", name="Logga in").click()
    wait_ready(page, page.get_by_role("heading", name="Grupper"))


def _session_cookie(context):
    return session_cookie(context)


def test_a_browser_login_survives_a_reload_and_logout_revokes_it(server, browser):
    svc, base = server["svc"], server["base"]
    admin = make_admin(svc, "Browser Admin")
    context = browser.new_context()
    page = context.new_page()
    _login(page, base, admin.login, PASSWORD)
    cookie = _session_cookie(context)
    assert cookie is not None, server["log"].read_text()[-2000:]
    assert cookie["httpOnly"] is True and cookie["sameSite"] == "Lax"
    assert page.evaluate("document.cookie").find("medled_session") == -1
    reload_ready(page, page.get_by_role("heading", name="Grupper"))
    token = cookie["value"]
    assert auth.actor_for_token(svc, token).id == admin.id
    with page.expect_navigation(wait_until="load", timeout=60000):  # the logout form posts, then 303 to /
        page.get_by_role("button", name="Logga ut").click()
    wait_ready(page, page.get_by_role("heading", name="Logga in"))
    assert auth.actor_for_token(svc, token) is None
    reload_ready(page, page.get_by_role("heading", name="Logga in"))
    context.close()


def test_a_password_change_revokes_the_browser_login(server, browser):
    svc, base = server["svc"], server["base"]
    admin = make_admin(svc, "Changing Admin")
    context = browser.new_context()
    page = context.new_page()
    _login(page, base, admin.login, PASSWORD)
    token = _session_cookie(context)["value"]
    auth.change_password(svc, admin, PASSWORD, "another long password", "another long password")
    assert auth.actor_for_token(svc, token) is None
    reload_ready(page, page.get_by_role("heading", name="Logga in"))
    context.close()


def test_the_cookie_route_remembers_the_browser_with_an_httponly_device_cookie(server):
    svc, base = server["svc"], server["base"]
    admin = make_admin(svc, "Device Admin")
    first = httpx.post(f"{base}/session/complete", data={"handoff": auth.start_session(svc, admin).handoff},
                       headers={"Origin": base}, follow_redirects=False)
    device_header = next(h for h in first.headers.get_list("set-cookie") if h.startswith("medled_device="))
    assert "HttpOnly" in device_header
    device = first.cookies["medled_device"]
    again = httpx.post(f"{base}/session/complete", data={"handoff": auth.start_session(svc, admin).handoff},
                       headers={"Origin": base}, cookies={"medled_device": device}, follow_redirects=False)
    assert again.cookies["medled_device"] == device  # the same browser keeps its device cookie
    for i in range(svc.settings.throttle_max_failures):
        with pytest.raises(DomainError):
            auth.authenticate(svc, admin.login, f"attacker guess {i}", "203.0.113.5")
    assert auth.authenticate(svc, admin.login, PASSWORD, "127.0.0.1", device).id == admin.id
