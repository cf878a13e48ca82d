"""After a successful login or join: remember the user and hand off to the cookie route."""

from __future__ import annotations

import streamlit as st

from modules.services import auth
from modules.ui import state


def logged_in(actor) -> None:
    state.set_actor(actor)
    st.session_state["handoff"] = auth.start_session(state.services(), actor)
    st.session_state["lang"] = actor.language
    st.rerun()
