"""Home page cards: recall rounds that are due, the practice follow-up, the manager guide."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial

import streamlit as st

from modules.curriculum.order import shuffled
from modules.services import practice_followup, retrieval
from modules.ui import state
from modules.ui.state import tr

RESULT = "contentapp_recall_result"
GUIDE_URL = "/guide/manager-{lang}.html"  # modules/ui/http_routes.py serves it


def due_cards(actor, before: Sequence[Callable[[], None]] = ()) -> list[Callable[[], None]]:
    """What is due, in order: `before` (the home page's own cards), then recall rounds, then the
    practice follow-up. Only reads: the page asks first and draws after (see pages/home.py)."""
    svc, lang = state.services(), state.lang()
    cards = list(before)
    cards += [partial(_recall_card, actor, svc, lang, row) for row in state.run(retrieval.my_due_recall, svc, actor) or []]
    cards += [partial(_followup_card, actor, svc, lang, row)
              for row in state.run(practice_followup.my_due_followups, svc, actor) or []]
    return cards


def render(cards: Sequence[Callable[[], None]]) -> None:
    """One card at a time (due_cards' answer); the others are counted under the card and come
    next. The result of a round just answered is shown once, above."""
    shown = st.session_state.pop(RESULT, None)
    if shown:
        _result(state.services(), state.lang(), shown)
    if cards:
        cards[0]()
        if len(cards) > 1:
            st.caption(tr("home.more_due", n=len(cards) - 1))


def _recall_card(actor, svc, lang: str, row: dict) -> None:
    questions = svc.program.module(row["module_id"]).meta.recall
    where = f"{row['cohort_id']}-{row['module_id']}-{row['round']}"
    with st.container(border=True, key=f"recall-card-{where}"):
        st.markdown(f":material/psychology: **{tr('contentapp.recall.title', title=row['title'])}**")
        st.caption(f"{tr('contentapp.recall.round', round=row['round'])} · {tr('contentapp.recall.intro')}")
        with st.form(f"recall-{where}"):
            picks = {}
            for q in questions:
                options = shuffled(q.options, actor.id, row["module_id"], "recall", q.id)
                labels = {o.id: o.text.get(lang) for o in options}
                picks[q.id] = st.radio(q.text.get(lang), list(labels), index=None, key=f"recall-{where}-{q.id}",
                                       format_func=labels.get)
            st.caption(tr("contentapp.recall.private"))
            if st.form_submit_button(tr("contentapp.recall.submit"), type="primary"):
                ok, result = state.call(retrieval.answer_recall, svc, actor, row["cohort_id"], row["module_id"],
                                        row["round"], {k: v for k, v in picks.items() if v})
                if ok:
                    st.session_state[RESULT] = result | {"module_id": row["module_id"], "title": row["title"]}
                    st.rerun()


def _result(svc, lang: str, result: dict) -> None:
    questions = svc.program.module(result["module_id"]).meta.recall
    st.success(tr("contentapp.recall.score", title=result["title"], correct=result["correct"], total=result["total"]))
    for q in questions:
        chosen = next((o for o in q.options if o.id == result["answers"].get(q.id)), None)
        mark = ":material/check_circle:" if chosen is not None and chosen.id == q.correct else ":material/cancel:"
        st.markdown(f"{mark} {q.text.get(lang)}")
        st.caption(f"{tr('contentapp.recall.your_answer')}: {chosen.text.get(lang) if chosen else '–'}")
        st.info(q.explanation.get(lang))


def _followup_card(actor, svc, lang: str, row: dict) -> None:
    spec = svc.program.extras.followup
    with st.container(border=True, key=f"followup-card-{row['cohort_id']}"):
        st.markdown(f":material/trending_up: **{spec.title.get(lang)}**")
        st.caption(tr("contentapp.followup.cohort", cohort=row["cohort"]))
        st.markdown(spec.intro.get(lang))
        labels = {s.value: s.label.get(lang) for s in spec.scale}
        with st.form(f"practice-followup-{row['cohort_id']}"):
            values = {item.id: st.radio(item.text.get(lang), list(labels), index=None, horizontal=True,
                                        format_func=labels.get, key=f"followup-{row['cohort_id']}-{item.id}")
                      for item in spec.items}
            if st.form_submit_button(tr("contentapp.followup.submit"), type="primary"):
                ok, _ = state.call(practice_followup.save_followup, svc, actor, row["cohort_id"],
                                   {k: v for k, v in values.items() if v is not None})
                if ok:
                    st.toast(tr("contentapp.followup.thanks"))
                    st.rerun()


def manager_guide(actor) -> None:
    """The link to the one-page guide for the participant's manager (served by an HTTP route,
    made when followed, for a logged-in user: see modules/ui/http_routes.py)."""
    svc, lang = state.services(), state.lang()
    if not svc.program.extras.manager_guide.get(lang):
        return
    st.markdown(f":material/handshake: **{tr('contentapp.guide.title')}:** {tr('contentapp.guide.help')} "
                f"[:material/download: {tr('contentapp.guide.download')}]({GUIDE_URL.format(lang=lang)})")
