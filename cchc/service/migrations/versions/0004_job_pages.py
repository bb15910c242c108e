"""Scanned pages of a job item, read by any worker (OCR as a map step).

Revision ID: svc0004
Revises: svc0003
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "svc0004"
down_revision = "svc0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "svc_job_pages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("page", sa.Integer(), nullable=False),
        sa.Column("reader", sa.String(200), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("result", sa.JSON(), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("worker", sa.String(100), nullable=True),
        sa.Column("lease_until", sa.DateTime(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["item_id"], ["svc_job_items.id"],
                                name="fk_svc_job_pages_item_id_svc_job_items"),
        sa.PrimaryKeyConstraint("id", name="pk_svc_job_pages"),
        sa.UniqueConstraint("item_id", "page", name="uq_svc_job_pages_item_id_page"),
    )
    op.create_index("ix_svc_job_pages_item_id", "svc_job_pages", ["item_id"])


def downgrade() -> None:
    op.drop_index("ix_svc_job_pages_item_id", table_name="svc_job_pages")
    op.drop_table("svc_job_pages")
