"""Leases: a named role (the scheduler leader) held by one process at a time.

A lease is one row per name. Taking or renewing it is one conditional UPDATE (free when
it has run out, or already ours), so two processes racing for it cannot both win; the
first take is an INSERT that skips a row another process inserted first.
"""

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import or_, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import Field, SQLModel, col, select


class Lease(SQLModel, table=True):
    """Who holds a named role, until when."""

    __tablename__ = "leases"

    name: str = Field(primary_key=True, max_length=64)
    holder: str = Field(max_length=128)
    expires_at: datetime
    renewed_at: datetime


def _insert(session: AsyncSession) -> Any:
    """An INSERT into `leases` that can skip a conflicting row, in the session's dialect."""
    dialect = session.get_bind().dialect.name
    return (postgresql.insert if dialect == "postgresql" else sqlite.insert)(Lease)


async def acquire(
    session: AsyncSession, *, name: str, holder: str, now: datetime, ttl: timedelta
) -> bool:
    """Take or renew the lease `name` for `holder` until `now + ttl`; True if held now.

    Commit right after: the row is written (and, on PostgreSQL, locked) until then.
    """
    expires_at = now + ttl
    result = await session.execute(
        update(Lease)
        .where(
            col(Lease.name) == name,
            or_(col(Lease.expires_at) <= now, col(Lease.holder) == holder),
        )
        .values(holder=holder, expires_at=expires_at, renewed_at=now)
    )
    if getattr(result, "rowcount", 0):
        return True
    inserted = await session.execute(
        _insert(session)
        .values(name=name, holder=holder, expires_at=expires_at, renewed_at=now)
        .on_conflict_do_nothing(index_elements=["name"])
    )
    return bool(getattr(inserted, "rowcount", 0))


async def release(session: AsyncSession, *, name: str, holder: str, now: datetime) -> bool:
    """Give the lease up at once if `holder` has it (a clean stop); True if it had."""
    result = await session.execute(
        update(Lease)
        .where(col(Lease.name) == name, col(Lease.holder) == holder)
        .values(expires_at=now, renewed_at=now)
    )
    return bool(getattr(result, "rowcount", 0))


async def holder_of(session: AsyncSession, *, name: str, now: datetime) -> str | None:
    """Who holds the lease `name` at `now` (None when nobody does)."""
    result = await session.execute(
        select(Lease.holder).where(col(Lease.name) == name, col(Lease.expires_at) > now)
    )
    return result.scalar_one_or_none()


async def expiry(session: AsyncSession, *, name: str) -> datetime | None:
    """When the lease `name` runs out (as stored: it may have run out already), if it
    exists."""
    result = await session.execute(select(Lease.expires_at).where(col(Lease.name) == name))
    moment = result.scalar_one_or_none()
    if moment is None:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
