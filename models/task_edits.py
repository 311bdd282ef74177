"""An admin's changes to the plan's tasks from the chat: a task created by hand, its title or
result edited, an organisation found by what was typed, and an import checked before it is
saved (a dry run inside a savepoint). Each change is audited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from models import (
    audit,
    organisations,
    reminder_schedule,
    task_agencies,
    task_assignments,
    task_deadlines,
    task_import,
    task_reminders,
    task_timing,
    tasks,
)
from models.organisations import Organisation, OrgKind
from models.task_import import ImportReport
from models.tasks import Task

NUMBER_LIMIT = 16


async def every_organisation(session: AsyncSession) -> list[Organisation]:
    """Every active organisation, departments first."""
    found: list[Organisation] = []
    for kind in OrgKind:
        found.extend(await organisations.of_kind(session, kind=kind))
    return found


async def find_organisations(
    session: AsyncSession, *, text: str, catalog: str
) -> list[Organisation]:
    """Organisations named by what was typed, or the people's committee of the unit a plan
    would write ("UBND huyện Ia Grai"), created on first use."""
    found = organisations.matching(await every_organisation(session), text)
    if found:
        return found
    match = task_agencies.match(text, await task_assignments.candidates(session), catalog=catalog)
    if match.units and not match.levels:
        resolver = task_assignments.Resolver(session, catalog=catalog)
        return await resolver.organisations(match)
    return []


def _timing_fields(timing: task_timing.Timing) -> dict[str, Any]:
    return {
        "timing_text": timing.text,
        "timing_kind": timing.kind.value,
        "timing_problem": timing.problem.value if timing.problem else None,
        "due_on": timing.due,
        "first_year": timing.first_year,
        "last_year": timing.last_year,
        "timing_day": timing.day,
        "timing_month": timing.month,
    }


async def _position(session: AsyncSession, *, plan_id: int, group_id: int | None) -> int:
    """The position after the group's last task (or at the end), moving later tasks down."""
    every = await tasks.tasks_of(session, plan_id=plan_id, in_plan=False)
    in_group = [task.position for task in every if group_id and task.group_id == group_id]
    position = max(in_group or [task.position for task in every] or [-1]) + 1
    for task in every:
        if task.position >= position:
            task.position += 1
            session.add(task)
    return position


async def create_task(
    session: AsyncSession,
    *,
    plan_id: int,
    group_id: int | None,
    number: str,
    title: str,
    lead: Organisation,
    timing_text: str,
    today: dt.date,
    default_day: tuple[int, int],
    by_member_id: int | None,
    by_label: str,
    now: dt.datetime,
) -> Task:
    """Add a task to a plan, assigned to its lead organisation, with the deadlines its timing
    gives."""
    assert lead.id is not None
    timing = task_timing.parse(timing_text)
    task = Task(
        plan_id=plan_id,
        group_id=group_id,
        number=number,
        title=title,
        lead=lead.name,
        position=await _position(session, plan_id=plan_id, group_id=group_id),
        created_at=now,
        updated_at=now,
        **_timing_fields(timing),
    )
    session.add(task)
    await session.flush()
    row = await task_assignments.add(
        session,
        task=task,
        organisation_id=lead.id,
        by_member_id=by_member_id,
        by_label=by_label,
        now=now,
    )
    await task_deadlines.apply_plan(
        session, task=task, assignments=[row], today=today, default_day=default_day, now=now
    )
    await audit.record(
        session,
        action="task.create",
        actor_member_id=by_member_id,
        actor_label=by_label,
        details={"task_id": task.id, "plan_id": plan_id, "number": number},
    )
    return task


async def _save_edit(
    session: AsyncSession,
    *,
    task: Task,
    action: str,
    details: dict[str, Any],
    by_member_id: int | None,
    by_label: str,
    now: dt.datetime,
) -> None:
    """Save a task just changed (its `updated_at` set to `now`) and log the change in the
    audit log under `action`, with the task's id added to `details`."""
    task.updated_at = now
    session.add(task)
    await session.flush()
    await audit.record(
        session,
        action=action,
        actor_member_id=by_member_id,
        actor_label=by_label,
        details={"task_id": task.id, **details},
    )


async def edit_task(
    session: AsyncSession,
    *,
    task: Task,
    field: str,
    value: str,
    by_member_id: int | None,
    by_label: str,
    now: dt.datetime,
) -> None:
    """Change a task's title or result (a later import of the plan's file puts the printed
    text back)."""
    if field not in ("title", "result"):
        raise ValueError(field)
    old = getattr(task, field)
    setattr(task, field, value)
    await _save_edit(
        session,
        task=task,
        action="task.edit",
        details={"field": field, "old": old, "new": value},
        by_member_id=by_member_id,
        by_label=by_label,
        now=now,
    )


async def set_reminder_offsets(
    session: AsyncSession,
    *,
    task: Task,
    offsets: Sequence[int] | None,
    by_member_id: int | None,
    by_label: str,
    now: dt.datetime,
) -> str | None:
    """Give a task its own reminder offsets (days before its deadlines; None: back to the
    configured ones); its deadlines not done are worked out again by the next reminder run.
    Returns the offsets stored, as written."""
    old = task.reminder_offsets
    own = reminder_schedule.show_offsets(offsets) if offsets else None
    task.reminder_offsets = own
    await _save_edit(
        session,
        task=task,
        action="task.reminder_offsets",
        details={"old": old, "offsets": own},
        by_member_id=by_member_id,
        by_label=by_label,
        now=now,
    )
    await task_reminders.recompute_task(session, task_id=task.id or 0)
    return own


async def preview_import(session: AsyncSession, **arguments: Any) -> ImportReport:
    """What `task_import.import_plan` would do with these arguments, with nothing saved."""
    savepoint = await session.begin_nested()
    try:
        return await task_import.import_plan(session, **arguments)
    finally:
        await savepoint.rollback()


async def record_import(
    session: AsyncSession,
    *,
    report: ImportReport,
    source_name: str,
    by_member_id: int | None,
    by_label: str,
) -> None:
    """Audit an import made from the chat."""
    await audit.record(
        session,
        action="task.import",
        actor_member_id=by_member_id,
        actor_label=by_label,
        details={
            "plan": report.plan,
            "source": source_name,
            "created": len(report.created),
            "updated": len(report.updated),
            "dropped": len(report.dropped),
        },
    )
