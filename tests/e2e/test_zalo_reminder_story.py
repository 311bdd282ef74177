"""A commune official who uses Zalo gets a task's deadline reminder there, as a numbered
list (Zalo has no buttons), and answers "Đã hoàn thành" by typing its number: the status is
recorded for the organisation and the following reminders stop."""

from __future__ import annotations

import asyncio
import datetime as dt

from bot.app import BotApp
from jobs import task_reminders as reminder_jobs
from models import members
from models.tasks import TaskStatus
from tests.fakes.zalo_server import FakeZaloServer
from tests.integration.reminding import at, seed_with_deadlines, sent
from tests.integration.task_chatting import IA_SAO, assignment, committee
from tests.utils.plain_channel import number_of
from tests.utils.zalo import ZaloApps, ZaloPerson

CHAT = "5f0c7a1e9b3d2c4e6a81"
START = dt.date(2026, 6, 1)  # a Monday


async def use_zalo(app: BotApp, person: str) -> None:
    """The demo person also writes from Zalo (CHAT), and prefers it for pushed messages."""
    async with app.sessions() as session:
        web = await members.get_identity(session, channel="webchat", external_id=person)
        assert web is not None and web.member_id is not None
        zalo = await members.touch_identity(
            session, channel="zalo", external_id=CHAT, chat_id=CHAT, display_name=None
        )
        await members.link_identity(session, identity=zalo, member_id=web.member_id)
        member = await members.get_member(session, member_id=web.member_id)
        assert member is not None
        await members.set_preferred_channel(session, member=member, channel="zalo")
        await session.commit()


async def received(app: BotApp, server: FakeZaloServer, count: int) -> list[str]:
    """Wait until the Zalo chat received `count` messages, waking the sender meanwhile."""
    for _ in range(250):
        if len(server.texts(CHAT)) >= count:
            return server.texts(CHAT)
        app.sender.wake()
        await asyncio.sleep(0.02)
    raise AssertionError(f"received so far: {server.texts(CHAT)}")


async def test_a_reminder_on_zalo_answered_done_by_its_number(
    zalo_app: ZaloApps, fake_zalo: FakeZaloServer
) -> None:
    app = await zalo_app(webchat=True, seed_demo=True, per_chat_per_second=2.0)
    clock = zalo_app.clock
    clock.current = at(START, 8, 0)
    await seed_with_deadlines(app, clock, {"5.2": dt.date(2026, 6, 15)})
    await use_zalo(app, "xa")

    assert await reminder_jobs.remind_due(app.job_context) == 1
    [reminder] = await received(app, fake_zalo, 1)
    assert "Nhắc hạn nhiệm vụ 5.2" in reminder
    assert "Hạn: 15/06/2026 — còn 14 ngày" in reminder
    done = number_of(reminder, "Đã hoàn thành")  # a numbered list, not buttons
    assert f"{done}. Đã hoàn thành" in reminder

    person = ZaloPerson(app, fake_zalo, CHAT)
    await person.say(done)
    assert person.text == "Đã ghi: nhiệm vụ 5.2 của UBND Xã Ia Sao — Đã hoàn thành."
    row = await assignment(app, "5.2", await committee(app, IA_SAO))
    assert row.status == TaskStatus.DONE

    # A week later, the 7-day reminder is not sent: the task is done.
    clock.current = at(START + dt.timedelta(days=7), 8, 0)
    assert await reminder_jobs.remind_due(app.job_context) == 0
    assert [(number, offset) for number, _, offset, _ in await sent(app)] == [("5.2", 14)]
