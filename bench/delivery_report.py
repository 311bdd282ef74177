"""The cost of showing the messenger in an announcement's report (/tinhhinh).

Seeds N members in the communes of one district (60 % on Telegram, 40 % on Zalo), releases
an announcement to all of them into the outbox and marks the rows sent, then prints the time
of the report's per-unit counts with the messenger (`announcement_reports.tally_by_unit`)
against the same counts by delivery state only (no messenger), one page of the
not-acknowledged list, and the attendee XLSX; then again after retention purged every outbox
row (the messengers are read from the recipient rows).

Run from the repository root:  .venv/bin/python bench/delivery_report.py
(options: --members 20000 --pg-url URL)
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sqlalchemy import case, func, select, update  # noqa: E402
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker  # noqa: E402
from sqlmodel import col  # noqa: E402

from bot import config as config_module  # noqa: E402
from bot.context import Services  # noqa: E402
from jobs import announcements as announcement_jobs  # noqa: E402
from jobs.context import JobContext  # noqa: E402
from models import announcement_reports as reports  # noqa: E402
from models import migrate, retention, unit_catalog  # noqa: E402
from models.announcements import Announcement, Recipient  # noqa: E402
from models.engine import create_engine, session_factory  # noqa: E402
from models.outbox import OutboxMessage, OutboxState  # noqa: E402
from rendering.attendance_sheet import attendee_sheet  # noqa: E402
from tests.utils.databases import create_pg_database, drop_pg_database  # noqa: E402
from tests.utils.population import Unit, announce, make_admin, seed_members  # noqa: E402

NOW = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)
ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
RUNS = 5


async def _seed(sessions: async_sessionmaker[AsyncSession], members: int) -> Announcement:
    communes = [Unit("2024", c.code) for c in unit_catalog.communes("2024", "628")]
    on_telegram = members * 6 // 10
    await seed_members(sessions, count=on_telegram, chat_base=1_000_000, units=communes)
    await seed_members(
        sessions, count=members - on_telegram, chat_base=5_000_000, channel="zalo", units=communes
    )
    author = await make_admin(sessions)
    row = await announce(
        sessions,
        author_member_id=author,
        now=NOW,
        audience={"roles": ["member"]},
        kind="training",
        event_at=NOW + timedelta(days=8),
        place="Hội trường",
        rsvp=True,
    )
    config = config_module.build({"database": {"url": "sqlite+aiosqlite://"}}, environ={})
    context = JobContext(sessions=sessions, services=Services(config=config, clock=lambda: NOW))
    await announcement_jobs.release(context, announcement_id=row.id or 0)
    async with sessions() as session:
        await session.execute(update(OutboxMessage).values(state=OutboxState.SENT, sent_at=NOW))
        await session.commit()
    return row


async def _without_channel(session: AsyncSession, row: Announcement) -> int:
    """The per-unit counts by delivery state only, without the messenger."""
    inner = (
        select(
            col(Recipient.unit_catalog).label("catalog"),
            col(Recipient.unit_code).label("code"),
            reports.delivery(row.dedupe_key).label("delivery"),
            case((col(Recipient.acked_at).is_not(None), 1), else_=0).label("acked"),
        )
        .where(col(Recipient.announcement_id) == row.id)
        .subquery()
    )
    counts = (func.count(), func.sum(inner.c.acked))
    result = await session.execute(
        select(inner.c.catalog, inner.c.code, inner.c.delivery, *counts).group_by(
            inner.c.catalog, inner.c.code, inner.c.delivery
        )
    )
    return len(result.all())


async def _timed(
    sessions: async_sessionmaker[AsyncSession], work: Callable[[AsyncSession], Awaitable[Any]]
) -> float:
    """The median of RUNS runs, in milliseconds."""
    times = []
    for _ in range(RUNS):
        async with sessions() as session:
            started = time.perf_counter()
            await work(session)
            times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


async def _figures(sessions: async_sessionmaker[AsyncSession], row: Announcement) -> None:
    assert row.id is not None
    announcement_id, key = row.id, row.dedupe_key

    async def with_channel(session: AsyncSession) -> None:
        tallies = await reports.tally_by_unit(
            session, announcement_id=announcement_id, dedupe_key=key
        )
        total = reports.Tally()
        for tally in tallies.values():
            total.add(tally)
        assert sum(total.by_channel(reports.SENT).values()) == total.total

    async def page(session: AsyncSession) -> None:
        await reports.unacknowledged(
            session, announcement_id=announcement_id, dedupe_key=key, limit=10, offset=0
        )

    async def sheet(session: AsyncSession) -> None:
        await attendee_sheet(session, announcement=row, zone=ZONE)

    async def without(session: AsyncSession) -> None:
        await _without_channel(session, row)

    before = await _timed(sessions, without)
    after = await _timed(sessions, with_channel)
    print(f"  counts by unit, without the messenger:  {before:8.1f} ms")
    print(f"  counts by unit, with the messenger:     {after:8.1f} ms  (x{after / before:.2f})")
    print(f"  not-acknowledged page (10 people):      {await _timed(sessions, page):8.1f} ms")
    print(f"  attendee XLSX (everyone):               {await _timed(sessions, sheet):8.1f} ms")


async def run(url: str, members: int) -> None:
    """Seed, measure, purge, measure again."""
    await migrate.upgrade_async(url)
    engine = create_engine(url)
    sessions = session_factory(engine, clock=lambda: NOW)
    try:
        row = await _seed(sessions, members)
        print(f"{members} recipients ({url.split(':', 1)[0]}), outbox rows kept:")
        await _figures(sessions, row)
        async with sessions() as session:
            while await retention.purge_outbox(
                session, before=NOW + timedelta(days=1), limit=5000
            ):
                await session.commit()
            await session.commit()
        print("after retention purged the outbox rows:")
        await _figures(sessions, row)
    finally:
        await engine.dispose()


def main() -> None:
    """Parse the options and run on SQLite (a temporary file) or PostgreSQL."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--members", type=int, default=20_000)
    parser.add_argument("--pg-url", default=None)
    args = parser.parse_args()
    if args.pg_url:
        name = f"bench_delivery_report_{os.getpid()}"
        url = asyncio.run(create_pg_database(args.pg_url, name))
        try:
            asyncio.run(run(url, args.members))
        finally:
            asyncio.run(drop_pg_database(args.pg_url, name))
        return
    with tempfile.TemporaryDirectory() as folder:
        asyncio.run(run(f"sqlite+aiosqlite:///{os.path.join(folder, 'bench.db')}", args.members))


if __name__ == "__main__":
    main()
