"""retention: kept delivery of announcement recipients, indexes for the age sweeps

Revision ID: 0007_retention
Revises: 0006_zalo_updates
Create Date: 2026-12-10 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlmodel.sql.sqltypes import AutoString

revision: str = "0007_retention"
down_revision: str | None = "0006_zalo_updates"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    with op.batch_alter_table("announcement_recipients", schema=None) as batch_op:
        batch_op.add_column(sa.Column("kept_delivery", AutoString(length=16), nullable=True))
    op.create_index("ix_outbox_finished", "outbox", ["state", "created_at"], unique=False)
    op.create_index("ix_outbox_payload", "outbox", ["payload_id"], unique=False)
    op.create_index(
        "ix_outbox_payloads_created_at", "outbox_payloads", ["created_at"], unique=False
    )
    op.create_index(
        "ix_announcement_files_created_at", "announcement_files", ["created_at"], unique=False
    )


def downgrade() -> None:
    """Revert this revision."""
    op.drop_index("ix_announcement_files_created_at", table_name="announcement_files")
    op.drop_index("ix_outbox_payloads_created_at", table_name="outbox_payloads")
    op.drop_index("ix_outbox_payload", table_name="outbox")
    op.drop_index("ix_outbox_finished", table_name="outbox")
    with op.batch_alter_table("announcement_recipients", schema=None) as batch_op:
        batch_op.drop_column("kept_delivery")
