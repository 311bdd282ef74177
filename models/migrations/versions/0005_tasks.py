"""tasks: plans, their groups and tasks, assignments per organisation, deadlines and statuses

Revision ID: 0005_tasks
Revises: 0004_option_sets
Create Date: 2026-12-02 03:26:40.518362
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlmodel.sql.sqltypes import AutoString, UTCDateTime

revision: str = "0005_tasks"
down_revision: str | None = "0004_option_sets"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "task_plans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", AutoString(length=120), nullable=False),
        sa.Column("source_name", AutoString(length=200), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_task_plans")),
        sa.UniqueConstraint("name", name=op.f("uq_task_plans_name")),
    )
    op.create_table(
        "task_groups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("number", AutoString(length=16), nullable=False),
        sa.Column("title", AutoString(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["task_plans.id"], name=op.f("fk_task_groups_plan_id_task_plans")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_task_groups")),
        sa.UniqueConstraint("plan_id", "number", name=op.f("uq_task_groups_plan_id")),
    )
    with op.batch_alter_table("task_groups", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_task_groups_plan_id"), ["plan_id"], unique=False)

    op.create_table(
        "tasks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=True),
        sa.Column("number", AutoString(length=16), nullable=False),
        sa.Column("unnumbered", sa.Boolean(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", AutoString(), nullable=False),
        sa.Column("lead", AutoString(), nullable=False),
        sa.Column("partners", AutoString(), nullable=False),
        sa.Column("result", AutoString(), nullable=False),
        sa.Column("timing_text", AutoString(length=300), nullable=False),
        sa.Column("timing_kind", AutoString(length=16), nullable=False),
        sa.Column("timing_problem", AutoString(length=16), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("first_year", sa.Integer(), nullable=True),
        sa.Column("last_year", sa.Integer(), nullable=True),
        sa.Column("timing_day", sa.Integer(), nullable=True),
        sa.Column("timing_month", sa.Integer(), nullable=True),
        sa.Column("override_day", sa.Integer(), nullable=True),
        sa.Column("override_month", sa.Integer(), nullable=True),
        sa.Column("in_plan", sa.Boolean(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["group_id"], ["task_groups.id"], name=op.f("fk_tasks_group_id_task_groups")
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["task_plans.id"], name=op.f("fk_tasks_plan_id_task_plans")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tasks")),
        sa.UniqueConstraint("plan_id", "number", name=op.f("uq_tasks_plan_id")),
    )
    with op.batch_alter_table("tasks", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_tasks_plan_id"), ["plan_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_tasks_timing_kind"), ["timing_kind"], unique=False)

    op.create_table(
        "task_assignments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("task_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("source", AutoString(length=8), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("status", AutoString(length=16), nullable=False),
        sa.Column("status_period", AutoString(length=8), nullable=True),
        sa.Column("status_at", UTCDateTime(), nullable=True),
        sa.Column("status_by_member_id", sa.Integer(), nullable=True),
        sa.Column("status_by_label", AutoString(length=64), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("created_by_label", AutoString(length=64), nullable=False),
        sa.Column("removed_at", UTCDateTime(), nullable=True),
        sa.Column("removed_by_label", AutoString(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_task_assignments_organisation_id_organisations"),
        ),
        sa.ForeignKeyConstraint(
            ["task_id"], ["tasks.id"], name=op.f("fk_task_assignments_task_id_tasks")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_task_assignments")),
        sa.UniqueConstraint(
            "task_id", "organisation_id", name=op.f("uq_task_assignments_task_id")
        ),
    )
    with op.batch_alter_table("task_assignments", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_task_assignments_organisation_id"), ["organisation_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_task_assignments_task_id"), ["task_id"], unique=False)

    op.create_table(
        "task_deadlines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("assignment_id", sa.Integer(), nullable=False),
        sa.Column("period", AutoString(length=8), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("source", AutoString(length=8), nullable=False),
        sa.Column("set_at", UTCDateTime(), nullable=False),
        sa.Column("set_by_member_id", sa.Integer(), nullable=True),
        sa.Column("set_by_label", AutoString(length=64), nullable=False),
        sa.Column("replaced_at", UTCDateTime(), nullable=True),
        sa.Column("note", AutoString(length=200), nullable=True),
        sa.ForeignKeyConstraint(
            ["assignment_id"],
            ["task_assignments.id"],
            name=op.f("fk_task_deadlines_assignment_id_task_assignments"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_task_deadlines")),
    )
    with op.batch_alter_table("task_deadlines", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_task_deadlines_assignment_id"), ["assignment_id"], unique=False
        )
        batch_op.create_index("ix_task_deadlines_due", ["active", "due_on"], unique=False)

    op.create_table(
        "task_status_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("assignment_id", sa.Integer(), nullable=False),
        sa.Column("period", AutoString(length=8), nullable=False),
        sa.Column("status", AutoString(length=16), nullable=False),
        sa.Column("percent", sa.Integer(), nullable=True),
        sa.Column("note", AutoString(length=1000), nullable=True),
        sa.Column("source", AutoString(length=16), nullable=False),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.Column("by_member_id", sa.Integer(), nullable=True),
        sa.Column("by_label", AutoString(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["assignment_id"],
            ["task_assignments.id"],
            name=op.f("fk_task_status_changes_assignment_id_task_assignments"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_task_status_changes")),
    )
    with op.batch_alter_table("task_status_changes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_task_status_changes_assignment_id"), ["assignment_id"], unique=False
        )


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table("task_status_changes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_task_status_changes_assignment_id"))

    op.drop_table("task_status_changes")
    with op.batch_alter_table("task_deadlines", schema=None) as batch_op:
        batch_op.drop_index("ix_task_deadlines_due")
        batch_op.drop_index(batch_op.f("ix_task_deadlines_assignment_id"))

    op.drop_table("task_deadlines")
    with op.batch_alter_table("task_assignments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_task_assignments_task_id"))
        batch_op.drop_index(batch_op.f("ix_task_assignments_organisation_id"))

    op.drop_table("task_assignments")
    with op.batch_alter_table("tasks", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_tasks_timing_kind"))
        batch_op.drop_index(batch_op.f("ix_tasks_plan_id"))

    op.drop_table("tasks")
    with op.batch_alter_table("task_groups", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_task_groups_plan_id"))

    op.drop_table("task_groups")
    op.drop_table("task_plans")
