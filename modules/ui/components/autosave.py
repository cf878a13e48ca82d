"""A text area that saves while the participant types (Streamlit components v2, no iframe).

The browser sends the text after about two seconds without typing, when the field is left,
and when the page is hidden or unloaded; each send reruns the script and `on_save` stores the
draft. Text over `max_chars` is refused in the browser (the limit is shown, nothing is cut)
and again here, so a paste that is too long never disappears without a word.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import streamlit as st

from modules.i18n import fmt_number
from modules.ui import state
from modules.ui.state import tr

ASSETS = Path(__file__).resolve().parent / "assets"
_mount = st.components.v2.component(
    "medled_autosave_text",
    html=(ASSETS / "autosave.html").read_text(encoding="utf-8"),
    css=(ASSETS / "autosave.css").read_text(encoding="utf-8"),
    js=(ASSETS / "autosave.js").read_text(encoding="utf-8"),
)


def autosave_value(key: str, fallback: str = "") -> str:
    """The latest text the browser sent for `key`, else `fallback` (the stored draft)."""
    current = st.session_state.get(key)
    value = current.get("value") if isinstance(current, dict) else None
    return value if isinstance(value, str) else fallback


def _too_long(n: int) -> str:
    return tr("autosave.too_long", n=fmt_number(n, state.lang(), digits=0))


def autosave_text_area(label: str, *, key: str, value: str, on_save: Callable[[str], bool],
                       max_chars: int = 20000, height: int = 120, help: str | None = None,
                       store: str | None = None, single_line: bool = False, isolated: bool = True) -> str:
    """Render the field; returns the current text. `on_save(text)` stores a draft and says if it
    worked. `store` names the browser's unsent copy (make it unique per user and field).
    `single_line`: one row, Enter saves instead of starting a new line.

    `isolated` (the default): the field is its own fragment, so a draft save reruns only the field,
    not the exercise or page around it (nothing else shows the draft). Pass False when something
    drawn beside the field depends on its text (the planner's member list feeds its tables)."""

    # The text last stored from this field since the page drew it with `value`. The browser shows
    # "saved" once the text it sent comes back as data.value; an isolated field's reruns do not
    # see a new `value`, so they send this instead.
    saved_key = f"{key}:saved"
    st.session_state.pop(saved_key, None)  # this run's `value` is the stored text

    def confirmed() -> str:
        return st.session_state.get(saved_key, value)

    def changed() -> None:
        text = autosave_value(key, value)
        if len(text) > max_chars:
            st.session_state[f"{key}:over"] = True
            return
        st.session_state.pop(f"{key}:over", None)
        if text != confirmed() and on_save(text):
            st.session_state[saved_key] = text

    data = {
        "label": label, "value": value, "max": max_chars, "height": height, "help": help or "",
        "single": single_line, "store": store or key,
        "labels": {"saved": tr("autosave.saved"), "saving": tr("autosave.saving"),
                   "not_saved": tr("autosave.not_saved"), "too_long": _too_long(max_chars),
                   "count": tr("autosave.count")},
    }

    def draw() -> None:
        _mount(key=key, data=data | {"value": confirmed()}, on_value_change=changed)
        if st.session_state.get(f"{key}:over"):
            st.error(_too_long(max_chars))

    if isolated:
        st.fragment(draw)()
    else:
        draw()
    return autosave_value(key, value)
