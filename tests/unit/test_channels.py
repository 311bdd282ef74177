"""The channel interface's defaults and helpers, the registry, and the file fetch that asks
the channel a file came from."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from bot.channels import registry
from bot.channels.base import (
    Channel,
    Limits,
    numbered,
    split_text,
)
from bot.channels.telegram import TelegramChannel
from bot.config import build
from bot.context import Context, Services
from bot.events import (
    Attachment,
    FetchedFile,
    FileTooBig,
    FileUnavailable,
    Incoming,
    Kind,
    Outgoing,
    RenderedOption,
)
from handlers.broadcast import files
from tests.utils.clock import FakeClock

TOKEN = "123456:TEST-token-abcdefghijklmnop"


class Minimal(Channel):
    """A channel that only says its name and how to send."""

    name = "minimal"

    def __init__(self, fetched: FetchedFile | Exception | None = None) -> None:
        self.fetched = fetched

    async def deliver(self, event: Incoming, outgoing: list[Outgoing]) -> None:
        """Not used."""

    async def send(self, chat_id: str, message: Outgoing) -> str:
        """Not used."""
        return "1"


class Fetching(Minimal):
    """A channel whose downloads return (or raise) what the test says."""

    name = "fetching"
    fetchable_kinds = frozenset({Kind.PHOTO, Kind.DOCUMENT})

    async def fetch_file(self, attachment: Attachment, *, max_bytes: int) -> FetchedFile:
        """Give back the scripted file or failure."""
        if isinstance(self.fetched, Exception):
            raise self.fetched
        assert self.fetched is not None
        return self.fetched


def options(*labels: str) -> tuple[RenderedOption, ...]:
    return tuple(RenderedOption(label, f"t{n}", n) for n, label in enumerate(labels, start=1))


def test_options_become_a_numbered_list_under_the_text() -> None:
    message = Outgoing(text="Anh/chị đồng ý chứ?", options=options("Đồng ý", "Không"))
    assert numbered(message) == "Anh/chị đồng ý chứ?\n\n1. Đồng ý\n2. Không"
    assert numbered(Outgoing(text="", options=options("Đồng ý"))) == "1. Đồng ý"
    assert numbered(Outgoing(text="Chỉ có chữ")) == "Chỉ có chữ"


def test_long_text_is_split_within_the_limit_at_line_breaks() -> None:
    lines = [f"dòng {n:03d}" for n in range(300)]
    text = "\n".join(lines)
    chunks = split_text(text, 100)
    assert all(len(chunk) <= 100 for chunk in chunks) and len(chunks) > 1
    assert "\n".join(chunks).splitlines() == lines
    assert split_text("x" * 250, 100) == ["x" * 100, "x" * 100, "x" * 50]
    assert split_text("ngắn", 100) == ["ngắn"]


async def test_a_channel_has_plain_defaults() -> None:
    channel = Minimal()
    assert (
        not channel.has_buttons and not channel.can_fetch() and not channel.can_fetch(Kind.PHOTO)
    )
    assert channel.limits == Limits(10.0, 1.0)
    assert channel.username == "" and list(channel.routes()) == []
    assert channel.split_text("a" * 5000) == ["a" * 4096, "a" * 904]
    await channel.start()
    await channel.publish_menus({"guest": [("start", "Bắt đầu")]}, {"1": "admin"})
    await channel.stop()
    with pytest.raises(FileUnavailable):
        await channel.fetch_file(Attachment(Kind.PHOTO, "f"), max_bytes=10)


def test_telegram_says_its_limits_from_its_config_section() -> None:
    config = build(
        {"telegram": {"enabled": True, "token": TOKEN, "messages_per_second": 12}}, environ={}
    )

    async def handle(*_args: Any) -> None:
        return None

    channel = TelegramChannel(config.telegram, handle=handle, on_unreachable=handle)
    assert channel.limits == Limits(12.0, 1.0)
    assert channel.has_buttons and channel.can_fetch(Kind.DOCUMENT) and channel.text_limit == 4096
    assert [getattr(route, "path", None) for route in channel.routes()] == ["/telegram/webhook"]


@pytest.fixture
def minimal_type() -> Iterator[None]:
    registry.register(registry.ChannelType("minimal", lambda c: c.web.port == 8081, _minimal))
    yield
    registry.unregister("minimal")


def _minimal(_config: Any, _wiring: registry.Wiring) -> Channel:
    return Minimal()


def _wiring() -> registry.Wiring:
    async def nothing(*_args: Any) -> None:
        return None

    unused: Any = None
    return registry.Wiring(sessions=unused, handle=nothing, on_unreachable=nothing)


@pytest.mark.usefixtures("minimal_type")
def test_the_registry_builds_what_the_configuration_turns_on() -> None:
    assert registry.build(build({}, environ={}), _wiring()) == {}
    webchat_only = build({"web": {"webchat_enabled": True}}, environ={})
    assert list(registry.build(webchat_only, _wiring())) == ["webchat"]
    both = build({"web": {"webchat_enabled": True, "port": 8081}}, environ={})
    built = registry.build(both, _wiring())
    assert list(built) == ["webchat", "minimal"] and isinstance(built["minimal"], Minimal)
    assert {"webchat", "telegram", "minimal"} <= set(registry.names())


def test_the_registry_is_back_to_the_shipped_channels() -> None:
    assert "minimal" not in registry.names() and "plain" not in registry.names()


def context_on(channel: Channel | None, kind: Kind = Kind.PHOTO) -> Context:
    """A context for a message from `channel` (only what the file fetch reads)."""
    services = Services(config=build({}, environ={}), clock=FakeClock())
    if channel is not None:
        services.channels[channel.name] = channel
    name = channel.name if channel is not None else "gone"
    event = Incoming(channel=name, external_id="1", chat_id="1", kind=kind)
    unused: Any = None
    return Context(
        event=event, session=unused, services=services, identity=unused, member=None, router=unused
    )


async def test_a_file_is_fetched_from_the_channel_it_came_from() -> None:
    photo = Attachment(Kind.PHOTO, "file-1")
    ctx = context_on(Fetching(FetchedFile(b"jpeg")))
    assert files.can_fetch(ctx)
    assert await files.fetch(ctx, photo) == (b"jpeg", "anh.jpg", "image/jpeg")
    document = Attachment(Kind.DOCUMENT, "file-2", "ke-hoach.pdf", "application/pdf")
    named = context_on(Fetching(FetchedFile(b"%PDF", "ke-hoach.pdf", "application/pdf")))
    assert await files.fetch(named, document) == (b"%PDF", "ke-hoach.pdf", "application/pdf")
    with pytest.raises(files.FileTooBig) as caught:
        await files.fetch(context_on(Fetching(FileTooBig(11 * 1024 * 1024))), photo)
    assert caught.value.size == 11 * 1024 * 1024


async def test_no_file_is_fetched_where_the_channel_cannot() -> None:
    assert not files.can_fetch(context_on(Minimal()))
    assert not files.can_fetch(context_on(None))
    with pytest.raises(FileUnavailable):
        await files.fetch(context_on(Minimal()), Attachment(Kind.PHOTO, "f"))
    with pytest.raises(FileUnavailable):
        await files.fetch(context_on(None), Attachment(Kind.PHOTO, "f"))


class PhotosOnly(Fetching):
    """A channel that downloads photos people send, but no documents (as Zalo)."""

    name = "photos"
    fetchable_kinds = frozenset({Kind.PHOTO})


async def test_a_channel_that_takes_photos_only_fetches_no_document() -> None:
    ctx = context_on(PhotosOnly(FetchedFile(b"png", "anh.png", "image/png")))
    assert files.can_fetch(ctx) and files.can_fetch(ctx, Kind.PHOTO) and files.photos_only(ctx)
    assert not files.can_fetch(ctx, Kind.DOCUMENT)
    assert await files.fetch(ctx, Attachment(Kind.PHOTO, "p")) == (b"png", "anh.png", "image/png")
    with pytest.raises(FileUnavailable):
        await files.fetch(ctx, Attachment(Kind.DOCUMENT, "d", "a.pdf", "application/pdf"))
    assert not files.photos_only(context_on(Fetching(FetchedFile(b"x"))))
    assert not files.photos_only(context_on(Minimal()))
