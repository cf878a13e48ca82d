"""Log in with e-mail or username and password; or, new here, join a cohort with its code.
Both fit in a phone's first screen: joining never hides behind the collapsed navigation."""

import streamlit as st

from modules.services import auth
from modules.ui import state
from modules.ui.components.auth_flow import logged_in
from modules.ui.components.forgot_ui import forgot_password
from modules.ui.components.join_box import join_code_form
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
st.subheader(tr("autosave.join_heading"), anchor=False)
join_code_form("join_code_landing")
forgot_password()
