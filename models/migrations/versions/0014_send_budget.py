"""send_budget: one send budget per channel (and per chat) shared by all processes

Revision ID: 0014_send_budget
Revises: 0013_checkins
Create Date: 2026-12-20 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlmodel.sql.sqltypes import AutoString

revision: str = "0014_send_budget"
down_revision: str | None = "0013_checkins"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "send_budget",
        sa.Column("key", AutoString(length=96), nullable=False),
        sa.Column("tat", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_send_budget")),
    )


def downgrade() -> None:
    """Revert this revision."""
    op.drop_table("send_budget")
