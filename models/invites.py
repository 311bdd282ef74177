"""Invite links: a code that pre-fills a registration (category, organisation, unit, team),
expires, has a use limit and may approve the registration by itself."""

from __future__ import annotations

import secrets
from datetime import datetime
from enum import StrEnum

from sqlalchemy import or_, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import Field, SQLModel, col, select

from models.base import session_now, utcnow
from models.scopes import Scope


class Invite(SQLModel, table=True):
    """One invite link created by a coordinator or admin."""

    __tablename__ = "invites"

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=24, unique=True)
    created_by: int = Field(index=True)
    category: str | None = Field(default=None, max_length=40)
    organisation_id: int | None = None
    unit_catalog: str | None = Field(default=None, max_length=8)
    unit_code: str | None = Field(default=None, max_length=10)
    team_id: int | None = None
    auto_approve: bool = False
    max_uses: int = 1
    uses: int = 0
    expires_at: datetime
    revoked_at: datetime | None = None
    created_at: datetime = Field(default_factory=utcnow)


class InviteProblem(StrEnum):
    """Why an invite code cannot be used."""

    UNKNOWN = "unknown"
    REVOKED = "revoked"
    EXPIRED = "expired"
    USED_UP = "used_up"


def new_code() -> str:
    """A random code fit for a Telegram deep link (letters, digits, - and _)."""
    return secrets.token_urlsafe(8)


async def create(
    session: AsyncSession,
    *,
    created_by: int,
    expires_at: datetime,
    max_uses: int,
    auto_approve: bool,
    category: str | None = None,
    organisation_id: int | None = None,
    unit_catalog: str | None = None,
    unit_code: str | None = None,
    team_id: int | None = None,
) -> Invite:
    """Create an invite (callers check the creator's scope and write the audit entry)."""
    invite = Invite(
        code=new_code(),
        created_by=created_by,
        category=category,
        organisation_id=organisation_id,
        unit_catalog=unit_catalog,
        unit_code=unit_code,
        team_id=team_id,
        auto_approve=auto_approve,
        max_uses=max_uses,
        expires_at=expires_at,
        created_at=session_now(session),
    )
    session.add(invite)
    await session.flush()
    return invite


async def find(session: AsyncSession, *, code: str) -> Invite | None:
    """The invite with this code, whatever its state."""
    result = await session.execute(select(Invite).where(Invite.code == code.strip()))
    return result.scalar_one_or_none()


async def get(session: AsyncSession, *, invite_id: int) -> Invite | None:
    """One invite by id."""
    return await session.get(Invite, invite_id)


def problem(invite: Invite | None, now: datetime) -> InviteProblem | None:
    """Why the invite cannot be used now, or None if it can."""
    if invite is None:
        return InviteProblem.UNKNOWN
    if invite.revoked_at is not None:
        return InviteProblem.REVOKED
    if invite.expires_at <= now:
        return InviteProblem.EXPIRED
    if invite.uses >= invite.max_uses:
        return InviteProblem.USED_UP
    return None


async def redeem(session: AsyncSession, *, invite_id: int, now: datetime) -> bool:
    """Count one use, atomically and only if the invite is still usable; tell if it was."""
    result = await session.execute(
        update(Invite)
        .where(
            col(Invite.id) == invite_id,
            col(Invite.revoked_at).is_(None),
            col(Invite.expires_at) > now,
            col(Invite.uses) < col(Invite.max_uses),
        )
        .values(uses=col(Invite.uses) + 1)
        .execution_options(synchronize_session=False)
    )
    invite = await session.get(Invite, invite_id)
    if invite is not None:
        await session.refresh(invite)
    return bool(getattr(result, "rowcount", 0))


async def revoke(session: AsyncSession, *, invite: Invite, now: datetime) -> None:
    """Stop an invite from being used."""
    invite.revoked_at = now
    session.add(invite)
    await session.flush()


async def usable_for(
    session: AsyncSession, *, scope: Scope, member_id: int, now: datetime
) -> list[Invite]:
    """Usable invites the member created or whose unit lies in their scope, newest first."""
    query = select(Invite).where(
        col(Invite.revoked_at).is_(None),
        col(Invite.expires_at) > now,
        col(Invite.uses) < col(Invite.max_uses),
    )
    if scope.codes is not None:
        query = query.where(
            or_(
                col(Invite.created_by) == member_id,
                (col(Invite.unit_catalog) == scope.catalog)
                & col(Invite.unit_code).in_(sorted(scope.codes)),
            )
        )
    result = await session.execute(query.order_by(col(Invite.id).desc()))
    return list(result.scalars())
