"""Learning groups: the participant's group (members, next meeting, prompt, log) and the
facilitator's forming and overview."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from modules.i18n import fmt_date, fmt_datetime, fmt_day_time
from modules.services import cohorts, groups
from modules.services.summaries import summarise
from modules.ui import state
from modules.ui.components.user_text import esc, plain
from modules.ui.state import tr


def _prompt(module) -> str:
    own = getattr(module.meta, "group_prompt", None)
    return own.get(state.lang()) if own else tr("groups.default_prompt")


def participant(actor, cohort: dict) -> None:
    svc, lang = state.services(), state.lang()
    mine = state.run(groups.my_group, svc, actor, cohort["id"])
    if not mine:
        st.info(tr("groups.none_yet"))
        return
    st.subheader(tr("groups.my_group", name=esc(mine["name"])))
    st.text(", ".join(m["name"] for m in mine["members"]))
    _meeting(actor, cohort, mine)
    modules = [m for m in svc.program.modules]
    module = st.selectbox(tr("groups.module"), modules, format_func=lambda m: m.meta.title.get(lang),
                          key=f"group-module-{cohort['id']}")
    if module is None:
        return
    st.markdown(f"**{tr('groups.prompt')}**")
    st.write(_prompt(module))
    with st.form(f"group-log-{cohort['id']}-{module.id}", clear_on_submit=True):
        text = st.text_area(tr("groups.log_text"), max_chars=groups.LOG_MAX, help=tr("groups.log_help"))
        met = st.checkbox(tr("groups.met_today"))
        share = st.checkbox(tr("groups.share_facilitator"))
        if st.form_submit_button(tr("groups.log_save"), type="primary"):
            if state.call(groups.write_log, svc, actor, cohort["id"], module.id, text,
                          met_on=dt.date.today() if met else None, share_with_facilitator=share)[0]:
                st.rerun()
    entries = [e for e in mine["log"] if e["module_id"] == module.id]
    for e in reversed(entries):
        with st.container(border=True):
            plain(e["text"])
            meta = [esc(e["author"]), fmt_datetime(e["at"], lang, "short")]
            if e["met_on"]:
                meta.append(tr("groups.met_on", date=fmt_date(e["met_on"], lang)))
            if e["shared"]:
                meta.append(tr("groups.shared_with_facilitator"))
            st.caption(" · ".join(meta))
    shared = state.run(groups.group_shared, svc, actor, cohort["id"], module.id) or []
    if shared:
        st.markdown(f"**{tr('groups.shared_answers')}**")
        for a in shared:
            exercise = module.exercise(a["exercise_id"])
            with st.container(border=True):
                st.caption(f"{esc(a['author'])} · {exercise.title.get(lang) if exercise else ''}")
                plain(summarise(svc.program, exercise, a.get("data") or {}, lang) if exercise else "")


def _meeting(actor, cohort: dict, mine: dict, group_id: int | None = None) -> None:
    svc, lang = state.services(), state.lang()
    when = mine["next_meeting_at"]
    st.caption(tr("groups.next_meeting", when=fmt_day_time(when, lang, tz="UTC") if when
                  else tr("groups.no_meeting")))
    with st.popover(tr("groups.set_meeting"), icon=":material/event:"):
        key = f"{cohort['id']}-{group_id or mine['id']}"
        day = st.date_input(tr("groups.meeting_date"), when.date() if when else dt.date.today(), format="YYYY-MM-DD",
                            key=f"gm-day-{key}")
        time = st.time_input(tr("groups.meeting_time"), when.time() if when else dt.time(12), step=900,
                             key=f"gm-time-{key}")
        if st.button(tr("groups.meeting_save"), key=f"gm-save-{key}"):
            if state.call(groups.set_next_meeting, svc, actor, cohort["id"], dt.datetime.combine(day, time),
                          group_id=group_id)[0]:
                st.rerun()


def facilitator(actor, cohort: dict) -> None:
    svc, lang = state.services(), state.lang()
    overview = state.run(groups.overview, svc, actor, cohort["id"])
    if overview is None:
        return
    with st.form(f"form-groups-{cohort['id']}"):
        st.markdown(f"**{tr('groups.form_title')}**")
        mix = st.checkbox(tr("groups.mix"), help=tr("groups.mix_help"))
        sure = st.checkbox(tr("groups.replace_confirm")) if overview else True
        if st.form_submit_button(tr("groups.form_random"), type="primary"):
            if not sure:
                st.warning(tr("groups.replace_needed"))
            elif state.call(groups.form_random, svc, actor, cohort["id"], mix_departments=mix)[0]:
                st.rerun()
    with st.form(f"new-group-{cohort['id']}", clear_on_submit=True):
        name = st.text_input(tr("groups.new_name"), max_chars=80)
        if st.form_submit_button(tr("groups.create")):
            if state.call(groups.create_group, svc, actor, cohort["id"], name)[0]:
                st.rerun()
    if not overview:
        st.info(tr("groups.none"))
        return
    _placement(actor, cohort, overview)
    for g in overview:
        with st.container(border=True):
            st.markdown(f"**{tr('groups.group', name=esc(g['name']))}**")
            st.text(", ".join(m["name"] for m in g["members"]) or "–")
            _meeting(actor, cohort, g, group_id=g["id"])
            if g["modules"]:
                st.dataframe(pd.DataFrame([{tr("groups.col.module"): (svc.program.module(mid).meta.title.get(lang)
                                                                     if svc.program.module(mid) else mid),
                                            tr("groups.col.entries"): m["entries"],
                                            tr("groups.col.met"): tr("groups.yes") if m["met"] else tr("groups.no")}
                                           for mid, m in g["modules"].items()]), hide_index=True, width="stretch")
                for m in g["modules"].values():
                    for s in m["shared"]:
                        st.caption(esc(s["author"]))
                        plain(s["text"])
            else:
                st.caption(tr("groups.no_log"))


def _placement(actor, cohort: dict, overview: list[dict]) -> None:
    svc = state.services()
    people = [p for p in state.run(cohorts.roster, svc, actor, cohort["id"]) or [] if p["user_id"]]
    where = {m["user_id"]: g["id"] for g in overview for m in g["members"]}
    names = {g["id"]: g["name"] for g in overview}
    options = [None, *names]
    with st.expander(tr("groups.place_title"), icon=":material/swap_horiz:"):
        for p in people:
            current = where.get(p["user_id"])
            chosen = st.selectbox(esc(p["name"]), options, index=options.index(current),
                                  format_func=lambda i: tr("groups.no_group") if i is None else names[i],
                                  key=f"place-{cohort['id']}-{p['user_id']}")
            if chosen != current and state.call(groups.place, svc, actor, cohort["id"], p["user_id"], chosen)[0]:
                st.rerun()
