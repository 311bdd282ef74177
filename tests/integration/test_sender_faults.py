"""The sender under faults, through the real Telegram channel against the fake Bot API: a
request that times out after leaving is "maybe delivered" (recorded, reported, not resent)
and does not hold up the sends to everybody else; two sending processes on one PostgreSQL
database share one budget.

Sending needs working hours: every test starts at 09:00 on the suite's day.
"""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import select
from sqlmodel import col

from bot.app import BotApp
from bot.texts import broadcast as bt
from models import announcement_reports as reports
from models.outbox import OutboxMessage, OutboxState
from tests.fakes.telegram_server import FakeTelegramServer
from tests.utils.broadcasting import deliver_all
from tests.utils.clock import FakeClock
from tests.utils.population import announce, make_admin, seed_members
from tests.utils.telegram import TelegramApps

CHAT_BASE = 7_100_000
PEOPLE = 40
TIMEOUT = 1.0
SHARED_RATE = 100
SHARED_PEOPLE = 800

pytestmark = pytest.mark.local_time(9, 0)


async def _states(app: BotApp) -> dict[str, str]:
    """The state of each chat's row."""
    async with app.sessions() as session:
        rows = await session.execute(select(col(OutboxMessage.chat_id), col(OutboxMessage.state)))
        return {str(chat): str(state) for chat, state in rows.all()}


async def test_a_timed_out_send_is_maybe_delivered_and_the_others_go_on(
    telegram_app: TelegramApps, fake_telegram: FakeTelegramServer, clock: FakeClock
) -> None:
    server = fake_telegram
    slow = CHAT_BASE  # the first recipient: its request leaves among the first
    server.delay_ack(slow, TIMEOUT * 3)  # delivered, but answered long after our time-out
    app = await telegram_app(web=False, send_timeout=TIMEOUT, messages_per_second=30)
    await seed_members(app.sessions, count=PEOPLE, chat_base=CHAT_BASE)
    author = await make_admin(app.sessions)
    row = await announce(
        app.sessions, author_member_id=author, now=clock(), audience={"roles": ["member"]}
    )
    await deliver_all(app, timeout=30)

    states = await _states(app)
    assert states.pop(str(slow)) == OutboxState.UNCERTAIN
    assert set(states.values()) == {OutboxState.SENT}
    left = server.sent_messages(slow)[0]["time"]
    during = [
        m for m in server.sent_messages() if m["chat_id"] != slow and m["time"] < left + TIMEOUT
    ]
    assert len(during) >= 15  # at 30/s, the others kept going while it hung

    clock.advance(minutes=10)  # past any backoff: a time-out is not blindly resent
    await deliver_all(app, timeout=10)
    await asyncio.sleep(TIMEOUT * 3)
    assert server.sent_count(slow) == 1
    assert app.sender.stats["uncertain"] == 1

    async with app.sessions() as session:
        tallies = await reports.tally_by_unit(
            session, announcement_id=row.id or 0, dedupe_key=row.dedupe_key
        )
    total = reports.Tally()
    for tally in tallies.values():
        total.add(tally)
    assert total.delivery == {reports.SENT: PEOPLE - 1, reports.UNCERTAIN: 1}
    assert bt.DELIVERY_NAMES[reports.UNCERTAIN] == "có thể đã nhận (mạng chậm)"


@pytest.mark.slow
async def test_two_processes_share_one_send_budget(
    db_url: str, telegram_app: TelegramApps, fake_telegram: FakeTelegramServer, clock: FakeClock
) -> None:
    """Two bots on one PostgreSQL database, each configured to the full limit: together
    they stay within it (no 429), and nobody gets the message twice."""
    if not db_url.startswith("postgresql"):
        pytest.skip("several sending processes share a budget on PostgreSQL only")
    server = fake_telegram
    server.rate_limit, server.per_chat_limit = SHARED_RATE, 1
    first = await telegram_app(web=False, messages_per_second=SHARED_RATE)
    second = await telegram_app(web=False, messages_per_second=SHARED_RATE)
    await seed_members(first.sessions, count=SHARED_PEOPLE, chat_base=CHAT_BASE)
    author = await make_admin(first.sessions)
    await announce(
        first.sessions, author_member_id=author, now=clock(), audience={"roles": ["member"]}
    )
    await deliver_all(first, timeout=SHARED_PEOPLE / SHARED_RATE * 4)
    await second.sender.flush()

    assert server.stats["429"] == 0
    assert server.duplicates() == []
    assert [server.sent_count(CHAT_BASE + i) for i in range(SHARED_PEOPLE)] == [1] * SHARED_PEOPLE
    assert min(first.sender.stats["sent"], second.sender.stats["sent"]) > SHARED_PEOPLE // 5
    times = sorted(m["time"] for m in server.sent_messages())
    rate = (len(times) - 1) / (times[-1] - times[0])
    print(f"\ntwo processes: {rate:.1f}/s = {rate / SHARED_RATE:.3f} of the limit")
    assert rate > SHARED_RATE * 0.5  # the bench measures it with the server apart
