"""In a real browser, a facilitator sets an unlock date in an empty cell of a new cohort's module
plan, saves, reloads, and the date is there (issue 12, item 2)."""

from __future__ import annotations

import datetime as dt
import re

import httpx
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from modules.services import auth, journey, planning
from tests.builders import World

pytestmark = pytest.mark.e2e
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'


def _logged_in_page(server, browser, actor):
    base = server["base"]
    r = httpx.post(f"{base}/session/complete", data={"handoff": auth.start_session(server["svc"], actor).handoff},
                   headers={"Origin": base}, follow_redirects=False)
    token = re.search(r"medled_session=([^;]+)", r.headers["set-cookie"]).group(1)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_cookies([{"name": "medled_session", "value": token, "url": base}])
    return context, context.new_page()


def _open_plan(page, base):
    page.goto(base + "/dashboard")
    page.get_by_role("tab", name="Upplägg").wait_for(timeout=60000)
    page.locator(IDLE).wait_for(timeout=60000)
    page.get_by_role("tab", name="Upplägg").click()
    grid = page.locator('[data-testid="stDataFrame"]:visible').filter(has=page.locator("canvas")).first
    grid.wait_for(state="visible", timeout=30000)
    return grid


WATCH_RUNS = """() => { window.__medledRuns = 0;
  new MutationObserver(() => { const s = document.querySelector('[data-testid="stApp"]');
    if (s && s.getAttribute('data-test-script-state') === 'running') window.__medledRuns += 1; })
  .observe(document.body, {attributes: true, subtree: true, attributeFilter: ['data-test-script-state']}); }"""


def _type_date_in_first_row(page, grid, day: dt.date) -> None:
    """Edits the cell as a facilitator does, and waits (on Streamlit's script state) for the rerun
    that carries the edit to the server."""
    editor = page.get_by_test_id("date-picker-cell")
    plan_tab = page.get_by_role("tab", name="Upplägg")
    for _ in range(3):  # a rerun that repaints the grid can swallow the first click
        page.locator(IDLE).wait_for(timeout=60000)
        if plan_tab.get_attribute("aria-selected") != "true":
            plan_tab.click()  # a click that landed on the tab bar as the page moved, then ArrowRight, left it
        grid.wait_for(state="visible", timeout=60000)  # a rerun may have repainted the grid
        box = grid.bounding_box(timeout=60000)
        page.mouse.click(box["x"] + box["width"] * 0.5, box["y"] + 35 + 17)  # first row, the module column
        page.keyboard.press("ArrowRight")  # the "Öppnar" column
        page.keyboard.press("Enter")
        try:
            editor.wait_for(state="visible", timeout=5000)
            break
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
    page.evaluate(WATCH_RUNS)
    editor.fill(day.isoformat())
    page.keyboard.press("Enter")
    page.wait_for_function("window.__medledRuns > 0", timeout=30000)
    page.locator(IDLE).wait_for(timeout=60000)


@pytest.mark.parametrize("attempt", range(3))
def test_a_date_typed_into_a_new_cohorts_plan_grid_is_stored_locks_the_module_and_is_shown_after_a_reload(
        server, browser, attempt):
    svc, base = server["svc"], server["base"]
    w = World(svc)
    later = dt.date.today() + dt.timedelta(days=21 + attempt)
    context, page = _logged_in_page(server, browser, w.fac_a)
    grid = _open_plan(page, base)
    _type_date_in_first_row(page, grid, later)
    page.get_by_role("button", name="Spara modulplanen").click()
    page.get_by_text("Modulplanen är sparad.").wait_for(timeout=60000)
    assert planning.get_plan(svc, w.fac_a, w.cohort_a)[0]["unlock_date"] == later
    assert journey.program_for(svc, w.part_a, w.cohort_a)[0]["locked"]
    page.reload()
    grid = _open_plan(page, base)
    grid.get_by_role("gridcell", name=later.isoformat()).or_(grid.get_by_text(later.isoformat())).first.wait_for(
        state="attached", timeout=30000)
    context.close()
