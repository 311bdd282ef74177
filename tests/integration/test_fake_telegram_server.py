"""The fake Bot API server, driven by a real python-telegram-bot Bot over HTTP."""

from __future__ import annotations

import asyncio
import datetime as dtm
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
from aiohttp import web
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Conflict,
    EndPointNotFound,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
)
from telegram.ext import ApplicationBuilder, CommandHandler, ContextTypes
from telegram.helpers import escape_markdown

from tests.fakes.telegram_server import SECRET_HEADER, FakeTelegramServer

CHAT = 4242


@pytest.fixture
async def server() -> AsyncIterator[FakeTelegramServer]:
    async with FakeTelegramServer() as fake:
        yield fake


@pytest.fixture
async def bot(server: FakeTelegramServer) -> AsyncIterator[Bot]:
    async with Bot(
        server.token, base_url=server.base_url, base_file_url=server.base_file_url
    ) as tg_bot:
        yield tg_bot


def _seconds(value: int | float | dtm.timedelta) -> float:
    return value.total_seconds() if isinstance(value, dtm.timedelta) else float(value)


async def test_get_me_reports_the_configured_bot(server: FakeTelegramServer, bot: Bot) -> None:
    me = await bot.get_me()
    assert me.username == "mangluoi_test_bot"
    assert me.is_bot
    assert me.id == server.bot_id
    assert [call.status for call in server.calls_named("getMe")] == [200, 200]


async def test_wrong_token_and_unknown_method(server: FakeTelegramServer, bot: Bot) -> None:
    other = Bot("111:wrong", base_url=server.base_url)
    with pytest.raises(InvalidToken):
        await other.get_me()
    await other.shutdown()
    assert server.stats["401"] >= 1
    with pytest.raises(EndPointNotFound):
        await bot.do_api_request("noSuchMethod")
    async with (
        aiohttp.ClientSession() as http,
        http.post(f"{server.base_url}{server.token}/noSuchMethod") as resp,
    ):
        assert resp.status == 404
        assert await resp.json() == {
            "ok": False,
            "error_code": 404,
            "description": "Not Found: method not found",
        }


async def test_send_message_records_decoded_params(server: FakeTelegramServer, bot: Bot) -> None:
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Đăng ký", callback_data="reg:1")]])
    first = await bot.send_message(
        CHAT, "Xin chào <b>bạn</b>", reply_markup=keyboard, parse_mode=ParseMode.HTML
    )
    second = await bot.send_message(CHAT, "123")
    assert (first.message_id, second.message_id) == (1, 2)
    assert first.chat.id == CHAT and first.chat.type == "private"
    assert first.from_user is not None and first.from_user.username == "mangluoi_test_bot"
    assert first.reply_markup == keyboard
    sent = server.sent_messages(CHAT)
    assert [entry["text"] for entry in sent] == ["Xin chào <b>bạn</b>", "123"]
    assert sent[0]["chat_id"] == CHAT
    assert sent[0]["parse_mode"] == "HTML"
    assert sent[0]["reply_markup"] == {
        "inline_keyboard": [[{"text": "Đăng ký", "callback_data": "reg:1"}]]
    }
    assert server.sent_count() == 2 and server.sent_per_chat[CHAT] == 2
    assert server.duplicates() == []
    await bot.send_message(CHAT, "123")
    assert server.duplicates() == [CHAT]


async def test_get_updates_returns_pushed_text_and_callback(
    server: FakeTelegramServer, bot: Bot
) -> None:
    sent = await bot.send_message(CHAT, "Chọn đơn vị")
    pushed = server.push_text(CHAT, "/start@mangluoi_test_bot ma-moi", username="an_nguyen")
    server.push_callback(CHAT, "unit:7")
    updates = await bot.get_updates(timeout=0)
    assert [u.update_id for u in updates] == [pushed["update_id"], pushed["update_id"] + 1]
    message = updates[0].message
    assert message is not None and message.text == "/start@mangluoi_test_bot ma-moi"
    assert message.from_user is not None and message.from_user.username == "an_nguyen"
    assert message.parse_entities() == {message.entities[0]: "/start@mangluoi_test_bot"}
    query = updates[1].callback_query
    assert query is not None and query.data == "unit:7"
    assert query.message is not None and query.message.message_id == sent.message_id
    assert await query.answer("Đã chọn")
    # Confirming with offset drops them; an empty queue answers at once with timeout=0.
    assert await bot.get_updates(offset=updates[-1].update_id + 1, timeout=0) == ()
    assert server.pending_updates == []


async def test_get_updates_long_polls_until_an_update_arrives(
    server: FakeTelegramServer, bot: Bot
) -> None:
    loop = asyncio.get_running_loop()
    started = loop.time()
    poll = asyncio.create_task(bot.get_updates(timeout=5))
    await asyncio.sleep(0.05)
    assert not poll.done()
    server.push_location(CHAT, 13.98, 108.0)
    updates = await poll
    assert loop.time() - started < 1.0
    assert updates[0].message is not None and updates[0].message.location is not None
    assert updates[0].message.location.latitude == pytest.approx(13.98)


async def test_allowed_updates_filters_and_limit(server: FakeTelegramServer, bot: Bot) -> None:
    server.push_sticker(CHAT)
    server.push_contact(CHAT, "+84901234567")
    server.push_callback(CHAT, "x")
    updates = await bot.get_updates(timeout=0, allowed_updates=["message"], limit=1)
    assert len(updates) == 1 and updates[0].message is not None
    assert updates[0].message.sticker is not None
    rest = await bot.get_updates(offset=updates[0].update_id + 1, timeout=0)
    assert [u.message.contact.phone_number for u in rest if u.message and u.message.contact] == [
        "+84901234567"
    ]
    assert all(u.callback_query is None for u in rest)


async def test_blocked_chat_raises_forbidden(server: FakeTelegramServer, bot: Bot) -> None:
    server.block(CHAT)
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_message(CHAT, "Nhắc việc")
    assert server.sent_messages(CHAT) == []
    assert server.stats["403"] == 1


async def test_per_chat_limit_raises_retry_after(server: FakeTelegramServer, bot: Bot) -> None:
    server.per_chat_limit = 1.0
    await bot.send_message(CHAT, "một")
    with pytest.raises(RetryAfter) as caught:
        await bot.send_message(CHAT, "hai")
    assert _seconds(caught.value.retry_after) == 1
    await bot.send_message(CHAT + 1, "chat khác vẫn gửi được")
    assert server.stats["429"] == 1 and server.stats["rate_limited"] == 1
    assert server.sent_texts(CHAT) == ["một"]


async def test_unknown_chat_and_migrated_group(server: FakeTelegramServer, bot: Bot) -> None:
    server.known_chats = {CHAT}
    await bot.send_message(CHAT, "ok")
    with pytest.raises(BadRequest, match=r"(?i)chat not found"):
        await bot.send_message(777, "ai đây?")
    server.push_text(777, "xin chào")  # a user who writes to the bot becomes known
    await bot.send_message(777, "chào bạn")
    server.known_chats = None
    server.migrate(-100, -1001)
    with pytest.raises(ChatMigrated) as caught:
        await bot.send_message(-100, "nhóm")
    assert caught.value.new_chat_id == -1001


async def test_send_document_multipart_is_recorded(server: FakeTelegramServer, bot: Bot) -> None:
    content = "Họ tên,Đơn vị\nAn,Sở TT&TT\n".encode()
    message = await bot.send_document(
        CHAT, document=content, filename="bao-cao.csv", caption="Báo cáo tuần"
    )
    assert message.document is not None and message.document.file_name == "bao-cao.csv"
    entry = server.sent_messages(CHAT)[0]
    assert entry["method"] == "sendDocument" and entry["text"] == "Báo cáo tuần"
    assert entry["file"].filename == "bao-cao.csv" and entry["file"].data == content
    call = server.calls_named("sendDocument")[0]
    assert call.files["document"].data == content
    tg_file = await bot.get_file(message.document.file_id)
    assert bytes(await tg_file.download_as_bytearray()) == content


async def test_send_photo_and_download_a_pushed_photo(
    server: FakeTelegramServer, bot: Bot
) -> None:
    photo = await bot.send_photo(CHAT, photo=b"\x89PNG fake", caption="Ảnh check-in")
    assert photo.photo and photo.caption == "Ảnh check-in"
    update = server.push_photo(CHAT, data=b"user-photo-bytes")
    file_id = update["message"]["photo"][-1]["file_id"]
    tg_file = await bot.get_file(file_id)
    assert bytes(await tg_file.download_as_bytearray()) == b"user-photo-bytes"


async def test_edits_and_deletes_follow_telegram_rules(
    server: FakeTelegramServer, bot: Bot
) -> None:
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Có", callback_data="yes")]])
    sent = await bot.send_message(CHAT, "Tham gia?", reply_markup=keyboard)
    edited = await bot.edit_message_text("Đã ghi nhận", chat_id=CHAT, message_id=sent.message_id)
    assert not isinstance(edited, bool) and edited.reply_markup is None
    with pytest.raises(BadRequest, match=r"(?i)message is not modified"):
        await bot.edit_message_text("Đã ghi nhận", chat_id=CHAT, message_id=sent.message_id)
    await bot.edit_message_reply_markup(CHAT, sent.message_id, reply_markup=keyboard)
    current = server.get_message(CHAT, sent.message_id)
    assert current is not None and current["reply_markup"]["inline_keyboard"][0][0]["text"] == "Có"
    assert await bot.delete_message(CHAT, sent.message_id)
    with pytest.raises(BadRequest, match=r"(?i)message to delete not found"):
        await bot.delete_message(CHAT, sent.message_id)


async def test_markup_mistakes_are_rejected(server: FakeTelegramServer, bot: Bot) -> None:
    with pytest.raises(BadRequest, match=r"(?i)can't parse entities"):
        await bot.send_message(CHAT, "Chào <Nguyễn Văn A>", parse_mode=ParseMode.HTML)
    with pytest.raises(BadRequest, match=r"(?i)reserved"):
        await bot.send_message(CHAT, "Hạn 12.05.2025", parse_mode=ParseMode.MARKDOWN_V2)
    long_data = InlineKeyboardMarkup([[InlineKeyboardButton("x", callback_data="đ" * 40)]])
    with pytest.raises(BadRequest, match=r"(?i)button_data_invalid"):
        await bot.send_message(CHAT, "menu", reply_markup=long_data)
    with pytest.raises(BadRequest, match=r"(?i)too long"):
        await bot.send_message(CHAT, "a" * 4097)
    assert server.sent_count() == 0
    escaped = escape_markdown("Hạn 12.05.2025 (thứ 2) - xem mục #1!", version=2)
    await bot.send_message(CHAT, escaped, parse_mode=ParseMode.MARKDOWN_V2)
    await bot.send_message(CHAT, "<b>An</b> &amp; <i>Bình</i>", parse_mode=ParseMode.HTML)
    assert server.sent_count() == 2


async def test_commands_menu_button_and_chat_action(server: FakeTelegramServer, bot: Bot) -> None:
    assert await bot.set_my_commands([("start", "Bắt đầu"), ("help", "Trợ giúp")])
    assert [c.command for c in await bot.get_my_commands()] == ["start", "help"]
    assert await bot.delete_my_commands()
    assert await bot.get_my_commands() == ()
    assert await bot.set_chat_menu_button()
    assert await bot.send_chat_action(CHAT, "typing")
    assert await bot.log_out() and await bot.close()


async def test_fail_ratio_is_reproducible_with_a_seed() -> None:
    outcomes: list[list[str]] = []
    for _ in range(2):
        async with (
            FakeTelegramServer(fail_ratio=0.5, seed=7) as fake,
            Bot(fake.token, base_url=fake.base_url) as tg_bot,
        ):
            run: list[str] = []
            for i in range(12):
                try:
                    await tg_bot.send_message(CHAT, f"tin {i}")
                    run.append("ok")
                except RetryAfter:
                    run.append("429")
                except NetworkError as exc:
                    run.append(type(exc).__name__)
            assert fake.stats["injected_failures"] == 12 - run.count("ok")
            assert fake.sent_count() == run.count("ok")
            outcomes.append(run)
    assert outcomes[0] == outcomes[1]
    assert 0 < outcomes[0].count("ok") < 12


async def test_wait_for_messages_sees_background_sends(
    server: FakeTelegramServer, bot: Bot
) -> None:
    async def later() -> None:
        await asyncio.sleep(0.02)
        for i in range(3):
            await bot.send_message(CHAT, f"#{i}")

    task = asyncio.create_task(later())
    got = await server.wait_for_messages(CHAT, 3, timeout=2.0)
    await task
    assert [entry["text"] for entry in got] == ["#0", "#1", "#2"]
    with pytest.raises(TimeoutError, match="wanted 4"):
        await server.wait_for_messages(CHAT, 4, timeout=0.05)


async def test_webhook_delivers_in_order_with_secret(server: FakeTelegramServer, bot: Bot) -> None:
    received: list[tuple[str | None, dict[str, Any]]] = []

    async def endpoint(request: web.Request) -> web.Response:
        received.append((request.headers.get(SECRET_HEADER), await request.json()))
        return web.Response(status=200 if len(received) < 3 else 500)

    app = web.Application()
    app.router.add_post("/tg", endpoint)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    try:
        server.push_text(CHAT, "trước khi đặt webhook")
        assert await bot.set_webhook(f"http://127.0.0.1:{port}/tg", secret_token="bi-mat_1")
        server.push_text(CHAT, "thứ hai")
        server.push_text(CHAT, "thứ ba")
        deliveries = await server.wait_for_webhook_deliveries(3, timeout=2.0)
        assert [d.status for d in deliveries] == [200, 200, 500]
        assert [body["message"]["text"] for _, body in received] == [
            "trước khi đặt webhook",
            "thứ hai",
            "thứ ba",
        ]
        assert {secret for secret, _ in received} == {"bi-mat_1"}
        info = await bot.get_webhook_info()
        assert info.url == f"http://127.0.0.1:{port}/tg"
        assert info.last_error_message is not None
        with pytest.raises(Conflict):
            await bot.get_updates(timeout=0)
        assert await bot.delete_webhook()
        assert (await bot.get_webhook_info()).url == ""
    finally:
        await runner.cleanup()


async def test_application_polls_and_replies(server: FakeTelegramServer) -> None:
    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        await update.effective_message.reply_text(f"Chào {context.args}")

    app = (
        ApplicationBuilder()
        .token(server.token)
        .base_url(server.base_url)
        .base_file_url(server.base_file_url)
        .build()
    )
    app.add_handler(CommandHandler("start", start))
    async with app:
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0, timeout=1)
        server.push_text(CHAT, "/start@mangluoi_test_bot abc")
        server.push_text(CHAT, "/start@other_bot abc")
        server.push_text(CHAT, "/start xyz")
        got = await server.wait_for_messages(CHAT, 2, timeout=3.0)
        await app.updater.stop()
        await app.stop()
    assert [entry["text"] for entry in got] == ["Chào ['abc']", "Chào ['xyz']"]
    assert server.calls_named("deleteWebhook")
    assert server.ok_calls["getUpdates"] >= 1


async def test_json_bodies_and_query_strings_are_accepted(server: FakeTelegramServer) -> None:
    api = f"{server.base_url}{server.token}"
    markup = {"inline_keyboard": [[{"text": "A", "callback_data": "a"}]]}
    async with aiohttp.ClientSession() as http:
        async with http.post(
            f"{api}/sendMessage", json={"chat_id": CHAT, "text": "7", "reply_markup": markup}
        ) as resp:
            body = await resp.json()
        assert body["ok"] and body["result"]["reply_markup"] == markup
        async with http.get(f"{api}/sendMessage", params={"chat_id": "-5", "text": "8"}) as resp:
            assert resp.status == 200
    assert [(m["chat_id"], m["text"]) for m in server.sent_messages()] == [(CHAT, "7"), (-5, "8")]
    assert server.calls_named("sendMessage")[0].params["reply_markup"] == markup


async def test_stop_ends_a_pending_long_poll() -> None:
    fake = FakeTelegramServer()
    await fake.start()
    tg_bot = Bot(fake.token, base_url=fake.base_url)
    poll = asyncio.create_task(tg_bot.get_updates(timeout=30, read_timeout=35))
    await asyncio.sleep(0.05)
    started = asyncio.get_running_loop().time()
    await fake.stop()
    assert await poll == ()
    assert asyncio.get_running_loop().time() - started < 1.5
    await tg_bot.shutdown()
