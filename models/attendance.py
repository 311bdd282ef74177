"""Who actually came to a training: after it started, its sender or a coordinator in scope
confirms attendance per person. Until someone confirms, the answer "Tham gia" stands for
having come; once a person's attendance is confirmed, the confirmation counts instead.

One row per announcement × member, with who confirmed and when. Confirming the sheet writes
a row for every recipient in the confirmer's scope (present if they answered "Tham gia"), so
the confirmed list is complete for that scope; a toggle then flips one person.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, UniqueConstraint, and_, case, false, func, select, true
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import Field, SQLModel, col

from models.announcements import (
    Announcement,
    AnnouncementKind,
    AnnouncementState,
    Answer,
    Recipient,
)
from models.members import Member
from models.outbox_payloads import insert_for
from models.scopes import Scope


class AttendanceConfirmation(SQLModel, table=True):
    """Whether one recipient of a training came, as a coordinator confirmed it."""

    __tablename__ = "attendance_confirmations"
    __table_args__ = (UniqueConstraint("announcement_id", "member_id"),)

    id: int | None = Field(default=None, primary_key=True)
    announcement_id: int = Field(foreign_key="announcements.id")
    member_id: int = Field(foreign_key="members.id", index=True)
    present: bool
    confirmed_by: int | None = None
    confirmed_at: datetime


@dataclass(frozen=True)
class PresenceRow:
    """One recipient on the confirmation sheet."""

    member_id: int
    name: str
    unit_catalog: str | None
    unit_code: str | None
    answer: str | None
    present: bool
    confirmed: bool


@dataclass(frozen=True)
class SheetState:
    """How far the confirmation of one training has gone, in one scope."""

    recipients: int
    present: int
    confirmed: int
    last_by: int | None
    last_at: datetime | None


def is_open(row: Announcement, now: datetime) -> bool:
    """Tell whether attendance of this announcement may be confirmed: a training that went
    out and has started."""
    return (
        row.kind == AnnouncementKind.TRAINING
        and row.state in (AnnouncementState.SENT, AnnouncementState.RELEASING)
        and row.event_at is not None
        and row.event_at <= now
    )


def recipient_filter(scope: Scope) -> ColumnElement[bool]:
    """A WHERE clause selecting the recipients whose unit lies inside `scope`."""
    if scope.codes is None:
        return true()
    if not scope.codes:
        return false()
    return and_(
        col(Recipient.unit_catalog) == scope.catalog,
        col(Recipient.unit_code).in_(sorted(scope.codes)),
    )


def _joined(announcement_id: int, scope: Scope) -> tuple[ColumnElement[bool], ...]:
    return (col(Recipient.announcement_id) == announcement_id, recipient_filter(scope))


def _confirmation_join() -> ColumnElement[bool]:
    return and_(
        col(AttendanceConfirmation.announcement_id) == col(Recipient.announcement_id),
        col(AttendanceConfirmation.member_id) == col(Recipient.member_id),
    )


def _present() -> ColumnElement[bool]:
    """Present: the confirmation if there is one, else the answer "Tham gia"."""
    return case(
        (col(AttendanceConfirmation.id).is_not(None), col(AttendanceConfirmation.present)),
        else_=col(Recipient.answer) == Answer.YES,
    )


async def sheet_page(
    session: AsyncSession, *, announcement_id: int, scope: Scope, limit: int, offset: int
) -> list[PresenceRow]:
    """One page of the recipients in scope, by name, with whether they came."""
    query = (
        select(
            col(Member.id),
            col(Member.full_name),
            col(Recipient.unit_catalog),
            col(Recipient.unit_code),
            col(Recipient.answer),
            _present(),
            col(AttendanceConfirmation.id).is_not(None),
        )
        .join(Member, col(Member.id) == col(Recipient.member_id))
        .outerjoin(AttendanceConfirmation, _confirmation_join())
        .where(*_joined(announcement_id, scope))
        .order_by(col(Member.full_name), col(Member.id))
        .limit(limit)
        .offset(offset)
    )
    return [
        PresenceRow(int(mid or 0), name, cat, code, answer, bool(present), bool(confirmed))
        for mid, name, cat, code, answer, present, confirmed in (
            await session.execute(query)
        ).all()
    ]


async def state(session: AsyncSession, *, announcement_id: int, scope: Scope) -> SheetState:
    """How many recipients in scope, how many came, how many are confirmed, and the last
    confirmation."""
    query = (
        select(
            func.count(),
            func.sum(case((_present(), 1), else_=0)),
            func.count(col(AttendanceConfirmation.id)),
            func.max(col(AttendanceConfirmation.confirmed_at)),
        )
        .select_from(Recipient)
        .outerjoin(AttendanceConfirmation, _confirmation_join())
        .where(*_joined(announcement_id, scope))
    )
    total, present, confirmed, last_at = (await session.execute(query)).one()
    last_by = None
    if last_at is not None:
        latest = await session.execute(
            select(
                col(AttendanceConfirmation.confirmed_by), col(AttendanceConfirmation.confirmed_at)
            )
            .join(Recipient, _confirmation_join())
            .where(*_joined(announcement_id, scope))
            .order_by(col(AttendanceConfirmation.confirmed_at).desc())
            .limit(1)
        )
        row = latest.first()
        last_by, last_at = (row[0], row[1]) if row else (None, last_at)
    return SheetState(int(total), int(present or 0), int(confirmed), last_by, last_at)


async def confirm_all(
    session: AsyncSession, *, announcement_id: int, scope: Scope, by: int | None, now: datetime
) -> int:
    """Confirm every recipient in scope not confirmed yet, as they answered (Tham gia =
    present); return how many rows were written."""
    pending = await session.execute(
        select(col(Recipient.member_id), col(Recipient.answer))
        .outerjoin(AttendanceConfirmation, _confirmation_join())
        .where(*_joined(announcement_id, scope), col(AttendanceConfirmation.id).is_(None))
    )
    rows = [
        {
            "announcement_id": announcement_id,
            "member_id": int(member_id),
            "present": answer == Answer.YES,
            "confirmed_by": by,
            "confirmed_at": now,
        }
        for member_id, answer in pending.all()
    ]
    if not rows:
        return 0
    statement = insert_for(session, AttendanceConfirmation).on_conflict_do_nothing(
        index_elements=["announcement_id", "member_id"]
    )
    await session.execute(statement, rows)
    return len(rows)


async def toggle(
    session: AsyncSession,
    *,
    announcement_id: int,
    member_id: int,
    scope: Scope,
    by: int | None,
    now: datetime,
) -> bool | None:
    """Flip whether one recipient in scope came (confirming the sheet first); return the new
    value, or None if they are not a recipient in this scope."""
    inside = await session.execute(
        select(col(Recipient.id)).where(
            *_joined(announcement_id, scope), col(Recipient.member_id) == member_id
        )
    )
    if inside.first() is None:
        return None
    await confirm_all(session, announcement_id=announcement_id, scope=scope, by=by, now=now)
    row = (
        await session.execute(
            select(AttendanceConfirmation).where(
                col(AttendanceConfirmation.announcement_id) == announcement_id,
                col(AttendanceConfirmation.member_id) == member_id,
            )
        )
    ).scalar_one()
    row.present = not row.present
    row.confirmed_by = by
    row.confirmed_at = now
    session.add(row)
    await session.flush()
    return row.present


async def open_trainings(
    session: AsyncSession, *, scope: Scope, now: datetime, since: datetime, limit: int = 8
) -> list[Announcement]:
    """Trainings since `since` that have started and have recipients in scope, latest first."""
    has_recipient = (
        select(col(Recipient.id))
        .where(col(Recipient.announcement_id) == col(Announcement.id), recipient_filter(scope))
        .exists()
    )
    result = await session.execute(
        select(Announcement)
        .where(
            col(Announcement.kind) == AnnouncementKind.TRAINING,
            col(Announcement.state).in_([AnnouncementState.SENT, AnnouncementState.RELEASING]),
            col(Announcement.event_at) <= now,
            col(Announcement.event_at) >= since,
            has_recipient,
        )
        .order_by(col(Announcement.event_at).desc(), col(Announcement.id).desc())
        .limit(limit)
    )
    return list(result.scalars())
