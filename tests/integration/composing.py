"""Composing announcements in the web chat, step by step, as a coordinator would."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from tests.utils.chat import ChatDriver
from tests.utils.clock import local_at, shown

NEXT_WEEK = "next week"  # the default `when`: the training of `training_time`


def training_time(now: datetime) -> datetime:
    """When the composed training takes place by default: 08:00, eight days after `now`."""
    return local_at(now, days=8, hour=8)


async def compose(
    chat: ChatDriver,
    person: str,
    *,
    kind: str = "Tập huấn",
    title: str = "Tập huấn sử dụng VNeID",
    body: str = "Kính mời các đồng chí tham dự buổi tập huấn.",
    when: str | None = NEXT_WEEK,
    place: str = "Hội trường UBND huyện Ia Grai",
    rsvp: bool = True,
    presses: Sequence[str] = (),
) -> None:
    """Answer every question of /thongbao up to the preview; `presses` are pressed in the
    audience builder before asking for the preview. `when` is the event's time as typed
    (None: the kind has none), by default `training_time` of the bot's clock."""
    if when == NEXT_WEEK:
        when = shown(training_time(chat.dispatcher.services.clock()))
    await chat.send(person, "/thongbao")
    await chat.press(person, kind)
    await chat.send(person, title)
    await chat.send(person, body)
    await chat.press(person, "Không đính kèm")
    if when is not None:
        await chat.send(person, when)
        await chat.send(person, place)
        await chat.press(person, "Có, hỏi" if rsvp else "Không cần")
    for label in presses:
        await chat.press(person, label)
    await chat.press(person, "Xem trước")
