"""One renderer per exercise type. Each reads widgets, calls the answers service, renders.

Drafts are saved through callbacks: free text while the participant types (the autosave
text area), choices when they are made. What a participant wrote is in the database, not only
in this browser session.
"""

from __future__ import annotations

import datetime as dt

import altair as alt
import pandas as pd
import streamlit as st

from modules.curriculum.order import shuffled
from modules.i18n import fmt_number
from modules.services import answers
from modules.services.exercise_rules import SHORT_MAX, TEXT_MAX, checklist_result, dimension_means, resolve_assessment
from modules.ui import state
from modules.ui.components.autosave import autosave_text_area, autosave_value
from modules.ui.components.contentapp_retro import retrospective_assessment
from modules.ui.components.planner_ui import render_planner
from modules.ui.components.user_text import plain
from modules.ui.state import tr


class Ctx:
    """What every renderer needs: who, where, the exercise and its stored answer."""

    def __init__(self, actor, cohort_id: int, module_id: str, exercise, answer: dict | None):
        self.actor, self.cohort_id, self.module_id, self.ex = actor, cohort_id, module_id, exercise
        self.answer = answer or {}
        self.data = self.answer.get("data") or {}
        self.done = self.answer.get("status") == "done"
        self.lang = actor.language
        self.prefix = f"ex:{cohort_id}:{module_id}:{exercise.id}"

    def key(self, name: str) -> str:
        return f"{self.prefix}:{name}"

    def save(self, data: dict, submit: bool = False, visibility: str | None = None) -> bool:
        ok, saved = state.call(answers.save_answer, state.services(), self.actor, self.cohort_id, self.module_id,
                               self.ex.id, data, submit=submit, visibility=visibility)
        if ok:
            st.session_state[answer_key(self.cohort_id, self.module_id, self.ex.id)] = saved  # for fragment reruns
        return ok

    def text(self, value) -> str:
        return value.get(self.lang)

    def store(self, name: str) -> str:
        """Names the browser's unsent copy of a field: per user, never shared on one device."""
        return f"{self.actor.id}:{self.key(name)}"


def answer_key(cohort_id: int, module_id: str, exercise_id: str) -> str:
    """Where the page keeps an exercise's latest stored answer, so the exercise's fragment can rerun alone."""
    return f"answer:{cohort_id}:{module_id}:{exercise_id}"


@st.fragment
def exercise_fragment(actor, cohort_id: int, module_id: str, exercise) -> None:
    """One exercise as its own fragment: a draft save or a choice reruns this exercise, not the module.
    The page puts the stored answer under answer_key on every full run; saves keep it current."""
    render_exercise(Ctx(actor, cohort_id, module_id, exercise,
                        st.session_state.get(answer_key(cohort_id, module_id, exercise.id))))


def render_exercise(ctx: Ctx) -> None:
    with st.container(border=True):
        badge = tr(f"type.{ctx.ex.type}")
        st.markdown(f"**{ctx.text(ctx.ex.title)}**  \n:gray-badge[{badge}]"
                    + (f" :green-badge[:material/check: {tr('exercise.done')}]" if ctx.done else ""))
        if ctx.ex.intro:
            st.markdown(ctx.text(ctx.ex.intro))
        RENDERERS[ctx.ex.type](ctx)


# --- reflection -------------------------------------------------------------------------

VIS_KEYS = {"private": "visibility.private", "group": "groups.visibility", "facilitator": "visibility.facilitator",
            "cohort": "visibility.cohort"}


def _visibility(ctx: Ctx) -> str:
    current = ctx.answer.get("visibility", "private")
    return st.radio(tr("visibility.label"), list(VIS_KEYS), index=list(VIS_KEYS).index(current),
                    format_func=lambda v: tr(VIS_KEYS[v]), key=ctx.key("vis"), horizontal=True,
                    on_change=lambda: ctx.save(_reflection_data(ctx), visibility=st.session_state[ctx.key("vis")]))


def _reflection_data(ctx: Ctx) -> dict:
    return {"text": autosave_value(ctx.key("text"), ctx.data.get("text", ""))}


def reflection(ctx: Ctx) -> None:
    st.markdown(ctx.text(ctx.ex.prompt))
    autosave_text_area(tr("exercise.your_answer"), key=ctx.key("text"), value=ctx.data.get("text", ""),
                       on_save=lambda text: ctx.save({"text": text}), max_chars=TEXT_MAX, height=160,
                       help=tr("autosave.help"), store=ctx.store("text"))
    vis = _visibility(ctx)
    if st.button(tr("exercise.save_done"), key=ctx.key("submit"), type="primary"):
        if ctx.save(_reflection_data(ctx), submit=True, visibility=vis):
            st.toast(tr("exercise.saved"))
            st.rerun()


# --- self-assessment --------------------------------------------------------------------


def self_assessment(ctx: Ctx) -> None:
    if ctx.ex.retrospective:
        return retrospective_assessment(ctx)
    scale, dims = resolve_assessment(state.services().program, ctx.ex)
    st.caption(tr("assessment.disclaimer"))
    values = list(range(scale.min, scale.max + 1))
    st.caption(f"{scale.min} = {ctx.text(scale.low)} · {scale.max} = {ctx.text(scale.high)}")
    ratings = dict(ctx.data.get("ratings") or {})

    def collect() -> dict:
        out = {}
        for d in dims:
            for item in d.items:
                v = st.session_state.get(ctx.key(item.id))
                if v is not None:
                    out[item.id] = int(v)
        return {"ratings": out}

    for d in dims:
        st.markdown(f"**{ctx.text(d.title)}**")
        for item in d.items:
            st.radio(ctx.text(item.text), values, index=values.index(ratings[item.id]) if item.id in ratings else None,
                     horizontal=True, key=ctx.key(item.id), on_change=lambda: ctx.save(collect()))
    if st.button(tr("exercise.save_done"), key=ctx.key("submit"), type="primary"):
        if ctx.save(collect(), submit=True):
            st.rerun()
    if ctx.done:
        _assessment_chart(ctx, dims, ratings)


def _assessment_chart(ctx: Ctx, dims, ratings: dict) -> None:
    means = dimension_means(dims, ratings)
    rows = [{"dimension": ctx.text(d.title), "value": means[d.id], "when": tr("assessment.now")} for d in dims]
    if ctx.ex.repeats:
        base = state.run(answers.baseline_for, state.services(), ctx.actor, ctx.cohort_id, ctx.ex.repeats)
        if base:
            before = dimension_means(dims, base)
            rows += [{"dimension": ctx.text(d.title), "value": before[d.id], "when": tr("assessment.baseline")}
                     for d in dims]
            st.markdown(tr("assessment.change_intro"))
            for d in dims:
                if before[d.id] is not None and means[d.id] is not None:
                    change = means[d.id] - before[d.id]
                    sign = "+" if change >= 0 else "−"
                    st.write(f"{ctx.text(d.title)}: {fmt_number(before[d.id], state.lang())} → "
                             f"{fmt_number(means[d.id], state.lang())} ({sign}{fmt_number(abs(change), state.lang())})")
    df = pd.DataFrame(rows)
    chart = alt.Chart(df).mark_bar().encode(
        x=alt.X("value:Q", scale=alt.Scale(domain=[0, 5]), title=None),
        y=alt.Y("dimension:N", title=None), color=alt.Color("when:N", title=None),
        yOffset="when:N", tooltip=["dimension", "when", alt.Tooltip("value:Q", format=".1f")])
    st.altair_chart(chart, width="stretch")


# --- scenario ---------------------------------------------------------------------------


def scenario(ctx: Ctx) -> None:
    steps = {s.id: s for s in ctx.ex.steps}
    path = [tuple(p) for p in ctx.data.get("path") or []]
    for step_id, option_id in path:
        step = steps[step_id]
        option = next(o for o in step.options if o.id == option_id)
        st.markdown(ctx.text(step.text))
        st.info(f"**{tr('scenario.you_chose')}** {ctx.text(option.text)}\n\n{ctx.text(option.feedback)}")
    expected = ctx.ex.start if not path else next(
        o for o in steps[path[-1][0]].options if o.id == path[-1][1]).next
    if expected is not None:
        step = steps[expected]
        st.markdown(ctx.text(step.text))
        for option in shuffled(step.options, ctx.actor.id, ctx.module_id, ctx.ex.id, step.id):
            if st.button(ctx.text(option.text), key=ctx.key(f"{step.id}:{option.id}"), width="stretch"):
                new_path = [list(p) for p in path] + [[step.id, option.id]]
                if ctx.save({"path": new_path}, submit=True):
                    st.rerun()
    elif st.button(tr("scenario.again"), key=ctx.key("again"), icon=":material/replay:"):
        state.run(answers.reset_answer, state.services(), ctx.actor, ctx.cohort_id, ctx.module_id, ctx.ex.id)
        st.rerun()


# --- knowledge check --------------------------------------------------------------------


def knowledge_check(ctx: Ctx) -> None:
    chosen = ctx.data.get("answers") or {}
    if ctx.done:
        st.markdown(tr("quiz.score", correct=ctx.data.get("correct", 0), total=ctx.data.get("total", 0)))
        for q in ctx.ex.questions:
            option = next((o for o in q.options if o.id == chosen.get(q.id)), None)
            good = chosen.get(q.id) == q.correct
            st.markdown(f"{':material/check_circle:' if good else ':material/cancel:'} {ctx.text(q.text)}")
            st.caption(f"{tr('quiz.your_answer')}: {ctx.text(option.text) if option else '–'}")
            st.info(ctx.text(q.explanation))
        if st.button(tr("quiz.retry"), key=ctx.key("retry"), icon=":material/replay:"):
            state.run(answers.reset_answer, state.services(), ctx.actor, ctx.cohort_id, ctx.module_id, ctx.ex.id)
            st.rerun()
        return
    with st.form(ctx.key("form")):
        picks = {}
        for q in ctx.ex.questions:
            ids = [o.id for o in shuffled(q.options, ctx.actor.id, ctx.module_id, ctx.ex.id, q.id)]
            picks[q.id] = st.radio(ctx.text(q.text), ids, index=None, key=ctx.key(q.id),
                                   format_func=lambda i, q=q: ctx.text(next(o.text for o in q.options if o.id == i)))
        if st.form_submit_button(tr("quiz.check"), type="primary"):
            data = {"answers": {k: v for k, v in picks.items() if v}, "attempts": ctx.data.get("attempts", 0)}
            if ctx.save(data, submit=True):
                st.rerun()


# --- checklist --------------------------------------------------------------------------


def checklist(ctx: Ctx) -> None:
    ticked = set(ctx.data.get("ticked") or [])

    def collect() -> dict:
        return {"ticked": [i.id for i in ctx.ex.items if st.session_state.get(ctx.key(i.id))]}

    for item in ctx.ex.items:
        st.checkbox(ctx.text(item.text), value=item.id in ticked, key=ctx.key(item.id),
                    on_change=lambda: ctx.save(collect()))
    if st.button(tr("checklist.result"), key=ctx.key("submit"), type="primary"):
        if ctx.save(collect(), submit=True):
            st.rerun()
    if ctx.done:
        result = checklist_result(ctx.ex, len(ticked))
        st.success(tr("checklist.count", n=len(ticked), total=len(ctx.ex.items))
                   + (f"\n\n{ctx.text(result.text)}" if result else ""))


# --- commitment -------------------------------------------------------------------------


def commitment(ctx: Ctx) -> None:
    st.markdown(ctx.text(ctx.ex.prompt))
    due_default = dt.date.fromisoformat(ctx.data["due"]) if ctx.data.get("due") else (
        dt.date.today() + dt.timedelta(days=ctx.ex.default_days))

    def collect() -> dict:
        due = st.session_state.get(ctx.key("due"), due_default)
        return {"what": autosave_value(ctx.key("what"), ctx.data.get("what", "")),
                "with_whom": autosave_value(ctx.key("who"), ctx.data.get("with_whom", "")),
                "due": due.isoformat() if isinstance(due, dt.date) else None}

    autosave_text_area(tr("commitment.what"), key=ctx.key("what"), value=ctx.data.get("what", ""),
                       on_save=lambda _: ctx.save(collect()), max_chars=TEXT_MAX, help=tr("autosave.help"),
                       store=ctx.store("what"))
    c1, c2 = st.columns(2)
    c1.date_input(tr("commitment.due"), value=due_default, key=ctx.key("due"), format="YYYY-MM-DD",
                  min_value=dt.date.today() - dt.timedelta(days=365), on_change=lambda: ctx.save(collect()))
    with c2:
        autosave_text_area(tr("commitment.with_whom"), key=ctx.key("who"), value=ctx.data.get("with_whom", ""),
                           on_save=lambda _: ctx.save(collect()), max_chars=SHORT_MAX, height=40,
                           store=ctx.store("who"), single_line=True)
    vis = _visibility_commitment(ctx, collect)
    if st.button(tr("commitment.save"), key=ctx.key("submit"), type="primary"):
        if ctx.save(collect(), submit=True, visibility=vis):
            st.toast(tr("commitment.saved"))
            st.rerun()
    if ctx.done:
        st.caption(tr("commitment.will_ask"))


def _visibility_commitment(ctx: Ctx, collect) -> str:
    """Private by default; a change is saved at once, like a reflection's (and so is who sees it)."""
    current = ctx.answer.get("visibility", "private")
    return st.radio(tr("visibility.label"), list(VIS_KEYS), index=list(VIS_KEYS).index(current),
                    format_func=lambda v: tr(VIS_KEYS[v]), key=ctx.key("vis"), horizontal=True,
                    on_change=lambda: ctx.save(collect(), visibility=st.session_state[ctx.key("vis")]))


RENDERERS = {
    "reflection": reflection,
    "self_assessment": self_assessment,
    "scenario": scenario,
    "knowledge_check": knowledge_check,
    "checklist": checklist,
    "planner": lambda ctx: render_planner(ctx),
    "commitment": commitment,
}

__all__ = ["Ctx", "answer_key", "exercise_fragment", "render_exercise", "plain"]
