"""Scores: the criteria set each round is scored on, and each unit's points.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "round_criteria",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["round_id"], ["rounds.id"],
                                name=op.f("fk_round_criteria_round_id_rounds")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_round_criteria")),
        sa.UniqueConstraint("round_id", name=op.f("uq_round_criteria_round_id")),
    )
    op.create_table(
        "unit_scores",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("leaf_id", sa.String(length=50), nullable=False),
        sa.Column("max_points", sa.Float(), nullable=False),
        sa.Column("self_points", sa.Float(), nullable=True),
        sa.Column("evidence", sa.Text(), nullable=True),
        sa.Column("computed_points", sa.Float(), nullable=True),
        sa.Column("computed_note", sa.Text(), nullable=True),
        sa.Column("figure_field", sa.String(length=200), nullable=True),
        sa.Column("figure_value", sa.Float(), nullable=True),
        sa.Column("verified_points", sa.Float(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["round_id"], ["rounds.id"],
                                name=op.f("fk_unit_scores_round_id_rounds")),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"],
                                name=op.f("fk_unit_scores_unit_id_units")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unit_scores")),
        sa.UniqueConstraint("round_id", "unit_id", "leaf_id",
                            name=op.f("uq_unit_scores_round_id_unit_id_leaf_id")),
    )


def downgrade() -> None:
    op.drop_table("unit_scores")
    op.drop_table("round_criteria")
