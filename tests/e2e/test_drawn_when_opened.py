"""In a real browser: parts of a first page that are drawn only when opened (the home page's list
of sessions, the cohorts page's tabs) are not drawn before, appear when opened, and work."""

from __future__ import annotations

import datetime as dt

from modules.services import answers, auth, planning
from tests.builders import World
from tests.e2e.ready import goto_ready, wait_ready


def test_the_sessions_list_opens_and_takes_a_rating(server, browser):
    svc, base = server["svc"], server["base"]
    w = World(svc)
    sid = planning.save_session(svc, w.fac_a, w.cohort_a, "Uppstartsträff", dt.date.today() - dt.timedelta(days=2),
                                dt.time(9, 0), dt.time(11, 0), "Rum 4")
    token = auth.exchange_handoff(svc, auth.start_session(svc, w.part_a).handoff)
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    context.add_cookies([{"name": "medled_session", "value": token, "url": base}])
    page = context.new_page()
    folded = page.get_by_text("Träffar (1)")
    goto_ready(page, base + "/", folded)
    assert page.get_by_text("Hur värdefull var träffen? (1–5)").count() == 0  # folded: not drawn

    folded.click()
    question = page.get_by_text("Hur värdefull var träffen? (1–5)")
    wait_ready(page, question)
    page.get_by_text("Uppstartsträff").wait_for()
    page.get_by_role("radiogroup").get_by_text("4", exact=True).click()
    page.get_by_role("button", name="Skicka", exact=True).click()
    page.get_by_text("Tack för din återkoppling!").wait_for(timeout=60000)
    wait_ready(page)
    assert answers.my_feedback(svc, w.part_a, w.cohort_a, "session", sid)["rating"] == 4
    context.close()


def test_the_cohorts_roster_tab_is_drawn_when_opened(server, browser):
    """The facilitator's first page draws only its open tab; the roster appears on its tab."""
    svc, base = server["svc"], server["base"]
    w = World(svc)
    token = auth.exchange_handoff(svc, auth.start_session(svc, w.fac_a).handoff)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_cookies([{"name": "medled_session", "value": token, "url": base}])
    page = context.new_page()
    roster_tab = page.get_by_role("tab", name="Deltagare")
    goto_ready(page, base + "/", roster_tab)
    assert page.locator("[data-testid=stDataFrame]").count() == 0  # not drawn behind its tab

    roster_tab.click()
    wait_ready(page, page.locator("[data-testid=stDataFrame]"))
    assert page.get_by_role("tab", name="Deltagare").get_attribute("aria-selected") == "true"
    context.close()
