"""Who does a task: organisations assigned from the lead agency's text or by an admin, their
focal points (approved members of the organisation), and the status of each assignment.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from models import audit, organisations, task_deadlines, task_reminders, unit_catalog
from models.members import ChannelIdentity, Member, MemberStatus
from models.organisations import Organisation, OrgKind
from models.task_agencies import AgencyMatch, Candidate, Level
from models.tasks import Source, Task, TaskAssignment, TaskStatus, TaskStatusChange

PLAN_LABEL = "import"


async def candidates(session: AsyncSession) -> list[Candidate]:
    """The departments a lead agency's text may name."""
    departments = await organisations.of_kind(session, kind=OrgKind.DEPARTMENT)
    return [Candidate(o.id, o.name, o.short_name) for o in departments if o.id is not None]


class Resolver:
    """Turns agency matches into organisations, creating committees once per import."""

    def __init__(self, session: AsyncSession, *, catalog: str) -> None:
        self.session = session
        self.catalog = catalog
        self._levels: dict[Level, list[Organisation]] = {}

    async def _units(self, units: Sequence[unit_catalog.Unit]) -> list[Organisation]:
        return await organisations.committees_for(self.session, units=units)

    async def level(self, level: Level) -> list[Organisation]:
        """Every organisation of a level (committees of the catalog in force)."""
        if level not in self._levels:
            if level == Level.DEPARTMENTS:
                orgs = await organisations.of_kind(self.session, kind=OrgKind.DEPARTMENT)
            elif level == Level.DISTRICTS:
                orgs = await self._units(unit_catalog.districts(self.catalog))
            else:
                orgs = await self._units(unit_catalog.communes(self.catalog))
            self._levels[level] = orgs
        return self._levels[level]

    async def organisations(self, match: AgencyMatch) -> list[Organisation]:
        """The organisations a match names, each once, named ones first."""
        found: dict[int, Organisation] = {}
        for organisation_id in match.organisation_ids:
            org = await organisations.get(self.session, organisation_id=organisation_id)
            if org is not None and org.id is not None:
                found[org.id] = org
        for level in (Level.DEPARTMENTS, Level.DISTRICTS, Level.COMMUNES):
            if level in match.levels:
                for org in await self.level(level):
                    found.setdefault(org.id or 0, org)
        for org in await self._units(match.units):
            found.setdefault(org.id or 0, org)
        return list(found.values())


async def of_task(
    session: AsyncSession, *, task_id: int, active_only: bool = True
) -> list[tuple[TaskAssignment, Organisation]]:
    """A task's assignments with their organisations, in the order they were made."""
    query = (
        select(TaskAssignment, Organisation)
        .join(Organisation, col(Organisation.id) == col(TaskAssignment.organisation_id))
        .where(TaskAssignment.task_id == task_id)
        .order_by(col(TaskAssignment.id))
    )
    if active_only:
        query = query.where(col(TaskAssignment.active))
    result = await session.execute(query)
    return [(assignment, org) for assignment, org in result.all()]


async def sync_plan(
    session: AsyncSession, *, task: Task, organisation_ids: Sequence[int], now: dt.datetime
) -> tuple[int, int]:
    """Make the plan's assignments of a task these organisations (an admin's additions and
    removals stay as they are); return (added, removed)."""
    assert task.id is not None
    rows = {
        a.organisation_id: a for a, _ in await of_task(session, task_id=task.id, active_only=False)
    }
    wanted = set(organisation_ids)
    added = removed = 0
    for organisation_id in organisation_ids:
        row = rows.get(organisation_id)
        if row is None:
            session.add(
                TaskAssignment(task_id=task.id, organisation_id=organisation_id, created_at=now)
            )
            added += 1
        elif not row.active and row.removed_by_label == PLAN_LABEL:
            row.active, row.removed_at, row.removed_by_label = True, None, None
            session.add(row)
            added += 1
    for organisation_id, row in rows.items():
        if row.active and row.source == Source.PLAN and organisation_id not in wanted:
            await _deactivate(session, row, by_label=PLAN_LABEL, now=now)
            removed += 1
    await session.flush()
    return added, removed


async def _deactivate(
    session: AsyncSession, row: TaskAssignment, *, by_label: str, now: dt.datetime
) -> None:
    row.active, row.removed_at, row.removed_by_label = False, now, by_label
    session.add(row)
    assert row.id is not None
    await task_deadlines.retire_all(session, assignment_id=row.id, now=now)


async def add(
    session: AsyncSession,
    *,
    task: Task,
    organisation_id: int,
    by_member_id: int | None,
    by_label: str,
    now: dt.datetime,
) -> TaskAssignment:
    """Assign a task to one more organisation (it gets the deadlines the others have)."""
    assert task.id is not None
    pairs = await of_task(session, task_id=task.id, active_only=False)
    row = next((a for a, _ in pairs if a.organisation_id == organisation_id), None)
    if row is not None and row.active:
        return row
    if row is None:
        row = TaskAssignment(
            task_id=task.id,
            organisation_id=organisation_id,
            source=Source.ADMIN,
            created_at=now,
            created_by_label=by_label,
        )
    row.active, row.source, row.removed_at, row.removed_by_label = True, Source.ADMIN, None, None
    session.add(row)
    await session.flush()
    await task_deadlines.copy_to(
        session, assignment=row, others=[a for a, _ in pairs], by_label=by_label, now=now
    )
    await task_deadlines.silent_out_of_plan(session, task)
    await audit.record(
        session,
        action="task.assign",
        actor_member_id=by_member_id,
        actor_label=by_label,
        details={"task_id": task.id, "organisation_id": organisation_id},
    )
    return row


async def remove(
    session: AsyncSession,
    *,
    task: Task,
    organisation_id: int,
    by_member_id: int | None,
    by_label: str,
    now: dt.datetime,
) -> bool:
    """Take a task from an organisation (history kept; a re-import does not give it back)."""
    assert task.id is not None
    pairs = await of_task(session, task_id=task.id)
    row = next((a for a, _ in pairs if a.organisation_id == organisation_id), None)
    if row is None:
        return False
    await _deactivate(session, row, by_label=by_label, now=now)
    await session.flush()
    await audit.record(
        session,
        action="task.unassign",
        actor_member_id=by_member_id,
        actor_label=by_label,
        details={"task_id": task.id, "organisation_id": organisation_id},
    )
    return True


async def reassign(
    session: AsyncSession,
    *,
    task: Task,
    from_organisation_id: int,
    to_organisation_id: int,
    by_member_id: int | None,
    by_label: str,
    now: dt.datetime,
) -> TaskAssignment | None:
    """Move a task from one organisation to another, with its current deadlines; None if the
    first organisation did not have it."""
    assert task.id is not None
    pairs = await of_task(session, task_id=task.id)
    old = next((a for a, _ in pairs if a.organisation_id == from_organisation_id), None)
    if old is None or old.id is None:
        return None
    current = await task_deadlines.active_deadlines(session, assignment_ids=[old.id])
    await remove(
        session,
        task=task,
        organisation_id=from_organisation_id,
        by_member_id=by_member_id,
        by_label=by_label,
        now=now,
    )
    row = await add(
        session,
        task=task,
        organisation_id=to_organisation_id,
        by_member_id=by_member_id,
        by_label=by_label,
        now=now,
    )
    await task_deadlines.copy_rows(
        session, assignment=row, rows=current[old.id], by_label=by_label, now=now
    )
    await task_deadlines.silent_out_of_plan(session, task)
    return row


async def set_status(
    session: AsyncSession,
    *,
    assignment: TaskAssignment,
    status: TaskStatus,
    period: str,
    source: str,
    by_member_id: int | None,
    by_label: str,
    now: dt.datetime,
    percent: int | None = None,
    note: str | None = None,
) -> TaskStatusChange:
    """Record a status of an assignment for a period ("" once, "2025" yearly): the one fact
    a reminder button, a check-in answer and an admin's edit all write."""
    assert assignment.id is not None
    change = TaskStatusChange(
        assignment_id=assignment.id,
        period=period,
        status=status,
        percent=percent,
        note=note,
        source=source,
        at=now,
        by_member_id=by_member_id,
        by_label=by_label,
    )
    assignment.status, assignment.status_period, assignment.status_at = status, period, now
    assignment.status_by_member_id, assignment.status_by_label = by_member_id, by_label
    session.add_all([change, assignment])
    await session.flush()
    done = status == TaskStatus.DONE
    await task_reminders.follow_status(
        session, assignment_id=assignment.id, period=period, done=done
    )
    if done:
        await task_reminders.withdraw(session, assignment_id=assignment.id, period=period)
    return change


async def status_history(session: AsyncSession, *, assignment_id: int) -> list[TaskStatusChange]:
    """Every status written for an assignment, oldest first."""
    result = await session.execute(
        select(TaskStatusChange)
        .where(TaskStatusChange.assignment_id == assignment_id)
        .order_by(col(TaskStatusChange.id))
    )
    return list(result.scalars())


async def assignees(
    session: AsyncSession, *, organisation_ids: Sequence[int]
) -> dict[int, list[Member]]:
    """The focal points of each organisation: its approved (active) members."""
    found: dict[int, list[Member]] = {organisation_id: [] for organisation_id in organisation_ids}
    if not organisation_ids:
        return found
    result = await session.execute(
        select(Member)
        .where(
            col(Member.organisation_id).in_(list(organisation_ids)),
            Member.status == MemberStatus.ACTIVE,
        )
        .order_by(col(Member.id))
    )
    for member in result.scalars():
        found[member.organisation_id or 0].append(member)
    return found


@dataclass
class FocalReport:
    """How the assigned organisations are covered by focal points (never an error)."""

    organisations: int = 0
    without_focal_point: list[str] = field(default_factory=list)
    focal_points: int = 0
    unreachable: int = 0
    left: int = 0
    members_without_organisation: int = 0


async def _reachable_members(session: AsyncSession, member_ids: Sequence[int]) -> set[int]:
    if not member_ids:
        return set()
    result = await session.execute(
        select(ChannelIdentity.member_id).where(
            col(ChannelIdentity.member_id).in_(list(member_ids)), col(ChannelIdentity.reachable)
        )
    )
    return {member_id for member_id in result.scalars() if member_id is not None}


async def focal_report(
    session: AsyncSession, *, organisations_assigned: Sequence[Organisation]
) -> FocalReport:
    """Organisations with no focal point, focal points nobody can reach, people who left,
    and approved members with no organisation at all."""
    ids = [org.id for org in organisations_assigned if org.id is not None]
    people = await assignees(session, organisation_ids=ids)
    members = [member for group in people.values() for member in group]
    reachable = await _reachable_members(session, [m.id for m in members if m.id is not None])
    left = await session.execute(
        select(Member.id).where(
            col(Member.organisation_id).in_(ids), Member.status == MemberStatus.DELETED
        )
    )
    loose = await session.execute(
        select(Member.id).where(
            col(Member.organisation_id).is_(None), Member.status == MemberStatus.ACTIVE
        )
    )
    return FocalReport(
        organisations=len(ids),
        without_focal_point=[
            org.display for org in organisations_assigned if not people.get(org.id or 0)
        ],
        focal_points=len(members),
        unreachable=sum(1 for m in members if m.id not in reachable),
        left=len(list(left.scalars())) if ids else 0,
        members_without_organisation=len(list(loose.scalars())),
    )
