"""Announcements (trainings, network meetings, workshops, general notices), their recipients,
acknowledgements and attendance answers (RSVP).

An announcement is released at its send time: its audience is streamed from the members
table in batches, each batch becoming recipient rows and outbox rows in one transaction,
with a cursor so that a release interrupted half-way resumes where it stopped. The
outbox rows carry the dedupe key `ann:<id>`, so a member is never queued twice.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import UniqueConstraint, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import Field, SQLModel, col, select

from models.base import session_now, utcnow
from models.outbox import insert_for


class AnnouncementKind(StrEnum):
    """What is being announced."""

    TRAINING = "training"
    MEETING = "meeting"
    WORKSHOP = "workshop"
    NOTICE = "notice"


# Kinds that take place at a time and a place (and may ask who will attend).
EVENT_KINDS = frozenset(
    {AnnouncementKind.TRAINING, AnnouncementKind.MEETING, AnnouncementKind.WORKSHOP}
)


class AnnouncementState(StrEnum):
    """Where an announcement stands."""

    SCHEDULED = "scheduled"
    RELEASING = "releasing"
    SENT = "sent"
    CANCELLED = "cancelled"


class Answer(StrEnum):
    """An attendance answer."""

    YES = "yes"
    NO = "no"


class AnnouncementFile(SQLModel, table=True):
    """A photo or document someone uploaded: attached to an announcement, or sent as the
    evidence of a check-in answer (`checkin_answers.evidence_file_id`)."""

    __tablename__ = "announcement_files"

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=16)
    filename: str = Field(max_length=200)
    mime_type: str = Field(max_length=100)
    content: bytes
    uploaded_by: int | None = None
    created_at: datetime = Field(default_factory=utcnow, index=True)


class Announcement(SQLModel, table=True):
    """One announcement and its delivery plan."""

    __tablename__ = "announcements"

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=16)
    title: str = Field(max_length=200)
    body: str = Field(max_length=4096)
    author_member_id: int = Field(foreign_key="members.id", index=True)
    audience: str = Field(default="{}")
    attachment_id: int | None = Field(default=None, foreign_key="announcement_files.id")
    event_at: datetime | None = None
    place: str | None = Field(default=None, max_length=300)
    rsvp: bool = False
    corrects_id: int | None = Field(default=None, foreign_key="announcements.id", index=True)
    state: str = Field(default=AnnouncementState.SCHEDULED, max_length=16, index=True)
    send_at: datetime
    urgent: bool = False
    payload_id: int | None = None
    file_payload_id: int | None = None
    cursor: int = 0
    recipients: int = 0
    released_at: datetime | None = None
    finished_at: datetime | None = None
    cancelled_at: datetime | None = None
    reminded_at: datetime | None = None
    created_at: datetime = Field(default_factory=utcnow)

    @property
    def dedupe_key(self) -> str:
        """The outbox key of this announcement's messages."""
        return dedupe_key_of(self.id or 0)

    def audience_spec(self) -> dict[str, Any]:
        """The stored audience (see models.audience.Audience)."""
        data: dict[str, Any] = json.loads(self.audience or "{}")
        return data


class Recipient(SQLModel, table=True):
    """One member an announcement went to, with their acknowledgement and answer."""

    __tablename__ = "announcement_recipients"
    __table_args__ = (UniqueConstraint("announcement_id", "member_id"),)

    id: int | None = Field(default=None, primary_key=True)
    announcement_id: int = Field(foreign_key="announcements.id")
    member_id: int = Field(foreign_key="members.id", index=True)
    unit_catalog: str | None = Field(default=None, max_length=8)
    unit_code: str | None = Field(default=None, max_length=10)
    reached: bool = True
    acked_at: datetime | None = None
    answer: str | None = Field(default=None, max_length=8)
    reason: str | None = Field(default=None, max_length=300)
    answered_at: datetime | None = None
    kept_delivery: str | None = Field(default=None, max_length=16)
    """The best delivery state of this member's outbox rows purged by retention (sent,
    failed, unreachable); the reports combine it with the rows still kept."""
    kept_channel: str | None = Field(default=None, max_length=16)
    """The messenger (telegram, zalo, webchat) of the purged row that gave `kept_delivery`
    (None for rows purged before it was kept)."""


def dedupe_key_of(announcement_id: int) -> str:
    """The outbox key `ann:<id>` of an announcement's messages."""
    return f"ann:{announcement_id}"


def announcement_of(dedupe_key: str | None) -> int | None:
    """The announcement an outbox dedupe key `ann:<id>` belongs to (None for other keys)."""
    prefix, _, number = (dedupe_key or "").partition(":")
    return int(number) if prefix == "ann" and number.isdigit() else None


@dataclass(frozen=True)
class Draft:
    """Everything a coordinator composed, ready to be saved."""

    kind: str
    title: str
    body: str
    author_member_id: int
    audience: dict[str, Any]
    send_at: datetime
    event_at: datetime | None = None
    place: str | None = None
    rsvp: bool = False
    attachment_id: int | None = None
    urgent: bool = False
    corrects_id: int | None = None


async def save_file(
    session: AsyncSession,
    *,
    kind: str,
    filename: str,
    mime_type: str,
    content: bytes,
    uploaded_by: int | None,
) -> int:
    """Keep an uploaded photo or document; return its id."""
    row = AnnouncementFile(
        kind=kind,
        filename=filename[:200],
        mime_type=mime_type[:100],
        content=content,
        uploaded_by=uploaded_by,
        created_at=session_now(session),
    )
    session.add(row)
    await session.flush()
    assert row.id is not None
    return row.id


async def get_file(session: AsyncSession, *, file_id: int) -> AnnouncementFile | None:
    """One attachment by id."""
    return await session.get(AnnouncementFile, file_id)


async def create(session: AsyncSession, *, draft: Draft) -> Announcement:
    """Save an announcement, to be released by the job at its send time."""
    row = Announcement(
        kind=draft.kind,
        title=draft.title,
        body=draft.body,
        author_member_id=draft.author_member_id,
        audience=json.dumps(draft.audience, ensure_ascii=False, sort_keys=True),
        attachment_id=draft.attachment_id,
        event_at=draft.event_at,
        place=draft.place,
        rsvp=draft.rsvp,
        corrects_id=draft.corrects_id,
        send_at=draft.send_at,
        urgent=draft.urgent,
        created_at=session_now(session),
    )
    session.add(row)
    await session.flush()
    return row


async def get(session: AsyncSession, *, announcement_id: int) -> Announcement | None:
    """One announcement by id."""
    return await session.get(Announcement, announcement_id)


async def recent(
    session: AsyncSession, *, author_member_id: int | None, limit: int = 10, offset: int = 0
) -> list[Announcement]:
    """The latest announcements of one author (all authors when None), newest first."""
    query = select(Announcement).order_by(col(Announcement.id).desc()).limit(limit).offset(offset)
    if author_member_id is not None:
        query = query.where(Announcement.author_member_id == author_member_id)
    return list((await session.execute(query)).scalars())


async def cancel_scheduled(session: AsyncSession, *, announcement_id: int, now: datetime) -> bool:
    """Cancel an announcement not released yet; False if it already went out."""
    result = await session.execute(
        update(Announcement)
        .where(
            col(Announcement.id) == announcement_id,
            col(Announcement.state) == AnnouncementState.SCHEDULED,
        )
        .values(state=AnnouncementState.CANCELLED, cancelled_at=now)
        .execution_options(synchronize_session=False)
    )
    return bool(getattr(result, "rowcount", 0))


async def due(session: AsyncSession, *, now: datetime, limit: int = 20) -> list[Announcement]:
    """Announcements whose send time has come and whose release is not finished."""
    result = await session.execute(
        select(Announcement)
        .where(
            col(Announcement.state).in_(
                [AnnouncementState.SCHEDULED, AnnouncementState.RELEASING]
            ),
            col(Announcement.send_at) <= now,
        )
        .order_by(col(Announcement.send_at), col(Announcement.id))
        .limit(limit)
    )
    return list(result.scalars())


async def recipient(
    session: AsyncSession, *, announcement_id: int, member_id: int
) -> Recipient | None:
    """The recipient row of one member for one announcement."""
    result = await session.execute(
        select(Recipient).where(
            Recipient.announcement_id == announcement_id, Recipient.member_id == member_id
        )
    )
    return result.scalar_one_or_none()


async def received_by(
    session: AsyncSession, *, member_id: int, limit: int = 8
) -> list[tuple[Announcement, Recipient]]:
    """The latest announcements released to one member, with their recipient row, newest
    first."""
    result = await session.execute(
        select(Announcement, Recipient)
        .join(Recipient, col(Recipient.announcement_id) == col(Announcement.id))
        .where(
            col(Recipient.member_id) == member_id,
            col(Announcement.state) != AnnouncementState.CANCELLED,
        )
        .order_by(col(Recipient.id).desc())
        .limit(limit)
    )
    return [(row[0], row[1]) for row in result.all()]


async def acknowledge(session: AsyncSession, *, row: Recipient, now: datetime) -> bool:
    """Record that a member received the announcement; False if already recorded."""
    if row.acked_at is not None:
        return False
    row.acked_at = now
    session.add(row)
    await session.flush()
    return True


async def answer(session: AsyncSession, *, row: Recipient, answer: Answer, now: datetime) -> None:
    """Record (or change) an attendance answer; answering implies having received it."""
    row.answer = answer
    row.answered_at = now
    if answer == Answer.YES:
        row.reason = None
    if row.acked_at is None:
        row.acked_at = now
    session.add(row)
    await session.flush()


async def give_reason(session: AsyncSession, *, row: Recipient, reason: str | None) -> None:
    """Keep why a member will not attend."""
    row.reason = reason[:300] if reason else None
    session.add(row)
    await session.flush()


async def add_recipients(
    session: AsyncSession,
    *,
    announcement_id: int,
    people: list[tuple[int, str | None, str | None]],
    reached: set[int],
) -> int:
    """Record one batch of recipients (member id, unit catalog, unit code); members already
    recorded are skipped. Return how many were new."""
    if not people:
        return 0
    rows = [
        {
            "announcement_id": announcement_id,
            "member_id": member_id,
            "unit_catalog": catalog,
            "unit_code": code,
            "reached": member_id in reached,
        }
        for member_id, catalog, code in people
    ]
    statement = (
        insert_for(session, Recipient)
        .on_conflict_do_nothing(index_elements=["announcement_id", "member_id"])
        .returning(col(Recipient.id))
    )
    return len((await session.execute(statement, rows)).all())


async def recipients_batch(
    session: AsyncSession,
    *,
    announcement_id: int,
    after_id: int,
    limit: int,
    answer: str | None,
) -> list[Recipient]:
    """The next reached recipients after `after_id` with this answer (None: not answered)."""
    query = select(Recipient).where(
        Recipient.announcement_id == announcement_id,
        col(Recipient.id) > after_id,
        col(Recipient.reached).is_(True),
    )
    if answer is None:
        query = query.where(col(Recipient.answer).is_(None))
    else:
        query = query.where(Recipient.answer == answer)
    result = await session.execute(query.order_by(col(Recipient.id)).limit(limit))
    return list(result.scalars())


async def awaiting_reminder(
    session: AsyncSession, *, remind_from: datetime, until: datetime
) -> list[Announcement]:
    """Released announcements with attendance answers whose event falls between the two
    moments and whose reminders have not gone out yet."""
    result = await session.execute(
        select(Announcement).where(
            col(Announcement.rsvp).is_(True),
            col(Announcement.state) == AnnouncementState.SENT,
            col(Announcement.reminded_at).is_(None),
            col(Announcement.event_at) > remind_from,
            col(Announcement.event_at) <= until,
        )
    )
    return list(result.scalars())
