"""E-mail in the interface: the facilitator's status and nudges, a participant's reminder choice."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from modules.i18n import fmt_datetime, sort_key
from modules.services import cohorts, mail
from modules.ui import state
from modules.ui.state import tr


def cohort_mail(actor, cohort: dict) -> None:
    """Is e-mail on; what failed for whom; a nudge, previewed before it is sent."""
    svc, lang = state.services(), state.lang()
    report = state.run(mail.status, svc, actor, cohort["id"])
    if report is None:
        return
    st.subheader(tr("distance.mail_title"))
    if not report["enabled"]:
        st.info(tr("distance.mail_off"), icon=":material/mail_lock:")
        return
    st.caption(tr("distance.mail_counts", queued=report["queued"], sent=report["sent"], failed=report["failed"]))
    if report["problems"]:
        st.markdown(f"**{tr('distance.mail_problems')}**")
        st.dataframe(pd.DataFrame([{tr("distance.col.name"): p["name"], tr("distance.col.kind"): tr(f"distance.kind.{p['kind']}"),
                                    tr("distance.col.state"): tr("distance.mail_failed" if p["final"]
                                                                 else "distance.mail_retrying"),
                                    tr("distance.col.error"): p["error"],
                                    tr("distance.col.when"): fmt_datetime(p["at"], lang, "short")}
                                   for p in report["problems"]]), hide_index=True, width="stretch")
    _nudge(actor, cohort)


def _nudge(actor, cohort: dict) -> None:
    svc, lang = state.services(), state.lang()
    people = [p for p in state.run(cohorts.roster, svc, actor, cohort["id"]) or [] if p["user_id"]]
    people.sort(key=lambda p: sort_key(lang)(p["name"]))
    names = {p["user_id"]: p["name"] for p in people}
    with st.expander(tr("distance.nudge_title"), icon=":material/forward_to_inbox:"):
        chosen = st.multiselect(tr("distance.nudge_who"), list(names), format_func=names.get,
                                key=f"nudge-who-{cohort['id']}", placeholder=tr("distance.nudge_who"))
        note = st.text_area(tr("distance.nudge_note"), max_chars=mail.NOTE_MAX, key=f"nudge-note-{cohort['id']}")
        preview = state.run(mail.nudge_preview, svc, actor, cohort["id"], note, lang)
        if preview:
            st.caption(tr("distance.nudge_preview"))
            st.text(f"{preview.subject}\n\n{preview.text}")
        if st.button(tr("distance.nudge_send"), key=f"nudge-send-{cohort['id']}", disabled=not chosen):
            sent = state.run(mail.send_nudges, svc, actor, cohort["id"], chosen, note)
            if sent is not None:
                st.success(tr("distance.nudge_sent", n=sent))


def reminder_choice(actor) -> None:
    """Participants turn reminders on or off; invitations and resets always come."""
    svc = state.services()
    current = state.run(mail.reminders_on, svc, actor)
    if current is None:
        return
    wanted = st.toggle(tr("distance.reminders"), value=current, help=tr("distance.reminders_help"),
                       key="mail-reminders")
    if wanted != current:
        state.call(mail.set_reminders, svc, actor, wanted)
