"""Alembic: from empty to head and one step down, on SQLite and PostgreSQL."""

from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from modules.db.engine import MIGRATIONS, current_revision, downgrade, migrate
from modules.db.models import Base


def _head() -> str:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    heads = ScriptDirectory.from_config(cfg).get_heads()
    assert len(heads) == 1, f"the migrations must have one head, not {heads}"
    return heads[0]


def test_upgrade_from_empty_to_head_creates_every_table(engine):
    # the engine fixture has already migrated to head; go to empty and back up again
    downgrade(engine, "base")
    assert current_revision(engine) is None
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    migrate(engine)
    assert current_revision(engine) == _head()
    assert set(Base.metadata.tables) <= set(inspect(engine).get_table_names())


def test_downgrade_to_0001_removes_the_journey_tables_and_keeps_the_foundation(engine):
    downgrade(engine, "0001")
    assert current_revision(engine) == "0001"
    tables = set(inspect(engine).get_table_names())
    assert {"users", "cohorts", "enrolments", "auth_sessions"} <= tables
    assert not {"answers", "plan_items", "commitments"} & tables
    migrate(engine)
    assert current_revision(engine) == _head()


def test_the_models_and_the_migrations_agree(engine):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []
