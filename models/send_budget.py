"""One send budget per channel shared by every process (PostgreSQL).

A row per key holds a GCRA theoretical arrival time (`tat`, seconds on the database's
clock, so all processes share one time line whatever their machines say). Taking a slot is
one atomic upsert that pushes `tat` on by a few intervals (a small batch of slots) and
returns how long the caller must wait for the first; the per-chat rows of a batch of chats
are taken in one upsert, each only when that chat's interval has passed.
On SQLite a single process sends, and its own pacer (jobs.pacing) is enough.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import Field, SQLModel

CHAT_PREFIX = "chat:"


class SendBudget(SQLModel, table=True):
    """When the next send under one key may go (GCRA theoretical arrival time)."""

    __tablename__ = "send_budget"

    key: str = Field(primary_key=True, max_length=96)
    tat: float


_SLOTS = text(
    """
    WITH now AS (SELECT extract(epoch FROM clock_timestamp())::float8 AS t)
    INSERT INTO send_budget (key, tat)
    SELECT :key, now.t + :span FROM now
    ON CONFLICT (key) DO UPDATE
        SET tat = greatest(send_budget.tat, excluded.tat - :span) + :span
    RETURNING send_budget.tat - :span - (SELECT t FROM now)
    """
)

_CHATS = text(
    """
    WITH now AS (SELECT extract(epoch FROM clock_timestamp())::float8 AS t),
         wanted AS (SELECT DISTINCT unnest(CAST(:keys AS text[])) AS key)
    INSERT INTO send_budget (key, tat)
    SELECT wanted.key, now.t + :interval FROM wanted, now
    ON CONFLICT (key) DO UPDATE SET tat = excluded.tat
        WHERE send_budget.tat <= excluded.tat - :interval
    RETURNING key
    """
)

_FORGET = text(
    """
    DELETE FROM send_budget
    WHERE key LIKE :prefix AND tat < extract(epoch FROM clock_timestamp())::float8 - :age
    """
)


def shared(session: AsyncSession) -> bool:
    """Whether this database keeps a budget shared by processes (PostgreSQL)."""
    return session.get_bind().dialect.name == "postgresql"


async def take_slots(session: AsyncSession, *, channel: str, interval: float, count: int) -> float:
    """Take the next `count` send slots of a channel (one every `interval` seconds); return
    the seconds to wait for the first (0 if now). Commit right after."""
    span = float(interval) * count
    result = await session.execute(_SLOTS, {"key": channel, "span": span})
    return max(0.0, float(result.scalar_one()))


def _chat_key(channel: str, chat_id: str) -> str:
    return f"{CHAT_PREFIX}{channel}:{chat_id}"[:96]


async def take_chats(
    session: AsyncSession, *, channel: str, chat_ids: Sequence[str], interval: float
) -> set[str]:
    """Take the turn of each chat whose interval since its last send (by any process) has
    passed; return those chats. Commit right after."""
    keys = {_chat_key(channel, chat_id): chat_id for chat_id in chat_ids}
    if not keys:
        return set()
    result = await session.execute(_CHATS, {"keys": sorted(keys), "interval": float(interval)})
    return {keys[key] for key in result.scalars()}


async def forget_chats(session: AsyncSession, *, age: float) -> int:
    """Delete the per-chat rows idle for `age` seconds; return how many."""
    result = await session.execute(_FORGET, {"prefix": f"{CHAT_PREFIX}%", "age": float(age)})
    return int(getattr(result, "rowcount", 0) or 0)
