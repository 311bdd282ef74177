"""What every `mangluoi tasks` action needs: its error, the database session, today's date and
finding a plan, a task or an organisation by what the admin typed."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Config
from bot.texts import tasks as t
from models import organisations, task_agencies, task_assignments, tasks
from models.engine import migrated_session
from models.organisations import Organisation, OrgKind
from models.tasks import Task, TaskPlan

ACTOR = "cli"


class TasksCliError(Exception):
    """The command cannot be done; the message says why, in Vietnamese."""


@asynccontextmanager
async def session(config: Config, now: dt.datetime) -> AsyncIterator[AsyncSession]:
    """A session on the migrated database, closed afterwards; the rows it stamps get `now`,
    the moment of the action."""
    async with migrated_session(config.database.url, clock=lambda: now) as opened:
        yield opened


def today(config: Config, now: dt.datetime) -> dt.date:
    """The local date of `now` in the configured zone."""
    return now.astimezone(config.zone).date()


async def plan(session: AsyncSession, name: str | None) -> TaskPlan:
    """The plan named, or the only plan there is."""
    every = await tasks.plans(session)
    names = ", ".join(f"“{found.name}”" for found in every)
    if name is not None:
        named = await tasks.plan_by_name(session, name=name)
        if named is None:
            raise TasksCliError(t.PLAN_UNKNOWN.format(plan=name, plans=names or "—"))
        return named
    if not every:
        raise TasksCliError(t.NO_PLAN)
    if len(every) > 1:
        raise TasksCliError(t.PLAN_CHOOSE.format(plans=names))
    return every[0]


async def task(session: AsyncSession, of_plan: TaskPlan, number: str) -> Task:
    """The task of a plan by its number ("5.2" or "5.2.")."""
    assert of_plan.id is not None
    found = await tasks.task_by_number(
        session, plan_id=of_plan.id, number=number.strip().rstrip(".")
    )
    if found is None:
        raise TasksCliError(t.TASK_UNKNOWN.format(plan=of_plan.name, number=number))
    return found


def one(found: list[Organisation], name: str, missing: str) -> Organisation:
    """The single organisation found, or an error naming none or the several."""
    if not found:
        raise TasksCliError(missing)
    if len(found) > 1:
        names = ", ".join(org.display for org in found[:8])
        raise TasksCliError(t.ORG_AMBIGUOUS.format(name=name, names=names))
    return found[0]


async def _all_organisations(session: AsyncSession) -> list[Organisation]:
    found: list[Organisation] = []
    for kind in OrgKind:
        found.extend(await organisations.of_kind(session, kind=kind))
    return found


async def organisation(session: AsyncSession, name: str, catalog: str) -> Organisation:
    """An organisation by name, or by the unit a plan would write (creating its UBND)."""
    found = organisations.matching(await _all_organisations(session), name)
    if not found:
        match = task_agencies.match(
            name, await task_assignments.candidates(session), catalog=catalog
        )
        if match.units and not match.levels:
            resolver = task_assignments.Resolver(session, catalog=catalog)
            found = await resolver.organisations(match)
    return one(found, name, t.ORG_NOT_FOUND.format(name=name))
