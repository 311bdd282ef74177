"""Zalo messages already taken in, so one delivered twice (a webhook retry, a poll after a
restart) is answered once.

Zalo's getUpdates has no offset to confirm what was received, and its webhook retries a
delivery it thinks failed: the message id is the only thing that says "seen before".
"""

from datetime import datetime

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import Field, SQLModel, col, select

from models.base import utcnow


class ZaloSeenMessage(SQLModel, table=True):
    """One Zalo message id the bot has taken in."""

    __tablename__ = "zalo_updates"

    id: int | None = Field(default=None, primary_key=True)
    message_id: str = Field(max_length=64, unique=True)
    chat_id: str = Field(max_length=64)
    seen_at: datetime = Field(default_factory=utcnow, index=True)


async def claim(session: AsyncSession, *, message_id: str, chat_id: str, now: datetime) -> bool:
    """Record a message as taken in; False when it already was (then nothing is written).

    Two processes claiming the same id at once: the unique index lets one win, and the
    loser's session is rolled back, so call this first in its own session.
    """
    seen = await session.execute(
        select(ZaloSeenMessage.id).where(ZaloSeenMessage.message_id == message_id)
    )
    if seen.first() is not None:
        return False
    session.add(ZaloSeenMessage(message_id=message_id, chat_id=chat_id, seen_at=now))
    try:
        await session.flush()
    except IntegrityError:
        await session.rollback()
        return False
    return True


async def forget_before(session: AsyncSession, *, before: datetime) -> int:
    """Drop the ids seen before `before` (no retry comes that late); return how many."""
    result = await session.execute(
        delete(ZaloSeenMessage).where(col(ZaloSeenMessage.seen_at) < before)
    )
    return int(getattr(result, "rowcount", 0) or 0)
