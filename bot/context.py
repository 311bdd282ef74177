"""What a handler gets for one incoming message: the person, the session, a place to answer."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession

from bot.buttons import Button
from bot.channels.base import Channel
from bot.config import Config
from bot.events import Incoming, Option, OutFile, Reply
from bot.leader_status import LeaderStatus, SingleProcess
from bot.metrics import Metrics
from models.members import ChannelIdentity, Member, MemberStatus
from models.options import ResolvedOption

if TYPE_CHECKING:
    from bot.router import Router


class OutboxSender(Protocol):
    """What handlers and jobs may ask of the outbox sender (jobs.sender.Sender)."""

    def wake(self) -> None:
        """Look for due outbox rows now rather than at the next poll."""

    async def sweep(self) -> int:
        """Re-queue rows of dead processes and restart stopped workers; return how many."""


@dataclass
class Services:
    """Long-lived things handlers may use; built once by the application."""

    config: Config
    clock: Callable[[], datetime]
    bot_usernames: dict[str, str] = field(default_factory=dict)
    channels: dict[str, Channel] = field(default_factory=dict)
    """The running channels by name (the app's own dict)."""
    sender: OutboxSender | None = None
    """The outbox sender, once the app made one."""
    metrics: Metrics = field(default_factory=Metrics)
    """This app's Prometheus metrics (its own registry)."""
    leadership: LeaderStatus = field(default_factory=SingleProcess)
    """Whether this process is the scheduler leader (always, until leader election)."""


ButtonT = TypeVar("ButtonT", bound=Button)


@dataclass
class Context:
    """One incoming message being handled: who sent it, a database session, the answer so far."""

    event: Incoming
    session: AsyncSession
    services: Services
    identity: ChannelIdentity
    member: Member | None
    router: Router
    option: ResolvedOption | None = None
    replies: list[Reply] = field(default_factory=list)

    @property
    def config(self) -> Config:
        """The bot's configuration."""
        return self.services.config

    @property
    def channel(self) -> Channel | None:
        """The channel this message came from (None when it is not running here)."""
        return self.services.channels.get(self.event.channel)

    @property
    def has_buttons(self) -> bool:
        """Whether the person's channel shows options as buttons (else as a numbered list)."""
        channel = self.channel
        return channel.shows_buttons(self.event.chat_id) if channel is not None else True

    @property
    def role(self) -> str:
        """`guest` for unknown or not yet approved people, else the member's role."""
        if self.member is None or self.member.status != MemberStatus.ACTIVE:
            return "guest"
        return self.member.role

    def now(self) -> datetime:
        """The current time (aware, UTC); tests may move the clock."""
        return self.services.clock()

    def say(
        self,
        text: str,
        options: list[Option] | tuple[Option, ...] = (),
        *,
        columns: int = 1,
        document: OutFile | None = None,
        image: OutFile | None = None,
        ask_contact: bool = False,
    ) -> None:
        """Add one message to the answer."""
        self.replies.append(
            Reply(
                text=text,
                options=tuple(options),
                columns=columns,
                document=document,
                image=image,
                ask_contact=ask_contact,
            )
        )

    async def start_flow(self, name: str, data: dict[str, Any] | None = None) -> None:
        """Begin a multi-step conversation, replacing any open one."""
        await self.router.engine.start(self, name, data or {})

    async def pressed(self, kind: type[ButtonT]) -> ButtonT | None:
        """The button of `kind` the person pressed; None, after the polite "old button"
        answer (the current question again inside a conversation), when the value is
        forged, stale or of another kind."""
        button = kind.decode(self.option.value if self.option else None)
        if button is None:
            await self.router.old_button(self)
        return button

    async def show_menu(self, header: str | None = None) -> None:
        """Answer with the commands this person may use."""
        await self.router.show_menu(self, header)
