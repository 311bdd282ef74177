"""targets: attendance confirmed after a training, village totals per commune

Revision ID: 0008_targets
Revises: 0007_retention
Create Date: 2026-12-20 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlmodel.sql.sqltypes import AutoString, UTCDateTime

revision: str = "0008_targets"
down_revision: str | None = "0007_retention"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "attendance_confirmations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("announcement_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("present", sa.Boolean(), nullable=False),
        sa.Column("confirmed_by", sa.Integer(), nullable=True),
        sa.Column("confirmed_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["announcement_id"],
            ["announcements.id"],
            name=op.f("fk_attendance_confirmations_announcement_id_announcements"),
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name=op.f("fk_attendance_confirmations_member_id_members"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attendance_confirmations")),
        sa.UniqueConstraint(
            "announcement_id",
            "member_id",
            name=op.f("uq_attendance_confirmations_announcement_id"),
        ),
    )
    with op.batch_alter_table("attendance_confirmations", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_attendance_confirmations_member_id"), ["member_id"], unique=False
        )

    op.create_table(
        "village_counts",
        sa.Column("unit_catalog", AutoString(length=8), nullable=False),
        sa.Column("unit_code", AutoString(length=10), nullable=False),
        sa.Column("villages", sa.Integer(), nullable=False),
        sa.Column("imported_by", sa.Integer(), nullable=True),
        sa.Column("imported_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("unit_catalog", "unit_code", name=op.f("pk_village_counts")),
    )


def downgrade() -> None:
    """Revert this revision."""
    op.drop_table("village_counts")
    with op.batch_alter_table("attendance_confirmations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_attendance_confirmations_member_id"))
    op.drop_table("attendance_confirmations")
