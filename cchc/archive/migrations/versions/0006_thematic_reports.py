"""The round's thematic results reports (plan II.7–8: institutional reform, public finance).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "thematic_reports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("area", sa.String(length=30), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("filename", sa.Text(), nullable=False),
        sa.Column("sender", sa.String(length=300), nullable=True),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["round_id"], ["rounds.id"],
                                name=op.f("fk_thematic_reports_round_id_rounds")),
        sa.ForeignKeyConstraint(["sha256"], ["original_files.sha256"],
                                name=op.f("fk_thematic_reports_sha256_original_files")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_thematic_reports")),
        sa.UniqueConstraint("round_id", "area", "version",
                            name=op.f("uq_thematic_reports_round_id_area_version")),
    )


def downgrade() -> None:
    op.drop_table("thematic_reports")
