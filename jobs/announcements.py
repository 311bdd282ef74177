"""Releasing announcements whose time has come, and the eve-of-event reminders and nudges.

Both are sweeps over the database: the release streams the audience in batches into the
outbox with a cursor (a release cut short resumes where it stopped); reminders use outbox
dedupe keys, so running either twice never sends anything twice.
"""

from __future__ import annotations

import dataclasses
import logging
from datetime import datetime, time, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from handlers.broadcast import message
from jobs.context import JobContext
from models import announcements, audience, members, outbox, scopes
from models.announcements import Announcement, AnnouncementState, Answer
from models.audience import Audience

log = logging.getLogger(__name__)

BATCH = 500
REMIND_AT = time(8, 0)
REMIND_LEAD = timedelta(hours=1)
ANNOUNCEMENT_KIND = "announcement"
REMINDER_KIND = "reminder"


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
    while True:
        async with context.sessions() as session:
            row = await announcements.get(session, announcement_id=announcement_id)
            if row is None or row.state not in (
                AnnouncementState.SCHEDULED,
                AnnouncementState.RELEASING,
            ):
                return added
            scope = await _sender_scope(session, row)
            if scope is None:
                row.state = AnnouncementState.CANCELLED
                row.cancelled_at = context.services.clock()
                session.add(row)
                await session.commit()
                log.warning("announcement %s cancelled: its sender may no longer send", row.id)
                return added
            if row.state == AnnouncementState.SCHEDULED:
                await _prepare(session, row, context)
            finished, count = await _next_batch(session, row, scope, batch_size, context)
            await session.commit()
        added += count
        _wake(context)
        if finished:
            log.info("announcement %s queued for %d recipients", announcement_id, row.recipients)
            return added


async def _sender_scope(session: AsyncSession, row: Announcement) -> scopes.Scope | None:
    author = await members.get_member(session, member_id=row.author_member_id)
    scope = scopes.of(author)
    return None if scope == scopes.NOTHING else scope


async def _prepare(session: AsyncSession, row: Announcement, context: JobContext) -> None:
    """Store the message once, the first time the announcement is picked up."""
    zone = context.services.config.zone
    author = await members.get_member(session, member_id=row.author_member_id)
    original = None
    if row.corrects_id is not None:
        original = await announcements.get(session, announcement_id=row.corrects_id)
    file = None
    if row.attachment_id is not None:
        file = await announcements.get_file(session, file_id=row.attachment_id)
    content = message.content_of(
        row, zone, author=author.full_name if author else None, original=original
    )
    rsvp_open = original is None or (
        original.event_at is not None and original.event_at > context.services.clock()
    )
    if not rsvp_open:
        content = dataclasses.replace(content, rsvp=False)
    parts = message.replies(content, file, rsvp_id=row.corrects_id)
    if len(parts) == 2:
        row.file_payload_id = await outbox.store_payload(session, reply=parts[0])
    row.payload_id = await outbox.store_payload(session, reply=parts[-1])
    row.state = AnnouncementState.RELEASING
    row.released_at = context.services.clock()
    session.add(row)
    await session.flush()


async def _next_batch(
    session: AsyncSession,
    row: Announcement,
    scope: scopes.Scope,
    batch_size: int,
    context: JobContext,
) -> tuple[bool, int]:
    assert row.id is not None and row.payload_id is not None
    if row.corrects_id is not None:
        people = await audience.batch_of_recipients(
            session, announcement_id=row.corrects_id, after_id=row.cursor, limit=batch_size
        )
    else:
        spec = Audience.from_json(
            row.audience_spec(), catalog=context.services.config.units.catalog
        )
        people = await audience.batch(
            session, audience=spec, scope=scope, after_id=row.cursor, limit=batch_size
        )
    if not people:
        row.state = AnnouncementState.SENT
        row.finished_at = context.services.clock()
        session.add(row)
        return True, 0
    ids = [person.member_id for person in people]
    parts = [(row.payload_id, row.dedupe_key)]
    if row.file_payload_id is not None:
        parts.insert(0, (row.file_payload_id, f"{row.dedupe_key}:file"))
    reached: set[int] = set()
    for payload_id, key in parts:
        reached = await outbox.enqueue_many(
            session,
            member_ids=ids,
            payload_id=payload_id,
            priority=outbox.PRIORITY_BULK,
            kind=ANNOUNCEMENT_KIND,
            dedupe_key=key,
            urgent=row.urgent,
        )
    added = await announcements.add_recipients(
        session,
        announcement_id=row.id,
        people=[(p.member_id, p.unit_catalog, p.unit_code) for p in people],
        reached=reached,
    )
    row.cursor = people[-1].member_id
    row.recipients += added
    session.add(row)
    return False, added


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
            fresh = await announcements.get(session, announcement_id=row.id)
            if fresh is not None:
                fresh.reminded_at = now
                session.add(fresh)
            await session.commit()
    if queued:
        _wake(context)
    return queued


async def _remind(context: JobContext, row: Announcement) -> int:
    assert row.id is not None
    zone = context.services.config.zone
    queued = 0
    for answer, reply, key in (
        (Answer.YES, message.reminder(row, zone), f"{row.dedupe_key}:eve"),
        (None, message.nudge(row, zone), f"{row.dedupe_key}:nudge"),
    ):
        after = 0
        async with context.sessions() as session:
            payload_id = await outbox.store_payload(session, reply=reply)
            await session.commit()
        while True:
            async with context.sessions() as session:
                batch = await announcements.recipients_batch(
                    session, announcement_id=row.id, after_id=after, limit=BATCH, answer=answer
                )
                if not batch:
                    break
                await outbox.enqueue_many(
                    session,
                    member_ids=[r.member_id for r in batch],
                    payload_id=payload_id,
                    priority=outbox.PRIORITY_NOTIFICATION,
                    kind=REMINDER_KIND,
                    dedupe_key=key,
                )
                await session.commit()
            queued += len(batch)
            after = batch[-1].id or after
    return queued
