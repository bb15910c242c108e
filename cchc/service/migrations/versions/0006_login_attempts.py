"""The login throttle's counts, shared by every worker process.

Revision ID: svc0006
Revises: svc0005
Create Date: 2026-12-08
"""

import sqlalchemy as sa
from alembic import op

revision = "svc0006"
down_revision = "svc0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "svc_login_attempts",
        sa.Column("key_sha256", sa.String(64), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("last", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("key_sha256", name="pk_svc_login_attempts"),
    )
    op.create_index("ix_svc_login_attempts_last", "svc_login_attempts", ["last"])


def downgrade() -> None:
    op.drop_index("ix_svc_login_attempts_last", table_name="svc_login_attempts")
    op.drop_table("svc_login_attempts")
