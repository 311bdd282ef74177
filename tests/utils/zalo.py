"""Running the real bot with its Zalo channel against the fake Zalo Bot API server.

Fixtures (registered for every test through `tests/conftest.py`):
- `fake_zalo`: a started `FakeZaloServer` (short long polls);
- `zalo_app`: a factory, `await zalo_app(mode="polling", webchat=False, ...)`, starting a
  `BotApp` whose Zalo channel talks to the fake server, with the web server on a free port
  (in webhook mode the fake then delivers to it); every app it made is stopped at the end.
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator
from typing import Any

import pytest

from bot import config as config_module
from bot.app import BotApp
from bot.channels.zalo import ZaloChannel
from bot.config import Config
from tests.fakes import zalo_updates as updates
from tests.fakes.zalo_server import FakeZaloServer
from tests.utils.clock import FakeClock

WEBHOOK_URL = "https://bot.example.invalid/zalo/webhook"
WEBHOOK_SECRET = "zalo-bi-mat_0123456789"


def zalo_config(
    db_url: str,
    server: FakeZaloServer,
    *,
    mode: str = "polling",
    webchat: bool = False,
    web: dict[str, Any] | None = None,
    **zalo: Any,
) -> Config:
    """A configuration with the Zalo channel pointed at the fake server (`web` overrides
    keys of the web section)."""
    section: dict[str, Any] = {
        "enabled": True,
        "token": server.token,
        "mode": mode,
        "api_base_url": server.url,
    }
    if mode == "webhook":
        section.update(webhook_url=WEBHOOK_URL, webhook_secret=WEBHOOK_SECRET)
    section.update(zalo)
    raw: dict[str, Any] = {
        "database": {"url": db_url},
        "web": {"host": "127.0.0.1", "port": 0, "webchat_enabled": webchat, **(web or {})},
        "telegram": {"enabled": False},
        "zalo": section,
    }
    return config_module.build(raw, environ={})


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def zalo_of(app: BotApp) -> ZaloChannel:
    """The running Zalo channel of an app."""
    channel = app.channels["zalo"]
    assert isinstance(channel, ZaloChannel)
    return channel


class ZaloApps:
    """Starts bots on the fake server and stops them all at the end of the test."""

    def __init__(self, db_url: str, clock: FakeClock, server: FakeZaloServer) -> None:
        self.db_url = db_url
        self.clock = clock
        self.server = server
        self.apps: list[BotApp] = []

    async def __call__(
        self,
        *,
        mode: str = "polling",
        webchat: bool = False,
        seed_demo: bool = False,
        public: bool = False,
        web: dict[str, Any] | None = None,
        **zalo: Any,
    ) -> BotApp:
        """Start a bot with the Zalo channel (`zalo` overrides config keys, `web` those of
        the web section). With `public`, the web server listens on a free port that is also
        its public address, so files go by download link."""
        web = dict(web or {})
        if public:
            port = free_port()
            web.update(port=port, public_base_url=f"http://127.0.0.1:{port}")
        config = zalo_config(self.db_url, self.server, mode=mode, webchat=webchat, web=web, **zalo)
        app = BotApp(config, seed_demo=seed_demo, clock=self.clock)
        self.apps.append(app)
        await app.start()
        if mode == "webhook":
            self.server.deliver_to = f"http://127.0.0.1:{app.web_port}/zalo/webhook"
        return app

    async def stop(self, app: BotApp) -> None:
        """Stop one app early (e.g. to restart on the same database)."""
        if app in self.apps:
            self.apps.remove(app)
            await app.stop()

    async def close(self) -> None:
        """Stop every app still running."""
        for app in reversed(self.apps):
            await app.stop()
        self.apps.clear()


class ZaloPerson:
    """One Zalo user talking to the bot through the fake server."""

    def __init__(self, app: BotApp, server: FakeZaloServer, chat_id: str) -> None:
        self.channel = zalo_of(app)
        self.server = server
        self.chat_id = chat_id
        self.last: list[str] = []

    async def send(self, update: dict[str, Any], *, seconds: float = 5.0) -> list[str]:
        """Send an update; wait until the bot took it in and answered; return the answer."""
        before = len(self.server.texts(self.chat_id))
        taken = self.channel.taken
        delivered = len(self.server.deliveries)
        by_webhook = bool(self.server.webhook_url)
        self.server.push(update)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + seconds
        while self.channel.taken <= taken:
            if loop.time() > deadline:
                raise TimeoutError(f"the bot did not take {update}")
            await asyncio.sleep(0.005)
        if by_webhook:
            # The bot takes the update before its HTTP answer reaches the fake server, which
            # records the delivery's status only then.
            await self.server.wait_for(
                lambda: len(self.server.deliveries) > delivered,
                lambda: f"no webhook delivery recorded for {update}",
                max(deadline - loop.time(), 0.1),
            )
        await self.channel.drain()
        self.last = self.server.texts(self.chat_id)[before:]
        return self.last

    async def say(self, text: str) -> list[str]:
        """Type a message; return the texts of the answer."""
        return await self.send(updates.text(self.chat_id, text))

    @property
    def text(self) -> str:
        """The last answer, joined."""
        return "\n".join(self.last)


@pytest.fixture
async def fake_zalo() -> AsyncIterator[FakeZaloServer]:
    """A fake Zalo Bot API server on 127.0.0.1."""
    server = FakeZaloServer()
    await server.start()
    yield server
    await server.stop()


@pytest.fixture
async def zalo_app(
    db_url: str, clock: FakeClock, fake_zalo: FakeZaloServer
) -> AsyncIterator[ZaloApps]:
    """A factory of bots with the Zalo channel on the fake server."""
    apps = ZaloApps(db_url, clock, fake_zalo)
    yield apps
    await apps.close()
