"""The module reader's steps: one section at a time, then the close (takeaways, reading, rating)."""

from __future__ import annotations

import itertools

import streamlit as st

from modules.ui.state import tr

END = "_end"  # the close; never a section id (those are slugs that start with a letter or digit)

# Back to the top of the page after a step button at its foot. Scripts in st.html run when the
# element mounts; the count makes each one a new element, so the same step twice still scrolls.
_TOP = ("<script>/* {n} */for (const el of [document.querySelector('[data-testid=stMain]'),"
        "document.querySelector('[data-testid=stAppViewContainer]'),document.scrollingElement])"
        "{{if (el) el.scrollTop = 0;}}</script>")
_count = itertools.count()


def steps_of(meta) -> list[str]:
    """A module's steps: its sections' ids, then the close."""
    return [ref.id for ref in meta.sections] + [END]


def first_open_step(meta, read: set, stored: dict, wanted: str | None) -> str:
    """The step a module opens on: the one asked for (the URL after a reload), else the first
    section with something left to do (not read, or an exercise not done), else the first."""
    if wanted in steps_of(meta):
        return wanted
    for ref in meta.sections:
        if ref.id not in read or any((stored.get(e) or {}).get("status") != "done" for e in ref.exercises):
            return ref.id
    return meta.sections[0].id


def step_buttons(steps: list[str], key: str, titles: dict[str, str]) -> None:
    """Previous and next at the foot of a step; the page scrolls back to the top."""
    i = steps.index(st.session_state[key])

    def go(to: str) -> None:
        st.session_state[key] = to
        st.session_state[f"{key}:top"] = True

    with st.container(horizontal=True, horizontal_alignment="distribute"):
        if i > 0:
            st.button(tr("module.prev"), icon=":material/arrow_back:", key=f"{key}:prev",
                      on_click=go, args=(steps[i - 1],))
        if i + 1 < len(steps):
            st.button(tr("module.next", title=titles[steps[i + 1]]), icon=":material/arrow_forward:",
                      key=f"{key}:next", type="primary", on_click=go, args=(steps[i + 1],))
    if st.session_state.pop(f"{key}:top", False):
        st.html(_TOP.format(n=next(_count)), unsafe_allow_javascript=True)
