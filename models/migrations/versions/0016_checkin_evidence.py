"""checkin_evidence: a check-in answer may link a photo or document sent as evidence

Revision ID: 0016_checkin_evidence
Revises: 0015_reminder_next_at
Create Date: 2026-12-21 11:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016_checkin_evidence"
down_revision: str | None = "0015_reminder_next_at"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    with op.batch_alter_table("checkin_answers", schema=None) as batch_op:
        batch_op.add_column(sa.Column("evidence_file_id", sa.Integer(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_checkin_answers_evidence_file_id"), ["evidence_file_id"], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_checkin_answers_evidence_file_id_announcement_files"),
            "announcement_files",
            ["evidence_file_id"],
            ["id"],
        )


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table("checkin_answers", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_checkin_answers_evidence_file_id_announcement_files"),
            type_="foreignkey",
        )
        batch_op.drop_index(batch_op.f("ix_checkin_answers_evidence_file_id"))
        batch_op.drop_column("evidence_file_id")
