"""The upgrade to 0018_parked_tasks empties the next reminder day of the deadlines of tasks
out of their plan (the reminder scan no longer reads them), and the downgrade gives back the
day "work it out again" to those not done."""

from __future__ import annotations

import asyncio
import datetime as dt

from sqlalchemy import select, update
from sqlmodel import col

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
PAST = dt.date(2026, 6, 1)
BEFORE = "0017_delivery_channel"


async def test_deadlines_of_tasks_out_of_the_plan_lose_their_next_day(
    databases: TemplateDatabases,
) -> None:
    url = await databases.fresh()
    engine = create_engine(url)
    sessions = session_factory(engine)

    async def days() -> dict[int, dt.date | None]:
        async with sessions() as session:
            result = await session.execute(select(TaskDeadline.id, TaskDeadline.next_remind_on))
            return {int(i): day for i, day in result.all()}

    try:
        async with sessions() as session:
            org = Organisation(kind=OrgKind.COMMUNE_COMMITTEE, name="UBND Xã Thử")
            plan = TaskPlan(name="KH thử")
            session.add_all([org, plan])
            await session.flush()
            kept = Task(plan_id=plan.id or 0, number="1.1", title="Thử", timing_kind="date")
            gone = Task(
                plan_id=plan.id or 0, number="1.2", title="Bỏ", timing_kind="date", in_plan=False
            )
            session.add_all([kept, gone])
            await session.flush()
            rows = [
                TaskAssignment(task_id=task.id or 0, organisation_id=org.id or 0)
                for task in (kept, gone)
            ]
            session.add_all(rows)
            await session.flush()
            in_plan, out = (row.id or 0 for row in rows)
            deadlines = {
                "in plan": TaskDeadline(assignment_id=in_plan, due_on=DUE, next_remind_on=PAST),
                "out": TaskDeadline(assignment_id=out, due_on=DUE),
                "out, done": TaskDeadline(assignment_id=out, period="2026", due_on=DUE),
            }
            session.add_all(deadlines.values())
            session.add(
                TaskStatusChange(
                    assignment_id=out,
                    period="2026",
                    status=TaskStatus.DONE,
                    source="chat",
                    by_label="test",
                )
            )
            await session.flush()
            ids = {name: deadline.id for name, deadline in deadlines.items()}
            # As the import leaves them now (an insert of NULL would take the default).
            await session.execute(
                update(TaskDeadline)
                .where(col(TaskDeadline.assignment_id) == out)
                .values(next_remind_on=None)
            )
            await session.commit()
        await engine.dispose()

        await asyncio.to_thread(downgrade, url, BEFORE)
        found = await days()
        assert {name: found[i] for name, i in ids.items()} == {
            "in plan": PAST,
            "out": NEXT_RECOMPUTE,
            "out, done": None,
        }
        await engine.dispose()
        await upgrade_async(url)
        found = await days()
        assert {name: found[i] for name, i in ids.items()} == {
            "in plan": PAST,
            "out": None,
            "out, done": None,
        }
    finally:
        await engine.dispose()
        await databases.drop(url)
