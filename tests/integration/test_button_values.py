"""Buttons outside a conversation reach their action by kind; a forged or stale value (one
the bot would never have packed) gets the polite "Nút này đã cũ" answer and changes nothing."""

from __future__ import annotations

import pytest

from bot.app import BotApp
from bot.texts import common as ct
from models import options
from tests.utils.chat import ChatDriver


async def _press_value(app: BotApp, chat: ChatDriver, person: str, value: str) -> str:
    async with app.sessions() as session:
        token = await options.issue(
            session, channel="webchat", external_id=person, value=value, label="?", scope=None
        )
        await session.commit()
    await chat.press_token(person, token)
    return chat.text(person)


@pytest.mark.parametrize(
    "value",
    [
        "rep:abc",
        "rep:1:unacked",
        "rep:1:print",
        "appr:ok:x",
        "appr:maybe:1",
        "doi:ok",
        "rsvp:1:maybe",
        "ack:",
        "ack:01",
        "team:inv:x",
        "reg:edit:now",
        "bcprev:share",
        "nothing:1",
    ],
)
async def test_a_forged_value_is_an_old_button(app: BotApp, chat: ChatDriver, value: str) -> None:
    text = await _press_value(app, chat, "admin", value)
    assert ct.OLD_BUTTON in text


async def test_valid_values_reach_their_action(app: BotApp, chat: ChatDriver) -> None:
    menu = await _press_value(app, chat, "admin", "cmd:thongbao")
    assert ct.OLD_BUTTON not in menu
    assert chat.labels("admin")  # the first question of /thongbao, with its choices
    await chat.send("admin", "/huy")
    listing = await _press_value(app, chat, "admin", "rep:list")
    assert ct.OLD_BUTTON not in listing and listing
    gone = await _press_value(app, chat, "admin", "ack:999")
    assert ct.OLD_BUTTON not in gone and gone
