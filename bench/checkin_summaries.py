"""A round's summary at province scale (run through `bench/checkins.py --summary`): seeds
members in 30 communes, tasks assigned to each commune's committee, and a weekly series of
closed rounds whose answers add up to the asked number (inserted in batches with executemany),
then prints the time of `checkin_summary.summarize` against hand-written GROUP BY queries of
the same figures, an XLSX of answer rows written with openpyxl write-only (time and peak
memory), and the round's chart."""

from __future__ import annotations

import math
import os
import tempfile
import time
import tracemalloc
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import insert, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlmodel import col

from models import checkin_changes, checkin_summary, migrate, organisations, unit_catalog
from models.checkin_summary import AnswerRow, Summary
from models.checkins import CheckinAnswer, CheckinPerson, CheckinRound, RoundState
from models.engine import create_engine, session_factory
from models.members import Member
from models.tasks import Task, TaskAssignment, TaskPlan
from rendering import checkin_chart
from rendering import checkin_summary as summary_view
from tests.utils.databases import create_pg_database, drop_pg_database
from tests.utils.population import Unit, make_admin, seed_members

START = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)
ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
COMMUNES = 30
BATCH = 20_000
STATUSES = ("done", "in_progress", "not_started") * 6 + ("blocked",)  # one in 19 blocked

HAND_SQL = (
    """SELECT m.unit_catalog, m.unit_code, COUNT(*), COUNT(p.submitted_at),
              SUM(CASE WHEN p.on_leave THEN 1 ELSE 0 END)
       FROM checkin_people p JOIN members m ON m.id = p.member_id
       WHERE p.round_id = :r GROUP BY m.unit_catalog, m.unit_code""",
    """SELECT t.number, a.status, COUNT(*)
       FROM checkin_answers a JOIN task_assignments ta ON ta.id = a.assignment_id
       JOIN tasks t ON t.id = ta.task_id
       WHERE a.round_id = :r GROUP BY t.number, a.status""",
    """SELECT t.number, m.full_name, m.unit_code, a.note
       FROM checkin_answers a JOIN task_assignments ta ON ta.id = a.assignment_id
       JOIN tasks t ON t.id = ta.task_id JOIN members m ON m.id = a.member_id
       WHERE a.round_id = :r AND a.status = 'blocked' ORDER BY t.position, m.full_name""",
    """SELECT m.full_name, m.unit_code FROM checkin_people p JOIN members m ON m.id = p.member_id
       WHERE p.round_id = :r AND p.submitted_at IS NULL ORDER BY m.full_name""",
    # what changed since the previous round: the last status per assignment in both rounds
    """SELECT a.round_id, a.assignment_id, a.status, MAX(a.answered_at), MAX(a.id)
       FROM checkin_answers a WHERE a.round_id IN (:r, :p)
       GROUP BY a.round_id, a.assignment_id, a.status""",
)


async def seed(
    sessions: async_sessionmaker[AsyncSession], *, members: int, tasks: int, answers: int
) -> tuple[int, int]:
    """Everything the summary reads; return (the last round's id, answers inserted)."""
    every = unit_catalog.communes("2024")
    units = every[:: max(1, len(every) // COMMUNES)][:COMMUNES]
    async with sessions() as session:
        orgs = await organisations.committees_for(session, units=units)
        plan = TaskPlan(name="bench")
        session.add(plan)
        await session.flush()
        task_rows = [
            Task(plan_id=plan.id or 0, number=f"{i + 1}", position=i, title=f"Nhiệm vụ {i + 1}",
                 timing_kind="none")
            for i in range(tasks)
        ]  # fmt: skip
        session.add_all(task_rows)
        await session.flush()
        assignments: dict[int, list[int]] = {}
        for org in orgs:
            rows = [
                TaskAssignment(task_id=x.id or 0, organisation_id=org.id or 0) for x in task_rows
            ]
            session.add_all(rows)
            await session.flush()
            assignments[org.id or 0] = [row.id or 0 for row in rows]
        await session.commit()
    await seed_members(
        sessions, count=members, chat_base=10_000, units=[Unit("2024", u.code) for u in units]
    )
    async with sessions() as session:
        for unit, org in zip(units, orgs, strict=True):
            await session.execute(
                update(Member)
                .where(col(Member.unit_code) == unit.code)
                .values(organisation_id=org.id)
            )
        await session.commit()
        found = await session.execute(
            select(col(Member.id), col(Member.organisation_id)).where(
                col(Member.organisation_id).is_not(None)
            )
        )
        people = [(int(m), int(o)) for m, o in found.all()]
    author = await make_admin(sessions)
    reporting = [p for i, p in enumerate(people) if i % 5]  # four in five report
    per_round = len(reporting) * tasks
    rounds = max(2, math.ceil(answers / per_round))
    inserted = 0
    last = 0
    series: int | None = None
    for number in range(rounds):
        opens = START + timedelta(days=7 * number)
        async with sessions() as session:
            row = CheckinRound(
                title=f"Báo cáo tuần {number + 1}", author_member_id=author, series_id=series,
                sequence=number + 1, state=RoundState.CLOSED, recurrence="weekly",
                opens_at=opens, closes_at=opens + timedelta(days=2), opened_at=opens,
                closed_at=opens + timedelta(days=2), reported_at=opens + timedelta(days=2),
                next_created=True,
            )  # fmt: skip
            session.add(row)
            await session.flush()
            last = row.id or 0
            if series is None:
                series = row.series_id = last
            submitted = {m for m, _ in reporting}
            await _batches(
                session,
                CheckinPerson,
                [
                    {"round_id": last, "member_id": m, "organisation_id": o, "questions": tasks,
                     "on_leave": False, "submitted_at": opens if m in submitted else None}
                    for m, o in people
                ],
            )  # fmt: skip
            quota = min(per_round, answers - inserted) if number < rounds - 1 else per_round
            rows = []
            for m, o in reporting:
                for k, assignment in enumerate(assignments[o]):
                    if len(rows) >= quota:
                        break
                    status = STATUSES[(m + k + number) % len(STATUSES)]
                    note = "Thiếu kinh phí" if status == "blocked" else None
                    rows.append(
                        {"round_id": last, "member_id": m, "assignment_id": assignment,
                         "status": status, "percent": None, "note": note, "answered_at": opens}
                    )  # fmt: skip
            await _batches(session, CheckinAnswer, rows)
            inserted += len(rows)
            await session.commit()
    return last, inserted


async def _batches(session: AsyncSession, table: type, rows: list[dict[str, object]]) -> None:
    for start in range(0, len(rows), BATCH):
        await session.execute(insert(table), rows[start : start + BATCH])


async def hand_sql(session: AsyncSession, round_id: int) -> int:
    """The same figures by hand-written GROUP BY queries; return the rows read."""
    read = 0
    for query in HAND_SQL:
        values = {"r": round_id, "p": round_id - 1}
        read += len((await session.execute(text(query), values)).all())
    return read


def best_of(times: list[float]) -> float:
    """The fastest of a few runs."""
    return min(times)


def xlsx_rows(summary: Summary, rows: list[AnswerRow], count: int) -> bytes:
    """The round's workbook as /tonghop writes it, its sheet of every answer holding `count`
    rows (cycling through `rows`, streamed)."""
    cycled = (rows[i % len(rows)] for i in range(count))
    return summary_view.xlsx(summary, cycled, zone=ZONE)


async def run(url: str, label: str, *, members: int, tasks: int, answers: int, xlsx: int) -> None:
    """Seed one database and print its figures."""
    await migrate.upgrade_async(url)
    engine = create_engine(url)
    sessions = session_factory(engine, clock=lambda: START)
    began = time.perf_counter()
    round_id, inserted = await seed(sessions, members=members, tasks=tasks, answers=answers)
    print(f"[{label}] setup: {members} members, {tasks} tasks, {inserted} answers "
          f"in {time.perf_counter() - began:.1f} s")  # fmt: skip
    async with sessions() as session:
        row = await session.get(CheckinRound, round_id)
        assert row is not None
        today = START.date()
        summary = await checkin_summary.summarize(session, row=row, today=today)  # warm
        whole, changes, by_hand = [], [], []
        for _ in range(3):
            began = time.perf_counter()
            summary = await checkin_summary.summarize(session, row=row, today=today)
            whole.append(time.perf_counter() - began)
            began = time.perf_counter()
            await checkin_changes.since_previous(session, row=row)
            changes.append(time.perf_counter() - began)
            began = time.perf_counter()
            await hand_sql(session, round_id)
            by_hand.append(time.perf_counter() - began)
        rows = await checkin_summary.answer_rows(session, row=row)
    a, c, h = best_of(whole), best_of(changes), best_of(by_hand)
    print(f"[{label}] round #{round_id}: {summary.overall.asked} asked, "
          f"{sum(sum(x.counts.values()) for x in summary.tasks)} answers, "
          f"{len(summary.blockers)} blockers")  # fmt: skip
    print(f"[{label}] summary (as /tonghop): {a:.3f} s; of which changes since the previous "
          f"round: {c:.3f} s; hand-written GROUP BY (the changes too): {h:.3f} s")  # fmt: skip
    print(f"[{label}] ratio summary / GROUP BY: {a / h:.2f}x (goal <= 2x)")
    await engine.dispose()
    if label != "SQLite":
        return
    began = time.perf_counter()
    content = xlsx_rows(summary, rows, xlsx)
    spent = time.perf_counter() - began
    tracemalloc.start()
    xlsx_rows(summary, rows, xlsx)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(f"XLSX of {xlsx} answer rows (openpyxl write-only): {spent:.2f} s (goal <= 10 s), "
          f"{len(content) / 1e6:.1f} MB, peak Python heap (tracemalloc) "
          f"{peak / 1e6:.1f} MB")  # fmt: skip
    times = []
    for _ in range(3):
        began = time.perf_counter()
        checkin_chart.png(summary, ZONE)
        times.append(time.perf_counter() - began)
    print(f"chart: {best_of(times):.2f} s (goal <= 1 s)")


async def main(*, members: int, tasks: int, answers: int, xlsx_rows: int, pg: str | None) -> None:
    """SQLite, then PostgreSQL if a server is given."""
    sizes = {"members": members, "tasks": tasks, "answers": answers, "xlsx": xlsx_rows}
    with tempfile.TemporaryDirectory(prefix="mangluoi-bench-") as folder:
        await run(f"sqlite+aiosqlite:///{folder}/bench.db", "SQLite", **sizes)
    if pg:
        name = f"bench_summaries_{os.getpid()}"
        url = await create_pg_database(pg, name)
        try:
            await run(url, "PostgreSQL", **sizes)
        finally:
            await drop_pg_database(pg, name)
