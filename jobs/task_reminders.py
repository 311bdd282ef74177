"""Deadline reminders and escalations: sweeps over the database run by the scheduler leader.

Each deadline keeps the next day a reminder of it may be due (`next_remind_on`). A run reads,
a chunk at a time over that index (models.task_reminders.due_chunk), only the deadlines
whose day has come; for each it works out the latest reminder due now and the next day
(models.reminder_schedule: working days, the reminder hour), then in one transaction per
chunk moves the deadlines on to their next day (only those still as read: a deadline marked
done or moved meanwhile is left out), records the reminders and queues them. The reminder
rows' UNIQUE key decides who sends, so a second process or a repeated run sends nothing
twice, and a run after downtime sends only the latest reminder, never the ones missed.

When the configured offsets, the repeat while overdue or the days off change, every
deadline not done is worked out again at the next run (`ReminderBasis`).

Escalations go on working days only, at the reminder hour: one due on a weekend or a
holiday goes on the next working day, once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections import defaultdict
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass

import holidays
from sqlalchemy.ext.asyncio import AsyncSession

from jobs.context import JobContext
from models import days_off, outbox, reminder_schedule, scopes, task_assignments, task_reminders
from models.reminder_schedule import OVERDUE_HORIZON, Rules
from models.task_reminders import Due, Pending
from models.tasks import NEXT_NONE, TaskStatus
from models.working_days import WorkCalendar
from rendering import task_reminders as rendering

log = logging.getLogger(__name__)

CHUNK = 1000
"""Deadlines read per query of the due scan."""
BATCH = 200
"""Deadlines worked out and queued per transaction (its reminders: one per member)."""


def rules_of(context: JobContext) -> Rules:
    """The configured timing of reminders."""
    config = context.services.config
    return config.tasks.reminder_rules(config.zone)


def basis(rules: Rules, calendar: WorkCalendar) -> str:
    """A fingerprint of what the reminder days depend on besides each deadline and task:
    the offsets, the repeat while overdue, the admin's days off and the holiday package."""
    days = sorted((day.isoformat(), name) for day, name in calendar.extra_days_off.items())
    text = repr((rules.offsets, rules.overdue_every, days, holidays.__version__))
    return hashlib.sha256(text.encode()).hexdigest()


@dataclass(frozen=True)
class Plan:
    """What a run does with one due deadline: the reminder to send (offset; None: none)
    and the next day to look at it again."""

    item: Due
    offset: int | None
    next_on: dt.date | None


class Planner:
    """Works out the reminder due and the next day of deadlines, once per due date and
    offsets within a run (many deadlines share both), under one basis (rules, calendar)."""

    def __init__(self, rules: Rules, calendar: WorkCalendar, now: dt.datetime) -> None:
        self.rules, self.calendar, self.now = rules, calendar, now
        self.today = now.astimezone(rules.zone).date()
        self.cutoff = reminder_schedule.last_passed_day(now, rules)
        self.basis = basis(rules, calendar)
        self._seen: dict[tuple[dt.date, str | None], tuple[int | None, dt.date | None]] = {}

    def plan(self, item: Due) -> Plan:
        """The plan for one deadline."""
        key = (item.due_on, item.task_offsets)
        if key not in self._seen:
            own = reminder_schedule.parse_offsets(item.task_offsets) if item.task_offsets else None
            rules = self.rules.with_offsets(own)
            offset = reminder_schedule.latest_due(item.due_on, rules, self.calendar, now=self.now)
            after = reminder_schedule.next_day(
                item.due_on, rules, self.calendar, after=self.cutoff
            )
            self._seen[key] = (offset, after)
        offset, after = self._seen[key]
        return Plan(item, offset, after or NEXT_NONE)


async def _calendar_and_basis(context: JobContext, rules: Rules, now: dt.datetime) -> WorkCalendar:
    """The working-day calendar; when it or the rules changed since the reminder days were
    worked out, every deadline not done is marked to be worked out again (this run)."""
    async with context.sessions() as session:
        calendar = await days_off.calendar(session)
        stored = await task_reminders.basis_of(session)
    fingerprint = basis(rules, calendar)
    if stored != fingerprint:
        async with context.sessions() as session:
            await task_reminders.rebase(session, fingerprint=fingerprint, now=now)
            await session.commit()
        log.info("reminder rules or days off changed: every deadline is worked out again")
    return calendar


async def due_chunks(
    context: JobContext, cutoff: dt.date
) -> AsyncIterator[tuple[list[Due], dict[int, list[int]]]]:
    """The due scan: the deadlines whose next reminder day is on or before `cutoff`, a
    chunk at a time in index order (each read in its own short session, so the caller
    writes between two chunks), with the active members of their organisations (read once
    per organisation and run: the memory follows the members, not the reminders)."""
    people: dict[int, list[int]] = {}
    after: tuple[dt.date, int] | None = None
    while True:
        async with context.sessions() as session:
            chunk = await task_reminders.due_chunk(
                session, cutoff=cutoff, after=after, limit=CHUNK
            )
            missing = {item.organisation_id for item in chunk} - people.keys()
            people.update(await task_reminders.members_of(session, organisation_ids=missing))
        if not chunk:
            return
        yield chunk, people
        if len(chunk) < CHUNK:
            return
        after = (chunk[-1].next_on, chunk[-1].deadline_id)


async def remind_due(context: JobContext) -> int:
    """Queue the deadline reminders due now; return how many members were queued."""
    now = context.services.clock()
    rules = rules_of(context)
    calendar = await _calendar_and_basis(context, rules, now)
    planner = Planner(rules, calendar, now)
    queued = 0
    async for chunk, people in due_chunks(context, planner.cutoff):
        for start in range(0, len(chunk), BATCH):
            plans = [planner.plan(item) for item in chunk[start : start + BATCH]]
            queued += await remind_chunk(context, planner, plans, people)
    if queued:
        _wake(context)
        log.info("deadline reminders queued for %d members", queued)
    return queued


async def remind_chunk(
    context: JobContext, planner: Planner, plans: Sequence[Plan], people: dict[int, list[int]]
) -> int:
    """Move one chunk of deadlines on and queue their reminders, in one transaction; nothing
    when the rules or days off changed since the planner read them (the next run works
    every deadline out again)."""
    now, today = context.services.clock(), planner.today
    # A transaction that starts by writing waits for another writer instead of failing.
    async with context.sessions() as session:
        moved = await task_reminders.advance(
            session,
            moves=[(p.item.deadline_id, p.item.next_on, p.next_on) for p in plans],
        )
        if await task_reminders.basis_of(session) != planner.basis:
            await session.rollback()
            log.info("reminder rules or days off changed during a run: left to the next run")
            return 0
        due = [
            (p.item, p.offset, people[p.item.organisation_id])
            for p in plans
            if p.offset is not None
            and p.item.deadline_id in moved
            and people[p.item.organisation_id]
        ]
        if not due:
            await session.commit()
            return 0
        claimed = await task_reminders.claim(session, due=due, now=now)
        going = [(i, o, claimed.get((i.deadline_id, o), [])) for i, o, _ in due]
        going = [(item, offset, people) for item, offset, people in going if people]
        tasks = await task_reminders.tasks_by_id(session, ids=(i.task_id for i, _, _ in going))
        orgs = await task_reminders.organisations_by_id(
            session, ids=(i.organisation_id for i, _, _ in going)
        )
        replies = [
            rendering.reminder(
                tasks[item.task_id],
                orgs[item.organisation_id],
                deadline_id=item.deadline_id,
                due=item.due_on,
                today=today,
            )
            for item, _, _ in going
        ]
        payload_ids = await outbox.store_payloads(session, replies=replies)
        sends = [
            (
                sorted(people),
                payload_id,
                task_reminders.reminder_key(
                    item.assignment_id, item.period, f"{item.deadline_id}:{offset}"
                ),
            )
            for (item, offset, people), payload_id in zip(going, payload_ids, strict=True)
        ]
        queued = await task_reminders.queue_groups(session, groups=sends)
        await session.commit()
    return queued


def _wake(context: JobContext) -> None:
    if context.services.sender is not None:
        context.services.sender.wake()


async def escalate_due(context: JobContext) -> int:
    """Tell the coordinators in scope and the admins, once per task and deadline, about the
    organisations late by `escalate_after_days` or more; return how many were told."""
    now = context.services.clock()
    config = context.services.config
    zone = config.zone
    today = now.astimezone(zone).date()
    after = dt.timedelta(days=config.tasks.escalate_after_days)
    if now < rules_of(context).at(today):
        return 0  # with the morning reminders, not at midnight
    async with context.sessions() as session:
        if not (await days_off.calendar(session)).is_working_day(today):
            return 0  # on the next working day, with its reminders
        late = await task_reminders.pending(
            session, start=today - OVERDUE_HORIZON, end=today - after, with_members=False
        )
    groups: dict[tuple[int, str, dt.date], list[Pending]] = defaultdict(list)
    for item in late:
        groups[(item.task_id, item.period, item.due_on)].append(item)
    told = 0
    for (task_id, period, due_on), items in groups.items():
        async with context.sessions() as session:
            escalation_id = await task_reminders.claim_escalation(
                session, task_id=task_id, period=period, due_on=due_on, late=len(items), now=now
            )
            if escalation_id is None:
                continue
            told += await _escalate(session, items, escalation_id, today)
            await session.commit()
    if told:
        _wake(context)
    return told


async def _escalate(
    session: AsyncSession, items: list[Pending], escalation_id: int, today: dt.date
) -> int:
    """Queue one escalation per reader: the late organisations inside the reader's scope."""
    first = items[0]
    tasks = await task_reminders.tasks_by_id(session, ids=[first.task_id])
    orgs = await task_reminders.organisations_by_id(
        session, ids=[i.organisation_id for i in items]
    )
    people = await task_assignments.assignees(session, organisation_ids=list(orgs))
    statuses = await task_reminders.period_statuses(
        session, assignment_ids=[i.assignment_id for i in items], period=first.period
    )
    late = [
        rendering.Late(
            orgs[i.organisation_id],
            statuses.get(i.assignment_id, TaskStatus.NOT_STARTED),
            (today - i.due_on).days,
            people.get(i.organisation_id, []),
        )
        for i in sorted(items, key=lambda i: orgs[i.organisation_id].display)
    ]
    by_scope: dict[scopes.Scope, list[int]] = defaultdict(list)
    for member in await task_reminders.overseers(session):
        by_scope[scopes.of(member)].append(member.id or 0)
    told = 0
    for scope, readers in by_scope.items():
        seen = [
            item
            for item in late
            if scope.covers_unit(item.organisation.unit_catalog, item.organisation.unit_code)
        ]
        if not seen:
            continue
        reply = rendering.escalation(
            tasks[first.task_id], due=first.due_on, late=seen, escalation_id=escalation_id
        )
        payload_id = await outbox.store_payload(session, reply=reply)
        reached = await task_reminders.queue_escalation(
            session, member_ids=readers, payload_id=payload_id, escalation_id=escalation_id
        )
        told += len(reached)
    return told
