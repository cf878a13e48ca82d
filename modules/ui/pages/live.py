"""Live session (facilitators): run check-ins, polls and consent checks, take attendance, draw roles."""

import streamlit as st

from modules.i18n import fmt_date
from modules.services import cohorts, planning
from modules.ui import state
from modules.ui.components import live_admin
from modules.ui.components.widgets import choose_cohort
from modules.ui.state import tr

actor = state.current_actor()
svc = state.services()
st.title(tr("live.title"))

cohort = choose_cohort(state.run(cohorts.list_cohorts, svc, actor) or [], key="live_cohort")
if cohort is None:
    st.stop()
sessions = state.run(planning.list_sessions, svc, actor, cohort["id"]) or []
session_id = st.selectbox(tr("live.session"), [None] + [s["id"] for s in sessions], key="live_session",
                          format_func=lambda i: tr("live.adhoc") if i is None else next(
                              f"{fmt_date(s['date'], actor.language)} · {s['title']}" for s in sessions if s["id"] == i))

st.header(tr("live.activities"))
live_admin.activity_list(actor, cohort, session_id)
with st.expander(tr("live.new_activity"), icon=":material/add:"):
    live_admin.add_activity(actor, cohort, session_id)
if session_id is not None:
    st.header(tr("live.attendance"))
    live_admin.attendance_from_checkin(actor, session_id)
st.header(tr("live.roles"))
live_admin.meeting_roles(actor, cohort, session_id)
