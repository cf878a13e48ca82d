"""Live results per session for the dashboard (counts only), and the meeting roles for participants."""

from __future__ import annotations

import streamlit as st

from modules.i18n import fmt_date
from modules.services import live, roles
from modules.ui import state
from modules.ui.components.live_card import kind_label
from modules.ui.state import tr


def dashboard_tab(actor, cohort: dict) -> None:
    svc, lang = state.services(), actor.language
    rows = state.run(live.session_results, svc, actor, cohort["id"]) or []
    if not rows:
        st.info(tr("live.none_yet"))
    for r in rows:
        when = fmt_date(r["session_date"], lang) + " · " + r["session_title"] if r["session_title"] else tr("live.adhoc")
        with st.container(border=True):
            st.caption(f"{when} · {kind_label(r['kind'])} · {tr('live.answered_n', n=r['answered'])}")
            st.text(r["question"])
            st.dataframe([{tr("live.col.answer"): a, tr("live.col.count"): n} for a, n in r["counts"]],
                         hide_index=True)
            if r["kind"] == "fist":
                st.caption(tr("live.projector.under_three", n=r["under_three"]))
    history = state.run(roles.history, svc, actor, cohort["id"]) or []
    if history:
        st.subheader(tr("live.roles_history"))
        st.dataframe([{tr("live.col.date"): fmt_date(h["date"], lang), tr("live.col.session"): h["session"],
                       tr("live.col.role"): h["name"], tr("live.col.who"): h["who"]} for h in history],
                     hide_index=True)


def latest_roles(actor, cohort: dict) -> dict | None:
    return state.run(roles.latest_session_roles, state.services(), actor, cohort["id"])


def participant_roles(actor, latest: dict | None) -> None:
    """The latest drawn roles of the cohort (latest_roles' answer), each with its one-line description."""
    if not latest:
        return
    with st.container(border=True):
        st.markdown(f":material/group_work: **{tr('live.roles_at', session=latest['session'])}**")
        st.caption(fmt_date(latest["date"], actor.language))
        for r in latest["roles"]:
            mine = r["user_id"] == actor.id
            st.text(f"{'★ ' if mine else ''}{r['name']}: {r['who']}")
            if r["description"]:
                st.caption(r["description"])
