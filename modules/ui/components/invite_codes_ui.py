"""The roster rows nobody has joined yet, with their personal invite codes, for a mail merge."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from modules.exports import invite_codes as export
from modules.services import invites, outbox
from modules.ui import state
from modules.ui.components import calendar_ui
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
    _email(actor, cohort, rows)


def _email(actor, cohort, rows) -> None:
    """E-mail the personal invitations when SMTP is configured; say so when it is not."""
    svc = state.services()
    if not outbox.mail_enabled(svc):
        st.caption(tr("firsthour.roster_no_email"))
        return
    with_email = sum(1 for r in rows if r["email"])
    if st.button(tr("distance.send_invites", n=with_email), key=f"send-invites-{cohort['id']}", disabled=not with_email,
                 icon=":material/forward_to_inbox:"):
        queued = state.run(invites.send_invitations, svc, actor, cohort["id"], calendar_ui.base_url())
        if queued is not None:
            st.success(tr("distance.invites_queued", n=queued))
