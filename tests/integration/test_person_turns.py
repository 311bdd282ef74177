"""Several processes serving webhooks on one PostgreSQL database: one person's turns never
interleave. A turn holds a lock on the person's account for its transaction, so a second
process with the same person's next message waits for it, while other people go on."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from bot.app import BotApp
from bot.texts import feedback as ft
from models import conversations
from tests.conftest import make_config
from tests.utils.chat import ChatDriver
from tests.utils.clock import FakeClock

WAIT = 0.5  # long enough for an unblocked turn to finish many times over


@pytest.fixture
async def two_processes(db_url: str, clock: FakeClock) -> AsyncIterator[tuple[BotApp, BotApp]]:
    """Two bots on the same database, as two processes serving webhooks would be."""
    if not db_url.startswith("postgresql"):
        pytest.skip("several processes share one database on PostgreSQL only")
    first = BotApp(make_config(db_url), seed_demo=True, clock=clock)
    second = BotApp(make_config(db_url), seed_demo=False, clock=clock)
    await first.start(web=False)
    await second.start(web=False)
    yield first, second
    await second.stop()
    await first.stop()


async def test_a_persons_turn_waits_for_the_same_persons_turn_elsewhere(
    two_processes: tuple[BotApp, BotApp],
) -> None:
    first, second = two_processes
    elsewhere = ChatDriver(second.dispatcher)
    async with first.sessions() as session:
        # The first process is in the middle of a turn of "xa".
        await conversations.hold_turn(session, channel="webchat", external_id="xa")
        same_person = asyncio.create_task(elsewhere.send("xa", "/help"))
        other_person = asyncio.create_task(elsewhere.send("huyen", "/help"))
        await asyncio.wait_for(other_person, WAIT)  # another person is not held up
        await asyncio.sleep(WAIT)
        assert not same_person.done()  # the same person's next message waits
        await session.commit()  # the first turn ends
    answer = await asyncio.wait_for(same_person, 10)
    assert answer and "/gopy" in "\n".join(message.text for message in answer)


async def test_one_conversation_goes_on_across_two_processes(
    two_processes: tuple[BotApp, BotApp],
) -> None:
    """A conversation answered in turn by two processes keeps its steps, and a person's
    message handled while someone else's turn runs in the other process is not held up."""
    first, second = two_processes
    here, there = ChatDriver(first.dispatcher), ChatDriver(second.dispatcher)
    await here.send("xa", "/gopy")
    assert ft.ASK_TOPIC in here.text("xa")
    await there.send("xa", "1")  # the first topic, typed, answered by the other process
    assert "Mời anh/chị nhập nội dung" in there.text("xa")
    await asyncio.gather(
        here.send("xa", "Trợ lý trả lời nhanh, dễ dùng trên điện thoại."),
        there.send("huyen", "/help"),
    )
    assert here.text("xa") == ft.THANKS
