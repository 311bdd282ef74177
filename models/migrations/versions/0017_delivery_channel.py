"""delivery_channel: the messenger kept on an announcement recipient when retention purges
their outbox rows

Rows purged before this revision keep no messenger (NULL): the reports show it as unknown.
Recipients whose outbox rows are still there need nothing: the reports read the messenger
from those rows.

Revision ID: 0017_delivery_channel
Revises: 0016_checkin_evidence
Create Date: 2026-12-21 12:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlmodel.sql.sqltypes import AutoString

revision: str = "0017_delivery_channel"
down_revision: str | None = "0016_checkin_evidence"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    with op.batch_alter_table("announcement_recipients", schema=None) as batch_op:
        batch_op.add_column(sa.Column("kept_channel", AutoString(length=16), nullable=True))


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table("announcement_recipients", schema=None) as batch_op:
        batch_op.drop_column("kept_channel")
