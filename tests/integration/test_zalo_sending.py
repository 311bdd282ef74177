"""Sending on Zalo through the fake Bot API: long texts in parts, pictures by address,
files named instead, Zalo's error answers as send failures, start failures in one line, and
the token in no log line at all."""

from __future__ import annotations

import logging
import socket

import pytest

from bot.app import BotApp
from bot.channels.base import PermanentFailure, RateLimited, TemporaryFailure, Unreachable
from bot.channels.splitting import utf16_units
from bot.channels.zalo_send import PHOTO_URL, TEXT_LIMIT
from bot.events import OutFile, Outgoing
from bot.startup import StartFailure
from bot.texts import common as t
from bot.texts import zalo as zt
from models import members
from tests.fakes import zalo_updates as updates
from tests.fakes.zalo_server import BLOCKED, DEFAULT_TOKEN, FakeZaloServer
from tests.unit.test_zalo_text import announcement
from tests.utils.clock import FakeClock
from tests.utils.zalo import ZaloApps, ZaloPerson, zalo_config, zalo_of

CHAT = "6ede9afa66b88fe6d6a9"


async def test_a_5000_character_announcement_arrives_in_three_parts_in_order(
    zalo_app: ZaloApps, fake_zalo: FakeZaloServer
) -> None:
    app = await zalo_app()
    text = announcement(1650, 3) + " 🎉"
    assert len(text) >= 4950
    message_id = await zalo_of(app).send(CHAT, Outgoing(text=text))
    parts = fake_zalo.texts(CHAT)
    assert len(parts) == 3
    assert [part[:2] for part in parts] == ["1.", "2.", "3."]
    assert all(utf16_units(part) <= TEXT_LIMIT for part in parts)
    assert "".join("".join(parts).split()) == "".join(text.split())
    assert message_id == fake_zalo.sent[-1].message_id


async def test_the_fake_refuses_what_zalo_refuses(
    zalo_app: ZaloApps, fake_zalo: FakeZaloServer
) -> None:
    app = await zalo_app()
    api = zalo_of(app).api
    for text in ("", "x" * (TEXT_LIMIT + 1), "😀" * (TEXT_LIMIT // 2 + 1)):
        with pytest.raises(Exception, match="400"):
            await api.send_message(CHAT, text)
    with pytest.raises(Exception, match="400"):
        await api.send_photo(CHAT, "ftp://photo.example.invalid/a.png", None)
    assert await api.send_message(CHAT, "😀" * (TEXT_LIMIT // 2))


async def test_a_picture_with_an_address_goes_as_a_photo_and_a_file_is_named(
    zalo_app: ZaloApps, fake_zalo: FakeZaloServer
) -> None:
    app = await zalo_app()
    channel = zalo_of(app)
    chart = OutFile("tien-do.png", b"\x89PNG", "image/png")
    url = "https://bot.example.vn/files/tien-do.png"
    await channel.send(CHAT, Outgoing(text="Tiến độ quý IV", image=chart, extra={PHOTO_URL: url}))
    [photo] = fake_zalo.sent
    assert (photo.method, photo.photo, photo.text) == ("sendPhoto", url, "Tiến độ quý IV")

    sheet = OutFile("thanh-vien.xlsx", b"PK", "application/vnd.ms-excel")
    await channel.send(CHAT, Outgoing(text="Danh sách thành viên", document=sheet))
    await channel.send(CHAT, Outgoing(text="Biểu đồ", image=chart))  # no public address
    named = [s for s in fake_zalo.sent[1:] if s.method == "sendMessage"]
    assert [s.text for s in named] == [
        "Danh sách thành viên\n\n" + zt.FILE_ELSEWHERE.format(name="thanh-vien.xlsx"),
        "Biểu đồ\n\n" + zt.FILE_ELSEWHERE.format(name="tien-do.png"),
    ]


async def test_error_answers_become_send_failures(
    zalo_app: ZaloApps, fake_zalo: FakeZaloServer
) -> None:
    app = await zalo_app()
    channel = zalo_of(app)
    message = Outgoing(text="Thông báo giao ban")
    fake_zalo.fail_next(429, retry_after=2)
    with pytest.raises(RateLimited) as limited:
        await channel.send(CHAT, message)
    assert limited.value.retry_after == 2
    for code, kind in ((500, TemporaryFailure), (502, TemporaryFailure), (400, PermanentFailure)):
        fake_zalo.fail_next(code)
        with pytest.raises(kind):
            await channel.send(CHAT, message)
    fake_zalo.block(CHAT)
    with pytest.raises(Unreachable, match=BLOCKED):
        await channel.send(CHAT, message)
    assert fake_zalo.sent == []


async def test_an_unreachable_api_is_a_temporary_failure(
    db_url: str, clock: FakeClock, fake_zalo: FakeZaloServer
) -> None:
    app = BotApp(zalo_config(db_url, fake_zalo), clock=clock)
    await app.start(web=False)
    try:
        channel = zalo_of(app)
        await fake_zalo.stop()
        with pytest.raises(TemporaryFailure):
            await channel.send(CHAT, Outgoing(text="Xin chào"))
    finally:
        await app.stop()


async def test_a_reply_waits_out_a_short_429_without_repeating_a_part(
    zalo_app: ZaloApps, fake_zalo: FakeZaloServer
) -> None:
    app = await zalo_app()
    person = ZaloPerson(app, fake_zalo, CHAT)
    await person.say("/help")
    fake_zalo.fail_next(429, retry_after=0.05)
    answer = await person.say("/start")
    assert answer[0].startswith(t.WELCOME_GUEST)
    errors = [call.error for call in fake_zalo.calls_named("sendMessage")]
    assert errors[-len(answer) - 1 :] == [429] + [0] * len(answer)  # one retry, no repeat


async def test_a_person_who_blocked_the_bot_is_marked_unreachable(
    zalo_app: ZaloApps, fake_zalo: FakeZaloServer
) -> None:
    app = await zalo_app()
    person = ZaloPerson(app, fake_zalo, CHAT)
    await person.say("/start")
    fake_zalo.block(CHAT)
    assert await person.say("/help") == []
    async with app.sessions() as session:
        identity = await members.get_identity(session, channel="zalo", external_id=CHAT)
    assert identity is not None and not identity.reachable
    assert identity.unreachable_reason is not None and "403" in identity.unreachable_reason


@pytest.mark.parametrize(
    ("setting", "arrange"),
    [
        ("zalo.token", "wrong token"),
        ("zalo.api_base_url", "closed port"),
        ("zalo.webhook_url", "webhook refused"),
    ],
)
async def test_a_start_that_cannot_go_on_names_the_setting_in_one_line(
    db_url: str, clock: FakeClock, fake_zalo: FakeZaloServer, setting: str, arrange: str
) -> None:
    token, options = fake_zalo.token, {}
    if arrange == "wrong token":
        token = DEFAULT_TOKEN.replace("fake", "fals")
    elif arrange == "closed port":
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            options["api_base_url"] = f"http://127.0.0.1:{sock.getsockname()[1]}"
    else:
        fake_zalo.fail_next(400, method="setWebhook", description="Bad request: url unreachable")
    mode = "webhook" if arrange == "webhook refused" else "polling"
    config = zalo_config(db_url, fake_zalo, mode=mode, token=token, **options)
    app = BotApp(config, clock=clock)
    with pytest.raises(StartFailure) as caught:
        await app.start(web=False)
    assert caught.value.setting == setting
    assert "\n" not in str(caught.value)
    assert token not in str(caught.value) and fake_zalo.token not in str(caught.value)


async def test_the_token_appears_in_no_log_line(
    db_url: str, clock: FakeClock, fake_zalo: FakeZaloServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    for name in ("httpx", "httpcore"):
        caplog.set_level(logging.DEBUG, logger=name)
    apps = ZaloApps(db_url, clock, fake_zalo)
    try:
        app = await apps()
        channel = zalo_of(app)
        channel.backoff = (0.01, 0.02)
        person = ZaloPerson(app, fake_zalo, CHAT)
        await person.say("/start")
        fake_zalo.fail_next(500, method="getUpdates", times=2)
        fake_zalo.fail_next(401, description=f"Unauthorized {fake_zalo.token}")
        await person.say("/help")  # its reply fails: a warning with Zalo's description
        await person.send(updates.text(CHAT, "/help"))  # the same message: logged, not answered
        await apps.stop(app)
        hook = await apps(mode="webhook")
        await ZaloPerson(hook, fake_zalo, CHAT).say("/start")
        with pytest.raises(StartFailure):
            await BotApp(zalo_config(db_url, fake_zalo, token="9:wrong"), clock=clock).start()
    finally:
        await apps.close()
    lines = [record.getMessage() for record in caplog.records]
    lines += [record.exc_text or "" for record in caplog.records]
    assert any("/bot***/getUpdates" in line for line in lines)  # httpx did log the calls
    assert any("reply to zalo chat" in line for line in lines)
    assert [line for line in lines if fake_zalo.token in line] == []
    assert fake_zalo.token not in caplog.text
