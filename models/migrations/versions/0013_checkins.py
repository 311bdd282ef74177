"""checkins: progress check-in rounds, their people and answers, members on leave

Revision ID: 0013_checkins
Revises: 0012_file_links
Create Date: 2026-12-20 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlmodel.sql.sqltypes import AutoString, UTCDateTime

revision: str = "0013_checkins"
down_revision: str | None = "0012_file_links"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "checkin_leaves",
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("until", sa.Date(), nullable=False),
        sa.Column("set_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"], ["members.id"], name=op.f("fk_checkin_leaves_member_id_members")
        ),
        sa.PrimaryKeyConstraint("member_id", name=op.f("pk_checkin_leaves")),
    )
    op.create_table(
        "checkin_rounds",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("series_id", sa.Integer(), nullable=True),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("title", AutoString(length=200), nullable=False),
        sa.Column("author_member_id", sa.Integer(), nullable=False),
        sa.Column("audience", AutoString(), nullable=False),
        sa.Column("questions", AutoString(), nullable=False),
        sa.Column("state", AutoString(length=16), nullable=False),
        sa.Column("recurrence", AutoString(length=16), nullable=False),
        sa.Column("opens_at", UTCDateTime(), nullable=False),
        sa.Column("closes_at", UTCDateTime(), nullable=False),
        sa.Column("opened_at", UTCDateTime(), nullable=True),
        sa.Column("closed_at", UTCDateTime(), nullable=True),
        sa.Column("cancelled_at", UTCDateTime(), nullable=True),
        sa.Column("reminded_half_at", UTCDateTime(), nullable=True),
        sa.Column("reminded_late_at", UTCDateTime(), nullable=True),
        sa.Column("reported_at", UTCDateTime(), nullable=True),
        sa.Column("next_created", sa.Boolean(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_member_id"],
            ["members.id"],
            name=op.f("fk_checkin_rounds_author_member_id_members"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_checkin_rounds")),
        sa.UniqueConstraint("series_id", "sequence", name=op.f("uq_checkin_rounds_series_id")),
    )
    with op.batch_alter_table("checkin_rounds", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_checkin_rounds_author_member_id"), ["author_member_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_checkin_rounds_series_id"), ["series_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_checkin_rounds_state"), ["state"], unique=False)

    op.create_table(
        "checkin_people",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("questions", sa.Integer(), nullable=False),
        sa.Column("on_leave", sa.Boolean(), nullable=False),
        sa.Column("submitted_at", UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["member_id"], ["members.id"], name=op.f("fk_checkin_people_member_id_members")
        ),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["checkin_rounds.id"],
            name=op.f("fk_checkin_people_round_id_checkin_rounds"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_checkin_people")),
        sa.UniqueConstraint("round_id", "member_id", name=op.f("uq_checkin_people_round_id")),
    )
    with op.batch_alter_table("checkin_people", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_checkin_people_member_id"), ["member_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_checkin_people_round_id"), ["round_id"], unique=False)

    op.create_table(
        "checkin_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("assignment_id", sa.Integer(), nullable=False),
        sa.Column("status", AutoString(length=16), nullable=False),
        sa.Column("percent", sa.Integer(), nullable=True),
        sa.Column("note", AutoString(length=1000), nullable=True),
        sa.Column("change_id", sa.Integer(), nullable=True),
        sa.Column("answered_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["assignment_id"],
            ["task_assignments.id"],
            name=op.f("fk_checkin_answers_assignment_id_task_assignments"),
        ),
        sa.ForeignKeyConstraint(
            ["change_id"],
            ["task_status_changes.id"],
            name=op.f("fk_checkin_answers_change_id_task_status_changes"),
        ),
        sa.ForeignKeyConstraint(
            ["member_id"], ["members.id"], name=op.f("fk_checkin_answers_member_id_members")
        ),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["checkin_rounds.id"],
            name=op.f("fk_checkin_answers_round_id_checkin_rounds"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_checkin_answers")),
        sa.UniqueConstraint(
            "round_id", "member_id", "assignment_id", name=op.f("uq_checkin_answers_round_id")
        ),
    )
    with op.batch_alter_table("checkin_answers", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_checkin_answers_round_id"), ["round_id"], unique=False
        )

    op.create_table(
        "checkin_replies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("question", sa.Integer(), nullable=False),
        sa.Column("value", AutoString(length=300), nullable=False),
        sa.Column("answered_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"], ["members.id"], name=op.f("fk_checkin_replies_member_id_members")
        ),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["checkin_rounds.id"],
            name=op.f("fk_checkin_replies_round_id_checkin_rounds"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_checkin_replies")),
        sa.UniqueConstraint(
            "round_id", "member_id", "question", name=op.f("uq_checkin_replies_round_id")
        ),
    )
    with op.batch_alter_table("checkin_replies", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_checkin_replies_round_id"), ["round_id"], unique=False
        )


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table("checkin_replies", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_checkin_replies_round_id"))

    op.drop_table("checkin_replies")
    with op.batch_alter_table("checkin_answers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_checkin_answers_round_id"))

    op.drop_table("checkin_answers")
    with op.batch_alter_table("checkin_people", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_checkin_people_round_id"))
        batch_op.drop_index(batch_op.f("ix_checkin_people_member_id"))

    op.drop_table("checkin_people")
    with op.batch_alter_table("checkin_rounds", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_checkin_rounds_state"))
        batch_op.drop_index(batch_op.f("ix_checkin_rounds_series_id"))
        batch_op.drop_index(batch_op.f("ix_checkin_rounds_author_member_id"))

    op.drop_table("checkin_rounds")
    op.drop_table("checkin_leaves")
