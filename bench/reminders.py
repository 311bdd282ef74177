"""Deadline reminder benchmark: 2,000 members in 100 communes, 20 tasks given to every
commune, each due in 7 days (a Monday): 40,000 reminders (deadline × member) due in one
morning. The deadlines are seeded as the reminder job leaves them after the 14-day
reminder: their next reminder day (`next_remind_on`) is today.

Prints, for SQLite (and PostgreSQL when a server URL is given with --database-url or
TEST_DATABASE_URL; a throwaway database is created there and dropped after):
- the due scan as the job runs it (every chunk of due deadlines over the
  ix_task_deadlines_next_remind index, with their organisations' members): the median time
  of several runs with all 40,000 due, and with none due (a tick before the reminder hour);
- the query plan of one chunk of the scan, all due and none due (it must use
  ix_task_deadlines_next_remind; PostgreSQL rightly reads the whole small table when every
  row of it is due);
- one tick of the reminder job: the time to record the 40,000 reminders and write them to
  the outbox (all of the day's reminders in one tick), and a second tick (nothing left);
- the peak memory the tick allocates (tracemalloc) at 10,000 and 40,000 pending
  reminders (5 and 20 tasks), to show it does not grow with their number.

Run from the repository root:  .venv/bin/python bench/reminders.py [--database-url URL]
(options: --members 2000 --tasks 20 --communes 100 --runs 7)
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sqlalchemy import func, insert, select, text  # noqa: E402
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker  # noqa: E402
from sqlmodel import col  # noqa: E402

from bot import config as config_module  # noqa: E402
from bot.context import Services  # noqa: E402
from jobs import task_reminders as jobs  # noqa: E402
from jobs.context import JobContext  # noqa: E402
from models import task_reminders  # noqa: E402
from models.engine import create_engine, session_factory  # noqa: E402
from models.members import ChannelIdentity, Member, MemberStatus, Role  # noqa: E402
from models.migrate import upgrade_async  # noqa: E402
from models.organisations import Organisation, OrgKind  # noqa: E402
from models.outbox import OutboxMessage  # noqa: E402
from models.tasks import Task, TaskAssignment, TaskDeadline, TaskPlan  # noqa: E402
from models.working_days import WorkCalendar  # noqa: E402
from tests.utils.databases import create_pg_database, drop_pg_database  # noqa: E402

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
TODAY = dt.date(2026, 6, 8)  # a Monday with no holiday around it
NOW = dt.datetime.combine(TODAY, dt.time(8, 5), tzinfo=ZONE).astimezone(dt.UTC)
CHUNK = 2000


async def _insert(session: AsyncSession, table: type, rows: list[dict[str, object]]) -> list[int]:
    ids: list[int] = []
    for start in range(0, len(rows), CHUNK):
        result = await session.execute(
            insert(table).values(rows[start : start + CHUNK]).returning(table.id)
        )
        ids.extend(int(row[0]) for row in result.all())
    return ids


async def seed(
    sessions: async_sessionmaker[AsyncSession],
    *,
    members: int,
    tasks: int,
    communes: int,
    basis: str,
) -> None:
    """Communes, their members (one Telegram identity each), a plan of tasks given to every
    commune, each due 7 days from TODAY, its next reminder day TODAY."""
    due = TODAY + dt.timedelta(days=7)
    async with sessions() as session:
        orgs = await _insert(
            session,
            Organisation,
            [
                {
                    "kind": OrgKind.COMMUNE_COMMITTEE,
                    "name": f"UBND Xã Thử {i}",
                    "active": True,
                    "created_at": NOW,
                }
                for i in range(communes)
            ],
        )
        people = await _insert(
            session,
            Member,
            [
                {
                    "full_name": f"Thành viên {i}",
                    "status": MemberStatus.ACTIVE,
                    "role": Role.MEMBER,
                    "organisation_id": orgs[i % communes],
                    "created_at": NOW,
                    "updated_at": NOW,
                }
                for i in range(members)
            ],
        )
        await _insert(
            session,
            ChannelIdentity,
            [
                {
                    "channel": "telegram",
                    "external_id": str(10_000 + i),
                    "chat_id": str(10_000 + i),
                    "member_id": member_id,
                    "reachable": True,
                    "created_at": NOW,
                    "last_seen_at": NOW,
                }
                for i, member_id in enumerate(people)
            ],
        )
        [plan] = await _insert(
            session, TaskPlan, [{"name": "KH thử tải", "created_at": NOW, "updated_at": NOW}]
        )
        task_ids = await _insert(
            session,
            Task,
            [
                {
                    "plan_id": plan,
                    "number": f"9.{i + 1}",
                    "position": i,
                    "title": f"Nhiệm vụ {i}",
                    "lead": "",
                    "partners": "",
                    "result": "Báo cáo kết quả",
                    "timing_text": "",
                    "timing_kind": "date",
                    "unnumbered": False,
                    "in_plan": True,
                    "created_at": NOW,
                    "updated_at": NOW,
                }
                for i in range(tasks)
            ],
        )
        assignments = await _insert(
            session,
            TaskAssignment,
            [
                {
                    "task_id": task_id,
                    "organisation_id": org,
                    "source": "plan",
                    "active": True,
                    "status": "not_started",
                    "created_at": NOW,
                    "created_by_label": "bench",
                }
                for task_id in task_ids
                for org in orgs
            ],
        )
        await _insert(
            session,
            TaskDeadline,
            [
                {
                    "assignment_id": a,
                    "period": "",
                    "due_on": due,
                    "active": True,
                    "source": "admin",
                    "set_at": NOW,
                    "set_by_label": "bench",
                    "next_remind_on": TODAY,  # as the job left them after the 14-day one
                }
                for a in assignments
            ],
        )
        await session.execute(
            insert(task_reminders.ReminderBasis).values(
                name=task_reminders.BASIS, fingerprint=basis, changed_at=NOW
            )
        )
        await session.commit()


async def plan_of_scan(session: AsyncSession, cutoff: dt.date) -> str:
    """The database's plan of one chunk of the due scan."""
    statement = task_reminders.due_query(cutoff, limit=jobs.CHUNK)
    dialect = session.get_bind().dialect
    sql = str(statement.compile(dialect=dialect, compile_kwargs={"literal_binds": True}))
    if dialect.name == "sqlite":
        rows = (await session.execute(text("EXPLAIN QUERY PLAN " + sql))).all()
        return "\n".join(f"  {row[-1]}" for row in rows)
    rows = (await session.execute(text("EXPLAIN " + sql))).all()
    return "\n".join(f"  {row[0]}" for row in rows)


async def full_scan(context: JobContext, cutoff: dt.date) -> tuple[int, int]:
    """Read every due deadline and its members as the job does (jobs.due_chunks: chunk by
    chunk, each in its own session); return (deadlines, reminders)."""
    deadlines = reminders = 0
    async for chunk, people in jobs.due_chunks(context, cutoff):
        deadlines += len(chunk)
        reminders += sum(len(people[item.organisation_id]) for item in chunk)
    return deadlines, reminders


async def timed_scan(context: JobContext, cutoff: dt.date, runs: int) -> tuple[float, int, int]:
    """The median time of `runs` full scans, in ms, with what one found."""
    times = []
    found = (0, 0)
    for _ in range(runs):
        started = time.perf_counter()
        found = await full_scan(context, cutoff)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), *found


def setup(
    url: str, moment: list[dt.datetime] | None = None
) -> tuple[AsyncEngine, async_sessionmaker[AsyncSession], JobContext, str]:
    """The engine, sessions and job context of the benchmark at NOW (or at moment[0], which
    the caller may change), and the fingerprint of the rules and calendar the seeded
    reminder days are worked out with."""
    engine = create_engine(url)
    now = moment if moment is not None else [NOW]
    clock = lambda: now[0]  # noqa: E731
    sessions = session_factory(engine, clock=clock)
    config = config_module.build(
        {"database": {"url": url}, "telegram": {"enabled": False}}, environ={}
    )
    context = JobContext(sessions=sessions, services=Services(config=config, clock=clock))
    return engine, sessions, context, jobs.basis(jobs.rules_of(context), WorkCalendar())


async def run(url: str, label: str, *, members: int, tasks: int, communes: int, runs: int) -> None:
    """Seed, scan, plan, tick, and print the figures for one database."""
    await upgrade_async(url)
    engine, sessions, context, basis = setup(url)
    try:
        started = time.perf_counter()
        await seed(sessions, members=members, tasks=tasks, communes=communes, basis=basis)
        if engine.dialect.name == "postgresql":  # fresh statistics for the planner
            async with engine.connect() as connection:
                await connection.execute(text("ANALYZE"))
                await connection.commit()
        print(
            f"\n== {label}: {members} members × {tasks} tasks "
            f"(seeded in {time.perf_counter() - started:.1f} s)"
        )
        median, deadlines, reminders = await timed_scan(context, TODAY, runs)
        print(
            f"due scan, all due: {deadlines} deadlines, {reminders} reminders in "
            f"{median:.1f} ms (median of {runs})"
        )
        median, none, _ = await timed_scan(context, TODAY - dt.timedelta(days=1), runs)
        print(f"due scan, none due yet: {none} deadlines in {median:.2f} ms (median of {runs})")
        async with sessions() as session:
            plan = await plan_of_scan(session, TODAY)
            print("query plan of a chunk, all due (PostgreSQL reads the whole table then):")
            print(plan)
            plan = await plan_of_scan(session, TODAY - dt.timedelta(days=1))
            print("query plan of a chunk, none due yet (most ticks):\n" + plan)
        started = time.perf_counter()
        queued = await jobs.remind_due(context)
        tick = time.perf_counter() - started
        started = time.perf_counter()
        again = await jobs.remind_due(context)
        second = time.perf_counter() - started
        async with sessions() as session:
            rows = (
                await session.execute(select(func.count()).select_from(OutboxMessage))
            ).scalar_one()
            recorded = (
                await session.execute(select(func.count(col(task_reminders.TaskReminder.id))))
            ).scalar_one()
        print(
            f"tick: {queued} reminders queued in {tick:.2f} s "
            f"({queued / max(tick, 1e-9):.0f}/s); outbox rows {rows}, reminder rows {recorded}"
            f" — the whole day's reminders in one tick: {'yes' if rows == reminders else 'NO'}"
        )
        print(f"second tick: {again} queued in {second * 1000:.0f} ms")
    finally:
        await engine.dispose()


async def tick_memory(
    folder: str, *, members: int, tasks: int, communes: int
) -> tuple[int, float]:
    """(reminders queued, peak MB allocated by Python) of one tick on a fresh SQLite
    database with members × tasks reminders due."""
    url = f"sqlite+aiosqlite:///{folder}/memory-{tasks}.db"
    await upgrade_async(url)
    moment = [NOW - dt.timedelta(hours=2)]  # before the reminder hour: nothing due yet
    engine, sessions, context, basis = setup(url, moment)
    try:
        await seed(sessions, members=members, tasks=tasks, communes=communes, basis=basis)
        await jobs.remind_due(context)  # warms caches and imports
        moment[0] = NOW
        tracemalloc.start()
        queued = await jobs.remind_due(context)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        return queued, peak / 1e6
    finally:
        await engine.dispose()


async def main() -> None:
    """Run the benchmark on SQLite, then on PostgreSQL if a server is given."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--members", type=int, default=2000)
    parser.add_argument("--tasks", type=int, default=20)
    parser.add_argument("--communes", type=int, default=100)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument(
        "--database-url", "--pg", dest="pg", default=os.environ.get("TEST_DATABASE_URL")
    )
    args = parser.parse_args()
    sizes = {"members": args.members, "tasks": args.tasks, "communes": args.communes}
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite+aiosqlite:///{folder}/bench.db"
        await run(url, "SQLite", runs=args.runs, **sizes)
        print("\n== memory of one tick (SQLite, tracemalloc peak)")
        for tasks in (max(args.tasks // 4, 1), args.tasks):
            queued, peak = await tick_memory(
                folder, members=args.members, tasks=tasks, communes=args.communes
            )
            print(f"{queued} reminders in one tick: peak {peak:.1f} MB")
    if args.pg:
        name = f"bench_reminders_{os.getpid()}"
        url = await create_pg_database(args.pg, name)
        try:
            await run(url, "PostgreSQL", runs=args.runs, **sizes)
        finally:
            await drop_pg_database(args.pg, name)


if __name__ == "__main__":
    asyncio.run(main())
