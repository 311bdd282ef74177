"""The Zalo channel against the fake Zalo Bot API: polling (an empty poll is not an error,
failures back off), webhook (secret checked, bad bodies refused), a message delivered twice
answered once, and polite answers to what the bot cannot read."""

from __future__ import annotations

import asyncio
import logging

import httpx
import pytest
from sqlalchemy import func, select

from bot.app import BotApp
from bot.texts import common as t
from models.zalo_updates import ZaloSeenMessage
from tests.fakes import zalo_updates as updates
from tests.fakes.zalo_server import SECRET_HEADER, FakeZaloServer
from tests.utils.zalo import WEBHOOK_SECRET, WEBHOOK_URL, ZaloApps, ZaloPerson, zalo_of

CHAT = "e4ea2cd5189df1c3a88c"


def problems(caplog: pytest.LogCaptureFixture) -> list[str]:
    """WARNING-or-worse lines from the bot (not the fake server)."""
    return [
        f"{r.name}: {r.getMessage()}"
        for r in caplog.records
        if r.levelno >= logging.WARNING and r.name.startswith(("bot", "handlers", "jobs"))
    ]


async def seen_count(app: BotApp) -> int:
    async with app.sessions() as session:
        result = await session.execute(select(func.count()).select_from(ZaloSeenMessage))
        return int(result.scalar_one())


# ---- polling ---------------------------------------------------------------------------


async def test_polling_answers_and_an_empty_poll_is_not_an_error(
    zalo_app: ZaloApps, fake_zalo: FakeZaloServer, caplog: pytest.LogCaptureFixture
) -> None:
    app = await zalo_app()
    channel = zalo_of(app)
    assert channel.username == fake_zalo.account_name
    assert [c.method for c in fake_zalo.calls[:2]] == ["getMe", "deleteWebhook"]
    # Nobody writes for a while: the polls come back 408 and the bot simply asks again.
    await fake_zalo.wait_for(
        lambda: sum(c.error == 408 for c in fake_zalo.calls_named("getUpdates")) >= 2,
        lambda: "two empty polls",
    )
    answer = await ZaloPerson(app, fake_zalo, CHAT).say("/start")
    assert answer[0].startswith(t.WELCOME_GUEST)
    assert "1. " in answer[-1]  # the menu's choices as a numbered list
    assert fake_zalo.calls_named("getUpdates")[0].params == {"timeout": "30"}
    async with httpx.AsyncClient() as http:
        health = await http.get(f"http://127.0.0.1:{app.web_port}/healthz")
    assert health.json() == {
        "status": "ok",
        "database": {"ok": True},
        "channels": {"zalo": {"ok": True, "started": True}},
        "leader": {"ok": True, "leader": True},
    }
    assert problems(caplog) == []


async def test_an_empty_poll_answered_with_http_200_is_not_an_error_either(
    zalo_app: ZaloApps, fake_zalo: FakeZaloServer, caplog: pytest.LogCaptureFixture
) -> None:
    fake_zalo.http_errors = False
    app = await zalo_app()
    await fake_zalo.wait_for(
        lambda: sum(c.error == 408 for c in fake_zalo.calls_named("getUpdates")) >= 2,
        lambda: "two empty polls",
    )
    answer = await ZaloPerson(app, fake_zalo, CHAT).say("/help")
    assert "/dangky" in "\n".join(answer)
    assert problems(caplog) == []


async def test_poll_failures_back_off_and_polling_goes_on(
    zalo_app: ZaloApps, fake_zalo: FakeZaloServer, caplog: pytest.LogCaptureFixture
) -> None:
    app = await zalo_app()
    channel = zalo_of(app)
    channel.backoff = (0.1, 0.3)
    fake_zalo.fail_next(500, method="getUpdates", times=4, description="Internal Server Error")
    await fake_zalo.wait_for(
        lambda: sum(c.error == 500 for c in fake_zalo.calls_named("getUpdates")) == 4,
        lambda: "four failed polls",
    )
    answer = await ZaloPerson(app, fake_zalo, CHAT).say("/start")
    assert answer[0].startswith(t.WELCOME_GUEST)
    warnings = [line for line in problems(caplog) if "getUpdates failed" in line]
    assert [w.rsplit("retrying in ", 1)[1] for w in warnings] == ["0.1s", "0.2s", "0.3s", "0.3s"]


async def test_stopping_ends_the_long_poll(zalo_app: ZaloApps, fake_zalo: FakeZaloServer) -> None:
    app = await zalo_app()
    await fake_zalo.wait_for(lambda: bool(fake_zalo.calls_named("getUpdates")), lambda: "a poll")
    await zalo_app.stop(app)
    polls = len(fake_zalo.calls_named("getUpdates"))
    fake_zalo.push(updates.text(CHAT, "/start"))
    await asyncio.sleep(2 * fake_zalo.poll_timeout)
    assert len(fake_zalo.calls_named("getUpdates")) == polls
    assert fake_zalo.texts(CHAT) == []


# ---- the same message twice -------------------------------------------------------------


async def test_a_message_polled_twice_is_answered_once_even_after_a_restart(
    zalo_app: ZaloApps, fake_zalo: FakeZaloServer, caplog: pytest.LogCaptureFixture
) -> None:
    app = await zalo_app()
    person = ZaloPerson(app, fake_zalo, CHAT)
    update = updates.text(CHAT, "/start")
    first = await person.send(update)
    assert first[0].startswith(t.WELCOME_GUEST)
    assert await person.send(update) == []  # delivered again: nothing more
    await zalo_app.stop(app)

    again = await zalo_app()  # a restart on the same database
    assert await ZaloPerson(again, fake_zalo, CHAT).send(updates.wrapped(update)) == []
    assert len(fake_zalo.texts(CHAT)) == len(first)
    assert await seen_count(again) == 1
    assert problems(caplog) == []


# ---- webhook ----------------------------------------------------------------------------


async def test_webhook_mode_registers_and_answers_deliveries(
    zalo_app: ZaloApps, fake_zalo: FakeZaloServer, caplog: pytest.LogCaptureFixture
) -> None:
    app = await zalo_app(mode="webhook")
    [call] = fake_zalo.calls_named("setWebhook")
    assert call.params == {"url": WEBHOOK_URL, "secret_token": WEBHOOK_SECRET}
    assert fake_zalo.calls_named("getUpdates") == []
    person = ZaloPerson(app, fake_zalo, CHAT)
    update = updates.text(CHAT, "/start")
    answer = await person.send(update)
    assert answer[0].startswith(t.WELCOME_GUEST)
    # Zalo retries a delivery: accepted again (200), answered once.
    assert await person.send(update) == []
    assert [d.status for d in fake_zalo.deliveries] == [200, 200]
    assert await seen_count(app) == 1
    assert problems(caplog) == []


async def test_a_forged_webhook_call_is_refused_and_nothing_is_processed(
    zalo_app: ZaloApps, fake_zalo: FakeZaloServer
) -> None:
    app = await zalo_app(mode="webhook")
    url = f"http://127.0.0.1:{app.web_port}/zalo/webhook"
    body = updates.wrapped(updates.text(CHAT, "/start"))
    async with httpx.AsyncClient() as http:
        missing = await http.post(url, json=body)
        wrong = await http.post(url, json=body, headers={SECRET_HEADER: "not-the-secret"})
        close = await http.post(url, json=body, headers={SECRET_HEADER: WEBHOOK_SECRET + "x"})
    assert (missing.status_code, wrong.status_code, close.status_code) == (403, 403, 403)
    await zalo_of(app).drain()
    assert zalo_of(app).taken == 0
    assert await seen_count(app) == 0
    assert fake_zalo.sent == []


async def test_polling_mode_refuses_every_webhook_call(
    zalo_app: ZaloApps, fake_zalo: FakeZaloServer
) -> None:
    app = await zalo_app(webhook_secret=WEBHOOK_SECRET)  # a secret, but polling
    url = f"http://127.0.0.1:{app.web_port}/zalo/webhook"
    body = updates.wrapped(updates.text(CHAT, "/start"))
    async with httpx.AsyncClient() as http:
        refused = await http.post(url, json=body, headers={SECRET_HEADER: WEBHOOK_SECRET})
    assert refused.status_code == 403
    assert zalo_of(app).taken == 0


@pytest.mark.parametrize(
    "body",
    [b"{", b"[]", b"{}", b"null", b'{"event_name": 5}', b'{"ok": true, "result": 3}', b"\xff"],
)
async def test_a_webhook_body_that_is_not_an_update_is_refused_in_one_line(
    zalo_app: ZaloApps, fake_zalo: FakeZaloServer, caplog: pytest.LogCaptureFixture, body: bytes
) -> None:
    app = await zalo_app(mode="webhook")
    url = f"http://127.0.0.1:{app.web_port}/zalo/webhook"
    headers = {SECRET_HEADER: WEBHOOK_SECRET, "Content-Type": "application/json"}
    with caplog.at_level(logging.INFO):
        async with httpx.AsyncClient() as http:
            refused = await http.post(url, content=body, headers=headers)
        answer = await ZaloPerson(app, fake_zalo, CHAT).say("/start")
    assert refused.status_code == 400
    assert answer[0].startswith(t.WELCOME_GUEST)
    notes = [r for r in caplog.records if "zalo webhook" in r.getMessage()]
    assert [r.levelno for r in notes] == [logging.WARNING]
    assert "\n" not in notes[0].getMessage() and notes[0].exc_info is None
    assert WEBHOOK_SECRET not in caplog.text


# ---- what the bot cannot read -------------------------------------------------------------


@pytest.mark.parametrize(
    ("update", "what"),
    [
        (updates.sticker(CHAT), t.WHAT_STICKER),
        (updates.unsupported(CHAT), t.WHAT_OTHER),
        (
            updates.update("message.voice.received", CHAT, voice_url="https://x/a.aac"),
            t.WHAT_VOICE,
        ),
        (updates.update("message.reaction.received", CHAT), t.WHAT_OTHER),
        (updates.image(CHAT, "https://photo.example.invalid/a.jpg"), ""),
    ],
)
async def test_what_cannot_be_read_gets_a_polite_answer(
    zalo_app: ZaloApps,
    fake_zalo: FakeZaloServer,
    caplog: pytest.LogCaptureFixture,
    update: dict,
    what: str,
) -> None:
    app = await zalo_app()
    answer = await ZaloPerson(app, fake_zalo, CHAT).send(update)
    assert answer, "every message gets an answer"
    assert what in "\n".join(answer)
    assert problems(caplog) == []


async def test_an_event_without_a_chat_is_taken_and_left_without_a_crash(
    zalo_app: ZaloApps, fake_zalo: FakeZaloServer, caplog: pytest.LogCaptureFixture
) -> None:
    app = await zalo_app(mode="webhook")
    person = ZaloPerson(app, fake_zalo, CHAT)
    assert await person.send(updates.unsupported(None)) == []
    assert fake_zalo.deliveries[-1].status == 200
    answer = await person.say("/start")  # and the bot carries on
    assert answer[0].startswith(t.WELCOME_GUEST)
    assert problems(caplog) == []
