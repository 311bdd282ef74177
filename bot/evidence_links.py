"""Download links to check-in evidence for the sheet of every answer (/tonghop and
`mangluoi report`): one signed link per evidence file (`models.file_links`, served at
`/files/<id>/<token>`), usable several times until it runs out, when the server's public
address (`web.public_base_url`) is configured; none otherwise (the sheet then names the
file)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Config
from models import checkins, file_links
from models.checkin_summary import AnswerRow
from rendering.checkin_summary import EvidenceUrls


async def issue(
    session: AsyncSession,
    config: Config,
    rows: Iterable[AnswerRow],
    *,
    channel: str,
    external_id: str,
    now: datetime,
) -> EvidenceUrls | None:
    """A link per evidence file among the rows, for the person who gets the sheet (None
    when no public address is configured); flushed, not committed."""
    base = config.web.public_base_url.rstrip("/")
    if not base:
        return None
    lifetime = timedelta(hours=config.web.file_link_hours)
    urls: dict[int, str] = {}
    for file_id in sorted({row.evidence_id for row in rows if row.evidence_id is not None}):
        stored = await checkins.evidence_file(session, file_id=file_id)
        if stored is None:
            continue
        link = await file_links.issue(
            session,
            content=stored.content,
            filename=stored.filename,
            mime_type=stored.mime_type,
            channel=channel,
            external_id=external_id,
            now=now,
            lifetime=lifetime,
            single_use=False,
        )
        urls[file_id] = base + link.path
        session.expunge(stored)
    return EvidenceUrls(until=now + lifetime, urls=urls)
