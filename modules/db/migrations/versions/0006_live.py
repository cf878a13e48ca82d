"""Live workshop: activities, anonymous answers, meeting roles drawn per session

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "live_activities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cohort_id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("question", sa.String(length=300), nullable=False),
        sa.Column("options", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("results_visible", sa.Boolean(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("opened_at", sa.DateTime(), nullable=True),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["cohort_id"], ["cohorts.id"], name=op.f("fk_live_activities_cohort_id_cohorts"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["session_id"], ["cohort_sessions.id"],
                                name=op.f("fk_live_activities_session_id_cohort_sessions"), ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["created_by"], ["users.id"], name=op.f("fk_live_activities_created_by_users"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_live_activities")),
    )
    with op.batch_alter_table("live_activities") as batch_op:
        batch_op.create_index(batch_op.f("ix_live_activities_cohort_id"), ["cohort_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_live_activities_session_id"), ["session_id"], unique=False)
    op.create_table(
        "live_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("activity_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("value", sa.String(length=300), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["activity_id"], ["live_activities.id"],
                                name=op.f("fk_live_answers_activity_id_live_activities"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_live_answers_user_id_users"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_live_answers")),
        sa.UniqueConstraint("activity_id", "user_id", name=op.f("uq_live_answers_activity_id")),
    )
    with op.batch_alter_table("live_answers") as batch_op:
        batch_op.create_index(batch_op.f("ix_live_answers_activity_id"), ["activity_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_live_answers_user_id"), ["user_id"], unique=False)
    op.create_table(
        "role_assignments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=80), nullable=False),
        sa.Column("drawn_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["session_id"], ["cohort_sessions.id"],
                                name=op.f("fk_role_assignments_session_id_cohort_sessions"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_role_assignments_user_id_users"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_role_assignments")),
        sa.UniqueConstraint("session_id", "role", name=op.f("uq_role_assignments_session_id")),
    )
    with op.batch_alter_table("role_assignments") as batch_op:
        batch_op.create_index(batch_op.f("ix_role_assignments_session_id"), ["session_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_role_assignments_user_id"), ["user_id"], unique=False)
    op.create_table(
        "meeting_role_lists",
        sa.Column("cohort_id", sa.Integer(), nullable=False),
        sa.Column("roles", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["cohort_id"], ["cohorts.id"], name=op.f("fk_meeting_role_lists_cohort_id_cohorts"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("cohort_id", name=op.f("pk_meeting_role_lists")),
    )


def downgrade() -> None:
    op.drop_table("meeting_role_lists")
    with op.batch_alter_table("role_assignments") as batch_op:
        batch_op.drop_index(batch_op.f("ix_role_assignments_user_id"))
        batch_op.drop_index(batch_op.f("ix_role_assignments_session_id"))
    op.drop_table("role_assignments")
    with op.batch_alter_table("live_answers") as batch_op:
        batch_op.drop_index(batch_op.f("ix_live_answers_user_id"))
        batch_op.drop_index(batch_op.f("ix_live_answers_activity_id"))
    op.drop_table("live_answers")
    with op.batch_alter_table("live_activities") as batch_op:
        batch_op.drop_index(batch_op.f("ix_live_activities_session_id"))
        batch_op.drop_index(batch_op.f("ix_live_activities_cohort_id"))
    op.drop_table("live_activities")
