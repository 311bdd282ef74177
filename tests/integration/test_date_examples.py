"""The date examples of /thongbao follow the clock, and typing one back is accepted."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from bot.app import BotApp
from bot.texts import broadcast as t
from tests.utils.chat import ChatDriver
from tests.utils.clock import ZONE, FakeClock, local_at, shown

DATE = re.compile(r"\d\d/\d\d/\d{4} \d\d:\d\d")


def _example(text: str) -> str:
    found = DATE.findall(text)
    assert found, text
    return found[-1]


async def _up_to_the_time(chat: ChatDriver, person: str) -> str:
    await chat.send(person, "/thongbao")
    await chat.press(person, "Giao ban")
    await chat.send(person, "Giao ban chuyển đổi số tháng 3")
    await chat.send(person, "Kính mời các đồng chí dự giao ban.")
    await chat.press(person, "Không đính kèm")
    return chat.text(person)


async def test_the_event_time_example_is_next_week_and_accepted(
    app: BotApp, chat: ChatDriver, clock: FakeClock
) -> None:
    week = local_at(clock(), hour=8, days=7)  # 09/03/2026 08:00 on the default clock
    day = week.astimezone(ZONE)
    asked = await _up_to_the_time(chat, "so")
    assert asked == t.ASK_WHEN.format(example=shown(week))
    await chat.send("so", "10/12")
    retry = chat.last["so"][0].text
    assert retry.startswith(t.WHEN_REFUSED.format(text="10/12"))
    short = f"{day.day}/{day.month} 8h"  # 9/3 8h
    assert retry.endswith(t.WHEN_AGAIN.format(example=shown(week), short=short))
    await chat.send("so", _example(asked))
    assert chat.text("so") == t.ASK_PLACE


async def test_the_examples_move_with_the_clock(
    app: BotApp, chat: ChatDriver, clock: FakeClock
) -> None:
    clock.current = datetime(2027, 7, 30, 18, 0, tzinfo=UTC)  # 31/07/2027 01:00 in Gia Lai
    asked = await _up_to_the_time(chat, "so")
    assert _example(asked) == "07/08/2027 08:00"
    await chat.send("so", _example(asked))
    await chat.send("so", "Phòng họp Sở")
    await chat.press("so", "Không cần")
    await chat.press("so", "Xem trước")
    await chat.press("so", "Hẹn giờ gửi")
    schedule = chat.text("so")
    assert schedule == t.ASK_SCHEDULE.format(example="06/08/2027 07:00")  # the eve, 07:00
    await chat.send("so", _example(schedule))
    assert "Đã hẹn gửi thông báo #1 lúc 06/08/2027 07:00" in chat.text("so")
