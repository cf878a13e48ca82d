"""The cohort wall: reflections shared with the whole cohort, with short replies."""

import streamlit as st

from modules.services import cohorts
from modules.ui import state
from modules.ui.components import wall_ui
from modules.ui.components.widgets import choose_cohort
from modules.ui.state import tr

actor = state.current_actor()
svc = state.services()
st.title(tr("wall.title"))
st.caption(tr("wall.intro"))
staff = actor.role != "participant"
listing = cohorts.list_cohorts if staff else cohorts.my_cohorts
cohort = choose_cohort(state.run(listing, svc, actor) or [], key="wall_cohort")
if cohort:
    wall_ui.render(actor, cohort, staff)
