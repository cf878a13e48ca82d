"""Participant home: my cohorts, progress per module, continue, next commitment, follow-ups."""

from functools import partial

import streamlit as st

from modules.i18n import fmt_date, fmt_percent
from modules.services import answers, between, cohorts, journey
from modules.ui import state
from modules.ui.components import between_ui, contentapp_home
from modules.ui.components.live_results import latest_roles, participant_roles
from modules.ui.components.sessions_ui import sessions
from modules.ui.components.user_text import esc, plain
from modules.ui.state import tr

actor = state.current_actor()
svc = state.services()
lang = state.lang()
OUTCOMES = ("done", "partly", "not")


def open_module(cohort_id: int, module_id: str) -> None:
    st.session_state["reader"] = {"cohort": cohort_id, "module": module_id}
    st.switch_page("modules/ui/pages/module.py")


def followup_card(c: dict) -> None:
    """How did a commitment go: the outcome in one tap, then what happened (optional) and save.
    Buttons first: a form of a radio and a text area cost the home page's first draw ~0.1 s."""
    with st.container(border=True):
        st.markdown(f":material/event_available: **{tr('home.followup_title')}**")
        plain(c["what"])
        st.caption(tr("home.was_due", date=fmt_date(c["due_date"], lang)))
        key = f"followup-{c['id']}"
        chosen = st.session_state.get(key)
        if chosen not in OUTCOMES:
            with st.container(horizontal=True):
                for v in OUTCOMES:
                    st.button(tr(f"outcome.{v}"), key=f"{key}:{v}", on_click=st.session_state.__setitem__,
                              args=(key, v))
            return
        with st.form(f"{key}:form", border=False):
            st.markdown(tr("home.followup_outcome", outcome=tr(f"outcome.{chosen}")))
            text = st.text_area(tr("home.followup_text"), max_chars=5000)
            if st.form_submit_button(tr("home.followup_save"), type="primary"):
                ok, _ = state.call(answers.follow_up, svc, actor, c["id"], chosen, text)
                if ok:
                    st.session_state.pop(key, None)
                    st.rerun()
        st.button(tr("home.followup_change"), key=f"{key}:change", type="tertiary",
                  on_click=st.session_state.pop, args=(key, None))


# Everything the page shows is read first, then drawn in one go: the browser redraws the page as
# elements arrive (those that arrive together in one pass), so elements spread over the time of
# ~15 database reads cost it extra passes over a growing page (bench/first_page_bench.py).
info = state.run(journey.home, svc, actor) or {}
mine = state.run(cohorts.my_cohorts, svc, actor) or []
# What is due (commitment follow-ups, recall rounds, the practice follow-up): one card at a time.
due = contentapp_home.due_cards(actor, before=[partial(followup_card, c) for c in info.get("due_followups", [])])
resume = info.get("resume")
resume_module = svc.program.module(resume["module_id"]) if resume else None
# Per cohort: its next session with the commitments to follow up before it, the modules, the roles.
before = {c["id"]: state.run(between.before_next_session, svc, actor, c["id"]) for c in mine}
program = {c["id"]: state.run(journey.program_for, svc, actor, c["id"]) or [] for c in mine}
roles = {c["id"]: latest_roles(actor, c) for c in mine}

st.title(tr("home.title", name=esc(actor.name)))
contentapp_home.render(due)
if resume_module and st.button(tr("home.continue", title=resume_module.meta.title.get(lang)), type="primary",
                               icon=":material/play_arrow:"):
    open_module(resume["cohort_id"], resume["module_id"])
listed = {c["id"] for b in before.values() if b for c in b["commitments"]}
if info.get("next_commitment") and info["next_commitment"]["id"] not in listed:  # else it is in that card
    c = info["next_commitment"]
    st.markdown(f"**{tr('home.next_commitment', date=fmt_date(c['due_date'], lang))}**")
    plain(c["what"])

if not mine:
    st.info(tr("home.no_cohorts"))
else:
    contentapp_home.manager_guide(actor)
for cohort in mine:
    st.subheader(esc(cohort["name"]))
    modules = program[cohort["id"]]
    done = sum(1 for m in modules if m["share"] >= 1)
    st.caption(tr("home.overall", done=done, total=len(modules)))
    between_ui.before_next(actor, cohort, open_module, before[cohort["id"]])
    sessions(actor, cohort)
    participant_roles(actor, roles[cohort["id"]])
    # The modules to work on now (open, not finished), a button each with how far along it is;
    # the finished and the locked ones a line each. What each module is about is on its own
    # page: eight summaries here made a wall of text and cost the first page in the browser.
    finished = [m for m in modules if m["share"] >= 1]
    locked = [m for m in modules if m["locked"] and m["share"] < 1]
    to_do = [m for m in modules if not m["locked"] and m["share"] < 1]
    if to_do:
        st.markdown(f"**{tr('home.to_work_on')}**")
    for m in to_do:
        progress = tr("home.module_progress", pct=fmt_percent(m["share"], lang, digits=0), min=m["minutes"])
        if st.button(f"**{m['title']}** · {progress}", key=f"open-{cohort['id']}-{m['module_id']}",
                     icon=":material/menu_book:", type="tertiary"):
            open_module(cohort["id"], m["module_id"])
    if finished:
        st.caption(tr("home.finished", titles=" · ".join(m["title"] for m in finished)))
    if locked:
        st.caption(tr("home.later", titles=" · ".join(
            tr("home.opens_on", title=m["title"], date=fmt_date(m["unlock_date"], lang)) for m in locked)))
