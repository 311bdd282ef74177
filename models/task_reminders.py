"""Deadline reminders and escalations, kept in the database so each goes at most once.

- `TaskReminder`: one reminder sent to one member for one deadline and offset (days before
  it; negative once overdue). Its UNIQUE key is the lock: a job run inserts the rows it
  means to send with ON CONFLICT DO NOTHING and queues the outbox rows only for those it
  inserted, in the same transaction, so two processes (or a run repeated after a restart)
  never send one twice.
- `TaskEscalation`: one message to coordinators and admins about the organisations late on
  one task and deadline, once (UNIQUE task, period, due date).
- `ReminderBasis`: what the deadlines' `next_remind_on` days were worked out with (the
  offsets, the repeat while overdue, the days off); when it changes, every deadline not
  done is worked out again.

The reminder job finds what is due with one query over the `next_remind_on` index of
deadlines (`due_chunk`), a chunk at a time in index order: only deadlines whose next
reminder day has come, never the ones waiting. Writing "done" empties `next_remind_on`
(the reminders stop at once); writing another status after "done", a task's own offsets
or a new deadline set it to `NEXT_RECOMPUTE`, which the next run works out again. A task
taken out of its plan has every deadline emptied (`park_task`) until it comes back
(`resume_task`).

Escalations and the "Nhắc lại ngay" button use `due_scan`, over the `(active, due_on)`
index, keeping the periods whose latest status is not done.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, UniqueConstraint, and_, func, literal, or_, update
from sqlalchemy import select as sa_select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import Field, SQLModel, col, select

from models import outbox
from models.base import utcnow
from models.members import Member, MemberStatus, Role
from models.organisations import Organisation
from models.outbox import MessageKind, insert_for
from models.tasks import (
    NEXT_RECOMPUTE,
    Task,
    TaskAssignment,
    TaskDeadline,
    TaskStatus,
    TaskStatusChange,
)

KIND = "task_reminder"
ESCALATION_KIND = "task_escalation"
PRIORITY = outbox.SENDING[MessageKind.REMINDER].priority
CHUNK = 500


class TaskReminder(SQLModel, table=True):
    """One deadline reminder sent to one member (at most once per deadline and offset)."""

    __tablename__ = "task_reminders"
    __table_args__ = (UniqueConstraint("deadline_id", "member_id", "offset_days"),)

    id: int | None = Field(default=None, primary_key=True)
    deadline_id: int = Field(foreign_key="task_deadlines.id")
    assignment_id: int = Field(foreign_key="task_assignments.id", index=True)
    member_id: int = Field(foreign_key="members.id", index=True)
    due_on: dt.date
    offset_days: int
    sent_at: dt.datetime = Field(default_factory=utcnow)


class TaskEscalation(SQLModel, table=True):
    """Coordinators and admins told once that organisations are late on a task's deadline."""

    __tablename__ = "task_escalations"
    __table_args__ = (UniqueConstraint("task_id", "period", "due_on"),)

    id: int | None = Field(default=None, primary_key=True)
    task_id: int = Field(foreign_key="tasks.id")
    period: str = Field(default="", max_length=8)
    due_on: dt.date
    late_organisations: int = 0
    sent_at: dt.datetime = Field(default_factory=utcnow)


class ReminderBasis(SQLModel, table=True):
    """The rules and calendar the deadlines' next reminder days were worked out with."""

    __tablename__ = "reminder_basis"

    name: str = Field(primary_key=True, max_length=32)
    fingerprint: str = Field(max_length=64)
    changed_at: dt.datetime = Field(default_factory=utcnow)


@dataclass(frozen=True)
class ScannedDeadline:
    """What a due scan reads of a deadline (the columns of `_deadline_scan` but the last):
    its assignment, task and organisation, period, day and the task's own reminder days."""

    deadline_id: int
    assignment_id: int
    task_id: int
    organisation_id: int
    period: str
    due_on: dt.date
    task_offsets: str | None


@dataclass(frozen=True)
class Pending(ScannedDeadline):
    """A current deadline not done, for one member of the assigned organisation (member_id
    0 in an escalation scan, which does not look at members)."""

    member_id: int


def _latest_status() -> Any:
    """The latest status written for the deadline's assignment and period (a subquery)."""
    return (
        sa_select(col(TaskStatusChange.status))
        .where(
            col(TaskStatusChange.assignment_id) == col(TaskDeadline.assignment_id),
            col(TaskStatusChange.period) == col(TaskDeadline.period),
        )
        .order_by(col(TaskStatusChange.id).desc())
        .limit(1)
        .correlate(TaskDeadline)
        .scalar_subquery()
    )


def _deadline_scan(last: Any) -> Select[Any]:
    """The columns and joins both due scans share: a deadline with its assignment's task
    and organisation and the task's reminder days, then `last`, for active assignments of
    tasks in their plan."""
    return (
        sa_select(
            col(TaskDeadline.id),
            col(TaskDeadline.assignment_id),
            col(TaskAssignment.task_id),
            col(TaskAssignment.organisation_id),
            col(TaskDeadline.period),
            col(TaskDeadline.due_on),
            col(Task.reminder_offsets),
            last,
        )
        .join(TaskAssignment, col(TaskAssignment.id) == col(TaskDeadline.assignment_id))
        .join(Task, col(Task.id) == col(TaskAssignment.task_id))
        .where(col(TaskAssignment.active), col(Task.in_plan))
    )


def due_scan(start: dt.date, end: dt.date, *, with_members: bool = True) -> Select[Any]:
    """The one query that finds what reminders may be due: current deadlines from `start`
    to `end` of active assignments of tasks in their plan whose period is not done, one row
    per active member of the organisation (or per deadline, without members)."""
    member: Any = col(Member.id) if with_members else literal(0)
    query = _deadline_scan(member).where(
        col(TaskDeadline.active),
        col(TaskDeadline.due_on) >= start,
        col(TaskDeadline.due_on) <= end,
        func.coalesce(_latest_status(), "") != TaskStatus.DONE.value,
    )
    if with_members:
        query = query.join(
            Member, col(Member.organisation_id) == col(TaskAssignment.organisation_id)
        ).where(col(Member.status) == MemberStatus.ACTIVE)
        return query.order_by(col(TaskDeadline.id), col(Member.id))
    return query.order_by(col(TaskDeadline.id))


async def pending(
    session: AsyncSession, *, start: dt.date, end: dt.date, with_members: bool = True
) -> list[Pending]:
    """Run the due scan."""
    result = await session.execute(due_scan(start, end, with_members=with_members))
    return [
        Pending(int(r[0]), int(r[1]), int(r[2]), int(r[3]), r[4], r[5], r[6], int(r[7] or 0))
        for r in result.all()
    ]


@dataclass(frozen=True)
class Due(ScannedDeadline):
    """A deadline whose next reminder day has come (`next_on`), with what the job needs to
    work out which reminder is due and which day comes next."""

    next_on: dt.date


def due_query(
    cutoff: dt.date, *, after: tuple[dt.date, int] | None = None, limit: int = CHUNK
) -> Select[Any]:
    """The due scan: up to `limit` deadlines whose `next_remind_on` is on or before
    `cutoff`, after the (day, id) `after`, in the order of the ix_task_deadlines_next_remind
    index, of active assignments of tasks in their plan."""
    next_on: Any = col(TaskDeadline.next_remind_on)
    query: Any = (
        _deadline_scan(next_on)
        .where(next_on <= cutoff)
        .order_by(next_on, col(TaskDeadline.id))
        .limit(limit)
    )
    if after is not None:
        day, deadline_id = after
        query = query.where(
            or_(next_on > day, and_(next_on == day, col(TaskDeadline.id) > deadline_id))
        )
    return query


async def due_chunk(
    session: AsyncSession,
    *,
    cutoff: dt.date,
    after: tuple[dt.date, int] | None = None,
    limit: int = CHUNK,
) -> list[Due]:
    """One chunk of the due scan (see `due_query`)."""
    result = await session.execute(due_query(cutoff, after=after, limit=limit))
    return [
        Due(int(r[0]), int(r[1]), int(r[2]), int(r[3]), r[4], r[5], r[6], r[7])
        for r in result.all()
    ]


async def members_of(
    session: AsyncSession, *, organisation_ids: Iterable[int]
) -> dict[int, list[int]]:
    """The ids of the active members of these organisations, by organisation."""
    wanted = sorted(set(organisation_ids))
    found: dict[int, list[int]] = {organisation_id: [] for organisation_id in wanted}
    if not wanted:
        return found
    result = await session.execute(
        sa_select(col(Member.organisation_id), col(Member.id))
        .where(col(Member.organisation_id).in_(wanted), col(Member.status) == MemberStatus.ACTIVE)
        .order_by(col(Member.id))
    )
    for organisation_id, member_id in result.all():
        found[int(organisation_id or 0)].append(int(member_id or 0))
    return found


async def advance(
    session: AsyncSession, *, moves: Iterable[tuple[int, dt.date, dt.date | None]]
) -> set[int]:
    """Move deadlines' `next_remind_on` from the day read (deadline, read, new) to the new
    one, only where it is still the day read; return the deadlines moved. A deadline marked
    done, moved or worked out by another process in between is left as it is: this run
    does not remind for it."""
    groups: dict[tuple[dt.date, dt.date | None], list[int]] = {}
    for deadline_id, read, new in moves:
        groups.setdefault((read, new), []).append(deadline_id)
    moved: set[int] = set()
    for (read, new), ids in sorted(groups.items(), key=lambda item: str(item[0])):
        for start in range(0, len(ids), CHUNK):
            result = await session.execute(
                update(TaskDeadline)
                .where(
                    col(TaskDeadline.id).in_(ids[start : start + CHUNK]),
                    col(TaskDeadline.next_remind_on) == read,
                )
                .values(next_remind_on=new)
                .returning(col(TaskDeadline.id))
                .execution_options(synchronize_session=False)
            )
            moved.update(int(row_id or 0) for row_id in result.scalars())
    return moved


async def follow_status(
    session: AsyncSession, *, assignment_id: int, period: str, done: bool
) -> None:
    """After a status is written for an assignment's period: "done" stops the reminders of
    its current deadline at once; any other status after "done" brings them back (the next
    run works out the day)."""
    query = update(TaskDeadline).where(
        col(TaskDeadline.assignment_id) == assignment_id,
        col(TaskDeadline.period) == period,
        col(TaskDeadline.active),
    )
    if done:
        query = query.values(next_remind_on=None)
    else:
        in_plan = (
            sa_select(col(Task.in_plan))
            .join(TaskAssignment, col(TaskAssignment.task_id) == col(Task.id))
            .where(col(TaskAssignment.id) == assignment_id)
            .scalar_subquery()
        )
        query = query.where(col(TaskDeadline.next_remind_on).is_(None), in_plan.is_(True)).values(
            next_remind_on=NEXT_RECOMPUTE
        )
    await session.execute(query.execution_options(synchronize_session=False))


def _assignments_of(task_id: int, *, active_only: bool = False) -> Any:
    query = sa_select(col(TaskAssignment.id)).where(col(TaskAssignment.task_id) == task_id)
    return query.where(col(TaskAssignment.active)) if active_only else query


async def park_task(session: AsyncSession, *, task_id: int) -> None:
    """The task left its plan (a corrected import no longer has it): its deadlines have
    nothing to remind, so the due scan never reads them, until it comes back."""
    await session.execute(
        update(TaskDeadline)
        .where(col(TaskDeadline.assignment_id).in_(_assignments_of(task_id)))
        .where(col(TaskDeadline.next_remind_on).is_not(None))
        .values(next_remind_on=None)
        .execution_options(synchronize_session=False)
    )


async def resume_task(session: AsyncSession, *, task_id: int) -> None:
    """The task is back in its plan: the current deadlines of its organisations whose period
    is not done are worked out again by the next run (done ones stay silent)."""
    await session.execute(
        update(TaskDeadline)
        .where(
            col(TaskDeadline.assignment_id).in_(_assignments_of(task_id, active_only=True)),
            col(TaskDeadline.active),
            col(TaskDeadline.next_remind_on).is_(None),
            func.coalesce(_latest_status(), "") != TaskStatus.DONE.value,
        )
        .values(next_remind_on=NEXT_RECOMPUTE)
        .execution_options(synchronize_session=False)
    )


def _recompute(query: Any) -> Any:
    return (
        query.where(col(TaskDeadline.next_remind_on).is_not(None))
        .values(next_remind_on=NEXT_RECOMPUTE)
        .execution_options(synchronize_session=False)
    )


async def recompute_task(session: AsyncSession, *, task_id: int) -> None:
    """The task's reminder offsets changed: its deadlines not done are worked out again."""
    assignments = sa_select(col(TaskAssignment.id)).where(col(TaskAssignment.task_id) == task_id)
    await session.execute(
        _recompute(update(TaskDeadline).where(col(TaskDeadline.assignment_id).in_(assignments)))
    )


BASIS = "deadlines"


async def basis_of(session: AsyncSession) -> str | None:
    """The fingerprint of the rules and calendar the reminder days were worked out with."""
    row = await session.get(ReminderBasis, BASIS)
    return row.fingerprint if row is not None else None


async def rebase(session: AsyncSession, *, fingerprint: str, now: dt.datetime) -> None:
    """The rules or the calendar changed: every deadline not done is worked out again by the
    next run, under this fingerprint (written first, so the transaction starts by writing)."""
    await session.execute(_recompute(update(TaskDeadline)))
    await session.execute(
        insert_for(session, ReminderBasis)
        .values(name=BASIS, fingerprint=fingerprint, changed_at=now)
        .on_conflict_do_update(
            index_elements=["name"], set_={"fingerprint": fingerprint, "changed_at": now}
        )
    )


async def claim(
    session: AsyncSession,
    *,
    due: Sequence[tuple[Pending | Due, int, Sequence[int]]],
    now: dt.datetime,
) -> dict[tuple[int, int], list[int]]:
    """Record the reminders (deadline, offset, members) about to go; return, by (deadline,
    offset), the members recorded now (not by an earlier run or another process): only
    they get it."""
    rows = [
        {
            "deadline_id": item.deadline_id,
            "assignment_id": item.assignment_id,
            "member_id": member_id,
            "due_on": item.due_on,
            "offset_days": offset,
            "sent_at": now,
        }
        for item, offset, member_ids in due
        for member_id in member_ids
    ]
    if not rows:
        return {}
    statement = (
        insert_for(session, TaskReminder)
        .on_conflict_do_nothing(index_elements=["deadline_id", "member_id", "offset_days"])
        .returning(
            col(TaskReminder.deadline_id),
            col(TaskReminder.offset_days),
            col(TaskReminder.member_id),
        )
    )
    found: dict[tuple[int, int], list[int]] = {}
    for start in range(0, len(rows), CHUNK):
        result = await session.execute(statement, rows[start : start + CHUNK])
        for deadline_id, offset, member_id in result.all():
            found.setdefault((int(deadline_id), int(offset)), []).append(int(member_id))
    return found


def reminder_key(assignment_id: int, period: str, what: str) -> str:
    """The outbox key of a reminder about an assignment's period; every key of one
    assignment and period starts with `key_prefix`, so marking it done withdraws them."""
    return f"{key_prefix(assignment_id, period)}{what}"


def key_prefix(assignment_id: int, period: str) -> str:
    """The start of the outbox keys of an assignment's reminders for one period."""
    return f"task:{assignment_id}:{period}:"


async def queue(
    session: AsyncSession,
    *,
    member_ids: Sequence[int],
    payload_id: int,
    dedupe_key: str,
    not_before: dt.datetime | None = None,
) -> set[int]:
    """Queue a stored reminder for these members, held by quiet hours (reminder kind)."""
    return await outbox.enqueue_many(
        session,
        member_ids=member_ids,
        payload_id=payload_id,
        priority=PRIORITY,
        kind=KIND,
        dedupe_key=dedupe_key,
        not_before=not_before,
    )


async def queue_groups(
    session: AsyncSession, *, groups: Sequence[tuple[Sequence[int], int, str]]
) -> int:
    """Queue stored reminders, each for its members under its key (reminder kind); return
    how many outbox rows were added."""
    return await outbox.enqueue_groups(session, groups=groups, priority=PRIORITY, kind=KIND)


async def queue_fresh(
    session: AsyncSession, *, member_ids: Sequence[int], payload_id: int, dedupe_key: str
) -> set[int]:
    """Queue a stored reminder now for the members not yet queued under this key; return
    those queued now (none on a second press)."""
    return await outbox.enqueue_fresh(
        session,
        member_ids=member_ids,
        payload_id=payload_id,
        priority=PRIORITY,
        kind=KIND,
        dedupe_key=dedupe_key,
    )


async def withdraw(session: AsyncSession, *, assignment_id: int, period: str) -> int:
    """Cancel the reminders of an assignment's period still waiting (it was marked done)."""
    return await outbox.cancel_prefix(session, prefix=key_prefix(assignment_id, period))


async def tasks_by_id(session: AsyncSession, *, ids: Iterable[int]) -> dict[int, Task]:
    """Tasks by id."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    result = await session.execute(select(Task).where(col(Task.id).in_(wanted)))
    return {task.id or 0: task for task in result.scalars()}


async def organisations_by_id(
    session: AsyncSession, *, ids: Iterable[int]
) -> dict[int, Organisation]:
    """Organisations by id."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    result = await session.execute(select(Organisation).where(col(Organisation.id).in_(wanted)))
    return {org.id or 0: org for org in result.scalars()}


async def get_assignment(session: AsyncSession, *, assignment_id: int) -> TaskAssignment | None:
    """One assignment by id (removed ones too)."""
    return await session.get(TaskAssignment, assignment_id)


async def period_statuses(
    session: AsyncSession, *, assignment_ids: Sequence[int], period: str
) -> dict[int, str]:
    """The latest status written for each assignment's period (none written: left out)."""
    if not assignment_ids:
        return {}
    result = await session.execute(
        select(TaskStatusChange)
        .where(
            col(TaskStatusChange.assignment_id).in_(list(assignment_ids)),
            col(TaskStatusChange.period) == period,
        )
        .order_by(col(TaskStatusChange.id))
    )
    return {change.assignment_id: change.status for change in result.scalars()}


async def get_deadline(session: AsyncSession, *, deadline_id: int) -> TaskDeadline | None:
    """One deadline by id."""
    return await session.get(TaskDeadline, deadline_id)


async def current_deadline(
    session: AsyncSession, *, assignment_id: int, period: str
) -> TaskDeadline | None:
    """The active deadline of an assignment's period, if it has one."""
    result = await session.execute(
        select(TaskDeadline).where(
            col(TaskDeadline.assignment_id) == assignment_id,
            col(TaskDeadline.period) == period,
            col(TaskDeadline.active),
        )
    )
    return result.scalars().first()


async def claim_escalation(
    session: AsyncSession,
    *,
    task_id: int,
    period: str,
    due_on: dt.date,
    late: int,
    now: dt.datetime,
) -> int | None:
    """Record the escalation of a task's deadline; its id if recorded now, None if it was
    sent before (or by another process)."""
    statement = (
        insert_for(session, TaskEscalation)
        .values(
            task_id=task_id, period=period, due_on=due_on, late_organisations=late, sent_at=now
        )
        .on_conflict_do_nothing(index_elements=["task_id", "period", "due_on"])
        .returning(col(TaskEscalation.id))
    )
    return (await session.execute(statement)).scalar_one_or_none()


async def get_escalation(session: AsyncSession, *, escalation_id: int) -> TaskEscalation | None:
    """One escalation by id."""
    return await session.get(TaskEscalation, escalation_id)


async def late_of_task(
    session: AsyncSession,
    *,
    task_id: int,
    period: str,
    due_on: dt.date,
    with_members: bool = True,
) -> list[Pending]:
    """The deadlines of a task (one period and date) still not done, one row per member of
    the organisation (or per deadline, without members)."""
    query = due_scan(due_on, due_on, with_members=with_members).where(
        col(TaskAssignment.task_id) == task_id, col(TaskDeadline.period) == period
    )
    result = await session.execute(query)
    return [
        Pending(int(r[0]), int(r[1]), int(r[2]), int(r[3]), r[4], r[5], r[6], int(r[7] or 0))
        for r in result.all()
    ]


async def overseers(session: AsyncSession) -> list[Member]:
    """Active coordinators and admins (the job keeps those whose scope covers the unit)."""
    result = await session.execute(
        select(Member)
        .where(
            col(Member.status) == MemberStatus.ACTIVE,
            col(Member.role).in_([Role.COORDINATOR, Role.ADMIN]),
        )
        .order_by(col(Member.id))
    )
    return list(result.scalars())


async def queue_escalation(
    session: AsyncSession, *, member_ids: Sequence[int], payload_id: int, escalation_id: int
) -> set[int]:
    """Queue an escalation message for coordinators and admins (reminder kind)."""
    return await outbox.enqueue_many(
        session,
        member_ids=member_ids,
        payload_id=payload_id,
        priority=PRIORITY,
        kind=ESCALATION_KIND,
        dedupe_key=f"task-escalation:{escalation_id}",
    )
