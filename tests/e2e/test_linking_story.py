"""A member registered on Telegram links Zalo to the same record, through the fake Telegram
and Zalo servers: the code is asked for on Telegram, typed on Zalo, both sides are told;
then the preferred messenger is chosen in /hoso on Zalo."""

from __future__ import annotations

import asyncio
import re
from typing import Any

from bot import config as config_module
from bot.app import BotApp
from bot.config import Config
from bot.texts import linking as lt
from models import members
from models.members import MemberBase, MemberStatus
from tests.fakes.telegram_server import FakeTelegramServer
from tests.fakes.zalo_server import FakeZaloServer
from tests.utils.clock import FakeClock
from tests.utils.plain_channel import number_of
from tests.utils.zalo import ZaloPerson

TELEGRAM_USER = 424242
ZALO_CHAT = "7a1b2c3d4e5f60718293"


def both_channels(db_url: str, telegram: FakeTelegramServer, zalo: FakeZaloServer) -> Config:
    """A configuration with the Telegram and Zalo channels on the fakes."""
    raw: dict[str, Any] = {
        "database": {"url": db_url},
        "web": {"host": "127.0.0.1", "port": 0, "webchat_enabled": False},
        "telegram": {
            "enabled": True,
            "token": telegram.token,
            "mode": "polling",
            "api_base_url": telegram.url,
        },
        "zalo": {
            "enabled": True,
            "token": zalo.token,
            "mode": "polling",
            "api_base_url": zalo.url,
        },
    }
    return config_module.build(raw, environ={})


async def seeded_on_telegram(app: BotApp) -> int:
    """An active member known on Telegram only; return the member id."""
    async with app.sessions() as session:
        member = await members.create_member(
            session,
            data=MemberBase(full_name="Rơ Châm Hiếu", phone="+84905777888"),
            status=MemberStatus.ACTIVE,
        )
        identity = await members.touch_identity(
            session,
            channel="telegram",
            external_id=str(TELEGRAM_USER),
            chat_id=str(TELEGRAM_USER),
            display_name="Hiếu",
        )
        await members.link_identity(session, identity=identity, member_id=member.id or 0)
        await session.commit()
        return member.id or 0


async def telegram_texts(server: FakeTelegramServer, count: int, app: BotApp) -> list[str]:
    """Wait for `count` messages to the Telegram user (waking the sender meanwhile)."""
    for _ in range(250):
        if server.sent_count(TELEGRAM_USER) >= count:
            break
        app.sender.wake()
        await asyncio.sleep(0.02)
    return [str(text) for text in server.sent_texts(TELEGRAM_USER)]


async def test_telegram_member_links_zalo(
    db_url: str, clock: FakeClock, fake_telegram: FakeTelegramServer, fake_zalo: FakeZaloServer
) -> None:
    app = BotApp(both_channels(db_url, fake_telegram, fake_zalo), clock=clock)
    await app.start()
    try:
        member_id = await seeded_on_telegram(app)
        fake_telegram.push_text(TELEGRAM_USER, "/lienket")
        [issued] = await telegram_texts(fake_telegram, 1, app)
        found = re.search(r"\b(\d{6})\b", issued)
        assert found is not None and "/lienket" in issued

        zalo = ZaloPerson(app, fake_zalo, ZALO_CHAT)
        await zalo.say(found.group(1))
        assert "Rơ Châm Hiếu" in zalo.text and "Zalo" in zalo.text
        async with app.sessions() as session:
            linked = await members.identities_of(session, member_id=member_id)
        assert sorted(i.channel for i in linked) == ["telegram", "zalo"]
        told = await telegram_texts(fake_telegram, 2, app)
        assert told[1] == lt.LINKED_THERE.format(channel="Zalo")
        await zalo.say("/hoso")
        assert "Rơ Châm Hiếu" in zalo.text and lt.PREFERRED_AUTO in zalo.text
        await zalo.say(number_of(zalo.text, lt.EDIT_PREFERRED))
        assert lt.ASK_PREFERRED in zalo.text
        await zalo.say(number_of(zalo.text, "Telegram"))
        assert lt.PREFERRED_SAVED.format(channel="Telegram") in zalo.text
        async with app.sessions() as session:
            member = await members.get_member(session, member_id=member_id)
        assert member is not None and member.preferred_channel == "telegram"
    finally:
        await app.stop()
