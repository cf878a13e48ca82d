"""Dashboard parts for one cohort: share of recall rounds answered, practice follow-up (n >= min)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from modules.i18n import fmt_number, fmt_percent
from modules.services import practice_followup, retrieval
from modules.ui import state
from modules.ui.state import tr


def render(actor, cohort_id: int) -> None:
    svc, lang = state.services(), state.lang()
    share = state.run(retrieval.recall_share, svc, actor, cohort_id)
    if share is not None:
        st.subheader(tr("contentapp.dash.recall_title"))
        if not share["due"]:
            st.caption(tr("contentapp.dash.recall_none"))
        else:
            st.markdown(tr("contentapp.dash.recall_share", answered=share["answered"], due=share["due"],
                           pct=fmt_percent(share["share"], lang)))
            df = pd.DataFrame([{tr("contentapp.dash.col.module"): m["title"], tr("contentapp.dash.col.share"): m["share"]}
                               for m in share["modules"]])
            st.dataframe(df, hide_index=True, column_config={tr("contentapp.dash.col.share"): st.column_config.ProgressColumn(
                tr("contentapp.dash.col.share"), min_value=0.0, max_value=1.0, format="percent")})
            st.caption(tr("contentapp.dash.recall_help"))
    summary = state.run(practice_followup.followup_summary, svc, actor, cohort_id)
    if summary is None or svc.program.extras.followup is None:
        return
    st.subheader(tr("contentapp.dash.followup_title"))
    if not summary["items"]:
        st.info(tr("contentapp.dash.followup_few", n=summary["n"], min=summary["min_group"]))
        return
    st.caption(tr("contentapp.dash.followup_n", n=summary["n"]))
    rows = []
    for item in summary["items"]:
        row = {tr("contentapp.dash.col.practice"): item["text"], tr("contentapp.dash.col.mean"): fmt_number(item["mean"], lang)}
        row.update({label: n for label, n in item["counts"]})
        rows.append(row)
    st.dataframe(pd.DataFrame(rows), hide_index=True)
