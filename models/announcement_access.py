"""Who sees which announcement's report, and limited to what part of the network.

Admins see every announcement whole. A coordinator sees their own announcements and those
sent from above them (by an admin or a coordinator whose scope is wider, e.g. the Sở for a
district) that reached people in their scope; either way the figures and names are those of
their scope only. Only the author (or an admin) cancels or corrects an announcement.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, exists, or_
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from models import scopes
from models.announcement_reports import in_scope
from models.announcements import Announcement, Recipient
from models.members import Member, MemberStatus, Role


def viewer_scope(member: Member | None) -> scopes.Scope | None:
    """The part of the network whose figures a member may see; None for non-coordinators."""
    if member is None or not member.has_role(Role.COORDINATOR):
        return None
    scope = scopes.of(member)
    return None if scope == scopes.NOTHING else scope


def owns(member: Member | None, row: Announcement) -> bool:
    """Whether a member may cancel or correct an announcement: its author or an admin."""
    if viewer_scope(member) is None:
        return False
    assert member is not None
    return member.has_role(Role.ADMIN) or row.author_member_id == member.id


async def authors_above(session: AsyncSession, *, scope: scopes.Scope) -> list[int]:
    """The active admins and coordinators whose scope is wider than `scope`."""
    result = await session.execute(
        select(Member).where(
            Member.status == MemberStatus.ACTIVE,
            col(Member.role).in_([Role.COORDINATOR, Role.ADMIN]),
        )
    )
    return [
        member.id
        for member in result.scalars()
        if member.id is not None and scopes.of(member).wider_than(scope)
    ]


def _reaches(scope: scopes.Scope) -> ColumnElement[bool]:
    return exists().where(col(Recipient.announcement_id) == col(Announcement.id), in_scope(scope))


async def visible(session: AsyncSession, *, viewer: Member, limit: int = 10) -> list[Announcement]:
    """The latest announcements whose report a coordinator may open, newest first."""
    scope = viewer_scope(viewer)
    if scope is None:
        return []
    query = select(Announcement).order_by(col(Announcement.id).desc()).limit(limit)
    if not viewer.has_role(Role.ADMIN):
        above = await authors_above(session, scope=scope)
        mine = col(Announcement.author_member_id) == viewer.id
        if above:
            query = query.where(
                or_(mine, col(Announcement.author_member_id).in_(above) & _reaches(scope))
            )
        else:
            query = query.where(mine)
    return list((await session.execute(query)).scalars())


async def scope_for(
    session: AsyncSession, *, viewer: Member | None, row: Announcement
) -> scopes.Scope | None:
    """The scope whose figures of this announcement a member may see; None if none."""
    scope = viewer_scope(viewer)
    if scope is None or viewer is None:
        return None
    if owns(viewer, row):
        return scope
    if row.author_member_id not in await authors_above(session, scope=scope):
        return None
    reached = await session.execute(
        select(Recipient.id)
        .where(col(Recipient.announcement_id) == row.id, in_scope(scope))
        .limit(1)
    )
    return scope if reached.first() is not None else None
