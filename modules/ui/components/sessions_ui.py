"""Participant: the cohort's sessions, and a rating for the ones that have been held."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from modules.i18n import fmt_date, fmt_time
from modules.services import answers, planning
from modules.ui import state
from modules.ui.components import calendar_ui
from modules.ui.components.user_text import esc
from modules.ui.state import tr


def sessions(actor, cohort) -> None:
    """The list of sessions, folded. It is drawn only when opened (and then reruns alone): with a
    rating form and a calendar file per session, drawing it folded cost the home page a quarter
    of its load time in the browser (bench/first_page_bench.py)."""
    st.fragment(_sessions)(actor, cohort)


def _sessions(actor, cohort) -> None:
    svc, lang = state.services(), state.lang()
    rows = state.run(planning.list_sessions, svc, actor, cohort["id"]) or []
    if not rows:
        return
    box = st.expander(tr("sessions.title", n=len(rows)), icon=":material/event:", key=f"sessions-{cohort['id']}",
                      on_change="rerun")
    if not box.open:
        return
    with box:
        for s in rows:
            st.markdown(f"**{fmt_date(s['date'], lang)} {fmt_time(s['start_time'], lang)}–{fmt_time(s['end_time'], lang)}**"
                        f" · {esc(s['title'])}")
            if s["place"]:
                st.text(s["place"])
            if s["date"] >= dt.date.today():
                calendar_ui.session_button(actor, cohort["id"], s)
            if s["date"] <= dt.date.today():
                mine = state.run(answers.my_feedback, svc, actor, cohort["id"], "session", s["id"])
                with st.form(f"rate-session-{s['id']}"):
                    rating = st.radio(tr("sessions.rate"), [1, 2, 3, 4, 5], horizontal=True,
                                      index=(mine["rating"] - 1) if mine else None)
                    comment = st.text_input(tr("module.comment"), value=mine["comment"] if mine else "",
                                            max_chars=2000)
                    if st.form_submit_button(tr("module.send_rating")):
                        if state.call(planning.rate_session, svc, actor, s["id"], rating, comment)[0]:
                            st.success(tr("module.thanks"))
        calendar_ui.cohort_calendar(actor, cohort)
