"""Deadlines of tasks per organisation: derived from the printed timing, set or moved by an
admin (an admin's date wins over the plan's), rolled forward each year, queried by date.

A deadline is never edited in place: moving it deactivates the row and adds a new one.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from models import audit, task_reminders, task_timing
from models.task_timing import Problem, Timing, TimingKind
from models.tasks import Source, Task, TaskAssignment, TaskDeadline


@dataclass(frozen=True)
class DueDeadline:
    """A deadline with its assignment and task (what a reminder needs)."""

    deadline: TaskDeadline
    assignment: TaskAssignment
    task: Task


def timing_of(task: Task) -> Timing:
    """The stored reading of a task's timing."""
    return Timing(
        text=task.timing_text,
        kind=TimingKind(task.timing_kind),
        due=task.due_on,
        first_year=task.first_year,
        last_year=task.last_year,
        day=task.timing_day,
        month=task.timing_month,
        problem=Problem(task.timing_problem) if task.timing_problem else None,
    )


def plan_deadlines(
    task: Task, *, today: dt.date, default_day: tuple[int, int]
) -> list[tuple[str, dt.date]]:
    """The (period, due date) pairs a task's printed timing gives from today on."""
    return task_timing.deadlines(
        timing_of(task), today=today, default_day=default_day, override=task.override
    )


async def active_deadlines(
    session: AsyncSession, *, assignment_ids: Sequence[int]
) -> dict[int, list[TaskDeadline]]:
    """The current deadlines of each assignment, soonest first."""
    found: dict[int, list[TaskDeadline]] = {assignment_id: [] for assignment_id in assignment_ids}
    if not assignment_ids:
        return found
    result = await session.execute(
        select(TaskDeadline)
        .where(col(TaskDeadline.assignment_id).in_(list(assignment_ids)), col(TaskDeadline.active))
        .order_by(col(TaskDeadline.due_on), col(TaskDeadline.id))
    )
    for deadline in result.scalars():
        found[deadline.assignment_id].append(deadline)
    return found


async def history(session: AsyncSession, *, assignment_id: int) -> list[TaskDeadline]:
    """Every deadline an assignment ever had, in the order they were set."""
    result = await session.execute(
        select(TaskDeadline)
        .where(TaskDeadline.assignment_id == assignment_id)
        .order_by(col(TaskDeadline.id))
    )
    return list(result.scalars())


def _retire(deadline: TaskDeadline, now: dt.datetime) -> None:
    deadline.active = False
    deadline.replaced_at = now
    deadline.next_remind_on = None  # a replaced deadline never reminds again


async def apply_plan(
    session: AsyncSession,
    *,
    task: Task,
    assignments: Sequence[TaskAssignment],
    today: dt.date,
    default_day: tuple[int, int],
    now: dt.datetime,
) -> int:
    """Bring the plan's deadlines of these assignments in line with the task's timing (periods
    an admin dated are left alone; past yearly deadlines stay as history); return rows added."""
    wanted = dict(plan_deadlines(task, today=today, default_day=default_day))
    ids = [a.id for a in assignments if a.id is not None and a.active]
    current = await active_deadlines(session, assignment_ids=ids)
    added = 0
    for assignment_id, rows in current.items():
        admin_periods = {row.period for row in rows if row.source == Source.ADMIN}
        kept: set[str] = set()
        for row in rows:
            if row.source != Source.PLAN:
                continue
            is_history = row.period != task_timing.ONCE and row.due_on < today
            if is_history or wanted.get(row.period) == row.due_on:
                kept.add(row.period)
            else:
                _retire(row, now)
                session.add(row)
        for period, due in wanted.items():
            if period in kept or period in admin_periods:
                continue
            session.add(
                TaskDeadline(assignment_id=assignment_id, period=period, due_on=due, set_at=now)
            )
            added += 1
    await session.flush()
    await silent_out_of_plan(session, task)
    return added


async def silent_out_of_plan(session: AsyncSession, task: Task) -> None:
    """A deadline given to a task out of its plan reminds nobody until the task is back."""
    if not task.in_plan:
        await task_reminders.park_task(session, task_id=task.id or 0)


async def set_deadline(
    session: AsyncSession,
    *,
    task: Task,
    assignments: Sequence[TaskAssignment],
    due_on: dt.date,
    period: str = task_timing.ONCE,
    by_member_id: int | None,
    by_label: str,
    now: dt.datetime,
    note: str | None = None,
) -> int:
    """Set (or move) the deadline of a period for these assignments; return how many."""
    ids = [a.id for a in assignments if a.id is not None and a.active]
    current = await active_deadlines(session, assignment_ids=ids)
    for assignment_id, rows in current.items():
        for row in rows:
            if row.period == period:
                _retire(row, now)
                session.add(row)
        session.add(
            TaskDeadline(
                assignment_id=assignment_id,
                period=period,
                due_on=due_on,
                source=Source.ADMIN,
                set_at=now,
                set_by_member_id=by_member_id,
                set_by_label=by_label,
                note=note,
            )
        )
    await session.flush()
    await silent_out_of_plan(session, task)
    await audit.record(
        session,
        action="task.deadline",
        actor_member_id=by_member_id,
        actor_label=by_label,
        details={
            "task_id": task.id,
            "due_on": due_on.isoformat(),
            "period": period,
            "count": len(ids),
        },
    )
    return len(ids)


async def set_yearly_day(
    session: AsyncSession,
    *,
    task: Task,
    assignments: Sequence[TaskAssignment],
    day_month: tuple[int, int] | None,
    by_member_id: int | None,
    by_label: str,
    today: dt.date,
    default_day: tuple[int, int],
    now: dt.datetime,
) -> int:
    """Give a yearly task its own deadline day (None: back to the default); the plan's
    deadlines to come move with it. Returns the deadlines added."""
    task.override_day, task.override_month = day_month or (None, None)
    task.updated_at = now
    session.add(task)
    added = await apply_plan(
        session, task=task, assignments=assignments, today=today, default_day=default_day, now=now
    )
    await audit.record(
        session,
        action="task.yearly_day",
        actor_member_id=by_member_id,
        actor_label=by_label,
        details={"task_id": task.id, "day_month": list(day_month) if day_month else None},
    )
    return added


async def copy_to(
    session: AsyncSession,
    *,
    assignment: TaskAssignment,
    others: Sequence[TaskAssignment],
    by_label: str,
    now: dt.datetime,
) -> int:
    """Give a newly assigned organisation the deadlines the task's other organisations have
    (per period, the date most of them have); return how many."""
    ids = [a.id for a in others if a.id is not None and a.active and a.id != assignment.id]
    current = await active_deadlines(session, assignment_ids=ids)
    votes: dict[str, Counter[tuple[dt.date, str]]] = {}
    for rows in current.values():
        for row in rows:
            votes.setdefault(row.period, Counter())[(row.due_on, row.source)] += 1
    chosen = []
    for period, counter in votes.items():
        (due, source), _count = counter.most_common(1)[0]
        chosen.append(TaskDeadline(assignment_id=0, period=period, due_on=due, source=source))
    return await copy_rows(session, assignment=assignment, rows=chosen, by_label=by_label, now=now)


async def copy_rows(
    session: AsyncSession,
    *,
    assignment: TaskAssignment,
    rows: Sequence[TaskDeadline],
    by_label: str,
    now: dt.datetime,
) -> int:
    """Give an assignment these deadlines for the periods it has none of; return how many."""
    assert assignment.id is not None
    mine = await active_deadlines(session, assignment_ids=[assignment.id])
    have = {row.period for row in mine[assignment.id]}
    added = 0
    for row in rows:
        if row.period in have:
            continue
        have.add(row.period)
        session.add(
            TaskDeadline(
                assignment_id=assignment.id,
                period=row.period,
                due_on=row.due_on,
                source=row.source,
                set_at=now,
                set_by_label=by_label,
            )
        )
        added += 1
    await session.flush()
    return added


async def retire_all(session: AsyncSession, *, assignment_id: int, now: dt.datetime) -> None:
    """Deactivate every current deadline of an assignment (its organisation was removed)."""
    current = await active_deadlines(session, assignment_ids=[assignment_id])
    for row in current[assignment_id]:
        _retire(row, now)
        session.add(row)
    await session.flush()


async def due_between(session: AsyncSession, *, start: dt.date, end: dt.date) -> list[DueDeadline]:
    """Current deadlines due from `start` to `end` (inclusive) of active assignments of
    tasks still in their plan, soonest first."""
    result = await session.execute(
        select(TaskDeadline, TaskAssignment, Task)
        .join(TaskAssignment, col(TaskAssignment.id) == col(TaskDeadline.assignment_id))
        .join(Task, col(Task.id) == col(TaskAssignment.task_id))
        .where(
            col(TaskDeadline.active),
            col(TaskDeadline.due_on) >= start,
            col(TaskDeadline.due_on) <= end,
            col(TaskAssignment.active),
            col(Task.in_plan),
        )
        .order_by(col(TaskDeadline.due_on), col(TaskDeadline.id))
    )
    return [DueDeadline(d, a, t) for d, a, t in result.all()]


async def roll_yearly(
    session: AsyncSession,
    *,
    today: dt.date,
    default_day: tuple[int, int],
    now: dt.datetime,
) -> int:
    """Add the yearly deadlines that have come into range (this year's and the next) for
    every yearly task; idempotent. Returns the deadlines added."""
    result = await session.execute(
        select(Task).where(Task.timing_kind == TimingKind.YEARLY, col(Task.in_plan))
    )
    added = 0
    for task in result.scalars():
        rows = await session.execute(
            select(TaskAssignment).where(
                TaskAssignment.task_id == task.id, col(TaskAssignment.active)
            )
        )
        added += await apply_plan(
            session,
            task=task,
            assignments=list(rows.scalars()),
            today=today,
            default_day=default_day,
            now=now,
        )
    return added
