"""A task's own reminder days set by an admin in /nhiemvu (typed, refused when unreadable,
back to the configured ones, refused to coordinators), followed by the next reminders; and
a task a corrected import no longer has: silent while out of the plan, reminded again once
a file has it back."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

from bot.app import BotApp
from bot.texts import task_chat as tc
from bot.texts import task_reminders as t
from jobs import task_reminders as jobs
from models import task_edits, task_reminders
from models.task_files import ParsedPlan, parse_grids, read_grids
from models.tasks import NEXT_RECOMPUTE, TaskStatus
from tests.integration.registering import actions, grant, member_of
from tests.integration.reminding import (
    active_deadline,
    at,
    mark,
    seed_with_deadlines,
    sent,
    set_due,
)
from tests.integration.task_chatting import SEED, import_seed, number_of, task_of
from tests.utils.chat import ChatDriver
from tests.utils.clock import FakeClock

START = dt.date(2026, 6, 1)  # a Monday, 14 days before DUE
DUE = dt.date(2026, 6, 15)  # a Monday
DEFAULT_SCHEDULE = (
    "Nhắc trước hạn 14, 7, 3, 1 ngày, đúng ngày hạn; quá hạn: sau 1 ngày rồi hằng tuần (mặc định)"
)


async def _offsets(app: BotApp, number: str) -> str | None:
    async with app.sessions() as session:
        return (await task_of(session, number)).reminder_offsets


async def _open_reminder_days(chat: ChatDriver, person: str, number: str) -> None:
    """/nhiemvu → the task → "⏰ Lịch nhắc", each picked by its typed number."""
    await chat.send(person, "/nhiemvu")
    await chat.send(person, number_of(chat, person, number))
    await chat.send(person, number_of(chat, person, "Lịch nhắc"))


async def _offsets_sent(app: BotApp) -> list[tuple[int, dt.date]]:
    return [(offset, day) for _, _, offset, day in await sent(app)]


async def test_an_admin_types_a_tasks_reminder_days_and_the_next_reminders_follow_them(
    chat: ChatDriver, app: BotApp, clock: FakeClock
) -> None:
    clock.current = at(START)
    await seed_with_deadlines(app, clock, {"5.2": DUE})
    assert await jobs.remind_due(app.job_context) == 1  # 14 days before, under the defaults

    await _open_reminder_days(chat, "admin", "5.2")
    shown = chat.text("admin")
    assert f"Lịch nhắc hạn của nhiệm vụ 5.2:\n{DEFAULT_SCHEDULE}." in shown
    assert t.USE_DEFAULT_BUTTON not in chat.labels("admin")  # nothing of its own to clear
    await chat.send("admin", number_of(chat, "admin", "Đổi ngày nhắc"))
    question = t.ASK_REMINDER_DAYS.format(number="5.2")
    assert chat.text("admin") == question

    for bad in ("ba ngày", "7; x", "400, 1"):
        await chat.send("admin", bad)
        said, asked = chat.last["admin"]
        assert said.text.startswith(f"Trợ lý chưa đọc được “{bad}”")
        assert said.text.endswith("ví dụ: 7, 3, 1, 0.")
        assert asked.text == question  # the same question again
    assert await _offsets(app, "5.2") is None

    await chat.send("admin", "10, 2, 0")
    assert chat.last["admin"][0].text == (
        "Đã đổi lịch nhắc nhiệm vụ 5.2: Nhắc trước hạn 10, 2 ngày, đúng ngày hạn; "
        "quá hạn: hằng tuần (riêng của nhiệm vụ này)."
    )
    assert "Nhiệm vụ 5.2" in chat.text("admin")  # back on the task
    assert await _offsets(app, "5.2") == "10, 2, 0"
    assert (await active_deadline(app, "5.2")).next_remind_on == NEXT_RECOMPUTE
    [entry] = await actions(app, "task.reminder_offsets")
    admin = await member_of(app, "admin")
    assert admin is not None and entry.actor_member_id == admin.id
    assert entry.actor_label == "chat"
    assert json.loads(entry.details)["offsets"] == "10, 2, 0"

    for day in (dt.date(2026, 6, 5), dt.date(2026, 6, 8), dt.date(2026, 6, 12)):
        clock.current = at(day)
        await jobs.remind_due(app.job_context)
    # 10 days before is Friday 05/06; nothing on 08/06 (7 was the default's); 2 days
    # before, Saturday 13/06, goes on Friday 12/06.
    assert await _offsets_sent(app) == [
        (14, START),
        (10, dt.date(2026, 6, 5)),
        (2, dt.date(2026, 6, 12)),
    ]


async def test_an_admin_goes_back_to_the_configured_days(
    chat: ChatDriver, app: BotApp, clock: FakeClock
) -> None:
    clock.current = at(START, 7, 0)
    await seed_with_deadlines(app, clock, {"5.2": DUE})
    async with app.sessions() as session:
        await task_edits.set_reminder_offsets(
            session,
            task=await task_of(session, "5.2"),
            offsets=(10, 0),
            by_member_id=None,
            by_label="cli",
            now=clock(),
        )
        await session.commit()
    clock.current = at(START)
    assert await jobs.remind_due(app.job_context) == 0  # its own days: none 14 days before

    await _open_reminder_days(chat, "admin", "5.2")
    assert "Nhắc trước hạn 10 ngày, đúng ngày hạn" in chat.text("admin")
    assert "(riêng của nhiệm vụ này)" in chat.text("admin")
    await chat.send("admin", number_of(chat, "admin", "Dùng mặc định"))
    assert chat.last["admin"][0].text == (
        f"Nhiệm vụ 5.2 trở về lịch nhắc mặc định: {DEFAULT_SCHEDULE}."
    )
    assert await _offsets(app, "5.2") is None
    entries = await actions(app, "task.reminder_offsets")
    assert [json.loads(e.details)["offsets"] for e in entries] == ["10, 0", None]

    clock.current = at(dt.date(2026, 6, 8))
    assert await jobs.remind_due(app.job_context) == 1
    assert await _offsets_sent(app) == [(7, dt.date(2026, 6, 8))]


async def test_only_admins_set_a_tasks_reminder_days(
    chat: ChatDriver, app: BotApp, clock: FakeClock
) -> None:
    clock.current = at(START)
    await seed_with_deadlines(app, clock, {"5.2": DUE})
    await chat.send("huyen", "/nhiemvu")
    await chat.press("huyen", "5.2")
    assert "Nhiệm vụ 5.2" in chat.text("huyen")
    assert not any("Lịch nhắc" in label for label in chat.labels("huyen"))
    await chat.send("xa", "/nhiemvu")
    assert not any("Lịch nhắc" in label for label in chat.labels("xa"))

    # An admin demoted to coordinator on the question cannot finish the change.
    await _open_reminder_days(chat, "admin", "5.2")
    await chat.send("admin", number_of(chat, "admin", "Đổi ngày nhắc"))
    await grant(app, "admin", role="coordinator")
    await chat.send("admin", "7, 1, 0")
    assert chat.last["admin"][0].text == tc.ONLY_ADMIN
    assert await _offsets(app, "5.2") is None
    assert await actions(app, "task.reminder_offsets") == []


def _without(parsed: ParsedPlan, number: str) -> ParsedPlan:
    """The seed plan as a corrected file that no longer has one task."""
    return dataclasses.replace(parsed, tasks=[row for row in parsed.tasks if row.number != number])


async def _scanned(app: BotApp, cutoff: dt.date) -> list[int]:
    """The deadlines the reminder job's due scan reads up to a day."""
    async with app.sessions() as session:
        return [
            item.deadline_id for item in await task_reminders.due_chunk(session, cutoff=cutoff)
        ]


async def test_a_task_out_of_the_plan_is_not_reminded_until_it_comes_back(
    app: BotApp, clock: FakeClock
) -> None:
    clock.current = at(START)
    await seed_with_deadlines(app, clock, {"5.2": DUE})
    assert await jobs.remind_due(app.job_context) == 1
    seed = parse_grids(read_grids(SEED.name, SEED.read_bytes()))

    report = await import_seed(app, clock, _without(seed, "5.2"))
    assert report.dropped == ["5.2"]
    deadline = await active_deadline(app, "5.2")
    assert deadline.next_remind_on is None
    for day in (dt.date(2026, 6, 8), dt.date(2026, 6, 12)):
        clock.current = at(day)
        assert deadline.id not in await _scanned(app, day)
        assert await jobs.remind_due(app.job_context) == 0
    assert await _offsets_sent(app) == [(14, START)]

    report = await import_seed(app, clock, seed)  # on 12/06, the file has it again
    assert [number for number, _ in report.updated] == ["5.2"]
    assert (await active_deadline(app, "5.2")).next_remind_on == NEXT_RECOMPUTE
    assert await jobs.remind_due(app.job_context) == 1
    # The latest reminder due only (1 day before, Sunday 14/06, goes on Friday 12/06).
    assert await _offsets_sent(app) == [(14, START), (1, dt.date(2026, 6, 12))]
    clock.current = at(DUE)
    assert await jobs.remind_due(app.job_context) == 1
    assert [offset for offset, _ in await _offsets_sent(app)] == [14, 1, 0]


async def test_while_out_of_the_plan_nothing_wakes_a_tasks_reminders(
    app: BotApp, clock: FakeClock
) -> None:
    clock.current = at(START)
    await seed_with_deadlines(app, clock, {"5.2": DUE})
    seed = parse_grids(read_grids(SEED.name, SEED.read_bytes()))
    await mark(app, clock, "5.2", TaskStatus.DONE)
    await import_seed(app, clock, _without(seed, "5.2"))
    await mark(app, clock, "5.2", TaskStatus.IN_PROGRESS)  # reopened while out of the plan
    assert (await active_deadline(app, "5.2")).next_remind_on is None
    await set_due(app, clock, "5.2", dt.date(2026, 6, 22))  # a new deadline meanwhile
    assert (await active_deadline(app, "5.2")).next_remind_on is None
    clock.current = at(dt.date(2026, 6, 8))
    assert await jobs.remind_due(app.job_context) == 0

    await mark(app, clock, "5.2", TaskStatus.DONE)
    await import_seed(app, clock, seed)
    assert (await active_deadline(app, "5.2")).next_remind_on is None  # done: stays silent
    await mark(app, clock, "5.2", TaskStatus.BLOCKED)  # back in the plan, reopened
    assert (await active_deadline(app, "5.2")).next_remind_on == NEXT_RECOMPUTE
    assert await jobs.remind_due(app.job_context) == 1
    assert await _offsets_sent(app) == [(14, dt.date(2026, 6, 8))]
