"""The sender's side of the outbox: claiming due rows atomically, recording outcomes,
giving back rows of a stopped process and re-queueing those of a dead one.

Every sending process writes a heartbeat (a row of `leases` named `sender:<worker>`) every
few seconds. A process's claims stay its own for as long as its heartbeat is fresh, however
long it waits (a 429 may ask for minutes); once the heartbeat has run out, any live
process's sweep puts its rows back in the queue.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from models import leases
from models.leases import Lease
from models.outbox import OutboxMessage, OutboxState

HEARTBEAT_PREFIX = "sender:"
FORGET_AFTER = timedelta(hours=1)
"""Heartbeats of processes gone this long are deleted."""


@dataclass(frozen=True)
class Claimed:
    """A row taken by one sender process, with what it needs to send it."""

    id: int
    member_id: int
    identity_id: int
    channel: str
    chat_id: str
    external_id: str
    payload_id: int
    priority: int
    kind: str
    attempts: int


def _heartbeat(worker: str) -> str:
    return f"{HEARTBEAT_PREFIX}{worker}"


async def beat(session: AsyncSession, *, worker: str, now: datetime, ttl: timedelta) -> None:
    """Say that `worker` is alive until `now + ttl` (its claims are its own until then), and
    forget the heartbeats of processes gone for long. Commit right after."""
    await leases.acquire(session, name=_heartbeat(worker), holder=worker, now=now, ttl=ttl)
    await session.execute(
        delete(Lease)
        .where(
            col(Lease.name).startswith(HEARTBEAT_PREFIX, autoescape=True),
            col(Lease.expires_at) < now - FORGET_AFTER,
        )
        .execution_options(synchronize_session=False)
    )


async def stop_beating(session: AsyncSession, *, worker: str, now: datetime) -> None:
    """Say that `worker` has stopped (after giving its rows back)."""
    await leases.release(session, name=_heartbeat(worker), holder=worker, now=now)


async def requeue_abandoned(session: AsyncSession, *, now: datetime, grace: timedelta) -> int:
    """Put back rows claimed more than `grace` ago by a process without a fresh heartbeat
    (it died or stalled); rows of a live process are never taken, however old."""
    live = select(Lease.holder).where(
        col(Lease.name).startswith(HEARTBEAT_PREFIX, autoescape=True),
        col(Lease.expires_at) > now,
    )
    result = await session.execute(
        update(OutboxMessage)
        .where(
            col(OutboxMessage.state) == OutboxState.SENDING,
            col(OutboxMessage.claimed_at) < now - grace,
            col(OutboxMessage.claimed_by).not_in(live),
        )
        .values(state=OutboxState.QUEUED, claimed_by=None, claimed_at=None)
        .execution_options(synchronize_session=False)
    )
    return int(getattr(result, "rowcount", 0) or 0)


async def claim(
    session: AsyncSession,
    *,
    now: datetime,
    worker: str,
    channels: Iterable[str],
    limit: int,
    urgent_only: bool = False,
) -> list[Claimed]:
    """Take up to `limit` due rows for this worker, most urgent first (then oldest; the
    order of the ix_outbox_due index, so no sort of the whole queue), atomically: on
    PostgreSQL rows locked by another claim are skipped; SQLite runs one writer at a time,
    and a row is only taken while still queued."""
    names = sorted(channels)
    if not names or limit <= 0:
        return []
    due = (
        select(OutboxMessage.id)
        .where(
            col(OutboxMessage.state) == OutboxState.QUEUED,
            col(OutboxMessage.channel).in_(names),
            (col(OutboxMessage.not_before).is_(None)) | (col(OutboxMessage.not_before) <= now),
        )
        .order_by(col(OutboxMessage.priority), col(OutboxMessage.id))
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    if urgent_only:
        due = due.where(col(OutboxMessage.urgent).is_(True))
    columns = (
        col(OutboxMessage.id),
        col(OutboxMessage.member_id),
        col(OutboxMessage.identity_id),
        col(OutboxMessage.channel),
        col(OutboxMessage.chat_id),
        col(OutboxMessage.external_id),
        col(OutboxMessage.payload_id),
        col(OutboxMessage.priority),
        col(OutboxMessage.kind),
        col(OutboxMessage.attempts),
    )
    # The ids are read first (locking them on PostgreSQL), then updated: inside one UPDATE,
    # PostgreSQL may run a LIMIT subquery more than once and take more rows than asked.
    ids = list((await session.execute(due)).scalars())
    if not ids:
        return []
    result = await session.execute(
        update(OutboxMessage)
        .where(
            col(OutboxMessage.id).in_(ids),
            col(OutboxMessage.state) == OutboxState.QUEUED,
        )
        .values(state=OutboxState.SENDING, claimed_at=now, claimed_by=worker)
        .returning(*columns)
        .execution_options(synchronize_session=False)
    )
    rows = sorted(result.all(), key=lambda r: (r.priority, r.id))
    return [
        Claimed(
            id=r.id,
            member_id=r.member_id,
            identity_id=r.identity_id,
            channel=r.channel,
            chat_id=r.chat_id,
            external_id=r.external_id,
            payload_id=r.payload_id,
            priority=r.priority,
            kind=r.kind,
            attempts=r.attempts,
        )
        for r in rows
    ]


@dataclass(frozen=True)
class Outcome:
    """What happened to one claimed row."""

    id: int
    state: OutboxState
    at: datetime
    message_id: str | None = None
    reason: str | None = None
    not_before: datetime | None = None
    attempts: int | None = None


async def record(session: AsyncSession, *, outcomes: Sequence[Outcome]) -> None:
    """Write the outcomes of a batch of sends (sent, failed, unreachable or back in queue)."""
    if not outcomes:
        return
    values: list[dict[str, Any]] = []
    for outcome in outcomes:
        row: dict[str, Any] = {"id": outcome.id, "state": outcome.state}
        if outcome.state == OutboxState.SENT:
            row.update(sent_at=outcome.at, message_id=outcome.message_id, last_error=None)
        else:
            row["last_error"] = (outcome.reason or "")[:200] or None
        if outcome.state == OutboxState.QUEUED:
            row.update(not_before=outcome.not_before, claimed_at=None, claimed_by=None)
        if outcome.attempts is not None:
            row["attempts"] = outcome.attempts
        values.append(row)
    for keys in {tuple(sorted(v)) for v in values}:
        group = [v for v in values if tuple(sorted(v)) == keys]
        await session.execute(update(OutboxMessage), group)


async def release(session: AsyncSession, *, ids: Sequence[int], worker: str) -> int:
    """Give back rows this worker claimed but did not send (at shutdown)."""
    if not ids:
        return 0
    result = await session.execute(
        update(OutboxMessage)
        .where(
            col(OutboxMessage.id).in_(list(ids)),
            col(OutboxMessage.state) == OutboxState.SENDING,
            col(OutboxMessage.claimed_by) == worker,
        )
        .values(state=OutboxState.QUEUED, claimed_at=None, claimed_by=None)
        .execution_options(synchronize_session=False)
    )
    return int(getattr(result, "rowcount", 0) or 0)
