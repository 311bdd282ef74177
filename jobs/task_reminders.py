"""Deadline reminders and escalations: sweeps over the database run by the scheduler leader.

Each run reads what is due with one query (models.task_reminders.due_scan), works out the
latest reminder due for every deadline (models.reminder_schedule: working days, the
reminder hour), then records and queues it in one transaction per batch: the reminder rows'
UNIQUE key decides who sends, so a second process or a repeated run sends nothing twice,
and a run after downtime sends only the latest reminder, never the ones missed.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict

from sqlalchemy.ext.asyncio import AsyncSession

from jobs.context import JobContext
from models import days_off, outbox, reminder_schedule, scopes, task_assignments, task_reminders
from models.reminder_schedule import Rules
from models.task_reminders import Pending
from models.tasks import TaskStatus
from models.working_days import WorkCalendar
from rendering import task_reminders as rendering

log = logging.getLogger(__name__)

OVERDUE_HORIZON = dt.timedelta(days=366)
BATCH = 200


def rules_of(context: JobContext) -> Rules:
    """The configured timing of reminders."""
    config = context.services.config
    return config.tasks.reminder_rules(config.zone)


def due_offsets(
    groups: dict[int, list[Pending]], rules: Rules, calendar: WorkCalendar, now: dt.datetime
) -> dict[int, int]:
    """For each deadline, the offset of its latest reminder due now (none: left out)."""
    found = {}
    for deadline_id, items in groups.items():
        first = items[0]
        own = reminder_schedule.parse_offsets(first.task_offsets) if first.task_offsets else None
        offset = reminder_schedule.latest_due(
            first.due_on, rules.with_offsets(own), calendar, now=now
        )
        if offset is not None:
            found[deadline_id] = offset
    return found


async def remind_due(context: JobContext) -> int:
    """Queue the deadline reminders due now; return how many members were queued."""
    now = context.services.clock()
    rules = rules_of(context)
    today = now.astimezone(rules.zone).date()
    async with context.sessions() as session:
        calendar = await days_off.calendar(session)
        found = await task_reminders.pending(
            session,
            start=today - OVERDUE_HORIZON,
            end=today + dt.timedelta(days=rules.lookahead),
        )
        groups: dict[int, list[Pending]] = defaultdict(list)
        for item in found:
            groups[item.deadline_id].append(item)
        offsets = due_offsets(groups, rules, calendar, now)
        sent = await task_reminders.sent_already(session, keys=offsets.items())
        tasks = await task_reminders.tasks_by_id(
            session, ids=(groups[d][0].task_id for d in offsets)
        )
        orgs = await task_reminders.organisations_by_id(
            session, ids=(groups[d][0].organisation_id for d in offsets)
        )
    todo = []
    for deadline_id, offset in offsets.items():
        members = [
            i.member_id
            for i in groups[deadline_id]
            if (deadline_id, i.member_id, offset) not in sent
        ]
        if members:
            todo.append((groups[deadline_id][0], offset, members))
    queued = 0
    for start in range(0, len(todo), BATCH):
        # A transaction that starts by writing waits for another writer instead of failing.
        async with context.sessions() as session:
            part = todo[start : start + BATCH]
            claimed = await task_reminders.claim(session, due=part, now=now)
            going = [(i, o, claimed.get((i.deadline_id, o), [])) for i, o, _ in part]
            going = [(item, offset, members) for item, offset, members in going if members]
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
                    sorted(members),
                    payload_id,
                    task_reminders.reminder_key(
                        item.assignment_id, item.period, f"{item.deadline_id}:{offset}"
                    ),
                )
                for (item, offset, members), payload_id in zip(going, payload_ids, strict=True)
            ]
            queued += await task_reminders.queue_groups(session, groups=sends)
            await session.commit()
    if queued:
        _wake(context)
        log.info("deadline reminders queued for %d members", queued)
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
