"""What people read about tasks: the import report (one screen), the task list and a task's
details. Used by the command line, and by the chat when admins import there."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from bot.texts import tasks as t
from models.members import Member
from models.organisations import Organisation
from models.task_deadlines import timing_of
from models.task_import import ImportReport
from models.task_timing import DEFAULT_YEARLY_DAY, yearly_day_of
from models.tasks import Task, TaskAssignment, TaskDeadline, TaskGroup

SHOWN = 10  # items of a list in the report before "và N khác"
TITLE_WIDTH = 70
DATE = "%d/%m/%Y"


def _few(items: Sequence[str], limit: int = SHOWN) -> str:
    text = ", ".join(items[:limit])
    return text + (t.MORE.format(count=len(items) - limit) if len(items) > limit else "")


def _short(text: str, width: int = TITLE_WIDTH) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def day_month(value: tuple[int, int]) -> str:
    """(15, 12) as "15/12"."""
    return f"{value[0]:02d}/{value[1]:02d}"


def _parsing_lines(report: ImportReport) -> list[str]:
    parsed = report.parsed
    lines = [
        t.REPORT_FOUND.format(
            groups=len(parsed.groups), tasks=len(parsed.tasks), tables=parsed.tables
        )
    ]
    unnumbered = [task.number for task in parsed.tasks if task.unnumbered]
    if unnumbered:
        lines.append(t.REPORT_UNNUMBERED.format(numbers=_few(unnumbered)))
    if parsed.continuations:
        items = [
            t.REPORT_MERGED_ITEM.format(number=c.number, table=c.table, line=c.line)
            for c in parsed.continuations
        ]
        lines.append(t.REPORT_MERGED.format(count=len(items), items=_few(items)))
    if parsed.blank_lines:
        lines.append(t.REPORT_BLANK.format(count=parsed.blank_lines))
    if parsed.skipped:
        items = [
            t.REPORT_SKIPPED_ITEM.format(
                table=s.table,
                line=s.line,
                number=f" (số {s.number})" if s.number else "",
                reason=t.SKIPPED.get(s.reason, s.reason),
            )
            for s in parsed.skipped
        ]
        lines.append(t.REPORT_SKIPPED.format(count=len(items), items=_few(items, 5)))
    if parsed.ignored_tables:
        lines.append(t.REPORT_IGNORED_TABLES.format(count=parsed.ignored_tables))
    return lines


def _timing_lines(report: ImportReport) -> list[str]:
    kinds = [
        t.REPORT_KIND_ITEM.format(kind=label, count=report.by_kind[kind])
        for kind, label in t.KINDS.items()
        if report.by_kind.get(kind)
    ]
    lines = [t.REPORT_KINDS.format(items=" · ".join(kinds))]
    if report.needs_date:
        items = [
            t.REPORT_NEEDS_DATE_ITEM.format(
                number=n.number,
                reason=t.PROBLEMS.get(n.problem, n.problem),
                detail=f": “{n.detail or n.timing}”" if n.problem != "empty" else "",
            )
            for n in report.needs_date
        ]
        lines.append(t.REPORT_NEEDS_DATE.format(count=len(items), items=_few(items)))
    else:
        lines.append(t.REPORT_NO_NEEDS_DATE)
    return lines


def _assignment_lines(report: ImportReport) -> list[str]:
    lines: list[str] = []
    if report.unmatched:
        lines.append(t.REPORT_UNMATCHED.format(count=len(report.unmatched)))
        for item in report.unmatched[:SHOWN]:
            suggestion = (
                t.REPORT_SUGGESTION.format(name=item.suggestion)
                if item.suggestion
                else t.REPORT_NO_SUGGESTION
            )
            lines.append(
                t.REPORT_UNMATCHED_ITEM.format(
                    number=item.number, text=item.text, suggestion=suggestion
                )
            )
        if len(report.unmatched) > SHOWN:
            lines.append("   " + t.MORE.format(count=len(report.unmatched) - SHOWN).strip())
    else:
        lines.append(t.REPORT_ALL_MATCHED)
    if report.unassigned:
        lines.append(t.REPORT_UNASSIGNED.format(numbers=_few(report.unassigned)))
    kinds = [
        t.REPORT_ASSIGNED_ITEM.format(count=report.assigned_by_kind[kind], kind=label)
        for kind, label in t.ORG_KINDS.items()
        if report.assigned_by_kind.get(kind)
    ]
    lines.append(
        t.REPORT_ASSIGNED.format(items="; ".join(kinds)) if kinds else t.REPORT_NOBODY_ASSIGNED
    )
    focal = report.focal
    if focal.organisations:
        without = focal.without_focal_point
        names = f" ({_few(without, 5)})" if without else ""
        lines.append(
            t.REPORT_FOCAL.format(
                points=focal.focal_points,
                with_points=focal.organisations - len(without),
                orgs=focal.organisations,
                without=len(without),
                names=names,
            )
        )
    lines.append(
        t.REPORT_FOCAL_PEOPLE.format(
            unreachable=focal.unreachable,
            left=focal.left,
            loose=focal.members_without_organisation,
        )
    )
    return lines


def _change_lines(report: ImportReport) -> list[str]:
    lines = [
        t.REPORT_CHANGES.format(
            created=len(report.created), updated=len(report.updated), unchanged=report.unchanged
        )
    ]
    if report.updated:
        items = [
            t.REPORT_UPDATED_ITEM.format(
                number=number, fields=", ".join(t.FIELDS.get(name, name) for name in fields)
            )
            for number, fields in report.updated
        ]
        lines.append(t.REPORT_UPDATED.format(items=_few(items)))
    if report.dropped:
        lines.append(t.REPORT_DROPPED.format(numbers=_few(report.dropped)))
    if not (report.created or report.updated or report.dropped or report.new_plan):
        lines.append(t.REPORT_NOTHING_CHANGED)
    if report.deadlines_added:
        lines.append(t.REPORT_DEADLINES.format(count=report.deadlines_added))
    return lines


def import_report(report: ImportReport, *, source: str, dry_run: bool) -> str:
    """The import report as a person checks it, in one screen."""
    header = t.REPORT_HEADER.format(
        source=source,
        plan=report.plan,
        new=t.REPORT_NEW_PLAN if report.new_plan else "",
        dry=t.REPORT_DRY if dry_run else "",
    )
    lines = [
        header,
        *_parsing_lines(report),
        *_timing_lines(report),
        *_assignment_lines(report),
        *_change_lines(report),
    ]
    if dry_run:
        lines.append(t.REPORT_DRY_NEXT)
    return "\n".join(lines)


def timing_label(task: Task) -> str:
    """The timing as printed, or a note that the plan gives none."""
    return task.timing_text or t.NO_TIMING


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
            lines.append(t.LIST_GROUP.format(number=group.number, title=_short(group.title)))
        current = task.group_id
        lines.append(
            t.LIST_TASK.format(
                number=task.number,
                mark=t.LIST_UNNUMBERED_MARK if task.unnumbered else "",
                title=_short(task.title, 60),
                lead=task.lead or "—",
                timing=timing_label(task),
                orgs=item.organisations,
                due=t.LIST_NEXT_DUE.format(date=item.next_due.strftime(DATE))
                if item.next_due
                else "",
            )
        )
    if any(item.task.unnumbered for item in listed):
        lines.append(t.LIST_UNNUMBERED_NOTE)
    return "\n".join(lines)


@dataclass(frozen=True)
class AssignmentView:
    """One organisation's part of a task, for the details."""

    assignment: TaskAssignment
    organisation: Organisation
    deadlines: Sequence[TaskDeadline]
    retired: Sequence[TaskDeadline]
    people: Sequence[Member]


def _deadlines(rows: Sequence[TaskDeadline]) -> str:
    if not rows:
        return t.SHOW_NO_DEADLINE
    return ", ".join(
        f"{row.due_on.strftime(DATE)}" + (f" ({row.period})" if row.period else "") for row in rows
    )


def task_details(
    plan: str,
    task: Task,
    group: TaskGroup | None,
    views: Sequence[AssignmentView],
    *,
    default_day: tuple[int, int] = DEFAULT_YEARLY_DAY,
) -> str:
    """Everything about one task: as printed, its timing, and each organisation's part."""
    lines = [
        t.SHOW_TITLE.format(
            number=task.number, mark=t.SHOW_UNNUMBERED if task.unnumbered else "", plan=plan
        )
    ]
    if not task.in_plan:
        lines.append(t.SHOW_NOT_IN_PLAN)
    if group is not None:
        lines.append(t.SHOW_GROUP.format(number=group.number, title=_short(group.title, 90)))
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
    extra = ""
    if task.timing_kind in ("yearly", "year"):
        day = yearly_day_of(timing_of(task), override=task.override, default=default_day)
        extra = t.SHOW_YEARLY_DAY.format(day=day_month(day))
    if task.timing_problem:
        extra = f" — {t.PROBLEMS.get(task.timing_problem, task.timing_problem)}"
    lines.append(
        t.SHOW_KIND.format(kind=t.KINDS.get(task.timing_kind, task.timing_kind), extra=extra)
    )
    if not views:
        lines.append(t.SHOW_NONE_ASSIGNED)
        return "\n".join(lines)
    lines.append(t.SHOW_ASSIGNED.format(count=len(views)))
    for view in views:
        names = ", ".join(member.full_name for member in view.people)
        people = t.SHOW_PEOPLE.format(names=names) if names else t.SHOW_NO_PEOPLE
        lines.append(
            t.SHOW_ASSIGNMENT.format(
                org=view.organisation.display,
                status=t.STATUS.get(view.assignment.status, view.assignment.status),
                deadlines=_deadlines(view.deadlines),
                people=people,
            )
        )
        if view.retired:
            lines.append(t.SHOW_MOVED.format(items=_deadlines(view.retired)))
    return "\n".join(lines)
