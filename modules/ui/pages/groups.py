"""Learning groups: a participant's own group, or a facilitator's groups of a cohort."""

import streamlit as st

from modules.services import cohorts
from modules.ui import state
from modules.ui.components import groups_ui
from modules.ui.components.widgets import choose_cohort
from modules.ui.state import tr

actor = state.current_actor()
svc = state.services()
st.title(tr("groups.title"))
if actor.role == "participant":
    cohort = choose_cohort(state.run(cohorts.my_cohorts, svc, actor) or [], key="groups_cohort")
    if cohort:
        groups_ui.participant(actor, cohort)
else:
    cohort = choose_cohort(state.run(cohorts.list_cohorts, svc, actor) or [], key="groups_cohort")
    if cohort:
        groups_ui.facilitator(actor, cohort)
