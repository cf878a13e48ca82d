"""A measured fix for one cost inside Streamlit 1.67, installed once per server process.

Every component v2 widget (Medled's autosave text area) has a *presenter* that shapes its value
in `st.session_state`. Streamlit's presenter defines a new `dict` subclass each time it is
called, and it is called for every component on every script run (`SessionState._compact_state`
reads each widget's value) and again on every `st.radio` (`filtered_state`). Creating a class
costs tens of microseconds; with a module page's components that was a fifth of the server's
GIL time during `make load`'s draft-save stress (py-spy --gil, see BENCHMARKS.md).

The replacement below behaves the same — the same merged view (trigger payloads first, then the
stored state), the same write-through on item and attribute assignment, the same refusal to
modify a component's state after it has been drawn in this run, the same silent drop of keys
without a callback — but its class is defined once. `tests/unit/test_streamlit_fixes.py`
checks it against Streamlit's own presenter. It is installed only on the Streamlit version it
was written for; on any other version Streamlit's own presenter stays (slower, never wrong).
"""

from __future__ import annotations

import logging
from typing import Any

import streamlit
from streamlit.errors import StreamlitAPIException
from streamlit.runtime.scriptrunner import get_script_run_ctx

_LOG = logging.getLogger(__name__)
FOR_VERSION = "1.67.0"


class _WriteThrough(dict):
    """The presented value of one component's state; assignments go back to the session state."""

    def __init__(self, data: dict, session_state, component_id: str | None, allowed: set[str] | None) -> None:
        super().__init__(data)
        object.__setattr__(self, "_ss", session_state)
        object.__setattr__(self, "_component_id", component_id)
        object.__setattr__(self, "_allowed", allowed)

    def __getattr__(self, name: str) -> object:
        return self.get(name)

    def __setattr__(self, name: str, value: object) -> None:
        if name.startswith("_"):
            object.__setattr__(self, name, value)
        else:
            self[name] = value

    def __deepcopy__(self, memo: dict[int, Any]) -> _WriteThrough:
        memo[id(self)] = self  # a proxy to the real state: never copied
        return self

    def _check_modification(self, k: str) -> None:
        ctx = get_script_run_ctx()
        cid = self._component_id
        if ctx is not None and cid is not None:
            user_key = self._ss._key_id_mapper.get_key_from_id(cid)
            if cid in ctx.shared.widget_ids_this_run or user_key in ctx.shared.form_ids_this_run:
                raise StreamlitAPIException(
                    f"`st.session_state.{user_key}.{k}` cannot be modified after the component"
                    f" with key `{user_key}` is instantiated.",
                    error_id="bidi-component-state-cannot-be-modified",
                )

    def _persist(self) -> None:
        try:
            if self._component_id is not None:
                self._ss._new_widget_state.set_from_value(self._component_id, dict(self))
        except Exception as exc:  # noqa: BLE001 - as Streamlit: a failed write-back is logged, not raised
            _LOG.debug("Failed to persist component state: %s", exc)

    def __setitem__(self, k: str, v: object) -> None:
        self._check_modification(k)
        if self._allowed is not None and k not in self._allowed:
            return
        super().__setitem__(k, v)
        self._persist()

    def __delitem__(self, k: str) -> None:
        self._check_modification(k)
        super().__delitem__(k)
        self._persist()


def _trigger_values(session_state, aggregator_id: str) -> dict | None:
    """The latest value per event from the component's trigger widget; None when it has none."""
    meta = session_state._new_widget_state.widget_metadata.get(aggregator_id)
    if meta is None or meta.value_type != "json_trigger_value":
        return None
    try:
        payloads = session_state._new_widget_state[aggregator_id]
    except KeyError:
        payloads = None
    if isinstance(payloads, dict):
        payloads = [payloads]
    out: dict = {}
    for p in payloads if isinstance(payloads, list) else ():
        if isinstance(p, dict) and isinstance(p.get("event"), str):
            out[p["event"]] = p.get("value")
    return out


def make_bidi_component_presenter(aggregator_id: str, component_id: str | None = None,
                                  allowed_state_keys: set[str] | None = None):
    """Same signature and behaviour as streamlit.components.v2.presentation's."""

    def present(base_value: object, session_state) -> object:
        if not isinstance(base_value, dict):
            return base_value
        try:
            flat = _trigger_values(session_state, aggregator_id)
            if flat is None:
                return base_value
            flat.update(base_value)
            return _WriteThrough(flat, session_state, component_id, allowed_state_keys)
        except Exception as exc:  # noqa: BLE001 - as Streamlit: fall back to the stored value
            _LOG.debug("Failed to merge trigger events into component state: %s", exc)
            return base_value

    return present


_installed = False


def install() -> bool:
    """Puts the presenter in place for components created from now on. True if installed."""
    global _installed
    if _installed:
        return True
    if streamlit.__version__ != FOR_VERSION:
        _LOG.warning("Streamlit %s: the presenter fix is for %s and is not installed", streamlit.__version__,
                     FOR_VERSION)
        return False
    from streamlit.components.v2.bidi_component import main as bidi_main

    bidi_main.make_bidi_component_presenter = make_bidi_component_presenter
    _installed = True
    return True
