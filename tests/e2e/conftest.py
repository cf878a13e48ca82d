"""A real Medled server (streamlit run app.py) on a free port, with its own SQLite file."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from modules.curriculum.loader import load_program
from modules.db.engine import make_engine, migrate
from modules.services.context import Services
from modules.settings import load_settings
from tests.conftest import EXAMPLE_CONTENT, IN_CI

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("server")
    port = _free_port()
    env = os.environ | {"DATABASE_URL": f"sqlite:///{tmp / 'e2e.db'}", "MEDLED_CONTENT_DIR": str(EXAMPLE_CONTENT)}
    log = open(tmp / "server.log", "w")
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
                             "--server.headless", "true", "--server.address", "127.0.0.1"],
                            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            if httpx.get(f"{base}/_stcore/health", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.3)
    else:
        proc.kill()
        pytest.fail("the Medled server did not start:\n" + (tmp / "server.log").read_text()[-3000:])
    engine = make_engine(env["DATABASE_URL"])
    migrate(engine)
    svc = Services(engine=engine, settings=load_settings({}), program=load_program(EXAMPLE_CONTENT))
    yield {"base": base, "svc": svc, "log": tmp / "server.log"}
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


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
