"""Running the real bot against the fake Telegram Bot API server.

Fixtures (registered for every test through `tests/conftest.py`):
- `fake_telegram`: a started `FakeTelegramServer` accepting `TOKEN`;
- `telegram_app`: a factory, `await telegram_app(mode="polling", router=None, ...)`, that
  starts a `BotApp` with the real Telegram channel (PTB Application) talking to the fake
  server, the web server on a free port and the test database; every app it made is
  stopped at the end. `telegram_app.errors` lists the ERROR log records seen meanwhile.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Sequence
from typing import Any

import pytest

from bot import config as config_module
from bot.app import BotApp
from bot.config import Config
from bot.router import Router
from tests.fakes.telegram_objects import JSONDict, chat_json, command_entities, user_json
from tests.fakes.telegram_server import FakeTelegramServer
from tests.utils.clock import FakeClock

TOKEN = "123456:TEST-token-abcdefghijklmnop"
WEBHOOK_URL = "https://example.invalid/telegram/webhook"
WEBHOOK_SECRET = "webhook-secret_0123456789"


def telegram_config(
    db_url: str, server: FakeTelegramServer, *, mode: str = "polling", **telegram: Any
) -> Config:
    """A configuration with only the Telegram channel, pointed at the fake server."""
    section: dict[str, Any] = {
        "enabled": True,
        "token": server.token,
        "mode": mode,
        "api_base_url": server.url,
    }
    if mode == "webhook":
        section.update(webhook_url=WEBHOOK_URL, webhook_secret=WEBHOOK_SECRET)
    section.update(telegram)
    raw: dict[str, Any] = {
        "database": {"url": db_url},
        "web": {"host": "127.0.0.1", "port": 0, "webchat_enabled": False},
        "telegram": section,
    }
    return config_module.build(raw, environ={})


class ErrorRecords(logging.Handler):
    """Keeps every ERROR (or worse) log record emitted while it is attached."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        """Remember the record."""
        self.records.append(record)


class TelegramApps:
    """Starts bots on the fake server and stops them all at the end of the test."""

    def __init__(self, db_url: str, clock: FakeClock, server: FakeTelegramServer) -> None:
        self.db_url = db_url
        self.clock = clock
        self.server = server
        self.apps: list[BotApp] = []
        self._errors = ErrorRecords()
        logging.getLogger().addHandler(self._errors)

    @property
    def errors(self) -> list[str]:
        """The ERROR log lines seen so far (PTB errors and failed handlers among them)."""
        return [f"{r.name}: {r.getMessage()}" for r in self._errors.records]

    async def __call__(
        self,
        *,
        mode: str = "polling",
        router: Router | None = None,
        seed_demo: bool = False,
        web: bool = True,
        admins: list[str] | None = None,
        **telegram: Any,
    ) -> BotApp:
        """Start a bot with the Telegram channel (`telegram` overrides config keys)."""
        config = telegram_config(self.db_url, self.server, mode=mode, **telegram)
        if admins:
            config = config.model_copy(
                update={"bot": config.bot.model_copy(update={"admins": admins})}
            )
        app = BotApp(config, seed_demo=seed_demo, clock=self.clock, router=router)
        self.apps.append(app)
        await app.start(web=web)
        return app

    async def stop(self, app: BotApp) -> None:
        """Stop one app early (e.g. to restart on the same database)."""
        if app in self.apps:
            self.apps.remove(app)
            await app.stop()

    async def close(self) -> None:
        """Stop every app still running."""
        try:
            for app in reversed(self.apps):
                await app.stop()
            self.apps.clear()
        finally:
            logging.getLogger().removeHandler(self._errors)


@pytest.fixture
async def fake_telegram() -> AsyncIterator[FakeTelegramServer]:
    """A fake Bot API server on 127.0.0.1 accepting `TOKEN`."""
    async with FakeTelegramServer(TOKEN) as server:
        yield server


@pytest.fixture
async def telegram_app(
    db_url: str, clock: FakeClock, fake_telegram: FakeTelegramServer
) -> AsyncIterator[TelegramApps]:
    """Start bots with the real Telegram channel against `fake_telegram`."""
    apps = TelegramApps(db_url, clock, fake_telegram)
    yield apps
    await apps.close()


def buttons(message: JSONDict) -> list[tuple[str, str]]:
    """The (label, callback_data) of each inline button of a sent message."""
    markup = message.get("reply_markup") or {}
    rows = markup.get("inline_keyboard") or []
    return [(button["text"], button.get("callback_data", "")) for row in rows for button in row]


def button_data(message: JSONDict, label: str) -> str:
    """The callback data of the inline button whose label contains `label`."""
    for text, data in buttons(message):
        if label in text:
            return data
    raise AssertionError(f"no button {label!r}; shown: {[text for text, _ in buttons(message)]}")


def text_update(
    update_id: int,
    user_id: int,
    text: str,
    *,
    chat_type: str = "private",
    chat_id: int | None = None,
    message_id: int = 1,
) -> JSONDict:
    """An Update carrying a text message, as Telegram posts it to a webhook."""
    chat = chat_json(chat_id if chat_id is not None else user_id, chat_type)
    message: JSONDict = {
        "message_id": message_id,
        "from": user_json(user_id, "Test"),
        "chat": chat,
        "date": 1_780_000_000,
        "text": text,
    }
    entities = command_entities(text)
    if entities:
        message["entities"] = entities
    return {"update_id": update_id, "message": message}


def received(
    server: FakeTelegramServer, chat_id: int, *, title: str, tasks: Sequence[str]
) -> tuple[int, dict[str, int]]:
    """How many broadcasts titled `title` a chat got, and how many deadline reminders of each
    of these tasks (by number)."""
    broadcasts, reminders = 0, dict.fromkeys(tasks, 0)
    for text in server.sent_texts(chat_id):
        if text and title in text:
            broadcasts += 1
        for number in reminders:
            if text and text.startswith(f"⏰ Nhắc hạn nhiệm vụ {number}:"):
                reminders[number] += 1
    return broadcasts, reminders


def busiest_second(server: FakeTelegramServer) -> int:
    """The most messages the server accepted within any one second."""
    times = sorted(float(m["time"]) for m in server.sent_messages())
    most, first = 0, 0
    for last, moment in enumerate(times):
        while moment - times[first] >= 1.0:
            first += 1
        most = max(most, last - first + 1)
    return most
