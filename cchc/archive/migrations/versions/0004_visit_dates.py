"""Each scheduled unit's visit date and report deadline; surprise inspections.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("round_units", schema=None) as batch_op:
        batch_op.add_column(sa.Column("visit_date", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("report_deadline", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("surprise", sa.Boolean(), nullable=False,
                                      server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("round_units", schema=None) as batch_op:
        batch_op.drop_column("surprise")
        batch_op.drop_column("report_deadline")
        batch_op.drop_column("visit_date")
