"""option sets: numbered option tokens and the last set shown to each account

Revision ID: 0004_option_sets
Revises: 0003_broadcast
Create Date: 2026-12-06 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlmodel.sql.sqltypes import AutoString, UTCDateTime

revision: str = "0004_option_sets"
down_revision: str | None = "0003_broadcast"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    with op.batch_alter_table("option_tokens", schema=None) as batch_op:
        batch_op.add_column(sa.Column("set_id", AutoString(length=24), nullable=True))
        batch_op.add_column(sa.Column("number", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_option_tokens_set_id"), ["set_id"], unique=False)

    op.create_table(
        "last_choices",
        sa.Column("channel", AutoString(length=16), nullable=False),
        sa.Column("external_id", AutoString(length=64), nullable=False),
        sa.Column("set_id", AutoString(length=24), nullable=False),
        sa.Column("heading", AutoString(length=200), nullable=False),
        sa.Column("columns", sa.Integer(), nullable=False),
        sa.Column("question_after", sa.Boolean(), nullable=False),
        sa.Column("shown_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("channel", "external_id", name=op.f("pk_last_choices")),
    )
    with op.batch_alter_table("last_choices", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_last_choices_shown_at"), ["shown_at"], unique=False)


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table("last_choices", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_last_choices_shown_at"))
    op.drop_table("last_choices")

    with op.batch_alter_table("option_tokens", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_option_tokens_set_id"))
        batch_op.drop_column("number")
        batch_op.drop_column("set_id")
