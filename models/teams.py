"""Community digital-technology teams (Tổ công nghệ số cộng đồng): one per village or
residential group, many per commune."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, and_, func
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import Field, SQLModel, col, select

from models.base import session_now, utcnow
from models.members import Member, MemberStatus
from models.scopes import Scope
from models.unit_catalog import fold_key


class Team(SQLModel, table=True):
    """One Tổ CNSCĐ of one thôn, làng or tổ dân phố."""

    __tablename__ = "teams"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=120)
    unit_catalog: str = Field(max_length=8)
    unit_code: str = Field(max_length=10, index=True)
    village: str = Field(max_length=120)
    village_key: str = Field(max_length=120)
    leader_member_id: int | None = Field(default=None, foreign_key="members.id", index=True)
    active: bool = True
    created_by: int | None = None
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    deactivated_at: datetime | None = None


def team_filter(scope: Scope) -> ColumnElement[bool] | None:
    """A WHERE clause selecting the teams inside `scope` (None when it covers everything)."""
    if scope.codes is None:
        return None
    return and_(
        col(Team.unit_catalog) == scope.catalog, col(Team.unit_code).in_(sorted(scope.codes))
    )


async def get(session: AsyncSession, *, team_id: int) -> Team | None:
    """One team by id."""
    return await session.get(Team, team_id)


async def village_taken(
    session: AsyncSession, *, catalog: str, code: str, village: str, except_id: int | None = None
) -> Team | None:
    """The active team of this village in this commune, if there is one already."""
    result = await session.execute(
        select(Team).where(
            Team.unit_catalog == catalog,
            Team.unit_code == code,
            Team.village_key == fold_key(village),
            col(Team.active),
        )
    )
    return next((team for team in result.scalars() if team.id != except_id), None)


async def create(
    session: AsyncSession,
    *,
    name: str,
    catalog: str,
    code: str,
    village: str,
    leader_member_id: int | None,
    created_by: int | None,
) -> Team:
    """Register a team (callers check the village is free and write the audit entry)."""
    now = session_now(session)
    team = Team(
        name=name.strip(),
        unit_catalog=catalog,
        unit_code=code,
        village=village.strip(),
        village_key=fold_key(village),
        leader_member_id=leader_member_id,
        created_by=created_by,
        created_at=now,
        updated_at=now,
    )
    session.add(team)
    await session.flush()
    return team


async def update(
    session: AsyncSession,
    *,
    team: Team,
    name: str | None = None,
    village: str | None = None,
    leader_member_id: int | None = None,
    clear_leader: bool = False,
) -> None:
    """Change a team's name, village or leader."""
    if name is not None:
        team.name = name.strip()
    if village is not None:
        team.village = village.strip()
        team.village_key = fold_key(village)
    if leader_member_id is not None:
        team.leader_member_id = leader_member_id
    elif clear_leader:
        team.leader_member_id = None
    team.updated_at = session_now(session)
    session.add(team)
    await session.flush()


async def deactivate(session: AsyncSession, *, team: Team, now: datetime) -> None:
    """Stop a team (its members keep their history; it leaves the lists)."""
    team.active = False
    team.deactivated_at = now
    team.updated_at = now
    session.add(team)
    await session.flush()


async def in_commune(session: AsyncSession, *, catalog: str, code: str) -> list[Team]:
    """Active teams of one commune, by village."""
    result = await session.execute(
        select(Team).where(Team.unit_catalog == catalog, Team.unit_code == code, col(Team.active))
    )
    return sorted(result.scalars(), key=lambda team: team.village_key)


async def led_by(session: AsyncSession, *, member_id: int) -> list[Team]:
    """Active teams whose leader is this member."""
    result = await session.execute(
        select(Team).where(Team.leader_member_id == member_id, col(Team.active))
    )
    return list(result.scalars())


async def member_counts(session: AsyncSession, *, team_ids: list[int]) -> dict[int, int]:
    """How many active members each team has."""
    if not team_ids:
        return {}
    result = await session.execute(
        select(col(Member.team_id), func.count())
        .where(col(Member.team_id).in_(team_ids), Member.status == MemberStatus.ACTIVE)
        .group_by(col(Member.team_id))
    )
    return {int(team_id or 0): int(count) for team_id, count in result.all()}


async def members_of(session: AsyncSession, *, team_id: int) -> list[Member]:
    """The active and pending members of a team, by name."""
    result = await session.execute(
        select(Member).where(
            Member.team_id == team_id,
            col(Member.status).in_([MemberStatus.ACTIVE, MemberStatus.PENDING]),
        )
    )
    return sorted(result.scalars(), key=lambda member: fold_key(member.full_name))


async def summary_by_commune(
    session: AsyncSession, *, scope: Scope
) -> dict[tuple[str, str], tuple[int, int]]:
    """Per (catalog, commune code) in scope: how many active teams and active team members."""
    query = select(Team).where(col(Team.active))
    clause = team_filter(scope)
    if clause is not None:
        query = query.where(clause)
    teams = list((await session.execute(query)).scalars())
    counts = await member_counts(session, team_ids=[team.id for team in teams if team.id])
    summary: dict[tuple[str, str], tuple[int, int]] = {}
    for team in teams:
        key = (team.unit_catalog, team.unit_code)
        count, members = summary.get(key, (0, 0))
        summary[key] = (count + 1, members + counts.get(team.id or 0, 0))
    return summary


async def clear_leader(session: AsyncSession, *, member_id: int) -> None:
    """Forget a member as leader of any team (when their data is erased)."""
    for team in await led_by(session, member_id=member_id):
        await update(session, team=team, clear_leader=True)


async def leader_candidates(session: AsyncSession, *, catalog: str, code: str) -> list[Member]:
    """Active Tổ CNSCĐ members of a commune, who may lead a team there."""
    result = await session.execute(
        select(Member).where(
            Member.unit_catalog == catalog,
            Member.unit_code == code,
            Member.category == "to_cnscd",
            Member.status == MemberStatus.ACTIVE,
        )
    )
    return sorted(result.scalars(), key=lambda member: fold_key(member.full_name))


async def assign(session: AsyncSession, *, member: Member, team: Team) -> None:
    """Put a member into a team (a leader belongs to the team they lead)."""
    member.team_id = team.id
    member.updated_at = session_now(session)
    session.add(member)
    await session.flush()
