"""registration: organisations, teams, invites, unit change requests

Revision ID: 0002_registration
Revises: 0001_foundation
Create Date: 2026-11-29 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlmodel.sql.sqltypes import AutoString, UTCDateTime

revision: str = "0002_registration"
down_revision: str | None = "0001_foundation"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "organisations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", AutoString(length=60), nullable=True),
        sa.Column("kind", AutoString(length=16), nullable=False),
        sa.Column("name", AutoString(length=200), nullable=False),
        sa.Column("short_name", AutoString(length=60), nullable=True),
        sa.Column("unit_catalog", AutoString(length=8), nullable=True),
        sa.Column("unit_code", AutoString(length=10), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organisations")),
        sa.UniqueConstraint("key", name=op.f("uq_organisations_key")),
    )
    with op.batch_alter_table("organisations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_organisations_kind"), ["kind"], unique=False)

    op.create_table(
        "teams",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", AutoString(length=120), nullable=False),
        sa.Column("unit_catalog", AutoString(length=8), nullable=False),
        sa.Column("unit_code", AutoString(length=10), nullable=False),
        sa.Column("village", AutoString(length=120), nullable=False),
        sa.Column("village_key", AutoString(length=120), nullable=False),
        sa.Column("leader_member_id", sa.Integer(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.Column("deactivated_at", UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["leader_member_id"],
            ["members.id"],
            name=op.f("fk_teams_leader_member_id_members"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_teams")),
    )
    with op.batch_alter_table("teams", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_teams_leader_member_id"), ["leader_member_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_teams_unit_code"), ["unit_code"], unique=False)

    op.create_table(
        "invites",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", AutoString(length=24), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=False),
        sa.Column("category", AutoString(length=40), nullable=True),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("unit_catalog", AutoString(length=8), nullable=True),
        sa.Column("unit_code", AutoString(length=10), nullable=True),
        sa.Column("team_id", sa.Integer(), nullable=True),
        sa.Column("auto_approve", sa.Boolean(), nullable=False),
        sa.Column("max_uses", sa.Integer(), nullable=False),
        sa.Column("uses", sa.Integer(), nullable=False),
        sa.Column("expires_at", UTCDateTime(), nullable=False),
        sa.Column("revoked_at", UTCDateTime(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invites")),
        sa.UniqueConstraint("code", name=op.f("uq_invites_code")),
    )
    with op.batch_alter_table("invites", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_invites_created_by"), ["created_by"], unique=False)

    op.create_table(
        "unit_change_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("from_catalog", AutoString(length=8), nullable=True),
        sa.Column("from_code", AutoString(length=10), nullable=True),
        sa.Column("to_catalog", AutoString(length=8), nullable=False),
        sa.Column("to_code", AutoString(length=10), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("status", AutoString(length=16), nullable=False),
        sa.Column("reason", AutoString(length=200), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("decided_at", UTCDateTime(), nullable=True),
        sa.Column("decided_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name=op.f("fk_unit_change_requests_member_id_members"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unit_change_requests")),
    )
    with op.batch_alter_table("unit_change_requests", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_unit_change_requests_member_id"), ["member_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_unit_change_requests_status"), ["status"], unique=False
        )


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table("unit_change_requests", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_unit_change_requests_status"))
        batch_op.drop_index(batch_op.f("ix_unit_change_requests_member_id"))
    op.drop_table("unit_change_requests")

    with op.batch_alter_table("invites", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_invites_created_by"))
    op.drop_table("invites")

    with op.batch_alter_table("teams", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_teams_unit_code"))
        batch_op.drop_index(batch_op.f("ix_teams_leader_member_id"))
    op.drop_table("teams")

    with op.batch_alter_table("organisations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_organisations_kind"))
    op.drop_table("organisations")
