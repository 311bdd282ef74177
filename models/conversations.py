"""Where each person is in a multi-step conversation, kept in the database."""

import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import UniqueConstraint, delete, text, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import Field, SQLModel, select

from models.base import session_now, utcnow


class ConversationState(SQLModel, table=True):
    """The open conversation of one messenger account (at most one at a time)."""

    __tablename__ = "conversation_states"
    __table_args__ = (UniqueConstraint("channel", "external_id"),)

    id: int | None = Field(default=None, primary_key=True)
    channel: str = Field(max_length=16)
    external_id: str = Field(max_length=64)
    flow: str = Field(max_length=48)
    step: str = Field(max_length=48)
    data: str = Field(default="{}")
    history: str = Field(default="[]")
    options: str = Field(default="[]")
    version: int = 0
    updated_at: datetime = Field(default_factory=utcnow, index=True)


def _turn_key(channel: str, external_id: str) -> int:
    """A stable signed 64-bit number for one messenger account (an advisory lock's key)."""
    digest = hashlib.blake2b(f"turn:{channel}:{external_id}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


async def hold_turn(session: AsyncSession, *, channel: str, external_id: str) -> None:
    """Serialise one person's turns across processes: on PostgreSQL, wait for and hold a
    transaction-level advisory lock on the account until the session commits or rolls back,
    so a second process handling the same person's next message waits for this one. SQLite
    runs one process and serialises writers itself: nothing to do there."""
    if session.get_bind().dialect.name != "postgresql":
        return
    await session.execute(
        text("SELECT pg_advisory_xact_lock(:key)"), {"key": _turn_key(channel, external_id)}
    )


class StaleConversation(Exception):
    """Another process moved the conversation on while this one was working."""


@dataclass
class Snapshot:
    """A conversation state loaded for one turn, decoded from its JSON columns."""

    flow: str
    step: str
    data: dict[str, Any]
    history: list[str]
    options: list[list[str]]
    version: int
    updated_at: datetime
    row_id: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)


async def load(session: AsyncSession, *, channel: str, external_id: str) -> Snapshot | None:
    """Load the open conversation of an account, if any."""
    result = await session.execute(
        select(ConversationState).where(
            ConversationState.channel == channel, ConversationState.external_id == external_id
        )
    )
    row = result.scalar_one_or_none()
    if row is None:
        return None
    return Snapshot(
        flow=row.flow,
        step=row.step,
        data=json.loads(row.data),
        history=json.loads(row.history),
        options=json.loads(row.options),
        version=row.version,
        updated_at=row.updated_at,
        row_id=row.id,
    )


async def save(
    session: AsyncSession,
    *,
    channel: str,
    external_id: str,
    snapshot: Snapshot,
    now: datetime | None = None,
) -> int:
    """Write a conversation state; fail with StaleConversation if another process changed it.

    `now` is the turn's time (the expiry check compares it with the same clock).
    Returns the new version number.
    """
    values: dict[str, Any] = {
        "flow": snapshot.flow,
        "step": snapshot.step,
        "data": json.dumps(snapshot.data, ensure_ascii=False),
        "history": json.dumps(snapshot.history),
        "options": json.dumps(snapshot.options, ensure_ascii=False),
        "updated_at": now or session_now(session),
    }
    if snapshot.row_id is None:
        row = ConversationState(
            channel=channel, external_id=external_id, version=snapshot.version + 1, **values
        )
        session.add(row)
        await session.flush()
        snapshot.row_id = row.id
    else:
        result = await session.execute(
            update(ConversationState)
            .where(
                ConversationState.id == snapshot.row_id,  # type: ignore[arg-type]
                ConversationState.version == snapshot.version,  # type: ignore[arg-type]
            )
            .values(version=snapshot.version + 1, **values)
        )
        if result.rowcount != 1:  # type: ignore[attr-defined]
            raise StaleConversation(f"{channel}:{external_id}")
    snapshot.version += 1
    return snapshot.version


async def clear(
    session: AsyncSession, *, channel: str, external_id: str, version: int | None = None
) -> None:
    """End the open conversation of an account (only at `version`, if given)."""
    query = delete(ConversationState).where(
        ConversationState.channel == channel,  # type: ignore[arg-type]
        ConversationState.external_id == external_id,  # type: ignore[arg-type]
    )
    if version is not None:
        query = query.where(ConversationState.version == version)  # type: ignore[arg-type]
    await session.execute(query)


async def expire_idle(session: AsyncSession, *, older_than: datetime) -> list[tuple[str, str]]:
    """Delete conversations idle since before `older_than`; return the (channel, id) ended."""
    result = await session.execute(
        select(ConversationState.channel, ConversationState.external_id).where(
            ConversationState.updated_at < older_than
        )
    )
    ended = [(str(channel), str(external_id)) for channel, external_id in result.all()]
    if ended:
        await session.execute(
            delete(ConversationState).where(
                ConversationState.updated_at < older_than  # type: ignore[arg-type]
            )
        )
    return ended
