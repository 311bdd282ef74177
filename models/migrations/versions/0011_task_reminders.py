"""task reminders: deadline reminders sent, escalations, admin days off, per-task offsets

Revision ID: 0011_task_reminders
Revises: 0010_leases
Create Date: 2026-12-07 08:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlmodel.sql.sqltypes import AutoString, UTCDateTime

revision: str = "0011_task_reminders"
down_revision: str | None = "0010_leases"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    with op.batch_alter_table("tasks", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reminder_offsets", AutoString(length=100), nullable=True))
    op.create_table(
        "days_off",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("name", AutoString(length=100), nullable=False),
        sa.Column("added_at", UTCDateTime(), nullable=False),
        sa.Column("added_by_label", AutoString(length=64), nullable=False),
        sa.PrimaryKeyConstraint("day", name=op.f("pk_days_off")),
    )
    op.create_table(
        "task_reminders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("deadline_id", sa.Integer(), nullable=False),
        sa.Column("assignment_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("offset_days", sa.Integer(), nullable=False),
        sa.Column("sent_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["assignment_id"],
            ["task_assignments.id"],
            name=op.f("fk_task_reminders_assignment_id_task_assignments"),
        ),
        sa.ForeignKeyConstraint(
            ["deadline_id"],
            ["task_deadlines.id"],
            name=op.f("fk_task_reminders_deadline_id_task_deadlines"),
        ),
        sa.ForeignKeyConstraint(
            ["member_id"], ["members.id"], name=op.f("fk_task_reminders_member_id_members")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_task_reminders")),
        sa.UniqueConstraint(
            "deadline_id",
            "member_id",
            "offset_days",
            name=op.f("uq_task_reminders_deadline_id"),
        ),
    )
    with op.batch_alter_table("task_reminders", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_task_reminders_assignment_id"), ["assignment_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_task_reminders_member_id"), ["member_id"], unique=False
        )
    op.create_table(
        "task_escalations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("task_id", sa.Integer(), nullable=False),
        sa.Column("period", AutoString(length=8), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("late_organisations", sa.Integer(), nullable=False),
        sa.Column("sent_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["task_id"], ["tasks.id"], name=op.f("fk_task_escalations_task_id_tasks")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_task_escalations")),
        sa.UniqueConstraint(
            "task_id", "period", "due_on", name=op.f("uq_task_escalations_task_id")
        ),
    )


def downgrade() -> None:
    """Revert this revision."""
    op.drop_table("task_escalations")
    with op.batch_alter_table("task_reminders", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_task_reminders_member_id"))
        batch_op.drop_index(batch_op.f("ix_task_reminders_assignment_id"))
    op.drop_table("task_reminders")
    op.drop_table("days_off")
    with op.batch_alter_table("tasks", schema=None) as batch_op:
        batch_op.drop_column("reminder_offsets")
