"""Per-process resources and per-session helpers for pages."""

from __future__ import annotations

import logging
import threading

import streamlit as st

from modules.curriculum.loader import load_program
from modules.i18n import DEFAULT_LANGUAGE, LANGUAGES, t
from modules.services import auth, security
from modules.services.context import Actor, Services
from modules.services.errors import DomainError
from modules.ui import resources

log = logging.getLogger("medled.ui")
COOKIE = "medled_session"
DEVICE_COOKIE = "medled_device"
SESSION_KEY = "auth_sid"
VISITOR_LANG = "visitor_lang"  # a language chosen before logging in, for the account at login
_reload_lock = threading.Lock()


def services() -> Services:
    """One engine, settings and program per process (see modules.ui.resources)."""
    return resources.services()


def reload_content(svc: Services) -> None:
    with _reload_lock:
        svc.program = load_program(svc.settings.content_dir)


def read_session_cookie() -> str | None:
    """The login cookie, as the browser sent it. Tests replace this function."""
    return _cookie(COOKIE)


def read_device_cookie() -> str | None:
    """The device cookie: this browser has logged in to the account before."""
    return _cookie(DEVICE_COOKIE)


def _cookie(name: str) -> str | None:
    try:
        value = st.context.cookies.get(name)
    except Exception:  # no browser context (e.g. AppTest)
        return None
    return value if isinstance(value, str) else None


def _peer_address() -> str | None:
    """The websocket's direct peer, loopback included (st.context.ip_address hides loopback)."""
    from streamlit import runtime
    from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

    ctx = get_script_run_ctx()
    if ctx is None or not runtime.exists():
        return None
    client = runtime.get_instance().get_client(ctx.session_id)
    context = getattr(client, "client_context", None) if client is not None else None
    peer = getattr(context, "remote_ip", None)
    return peer if isinstance(peer, str) else None


def client_id() -> str | None:
    """The client address for throttling: X-Forwarded-For only from a trusted proxy."""
    try:
        peer = _peer_address()
        forwarded = st.context.headers.get("X-Forwarded-For") if peer else None
        forwarded = forwarded if isinstance(forwarded, str) else None
    except Exception:  # no browser context (e.g. AppTest)
        return None
    return security.client_address(peer, forwarded, services().settings.trusted_proxies)


def current_actor() -> Actor | None:
    """The logged-in user, re-validated against the database on every call.

    The Streamlit session keeps only its login session's id; a revoked or expired login (logout
    in another tab, a password change, an admin's revocation, a deleted account) ends here, also
    for a session resumed after a disconnect. Without one, the login cookie is tried."""
    svc = services()
    sid = st.session_state.get(SESSION_KEY)
    actor = auth.session_actor(svc, sid) if sid is not None else None
    if actor is None and sid is not None:
        forget_login()
    if actor is None:
        found = auth.session_for_token(svc, read_session_cookie())
        if found is not None:
            sid, actor = found
            st.session_state[SESSION_KEY] = sid
    if actor is None:
        st.session_state.pop("actor", None)
    else:
        chosen = st.session_state.pop(VISITOR_LANG, None)  # picked on the login page: the account keeps it
        if chosen in LANGUAGES and chosen != actor.language:
            actor = auth.set_language(svc, actor, chosen)
        st.session_state["actor"] = actor
    return actor


def login_session_id() -> int | None:
    return st.session_state.get(SESSION_KEY)


def start_login(actor: Actor) -> None:
    """After a right password or code: the login session, with its handoff pending for the cookie."""
    login = auth.start_session(services(), actor)
    st.session_state[SESSION_KEY] = login.session_id
    st.session_state["actor"] = actor
    st.session_state["handoff"] = {"sid": login.session_id, "token": login.handoff}


def forget_login() -> None:
    for key in (SESSION_KEY, "actor", "handoff"):
        st.session_state.pop(key, None)


def set_actor(actor: Actor | None) -> None:
    """Refresh the user shown (e.g. after a language change); None logs this session out."""
    if actor is None:
        forget_login()
    else:
        st.session_state["actor"] = actor


def lang() -> str:
    actor = st.session_state.get("actor")
    if actor is not None:
        return actor.language
    return st.session_state.get("lang", DEFAULT_LANGUAGE)


def tr(key: str, **params) -> str:
    return t(lang(), key, **params)


def show_error(exc: Exception) -> None:
    """A translated message for domain errors; a generic one (and a log line) for the rest."""
    if isinstance(exc, DomainError):
        st.error(t(lang(), exc.key, **{k: (tr(f"field.{v}") if k == "field" else v) for k, v in exc.params.items()}))
    else:
        log.exception("unexpected error")
        st.error(tr("error.unexpected"))


def call(fn, *args, **kwargs) -> tuple[bool, object]:
    """Call a service: (True, result), or (False, None) after showing the error message."""
    try:
        return True, fn(*args, **kwargs)
    except Exception as exc:  # noqa: BLE001 - every error becomes a message, never a traceback
        show_error(exc)
        return False, None


def run(fn, *args, **kwargs):
    """Call a service; on error show the message and return None."""
    return call(fn, *args, **kwargs)[1]
