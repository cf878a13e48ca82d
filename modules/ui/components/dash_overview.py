"""Dashboard parts: headline figures, progress grid, nudges, assessment change, feedback,
shared answers."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from modules.i18n import fmt_date, fmt_datetime, fmt_number, fmt_percent, sort_key
from modules.services import dashboard
from modules.services.summaries import summarise
from modules.ui import state
from modules.ui.components.user_text import esc
from modules.ui.state import tr


def render(actor, cohort_id: int | None = None, org_id: int | None = None) -> None:
    svc, lang = state.services(), state.lang()
    data = state.run(dashboard.overview, svc, actor, cohort_id=cohort_id, org_id=org_id)
    if data is None:
        return
    c = st.columns(4)
    c[0].metric(tr("dash.invited"), data["invited"])
    c[1].metric(tr("dash.joined"), data["joined"])
    c[2].metric(tr("dash.active7"), data["active_7d"])
    c[3].metric(tr("dash.completion"), fmt_percent(data["completion"], lang))
    people = sorted(data["participants"], key=lambda p: sort_key(lang)(p["name"]))
    if not people:
        st.info(tr("dash.nobody"))
        return
    _grid(actor, people, data["modules"], cohort_id, org_id is not None)
    _nudges(people)
    _assessment(data["assessment"], data["min_group"])
    _feedback(data["feedback"])


def _grid(actor, people, modules, cohort_id, multi) -> None:
    st.subheader(tr("dash.grid"))
    rows = []
    for p in people:
        row = {tr("dash.col.name"): p["name"]}
        if multi:
            row[tr("dash.col.cohort")] = p["cohort"]
        row[tr("dash.col.total")] = p["completion"]
        for mid, title in modules:
            row[title] = p["shares"].get(mid)
        rows.append(row)
    df = pd.DataFrame(rows)
    value_cols = [c for c in df.columns if c not in (tr("dash.col.name"), tr("dash.col.cohort"))]
    # Progress bars coloured by value (red below half, green above): a colour scale that stays
    # fast for thousands of rows, and every column still sorts.
    # Whole percentages ("58 %"): Streamlit's "percent" format writes English decimals ("58.33%").
    df[value_cols] = df[value_cols].astype(float) * 100
    config = {c: st.column_config.ProgressColumn(c, min_value=0.0, max_value=100.0, format="%d %%", color="auto")
              for c in value_cols}
    event = st.dataframe(df, hide_index=True, width="stretch", on_select="rerun", selection_mode="single-row",
                         key=f"grid-{cohort_id}-{multi}", column_config=config)
    st.caption(tr("dash.grid_help"))
    selected = event.selection.rows if event and event.selection else []
    if selected and cohort_id is not None and not people[selected[0]].get("deleted"):
        _detail(actor, people[selected[0]], modules, cohort_id)


def _detail(actor, person, modules, cohort_id) -> None:
    svc, lang = state.services(), state.lang()
    with st.container(border=True):
        st.markdown(f"#### {tr('dash.detail')}")
        st.text(f"{person['name']} · {person['email']}")
        st.caption(tr("dash.last_active", when=fmt_datetime(person["last_active"], lang, "short") or "–"))
        for mid, title in modules:
            st.progress(person["shares"].get(mid) or 0.0, text=title)
        for c in state.run(dashboard.participant_commitments, svc, actor, cohort_id, person["user_id"]) or []:
            st.markdown(f"**{tr('dash.commitment', date=fmt_date(c['due_date'], lang))}** "
                        + (tr(f"outcome.{c['outcome']}") if c["outcome"] else tr("dash.no_followup")))
            st.text(c["what"] + (f"\n→ {c['followup']}" if c["followup"] else ""))
        shared(actor, cohort_id, user_id=person["user_id"], filters=False)


def _nudges(people) -> None:
    needing = [p for p in people if p["nudge"]]
    st.subheader(tr("dash.nudges", n=len(needing)))
    if not needing:
        st.success(tr("dash.no_nudges"))
        return
    st.dataframe(pd.DataFrame([{tr("dash.col.name"): p["name"], tr("dash.col.email"): p["email"],
                                tr("dash.col.reason"): ", ".join(tr(f"dash.reason.{r}") for r in p["nudge"])}
                               for p in needing]), hide_index=True, width="stretch")


def _assessment(rows, min_group: int) -> None:
    st.subheader(tr("dash.assessment"))
    if not rows:
        st.info(tr("dash.no_assessment"))
        return
    lang = state.lang()
    n_base, n_final = rows[0]["n_baseline"], rows[0]["n_final"]
    if n_base < min_group:
        st.info(tr("dash.too_few", n=n_base, min=min_group))
        return
    data = [{"dimension": r["title"].get(lang), "when": tr("assessment.baseline"), "value": r["baseline"]} for r in rows]
    if n_final >= min_group:
        data += [{"dimension": r["title"].get(lang), "when": tr("dash.final"), "value": r["final"]} for r in rows]
    else:
        st.caption(tr("dash.final_too_few", n=n_final, min=min_group))
    chart = alt.Chart(pd.DataFrame(data)).mark_bar().encode(
        x=alt.X("value:Q", scale=alt.Scale(domain=[0, 5]), title=None), y=alt.Y("dimension:N", title=None),
        color=alt.Color("when:N", title=None), yOffset="when:N")
    st.altair_chart(chart, width="stretch")
    st.caption(tr("dash.assessment_n", base=n_base, final=n_final))


def _feedback(fb) -> None:
    st.subheader(tr("dash.feedback"))
    if not fb["averages"]:
        st.info(tr("dash.no_feedback"))
        return
    lang = state.lang()
    st.dataframe(pd.DataFrame([{tr("dash.col.kind"): tr(f"dash.kind.{a['kind']}"), tr("dash.col.target"): a["target"],
                                tr("dash.col.mean"): fmt_number(a["mean"], lang, 1), "n": a["n"]} for a in fb["averages"]]),
                 hide_index=True, width="stretch")
    for c in fb["comments"][:50]:
        st.caption(f"{esc(c['target'])} · {c['rating']}/5 · {fmt_date(c['created'].date(), lang)}")
        st.text(c["comment"])


SHARED_PAGE = 20  # shared answers drawn at once (hundreds made the dashboard take seconds to load)


def shared(actor, cohort_id: int, user_id: int | None = None, filters: bool = True) -> None:
    svc, lang = state.services(), state.lang()
    program = svc.program
    module_id = exercise_id = None
    if filters:
        st.subheader(tr("dash.shared"))
        mods = [m for m in program.modules]
        module_id = st.selectbox(tr("journal.filter_module"), [None] + [m.id for m in mods],
                                 format_func=lambda i: tr("dash.all") if i is None else program.module(i).meta.title.get(lang))
        if module_id:
            exs = program.module(module_id).meta.exercises
            exercise_id = st.selectbox(tr("dash.exercise"), [None] + [e.id for e in exs],
                                       format_func=lambda i: tr("dash.all") if i is None else
                                       program.module(module_id).exercise(i).title.get(lang))
    rows = state.run(dashboard.shared_answers, svc, actor, cohort_id, module_id, exercise_id, user_id) or []
    if not rows:
        st.caption(tr("dash.nothing_shared"))
    limit_key = f"shared_limit:{cohort_id}:{user_id}"
    limit = st.session_state.get(limit_key, SHARED_PAGE)
    for r in rows[:limit]:
        module = program.module(r["module_id"])
        ex = module.exercise(r["exercise_id"]) if module else None
        if ex is None:
            continue
        with st.container(border=True):
            st.caption(f"{esc(r['author'])} · {ex.title.get(lang)} · {tr('visibility.' + r['visibility'])} · "
                       f"{fmt_datetime(r['updated_at'], lang, 'short')}")
            st.text(summarise(program, ex, r["data"], lang))  # plain text: never Markdown or HTML
    if len(rows) > limit:  # the newest first; the rest on request keeps the page quick to load
        st.caption(tr("autosave.showing", shown=limit, total=len(rows)))
        if st.button(tr("autosave.show_more", n=min(SHARED_PAGE, len(rows) - limit)), key=f"{limit_key}:more"):
            st.session_state[limit_key] = limit + SHARED_PAGE
            st.rerun()
