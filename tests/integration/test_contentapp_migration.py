"""Revision 0007 (recall answers, practice follow-up) goes up and down cleanly."""

from sqlalchemy import inspect

from modules.db.engine import downgrade, migrate

TABLES = {"recall_answers", "practice_followups"}


def test_downgrading_to_0002_removes_the_recall_and_followup_tables_and_upgrading_restores_them(engine):
    assert TABLES <= set(inspect(engine).get_table_names())
    downgrade(engine, "0002")
    tables = set(inspect(engine).get_table_names())
    assert not TABLES & tables and "answers" in tables
    migrate(engine)
    assert TABLES <= set(inspect(engine).get_table_names())
