"""The outbox sender against a scripted channel: priorities, quiet hours, failures, retries,
pauses after 429, per-chat spacing and leases of dead processes.

Every test starts at 09:00 (outside quiet hours) on the suite's day; the quiet-hours test
moves the clock into them itself.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from sqlalchemy import select, update
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlmodel import col

from bot.channels.base import (
    Channel,
    PermanentFailure,
    RateLimited,
    TemporaryFailure,
    Unreachable,
)
from bot.context import Services
from bot.events import Incoming, Outgoing, Reply
from jobs import sender as sender_module
from jobs.pacing import Limits, Pacer
from jobs.sender import Sender
from models import members, outbox, outbox_claims
from models.outbox import OutboxMessage, OutboxPayload, OutboxState
from tests.conftest import make_config
from tests.utils.clock import FakeClock, local_at
from tests.utils.population import seed_members

CHAT_BASE = 900_000

pytestmark = pytest.mark.local_time(9, 0)


class ScriptedChannel(Channel):
    """Records sends; a chat's script says how its next sends fail (None = success).

    It sends within the limits of the `telegram` config section, like the real one."""

    name = "telegram"

    def __init__(self, limits: Limits) -> None:
        self.script: dict[str, list[Exception | None]] = {}
        self.calls: list[tuple[str, str, float]] = []
        self._limits = limits

    @property
    def limits(self) -> Limits:
        """The limits given by the rig."""
        return self._limits

    async def deliver(self, event: Incoming, outgoing: list[Outgoing]) -> None:
        """Not used by the sender."""

    async def send(self, chat_id: str, message: Outgoing) -> str:
        """Fail as scripted, else record the message."""
        self.calls.append((chat_id, message.text, time.monotonic()))
        steps = self.script.get(chat_id)
        if steps:
            failure = steps.pop(0)
            if failure is not None:
                raise failure
        return str(len(self.calls))

    def texts(self) -> list[str]:
        """Texts of every attempt, in order."""
        return [text for _, text, _ in self.calls]


class Rig:
    """A sender on the test database with a scripted Telegram channel."""

    def __init__(
        self, sessions: async_sessionmaker[AsyncSession], clock: FakeClock, **telegram: object
    ) -> None:
        self.sessions = sessions
        self.clock = clock
        config = make_config("sqlite+aiosqlite://", telegram=telegram)
        settings = config.telegram
        self.channel = ScriptedChannel(
            Limits(settings.messages_per_second, settings.per_chat_per_second)
        )
        self.sender = Sender(
            sessions=sessions,
            services=Services(config=config, clock=clock),
            channels={"telegram": self.channel},
            concurrency=1,
            poll_interval=0.05,
        )

    async def member_ids(self) -> list[int]:
        """Ids of the seeded members, in chat order."""
        async with self.sessions() as session:
            result = await session.execute(
                select(members.ChannelIdentity.member_id).order_by(col(members.ChannelIdentity.id))
            )
            return [int(m) for m in result.scalars() if m is not None]

    async def queue(self, member_id: int, text: str, priority: int, **extra: object) -> None:
        """Queue one message."""
        async with self.sessions() as session:
            await outbox.enqueue(
                session,
                member_id=member_id,
                reply=Reply(text),
                priority=priority,
                kind="test",
                **extra,  # type: ignore[arg-type]
            )
            await session.commit()

    async def run_until(self, done: object, timeout: float = 5.0) -> None:  # noqa: ASYNC109
        """Let the sender work until `done()` is true."""
        deadline = time.monotonic() + timeout
        while not done():  # type: ignore[operator]
            if time.monotonic() > deadline:
                raise TimeoutError(f"sent so far: {self.channel.texts()}")
            self.sender.wake()
            await asyncio.sleep(0.02)
        await self.sender.flush()

    async def states(self) -> dict[int, tuple[str, str | None, int]]:
        """State, last error and attempts of every row."""
        async with self.sessions() as session:
            rows = (await session.execute(select(OutboxMessage))).scalars()
            return {r.id or 0: (r.state, r.last_error, r.attempts) for r in rows}


@pytest.fixture
async def rig(sessions: async_sessionmaker[AsyncSession], clock: FakeClock) -> AsyncIterator[Rig]:
    await seed_members(sessions, count=6, chat_base=CHAT_BASE)
    made = Rig(sessions, clock)
    yield made
    await made.sender.stop()


async def test_priorities_go_first(rig: Rig) -> None:
    ids = await rig.member_ids()
    for n in range(3):
        await rig.queue(ids[n], f"bulk {n}", outbox.PRIORITY_BULK)
    await rig.queue(ids[3], "reminder", outbox.PRIORITY_NOTIFICATION)
    await rig.queue(ids[4], "urgent", outbox.PRIORITY_URGENT, dedupe_key="u")
    await rig.sender.start()
    await rig.run_until(lambda: len(rig.channel.calls) == 5)
    assert rig.channel.texts()[:2] == ["urgent", "reminder"]
    assert sorted(rig.channel.texts()[2:]) == ["bulk 0", "bulk 1", "bulk 2"]


async def test_quiet_hours_hold_what_is_not_urgent(rig: Rig, clock: FakeClock) -> None:
    evening = local_at(clock(), hour=22, minute=30)
    clock.current = evening
    ids = await rig.member_ids()
    await rig.queue(ids[0], "thông báo", outbox.PRIORITY_BULK)
    await rig.queue(ids[1], "khẩn", outbox.PRIORITY_URGENT, urgent=True)
    await rig.sender.start()
    await rig.run_until(lambda: len(rig.channel.calls) == 1)
    await asyncio.sleep(0.3)
    assert rig.channel.texts() == ["khẩn"]
    clock.current = local_at(evening, days=1, hour=6, minute=29)  # still quiet
    await asyncio.sleep(0.3)
    assert rig.channel.texts() == ["khẩn"]
    clock.current = local_at(evening, days=1, hour=6, minute=31)
    await rig.run_until(lambda: len(rig.channel.calls) == 2)
    assert rig.channel.texts() == ["khẩn", "thông báo"]


async def test_blocked_is_unreachable_and_never_retried(rig: Rig) -> None:
    ids = await rig.member_ids()
    chat = str(CHAT_BASE)
    rig.channel.script[chat] = [Unreachable("Forbidden: bot was blocked by the user")]
    await rig.queue(ids[0], "một", outbox.PRIORITY_BULK)
    await rig.queue(ids[0], "hai", outbox.PRIORITY_BULK)
    await rig.sender.start()
    await rig.run_until(lambda: len(rig.channel.calls) >= 1)
    await asyncio.sleep(0.3)
    await rig.sender.flush()
    states = sorted((s, e) for s, e, _ in (await rig.states()).values())
    assert all(state == OutboxState.UNREACHABLE for state, _ in states)
    assert "blocked" in (states[0][1] or "")
    async with rig.sessions() as session:
        identity = await members.get_identity(session, channel="telegram", external_id=chat)
        assert identity is not None and not identity.reachable
        assert "blocked" in (identity.unreachable_reason or "")
    assert len([c for c in rig.channel.calls if c[0] == chat]) == 1


async def test_chat_not_found_fails_at_once(rig: Rig) -> None:
    ids = await rig.member_ids()
    rig.channel.script[str(CHAT_BASE)] = [PermanentFailure("Bad Request: chat not found")]
    await rig.queue(ids[0], "x", outbox.PRIORITY_BULK)
    await rig.sender.start()
    await rig.run_until(lambda: len(rig.channel.calls) == 1)
    await asyncio.sleep(0.2)
    assert list((await rig.states()).values()) == [
        (OutboxState.FAILED, "Bad Request: chat not found", 0)
    ]
    assert len(rig.channel.calls) == 1


async def test_timeouts_are_retried_with_backoff_then_fail(rig: Rig, clock: FakeClock) -> None:
    ids = await rig.member_ids()
    chat = str(CHAT_BASE)
    rig.channel.script[chat] = [TemporaryFailure("timed out")] * 10
    await rig.queue(ids[0], "x", outbox.PRIORITY_BULK)
    await rig.sender.start()
    for attempt in range(1, sender_module.MAX_ATTEMPTS):
        await rig.run_until(lambda a=attempt: len(rig.channel.calls) == a)  # type: ignore[misc]
        await asyncio.sleep(0.1)
        await rig.sender.flush()
        state, error, attempts = next(iter((await rig.states()).values()))
        assert (state, error, attempts) == (OutboxState.QUEUED, "timed out", attempt)
        await asyncio.sleep(0.1)
        assert len(rig.channel.calls) == attempt  # waits for its backoff
        clock.advance(seconds=sender_module.backoff(attempt) + 0.5)
    await rig.run_until(lambda: len(rig.channel.calls) == sender_module.MAX_ATTEMPTS)
    await asyncio.sleep(0.1)
    await rig.sender.flush()
    state, error, attempts = next(iter((await rig.states()).values()))
    assert (state, error, attempts) == (
        OutboxState.FAILED,
        "timed out",
        sender_module.MAX_ATTEMPTS,
    )


async def test_a_server_error_then_success_is_sent_once(rig: Rig, clock: FakeClock) -> None:
    ids = await rig.member_ids()
    rig.channel.script[str(CHAT_BASE)] = [TemporaryFailure("Bad Gateway"), None]
    await rig.queue(ids[0], "x", outbox.PRIORITY_BULK)
    await rig.sender.start()
    await rig.run_until(lambda: len(rig.channel.calls) == 1)
    clock.advance(seconds=3)
    await rig.run_until(lambda: len(rig.channel.calls) == 2)
    await asyncio.sleep(0.1)
    await rig.sender.flush()
    assert [s for s, _, _ in (await rig.states()).values()] == [OutboxState.SENT]


async def test_429_pauses_the_channel_for_retry_after(rig: Rig, clock: FakeClock) -> None:
    ids = await rig.member_ids()
    rig.channel.script[str(CHAT_BASE)] = [RateLimited("Too Many Requests", 1.0), None]
    await rig.queue(ids[0], "first", outbox.PRIORITY_NOTIFICATION)
    await rig.queue(ids[1], "second", outbox.PRIORITY_BULK)
    await rig.sender.start()
    await rig.run_until(lambda: len(rig.channel.calls) == 2)
    gap = rig.channel.calls[1][2] - rig.channel.calls[0][2]
    assert gap >= 0.95
    assert rig.sender.stats["rate_limited"] == 1
    clock.advance(seconds=2)
    await rig.run_until(lambda: len(rig.channel.calls) == 3)
    assert rig.channel.texts() == ["first", "second", "first"]


async def test_two_messages_to_one_chat_are_a_second_apart(rig: Rig) -> None:
    ids = await rig.member_ids()
    await rig.queue(ids[0], "một", outbox.PRIORITY_BULK)
    await rig.queue(ids[0], "hai", outbox.PRIORITY_BULK)
    await rig.queue(ids[1], "ba", outbox.PRIORITY_BULK)
    await rig.sender.start()
    await rig.run_until(lambda: len(rig.channel.calls) == 3)
    same = [when for chat, _, when in rig.channel.calls if chat == str(CHAT_BASE)]
    assert same[1] - same[0] >= 1.0
    assert rig.channel.texts().index("ba") == 1  # another chat did not wait


async def test_rows_of_a_dead_process_come_back_after_their_lease(
    rig: Rig, clock: FakeClock
) -> None:
    ids = await rig.member_ids()
    await rig.queue(ids[0], "x", outbox.PRIORITY_BULK)
    async with rig.sessions() as session:
        taken = await outbox_claims.claim(
            session, now=clock(), worker="dead", channels=["telegram"], limit=10
        )
        await session.commit()
    assert len(taken) == 1
    await rig.sender.start()
    await asyncio.sleep(0.3)
    assert rig.channel.calls == []
    assert await rig.sender.sweep() == 0
    clock.advance(seconds=rig.sender.lease.total_seconds() + 1)
    assert await rig.sender.sweep() == 1
    await rig.run_until(lambda: len(rig.channel.calls) == 1)


async def test_a_dead_senders_rows_come_back_once_its_heartbeat_runs_out(
    rig: Rig, clock: FakeClock
) -> None:
    ids = await rig.member_ids()
    await rig.queue(ids[0], "x", outbox.PRIORITY_BULK)
    async with rig.sessions() as session:
        await outbox_claims.beat(session, worker="dead", now=clock(), ttl=sender_module.HEARTBEAT)
        taken = await outbox_claims.claim(
            session, now=clock(), worker="dead", channels=["telegram"], limit=10
        )
        await session.commit()
    assert len(taken) == 1
    await rig.sender.start()
    await asyncio.sleep(0.3)
    assert await rig.sender.sweep() == 0
    clock.advance(seconds=sender_module.HEARTBEAT.total_seconds() - 1)
    assert await rig.sender.sweep() == 0  # its heartbeat still vouches for it
    assert rig.channel.calls == []
    clock.advance(seconds=2)  # 11 s after the last heartbeat, well before a 2-minute lease
    assert await rig.sender.sweep() == 1
    await rig.run_until(lambda: len(rig.channel.calls) == 1)


async def test_a_sender_paused_longer_than_the_lease_keeps_its_claims(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    await seed_members(sessions, count=3, chat_base=CHAT_BASE)
    first = Rig(sessions, clock)
    first.sender.lease = timedelta(seconds=1)  # far shorter than the pause below
    ids = await first.member_ids()
    first.channel.script[str(CHAT_BASE)] = [RateLimited("Too Many Requests", 1.5), None]
    for n, member_id in enumerate(ids):
        await first.queue(member_id, f"tin {n}", outbox.PRIORITY_BULK)
    other = Rig(sessions, clock)
    other.sender.lease = timedelta(seconds=1)
    try:
        await first.sender.start()
        await first.run_until(lambda: len(first.channel.calls) == 1)  # the 429: paused
        clock.advance(seconds=5)  # the claims are older than the lease
        assert await other.sender.sweep() == 0
        async with sessions() as session:
            held = (
                await session.execute(
                    select(OutboxMessage.claimed_by).where(
                        col(OutboxMessage.state) == OutboxState.SENDING
                    )
                )
            ).scalars()
            assert list(held) == [first.sender.worker_id] * 2

        def delivered() -> list[str]:
            calls = first.channel.calls[1:] + other.channel.calls
            return sorted(chat for chat, _, _ in calls)

        await first.run_until(lambda: len(delivered()) >= 3, timeout=8)
        await asyncio.sleep(0.3)
        assert delivered() == [str(CHAT_BASE + n) for n in range(3)]  # once each
    finally:
        await other.sender.stop()
        await first.sender.stop()


async def test_stopping_gives_back_claimed_rows(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    await seed_members(sessions, count=20, chat_base=CHAT_BASE)
    slow = Rig(sessions, clock, messages_per_second=2)
    for member_id in await slow.member_ids():
        await slow.queue(member_id, "x", outbox.PRIORITY_BULK)
    await slow.sender.start()
    await slow.run_until(lambda: len(slow.channel.calls) >= 1)
    await slow.sender.stop()
    states = [s for s, _, _ in (await slow.states()).values()]
    assert OutboxState.SENDING not in states
    assert states.count(OutboxState.SENT) == len(slow.channel.calls)
    assert states.count(OutboxState.QUEUED) == 20 - len(slow.channel.calls)


async def _bulk_within(pacer: Pacer, seconds: float) -> int:
    started = time.monotonic()
    taken = 0
    while True:
        await pacer.take()
        if time.monotonic() - started > seconds:
            return taken
        taken += 1


async def test_replies_never_wait_and_bulk_leaves_them_room() -> None:
    quiet = Pacer(Limits(per_second=20, per_chat_per_second=1))
    assert (quiet.capacity, quiet.reserve, quiet.headroom) == (20, 1, 2)
    assert await _bulk_within(quiet, 0.95) == 19  # the limit minus the reserve
    chatting = Pacer(Limits(per_second=20, per_chat_per_second=1))
    before = time.monotonic()
    chatting.note_interactive(1, "42")  # a reply: counted, never delayed
    assert time.monotonic() - before < 0.01
    assert chatting.chat_ready_at("42") >= before + 1.0
    assert await _bulk_within(chatting, 0.95) == 17  # 20 - the reply - 10% headroom


async def test_dedupe_key_never_queues_twice(rig: Rig) -> None:
    ids = await rig.member_ids()
    async with rig.sessions() as session:
        first = await outbox.enqueue(
            session, member_id=ids[0], reply=Reply("a"), priority=1, kind="k", dedupe_key="once"
        )
        again = await outbox.enqueue(
            session, member_id=ids[0], reply=Reply("b"), priority=1, kind="k", dedupe_key="once"
        )
        await session.commit()
    assert (first, again) == (1, 0)


def test_backoff_grows_and_is_capped() -> None:
    assert [sender_module.backoff(n) for n in (1, 2, 3)] == [2.0, 4.0, 8.0]
    assert sender_module.backoff(30) == sender_module.BACKOFF_CAP


async def test_unknown_clock_skew_does_not_lose_rows(rig: Rig, clock: FakeClock) -> None:
    ids = await rig.member_ids()
    later = clock() + timedelta(minutes=10)
    await rig.queue(ids[0], "later", outbox.PRIORITY_BULK, not_before=later)
    await rig.sender.start()
    await asyncio.sleep(0.2)
    assert rig.channel.calls == []
    clock.current = later
    await rig.run_until(lambda: len(rig.channel.calls) == 1)


async def test_a_row_that_cannot_be_rendered_does_not_block_the_queue(rig: Rig) -> None:
    ids = await rig.member_ids()
    await rig.queue(ids[0], "hỏng", outbox.PRIORITY_URGENT)
    await rig.queue(ids[1], "tốt", outbox.PRIORITY_BULK)
    async with rig.sessions() as session:
        broken = (await session.execute(select(OutboxMessage))).scalars().first()
        assert broken is not None
        await session.execute(
            update(OutboxPayload)
            .where(col(OutboxPayload.id) == broken.payload_id)
            .values(body="{not json")
        )
        await session.commit()
    await rig.sender.start()
    await rig.run_until(lambda: len(rig.channel.calls) == 1)
    await asyncio.sleep(0.1)
    await rig.sender.flush()
    assert rig.channel.texts() == ["tốt"]
    states = sorted(s for s, _, _ in (await rig.states()).values())
    assert states == [OutboxState.FAILED, OutboxState.SENT]


async def test_the_stop_writes_outcomes_through_a_busy_database(
    rig: Rig, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite may refuse a write for a moment ("database is locked"); the outcomes left at
    the stop are written on a later try instead of failing the shutdown."""
    record = outbox_claims.record
    refused: list[str] = []

    async def locked(session: AsyncSession, **kwargs: object) -> None:
        refused.append("locked")
        raise OperationalError("UPDATE outbox", {}, Exception("database is locked"))

    monkeypatch.setattr(outbox_claims, "record", locked)
    ids = await rig.member_ids()
    await rig.queue(ids[0], "x", outbox.PRIORITY_BULK)
    await rig.sender.start()
    deadline = time.monotonic() + 5
    while not refused:
        assert time.monotonic() < deadline, "the outcome was never written"
        rig.sender.wake()
        await asyncio.sleep(0.02)
    busy_left = [2]

    async def busy_twice(session: AsyncSession, **kwargs: object) -> None:
        if busy_left[0]:
            busy_left[0] -= 1
            raise OperationalError("UPDATE outbox", {}, Exception("database is locked"))
        await record(session, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(outbox_claims, "record", busy_twice)
    await rig.sender.stop()
    assert busy_left == [0]
    assert [state for state, _, _ in (await rig.states()).values()] == [OutboxState.SENT]
    assert len(rig.channel.calls) == 1
