"""The one audit trail: audit_log says who (``actor``) and names objects without an id (``ref``).

The service's svc_audit rows are copied into audit_log by the service chain's svc0008,
which then drops svc_audit.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("audit_log") as batch:
        batch.add_column(sa.Column("actor", sa.String(length=100), nullable=True))
        batch.add_column(sa.Column("ref", sa.String(length=300), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("audit_log") as batch:
        batch.drop_column("ref")
        batch.drop_column("actor")
