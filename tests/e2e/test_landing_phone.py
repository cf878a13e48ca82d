"""On a phone, the first page shows both ways in without scrolling; the projector's join
screen shows the address to open."""

import pytest

from tests.builders import PASSWORD, make_admin, make_cohort, make_facilitator, make_org
from tests.e2e.ready import goto_ready, wait_ready

pytestmark = pytest.mark.e2e
PHONE = {"width": 390, "height": 844}


def _in_first_screen(locator) -> bool:
    box = locator.bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"] and locator.is_visible()


def test_a_phone_shows_logging_in_and_joining_with_a_code_without_scrolling(server, browser):
    make_admin(server["svc"], "Landing Admin")  # past the first-run set-up page
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    goto_ready(page, server["base"] + "/", page.get_by_label("Gruppkod (8 tecken)"))
    needed = [page.get_by_role("textbox", name="E-postadress eller användarnamn"),
              page.get_by_role("button", name="Logga in"),
              page.get_by_label("Gruppkod (8 tecken)"),
              page.get_by_role("button", name="Fortsätt")]
    assert [_in_first_screen(n) for n in needed] == [True] * 4
    assert page.evaluate("window.scrollY") == 0
    context.close()


def test_the_join_code_screen_shows_the_address_the_room_opens(server, browser):
    svc = server["svc"]
    admin = make_admin(svc, "Projector Admin")
    org = make_org(svc, admin)
    fac = make_facilitator(svc, admin, org)
    make_cohort(svc, fac, org, "Projektorgruppen")
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    goto_ready(page, server["base"] + "/", page.get_by_role("button", name="Logga in"))
    page.get_by_role("textbox", name="E-postadress eller användarnamn").fill(fac.login)
    page.get_by_role("textbox", name="Lösenord", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    address = page.get_by_test_id("medled-join-address")
    wait_ready(page, address)
    assert address.inner_text() == server["base"].split("://", 1)[1] + "/join"
    context.close()
