"""Answers to deadline reminders and escalations, outside any conversation: a member
records their organisation's status for the reminded period (the same fact as /nhiemvu),
asks to be reminded on the next working day, or gives the reason a task is blocked; a
coordinator or admin presses "Nhắc lại ngay" under an escalation."""

from __future__ import annotations

from dataclasses import dataclass

from bot.buttons.actions import DeadlineReminder, EscalationNudge, ReminderAnswer
from bot.context import Context
from bot.conversation import Done, Flow, Outcome, Retry, Step, Turn
from bot.events import Reply
from bot.texts import task_chat as tc
from bot.texts import task_reminders as t
from bot.timefmt import DATE, show
from handlers.tasks import shared
from models import (
    days_off,
    organisations,
    outbox,
    reminder_schedule,
    scopes,
    task_assignments,
    task_reminders,
    tasks,
)
from models.members import Role
from models.organisations import Organisation
from models.tasks import Task, TaskAssignment, TaskDeadline, TaskStatus
from rendering import task_reminders as view
from rendering.task_progress import status_name

SOURCE = "reminder"
REASON_FLOW = "task_reminder_reason"
STATUS_OF = {
    ReminderAnswer.DONE: TaskStatus.DONE,
    ReminderAnswer.DOING: TaskStatus.IN_PROGRESS,
    ReminderAnswer.BLOCKED: TaskStatus.BLOCKED,
}


@dataclass(frozen=True)
class Reminded:
    """The deadline a reminder was about, still current and the person's to answer."""

    deadline: TaskDeadline
    assignment: TaskAssignment
    task: Task
    organisation: Organisation


async def _load(ctx: Context, deadline_id: int) -> Reminded | None:
    """The reminded deadline, or None after a polite word on why it cannot be answered."""
    session = ctx.session
    member = ctx.member
    deadline = await task_reminders.get_deadline(session, deadline_id=deadline_id)
    assignment = await session.get(TaskAssignment, deadline.assignment_id) if deadline else None
    task = await tasks.get_task(session, task_id=assignment.task_id) if assignment else None
    if deadline is None or assignment is None or task is None:
        ctx.say(tc.MINE_GONE)
        return None
    if (
        member is None
        or not member.has_role(Role.MEMBER)
        or member.organisation_id != assignment.organisation_id
        or not assignment.active
        or not task.in_plan
    ):
        ctx.say(tc.NOT_YOURS)
        return None
    org = await organisations.get(session, organisation_id=assignment.organisation_id)
    assert org is not None
    statuses = await task_reminders.period_statuses(
        session, assignment_ids=[assignment.id or 0], period=deadline.period
    )
    if statuses.get(assignment.id or 0) == TaskStatus.DONE:
        ctx.say(t.ALREADY_DONE.format(task=task.number, org=org.display))
        return None
    if not deadline.active:
        current = await task_reminders.current_deadline(
            session, assignment_id=assignment.id or 0, period=deadline.period
        )
        now = t.DEADLINE_NOW.format(date=current.due_on.strftime(DATE)) if current else ""
        ctx.say(t.DEADLINE_MOVED.format(task=task.number, now=now))
        return None
    return Reminded(deadline, assignment, task, org)


async def answer(ctx: Context) -> None:
    """A button under a deadline reminder."""
    button = await ctx.pressed(DeadlineReminder)
    if button is None:
        return
    found = await _load(ctx, button.deadline_id)
    if found is None:
        return
    if button.answer == ReminderAnswer.LATER:
        await _later(ctx, found)
    elif button.answer == ReminderAnswer.BLOCKED:
        await ctx.start_flow(REASON_FLOW, {"deadline": found.deadline.id})
    else:
        await _save(ctx, found, STATUS_OF[button.answer], None)


async def _later(ctx: Context, found: Reminded) -> None:
    """Queue the reminder once more for this person, on the next working day's hour."""
    rules = ctx.config.tasks.reminder_rules(ctx.config.zone)
    calendar = await days_off.calendar(ctx.session)
    moment = reminder_schedule.next_working_morning(ctx.now(), rules, calendar)
    reply = view.reminder(
        found.task,
        found.organisation,
        deadline_id=found.deadline.id or 0,
        due=found.deadline.due_on,
        today=moment.date(),
    )
    payload_id = await outbox.store_payload(ctx.session, reply=reply)
    key = task_reminders.reminder_key(
        found.assignment.id or 0, found.deadline.period, f"later:{moment.date().isoformat()}"
    )
    await task_reminders.queue(
        ctx.session,
        member_ids=[shared.member_id(ctx) or 0],
        payload_id=payload_id,
        dedupe_key=key,
        not_before=moment,
    )
    ctx.say(t.LATER_SET.format(task=found.task.number, when=show(moment, ctx.config.zone)))


async def _save(ctx: Context, found: Reminded, status: TaskStatus, note: str | None) -> None:
    await task_assignments.set_status(
        ctx.session,
        assignment=found.assignment,
        status=status,
        period=found.deadline.period,
        source=SOURCE,
        by_member_id=shared.member_id(ctx),
        by_label=shared.ACTOR,
        now=ctx.now(),
        note=note,
    )
    ctx.say(
        tc.STATUS_SAVED.format(
            task=found.task.number, org=found.organisation.display, status=status_name(status)
        )
    )


async def ask_reason(turn: Turn) -> Reply:
    """Ask what blocks the task."""
    return shared.ask_blocker()


async def read_reason(turn: Turn) -> Outcome:
    """Record the blocked status with its reason."""
    reason = shared.typed_blocker(turn)
    if isinstance(reason, Retry):
        return reason
    found = await _load(turn.ctx, int(turn.data.get("deadline", 0)))
    if found is not None:
        await _save(turn.ctx, found, TaskStatus.BLOCKED, reason)
    return Done()


REASON = Flow(
    name=REASON_FLOW,
    title=t.REASON_TITLE,
    steps=(Step("reason", ask_reason, read_reason),),
)


async def nudge(ctx: Context) -> None:
    """ "Nhắc lại ngay": one more reminder today to the late organisations in the person's
    scope (pressing again the same day queues nothing new)."""
    button = await ctx.pressed(EscalationNudge)
    if button is None:
        return
    if not shared.is_coordinator(ctx):
        ctx.say(t.NOT_COORDINATOR)
        return
    session = ctx.session
    row = await task_reminders.get_escalation(session, escalation_id=button.escalation_id)
    task = await tasks.get_task(session, task_id=row.task_id) if row else None
    if row is None or task is None:
        ctx.say(t.ESCALATION_GONE)
        return
    scope = scopes.of(ctx.member)
    late = await task_reminders.late_of_task(
        session, task_id=row.task_id, period=row.period, due_on=row.due_on, with_members=False
    )
    orgs = await task_reminders.organisations_by_id(session, ids=[i.organisation_id for i in late])
    mine = {
        item.deadline_id
        for item in late
        if scope.covers_unit(
            orgs[item.organisation_id].unit_catalog, orgs[item.organisation_id].unit_code
        )
    }
    if not mine:
        ctx.say(t.NOBODY_LATE.format(task=task.number))
        return
    today = shared.today(ctx)
    by_deadline: dict[int, list[task_reminders.Pending]] = {}
    for item in await task_reminders.late_of_task(
        session, task_id=row.task_id, period=row.period, due_on=row.due_on
    ):
        if item.deadline_id in mine:
            by_deadline.setdefault(item.deadline_id, []).append(item)
    if not by_deadline:
        ctx.say(t.NUDGE_NOBODY.format(task=task.number))
        return
    people = 0
    for deadline_id, items in by_deadline.items():
        first = items[0]
        reply = view.reminder(
            task,
            orgs[first.organisation_id],
            deadline_id=deadline_id,
            due=first.due_on,
            today=today,
        )
        payload_id = await outbox.store_payload(session, reply=reply)
        key = task_reminders.reminder_key(
            first.assignment_id, first.period, f"now:{today.isoformat()}"
        )
        people += len(
            await task_reminders.queue_fresh(
                session,
                member_ids=[i.member_id for i in items],
                payload_id=payload_id,
                dedupe_key=key,
            )
        )
    if people:
        ctx.say(t.NUDGED.format(task=task.number, people=people, orgs=len(by_deadline)))
    else:
        ctx.say(t.NUDGED_BEFORE.format(task=task.number))
