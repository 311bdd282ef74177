"""Helpers for broadcast tests: run the release and the sender to the end, read what web chat
people received, and drive the whole path from a saved announcement to delivered messages."""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlmodel import col

from bot.app import BotApp
from jobs import announcements as announcement_jobs
from models import webchat
from models.outbox import OutboxMessage, OutboxState
from tests.utils.clock import FakeClock


@dataclass(frozen=True)
class Received:
    """A message a web chat person received outside their own conversation turns."""

    text: str
    buttons: dict[str, str]
    file: dict[str, Any] | None
    image: dict[str, Any] | None


async def waiting(app: BotApp) -> int:
    """Rows queued (due now or later) or being sent."""
    async with app.sessions() as session:
        result = await session.execute(
            select(func.count())
            .select_from(OutboxMessage)
            .where(col(OutboxMessage.state).in_([OutboxState.QUEUED, OutboxState.SENDING]))
        )
        return int(result.scalar_one())


async def deliver_all(app: BotApp, *, timeout: float = 10.0) -> None:  # noqa: ASYNC109
    """Release due announcements and wait until the sender has nothing due left."""
    await announcement_jobs.release_due(app.job_context)
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        app.sender.wake()
        await asyncio.sleep(0.05)
        await app.sender.flush()
        async with app.sessions() as session:
            now = app.services.clock()
            due = (col(OutboxMessage.state) == OutboxState.QUEUED) & (
                col(OutboxMessage.not_before).is_(None) | (col(OutboxMessage.not_before) <= now)
            )
            if app.sender.urgent_only(now):
                due = due & col(OutboxMessage.urgent).is_(True)
            result = await session.execute(
                select(func.count())
                .select_from(OutboxMessage)
                .where((col(OutboxMessage.state) == OutboxState.SENDING) | due)
            )
            if int(result.scalar_one()) == 0:
                return
        if loop.time() > deadline:
            raise TimeoutError("the outbox did not drain")


async def deliver_everything(app: BotApp, clock: FakeClock, timeout: float = 60) -> None:  # noqa: ASYNC109
    """Deliver, moving the test clock past each retry's backoff, until nothing waits."""
    deadline = time.monotonic() + timeout
    await deliver_all(app, timeout=timeout)
    while await waiting(app):
        clock.advance(seconds=30)
        await deliver_all(app, timeout=timeout)
        assert time.monotonic() < deadline, "the outbox did not empty"


async def inbox(app: BotApp, person: str) -> list[Received]:
    """Every message the bot sent to a web chat person outside a reply (broadcasts and
    notifications arrive this way), oldest first."""
    async with app.sessions() as session:
        rows = await webchat.since(session, person=person, after_id=0, limit=10_000)
    received = []
    for row in rows:
        if row.direction != "out":
            continue
        payload = json.loads(row.payload)
        received.append(
            Received(
                text=payload.get("text", ""),
                buttons={o["label"]: o["token"] for o in payload.get("options", [])},
                file=payload.get("file"),
                image=payload.get("image"),
            )
        )
    return received
