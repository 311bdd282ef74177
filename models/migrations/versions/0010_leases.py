"""leases: a named role (the scheduler leader) held by one process at a time

Revision ID: 0010_leases
Revises: 0009_linking
Create Date: 2026-12-15 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlmodel.sql.sqltypes import AutoString, UTCDateTime

revision: str = "0010_leases"
down_revision: str | None = "0009_linking"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "leases",
        sa.Column("name", AutoString(length=64), nullable=False),
        sa.Column("holder", AutoString(length=128), nullable=False),
        sa.Column("expires_at", UTCDateTime(), nullable=False),
        sa.Column("renewed_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_leases")),
    )


def downgrade() -> None:
    """Revert this revision."""
    op.drop_table("leases")
