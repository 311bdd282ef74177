"""Tasks of the province's plans, who they are assigned to, their deadlines and statuses.

- `TaskPlan`: one plan ("KH 1690 Gia Lai"); tasks are matched by plan + number on import.
- `TaskGroup`: a numbered heading row of the appendix ("1", "2"…), not a task.
- `Task`: one task as printed, with its timing read (kind, due date or years).
- `TaskAssignment`: one task × organisation, with its current status (a cache of the latest
  `TaskStatusChange`); deactivated, never deleted, when an admin removes the organisation.
- `TaskDeadline`: one deadline of one assignment and period ("" once, "2025" yearly); moving
  a deadline deactivates the row and adds a new one, so the history stays. Its
  `next_remind_on` is the next day the reminder job looks at it (see `NEXT_*` below).
- `TaskStatusChange`: every status written (admin, reminder button, check-in), oldest first.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Index, UniqueConstraint, text
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import Field, SQLModel, col, select

from models.base import utcnow


class Source(StrEnum):
    """Who made an assignment or deadline: the plan file or an admin (admins win)."""

    PLAN = "plan"
    ADMIN = "admin"


class TaskStatus(StrEnum):
    """Where an organisation stands on a task (for a period of a yearly task)."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    BLOCKED = "blocked"


class TaskPlan(SQLModel, table=True):
    """A plan whose appendix of tasks was imported."""

    __tablename__ = "task_plans"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=120, unique=True)
    source_name: str | None = Field(default=None, max_length=200)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class TaskGroup(SQLModel, table=True):
    """A numbered heading of the appendix ("1 Rà soát, bổ sung chức năng…")."""

    __tablename__ = "task_groups"
    __table_args__ = (UniqueConstraint("plan_id", "number"),)

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="task_plans.id", index=True)
    number: str = Field(max_length=16)
    title: str = ""
    position: int = 0


class Task(SQLModel, table=True):
    """One task of a plan, as printed, with its timing read."""

    __tablename__ = "tasks"
    __table_args__ = (UniqueConstraint("plan_id", "number"),)

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="task_plans.id", index=True)
    group_id: int | None = Field(default=None, foreign_key="task_groups.id")
    number: str = Field(max_length=16)
    unnumbered: bool = False
    position: int = 0
    title: str
    lead: str = ""
    partners: str = ""
    result: str = ""
    timing_text: str = Field(default="", max_length=300)
    timing_kind: str = Field(max_length=16, index=True)
    timing_problem: str | None = Field(default=None, max_length=16)
    due_on: date | None = None
    first_year: int | None = None
    last_year: int | None = None
    timing_day: int | None = None
    timing_month: int | None = None
    override_day: int | None = None
    override_month: int | None = None
    in_plan: bool = True
    reminder_offsets: str | None = Field(default=None, max_length=100)
    """The task's own reminder offsets ("7, 1, 0"); None: the configured ones."""
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)

    @property
    def override(self) -> tuple[int, int] | None:
        """The yearly deadline day an admin set for this task, as (day, month)."""
        if self.override_day is None or self.override_month is None:
            return None
        return (self.override_day, self.override_month)


class TaskAssignment(SQLModel, table=True):
    """One task assigned to one organisation, with its latest status."""

    __tablename__ = "task_assignments"
    __table_args__ = (UniqueConstraint("task_id", "organisation_id"),)

    id: int | None = Field(default=None, primary_key=True)
    task_id: int = Field(foreign_key="tasks.id", index=True)
    organisation_id: int = Field(foreign_key="organisations.id", index=True)
    source: str = Field(default=Source.PLAN, max_length=8)
    active: bool = True
    status: str = Field(default=TaskStatus.NOT_STARTED, max_length=16)
    status_period: str | None = Field(default=None, max_length=8)
    status_at: datetime | None = None
    status_by_member_id: int | None = None
    status_by_label: str | None = Field(default=None, max_length=64)
    created_at: datetime = Field(default_factory=utcnow)
    created_by_label: str = Field(default="import", max_length=64)
    removed_at: datetime | None = None
    removed_by_label: str | None = Field(default=None, max_length=64)


NEXT_RECOMPUTE = date(2000, 1, 1)
"""`next_remind_on` of a deadline whose reminder days the next run of the reminder job works
out again (new deadlines; a task's offsets, the rules or the days off changed; reopened)."""
NEXT_NONE = date(9999, 12, 31)
"""`next_remind_on` of a deadline not done that has no reminder left under the current
rules (no repeat while overdue, or past the overdue horizon). NULL: done, replaced, or its
task out of its plan."""


class TaskDeadline(SQLModel, table=True):
    """One deadline of an assignment for one period; inactive once moved or removed."""

    __tablename__ = "task_deadlines"
    __table_args__ = (
        Index("ix_task_deadlines_due", "active", "due_on"),
        Index(
            "ix_task_deadlines_next_remind",
            "next_remind_on",
            "id",
            sqlite_where=text("next_remind_on IS NOT NULL"),
            postgresql_where=text("next_remind_on IS NOT NULL"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    assignment_id: int = Field(foreign_key="task_assignments.id", index=True)
    period: str = Field(default="", max_length=8)
    due_on: date
    active: bool = True
    source: str = Field(default=Source.PLAN, max_length=8)
    set_at: datetime = Field(default_factory=utcnow)
    set_by_member_id: int | None = None
    set_by_label: str = Field(default="import", max_length=64)
    replaced_at: datetime | None = None
    note: str | None = Field(default=None, max_length=200)
    next_remind_on: date | None = NEXT_RECOMPUTE
    """The next local day a reminder of this deadline may be due (NULL: never again)."""


class TaskStatusChange(SQLModel, table=True):
    """A status written for an assignment and period, by whom and from where."""

    __tablename__ = "task_status_changes"

    id: int | None = Field(default=None, primary_key=True)
    assignment_id: int = Field(foreign_key="task_assignments.id", index=True)
    period: str = Field(default="", max_length=8)
    status: str = Field(max_length=16)
    percent: int | None = None
    note: str | None = Field(default=None, max_length=1000)
    source: str = Field(max_length=16)
    at: datetime = Field(default_factory=utcnow)
    by_member_id: int | None = None
    by_label: str = Field(max_length=64)


async def plans(session: AsyncSession) -> list[TaskPlan]:
    """Every imported plan, oldest first."""
    result = await session.execute(select(TaskPlan).order_by(col(TaskPlan.id)))
    return list(result.scalars())


async def plan_by_name(session: AsyncSession, *, name: str) -> TaskPlan | None:
    """The plan with this exact name."""
    result = await session.execute(select(TaskPlan).where(TaskPlan.name == name))
    return result.scalar_one_or_none()


async def groups_of(session: AsyncSession, *, plan_id: int) -> list[TaskGroup]:
    """The groups of a plan in printed order."""
    result = await session.execute(
        select(TaskGroup).where(TaskGroup.plan_id == plan_id).order_by(col(TaskGroup.position))
    )
    return list(result.scalars())


async def tasks_of(
    session: AsyncSession, *, plan_id: int, kind: str | None = None, in_plan: bool = True
) -> list[Task]:
    """The tasks of a plan in printed order (optionally of one timing kind)."""
    query = select(Task).where(Task.plan_id == plan_id)
    if in_plan:
        query = query.where(col(Task.in_plan))
    if kind is not None:
        query = query.where(Task.timing_kind == kind)
    result = await session.execute(query.order_by(col(Task.position)))
    return list(result.scalars())


async def task_by_number(session: AsyncSession, *, plan_id: int, number: str) -> Task | None:
    """A plan's task by its number ("5.2")."""
    result = await session.execute(
        select(Task).where(Task.plan_id == plan_id, Task.number == number)
    )
    return result.scalar_one_or_none()


async def get_task(session: AsyncSession, *, task_id: int) -> Task | None:
    """One task by id."""
    return await session.get(Task, task_id)


async def get_group(session: AsyncSession, *, group_id: int) -> TaskGroup | None:
    """One group of tasks by id."""
    return await session.get(TaskGroup, group_id)
