"""Every column that can hold participant-written text or scores has a decided audience."""

from __future__ import annotations

from sqlalchemy import JSON, Integer, String, Text

from modules.db.models import Base
from modules.services import privacy


def _participant_tables():
    """users, and every table that points at a user: the tables that hold someone's data."""
    tables = []
    for table in Base.metadata.sorted_tables:
        refers = any(fk.column.table.name == "users" for col in table.columns for fk in col.foreign_keys)
        if table.name == "users" or refers:
            tables.append(table)
    return tables


def _text_or_score_columns():
    for table in _participant_tables():
        for col in table.columns:
            if col.primary_key or col.foreign_keys:
                continue
            if isinstance(col.type, (String, Text, JSON, Integer)):
                yield f"{table.name}.{col.name}"


def test_every_text_or_score_column_of_a_participant_table_has_a_decided_audience():
    undecided = [c for c in _text_or_score_columns()
                 if c not in privacy.REGISTRY and c not in privacy.NOT_PARTICIPANT_WRITTEN]
    assert undecided == [], (
        "Decide who may see these columns: add them to privacy.REGISTRY (with an audience) or to "
        f"privacy.NOT_PARTICIPANT_WRITTEN (with a reason): {undecided}")


def test_the_registry_names_only_columns_that_exist_and_known_audiences():
    columns = {f"{t.name}.{c.name}" for t in Base.metadata.sorted_tables for c in t.columns}
    assert set(privacy.REGISTRY) - columns == set()
    assert set(privacy.NOT_PARTICIPANT_WRITTEN) - columns == set()
    assert set(privacy.REGISTRY.values()) <= set(privacy.AUDIENCES)
    assert not set(privacy.REGISTRY) & set(privacy.NOT_PARTICIPANT_WRITTEN)


def test_the_rule_lets_staff_and_peers_see_only_shared_content_of_shareable_kinds():
    for kind in privacy.SHAREABLE_KINDS:
        assert privacy.may_see_answer(privacy.STAFF, kind, "facilitator")
        assert not privacy.may_see_answer(privacy.STAFF, kind, "private")
        assert privacy.may_see_answer(privacy.PEER, kind, "cohort")
        assert not privacy.may_see_answer(privacy.PEER, kind, "facilitator")
        assert not privacy.may_see_answer(privacy.NOBODY, kind, "cohort")
    for kind in privacy.AGGREGATE_ONLY_KINDS:
        assert privacy.may_see_answer(privacy.SELF, kind, "private")
        assert not privacy.may_see_answer(privacy.STAFF, kind, "cohort")
        assert not privacy.may_see_answer(privacy.PEER, kind, "cohort")
