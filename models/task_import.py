"""Importing a plan's appendix: parsed rows into tasks, groups, assignments and deadlines,
matched by plan + number so that importing the same file twice changes nothing and a
corrected file updates only what changed. A task the file no longer has leaves the plan and
its reminders stop; it comes back, reminders and all, when a file has it again. The report
says what a person must check.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy.ext.asyncio import AsyncSession

from models import (
    task_agencies,
    task_assignments,
    task_deadlines,
    task_reminders,
    task_timing,
    tasks,
)
from models.organisations import Organisation
from models.task_files import ParsedPlan, PlanRow
from models.task_timing import Timing
from models.tasks import Task, TaskGroup, TaskPlan

COMPARED = ("title", "lead", "partners", "result", "timing_text", "group_id", "unnumbered")


@dataclass(frozen=True)
class NeedsDate:
    """A task whose timing gives no date (and is not open-ended or continuous)."""

    number: str
    timing: str
    problem: str
    detail: str | None


@dataclass(frozen=True)
class UnmatchedAgency:
    """A lead agency's name that matched no organisation."""

    number: str
    text: str
    suggestion: str | None


@dataclass
class ImportReport:
    """What an import found and did (the same for a dry run)."""

    plan: str
    new_plan: bool
    parsed: ParsedPlan
    by_kind: Counter[str] = field(default_factory=Counter)
    needs_date: list[NeedsDate] = field(default_factory=list)
    unmatched: list[UnmatchedAgency] = field(default_factory=list)
    unassigned: list[str] = field(default_factory=list)
    created: list[str] = field(default_factory=list)
    updated: list[tuple[str, list[str]]] = field(default_factory=list)
    unchanged: int = 0
    dropped: list[str] = field(default_factory=list)
    assigned_by_kind: Counter[str] = field(default_factory=Counter)
    deadlines_added: int = 0
    focal: task_assignments.FocalReport = field(default_factory=task_assignments.FocalReport)


def _timing_fields(timing: Timing) -> dict[str, object]:
    return {
        "timing_text": timing.text,
        "timing_kind": timing.kind.value,
        "timing_problem": timing.problem.value if timing.problem else None,
        "due_on": timing.due,
        "first_year": timing.first_year,
        "last_year": timing.last_year,
        "timing_day": timing.day,
        "timing_month": timing.month,
    }


async def _plan(
    session: AsyncSession, *, name: str, source_name: str, now: dt.datetime
) -> tuple[TaskPlan, bool]:
    plan = await tasks.plan_by_name(session, name=name)
    if plan is not None:
        plan.source_name, plan.updated_at = source_name, now
        session.add(plan)
        await session.flush()
        return plan, False
    plan = TaskPlan(name=name, source_name=source_name, created_at=now, updated_at=now)
    session.add(plan)
    await session.flush()
    return plan, True


async def _groups(
    session: AsyncSession, *, plan_id: int, parsed: ParsedPlan
) -> dict[str, TaskGroup]:
    existing = {group.number: group for group in await tasks.groups_of(session, plan_id=plan_id)}
    for position, parsed_group in enumerate(parsed.groups):
        group = existing.get(parsed_group.number) or TaskGroup(
            plan_id=plan_id, number=parsed_group.number
        )
        group.title, group.position = parsed_group.title, position
        session.add(group)
        existing[parsed_group.number] = group
    await session.flush()
    return existing


def _changes(task: Task, values: dict[str, object]) -> list[str]:
    return [name for name in COMPARED if getattr(task, name) != values[name]]


async def _task(
    session: AsyncSession,
    *,
    plan_id: int,
    row: PlanRow,
    position: int,
    group_id: int | None,
    timing: Timing,
    now: dt.datetime,
    report: ImportReport,
) -> tuple[Task, bool]:
    """The task of the row, created or updated, and whether it came back to the plan."""
    values: dict[str, object] = {
        "title": row.title,
        "lead": row.lead,
        "partners": row.partners,
        "result": row.result,
        "group_id": group_id,
        "unnumbered": row.unnumbered,
        **_timing_fields(timing),
    }
    task = await tasks.task_by_number(session, plan_id=plan_id, number=row.number)
    back = task is not None and not task.in_plan
    if task is None:
        task = Task(
            plan_id=plan_id,
            number=row.number,
            title=row.title,
            timing_kind=timing.kind,
            created_at=now,
            updated_at=now,
        )
        report.created.append(row.number)
    else:
        changed = _changes(task, values)
        if not task.in_plan:
            changed.append("in_plan")
        if changed:
            report.updated.append((row.number, changed))
            task.updated_at = now
        else:
            report.unchanged += 1
        task.in_plan = True
    for name, value in values.items():
        setattr(task, name, value)
    task.position = position
    session.add(task)
    await session.flush()
    return task, back


async def import_plan(
    session: AsyncSession,
    *,
    parsed: ParsedPlan,
    plan_name: str,
    source_name: str,
    catalog: str,
    today: dt.date,
    default_day: tuple[int, int],
    now: dt.datetime,
) -> ImportReport:
    """Write a parsed appendix into the plan (the caller commits, or rolls back a dry run)."""
    plan, new_plan = await _plan(session, name=plan_name, source_name=source_name, now=now)
    assert plan.id is not None
    report = ImportReport(plan=plan.name, new_plan=new_plan, parsed=parsed)
    groups = await _groups(session, plan_id=plan.id, parsed=parsed)
    known = await task_assignments.candidates(session)
    resolver = task_assignments.Resolver(session, catalog=catalog)
    assigned: dict[int, Organisation] = {}
    seen: set[str] = set()
    for position, row in enumerate(parsed.tasks):
        seen.add(row.number)
        timing = task_timing.parse(row.timing)
        report.by_kind[timing.kind.value] += 1
        if timing.problem is not None:
            report.needs_date.append(
                NeedsDate(row.number, timing.text, timing.problem.value, timing.detail)
            )
        group = groups.get(row.group) if row.group else None
        task, back = await _task(
            session,
            plan_id=plan.id,
            row=row,
            position=position,
            group_id=group.id if group else None,
            timing=timing,
            now=now,
            report=report,
        )
        match = task_agencies.match(row.lead, known, catalog=catalog)
        report.unmatched.extend(
            UnmatchedAgency(row.number, item.text, item.suggestion) for item in match.unmatched
        )
        orgs = await resolver.organisations(match)
        assert task.id is not None
        await task_assignments.sync_plan(
            session, task=task, organisation_ids=[o.id for o in orgs if o.id], now=now
        )
        pairs = await task_assignments.of_task(session, task_id=task.id)
        if not pairs:
            report.unassigned.append(row.number)
        for assignment, org in pairs:
            assigned[assignment.organisation_id] = org
        report.deadlines_added += await task_deadlines.apply_plan(
            session,
            task=task,
            assignments=[a for a, _ in pairs],
            today=today,
            default_day=default_day,
            now=now,
        )
        if back:
            await task_reminders.resume_task(session, task_id=task.id)
    for task in await tasks.tasks_of(session, plan_id=plan.id):
        if task.number not in seen:
            task.in_plan, task.updated_at = False, now
            session.add(task)
            await task_reminders.park_task(session, task_id=task.id or 0)
            report.dropped.append(task.number)
    await session.flush()
    report.assigned_by_kind.update(org.kind for org in assigned.values())
    report.focal = await task_assignments.focal_report(
        session, organisations_assigned=list(assigned.values())
    )
    return report
