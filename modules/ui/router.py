"""Navigation by role. Each role gets only its own pages."""

from __future__ import annotations

import html
import re
from pathlib import Path

import streamlit as st

from modules.i18n import fmt_datetime
from modules.services import accounts, auth
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
            _page("groups", "groups.nav", ":material/diversity_3:"),
            _page("wall", "wall.nav", ":material/forum:"),
            _page("my_data", "privacy.nav", ":material/folder_shared:"),
            account,
        ]
    staff = [
        _page("cohorts", "nav.cohorts", ":material/groups:", default=True),
        _page("dashboard", "nav.dashboard", ":material/monitoring:"),
        _page("groups", "groups.nav_staff", ":material/diversity_3:"),
        _page("wall", "wall.nav", ":material/forum:"),
        _page("live", "live.nav", ":material/podium:"),
        _page("projector", "live.nav_projector", ":material/present_to_all:"),
        account,
    ]
    if role == "admin":
        staff[-1:-1] = [
            _page("admin_orgs", "nav.admin_orgs", ":material/domain:"),
            _page("admin_content", "nav.admin_content", ":material/library_books:"),
            _page("admin_log", "nav.admin_log", ":material/receipt_long:"),
            _page("admin_retention", "privacy.retention_title", ":material/auto_delete:"),
        ]
    return staff


# Submits once per document, even when a rerun mounts the element again.
_SUBMIT = ("<script>(function(){{var f=document.getElementById('{id}');"
           "if(f&&window.medledPosted!==f.dataset.once){{window.medledPosted=f.dataset.once;f.submit();}}}})();</script>")


def _post_form(form_id: str, action: str, name: str, value: str) -> None:
    st.html(
        f'<form id="{form_id}" method="post" action="{action}" target="_top" data-once="{html.escape(value)}">'
        f'<input type="hidden" name="{name}" value="{html.escape(value)}"></form>' + _SUBMIT.format(id=form_id),
        unsafe_allow_javascript=True,
    )


def _handoff_form(svc) -> None:
    """Posts the login's handoff to /session/complete, which sets the HttpOnly cookie.

    Rendered on every run, at the same place, while the handoff is pending: a rerun that follows
    at once (the language selector, a message) can no longer replace the form before the browser
    has posted it. Only the session that started the login holds it."""
    pending = st.session_state.get("handoff")
    if pending:
        if pending.get("sid") == state.login_session_id() and auth.handoff_pending(svc, pending["sid"]):
            _post_form("medled-handoff", "/session/complete", "handoff", pending["token"])
        else:
            st.session_state.pop("handoff", None)
    notice = st.session_state.pop("clear_cookie", None)
    if notice:
        _post_form("medled-logout", "/session/logout", "notice", str(notice))


NOTICES = {"password_changed": "account.password_changed", "logged_out": "common.logged_out"}


def _notice_from_url() -> str | None:
    """A fixed, non-secret notice after a redirect from /session/logout."""
    key = NOTICES.get(st.query_params.get("notice", ""))
    if key:
        del st.query_params["notice"]
    return key


def _md_escape(text: str) -> str:
    """User text inside a Markdown message: every Markdown/HTML character escaped."""
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|<>~$&:])", r"\\\1", text)


def _reset_notice(svc, actor) -> None:
    """After a reset with someone else's code: who reset the password and when, until dismissed.

    Looked up once per browser session (one query), so page runs stay cheap."""
    if actor is None:
        return
    if st.session_state.get("reset_checked") != actor.id:
        st.session_state["reset_checked"] = actor.id
        st.session_state["reset_notice"] = auth.reset_notice(svc, actor)
    notice = st.session_state.get("reset_notice")
    if notice:
        when = fmt_datetime(notice.at, state.lang(), "short")
        st.info(tr("auth.reset_notice", by=_md_escape(notice.by), when=when), icon=":material/lock_reset:")
        if st.button(tr("auth.reset_notice_ok"), key="reset_notice_ok"):
            auth.dismiss_reset_notice(svc, actor)
            st.session_state["reset_notice"] = None
            st.rerun()


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
    _handoff_form(svc)
    _reset_notice(svc, actor)
    flash = st.session_state.pop("flash", None) or _notice_from_url()
    if flash:
        st.success(tr(flash))
    nav = st.navigation(pages_for(actor.role if actor else None, first_run), position="top")
    from modules.ui.components.sidebar import sidebar

    sidebar(actor)
    from modules.ui.components import locale_css

    locale_css.apply()
    if actor is not None and actor.role == "participant":
        from modules.ui.components.live_card import live_card

        live_card(actor)
    nav.run()
