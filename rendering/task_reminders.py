"""What deadline reminders and escalations look like, built the same way by the reminder
job, the "Nhắc lại sau" answer and the "Nhắc lại ngay" button."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from bot.buttons.actions import DeadlineReminder, EscalationNudge, ReminderAnswer
from bot.events import Option, Reply
from bot.texts import task_reminders as t
from bot.timefmt import DATE
from models.members import Member
from models.organisations import Organisation
from models.tasks import Task
from rendering.task_progress import status_name
from rendering.tasks import focal_points, short

TITLE = 200
RESULT = 300
ESCALATION_ORGS = 15
WEEK = 7


def when(due: dt.date, today: dt.date) -> str:
    """ "còn 3 ngày", "hôm nay là hạn" or "quá hạn 2 ngày"."""
    days = (due - today).days
    if days > 0:
        return t.DAYS_LEFT.format(days=days)
    if days == 0:
        return t.DUE_TODAY
    return t.DAYS_LATE.format(days=-days)


def reminder(
    task: Task, org: Organisation, *, deadline_id: int, due: dt.date, today: dt.date
) -> Reply:
    """The reminder of one deadline as the organisation's members read it on `today`."""
    lines = [
        t.REMINDER_TITLE.format(number=task.number, title=short(task.title, TITLE)),
        t.REMINDER_ORG.format(org=org.display),
        t.REMINDER_DUE.format(date=due.strftime(DATE), when=when(due, today)),
    ]
    if task.result.strip():
        lines.append(t.REMINDER_RESULT.format(result=short(task.result, RESULT)))
    lines.append(t.REMINDER_ASK)
    options = tuple(
        Option(t.ANSWERS[answer.value], DeadlineReminder(deadline_id, answer).encode())
        for answer in ReminderAnswer
    )
    return Reply("\n".join(lines), options, columns=2)


@dataclass(frozen=True)
class Late:
    """One late organisation in an escalation."""

    organisation: Organisation
    status: str
    days: int
    people: Sequence[Member]


def escalation(task: Task, *, due: dt.date, late: Sequence[Late], escalation_id: int) -> Reply:
    """One message per task and deadline: the late organisations with their focal points
    and phones, and "Nhắc lại ngay"."""
    lines = [
        t.ESCALATION_TITLE.format(
            number=task.number, date=due.strftime(DATE), title=short(task.title, TITLE)
        ),
        t.ESCALATION_COUNT.format(count=len(late)),
    ]
    for item in late[:ESCALATION_ORGS]:
        lines.append(
            t.ESCALATION_ORG.format(
                org=item.organisation.display, status=status_name(item.status), days=item.days
            )
        )
        names = focal_points(item.people)
        lines.append(t.ESCALATION_PEOPLE.format(names=names) if names else t.ESCALATION_NOBODY)
    if len(late) > ESCALATION_ORGS:
        lines.append(t.ESCALATION_MORE.format(count=len(late) - ESCALATION_ORGS))
    button = Option(t.ESCALATION_BUTTON, EscalationNudge(escalation_id).encode())
    return Reply("\n".join(lines), (button,))


def days_off(rows: Sequence[tuple[dt.date, str]]) -> str:
    """The admin's days off, one a line."""
    if not rows:
        return t.DAYS_OFF_NONE
    lines = [t.DAYS_OFF_HEADER.format(count=len(rows))]
    lines.extend(
        t.DAYS_OFF_ITEM.format(
            date=day.strftime(DATE), weekday=t.WEEKDAYS[day.weekday()], name=name
        )
        for day, name in rows
    )
    return "\n".join(lines)


def upcoming_days_off(
    found: Sequence[tuple[dt.date, str]], added: set[dt.date], *, days: int
) -> str:
    """The days off ahead (public holidays and the admin's), for admins in /nhiemvu."""
    lines = [t.UPCOMING_HEADER.format(days=days) if found else t.UPCOMING_NONE.format(days=days)]
    lines.extend(
        t.DAYS_OFF_ITEM.format(
            date=day.strftime(DATE), weekday=t.WEEKDAYS[day.weekday()], name=name
        )
        + (t.UPCOMING_ADMIN if day in added else "")
        for day, name in found
    )
    lines.append(t.UPCOMING_HOW)
    return "\n".join(lines)


def schedule(offsets: Sequence[int], *, overdue_every: int, own: bool) -> str:
    """A task's reminder days in words ("Nhắc trước hạn 14, 7, 3, 1 ngày, đúng ngày hạn;
    quá hạn: sau 1 ngày rồi hằng tuần"), saying whether they are its own or the default."""
    before = sorted((o for o in offsets if o > 0), reverse=True)
    head = []
    if before:
        head.append(t.SCHEDULE_BEFORE.format(days=", ".join(str(o) for o in before)))
    if 0 in offsets:
        head.append(t.SCHEDULE_ON_THE_DAY)
    late = []
    after = sorted(-o for o in offsets if o < 0)
    if after:
        late.append(t.SCHEDULE_AFTER.format(days=", ".join(str(o) for o in after)))
    if overdue_every > 0:
        weekly = overdue_every == WEEK
        late.append(t.SCHEDULE_WEEKLY if weekly else t.SCHEDULE_EVERY.format(days=overdue_every))
    said = t.SCHEDULE_HEAD.format(before=", ".join(head))
    if not head:
        said = t.SCHEDULE_ONLY_LATE.format(late=t.SCHEDULE_THEN.join(late))
    elif late:
        said = t.SCHEDULE_LATE.format(head=said, late=t.SCHEDULE_THEN.join(late))
    else:
        said = t.SCHEDULE_NO_LATE.format(head=said)
    return said + (t.SCHEDULE_OWN if own else t.SCHEDULE_DEFAULT)
