"""`mangluoi tasks set-deadline` and `assign`: an admin's changes to deadlines and to who
does a task, each audited under the actor "cli"."""

from __future__ import annotations

import argparse
import datetime as dt

from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Config
from bot.tasks_cli import lookup
from bot.tasks_cli.lookup import ACTOR, TasksCliError
from bot.texts import tasks as t
from bot.timefmt import DATE
from models import organisations, task_assignments, task_deadlines, task_timing
from models.tasks import Task, TaskAssignment
from rendering.tasks import day_month


async def set_deadline(config: Config, args: argparse.Namespace, now: dt.datetime) -> str:
    """`tasks set-deadline N DATE [--org O] [--year Y]` or `--yearly DD/MM|default`."""
    async with lookup.session(config, now) as session:
        plan = await lookup.plan(session, args.plan)
        task = await lookup.task(session, plan, args.number)
        assert task.id is not None
        pairs = await task_assignments.of_task(session, task_id=task.id)
        if args.org:
            chosen = organisations.matching([org for _, org in pairs], args.org)
            missing = t.ORG_UNKNOWN.format(name=args.org, number=task.number)
            org = lookup.one(chosen, args.org, missing)
            pairs = [(a, o) for a, o in pairs if o.id == org.id]
        if not pairs:
            raise TasksCliError(t.NO_ASSIGNMENT.format(number=task.number))
        assignments = [a for a, _ in pairs]
        if args.yearly is not None:
            text = await _yearly(session, config, task, assignments, args.yearly, now)
        else:
            text = await _dated(session, task, assignments, args, now)
        await session.commit()
        return text


async def _yearly(
    session: AsyncSession,
    config: Config,
    task: Task,
    assignments: list[TaskAssignment],
    value: str,
    now: dt.datetime,
) -> str:
    if task.timing_kind != task_timing.TimingKind.YEARLY:
        raise TasksCliError(t.NOT_YEARLY.format(number=task.number))
    reset = value.strip().lower() in t.YEARLY_RESET_WORDS
    wanted = None if reset else task_timing.parse_day_month(value)
    if not reset and wanted is None:
        raise TasksCliError(t.BAD_DAY_MONTH.format(value=value))
    added = await task_deadlines.set_yearly_day(
        session,
        task=task,
        assignments=assignments,
        day_month=wanted,
        by_member_id=None,
        by_label=ACTOR,
        today=lookup.today(config, now),
        default_day=config.tasks.yearly_day,
        now=now,
    )
    if wanted is None:
        return t.YEARLY_DAY_RESET.format(
            number=task.number, day=day_month(config.tasks.yearly_day)
        )
    return t.YEARLY_DAY_SET.format(number=task.number, day=day_month(wanted), count=added)


async def _dated(
    session: AsyncSession,
    task: Task,
    assignments: list[TaskAssignment],
    args: argparse.Namespace,
    now: dt.datetime,
) -> str:
    due = task_timing.parse_date(args.date or "")
    if due is None:
        raise TasksCliError(t.BAD_DATE.format(value=args.date or ""))
    period = task_timing.ONCE
    if task.timing_kind == task_timing.TimingKind.YEARLY:
        period = str(args.year or due.year)
    count = await task_deadlines.set_deadline(
        session,
        task=task,
        assignments=assignments,
        due_on=due,
        period=period,
        by_member_id=None,
        by_label=ACTOR,
        now=now,
    )
    return t.DEADLINE_SET.format(date=due.strftime(DATE), number=task.number, count=count)


async def assign(config: Config, args: argparse.Namespace, now: dt.datetime) -> str:
    """`tasks assign N --add O | --remove O | --move FROM TO`."""
    catalog = config.units.catalog
    async with lookup.session(config, now) as session:
        plan = await lookup.plan(session, args.plan)
        task = await lookup.task(session, plan, args.number)
        assert task.id is not None
        if args.add:
            org = await lookup.organisation(session, args.add, catalog)
            assert org.id is not None
            await task_assignments.add(
                session,
                task=task,
                organisation_id=org.id,
                by_member_id=None,
                by_label=ACTOR,
                now=now,
            )
            text = t.ASSIGNED.format(number=task.number, org=org.display)
        else:
            name = args.remove or args.move[0]
            pairs = await task_assignments.of_task(session, task_id=task.id)
            missing = t.ORG_UNKNOWN.format(name=name, number=task.number)
            old = lookup.one(organisations.matching([o for _, o in pairs], name), name, missing)
            assert old.id is not None
            if args.remove:
                await task_assignments.remove(
                    session,
                    task=task,
                    organisation_id=old.id,
                    by_member_id=None,
                    by_label=ACTOR,
                    now=now,
                )
                text = t.UNASSIGNED.format(number=task.number, org=old.display)
            else:
                new = await lookup.organisation(session, args.move[1], catalog)
                assert new.id is not None
                await task_assignments.reassign(
                    session,
                    task=task,
                    from_organisation_id=old.id,
                    to_organisation_id=new.id,
                    by_member_id=None,
                    by_label=ACTOR,
                    now=now,
                )
                text = t.REASSIGNED.format(number=task.number, old=old.display, new=new.display)
        await session.commit()
        return text
