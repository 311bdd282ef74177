"""Check-in benchmark: how long the leader's sweep takes to open a round for N members (its
people fixed, one prompt each queued in the outbox), to run on an open round when nobody new
came into its audience (every minute) and when N/100 members joined, to queue the 50 %
reminders, to close it with the creator's list, and how long a round's summary takes, on an
embedded SQLite file.

With --summary: 3,000 members in 30 communes, 20 tasks, 1,000,000 check-in answers over a
weekly series of rounds; the time of a round's summary (as /tonghop computes it) against
hand-written SQL GROUP BY queries of the same figures, on SQLite and (--pg URL) PostgreSQL;
an XLSX of 100,000 answer rows written with openpyxl write-only (time, peak memory); the
round's chart (time). Figures are printed, nothing is asserted.

Run from the repository root:  .venv/bin/python bench/checkins.py [--members 10000]
                               .venv/bin/python bench/checkins.py --summary [--pg URL]
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sqlalchemy import func, select, update  # noqa: E402
from sqlmodel import col  # noqa: E402

from bot import config as config_module  # noqa: E402
from bot.context import Services  # noqa: E402
from jobs import checkins as checkin_jobs  # noqa: E402
from jobs.context import JobContext  # noqa: E402
from models import checkin_summary, checkins, migrate, organisations, unit_catalog  # noqa: E402
from models.audience import Audience  # noqa: E402
from models.checkins import CheckinRound, Recurrence  # noqa: E402
from models.engine import create_engine, session_factory  # noqa: E402
from models.members import Member  # noqa: E402
from models.outbox import OutboxMessage  # noqa: E402
from models.tasks import Task, TaskAssignment, TaskPlan  # noqa: E402
from tests.utils.population import Unit, make_admin, seed_members  # noqa: E402

START = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)  # 09:00 in Gia Lai


class Clock:
    """A clock moved by hand."""

    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


async def run(members: int) -> None:
    """Seed, then time each step of one round's life."""
    with tempfile.TemporaryDirectory(prefix="mangluoi-bench-") as folder:
        url = f"sqlite+aiosqlite:///{folder}/bench.db"
        await migrate.upgrade_async(url)
        clock = Clock()
        engine = create_engine(url)
        sessions = session_factory(engine, clock=clock)
        unit = unit_catalog.get_unit("2024", "23767")
        assert unit is not None
        async with sessions() as session:
            org = await organisations.committee_for(session, unit=unit)
            plan = TaskPlan(name="bench")
            session.add(plan)
            await session.flush()
            for number in ("1", "2", "3"):
                task = Task(plan_id=plan.id or 0, number=number, title="x", timing_kind="none")
                session.add(task)
                await session.flush()
                session.add(TaskAssignment(task_id=task.id or 0, organisation_id=org.id or 0))
            await session.commit()
        await seed_members(
            sessions, count=members, chat_base=10_000, units=[Unit("2024", "23767")]
        )
        async with sessions() as session:
            await session.execute(update(Member).values(organisation_id=org.id))
            await session.commit()
        admin = await make_admin(sessions)
        async with sessions() as session:
            row = await checkins.create(
                session,
                title="bench",
                author_member_id=admin,
                spec=Audience(catalog="2024"),
                opens_at=START,
                closes_at=START + timedelta(days=2),
                recurrence=Recurrence.MONTHLY,
                now=START,
            )
            await session.commit()
        config = config_module.build(
            {"database": {"url": url}, "telegram": {"enabled": False}}, environ={}
        )
        context = JobContext(sessions=sessions, services=Services(config=config, clock=clock))
        joining = max(1, members // 100)
        for label, moment in (
            ("open", START),
            ("nobody new", START + timedelta(hours=1)),
            (f"{joining} join", START + timedelta(hours=2)),
            ("remind 50 %", START + timedelta(days=1)),
            ("close + list", START + timedelta(days=2)),
        ):
            clock.now = moment
            if label.endswith(" join"):  # members approved into the audience mid-round
                await seed_members(
                    sessions,
                    count=joining,
                    chat_base=10_000 + members,
                    units=[Unit("2024", "23767")],
                )
                async with sessions() as session:
                    await session.execute(update(Member).values(organisation_id=org.id))
                    await session.commit()
            began = time.perf_counter()
            queued = await checkin_jobs.sweep(context)
            print(f"{label:>14}: {time.perf_counter() - began:6.2f} s, {queued} messages queued")
        async with sessions() as session:
            rows = int(
                (
                    await session.execute(select(func.count()).select_from(OutboxMessage))
                ).scalar_one()
            )
            fresh = await session.get(CheckinRound, row.id)
            assert fresh is not None
            began = time.perf_counter()
            await checkin_summary.summarize(session, row=fresh, today=START.date())
            print(f"{'summary':>14}: {time.perf_counter() - began:6.2f} s")
            people = await session.execute(
                select(func.count()).where(col(Member.organisation_id) == org.id)
            )
        print(f"{members} members ({int(people.scalar_one())} with tasks), {rows} outbox rows")
        await engine.dispose()


def main() -> None:
    """Parse the options and run."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--members", type=int, default=None)
    parser.add_argument("--summary", action="store_true", help="time a round's summary")
    parser.add_argument("--tasks", type=int, default=20)
    parser.add_argument("--answers", type=int, default=1_000_000)
    parser.add_argument("--xlsx-rows", type=int, default=100_000)
    parser.add_argument("--pg", default=None, help="a PostgreSQL server URL, as well")
    args = parser.parse_args()
    if args.summary:
        import checkin_summaries

        asyncio.run(
            checkin_summaries.main(
                members=args.members or 3_000,
                tasks=args.tasks,
                answers=args.answers,
                xlsx_rows=args.xlsx_rows,
                pg=args.pg,
            )
        )
    else:
        asyncio.run(run(args.members or 10_000))


if __name__ == "__main__":
    main()
