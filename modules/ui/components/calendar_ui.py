"""Calendar buttons: a session or the whole cohort as .ics, and the subscription address."""

from __future__ import annotations

from urllib.parse import urlsplit

import streamlit as st

from modules.services import calendar
from modules.ui import state
from modules.ui.state import tr

ICS_MIME = "text/calendar"


def base_url() -> str:
    """The address people open: MEDLED_PUBLIC_URL when set, else what this browser used."""
    configured = getattr(state.services().settings, "public_url", "")
    if configured:
        return configured.rstrip("/")
    try:
        parts = urlsplit(st.context.url or "")
    except Exception:  # no browser context (AppTest)
        return ""
    return f"{parts.scheme}://{parts.netloc}" if parts.netloc else ""


def session_button(actor, cohort_id: int, session: dict) -> None:
    """One session's .ics, built only when the button is pressed."""
    svc = state.services()
    st.download_button(tr("distance.add_session"), lambda: calendar.cohort_calendar(svc, actor, cohort_id, session["id"]),
                       file_name=f"medled-session-{session['id']}.ics", mime=ICS_MIME, icon=":material/event:",
                       key=f"ics-{cohort_id}-{session['id']}", on_click="ignore")


def cohort_calendar(actor, cohort: dict, manage: bool = False) -> None:
    """The whole schedule as a file, the subscription address, and (facilitators) a new address."""
    svc = state.services()
    st.download_button(tr("distance.add_all"), lambda: calendar.cohort_calendar(svc, actor, cohort["id"]),
                       file_name=f"medled-{cohort['id']}.ics", mime=ICS_MIME, icon=":material/calendar_month:",
                       key=f"ics-all-{cohort['id']}", on_click="ignore")
    token = state.run(calendar.feed_token, svc, actor, cohort["id"])
    if token:
        st.caption(tr("distance.subscribe"))
        st.code(f"{base_url()}/calendar/{token}.ics", language=None, wrap_lines=True)
        st.caption(tr("distance.subscribe_help"))
    if manage and st.button(tr("distance.rotate"), key=f"ics-rotate-{cohort['id']}"):
        if state.call(calendar.rotate_feed, svc, actor, cohort["id"])[0]:
            st.session_state["flash"] = "distance.rotated"
            st.rerun()
