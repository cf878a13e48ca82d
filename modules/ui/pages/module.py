"""Module reader: objectives, sections with their exercises, takeaways, reading, rating."""

import streamlit as st

from modules.i18n import fmt_date
from modules.services import answers, cohorts, journey
from modules.services.summaries import summarise
from modules.ui import state
from modules.ui.components.exercises import answer_key, exercise_fragment
from modules.ui.components.module_steps import END, first_open_step, step_buttons, steps_of
from modules.ui.components.user_text import esc
from modules.ui.state import tr

actor = state.current_actor()
svc = state.services()
lang = state.lang()

target = st.session_state.get("reader")
if target is None and st.query_params.get("c", "").isdigit() and st.query_params.get("m"):
    target = {"cohort": int(st.query_params["c"]), "module": st.query_params["m"]}  # after a reload
if target is None:
    mine = state.run(cohorts.my_cohorts, svc, actor) or []
    options = []
    for c in mine:
        for m in state.run(journey.program_for, svc, actor, c["id"]) or []:
            options.append((c["id"], m["module_id"], f"{m['title']} · {c['name']}", m["locked"], m["unlock_date"]))
    st.title(tr("module.choose"))
    if not options:
        st.info(tr("home.no_cohorts"))
        st.stop()
    for cid, mid, label, locked, unlock in options:
        if locked:
            st.button(f"{label} · {tr('home.opens', date=fmt_date(unlock, lang))}", disabled=True, key=f"l-{cid}-{mid}")
        elif st.button(label, key=f"m-{cid}-{mid}", width="stretch"):
            st.session_state["reader"] = {"cohort": cid, "module": mid}
            st.rerun()
    st.stop()

cohort_id, module_id = target["cohort"], target["module"]
st.query_params.update({"c": str(cohort_id), "m": module_id})  # a reload keeps the place
view = state.run(journey.open_module, svc, actor, cohort_id, module_id)
if view is None:
    if st.button(tr("module.back")):
        st.session_state.pop("reader", None)
        st.query_params.clear()
        st.rerun()
    st.stop()
module, read, stored = view["module"], view["read"], view["answers"]
if st.button(tr("module.all"), icon=":material/arrow_back:", type="tertiary"):
    st.session_state.pop("reader", None)
    st.query_params.clear()
    st.rerun()
meta = module.meta

# One step at a time: each section (its text and exercises), then the close (takeaways, reading,
# rating). On a phone a whole module is a long scroll, and every widget on the page is state that
# each rerun walks; a step holds only its own.
steps = steps_of(meta)
step_key = f"step:{cohort_id}:{module_id}"
if st.session_state.get(step_key) not in steps:
    st.session_state[step_key] = first_open_step(meta, read, stored, st.query_params.get("s"))
step = st.session_state[step_key]
st.query_params["s"] = step  # a reload opens the same step
sections = {s.id: s for s in module.sections(lang)}
titles = {ref.id: sections[ref.id].title for ref in meta.sections} | {END: tr("module.end")}

st.title(meta.title.get(lang))
st.caption(tr("module.minutes", min=meta.minutes))
units = len(meta.sections) + len(meta.exercises)
done = len(read) + sum(1 for a in stored.values() if a["status"] == "done")
st.progress(min(1.0, done / units), text=tr("module.progress", done=done, total=units))
st.selectbox(tr("module.step"), steps, key=step_key,
             format_func=lambda s: f"{steps.index(s) + 1}/{len(steps)} · {titles[s]}")

if step == steps[0]:
    st.markdown(meta.summary.get(lang))
    with st.container(border=True):
        st.markdown(f"**{tr('module.objectives')}**")
        st.markdown("\n".join(f"- {o.get(lang)}" for o in meta.objectives))

if step == END:
    st.header(tr("module.takeaways"))
    st.markdown("\n".join(f"- {t.get(lang)}" for t in meta.takeaways))
    st.header(tr("module.reading"))
    st.markdown("\n".join(f"- {r.get(lang)}" for r in meta.further_reading))
    st.header(tr("module.rate"))
    mine = state.run(answers.my_feedback, svc, actor, cohort_id, "module", module_id)
    with st.form("rate"):
        rating = st.radio(tr("module.relevance"), [1, 2, 3, 4, 5], horizontal=True,
                          index=(mine["rating"] - 1) if mine else None)
        comment = st.text_area(tr("module.comment"), value=mine["comment"] if mine else "", max_chars=2000)
        if st.form_submit_button(tr("module.send_rating")):
            ok, _ = state.call(answers.rate_module, svc, actor, cohort_id, module_id, rating, comment)
            if ok:
                st.success(tr("module.thanks"))
else:
    ref = next(r for r in meta.sections if r.id == step)
    section = sections[ref.id]
    st.header(section.title, anchor=ref.id)
    st.markdown(section.body)
    is_read = ref.id in read
    if st.checkbox(tr("module.mark_read"), value=is_read, key=f"read:{cohort_id}:{module_id}:{ref.id}") != is_read:
        state.run(journey.mark_read, svc, actor, cohort_id, module_id, ref.id, not is_read)
        st.rerun()
    shared = [a for a in state.run(answers.cohort_shared, svc, actor, cohort_id, module_id) or []
              if a["data"] and a["status"] == "done" and a["exercise_id"] in ref.exercises]
    for ex_id in ref.exercises:
        exercise = module.exercise(ex_id)
        st.session_state[answer_key(cohort_id, module_id, ex_id)] = stored.get(ex_id)
        exercise_fragment(actor, cohort_id, module_id, exercise)
        others = [a for a in shared if a["exercise_id"] == ex_id]
        if others:
            with st.expander(tr("module.shared", n=len(others)), icon=":material/forum:"):
                for a in others:
                    st.caption(esc(a["author"]))
                    st.text(summarise(svc.program, exercise, a["data"], lang))  # plain text, never Markdown

step_buttons(steps, step_key, titles)
