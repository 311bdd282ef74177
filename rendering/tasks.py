"""What people read about the plan's tasks: the task list, a task's details, focal points with
their phones and the sentence for a file that cannot be imported. The chat, jobs and the
command line share these."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from bot.texts import tasks as t
from bot.timefmt import DATE
from models.members import Member
from models.task_deadlines import timing_of
from models.task_files import MAX_BYTES, TaskFileError
from models.task_timing import DEFAULT_YEARLY_DAY, yearly_day_of
from models.task_views import AssignmentRow
from models.tasks import Task, TaskDeadline, TaskGroup
from rendering.members import show_phone

SHOWN = 10  # items of a list before "và N khác"
TITLE_WIDTH = 70


def few(items: Sequence[str], limit: int = SHOWN) -> str:
    """The first items joined by commas, then "và N khác" for the rest."""
    text = ", ".join(items[:limit])
    return text + (t.MORE.format(count=len(items) - limit) if len(items) > limit else "")


def short(text: str, width: int = TITLE_WIDTH) -> str:
    """A long title cut at `width` characters with an ellipsis."""
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def day_month(value: tuple[int, int]) -> str:
    """(15, 12) as "15/12"."""
    return f"{value[0]:02d}/{value[1]:02d}"


def due_dates(rows: Sequence[TaskDeadline], *, periods: bool = False) -> str:
    """Deadlines as dd/mm/yyyy, comma-separated, each with its period if asked."""
    return ", ".join(
        row.due_on.strftime(DATE) + (f" ({row.period})" if periods and row.period else "")
        for row in rows
    )


def timing_label(task: Task) -> str:
    """The timing as printed, or a note that the plan gives none."""
    return task.timing_text or t.NO_TIMING


def focal_points(people: Sequence[Member]) -> str:
    """Focal points as "name (phone)", comma-separated; a name alone when there is no phone."""
    return ", ".join(
        t.PERSON_PHONE.format(name=person.full_name, phone=show_phone(person.phone))
        if person.phone
        else person.full_name
        for person in people
    )


def file_problem(error: TaskFileError) -> str:
    """The one Vietnamese sentence for a file that cannot be imported."""
    template = t.FILE_PROBLEMS[error.problem]
    size = int(error.detail) if error.detail.isdigit() else 0
    return template.format(size=round(size / 1024 / 1024, 1), limit=MAX_BYTES // 1024 // 1024)


@dataclass(frozen=True)
class ListedTask:
    """A task with what the list shows about it."""

    task: Task
    organisations: int
    next_due: dt.date | None


def task_list(plan: str, groups: Sequence[TaskGroup], listed: Sequence[ListedTask]) -> str:
    """The tasks of a plan under their groups."""
    if not listed:
        return t.LIST_EMPTY
    by_id = {group.id: group for group in groups}
    lines = [t.LIST_HEADER.format(plan=plan, count=len(listed))]
    current: int | None = None
    for item in listed:
        task = item.task
        if task.group_id != current and task.group_id in by_id:
            group = by_id[task.group_id]
            lines.append(t.LIST_GROUP.format(number=group.number, title=short(group.title)))
        current = task.group_id
        due = t.LIST_NEXT_DUE.format(date=item.next_due.strftime(DATE)) if item.next_due else ""
        lines.append(
            t.LIST_TASK.format(
                number=task.number,
                mark=t.LIST_UNNUMBERED_MARK if task.unnumbered else "",
                title=short(task.title, 60),
                lead=task.lead or "—",
                timing=timing_label(task),
                orgs=item.organisations,
                due=due,
            )
        )
    if any(item.task.unnumbered for item in listed):
        lines.append(t.LIST_UNNUMBERED_NOTE)
    return "\n".join(lines)


def _kind_line(task: Task, default_day: tuple[int, int]) -> str:
    extra = ""
    if task.timing_kind in ("yearly", "year"):
        day = yearly_day_of(timing_of(task), override=task.override, default=default_day)
        extra = t.SHOW_YEARLY_DAY.format(day=day_month(day))
    if task.timing_problem:
        extra = f" — {t.PROBLEMS.get(task.timing_problem, task.timing_problem)}"
    return t.SHOW_KIND.format(kind=t.KINDS.get(task.timing_kind, task.timing_kind), extra=extra)


def _assignment_lines(row: AssignmentRow) -> list[str]:
    names = focal_points(row.people)
    status = row.assignment.status
    lines = [
        t.SHOW_ASSIGNMENT.format(
            org=row.organisation.display,
            status=t.STATUS.get(status, status),
            deadlines=due_dates(row.deadlines, periods=True) or t.SHOW_NO_DEADLINE,
            people=t.SHOW_PEOPLE.format(names=names) if names else t.SHOW_NO_PEOPLE,
        )
    ]
    if row.retired:
        lines.append(t.SHOW_MOVED.format(items=due_dates(row.retired, periods=True)))
    return lines


def task_details(
    plan: str,
    task: Task,
    group: TaskGroup | None,
    rows: Sequence[AssignmentRow],
    *,
    default_day: tuple[int, int] = DEFAULT_YEARLY_DAY,
    limit: int | None = None,
) -> str:
    """Everything about one task: as printed, its timing, and each organisation's part (the
    first `limit` organisations, then how many more)."""
    lines = [
        t.SHOW_TITLE.format(
            number=task.number, mark=t.SHOW_UNNUMBERED if task.unnumbered else "", plan=plan
        )
    ]
    if not task.in_plan:
        lines.append(t.SHOW_NOT_IN_PLAN)
    if group is not None:
        lines.append(t.SHOW_GROUP.format(number=group.number, title=short(group.title, 90)))
    printed = {
        "title": task.title,
        "lead": task.lead,
        "partners": task.partners,
        "result": task.result,
        "timing": timing_label(task),
    }
    for key, value in printed.items():
        if value:
            lines.append(t.SHOW_FIELD.format(label=t.SHOW_LABELS[key], value=value))
    lines.append(_kind_line(task, default_day))
    if not rows:
        lines.append(t.SHOW_NONE_ASSIGNED)
        return "\n".join(lines)
    lines.append(t.SHOW_ASSIGNED.format(count=len(rows)))
    shown = rows if limit is None else rows[:limit]
    for row in shown:
        lines.extend(_assignment_lines(row))
    if len(rows) > len(shown):
        lines.append("  " + t.MORE.format(count=len(rows) - len(shown)).strip())
    return "\n".join(lines)
