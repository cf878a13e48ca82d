"""Redeem a one-time code (facilitator invite or password reset) and set a password."""

import streamlit as st

from modules.services import accounts
from modules.ui import state
from modules.ui.components.auth_flow import logged_in
from modules.ui.state import tr

st.title(tr("code.title"))
st.write(tr("code.intro"))
with st.form("redeem"):
    # a reset e-mail links to /code?code=…: the code is filled in, the person chooses a password
    code = st.text_input(tr("code.code"), value=str(st.query_params.get("code", ""))[:20], max_chars=20)
    pw = st.text_input(tr("field.new_password"), type="password", max_chars=200, help=tr("field.password_help"))
    pw2 = st.text_input(tr("field.password_repeat"), type="password", max_chars=200)
    submitted = st.form_submit_button(tr("code.submit"), type="primary")
if submitted:
    actor = state.run(accounts.redeem_code, state.services(), code, pw, pw2, state.client_id())
    if actor:
        logged_in(actor)
