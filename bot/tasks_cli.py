"""`mangluoi tasks …`: import a plan's table of tasks, list and show tasks, set deadlines,
change who does a task, export the progress spreadsheet.

    mangluoi tasks import ke-hoach.docx --plan "KH 1690 Gia Lai" [--dry-run]
    mangluoi tasks list [--plan P] [--kind yearly|needs_date|…]
    mangluoi tasks show 5.2 [--plan P]
    mangluoi tasks set-deadline 5.2 30/06/2026 [--org "UBND huyện Ia Grai"] [--year 2026]
    mangluoi tasks set-deadline 4.1 --yearly 30/11        (or --yearly default)
    mangluoi tasks assign 6.1 --add "Sở Nội vụ" | --remove "Báo Gia Lai" | --move A B
    mangluoi tasks export --format xlsx [--out tien-do.xlsx]
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession

from bot import tasks_export, tasks_report
from bot.config import Config
from bot.tasks_report import AssignmentView, ListedTask, day_month
from bot.texts import tasks as t
from models import (
    migrate,
    organisations,
    task_agencies,
    task_assignments,
    task_deadlines,
    task_import,
    task_timing,
    task_views,
    tasks,
)
from models.base import utcnow
from models.engine import create_engine, ensure_sqlite_folder, session_factory
from models.organisations import Organisation, OrgKind
from models.task_files import (
    MAX_BYTES,
    FileProblem,
    ParsedPlan,
    TaskFileError,
    parse_grids,
    read_grids,
)
from models.tasks import Task, TaskPlan

ACTOR = "cli"
SHOW_LIMIT = 40


class TasksCliError(Exception):
    """The command cannot be done; the message says why, in Vietnamese."""


def add_parser(commands: argparse._SubParsersAction, default_config: Path) -> None:
    """Add `tasks` and its actions to the `mangluoi` parser."""
    parser = commands.add_parser("tasks", help=t.CLI_HELP)
    actions = parser.add_subparsers(dest="action", required=True)
    load = actions.add_parser("import", help="nhập bảng nhiệm vụ (XLSX, CSV, DOCX, Markdown)")
    load.add_argument("file", type=Path)
    load.add_argument("--plan", default=None, help="tên kế hoạch (mặc định: tên tệp)")
    load.add_argument("--dry-run", action="store_true")
    listing = actions.add_parser("list", help="danh sách nhiệm vụ")
    listing.add_argument("--kind", choices=list(t.KINDS), default=None)
    show = actions.add_parser("show", help="chi tiết một nhiệm vụ")
    show.add_argument("number")
    deadline = actions.add_parser("set-deadline", help="đặt hoặc dời hạn một nhiệm vụ")
    deadline.add_argument("number")
    deadline.add_argument("date", nargs="?", default=None, help="ngày/tháng/năm")
    deadline.add_argument("--org", default=None, help="chỉ một đơn vị")
    deadline.add_argument("--year", type=int, default=None, help="năm (nhiệm vụ hằng năm)")
    deadline.add_argument("--yearly", default=None, help="ngày/tháng hạn mỗi năm, hoặc default")
    assign = actions.add_parser("assign", help="giao thêm, thôi giao, chuyển đơn vị")
    assign.add_argument("number")
    group = assign.add_mutually_exclusive_group(required=True)
    group.add_argument("--add", default=None, metavar="ĐƠN_VỊ")
    group.add_argument("--remove", default=None, metavar="ĐƠN_VỊ")
    group.add_argument("--move", nargs=2, default=None, metavar=("TỪ", "SANG"))
    export = actions.add_parser("export", help="xuất tiến độ (XLSX)")
    export.add_argument("--format", choices=["xlsx"], default="xlsx")
    export.add_argument("--out", type=Path, default=None)
    for action in (load, listing, show, deadline, assign, export):
        if action is not load:
            action.add_argument("--plan", default=None, help="tên kế hoạch")
        action.add_argument("--config", type=Path, default=default_config)


@asynccontextmanager
async def _session(config: Config) -> AsyncIterator[AsyncSession]:
    ensure_sqlite_folder(config.database.url)
    await migrate.upgrade_async(config.database.url)
    engine = create_engine(config.database.url)
    try:
        async with session_factory(engine)() as session:
            yield session
    finally:
        await engine.dispose()


def _today(config: Config, now: dt.datetime) -> dt.date:
    return now.astimezone(config.zone).date()


def file_problem(error: TaskFileError) -> str:
    """The one Vietnamese sentence for a file that cannot be imported."""
    template = t.FILE_PROBLEMS[error.problem]
    size = int(error.detail) if error.detail.isdigit() else 0
    return template.format(size=round(size / 1024 / 1024, 1), limit=MAX_BYTES // 1024 // 1024)


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


async def _import(config: Config, args: argparse.Namespace, now: dt.datetime) -> str:
    parsed = read_plan_file(args.file)
    plan_name = (args.plan or args.file.stem).strip()
    async with _session(config) as session:
        report = await task_import.import_plan(
            session,
            parsed=parsed,
            plan_name=plan_name,
            source_name=args.file.name,
            catalog=config.units.catalog,
            today=_today(config, now),
            default_day=config.tasks.yearly_day,
            now=now,
        )
        if args.dry_run:
            await session.rollback()
        else:
            await session.commit()
    return tasks_report.import_report(report, source=args.file.name, dry_run=args.dry_run)


async def _plan(session: AsyncSession, name: str | None) -> TaskPlan:
    every = await tasks.plans(session)
    names = ", ".join(f"“{plan.name}”" for plan in every)
    if name is not None:
        plan = await tasks.plan_by_name(session, name=name)
        if plan is None:
            raise TasksCliError(t.PLAN_UNKNOWN.format(plan=name, plans=names or "—"))
        return plan
    if not every:
        raise TasksCliError(t.NO_PLAN)
    if len(every) > 1:
        raise TasksCliError(t.PLAN_CHOOSE.format(plans=names))
    return every[0]


async def _task(session: AsyncSession, plan: TaskPlan, number: str) -> Task:
    assert plan.id is not None
    task = await tasks.task_by_number(session, plan_id=plan.id, number=number.strip().rstrip("."))
    if task is None:
        raise TasksCliError(t.TASK_UNKNOWN.format(plan=plan.name, number=number))
    return task


async def _list(config: Config, args: argparse.Namespace, now: dt.datetime) -> str:
    async with _session(config) as session:
        plan = await _plan(session, args.plan)
        assert plan.id is not None
        found = await tasks.tasks_of(session, plan_id=plan.id, kind=args.kind)
        listed = []
        for task in found:
            assert task.id is not None
            listed.append(
                ListedTask(
                    task,
                    await task_views.organisation_count(session, task_id=task.id),
                    await task_views.next_due(session, task_id=task.id, today=_today(config, now)),
                )
            )
        groups = await tasks.groups_of(session, plan_id=plan.id)
        return tasks_report.task_list(plan.name, groups, listed)


async def _show(config: Config, args: argparse.Namespace, now: dt.datetime) -> str:
    async with _session(config) as session:
        plan = await _plan(session, args.plan)
        task = await _task(session, plan, args.number)
        rows = await task_views.assignment_rows(session, task_list=[task])
        group = None
        if task.group_id is not None:
            group = await session.get(tasks.TaskGroup, task.group_id)
        views = [
            AssignmentView(r.assignment, r.organisation, r.deadlines, r.retired, r.people)
            for r in rows
        ]
        text = tasks_report.task_details(
            plan.name, task, group, views[:SHOW_LIMIT], default_day=config.tasks.yearly_day
        )
        if len(views) > SHOW_LIMIT:
            text += "\n  " + t.MORE.format(count=len(views) - SHOW_LIMIT).strip()
        return text


async def _all_organisations(session: AsyncSession) -> list[Organisation]:
    found: list[Organisation] = []
    for kind in OrgKind:
        found.extend(await organisations.of_kind(session, kind=kind))
    return found


def _one(found: list[Organisation], name: str, missing: str) -> Organisation:
    if not found:
        raise TasksCliError(missing)
    if len(found) > 1:
        names = ", ".join(org.display for org in found[:8])
        raise TasksCliError(t.ORG_AMBIGUOUS.format(name=name, names=names))
    return found[0]


async def _organisation(session: AsyncSession, name: str, catalog: str) -> Organisation:
    found = organisations.matching(await _all_organisations(session), name)
    if not found:
        match = task_agencies.match(
            name, await task_assignments.candidates(session), catalog=catalog
        )
        if match.units and not match.levels:
            resolver = task_assignments.Resolver(session, catalog=catalog)
            found = await resolver.organisations(match)
    return _one(found, name, t.ORG_NOT_FOUND.format(name=name))


async def _set_deadline(config: Config, args: argparse.Namespace, now: dt.datetime) -> str:
    today = _today(config, now)
    async with _session(config) as session:
        plan = await _plan(session, args.plan)
        task = await _task(session, plan, args.number)
        assert task.id is not None
        pairs = await task_assignments.of_task(session, task_id=task.id)
        if args.org:
            chosen = organisations.matching([org for _, org in pairs], args.org)
            missing = t.ORG_UNKNOWN.format(name=args.org, number=task.number)
            org = _one(chosen, args.org, missing)
            pairs = [(a, o) for a, o in pairs if o.id == org.id]
        if not pairs:
            raise TasksCliError(t.NO_ASSIGNMENT.format(number=task.number))
        assignments = [a for a, _ in pairs]
        if args.yearly is not None:
            text = await _yearly(session, config, task, assignments, args.yearly, today, now)
        else:
            text = await _dated(session, task, assignments, args, now)
        await session.commit()
        return text


async def _yearly(
    session: AsyncSession,
    config: Config,
    task: Task,
    assignments: list[tasks.TaskAssignment],
    value: str,
    today: dt.date,
    now: dt.datetime,
) -> str:
    if task.timing_kind != task_timing.TimingKind.YEARLY:
        raise TasksCliError(t.NOT_YEARLY.format(number=task.number))
    reset = value.strip().lower() in ("default", "mac-dinh", "mặc-định")
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
        today=today,
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
    assignments: list[tasks.TaskAssignment],
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
    return t.DEADLINE_SET.format(date=due.strftime("%d/%m/%Y"), number=task.number, count=count)


async def _assign(config: Config, args: argparse.Namespace, now: dt.datetime) -> str:
    catalog = config.units.catalog
    async with _session(config) as session:
        plan = await _plan(session, args.plan)
        task = await _task(session, plan, args.number)
        assert task.id is not None
        if args.add:
            org = await _organisation(session, args.add, catalog)
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
            old = _one(organisations.matching([o for _, o in pairs], name), name, missing)
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
                new = await _organisation(session, args.move[1], catalog)
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


async def _export(config: Config, args: argparse.Namespace, now: dt.datetime) -> str:
    async with _session(config) as session:
        plan = await _plan(session, args.plan)
        assert plan.id is not None
        found = await tasks.tasks_of(session, plan_id=plan.id)
        rows = await task_views.assignment_rows(session, task_list=found)
        covered = {row.task.id for row in rows}
        content = tasks_export.tasks_xlsx(
            plan=plan.name,
            rows=rows,
            unassigned=[task for task in found if task.id not in covered],
            zone=config.zone,
            today=_today(config, now),
        )
    path = args.out or Path(f"nhiem-vu-{_today(config, now).strftime('%Y%m%d')}.xlsx")
    try:
        path.write_bytes(content)
    except OSError as error:
        raise TasksCliError(t.NO_FILE.format(path=path, error=error.strerror)) from None
    return t.EXPORT_SAVED.format(rows=len(rows), path=path)


ACTIONS = {
    "import": _import,
    "list": _list,
    "show": _show,
    "set-deadline": _set_deadline,
    "assign": _assign,
    "export": _export,
}


async def run(config: Config, args: argparse.Namespace, *, now: dt.datetime | None = None) -> str:
    """Do one `mangluoi tasks` action and return what to print (raises TasksCliError)."""
    return await ACTIONS[args.action](config, args, now or utcnow())
