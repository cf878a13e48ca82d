"""Alembic environment: the engine comes from modules.db.engine.migrate (or DATABASE_URL)."""

from alembic import context

from modules.db.models import Base

config = context.config
engine = config.attributes.get("engine")
if engine is None:  # plain `alembic` command line use
    from modules.db.engine import make_engine
    from modules.settings import load_settings

    engine = make_engine(load_settings().database_url)

with engine.connect() as connection:
    sqlite = connection.dialect.name == "sqlite"
    raw = connection.connection.driver_connection if sqlite else None
    if sqlite:
        # Batch mode rebuilds a table (copy, drop, rename). With foreign keys enforced, dropping
        # the old table would fire ON DELETE CASCADE into every table that points at it. The
        # pragma only takes effect outside a transaction, so it is set on the raw connection
        # (autocommit) before Alembic begins, and checked and restored after.
        raw.execute("PRAGMA foreign_keys=OFF")
    try:
        context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=sqlite)
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()
        if sqlite and raw.execute("PRAGMA foreign_key_check").fetchall():
            raise RuntimeError("the migration left rows whose foreign keys point nowhere")
    finally:
        if sqlite:
            raw.execute("PRAGMA foreign_keys=ON")
