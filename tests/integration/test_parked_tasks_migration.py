"""The upgrade to 0018_parked_tasks empties the next reminder day of the deadlines of tasks
out of their plan (the reminder scan no longer reads them), and the downgrade gives back the
day "work it out again" to those not done."""

from __future__ import annotations

import asyncio
import datetime as dt

from sqlalchemy import update
from sqlmodel import col

from models.migrate import downgrade, upgrade_async
from models.tasks import (
    NEXT_RECOMPUTE,
    TaskDeadline,
    TaskStatus,
    TaskStatusChange,
)
from tests.integration.migrating_deadlines import assigned, fresh_database, next_days
from tests.utils.databases import TemplateDatabases

DUE = dt.date(2026, 6, 15)
PAST = dt.date(2026, 6, 1)
BEFORE = "0017_delivery_channel"


async def test_deadlines_of_tasks_out_of_the_plan_lose_their_next_day(
    databases: TemplateDatabases,
) -> None:
    async with fresh_database(databases) as (url, engine, sessions):
        async with sessions() as session:
            in_plan, out = await assigned(
                session,
                {"number": "1.1", "title": "Thử"},
                {"number": "1.2", "title": "Bỏ", "in_plan": False},
            )
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
        found = await next_days(sessions)
        assert {name: found[i] for name, i in ids.items()} == {
            "in plan": PAST,
            "out": NEXT_RECOMPUTE,
            "out, done": None,
        }
        await engine.dispose()
        await upgrade_async(url)
        found = await next_days(sessions)
        assert {name: found[i] for name, i in ids.items()} == {
            "in plan": PAST,
            "out": None,
            "out, done": None,
        }
