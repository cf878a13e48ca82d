"""The cohort wall: shared reflections of a module, replies, withdrawing and hiding."""

from __future__ import annotations

import streamlit as st

from modules.i18n import fmt_datetime
from modules.services import wall
from modules.ui import state
from modules.ui.components.user_text import esc, plain
from modules.ui.state import tr


def render(actor, cohort: dict, staff: bool) -> None:
    svc, lang = state.services(), state.lang()
    module = st.selectbox(tr("groups.module"), svc.program.modules, format_func=lambda m: m.meta.title.get(lang),
                          key=f"wall-module-{cohort['id']}")
    if module is None:
        return
    posts = state.run(wall.wall, svc, actor, cohort["id"], module.id)
    if posts is None:
        return
    if not posts:
        st.info(tr("wall.empty"))
    for p in posts:
        with st.container(border=True):
            exercise = module.exercise(p["exercise_id"])
            st.caption(f"{esc(p['author'])} · {exercise.title.get(lang) if exercise else ''} · "
                       f"{fmt_datetime(p['at'], lang, 'short')}")
            if p["hidden"]:
                st.warning(tr("wall.post_hidden"), icon=":material/visibility_off:")
            plain(p["text"])
            _replies(actor, p, staff)
            _actions(actor, p, staff)


def _replies(actor, post: dict, staff: bool) -> None:
    svc, lang = state.services(), state.lang()
    for r in post["replies"]:
        c1, c2 = st.columns([6, 1])
        c1.caption(f"{esc(r['author'])} · {fmt_datetime(r['at'], lang, 'short')}"
                   + (f" · {tr('wall.reply_hidden')}" if r["hidden"] else ""))
        with c1:
            plain(r["text"])
        if staff and c2.button(tr("wall.unhide" if r["hidden"] else "wall.hide"), key=f"hide-r-{r['id']}"):
            if state.call(wall.set_reply_hidden, svc, actor, r["id"], not r["hidden"])[0]:
                st.rerun()
        elif r["mine"] and not staff and c2.button(tr("wall.delete_reply"), key=f"del-r-{r['id']}"):
            if state.call(wall.delete_reply, svc, actor, r["id"])[0]:
                st.rerun()
    if not post["hidden"] or staff:
        with st.form(f"reply-{post['id']}", clear_on_submit=True):
            text = st.text_input(tr("wall.reply"), max_chars=wall.REPLY_MAX)
            if st.form_submit_button(tr("wall.send")):
                if state.call(wall.reply, svc, actor, post["id"], text)[0]:
                    st.rerun()


def _actions(actor, post: dict, staff: bool) -> None:
    svc = state.services()
    if post["mine"] and st.button(tr("wall.withdraw"), key=f"withdraw-{post['id']}", help=tr("wall.withdraw_help")):
        if state.call(wall.withdraw, svc, actor, post["id"])[0]:
            st.rerun()
    if staff and st.button(tr("wall.unhide" if post["hidden"] else "wall.hide"), key=f"hide-p-{post['id']}"):
        if state.call(wall.set_post_hidden, svc, actor, post["id"], not post["hidden"])[0]:
            st.rerun()
