"""The interface every messenger adapter implements, and how send failures are classified."""

from typing import Protocol

from bot.events import Incoming, Outgoing


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


class PermanentFailure(SendFailure):
    """The request is wrong (chat not found, bad content): retrying cannot help."""


class TemporaryFailure(SendFailure):
    """A time-out or server error: retry later with backoff."""


class Channel(Protocol):
    """A messenger adapter: receives updates, renders replies, sends messages."""

    name: str

    async def start(self) -> None:
        """Begin receiving messages (polling, webhook registration, …)."""

    async def stop(self) -> None:
        """Stop receiving and release connections."""

    async def deliver(self, event: Incoming, outgoing: list[Outgoing]) -> None:
        """Send the immediate answer to an incoming message."""

    async def send(self, chat_id: str, message: Outgoing) -> str:
        """Send one message outside a conversation turn; return the messenger's message id.

        Raises a `SendFailure` subclass when the message was not sent.
        """
