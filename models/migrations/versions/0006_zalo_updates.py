"""zalo_updates: Zalo message ids already taken in (a redelivered message is answered once)

Revision ID: 0006_zalo_updates
Revises: 0005_tasks
Create Date: 2026-12-08 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlmodel.sql.sqltypes import AutoString, UTCDateTime

revision: str = "0006_zalo_updates"
down_revision: str | None = "0005_tasks"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "zalo_updates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("message_id", AutoString(length=64), nullable=False),
        sa.Column("chat_id", AutoString(length=64), nullable=False),
        sa.Column("seen_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_zalo_updates")),
        sa.UniqueConstraint("message_id", name=op.f("uq_zalo_updates_message_id")),
    )
    with op.batch_alter_table("zalo_updates", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_zalo_updates_seen_at"), ["seen_at"], unique=False)


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table("zalo_updates", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_zalo_updates_seen_at"))
    op.drop_table("zalo_updates")
