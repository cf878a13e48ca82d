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
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
