"""Importing plan appendices into the database: the seed, a second plan in every format,
re-imports, focal points, and the admin changes the reminder work builds on."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlmodel import col

from models import members, organisations, task_assignments, task_deadlines, task_import, tasks
from models.members import MemberBase, MemberStatus
from models.organisations import OrgKind
from models.task_files import ParsedPlan, parse_grids, read_grids
from models.task_import import ImportReport
from models.tasks import (
    Task,
    TaskAssignment,
    TaskDeadline,
    TaskGroup,
    TaskStatus,
    TaskStatusChange,
)
from tests.data import task_plans

pytestmark = pytest.mark.pinned_clock  # figures and dates counted for the default day

ROOT = Path(__file__).parents[2]
SEED = ROOT / "examples" / "ke-hoach-gia-lai-1690.md"
DATA = ROOT / "tests" / "data"
NOW = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)
TODAY = date(2026, 3, 2)
DEFAULT_DAY = (15, 12)
SEED_PLAN = "KH 1690 Gia Lai"
DISTRICTS_2024 = 17


def _parsed(path: Path, content: bytes | None) -> ParsedPlan:
    data = path.read_bytes() if content is None else content
    return parse_grids(read_grids(path.name, data))


async def _import(
    session: AsyncSession,
    path: Path,
    *,
    plan: str = SEED_PLAN,
    content: bytes | None = None,
    today: date = TODAY,
) -> ImportReport:
    return await task_import.import_plan(
        session,
        parsed=_parsed(path, content),
        plan_name=plan,
        source_name=path.name,
        catalog="2024",
        today=today,
        default_day=DEFAULT_DAY,
        now=NOW,
    )


async def _count(session: AsyncSession, table: type, *where: object) -> int:
    query = select(func.count()).select_from(table)
    for clause in where:
        query = query.where(clause)  # type: ignore[arg-type]
    return int((await session.execute(query)).scalar_one())


async def _task(session: AsyncSession, number: str, plan: str = SEED_PLAN) -> Task:
    found = await tasks.plan_by_name(session, name=plan)
    assert found is not None and found.id is not None
    task = await tasks.task_by_number(session, plan_id=found.id, number=number)
    assert task is not None
    return task


async def _assignments(session: AsyncSession, number: str) -> list[TaskAssignment]:
    task = await _task(session, number)
    assert task.id is not None
    return [a for a, _ in await task_assignments.of_task(session, task_id=task.id)]


async def _deadlines(session: AsyncSession, number: str) -> set[tuple[str, date]]:
    rows = await _assignments(session, number)
    current = await task_deadlines.active_deadlines(
        session, assignment_ids=[a.id for a in rows if a.id]
    )
    return {(d.period, d.due_on) for found in current.values() for d in found}


async def test_the_seed_gives_6_groups_and_11_tasks_3_open_7_yearly_and_5_2_needing_a_date(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    async with sessions() as session:
        report = await _import(session, SEED)
        await session.commit()
    assert len(report.parsed.groups) == 6 and len(report.parsed.tasks) == 11
    assert dict(report.by_kind) == {"open": 3, "yearly": 7, "needs_date": 1}
    assert [(n.number, n.problem) for n in report.needs_date] == [("5.2", "empty")]
    assert [c.number for c in report.parsed.continuations] == ["5.2"]
    assert report.unmatched == [] and report.unassigned == []
    assert report.assigned_by_kind == Counter({"so_nganh": 31, "ubnd_huyen": DISTRICTS_2024})
    async with sessions() as session:
        assert await _count(session, TaskGroup) == 6
        assert await _count(session, Task) == 11
        kinds = Counter((await session.execute(select(Task.timing_kind))).scalars())
        assert kinds == {"open": 3, "yearly": 7, "needs_date": 1}
        task = await _task(session, "5.2")
        assert (task.lead, task.timing_text, task.timing_kind) == (
            "UBND cấp huyện",
            "",
            "needs_date",
        )
        assigned = await task_assignments.of_task(session, task_id=task.id or 0)
        assert len(assigned) == DISTRICTS_2024
        assert {org.kind for _, org in assigned} == {OrgKind.DISTRICT_COMMITTEE}
        assert await _deadlines(session, "5.2") == set()
        assert await _deadlines(session, "1.1") == set()
        assert await _deadlines(session, "4.1") == {
            ("2026", date(2026, 12, 15)),
            ("2027", date(2027, 12, 15)),
        }
        unnumbered = await _task(session, "2.1")
        assert unnumbered.unnumbered and unnumbered.lead == "UBND cấp huyện"
        lead = await _assignments(session, "1.1")
        so_tttt = await organisations.by_key(session, key=organisations.SO_TTTT)
        assert [a.organisation_id for a in lead] == [so_tttt.id if so_tttt else -1]
        assert len(await _assignments(session, "6.1")) == 31 + DISTRICTS_2024


async def test_importing_the_same_file_twice_changes_nothing(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    async with sessions() as session:
        await _import(session, SEED)
        await session.commit()
    tables = (Task, TaskGroup, TaskAssignment, TaskDeadline)
    async with sessions() as session:
        before = [await _count(session, table) for table in tables]
        again = await _import(session, SEED)
        await session.commit()
    async with sessions() as session:
        assert [await _count(session, table) for table in tables] == before
    assert (again.created, again.updated, again.dropped) == ([], [], [])
    assert again.unchanged == 11 and again.deadlines_added == 0 and not again.new_plan


async def test_a_corrected_file_updates_the_changed_tasks_and_says_which(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    async with sessions() as session:
        await _import(session, SEED)
        await session.commit()
    text = SEED.read_text(encoding="utf-8")
    row_42 = next(line for line in text.splitlines() if line.startswith("| 4.2 |"))
    row_41 = next(line for line in text.splitlines() if line.startswith("| 4.1 |"))
    row_62 = next(line for line in text.splitlines() if line.startswith("| 6.2 |"))
    corrected = (
        text.replace(row_42 + "\n", "")
        .replace(row_41, row_41.replace("| Hàng năm |", "| Quý IV/2026 |"))
        .replace(row_62, row_62.replace("| Các sở, ban, ngành, UBND cấp huyện |", "| Sở Nội vụ |"))
    )
    async with sessions() as session:
        report = await _import(session, SEED, content=corrected.encode("utf-8"))
        await session.commit()
    assert report.updated == [("4.1", ["timing_text"]), ("6.2", ["lead"])]
    assert report.dropped == ["4.2"] and report.unchanged == 8
    async with sessions() as session:
        assert await _deadlines(session, "4.1") == {("", date(2026, 12, 31))}
        assert len(await _assignments(session, "6.2")) == 1
        task = await _task(session, "6.2")
        every = await task_assignments.of_task(session, task_id=task.id or 0, active_only=False)
        assert len(every) == 31 + DISTRICTS_2024
        dropped = await _task(session, "4.2")
        assert not dropped.in_plan
        due = await task_deadlines.due_between(session, start=TODAY, end=date(2027, 12, 31))
        assert "4.2" not in {row.task.number for row in due}


@pytest.mark.parametrize("extension", ["xlsx", "docx"])
async def test_the_second_plan_imports_alike_from_every_format(
    sessions: async_sessionmaker[AsyncSession], extension: str
) -> None:
    path = DATA / f"{task_plans.STEM}.{extension}"
    async with sessions() as session:
        report = await _import(session, path, plan=task_plans.PLAN_NAME)
        await session.commit()
    assert dict(report.by_kind) == task_plans.KINDS
    assert report.created == list(task_plans.NUMBERS)
    assert [(n.number, n.problem, n.detail) for n in report.needs_date] == [
        ("13", "empty", None),
        ("14", "bad_date", "31/02/2026"),
    ]
    assert [(u.number, u.text, u.suggestion) for u in report.unmatched] == [
        ("12", "Sở Giáo dục", "Sở Giáo dục và Đào tạo")
    ]
    assert report.unassigned == ["12"]
    async with sessions() as session:
        assert await _count(session, Task) == len(task_plans.NUMBERS)
        plan = task_plans.PLAN_NAME
        dated = await _task(session, "1", plan)
        assert (dated.timing_kind, dated.due_on) == ("date", date(2026, 6, 30))
        cut = await _task(session, "4", plan)
        assert cut.lead == "Sở Tài chính"
        yearly = await _task(session, "15", plan)
        assert (yearly.timing_day, yearly.timing_month) == (30, 11)
        span = await _task(session, "7", plan)
        assert (span.first_year, span.last_year) == (2026, 2030)
        communes = await _task(session, "3", plan)
        pairs = await task_assignments.of_task(session, task_id=communes.id or 0)
        assert pairs and {org.kind for _, org in pairs} == {OrgKind.COMMUNE_COMMITTEE}


async def _member(
    session: AsyncSession,
    name: str,
    *,
    organisation_id: int | None,
    status: str = MemberStatus.ACTIVE,
    reachable: bool | None = True,
) -> int:
    member = await members.create_member(
        session, data=MemberBase(full_name=name, organisation_id=organisation_id), status=status
    )
    assert member.id is not None
    if reachable is not None:
        identity = await members.touch_identity(
            session,
            channel="telegram",
            external_id=str(1000 + member.id),
            chat_id=str(1000 + member.id),
            display_name=name,
        )
        await members.link_identity(session, identity=identity, member_id=member.id)
        if not reachable:
            await members.mark_unreachable(
                session, channel="telegram", chat_id=identity.chat_id, reason="403"
            )
    return member.id


async def test_focal_points_missing_people_and_leavers_are_counted_never_an_error(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    async with sessions() as session:
        so_tttt = await organisations.by_key(session, key=organisations.SO_TTTT)
        noi_vu = await organisations.by_key(session, key="so-noi-vu")
        assert so_tttt and noi_vu and so_tttt.id and noi_vu.id
        await _member(session, "Trần Thị Đầu Mối", organisation_id=so_tttt.id)
        await _member(session, "Lê Văn Chặn", organisation_id=noi_vu.id, reachable=False)
        await _member(session, "Người Đã Rời", organisation_id=noi_vu.id, status="deleted")
        await _member(session, "Chờ Duyệt", organisation_id=noi_vu.id, status="pending")
        await _member(session, "Không Đơn Vị", organisation_id=None)
        report = await _import(session, SEED)
        await session.commit()
        people = await task_assignments.assignees(
            session, organisation_ids=[so_tttt.id, noi_vu.id]
        )
    focal = report.focal
    assert focal.organisations == 31 + DISTRICTS_2024
    assert (focal.focal_points, focal.unreachable, focal.left) == (2, 1, 1)
    assert focal.members_without_organisation == 1
    assert len(focal.without_focal_point) == 31 + DISTRICTS_2024 - 2
    assert "Sở TT&TT" not in focal.without_focal_point
    assert [m.full_name for m in people[so_tttt.id]] == ["Trần Thị Đầu Mối"]
    assert [m.full_name for m in people[noi_vu.id]] == ["Lê Văn Chặn"]


async def test_an_admin_sets_and_moves_deadlines_with_history(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    async with sessions() as session:
        await _import(session, SEED)
        task = await _task(session, "5.2")
        rows = await _assignments(session, "5.2")
        count = await task_deadlines.set_deadline(
            session,
            task=task,
            assignments=rows,
            due_on=date(2026, 6, 30),
            by_member_id=None,
            by_label="cli",
            now=NOW,
        )
        assert count == DISTRICTS_2024
        moved = await task_deadlines.set_deadline(
            session,
            task=task,
            assignments=rows[:1],
            due_on=date(2026, 9, 30),
            by_member_id=None,
            by_label="cli",
            now=NOW,
        )
        assert moved == 1
        await session.commit()
    async with sessions() as session:
        await _import(session, SEED)  # the plan still gives no date: the admin's stay
        await session.commit()
        first = rows[0].id or 0
        history = await task_deadlines.history(session, assignment_id=first)
        assert [(d.due_on, d.active, d.source) for d in history] == [
            (date(2026, 6, 30), False, "admin"),
            (date(2026, 9, 30), True, "admin"),
        ]
        due = await task_deadlines.due_between(
            session, start=date(2026, 6, 1), end=date(2026, 6, 30)
        )
        assert len(due) == DISTRICTS_2024 - 1
        assert {row.task.number for row in due} == {"5.2"}


async def test_admin_assignments_survive_a_reimport(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    async with sessions() as session:
        await _import(session, SEED)
        so_tttt = await organisations.by_key(session, key=organisations.SO_TTTT)
        noi_vu = await organisations.by_key(session, key="so-noi-vu")
        tai_chinh = await organisations.by_key(session, key="so-tai-chinh")
        assert so_tttt and noi_vu and tai_chinh
        yearly = await _task(session, "4.1")
        added = await task_assignments.add(
            session,
            task=yearly,
            organisation_id=noi_vu.id or 0,
            by_member_id=None,
            by_label="cli",
            now=NOW,
        )
        current = await task_deadlines.active_deadlines(session, assignment_ids=[added.id or 0])
        assert {d.due_on for d in current[added.id or 0]} == {
            date(2026, 12, 15),
            date(2027, 12, 15),
        }
        removed = await task_assignments.remove(
            session, task=await _task(session, "1.1"), organisation_id=so_tttt.id or 0,
            by_member_id=None, by_label="cli", now=NOW,
        )  # fmt: skip
        assert removed
        moved = await task_assignments.reassign(
            session, task=await _task(session, "4.2"), from_organisation_id=so_tttt.id or 0,
            to_organisation_id=tai_chinh.id or 0, by_member_id=None, by_label="cli", now=NOW,
        )  # fmt: skip
        assert moved is not None and moved.organisation_id == tai_chinh.id
        await session.commit()
    async with sessions() as session:
        report = await _import(session, SEED)
        await session.commit()
        assert {a.organisation_id for a in await _assignments(session, "4.1")} == {
            so_tttt.id,
            noi_vu.id,
        }
        assert await _assignments(session, "1.1") == []
        assert [a.organisation_id for a in await _assignments(session, "4.2")] == [tai_chinh.id]
        assert "1.1" in report.unassigned
        assert await _deadlines(session, "4.2") == {
            ("2026", date(2026, 12, 15)),
            ("2027", date(2027, 12, 15)),
        }


async def test_a_yearly_task_gets_its_own_day_and_years_roll_forward(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    async with sessions() as session:
        await _import(session, SEED)
        task = await _task(session, "4.1")
        await task_deadlines.set_yearly_day(
            session,
            task=task,
            assignments=await _assignments(session, "4.1"),
            day_month=(30, 11),
            by_member_id=None,
            by_label="cli",
            today=TODAY,
            default_day=DEFAULT_DAY,
            now=NOW,
        )
        assert await _deadlines(session, "4.1") == {
            ("2026", date(2026, 11, 30)),
            ("2027", date(2027, 11, 30)),
        }
        later = date(2027, 12, 20)
        added = await task_deadlines.roll_yearly(
            session, today=later, default_day=DEFAULT_DAY, now=NOW
        )
        again = await task_deadlines.roll_yearly(
            session, today=later, default_day=DEFAULT_DAY, now=NOW
        )
        assert added > 0 and again == 0
        assert ("2028", date(2028, 11, 30)) in await _deadlines(session, "4.1")
        assert ("2028", date(2028, 12, 15)) in await _deadlines(session, "6.1")
        assert ("2026", date(2026, 11, 30)) in await _deadlines(session, "4.1")


async def test_statuses_are_one_fact_per_assignment_with_history(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    async with sessions() as session:
        await _import(session, SEED)
        assignment = (await _assignments(session, "4.1"))[0]
        await task_assignments.set_status(
            session, assignment=assignment, status=TaskStatus.IN_PROGRESS, period="2026",
            source="admin", by_member_id=None, by_label="cli", now=NOW, percent=40,
        )  # fmt: skip
        await task_assignments.set_status(
            session, assignment=assignment, status=TaskStatus.DONE, period="2026",
            source="reminder", by_member_id=None, by_label="telegram:1", now=NOW, note="Đã xong",
        )  # fmt: skip
        await session.commit()
        history = await task_assignments.status_history(session, assignment_id=assignment.id or 0)
        assert [(c.status, c.percent, c.source) for c in history] == [
            ("in_progress", 40, "admin"),
            ("done", None, "reminder"),
        ]
        assert (assignment.status, assignment.status_period) == ("done", "2026")
        assert await _count(session, TaskStatusChange, col(TaskStatusChange.period) == "2026") == 2
