"""Per-process resources and per-session helpers for pages."""

from __future__ import annotations

import logging
import sys
import threading

import streamlit as st

from modules.curriculum.loader import load_program
from modules.db.engine import make_engine, migrate
from modules.i18n import DEFAULT_LANGUAGE, t
from modules.services import auth
from modules.services.context import Actor, Services
from modules.services.errors import DomainError
from modules.settings import load_settings

log = logging.getLogger("medled.ui")
COOKIE = "medled_session"
_reload_lock = threading.Lock()
SWITCH_INTERVAL = 0.001  # seconds; Python's default is 0.005


@st.cache_resource(show_spinner=False)
def services() -> Services:
    """One engine, settings and program per process; the schema is migrated on first use."""
    # Many script threads share one GIL; a thread that holds the database's write lock gets the GIL
    # back sooner after each SQLite call with a shorter switch interval (measured with make load).
    sys.setswitchinterval(SWITCH_INTERVAL)
    settings = load_settings()
    logging.basicConfig(level=settings.log_level)
    engine = make_engine(settings.database_url)
    migrate(engine)
    return Services(engine=engine, settings=settings, program=load_program(settings.content_dir))


def reload_content(svc: Services) -> None:
    with _reload_lock:
        svc.program = load_program(svc.settings.content_dir)


def read_session_cookie() -> str | None:
    """The login cookie, as the browser sent it. Tests replace this function."""
    try:
        value = st.context.cookies.get(COOKIE)
    except Exception:  # no browser context (e.g. AppTest)
        return None
    return value if isinstance(value, str) else None


def client_id() -> str | None:
    try:
        value = st.context.ip_address
    except Exception:
        return None
    return value if isinstance(value, str) else None


def current_actor() -> Actor | None:
    """From this browser session, or from the login cookie after a reload."""
    svc = services()
    if "actor" in st.session_state:
        return st.session_state["actor"]
    actor = auth.actor_for_token(svc, read_session_cookie())
    if actor is not None:
        st.session_state["actor"] = actor
    return actor


def set_actor(actor: Actor | None) -> None:
    if actor is None:
        st.session_state.pop("actor", None)
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
