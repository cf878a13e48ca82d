"""Between sessions: the participant's "before the next session" card and the facilitator's
preparation exercises for a session."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from modules.i18n import fmt_date, fmt_day_time, sort_key
from modules.services import between
from modules.ui import state
from modules.ui.components.user_text import esc, plain
from modules.ui.state import tr


def _browser_zone(fallback: str) -> str:
    try:
        zone = st.context.timezone
    except Exception:  # no browser context (AppTest)
        zone = None
    return zone if isinstance(zone, str) and zone else fallback


def before_next(actor, cohort: dict, open_module, info: dict | None) -> None:
    """The card for the cohort's next session; `info` is between.before_next_session's answer."""
    lang = state.lang()
    if not info:
        return
    s = info["session"]
    # Few elements: each one is a message over the websocket and a render in the browser, and
    # this card is on every participant's first page (bench/first_page_bench.py).
    with st.container(border=True):
        st.markdown(f":material/event_upcoming: **{tr('distance.before_title')}**")
        plain(s["title"])
        when = tr("distance.before_when", when=fmt_day_time(s["starts_at"], lang, tz=_browser_zone(cohort["timezone"])))
        st.caption(f"{when} · {esc(s['place'])}" if s["place"] else when)
        if info["prep"]:
            st.markdown(f"**{tr('distance.before_prep')}**")
            for p in info["prep"]:
                icon = ":material/check_circle:" if p["done"] else ":material/radio_button_unchecked:"
                if st.button(f"{p['title']} · {p['module']}", icon=icon, type="tertiary",
                             key=f"prep-{cohort['id']}-{p['module_id']}-{p['exercise_id']}"):
                    open_module(cohort["id"], p["module_id"])
        notes = [tr("distance.before_opening", title=m["title"], date=fmt_date(m["unlock_date"], lang))
                 for m in info["modules_opening"]]
        notes += [tr("distance.before_recall", title=r["title"]) for r in info["recall"]]
        if notes:
            st.caption("  \n".join(notes))  # program titles, not user text: a line each
        if info["commitments"]:
            st.markdown(f"**{tr('distance.before_commitments')}**")
            # A line each, the date and the participant's own words, as one plain-text element.
            plain("\n".join(tr("distance.before_commitment", date=fmt_date(c["due_date"], lang),
                                what=" ".join(c["what"].splitlines())) for c in info["commitments"]))
        if not (info["prep"] or notes or info["commitments"]):
            st.caption(tr("distance.before_nothing"))


def session_prep(actor, session: dict) -> None:
    """Facilitators: choose preparation exercises for a session and see who has done them."""
    svc, lang = state.services(), state.lang()
    status = state.run(between.preparation_status, svc, actor, session["id"])
    if status is None:
        return
    options = [(m.id, e.id) for m in svc.program.modules for e in m.meta.exercises]
    labels = {(m.id, e.id): f"{m.meta.title.get(lang)} · {e.title.get(lang)}"
              for m in svc.program.modules for e in m.meta.exercises}
    with st.expander(tr("distance.prep_title"), icon=":material/checklist:"):
        with st.form(f"prep-{session['id']}"):
            chosen = st.multiselect(tr("distance.prep_choose"), options, default=[i for i in status["items"]
                                                                                   if i in labels],
                                    format_func=labels.get, placeholder=tr("distance.prep_choose"))
            if st.form_submit_button(tr("distance.prep_save")):
                if state.call(between.set_preparation, svc, actor, session["id"], chosen)[0]:
                    st.success(tr("distance.prep_saved"))
                    status = state.run(between.preparation_status, svc, actor, session["id"]) or status
        if status["items"] and status["people"]:
            people = sorted(status["people"], key=lambda p: sort_key(lang)(p["name"]))
            st.dataframe(pd.DataFrame([{tr("distance.col.name"): p["name"],
                                        tr("distance.col.prep"): tr("distance.prep_done", done=p["done"], of=p["of"])}
                                       for p in people]), hide_index=True, width="stretch")
