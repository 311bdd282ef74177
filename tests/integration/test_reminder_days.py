"""The next reminder day each deadline keeps (`next_remind_on`): a run reads only the
deadlines due; "done" stops them at once and reopening brings them back; a changed
configuration, day off or task's own offsets make it worked out again; a deadline marked
done between the read and the write gets nothing. Escalations go on working days only.
Retention forgets the records of reminders and escalations only once they cannot matter."""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path

from bot import cli, tasks_cli
from bot import config as config_module
from bot.app import BotApp
from jobs import housekeeping
from jobs import task_reminders as jobs
from models import days_off, task_reminders
from models.tasks import NEXT_NONE, NEXT_RECOMPUTE, TaskStatus
from models.working_days import WorkCalendar
from tests.conftest import make_config
from tests.integration.reminding import (
    active_deadline,
    at,
    escalations,
    mark,
    seed_with_deadlines,
    sent,
    set_due,
)
from tests.utils.broadcasting import deliver_all
from tests.utils.clock import ZONE, FakeClock

START = dt.date(2026, 6, 1)  # a Monday
DUE = dt.date(2026, 6, 15)  # a Monday: 14 days before is START, 7 days before 08/06


async def _next(app: BotApp, number: str) -> dt.date | None:
    return (await active_deadline(app, number)).next_remind_on


async def test_a_deadline_keeps_its_next_day_and_done_stops_it_until_reopened(
    app: BotApp, clock: FakeClock
) -> None:
    clock.current = at(START, 7, 0)
    await seed_with_deadlines(app, clock, {"5.2": DUE})
    assert await _next(app, "5.2") == NEXT_RECOMPUTE  # a new deadline: worked out next run
    assert await jobs.remind_due(app.job_context) == 0  # before the reminder hour
    assert await _next(app, "5.2") == START
    clock.current = at(START)
    assert await jobs.remind_due(app.job_context) == 1
    assert await _next(app, "5.2") == dt.date(2026, 6, 8)
    await mark(app, clock, "5.2", TaskStatus.DONE)
    assert await _next(app, "5.2") is None
    clock.current = at(dt.date(2026, 6, 8))
    assert await jobs.remind_due(app.job_context) == 0
    await mark(app, clock, "5.2", TaskStatus.IN_PROGRESS)  # reopened
    assert await _next(app, "5.2") == NEXT_RECOMPUTE
    assert await jobs.remind_due(app.job_context) == 1
    assert [off for _, _, off, _ in await sent(app)] == [14, 7]
    # 3 days before is Friday 12/06; 1 day before, Sunday 14/06, goes that Friday too.
    assert await _next(app, "5.2") == dt.date(2026, 6, 12)
    await mark(app, clock, "5.2", TaskStatus.BLOCKED)  # not done: the day stays
    assert await _next(app, "5.2") == dt.date(2026, 6, 12)


async def test_with_no_repeat_while_overdue_a_deadline_has_no_day_left(
    app: BotApp, clock: FakeClock, db_url: str
) -> None:
    clock.current = at(START, 7, 0)
    await seed_with_deadlines(app, clock, {"5.2": START})
    once = BotApp(
        make_config(db_url, tasks={"overdue_every_days": 0}), seed_demo=False, clock=clock
    )
    await once.start(web=False)
    try:
        clock.current = at(dt.date(2026, 6, 2))  # 1 day late: the last reminder
        assert await jobs.remind_due(once.job_context) == 1
        assert await _next(once, "5.2") == NEXT_NONE
        clock.current = at(dt.date(2026, 6, 9))
        assert await jobs.remind_due(once.job_context) == 0
    finally:
        await once.stop()
    # The default configuration repeats weekly: its first run works every deadline out
    # again, and the latest weekly reminder goes.
    assert await jobs.remind_due(app.job_context) == 1
    assert [off for _, _, off, _ in await sent(app)] == [-1, -7]
    assert await _next(app, "5.2") == dt.date(2026, 6, 15)


async def test_changed_configured_offsets_work_every_deadline_out_again(
    app: BotApp, clock: FakeClock, db_url: str
) -> None:
    clock.current = at(START)
    await seed_with_deadlines(app, clock, {"5.2": DUE})
    assert await jobs.remind_due(app.job_context) == 1
    assert await _next(app, "5.2") == dt.date(2026, 6, 8)
    other = BotApp(
        make_config(db_url, tasks={"reminder_offsets": [10, 0]}), seed_demo=False, clock=clock
    )
    await other.start(web=False)
    try:
        clock.current = at(dt.date(2026, 6, 5))  # 10 days before: a Friday
        assert await jobs.remind_due(other.job_context) == 1
        assert [off for _, _, off, _ in await sent(other)] == [14, 10]
        assert await _next(other, "5.2") == DUE
    finally:
        await other.stop()


async def test_a_day_off_added_later_moves_a_reminder_already_worked_out(
    app: BotApp, clock: FakeClock
) -> None:
    clock.current = at(START)
    await seed_with_deadlines(app, clock, {"5.2": DUE})
    assert await jobs.remind_due(app.job_context) == 1
    assert await _next(app, "5.2") == dt.date(2026, 6, 8)
    async with app.sessions() as session:
        await days_off.add(
            session, day=dt.date(2026, 6, 8), name="Nghỉ bù", by_label="test", now=clock()
        )
        await session.commit()
    clock.current = at(dt.date(2026, 6, 5))
    assert await jobs.remind_due(app.job_context) == 1
    assert [(off, day) for _, _, off, day in await sent(app)] == [
        (14, START),
        (7, dt.date(2026, 6, 5)),
    ]


async def test_a_tasks_own_offsets_set_later_are_followed(
    app: BotApp, clock: FakeClock, db_url: str, tmp_path: Path
) -> None:
    clock.current = at(START)
    await seed_with_deadlines(app, clock, {"5.2": DUE})
    assert await jobs.remind_due(app.job_context) == 1
    path = tmp_path / "config.toml"
    path.write_text(f'[database]\nurl = "{db_url}"\n', encoding="utf-8")
    parsed = cli._parser().parse_args(
        ["tasks", "reminders", "5.2", "--offsets", "10, 0", "--config", str(path)]
    )
    config = config_module.load(path, environ={}, channels=False)
    await tasks_cli.run(config, parsed, now=clock())
    assert await _next(app, "5.2") == NEXT_RECOMPUTE
    clock.current = at(dt.date(2026, 6, 5))
    assert await jobs.remind_due(app.job_context) == 1
    assert [off for _, _, off, _ in await sent(app)] == [14, 10]


async def test_done_between_the_scan_and_the_write_sends_nothing(
    app: BotApp, clock: FakeClock
) -> None:
    clock.current = at(START)
    await seed_with_deadlines(app, clock, {"5.2": DUE})
    context = app.job_context
    planner = jobs.Planner(jobs.rules_of(context), WorkCalendar(), clock())
    assert await jobs.remind_due(context) == 1  # works the new deadline out: START
    clock.current = at(dt.date(2026, 6, 8))
    planner = jobs.Planner(jobs.rules_of(context), WorkCalendar(), clock())
    [(chunk, people)] = [found async for found in jobs.due_chunks(context, planner.cutoff)]
    assert [item.next_on for item in chunk] == [dt.date(2026, 6, 8)]
    await mark(app, clock, "5.2", TaskStatus.DONE)
    plans = [planner.plan(item) for item in chunk]
    assert [plan.offset for plan in plans] == [7]
    assert await jobs.remind_chunk(context, planner, plans, people) == 0
    assert [off for _, _, off, _ in await sent(app)] == [14]
    assert await _next(app, "5.2") is None


async def test_days_off_changed_during_a_run_leave_its_chunk_to_the_next_run(
    app: BotApp, clock: FakeClock
) -> None:
    clock.current = at(START, 7, 0)
    await seed_with_deadlines(app, clock, {"5.2": DUE})
    context = app.job_context
    assert await jobs.remind_due(context) == 0  # before the hour: nothing, the basis kept
    clock.current = at(dt.date(2026, 6, 5))
    await set_due(app, clock, "5.2", DUE)  # set again: a new deadline, to be worked out
    planner = jobs.Planner(jobs.rules_of(context), WorkCalendar(), clock())
    [(chunk, people)] = [found async for found in jobs.due_chunks(context, planner.cutoff)]
    assert [item.next_on for item in chunk] == [NEXT_RECOMPUTE]
    async with app.sessions() as session:  # meanwhile: a day off, and another run's rebase
        await days_off.add(
            session, day=dt.date(2026, 6, 8), name="Nghỉ bù", by_label="test", now=clock()
        )
        calendar = await days_off.calendar(session)
        await task_reminders.rebase(
            session, fingerprint=jobs.basis(jobs.rules_of(context), calendar), now=clock()
        )
        await session.commit()
    plans = [planner.plan(item) for item in chunk]
    assert [plan.offset for plan in plans] == [14]  # under the old calendar
    assert await jobs.remind_chunk(context, planner, plans, people) == 0
    assert await _next(app, "5.2") == NEXT_RECOMPUTE
    assert await jobs.remind_due(context) == 1  # 7 days before is now this Friday
    assert [(off, day) for _, _, off, day in await sent(app)] == [(7, dt.date(2026, 6, 5))]


async def test_escalations_wait_for_the_next_working_day_and_go_once(
    app: BotApp, clock: FakeClock
) -> None:
    clock.current = at(dt.date(2026, 8, 20), 7, 0)
    # Due Thursday 27/08/2026: 3 days late on Sunday 30/08, then 31/08, 01/09 and 02/09
    # are days off (National Day): told on Thursday 03/09 at the reminder hour, once.
    await seed_with_deadlines(app, clock, {"5.2": dt.date(2026, 8, 27)})
    for day in (dt.date(2026, 8, 29), dt.date(2026, 8, 30)):
        clock.current = at(day)
        assert await jobs.escalate_due(app.job_context) == 0
    for day in (dt.date(2026, 8, 31), dt.date(2026, 9, 1), dt.date(2026, 9, 2)):
        clock.current = at(day)
        assert await jobs.escalate_due(app.job_context) == 0
    clock.current = at(dt.date(2026, 9, 3), 7, 0)
    assert await jobs.escalate_due(app.job_context) == 0  # before the reminder hour
    clock.current = at(dt.date(2026, 9, 3))
    assert await jobs.escalate_due(app.job_context) == 3  # admin, Sở and Ia Grai
    assert await jobs.escalate_due(app.job_context) == 0
    clock.current = at(dt.date(2026, 9, 4))
    assert await jobs.escalate_due(app.job_context) == 0
    assert [e.sent_at.astimezone(ZONE).date() for e in await escalations(app)] == [
        dt.date(2026, 9, 3)
    ]


async def test_retention_forgets_records_only_of_deadlines_that_cannot_remind(
    app: BotApp, clock: FakeClock
) -> None:
    clock.current = at(START)
    await seed_with_deadlines(app, clock, {"5.2": DUE, "6.1": DUE, "6.2": DUE})
    assert await jobs.remind_due(app.job_context) == 3  # the 14-day reminders
    await mark(app, clock, "6.2", TaskStatus.DONE)  # done (could be reopened)
    await set_due(app, clock, "5.2", dt.date(2026, 6, 30))  # the old deadline is replaced
    clock.current = at(dt.date(2026, 6, 18))
    assert await jobs.escalate_due(app.job_context) > 0  # 6.1, 3 days late
    purge = functools.partial(housekeeping.purge_old, app.job_context)

    clock.current = at(dt.date(2026, 11, 30))  # the 14-day records are 182 days old
    purged = await purge()
    assert (purged.reminders, purged.escalations) == (1, 0)
    kept = [(n, due, off) for n, due, off, _ in await sent(app)]
    assert kept == [("6.1", DUE, 14), ("6.2", DUE, 14)]
    # 6.1 is still overdue: its latest weekly reminder goes, never the 14-day one again.
    assert await jobs.remind_due(app.job_context) == 2  # and 5.2's new deadline, overdue
    again = [(n, due, off) for n, due, off, _ in await sent(app)][2:]
    assert sorted(again) == [("5.2", dt.date(2026, 6, 30), -147), ("6.1", DUE, -168)]
    assert await jobs.escalate_due(app.job_context) > 0  # 5.2's new deadline, late
    assert len(await escalations(app)) == 2

    clock.current = at(dt.date(2028, 6, 5))  # every deadline is past the overdue horizon
    purged = await purge()
    assert (purged.reminders, purged.escalations) == (4, 2)
    assert await sent(app) == []
    assert await escalations(app) == []
    await jobs.remind_due(app.job_context)  # the seed plan's later deadlines may remind
    await jobs.escalate_due(app.job_context)
    ours = {DUE, dt.date(2026, 6, 30)}
    assert [row for row in await sent(app) if row[1] in ours] == []
    assert [row for row in await escalations(app) if row.due_on in ours] == []
    await deliver_all(app)  # the outbox drained before the app stops
