"""Forgot password: a reset code by e-mail when SMTP is configured; otherwise who to ask."""

from __future__ import annotations

import streamlit as st

from modules.services import outbox, password_reset
from modules.ui import state
from modules.ui.components import calendar_ui
from modules.ui.state import tr


def forgot_password() -> None:
    svc = state.services()
    if not outbox.mail_enabled(svc):
        st.caption(tr("login.forgot"))
        return
    with st.expander(tr("distance.forgot_title"), icon=":material/lock_reset:"):
        with st.form("forgot", clear_on_submit=True):
            login = st.text_input(tr("field.login"), max_chars=254, autocomplete="username")
            if st.form_submit_button(tr("distance.forgot_send")):
                ok, _ = state.call(password_reset.request_reset, svc, login, state.client_id(),
                                   calendar_ui.base_url())
                if ok:
                    st.success(tr("distance.forgot_sent"))
