"""Reads that gather a task with its organisations, deadlines and focal points, for lists,
details and the XLSX export."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from models import task_assignments, task_deadlines
from models.members import Member
from models.organisations import Organisation
from models.tasks import Task, TaskAssignment, TaskDeadline


@dataclass(frozen=True)
class AssignmentRow:
    """One task × organisation with its current deadlines, moved ones, focal points and the
    person who last updated its status."""

    task: Task
    assignment: TaskAssignment
    organisation: Organisation
    deadlines: list[TaskDeadline]
    retired: list[TaskDeadline]
    people: list[Member]
    updated_by: str | None


async def _names(session: AsyncSession, member_ids: set[int]) -> dict[int, str]:
    if not member_ids:
        return {}
    result = await session.execute(
        select(Member.id, Member.full_name).where(col(Member.id).in_(list(member_ids)))
    )
    return {member_id: name for member_id, name in result.all() if member_id is not None}


async def assignment_rows(session: AsyncSession, *, task_list: list[Task]) -> list[AssignmentRow]:
    """Every active assignment of these tasks, in task order then assignment order."""
    rows: list[AssignmentRow] = []
    for task in task_list:
        assert task.id is not None
        pairs = await task_assignments.of_task(session, task_id=task.id)
        ids = [a.id for a, _ in pairs if a.id is not None]
        current = await task_deadlines.active_deadlines(session, assignment_ids=ids)
        people = await task_assignments.assignees(
            session, organisation_ids=[org.id for _, org in pairs if org.id is not None]
        )
        names = await _names(
            session, {a.status_by_member_id for a, _ in pairs if a.status_by_member_id}
        )
        for assignment, org in pairs:
            assert assignment.id is not None
            every = await task_deadlines.history(session, assignment_id=assignment.id)
            updater = names.get(assignment.status_by_member_id or 0) or assignment.status_by_label
            rows.append(
                AssignmentRow(
                    task=task,
                    assignment=assignment,
                    organisation=org,
                    deadlines=current[assignment.id],
                    retired=[d for d in every if not d.active],
                    people=people.get(org.id or 0, []),
                    updated_by=updater,
                )
            )
    return rows


async def next_due(session: AsyncSession, *, task_id: int, today: dt.date) -> dt.date | None:
    """The soonest current deadline of a task from today on, over its organisations."""
    result = await session.execute(
        select(col(TaskDeadline.due_on))
        .join(TaskAssignment, col(TaskAssignment.id) == col(TaskDeadline.assignment_id))
        .where(
            TaskAssignment.task_id == task_id,
            col(TaskAssignment.active),
            col(TaskDeadline.active),
            col(TaskDeadline.due_on) >= today,
        )
        .order_by(col(TaskDeadline.due_on))
        .limit(1)
    )
    return result.scalar_one_or_none()


async def organisation_count(session: AsyncSession, *, task_id: int) -> int:
    """How many organisations a task is assigned to."""
    return len(await task_assignments.of_task(session, task_id=task_id))
