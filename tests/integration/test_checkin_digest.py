"""The weekly digest: on Monday from 08:00 (local) every coordinator gets one message with the
late tasks in their scope, the response rate of their last round and the week's new blockers
(only inside their scope); once per coordinator and week, as a reminder."""

from __future__ import annotations

import datetime as dt

from bot.app import BotApp
from bot.texts import checkins as t
from jobs import checkin_digest as digest_job
from models import checkin_digest, scopes, task_progress
from models.outbox import SENDING, MessageKind
from tests.integration.checkin_people import keyed, person, save_round, seed, sweep
from tests.integration.registering import member_of
from tests.utils.chat import ChatDriver
from tests.utils.clock import ZONE, FakeClock, local_at


async def _blocked(chat: ChatDriver, who: str, note: str) -> None:
    """A member reports their commune's task 5.3 (the last or only one) blocked."""
    await chat.send(who, "/baocaotiendo")
    await chat.press(who, "Báo cáo:")
    if who == person(0):  # Ia Sao has 5.2 first
        await chat.press(who, "Hoàn thành")
        await chat.press(who, t.SKIP)
        await chat.press(who, t.SKIP)
    await chat.press(who, "Vướng mắc")
    await chat.send(who, note)
    await chat.press(who, "25%")
    await chat.press(who, t.SKIP)
    await chat.press(who, t.SEND)


def _next_monday(clock: FakeClock, hour: int, minute: int = 0) -> dt.datetime:
    """The first Monday `hour:minute` (local) after the clock's time."""
    days = (8 - clock().astimezone(ZONE).isoweekday()) % 7
    found = local_at(clock(), hour=hour, minute=minute, days=days)
    return found if found > clock() else found + dt.timedelta(days=7)


async def test_each_coordinator_gets_one_digest_a_week(
    app: BotApp, chat: ChatDriver, clock: FakeClock
) -> None:
    await seed(app, clock)
    row = await save_round(
        app, "so", opens_at=clock(), closes_at=clock() + dt.timedelta(hours=48), now=clock()
    )
    await sweep(app)
    await _blocked(chat, person(0), "Chờ kinh phí")  # Ia Sao, in Ia Grai (huyen's scope)
    await _blocked(chat, person(2), "Thiếu máy tính")  # a Pleiku ward (outside it)

    monday = _next_monday(clock, 8, 5)
    clock.current = monday - dt.timedelta(minutes=10)  # 07:55: not yet
    assert await digest_job.send_digests(app.job_context) == 0
    clock.current = monday
    assert await digest_job.send_digests(app.job_context) == 2  # so and huyen
    assert await digest_job.send_digests(app.job_context) == 0  # once a week
    key = checkin_digest.week_key(monday.astimezone(app.services.config.zone).date())
    queued = {member: (text, priority) for member, text, priority in await keyed(app, key)}
    so, huyen = await member_of(app, "so"), await member_of(app, "huyen")
    assert so is not None and huyen is not None and so.id and huyen.id
    assert set(queued) == {so.id, huyen.id}
    assert {p for _, p in queued.values()} == {SENDING[MessageKind.REMINDER].priority}

    text = queued[so.id][0]
    assert "đã báo cáo 2/30 người (7%)" in text and f"“{row.title}”" in text
    assert "Vướng mắc mới trong tuần (2):" in text
    assert "Chờ kinh phí" in text and "Thiếu máy tính" in text
    text = queued[huyen.id][0]
    assert t.DIGEST_NO_ROUND in text
    assert "Vướng mắc mới trong tuần (1):" in text
    assert "Chờ kinh phí" in text and "Thiếu máy tính" not in text
    today = monday.astimezone(app.services.config.zone).date()
    async with app.sessions() as session:
        late = task_progress.late_first(
            await task_progress.in_scope(session, scope=scopes.of(huyen), today=today)
        )
    if late:
        assert t.DIGEST_LATE.format(count=len(late)) in text
        assert f"• {late[0].task.number} — {late[0].organisation.name}: quá hạn" in text
    else:
        assert t.DIGEST_NO_LATE in text

    # A week later the blockers are old news; the digest goes again, once.
    clock.current = monday + dt.timedelta(days=7)
    assert await digest_job.send_digests(app.job_context) == 2
    key = checkin_digest.week_key(clock().astimezone(app.services.config.zone).date())
    assert all(t.DIGEST_NO_BLOCKERS in text for _, text, _ in await keyed(app, key))


async def test_the_digest_follows_its_config(app: BotApp, clock: FakeClock) -> None:
    config = app.services.config
    moved = config.checkins.model_copy(update={"digest_weekday": 3, "digest_hour": dt.time(17, 0)})
    app.services.config = config.model_copy(update={"checkins": moved})
    monday = _next_monday(clock, 17, 0)
    clock.current = monday + dt.timedelta(days=2, minutes=-1)  # Wednesday 16:59
    assert await digest_job.send_digests(app.job_context) == 0
    clock.current = monday + dt.timedelta(days=2)
    assert await digest_job.send_digests(app.job_context) == 2
    clock.current = monday + dt.timedelta(days=9)  # next Wednesday, switched off
    off = moved.model_copy(update={"digest_enabled": False})
    app.services.config = config.model_copy(update={"checkins": off})
    assert await digest_job.send_digests(app.job_context) == 0
