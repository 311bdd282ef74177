"""The Telegram channel: the real PTB Application inside a BotApp, against the fake Bot API."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from bot.app import BotApp
from bot.context import Context
from bot.conversation import Done, Flow, Outcome, Step, Turn
from bot.events import Kind, Reply
from bot.router import Command, Feature, Router
from bot.texts import common as t
from bot.texts import feedback as ft
from bot.texts import telegram as tt
from handlers import common
from models import conversations, members
from models.feedback import Feedback
from models.options import OptionToken
from tests.fakes.telegram_server import SECRET_HEADER, FakeTelegramServer
from tests.utils.telegram import (
    WEBHOOK_SECRET,
    WEBHOOK_URL,
    TelegramApps,
    button_data,
    buttons,
    text_update,
)

ANNA, BINH = 1001, 1002


async def eventually(check: Callable[[], Awaitable[bool]], within: float = 3.0) -> None:
    """Wait until an async condition holds (the bot works in background tasks)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    while not await check():
        if loop.time() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(0.02)


def no_errors(apps: TelegramApps, caplog: pytest.LogCaptureFixture) -> None:
    """Nothing was logged at ERROR level (PTB hands handler crashes to the error log)."""
    assert apps.errors == []
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []


async def last(server: FakeTelegramServer, chat_id: int, count: int) -> dict:
    """Wait for the `count`-th message to a chat and return it."""
    return (await server.wait_for_messages(chat_id, count))[count - 1]


async def stored_token(app: BotApp, token: str) -> OptionToken | None:
    async with app.sessions() as session:
        return await session.get(OptionToken, token)


# ---- polling ----------------------------------------------------------------------------


async def test_start_shows_the_welcome_with_token_buttons(
    telegram_app: TelegramApps, fake_telegram: FakeTelegramServer, caplog
) -> None:
    app = await telegram_app()
    fake_telegram.push_text(ANNA, "/start", first_name="An")
    welcome = await last(fake_telegram, ANNA, 1)
    assert welcome["text"].startswith(t.WELCOME_GUEST)
    token = button_data(welcome, ft.BUTTON)
    assert 8 <= len(token) <= 24 and ":" not in token
    row = await stored_token(app, token)
    assert row is not None and (row.value, row.external_id) == ("cmd:gopy", str(ANNA))

    fake_telegram.push_callback(ANNA, token)
    question = await last(fake_telegram, ANNA, 2)
    assert question["text"] == ft.ASK_TOPIC
    assert [label for label, _ in buttons(question)] == [*ft.TOPICS.values(), t.CANCEL]
    await fake_telegram.wait_for_calls("answerCallbackQuery", 1)

    fake_telegram.push_callback(ANNA, button_data(question, "Báo lỗi"))
    assert (await last(fake_telegram, ANNA, 3))["text"].startswith("Mời anh/chị nhập nội dung")
    fake_telegram.push_text(ANNA, "Không nhận được thông báo", first_name="An")
    assert (await last(fake_telegram, ANNA, 4))["text"] == ft.THANKS
    async with app.sessions() as session:
        rows = (await session.execute(select(Feedback))).scalars().all()
        identity = await members.get_identity(session, channel="telegram", external_id="1001")
    assert [(r.channel, r.external_id, r.topic) for r in rows] == [("telegram", "1001", "bug")]
    assert identity is not None and identity.display_name == "An" and identity.reachable
    no_errors(telegram_app, caplog)


async def test_a_token_of_another_user_does_nothing(
    telegram_app: TelegramApps, fake_telegram: FakeTelegramServer, caplog
) -> None:
    app = await telegram_app()
    fake_telegram.push_text(ANNA, "/gopy")
    question = await last(fake_telegram, ANNA, 1)
    foreign = button_data(question, "Báo lỗi")

    fake_telegram.push_callback(BINH, foreign)
    refusal = await last(fake_telegram, BINH, 1)
    assert refusal["text"].startswith(t.OLD_BUTTON)
    async with app.sessions() as session:
        anna = await conversations.load(session, channel="telegram", external_id=str(ANNA))
        binh = await conversations.load(session, channel="telegram", external_id=str(BINH))
    assert anna is not None and (anna.step, anna.data) == ("topic", {})
    assert binh is None
    assert len(fake_telegram.sent_messages(ANNA)) == 1

    fake_telegram.push_callback(ANNA, foreign)
    assert (await last(fake_telegram, ANNA, 2))["text"].startswith("Mời anh/chị nhập nội dung")
    no_errors(telegram_app, caplog)


def phone_feature() -> Feature:
    """A one-step flow that asks for the person's own phone number as a contact."""

    async def ask(turn: Turn) -> Reply:
        return Reply("Bấm nút để chia sẻ số điện thoại.", ask_contact=True)

    async def read(turn: Turn) -> Outcome:
        turn.ctx.say(f"Số của bạn: {turn.ctx.event.contact_phone or 'không rõ'}")
        return Done()

    async def begin(ctx: Context) -> None:
        await ctx.start_flow("phone")

    step = Step("phone", ask, read, accepts=frozenset({Kind.TEXT, Kind.CONTACT}))
    return Feature(
        name="phone",
        commands=(Command("sdt", begin, "Chia sẻ số điện thoại"),),
        flows=(Flow("phone", "Chia sẻ số điện thoại", (step,)),),
    )


async def test_contact_sharing(
    telegram_app: TelegramApps, fake_telegram: FakeTelegramServer, caplog
) -> None:
    await telegram_app(router=Router([common.setup(), phone_feature()]))
    fake_telegram.push_text(ANNA, "/sdt")
    asked, choose = await fake_telegram.wait_for_messages(ANNA, 2)
    keyboard = asked["reply_markup"]["keyboard"]
    assert keyboard == [[{"text": tt.SHARE_PHONE, "request_contact": True}]]
    assert asked["reply_markup"]["one_time_keyboard"] is True
    assert choose["text"] == tt.OR_CHOOSE
    assert [label for label, _ in buttons(choose)] == [t.CANCEL]

    fake_telegram.push_contact(ANNA, "+84905123456")
    assert (await last(fake_telegram, ANNA, 3))["text"] == "Số của bạn: +84905123456"

    fake_telegram.push_text(ANNA, "/sdt")
    await fake_telegram.wait_for_messages(ANNA, 5)
    fake_telegram.push_contact(ANNA, "+84912345678", own=False)
    assert (await last(fake_telegram, ANNA, 6))["text"] == "Số của bạn: không rõ"
    no_errors(telegram_app, caplog)


@pytest.mark.parametrize(
    ("push", "what"),
    [
        (lambda fake: fake.push_sticker(ANNA), t.WHAT_STICKER),
        (lambda fake: fake.push_voice(ANNA), t.WHAT_VOICE),
        (lambda fake: fake.push_location(ANNA, 13.98, 108.0), t.WHAT_LOCATION),
    ],
)
async def test_unsupported_messages_are_explained(
    telegram_app: TelegramApps, fake_telegram: FakeTelegramServer, caplog, push, what
) -> None:
    await telegram_app()
    push(fake_telegram)
    answer = await last(fake_telegram, ANNA, 1)
    assert answer["text"].startswith(t.NOT_SUPPORTED.format(what=what))
    assert "chưa hỗ trợ" in answer["text"]
    no_errors(telegram_app, caplog)


async def test_group_chats_get_an_invitation_only_when_addressed(
    telegram_app: TelegramApps, fake_telegram: FakeTelegramServer, caplog
) -> None:
    app = await telegram_app()
    group = -2002
    fake_telegram.push_text(BINH, "xin chào cả nhóm", chat_type="group", chat_id=group)
    fake_telegram.push_text(BINH, "/start", chat_type="group", chat_id=group)
    fake_telegram.push_text(BINH, "/start@mangluoi_test_bot", chat_type="group", chat_id=group)
    invitation = await last(fake_telegram, group, 1)
    assert invitation["text"] == t.GROUP_INVITE.format(bot_username="mangluoi_test_bot")
    fake_telegram.push_text(ANNA, "/help")
    await last(fake_telegram, ANNA, 1)
    await asyncio.sleep(0.1)
    assert len(fake_telegram.sent_messages(group)) == 1
    async with app.sessions() as session:
        identity = await members.get_identity(session, channel="telegram", external_id=str(BINH))
    assert identity is None
    no_errors(telegram_app, caplog)


async def test_command_menus_are_published_at_start(
    telegram_app: TelegramApps, fake_telegram: FakeTelegramServer, caplog
) -> None:
    app = await telegram_app(admins=["telegram:777"])
    default = fake_telegram.commands[(json.dumps({"type": "default"}), "")]
    guest_menu = [c.name for c in app.router.commands_for("guest")]
    assert [c["command"] for c in default] == guest_menu
    assert {"start", "help", "huy", "gopy"} <= set(guest_menu) and "xemgopy" not in guest_menu
    scope = json.dumps({"chat_id": 777, "type": "chat"}, sort_keys=True)
    admin = fake_telegram.commands[(scope, "")]
    assert [c["command"] for c in admin] == [c.name for c in app.router.commands_for("admin")]
    assert "xemgopy" in [c["command"] for c in admin]
    assert all(1 <= len(c["description"]) <= 256 for c in default + admin)
    fake_telegram.push_text(777, "/xemgopy")
    assert (await last(fake_telegram, 777, 1))["text"] == ft.LIST_EMPTY
    no_errors(telegram_app, caplog)


async def test_a_blocked_chat_marks_the_identity_unreachable(
    telegram_app: TelegramApps, fake_telegram: FakeTelegramServer, caplog
) -> None:
    app = await telegram_app()
    fake_telegram.push_text(ANNA, "/start")
    await last(fake_telegram, ANNA, 1)
    fake_telegram.block(ANNA)
    fake_telegram.push_text(ANNA, "/help")

    async def unreachable() -> bool:
        async with app.sessions() as session:
            identity = await members.get_identity(session, channel="telegram", external_id="1001")
        return identity is not None and not identity.reachable

    await eventually(unreachable)
    assert [c.status for c in fake_telegram.calls_named("sendMessage")] == [200, 403]
    no_errors(telegram_app, caplog)


async def test_blocking_the_bot_marks_the_identity_unreachable(
    telegram_app: TelegramApps, fake_telegram: FakeTelegramServer, caplog
) -> None:
    app = await telegram_app()
    fake_telegram.push_text(BINH, "/start")
    await last(fake_telegram, BINH, 1)
    fake_telegram.push_update(
        {
            "my_chat_member": {
                "chat": {"id": BINH, "type": "private", "first_name": "Test"},
                "from": {"id": BINH, "is_bot": False, "first_name": "Test"},
                "date": 1_780_000_000,
                "old_chat_member": {"user": fake_telegram.bot_user, "status": "member"},
                "new_chat_member": {
                    "user": fake_telegram.bot_user,
                    "status": "kicked",
                    "until_date": 0,
                },
            }
        }
    )

    async def unreachable() -> bool:
        async with app.sessions() as session:
            identity = await members.get_identity(session, channel="telegram", external_id="1002")
        return identity is not None and not identity.reachable

    await eventually(unreachable)
    assert len(fake_telegram.sent_messages(BINH)) == 1
    no_errors(telegram_app, caplog)


async def burst(
    apps: TelegramApps, server: FakeTelegramServer, caplog, *, within: float, **telegram: Any
) -> None:
    """200 people write at once; each gets exactly one answer and nothing fails."""
    await apps(**telegram)
    people = range(5000, 5200)
    for user_id in people:
        server.push_text(user_id, "/start")
    await server.wait_for_messages(None, len(people), timeout=within)
    await asyncio.sleep(0.1)
    assert all(server.sent_count(user_id) == 1 for user_id in people)
    assert server.duplicates() == []
    no_errors(apps, caplog)


async def test_a_burst_of_replies_never_times_out(
    telegram_app: TelegramApps, fake_telegram: FakeTelegramServer, caplog
) -> None:
    await burst(telegram_app, fake_telegram, caplog, within=20, messages_per_second=1000)


@pytest.mark.slow
async def test_a_burst_at_telegrams_rate_limit_never_times_out(
    telegram_app: TelegramApps, fake_telegram: FakeTelegramServer, caplog
) -> None:
    fake_telegram.rate_limit = 30
    await burst(telegram_app, fake_telegram, caplog, within=25)
    assert fake_telegram.stats["429"] > 0  # the replies did wait out flood control


async def test_fast_messages_of_one_user_are_answered_in_order(
    telegram_app: TelegramApps, fake_telegram: FakeTelegramServer, caplog
) -> None:
    app = await telegram_app()
    for text in ("/gopy", "3", "Góp ý gửi rất nhanh", "/gopy", "1", "Góp ý thứ hai"):
        fake_telegram.push_text(ANNA, text)
    sent = await fake_telegram.wait_for_messages(ANNA, 6)
    assert [m["text"] for m in sent] == [
        ft.ASK_TOPIC,
        ft.ASK_TEXT.format(topic=ft.TOPICS["other"], limit=2000),
        ft.THANKS,
        ft.ASK_TOPIC,
        ft.ASK_TEXT.format(topic=ft.TOPICS["idea"], limit=2000),
        ft.THANKS,
    ]
    async with app.sessions() as session:
        rows = (await session.execute(select(Feedback).order_by(Feedback.id))).scalars().all()  # type: ignore[arg-type]
    assert [(r.topic, r.text) for r in rows] == [
        ("other", "Góp ý gửi rất nhanh"),
        ("idea", "Góp ý thứ hai"),
    ]
    no_errors(telegram_app, caplog)


# ---- webhook ----------------------------------------------------------------------------


async def test_webhook_mode_checks_the_secret(
    telegram_app: TelegramApps, fake_telegram: FakeTelegramServer, caplog
) -> None:
    app = await telegram_app(mode="webhook")
    (call,) = fake_telegram.calls_named("setWebhook")
    assert call.params["url"] == WEBHOOK_URL
    assert call.params["secret_token"] == WEBHOOK_SECRET
    assert fake_telegram.calls_named("getUpdates") == []

    url = f"http://127.0.0.1:{app.web_port}/telegram/webhook"
    body = text_update(1, ANNA, "/start")
    async with httpx.AsyncClient() as http:
        missing = await http.post(url, json=body)
        wrong = await http.post(url, json=body, headers={SECRET_HEADER: "not-the-secret-123"})
        garbled = await http.post(url, content=b"{", headers={SECRET_HEADER: WEBHOOK_SECRET})
        assert (missing.status_code, wrong.status_code, garbled.status_code) == (403, 403, 400)
        await asyncio.sleep(0.05)
        assert fake_telegram.sent_messages() == []
        accepted = await http.post(url, json=body, headers={SECRET_HEADER: WEBHOOK_SECRET})
        assert accepted.status_code == 200
        welcome = await last(fake_telegram, ANNA, 1)
        assert welcome["text"].startswith(t.WELCOME_GUEST)
        health = await http.get(f"http://127.0.0.1:{app.web_port}/healthz")
        assert health.json() == {
            "status": "ok",
            "database": {"ok": True},
            "channels": {"telegram": {"ok": True, "started": True}},
            "leader": {"ok": True, "leader": True},
        }
    no_errors(telegram_app, caplog)


@pytest.mark.parametrize("body", [b"[]", b"{}", b"null", b'{"update_id": "7"}', b"\xff\xfe"])
async def test_a_webhook_body_that_is_not_an_update_is_refused_in_one_line(
    telegram_app: TelegramApps, fake_telegram: FakeTelegramServer, caplog, body: bytes
) -> None:
    app = await telegram_app(mode="webhook")
    url = f"http://127.0.0.1:{app.web_port}/telegram/webhook"
    headers = {SECRET_HEADER: WEBHOOK_SECRET, "Content-Type": "application/json"}
    with caplog.at_level(logging.INFO):
        async with httpx.AsyncClient() as http:
            refused = await http.post(url, content=body, headers=headers)
            assert refused.status_code == 400
            accepted = await http.post(url, json=text_update(1, ANNA, "/start"), headers=headers)
            assert accepted.status_code == 200
        welcome = await last(fake_telegram, ANNA, 1)
    assert welcome["text"].startswith(t.WELCOME_GUEST)
    notes = [r for r in caplog.records if "telegram webhook" in r.getMessage()]
    assert [r.levelno for r in notes] == [logging.WARNING]
    assert "\n" not in notes[0].getMessage() and notes[0].exc_info is None
    assert WEBHOOK_SECRET not in caplog.text
    no_errors(telegram_app, caplog)
