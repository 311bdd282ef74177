"""What every job gets: database sessions, services and the channels to send through."""

from dataclasses import dataclass, field

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.channels.base import Channel
from bot.context import Services


@dataclass
class JobContext:
    """Shared by all job runs; each run opens its own session."""

    sessions: async_sessionmaker[AsyncSession]
    services: Services
    channels: dict[str, Channel] = field(default_factory=dict)
