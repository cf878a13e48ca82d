"""In a real browser: the home page's list of sessions is drawn when opened, and a rating sent
from it is stored (folded, it is not drawn at all, so the home page loads faster)."""

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
