"""Browser helpers that wait on Streamlit's own signals, never on sleeps."""

from __future__ import annotations

READY = "[data-testid=stApp][data-test-script-state=notRunning]"
LOGGED_IN = ".st-key-logout"  # the sidebar's log-out button exists only for a logged-in user
TIMEOUT = 60_000


def open_page(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector(READY, timeout=TIMEOUT)


def mark_document(page) -> None:
    """Remember this document, so that a wait can require the next one (after the handoff)."""
    page.evaluate("window.__medledBefore = true")


def wait_for_logged_in_new_document(page) -> None:
    """The handoff navigated (a new document, not just a rerun) and the new page is logged in."""
    page.wait_for_function(
        f"() => window.__medledBefore === undefined && !!document.querySelector('{READY}')"
        f" && !!document.querySelector('{LOGGED_IN}')",
        timeout=TIMEOUT,
    )


def session_cookie(context):
    return next((c for c in context.cookies() if c["name"] == "medled_session"), None)


def submit_login(page, login: str, password: str, labels=("E-postadress eller användarnamn", "Lösenord", "Logga in")):
    page.get_by_label(labels[0]).fill(login)
    page.get_by_label(labels[1], exact=True).fill(password)
    page.get_by_role("button", name=labels[2]).click()


def login(page, base: str, login_name: str, password: str) -> None:
    """Log in and wait until the handoff has set the cookie and the page has loaded again."""
    open_page(page, base + "/")
    mark_document(page)
    submit_login(page, login_name, password)
    wait_for_logged_in_new_document(page)


def logout(page, button: str = "Logga ut") -> None:
    """Click log out and wait until the logout form's navigation has loaded the next document."""
    mark_document(page)
    page.get_by_role("button", name=button).click()
    page.wait_for_function(
        f"() => window.__medledBefore === undefined && !!document.querySelector('{READY}')"
        f" && !document.querySelector('{LOGGED_IN}')",
        timeout=TIMEOUT,
    )
