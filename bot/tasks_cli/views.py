"""`mangluoi tasks list` and `show`: the tasks of a plan, and one task in full."""

from __future__ import annotations

import argparse
import datetime as dt

from bot.config import Config
from bot.tasks_cli import lookup
from models import task_views, tasks
from rendering.tasks import ListedTask, task_details, task_list

SHOW_LIMIT = 40  # organisations listed under one task before "và N khác"


async def list_tasks(config: Config, args: argparse.Namespace, now: dt.datetime) -> str:
    """`tasks list [--kind K]`: the tasks under their groups, with the next deadline."""
    today = lookup.today(config, now)
    async with lookup.session(config, now) as session:
        plan = await lookup.plan(session, args.plan)
        assert plan.id is not None
        found = await tasks.tasks_of(session, plan_id=plan.id, kind=args.kind)
        listed = []
        for task in found:
            assert task.id is not None
            listed.append(
                ListedTask(
                    task,
                    await task_views.organisation_count(session, task_id=task.id),
                    await task_views.next_due(session, task_id=task.id, today=today),
                )
            )
        groups = await tasks.groups_of(session, plan_id=plan.id)
        return task_list(plan.name, groups, listed)


async def show(config: Config, args: argparse.Namespace, now: dt.datetime) -> str:
    """`tasks show N`: a task as printed, its timing and each organisation's part."""
    async with lookup.session(config, now) as session:
        plan = await lookup.plan(session, args.plan)
        task = await lookup.task(session, plan, args.number)
        rows = await task_views.assignment_rows(session, task_list=[task])
        group = None
        if task.group_id is not None:
            group = await tasks.get_group(session, group_id=task.group_id)
        return task_details(
            plan.name,
            task,
            group,
            rows,
            default_day=config.tasks.yearly_day,
            limit=SHOW_LIMIT,
        )
