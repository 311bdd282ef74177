"""The demo people of the web chat are who their descriptions say they are."""

from __future__ import annotations

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlmodel import select

from bot import demo
from bot.texts import demo as t
from models import members, organisations, teams
from models.members import Member, Role
from models.teams import Team
from rendering.members import scope_label, unit_label

pytestmark = pytest.mark.pinned_clock  # figures and dates counted for the default day


async def _seeded(sessions: async_sessionmaker[AsyncSession]) -> dict[str, Member]:
    people = {}
    async with sessions() as session:
        for person in demo.PEOPLE:
            identity = await members.get_identity(
                session, channel="webchat", external_id=person.key
            )
            assert identity is not None, person.key
            if identity.member_id is not None:
                member = await members.get_member(session, member_id=identity.member_id)
                assert member is not None
                people[person.key] = member
    return people


async def _org(sessions: async_sessionmaker[AsyncSession], member: Member) -> str:
    assert member.organisation_id is not None, member.full_name
    async with sessions() as session:
        org = await organisations.get(session, organisation_id=member.organisation_id)
    assert org is not None
    return org.name


async def test_every_demo_person_matches_the_description(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    for _ in range(2):  # seeding again at the next start changes nothing
        async with sessions() as session:
            await demo.seed(session)
            await session.commit()
    people = await _seeded(sessions)
    assert set(people) == {"admin", "so", "huyen", "xa", "totruong"}  # "khach": not registered
    for key, member in people.items():
        assert member.full_name == t.PEOPLE[key][0]
        assert member.status == "active"

    admin, so = people["admin"], people["so"]
    assert admin.role == Role.ADMIN and so.role == Role.COORDINATOR
    assert scope_label(so) == "toàn tỉnh"  # "Điều phối viên toàn tỉnh"
    for provincial in (admin, so):  # "— Sở TT&TT"
        assert await _org(sessions, provincial) == "Sở Thông tin và Truyền thông"

    huyen = people["huyen"]  # "Đầu mối huyện Ia Grai"
    assert huyen.role == Role.COORDINATOR and scope_label(huyen) == "Huyện Ia Grai"
    assert unit_label(huyen.unit_catalog, huyen.unit_code) == "Huyện Ia Grai"
    assert await _org(sessions, huyen) == "UBND Huyện Ia Grai"

    xa = people["xa"]  # "Công chức xã Ia Sao, huyện Ia Grai"
    assert xa.role == Role.MEMBER and xa.category == "cong_chuc_xa"
    assert unit_label(xa.unit_catalog, xa.unit_code) == "Xã Ia Sao, Huyện Ia Grai"
    assert await _org(sessions, xa) == "UBND Xã Ia Sao, Huyện Ia Grai"

    leader = people["totruong"]  # "Tổ trưởng Tổ CNSCĐ làng Kép, xã Ia Sao"
    assert leader.category == "to_cnscd" and leader.position == "Tổ trưởng"
    async with sessions() as session:
        [team] = list((await session.execute(select(Team))).scalars())
        led = await teams.led_by(session, member_id=leader.id or 0)
    assert [row.id for row in led] == [team.id] and leader.team_id == team.id
    assert (team.name, team.village) == t.LEADER_TEAM
    assert (team.unit_catalog, team.unit_code) == (leader.unit_catalog, leader.unit_code)
    assert unit_label(team.unit_catalog, team.unit_code) == "Xã Ia Sao, Huyện Ia Grai"
    assert team.name.lower() in t.PEOPLE["totruong"][1].lower()


async def test_tests_can_seed_the_people_without_their_team(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    async with sessions() as session:
        await demo.seed(session, with_teams=False)
        await session.commit()
    people = await _seeded(sessions)
    assert people["totruong"].team_id is None
    async with sessions() as session:
        assert list((await session.execute(select(Team))).scalars()) == []
