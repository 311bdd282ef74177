"""What changed since the previous round of the same series: per task and organisation, the
status answered last in each round; the tasks whose status changed, the blockers that are
new and those resolved. Read for /tonghop and its workbook."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import true
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
    last in a round."""
    result = await session.execute(
        select(CheckinAnswer, Task, Organisation)
        .join(TaskAssignment, col(TaskAssignment.id) == col(CheckinAnswer.assignment_id))
        .join(Task, col(Task.id) == col(TaskAssignment.task_id))
        .join(Organisation, col(Organisation.id) == col(TaskAssignment.organisation_id))
        .where(
            CheckinAnswer.round_id == round_id,
            scope_filter(scope) if scope is not None else true(),
        )
        .order_by(col(CheckinAnswer.answered_at), col(CheckinAnswer.id))
    )
    found: dict[int, Answered] = {}
    for answer, task, organisation in result.all():
        found[answer.assignment_id] = Answered(
            task.number, task.position, organisation.name, answer.status, answer.note or ""
        )
    return found


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
