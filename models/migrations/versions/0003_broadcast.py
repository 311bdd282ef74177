"""broadcast: outbox, announcements, their files and recipients

Revision ID: 0003_broadcast
Revises: 0002_registration
Create Date: 2026-11-29 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlmodel.sql.sqltypes import AutoString, UTCDateTime

revision: str = "0003_broadcast"
down_revision: str | None = "0002_registration"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "outbox_payloads",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("digest", AutoString(length=64), nullable=False),
        sa.Column("body", AutoString(), nullable=False),
        sa.Column("document", sa.LargeBinary(), nullable=True),
        sa.Column("image", sa.LargeBinary(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox_payloads")),
        sa.UniqueConstraint("digest", name=op.f("uq_outbox_payloads_digest")),
    )

    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("identity_id", sa.Integer(), nullable=False),
        sa.Column("channel", AutoString(length=16), nullable=False),
        sa.Column("chat_id", AutoString(length=64), nullable=False),
        sa.Column("external_id", AutoString(length=64), nullable=False),
        sa.Column("payload_id", sa.Integer(), nullable=False),
        sa.Column("priority", sa.Integer(), nullable=False),
        sa.Column("kind", AutoString(length=32), nullable=False),
        sa.Column("dedupe_key", AutoString(length=120), nullable=True),
        sa.Column("urgent", sa.Boolean(), nullable=False),
        sa.Column("not_before", UTCDateTime(), nullable=True),
        sa.Column("state", AutoString(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", AutoString(length=200), nullable=True),
        sa.Column("claimed_at", UTCDateTime(), nullable=True),
        sa.Column("claimed_by", AutoString(length=64), nullable=True),
        sa.Column("sent_at", UTCDateTime(), nullable=True),
        sa.Column("message_id", AutoString(length=64), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["identity_id"],
            ["channel_identities.id"],
            name=op.f("fk_outbox_identity_id_channel_identities"),
        ),
        sa.ForeignKeyConstraint(
            ["member_id"], ["members.id"], name=op.f("fk_outbox_member_id_members")
        ),
        sa.ForeignKeyConstraint(
            ["payload_id"],
            ["outbox_payloads.id"],
            name=op.f("fk_outbox_payload_id_outbox_payloads"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox")),
        sa.UniqueConstraint("dedupe_key", "identity_id", name=op.f("uq_outbox_dedupe_key")),
    )
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.create_index("ix_outbox_due", ["state", "priority", "id"], unique=False)
        batch_op.create_index("ix_outbox_member", ["member_id", "dedupe_key"], unique=False)

    op.create_table(
        "announcement_files",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", AutoString(length=16), nullable=False),
        sa.Column("filename", AutoString(length=200), nullable=False),
        sa.Column("mime_type", AutoString(length=100), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("uploaded_by", sa.Integer(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_announcement_files")),
    )

    op.create_table(
        "announcements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", AutoString(length=16), nullable=False),
        sa.Column("title", AutoString(length=200), nullable=False),
        sa.Column("body", AutoString(length=4096), nullable=False),
        sa.Column("author_member_id", sa.Integer(), nullable=False),
        sa.Column("audience", AutoString(), nullable=False),
        sa.Column("attachment_id", sa.Integer(), nullable=True),
        sa.Column("event_at", UTCDateTime(), nullable=True),
        sa.Column("place", AutoString(length=300), nullable=True),
        sa.Column("rsvp", sa.Boolean(), nullable=False),
        sa.Column("corrects_id", sa.Integer(), nullable=True),
        sa.Column("state", AutoString(length=16), nullable=False),
        sa.Column("send_at", UTCDateTime(), nullable=False),
        sa.Column("urgent", sa.Boolean(), nullable=False),
        sa.Column("payload_id", sa.Integer(), nullable=True),
        sa.Column("file_payload_id", sa.Integer(), nullable=True),
        sa.Column("cursor", sa.Integer(), nullable=False),
        sa.Column("recipients", sa.Integer(), nullable=False),
        sa.Column("released_at", UTCDateTime(), nullable=True),
        sa.Column("finished_at", UTCDateTime(), nullable=True),
        sa.Column("cancelled_at", UTCDateTime(), nullable=True),
        sa.Column("reminded_at", UTCDateTime(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["attachment_id"],
            ["announcement_files.id"],
            name=op.f("fk_announcements_attachment_id_announcement_files"),
        ),
        sa.ForeignKeyConstraint(
            ["author_member_id"],
            ["members.id"],
            name=op.f("fk_announcements_author_member_id_members"),
        ),
        sa.ForeignKeyConstraint(
            ["corrects_id"],
            ["announcements.id"],
            name=op.f("fk_announcements_corrects_id_announcements"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_announcements")),
    )
    with op.batch_alter_table("announcements", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_announcements_author_member_id"), ["author_member_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_announcements_corrects_id"), ["corrects_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_announcements_state"), ["state"], unique=False)

    op.create_table(
        "announcement_recipients",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("announcement_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("unit_catalog", AutoString(length=8), nullable=True),
        sa.Column("unit_code", AutoString(length=10), nullable=True),
        sa.Column("reached", sa.Boolean(), nullable=False),
        sa.Column("acked_at", UTCDateTime(), nullable=True),
        sa.Column("answer", AutoString(length=8), nullable=True),
        sa.Column("reason", AutoString(length=300), nullable=True),
        sa.Column("answered_at", UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["announcement_id"],
            ["announcements.id"],
            name=op.f("fk_announcement_recipients_announcement_id_announcements"),
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name=op.f("fk_announcement_recipients_member_id_members"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_announcement_recipients")),
        sa.UniqueConstraint(
            "announcement_id",
            "member_id",
            name=op.f("uq_announcement_recipients_announcement_id"),
        ),
    )
    with op.batch_alter_table("announcement_recipients", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_announcement_recipients_member_id"), ["member_id"], unique=False
        )


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table("announcement_recipients", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_announcement_recipients_member_id"))
    op.drop_table("announcement_recipients")

    with op.batch_alter_table("announcements", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_announcements_state"))
        batch_op.drop_index(batch_op.f("ix_announcements_corrects_id"))
        batch_op.drop_index(batch_op.f("ix_announcements_author_member_id"))
    op.drop_table("announcements")
    op.drop_table("announcement_files")

    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_index("ix_outbox_member")
        batch_op.drop_index("ix_outbox_due")
    op.drop_table("outbox")
    op.drop_table("outbox_payloads")
