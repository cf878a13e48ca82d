"""Joining with a code: the code form (on the landing page and the join page) and the
address participants open, shown beside the code on the projector."""

from __future__ import annotations

import html
from urllib.parse import urlsplit

import streamlit as st

from modules.services import cohorts
from modules.ui import state
from modules.ui.state import tr

JOIN_PAGE = "modules/ui/pages/join.py"


def join_code_form(form_key: str = "join_code") -> None:
    """Ask for the cohort code; a valid code goes on to the join page's account form."""
    with st.form(form_key):
        # the projector's QR code opens /join?code=…: the code is filled in, the person only confirms
        given = str(st.query_params.get("code", ""))[:12]
        code = st.text_input(tr("join.code"), value=given, max_chars=12, placeholder="ABCD2345",
                             key=f"{form_key}:code")
        st.caption(tr("auth.join_code_help"))
        submitted = st.form_submit_button(tr("join.check"), type="primary")
    if submitted:
        cohort = state.run(cohorts.check_join_code, state.services(), code, state.client_id())
        if cohort:
            st.session_state["join_cohort"] = cohort | {"code": code}
            if form_key == "join_code":
                st.rerun()
            st.switch_page(JOIN_PAGE)


def public_base(configured: str, browser_url: str | None) -> str | None:
    """The address to tell participants: the configured public URL, else the origin the
    facilitator's browser uses (what the projector shows is what the room can open)."""
    if configured.strip():
        return configured.strip().rstrip("/")
    if not browser_url:
        return None
    parts = urlsplit(browser_url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else None


def _browser_url() -> str | None:
    try:
        value = st.context.url
    except Exception:  # no browser context (e.g. AppTest)
        return None
    return value if isinstance(value, str) else None


def join_address() -> str | None:
    base = public_base(state.services().settings.public_url, _browser_url())
    return f"{base}/join" if base else None


def projector_address(address: str | None) -> None:
    """The join address in large type, readable from the back of the room."""
    if not address:
        return
    shown = address.split("://", 1)[-1]
    st.html(
        '<div style="text-align:center;padding:0 0 0.5rem">'
        f'<div style="font-size:1rem;opacity:.7">{html.escape(tr("autosave.open_address"))}</div>'
        f'<div data-testid="medled-join-address" style="font-size:clamp(1.5rem,5vw,3rem);font-weight:600;'
        f'word-break:break-all">{html.escape(shown)}</div></div>'
    )
