"""Deadline reminder benchmark: 2,000 members in 100 communes, 20 tasks given to every
commune, each due in 7 days (a Monday): 40,000 reminders due in one morning.

Prints, for SQLite (and PostgreSQL when a server URL is given or TEST_DATABASE_URL is set):
- the due scan: its time, rows, and the query plan (it must use ix_task_deadlines_due);
- the resident memory before and after (current and peak);
- one tick of the reminder job: the time to record the 40,000 reminders and write them to
  the outbox, and a second tick (nothing left to send).

Run from the repository root:  .venv/bin/python bench/reminders.py [--pg URL]
(options: --members 2000 --tasks 20 --communes 100)
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import resource
import sys
import tempfile
import time
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sqlalchemy import func, insert, select, text  # noqa: E402
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker  # noqa: E402
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
from tests.utils.databases import create_pg_database, drop_pg_database  # noqa: E402

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
TODAY = dt.date(2026, 6, 8)  # a Monday with no holiday around it
NOW = dt.datetime.combine(TODAY, dt.time(8, 5), tzinfo=ZONE).astimezone(dt.UTC)
CHUNK = 2000


def rss_mb() -> tuple[float, float]:
    """(current, peak) resident memory of this process, in MB."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    current = pages * os.sysconf("SC_PAGE_SIZE") / 1e6
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3
    return current, peak


async def _insert(session: AsyncSession, table: type, rows: list[dict[str, object]]) -> list[int]:
    ids: list[int] = []
    for start in range(0, len(rows), CHUNK):
        result = await session.execute(
            insert(table).values(rows[start : start + CHUNK]).returning(table.id)  # type: ignore[attr-defined]
        )
        ids.extend(int(row[0]) for row in result.all())
    return ids


async def seed(
    sessions: async_sessionmaker[AsyncSession], *, members: int, tasks: int, communes: int
) -> None:
    """Communes, their members (one Telegram identity each), a plan of tasks given to every
    commune, each due 7 days from TODAY."""
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
                }
                for a in assignments
            ],
        )
        await session.commit()


async def plan_of_scan(session: AsyncSession) -> str:
    """The database's plan of the due scan."""
    statement = task_reminders.due_scan(
        TODAY - dt.timedelta(days=366), TODAY + dt.timedelta(days=74)
    )
    dialect = session.get_bind().dialect
    sql = str(statement.compile(dialect=dialect, compile_kwargs={"literal_binds": True}))
    if dialect.name == "sqlite":
        rows = (await session.execute(text("EXPLAIN QUERY PLAN " + sql))).all()
        return "\n".join(f"  {row[-1]}" for row in rows)
    rows = (await session.execute(text("EXPLAIN " + sql))).all()
    return "\n".join(f"  {row[0]}" for row in rows)


async def run(url: str, label: str, *, members: int, tasks: int, communes: int) -> None:
    """Seed, scan, plan, tick, and print the figures for one database."""
    await upgrade_async(url)
    engine = create_engine(url)
    clock = lambda: NOW  # noqa: E731
    sessions = session_factory(engine, clock=clock)
    config = config_module.build(
        {"database": {"url": url}, "telegram": {"enabled": False}}, environ={}
    )
    context = JobContext(sessions=sessions, services=Services(config=config, clock=clock))
    try:
        started = time.perf_counter()
        await seed(sessions, members=members, tasks=tasks, communes=communes)
        if engine.dialect.name == "postgresql":
            async with engine.connect() as connection:  # fresh statistics for the planner
                await connection.execute(text("ANALYZE"))
                await connection.commit()
        print(
            f"\n== {label}: {members} members × {tasks} tasks "
            f"(seeded in {time.perf_counter() - started:.1f} s)"
        )
        before = rss_mb()
        async with sessions() as session:
            started = time.perf_counter()
            found = await task_reminders.pending(
                session,
                start=TODAY - dt.timedelta(days=366),
                end=TODAY + dt.timedelta(days=74),
            )
            scan = time.perf_counter() - started
            print(f"due scan: {len(found)} rows in {scan * 1000:.0f} ms")
            print("query plan:\n" + await plan_of_scan(session))
        started = time.perf_counter()
        queued = await jobs.remind_due(context)
        tick = time.perf_counter() - started
        started = time.perf_counter()
        again = await jobs.remind_due(context)
        second = time.perf_counter() - started
        after = rss_mb()
        async with sessions() as session:
            rows = (
                await session.execute(select(func.count()).select_from(OutboxMessage))
            ).scalar_one()
            recorded = (
                await session.execute(select(func.count(col(task_reminders.TaskReminder.id))))
            ).scalar_one()
        print(
            f"tick: {queued} reminders queued in {tick:.2f} s "
            f"({queued / tick:.0f}/s); outbox rows {rows}, reminder rows {recorded}"
        )
        print(f"second tick: {again} queued in {second:.2f} s")
        print(
            f"memory: {before[0]:.0f} MB before, {after[0]:.0f} MB after (peak {after[1]:.0f} MB)"
        )
    finally:
        await engine.dispose()


async def main() -> None:
    """Run the benchmark on SQLite, then on PostgreSQL if a server is given."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=2000)
    parser.add_argument("--tasks", type=int, default=20)
    parser.add_argument("--communes", type=int, default=100)
    parser.add_argument("--pg", default=os.environ.get("TEST_DATABASE_URL"))
    args = parser.parse_args()
    sizes = {"members": args.members, "tasks": args.tasks, "communes": args.communes}
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite+aiosqlite:///{folder}/bench.db"
        await run(url, "SQLite", **sizes)
    if args.pg:
        name = f"bench_reminders_{os.getpid()}"
        url = await create_pg_database(args.pg, name)
        try:
            await run(url, "PostgreSQL", **sizes)
        finally:
            await drop_pg_database(args.pg, name)


if __name__ == "__main__":
    asyncio.run(main())
