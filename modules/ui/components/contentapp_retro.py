"""A retrospective self-assessment: each statement rated "before the program (looking back)"
and "now", shown beside the original baseline."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from modules.i18n import fmt_number
from modules.services import answers
from modules.services.exercise_rules import dimension_means, resolve_assessment
from modules.ui import state
from modules.ui.state import tr

PARTS = (("before", "contentapp.retro.before"), ("ratings", "contentapp.retro.now"))


def retrospective_assessment(ctx) -> None:
    scale, dims = resolve_assessment(state.services().program, ctx.ex)
    st.caption(tr("assessment.disclaimer"))
    st.markdown(tr("contentapp.retro.intro"))
    st.caption(f"{scale.min} = {ctx.text(scale.low)} · {scale.max} = {ctx.text(scale.high)}")
    values = list(range(scale.min, scale.max + 1))
    stored = {part: dict(ctx.data.get(part) or {}) for part, _ in PARTS}

    def collect() -> dict:
        out: dict = {part: {} for part, _ in PARTS}
        for d in dims:
            for item in d.items:
                for part, _ in PARTS:
                    v = st.session_state.get(ctx.key(f"{part}:{item.id}"))
                    if v is not None:
                        out[part][item.id] = int(v)
        return out

    for d in dims:
        st.markdown(f"**{ctx.text(d.title)}**")
        for item in d.items:
            st.markdown(ctx.text(item.text))
            for part, label in PARTS:
                mine = stored[part].get(item.id)
                st.radio(tr(label), values, index=values.index(mine) if mine in values else None, horizontal=True,
                         key=ctx.key(f"{part}:{item.id}"), on_change=lambda: ctx.save(collect()))
    if st.button(tr("exercise.save_done"), key=ctx.key("submit"), type="primary"):
        if ctx.save(collect(), submit=True):
            st.rerun()
    if ctx.done:
        _chart(ctx, dims, stored)


def _chart(ctx, dims, stored: dict) -> None:
    base = state.run(answers.baseline_for, state.services(), ctx.actor, ctx.cohort_id, ctx.ex.repeats) or {}
    series = [(tr("assessment.baseline"), dimension_means(dims, base)),
              (tr("contentapp.retro.series"), dimension_means(dims, stored["before"])),
              (tr("assessment.now"), dimension_means(dims, stored["ratings"]))]
    lang = ctx.lang
    for d in dims:
        b, r, n = (s[1][d.id] for s in series)
        st.write(tr("contentapp.retro.change", title=ctx.text(d.title), base=fmt_number(b, lang),
                    before=fmt_number(r, lang), now=fmt_number(n, lang)))
    rows = [{"dimension": ctx.text(d.title), "value": means[d.id], "when": name}
            for name, means in series for d in dims if means[d.id] is not None]
    chart = alt.Chart(pd.DataFrame(rows)).mark_bar().encode(
        x=alt.X("value:Q", scale=alt.Scale(domain=[0, 5]), title=None),
        y=alt.Y("dimension:N", title=None), color=alt.Color("when:N", title=None, sort=[s[0] for s in series]),
        yOffset="when:N", tooltip=["dimension", "when", alt.Tooltip("value:Q", format=".1f")])
    st.altair_chart(chart, width="stretch")
