"""After a successful login or join: start the login session and hand off to the cookie route."""

from __future__ import annotations

import streamlit as st

from modules.ui import state


def logged_in(actor) -> None:
    state.start_login(actor)
    st.session_state["lang"] = actor.language
    st.rerun()
