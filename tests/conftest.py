"""Real databases for every test: SQLite in a temporary folder, and PostgreSQL when
TEST_DATABASE_URL is set (CI sets it; in CI a missing PostgreSQL is a failure, not a skip)."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest
from sqlalchemy import text

from modules.curriculum.loader import load_program
from modules.db.engine import make_engine, migrate, normalise_url
from modules.services.context import Services
from modules.settings import load_settings

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_CONTENT = ROOT / "tests" / "fixtures" / "content" / "valid"
IN_CI = bool(os.environ.get("CI"))
PG_HINT = ("PostgreSQL tests skipped: set TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test "
           "to run them (make test-pg does).")


def pytest_report_header(config):
    return f"PostgreSQL: {os.environ.get('TEST_DATABASE_URL') or 'not configured'}; CI={IN_CI}"


def _pg_url() -> str | None:
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        if IN_CI:
            pytest.fail("CI must run the PostgreSQL tests: TEST_DATABASE_URL is not set")
        pytest.skip(PG_HINT)
    return url


def _pg_engine():
    """A fresh schema per test, so tests never see each other's rows."""
    url = normalise_url(_pg_url())
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = make_engine(url)
    try:
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    except Exception as exc:  # noqa: BLE001
        if IN_CI:
            pytest.fail(f"PostgreSQL at TEST_DATABASE_URL is not reachable: {exc}")
        pytest.skip(f"PostgreSQL not reachable ({exc}). {PG_HINT}")
    from sqlalchemy import create_engine

    engine = create_engine(url, connect_args={"options": f"-csearch_path={schema}"}, pool_pre_ping=True)
    return engine, admin, schema


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request, tmp_path):
    if request.param == "sqlite":
        eng = make_engine(f"sqlite:///{tmp_path / 'medled.db'}")
        migrate(eng)
        yield eng
        eng.dispose()
        return
    eng, admin, schema = _pg_engine()
    migrate(eng)
    yield eng
    eng.dispose()
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture(scope="session")
def example_program():
    result = load_program(EXAMPLE_CONTENT)
    assert result.ok, result.problems
    return result


@pytest.fixture(scope="session")
def shipped_program():
    return load_program(ROOT / "content")


@pytest.fixture
def svc(engine, example_program) -> Services:
    return Services(engine=engine, settings=load_settings({}), program=example_program)


@pytest.fixture
def world(svc):
    from tests.builders import World

    return World(svc)
