"""Where each assigned organisation stands on its tasks, as the chat shows it: the period an
assignment is working on (its earliest deadline not yet done), the status written for that
period, and the days left or late; read for one organisation or for a coordinator's scope.

Scope: a province scope sees every assignment; a district or commune scope sees only the
assignments of organisations whose unit lies inside it (their people's committees), never a
department or another district's committee.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, false, true
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from models import task_deadlines, task_timing
from models.organisations import Organisation
from models.scopes import Scope
from models.tasks import Task, TaskAssignment, TaskDeadline, TaskStatus, TaskStatusChange


@dataclass(frozen=True)
class Progress:
    """One assignment as the chat shows it, on a given day."""

    task: Task
    assignment: TaskAssignment
    organisation: Organisation
    period: str
    status: TaskStatus
    due: dt.date | None
    days: int | None  # days from today to the due date (negative: past it)
    note: str | None  # the note written with the period's latest status

    @property
    def late(self) -> int:
        """Days past the deadline of a period not done (0 when not late)."""
        if self.days is None or self.days >= 0 or self.status == TaskStatus.DONE:
            return 0
        return -self.days


@dataclass
class Tally:
    """How many assignments are done, in progress, blocked, not started, and late."""

    total: int = 0
    done: int = 0
    in_progress: int = 0
    blocked: int = 0
    not_started: int = 0
    late: int = 0

    def add(self, item: Progress) -> None:
        """Count one assignment."""
        self.total += 1
        if item.status == TaskStatus.DONE:
            self.done += 1
        elif item.status == TaskStatus.IN_PROGRESS:
            self.in_progress += 1
        elif item.status == TaskStatus.BLOCKED:
            self.blocked += 1
        else:
            self.not_started += 1
        if item.late:
            self.late += 1


def tally(items: Sequence[Progress]) -> Tally:
    """The counts over these assignments."""
    found = Tally()
    for item in items:
        found.add(item)
    return found


def by_task(items: Sequence[Progress]) -> dict[int, Tally]:
    """The counts of each task, by task id."""
    found: dict[int, Tally] = {}
    for item in items:
        found.setdefault(item.task.id or 0, Tally()).add(item)
    return found


def current_period(
    deadlines: Sequence[TaskDeadline], latest: dict[str, TaskStatusChange]
) -> TaskDeadline | None:
    """The deadline an assignment is working on: its earliest one whose period is not done,
    else its last one (None when it has no deadline)."""
    ordered = sorted(deadlines, key=lambda row: (row.due_on, row.id or 0))
    for row in ordered:
        change = latest.get(row.period)
        if change is None or change.status != TaskStatus.DONE:
            return row
    return ordered[-1] if ordered else None


def _progress(
    task: Task,
    assignment: TaskAssignment,
    organisation: Organisation,
    deadlines: Sequence[TaskDeadline],
    latest: dict[str, TaskStatusChange],
    today: dt.date,
) -> Progress:
    row = current_period(deadlines, latest)
    if row is None:
        period = assignment.status_period or task_timing.ONCE
        change = latest.get(period)
        status = TaskStatus(change.status) if change else TaskStatus(assignment.status)
        return Progress(
            task,
            assignment,
            organisation,
            period,
            status,
            None,
            None,
            change.note if change else None,
        )
    change = latest.get(row.period)
    status = TaskStatus(change.status) if change else TaskStatus.NOT_STARTED
    return Progress(
        task,
        assignment,
        organisation,
        row.period,
        status,
        row.due_on,
        (row.due_on - today).days,
        change.note if change else None,
    )


async def _latest(
    session: AsyncSession, assignment_ids: Sequence[int]
) -> dict[int, dict[str, TaskStatusChange]]:
    """The latest status change of each assignment and period."""
    found: dict[int, dict[str, TaskStatusChange]] = {i: {} for i in assignment_ids}
    if not assignment_ids:
        return found
    result = await session.execute(
        select(TaskStatusChange)
        .where(col(TaskStatusChange.assignment_id).in_(list(assignment_ids)))
        .order_by(col(TaskStatusChange.id))
    )
    for change in result.scalars():
        found[change.assignment_id][change.period] = change
    return found


def scope_filter(scope: Scope) -> ColumnElement[bool]:
    """A WHERE clause selecting the organisations whose tasks a scope sees."""
    if scope.codes is None:
        return true()
    if not scope.codes:
        return false()
    return and_(
        col(Organisation.unit_catalog) == scope.catalog,
        col(Organisation.unit_code).in_(sorted(scope.codes)),
    )


async def _read(
    session: AsyncSession, where: ColumnElement[bool], today: dt.date
) -> list[Progress]:
    result = await session.execute(
        select(TaskAssignment, Task, Organisation)
        .join(Task, col(Task.id) == col(TaskAssignment.task_id))
        .join(Organisation, col(Organisation.id) == col(TaskAssignment.organisation_id))
        .where(col(TaskAssignment.active), col(Task.in_plan), where)
        .order_by(col(Task.plan_id), col(Task.position), col(TaskAssignment.id))
    )
    rows = list(result.all())
    ids = [assignment.id for assignment, _, _ in rows if assignment.id is not None]
    deadlines = await task_deadlines.active_deadlines(session, assignment_ids=ids)
    latest = await _latest(session, ids)
    return [
        _progress(
            task, assignment, org, deadlines[assignment.id or 0], latest[assignment.id or 0], today
        )
        for assignment, task, org in rows
    ]


async def of_organisation(
    session: AsyncSession, *, organisation_id: int, today: dt.date
) -> list[Progress]:
    """The current tasks of one organisation, in plan order."""
    return await _read(session, col(TaskAssignment.organisation_id) == organisation_id, today)


async def in_scope(
    session: AsyncSession, *, scope: Scope, today: dt.date, task_id: int | None = None
) -> list[Progress]:
    """The assignments a scope sees (of one task, if given), in plan order."""
    where = scope_filter(scope)
    if task_id is not None:
        where = and_(where, col(TaskAssignment.task_id) == task_id)
    return await _read(session, where, today)


async def of_assignment(
    session: AsyncSession, *, assignment_id: int, today: dt.date
) -> Progress | None:
    """One current assignment (None when it was removed or its task left the plan)."""
    found = await _read(session, col(TaskAssignment.id) == assignment_id, today)
    return found[0] if found else None


def late_first(items: Sequence[Progress]) -> list[Progress]:
    """The late assignments, longest late first."""
    return sorted((item for item in items if item.late), key=lambda item: -item.late)
