"""Which channels exist and how each is built from the configuration.

The app asks this registry for the configured channels; nothing outside `bot/channels/`
names a concrete channel. A new messenger registers a `ChannelType` here (tests register
their own for the duration of a test).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.channels.base import Channel, Handle, OnUnreachable
from bot.channels.file_links import FileLinks
from bot.channels.telegram import TelegramChannel
from bot.channels.webchat import WebchatChannel
from bot.channels.zalo import ZaloChannel
from bot.config import Config
from models.base import utcnow


@dataclass(frozen=True)
class Wiring:
    """What the app hands a channel it builds."""

    sessions: async_sessionmaker[AsyncSession]
    handle: Handle
    on_unreachable: OnUnreachable
    clock: Callable[[], datetime] = field(default=utcnow)


@dataclass(frozen=True)
class ChannelType:
    """One kind of channel: its name, whether the configuration turns it on, how to build it."""

    name: str
    enabled: Callable[[Config], bool]
    build: Callable[[Config, Wiring], Channel]


def _webchat(_config: Config, wiring: Wiring) -> Channel:
    return WebchatChannel(wiring.sessions, handle=wiring.handle)


def _telegram(config: Config, wiring: Wiring) -> Channel:
    return TelegramChannel(
        config.telegram, handle=wiring.handle, on_unreachable=wiring.on_unreachable
    )


def _zalo(config: Config, wiring: Wiring) -> Channel:
    return ZaloChannel(
        config.zalo,
        sessions=wiring.sessions,
        handle=wiring.handle,
        on_unreachable=wiring.on_unreachable,
        clock=wiring.clock,
        links=FileLinks.from_config(config, "zalo"),
    )


# In start order (the web chat first: it needs nothing from outside).
_TYPES: dict[str, ChannelType] = {
    kind.name: kind
    for kind in (
        ChannelType("webchat", lambda config: config.web.webchat_enabled, _webchat),
        ChannelType("telegram", lambda config: config.telegram.enabled, _telegram),
        ChannelType("zalo", lambda config: config.zalo.enabled, _zalo),
    )
}


def register(kind: ChannelType) -> None:
    """Add (or replace) a kind of channel."""
    _TYPES[kind.name] = kind


def unregister(name: str) -> None:
    """Remove a kind of channel (tests undo their registration with it)."""
    _TYPES.pop(name, None)


def names() -> list[str]:
    """The names of every known kind of channel."""
    return list(_TYPES)


def build(config: Config, wiring: Wiring) -> dict[str, Channel]:
    """Build every channel the configuration turns on, keyed by name, in start order."""
    channels: dict[str, Channel] = {}
    for kind in _TYPES.values():
        if kind.enabled(config):
            channel = kind.build(config, wiring)
            assert channel.name == kind.name, f"{kind.name} built a {channel.name} channel"
            channels[kind.name] = channel
    return channels
