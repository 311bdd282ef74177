"""What the weekly digest of a coordinator reads: who gets it, who already got it this week
(the outbox key is unique per identity and week), the new blockers in a scope since a moment,
and the response of the coordinator's last round."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from models import checkin_summary, checkins
from models.checkins import CheckinRound, Response
from models.members import Member, MemberStatus, Role
from models.organisations import Organisation
from models.outbox import OutboxMessage
from models.scopes import Scope
from models.task_progress import scope_filter
from models.tasks import Task, TaskAssignment, TaskStatus, TaskStatusChange


@dataclass(frozen=True)
class NewBlocker:
    """A task an organisation of the scope marked blocked in the week."""

    number: str
    organisation: str
    note: str
    at: dt.datetime


def week_key(day: dt.date) -> str:
    """The outbox key of the digest of the ISO week holding `day`."""
    year, week, _ = day.isocalendar()
    return f"checkin-digest:{year}-W{week:02d}"


async def coordinators(session: AsyncSession) -> list[Member]:
    """The active coordinators, by id."""
    result = await session.execute(
        select(Member)
        .where(col(Member.status) == MemberStatus.ACTIVE, col(Member.role) == Role.COORDINATOR)
        .order_by(col(Member.id))
    )
    return list(result.scalars())


async def already_queued(session: AsyncSession, *, key: str) -> set[int]:
    """The members with a digest queued under this week's key."""
    result = await session.execute(
        select(col(OutboxMessage.member_id)).where(col(OutboxMessage.dedupe_key) == key)
    )
    return {int(m) for m in result.scalars() if m is not None}


async def new_blockers(
    session: AsyncSession, *, scope: Scope, since: dt.datetime, limit: int = 200
) -> list[NewBlocker]:
    """The "blocked" statuses written since a moment for organisations the scope sees, newest
    first (only those still the assignment's latest word)."""
    result = await session.execute(
        select(TaskStatusChange, Task, Organisation)
        .join(TaskAssignment, col(TaskAssignment.id) == col(TaskStatusChange.assignment_id))
        .join(Task, col(Task.id) == col(TaskAssignment.task_id))
        .join(Organisation, col(Organisation.id) == col(TaskAssignment.organisation_id))
        .where(
            col(TaskStatusChange.at) >= since,
            col(TaskAssignment.active),
            scope_filter(scope),
        )
        .order_by(col(TaskStatusChange.at).desc(), col(TaskStatusChange.id).desc())
    )
    seen: set[tuple[int, str]] = set()
    found: list[NewBlocker] = []
    for change, task, organisation in result.all():
        key = (change.assignment_id, change.period)
        if key in seen:
            continue
        seen.add(key)
        if change.status == TaskStatus.BLOCKED and len(found) < limit:
            found.append(NewBlocker(task.number, organisation.name, change.note or "", change.at))
    return found


async def last_round(
    session: AsyncSession, *, member_id: int, today: dt.date
) -> tuple[CheckinRound, Response] | None:
    """The round the coordinator opened last, and its response."""
    found = await checkin_summary.reported_rounds(session, author_member_id=member_id, limit=1)
    if not found or found[0].id is None:
        return None
    return found[0], await checkins.response(session, round_id=found[0].id, today=today)
