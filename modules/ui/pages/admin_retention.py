"""Admin: finished cohorts past the retention period, and deleting a finished cohort."""

import pandas as pd
import streamlit as st

from modules.services import retention
from modules.ui import state
from modules.ui.components.user_text import esc
from modules.ui.state import tr

actor = state.current_actor()
svc = state.services()
days = svc.settings.retention_days
st.title(tr("privacy.retention_title"))
st.caption(tr("privacy.retention_intro", days=days))
old = state.run(retention.past_retention, svc, actor)
if old is not None:
    if not old:
        st.info(tr("privacy.retention_none", days=days))
    else:
        st.dataframe(pd.DataFrame([{tr("dash.col.cohort"): c["name"], tr("field.organisation"): c["organisation"],
                                    tr("field.end_date"): c["end_date"].isoformat(), "n": c["participants"]}
                                   for c in old]), hide_index=True, width="stretch")

finished = state.run(retention.finished_cohorts, svc, actor) or []
if finished:
    st.subheader(tr("privacy.delete_cohort"))
    chosen = st.selectbox(tr("privacy.delete_cohort_pick"), [c["id"] for c in finished], key="purge_pick",
                          format_func=lambda i: next(f"{c['name']} ({c['organisation']}, {c['end_date'].isoformat()})"
                                                     for c in finished if c["id"] == i))
    cohort = next(c for c in finished if c["id"] == chosen)
    with st.form("delete_cohort", clear_on_submit=True):
        typed = st.text_input(tr("privacy.delete_cohort_type", name=esc(cohort["name"])), max_chars=120)
        if st.form_submit_button(tr("privacy.delete_cohort_button"), type="primary"):
            if state.call(retention.delete_cohort, svc, actor, chosen, typed)[0]:
                st.success(tr("privacy.cohort_deleted"))
