"""The outbox sender: delivers queued rows within each channel's limits.

One worker per channel claims due rows (not_before passed) in order (priority, id),
renders them for their recipient (button tokens are issued here), paces them within the
channel's limits (jobs.pacing: overall rate, at least the per-chat interval between two
messages to one chat) and keeps a few dozen sends in flight (each its own task, so a slow
request holds one slot, never the others). A 429 pauses the channel for `retry_after`;
5xx and connections never made are retried with exponential backoff up to MAX_ATTEMPTS;
a request that left but got no answer in time may have been delivered: it is recorded
`uncertain` and never resent (a blind resend could duplicate it); 403 marks the identity
unreachable (never retried, and nothing else waiting for that chat is sent); other 400s
fail. Outcomes are written in small batches.

Interactive replies do not go through the outbox: the dispatcher sends them at once.
`observe` counts them in the channel's window (bulk sending keeps room for them) and, with
a shared budget, in the budget of every process (taken in batches by the outcome writer),
so they never wait behind a broadcast and bulk sending, here or elsewhere, yields to them.

Claims and heartbeats: every sending process writes a heartbeat every BEAT_EVERY seconds,
good for HEARTBEAT (models.outbox_claims.beat). The rows a live process has claimed stay
its own however long it waits (a 429 may ask for longer than any lease), and nobody else
sends them. When a process dies, its heartbeat runs out and the next beat of any live
process re-queues its rows (claimed more than LEASE ago): within about HEARTBEAT +
BEAT_EVERY seconds of the kill. A process that finds its own heartbeat had run out (it
stalled) forgets the rows it was about to send, since another may have taken them.

Crash bound: a row is `sending` from its claim until its outcome is written. If the
process dies, those rows are re-queued once its heartbeat has run out and sent again.
Only the ones whose send had reached the messenger can be repeated, so the duplicates
after a kill are at most the rows in `sending` state at the kill, which is at most
`batch_size + concurrency` (claimed ahead + in flight) and in practice the in-flight
requests plus the outcomes not yet written (one flush, FLUSH_INTERVAL). Nothing queued
is ever lost: the database, not this process, says what is left to send.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import secrets
import socket
from collections import Counter
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.channels.base import (
    Channel,
    Limits,
    MaybeDelivered,
    PermanentFailure,
    RateLimited,
    TemporaryFailure,
    Unreachable,
)
from bot.config import Config
from bot.context import Services
from bot.dispatcher import render
from bot.events import Incoming, Outgoing, Reply
from jobs.budget import SharedBudget, forget_idle_chats
from jobs.context import JobContext
from jobs.outbox_worker import ChannelWorker, Prepared
from jobs.pacing import Pacer
from models import members, outbox, outbox_claims, send_budget
from models.outbox import OutboxState
from models.outbox_claims import Claimed, Outcome
from models.quiet_hours import is_quiet

log = logging.getLogger(__name__)

LEASE = timedelta(seconds=10)
"""A claim by a process without a fresh heartbeat is given back after this long."""
HEARTBEAT = timedelta(seconds=10)
"""How long one heartbeat vouches for a sending process."""
BEAT_EVERY = 3.0
FORGET_CHATS_EVERY = 20
"""Beats between two clean-ups of the shared per-chat budget rows."""
MAX_ATTEMPTS = 5
BACKOFF_CAP = 300.0
CONCURRENCY = 32
FLUSH_INTERVAL = 0.1
FLUSH_BATCH = 50
STOP_FLUSH_PAUSES = (0.2, 0.5, 1.0)  # seconds between tries of the last write at the stop
PAYLOAD_CACHE = 32

Deliver = Callable[[Incoming, list[Outgoing]], Awaitable[None]]
Handle = Callable[[Incoming, Deliver], Awaitable[Any]]


def backoff(attempts: int) -> float:
    """Seconds to wait before retry number `attempts` (2, 4, 8 … up to five minutes)."""
    return float(min(BACKOFF_CAP, 2.0**attempts))


class Sender:
    """Sends the outbox: one paced worker per channel, started and stopped with the app."""

    def __init__(
        self,
        *,
        sessions: async_sessionmaker[AsyncSession],
        services: Services,
        channels: dict[str, Channel],
        concurrency: int = CONCURRENCY,
        poll_interval: float = 1.0,
        lease: timedelta = LEASE,
    ) -> None:
        self.sessions = sessions
        self.services = services
        self.channels = channels
        self.concurrency = concurrency
        self.poll_interval = poll_interval
        self.lease = lease
        self.worker_id = f"{socket.gethostname()[:30]}:{os.getpid()}:{secrets.token_hex(3)}"
        self.stats: Counter[str] = Counter()
        self.pacers: dict[str, Pacer] = {}
        self._workers: dict[str, ChannelWorker] = {}
        self._results: list[Outcome] = []
        self._blocked: list[tuple[str, str, int, str]] = []
        self._flush_event = asyncio.Event()
        self._flush_lock = asyncio.Lock()
        self._flusher: asyncio.Task[None] | None = None
        self._payloads: dict[int, Reply] = {}
        self._beating: asyncio.Task[None] | None = None
        self._alive_until: datetime | None = None
        self._beats = 0
        self.shared: bool | None = None
        self.budgets: dict[str, SharedBudget] = {}
        self.stopping = False
        services.sender = self

    @property
    def config(self) -> Config:
        """The bot's configuration."""
        return self.services.config

    def pacer(self, channel: str) -> Pacer:
        """The pacer of one channel, within the limits the channel states (made on first use;
        a channel not running here is not paced)."""
        pacer = self.pacers.get(channel)
        if pacer is None:
            running = self.channels.get(channel)
            limits = running.limits if running is not None else Limits(None, None)
            pacer = self.pacers[channel] = Pacer(limits)
        return pacer

    def budget(self, channel: str) -> SharedBudget | None:
        """The budget this channel shares with other processes (PostgreSQL), if any."""
        if not self.shared:
            return None
        budget = self.budgets.get(channel)
        if budget is None:
            running = self.channels.get(channel)
            limits = running.limits if running is not None else Limits(None, None)
            budget = self.budgets[channel] = SharedBudget(self.sessions, channel, limits)
        return budget

    # ---- lifecycle -------------------------------------------------------------------

    async def start(self) -> None:
        """Start one worker per channel and the outcome writer."""
        self.stopping = False
        if self.shared is None:
            async with self.sessions() as session:
                self.shared = send_budget.shared(session)
        if self._beating is None or self._beating.done():
            await self.beat()
            self._beating = asyncio.create_task(self._beat_loop(), name="outbox-heartbeat")
        if self._flusher is None or self._flusher.done():
            self._flusher = asyncio.create_task(self._flush_loop(), name="outbox-flush")
        for name, channel in self.channels.items():
            worker = self._workers.get(name)
            if worker is None or worker.done:
                worker = self._workers[name] = ChannelWorker(self, name, channel)
                worker.start()

    async def stop(self, timeout: float = 10.0) -> None:  # noqa: ASYNC109
        """Stop claiming, let sends in flight finish, write outcomes, give back the rest."""
        self.stopping = True
        if self._beating is None and self._flusher is None and not self._workers:
            return  # never started (a failed start stops what it began): nothing to give back
        self.wake()
        workers = list(self._workers.values())
        unsent: list[int] = []
        for worker in workers:
            unsent.extend(await worker.stop(timeout))
        self._workers.clear()
        for task in (self._flusher, self._beating):
            if task is not None:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
        self._flusher = self._beating = None
        await self._last_flush()
        try:
            async with self.sessions() as session:
                if unsent:
                    await outbox_claims.release(session, ids=unsent, worker=self.worker_id)
                await outbox_claims.stop_beating(
                    session, worker=self.worker_id, now=self.services.clock()
                )
                await session.commit()
        except (SQLAlchemyError, OSError) as error:
            # Another process takes the rows back once this heartbeat is seen to have stopped.
            log.warning("could not give the outbox rows back (%s)", type(error).__name__)
        self._alive_until = None

    def wake(self) -> None:
        """Look for due rows now rather than at the next poll."""
        for worker in self._workers.values():
            worker.wake()

    def observe(self, handle: Handle) -> Handle:
        """Wrap the dispatcher so interactive replies count against the channel's budget."""

        async def observed(event: Incoming, deliver: Deliver) -> Any:
            async def counted(incoming: Incoming, outgoing: list[Outgoing]) -> None:
                self.pacer(incoming.channel).note_interactive(len(outgoing), incoming.chat_id)
                budget = self.budget(incoming.channel)
                if budget is not None:
                    budget.note_replies(len(outgoing))
                await deliver(incoming, outgoing)

            return await handle(event, counted)

        return observed

    # ---- claiming and sending --------------------------------------------------------

    def urgent_only(self, now: datetime) -> bool:
        """Tell whether only urgent messages may go now (quiet hours)."""
        quiet = self.config.quiet_hours
        return is_quiet(now, zone=self.config.zone, start=quiet.start, end=quiet.end)

    async def claim(self, channel: str, limit: int) -> list[Prepared]:
        """Claim due rows of a channel and render them for their recipients."""
        now = self.services.clock()
        async with self.sessions() as session:
            rows = await outbox_claims.claim(
                session,
                now=now,
                worker=self.worker_id,
                channels=[channel],
                limit=limit,
                urgent_only=self.urgent_only(now),
            )
            prepared: list[Prepared] = []
            for row in rows:
                try:
                    reply = await self._payload(session, row.payload_id)
                    outgoing = await render(
                        session, reply, channel=row.channel, external_id=row.external_id, now=now
                    )
                except Exception as error:
                    # A row that cannot be rendered must not block the queue behind it.
                    log.exception("outbox row %s cannot be rendered", row.id)
                    self.keep(Outcome(row.id, OutboxState.FAILED, now, reason=repr(error)))
                    continue
                prepared.append((row, outgoing))
            await session.commit()
        return prepared

    async def _payload(self, session: AsyncSession, payload_id: int) -> Reply:
        reply = self._payloads.get(payload_id)
        if reply is None:
            reply = await outbox.load_payload(session, payload_id=payload_id)
            if len(self._payloads) >= PAYLOAD_CACHE:
                self._payloads.pop(next(iter(self._payloads)))
            self._payloads[payload_id] = reply
        return reply

    async def send(self, channel: Channel, prepared: Prepared) -> Outcome:
        """Send one claimed row and keep its outcome for the next write."""
        row, message = prepared
        clock = self.services.clock
        try:
            message_id = await channel.send(row.chat_id, message)
            outcome = Outcome(row.id, OutboxState.SENT, clock(), message_id=message_id)
            self.stats["sent"] += 1
            self.services.metrics.sent(row.channel, "sent")
        except RateLimited as error:
            self.stats["rate_limited"] += 1
            self.services.metrics.sent(row.channel, "rate_limited")
            self.pacer(row.channel).pause(error.retry_after)
            later = clock() + timedelta(seconds=error.retry_after)
            outcome = Outcome(row.id, OutboxState.QUEUED, clock(), reason=error.reason,
                              not_before=later)  # fmt: skip
        except Unreachable as error:
            self.stats["unreachable"] += 1
            self.services.metrics.sent(row.channel, "unreachable")
            outcome = Outcome(row.id, OutboxState.UNREACHABLE, clock(), reason=error.reason)
            self._blocked.append((row.channel, row.chat_id, row.identity_id, error.reason))
        except MaybeDelivered as error:
            self.stats["uncertain"] += 1
            self.services.metrics.sent(row.channel, "uncertain")
            log.warning("outbox row %s timed out after leaving; not resent", row.id)
            outcome = Outcome(row.id, OutboxState.UNCERTAIN, clock(), reason=error.reason)
        except PermanentFailure as error:
            self.stats["failed"] += 1
            self.services.metrics.sent(row.channel, "failed")
            outcome = Outcome(row.id, OutboxState.FAILED, clock(), reason=error.reason)
        except Exception as error:
            reason = error.reason if isinstance(error, TemporaryFailure) else repr(error)
            if not isinstance(error, TemporaryFailure):
                log.exception("sending outbox row %s failed unexpectedly", row.id)
            outcome = self._retry_or_fail(row, reason)
        self.keep(outcome)
        return outcome

    def keep(self, outcome: Outcome) -> None:
        """Hold an outcome for the next write."""
        self._results.append(outcome)
        if len(self._results) >= FLUSH_BATCH:
            self._flush_event.set()

    def _retry_or_fail(self, row: Claimed, reason: str) -> Outcome:
        attempts = row.attempts + 1
        now = self.services.clock()
        if attempts >= MAX_ATTEMPTS:
            self.stats["failed"] += 1
            self.services.metrics.sent(row.channel, "failed")
            return Outcome(row.id, OutboxState.FAILED, now, reason=reason, attempts=attempts)
        self.stats["retried"] += 1
        self.services.metrics.sent(row.channel, "retried")
        later = now + timedelta(seconds=backoff(attempts))
        return Outcome(
            row.id, OutboxState.QUEUED, now, reason=reason, not_before=later, attempts=attempts
        )

    # ---- writing outcomes ------------------------------------------------------------

    async def _last_flush(self) -> None:
        """Write the outcomes left at the stop, trying again after a moment when the database
        is busy (SQLite refuses a write whose snapshot another process moved on); outcomes
        still unwritten after that are logged, and their rows go back to the queue once this
        heartbeat is seen to have stopped."""
        for pause in (*STOP_FLUSH_PAUSES, None):
            try:
                await self.flush()
                return
            except (SQLAlchemyError, OSError) as error:
                if pause is None:
                    log.warning(
                        "could not write %d outbox outcomes at the stop (%s)",
                        len(self._results),
                        type(error).__name__,
                    )
                    return
                await asyncio.sleep(pause)

    async def _flush_loop(self) -> None:
        while True:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._flush_event.wait(), FLUSH_INTERVAL)
            self._flush_event.clear()
            failed = False
            try:
                await self.flush()
            except Exception:
                log.exception("writing outbox outcomes failed; will retry")
                failed = True
            try:
                await self.count_replies()
            except Exception:
                log.exception("counting replies in the shared send budget failed; will retry")
                failed = True
            if failed:
                await asyncio.sleep(1.0)

    async def flush(self) -> None:
        """Write the outcomes gathered so far (and mark blocked identities unreachable)."""
        async with self._flush_lock:
            results, self._results = self._results, []
            blocked, self._blocked = self._blocked, []
            if not results and not blocked:
                return
            try:
                async with self.sessions() as session:
                    await outbox_claims.record(session, outcomes=results)
                    for channel, chat_id, identity_id, reason in blocked:
                        await members.mark_unreachable(
                            session, channel=channel, chat_id=chat_id, reason=reason
                        )
                        await outbox.drop_for_identity(
                            session, identity_id=identity_id, reason=reason
                        )
                    await session.commit()
            except Exception:
                self._results[:0] = results
                self._blocked[:0] = blocked
                raise

    async def count_replies(self) -> int:
        """Take the shared budget's slots of the replies sent since the last call (one
        round trip per channel that sent any); return how many."""
        counted = 0
        for budget in self.budgets.values():
            if budget.replies:
                counted += await budget.count_replies()
        return counted

    # ---- the safety net --------------------------------------------------------------

    async def beat(self) -> None:
        """Write this process's heartbeat and re-queue the rows of dead processes."""
        now = self.services.clock()
        lapsed = self._alive_until is not None and now >= self._alive_until
        async with self.sessions() as session:
            await outbox_claims.beat(session, worker=self.worker_id, now=now, ttl=HEARTBEAT)
            await session.commit()
        self._alive_until = now + HEARTBEAT
        if lapsed:
            # We stalled past our heartbeat: another process may have taken our rows.
            forgotten = [row_id for worker in self._workers.values() for row_id in worker.forget()]
            log.warning("heartbeat lapsed; %d claimed rows left to others", len(forgotten))
            async with self.sessions() as session:
                await outbox_claims.release(session, ids=forgotten, worker=self.worker_id)
                await session.commit()
        await self.requeue_abandoned()
        self._beats += 1
        if self.shared and self._beats % FORGET_CHATS_EVERY == 0:
            await forget_idle_chats(self.sessions)

    async def _beat_loop(self) -> None:
        while True:
            await asyncio.sleep(BEAT_EVERY)
            try:
                await self.beat()
            except Exception:
                log.exception("outbox heartbeat failed; will retry")

    async def requeue_abandoned(self) -> int:
        """Re-queue rows claimed by processes whose heartbeat has run out."""
        async with self.sessions() as session:
            count = await outbox_claims.requeue_abandoned(
                session, now=self.services.clock(), grace=self.lease
            )
            await session.commit()
        if count:
            log.warning("re-queued %d outbox rows whose sender stopped", count)
        return count

    async def sweep(self) -> int:
        """Re-queue rows of dead processes and restart any worker that stopped."""
        count = await self.requeue_abandoned()
        if not self.stopping:
            await self.start()
            self.wake()
        return count


async def sweep(context: JobContext) -> None:
    """The scheduler's safety net: re-queue abandoned rows and keep the workers running."""
    sender = context.services.sender
    if sender is not None:
        await sender.sweep()
