"""parked_tasks: tasks out of their plan keep no next reminder day

Revision ID: 0018_parked_tasks
Revises: 0017_delivery_channel
Create Date: 2026-12-21 13:00:00

A task a corrected plan file no longer has keeps its deadlines; before this revision their
next reminder day stayed in the past, so every run of the reminder job read them again and
passed over them. The data step empties it (NULL: nothing to remind); the import works it
out again when a file has the task back. The downgrade gives the current deadlines not done
of those tasks the day "work it out again" (2000-01-01), as before.
"""

import datetime as dt
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0018_parked_tasks"
down_revision: str | None = "0017_delivery_channel"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

RECOMPUTE = dt.date(2000, 1, 1)

deadlines = sa.table(
    "task_deadlines",
    sa.column("id", sa.Integer()),
    sa.column("assignment_id", sa.Integer()),
    sa.column("period", sa.String()),
    sa.column("active", sa.Boolean()),
    sa.column("next_remind_on", sa.Date()),
)
assignments = sa.table(
    "task_assignments", sa.column("id", sa.Integer()), sa.column("task_id", sa.Integer())
)
tasks = sa.table("tasks", sa.column("id", sa.Integer()), sa.column("in_plan", sa.Boolean()))
changes = sa.table(
    "task_status_changes",
    sa.column("id", sa.Integer()),
    sa.column("assignment_id", sa.Integer()),
    sa.column("period", sa.String()),
    sa.column("status", sa.String()),
)


def _out_of_plan() -> sa.Select:
    """The assignments of tasks out of their plan."""
    return (
        sa.select(assignments.c.id)
        .join(tasks, tasks.c.id == assignments.c.task_id)
        .where(tasks.c.in_plan == sa.false())
    )


def upgrade() -> None:
    """Apply this revision."""
    op.execute(
        deadlines.update()
        .where(
            deadlines.c.assignment_id.in_(_out_of_plan()),
            deadlines.c.next_remind_on.is_not(None),
        )
        .values(next_remind_on=None)
    )


def downgrade() -> None:
    """Revert this revision."""
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
        .where(
            deadlines.c.assignment_id.in_(_out_of_plan()),
            deadlines.c.active == sa.true(),
            deadlines.c.next_remind_on.is_(None),
            sa.func.coalesce(latest, "") != "done",
        )
        .values(next_remind_on=RECOMPUTE)
    )
