"""The upgrade to 0015_reminder_next_at gives every current deadline not done the day "work
it out again" (the next run of the reminder job finds it), and NULL to deadlines done or
replaced (never again)."""

from __future__ import annotations

import asyncio
import datetime as dt

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
BEFORE = "0014_send_budget"  # the revision before 0015_reminder_next_at


async def test_the_upgrade_fills_the_next_reminder_day_of_existing_deadlines(
    databases: TemplateDatabases,
) -> None:
    async with fresh_database(databases) as (url, engine, sessions):
        async with sessions() as session:
            [assignment] = await assigned(session, {"number": "1.1", "title": "Thử"})
            deadlines = {
                "open": TaskDeadline(assignment_id=assignment, period="", due_on=DUE),
                "done": TaskDeadline(assignment_id=assignment, period="2025", due_on=DUE),
                "reopened": TaskDeadline(assignment_id=assignment, period="2026", due_on=DUE),
                "replaced": TaskDeadline(
                    assignment_id=assignment, period="", due_on=DUE, active=False
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
                        assignment_id=assignment,
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
        found = await next_days(sessions)
        assert {name: found[i] for name, i in ids.items()} == {
            "open": NEXT_RECOMPUTE,
            "done": None,
            "reopened": NEXT_RECOMPUTE,
            "replaced": None,
        }
