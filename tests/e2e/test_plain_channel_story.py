"""A newcomer joins from a messenger without buttons (a test-only channel plugged in
through the registry), answering every choice by typing its number or its label.

The district coordinator approves on the web chat; the approval reaches the newcomer
through the outbox and the sender, paced within the plain channel's own limits.
"""

from __future__ import annotations

import asyncio

import httpx
import pytest

from bot.app import BotApp
from bot.texts import exports as et
from bot.texts import membership as mt
from bot.texts import profile as pt
from bot.texts import registration as rt
from jobs.pacing import CHAT_MARGIN
from models import members
from models.members import Member
from rendering.exports import slug
from tests.e2e.test_registration_story import delivered
from tests.utils.chat import ChatDriver
from tests.utils.plain_channel import LIMITS, USERNAME, number_of, plain_of

PERSON = "p-0905"


async def member_on_plain(app: BotApp, person: str) -> Member | None:
    """The member behind a plain channel person, fresh from the database."""
    async with app.sessions() as session:
        identity = await members.get_identity(session, channel="plain", external_id=person)
        if identity is None or identity.member_id is None:
            return None
        return await members.get_member(session, member_id=identity.member_id)


async def pushed(app: BotApp, person: str, count: int) -> list[str]:
    """Wait until the sender has pushed `count` messages to a plain channel person."""
    plain = plain_of(app)
    for _ in range(250):
        if len(plain.pushed.get(person, [])) >= count:
            return plain.pushed[person]
        app.sender.wake()
        await asyncio.sleep(0.02)
    raise AssertionError(f"pushed so far: {plain.pushed.get(person)}")


@pytest.mark.local_time(9, 0)  # the approval is pushed: not in quiet hours
async def test_registration_by_typing_numbers_and_labels(plain_app: BotApp) -> None:
    app = plain_app
    plain = plain_of(app)
    say = plain.type

    await say(PERSON, "/start")
    assert "/dangky" in plain.text(PERSON)
    await say(PERSON, "/dangky")
    consent = plain.text(PERSON)
    assert rt.CONSENT in consent and f"1. {rt.AGREE}" in consent  # a list, not buttons
    await say(PERSON, number_of(consent, rt.AGREE))
    assert rt.ASK_NAME in plain.text(PERSON)
    await say(PERSON, "Hùng 😀")
    assert "biểu tượng" in plain.text(PERSON)
    await say(PERSON, "kpă   hùng")
    await say(PERSON, "0978-123-456")
    assert rt.ASK_CATEGORY in plain.text(PERSON)
    await say(PERSON, rt.CATEGORIES["cong_chuc_xa"])  # the label, typed
    await say(PERSON, "ia soa")  # misspelt, still found
    found = plain.text(PERSON)
    await say(PERSON, number_of(found, "Xã Ia Sao, Huyện Ia Grai"))
    assert rt.ASK_POSITION in plain.text(PERSON)
    await say(PERSON, "Công chức Văn hóa - Xã hội")
    review = plain.text(PERSON)
    assert rt.REVIEW in review and "Kpă Hùng" in review and "0978 123 456" in review
    await say(PERSON, number_of(review, rt.SUBMIT))
    member = await member_on_plain(app, PERSON)
    assert member is not None and member.full_name == "Kpă Hùng"
    assert member.status == "pending"

    # The district coordinator approves on the web chat.
    coordinator = ChatDriver(app.dispatcher)
    [notice] = await delivered(app, "huyen")
    assert "Kpă Hùng" in notice.text
    approve = next(o.token for o in notice.options if o.label == mt.APPROVE)
    await coordinator.press_token("huyen", approve)
    assert "Đã duyệt Kpă Hùng" in coordinator.text("huyen")

    # The approval is pushed by the sender through the plain channel, as a numbered list.
    [told] = await pushed(app, PERSON, 1)
    assert told == f"{mt.TELL_APPROVED}\n\n1. {mt.SEE_MENU}"
    pacer = app.sender.pacer("plain")
    assert pacer.interval == 1 / LIMITS.per_second
    assert pacer.chat_interval == CHAT_MARGIN / LIMITS.per_chat_per_second
    # "1" would pick "Xem menu" once typed numbers work outside a flow; a command does now.
    await say(PERSON, "/help")
    assert "/hoso" in plain.text(PERSON) and "/todoi" in plain.text(PERSON)

    # Own data: export (the file is named above its text), then erase by typing a number.
    await say(PERSON, "/xuatdulieu")
    day = app.services.clock().astimezone(app.config.zone).strftime("%Y%m%d")
    named = et.PERSONAL_FILE.format(name=slug("Kpă Hùng"), date=day)
    assert plain.last[PERSON][0].startswith(f"[{named}]\n")
    await say(PERSON, "/xoadulieu")
    await say(PERSON, number_of(plain.text(PERSON), pt.ERASE_YES))
    assert pt.ERASED in plain.text(PERSON)
    assert await member_on_plain(app, PERSON) is None
    await say(PERSON, "/start")
    assert "/dangky" in plain.text(PERSON)


async def test_the_app_asks_the_channel_for_routes_menus_and_name(plain_app: BotApp) -> None:
    app = plain_app
    plain = plain_of(app)
    assert plain.started
    assert app.services.bot_usernames == {"plain": USERNAME}
    [(menus, chats)] = plain.menus
    assert [name for name, _ in menus["guest"]] == [
        c.name for c in app.router.commands_for("guest")
    ]
    assert chats == {}  # no coordinator or admin is on the plain channel
    base = f"http://127.0.0.1:{app.web_port}"
    async with httpx.AsyncClient() as http:
        answer = await http.post(f"{base}/plain/inbox", json={"from": "p-web", "text": "/dangky"})
        health = await http.get(f"{base}/healthz")
        page = await http.get(f"{base}/chat/")
    assert answer.status_code == 200
    assert f"1. {rt.AGREE}" in "\n".join(answer.json()["texts"])
    assert health.json() == {
        "status": "ok",
        "database": {"ok": True},
        "channels": {
            "plain": {"ok": True, "started": True},
            "webchat": {"ok": True, "started": True},
        },
        "leader": {"ok": True, "leader": True},
    }
    assert page.status_code == 200
    assert await member_on_plain(app, "p-web") is None  # nothing stored before consent
