"""One person on two messengers: one-time linking codes and the rule for joining identities.

A registered member asks for a code on one messenger and types it on another. The code has
six digits, lives ten minutes, allows five wrong tries and is stored only as a salted hash.
Wrong codes typed by an account that is not tied to a code are counted on that account:
five within the code lifetime and it must wait. Linking never merges two members that both
hold data; that is an admin's decision.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import Field, SQLModel, col, select

from models import audit
from models.members import ChannelIdentity, Member, MemberStatus, get_member, link_identity

CODE_DIGITS = 6
CODE_LIFETIME = timedelta(minutes=10)
CODE_TRIES = 5


class LinkCode(SQLModel, table=True):
    """A one-time code that ties another messenger account to a member."""

    __tablename__ = "link_codes"

    id: int | None = Field(default=None, primary_key=True)
    member_id: int = Field(foreign_key="members.id", index=True)
    identity_id: int = Field(foreign_key="channel_identities.id")
    salt: str = Field(max_length=32)
    code_hash: str = Field(max_length=64)
    expires_at: datetime = Field(index=True)
    tries_left: int = CODE_TRIES
    created_at: datetime


class LinkOutcome(StrEnum):
    """What typing a code led to."""

    LINKED = "linked"
    ALREADY = "already"
    WRONG = "wrong"
    TOO_MANY = "too_many"
    OTHER_MEMBER = "other_member"


@dataclass(frozen=True)
class Redeemed:
    """The outcome of a typed code, with the member and the identity that asked for it."""

    outcome: LinkOutcome
    member: Member | None = None
    issuer_identity_id: int | None = None


def looks_like_code(text: str) -> bool:
    """Tell whether a typed text is a linking code's shape (six digits)."""
    stripped = text.strip().replace(" ", "")
    return len(stripped) == CODE_DIGITS and stripped.isdigit()


def _hash(salt: str, code: str) -> str:
    return hmac.new(salt.encode(), code.encode(), hashlib.sha256).hexdigest()


def _matches(code: LinkCode, typed: str) -> bool:
    return hmac.compare_digest(code.code_hash, _hash(code.salt, typed))


def has_data(member: Member | None) -> bool:
    """Tell whether a member record still holds a person's data (not erased)."""
    return member is not None and member.status != MemberStatus.DELETED


async def issue(
    session: AsyncSession, *, member_id: int, identity_id: int, now: datetime
) -> tuple[str, datetime]:
    """Make a new code for a member (the earlier ones stop working); return it and its expiry."""
    await session.execute(delete(LinkCode).where(col(LinkCode.member_id) == member_id))
    code = f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"
    salt = secrets.token_hex(16)
    expires = now + CODE_LIFETIME
    session.add(
        LinkCode(
            member_id=member_id,
            identity_id=identity_id,
            salt=salt,
            code_hash=_hash(salt, code),
            expires_at=expires,
            created_at=now,
        )
    )
    await session.flush()
    return code, expires


async def _live_codes(
    session: AsyncSession, *, now: datetime, member_id: int | None
) -> list[LinkCode]:
    query = select(LinkCode).where(col(LinkCode.expires_at) > now, col(LinkCode.tries_left) > 0)
    if member_id is not None:
        query = query.where(col(LinkCode.member_id) == member_id)
    return list((await session.execute(query)).scalars())


def _blocked(identity: ChannelIdentity, now: datetime) -> bool:
    since = identity.link_failed_at
    if since is None or now - _aware(since) >= CODE_LIFETIME:
        identity.link_failures = 0
        return False
    return identity.link_failures >= CODE_TRIES


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


async def redeem(
    session: AsyncSession,
    *,
    identity: ChannelIdentity,
    code: str,
    now: datetime,
    for_member_id: int | None = None,
) -> Redeemed:
    """Check a typed code and, if it is right, tie this account to the code's member.

    `for_member_id` names the member the code was sent for (a second registration with the
    same phone), so wrong tries count on that code as well as on this account.
    """
    if _blocked(identity, now):
        return Redeemed(LinkOutcome.TOO_MANY)
    typed = code.strip().replace(" ", "")
    codes = await _live_codes(session, now=now, member_id=for_member_id)
    found = next((c for c in codes if _matches(c, typed)), None)
    if found is None:
        identity.link_failures += 1
        if identity.link_failures == 1 or identity.link_failed_at is None:
            identity.link_failed_at = now
        targeted = codes if for_member_id is not None else []
        for c in targeted:
            c.tries_left -= 1
            session.add(c)
        session.add(identity)
        await session.flush()
        blocked = identity.link_failures >= CODE_TRIES or any(c.tries_left <= 0 for c in targeted)
        return Redeemed(LinkOutcome.TOO_MANY if blocked else LinkOutcome.WRONG)
    member = await get_member(session, member_id=found.member_id)
    issuer = found.identity_id
    await session.delete(found)
    identity.link_failures = 0
    identity.link_failed_at = None
    if member is None or not has_data(member):
        await session.flush()
        return Redeemed(LinkOutcome.WRONG)
    if identity.member_id == member.id:
        await session.flush()
        return Redeemed(LinkOutcome.ALREADY, member, issuer)
    if identity.member_id is not None:
        current = await get_member(session, member_id=identity.member_id)
        if has_data(current):
            await audit.record(
                session,
                action="member.link_refused",
                actor_member_id=member.id,
                actor_label="self",
                target_member_id=identity.member_id,
                details={"channel": identity.channel},
            )
            await session.flush()
            return Redeemed(LinkOutcome.OTHER_MEMBER, member, issuer)
    await link_identity(session, identity=identity, member_id=member.id or 0)
    await audit.record(
        session,
        action="member.link",
        actor_member_id=member.id,
        actor_label="self",
        target_member_id=member.id,
        details={"channel": identity.channel, "identity_id": identity.id},
    )
    return Redeemed(LinkOutcome.LINKED, member, issuer)
