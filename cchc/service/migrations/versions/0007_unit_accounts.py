"""The units' side: one-time invites, unit accounts bound to a unit, report forms.

Revision ID: svc0007
Revises: svc0006
Create Date: 2026-12-08
"""

import sqlalchemy as sa
from alembic import op

revision = "svc0007"
down_revision = "svc0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "svc_unit_invites",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code_sha256", sa.String(64), nullable=False),
        sa.Column("unit_name", sa.String(300), nullable=False),
        sa.Column("round_code", sa.String(100), nullable=False),
        sa.Column("created_by", sa.String(100), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.Column("used_at", sa.DateTime(), nullable=True),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["svc_users.id"],
                                name="fk_svc_unit_invites_user_id_svc_users"),
        sa.PrimaryKeyConstraint("id", name="pk_svc_unit_invites"),
        sa.UniqueConstraint("code_sha256", name="uq_svc_unit_invites_code_sha256"),
    )
    op.create_index("ix_svc_unit_invites_round_code", "svc_unit_invites", ["round_code"])
    op.create_table(
        "svc_unit_access",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("unit_name", sa.String(300), nullable=False),
        sa.Column("round_code", sa.String(100), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["svc_users.id"],
                                name="fk_svc_unit_access_user_id_svc_users"),
        sa.PrimaryKeyConstraint("id", name="pk_svc_unit_access"),
        sa.UniqueConstraint("user_id", "round_code",
                            name="uq_svc_unit_access_user_id_round_code"),
    )
    op.create_index("ix_svc_unit_access_user_id", "svc_unit_access", ["user_id"])
    op.create_table(
        "svc_unit_forms",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_code", sa.String(100), nullable=False),
        sa.Column("unit_name", sa.String(300), nullable=False),
        sa.Column("fields", sa.JSON(), nullable=False),
        sa.Column("doubts", sa.JSON(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("signed_filename", sa.Text(), nullable=True),
        sa.Column("signed_data", sa.LargeBinary(), nullable=True),
        sa.Column("report_id", sa.Integer(), nullable=True),
        sa.Column("updated_by", sa.String(100), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_svc_unit_forms"),
        sa.UniqueConstraint("round_code", "unit_name",
                            name="uq_svc_unit_forms_round_code_unit_name"),
    )


def downgrade() -> None:
    op.drop_table("svc_unit_forms")
    op.drop_index("ix_svc_unit_access_user_id", table_name="svc_unit_access")
    op.drop_table("svc_unit_access")
    op.drop_index("ix_svc_unit_invites_round_code", table_name="svc_unit_invites")
    op.drop_table("svc_unit_invites")
