"""One channel's share of the outbox sender: a task keeps a few rows claimed ahead and
another sends them within the channel's pace, a few dozen at a time."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections import deque
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from bot.channels.base import Channel
from bot.events import Outgoing
from jobs.pacing import sleep_until
from models.outbox import OutboxState
from models.outbox_claims import Claimed, Outcome

if TYPE_CHECKING:
    from jobs.sender import Sender

log = logging.getLogger(__name__)

Prepared = tuple[Claimed, Outgoing]


class ChannelWorker:
    """Claims and sends the rows of one channel: one task keeps a few rows claimed ahead,
    another sends them, so sending never stops while the next rows are claimed."""

    def __init__(self, sender: Sender, name: str, channel: Channel) -> None:
        self.sender = sender
        self.name = name
        self.channel = channel
        self.pacer = sender.pacer(name)
        self.budget = sender.budget(name)
        rate = channel.limits.per_second
        self.batch = max(10, min(200, int(rate))) if rate else 100
        self.low_water = max(3, self.batch // 2)
        self.pending: deque[Prepared] = deque()
        self.granted: deque[tuple[Prepared, float]] = deque()
        """Rows whose shared turn and slot are taken, with the moment of their slot."""
        self.slots = asyncio.Semaphore(sender.concurrency)
        self.in_flight: set[asyncio.Task[None]] = set()
        self._need = asyncio.Event()
        self._filled = asyncio.Event()
        self._dry_until = 0.0
        self._tasks: list[asyncio.Task[None]] = []

    @property
    def done(self) -> bool:
        """Tell whether the worker's loops have ended."""
        return not self._tasks or any(task.done() for task in self._tasks)

    def start(self) -> None:
        """Run the claiming and the sending loops in the background."""
        self._tasks = [
            asyncio.create_task(self._loop(self._refill), name=f"outbox-claim-{self.name}"),
            asyncio.create_task(self._loop(self._send_next), name=f"outbox-send-{self.name}"),
        ]

    def wake(self) -> None:
        """Claim again without waiting for the poll interval."""
        self._dry_until = 0.0
        self._need.set()
        self._filled.set()

    async def stop(self, timeout: float) -> list[int]:  # noqa: ASYNC109
        """End the loops, wait for sends in flight; return the ids claimed but not sent."""
        self.wake()
        if self._tasks:
            _done, late = await asyncio.wait(self._tasks, timeout=timeout)
            for task in late:
                task.cancel()
        if self.in_flight:
            await asyncio.wait(self.in_flight, timeout=timeout)
        return self.forget()

    def forget(self) -> list[int]:
        """Drop the rows claimed but not yet sent; return their ids."""
        ids = [row.id for (row, _), _ in self.granted] + [row.id for row, _ in self.pending]
        self.granted.clear()
        self.pending.clear()
        return ids

    async def _loop(self, step: Callable[[], Awaitable[None]]) -> None:
        while not self.sender.stopping:
            try:
                await step()
            except Exception:
                log.exception("outbox worker %s failed; retrying shortly", self.name)
                await asyncio.sleep(1.0)

    async def _wait(self, event: asyncio.Event) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(event.wait(), self.sender.poll_interval)

    async def _refill(self) -> None:
        if len(self.pending) > self.low_water or time.monotonic() < self._dry_until:
            self._need.clear()
            await self._wait(self._need)
            return
        wanted = self.batch - len(self.pending)
        claimed = await self.sender.claim(self.name, wanted)
        self.pending.extend(claimed)
        if claimed:
            self._filled.set()
        if len(claimed) < wanted:
            self._dry_until = time.monotonic() + self.sender.poll_interval

    async def _send_next(self) -> None:
        if not self.pending and not self.granted:
            self._need.set()
            self._filled.clear()
            await self._wait(self._filled)
            return
        prepared = await self._take_next()
        if prepared is None:
            await asyncio.sleep(0.05)
            return
        if len(self.pending) <= self.low_water:
            self._need.set()
        await self.slots.acquire()
        try:
            await self.pacer.take()
        except BaseException:
            self.pending.appendleft(prepared)
            self.slots.release()
            raise
        self.pacer.chat_used(prepared[0].chat_id)
        task = asyncio.create_task(self._send(prepared))
        self.in_flight.add(task)
        task.add_done_callback(self.in_flight.discard)

    async def _take_next(self) -> Prepared | None:
        """The next row to send: with a shared budget (PostgreSQL), once its chat's turn and
        its overall slot are taken and its slot has come."""
        if self.budget is None:
            return self._next_ready()
        if not self.granted:
            await self._grant()
        while self.granted:
            prepared, moment = self.granted.popleft()
            interval = self.budget.interval
            if not interval or time.monotonic() - moment <= interval / 2:
                await sleep_until(moment)
                return prepared
            # Woken too late for this slot: sending now would bunch with the other
            # processes' sends, so the slot is lost and the row waits for a new one.
            self.pending.appendleft(prepared)
        return None

    async def _grant(self) -> None:
        """Take the shared turns and slots of the next few rows whose chat is ready here."""
        assert self.budget is not None
        batch: list[Prepared] = []
        while len(batch) < self.budget.batch:
            prepared = self._next_ready()
            if prepared is None:
                break
            self.pacer.chat_used(prepared[0].chat_id)  # one row per chat in a batch
            batch.append(prepared)
        if not batch:
            return
        try:
            free, wait = await self.budget.grant([row.chat_id for row, _ in batch])
        except BaseException:
            self.pending.extendleft(reversed(batch))
            raise
        start = time.monotonic() + wait
        for prepared in batch:
            if prepared[0].chat_id in free:
                moment = start + len(self.granted) * self.budget.interval
                self.granted.append((prepared, moment))
            else:
                self.pending.append(prepared)  # another process wrote to this chat just now

    def _next_ready(self) -> Prepared | None:
        now = time.monotonic()
        for index, prepared in enumerate(self.pending):
            if self.pacer.chat_ready_at(prepared[0].chat_id) <= now:
                del self.pending[index]
                return prepared
        return None

    async def _send(self, prepared: Prepared) -> None:
        try:
            outcome = await self.sender.send(self.channel, prepared)
        finally:
            self.slots.release()
        if outcome.state == OutboxState.UNREACHABLE:
            self._drop_chat(prepared[0].chat_id, outcome)

    def _drop_chat(self, chat_id: str, cause: Outcome) -> None:
        """The person blocked the bot: what waits here for them is not sent either."""
        kept: deque[Prepared] = deque()
        for prepared in self.pending:
            if prepared[0].chat_id == chat_id:
                self.sender.keep(
                    Outcome(prepared[0].id, OutboxState.UNREACHABLE, cause.at, reason=cause.reason)
                )
            else:
                kept.append(prepared)
        self.pending = kept
