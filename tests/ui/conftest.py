"""AppTest fixtures: a fresh SQLite database per test and the example content."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from modules.services import auth
from modules.ui import resources, state
from tests.conftest import EXAMPLE_CONTENT

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")


@pytest.fixture
def app_env(tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'ui.db'}")
    monkeypatch.setenv("MEDLED_CONTENT_DIR", str(EXAMPLE_CONTENT))
    monkeypatch.setattr(state, "read_session_cookie", lambda: None)
    resources.reset()
    yield
    resources.reset()


@pytest.fixture
def ui_svc(app_env):
    """The same Services object the app under test uses."""
    return state.services()


def app(actor=None) -> AppTest:
    """The app; with an actor, logged in through a real login session (as after the password)."""
    at = AppTest.from_file(APP, default_timeout=60)
    if actor is not None:
        login_as(at, actor)
    return at


def login_as(at: AppTest, actor) -> int:
    """A login session for actor, held by this AppTest session; returns its id."""
    login = auth.start_session(state.services(), actor)
    at.session_state[state.SESSION_KEY] = login.session_id
    at.session_state["actor"] = actor
    return login.session_id


def texts(at: AppTest) -> str:
    parts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "text", "success", "error", "info",
                 "warning", "exception"):
        parts += [str(getattr(e, "value", "")) for e in getattr(at, kind)]
    return "\n".join(parts)
