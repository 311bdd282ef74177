"""Deadline reminders: on the right working day at the reminder hour, once per person and
deadline even with two runs at once or a restart, only the latest after downtime, stopped
by "done", answered by button or typed number, and escalated once to coordinators."""

from __future__ import annotations

import asyncio
import datetime as dt
import functools
from pathlib import Path

import holidays
import pytest

from bot import cli, tasks_cli
from bot import config as config_module
from bot.app import BotApp
from jobs import task_reminders as jobs
from models import days_off, task_assignments
from models.tasks import TaskStatus
from tests.conftest import make_config
from tests.integration.reminding import (
    at,
    escalations,
    mark,
    seed_with_deadlines,
    sent,
    set_due,
)
from tests.integration.task_chatting import IA_SAO, assignment, committee, place
from tests.utils.broadcasting import deliver_all, inbox
from tests.utils.chat import ChatDriver
from tests.utils.clock import ZONE, FakeClock

START = dt.date(2026, 6, 1)  # a Monday


async def test_a_reminder_goes_once_at_the_hour_and_answers_by_button(
    app: BotApp, chat: ChatDriver, clock: FakeClock
) -> None:
    clock.current = at(START, 7, 0)
    await seed_with_deadlines(app, clock, {"5.2": dt.date(2026, 6, 15)})
    assert await jobs.remind_due(app.job_context) == 0  # 14 days before, but before 08:00
    clock.current = at(START, 8, 0)
    assert await jobs.remind_due(app.job_context) == 1
    assert await jobs.remind_due(app.job_context) == 0
    await deliver_all(app)
    [reminder] = [m for m in await inbox(app, "xa") if "Nhắc hạn" in m.text]
    assert reminder.text.startswith("⏰ Nhắc hạn nhiệm vụ 5.2: Kiện toàn")
    assert "Đơn vị: UBND Xã Ia Sao" in reminder.text
    assert "Hạn: 15/06/2026 — còn 14 ngày" in reminder.text
    assert list(reminder.buttons) == [
        "Đã hoàn thành",
        "Đang thực hiện",
        "Vướng mắc",
        "Nhắc lại sau",
    ]
    await chat.press_token("xa", reminder.buttons["Đang thực hiện"])
    assert chat.text("xa") == "Đã ghi: nhiệm vụ 5.2 của UBND Xã Ia Sao — Đang thực hiện."
    assert [(n, off) for n, _, off, _ in await sent(app)] == [("5.2", 14)]


def _d(text: str) -> dt.date:
    day, month, year = (int(part) for part in text.split("/"))
    return dt.date(year, month, day)


YEAR_DEADLINES = {
    "5.2": _d("23/02/2026"),  # the Monday after Tết 2026
    "6.1": _d("04/05/2026"),  # the Monday after 30/4 – 1/5 (and Giỗ Tổ observed on 27/4)
    "6.2": _d("08/02/2027"),  # a day of Tết 2027 itself
}
EXPECTED = [
    ("5.2", 14, "09/02/2026"),
    ("5.2", 1, "13/02/2026"),  # 7, 3 and 1 days before fall in Tết: the Friday before
    ("5.2", 0, "23/02/2026"),
    ("5.2", -1, "24/02/2026"),
    ("5.2", -7, "02/03/2026"),
    ("5.2", -14, "09/03/2026"),  # marked done on 10/03: no more
    ("6.1", 14, "20/04/2026"),
    ("6.1", 7, "24/04/2026"),  # 27/04 is Giỗ Tổ (observed)
    ("6.1", 1, "29/04/2026"),  # 3 and 1 days before: 30/4, 1/5 and the weekend
    ("6.1", 0, "04/05/2026"),  # answered "Đã hoàn thành" that morning: no more
    ("6.2", 14, "25/01/2027"),
    ("6.2", 7, "01/02/2027"),
    ("6.2", 0, "03/02/2027"),  # 3, 1 and 0 days before are in Tết 2027
    ("6.2", -1, "11/02/2027"),  # the first working day after Tết
    ("6.2", -7, "15/02/2027"),  # marked done on 16/02/2027
]


@pytest.mark.slow
async def test_a_year_of_reminders_on_working_days_across_a_restart(
    app: BotApp, chat: ChatDriver, clock: FakeClock, db_url: str
) -> None:
    clock.current = at(_d("05/01/2026"), 7, 0)
    await seed_with_deadlines(app, clock, YEAR_DEADLINES)
    current, second = app, None
    day = _d("05/01/2026")
    try:
        while day <= _d("28/02/2027"):
            if day == _d("01/07/2026"):  # a restart: a new app on the same database
                second = BotApp(make_config(db_url), seed_demo=False, clock=clock)
                await second.start(web=False)
                current = second
            clock.current = at(day)
            if day == _d("10/03/2026"):
                await mark(current, clock, "5.2", TaskStatus.DONE)
            if day == _d("16/02/2027"):
                await mark(current, clock, "6.2", TaskStatus.DONE)
            await jobs.remind_due(current.job_context)
            await jobs.escalate_due(current.job_context)
            if day == _d("04/05/2026"):
                await deliver_all(current)
                reminder = (await inbox(current, "xa"))[-1]
                assert "Hạn: 04/05/2026 — hôm nay là hạn" in reminder.text
                driver = ChatDriver(current.dispatcher)
                await driver.press_token("xa", reminder.buttons["Đã hoàn thành"])
                assert driver.text("xa") == (
                    "Đã ghi: nhiệm vụ 6.1 của UBND Xã Ia Sao — Đã hoàn thành."
                )
            day += dt.timedelta(days=1)
        got = [
            (n, off, sent_on.strftime("%d/%m/%Y"))
            for n, _, off, sent_on in await sent(app, member="xa")
            if n in YEAR_DEADLINES
        ]
        assert sorted(got) == sorted(EXPECTED)
        calendar = holidays.country_holidays("VN", years=(2026, 2027))
        assert all(_d(when) not in calendar and _d(when).weekday() < 5 for *_, when in got)
        told = [
            (e.due_on, e.sent_at.astimezone(ZONE).date())
            for e in await escalations(app)
            if e.due_on in YEAR_DEADLINES.values()
        ]
        assert sorted(told) == [
            (_d("23/02/2026"), _d("26/02/2026")),
            (_d("08/02/2027"), _d("11/02/2027")),
        ]
    finally:
        if second is not None:
            await second.stop()


async def test_two_runs_at_once_send_each_reminder_once(app: BotApp, clock: FakeClock) -> None:
    clock.current = at(START, 7, 0)
    await seed_with_deadlines(app, clock, {"5.2": START + dt.timedelta(days=7)})
    await place(app, "totruong", await committee(app, IA_SAO))
    clock.current = at(START, 9, 0)
    counts = await asyncio.gather(
        jobs.remind_due(app.job_context), jobs.remind_due(app.job_context)
    )
    assert sorted(counts) == [0, 2]  # xa and totruong, by one of the two runs
    assert [(n, off) for n, _, off, _ in await sent(app)] == [("5.2", 7), ("5.2", 7)]
    await deliver_all(app)
    for person in ("xa", "totruong"):
        assert len([m for m in await inbox(app, person) if "Nhắc hạn" in m.text]) == 1


async def test_after_downtime_only_the_latest_goes_and_a_moved_deadline_is_followed(
    app: BotApp, chat: ChatDriver, clock: FakeClock
) -> None:
    clock.current = at(START, 7, 0)
    await seed_with_deadlines(app, clock, {"5.2": dt.date(2026, 6, 15)})
    # Down from before the 14- and 7-day reminders until after the 3-day one (Friday
    # 12/06, which the 1-day one also falls on: the Monday's eve is a Sunday).
    clock.current = at(dt.date(2026, 6, 12), 10, 0)
    assert await jobs.remind_due(app.job_context) == 1
    assert [(off, when) for _, _, off, when in await sent(app)] == [(1, dt.date(2026, 6, 12))]
    await deliver_all(app)
    old = (await inbox(app, "xa"))[-1]
    assert "Hạn: 15/06/2026 — còn 3 ngày" in old.text

    await set_due(app, clock, "5.2", dt.date(2026, 6, 30))  # moved: reminders follow it
    assert await jobs.remind_due(app.job_context) == 0  # 14 days before 30/06 is 16/06
    await chat.press_token("xa", old.buttons["Đang thực hiện"])
    assert chat.text("xa") == (
        "Hạn của nhiệm vụ 5.2 đã thay đổi (nay là 30/06/2026). "
        "Anh/chị dùng /nhiemvu để xem và cập nhật."
    )
    clock.current = at(dt.date(2026, 6, 16))
    assert await jobs.remind_due(app.job_context) == 1
    await deliver_all(app)
    new = (await inbox(app, "xa"))[-1]
    assert "Hạn: 30/06/2026 — còn 14 ngày" in new.text

    # Typed numbers answer the reminder too: "2" is "Đang thực hiện".
    await chat.send("xa", "2")
    assert chat.text("xa") == "Đã ghi: nhiệm vụ 5.2 của UBND Xã Ia Sao — Đang thực hiện."
    # "Vướng mắc" asks for a short reason, required.
    await chat.send("xa", "3")
    assert "vướng mắc" in chat.text("xa").lower()
    await chat.send("xa", "a" * 301)
    assert "tối đa 300 ký tự" in chat.text("xa")
    await chat.send("xa", "Chưa có kinh phí")
    assert chat.text("xa") == "Đã ghi: nhiệm vụ 5.2 của UBND Xã Ia Sao — Gặp vướng mắc."
    # "Nhắc lại sau": once more on the next working day at the reminder hour.
    clock.current = at(dt.date(2026, 6, 19), 15, 0)  # a Friday
    await chat.press_token("xa", new.buttons["Nhắc lại sau"])
    assert chat.text("xa") == "Trợ lý sẽ nhắc lại nhiệm vụ 5.2 lúc 22/06/2026 08:00."
    await deliver_all(app)
    before = len(await inbox(app, "xa"))
    clock.current = at(dt.date(2026, 6, 22), 8, 1)
    await deliver_all(app)
    again = (await inbox(app, "xa"))[before:]
    assert [m.text.splitlines()[2] for m in again] == ["Hạn: 30/06/2026 — còn 8 ngày"]
    await chat.send("xa", "1")  # the reminder just received: "Đã hoàn thành"
    assert chat.text("xa") == "Đã ghi: nhiệm vụ 5.2 của UBND Xã Ia Sao — Đã hoàn thành."
    await chat.press_token("xa", new.buttons["Đang thực hiện"])
    assert "đã được ghi hoàn thành" in chat.text("xa")
    clock.current = at(dt.date(2026, 6, 29))
    assert await jobs.remind_due(app.job_context) == 0  # done: no more reminders
    ia_sao = await committee(app, IA_SAO)
    row = await assignment(app, "5.2", ia_sao)
    async with app.sessions() as session:
        history = await task_assignments.status_history(session, assignment_id=row.id or 0)
    assert [(c.status, c.note, c.source) for c in history] == [
        (TaskStatus.IN_PROGRESS, None, "reminder"),
        (TaskStatus.BLOCKED, "Chưa có kinh phí", "reminder"),
        (TaskStatus.DONE, None, "reminder"),
    ]


async def test_escalation_goes_once_and_its_button_reminds_once_a_day(
    app: BotApp, chat: ChatDriver, clock: FakeClock
) -> None:
    clock.current = at(START, 7, 0)
    await seed_with_deadlines(app, clock, {"5.2": dt.date(2026, 6, 1)})
    clock.current = at(dt.date(2026, 6, 3))
    assert await jobs.escalate_due(app.job_context) == 0  # 2 days late
    clock.current = at(dt.date(2026, 6, 4))
    assert await jobs.escalate_due(app.job_context) == 3  # admin, Sở and Ia Grai
    assert await jobs.escalate_due(app.job_context) == 0
    await deliver_all(app)
    [told] = [m for m in await inbox(app, "huyen") if "quá hạn" in m.text]
    assert told.text.startswith("⚠️ Nhiệm vụ 5.2 quá hạn (hạn 01/06/2026)")
    assert "– UBND Xã Ia Sao: Chưa thực hiện, quá hạn 3 ngày" in told.text
    assert "+84 905 123 456" in told.text or "0905 123 456" in told.text
    before = len(await inbox(app, "xa"))
    await chat.press_token("huyen", told.buttons["Nhắc lại ngay"])
    assert chat.text("huyen") == ("Đã xếp hàng nhắc lại nhiệm vụ 5.2 tới 1 người của 1 đơn vị.")
    await chat.press_token("huyen", told.buttons["Nhắc lại ngay"])
    assert "không gửi lặp lại" in chat.text("huyen")
    await deliver_all(app)
    nudged = (await inbox(app, "xa"))[before:]
    assert [m.text.splitlines()[2] for m in nudged] == ["Hạn: 01/06/2026 — quá hạn 3 ngày"]
    await chat.press_token("xa", told.buttons["Nhắc lại ngay"])  # tokens are per person
    assert "Nút này đã cũ" in chat.text("xa")
    await place(app, "xa", None)  # nobody left to remind in Ia Sao
    await chat.press_token("huyen", told.buttons["Nhắc lại ngay"])
    assert "chưa có đầu mối nào trên Trợ lý" in chat.text("huyen")
    await mark(app, clock, "5.2", TaskStatus.DONE)
    await chat.press_token("huyen", told.buttons["Nhắc lại ngay"])
    assert chat.text("huyen") == (
        "Các đơn vị trong phạm vi của anh/chị đã hoàn thành nhiệm vụ 5.2."
    )


async def _tasks_cli(db_url: str, tmp_path: Path, clock: FakeClock, *args: str) -> str:
    """`mangluoi tasks …` on the test database at the test clock's moment."""
    path = tmp_path / "config.toml"
    path.write_text(f'[database]\nurl = "{db_url}"\n', encoding="utf-8")
    parsed = cli._parser().parse_args(["tasks", *args, "--config", str(path)])
    config = config_module.load(path, environ={}, channels=False)
    return await tasks_cli.run(config, parsed, now=clock())


async def test_admin_days_off_and_a_tasks_own_offsets_move_reminders(
    app: BotApp, clock: FakeClock, db_url: str, tmp_path: Path
) -> None:
    clock.current = at(START, 7, 0)
    await seed_with_deadlines(app, clock, {"5.2": dt.date(2026, 6, 15)})
    run = functools.partial(_tasks_cli, db_url, tmp_path, clock)
    assert await run("days-off", "list") == "Chưa có ngày nghỉ nào do quản trị viên thêm."
    added = await run("days-off", "add", "08/06/2026", "Nghỉ bù")
    assert added == "Đã thêm ngày nghỉ 08/06/2026: Nghỉ bù."
    assert "08/06/2026 (Thứ Hai) — Nghỉ bù" in await run("days-off", "list")
    with pytest.raises(tasks_cli.TasksCliError, match="không đọc được"):
        await run("days-off", "add", "31/02/2026", "Sai")

    clock.current = at(dt.date(2026, 6, 5))  # 7 days before is the day off: the Friday
    assert await jobs.remind_due(app.job_context) == 1
    assert [(off, when) for _, _, off, when in await sent(app)] == [(7, dt.date(2026, 6, 5))]
    assert await run("days-off", "remove", "08/06/2026") == "Đã bỏ ngày nghỉ 08/06/2026."
    with pytest.raises(tasks_cli.TasksCliError, match="không có trong danh sách"):
        await run("days-off", "remove", "08/06/2026")

    own = await run("reminders", "5.2", "--offsets", "2, 0")
    assert own == "Nhiệm vụ 5.2 được nhắc trước hạn (ngày): 2, 0."
    with pytest.raises(tasks_cli.TasksCliError, match="không đọc được"):
        await run("reminders", "5.2", "--offsets", "ba ngày")
    clock.current = at(dt.date(2026, 6, 11))  # 3 and 1 days before: not this task's days
    assert await jobs.remind_due(app.job_context) == 0
    clock.current = at(dt.date(2026, 6, 12))  # 2 days before is a Saturday: the Friday
    assert await jobs.remind_due(app.job_context) == 1
    assert [off for _, _, off, _ in await sent(app)] == [7, 2]
    back = await run("reminders", "5.2", "--offsets", "default")
    assert back == (
        "Nhiệm vụ 5.2 được nhắc theo cấu hình chung (ngày trước hạn): 14, 7, 3, 1, 0, -1."
    )


async def test_admins_see_the_days_off_ahead_in_nhiemvu(
    app: BotApp, chat: ChatDriver, clock: FakeClock
) -> None:
    clock.current = at(dt.date(2026, 4, 20), 9, 0)
    await seed_with_deadlines(app, clock, {})
    async with app.sessions() as session:
        await days_off.add(
            session, day=dt.date(2026, 6, 16), name="Nghỉ bù", by_label="test", now=clock()
        )
        await session.commit()
    await chat.send("admin", "/nhiemvu")
    await chat.press("admin", "Ngày nghỉ")
    text = chat.text("admin")
    assert "Ngày nghỉ trong 90 ngày tới" in text
    assert "27/04/2026 (Thứ Hai) — " in text  # Giỗ Tổ, observed on the Monday
    assert "30/04/2026 (Thứ Năm) — " in text
    assert "01/05/2026 (Thứ Sáu) — " in text
    assert "16/06/2026 (Thứ Ba) — Nghỉ bù (quản trị viên thêm)" in text
    assert "26/04/2026" not in text  # a Sunday
    await chat.send("huyen", "/nhiemvu")
    assert chat.labels("huyen")  # the board, without the admins' buttons
    assert not any("Ngày nghỉ" in label for label in chat.labels("huyen"))


async def test_an_admin_adds_and_removes_a_day_off_in_nhiemvu(
    app: BotApp, chat: ChatDriver, clock: FakeClock
) -> None:
    clock.current = at(dt.date(2026, 12, 7), 9, 0)
    await seed_with_deadlines(app, clock, {})
    await chat.send("admin", "/nhiemvu")
    await chat.press("admin", "Ngày nghỉ")
    await chat.press("admin", "Thêm ngày nghỉ")
    assert "Ngày nghỉ thêm là ngày nào?" in chat.text("admin")
    await chat.send("admin", "31/02/2027")
    assert "Tháng 2 chỉ có 28 ngày" in chat.text("admin")  # the reason, and the question again
    await chat.send("admin", "2/1/2027")
    assert "Tên của ngày nghỉ 02/01/2027" in chat.text("admin")
    await chat.send("admin", "😀")
    assert "tên ngày nghỉ" in chat.text("admin").lower()
    await chat.send("admin", "Nghỉ bù  Tết Dương lịch")
    assert chat.text("admin") == "Đã thêm ngày nghỉ 02/01/2027: Nghỉ bù Tết Dương lịch."
    async with app.sessions() as session:
        calendar = await days_off.calendar(session)
    assert not calendar.is_working_day(dt.date(2027, 1, 2))
    assert calendar.day_off_name(dt.date(2027, 1, 2)) == "Nghỉ bù Tết Dương lịch"

    await chat.send("huyen", "/nhiemvu")  # a coordinator has no such button
    assert not any("Ngày nghỉ" in label for label in chat.labels("huyen"))

    await chat.send("admin", "/nhiemvu")
    await chat.press("admin", "Ngày nghỉ")
    assert "02/01/2027 (Thứ Bảy) — Nghỉ bù Tết Dương lịch (quản trị viên thêm)" in chat.text(
        "admin"
    )
    await chat.press("admin", "Bỏ ngày nghỉ")
    await chat.press("admin", "02/01/2027")
    assert chat.text("admin") == "Đã bỏ ngày nghỉ 02/01/2027."
    async with app.sessions() as session:
        assert await days_off.listed(session) == []


async def test_a_reminder_hour_inside_quiet_hours_waits_for_their_end(
    app: BotApp, clock: FakeClock, db_url: str
) -> None:
    clock.current = at(START, 5, 0)
    await seed_with_deadlines(app, clock, {"5.2": START + dt.timedelta(days=7)})
    early = BotApp(
        make_config(db_url, tasks={"reminder_hour": "06:00"}), seed_demo=False, clock=clock
    )
    # The fixture's process leads on at the test's hour, so this one runs no job by itself
    # (a new leader would run the reminder scan at once, at 05:00).
    assert await app.leadership.renew()
    early.leadership.interval = 3600.0
    await early.start(web=False)
    assert not early.is_leader
    try:
        clock.current = at(START, 6, 5)  # quiet hours end at 06:30
        assert await jobs.remind_due(early.job_context) == 1
        await deliver_all(early)
        assert not [m for m in await inbox(early, "xa") if "Nhắc hạn" in m.text]
        clock.current = at(START, 6, 31)
        await deliver_all(early)
        assert len([m for m in await inbox(early, "xa") if "Nhắc hạn" in m.text]) == 1
    finally:
        await early.stop()
