"""Killing the sending process (SIGKILL) in the middle of a broadcast and starting it again:
every recipient gets the message, only sends in flight at the kill can be repeated, and
the rows the killed process held go out within 15 s (its heartbeat runs out; no 2-minute
lease to wait for).

The sending processes run on a clock the test hands them (see sender_process.py): 09:00 on
the suite's day, outside quiet hours (this test is about crashes, not hours), whatever the
machine's clock says.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlmodel import col

from bot.config import Config
from bot.context import Services
from jobs import announcements as announcement_jobs
from jobs import sender as sender_module
from jobs.context import JobContext
from models.outbox import OutboxMessage, OutboxState
from tests.conftest import make_config
from tests.fakes.telegram_server import FakeTelegramServer
from tests.utils.clock import FakeClock
from tests.utils.population import announce, make_admin, seed_members

ROOT = Path(__file__).resolve().parents[2]
PEOPLE = 300
CHAT_BASE = 6_000_000
RATE = 60


def _config_file(path: Path, settings: Config, server: FakeTelegramServer) -> Path:
    """The children's configuration: the test's database and quiet hours, the fake Telegram."""
    quiet = settings.quiet_hours
    path.write_text(
        "\n".join(
            [
                "[database]",
                f'url = "{settings.database.url}"',
                "[bot]",
                f'timezone = "{settings.bot.timezone}"',
                "[quiet_hours]",
                f"start = {quiet.start.isoformat()}",
                f"end = {quiet.end.isoformat()}",
                "[web]",
                "webchat_enabled = false",
                "[telegram]",
                "enabled = true",
                f'token = "{server.token}"',
                f'api_base_url = "{server.url}"',
                f"messages_per_second = {RATE}",
            ]
        ),
        encoding="utf-8",
    )
    return path


def _start(config: Path, now: datetime) -> subprocess.Popen[bytes]:
    """Start a sending process whose clock starts at `now`."""
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.integration.sender_process",
            str(config),
            str(sender_module.LEASE.total_seconds()),
            now.isoformat(),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


async def _count(sessions: async_sessionmaker[AsyncSession], state: OutboxState) -> int:
    async with sessions() as session:
        result = await session.execute(
            select(func.count())
            .select_from(OutboxMessage)
            .where(col(OutboxMessage.state) == state)
        )
        return int(result.scalar_one())


async def _holders(sessions: async_sessionmaker[AsyncSession]) -> set[str]:
    """The processes that hold rows being sent."""
    async with sessions() as session:
        result = await session.execute(
            select(OutboxMessage.claimed_by)
            .where(col(OutboxMessage.state) == OutboxState.SENDING)
            .distinct()
        )
        return {str(holder) for holder in result.scalars()}


async def _held_by(sessions: async_sessionmaker[AsyncSession], holders: set[str]) -> int:
    """How many rows the given processes still hold."""
    async with sessions() as session:
        result = await session.execute(
            select(func.count())
            .select_from(OutboxMessage)
            .where(
                col(OutboxMessage.state) == OutboxState.SENDING,
                col(OutboxMessage.claimed_by).in_(sorted(holders)),
            )
        )
        return int(result.scalar_one())


async def _wait(predicate: object, timeout: float, what: str) -> None:  # noqa: ASYNC109
    deadline = time.monotonic() + timeout
    while not await predicate():  # type: ignore[operator]
        assert time.monotonic() < deadline, what
        await asyncio.sleep(0.05)


@pytest.mark.slow
@pytest.mark.local_time(9, 0)
async def test_kill_9_in_the_middle_of_a_broadcast(
    db_url: str, sessions: async_sessionmaker[AsyncSession], clock: FakeClock, tmp_path: Path
) -> None:
    async with FakeTelegramServer(rate_limit=RATE, per_chat_limit=1, latency=0.03) as server:
        await seed_members(sessions, count=PEOPLE, chat_base=CHAT_BASE)
        author = await make_admin(sessions)
        settings = make_config(db_url)
        row = await announce(
            sessions, author_member_id=author, now=clock(), audience={"roles": ["member"]}
        )
        context = JobContext(sessions=sessions, services=Services(config=settings, clock=clock))
        await announcement_jobs.release(context, announcement_id=row.id or 0)
        assert await _count(sessions, OutboxState.QUEUED) == PEOPLE

        # The children's clocks go on from the test's clock at real speed, so the restarted
        # process sees the first one's claims age and takes them over after the lease.
        released, began = clock(), time.monotonic()

        def now() -> datetime:
            return released + timedelta(seconds=time.monotonic() - began)

        config = _config_file(tmp_path / "bot.toml", settings, server)
        first = _start(config, now())
        try:

            async def some_sent() -> bool:
                return server.sent_count() >= PEOPLE // 3

            await _wait(some_sent, 30, "the first process did not start sending")
            first.send_signal(signal.SIGKILL)
            first.wait(10)
        finally:
            if first.poll() is None:
                first.kill()
        killed_at = time.monotonic()
        in_flight = await _count(sessions, OutboxState.SENDING)
        dead = await _holders(sessions)
        sent_before_restart = server.sent_count()
        assert in_flight > 0
        assert sent_before_restart < PEOPLE

        second = _start(config, now())
        try:

            async def held_rows_back() -> bool:
                return await _held_by(sessions, dead) == 0

            await _wait(held_rows_back, 15, "the killed process's rows were not re-queued")
            back_after = time.monotonic() - killed_at

            async def all_sent() -> bool:
                return await _count(sessions, OutboxState.SENT) == PEOPLE

            await _wait(all_sent, 60, "the restarted process did not finish")
        finally:
            second.send_signal(signal.SIGTERM)
            try:
                second.wait(10)
            except subprocess.TimeoutExpired:
                second.kill()

        received = [server.sent_count(CHAT_BASE + i) for i in range(PEOPLE)]
        assert min(received) == 1, "somebody lost the message"
        repeated = sum(count - 1 for count in received)
        assert repeated <= in_flight, (repeated, in_flight)
        assert server.stats["rate_limited"] == 0
        print(
            f"\nkilled with {in_flight} rows in flight; back after {back_after:.1f} s;"
            f" {repeated} sent twice; none lost"
        )
