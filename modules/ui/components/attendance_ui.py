"""Dashboard: attendance for every roster row (joined or only invited), and removing a session
with attendance only after a confirmation that names it."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from modules.i18n import fmt_date, fmt_percent, fmt_time, sort_key
from modules.services import cohorts, dashboard, planning
from modules.ui import state
from modules.ui.components.user_text import esc
from modules.ui.state import tr


def session_label(s: dict, lang: str) -> str:
    return f"{fmt_date(s['date'], lang)} {fmt_time(s['start_time'], lang)} · {s['title']}"


def attendance(actor, cohort) -> None:
    svc, lang = state.services(), state.lang()
    sessions = state.run(planning.list_sessions, svc, actor, cohort["id"]) or []
    people = state.run(cohorts.roster, svc, actor, cohort["id"]) or []
    if not sessions or not people:
        st.info(tr("dash.attendance_empty"))
        return
    data = state.run(dashboard.attendance, svc, actor, cohort["id"])
    marks = data["marks"] if data else {}
    by_id = {s["id"]: s for s in sessions}
    chosen = st.selectbox(tr("dash.session"), list(by_id), format_func=lambda i: session_label(by_id[i], lang))
    people.sort(key=lambda p: sort_key(lang)(p["name"]))
    with st.form(f"attendance-{chosen}"):
        ticks = {p["id"]: st.checkbox(_label(p), value=marks.get((chosen, p["id"]), False),
                                      key=f"att-{chosen}-{p['id']}") for p in people}
        if st.form_submit_button(tr("dash.save_attendance"), type="primary"):
            ok, _ = state.call(planning.set_attendance, svc, actor, chosen, {e for e, v in ticks.items() if v})
            if ok:
                st.success(tr("dash.attendance_saved"))
                st.rerun()
    _rates(sessions, people, marks, lang)


def _label(person: dict) -> str:
    name = esc(person["name"])  # a checkbox label renders Markdown: user text is escaped
    return name if person["user_id"] else tr("firsthour.attendance_invited", name=name)


def _rates(sessions: list[dict], people: list[dict], marks: dict, lang: str) -> None:
    held = [s for s in sessions if any((s["id"], p["id"]) in marks for p in people)]
    if not held:
        return
    per_person = [{tr("dash.col.name"): p["name"], tr("dash.col.rate"): fmt_percent(
        sum(marks.get((s["id"], p["id"]), False) for s in held) / len(held), lang)} for p in people]
    per_session = [{tr("dash.session"): s["title"], tr("dash.col.date"): fmt_date(s["date"], lang),
                    tr("dash.col.rate"): fmt_percent(sum(marks.get((s["id"], p["id"]), False)
                                                         for p in people) / len(people), lang)} for s in held]
    c1, c2 = st.columns(2)
    c1.dataframe(pd.DataFrame(per_person), hide_index=True, width="stretch")
    c2.dataframe(pd.DataFrame(per_session), hide_index=True, width="stretch")


def delete_session_button(actor, session: dict, has_attendance: bool, column) -> None:
    """Removes a session at once, or, when attendance was taken, after a confirmation naming it."""
    svc, lang = state.services(), state.lang()
    pending = f"confirm-del-s-{session['id']}"
    if not column.button(tr("cset.delete"), key=f"del-s-{session['id']}"):
        if st.session_state.get(pending):
            _confirm(actor, session, pending, lang)
        return
    if has_attendance:
        st.session_state[pending] = True
        _confirm(actor, session, pending, lang)
    elif state.call(planning.delete_session, svc, actor, session["id"])[0]:
        st.rerun()


def _confirm(actor, session: dict, pending: str, lang: str) -> None:
    st.warning(tr("firsthour.delete_session_confirm", session=session_label(session, lang)))
    c1, c2 = st.columns(2)
    if c1.button(tr("firsthour.delete_session_yes"), type="primary", key=f"yes-{pending}"):
        st.session_state.pop(pending, None)
        if state.call(planning.delete_session, state.services(), actor, session["id"])[0]:
            st.rerun()
    if c2.button(tr("firsthour.delete_session_no"), key=f"no-{pending}"):
        st.session_state.pop(pending, None)
        st.rerun()
