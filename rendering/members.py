"""Describing a member in a message or a sheet: phone as people write it, unit with its
district, category, scope, organisation and team names."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from bot.texts import admin as at
from bot.texts import membership as t
from bot.texts import registration as rt
from models import organisations, teams, unit_catalog
from models.members import Member
from models.scopes import of as scope_of


def placeholder_name(role: str) -> str:
    """The name an account given a role from the command line has until it tells its own."""
    return at.PLACEHOLDER_NAME.format(role=at.ROLE_NAMES[role])


def has_placeholder_name(member: Member) -> bool:
    """Tell whether the member still has the name `grant` gave (no real name yet)."""
    return member.full_name in {placeholder_name(role) for role in at.ROLE_NAMES}


def show_phone(e164: str | None) -> str:
    """+84905123456 → 0905 123 456 (other forms are shown as stored)."""
    if not e164:
        return "—"
    if e164.startswith("+84") and len(e164) == 12:
        national = "0" + e164[3:]
        return f"{national[:4]} {national[4:7]} {national[7:]}"
    return e164


def unit_label(catalog: str | None, code: str | None) -> str:
    """A unit's name with its district, or a dash."""
    if not catalog or not code:
        return "—"
    unit = unit_catalog.get_unit(catalog, code)
    return unit_catalog.label(unit) if unit else code


def category_label(key: str | None) -> str:
    """The Vietnamese name of a member category."""
    return rt.CATEGORIES.get(key or "", key or "—")


def scope_label(member: Member) -> str:
    """What a coordinator covers, in words."""
    scope = scope_of(member)
    if scope.whole_province:
        return t.SCOPE_PROVINCE
    return unit_label(member.scope_catalog, member.scope_code)


async def describe(session: AsyncSession, member: Member, *, phone: bool = True) -> str:
    """Several lines about a member: name, phone, category, organisation, unit, team, job."""
    lines = [t.LINE_NAME.format(value=member.full_name)]
    if phone:
        lines.append(t.LINE_PHONE.format(value=show_phone(member.phone)))
    lines.append(t.LINE_CATEGORY.format(value=category_label(member.category)))
    if member.organisation_id is not None:
        org = await organisations.get(session, organisation_id=member.organisation_id)
        if org is not None:
            lines.append(t.LINE_ORG.format(value=org.name))
    if member.unit_code:
        lines.append(t.LINE_UNIT.format(value=unit_label(member.unit_catalog, member.unit_code)))
    if member.team_id is not None:
        team = await teams.get(session, team_id=member.team_id)
        if team is not None:
            lines.append(t.LINE_TEAM.format(value=team.name))
    if member.position:
        lines.append(t.LINE_POSITION.format(value=member.position))
    return "\n".join(lines)
