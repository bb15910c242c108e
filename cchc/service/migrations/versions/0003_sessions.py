"""Server-side web sessions (logout and password changes end them).

Revision ID: svc0003
Revises: svc0002
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "svc0003"
down_revision = "svc0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "svc_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sid_sha256", sa.String(64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["svc_users.id"],
                                name="fk_svc_sessions_user_id_svc_users"),
        sa.PrimaryKeyConstraint("id", name="pk_svc_sessions"),
        sa.UniqueConstraint("sid_sha256", name="uq_svc_sessions_sid_sha256"),
    )
    op.create_index("ix_svc_sessions_user_id", "svc_sessions", ["user_id"])


def downgrade() -> None:
    op.drop_index("ix_svc_sessions_user_id", table_name="svc_sessions")
    op.drop_table("svc_sessions")
