"""Durable job items: each file of a background job with its bytes, status and lease.

Revision ID: svc0002
Revises: svc0001
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "svc0002"
down_revision = "svc0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("svc_jobs") as batch:
        batch.add_column(sa.Column("params", sa.JSON(), nullable=True))
    op.create_table(
        "svc_job_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("job_id", sa.String(32), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("filename", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("result", sa.JSON(), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("worker", sa.String(100), nullable=True),
        sa.Column("lease_until", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["job_id"], ["svc_jobs.id"],
                                name="fk_svc_job_items_job_id_svc_jobs"),
        sa.PrimaryKeyConstraint("id", name="pk_svc_job_items"),
    )
    op.create_index("ix_svc_job_items_job_id", "svc_job_items", ["job_id"])
    op.create_index("ix_svc_job_items_status", "svc_job_items", ["status"])


def downgrade() -> None:
    op.drop_table("svc_job_items")
    with op.batch_alter_table("svc_jobs") as batch:
        batch.drop_column("params")
