"""Join a cohort with its code: check the code, then create an account."""

import streamlit as st

from modules.services import cohorts
from modules.ui import state
from modules.ui.components.auth_flow import logged_in
from modules.ui.components.join_box import join_code_form
from modules.ui.components.user_text import esc
from modules.ui.state import tr

st.title(tr("join.title"))
svc = state.services()
found = st.session_state.get("join_cohort")
if found is None:
    join_code_form()
    st.caption(tr("join.have_account"))
else:
    st.success(tr("join.found", name=esc(found["name"])))
    with st.form("join_account"):
        name = st.text_input(tr("field.display_name"), max_chars=120)
        login = st.text_input(tr("field.login"), max_chars=254, help=tr("join.login_help"))
        pw = st.text_input(tr("field.password"), type="password", max_chars=200, help=tr("field.password_help"))
        pw2 = st.text_input(tr("field.password_repeat"), type="password", max_chars=200)
        submitted = st.form_submit_button(tr("join.submit"), type="primary")
    if st.button(tr("join.other_code")):
        st.session_state.pop("join_cohort", None)
        st.rerun()
    if submitted:
        actor = state.run(cohorts.join_new, svc, found["code"], name, login, pw, pw2, state.client_id(),
                          state.lang())
        if actor:
            st.session_state.pop("join_cohort", None)
            logged_in(actor)
