"""Log in with e-mail or username and password."""

import streamlit as st

from modules.services import auth
from modules.ui import state
from modules.ui.components.auth_flow import logged_in
from modules.ui.components.forgot_ui import forgot_password
from modules.ui.state import tr

st.title(tr("login.title"))
st.write(tr("login.intro"))
with st.form("login"):
    login = st.text_input(tr("field.login"), max_chars=254, autocomplete="username")
    pw = st.text_input(tr("field.password"), type="password", max_chars=200, autocomplete="current-password")
    submitted = st.form_submit_button(tr("login.submit"), type="primary")
if submitted:
    actor = state.run(auth.authenticate, state.services(), login, pw, state.client_id(), state.read_device_cookie())
    if actor:
        logged_in(actor)
forgot_password()
