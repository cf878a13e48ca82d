"""The component presenter fix behaves as Streamlit's own presenter, case by case."""

from __future__ import annotations

import copy
import json

import pytest
import streamlit
from streamlit.components.v2 import presentation as upstream
from streamlit.runtime.state.common import WidgetMetadata
from streamlit.runtime.state.session_state import SessionState

from modules.ui import streamlit_fixes as fixes

AGG, CID = "agg-1", "cid-1"


def _state(payloads) -> SessionState:
    ss = SessionState()
    if payloads is not ...:
        ss._new_widget_state.set_widget_metadata(
            WidgetMetadata(id=AGG, deserializer=lambda v: v, serializer=lambda v: v, value_type="json_trigger_value"))
        if payloads is not None:
            ss._new_widget_state.set_from_value(AGG, payloads)
    return ss


CASES = [
    ({"value": "a"}, ...),  # no trigger widget: the stored state as it is
    ({"value": "a"}, None),  # trigger widget without a value
    ({"value": "a"}, [{"event": "saved", "value": "x"}, {"event": "blur", "value": 1}, "junk", {"value": 2}]),
    ({"saved": "stored wins"}, {"event": "saved", "value": "trigger"}),
    ("not a dict", [{"event": "saved", "value": "x"}]),
    ({}, 17),
]


@pytest.mark.parametrize(("base", "payloads"), CASES)
def test_the_presented_value_is_the_same(base, payloads):
    ours = fixes.make_bidi_component_presenter(AGG, CID, {"value"})(base, _state(payloads))
    theirs = upstream.make_bidi_component_presenter(AGG, CID, {"value"})(base, _state(payloads))
    assert ours == theirs
    assert type(ours).__name__ == type(theirs).__name__  # the stored value itself, or a write-through view
    if type(theirs).__name__ == "_WriteThrough":
        assert json.dumps(ours, sort_keys=True) == json.dumps(theirs, sort_keys=True)
        assert copy.deepcopy(ours) is ours  # a view on the state is never copied


def _both(allowed=None):
    out = []
    for make in (fixes.make_bidi_component_presenter, upstream.make_bidi_component_presenter):
        ss = _state([{"event": "saved", "value": "x"}])
        out.append((ss, make(AGG, CID, allowed)({"value": "a"}, ss)))
    return out


def test_assignment_writes_through_to_the_widget_state_as_upstream():
    for ss, view in _both():
        view["value"] = "b"
        view.other = 3
        assert ss._new_widget_state[CID] == {"saved": "x", "value": "b", "other": 3}
        assert view.value == "b" and view.missing is None
        del view["other"]
        assert ss._new_widget_state[CID] == {"saved": "x", "value": "b"}


def test_keys_without_a_callback_are_dropped_silently_as_upstream():
    for ss, view in _both(allowed={"value"}):
        view["other"] = 1
        assert "other" not in view
        assert CID not in ss._new_widget_state.states


def test_installed_only_on_the_version_it_was_written_for(monkeypatch):
    from streamlit.components.v2.bidi_component import main as bidi_main

    monkeypatch.setattr(fixes, "_installed", False)
    monkeypatch.setattr(bidi_main, "make_bidi_component_presenter", upstream.make_bidi_component_presenter)
    monkeypatch.setattr(streamlit, "__version__", "0.0.1")
    assert fixes.install() is False
    assert bidi_main.make_bidi_component_presenter is upstream.make_bidi_component_presenter
    monkeypatch.setattr(streamlit, "__version__", fixes.FOR_VERSION)
    assert fixes.install() is True
    assert bidi_main.make_bidi_component_presenter is fixes.make_bidi_component_presenter


def test_the_pinned_streamlit_is_the_one_the_fix_was_written_for():
    # When requirements.txt moves Streamlit on, recheck the upstream presenter (and remove this
    # fix if upstream no longer defines a class per call), then move FOR_VERSION with it.
    assert streamlit.__version__ == fixes.FOR_VERSION
