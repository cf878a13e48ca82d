"""My account: password, and (for participants) joining another cohort and my data."""

import streamlit as st

from modules.services import auth, cohorts
from modules.ui import state
from modules.ui.components import mail_ui
from modules.ui.components.user_text import esc
from modules.ui.state import tr

actor = state.current_actor()
svc = state.services()
st.title(tr("account.title"))
st.markdown(tr("account.who", name=esc(actor.name), login=esc(actor.login)))

st.subheader(tr("account.password"))
with st.form("password", clear_on_submit=True):
    old = st.text_input(tr("field.old_password"), type="password", max_chars=200)
    new = st.text_input(tr("field.new_password"), type="password", max_chars=200, help=tr("field.password_help"))
    new2 = st.text_input(tr("field.password_repeat"), type="password", max_chars=200)
    changed = st.form_submit_button(tr("account.change"))
if changed and state.call(auth.change_password, svc, actor, old, new, new2)[0]:
    # Every login of this user is revoked; log in again with the new password.
    state.set_actor(None)
    st.session_state["flash"] = "account.password_changed"
    st.session_state["clear_cookie"] = "account.password_changed"
    st.rerun()

if actor.role == "participant":
    st.subheader(tr("distance.mail_title"))
    mail_ui.reminder_choice(actor)
    st.subheader(tr("account.join_more"))
    with st.form("join_more", clear_on_submit=True):
        code = st.text_input(tr("join.code"), max_chars=12)
        if st.form_submit_button(tr("join.check")):
            if state.run(cohorts.join_existing, svc, actor, code, state.client_id()):
                st.success(tr("account.joined"))
