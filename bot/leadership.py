"""The scheduler leader: one process at a time runs the recurring jobs and polls messengers.

Leadership is a lease row in the database (`models.leases`), taken and renewed every few
seconds (RENEW_EVERY) for LEASE on the app's clock. A leader that stops gives it back at
once; one that dies or stalls loses it when the lease runs out, and the next renewal of
another process takes it. A process that finds at its renewal that someone else holds the
lease (it stalled past its lease), or that cannot reach the database once its lease has
run out, steps down. A process that waits for the lease tries again the moment the
holder's lease runs out (not at its next regular renewal), so a dead leader is replaced
within LEASE of its last renewal. On SQLite the single process simply becomes the
leader through the same code. The jobs stay idempotent, so the short overlap a stall can
cause repeats nothing.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import secrets
import socket
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from models import leases

log = logging.getLogger(__name__)

NAME = "scheduler"
LEASE = timedelta(seconds=15)
RENEW_EVERY = 5.0
EXPIRY_MARGIN = 0.05  # seconds after the holder's lease runs out before trying again

Transition = Callable[[], Awaitable[None]]
Listener = Callable[[bool], None]


def holder_id() -> str:
    """A name for this process that no other process shares (host, pid, random)."""
    return f"{socket.gethostname()[:30]}:{os.getpid()}:{secrets.token_hex(4)}"


class Leadership:
    """Takes and renews the scheduler lease; runs `on_gain`/`on_loss` as it changes hands."""

    def __init__(
        self,
        *,
        sessions: async_sessionmaker[AsyncSession],
        clock: Callable[[], datetime],
        on_gain: Transition,
        on_loss: Transition,
        name: str = NAME,
        lease: timedelta = LEASE,
        interval: float = RENEW_EVERY,
    ) -> None:
        self.sessions = sessions
        self.clock = clock
        self.on_gain = on_gain
        self.on_loss = on_loss
        self.name = name
        self.lease = lease
        self.interval = interval
        self.holder = holder_id()
        self.is_leader = False
        self.held_until: datetime | None = None
        self.other_until: datetime | None = None
        self._listeners: list[Listener] = []
        self._task: asyncio.Task[None] | None = None

    def on_change(self, listener: Listener) -> None:
        """Call `listener(is_leader)` whenever this process gains or loses the leadership."""
        self._listeners.append(listener)

    async def start(self) -> None:
        """Try for the lease once now (so a lone process leads as soon as it has started),
        then keep renewing it in the background."""
        await self.renew()
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._loop(), name="leadership")

    async def stop(self) -> None:
        """Stop renewing, step down and give the lease back so another takes over at once."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        if not self.is_leader:
            return
        await self._change(False, stopping=True)
        try:
            async with self.sessions() as session:
                await leases.release(session, name=self.name, holder=self.holder, now=self.clock())
                await session.commit()
        except (SQLAlchemyError, OSError) as error:
            log.warning("could not give the scheduler lease back (%s)", type(error).__name__)

    async def renew(self) -> bool:
        """Take or renew the lease once and gain or lose the leadership accordingly; return
        whether this process leads now."""
        now = self.clock()
        try:
            async with self.sessions() as session:
                held = await leases.acquire(
                    session, name=self.name, holder=self.holder, now=now, ttl=self.lease
                )
                other_until = None if held else await leases.expiry(session, name=self.name)
                await session.commit()
        except (SQLAlchemyError, OSError) as error:
            # The database is out of reach: lead on while our lease lasts, no longer.
            held = self.held_until is not None and now < self.held_until
            self.other_until = None
            log.warning("scheduler lease not renewed (%s)", type(error).__name__)
        else:
            self.held_until = now + self.lease if held else None
            self.other_until = other_until
        await self._change(held)
        return held

    def next_try(self) -> float:
        """Seconds until the next renewal: the interval, or sooner when another holder's lease
        runs out before then."""
        if self.is_leader or self.other_until is None:
            return self.interval
        left = (self.other_until - self.clock()).total_seconds() + EXPIRY_MARGIN
        return min(self.interval, max(left, EXPIRY_MARGIN))

    async def _loop(self) -> None:
        while True:
            await asyncio.sleep(self.next_try())
            try:
                await self.renew()
            except Exception:
                log.exception("scheduler lease renewal failed")

    async def _change(self, leading: bool, *, stopping: bool = False) -> None:
        if leading == self.is_leader:
            return
        self.is_leader = leading
        if leading:
            log.info("this process (%s) is now the scheduler leader", self.holder)
            await self.on_gain()
        else:
            self.held_until = None
            level = logging.INFO if stopping else logging.WARNING
            log.log(level, "this process (%s) is no longer the scheduler leader", self.holder)
            await self.on_loss()
        for listener in self._listeners:
            try:
                listener(leading)
            except Exception:
                log.exception("leadership listener failed")
