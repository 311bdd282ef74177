"""The rules of sending an announcement, shared by the chat and the command line: who may send,
to whom, when, how long its parts may be; and saving a checked one."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from models import announcements, audience, audit, datetimes, scopes
from models.announcements import Announcement, Draft
from models.audience import Audience
from models.members import Member, Role

TITLE_LIMIT = 200
BODY_LIMIT = 4096
PLACE_LIMIT = 300


def parse_when(text: str, zone: ZoneInfo, now: datetime | None = None) -> datetime | None:
    """The local moment typed (see models.datetimes.read_moment); None if it is not one."""
    moment = datetimes.read_moment(text, zone=zone, now=now)
    return moment if isinstance(moment, datetime) else None


def sender_scope(member: Member | None) -> scopes.Scope | None:
    """The scope a member may broadcast to; None for anyone who may not broadcast."""
    if member is None or not member.has_role(Role.COORDINATOR):
        return None
    scope = scopes.of(member)
    return None if scope == scopes.NOTHING else scope


class Refusal(StrEnum):
    """Why an announcement cannot be saved (the text catalog words each reason)."""

    NOT_A_SENDER = "not_a_sender"
    OUTSIDE_SCOPE = "outside_scope"


async def check(
    session: AsyncSession, *, author: Member | None, spec: Audience
) -> scopes.Scope | Refusal:
    """The author's scope if they may send to this audience, else why not."""
    scope = sender_scope(author)
    if scope is None:
        return Refusal.NOT_A_SENDER
    if audience.outside_scope(spec, scope) or await audience.teams_outside_scope(
        session, audience=spec, scope=scope
    ):
        return Refusal.OUTSIDE_SCOPE
    return scope


async def submit(
    session: AsyncSession, *, author: Member, draft: Draft, actor_label: str
) -> Announcement:
    """Save a checked announcement and note it in the audit log."""
    row = await announcements.create(session, draft=draft)
    await audit.record(
        session,
        action="announcement.create",
        actor_member_id=author.id,
        actor_label=actor_label[:64],
        details={
            "announcement_id": row.id,
            "kind": row.kind,
            "title": row.title,
            "send_at": row.send_at.isoformat(),
            "audience": draft.audience,
            "corrects_id": row.corrects_id,
        },
    )
    return row
