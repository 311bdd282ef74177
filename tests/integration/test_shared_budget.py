"""Replies count in the send budget every process shares (PostgreSQL): they never wait for
it, but the slots they used are taken afterwards, in one round trip for many replies, so
bulk sending in any process leaves them room."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.channels.base import Limits
from jobs.budget import SharedBudget
from models.send_budget import SendBudget
from tests.fakes.telegram_server import FakeTelegramServer
from tests.utils.telegram import TelegramApps

LIMITS = Limits(per_second=100, per_chat_per_second=1)
USER = 6_100_001


def _requires_postgresql(db_url: str) -> None:
    if not db_url.startswith("postgresql"):
        pytest.skip("processes share a send budget on PostgreSQL only")


async def test_replies_take_their_slots_and_other_processes_wait_for_them(
    db_url: str, sessions: async_sessionmaker[AsyncSession]
) -> None:
    _requires_postgresql(db_url)
    replying = SharedBudget(sessions, "telegram", LIMITS)
    other = SharedBudget(sessions, "telegram", LIMITS)  # another process's broadcast
    _, first = await other.grant(["1"])
    assert first == 0.0  # an idle budget: the first slot is now

    for _ in range(30):
        replying.note_replies(1)  # counted as they leave, nothing written yet
    assert replying.replies == 30
    assert await replying.count_replies() == 30  # one round trip for all of them
    assert replying.replies == 0 and await replying.count_replies() == 0

    _, wait = await other.grant(["2"])
    # Without the replies the next slot would be one interval away; now it comes after
    # their 30 slots (less the few milliseconds the test itself took).
    assert wait >= 20 * other.interval, (wait, other.interval)


async def test_a_reply_to_someone_chatting_is_counted_in_the_shared_budget(
    db_url: str, telegram_app: TelegramApps, fake_telegram: FakeTelegramServer
) -> None:
    _requires_postgresql(db_url)
    app = await telegram_app(web=False, messages_per_second=100)
    assert app.sender.shared
    async with app.sessions() as session:
        assert await session.get(SendBudget, "telegram") is None  # nothing sent yet

    fake_telegram.push_text(USER, "/help")
    await fake_telegram.wait_for_messages(USER, 1)
    for _ in range(100):  # the outcome writer takes the reply's slot within 0.1 s
        async with app.sessions() as session:
            row = await session.get(SendBudget, "telegram")
        if row is not None:
            break
        await asyncio.sleep(0.02)
    assert row is not None, "the reply took no slot of the shared budget"
    assert app.sender.budgets["telegram"].replies == 0
