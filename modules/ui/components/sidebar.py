"""Sidebar: who is logged in, language, log out."""

from __future__ import annotations

import streamlit as st

from modules.i18n import LANGUAGES
from modules.services import auth
from modules.ui import state
from modules.ui.components.user_text import esc
from modules.ui.state import tr

LANG_NAMES = {"sv": "Svenska", "en": "English"}


def _switch_language(actor, choice: str) -> None:
    """Button callback: the new language for this browser session and the account (when logged in,
    now; chosen before logging in, at the login: see state.current_actor)."""
    if actor is not None:
        updated = state.run(auth.set_language, state.services(), actor, choice)
        if updated:
            state.set_actor(updated)
    else:
        st.session_state[state.VISITOR_LANG] = choice
    st.session_state["lang"] = choice


def sidebar(actor) -> None:
    with st.sidebar:
        st.markdown("### Medled")
        current = state.lang()
        # Two buttons, not a select box: nothing to reconcile with the account's language on a
        # rerun, one tap on a phone, and no select box's front-end code on every first page
        # (~0.1 s in the browser, bench/first_page_bench.py).
        st.caption(tr("common.language"))
        with st.container(horizontal=True, key="languages"):
            for code in LANGUAGES:
                st.button(LANG_NAMES[code], key=f"lang-{code}", type="primary" if code == current else "secondary",
                          on_click=_switch_language, args=(actor, code))
        if actor is not None:
            st.caption(tr("common.logged_in_as", name=esc(actor.name)))
            if st.button(tr("common.logout"), key="logout", icon=":material/logout:"):
                # Ends this login (every tab that shares it), and the cookie's, if it differs.
                auth.end_session(state.services(), state.login_session_id())
                auth.logout(state.services(), state.read_session_cookie())
                state.set_actor(None)
                st.session_state["clear_cookie"] = "common.logged_out"
                st.rerun()
