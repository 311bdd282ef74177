"""The member directory: finding members inside a scope by name, phone or unit, and the
rows of the XLSX export."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from models import organisations, teams, unit_catalog
from models.members import Member, MemberStatus
from models.scopes import Scope, member_filter, units_under
from models.unit_catalog import fold_key

LISTED = (MemberStatus.ACTIVE, MemberStatus.PENDING)
UNIT_MATCH_SCORE = 0.65
_NOT_DIGIT = re.compile(r"\D")


async def in_scope(
    session: AsyncSession, *, scope: Scope, statuses: Sequence[str] = LISTED
) -> list[Member]:
    """Members inside a scope with one of these statuses, by name."""
    result = await session.execute(
        select(Member).where(member_filter(scope), col(Member.status).in_(list(statuses)))
    )
    return sorted(result.scalars(), key=lambda m: (fold_key(m.full_name), m.id or 0))


def _phone_keys(query: str) -> list[str]:
    digits = _NOT_DIGIT.sub("", query)
    if len(digits) < 3:
        return []
    keys = [digits]
    if digits.startswith("0"):
        keys.append("84" + digits[1:])
    return keys


def _unit_keys(catalog: str, query: str) -> set[tuple[str, str]]:
    found: set[tuple[str, str]] = set()
    for match in unit_catalog.search_units(catalog, query, limit=8):
        if match.score < UNIT_MATCH_SCORE:
            continue
        found.update((catalog, code) for code in units_under(catalog, match.unit.code))
    return found


def matches(member: Member, query: str, units: set[tuple[str, str]]) -> bool:
    """Tell whether a member matches a typed name, phone number or unit."""
    key = fold_key(query)
    if key and key in fold_key(member.full_name):
        return True
    phone = _NOT_DIGIT.sub("", member.phone or "")
    if phone and any(part in phone for part in _phone_keys(query)):
        return True
    return (member.unit_catalog or "", member.unit_code or "") in units


async def search(
    session: AsyncSession,
    *,
    scope: Scope,
    query: str,
    catalog: str,
    statuses: Sequence[str] = LISTED,
) -> list[Member]:
    """Members inside a scope whose name, phone or unit matches what was typed."""
    units = _unit_keys(catalog, query) if fold_key(query) else set()
    candidates = await in_scope(session, scope=scope, statuses=statuses)
    return [member for member in candidates if matches(member, query, units)]


@dataclass(frozen=True)
class DirectoryRow:
    """One member as the directory and the export show them."""

    member: Member
    organisation: str
    district: str
    commune: str
    team: str


def unit_columns(catalog: str | None, code: str | None) -> tuple[str, str]:
    """The (district, commune) names of a unit; either may be empty."""
    if not catalog or not code:
        return "", ""
    unit = unit_catalog.get_unit(catalog, code)
    if unit is None:
        return "", code
    if unit.level == "district":
        return unit.name, ""
    district = unit_catalog.parent(unit)
    return (district.name if district else ""), unit.name


async def rows(session: AsyncSession, *, people: list[Member]) -> list[DirectoryRow]:
    """Directory rows with organisation, district, commune and team names filled in."""
    org_names: dict[int, str] = {}
    team_names: dict[int, str] = {}
    out = []
    for member in people:
        org = ""
        if member.organisation_id is not None:
            if member.organisation_id not in org_names:
                found = await organisations.get(session, organisation_id=member.organisation_id)
                org_names[member.organisation_id] = found.name if found else ""
            org = org_names[member.organisation_id]
        team = ""
        if member.team_id is not None:
            if member.team_id not in team_names:
                found_team = await teams.get(session, team_id=member.team_id)
                team_names[member.team_id] = found_team.name if found_team else ""
            team = team_names[member.team_id]
        district, commune = unit_columns(member.unit_catalog, member.unit_code)
        out.append(DirectoryRow(member, org, district, commune, team))
    return out
