"""The plan's measurable targets (section III of Kế hoạch 1690), computed from the bot's own
data for one scope: focal points in every department, district and commune committee;
every member trained every year; a Tổ CNSCĐ in every village.

Figures are counted in SQL by group (unit, category, organisation), never by loading every
member; the groups are then folded into areas (districts for the whole province, communes
inside a district or commune) here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import CompoundSelect, case, exists, func, select, union
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from models import organisations, unit_catalog, villages
from models.announcements import (
    Announcement,
    AnnouncementKind,
    AnnouncementState,
    Answer,
    Recipient,
)
from models.attendance import AttendanceConfirmation, recipient_filter
from models.members import Member, MemberStatus
from models.organisations import Organisation, OrgKind
from models.scopes import Scope, member_filter
from models.teams import Team, team_filter
from models.unit_catalog import Unit

DEPARTMENT = "department"
DISTRICT = "district"
COMMUNE = "commune"
LEVELS = (DEPARTMENT, DISTRICT, COMMUNE)
# Members who stand for their committee when they name no organisation.
COMMITTEE_CATEGORIES = {
    DISTRICT: frozenset({"dau_moi_huyen"}),
    COMMUNE: frozenset({"cong_chuc_xa", "khong_chuyen_trach_cntt"}),
}
HELD = (AnnouncementState.SENT, AnnouncementState.RELEASING)


@dataclass(frozen=True)
class Share:
    """`done` out of `total` (None: the total is not known)."""

    done: int
    total: int | None

    @property
    def percent(self) -> int | None:
        """The share in whole percent, rounded half up; None without a total."""
        if not self.total:
            return None
        return (200 * self.done + self.total) // (2 * self.total)


@dataclass(frozen=True, order=True)
class Area:
    """A district or commune figures are grouped by; `unit` None = no unit (provincial)."""

    order: tuple[int, str]
    unit: Unit | None = field(default=None, compare=False)

    @property
    def name(self) -> str | None:
        """The unit's name, None for the provincial level."""
        return self.unit.name if self.unit else None


PROVINCIAL = Area((10**6, ""))


@dataclass(frozen=True)
class FocalUnit:
    """A department or committee and how many approved members it has."""

    level: str
    key: str
    name: str
    area: Area
    members: int


@dataclass(frozen=True)
class FocalPoints:
    """Every department and committee in scope with its approved members."""

    units: tuple[FocalUnit, ...]

    def share(self, level: str) -> Share:
        """How many units of one level have at least one approved member."""
        of_level = [u for u in self.units if u.level == level]
        return Share(sum(1 for u in of_level if u.members), len(of_level))

    def levels(self) -> list[str]:
        """The levels that have units in this scope."""
        return [level for level in LEVELS if any(u.level == level for u in self.units)]

    def missing(self) -> list[FocalUnit]:
        """The units without any approved member, in level then catalog order."""
        return [u for u in self.units if not u.members]

    def by_area(self) -> list[tuple[Area, Share]]:
        """Committees with a focal point, by area (departments left out)."""
        groups: dict[Area, list[FocalUnit]] = {}
        for unit in self.units:
            if unit.level != DEPARTMENT:
                groups.setdefault(unit.area, []).append(unit)
        return [
            (area, Share(sum(1 for u in group if u.members), len(group)))
            for area, group in sorted(groups.items())
        ]


@dataclass(frozen=True)
class TrainingCell:
    """Approved members of one area and category, and how many were trained this year."""

    area: Area
    category: str | None
    members: int
    trained: int


@dataclass(frozen=True)
class Training:
    """Members trained in one calendar year."""

    year: int
    sessions: int
    cells: tuple[TrainingCell, ...]

    def total(self) -> Share:
        """Trained out of approved members in scope."""
        return Share(sum(c.trained for c in self.cells), sum(c.members for c in self.cells))

    def by_area(self) -> list[tuple[Area, Share]]:
        """Trained members by area."""
        groups: dict[Area, list[int]] = {}
        for cell in self.cells:
            done, total = groups.setdefault(cell.area, [0, 0])
            groups[cell.area] = [done + cell.trained, total + cell.members]
        return [(area, Share(d, t)) for area, (d, t) in sorted(groups.items())]

    def by_category(self) -> list[tuple[str | None, Share]]:
        """Trained members by member category."""
        groups: dict[str | None, list[int]] = {}
        for cell in self.cells:
            done, total = groups.setdefault(cell.category, [0, 0])
            groups[cell.category] = [done + cell.trained, total + cell.members]
        return [(key, Share(d, t)) for key, (d, t) in sorted(groups.items(), key=_category_key)]


def _category_key(item: tuple[str | None, list[int]]) -> tuple[bool, str]:
    return (item[0] is None, item[0] or "")


@dataclass(frozen=True)
class CommuneTeams:
    """Villages of one commune with an active Tổ CNSCĐ, and its imported village total."""

    unit: Unit
    area: Area
    with_team: int
    villages: int | None


@dataclass(frozen=True)
class TeamCoverage:
    """Villages with a Tổ CNSCĐ in every commune in scope."""

    communes: tuple[CommuneTeams, ...]

    def with_team(self) -> int:
        """Villages with an active team, in all communes."""
        return sum(c.with_team for c in self.communes)

    def known(self) -> list[CommuneTeams]:
        """The communes whose village total was imported."""
        return [c for c in self.communes if c.villages is not None]

    def share(self) -> Share:
        """Villages with a team out of the imported totals (communes with a total only)."""
        known = self.known()
        if not known:
            return Share(self.with_team(), None)
        return Share(sum(c.with_team for c in known), sum(c.villages or 0 for c in known))

    def by_area(self) -> list[tuple[Area, Share]]:
        """Villages with a team by area; the total only where every commune has one."""
        groups: dict[Area, list[CommuneTeams]] = {}
        for commune in self.communes:
            groups.setdefault(commune.area, []).append(commune)
        shares = []
        for area, group in sorted(groups.items()):
            totals = [c.villages for c in group]
            total = None if None in totals else sum(t or 0 for t in totals)
            shares.append((area, Share(sum(c.with_team for c in group), total)))
        return shares


@dataclass(frozen=True)
class Targets:
    """The three targets for one scope at one moment."""

    catalog: str
    scope: Scope
    scope_unit: Unit | None
    by_commune: bool
    as_of: datetime
    focal: FocalPoints
    training: Training
    teams: TeamCoverage


def scope_unit(scope: Scope) -> Unit | None:
    """The district or commune a scope is made of (None for the whole province)."""
    if scope.codes is None or not scope.catalog:
        return None
    found = [unit_catalog.get_unit(scope.catalog, code) for code in sorted(scope.codes)]
    units = [u for u in found if u is not None]
    district = next((u for u in units if u.level == "district"), None)
    return district or (units[0] if len(units) == 1 else None)


class _Areas:
    """Which area a unit's figures go to, in catalog order."""

    def __init__(self, catalog: str, by_commune: bool) -> None:
        self.by_commune = by_commune
        self.order = {u.code: i for i, u in enumerate(unit_catalog.catalog_units(catalog))}

    def of(self, catalog: str | None, code: str | None) -> Area:
        unit = unit_catalog.get_unit(catalog, code) if catalog and code else None
        if unit is None:
            return PROVINCIAL
        if not self.by_commune and unit.level == "commune":
            unit = unit_catalog.parent(unit) or unit
        return Area((self.order.get(unit.code, len(self.order)), unit.code), unit)


def year_bounds(now: datetime, zone: ZoneInfo) -> tuple[int, datetime, datetime]:
    """The calendar year of `now` in `zone`, with its first moment and the next year's."""
    year = now.astimezone(zone).year
    return year, datetime(year, 1, 1, tzinfo=zone), datetime(year + 1, 1, 1, tzinfo=zone)


async def _member_groups(
    session: AsyncSession, scope: Scope
) -> list[tuple[int | None, str | None, str | None, str | None, int]]:
    result = await session.execute(
        select(
            col(Member.organisation_id),
            col(Member.unit_catalog),
            col(Member.unit_code),
            col(Member.category),
            func.count(),
        )
        .where(col(Member.status) == MemberStatus.ACTIVE, member_filter(scope))
        .group_by(
            col(Member.organisation_id),
            col(Member.unit_catalog),
            col(Member.unit_code),
            col(Member.category),
        )
    )
    return [(org, cat, code, category, int(n)) for org, cat, code, category, n in result.all()]


async def focal_points(
    session: AsyncSession, *, scope: Scope, catalog: str, areas: _Areas | None = None
) -> FocalPoints:
    """Departments (whole province only), district and commune committees in scope, with
    their approved members: by organisation, or by category and unit for committees."""
    areas = areas or _Areas(catalog, scope.codes is not None)
    committees = await session.execute(
        select(
            col(Organisation.id), col(Organisation.unit_catalog), col(Organisation.unit_code)
        ).where(
            col(Organisation.kind).in_([OrgKind.DISTRICT_COMMITTEE, OrgKind.COMMUNE_COMMITTEE])
        )
    )
    committee_unit = {int(i or 0): (c, code) for i, c, code in committees.all()}
    by_org: dict[int, int] = {}
    by_unit: dict[tuple[str, str | None, str | None], int] = {}
    for org_id, cat, code, category, count in await _member_groups(session, scope):
        if org_id is not None:
            by_org[org_id] = by_org.get(org_id, 0) + count
            if org_id in committee_unit:
                key = ("org", *committee_unit[org_id])
                by_unit[key] = by_unit.get(key, 0) + count
                continue
        for level, categories in COMMITTEE_CATEGORIES.items():
            if category in categories:
                key = (level, cat, code)
                by_unit[key] = by_unit.get(key, 0) + count
    units: list[FocalUnit] = []
    if scope.codes is None:
        for org in await organisations.of_kind(session, kind=OrgKind.DEPARTMENT):
            assert org.id is not None
            units.append(
                FocalUnit(
                    DEPARTMENT, org.key or str(org.id), org.name, PROVINCIAL, by_org.get(org.id, 0)
                )
            )
    for level in (DISTRICT, COMMUNE):
        listed = (
            unit_catalog.districts(catalog)
            if level == DISTRICT
            else unit_catalog.communes(catalog)
        )
        for unit in listed:
            if not scope.covers_unit(catalog, unit.code):
                continue
            count = by_unit.get(("org", catalog, unit.code), 0)
            count += by_unit.get((level, catalog, unit.code), 0)
            units.append(
                FocalUnit(level, unit.code, unit.name, areas.of(catalog, unit.code), count)
            )
    return FocalPoints(tuple(units))


def _trained_members(start: datetime, end: datetime, now: datetime) -> CompoundSelect:
    trainings = select(col(Announcement.id)).where(
        col(Announcement.kind) == AnnouncementKind.TRAINING,
        col(Announcement.state).in_(HELD),
        col(Announcement.event_at) >= start,
        col(Announcement.event_at) < end,
        col(Announcement.event_at) <= now,
    )
    confirmed = select(col(AttendanceConfirmation.member_id)).where(
        col(AttendanceConfirmation.announcement_id).in_(trainings),
        col(AttendanceConfirmation.present).is_(True),
    )
    answered = select(col(Recipient.member_id)).where(
        col(Recipient.announcement_id).in_(trainings),
        col(Recipient.answer) == Answer.YES,
        ~exists().where(
            col(AttendanceConfirmation.announcement_id) == col(Recipient.announcement_id),
            col(AttendanceConfirmation.member_id) == col(Recipient.member_id),
        ),
    )
    return union(confirmed, answered)


async def training(
    session: AsyncSession,
    *,
    scope: Scope,
    year: int,
    start: datetime,
    end: datetime,
    now: datetime,
    areas: _Areas,
) -> Training:
    """Approved members in scope who attended at least one training held this year (until
    now): confirmed present, or answered "Tham gia" where nobody confirmed them."""
    trained = _trained_members(start, end, now)
    result = await session.execute(
        select(
            col(Member.unit_catalog),
            col(Member.unit_code),
            col(Member.category),
            func.count(),
            func.sum(case((col(Member.id).in_(trained), 1), else_=0)),
        )
        .where(col(Member.status) == MemberStatus.ACTIVE, member_filter(scope))
        .group_by(col(Member.unit_catalog), col(Member.unit_code), col(Member.category))
    )
    cells: dict[tuple[Area, str | None], list[int]] = {}
    for cat, code, category, count, done in result.all():
        key = (areas.of(cat, code), category)
        members, trained_count = cells.get(key, [0, 0])
        cells[key] = [members + int(count), trained_count + int(done or 0)]
    held = await session.execute(
        select(func.count())
        .select_from(Announcement)
        .where(
            col(Announcement.kind) == AnnouncementKind.TRAINING,
            col(Announcement.state).in_(HELD),
            col(Announcement.event_at) >= start,
            col(Announcement.event_at) < end,
            col(Announcement.event_at) <= now,
            select(col(Recipient.id))
            .where(col(Recipient.announcement_id) == col(Announcement.id), recipient_filter(scope))
            .exists(),
        )
    )
    return Training(
        year,
        int(held.scalar_one()),
        tuple(
            TrainingCell(area, category, members, done)
            for (area, category), (members, done) in sorted(
                cells.items(), key=lambda item: (item[0][0], item[0][1] or "")
            )
        ),
    )


async def team_coverage(
    session: AsyncSession, *, scope: Scope, catalog: str, areas: _Areas
) -> TeamCoverage:
    """Villages with an active Tổ CNSCĐ in every commune in scope, with imported totals."""
    query = (
        select(col(Team.unit_code), func.count(func.distinct(col(Team.village_key))))
        .where(col(Team.active), col(Team.unit_catalog) == catalog)
        .group_by(col(Team.unit_code))
    )
    clause = team_filter(scope)
    if clause is not None:
        query = query.where(clause)
    with_team = {str(code): int(n) for code, n in (await session.execute(query)).all()}
    totals = await villages.counts(session, catalog=catalog, scope=scope)
    communes = [
        CommuneTeams(
            unit, areas.of(catalog, unit.code), with_team.get(unit.code, 0), totals.get(unit.code)
        )
        for unit in unit_catalog.communes(catalog)
        if scope.covers_unit(catalog, unit.code)
    ]
    return TeamCoverage(tuple(communes))


async def collect(
    session: AsyncSession, *, scope: Scope, catalog: str, now: datetime, zone: ZoneInfo
) -> Targets:
    """All three targets for a scope (a coordinator's scope uses its own catalog)."""
    catalog = scope.catalog or catalog
    by_commune = scope.codes is not None or not unit_catalog.districts(catalog)
    areas = _Areas(catalog, by_commune)
    year, start, end = year_bounds(now, zone)
    return Targets(
        catalog=catalog,
        scope=scope,
        scope_unit=scope_unit(scope),
        by_commune=by_commune,
        as_of=now,
        focal=await focal_points(session, scope=scope, catalog=catalog, areas=areas),
        training=await training(
            session, scope=scope, year=year, start=start, end=end, now=now, areas=areas
        ),
        teams=await team_coverage(session, scope=scope, catalog=catalog, areas=areas),
    )
