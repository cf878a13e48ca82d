"""In a real browser on a phone: the live card appears by itself and takes an answer in one tap."""

from __future__ import annotations

from modules.services import auth, live
from tests.builders import World


def test_the_live_card_appears_within_seconds_and_one_tap_answers_it(server, browser):
    svc, base = server["svc"], server["base"]
    w = World(svc)
    token = auth.exchange_handoff(svc, auth.start_session(svc, w.part_a).handoff)
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    context.add_cookies([{"name": "medled_session", "value": token, "url": base}])
    page = context.new_page()
    page.goto(base + "/")
    page.get_by_text("Hej Anna A!").wait_for(timeout=30000)
    page.locator("[data-testid=stApp][data-test-script-state=notRunning]").wait_for(timeout=30000)

    aid = live.create_activity(svc, w.fac_a, w.cohort_a, "scale", "Hur mycket energi har du just nu?",
                               open_now=True)
    page.get_by_text("Hur mycket energi har du just nu?").wait_for(timeout=15000)  # the card polls on its own
    page.get_by_role("button", name="4", exact=True).click()
    page.get_by_text("Ditt svar (syns bara för dig").wait_for(timeout=15000)
    res = live.results(svc, w.fac_a, aid, force=True)
    assert res["answered"] == 1 and ("4", 1) in res["counts"]

    live.close_activity(svc, w.fac_a, aid)
    page.get_by_text("Hur mycket energi har du just nu?").wait_for(state="detached", timeout=15000)
    context.close()
