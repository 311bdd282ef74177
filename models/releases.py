"""Releasing an announcement to its audience and queueing its reminders: the state changes
and outbox rows behind the release and reminder jobs (the jobs only decide when, render and
commit).

A release streams the audience in batches with a cursor kept on the announcement, so one
cut short resumes where it stopped; every outbox row carries a dedupe key, so running a
step twice never queues anything twice.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from bot.events import Reply
from models import announcements, audience, members, outbox, scopes
from models.announcement_reports import in_scope
from models.announcements import Announcement, AnnouncementState, Answer, Recipient
from models.audience import Audience
from models.outbox import MessageKind, OutboxMessage

ANNOUNCEMENT_KIND = "announcement"
REMINDER_KIND = "reminder"
CHASE_KIND = "chase"
RELEASABLE = (AnnouncementState.SCHEDULED, AnnouncementState.RELEASING)


async def releasable(session: AsyncSession, *, announcement_id: int) -> Announcement | None:
    """The announcement if it is scheduled or half released, else None."""
    row = await announcements.get(session, announcement_id=announcement_id)
    return row if row is not None and row.state in RELEASABLE else None


async def author_scope(session: AsyncSession, *, row: Announcement) -> scopes.Scope | None:
    """The scope the author covers now; None if they no longer cover anything."""
    author = await members.get_member(session, member_id=row.author_member_id)
    scope = scopes.of(author)
    return None if scope == scopes.NOTHING else scope


async def cancel(session: AsyncSession, *, row: Announcement, now: datetime) -> None:
    """Cancel an announcement whose author may no longer send it."""
    row.state = AnnouncementState.CANCELLED
    row.cancelled_at = now
    session.add(row)


async def start(
    session: AsyncSession, *, row: Announcement, replies: Sequence[Reply], now: datetime
) -> None:
    """Store the message once (the file first when it goes apart) and mark the release begun."""
    if len(replies) == 2:
        row.file_payload_id = await outbox.store_payload(session, reply=replies[0])
    row.payload_id = await outbox.store_payload(session, reply=replies[-1])
    row.state = AnnouncementState.RELEASING
    row.released_at = now
    session.add(row)
    await session.flush()


async def next_batch(
    session: AsyncSession,
    *,
    row: Announcement,
    scope: scopes.Scope,
    catalog: str,
    batch_size: int,
    now: datetime,
) -> tuple[bool, int]:
    """Queue the next batch of the audience; return (finished, recipients added)."""
    assert row.id is not None and row.payload_id is not None
    if row.corrects_id is not None:
        people = await audience.batch_of_recipients(
            session, announcement_id=row.corrects_id, after_id=row.cursor, limit=batch_size
        )
    else:
        spec = Audience.from_json(row.audience_spec(), catalog=catalog)
        people = await audience.batch(
            session, audience=spec, scope=scope, after_id=row.cursor, limit=batch_size
        )
    if not people:
        row.state = AnnouncementState.SENT
        row.finished_at = now
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
            priority=outbox.SENDING[MessageKind.BULK].priority,
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


async def mark_reminded(session: AsyncSession, *, announcement_id: int, now: datetime) -> None:
    """Note that the eve reminder of an announcement was dealt with."""
    row = await announcements.get(session, announcement_id=announcement_id)
    if row is not None:
        row.reminded_at = now
        session.add(row)


async def remind_batch(
    session: AsyncSession,
    *,
    announcement_id: int,
    payload_id: int,
    answer: Answer | None,
    dedupe_key: str,
    after_id: int,
    limit: int,
) -> tuple[int, int] | None:
    """Queue a stored reminder for the next recipients (with this answer, or none yet) after
    `after_id`; return (how many, the last recipient row), None when there are no more."""
    batch = await announcements.recipients_batch(
        session, announcement_id=announcement_id, after_id=after_id, limit=limit, answer=answer
    )
    if not batch:
        return None
    await outbox.enqueue_many(
        session,
        member_ids=[r.member_id for r in batch],
        payload_id=payload_id,
        priority=outbox.SENDING[MessageKind.REMINDER].priority,
        kind=REMINDER_KIND,
        dedupe_key=dedupe_key,
    )
    return len(batch), batch[-1].id or after_id


def chase_key(row: Announcement) -> str:
    """The outbox key of the one reminder to those who have not answered: with the
    identity, unique per announcement × person, so pressing twice queues nothing new."""
    return f"{row.dedupe_key}:{CHASE_KIND}"


@dataclass(frozen=True)
class Chased:
    """What one batch of the reminder to those who have not answered did."""

    queued: int
    before: int
    waiting: int
    last_id: int


async def chase_batch(
    session: AsyncSession,
    *,
    row: Announcement,
    scope: scopes.Scope,
    payload_id: int,
    attendance_open: bool,
    after_id: int,
    limit: int,
) -> Chased | None:
    """Queue the reminder for the next reached recipients inside `scope` who have not
    acknowledged (or, while attendance is open, not answered) after `after_id`; None when
    there are no more."""
    assert row.id is not None
    pending: ColumnElement[bool] = col(Recipient.acked_at).is_(None)
    if attendance_open:
        pending = pending | col(Recipient.answer).is_(None)
    batch = list(
        (
            await session.execute(
                select(Recipient)
                .where(
                    col(Recipient.announcement_id) == row.id,
                    col(Recipient.id) > after_id,
                    col(Recipient.reached).is_(True),
                    in_scope(scope),
                    pending,
                )
                .order_by(col(Recipient.id))
                .limit(limit)
            )
        ).scalars()
    )
    if not batch:
        return None
    ids = [r.member_id for r in batch]
    key = chase_key(row)
    before = set(
        (
            await session.execute(
                select(OutboxMessage.member_id).where(
                    col(OutboxMessage.dedupe_key) == key, col(OutboxMessage.member_id).in_(ids)
                )
            )
        ).scalars()
    )
    sending = outbox.SENDING[MessageKind.REMINDER]
    queued = await outbox.enqueue_fresh(
        session,
        member_ids=ids,
        payload_id=payload_id,
        priority=sending.priority,
        kind=CHASE_KIND,
        dedupe_key=key,
        urgent=sending.through_quiet_hours,
    )
    fresh = queued - before
    return Chased(
        queued=len(fresh),
        before=len(before),
        waiting=len(batch),
        last_id=batch[-1].id or after_id,
    )
