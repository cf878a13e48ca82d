"""Facilitator controls for the room: activities, attendance from the check-in, meeting roles."""

from __future__ import annotations

import streamlit as st

from modules.i18n import fmt_date
from modules.services import live, live_attendance, roles
from modules.ui import state
from modules.ui.components.live_card import kind_label
from modules.ui.state import tr

KINDS = ["checkin", "poll", "scale", "fist", "open"]


def add_activity(actor, cohort: dict, session_id: int | None) -> None:
    svc = state.services()
    lang = cohort.get("language") or actor.language
    templates = live.activity_templates(lang)
    t_tab, own_tab = st.tabs([tr("live.from_program"), tr("live.own")])
    with t_tab, st.form("live-template"):
        pick = st.selectbox(tr("live.template"), range(len(templates)),
                            format_func=lambda i: f"{kind_label(templates[i]['kind'])}: {templates[i]['question']}")
        open_now = st.checkbox(tr("live.open_now"), value=True, key="live-template-open")
        if st.form_submit_button(tr("live.add"), type="primary"):
            t = templates[pick]
            if state.call(live.create_activity, svc, actor, cohort["id"], t["kind"], t["question"], t["options"],
                          session_id=session_id, open_now=open_now)[0]:
                st.rerun()
    with own_tab, st.form("live-own"):
        kind = st.selectbox(tr("live.kind_label"), KINDS, format_func=kind_label)
        question = st.text_input(tr("live.question"), max_chars=300)
        options = st.text_area(tr("live.options"), help=tr("live.options_help"), max_chars=1000)
        open_now = st.checkbox(tr("live.open_now"), value=True, key="live-own-open")
        if st.form_submit_button(tr("live.add"), type="primary"):
            if state.call(live.create_activity, svc, actor, cohort["id"], kind, question, options.splitlines(),
                          session_id=session_id, open_now=open_now)[0]:
                st.rerun()


def activity_list(actor, cohort: dict, session_id: int | None) -> None:
    svc = state.services()
    rows = state.run(live.list_activities, svc, actor, cohort["id"], session_id) or []
    st.markdown(f"[{tr('live.open_projector')}](/projector?c={cohort['id']})")
    if st.button(tr("live.next"), icon=":material/skip_next:", key="live-next"):
        state.run(live.next_activity, svc, actor, cohort["id"])
        st.rerun()
    if not rows:
        st.info(tr("live.none_yet"))
    for a in rows:
        with st.container(border=True):
            c1, c2, c3 = st.columns([5, 2, 2], vertical_alignment="center")
            c1.text(f"{kind_label(a['kind'])}: {a['question']}")
            c1.caption(tr(f"live.status.{a['status']}")
                       + (f" · {tr('live.results_shown')}" if a["results_visible"] else ""))
            if a["status"] != "open":
                if c2.button(tr("live.open"), key=f"live-open-{a['id']}"):
                    state.run(live.open_activity, svc, actor, a["id"])
                    st.rerun()
            elif c2.button(tr("live.close"), key=f"live-close-{a['id']}"):
                state.run(live.close_activity, svc, actor, a["id"])
                st.rerun()
            label = tr("live.hide") if a["results_visible"] else tr("live.reveal")
            if c3.button(label, key=f"live-vis-{a['id']}"):
                state.run(live.set_results_visible, svc, actor, a["id"], not a["results_visible"])
                st.rerun()


def attendance_from_checkin(actor, session_id: int) -> None:
    st.caption(tr("live.attendance_help"))
    if st.button(tr("live.attendance_from_checkin"), icon=":material/how_to_reg:", key="live-attendance"):
        ok, n = state.call(live_attendance.mark_present_from_checkin, state.services(), actor, session_id)
        if ok:
            st.success(tr("live.attendance_done", n=n))


def meeting_roles(actor, cohort: dict, session_id: int | None) -> None:
    svc = state.services()
    current = state.run(roles.role_list, svc, actor, cohort["id"]) or []
    with st.form("live-roles"):
        text = st.text_area(tr("live.roles_list"), value="\n".join(r["name"] for r in current),
                            help=tr("live.roles_help"), max_chars=2000)
        if st.form_submit_button(tr("live.roles_save")):
            if state.call(roles.set_role_list, svc, actor, cohort["id"], text.splitlines())[0]:
                st.rerun()
    if session_id is None:
        st.caption(tr("live.roles_need_session"))
    else:
        if st.button(tr("live.roles_draw"), icon=":material/casino:", type="primary", key="live-draw"):
            state.run(roles.draw_roles, svc, actor, session_id)
        for r in state.run(roles.session_roles, svc, actor, session_id) or []:
            st.text(f"{r['name']}: {r['who']}")
    history = state.run(roles.history, svc, actor, cohort["id"]) or []
    if history:
        with st.expander(tr("live.roles_history")):
            st.dataframe([{tr("live.col.date"): fmt_date(h["date"], actor.language), tr("live.col.session"): h["session"],
                           tr("live.col.role"): h["name"], tr("live.col.who"): h["who"]} for h in history],
                         hide_index=True)
