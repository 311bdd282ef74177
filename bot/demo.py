"""The demo people of the web chat, seeded idempotently (never real members): each one's
role, scope, unit, organisation and team match the description the page shows."""

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from bot.texts import demo as t
from models import members, organisations, registrations, teams, unit_catalog
from models.members import Member, MemberBase, MemberStatus, Role


@dataclass(frozen=True)
class DemoPerson:
    """One person the web chat lets you act as."""

    key: str
    name: str
    description: str
    role: Role | None
    unit_code: str | None = None
    scope_code: str | None = None
    category: str | None = None
    position: str | None = None
    leads_team: bool = False


DEMO_CATALOG = "2024"

PEOPLE: tuple[DemoPerson, ...] = (
    DemoPerson(
        "admin",
        *t.PEOPLE["admin"],
        Role.ADMIN,
        category="so_tttt",
        position="Chuyên viên phòng Chuyển đổi số",
    ),
    DemoPerson(
        "so",
        *t.PEOPLE["so"],
        Role.COORDINATOR,
        category="so_tttt",
        position="Phó trưởng phòng Chuyển đổi số",
    ),
    DemoPerson(
        "huyen",
        *t.PEOPLE["huyen"],
        Role.COORDINATOR,
        unit_code="628",
        scope_code="628",
        category="dau_moi_huyen",
        position="Chuyên viên Văn phòng",
    ),
    DemoPerson(
        "xa",
        *t.PEOPLE["xa"],
        Role.MEMBER,
        unit_code="23767",
        category="cong_chuc_xa",
        position="Công chức Văn phòng - Thống kê",
    ),
    DemoPerson(
        "totruong",
        *t.PEOPLE["totruong"],
        Role.MEMBER,
        unit_code="23767",
        category="to_cnscd",
        position="Tổ trưởng",
        leads_team=True,
    ),
    DemoPerson("khach", *t.PEOPLE["khach"], None),
    DemoPerson("zalo", *t.PEOPLE["zalo"], None),
)


def person(key: str) -> DemoPerson | None:
    """The demo person with this key."""
    return next((p for p in PEOPLE if p.key == key), None)


async def _organisation_id(session: AsyncSession, demo: DemoPerson) -> int | None:
    """The organisation registration would give this person (Sở TT&TT, UBND huyện/xã)."""
    category = registrations.category(demo.category)
    if category is None:
        return None
    if category.org == registrations.ORG_FIXED and category.org_key:
        org = await organisations.by_key(session, key=category.org_key)
        return org.id if org else None
    unit = unit_catalog.get_unit(DEMO_CATALOG, demo.unit_code) if demo.unit_code else None
    if category.org == registrations.ORG_COMMITTEE and unit is not None:
        return (await organisations.committee_for(session, unit=unit)).id
    return None


async def _lead_team(session: AsyncSession, member: Member, demo: DemoPerson) -> None:
    """Register the team the leader's description names, led by them."""
    assert demo.unit_code is not None and member.id is not None
    name, village = t.LEADER_TEAM
    team = await teams.village_taken(
        session, catalog=DEMO_CATALOG, code=demo.unit_code, village=village
    )
    if team is None:
        team = await teams.create(
            session,
            name=name,
            catalog=DEMO_CATALOG,
            code=demo.unit_code,
            village=village,
            leader_member_id=member.id,
            created_by=None,
        )
    await teams.assign(session, member=member, team=team)


async def seed(session: AsyncSession, *, with_teams: bool = True) -> None:
    """Create the demo people that do not exist yet (safe to run at every start); with
    `with_teams`, the team leader gets the team their description names."""
    for demo in PEOPLE:
        identity = await members.touch_identity(
            session,
            channel="webchat",
            external_id=demo.key,
            chat_id=demo.key,
            display_name=demo.name,
        )
        if demo.role is None or identity.member_id is not None:
            continue
        member = await members.create_member(
            session,
            data=MemberBase(
                full_name=demo.name,
                category=demo.category,
                organisation_id=await _organisation_id(session, demo),
                unit_catalog=DEMO_CATALOG if demo.unit_code else None,
                unit_code=demo.unit_code,
                position=demo.position,
            ),
            status=MemberStatus.ACTIVE,
        )
        assert member.id is not None
        await members.set_role(
            session,
            member=member,
            role=demo.role,
            scope_catalog=DEMO_CATALOG if demo.scope_code else None,
            scope_code=demo.scope_code,
        )
        await members.link_identity(session, identity=identity, member_id=member.id)
        if demo.leads_team and with_teams:
            await _lead_team(session, member, demo)
