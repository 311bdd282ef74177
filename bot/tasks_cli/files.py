"""Files in and out of `mangluoi tasks`: import a plan's table of tasks, export progress."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from bot.config import Config
from bot.tasks_cli import lookup
from bot.tasks_cli.lookup import TasksCliError
from bot.texts import tasks as t
from models import task_import, task_views, tasks
from models.task_files import (
    MAX_BYTES,
    FileProblem,
    ParsedPlan,
    TaskFileError,
    parse_grids,
    read_grids,
)
from rendering.task_export import tasks_xlsx
from rendering.task_import_report import import_report
from rendering.tasks import file_problem


def read_plan_file(path: Path) -> ParsedPlan:
    """Read and parse a file of tasks, or raise TasksCliError with the reason."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise TasksCliError(file_problem(TaskFileError(FileProblem.TOO_LARGE, str(size))))
        content = path.read_bytes()
    except OSError as error:
        raise TasksCliError(t.NO_FILE.format(path=path, error=error.strerror)) from None
    try:
        return parse_grids(read_grids(path.name, content))
    except TaskFileError as error:
        raise TasksCliError(file_problem(error)) from None


async def import_plan(config: Config, args: argparse.Namespace, now: dt.datetime) -> str:
    """`tasks import FILE`: import (or with --dry-run only check) and return the report."""
    parsed = read_plan_file(args.file)
    plan_name = (args.plan or args.file.stem).strip()
    async with lookup.session(config, now) as session:
        report = await task_import.import_plan(
            session,
            parsed=parsed,
            plan_name=plan_name,
            source_name=args.file.name,
            catalog=config.units.catalog,
            today=lookup.today(config, now),
            default_day=config.tasks.yearly_day,
            now=now,
        )
        if args.dry_run:
            await session.rollback()
        else:
            await session.commit()
    return import_report(report, source=args.file.name, dry_run=args.dry_run)


async def export(config: Config, args: argparse.Namespace, now: dt.datetime) -> str:
    """`tasks export`: save the progress spreadsheet and say where."""
    today = lookup.today(config, now)
    async with lookup.session(config, now) as session:
        plan = await lookup.plan(session, args.plan)
        assert plan.id is not None
        found = await tasks.tasks_of(session, plan_id=plan.id)
        rows = await task_views.assignment_rows(session, task_list=found)
        covered = {row.task.id for row in rows}
        content = tasks_xlsx(
            plan=plan.name,
            rows=rows,
            unassigned=[task for task in found if task.id not in covered],
            zone=config.zone,
            today=today,
        )
    path = args.out or Path(t.EXPORT_FILE_NAME.format(date=today.strftime("%Y%m%d")))
    try:
        path.write_bytes(content)
    except OSError as error:
        raise TasksCliError(t.NO_FILE.format(path=path, error=error.strerror)) from None
    return t.EXPORT_SAVED.format(rows=len(rows), path=path)
