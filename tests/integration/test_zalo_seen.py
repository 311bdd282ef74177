"""The record of Zalo messages already taken in: a message id is claimed once, and ids
older than any retry are forgotten."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from models import zalo_updates
from tests.utils.clock import FakeClock


async def claim(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock, message_id: str
) -> bool:
    async with sessions() as session:
        fresh = await zalo_updates.claim(
            session, message_id=message_id, chat_id="chat-1", now=clock()
        )
        await session.commit()
        return fresh


async def test_a_message_id_is_claimed_once(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    assert await claim(sessions, clock, "16f6366b3f02645a3d15")
    assert not await claim(sessions, clock, "16f6366b3f02645a3d15")
    assert await claim(sessions, clock, "82599fa32f56d00e8941")


async def test_old_ids_are_forgotten_and_recent_ones_kept(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    assert await claim(sessions, clock, "old")
    clock.advance(days=8)
    assert await claim(sessions, clock, "recent")
    async with sessions() as session:
        dropped = await zalo_updates.forget_before(session, before=clock() - timedelta(days=7))
        await session.commit()
    assert dropped == 1
    assert await claim(sessions, clock, "old")  # forgotten: a very late copy is new again
    assert not await claim(sessions, clock, "recent")
