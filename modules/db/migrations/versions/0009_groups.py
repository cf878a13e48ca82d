"""Learning groups (lärgrupper), their logs, the cohort wall's replies and moderation,
and the roster's department column

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def _fk(table: str, column: str, target: str, ondelete: str = "CASCADE") -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}"),
                                   ondelete=ondelete)


def upgrade() -> None:
    with op.batch_alter_table("enrolments") as batch:
        batch.add_column(sa.Column("department", sa.String(length=120), nullable=True))
    op.create_table(
        "learning_groups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cohort_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("next_meeting_at", sa.DateTime(), nullable=True),
        sa.Column("meeting_sequence", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        _fk("learning_groups", "cohort_id", "cohorts"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_learning_groups")),
    )
    op.create_index(op.f("ix_learning_groups_cohort_id"), "learning_groups", ["cohort_id"])
    op.create_table(
        "learning_group_members",
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("cohort_id", sa.Integer(), nullable=False),
        _fk("learning_group_members", "group_id", "learning_groups"),
        _fk("learning_group_members", "user_id", "users"),
        _fk("learning_group_members", "cohort_id", "cohorts"),
        sa.PrimaryKeyConstraint("group_id", "user_id", name=op.f("pk_learning_group_members")),
        sa.UniqueConstraint("cohort_id", "user_id", name=op.f("uq_learning_group_members_cohort_id")),
    )
    op.create_index(op.f("ix_learning_group_members_cohort_id"), "learning_group_members", ["cohort_id"])
    op.create_table(
        "learning_group_logs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("module_id", sa.String(length=64), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("met_on", sa.Date(), nullable=True),
        sa.Column("visibility", sa.String(length=12), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        _fk("learning_group_logs", "group_id", "learning_groups"),
        _fk("learning_group_logs", "user_id", "users"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_learning_group_logs")),
    )
    op.create_index(op.f("ix_learning_group_logs_group_id"), "learning_group_logs", ["group_id"])
    op.create_index(op.f("ix_learning_group_logs_user_id"), "learning_group_logs", ["user_id"])
    op.create_table(
        "wall_replies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("answer_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("hidden_at", sa.DateTime(), nullable=True),
        sa.Column("hidden_by", sa.Integer(), nullable=True),
        _fk("wall_replies", "answer_id", "answers"),
        _fk("wall_replies", "user_id", "users"),
        sa.ForeignKeyConstraint(["hidden_by"], ["users.id"], name=op.f("fk_wall_replies_hidden_by_users"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_wall_replies")),
    )
    op.create_index(op.f("ix_wall_replies_answer_id"), "wall_replies", ["answer_id"])
    op.create_index(op.f("ix_wall_replies_user_id"), "wall_replies", ["user_id"])
    op.create_table(
        "wall_hidden",
        sa.Column("answer_id", sa.Integer(), nullable=False),
        sa.Column("hidden_by", sa.Integer(), nullable=True),
        sa.Column("hidden_at", sa.DateTime(), nullable=False),
        _fk("wall_hidden", "answer_id", "answers"),
        sa.ForeignKeyConstraint(["hidden_by"], ["users.id"], name=op.f("fk_wall_hidden_hidden_by_users"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("answer_id", name=op.f("pk_wall_hidden")),
    )


def downgrade() -> None:
    op.drop_table("wall_hidden")
    op.drop_index(op.f("ix_wall_replies_user_id"), table_name="wall_replies")
    op.drop_index(op.f("ix_wall_replies_answer_id"), table_name="wall_replies")
    op.drop_table("wall_replies")
    op.drop_index(op.f("ix_learning_group_logs_user_id"), table_name="learning_group_logs")
    op.drop_index(op.f("ix_learning_group_logs_group_id"), table_name="learning_group_logs")
    op.drop_table("learning_group_logs")
    op.drop_index(op.f("ix_learning_group_members_cohort_id"), table_name="learning_group_members")
    op.drop_table("learning_group_members")
    op.drop_index(op.f("ix_learning_groups_cohort_id"), table_name="learning_groups")
    op.drop_table("learning_groups")
    with op.batch_alter_table("enrolments") as batch:
        batch.drop_column("department")
