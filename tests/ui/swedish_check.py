"""Finds English that Streamlit would show in a Swedish page, and catalog keys shown as themselves.

Streamlit's own English lives in its front end, not in the element tree AppTest sees, so the
check looks for the conditions that make the front end write it: a multiselect without a
placeholder shows "Choose options", a selectbox without a value "Choose an option", an empty one
"No options to select"; a text field shows "Press Enter to apply" unless the locale style sheet
hides the hint; a grid shows "None" for a column without a type; a date picker without
format="YYYY-MM-DD" shows Streamlit's default.
"""

from __future__ import annotations

import re

from streamlit.testing.v1 import AppTest

from modules.i18n import catalog
from modules.ui.components.locale_css import MARKER

ENGLISH = ("Choose an option", "Choose options", "No options to select", "Press Enter", "Ctrl+Enter", "No results",
           "Drag and drop", "Browse files", "per file", "Select all", "Add an option")
_KEYISH = re.compile(r"\b[a-z][a-z_0-9]*(?:\.[a-z0-9_]+)+\b")


def _walk(node):
    for child in getattr(node, "children", {}).values():
        yield child
        yield from _walk(child)


def _strings(message) -> list[str]:
    out = []
    for _field, value in message.ListFields():
        values = value if isinstance(value, (list, tuple)) or type(value).__name__.startswith("Repeated") else [value]
        for v in values:
            if isinstance(v, str):
                out.append(v)
            elif hasattr(v, "ListFields"):
                out += _strings(v)
    return out


def problems(at: AppTest) -> list[str]:
    found, keys = [], set(catalog("sv"))
    nodes = list(_walk(at._tree))
    styled = any(MARKER in s for n in nodes if getattr(n, "proto", None) is not None for s in _strings(n.proto))
    for node in nodes:
        proto, kind = getattr(node, "proto", None), getattr(node, "type", "")
        if proto is None or not hasattr(proto, "ListFields"):
            continue
        texts = _strings(proto)
        for text in texts:
            found += [f"{kind}: English {e!r} in {text[:80]!r}" for e in ENGLISH if e in text]
            found += [f"{kind}: catalog key shown as itself: {k}" for k in _KEYISH.findall(text) if k in keys]
        label = getattr(proto, "label", "")
        if kind == "multiselect" and not proto.placeholder:
            found.append(f"multiselect {label!r} without placeholder (shows 'Choose options')")
        if kind == "selectbox" and not proto.placeholder and (not proto.options or not proto.HasField("default")):
            found.append(f"selectbox {label!r} without placeholder (shows 'Choose an option')")
        if kind in ("text_input", "text_area", "number_input", "file_uploader") and not styled:
            found.append(f"{kind} {label!r} without the locale style sheet (shows English hints)")
        if kind == "date_input" and proto.format != "YYYY-MM-DD":
            found.append(f"date_input {label!r} with format {proto.format!r}")
        if kind in ("dataframe", "data_editor") or type(node).__name__ == "Dataframe":
            found += _grid_problems(node)
    return found


def _grid_problems(node) -> list[str]:
    try:
        df = node.value
    except Exception:  # noqa: BLE001 - a grid AppTest cannot decode is not this check's concern
        return []
    out = []
    for column in df.columns:
        series = df[column]
        if str(column) in ("None", "nan"):
            out.append(f"grid column named {column!r}")
        if len(series) and series.isna().all() and series.dtype == object:
            out.append(f"grid column {column!r} has no type and shows 'None'")
        if series.dtype == object and series.map(lambda v: isinstance(v, str) and v in ("None", "nan", "NaT")).any():
            out.append(f"grid column {column!r} shows 'None'/'nan' as text")
    return out
