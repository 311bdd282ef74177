"""A newcomer joins from Zalo, through the fake Zalo Bot API, answering every choice by
typing its number or its label (Zalo has no buttons).

The district coordinator approves on the web chat; the approval reaches the newcomer on
Zalo through the outbox and the sender, paced within the Zalo channel's settings. The
person then exports their data (the file is named, since Zalo sends no documents) and
erases it by typing a number.
"""

from __future__ import annotations

import asyncio

import pytest

from bot.app import BotApp
from bot.texts import exports as et
from bot.texts import membership as mt
from bot.texts import profile as pt
from bot.texts import registration as rt
from bot.texts import zalo as zt
from jobs.pacing import CHAT_MARGIN
from models import members
from models.members import Member
from rendering.exports import slug
from tests.e2e.test_registration_story import delivered
from tests.fakes.zalo_server import FakeZaloServer
from tests.utils.chat import ChatDriver
from tests.utils.plain_channel import number_of
from tests.utils.zalo import ZaloApps, ZaloPerson

CHAT = "2d758cb5e222177a4e35"
PER_CHAT = 2.0


async def member_on_zalo(app: BotApp, person: str) -> Member | None:
    """The member behind a Zalo user, fresh from the database."""
    async with app.sessions() as session:
        identity = await members.get_identity(session, channel="zalo", external_id=person)
        if identity is None or identity.member_id is None:
            return None
        return await members.get_member(session, member_id=identity.member_id)


async def pushed(app: BotApp, server: FakeZaloServer, count: int) -> list[str]:
    """Wait until the chat received `count` messages in all, waking the sender meanwhile."""
    for _ in range(250):
        if len(server.texts(CHAT)) >= count:
            return server.texts(CHAT)
        app.sender.wake()
        await asyncio.sleep(0.02)
    raise AssertionError(f"received so far: {server.texts(CHAT)}")


@pytest.mark.local_time(9, 0)  # the approval is pushed: not in quiet hours
async def test_registration_on_zalo_by_typing_numbers_and_labels(
    zalo_app: ZaloApps, fake_zalo: FakeZaloServer
) -> None:
    app = await zalo_app(webchat=True, seed_demo=True, per_chat_per_second=PER_CHAT)
    person = ZaloPerson(app, fake_zalo, CHAT)
    say = person.say

    await say("/start")
    assert "/dangky" in person.text
    await say("/dangky")
    consent = person.text
    assert rt.CONSENT in consent and f"1. {rt.AGREE}" in consent  # a list, not buttons
    await say(number_of(consent, rt.AGREE))
    assert rt.ASK_NAME in person.text
    await say("Hùng 😀")
    assert "biểu tượng" in person.text
    await say("kpă   hùng")
    await say("0978-123-456")
    assert rt.ASK_CATEGORY in person.text
    await say(rt.CATEGORIES["cong_chuc_xa"])  # the label, typed
    await say("ia soa")  # misspelt, still found
    await say(number_of(person.text, "Xã Ia Sao, Huyện Ia Grai"))
    assert rt.ASK_POSITION in person.text
    await say("Công chức Văn hóa - Xã hội")
    review = person.text
    assert rt.REVIEW in review and "Kpă Hùng" in review and "0978 123 456" in review
    await say(number_of(review, rt.SUBMIT))
    member = await member_on_zalo(app, CHAT)
    assert member is not None and member.full_name == "Kpă Hùng"
    assert member.status == "pending"
    assert all(len(text) <= 2000 for text in fake_zalo.texts(CHAT))

    # The district coordinator approves on the web chat.
    coordinator = ChatDriver(app.dispatcher)
    [notice] = await delivered(app, "huyen")
    assert "Kpă Hùng" in notice.text
    approve = next(o.token for o in notice.options if o.label == mt.APPROVE)
    await coordinator.press_token("huyen", approve)
    assert "Đã duyệt Kpă Hùng" in coordinator.text("huyen")

    # The approval goes out through the sender on Zalo, as a numbered list.
    before = len(fake_zalo.texts(CHAT))
    told = (await pushed(app, fake_zalo, before + 1))[before]
    assert told == f"{mt.TELL_APPROVED}\n\n1. {mt.SEE_MENU}"
    pacer = app.sender.pacer("zalo")
    assert pacer.interval == 1 / 5  # zalo.messages_per_second's default
    assert pacer.chat_interval == CHAT_MARGIN / PER_CHAT
    # "1" would pick "Xem menu" once typed numbers work outside a flow; a command does now.
    await say("/help")
    assert "/hoso" in person.text and "/todoi" in person.text

    # Own data: the file cannot travel on Zalo, so it is named with where to get it.
    await say("/xuatdulieu")
    day = app.services.clock().astimezone(app.config.zone).strftime("%Y%m%d")
    named = et.PERSONAL_FILE.format(name=slug("Kpă Hùng"), date=day)
    assert zt.FILE_ELSEWHERE.format(name=named) in person.text
    await say("/xoadulieu")
    await say(number_of(person.text, pt.ERASE_YES))
    assert pt.ERASED in person.text
    assert await member_on_zalo(app, CHAT) is None
    await say("/start")
    assert "/dangky" in person.text
