"""Many members at once, for broadcast tests and benchmarks (bulk inserts, no ORM objects)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlmodel import col

from models import announcements, members, teams
from models.announcements import Announcement, Draft
from models.base import session_now
from models.members import ChannelIdentity, Member, MemberBase, MemberStatus, Role

CHUNK = 2000


@dataclass(frozen=True)
class Unit:
    """Where seeded members live."""

    catalog: str | None = None
    code: str | None = None


async def seed_members(
    sessions: async_sessionmaker[AsyncSession],
    *,
    count: int,
    chat_base: int,
    channel: str = "telegram",
    units: Sequence[Unit] = (Unit(),),
    category: str | None = None,
    name: str = "Thành viên",
) -> None:
    """Create `count` active members, member i with one identity on `channel` whose chat id
    is chat_base + i, spread over `units` in turn, registered now by the clock of `sessions`."""
    async with sessions() as session:
        now = session_now(session)
    for start in range(0, count, CHUNK):
        indexes = range(start, min(count, start + CHUNK))
        rows = []
        for i in indexes:
            unit = units[i % len(units)]
            rows.append(
                {
                    "full_name": f"{name} {i + 1}",
                    "phone": None,
                    "category": category,
                    "unit_catalog": unit.catalog,
                    "unit_code": unit.code,
                    "status": MemberStatus.ACTIVE,
                    "role": Role.MEMBER,
                    "created_at": now,
                    "updated_at": now,
                }
            )
        async with sessions() as session:
            result = await session.execute(insert(Member).values(rows).returning(col(Member.id)))
            ids = [int(row[0]) for row in result.all()]
            identities = [
                {
                    "channel": channel,
                    "external_id": str(chat_base + i),
                    "chat_id": str(chat_base + i),
                    "member_id": member_id,
                    "reachable": True,
                    "created_at": now,
                    "last_seen_at": now,
                }
                for i, member_id in zip(indexes, ids, strict=True)
            ]
            await session.execute(insert(ChannelIdentity).values(identities))
            await session.commit()


async def make_admin(
    sessions: async_sessionmaker[AsyncSession], *, name: str = "Quản trị viên"
) -> int:
    """Create an active admin without any messenger identity; return the member id."""
    async with sessions() as session:
        member = await members.create_member(
            session, data=MemberBase(full_name=name), status=MemberStatus.ACTIVE
        )
        await members.set_role(session, member=member, role=Role.ADMIN)
        await session.commit()
        assert member.id is not None
        return member.id


async def announce(
    sessions: async_sessionmaker[AsyncSession],
    *,
    author_member_id: int,
    now: datetime,
    title: str = "Tập huấn kỹ năng số",
    body: str = "Kính mời các thành viên tham dự.",
    kind: str = "notice",
    audience: dict[str, object] | None = None,
    **extra: object,
) -> Announcement:
    """Save an announcement due now (the release job or a test then sends it)."""
    async with sessions() as session:
        row = await announcements.create(
            session,
            draft=Draft(
                kind=kind,
                title=title,
                body=body,
                author_member_id=author_member_id,
                audience=audience or {},
                send_at=now,
                **extra,  # type: ignore[arg-type]
            ),
        )
        await session.commit()
        return row


# ---- one person of every kind, for the authorization matrix and the fuzzed conversations ----

CATALOG = "2024"
IA_GRAI = "628"  # district A
IA_SAO = "23767"  # commune A, in Ia Grai
YEN_DO = "23557"  # commune B, a ward of Pleiku (another district)


@dataclass(frozen=True)
class Person:
    """One seeded person: who they are and what must not leak about them."""

    key: str
    name: str | None
    phone: str | None
    role: Role | None
    status: str | None
    unit: str | None = None
    scope: str | None = None
    leads_team: bool = False


ACTOR_PEOPLE: tuple[Person, ...] = (
    Person("khach", None, None, None, None),
    Person("cho", "Rơ Châm Hlinh", "0911000101", Role.MEMBER, MemberStatus.PENDING, IA_SAO),
    Person("tv", "Ksor Thị Nhuyên", "0911000202", Role.MEMBER, MemberStatus.ACTIVE, IA_SAO),
    Person(
        "tt",
        "Siu Văn Bhiết",
        "0911000303",
        Role.MEMBER,
        MemberStatus.ACTIVE,
        IA_SAO,
        leads_team=True,
    ),
    Person(
        "xa_in",
        "Điều phối Ia Sao",
        None,
        Role.COORDINATOR,
        MemberStatus.ACTIVE,
        IA_SAO,
        scope=IA_SAO,
    ),
    Person(
        "xa_out",
        "Điều phối Yên Đỗ",
        None,
        Role.COORDINATOR,
        MemberStatus.ACTIVE,
        YEN_DO,
        scope=YEN_DO,
    ),
    Person(
        "huyen",
        "Điều phối Ia Grai",
        None,
        Role.COORDINATOR,
        MemberStatus.ACTIVE,
        IA_GRAI,
        scope=IA_GRAI,
    ),
    Person("admin", "Quản trị Sở", None, Role.ADMIN, MemberStatus.ACTIVE),
)
"""The actors, each with an identity on the channel they are seeded for."""

BYSTANDERS: tuple[Person, ...] = (
    Person("xa_b", "Kpă Thị Nguyệt", "0911000404", Role.MEMBER, MemberStatus.ACTIVE, YEN_DO),
    Person("cho_b", "Nay Văn Blơng", "0911000505", Role.MEMBER, MemberStatus.PENDING, YEN_DO),
)
"""People in commune B whom only its coordinator and the province may see."""

PROTECTED = ("cho", "tv", "tt", "xa_b", "cho_b")
"""People whose name and phone must never reach anyone outside their scope."""

VISIBLE_TO: dict[str, frozenset[str]] = {
    "khach": frozenset(),
    "cho": frozenset({"cho"}),
    "tv": frozenset({"tv"}),
    "tt": frozenset({"tt"}),
    "xa_in": frozenset({"cho", "tv", "tt"}),
    "xa_out": frozenset({"xa_b", "cho_b"}),
    "huyen": frozenset({"cho", "tv", "tt"}),
    "admin": frozenset(PROTECTED),
}
"""Whose personal data each actor may be shown (themselves, or the people in their scope)."""


@dataclass
class Actors:
    """What `seed_actors` made: member ids and the team, by person key."""

    channel: str
    member_ids: dict[str, int]
    team_id: int
    people: dict[str, Person]

    def external_id(self, key: str) -> str:
        """The account of an actor on the seeded channel."""
        return f"{self.channel}-{key}"


async def seed_actors(sessions: async_sessionmaker[AsyncSession], *, channel: str) -> Actors:
    """Create every actor (with an identity on `channel`) and the bystanders of commune B;
    the team leader leads a team in commune A."""
    ids: dict[str, int] = {}
    team_id = 0
    async with sessions() as session:
        for person in ACTOR_PEOPLE + BYSTANDERS:
            identity = None
            if person in ACTOR_PEOPLE:
                external_id = f"{channel}-{person.key}"
                identity = await members.touch_identity(
                    session,
                    channel=channel,
                    external_id=external_id,
                    chat_id=external_id,
                    display_name=person.name,
                )
            if person.role is None or person.name is None or person.status is None:
                continue
            member = await members.create_member(
                session,
                data=MemberBase(
                    full_name=person.name,
                    phone=person.phone,
                    category="cong_chuc_xa" if person.unit else "so_tttt",
                    unit_catalog=CATALOG if person.unit else None,
                    unit_code=person.unit,
                    position="Công chức Văn phòng - Thống kê",
                ),
                status=person.status,
            )
            assert member.id is not None
            ids[person.key] = member.id
            await members.set_role(
                session,
                member=member,
                role=person.role,
                scope_catalog=CATALOG if person.scope else None,
                scope_code=person.scope,
            )
            if identity is not None:
                await members.link_identity(session, identity=identity, member_id=member.id)
            if person.leads_team:
                assert person.unit is not None
                team = await teams.create(
                    session,
                    name="Tổ CNSCĐ thôn Plei Lang",
                    catalog=CATALOG,
                    code=person.unit,
                    village="Thôn Plei Lang",
                    leader_member_id=member.id,
                    created_by=None,
                )
                await teams.assign(session, member=member, team=team)
                assert team.id is not None
                team_id = team.id
        await session.commit()
    people = {p.key: p for p in ACTOR_PEOPLE + BYSTANDERS}
    return Actors(channel=channel, member_ids=ids, team_id=team_id, people=people)
