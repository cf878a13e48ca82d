"""The roster rows nobody has joined yet, with their personal invite codes, for a mail merge."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from modules.exports import invite_codes as export
from modules.services import invites
from modules.ui import state
from modules.ui.state import tr


def invite_codes(actor, cohort) -> None:
    st.markdown(f"**{tr('auth.invite_codes')}**")
    st.caption(tr("auth.invite_codes_help"))
    rows = state.run(invites.invite_codes, state.services(), actor, cohort["id"])
    if rows is None:
        return
    if not rows:
        st.info(tr("auth.no_unmatched"))
        return
    st.caption(tr("auth.unmatched"))
    # st.dataframe shows cells as plain text: names never render as Markdown or HTML
    st.dataframe(pd.DataFrame([{tr("field.name"): r["name"], tr("field.email"): r["email"],
                                tr("auth.invite_code"): r["code"]} for r in rows]), hide_index=True, width="stretch")
    lang = state.lang()
    c1, c2 = st.columns(2)
    c1.download_button(tr("auth.download_codes_xlsx"), export.to_xlsx(rows, lang), file_name="invite-codes.xlsx",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       key=f"codes-xlsx-{cohort['id']}")
    c2.download_button(tr("auth.download_codes_csv"), export.to_csv(rows, lang), file_name="invite-codes.csv",
                       mime="text/csv", key=f"codes-csv-{cohort['id']}")
