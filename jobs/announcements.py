"""Releasing announcements whose time has come, and the eve-of-event reminders and nudges.

Both are sweeps over the database: the release streams the audience in batches into the
outbox with a cursor (a release cut short resumes where it stopped); reminders use outbox
dedupe keys, so running either twice never sends anything twice.
"""

from __future__ import annotations

import logging
from datetime import datetime, time, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from jobs.context import JobContext
from models import announcements, members, outbox, releases
from models.announcements import Announcement, AnnouncementState, Answer
from rendering import announcements as rendering

log = logging.getLogger(__name__)

BATCH = 500
REMIND_AT = time(8, 0)
REMIND_LEAD = timedelta(hours=1)


def _wake(context: JobContext) -> None:
    if context.services.sender is not None:
        context.services.sender.wake()


async def release_due(context: JobContext) -> int:
    """Release every announcement whose send time has come; return how many recipients
    were added."""
    now = context.services.clock()
    async with context.sessions() as session:
        ids = [a.id for a in await announcements.due(session, now=now) if a.id is not None]
    added = 0
    for announcement_id in ids:
        added += await release(context, announcement_id=announcement_id)
    return added


async def release(context: JobContext, *, announcement_id: int, batch_size: int = BATCH) -> int:
    """Queue one announcement for its whole audience, batch by batch; return how many
    recipients were added by this call."""
    added = 0
    catalog = context.services.config.units.catalog
    while True:
        async with context.sessions() as session:
            row = await releases.releasable(session, announcement_id=announcement_id)
            if row is None:
                return added
            scope = await releases.author_scope(session, row=row)
            if scope is None:
                await releases.cancel(session, row=row, now=context.services.clock())
                await session.commit()
                log.warning("announcement %s cancelled: its sender may no longer send", row.id)
                return added
            if row.state == AnnouncementState.SCHEDULED:
                await _start(session, row, context)
            finished, count = await releases.next_batch(
                session,
                row=row,
                scope=scope,
                catalog=catalog,
                batch_size=batch_size,
                now=context.services.clock(),
            )
            await session.commit()
        added += count
        _wake(context)
        if finished:
            log.info("announcement %s queued for %d recipients", announcement_id, row.recipients)
            return added


async def _start(session: AsyncSession, row: Announcement, context: JobContext) -> None:
    """Render and store the message once, the first time the announcement is picked up."""
    author = await members.get_member(session, member_id=row.author_member_id)
    original = None
    if row.corrects_id is not None:
        original = await announcements.get(session, announcement_id=row.corrects_id)
    file = None
    if row.attachment_id is not None:
        file = await announcements.get_file(session, file_id=row.attachment_id)
    parts = rendering.release_replies(
        row,
        context.services.config.zone,
        author=author.full_name if author else None,
        original=original,
        file=file,
        now=context.services.clock(),
    )
    await releases.start(session, row=row, replies=parts, now=context.services.clock())


def remind_time(event_at: datetime, context: JobContext) -> datetime:
    """When the reminder of an event goes out: the day before, at REMIND_AT local time."""
    zone = context.services.config.zone
    day_before = event_at.astimezone(zone).date() - timedelta(days=1)
    return datetime.combine(day_before, REMIND_AT, tzinfo=zone)


async def remind_due(context: JobContext) -> int:
    """Send the eve reminders and RSVP nudges that are due; return how many were queued."""
    now = context.services.clock()
    async with context.sessions() as session:
        candidates = await announcements.awaiting_reminder(
            session, remind_from=now + REMIND_LEAD, until=now + timedelta(days=2)
        )
    queued = 0
    for row in candidates:
        assert row.event_at is not None and row.id is not None
        moment = remind_time(row.event_at, context)
        if now < moment:
            continue
        if row.released_at is None or row.released_at < moment:
            queued += await _remind(context, row)
        async with context.sessions() as session:
            await releases.mark_reminded(session, announcement_id=row.id, now=now)
            await session.commit()
    if queued:
        _wake(context)
    return queued


async def _remind(context: JobContext, row: Announcement) -> int:
    assert row.id is not None
    zone = context.services.config.zone
    queued = 0
    for answer, reply, key in (
        (Answer.YES, rendering.reminder(row, zone), f"{row.dedupe_key}:eve"),
        (None, rendering.nudge(row, zone), f"{row.dedupe_key}:nudge"),
    ):
        after = 0
        async with context.sessions() as session:
            payload_id = await outbox.store_payload(session, reply=reply)
            await session.commit()
        while True:
            async with context.sessions() as session:
                done = await releases.remind_batch(
                    session,
                    announcement_id=row.id,
                    payload_id=payload_id,
                    answer=answer,
                    dedupe_key=key,
                    after_id=after,
                    limit=BATCH,
                )
                if done is None:
                    break
                await session.commit()
            count, after = done
            queued += count
    return queued
