"""What /nhiemvu shows about progress: a member's list and one task with its status, a
coordinator's counts per task and overall, and the late list with focal points' phones."""

from __future__ import annotations

from collections.abc import Sequence
from zoneinfo import ZoneInfo

from bot.texts import task_chat as t
from bot.texts import tasks as tt
from bot.timefmt import DATE, show
from models.members import Member
from models.task_progress import Progress, Tally
from models.tasks import Task, TaskStatus
from rendering.tasks import focal_points, short, timing_label

LIST_TITLE = 80
LABEL_TITLE = 28


def status_name(status: str) -> str:
    """A status as people read it."""
    return tt.STATUS.get(status, status)


def due_phrase(item: Progress) -> str:
    """The deadline with the days left or late ("hạn 30/06/2026 (còn 12 ngày)")."""
    if item.due is None or item.days is None:
        return t.NO_DUE
    date = item.due.strftime(DATE)
    if item.status == TaskStatus.DONE:
        return t.DUE.format(date=date)
    if item.days > 0:
        return t.DUE_LEFT.format(date=date, days=item.days)
    if item.days == 0:
        return t.DUE_TODAY.format(date=date)
    return t.DUE_LATE.format(date=date, days=-item.days)


def page_note(page: int, pages: int) -> str:
    """ " — trang 2/3" when a list has more than one page."""
    return t.PAGE_OF.format(page=page + 1, pages=pages) if pages > 1 else ""


def task_label(task: Task) -> str:
    """A task on a button: its number and the start of its title."""
    return t.TASK_LABEL.format(task=task.number, title=short(task.title, LABEL_TITLE))


def my_list(
    org: str, shown: Sequence[Progress], *, first: int, total: int, page: int, pages: int
) -> str:
    """One page of an organisation's tasks, numbered like their buttons."""
    lines = [t.MINE_HEADER.format(org=org, count=total, page=page_note(page, pages))]
    for number, item in enumerate(shown, start=first):
        lines.append(
            t.MINE_ITEM.format(
                number=number,
                task=item.task.number,
                title=short(item.task.title, LIST_TITLE),
                due=due_phrase(item),
                status=status_name(item.status),
            )
        )
    lines.append(t.MINE_OPEN)
    return "\n".join(lines)


def my_task(item: Progress, plan: str, zone: ZoneInfo) -> str:
    """One task of the person's organisation: as printed, its deadline and status."""
    task, labels = item.task, t.DETAIL_LABELS
    lines = [t.DETAIL_TITLE.format(number=task.number, plan=plan)]
    fields = [
        ("title", task.title),
        ("result", task.result),
        ("timing", timing_label(task)),
        ("org", item.organisation.display),
        ("due", due_phrase(item)),
        ("status", status_name(item.status)),
    ]
    if item.status == TaskStatus.BLOCKED and item.note:
        fields.append(("note", item.note))
    if item.assignment.status_at is not None:
        fields.append(("updated", show(item.assignment.status_at, zone)))
    lines.extend(t.DETAIL_FIELD.format(label=labels[k], value=v) for k, v in fields if v)
    lines.append(t.DETAIL_ASK)
    return "\n".join(lines)


def counts(tally: Tally) -> str:
    """Done, in progress, blocked, not started and late, in one line."""
    return t.COUNTS.format(
        done=tally.done,
        in_progress=tally.in_progress,
        blocked=tally.blocked,
        not_started=tally.not_started,
        late=tally.late,
    )


def board(
    scope: str,
    shown: Sequence[tuple[Task, Tally]],
    overall: Tally,
    *,
    tasks: int,
    first: int,
    page: int,
    pages: int,
) -> str:
    """One page of the tasks a coordinator sees, with counts per task and overall."""
    lines = [
        t.BOARD_HEADER.format(
            scope=scope, tasks=tasks, total=overall.total, page=page_note(page, pages)
        ),
        t.BOARD_TOTAL.format(counts=counts(overall)),
    ]
    for number, (task, tally) in enumerate(shown, start=first):
        lines.append(
            t.BOARD_ITEM.format(
                number=number,
                task=task.number,
                title=short(task.title, LIST_TITLE),
                total=tally.total,
                counts=counts(tally),
            )
        )
    return "\n".join(lines)


def board_task(
    task: Task, plan: str, items: Sequence[Progress], overall: Tally, *, limit: int
) -> str:
    """One task for a coordinator: its counts and each organisation in scope (late first)."""
    lines = [
        t.TASK_HEADER.format(number=task.number, plan=plan, title=task.title),
        t.TASK_LEAD.format(lead=task.lead or "—", timing=timing_label(task)),
    ]
    if not items:
        lines.append(t.TASK_NO_ORG)
        return "\n".join(lines)
    lines.append(t.TASK_COUNTS.format(total=overall.total, counts=counts(overall)))
    ordered = sorted(items, key=lambda item: -item.late)
    for item in ordered[:limit]:
        lines.append(
            t.TASK_ORG_LINE.format(
                org=item.organisation.display,
                status=status_name(item.status),
                due=due_phrase(item),
            )
        )
    if len(ordered) > limit:
        lines.append("  " + tt.MORE.format(count=len(ordered) - limit).strip())
    return "\n".join(lines)


def late_list(
    shown: Sequence[Progress],
    people: dict[int, list[Member]],
    *,
    task: Task | None,
    total: int,
    first: int,
    page: int,
    pages: int,
) -> str:
    """One page of the late organisations, with their focal points and phones."""
    if not total:
        return t.LATE_NONE
    what = t.LATE_OF_TASK.format(task=task.number) if task is not None else ""
    lines = [t.LATE_HEADER.format(what=what, count=total, page=page_note(page, pages))]
    for number, item in enumerate(shown, start=first):
        names = focal_points(people.get(item.organisation.id or 0, []))
        lines.append(
            t.LATE_ITEM.format(
                number=number,
                org=item.organisation.display,
                task=item.task.number,
                days=item.late,
                date=item.due.strftime(DATE) if item.due else "",
                people=t.LATE_PEOPLE.format(names=names) if names else t.LATE_NO_PEOPLE,
            )
        )
    return "\n".join(lines)
