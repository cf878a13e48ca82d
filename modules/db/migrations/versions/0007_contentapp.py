"""contentapp: recall answers (spaced retrieval) and the practice follow-up

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def _owner_columns(table: str) -> list:
    return [
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("cohort_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["cohort_id"], ["cohorts.id"], name=op.f(f"fk_{table}_cohort_id_cohorts"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f(f"fk_{table}_user_id_users"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
    ]


def upgrade() -> None:
    op.create_table(
        "recall_answers",
        *_owner_columns("recall_answers"),
        sa.Column("module_id", sa.String(length=64), nullable=False),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("correct", sa.Integer(), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("answered_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("user_id", "cohort_id", "module_id", "round", name=op.f("uq_recall_answers_user_id")),
    )
    op.create_table(
        "practice_followups",
        *_owner_columns("practice_followups"),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("answered_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("user_id", "cohort_id", name=op.f("uq_practice_followups_user_id")),
    )
    for table in ("recall_answers", "practice_followups"):
        with op.batch_alter_table(table) as batch_op:
            batch_op.create_index(batch_op.f(f"ix_{table}_user_id"), ["user_id"], unique=False)
            batch_op.create_index(batch_op.f(f"ix_{table}_cohort_id"), ["cohort_id"], unique=False)


def downgrade() -> None:
    for table in ("practice_followups", "recall_answers"):
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_index(batch_op.f(f"ix_{table}_cohort_id"))
            batch_op.drop_index(batch_op.f(f"ix_{table}_user_id"))
        op.drop_table(table)
