"""Facilitator: my cohorts, a new cohort, the join code, the roster."""

import datetime as dt

import streamlit as st

from modules.i18n import fmt_date, fmt_datetime
from modules.services import accounts, cohorts
from modules.ui import state
from modules.ui.components.join_box import join_address, projector_address
from modules.ui.components.widgets import big_code, choose_cohort
from modules.ui.state import tr

actor = state.current_actor()
svc = state.services()
lang = state.lang()
TABS_KEY = "cohort-tabs"  # the open tab's label
NEW_KEY = "new-cohort"  # the "new cohort" box is open
st.title(tr("cohorts.title"))

# Drawn only when opened: folded, its form (two date pickers among them) still cost the first
# page in the browser.
new_box = st.expander(tr("cohorts.new"), icon=":material/add:", key=NEW_KEY, on_change="rerun")
if new_box.open:
    with new_box:
        orgs = state.run(cohorts.list_organisations, svc, actor) or []
        if not orgs:
            st.info(tr("cohorts.no_org"))
        else:
            with st.form("new_cohort", clear_on_submit=True):
                org = st.selectbox(tr("field.organisation"), [o["id"] for o in orgs],
                                   format_func=lambda i: next(o["name"] for o in orgs if o["id"] == i))
                name = st.text_input(tr("field.cohort_name"), max_chars=120)
                language = st.selectbox(tr("field.cohort_language"), ["sv", "en"],
                                        format_func=lambda v: {"sv": "Svenska", "en": "English"}[v])
                today = dt.date.today()
                start = st.date_input(tr("field.start_date"), today, format="YYYY-MM-DD")
                end = st.date_input(tr("field.end_date"), today + dt.timedelta(days=90), format="YYYY-MM-DD")
                if st.form_submit_button(tr("cohorts.create"), type="primary"):
                    new_id = state.run(cohorts.create_cohort, svc, actor, org, name, language, start, end)
                    if new_id:
                        st.session_state["selected_cohort"] = new_id
                        st.success(tr("cohorts.created"))

mine = state.run(cohorts.list_cohorts, svc, actor) or []
cohort = choose_cohort(mine)
if cohort:
    st.caption(tr("cohorts.summary", start=fmt_date(cohort["start_date"], lang), end=fmt_date(cohort["end_date"], lang),
                  invited=cohort["invited"], joined=cohort["joined"]))
    # Only the open tab is drawn (a tab switch reruns the page): hidden behind its tab, the
    # roster's table alone cost the first page ~100 ms in the browser (bench/first_page_bench.py).
    tab_code, tab_roster, tab_fac = st.tabs([tr("cohorts.tab_code"), tr("cohorts.tab_roster"),
                                             tr("cohorts.tab_facilitators")], key=TABS_KEY, on_change="rerun")
    if tab_fac.open:
        with tab_fac:
            team = state.run(cohorts.facilitators, svc, actor, cohort["id"]) or {"current": [], "available": []}
            st.text(", ".join(f["name"] for f in team["current"]) or "–")
            if team["available"]:
                with st.form("add_facilitator", clear_on_submit=True):
                    who = st.selectbox(tr("cohorts.add_facilitator"), [f["id"] for f in team["available"]],
                                       format_func=lambda i: next(f["name"] for f in team["available"] if f["id"] == i))
                    if st.form_submit_button(tr("admin.add")) and \
                            state.call(cohorts.assign_facilitator, svc, actor, cohort["id"], who)[0]:
                        st.rerun()
    if tab_code.open:
        with tab_code:
            if cohort["join_open"]:
                big_code(cohort["join_code"], tr("cohorts.join_caption"))
                projector_address(join_address())
            else:
                st.warning(tr("cohorts.closed"))
            c1, c2 = st.columns(2)
            if c1.button(tr("cohorts.rotate"), icon=":material/autorenew:"):
                if state.run(cohorts.rotate_join_code, svc, actor, cohort["id"]):
                    st.rerun()
            label = tr("cohorts.close") if cohort["join_open"] else tr("cohorts.open")
            if c2.button(label, icon=":material/lock:" if cohort["join_open"] else ":material/lock_open:"):
                ok, _ = state.call(cohorts.set_join_open, svc, actor, cohort["id"], not cohort["join_open"])
                if ok:
                    st.rerun()
    if tab_roster.open:
        with tab_roster:
            people = state.run(cohorts.roster, svc, actor, cohort["id"]) or []
            if not people:
                st.info(tr("cohorts.roster_empty"))
            # one table (a single element, plain-text cells) instead of a row of widgets per person
            rows = [{tr("field.name"): tr("privacy.deleted_participant") if p["deleted"] else p["name"],
                     tr("field.email"): "" if p["deleted"] else p["email"],
                     tr("cohorts.col_status"): tr("cohorts.joined_at", when=fmt_datetime(p["joined_at"], lang, "short"))
                     if p["joined_at"] else tr("cohorts.invited")} for p in people]
            if rows:
                st.dataframe(rows, hide_index=True, width="stretch")
            joined = {p["user_id"]: p["name"] for p in people if p["user_id"] and not p["deleted"]}
            if joined:
                with st.form(f"reset-{cohort['id']}"):
                    who = st.selectbox(tr("cohorts.reset_for"), list(joined), format_func=joined.get,
                                       placeholder=tr("cohorts.reset_for"), index=None)
                    if st.form_submit_button(tr("cohorts.reset")) and who is not None:
                        code = state.run(accounts.create_reset_code, svc, actor, who)
                        if code:
                            st.code(code)
                            st.caption(tr("cohorts.reset_help"))
