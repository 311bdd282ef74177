"""reminder_next_at: each deadline's next reminder day (indexed), and what it was worked out with

Revision ID: 0015_reminder_next_at
Revises: 0014_send_budget
Create Date: 2026-12-21 10:00:00

The data step gives every current deadline not done the day "work it out again"
(2000-01-01): the first run of the reminder job after the upgrade finds them all, sends only
the latest reminder due (none that was already sent) and stores each one's next day.
Replaced deadlines and those whose latest status is "done" get NULL (never again).
"""

import datetime as dt
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlmodel.sql.sqltypes import AutoString, UTCDateTime

revision: str = "0015_reminder_next_at"
down_revision: str | None = "0014_send_budget"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

RECOMPUTE = dt.date(2000, 1, 1)


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "reminder_basis",
        sa.Column("name", AutoString(length=32), nullable=False),
        sa.Column("fingerprint", AutoString(length=64), nullable=False),
        sa.Column("changed_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_reminder_basis")),
    )
    with op.batch_alter_table("task_deadlines", schema=None) as batch_op:
        batch_op.add_column(sa.Column("next_remind_on", sa.Date(), nullable=True))
        batch_op.create_index(
            "ix_task_deadlines_next_remind",
            ["next_remind_on", "id"],
            unique=False,
            sqlite_where=sa.text("next_remind_on IS NOT NULL"),
            postgresql_where=sa.text("next_remind_on IS NOT NULL"),
        )
    deadlines = sa.table(
        "task_deadlines",
        sa.column("id", sa.Integer()),
        sa.column("assignment_id", sa.Integer()),
        sa.column("period", sa.String()),
        sa.column("active", sa.Boolean()),
        sa.column("next_remind_on", sa.Date()),
    )
    changes = sa.table(
        "task_status_changes",
        sa.column("id", sa.Integer()),
        sa.column("assignment_id", sa.Integer()),
        sa.column("period", sa.String()),
        sa.column("status", sa.String()),
    )
    latest = (
        sa.select(changes.c.status)
        .where(
            changes.c.assignment_id == deadlines.c.assignment_id,
            changes.c.period == deadlines.c.period,
        )
        .order_by(changes.c.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    op.execute(
        deadlines.update()
        .where(deadlines.c.active == sa.true(), sa.func.coalesce(latest, "") != "done")
        .values(next_remind_on=RECOMPUTE)
    )


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table("task_deadlines", schema=None) as batch_op:
        batch_op.drop_index(
            "ix_task_deadlines_next_remind",
            sqlite_where=sa.text("next_remind_on IS NOT NULL"),
            postgresql_where=sa.text("next_remind_on IS NOT NULL"),
        )
        batch_op.drop_column("next_remind_on")
    op.drop_table("reminder_basis")
