"""AppTest and the autosave text area (a components-v2 element).

AppTest shows a v2 component as an UnknownElement without `input()`. What the browser does
when the participant pauses typing is send the component's state `{"value": text}` as a JSON
widget value; `type_text` sends exactly that and reruns the script, as the browser would.
"""

from __future__ import annotations

import json

from streamlit.proto.WidgetStates_pb2 import WidgetState
from streamlit.testing.v1 import AppTest


def autosave_box(at: AppTest, key: str):
    found = [e for e in at.get("bidi_component") if e.key == key]
    assert found, f"no autosave text area with key {key!r}"
    return found[0]


def autosave_shown(at: AppTest, key: str) -> str:
    """The text the page sent to the browser for this field (what a reload shows)."""
    return json.loads(autosave_box(at, key).proto.json)["value"]


def type_text(at: AppTest, key: str, text: str) -> AppTest:
    states = at._tree.get_widget_states()
    states.widgets.append(WidgetState(id=autosave_box(at, key).proto.id, json_value=json.dumps({"value": text})))
    return at._run(states)
