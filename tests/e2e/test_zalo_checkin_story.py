"""A commune official on Zalo gets a check-in round's prompt as a numbered list (Zalo has no
buttons), reports on the three tasks of their commune by typing numbers (and one note), and
the round's summary counts the report."""

from __future__ import annotations

import datetime as dt

from bot.texts import checkins as t
from models import checkin_summary, checkins
from tests.e2e.test_zalo_reminder_story import CHAT, received, use_zalo
from tests.fakes.zalo_server import FakeZaloServer
from tests.integration.checkin_people import save_round, sweep
from tests.integration.reminding import at, seed_with_deadlines
from tests.integration.task_chatting import IA_SAO
from tests.utils.plain_channel import number_of
from tests.utils.zalo import ZaloApps, ZaloPerson

START = dt.date(2026, 6, 2)  # a Tuesday


async def test_a_checkin_on_zalo_answered_by_numbers(
    zalo_app: ZaloApps, fake_zalo: FakeZaloServer
) -> None:
    app = await zalo_app(webchat=True, seed_demo=True, per_chat_per_second=2.0)
    clock = zalo_app.clock
    clock.current = at(START, 9, 0)
    due = dt.date(2026, 9, 30)
    await seed_with_deadlines(app, clock, {"4.1": due, "5.2": due, "5.3": due})
    await use_zalo(app, "xa")
    row = await save_round(
        app,
        "so",
        opens_at=clock(),
        closes_at=clock() + dt.timedelta(hours=48),
        units=(IA_SAO,),
        now=clock(),
    )
    assert await sweep(app) >= 1

    [prompt] = await received(app, fake_zalo, 1)
    assert "Báo cáo tiến độ tháng" in prompt
    start = number_of(prompt, t.START)
    assert f"{start}. {t.START}" in prompt and f"{number_of(prompt, t.LEAVE)}. {t.LEAVE}" in prompt

    person = ZaloPerson(app, fake_zalo, CHAT)
    await person.say(start)
    assert "Nhiệm vụ 4.1 (1/3)" in person.text
    await person.say(number_of(person.text, "Hoàn thành"))
    await person.say(number_of(person.text, t.SKIP))  # no note
    assert "Nhiệm vụ 5.2 (2/3)" in person.text
    await person.say(number_of(person.text, "Đang thực hiện"))
    await person.say(number_of(person.text, "50%"))
    await person.say(number_of(person.text, t.SKIP))
    assert "Nhiệm vụ 5.3 (3/3)" in person.text
    await person.say(number_of(person.text, "Vướng mắc"))
    await person.say("Thiếu máy tính bảng")  # the note is typed
    await person.say(number_of(person.text, "25%"))
    summary = person.text
    assert "Nhiệm vụ 4.1: Hoàn thành" in summary
    assert "Nhiệm vụ 5.2: Đang thực hiện, 50%" in summary
    assert "Nhiệm vụ 5.3: Vướng mắc, 25% — Thiếu máy tính bảng" in summary
    await person.say(number_of(summary, "Gửi báo cáo"))
    assert "Đã gửi báo cáo" in person.text

    async with app.sessions() as session:
        fresh = await checkins.get(session, round_id=row.id or 0)
        assert fresh is not None
        counted = await checkin_summary.summarize(
            session, row=fresh, today=clock().astimezone(app.services.config.zone).date()
        )
    assert counted.overall.submitted == 1
    by_task = {task.number: task.counts for task in counted.tasks}
    assert by_task["4.1"]["done"] == 1
    assert by_task["5.2"]["in_progress"] == 1
    assert by_task["5.3"]["blocked"] == 1
    assert [(b.number, b.note) for b in counted.blockers] == [("5.3", "Thiếu máy tính bảng")]
    assert counted.by_commune[("Huyện Ia Grai", "Xã Ia Sao")].submitted == 1
