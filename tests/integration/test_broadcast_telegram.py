"""Broadcasts through the real Telegram channel (PTB) against the fake Bot API server: the
server's limits are never exceeded, random 429/5xx answers lose nothing and duplicate
nothing, blocked people are reported unreachable, a photo reaches every recipient and a
reply to someone chatting is not stuck behind the broadcast.

Sending needs working hours: every test starts at 09:00 on the suite's day.
"""

from __future__ import annotations

import asyncio
import time

import pytest
from sqlalchemy import select

from bot.app import BotApp
from jobs import announcements as announcement_jobs
from models import announcement_reports as reports
from models import members
from models.announcements import Announcement
from models.members import ChannelIdentity
from models.outbox import OutboxMessage, OutboxState
from tests.fakes.telegram_objects import FAKE_PNG
from tests.fakes.telegram_server import FakeTelegramServer
from tests.utils.broadcasting import deliver_all, deliver_everything
from tests.utils.clock import FakeClock, local_at, shown
from tests.utils.population import announce, make_admin, seed_members
from tests.utils.telegram import TelegramApps, button_data

CHAT_BASE = 5_000_000
ADMIN = 4_000_001

pytestmark = pytest.mark.local_time(9, 0)


async def _broadcast(app: BotApp, clock: FakeClock, **extra: object) -> Announcement:
    author = await make_admin(app.sessions)
    return await announce(app.sessions, author_member_id=author, now=clock(), **extra)


async def _answered(server: FakeTelegramServer, chat: int, seen: int) -> None:
    """Wait until the bot asked the next question (its buttons end with Hủy) or confirmed."""
    deadline = time.monotonic() + 5
    while True:
        sent = server.sent_messages(chat)
        last = sent[-1] if len(sent) > seen else None
        if last and ("Hủy" in str(last.get("reply_markup")) or "Đã xếp hàng" in last["text"]):
            return
        assert time.monotonic() < deadline, [m["text"] for m in sent[seen:]]
        await asyncio.sleep(0.02)


def _received(server: FakeTelegramServer, count: int) -> list[int]:
    return [server.sent_count(CHAT_BASE + i) for i in range(count)]


async def test_random_429_and_5xx_lose_and_duplicate_nothing(
    telegram_app: TelegramApps, fake_telegram: FakeTelegramServer, clock: FakeClock
) -> None:
    fake_telegram.rate_limit = 40
    fake_telegram.per_chat_limit = 1
    fake_telegram.fail_ratio = 0.05
    fake_telegram.rng.seed(4)
    app = await telegram_app(web=False, messages_per_second=40)
    await seed_members(app.sessions, count=120, chat_base=CHAT_BASE)
    row = await _broadcast(app, clock)
    await deliver_everything(app, clock)
    assert fake_telegram.stats["injected_failures"] > 0
    assert fake_telegram.stats["rate_limited"] == 0  # no limit was exceeded
    assert _received(fake_telegram, 120) == [1] * 120
    assert fake_telegram.duplicates() == []
    async with app.sessions() as session:
        rows = list((await session.execute(select(OutboxMessage))).scalars())
        tallies = await reports.tally_by_unit(
            session, announcement_id=row.id or 0, dedupe_key=row.dedupe_key
        )
    assert {r.state for r in rows} == {OutboxState.SENT}
    assert all(r.message_id and r.sent_at for r in rows)
    assert sum(t.delivery.get("sent", 0) for t in tallies.values()) == 120


async def test_blocked_people_are_reported_unreachable(
    telegram_app: TelegramApps, fake_telegram: FakeTelegramServer, clock: FakeClock
) -> None:
    fake_telegram.block(CHAT_BASE + 1)
    fake_telegram.deactivate(CHAT_BASE + 2)
    fake_telegram.known_chats = {CHAT_BASE + i for i in range(5) if i != 3}
    app = await telegram_app(web=False)
    await seed_members(app.sessions, count=5, chat_base=CHAT_BASE)
    row = await _broadcast(app, clock, audience={"roles": ["member"]})
    await deliver_everything(app, clock)
    assert _received(fake_telegram, 5) == [1, 0, 0, 0, 1]
    forbidden = [c for c in fake_telegram.calls_named("sendMessage") if c.status == 403]
    assert len(forbidden) == 2  # never retried
    async with app.sessions() as session:
        tallies = await reports.tally_by_unit(
            session, announcement_id=row.id or 0, dedupe_key=row.dedupe_key
        )
        identities = {
            i.chat_id: i for i in (await session.execute(select(ChannelIdentity))).scalars()
        }
        failed = (
            await session.execute(
                select(OutboxMessage.last_error).where(OutboxMessage.state == OutboxState.FAILED)
            )
        ).scalars()
        assert list(failed) == ["Chat not found"]
    [tally] = tallies.values()
    assert tally.delivery == {"sent": 2, "unreachable": 2, "failed": 1}
    assert not identities[str(CHAT_BASE + 1)].reachable
    assert "blocked" in (identities[str(CHAT_BASE + 1)].unreachable_reason or "")
    assert "deactivated" in (identities[str(CHAT_BASE + 2)].unreachable_reason or "")
    assert identities[str(CHAT_BASE + 3)].reachable  # chat not found is not a block


async def test_a_photo_and_its_long_text_reach_telegram_members(
    telegram_app: TelegramApps, fake_telegram: FakeTelegramServer, clock: FakeClock
) -> None:
    app = await telegram_app(admins=[f"telegram:{ADMIN}"], web=False)
    await seed_members(app.sessions, count=3, chat_base=CHAT_BASE)
    fake_telegram.push_text(ADMIN, "/thongbao")
    await fake_telegram.wait_for_messages(ADMIN, 1)
    steps = [
        ("press", "Hội thảo"),
        ("text", "Hội thảo chuyển đổi số"),
        ("text", "Nội dung chi tiết. " * 80),
        ("photo", ""),
        ("text", shown(local_at(clock(), days=18, hour=8))),
        ("text", "Trung tâm hội nghị tỉnh"),
        ("press", "Không cần"),
        ("press", "Xem trước"),
        ("press", "Gửi ngay"),
    ]
    for kind, value in steps:
        seen = fake_telegram.sent_count(ADMIN)
        if kind == "press":
            last = fake_telegram.sent_messages(ADMIN)[-1]
            fake_telegram.push_callback(ADMIN, button_data(last, value))
        elif kind == "photo":
            fake_telegram.push_photo(ADMIN)
        else:
            fake_telegram.push_text(ADMIN, value)
        await _answered(fake_telegram, ADMIN, seen)
    assert (
        "Đã xếp hàng gửi thông báo #1 tới 4 thành viên"
        in (  # the admin is one of them
            fake_telegram.sent_messages(ADMIN)[-1]["text"]
        )
    )
    # From here on, the server refuses a second message to a chat within a second: the
    # photo and the text to one member must be spaced by the sender.
    fake_telegram.per_chat_limit = 1
    await deliver_all(app)
    for i in range(3):
        photo, text = await fake_telegram.wait_for_messages(CHAT_BASE + i, 2)
        assert photo["method"] == "sendPhoto"
        assert photo["caption"] == "🧑‍🏫 HỘI THẢO: Hội thảo chuyển đổi số (tệp đính kèm)"
        assert text["text"].startswith("🧑‍🏫 HỘI THẢO: Hội thảo chuyển đổi số")
        assert [b["text"] for row in text["reply_markup"]["inline_keyboard"] for b in row] == [
            "Đã nhận"
        ]
    uploads = [c for c in fake_telegram.calls_named("sendPhoto") if c.status == 200]
    assert {c.files["photo"].data for c in uploads} == {FAKE_PNG}
    assert fake_telegram.stats["rate_limited"] == 0
    fake_telegram.push_callback(
        CHAT_BASE, button_data(fake_telegram.sent_messages(CHAT_BASE)[-1], "Đã nhận")
    )
    await fake_telegram.wait_for_messages(CHAT_BASE, 3)
    assert "Cảm ơn anh/chị đã xác nhận" in fake_telegram.sent_messages(CHAT_BASE)[-1]["text"]


@pytest.mark.slow
async def test_a_reply_is_not_stuck_behind_a_broadcast(
    telegram_app: TelegramApps, fake_telegram: FakeTelegramServer, clock: FakeClock
) -> None:
    fake_telegram.rate_limit = 20
    fake_telegram.per_chat_limit = 1
    app = await telegram_app(web=False, messages_per_second=20)
    await seed_members(app.sessions, count=160, chat_base=CHAT_BASE)
    await _broadcast(app, clock)
    await announcement_jobs.release_due(app.job_context)
    await fake_telegram.wait_for_messages(None, 40, timeout=10)
    asked = time.monotonic()
    fake_telegram.push_text(777, "/start")
    [answer] = await fake_telegram.wait_for_messages(777, 1, timeout=10)
    waited = time.monotonic() - asked
    assert "Xin chào" in answer["text"]
    assert waited < 1.5, waited
    assert fake_telegram.sent_count() < 150  # the broadcast was still going on
    await deliver_everything(app, clock)
    assert fake_telegram.stats["rate_limited"] == 0
    assert _received(fake_telegram, 160) == [1] * 160


async def test_an_identity_marked_unreachable_comes_back_when_the_person_writes(
    telegram_app: TelegramApps, fake_telegram: FakeTelegramServer, clock: FakeClock
) -> None:
    fake_telegram.block(CHAT_BASE)
    app = await telegram_app(web=False)
    await seed_members(app.sessions, count=1, chat_base=CHAT_BASE)
    await _broadcast(app, clock)
    await deliver_everything(app, clock)
    fake_telegram.unblock(CHAT_BASE)
    fake_telegram.push_text(CHAT_BASE, "/start")
    await fake_telegram.wait_for_messages(CHAT_BASE, 1)
    async with app.sessions() as session:
        identity = await members.get_identity(
            session, channel="telegram", external_id=str(CHAT_BASE)
        )
        assert identity is not None and identity.reachable
