"""Parts of the My data page: table rows per group, and the account deletion form."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from modules.i18n import fmt_datetime
from modules.services import mydata
from modules.ui import state
from modules.ui.state import tr

HIDDEN = {"data", "who"}  # raw answer data is in the downloads; the page shows the readable text


def _show(value, lang: str):
    if isinstance(value, dt.datetime):
        return fmt_datetime(value, lang, "short")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def rows(group: str, items: list[dict], lang: str) -> list[dict]:
    """Dataframe rows (cells are plain text, never Markdown) with a translated who-can-see column."""
    out = []
    for item in items:
        row = {}
        for key, value in item.items():
            if key in HIDDEN:
                continue
            if group == "account" and key == "field":
                value = tr(f"privacy.field.{value}")
            row[key] = _show(value, lang)
        row[tr("privacy.col.who")] = tr(item["who"])
        out.append(row)
    return out


def delete_account(actor) -> None:
    st.subheader(tr("privacy.delete_title"))
    st.warning(tr("privacy.delete_explain"))
    with st.form("delete_account", clear_on_submit=True):
        password = st.text_input(tr("privacy.delete_password"), type="password", max_chars=200)
        sure = st.checkbox(tr("privacy.delete_confirm"))
        go = st.form_submit_button(tr("privacy.delete_button"), type="primary")
    if not go:
        return
    if not sure:
        st.error(tr("privacy.delete_need_confirm"))
        return
    ok, _ = state.call(mydata.delete_my_account, state.services(), actor, password)
    if ok:
        state.set_actor(None)
        st.session_state["flash"] = "privacy.deleted"
        st.session_state["clear_cookie"] = "logged_out"
        st.rerun()
