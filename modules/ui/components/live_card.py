"""The open live activity, at the top of every participant page, answered in one or two taps.

It is its own fragment with run_every: every few seconds only this card reruns (one small
query), never the page under it. The participant sees their own answer and may change it
until the facilitator closes the activity; nobody else's answer is ever shown here.
"""

from __future__ import annotations

import streamlit as st

from modules.services import live
from modules.ui import state
from modules.ui.state import tr

SCALE_STEPS = {"scale": [1, 2, 3, 4, 5], "fist": [0, 1, 2, 3, 4, 5]}


def kind_label(kind: str) -> str:
    return tr(f"live.kind.{kind}")


def _send(actor, activity_id: int, value) -> None:
    """Button/form callback: save the answer before the card reruns."""
    state.call(live.answer, state.services(), actor, activity_id, value)


def _taps(actor, a: dict, choices: list, labels: list[str]) -> None:
    cols = st.columns(len(choices))
    for col, value, label in zip(cols, choices, labels, strict=True):
        col.button(label, key=f"live:{a['id']}:{value}", width="stretch",
                   type="primary" if a["mine"] == str(value) else "secondary",
                   on_click=_send, args=(actor, a["id"], value))


def _text(actor, a: dict) -> None:
    with st.form(f"live-form:{a['id']}", clear_on_submit=False, border=False):
        text = st.text_input(tr("live.card.your_word") if a["kind"] == "checkin" else tr("live.card.your_answer"),
                             value=a["mine"] or "", max_chars=live.ANSWER_MAX, key=f"live:{a['id']}:text")
        if st.form_submit_button(tr("live.card.send"), type="primary", key=f"live:{a['id']}:send"):
            _send(actor, a["id"], text)


def render(actor) -> None:
    a = state.run(live.current_for_participant, state.services(), actor)
    if not a:
        return
    with st.container(border=True, key="live-card"):
        st.markdown(f":material/campaign: **{tr('live.card.title')}** · {kind_label(a['kind'])}")
        st.text(a["question"])  # facilitator-written: plain text
        if a["kind"] == "poll":
            _taps(actor, a, a["options"], a["options"])
        elif a["kind"] in SCALE_STEPS:
            steps = SCALE_STEPS[a["kind"]]
            _taps(actor, a, steps, [str(s) for s in steps])
            if a["kind"] == "fist":
                st.caption(tr("live.card.fist_help"))
        else:
            _text(actor, a)
        if a["mine"] is not None:
            st.caption(tr("live.card.answered"))
            st.text(a["mine"])  # the participant's own answer, as plain text


def live_card(actor) -> None:
    """Call from the router for participants; the card polls on its own."""
    st.fragment(render, run_every=state.services().settings.live_poll_seconds)(actor)
