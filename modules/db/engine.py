"""Engine, unit of work and migrations.

One engine per process (the UI keeps it in modules.ui.resources; tests build their own).
SQLite gets WAL, foreign keys and a busy timeout on every connection, and write
transactions begin with BEGIN IMMEDIATE so that a read that turns into a write does not
fail with "database is locked".
"""

from __future__ import annotations

import contextlib
import threading
import weakref
from collections.abc import Iterator
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def normalise_url(url: str) -> str:
    """postgresql:// and postgres:// mean psycopg 3 here."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def make_engine(url: str) -> Engine:
    url = normalise_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": 15, "check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):  # pragma: no cover - exercised by every SQLite test
        dbapi_conn.isolation_level = None  # we emit BEGIN ourselves
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=15000")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        write = conn.get_execution_options().get("medled_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


_WRITE_LOCKS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _write_lock(engine: Engine) -> contextlib.AbstractContextManager:
    """SQLite: one writer at a time per process, queued on a lock instead of SQLite's busy handler.

    Under a full room (40 draft saves at once) SQLite's busy handler sleeps and retries with
    back-off; waiting on a Python lock hands the write lock over as soon as it is free.
    """
    if engine.dialect.name != "sqlite":
        return contextlib.nullcontext()
    return _WRITE_LOCKS.setdefault(engine, threading.RLock())


def _write_bind(engine: Engine) -> Engine:
    """The engine with medled_write set (BEGIN IMMEDIATE on SQLite), made once per engine and
    kept on it (a weak mapping would not do: the option engine refers back to its engine)."""
    bind = getattr(engine, "_medled_write_bind", None)
    if bind is None:
        bind = engine._medled_write_bind = engine.execution_options(medled_write=True)
    return bind


@contextlib.contextmanager
def unit_of_work(engine: Engine, write: bool = False) -> Iterator[Session]:
    """A short transaction: committed on success, rolled back on any error."""
    bind = _write_bind(engine) if write else engine
    with _write_lock(engine) if write else contextlib.nullcontext(), Session(bind=bind, expire_on_commit=False) as session:
        try:
            yield session
            if write:
                session.commit()
            # a read-only unit ends with close(): loaded objects stay readable, nothing is written
        except BaseException:
            session.rollback()
            raise


def _alembic_config(engine: Engine) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = engine
    return cfg


def migrate(engine: Engine, revision: str = "head") -> None:
    command.upgrade(_alembic_config(engine), revision)


def downgrade(engine: Engine, revision: str) -> None:
    command.downgrade(_alembic_config(engine), revision)


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()
