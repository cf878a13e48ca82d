"""Small shared widgets."""

from __future__ import annotations

import html

import streamlit as st

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


def plain(text: str | None) -> None:
    """User-written text: shown as plain text, never as Markdown or HTML."""
    st.text(text or "")


def choose_cohort(cohorts: list[dict], key: str = "cohort") -> dict | None:
    if not cohorts:
        st.info(tr("cohorts.none"))
        return None
    ids = [c["id"] for c in cohorts]
    default = st.session_state.get("selected_cohort")
    index = ids.index(default) if default in ids else 0
    chosen = st.selectbox(tr("cohorts.choose"), ids, index=index, key=key,
                          format_func=lambda i: next(f"{c['name']} ({c['organisation']})" for c in cohorts if c["id"] == i))
    st.session_state["selected_cohort"] = chosen
    return next(c for c in cohorts if c["id"] == chosen)
