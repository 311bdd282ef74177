"""Who an announcement goes to: units, member categories, teams and roles, always inside the
sender's scope; counted for the preview and streamed in batches for the release."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, and_, exists, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from models import unit_catalog
from models.announcements import Recipient
from models.members import ChannelIdentity, Member, MemberStatus, Role
from models.scopes import Scope, member_filter, units_under
from models.teams import Team

ROLES = (Role.MEMBER, Role.COORDINATOR, Role.ADMIN)


@dataclass(frozen=True)
class Audience:
    """A slice of the network: within each list any value matches, and the lists combine
    (units AND categories AND teams AND roles); all empty = everyone in scope."""

    catalog: str
    units: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    teams: tuple[int, ...] = ()
    roles: tuple[str, ...] = ()

    @property
    def everyone(self) -> bool:
        """Tell whether no narrowing was chosen."""
        return not (self.units or self.categories or self.teams or self.roles)

    def to_json(self) -> dict[str, Any]:
        """A JSON-friendly form (kept on the announcement and in conversation data)."""
        return {
            "catalog": self.catalog,
            "units": list(self.units),
            "categories": list(self.categories),
            "teams": list(self.teams),
            "roles": list(self.roles),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any], *, catalog: str) -> Audience:
        """Read the JSON form back."""
        return cls(
            catalog=str(data.get("catalog") or catalog),
            units=tuple(str(code) for code in data.get("units", ())),
            categories=tuple(str(key) for key in data.get("categories", ())),
            teams=tuple(int(team) for team in data.get("teams", ())),
            roles=tuple(str(role) for role in data.get("roles", ())),
        )


@dataclass(frozen=True)
class AudienceCount:
    """How many members an audience holds, reachable per channel, and unreachable."""

    members: int
    by_channel: dict[str, int] = field(default_factory=dict)
    unreachable: int = 0


def outside_scope(audience: Audience, scope: Scope) -> list[str]:
    """The chosen units that lie outside the scope (empty when all are allowed)."""
    return [code for code in audience.units if not scope.covers_unit(audience.catalog, code)]


async def teams_outside_scope(
    session: AsyncSession, *, audience: Audience, scope: Scope
) -> list[int]:
    """The chosen teams that do not exist or lie outside the scope."""
    bad = []
    for team_id in audience.teams:
        team = await session.get(Team, team_id)
        if team is None or not scope.covers_unit(team.unit_catalog, team.unit_code):
            bad.append(team_id)
    return bad


def where(audience: Audience, scope: Scope) -> ColumnElement[bool]:
    """The WHERE clause selecting the active members of the audience inside the scope."""
    clauses: list[ColumnElement[bool]] = [
        col(Member.status) == MemberStatus.ACTIVE,
        member_filter(scope),
    ]
    if audience.units:
        codes: set[str] = set()
        for code in audience.units:
            codes |= units_under(audience.catalog, code)
        clauses.append(
            and_(
                col(Member.unit_catalog) == audience.catalog,
                col(Member.unit_code).in_(sorted(codes)),
            )
        )
    if audience.categories:
        clauses.append(col(Member.category).in_(list(audience.categories)))
    if audience.teams:
        clauses.append(col(Member.team_id).in_(list(audience.teams)))
    if audience.roles:
        clauses.append(col(Member.role).in_(list(audience.roles)))
    return and_(*clauses)


def _reachable_identity() -> Any:
    return exists().where(
        col(ChannelIdentity.member_id) == col(Member.id),
        col(ChannelIdentity.reachable).is_(True),
    )


async def count(session: AsyncSession, *, audience: Audience, scope: Scope) -> AudienceCount:
    """Count an audience for the preview: members, reachable per channel, unreachable."""
    condition = where(audience, scope)
    total = (
        await session.execute(select(func.count()).select_from(Member).where(condition))
    ).scalar_one()
    unreachable = (
        await session.execute(
            select(func.count()).select_from(Member).where(condition, ~_reachable_identity())
        )
    ).scalar_one()
    per_channel = await session.execute(
        select(col(ChannelIdentity.channel), func.count(func.distinct(col(Member.id))))
        .select_from(Member)
        .join(ChannelIdentity, col(ChannelIdentity.member_id) == col(Member.id))
        .where(condition, col(ChannelIdentity.reachable).is_(True))
        .group_by(col(ChannelIdentity.channel))
    )
    return AudienceCount(
        members=int(total),
        by_channel={str(name): int(n) for name, n in per_channel.all()},
        unreachable=int(unreachable),
    )


@dataclass(frozen=True)
class Someone:
    """One member of a batch: id and unit, no more (the audience is never held whole)."""

    member_id: int
    unit_catalog: str | None
    unit_code: str | None


async def batch(
    session: AsyncSession,
    *,
    audience: Audience,
    scope: Scope,
    after_id: int,
    limit: int,
) -> list[Someone]:
    """The next members of the audience after `after_id`, by id."""
    result = await session.execute(
        select(col(Member.id), col(Member.unit_catalog), col(Member.unit_code))
        .where(where(audience, scope), col(Member.id) > after_id)
        .order_by(col(Member.id))
        .limit(limit)
    )
    return [Someone(int(r[0] or 0), r[1], r[2]) for r in result.all()]


async def batch_of_recipients(
    session: AsyncSession, *, announcement_id: int, after_id: int, limit: int
) -> list[Someone]:
    """The next recipients of an earlier announcement (a correction goes to the same people),
    skipping members who have left the network since."""
    result = await session.execute(
        select(col(Member.id), col(Member.unit_catalog), col(Member.unit_code))
        .join(Recipient, col(Recipient.member_id) == col(Member.id))
        .where(
            col(Recipient.announcement_id) == announcement_id,
            col(Member.status) == MemberStatus.ACTIVE,
            col(Member.id) > after_id,
        )
        .order_by(col(Member.id))
        .limit(limit)
    )
    return [Someone(int(r[0] or 0), r[1], r[2]) for r in result.all()]


def units_in_scope(scope: Scope, catalog: str) -> tuple[list[unit_catalog.Unit], bool]:
    """The districts (or, without districts, communes) a sender may pick, and whether they
    are districts."""
    districts = unit_catalog.districts(catalog)
    if scope.codes is None:
        if districts:
            return districts, True
        return unit_catalog.communes(catalog), False
    if scope.catalog != catalog:
        return [], False
    allowed = [d for d in districts if d.code in scope.codes]
    if allowed:
        return allowed, True
    return [c for c in unit_catalog.communes(catalog) if c.code in scope.codes], False


def communes_in_scope(scope: Scope, catalog: str, district_code: str) -> list[unit_catalog.Unit]:
    """The communes of a district that lie inside the scope."""
    return [
        commune
        for commune in unit_catalog.communes(catalog, district_code)
        if scope.covers_unit(catalog, commune.code)
    ]


async def teams_in_scope(session: AsyncSession, *, scope: Scope, catalog: str) -> list[Team]:
    """Active teams a sender may pick."""
    query = select(Team).where(col(Team.active), col(Team.unit_catalog) == catalog)
    if scope.codes is not None:
        query = query.where(col(Team.unit_code).in_(sorted(scope.codes)))
    result = await session.execute(query.order_by(col(Team.unit_code), col(Team.village_key)))
    return list(result.scalars())
