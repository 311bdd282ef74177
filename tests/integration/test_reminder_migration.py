"""The upgrade to 0015_reminder_next_at gives every current deadline not done the day "work
it out again" (the next run of the reminder job finds it), and NULL to deadlines done or
replaced (never again)."""

from __future__ import annotations

import asyncio
import datetime as dt

from sqlalchemy import select

from models.engine import create_engine, session_factory
from models.migrate import downgrade, upgrade_async
from models.organisations import Organisation, OrgKind
from models.tasks import (
    NEXT_RECOMPUTE,
    Task,
    TaskAssignment,
    TaskDeadline,
    TaskPlan,
    TaskStatus,
    TaskStatusChange,
)
from tests.utils.databases import TemplateDatabases

DUE = dt.date(2026, 6, 15)
BEFORE = "0014_send_budget"  # the revision before 0015_reminder_next_at


async def test_the_upgrade_fills_the_next_reminder_day_of_existing_deadlines(
    databases: TemplateDatabases,
) -> None:
    url = await databases.fresh()
    engine = create_engine(url)
    sessions = session_factory(engine)
    try:
        async with sessions() as session:
            org = Organisation(kind=OrgKind.COMMUNE_COMMITTEE, name="UBND Xã Thử")
            plan = TaskPlan(name="KH thử")
            session.add_all([org, plan])
            await session.flush()
            task = Task(plan_id=plan.id or 0, number="1.1", title="Thử", timing_kind="date")
            session.add(task)
            await session.flush()
            row = TaskAssignment(task_id=task.id or 0, organisation_id=org.id or 0)
            session.add(row)
            await session.flush()
            deadlines = {
                "open": TaskDeadline(assignment_id=row.id or 0, period="", due_on=DUE),
                "done": TaskDeadline(assignment_id=row.id or 0, period="2025", due_on=DUE),
                "reopened": TaskDeadline(assignment_id=row.id or 0, period="2026", due_on=DUE),
                "replaced": TaskDeadline(
                    assignment_id=row.id or 0, period="", due_on=DUE, active=False
                ),
            }
            session.add_all(deadlines.values())
            for period, status in (
                ("2025", TaskStatus.IN_PROGRESS),
                ("2025", TaskStatus.DONE),
                ("2026", TaskStatus.DONE),
                ("2026", TaskStatus.BLOCKED),
            ):
                session.add(
                    TaskStatusChange(
                        assignment_id=row.id or 0,
                        period=period,
                        status=status,
                        source="chat",
                        by_label="test",
                    )
                )
            await session.commit()
            ids = {name: deadline.id for name, deadline in deadlines.items()}
        await engine.dispose()
        await asyncio.to_thread(downgrade, url, BEFORE)  # the rows stay, the column goes
        await upgrade_async(url)
        async with sessions() as session:
            result = await session.execute(select(TaskDeadline.id, TaskDeadline.next_remind_on))
            found = dict(result.all())
        assert {name: found[i] for name, i in ids.items()} == {
            "open": NEXT_RECOMPUTE,
            "done": None,
            "reopened": NEXT_RECOMPUTE,
            "replaced": None,
        }
    finally:
        await engine.dispose()
        await databases.drop(url)
