"""Small shared widgets."""

from __future__ import annotations

import html

import streamlit as st

from modules.ui.components.user_text import esc
from modules.ui.state import tr


def big_code(code: str, caption: str) -> None:
    """A join code large enough to read from the back of a room (on a projector)."""
    spaced = html.escape(code[:4] + " " + code[4:])
    st.html(
        f'<div style="text-align:center;padding:0.5rem 0">'
        f'<div style="font-size:1rem;opacity:.7">{html.escape(caption)}</div>'
        f'<div style="font-family:monospace;font-size:clamp(2.5rem,9vw,6rem);font-weight:700;'
        f'letter-spacing:.15em">{spaced}</div></div>'
    )


def _switched(key: str) -> None:
    st.session_state["selected_cohort"] = st.session_state[key]
    st.session_state[f"{key}-open"] = False  # the choice is made: fold the box again


def choose_cohort(cohorts: list[dict], key: str = "cohort") -> dict | None:
    """The cohort a staff page is about: the last one chosen on any page, else the first.

    The chosen cohort is a folded box's title; the list to switch to another is drawn only when
    the box is opened. Drawn on every staff page's first load, an open select box cost the
    cohorts page ~0.1 x a trivial page in the browser (bench/first_page_bench.py)."""
    if not cohorts:
        st.info(tr("cohorts.none"))
        return None
    by_id = {c["id"]: c for c in cohorts}
    chosen = st.session_state.get("selected_cohort")
    if chosen not in by_id:
        chosen = cohorts[0]["id"]
    st.session_state["selected_cohort"] = chosen

    def name(cohort_id: int) -> str:
        return f"{by_id[cohort_id]['name']} ({by_id[cohort_id]['organisation']})"

    title = tr("cohorts.chosen", name=esc(name(chosen)))
    if len(cohorts) == 1:
        st.markdown(title)
        return by_id[chosen]
    box = st.expander(title, icon=":material/swap_horiz:", key=f"{key}-open", on_change="rerun")
    if box.open:
        with box:
            st.selectbox(tr("cohorts.switch"), list(by_id), index=list(by_id).index(chosen), key=key,
                         format_func=name, on_change=_switched, args=(key,))
    return by_id[chosen]
