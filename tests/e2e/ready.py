"""Waiting on Streamlit's own signals, never on sleeps.

`data-test-script-state` on the app root is `initial` until the first script run of a page
load has finished, `running` while the script runs and `notRunning` when it is done. A page
is ready for a test when that run has finished AND the element the test needs is visible:
headings are sent before the rest of the page, so a heading alone is not enough.
"""

from __future__ import annotations

READY = "[data-testid=stApp][data-test-script-state=notRunning]"
TIMEOUT_MS = 60_000  # generous: CI shares two cores with other jobs


def wait_ready(page, needed=None, timeout: int = TIMEOUT_MS) -> None:
    """Wait until the script run has finished and, if given, `needed` (a Locator) is visible."""
    page.locator(READY).wait_for(state="attached", timeout=timeout)
    if needed is not None:
        needed.wait_for(state="visible", timeout=timeout)
        page.locator(READY).wait_for(state="attached", timeout=timeout)


def reload_ready(page, needed=None, timeout: int = TIMEOUT_MS) -> None:
    """Reload and wait for the new page's first run: `initial` first, so the old page's
    `notRunning` cannot be mistaken for the new one."""
    page.reload(wait_until="load", timeout=timeout)
    wait_ready(page, needed, timeout)


def goto_ready(page, url: str, needed=None, timeout: int = TIMEOUT_MS) -> None:
    page.goto(url, wait_until="load", timeout=timeout)
    wait_ready(page, needed, timeout)
