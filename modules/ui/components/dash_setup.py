"""Dashboard tabs: attendance, cohort set-up (plan, schedule, roster, copy) and export."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from modules.i18n import fmt_date, fmt_time
from modules.services import dashboard, planning, reports
from modules.ui import state
from modules.ui.components import between_ui, calendar_ui
from modules.ui.components.attendance_ui import attendance, delete_session_button  # noqa: F401 - the page's tab
from modules.ui.components.invite_codes_ui import invite_codes
from modules.ui.components.roster_ui import roster_import
from modules.ui.state import tr


def setup(actor, cohort) -> None:
    with st.expander(tr("cset.plan"), expanded=True):
        _plan(actor, cohort)
    with st.expander(tr("cset.schedule")):
        _schedule(actor, cohort)
    with st.expander(tr("cset.roster")):
        roster_import(actor, cohort)
        invite_codes(actor, cohort)
    with st.expander(tr("cset.copy")):
        _copy(actor, cohort)


def _plan(actor, cohort) -> None:
    svc, lang = state.services(), state.lang()
    plan = state.run(planning.get_plan, svc, actor, cohort["id"]) or []
    planned = {p["module_id"]: p for p in plan}
    program = svc.program.modules
    order = [p["module_id"] for p in plan if svc.program.module(p["module_id"])] + \
        [m.id for m in program if m.id not in planned]
    df = pd.DataFrame([{"include": mid in planned, "position": i + 1, "module": svc.program.module(mid).meta.title.get(lang),
                        "unlock": planned.get(mid, {}).get("unlock_date"), "id": mid} for i, mid in enumerate(order)])
    # A typed date column even when every cell is empty: an all-None column has no type, and
    # Streamlit then hands back a picked date as a string instead of a date.
    df["unlock"] = pd.to_datetime(df["unlock"])
    edited = st.data_editor(df, hide_index=True, width="stretch", disabled=["module", "id"], key=f"plan-{cohort['id']}",
                            column_config={"include": st.column_config.CheckboxColumn(tr("cset.include")),
                                           "position": st.column_config.NumberColumn(tr("cset.position"), min_value=1, step=1),
                                           "module": tr("content.col.module"),
                                           "unlock": st.column_config.DateColumn(tr("cset.unlock"), format="YYYY-MM-DD"),
                                           "id": None})
    st.caption(tr("cset.plan_help"))
    if st.button(tr("cset.save_plan"), type="primary", key=f"save-plan-{cohort['id']}"):
        rows = edited[edited["include"]].sort_values("position")
        try:
            items = [(r["id"], grid_date(r["unlock"])) for _, r in rows.iterrows()]
        except ValueError:
            st.error(tr("error.invalid", field=tr("cset.unlock")))
            return
        ok, _ = state.call(planning.set_plan, svc, actor, cohort["id"], items)
        if ok:
            st.success(tr("cset.plan_saved"))


def grid_date(value: object) -> dt.date | None:
    """A date cell from st.data_editor as a date; empty is None; anything else is refused."""
    if value is None or value == "" or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, dt.datetime):  # pd.Timestamp too
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        return dt.date.fromisoformat(value[:10])
    raise ValueError(f"not a date: {value!r}")


def _schedule(actor, cohort) -> None:
    svc, lang = state.services(), state.lang()
    sessions = state.run(planning.list_sessions, svc, actor, cohort["id"]) or []
    zones = ["Europe/Stockholm", "Europe/Helsinki", "Europe/Oslo", "Europe/Copenhagen", "Europe/London", "UTC"]
    zones = zones if cohort["timezone"] in zones else [cohort["timezone"], *zones]
    tz = st.selectbox(tr("cset.timezone_label"), zones, index=zones.index(cohort["timezone"]),
                      key=f"tz-{cohort['id']}", help=tr("cset.timezone", tz=cohort["timezone"]))
    if tz != cohort["timezone"] and state.call(planning.set_timezone, svc, actor, cohort["id"], tz)[0]:
        st.rerun()
    if sessions:
        calendar_ui.cohort_calendar(actor, cohort, manage=True)
    marks = (state.run(dashboard.attendance, svc, actor, cohort["id"]) or {}).get("marks", {}) if sessions else {}
    taken = {sid for sid, _ in marks}
    for s in sessions:
        c1, c2 = st.columns([5, 1])
        c1.text(f"{fmt_date(s['date'], lang)} {fmt_time(s['start_time'], lang)}–{fmt_time(s['end_time'], lang)} · "
                f"{s['title']} · {s['place']}")
        delete_session_button(actor, s, s["id"] in taken, c2)
        between_ui.session_prep(actor, s)
    modules = [None] + [m.id for m in svc.program.modules]
    with st.form(f"session-{cohort['id']}", clear_on_submit=True):
        title = st.text_input(tr("cset.session_title"), max_chars=160)
        c1, c2, c3 = st.columns(3)
        day = c1.date_input(tr("cset.date"), cohort["start_date"], format="YYYY-MM-DD")
        start = c2.time_input(tr("cset.start"), dt.time(9, 0), step=900)
        end = c3.time_input(tr("cset.end"), dt.time(12, 0), step=900)
        place = st.text_input(tr("cset.place"), max_chars=300, help=tr("cset.place_help"))
        module = st.selectbox(tr("cset.after_module"), modules, format_func=lambda m: "–" if m is None else
                              svc.program.module(m).meta.title.get(lang))
        if st.form_submit_button(tr("cset.add_session")):
            if state.call(planning.save_session, svc, actor, cohort["id"], title, day, start, end, place, module)[0]:
                st.rerun()


def _copy(actor, cohort) -> None:
    svc = state.services()
    st.caption(tr("cset.copy_help"))
    with st.form(f"copy-{cohort['id']}", clear_on_submit=True):
        name = st.text_input(tr("field.cohort_name"), max_chars=120)
        start = st.date_input(tr("field.start_date"), dt.date.today(), format="YYYY-MM-DD")
        length = cohort["end_date"] - cohort["start_date"]
        end = st.date_input(tr("field.end_date"), dt.date.today() + length, format="YYYY-MM-DD")
        if st.form_submit_button(tr("cset.copy_button")):
            new_id = state.run(planning.copy_cohort, svc, actor, cohort["id"], name, start, end)
            if new_id:
                st.session_state["selected_cohort"] = new_id
                st.success(tr("cset.copied"))


def export(actor, cohort_id: int | None = None, org_id: int | None = None) -> None:
    svc = state.services()
    st.caption(tr("exportui.intro"))
    pseudo = st.toggle(tr("exportui.pseudonymise"), key=f"pseudo-{cohort_id}-{org_id}", help=tr("exportui.pseudo_help"))
    if st.button(tr("exportui.build"), type="primary", key=f"build-{cohort_id}-{org_id}", icon=":material/table_view:"):
        bar = st.progress(0.0, text=tr("exportui.building"))
        data = state.run(reports.export_workbook, svc, actor, cohort_id=cohort_id, org_id=org_id,
                         pseudonymise=pseudo, progress=lambda f: bar.progress(min(1.0, f), text=tr("exportui.building")))
        bar.empty()
        if data:
            st.session_state[f"export-{cohort_id}-{org_id}"] = data
    data = st.session_state.get(f"export-{cohort_id}-{org_id}")
    if data:
        st.download_button(tr("exportui.download"), data, file_name=f"medled-{'cohort-' + str(cohort_id) if cohort_id else 'org-' + str(org_id)}.xlsx",
                           mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                           icon=":material/download:", key=f"dl-{cohort_id}-{org_id}")
