"""Admin: the program's modules, their validation result, and reloading after edits."""

import streamlit as st

from modules.curriculum.loader import counts
from modules.services.permissions import require_admin
from modules.ui import state
from modules.ui.state import tr

actor = state.current_actor()
svc = state.services()
lang = state.lang()
if state.call(require_admin, actor)[0]:
    st.title(tr("content.title"))
    st.caption(tr("content.folder", path=svc.settings.content_dir))
    if st.button(tr("content.reload"), icon=":material/refresh:", type="primary"):
        state.reload_content(svc)
        st.toast(tr("content.reloaded"))
    result = svc.program
    if result.problems:
        st.error(tr("content.problems", n=len(result.problems)))
        st.code("\n".join(str(p) for p in result.problems), language=None)
    else:
        st.success(tr("content.ok", n=len(result.modules)))
    figures = counts(result)
    st.dataframe(
        [{tr("content.col.order"): m.meta.order, tr("content.col.module"): m.meta.title.get(lang),
          tr("content.col.id"): m.id, tr("content.col.words"): figures[m.id][lang]["words"],
          tr("content.col.sections"): figures[m.id][lang]["sections"],
          tr("content.col.exercises"): figures[m.id][lang]["exercises"]} for m in result.modules],
        hide_index=True, width="stretch")
