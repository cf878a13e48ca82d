"""Projector view (facilitators): the join page, or the live activity's results, updating live."""

import html
from urllib.parse import urlencode

import streamlit as st

from modules.services import cohorts, live
from modules.ui import state
from modules.ui.components import projector_view
from modules.ui.components.join_box import join_address
from modules.ui.components.widgets import choose_cohort
from modules.ui.state import tr

st.set_page_config(layout="wide")
actor = state.current_actor()
svc = state.services()
projector_view.style()

mine = state.run(cohorts.list_cohorts, svc, actor) or []
wanted = st.query_params.get("c", "")
if wanted.isdigit() and any(c["id"] == int(wanted) for c in mine):
    st.session_state["selected_cohort"] = int(wanted)
with st.expander(tr("live.projector.controls"), icon=":material/tune:"):
    cohort = choose_cohort(mine, key="projector_cohort")
    mode = st.segmented_control(tr("live.projector.show"), ["activity", "join"], default="activity",
                                format_func=lambda v: tr(f"live.projector.mode_{v}"), key="projector_mode")
if cohort is None:
    st.stop()
st.query_params["c"] = str(cohort["id"])


def _address(code: str) -> str:
    """The join address (MEDLED_PUBLIC_URL, else this browser's origin) with the code filled in."""
    base = join_address() or "/join"
    return f"{base}?{urlencode({'code': code})}"


def _controls(res: dict) -> None:
    """Callbacks change the activity before the board reruns, so it shows the new state at once."""
    c1, c2, c3 = st.columns(3)
    if res["status"] == "open":
        visible = res["results_visible"]
        c1.button(tr("live.hide") if visible else tr("live.reveal"), key="pj-vis",
                  icon=":material/visibility_off:" if visible else ":material/visibility:",
                  on_click=state.run, args=(live.set_results_visible, svc, actor, res["id"], not visible))
        c2.button(tr("live.close"), key="pj-close", icon=":material/stop_circle:",
                  on_click=state.run, args=(live.close_activity, svc, actor, res["id"]))
    c3.button(tr("live.next"), key="pj-next", icon=":material/skip_next:",
              on_click=state.run, args=(live.next_activity, svc, actor, cohort["id"]))


@st.fragment(run_every=svc.settings.live_poll_seconds)
def board() -> None:
    if mode == "join":
        projector_view.join_view(cohort["join_code"], _address(cohort["join_code"]))
        return
    res = state.run(live.current_for_cohort, svc, actor, cohort["id"])
    if not res:
        st.html(f'<div class="pj-hidden">{html.escape(tr("live.projector.nothing"))}</div>')
        return
    projector_view.activity_view(res)
    _controls(res)


board()
