"""Which deadline an assignment is working on, its days left or late, and the counts."""

from __future__ import annotations

from datetime import date

from models.organisations import Organisation
from models.task_progress import Progress, current_period, late_first, tally
from models.tasks import Task, TaskAssignment, TaskDeadline, TaskStatus, TaskStatusChange


def _deadline(row_id: int, period: str, due: date) -> TaskDeadline:
    return TaskDeadline(id=row_id, assignment_id=1, period=period, due_on=due)


def _change(period: str, status: TaskStatus) -> TaskStatusChange:
    return TaskStatusChange(
        assignment_id=1, period=period, status=status, source="t", by_label="t"
    )


YEARS = [_deadline(2, "2027", date(2027, 12, 15)), _deadline(1, "2026", date(2026, 12, 15))]


def test_the_earliest_period_not_done_is_the_current_one() -> None:
    assert current_period(YEARS, {}) is YEARS[1]
    done_2026 = {"2026": _change("2026", TaskStatus.DONE)}
    assert current_period(YEARS, done_2026) is YEARS[0]
    blocked = {"2026": _change("2026", TaskStatus.BLOCKED)}
    assert current_period(YEARS, blocked) is YEARS[1]


def test_when_every_period_is_done_the_last_one_shows() -> None:
    every = {p: _change(p, TaskStatus.DONE) for p in ("2026", "2027")}
    assert current_period(YEARS, every) is YEARS[0]
    assert current_period([], every) is None


def _item(status: TaskStatus, days: int | None) -> Progress:
    return Progress(
        task=Task(id=1, plan_id=1, number="1.1", title="x", timing_kind="date"),
        assignment=TaskAssignment(id=1, task_id=1, organisation_id=1),
        organisation=Organisation(id=1, kind="so_nganh", name="Sở"),
        period="",
        status=status,
        due=date(2026, 3, 1) if days is not None else None,
        days=days,
        note=None,
    )


def test_late_means_past_the_deadline_and_not_done() -> None:
    assert _item(TaskStatus.IN_PROGRESS, -3).late == 3
    assert _item(TaskStatus.DONE, -3).late == 0
    assert _item(TaskStatus.NOT_STARTED, 0).late == 0
    assert _item(TaskStatus.BLOCKED, None).late == 0


def test_counts_and_the_late_list() -> None:
    items = [
        _item(TaskStatus.DONE, -5),
        _item(TaskStatus.IN_PROGRESS, -2),
        _item(TaskStatus.BLOCKED, -9),
        _item(TaskStatus.NOT_STARTED, 4),
    ]
    counted = tally(items)
    assert (counted.total, counted.done, counted.in_progress, counted.blocked) == (4, 1, 1, 1)
    assert (counted.not_started, counted.late) == (1, 2)
    assert [item.late for item in late_first(items)] == [9, 2]
