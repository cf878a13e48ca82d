"""Roster upload: preview with row-level problems, then import everything or nothing."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from modules.services import roster
from modules.ui import state
from modules.ui.state import tr


def roster_import(actor, cohort) -> None:
    svc = state.services()
    st.caption(tr("rosterui.help", mb=svc.settings.upload_max_mb, rows=svc.settings.upload_max_rows))
    upload = st.file_uploader(tr("rosterui.upload"), type=["xlsx", "csv"], key=f"roster-{cohort['id']}")
    if upload is None:
        return
    data = upload.getvalue()
    plan = state.run(roster.preview_roster, svc, actor, cohort["id"], upload.name, data)
    if plan is None:
        return
    if plan.file_error:
        st.error(tr(plan.file_error, mb=svc.settings.upload_max_mb, rows=svc.settings.upload_max_rows))
        return
    st.dataframe(pd.DataFrame([{tr("rosterui.row"): r.row_number, tr("field.name"): r.name, tr("field.email"): r.email}
                               for r in plan.rows]), hide_index=True, width="stretch")
    if plan.skipped:
        st.info(tr("rosterui.skipped", n=len(plan.skipped)))
    if plan.problems:
        st.error(tr("rosterui.problems", n=len(plan.problems)))
        st.dataframe(pd.DataFrame([{tr("rosterui.row"): p.row_number or "–", tr("rosterui.problem"): tr(p.key, **p.params)}
                                   for p in plan.problems]), hide_index=True, width="stretch")
        return
    if not plan.rows:
        st.info(tr("rosterui.nothing_new"))
        return
    if st.button(tr("rosterui.import", n=len(plan.rows)), type="primary", key=f"import-{cohort['id']}"):
        count = state.run(roster.import_roster, svc, actor, cohort["id"], upload.name, data)
        if count:
            st.success(tr("rosterui.imported", n=count))
