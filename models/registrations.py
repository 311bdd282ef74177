"""Joining the network: member categories, registration, approval and rejection."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from models import audit, members, outbox, unit_catalog
from models.members import ChannelIdentity, Member, MemberBase, MemberStatus, Role
from models.scopes import Scope, member_filter
from models.scopes import of as scope_of

CONSENT_VERSION = "nd13-2026.1"

ORG_FIXED = "fixed"
ORG_DEPARTMENT = "department"
ORG_ENTERPRISE = "enterprise"
ORG_COMMITTEE = "committee"


@dataclass(frozen=True)
class Category:
    """A kind of network member (section IV.6.b of the plan) and what it asks for."""

    key: str
    org: str | None = None
    org_key: str | None = None
    unit_level: str | None = None
    team: bool = False


CATEGORIES: tuple[Category, ...] = (
    Category("so_tttt", org=ORG_FIXED, org_key="so-tttt"),
    Category("trung_tam_cntt", org=ORG_FIXED, org_key="tt-cntt-tt"),
    Category("dau_moi_so_nganh", org=ORG_DEPARTMENT),
    Category("dau_moi_huyen", org=ORG_COMMITTEE, unit_level="district"),
    Category("cong_chuc_xa", org=ORG_COMMITTEE, unit_level="commune"),
    Category("khong_chuyen_trach_cntt", org=ORG_COMMITTEE, unit_level="commune"),
    Category("to_cnscd", unit_level="commune", team=True),
    Category("doanh_nghiep", org=ORG_ENTERPRISE),
)
BY_KEY = {category.key: category for category in CATEGORIES}


def category(key: str | None) -> Category | None:
    """The category with this key."""
    return BY_KEY.get(key or "")


def categories_for(catalog: str) -> list[Category]:
    """Categories that make sense in a catalog (no district focal points without districts)."""
    has_districts = bool(unit_catalog.districts(catalog))
    return [c for c in CATEGORIES if c.unit_level != "district" or has_districts]


async def member_by_phone(session: AsyncSession, *, phone: str) -> Member | None:
    """The member holding this E.164 phone number, if any."""
    result = await session.execute(select(Member).where(Member.phone == phone))
    return result.scalar_one_or_none()


async def phone_taken(session: AsyncSession, *, phone: str, member_id: int | None) -> bool:
    """Tell whether another member already registered this phone number."""
    holder = await member_by_phone(session, phone=phone)
    return holder is not None and holder.id != member_id


@dataclass(frozen=True)
class Answers:
    """What a person answered in the registration conversation."""

    full_name: str
    phone: str
    category: str
    position: str
    consent_at: datetime
    organisation_id: int | None = None
    unit_catalog: str | None = None
    unit_code: str | None = None
    team_id: int | None = None


async def submit(
    session: AsyncSession,
    *,
    identity: ChannelIdentity,
    answers: Answers,
    existing: Member | None,
    now: datetime,
) -> Member:
    """Store a registration as a pending member (re-using the person's earlier record)."""
    fields = MemberBase(
        full_name=answers.full_name,
        phone=answers.phone,
        category=answers.category,
        organisation_id=answers.organisation_id,
        unit_catalog=answers.unit_catalog,
        unit_code=answers.unit_code,
        position=answers.position,
        team_id=answers.team_id,
    )
    if existing is None:
        member = await members.create_member(session, data=fields, status=MemberStatus.PENDING)
        assert member.id is not None
        await members.link_identity(session, identity=identity, member_id=member.id)
    else:
        member = existing
        for name, value in fields.model_dump().items():
            setattr(member, name, value)
        member.status = MemberStatus.PENDING
        member.approved_at = None
        member.approved_by = None
    member.consent_at = answers.consent_at
    member.consent_version = CONSENT_VERSION
    member.updated_at = now
    session.add(member)
    await session.flush()
    await audit.record(
        session,
        action="member.register",
        actor_member_id=member.id,
        actor_label="self",
        target_member_id=member.id,
        details={
            "category": answers.category,
            "unit": [answers.unit_catalog, answers.unit_code],
            "team_id": answers.team_id,
            "organisation_id": answers.organisation_id,
            "again": existing is not None,
        },
    )
    return member


def approval_prefix(member_id: int) -> str:
    """The start of the outbox key of every approval request about one registration."""
    return f"approval:{member_id}:"


def approval_key(*, member_id: int, decider_id: int, stamp: int) -> str:
    """The outbox key of one approval request to one decider (per submitted version)."""
    return f"{approval_prefix(member_id)}{decider_id}:{stamp}"


async def _drop_requests(session: AsyncSession, member: Member) -> None:
    """Withdraw the approval requests still waiting: the registration is decided."""
    if member.id is not None:
        await outbox.cancel_prefix(session, prefix=approval_prefix(member.id))


async def approve(
    session: AsyncSession, *, member: Member, by: int | None, now: datetime, via: str = "chat"
) -> None:
    """Make a pending member active, and write it to the audit log."""
    member.status = MemberStatus.ACTIVE
    member.approved_at = now
    member.approved_by = by
    member.updated_at = now
    session.add(member)
    await session.flush()
    await _drop_requests(session, member)
    await audit.record(
        session,
        action="member.approve",
        actor_member_id=by,
        actor_label=via,
        target_member_id=member.id,
    )


async def reject(
    session: AsyncSession, *, member: Member, by: int, reason: str, now: datetime
) -> None:
    """Refuse a pending registration with a reason, and write it to the audit log."""
    member.status = MemberStatus.REJECTED
    member.updated_at = now
    session.add(member)
    await session.flush()
    await _drop_requests(session, member)
    await audit.record(
        session,
        action="member.reject",
        actor_member_id=by,
        actor_label="chat",
        target_member_id=member.id,
        details={"reason": reason},
    )


async def pending_in_scope(
    session: AsyncSession, *, scope: Scope, limit: int = 5
) -> tuple[list[Member], int]:
    """The oldest pending registrations inside a scope, and how many there are in all."""
    where = (Member.status == MemberStatus.PENDING, member_filter(scope))
    total = (
        await session.execute(select(func.count()).select_from(Member).where(*where))
    ).scalar()
    result = await session.execute(
        select(Member).where(*where).order_by(col(Member.created_at), col(Member.id)).limit(limit)
    )
    return list(result.scalars()), int(total or 0)


async def deciders_for(
    session: AsyncSession, *, catalogs_codes: list[tuple[str | None, str | None]]
) -> list[Member]:
    """Active coordinators whose scope covers any of these units, and every admin."""
    result = await session.execute(
        select(Member).where(
            Member.status == MemberStatus.ACTIVE,
            col(Member.role).in_([Role.COORDINATOR, Role.ADMIN]),
        )
    )
    chosen = []
    for candidate in result.scalars():
        scope = scope_of(candidate)
        if any(scope.covers_unit(catalog, code) for catalog, code in catalogs_codes):
            chosen.append(candidate)
    return sorted(chosen, key=lambda m: m.id or 0)


def may_decide(decider: Member | None, member: Member) -> bool:
    """Tell whether `decider` may approve or reject `member` (role and scope)."""
    if decider is None or not decider.has_role(Role.COORDINATOR) or decider.id == member.id:
        return False
    return scope_of(decider).covers_unit(member.unit_catalog, member.unit_code)


async def update_profile(
    session: AsyncSession, *, member: Member, now: datetime, **changes: str | None
) -> list[str]:
    """Change a member's own name, phone or position; audit which fields changed."""
    changed = [name for name, value in changes.items() if getattr(member, name) != value]
    if not changed:
        return []
    for name in changed:
        setattr(member, name, changes[name])
    member.updated_at = now
    session.add(member)
    await session.flush()
    await audit.record(
        session,
        action="profile.update",
        actor_member_id=member.id,
        actor_label="self",
        target_member_id=member.id,
        details={"fields": changed},
    )
    return changed


async def move_pending(
    session: AsyncSession,
    *,
    member: Member,
    unit_catalog: str,
    unit_code: str,
    organisation_id: int | None,
    now: datetime,
) -> None:
    """Change the unit of a registration still waiting for approval."""
    member.unit_catalog = unit_catalog
    member.unit_code = unit_code
    if organisation_id is not None:
        member.organisation_id = organisation_id
    member.team_id = None
    member.updated_at = now
    session.add(member)
    await session.flush()


async def change_role(
    session: AsyncSession,
    *,
    member: Member,
    role: Role,
    scope_catalog: str | None,
    scope_code: str | None,
    actor_member_id: int | None,
    actor_label: str,
) -> bool:
    """Give a member a role and scope, auditing the change; False if nothing changed."""
    before = [member.role, member.scope_catalog, member.scope_code]
    after = [str(role), scope_catalog, scope_code]
    if role != Role.COORDINATOR:
        after[1:] = [None, None]
    if before == after:
        return False
    await members.set_role(
        session, member=member, role=role, scope_catalog=after[1], scope_code=after[2]
    )
    await audit.record(
        session,
        action="role.change",
        actor_member_id=actor_member_id,
        actor_label=actor_label,
        target_member_id=member.id,
        details={"from": before, "to": after},
    )
    return True
