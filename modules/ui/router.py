"""Navigation by role. Each role gets only its own pages."""

from __future__ import annotations

import html
from pathlib import Path

import streamlit as st

from modules.services import accounts
from modules.ui import state
from modules.ui.state import tr

PAGES = Path(__file__).resolve().parent / "pages"


def _page(name: str, title_key: str, icon: str, default: bool = False) -> st.Page:
    return st.Page(str(PAGES / f"{name}.py"), title=tr(title_key), icon=icon, default=default,
                   url_path=name)


def pages_for(role: str | None, first_run: bool) -> list[st.Page]:
    if role is None:
        if first_run:
            return [_page("setup", "nav.setup", ":material/shield_person:", default=True)]
        return [
            _page("login", "nav.login", ":material/login:", default=True),
            _page("join", "nav.join", ":material/group_add:"),
            _page("code", "nav.code", ":material/key:"),
        ]
    account = _page("account", "nav.account", ":material/manage_accounts:")
    if role == "participant":
        return [
            _page("home", "nav.home", ":material/home:", default=True),
            _page("module", "nav.module", ":material/menu_book:"),
            _page("journal", "nav.journal", ":material/book:"),
            account,
        ]
    staff = [
        _page("cohorts", "nav.cohorts", ":material/groups:", default=True),
        _page("dashboard", "nav.dashboard", ":material/monitoring:"),
        _page("live", "live.nav", ":material/podium:"),
        _page("projector", "live.nav_projector", ":material/present_to_all:"),
        account,
    ]
    if role == "admin":
        staff[-1:-1] = [
            _page("admin_orgs", "nav.admin_orgs", ":material/domain:"),
            _page("admin_content", "nav.admin_content", ":material/library_books:"),
            _page("admin_log", "nav.admin_log", ":material/receipt_long:"),
        ]
    return staff


def _handoff_form() -> None:
    """Posts the single-use handoff to /session/complete, which sets the HttpOnly cookie."""
    token = st.session_state.pop("handoff", None)
    if token:
        st.html(
            f'<form id="medled-handoff" method="post" action="/session/complete" target="_top">'
            f'<input type="hidden" name="handoff" value="{html.escape(token)}"></form>'
            "<script>document.getElementById('medled-handoff').submit();</script>",
            unsafe_allow_javascript=True,
        )
    notice = st.session_state.pop("clear_cookie", None)
    if notice:
        st.html(
            '<form id="medled-logout" method="post" action="/session/logout" target="_top">'
            f'<input type="hidden" name="notice" value="{html.escape(str(notice))}"></form>'
            "<script>document.getElementById('medled-logout').submit();</script>",
            unsafe_allow_javascript=True,
        )


NOTICES = {"password_changed": "account.password_changed", "logged_out": "common.logged_out"}


def _notice_from_url() -> str | None:
    """A fixed, non-secret notice after a redirect from /session/logout."""
    key = NOTICES.get(st.query_params.get("notice", ""))
    if key:
        del st.query_params["notice"]
    return key


def main() -> None:
    st.set_page_config(page_title="Medled", page_icon=":material/diversity_3:", layout="centered")
    try:
        svc = state.services()
        actor = state.current_actor()
        first_run = actor is None and accounts.needs_first_admin(svc)
    except Exception:  # database unreachable or broken: a message, never a traceback
        state.log.exception("start-up failed")
        st.error(tr("error.startup"))
        st.stop()
    _handoff_form()
    flash = st.session_state.pop("flash", None) or _notice_from_url()
    if flash:
        st.success(tr(flash))
    nav = st.navigation(pages_for(actor.role if actor else None, first_run), position="top")
    from modules.ui.components.sidebar import sidebar

    sidebar(actor)
    if actor is not None and actor.role == "participant":
        from modules.ui.components.live_card import live_card

        live_card(actor)
    nav.run()
