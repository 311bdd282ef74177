"""The outbox: every message that is not an immediate reply is a row here before it is sent.

A row is one message to one messenger identity of a member, and a member gets one row per
message: on the preferred messenger if reachable, else on another (reachable_identities).
The sender job claims due rows atomically (several processes never take the same row),
sends them within the channel's limits and records the outcome. Rows claimed by a process
that died are
re-queued when their lease runs out; at most those in-flight sends can be repeated.

The message itself is kept once in `outbox_payloads` (a serialised `Reply`, files
included) and shared by every row that carries it, so a broadcast to 100,000 people
stores its text and photo once. Button tokens are issued at send time, per recipient.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Index, UniqueConstraint, func, update
from sqlalchemy import select as sa_select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import Field, SQLModel, col, select

from bot.events import Reply
from models.base import session_now, utcnow
from models.members import ChannelIdentity, Member
from models.outbox_payloads import (
    OutboxPayload,
    insert_for,
    load_payload,
    store_payload,
    store_payloads,
)

__all__ = [
    "PRIORITY_BULK",
    "PRIORITY_NOTIFICATION",
    "PRIORITY_URGENT",
    "SENDING",
    "MessageKind",
    "OutboxMessage",
    "OutboxPayload",
    "OutboxState",
    "Reachable",
    "cancel",
    "cancel_prefix",
    "depth",
    "drop_for_identity",
    "enqueue",
    "enqueue_fresh",
    "enqueue_groups",
    "enqueue_many",
    "enqueue_to_identity",
    "insert_for",
    "load_payload",
    "pending_count",
    "reachable_identities",
    "store_payload",
    "store_payloads",
]

PRIORITY_URGENT = 0
PRIORITY_NOTIFICATION = 1
PRIORITY_BULK = 2
PRIORITIES = (PRIORITY_URGENT, PRIORITY_NOTIFICATION, PRIORITY_BULK)


class MessageKind(StrEnum):
    """What a queued message is, which decides its priority and whether quiet hours hold it
    (replies never come here: the dispatcher sends them at once)."""

    TRANSACTIONAL = "transactional"
    """An answer to something a person just did: approval requests and decisions."""
    REMINDER = "reminder"
    """Reminders and nudges: held during quiet hours, sent before bulk."""
    BULK = "bulk"
    """Announcements to a slice of the network: held unless marked urgent, sent last."""


@dataclass(frozen=True)
class Sending:
    """How the sender treats one kind of message."""

    priority: int
    through_quiet_hours: bool


SENDING = {
    MessageKind.TRANSACTIONAL: Sending(PRIORITY_URGENT, through_quiet_hours=True),
    MessageKind.REMINDER: Sending(PRIORITY_NOTIFICATION, through_quiet_hours=False),
    MessageKind.BULK: Sending(PRIORITY_BULK, through_quiet_hours=False),
}


class OutboxState(StrEnum):
    """Where one outbox row stands."""

    QUEUED = "queued"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    UNREACHABLE = "unreachable"
    UNCERTAIN = "uncertain"
    """The send timed out after leaving: it may have arrived, so it is not sent again."""
    CANCELLED = "cancelled"


class OutboxMessage(SQLModel, table=True):
    """One message waiting for, or done with, one messenger identity."""

    __tablename__ = "outbox"
    __table_args__ = (
        UniqueConstraint("dedupe_key", "identity_id"),
        Index("ix_outbox_due", "state", "priority", "id"),
        Index("ix_outbox_member", "member_id", "dedupe_key"),
        Index("ix_outbox_finished", "state", "created_at"),
        Index("ix_outbox_payload", "payload_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    member_id: int = Field(foreign_key="members.id")
    identity_id: int = Field(foreign_key="channel_identities.id")
    channel: str = Field(max_length=16)
    chat_id: str = Field(max_length=64)
    external_id: str = Field(max_length=64)
    payload_id: int = Field(foreign_key="outbox_payloads.id")
    priority: int = PRIORITY_BULK
    kind: str = Field(max_length=32)
    dedupe_key: str | None = Field(default=None, max_length=120)
    urgent: bool = False  # sent during quiet hours too (transactional, urgent announcements)
    not_before: datetime | None = None
    state: str = Field(default=OutboxState.QUEUED, max_length=16)
    attempts: int = 0
    last_error: str | None = Field(default=None, max_length=200)
    claimed_at: datetime | None = None
    claimed_by: str | None = Field(default=None, max_length=64)
    sent_at: datetime | None = None
    message_id: str | None = Field(default=None, max_length=64)
    created_at: datetime = Field(default_factory=utcnow)


async def _queue_rows(
    session: AsyncSession, rows: list[dict[str, Any]], *, dedupe: bool
) -> list[tuple[int, int]]:
    """Insert outbox rows, skipping (dedupe_key, identity) pairs already queued."""
    if not rows:
        return []
    statement = insert_for(session, OutboxMessage)
    if dedupe:
        statement = statement.on_conflict_do_nothing(index_elements=["dedupe_key", "identity_id"])
    result = await session.execute(
        statement.returning(col(OutboxMessage.id), col(OutboxMessage.member_id)), rows
    )
    return [(int(row[0]), int(row[1])) for row in result.all()]


@dataclass(frozen=True)
class Reachable:
    """A messenger identity the bot can still write to (only what a row needs)."""

    id: int
    member_id: int
    channel: str
    chat_id: str
    external_id: str


async def reachable_identities(
    session: AsyncSession, *, member_ids: Sequence[int]
) -> list[Reachable]:
    """One identity per member the bot can still write to: the member's preferred messenger
    if reachable, else the reachable one seen most recently (one message per person)."""
    if not member_ids:
        return []
    result = await session.execute(
        sa_select(
            col(ChannelIdentity.id),
            col(ChannelIdentity.member_id),
            col(ChannelIdentity.channel),
            col(ChannelIdentity.chat_id),
            col(ChannelIdentity.external_id),
            col(Member.preferred_channel),
        )
        .join(Member, col(Member.id) == col(ChannelIdentity.member_id))
        .where(
            col(ChannelIdentity.member_id).in_(list(member_ids)),
            col(ChannelIdentity.reachable).is_(True),
        )
        .order_by(col(ChannelIdentity.last_seen_at).desc(), col(ChannelIdentity.id))
    )
    chosen: dict[int, Reachable] = {}
    for r in result.all():
        identity = Reachable(int(r[0] or 0), int(r[1] or 0), r[2], r[3], r[4])
        if identity.member_id not in chosen or (
            r[5] == identity.channel and chosen[identity.member_id].channel != r[5]
        ):
            chosen[identity.member_id] = identity
    return sorted(chosen.values(), key=lambda identity: identity.id)


async def enqueue(
    session: AsyncSession,
    *,
    member_id: int,
    reply: Reply,
    priority: int,
    kind: str,
    dedupe_key: str | None = None,
    not_before: datetime | None = None,
    urgent: bool = False,
) -> int:
    """Queue a message for a member on one reachable identity (reachable_identities); return
    how many rows were queued (none again for a (dedupe_key, identity) already queued)."""
    identities = await reachable_identities(session, member_ids=[member_id])
    if not identities:
        return 0
    payload_id = await store_payload(session, reply=reply)
    now = session_now(session)
    rows = _rows(identities, payload_id, priority, kind, dedupe_key, not_before, urgent, now)
    return len(await _queue_rows(session, rows, dedupe=dedupe_key is not None))


def _rows(
    identities: Sequence[Reachable],
    payload_id: int,
    priority: int,
    kind: str,
    dedupe_key: str | None,
    not_before: datetime | None,
    urgent: bool,
    now: datetime,
) -> list[dict[str, Any]]:
    """One outbox row (as insert values) per identity for one stored payload, made at `now`."""
    return [
        {
            "member_id": identity.member_id,
            "identity_id": identity.id,
            "channel": identity.channel,
            "chat_id": identity.chat_id,
            "external_id": identity.external_id,
            "payload_id": payload_id,
            "priority": priority,
            "kind": kind,
            "dedupe_key": dedupe_key,
            "urgent": urgent,
            "not_before": not_before,
            "state": OutboxState.QUEUED,
            "attempts": 0,
            "created_at": now,
        }
        for identity in identities
    ]


async def enqueue_many(
    session: AsyncSession,
    *,
    member_ids: Sequence[int],
    payload_id: int,
    priority: int,
    kind: str,
    dedupe_key: str,
    not_before: datetime | None = None,
    urgent: bool = False,
) -> set[int]:
    """Queue one stored payload for many members (one batch of an audience); return the ids
    of the members that have at least one reachable identity (queued now or before)."""
    identities = await reachable_identities(session, member_ids=member_ids)
    now = session_now(session)
    rows = _rows(identities, payload_id, priority, kind, dedupe_key, not_before, urgent, now)
    await _queue_rows(session, rows, dedupe=True)
    return {identity.member_id for identity in identities}


async def enqueue_groups(
    session: AsyncSession,
    *,
    groups: Sequence[tuple[Sequence[int], int, str]],
    priority: int,
    kind: str,
) -> int:
    """Queue several stored payloads, each for its members under its dedupe key, with one
    look-up of identities and one insert; return how many rows were added now."""
    wanted = sorted({member_id for member_ids, _, _ in groups for member_id in member_ids})
    identities = {i.member_id: i for i in await reachable_identities(session, member_ids=wanted)}
    now = session_now(session)
    rows = []
    for member_ids, payload_id, dedupe_key in groups:
        chosen = [identities[m] for m in member_ids if m in identities]
        rows.extend(_rows(chosen, payload_id, priority, kind, dedupe_key, None, False, now))
    return len(await _queue_rows(session, rows, dedupe=True))


async def enqueue_fresh(
    session: AsyncSession,
    *,
    member_ids: Sequence[int],
    payload_id: int,
    priority: int,
    kind: str,
    dedupe_key: str,
    urgent: bool = False,
) -> set[int]:
    """Queue one stored payload for members not yet queued under this key; return the ids
    of the members for whom a row was added now (none again on a second call)."""
    identities = await reachable_identities(session, member_ids=member_ids)
    rows = _rows(
        identities, payload_id, priority, kind, dedupe_key, None, urgent, session_now(session)
    )
    return {member_id for _, member_id in await _queue_rows(session, rows, dedupe=True)}


async def cancel_prefix(session: AsyncSession, *, prefix: str) -> int:
    """Withdraw the waiting rows whose dedupe key starts with `prefix` (the messages about
    one thing, e.g. the approval requests of one registration); return how many."""
    result = await session.execute(
        update(OutboxMessage)
        .where(
            col(OutboxMessage.state) == OutboxState.QUEUED,
            col(OutboxMessage.dedupe_key).startswith(prefix, autoescape=True),
        )
        .values(state=OutboxState.CANCELLED)
        .execution_options(synchronize_session=False)
    )
    return int(getattr(result, "rowcount", 0) or 0)


async def cancel(session: AsyncSession, *, dedupe_key: str) -> int:
    """Withdraw the rows of one message that are still waiting; return how many."""
    result = await session.execute(
        update(OutboxMessage)
        .where(
            col(OutboxMessage.dedupe_key) == dedupe_key,
            col(OutboxMessage.state) == OutboxState.QUEUED,
        )
        .values(state=OutboxState.CANCELLED)
        .execution_options(synchronize_session=False)
    )
    return int(getattr(result, "rowcount", 0) or 0)


async def pending_count(session: AsyncSession, *, channels: Iterable[str] | None = None) -> int:
    """How many rows are queued or being sent (optionally on some channels)."""
    query = select(func.count()).where(
        col(OutboxMessage.state).in_([OutboxState.QUEUED, OutboxState.SENDING])
    )
    if channels is not None:
        query = query.where(col(OutboxMessage.channel).in_(sorted(channels)))
    return int((await session.execute(query)).scalar_one())


async def drop_for_identity(session: AsyncSession, *, identity_id: int, reason: str) -> int:
    """Mark every queued row of an identity unreachable (the person blocked the bot)."""
    result = await session.execute(
        update(OutboxMessage)
        .where(
            col(OutboxMessage.identity_id) == identity_id,
            col(OutboxMessage.state) == OutboxState.QUEUED,
        )
        .values(state=OutboxState.UNREACHABLE, last_error=reason[:200])
        .execution_options(synchronize_session=False)
    )
    return int(getattr(result, "rowcount", 0) or 0)


async def depth(session: AsyncSession) -> dict[tuple[str, int], int]:
    """How many rows per (state, priority), zero for the pairs with none (one GROUP BY on
    the ix_outbox_due index; the metrics read it at every scrape)."""
    counts = {(str(state), priority): 0 for state in OutboxState for priority in PRIORITIES}
    result = await session.execute(
        sa_select(col(OutboxMessage.state), col(OutboxMessage.priority), func.count()).group_by(
            col(OutboxMessage.state), col(OutboxMessage.priority)
        )
    )
    for state, priority, count in result.all():
        counts[(str(state), int(priority))] = int(count)
    return counts


async def enqueue_to_identity(
    session: AsyncSession,
    *,
    identity: ChannelIdentity,
    reply: Reply,
    priority: int,
    kind: str,
    urgent: bool = False,
) -> int:
    """Queue a message for one messenger identity (a linking code goes where it was asked
    for); return how many rows were queued (none for an unreachable identity). `urgent`
    messages go through quiet hours."""
    if not identity.reachable or identity.member_id is None or identity.id is None:
        return 0
    target = Reachable(
        identity.id, identity.member_id, identity.channel, identity.chat_id, identity.external_id
    )
    payload_id = await store_payload(session, reply=reply)
    rows = _rows([target], payload_id, priority, kind, None, None, urgent, session_now(session))
    return len(await _queue_rows(session, rows, dedupe=False))
