"""In a real browser, a Swedish page shows none of the English Streamlit's front end writes itself:
input hints ("Press Enter to ...") and the file uploader's "Drag and drop files here"."""

from __future__ import annotations

import re

import httpx
import pytest

from modules.services import auth
from tests.builders import World

pytestmark = pytest.mark.e2e
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'


def _logged_in_page(server, browser, actor):
    base = server["base"]
    handoff = auth.start_session(server["svc"], actor).handoff
    r = httpx.post(f"{base}/session/complete", data={"handoff": handoff}, headers={"Origin": base},
                   follow_redirects=False)
    token = re.search(r"medled_session=([^;]+)", r.headers["set-cookie"]).group(1)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_cookies([{"name": "medled_session", "value": token, "url": base}])
    return context, context.new_page()


def _idle(page) -> None:
    page.locator(IDLE).wait_for(timeout=60000)


def _visible_text(page, pattern: str) -> list[str]:
    return [el.inner_text() for el in page.get_by_text(re.compile(pattern)).all() if el.is_visible()]


def _setup_tab(server, browser, actor):
    """The dashboard's set-up tab ("Upplägg"), open, in a new logged-in context."""
    context, page = _logged_in_page(server, browser, actor)
    page.goto(server["base"] + "/dashboard")
    page.get_by_role("tab", name="Upplägg").wait_for(timeout=60000)
    _idle(page)
    page.get_by_role("tab", name="Upplägg").click()
    return context, page


def test_the_set_up_tab_in_swedish_shows_no_english_hints_or_uploader_texts(server, browser):
    w = World(server["svc"])
    context, page = _setup_tab(server, browser, w.fac_a)
    page.get_by_text("Importera deltagarlista").click()
    dropzone = page.locator('[data-testid="stFileUploaderDropzone"]')
    dropzone.wait_for(state="visible", timeout=30000)
    button_text = dropzone.locator("button").evaluate("b => getComputedStyle(b, '::after').content")
    assert button_text == '"Välj fil"'
    assert _visible_text(page, r"Drag and drop|per file|Upload") == []

    page.get_by_text("Träffar", exact=True).click()
    title = page.get_by_label("Rubrik")
    title.wait_for(state="visible", timeout=30000)
    title.click()
    title.type("Uppstart")
    page.locator('[data-testid="InputInstructions"]').first.wait_for(state="attached", timeout=30000)
    assert _visible_text(page, r"Press .*Enter") == []
    assert all(not el.is_visible() for el in page.locator('[data-testid="InputInstructions"]').all())
    context.close()


def _empty_search_label(page, box) -> str:
    """Types a search that matches nothing into a select box or multiselect; returns what its
    empty list says: Streamlit's own text must be hidden and our label shown in its place."""
    box.locator("input").click()
    page.keyboard.type("zzzz")
    empty = page.get_by_text("No results", exact=True)
    empty.wait_for(state="attached", timeout=30000)
    assert empty.evaluate("e => getComputedStyle(e).fontSize") == "0px"  # Streamlit's English, hidden
    label = empty.evaluate("e => getComputedStyle(e, '::after').content")
    page.keyboard.press("Escape")
    return label


def test_a_search_that_finds_nothing_says_so_in_swedish(server, browser):
    w = World(server["svc"])
    context, page = _setup_tab(server, browser, w.fac_a)
    page.get_by_text("Träffar", exact=True).click()
    zone = page.locator('[data-testid="stSelectbox"]').filter(has_text="Tidszon")
    zone.wait_for(state="visible", timeout=30000)
    assert _empty_search_label(page, zone) == '"Inga träffar"'
    context.close()

    context, page = _logged_in_page(server, browser, w.admin)
    page.goto(server["base"] + "/admin_orgs")
    orgs = page.locator('[data-testid="stMultiSelect"]').filter(has_text="Organisationer")
    orgs.wait_for(state="visible", timeout=60000)
    _idle(page)
    assert _empty_search_label(page, orgs) == '"Inga träffar"'
    context.close()
