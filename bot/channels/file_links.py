"""Signed download links for channels whose messenger takes no files (Zalo): where the
links point, how long they work, and issuing one for a file (kept in `models.file_links`;
our web server serves them at `/files/<id>/<token>`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Config
from bot.events import OutFile
from models import file_links
from models.file_links import IssuedLink


@dataclass(frozen=True)
class FileLinks:
    """How one channel gives files by link: the server's public address, how long a link
    works, the zone its expiry is shown in, and the channel the links belong to."""

    base_url: str
    lifetime: timedelta
    zone: ZoneInfo
    channel: str

    @classmethod
    def from_config(cls, config: Config, channel: str) -> FileLinks | None:
        """The links of `channel` as configured (None when `web.public_base_url` is empty)."""
        if not config.web.public_base_url:
            return None
        return cls(
            base_url=config.web.public_base_url.rstrip("/"),
            lifetime=timedelta(hours=config.web.file_link_hours),
            zone=config.zone,
            channel=channel,
        )

    def url(self, link: IssuedLink) -> str:
        """The public address of a link."""
        return self.base_url + link.path

    async def issue(
        self, session: AsyncSession, chat_id: str, file: OutFile, now: datetime, *, once: bool
    ) -> IssuedLink:
        """Keep `file` for the person in `chat_id` and make a link to it (flushed, not
        committed)."""
        return await file_links.issue(
            session,
            content=file.content,
            filename=file.filename,
            mime_type=file.mime_type,
            channel=self.channel,
            external_id=chat_id,
            now=now,
            lifetime=self.lifetime,
            single_use=once,
        )
