"""A real Medled server (streamlit run app.py) on a free port, with its own SQLite file."""

from __future__ import annotations

import contextlib
import shutil
from pathlib import Path

import pytest

from modules.curriculum.loader import load_program
from modules.db.engine import make_engine, migrate
from modules.services.context import Services
from modules.settings import load_settings
from tests.conftest import EXAMPLE_CONTENT, IN_CI
from tests.server import ServerDidNotStart, free_port, streamlit_server

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("server")
    env = {"DATABASE_URL": f"sqlite:///{tmp / 'e2e.db'}", "MEDLED_CONTENT_DIR": str(EXAMPLE_CONTENT)}
    with contextlib.ExitStack() as stack:
        try:
            srv = stack.enter_context(streamlit_server("app.py", free_port(), env, tmp / "server.log", ROOT,
                                                       timeout=60))
        except ServerDidNotStart as exc:
            pytest.fail(f"the Medled server did not start: {exc}")
        engine = make_engine(env["DATABASE_URL"])
        migrate(engine)
        svc = Services(engine=engine, settings=load_settings({}), program=load_program(EXAMPLE_CONTENT))
        yield {"base": srv["base"], "svc": svc, "log": tmp / "server.log"}


def chromium_path() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        message = "Debian's Chromium is missing: apt-get install -y chromium chromium-driver (then make test)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture(scope="module")
def browser():
    path = chromium_path()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, headless=True, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        yield b
        b.close()
