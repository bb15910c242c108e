"""A draft remembers the scheduled unit a person chose for it.

Revision ID: svc0005
Revises: svc0004
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = "svc0005"
down_revision = "svc0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("svc_drafts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("unit_name", sa.String(300), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("svc_drafts", schema=None) as batch_op:
        batch_op.drop_column("unit_name")
