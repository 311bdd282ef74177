"""`mangluoi tasks days-off` and `tasks reminders`: the admin's days off in the working-day
calendar (reminders falling on them move to the working day before), and a task's own
reminder offsets, each audited under the actor "cli"."""

from __future__ import annotations

import argparse
import datetime as dt

from bot.config import Config
from bot.tasks_cli import lookup
from bot.tasks_cli.lookup import ACTOR, TasksCliError
from bot.texts import task_reminders as t
from bot.texts import tasks as tt
from bot.timefmt import DATE
from models import days_off, reminder_schedule, task_edits, task_timing
from rendering import task_reminders as view

NAME_LIMIT = 100


def _date(text: str | None) -> dt.date:
    day = task_timing.parse_date(text or "")
    if day is None:
        raise TasksCliError(t.DAY_OFF_BAD_DATE.format(text=text or ""))
    return day


async def days_off_action(config: Config, args: argparse.Namespace, now: dt.datetime) -> str:
    """`tasks days-off add DATE NAME | remove DATE | list`."""
    async with lookup.session(config, now) as session:
        if args.what == "list":
            rows = await days_off.listed(session)
            return view.days_off([(row.day, row.name) for row in rows])
        day = _date(args.date)
        shown = day.strftime(DATE)
        if args.what == "remove":
            if not await days_off.remove(session, day=day, by_label=ACTOR):
                raise TasksCliError(t.DAY_OFF_MISSING.format(date=shown))
            await session.commit()
            return t.DAY_OFF_REMOVED.format(date=shown)
        name = " ".join((args.name or "").split())
        if not 1 <= len(name) <= NAME_LIMIT:
            raise TasksCliError(t.DAY_OFF_BAD_NAME.format(limit=NAME_LIMIT))
        fresh = await days_off.add(session, day=day, name=name, by_label=ACTOR, now=now)
        await session.commit()
        return (t.DAY_OFF_ADDED if fresh else t.DAY_OFF_RENAMED).format(date=shown, name=name)


async def reminder_offsets(config: Config, args: argparse.Namespace, now: dt.datetime) -> str:
    """`tasks reminders N --offsets "7, 1, 0"` (or `default`): a task's own reminder days."""
    async with lookup.session(config, now) as session:
        plan = await lookup.plan(session, args.plan)
        task = await lookup.task(session, plan, args.number)
        own = task.reminder_offsets
        if args.offsets is not None:
            offsets: tuple[int, ...] | None = None
            if args.offsets.strip().lower() not in tt.YEARLY_RESET_WORDS:
                offsets = reminder_schedule.parse_offsets(args.offsets)
                if offsets is None:
                    raise TasksCliError(
                        t.OFFSETS_BAD.format(text=args.offsets, limit=reminder_schedule.MAX_OFFSET)
                    )
            own = await task_edits.set_reminder_offsets(
                session,
                task=task,
                offsets=offsets,
                by_member_id=None,
                by_label=ACTOR,
                now=now,
            )
            await session.commit()
        if own is None:
            default = reminder_schedule.show_offsets(config.tasks.reminder_offsets)
            return t.OFFSETS_DEFAULT.format(number=task.number, offsets=default)
        return t.OFFSETS_OWN.format(number=task.number, offsets=own)
