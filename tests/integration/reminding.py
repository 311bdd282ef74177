"""Helpers of the deadline reminder tests: the seed plan with deadlines on chosen days for
the demo commune, many members of that commune, the clock at a local hour, and the
reminders recorded."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import update
from sqlmodel import col, select

from bot.app import BotApp
from models import members, task_assignments, task_deadlines
from models.members import Member
from models.task_reminders import TaskEscalation, TaskReminder
from models.tasks import Task, TaskAssignment, TaskDeadline, TaskStatus
from tests.integration.task_chatting import IA_SAO, assign, committee, import_seed, place, task_of
from tests.utils.clock import ZONE, FakeClock


def at(day: dt.date, hour: int = 8, minute: int = 5) -> dt.datetime:
    """A local moment in Gia Lai, as UTC."""
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=ZONE).astimezone(dt.UTC)


async def seed_with_deadlines(
    app: BotApp, clock: FakeClock, deadlines: dict[str, dt.date]
) -> None:
    """The seed plan imported, these tasks given to UBND Xã Ia Sao (where "xa" works) with
    these deadlines."""
    await import_seed(app, clock)
    ia_sao = await committee(app, IA_SAO)
    await place(app, "xa", ia_sao, phone="+84905123456")
    for number, due in deadlines.items():
        await assign(app, clock, number, ia_sao)
        async with app.sessions() as session:  # only the deadline the test gives
            task = await task_of(session, number)
            pairs = await task_assignments.of_task(session, task_id=task.id or 0)
            for row, org in pairs:
                if org.id == ia_sao.id:
                    await task_deadlines.retire_all(
                        session, assignment_id=row.id or 0, now=clock()
                    )
            await session.commit()
        await set_due(app, clock, number, due)


async def give_task(app: BotApp, clock: FakeClock, number: str, due: dt.date | None) -> None:
    """Give UBND Xã Ia Sao a task of the plan with only this deadline (none: no deadline yet)."""
    ia_sao = await committee(app, IA_SAO)
    await assign(app, clock, number, ia_sao)
    async with app.sessions() as session:
        task = await task_of(session, number)
        for row, org in await task_assignments.of_task(session, task_id=task.id or 0):
            if org.id == ia_sao.id:
                await task_deadlines.retire_all(session, assignment_id=row.id or 0, now=clock())
        await session.commit()
    if due is not None:
        await set_due(app, clock, number, due)


async def join_ia_sao(app: BotApp, name_prefix: str) -> None:
    """Make the members whose name starts with `name_prefix` staff of UBND Xã Ia Sao (they
    get its deadline reminders)."""
    ia_sao = await committee(app, IA_SAO)
    async with app.sessions() as session:
        await session.execute(
            update(Member)
            .where(col(Member.full_name).startswith(name_prefix))
            .values(organisation_id=ia_sao.id)
        )
        await session.commit()


async def set_due(
    app: BotApp, clock: FakeClock, number: str, due: dt.date, *, period: str = ""
) -> None:
    """Set (or move) the deadline of a task for UBND Xã Ia Sao only."""
    ia_sao = await committee(app, IA_SAO)
    async with app.sessions() as session:
        task = await task_of(session, number)
        pairs = await task_assignments.of_task(session, task_id=task.id or 0)
        await task_deadlines.set_deadline(
            session,
            task=task,
            assignments=[a for a, o in pairs if o.id == ia_sao.id],
            due_on=due,
            period=period,
            by_member_id=None,
            by_label="test",
            now=clock(),
        )
        await session.commit()


async def mark(app: BotApp, clock: FakeClock, number: str, status: TaskStatus) -> None:
    """Record a status of Ia Sao's assignment of a task (as /nhiemvu would)."""
    ia_sao = await committee(app, IA_SAO)
    async with app.sessions() as session:
        task = await task_of(session, number)
        pairs = await task_assignments.of_task(session, task_id=task.id or 0)
        row = next(a for a, o in pairs if o.id == ia_sao.id)
        await task_assignments.set_status(
            session,
            assignment=row,
            status=status,
            period="",
            source="chat",
            by_member_id=None,
            by_label="test",
            now=clock(),
        )
        await session.commit()


async def sent(
    app: BotApp, *, member: str | None = None
) -> list[tuple[str, dt.date, int, dt.date]]:
    """Every reminder recorded (to one web chat person, if given): (task number, deadline,
    offset, local day sent), in order."""
    query = (
        select(TaskReminder, Task)
        .join(TaskAssignment, col(TaskAssignment.id) == col(TaskReminder.assignment_id))
        .join(Task, col(Task.id) == col(TaskAssignment.task_id))
        .order_by(col(TaskReminder.id))
    )
    async with app.sessions() as session:
        if member is not None:
            identity = await members.get_identity(session, channel="webchat", external_id=member)
            assert identity is not None
            query = query.where(col(TaskReminder.member_id) == identity.member_id)
        result = await session.execute(query)
        return [
            (task.number, row.due_on, row.offset_days, row.sent_at.astimezone(ZONE).date())
            for row, task in result.all()
        ]


async def escalations(app: BotApp) -> list[TaskEscalation]:
    """Every escalation recorded."""
    async with app.sessions() as session:
        result = await session.execute(select(TaskEscalation))
        return list(result.scalars())


async def active_deadline(app: BotApp, number: str) -> TaskDeadline:
    """Ia Sao's current deadline of a task."""
    ia_sao = await committee(app, IA_SAO)
    async with app.sessions() as session:
        task = await task_of(session, number)
        pairs = await task_assignments.of_task(session, task_id=task.id or 0)
        row = next(a for a, o in pairs if o.id == ia_sao.id)
        current = await task_deadlines.active_deadlines(session, assignment_ids=[row.id or 0])
        return current[row.id or 0][0]
