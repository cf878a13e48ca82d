"""First run: create the first administrator."""

import streamlit as st

from modules.services import accounts
from modules.ui import state
from modules.ui.components.auth_flow import logged_in
from modules.ui.state import tr

st.title(tr("setup.title"))
st.write(tr("setup.intro"))
with st.form("setup"):
    name = st.text_input(tr("field.name"), max_chars=120)
    email = st.text_input(tr("field.email"), max_chars=254)
    pw = st.text_input(tr("field.password"), type="password", max_chars=200)
    pw2 = st.text_input(tr("field.password_repeat"), type="password", max_chars=200)
    submitted = st.form_submit_button(tr("setup.submit"), type="primary")
if submitted:
    actor = state.run(accounts.create_first_admin, state.services(), name, email, pw, pw2)
    if actor:
        logged_in(actor)
