"""Auth: pending login handoffs, device cookies, reset notices, personal invite codes

Revision ID: 0004
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "auth_devices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("last_used_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_auth_devices_user_id_users"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_auth_devices")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_auth_devices_token_hash")),
    )
    op.create_index(op.f("ix_auth_devices_user_id"), "auth_devices", ["user_id"], unique=False)
    with op.batch_alter_table("auth_sessions") as batch:
        batch.add_column(sa.Column("handoff_hash", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("handoff_expires_at", sa.DateTime(), nullable=True))
        batch.create_unique_constraint(op.f("uq_auth_sessions_handoff_hash"), ["handoff_hash"])
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("reset_by_name", sa.String(length=120), nullable=True))
        batch.add_column(sa.Column("reset_at", sa.DateTime(), nullable=True))
    with op.batch_alter_table("enrolments") as batch:
        batch.add_column(sa.Column("invite_code", sa.String(length=12), nullable=True))
        batch.create_unique_constraint(op.f("uq_enrolments_invite_code"), ["invite_code"])


def downgrade() -> None:
    with op.batch_alter_table("enrolments") as batch:
        batch.drop_constraint(op.f("uq_enrolments_invite_code"), type_="unique")
        batch.drop_column("invite_code")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("reset_at")
        batch.drop_column("reset_by_name")
    with op.batch_alter_table("auth_sessions") as batch:
        batch.drop_constraint(op.f("uq_auth_sessions_handoff_hash"), type_="unique")
        batch.drop_column("handoff_expires_at")
        batch.drop_column("handoff_hash")
    op.drop_index(op.f("ix_auth_devices_user_id"), table_name="auth_devices")
    op.drop_table("auth_devices")
