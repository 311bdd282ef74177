"""The scheduler leader: of two processes on one database exactly one runs the recurring
jobs; when it stops or stalls past its lease the other takes over (and runs the jobs at
once, not a full interval later), and the stalled one steps down."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

import jobs
from bot import demo
from bot.app import BotApp
from bot.leadership import EXPIRY_MARGIN, Leadership
from models import announcements, leases
from models.announcements import AnnouncementState
from tests.conftest import make_config
from tests.integration.reminding import seed_with_deadlines, sent
from tests.integration.task_chatting import local_day
from tests.utils.clock import FakeClock
from tests.utils.population import announce, make_admin, seed_members

pytestmark = pytest.mark.pinned_clock  # figures and dates counted for the default day

RENEW = 0.05  # seconds between renewals in these tests (5 s in production)
STALLED = 3600.0  # a process that never renews by itself: the test renews it by hand

Start = Callable[..., Awaitable[BotApp]]


@pytest.fixture
async def start_app(db_url: str, clock: FakeClock) -> AsyncIterator[Start]:
    """Start bot processes (web chat only) on the test's database, stopped at the end."""
    started: list[BotApp] = []

    async def start(*, interval: float = RENEW) -> BotApp:
        app = BotApp(make_config(db_url), seed_demo=False, clock=clock)
        app.leadership.interval = interval
        await app.start(web=False)
        started.append(app)
        return app

    yield start
    for app in reversed(started):
        await app.stop()


async def _eventually(condition: Callable[[], bool], within: float = 5.0) -> None:
    for _ in range(int(within / 0.02)):
        if condition():
            return
        await asyncio.sleep(0.02)
    assert condition()


def _leader_jobs(app: BotApp) -> set[str]:
    return {job.id for job in app.scheduler.get_jobs()} & set(jobs.LEADER_JOBS)


def _run_release_now(app: BotApp) -> bool:
    """Make the scheduler run the release job at once, if this process has it."""
    job = app.scheduler.get_job("announcements.release")
    if job is None:
        return False
    job.modify(next_run_time=datetime.now(UTC))  # APScheduler's own clock
    app.scheduler.wakeup()
    return True


async def _announce_due(sessions: async_sessionmaker[AsyncSession], clock: FakeClock) -> int:
    author = await make_admin(sessions)
    row = await announce(sessions, author_member_id=author, now=clock())
    assert row.id is not None
    return row.id


async def _state(app: BotApp, announcement_id: int) -> AnnouncementState:
    async with app.sessions() as session:
        row = await announcements.get(session, announcement_id=announcement_id)
        assert row is not None
        return AnnouncementState(row.state)


async def _released(app: BotApp, announcement_id: int, within: float = 5.0) -> None:
    for _ in range(int(within / 0.05)):
        if await _state(app, announcement_id) == AnnouncementState.SENT:
            return
        await asyncio.sleep(0.05)
    assert await _state(app, announcement_id) == AnnouncementState.SENT


async def test_exactly_one_process_leads_and_runs_the_jobs(
    start_app: Start, clock: FakeClock
) -> None:
    first, second = await start_app(), await start_app()
    seen: list[bool] = []
    second.on_leadership(seen.append)
    await asyncio.sleep(RENEW * 4)  # a few renewals: nothing changes hands
    assert (first.is_leader, second.is_leader) == (True, False)
    assert _leader_jobs(first) == set(jobs.LEADER_JOBS)
    assert _leader_jobs(second) == set()
    assert second.scheduler.get_job("outbox.sweep") is not None  # every process sweeps
    assert seen == []

    await seed_members(first.sessions, count=3, chat_base=100)
    announcement_id = await _announce_due(first.sessions, clock)
    assert [_run_release_now(app) for app in (first, second)] == [True, False]
    await _released(first, announcement_id)
    async with first.sessions() as session:
        row = await announcements.get(session, announcement_id=announcement_id)
        assert row is not None and row.recipients == 4  # three members and the admin


async def test_when_the_leader_stops_the_other_takes_over_and_releases(
    start_app: Start, clock: FakeClock
) -> None:
    first, second = await start_app(), await start_app()
    seen: list[bool] = []
    second.on_leadership(seen.append)
    assert first.is_leader and not second.is_leader
    await first.stop()
    assert not first.is_leader and _leader_jobs(first) == set()
    await _eventually(lambda: second.is_leader, within=2.0)  # the lease was given back
    assert seen == [True]
    assert _leader_jobs(second) == set(jobs.LEADER_JOBS)

    await seed_members(second.sessions, count=2, chat_base=200)
    announcement_id = await _announce_due(second.sessions, clock)
    assert _run_release_now(second)
    await _released(second, announcement_id)


async def test_a_stalled_leader_loses_the_lease_and_steps_down(
    start_app: Start, clock: FakeClock
) -> None:
    stalled = await start_app(interval=STALLED)
    other = await start_app()
    changes: list[bool] = []
    stalled.on_leadership(changes.append)
    assert stalled.is_leader and not other.is_leader

    clock.advance(seconds=10)  # within the lease: the other keeps waiting
    await asyncio.sleep(RENEW * 4)
    assert not other.is_leader

    clock.advance(seconds=6)  # 16 s without a renewal: the lease has run out
    await _eventually(lambda: other.is_leader, within=2.0)
    assert _leader_jobs(other) == set(jobs.LEADER_JOBS)

    assert await stalled.leadership.renew() is False  # it wakes up and finds it taken
    assert not stalled.is_leader and _leader_jobs(stalled) == set()
    assert changes == [False]
    async with other.sessions() as session:
        holder = await leases.holder_of(session, name="scheduler", now=clock())
    assert holder == other.leadership.holder

    await seed_members(other.sessions, count=2, chat_base=300)
    announcement_id = await _announce_due(other.sessions, clock)
    assert [_run_release_now(app) for app in (stalled, other)] == [False, True]
    await _released(other, announcement_id)


async def test_a_new_leader_runs_the_reminder_scan_at_once(
    start_app: Start, clock: FakeClock
) -> None:
    first, second = await start_app(), await start_app()
    async with first.sessions() as session:
        await demo.seed(session, with_teams=False)
        await session.commit()
    today = local_day(clock, first)  # a Monday, after the reminder hour
    await seed_with_deadlines(first, clock, {"5.2": today})
    await asyncio.sleep(RENEW * 4)
    assert await sent(first) == []  # the leader's next scan is minutes away

    await first.stop()
    began = time.monotonic()
    await _eventually(lambda: second.is_leader, within=2.0)
    while not await sent(second):
        assert time.monotonic() - began < 3.0, "the new leader did not scan at once"
        await asyncio.sleep(0.05)
    assert await sent(second, member="xa") == [("5.2", today, 0, today)]
    job = second.scheduler.get_job("tasks.remind")
    assert job is not None and job.next_run_time is not None  # and every 5 minutes on


async def test_the_lease_is_taken_once_renewed_by_its_holder_and_free_when_run_out(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    ttl = timedelta(seconds=15)

    async def take(holder: str) -> bool:
        async with sessions() as session:
            held = await leases.acquire(
                session, name="scheduler", holder=holder, now=clock(), ttl=ttl
            )
            await session.commit()
            return held

    assert await take("a")  # the first take inserts the row
    assert not await take("b")
    clock.advance(seconds=14)
    assert await take("a")  # renewed: good for 15 s from now
    clock.advance(seconds=14)
    assert not await take("b")
    clock.advance(seconds=2)
    assert await take("b")  # run out: the other takes it
    assert not await take("a")
    async with sessions() as session:
        assert await leases.release(session, name="scheduler", holder="a", now=clock()) is False
        assert await leases.release(session, name="scheduler", holder="b", now=clock())
        await session.commit()
    assert await take("a")  # given back: free at once


async def test_a_leader_cut_off_from_the_database_steps_down_when_its_lease_runs_out(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    events: list[str] = []

    async def gain() -> None:
        events.append("gain")

    async def loss() -> None:
        events.append("loss")

    leadership = Leadership(sessions=sessions, clock=clock, on_gain=gain, on_loss=loss)
    assert await leadership.renew()

    def unreachable() -> AsyncSession:
        raise OperationalError("connect", {}, OSError("connection refused"))

    leadership.sessions = unreachable  # type: ignore[assignment]
    clock.advance(seconds=10)
    assert await leadership.renew()  # not renewed, but the lease still lasts
    clock.advance(seconds=6)
    assert await leadership.renew() is False
    assert events == ["gain", "loss"] and not leadership.is_leader


async def test_a_waiting_process_tries_again_when_the_lease_runs_out(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    async def nothing() -> None:
        return None

    def process() -> Leadership:
        return Leadership(
            sessions=sessions, clock=clock, on_gain=nothing, on_loss=nothing, interval=5.0
        )

    holder, waiting = process(), process()
    assert await holder.renew()
    assert await waiting.renew() is False
    assert waiting.next_try() == 5.0  # 15 s left: the regular renewal comes first
    clock.advance(seconds=12)
    assert await waiting.renew() is False
    assert waiting.next_try() == pytest.approx(3.0 + EXPIRY_MARGIN)  # not 5 s: at the expiry
    clock.advance(seconds=3.0 + EXPIRY_MARGIN)
    assert await waiting.renew()
    assert waiting.next_try() == 5.0 and holder.next_try() == 5.0
