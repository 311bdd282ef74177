"""What changed since the previous round of the same series: per task and organisation, the
status answered last in each round; the tasks whose status changed, the blockers that are
new and those resolved. Read for /tonghop and its workbook."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import func
from sqlalchemy import select as select_columns
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from models.checkins import CheckinAnswer, CheckinRound
from models.organisations import Organisation
from models.scopes import Scope
from models.task_progress import scope_filter
from models.tasks import Task, TaskAssignment, TaskStatus


@dataclass(frozen=True)
class Answered:
    """The status last answered for one task and organisation in a round."""

    number: str
    position: int
    organisation: str
    status: str
    note: str


@dataclass(frozen=True)
class Change:
    """One task and organisation whose status is not what it was in the previous round."""

    number: str
    organisation: str
    before: str
    now: str
    note: str


@dataclass
class Changes:
    """Since the previous round of the series (`previous` is None for a series' first)."""

    previous: CheckinRound | None
    changed: list[Change] = field(default_factory=list)
    new_blockers: list[Change] = field(default_factory=list)
    resolved: list[Change] = field(default_factory=list)


async def previous_round(session: AsyncSession, *, row: CheckinRound) -> CheckinRound | None:
    """The round of the same series that opened just before this one."""
    if row.series_id is None:
        return None
    result = await session.execute(
        select(CheckinRound)
        .where(
            CheckinRound.series_id == row.series_id,
            col(CheckinRound.sequence) < row.sequence,
            col(CheckinRound.opened_at).is_not(None),
        )
        .order_by(col(CheckinRound.sequence).desc())
        .limit(1)
    )
    return result.scalars().first()


async def answered(
    session: AsyncSession, *, round_id: int, scope: Scope | None = None
) -> dict[int, Answered]:
    """Per assignment (of an organisation inside `scope`, when given), the status answered
    last in a round (counted in the database: one row per assignment and status)."""
    query = select_columns(
        col(CheckinAnswer.assignment_id),
        col(CheckinAnswer.status),
        func.max(col(CheckinAnswer.answered_at)),
        func.max(col(CheckinAnswer.id)),
    ).where(col(CheckinAnswer.round_id) == round_id)
    if scope is not None:  # the joins only when they filter
        query = (
            query.join(TaskAssignment, col(TaskAssignment.id) == col(CheckinAnswer.assignment_id))
            .join(Organisation, col(Organisation.id) == col(TaskAssignment.organisation_id))
            .where(scope_filter(scope))
        )
    grouped = await session.execute(
        query.group_by(col(CheckinAnswer.assignment_id), col(CheckinAnswer.status))
    )
    last: dict[int, tuple[dt.datetime, int, str]] = {}
    for assignment_id, status, at, answer_id in grouped.all():
        mark = (at, int(answer_id or 0), status)
        if assignment_id not in last or mark[:2] > last[assignment_id][:2]:
            last[assignment_id] = mark
    if not last:
        return {}
    named = await session.execute(
        select_columns(
            col(TaskAssignment.id), col(Task.number), col(Task.position), col(Organisation.name)
        )
        .join(Task, col(Task.id) == col(TaskAssignment.task_id))
        .join(Organisation, col(Organisation.id) == col(TaskAssignment.organisation_id))
        .where(col(TaskAssignment.id).in_(list(last)))
    )
    blocked = [m[1] for m in last.values() if m[2] == TaskStatus.BLOCKED]
    notes: dict[int, str] = {}
    if blocked:
        found = await session.execute(
            select_columns(col(CheckinAnswer.id), col(CheckinAnswer.note)).where(
                col(CheckinAnswer.id).in_(blocked)
            )
        )
        notes = {int(answer_id or 0): note or "" for answer_id, note in found.all()}
    result: dict[int, Answered] = {}
    for named_id, number, position, organisation in named.all():
        _, chosen, status = last[int(named_id or 0)]
        result[int(named_id or 0)] = Answered(
            number, position, organisation, status, notes.get(chosen, "")
        )
    return result


async def since_previous(
    session: AsyncSession, *, row: CheckinRound, scope: Scope | None = None
) -> Changes:
    """What changed between the previous round of the series and this one (on what both
    rounds answered; a blocker answered now for the first time counts as new)."""
    assert row.id is not None
    previous = await previous_round(session, row=row)
    if previous is None or previous.id is None:
        return Changes(None)
    before = await answered(session, round_id=previous.id, scope=scope)
    now = await answered(session, round_id=row.id, scope=scope)
    changes = Changes(previous)
    for assignment_id in sorted(now, key=lambda a: (now[a].position, now[a].organisation)):
        current = now[assignment_id]
        old = before.get(assignment_id)
        status = old.status if old else ""
        change = Change(current.number, current.organisation, status, current.status, "")
        if current.status == TaskStatus.BLOCKED and status != TaskStatus.BLOCKED:
            changes.new_blockers.append(
                Change(current.number, current.organisation, status, current.status, current.note)
            )
        if status == TaskStatus.BLOCKED and current.status != TaskStatus.BLOCKED:
            changes.resolved.append(change)
        if old is not None and status != current.status:
            changes.changed.append(change)
    return changes
