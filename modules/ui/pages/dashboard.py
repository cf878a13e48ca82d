"""Facilitator dashboard: one cohort, or an organisation across its cohorts."""

import streamlit as st

from modules.services import cohorts
from modules.ui import state
from modules.ui.components import contentapp_dash, dash_overview, dash_setup, live_results, mail_ui
from modules.ui.components.widgets import choose_cohort
from modules.ui.state import tr

st.set_page_config(layout="wide")
actor = state.current_actor()
svc = state.services()
st.title(tr("nav.dashboard"))

scope = st.segmented_control(tr("dash.scope"), ["cohort", "organisation"], default="cohort",
                             format_func=lambda v: tr(f"dash.scope_{v}"), key="dash_scope") or "cohort"
if scope == "organisation":
    orgs = state.run(cohorts.list_organisations, svc, actor) or []
    if not orgs:
        st.info(tr("cohorts.no_org"))
        st.stop()
    org_id = st.selectbox(tr("field.organisation"), [o["id"] for o in orgs],
                          format_func=lambda i: next(o["name"] for o in orgs if o["id"] == i))
    dash_overview.render(actor, org_id=org_id)
    st.subheader(tr("dash.tab_export"))
    dash_setup.export(actor, org_id=org_id)
else:
    cohort = choose_cohort(state.run(cohorts.list_cohorts, svc, actor) or [], key="dash_cohort")
    if cohort:
        tabs = st.tabs([tr("dash.tab_overview"), tr("dash.tab_shared"), tr("dash.tab_attendance"),
                        tr("dash.tab_setup"), tr("dash.tab_export"), tr("live.tab")])
        with tabs[0]:
            dash_overview.render(actor, cohort_id=cohort["id"])
            mail_ui.cohort_mail(actor, cohort)
            contentapp_dash.render(actor, cohort["id"])
        with tabs[1]:
            dash_overview.shared(actor, cohort["id"])
        with tabs[2]:
            dash_setup.attendance(actor, cohort)
        with tabs[3]:
            dash_setup.setup(actor, cohort)
        with tabs[4]:
            dash_setup.export(actor, cohort_id=cohort["id"])
        with tabs[5]:
            live_results.dashboard_tab(actor, cohort)
