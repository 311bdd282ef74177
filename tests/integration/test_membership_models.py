"""Model functions behind registration: organisations, invites, teams, deciders."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.app import BotApp
from models import invites, organisations, registrations, teams, unit_catalog
from models.members import MemberBase, MemberStatus, Role, create_member, set_role
from models.organisations import OrgKind
from models.scopes import Scope
from tests.integration.registering import actions
from tests.utils.chat import ChatDriver

NOW = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)
Sessions = async_sessionmaker[AsyncSession]


async def test_departments_are_seeded_once_and_committees_made_once(sessions: Sessions) -> None:
    async with sessions() as session:
        first = await organisations.ensure_seeded(session)
        assert first == len(organisations.seed_rows())
        assert await organisations.ensure_seeded(session) == 0
        so = await organisations.by_key(session, key=organisations.SO_TTTT)
        assert so is not None and so.name == "Sở Thông tin và Truyền thông"
        ia_sao = unit_catalog.get_unit("2024", "23767")
        assert ia_sao is not None
        committee = await organisations.committee_for(session, unit=ia_sao)
        again = await organisations.committee_for(session, unit=ia_sao)
        assert committee.id == again.id and committee.kind == OrgKind.COMMUNE_COMMITTEE
        assert committee.name == "UBND Xã Ia Sao, Huyện Ia Grai"
        one = await organisations.add(
            session, kind=OrgKind.ENTERPRISE, name="Viettel Gia Lai", created_by=None
        )
        two = await organisations.add(
            session, kind=OrgKind.ENTERPRISE, name="viettel gia lai", created_by=None
        )
        assert one.id == two.id
        counts = await organisations.counts_by_kind(session)
        assert counts[OrgKind.ENTERPRISE] == 1 and counts[OrgKind.COMMUNE_COMMITTEE] == 1


async def test_an_invite_is_used_at_most_max_uses_times(sessions: Sessions) -> None:
    async with sessions() as session:
        invite = await invites.create(
            session,
            created_by=1,
            expires_at=NOW + timedelta(days=1),
            max_uses=2,
            auto_approve=False,
        )
        assert invite.id is not None
        results = [await invites.redeem(session, invite_id=invite.id, now=NOW) for _ in range(3)]
        assert results == [True, True, False]
        assert not await invites.redeem(session, invite_id=invite.id, now=NOW + timedelta(days=2))
        found = await invites.find(session, code=f" {invite.code} ")
        assert found is not None and found.uses == 2


async def test_team_summaries_respect_the_scope(sessions: Sessions) -> None:
    async with sessions() as session:
        for code, village in (("23767", "Làng Kép"), ("23767", "Làng Bi"), ("23557", "Tổ 1")):
            await teams.create(
                session,
                name=f"Tổ {village}",
                catalog="2024",
                code=code,
                village=village,
                leader_member_id=None,
                created_by=None,
            )
        ia_grai = Scope(
            catalog="2024", codes=frozenset(c.code for c in unit_catalog.communes("2024", "628"))
        )
        summary = await teams.summary_by_commune(session, scope=ia_grai)
        assert summary == {("2024", "23767"): (2, 0)}
        assert await teams.village_taken(session, catalog="2024", code="23767", village="lang kep")


async def test_deciders_are_the_covering_coordinators_and_admins(sessions: Sessions) -> None:
    async with sessions() as session:
        people = {}
        for key, role, scope in (
            ("admin", Role.ADMIN, None),
            ("province", Role.COORDINATOR, None),
            ("ia_grai", Role.COORDINATOR, "628"),
            ("pleiku", Role.COORDINATOR, "622"),
            ("ia_sao", Role.COORDINATOR, "23767"),
            ("member", Role.MEMBER, None),
        ):
            member = await create_member(
                session, data=MemberBase(full_name=f"Người {key}"), status=MemberStatus.ACTIVE
            )
            await set_role(
                session,
                member=member,
                role=role,
                scope_catalog="2024" if scope else None,
                scope_code=scope,
            )
            people[key] = member.id
        deciders = await registrations.deciders_for(session, catalogs_codes=[("2024", "23767")])
        assert {m.id for m in deciders} == {
            people["admin"],
            people["province"],
            people["ia_grai"],
            people["ia_sao"],
        }
        province_only = await registrations.deciders_for(session, catalogs_codes=[(None, None)])
        assert {m.id for m in province_only} == {people["admin"], people["province"]}


async def test_admin_adds_an_enterprise_in_chat(chat: ChatDriver, app: BotApp) -> None:
    await chat.send("admin", "/donvi")
    assert "Sở, ban, ngành: 31" in chat.text("admin")
    await chat.press("admin", "Thêm doanh nghiệp")
    await chat.send("admin", "Công ty CP Công nghệ Tây Nguyên")
    assert "Đã thêm" in chat.text("admin") and "Công ty CP Công nghệ Tây Nguyên" in chat.text(
        "admin"
    )
    assert len(await actions(app, "organisation.add")) == 1
    await chat.send("huyen", "/donvi")
    assert "chỉ dành cho quản trị viên" in chat.text("huyen")
