"""The interface every messenger adapter implements, the defaults they share, and how send
failures are classified.

What differs between messengers lives on the channel, so the app, the web server, the
sender and the handlers ask the channel instead of switching on its name: its send limits,
its text limit and how long text is split, whether it shows buttons, the web routes it
adds to our server, how a file a person sent is fetched, and how command menus are
published.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any

from starlette.routing import BaseRoute

from bot.events import Attachment, FetchedFile, FileUnavailable, Incoming, Kind, Outgoing

DEFAULT_TEXT_LIMIT = 4096
DEFAULT_RATE = 10.0

Deliver = Callable[[Incoming, list[Outgoing]], Awaitable[None]]
"""Send the answer to one incoming message."""
Handle = Callable[[Incoming, Deliver], Awaitable[Any]]
"""Answer one incoming message (the dispatcher), delivering through the given callable."""
OnUnreachable = Callable[[str, str, str], Awaitable[None]]
"""Record that (channel, chat id) can no longer be reached, and why."""
Menus = dict[str, list[tuple[str, str]]]
"""Per role (`guest`, `member`, `coordinator`, `admin`): (command, description) pairs."""


class SendFailure(Exception):
    """A message could not be sent; subclasses say what the sender should do about it."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class Unreachable(SendFailure):
    """The person blocked the bot or deleted the account: never retry."""


class RateLimited(SendFailure):
    """The messenger asked us to slow down: wait `retry_after` seconds, then retry."""

    def __init__(self, reason: str, retry_after: float) -> None:
        super().__init__(reason)
        self.retry_after = retry_after


class MaybeDelivered(SendFailure):
    """The request left but its answer did not come in time: the message may have arrived,
    so a blind resend could duplicate it."""


class PermanentFailure(SendFailure):
    """The request is wrong (chat not found, bad content): retrying cannot help."""


class TemporaryFailure(SendFailure):
    """A time-out or server error: retry later with backoff."""


@dataclass(frozen=True)
class Health:
    """Whether a started channel works, and if not, a short reason (no secret in it)."""

    ok: bool
    detail: str = ""


@dataclass(frozen=True)
class Limits:
    """How fast one channel may send: overall and to one chat (None: unlimited)."""

    per_second: float | None
    per_chat_per_second: float | None


def split_text(text: str, limit: int) -> list[str]:
    """Cut a long text into messages of at most `limit` characters, at line breaks where
    possible."""
    chunks: list[str] = []
    while len(text) > limit:
        cut = text.rfind("\n", 0, limit)
        cut = cut if cut > limit // 2 else limit
        chunks.append(text[:cut])
        text = text[cut:].lstrip("\n")
    chunks.append(text)
    return chunks


def numbered(message: Outgoing) -> str:
    """The text of a message with its options listed under it as `1. Đồng ý`, for channels
    without buttons (the person answers by typing the number or the label)."""
    if not message.options:
        return message.text
    lines = [f"{option.number}. {option.label}" for option in message.options]
    return "\n\n".join(part for part in (message.text, "\n".join(lines)) if part)


class Channel(ABC):
    """A messenger adapter: receives updates, renders replies, sends messages.

    Subclasses must set `name` and implement `deliver` and `send`; everything else has a
    default for a plain text messenger without buttons, files, web routes or menus.
    """

    name: str
    has_buttons: bool = False
    """Options are shown as buttons (else as a numbered list to answer by typing)."""
    fetchable_kinds: frozenset[Kind] = frozenset()
    """What `fetch_file` can download of what people send (`Kind.PHOTO`, `Kind.DOCUMENT`):
    nothing by default."""
    text_limit: int = DEFAULT_TEXT_LIMIT
    """The longest text one message may carry."""

    @property
    def limits(self) -> Limits:
        """How fast the outbox may send on this channel (usually from its config section)."""
        return Limits(DEFAULT_RATE, 1.0)

    @property
    def username(self) -> str:
        """The bot's public user name on this messenger ("" when it has none)."""
        return ""

    @property
    def polls(self) -> bool:
        """It receives by polling the messenger, which only one process may do at a time
        (the scheduler leader calls `start_polling`); False by default."""
        return False

    async def start(self) -> None:
        """Connect and begin receiving what needs no polling (webhook registration, …);
        nothing by default."""
        return

    async def start_polling(self) -> None:
        """Begin polling the messenger (only in the leader, after `start`); nothing by
        default."""
        return

    async def stop_polling(self) -> None:
        """Stop polling, keeping the connection for sending; nothing by default."""
        return

    async def stop(self) -> None:
        """Stop receiving and release connections; nothing by default."""
        return

    async def health(self) -> Health:
        """Whether the channel still works once started (/healthz); ok by default."""
        return Health(ok=True)

    @abstractmethod
    async def deliver(self, event: Incoming, outgoing: list[Outgoing]) -> None:
        """Send the immediate answer to an incoming message."""

    @abstractmethod
    async def send(self, chat_id: str, message: Outgoing) -> str:
        """Send one message outside a conversation turn; return the messenger's message id.

        Raises a `SendFailure` subclass when the message was not sent.
        """

    def shows_buttons(self, chat_id: str) -> bool:
        """Whether this chat sees options as buttons (`has_buttons` unless the channel
        shows some chats another way)."""
        return self.has_buttons

    def split_text(self, text: str) -> list[str]:
        """Cut a text into the messages this channel accepts."""
        return split_text(text, self.text_limit)

    def can_fetch(self, kind: Kind | None = None) -> bool:
        """Whether `fetch_file` can download an attachment of `kind` (any kind: None)."""
        return bool(self.fetchable_kinds) if kind is None else kind in self.fetchable_kinds

    def routes(self) -> Sequence[BaseRoute]:
        """The web routes (webhooks, pages) this channel adds to the bot's web server."""
        return ()

    async def fetch_file(self, attachment: Attachment, *, max_bytes: int) -> FetchedFile:
        """Download a file a person sent; raise `FileTooBig` over `max_bytes`, or
        `FileUnavailable` when this channel cannot (`NotAnImage` for a photo that is not
        one)."""
        raise FileUnavailable(self.name)

    async def publish_menus(self, menus: Menus, chats: dict[str, str]) -> None:
        """Publish the command menus: `menus["guest"]` for everyone, and the menu of the
        role given in `chats` (chat id → role) for those chats. Nothing by default."""
        return
