"""file links: files sent by signed download link to people whose messenger takes none

Revision ID: 0012_file_links
Revises: 0011_task_reminders
Create Date: 2026-12-20 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlmodel.sql.sqltypes import AutoString, UTCDateTime

revision: str = "0012_file_links"
down_revision: str | None = "0011_task_reminders"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "file_link_contents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("digest", AutoString(length=64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_file_link_contents")),
        sa.UniqueConstraint("digest", name=op.f("uq_file_link_contents_digest")),
    )
    with op.batch_alter_table("file_link_contents", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_file_link_contents_created_at"), ["created_at"], unique=False
        )
    op.create_table(
        "file_links",
        sa.Column("id", AutoString(length=32), nullable=False),
        sa.Column("token_hash", AutoString(length=64), nullable=False),
        sa.Column("content_id", sa.Integer(), nullable=False),
        sa.Column("filename", AutoString(length=255), nullable=False),
        sa.Column("mime_type", AutoString(length=128), nullable=False),
        sa.Column("channel", AutoString(length=16), nullable=False),
        sa.Column("external_id", AutoString(length=64), nullable=False),
        sa.Column("single_use", sa.Boolean(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("expires_at", UTCDateTime(), nullable=False),
        sa.Column("used_at", UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["content_id"],
            ["file_link_contents.id"],
            name=op.f("fk_file_links_content_id_file_link_contents"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_file_links")),
    )
    with op.batch_alter_table("file_links", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_file_links_content_id"), ["content_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_file_links_expires_at"), ["expires_at"], unique=False)


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table("file_links", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_file_links_expires_at"))
        batch_op.drop_index(batch_op.f("ix_file_links_content_id"))
    op.drop_table("file_links")
    with op.batch_alter_table("file_link_contents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_file_link_contents_created_at"))
    op.drop_table("file_link_contents")
