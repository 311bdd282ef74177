"""A test-only messenger without buttons, to prove that a channel plugs in from outside.

`PlainChannel` shows options as a numbered list under the text (`1. Tôi đồng ý`), so people
answer by typing a number or a label. It keeps what each person was shown, offers a web
route (`POST /plain/inbox`) and records the menus it was asked to publish.

Fixtures (registered for every test through `tests/conftest.py`):
- `plain_channel_type`: registers the `plain` channel type for the test, then removes it;
- `plain_app`: a started `BotApp` with the web chat, the plain channel and the web server.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from bot.app import BotApp
from bot.channels import registry
from bot.channels.base import Channel, Handle, Limits, Menus, numbered
from bot.config import Config
from bot.events import Incoming, Kind, Outgoing
from tests.conftest import make_config
from tests.utils.clock import FakeClock

NAME = "plain"
USERNAME = "plain_test_bot"
TEXT_LIMIT = 2000
LIMITS = Limits(per_second=5.0, per_chat_per_second=0.5)


class PlainChannel(Channel):
    """Text only: options become a numbered list; what each chat was shown is kept."""

    name = NAME
    has_buttons = False
    text_limit = TEXT_LIMIT

    def __init__(self, handle: Handle) -> None:
        self.handle = handle
        self.shown: dict[str, list[str]] = {}
        self.last: dict[str, list[str]] = {}
        self.pushed: dict[str, list[str]] = {}
        self.menus: list[tuple[Menus, dict[str, str]]] = []
        self.started = False

    @property
    def limits(self) -> Limits:
        """Slower than Telegram, so the pacer's use of them can be seen."""
        return LIMITS

    @property
    def username(self) -> str:
        """A made-up bot name."""
        return USERNAME

    async def start(self) -> None:
        """Note that the app started the channel."""
        self.started = True

    def render(self, message: Outgoing) -> list[str]:
        """The texts a person sees for one message: options listed under the text."""
        text = numbered(message)
        for attachment in (message.document, message.image):
            if attachment is not None:
                text = f"[{attachment.filename}]\n{text}"
        return self.split_text(text)

    async def deliver(self, event: Incoming, outgoing: list[Outgoing]) -> None:
        """Show the answer to the person who wrote."""
        for message in outgoing:
            texts = self.render(message)
            self.last.setdefault(event.chat_id, []).extend(texts)
            self.shown.setdefault(event.chat_id, []).extend(texts)

    async def send(self, chat_id: str, message: Outgoing) -> str:
        """Show a pushed message (from the outbox)."""
        texts = self.render(message)
        self.pushed.setdefault(chat_id, []).extend(texts)
        self.shown.setdefault(chat_id, []).extend(texts)
        return str(len(self.shown[chat_id]))

    async def publish_menus(self, menus: Menus, chats: dict[str, str]) -> None:
        """Remember the menus (a real text-only messenger would do nothing)."""
        self.menus.append((menus, chats))

    def routes(self) -> list[BaseRoute]:
        """`POST /plain/inbox` with {"from", "text"}: answers with what the person sees."""

        async def inbox(request: Request) -> Response:
            body = await request.json()
            texts = await self.type(str(body["from"]), str(body["text"]))
            return JSONResponse({"texts": texts})

        return [Route("/plain/inbox", inbox, methods=["POST"])]

    async def type(self, person: str, text: str) -> list[str]:
        """Type a message as `person`; return the texts of the answer."""
        event = Incoming(
            channel=NAME, external_id=person, chat_id=person, kind=Kind.TEXT, text=text
        )
        self.last[person] = []
        await self.handle(event, self.deliver)
        return self.last[person]

    async def send_kind(self, person: str, kind: Kind, **values: Any) -> list[str]:
        """Send something that is not text (a photo, a sticker…)."""
        event = Incoming(channel=NAME, external_id=person, chat_id=person, kind=kind, **values)
        self.last[person] = []
        await self.handle(event, self.deliver)
        return self.last[person]

    def text(self, person: str) -> str:
        """The last answer to `person`, joined."""
        return "\n".join(self.last.get(person, []))


def number_of(text: str, label: str) -> str:
    """The number a numbered list in `text` gives to the option whose label contains
    `label`."""
    for line in text.splitlines():
        number, dot, rest = line.partition(". ")
        if dot and number.isdigit() and label in rest:
            return number
    raise AssertionError(f"no option {label!r} in:\n{text}")


def _build(_config: Config, wiring: registry.Wiring) -> Channel:
    return PlainChannel(wiring.handle)


@pytest.fixture
def plain_channel_type() -> Iterator[registry.ChannelType]:
    """The `plain` channel type, registered for this test only (always enabled)."""
    kind = registry.ChannelType(NAME, lambda _config: True, _build)
    registry.register(kind)
    yield kind
    registry.unregister(NAME)


@pytest.fixture
async def plain_app(
    db_url: str, clock: FakeClock, plain_channel_type: registry.ChannelType
) -> AsyncIterator[BotApp]:
    """A started bot with the web chat (demo people), the plain channel and the web server."""
    app = BotApp(make_config(db_url), seed_demo=True, clock=clock)
    await app.start()
    yield app
    await app.stop()


def plain_of(app: BotApp) -> PlainChannel:
    """The running plain channel of an app."""
    channel = app.channels[NAME]
    assert isinstance(channel, PlainChannel)
    return channel
