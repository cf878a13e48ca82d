"""Attendance per roster row: marks keyed on the enrolment instead of the user

Invited people who have not joined yet can be marked present; when they join, their enrolment
gets the user, so the marks stay theirs. Existing marks move to the joined enrolment of the same
cohort. A downgrade keeps the marks of people who have joined; marks of people who never joined
have no user to go back to and are dropped.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "session_attendance",
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("enrolment_id", sa.Integer(), nullable=False),
        sa.Column("present", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["enrolment_id"], ["enrolments.id"],
                                name=op.f("fk_session_attendance_enrolment_id_enrolments"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["session_id"], ["cohort_sessions.id"],
                                name=op.f("fk_session_attendance_session_id_cohort_sessions"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("session_id", "enrolment_id", name=op.f("pk_session_attendance")),
    )
    with op.batch_alter_table("session_attendance", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_session_attendance_enrolment_id"), ["enrolment_id"], unique=False)
    op.execute(
        "INSERT INTO session_attendance (session_id, enrolment_id, present) "
        "SELECT a.session_id, e.id, a.present FROM attendance a "
        "JOIN cohort_sessions s ON s.id = a.session_id "
        "JOIN enrolments e ON e.cohort_id = s.cohort_id AND e.user_id = a.user_id"
    )
    op.drop_table("attendance")


def downgrade() -> None:
    op.create_table(
        "attendance",
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("present", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["session_id"], ["cohort_sessions.id"],
                                name=op.f("fk_attendance_session_id_cohort_sessions"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_attendance_user_id_users"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("session_id", "user_id", name=op.f("pk_attendance")),
    )
    op.execute(
        "INSERT INTO attendance (session_id, user_id, present) "
        "SELECT sa.session_id, e.user_id, sa.present FROM session_attendance sa "
        "JOIN enrolments e ON e.id = sa.enrolment_id WHERE e.user_id IS NOT NULL"
    )
    with op.batch_alter_table("session_attendance", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_session_attendance_enrolment_id"))
    op.drop_table("session_attendance")
