"""Helpers of the migration tests about deadlines: a fresh database at the head revision,
tasks of a test plan given to a test commune, and the next reminder day of every deadline."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from sqlmodel import col

from models.engine import create_engine, session_factory
from models.organisations import Organisation, OrgKind
from models.tasks import Task, TaskAssignment, TaskDeadline, TaskPlan
from tests.utils.databases import TemplateDatabases


@asynccontextmanager
async def fresh_database(
    databases: TemplateDatabases,
) -> AsyncIterator[tuple[str, AsyncEngine, async_sessionmaker[AsyncSession]]]:
    """A new database at the head revision: its URL, an engine and sessions on it; the
    engine is disposed of and the database dropped at the end."""
    url = await databases.fresh()
    engine = create_engine(url)
    try:
        yield url, engine, session_factory(engine)
    finally:
        await engine.dispose()
        await databases.drop(url)


async def assigned(session: AsyncSession, *tasks: dict[str, Any]) -> list[int]:
    """Add tasks with these fields (dated ones unless told) to a new test plan and give each
    to a new test commune; the ids of the assignments, in the same order."""
    org = Organisation(kind=OrgKind.COMMUNE_COMMITTEE, name="UBND Xã Thử")
    plan = TaskPlan(name="KH thử")
    session.add_all([org, plan])
    await session.flush()
    rows = [Task(plan_id=plan.id or 0, **{"timing_kind": "date", **fields}) for fields in tasks]
    session.add_all(rows)
    await session.flush()
    assignments = [
        TaskAssignment(task_id=task.id or 0, organisation_id=org.id or 0) for task in rows
    ]
    session.add_all(assignments)
    await session.flush()
    return [row.id or 0 for row in assignments]


async def next_days(sessions: async_sessionmaker[AsyncSession]) -> dict[int, dt.date | None]:
    """The next reminder day of every deadline, by id."""
    async with sessions() as session:
        result = await session.execute(
            select(col(TaskDeadline.id), col(TaskDeadline.next_remind_on))
        )
        return {int(i or 0): day for i, day in result.all()}
