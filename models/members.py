"""Network members, their roles and their identities on each messenger."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import UniqueConstraint
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import Field, SQLModel, select

from models.base import session_now, utcnow


class Role(StrEnum):
    """What a member may do; each role includes the ones before it."""

    MEMBER = "member"
    COORDINATOR = "coordinator"
    ADMIN = "admin"


ROLE_RANK = {Role.MEMBER: 1, Role.COORDINATOR: 2, Role.ADMIN: 3}


class MemberStatus(StrEnum):
    """Where a member stands in the approval process."""

    PENDING = "pending"
    ACTIVE = "active"
    REJECTED = "rejected"
    DELETED = "deleted"


class MemberBase(SQLModel):
    """Fields a member has, whatever the way they were created."""

    full_name: str = Field(max_length=120)
    phone: str | None = Field(default=None, max_length=20, unique=True)
    category: str | None = Field(default=None, max_length=40)
    organisation_id: int | None = Field(default=None, index=True)
    unit_catalog: str | None = Field(default=None, max_length=8)
    unit_code: str | None = Field(default=None, max_length=10, index=True)
    position: str | None = Field(default=None, max_length=120)
    team_id: int | None = Field(default=None, index=True)


class Member(MemberBase, table=True):
    """A person of the network, registered once whatever the messenger they use."""

    __tablename__ = "members"

    id: int | None = Field(default=None, primary_key=True)
    status: str = Field(default=MemberStatus.PENDING, max_length=16, index=True)
    role: str = Field(default=Role.MEMBER, max_length=16)
    scope_catalog: str | None = Field(default=None, max_length=8)
    scope_code: str | None = Field(default=None, max_length=10)
    consent_at: datetime | None = None
    consent_version: str | None = Field(default=None, max_length=16)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    approved_at: datetime | None = None
    approved_by: int | None = None
    deleted_at: datetime | None = None
    preferred_channel: str | None = Field(default=None, max_length=16)

    def has_role(self, role: Role) -> bool:
        """Tell whether this active member holds `role` or a higher one."""
        if self.status != MemberStatus.ACTIVE:
            return False
        return ROLE_RANK[Role(self.role)] >= ROLE_RANK[role]


class ChannelIdentity(SQLModel, table=True):
    """One person's account on one messenger (Telegram user id, Zalo user id, web chat key)."""

    __tablename__ = "channel_identities"
    __table_args__ = (UniqueConstraint("channel", "external_id"),)

    id: int | None = Field(default=None, primary_key=True)
    channel: str = Field(max_length=16)
    external_id: str = Field(max_length=64)
    chat_id: str = Field(max_length=64)
    member_id: int | None = Field(default=None, foreign_key="members.id", index=True)
    display_name: str | None = Field(default=None, max_length=120)
    reachable: bool = True
    unreachable_reason: str | None = Field(default=None, max_length=200)
    unreachable_at: datetime | None = None
    link_failures: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    link_failed_at: datetime | None = None
    created_at: datetime = Field(default_factory=utcnow)
    last_seen_at: datetime = Field(default_factory=utcnow)


async def get_identity(
    session: AsyncSession, *, channel: str, external_id: str
) -> ChannelIdentity | None:
    """Find the identity of a messenger account, if it was ever seen."""
    result = await session.execute(
        select(ChannelIdentity).where(
            ChannelIdentity.channel == channel, ChannelIdentity.external_id == external_id
        )
    )
    return result.scalar_one_or_none()


async def touch_identity(
    session: AsyncSession,
    *,
    channel: str,
    external_id: str,
    chat_id: str,
    display_name: str | None,
) -> ChannelIdentity:
    """Record that a messenger account wrote to the bot, creating its identity if new."""
    identity = await get_identity(session, channel=channel, external_id=external_id)
    now = session_now(session)
    if identity is None:
        identity = ChannelIdentity(
            channel=channel,
            external_id=external_id,
            chat_id=chat_id,
            display_name=display_name,
            created_at=now,
            last_seen_at=now,
        )
    else:
        identity.chat_id = chat_id
        identity.last_seen_at = now
        if display_name:
            identity.display_name = display_name
        if not identity.reachable:
            identity.reachable = True
            identity.unreachable_reason = None
            identity.unreachable_at = None
    session.add(identity)
    await session.flush()
    return identity


async def get_member(session: AsyncSession, *, member_id: int) -> Member | None:
    """Load one member by id."""
    return await session.get(Member, member_id)


async def mark_unreachable(
    session: AsyncSession, *, channel: str, chat_id: str, reason: str
) -> int:
    """Mark every identity on `channel` with this chat as unreachable; return how many."""
    result = await session.execute(
        select(ChannelIdentity).where(
            ChannelIdentity.channel == channel, ChannelIdentity.chat_id == chat_id
        )
    )
    identities = list(result.scalars())
    for identity in identities:
        identity.reachable = False
        identity.unreachable_reason = reason[:200]
        identity.unreachable_at = session_now(session)
        session.add(identity)
    await session.flush()
    return len(identities)


async def create_member(session: AsyncSession, *, data: MemberBase, status: str) -> Member:
    """Insert a member from validated fields."""
    now = session_now(session)
    member = Member.model_validate(
        data, update={"status": status, "created_at": now, "updated_at": now}
    )
    session.add(member)
    await session.flush()
    return member


async def link_identity(
    session: AsyncSession, *, identity: ChannelIdentity, member_id: int
) -> None:
    """Attach a messenger identity to a member."""
    identity.member_id = member_id
    session.add(identity)
    await session.flush()


async def set_role(
    session: AsyncSession,
    *,
    member: Member,
    role: Role,
    scope_catalog: str | None = None,
    scope_code: str | None = None,
) -> None:
    """Change a member's role and scope (callers write the audit entry)."""
    member.role = role
    member.scope_catalog = scope_catalog
    member.scope_code = scope_code
    member.updated_at = session_now(session)
    session.add(member)
    await session.flush()


async def members_with_role(session: AsyncSession, *, role: Role) -> list[Member]:
    """List active members holding exactly `role`."""
    result = await session.execute(
        select(Member).where(Member.role == role, Member.status == MemberStatus.ACTIVE)
    )
    return list(result.scalars())


async def identities_of(session: AsyncSession, *, member_id: int) -> list[ChannelIdentity]:
    """List the messenger identities of a member."""
    result = await session.execute(
        select(ChannelIdentity).where(ChannelIdentity.member_id == member_id)
    )
    return list(result.scalars())


async def get_identity_by_id(session: AsyncSession, *, identity_id: int) -> ChannelIdentity | None:
    """Load one messenger identity by id."""
    return await session.get(ChannelIdentity, identity_id)


async def set_preferred_channel(session: AsyncSession, *, member: Member, channel: str) -> None:
    """Choose the messenger that pushed messages go to first."""
    member.preferred_channel = channel
    member.updated_at = session_now(session)
    session.add(member)
    await session.flush()
