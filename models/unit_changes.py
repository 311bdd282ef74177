"""A member's request to move to another unit: it waits for a coordinator's approval while
the member keeps working from the old unit."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import Field, SQLModel, col, select

from models import audit, outbox
from models.base import utcnow
from models.members import Member
from models.scopes import Scope


class ChangeStatus(StrEnum):
    """Where a unit change request stands."""

    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    CANCELLED = "cancelled"


class UnitChangeRequest(SQLModel, table=True):
    """A member asks to move from one unit to another."""

    __tablename__ = "unit_change_requests"

    id: int | None = Field(default=None, primary_key=True)
    member_id: int = Field(foreign_key="members.id", index=True)
    from_catalog: str | None = Field(default=None, max_length=8)
    from_code: str | None = Field(default=None, max_length=10)
    to_catalog: str = Field(max_length=8)
    to_code: str = Field(max_length=10)
    organisation_id: int | None = None
    status: str = Field(default=ChangeStatus.PENDING, max_length=16, index=True)
    reason: str | None = Field(default=None, max_length=200)
    created_at: datetime = Field(default_factory=utcnow)
    decided_at: datetime | None = None
    decided_by: int | None = None


async def get(session: AsyncSession, *, request_id: int) -> UnitChangeRequest | None:
    """One request by id."""
    return await session.get(UnitChangeRequest, request_id)


async def pending_of(session: AsyncSession, *, member_id: int) -> UnitChangeRequest | None:
    """The member's open request, if any."""
    result = await session.execute(
        select(UnitChangeRequest).where(
            UnitChangeRequest.member_id == member_id,
            UnitChangeRequest.status == ChangeStatus.PENDING,
        )
    )
    return result.scalars().first()


async def request(
    session: AsyncSession,
    *,
    member: Member,
    to_catalog: str,
    to_code: str,
    organisation_id: int | None,
    now: datetime,
) -> UnitChangeRequest:
    """Open a request (replacing an open one) and write it to the audit log."""
    assert member.id is not None
    old = await pending_of(session, member_id=member.id)
    if old is not None:
        old.status = ChangeStatus.CANCELLED
        old.decided_at = now
        session.add(old)
    row = UnitChangeRequest(
        member_id=member.id,
        from_catalog=member.unit_catalog,
        from_code=member.unit_code,
        to_catalog=to_catalog,
        to_code=to_code,
        organisation_id=organisation_id,
        created_at=now,
    )
    session.add(row)
    await session.flush()
    await audit.record(
        session,
        action="unit_change.request",
        actor_member_id=member.id,
        actor_label="self",
        target_member_id=member.id,
        details={"from": [row.from_catalog, row.from_code], "to": [to_catalog, to_code]},
    )
    return row


def request_prefix(request_id: int) -> str:
    """The start of the outbox key of every approval request about one unit change."""
    return f"unit-change:{request_id}:"


def request_key(*, request_id: int, decider_id: int) -> str:
    """The outbox key of one unit change request to one decider."""
    return f"{request_prefix(request_id)}{decider_id}"


async def decide(
    session: AsyncSession,
    *,
    change: UnitChangeRequest,
    member: Member,
    approve: bool,
    by: int,
    reason: str | None,
    now: datetime,
) -> None:
    """Apply or refuse a request; an applied move leaves a team of the old commune."""
    change.status = ChangeStatus.APPROVED if approve else ChangeStatus.REJECTED
    change.decided_at = now
    change.decided_by = by
    change.reason = reason[:200] if reason else None
    session.add(change)
    if approve:
        member.unit_catalog = change.to_catalog
        member.unit_code = change.to_code
        if change.organisation_id is not None:
            member.organisation_id = change.organisation_id
        member.team_id = None
        member.updated_at = now
        session.add(member)
    await session.flush()
    if change.id is not None:
        await outbox.cancel_prefix(session, prefix=request_prefix(change.id))
    await audit.record(
        session,
        action="unit_change.approve" if approve else "unit_change.reject",
        actor_member_id=by,
        actor_label="chat",
        target_member_id=member.id,
        details={"request": change.id, "reason": reason} if reason else {"request": change.id},
    )


async def pending_in_scope(
    session: AsyncSession, *, scope: Scope, limit: int = 5
) -> list[UnitChangeRequest]:
    """Open requests whose old or new unit lies in the scope, oldest first."""
    result = await session.execute(
        select(UnitChangeRequest)
        .where(UnitChangeRequest.status == ChangeStatus.PENDING)
        .order_by(col(UnitChangeRequest.id))
    )
    rows = [
        row
        for row in result.scalars()
        if scope.covers_unit(row.to_catalog, row.to_code)
        or scope.covers_unit(row.from_catalog, row.from_code)
    ]
    return rows[:limit]


async def of_member(session: AsyncSession, *, member_id: int) -> list[UnitChangeRequest]:
    """Every request a member made, oldest first."""
    result = await session.execute(
        select(UnitChangeRequest)
        .where(UnitChangeRequest.member_id == member_id)
        .order_by(col(UnitChangeRequest.id))
    )
    return list(result.scalars())
