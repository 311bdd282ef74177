"""Feedback (/gopy): typed straight after the command or step by step; /xemgopy shows who
sent each piece."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlmodel import col, select

from bot.app import BotApp
from bot.texts import common as ct
from bot.texts import feedback as ft
from handlers import feedback as handler
from models import conversations
from models.feedback import Feedback
from tests.integration.registering import register
from tests.utils.chat import ChatDriver
from tests.utils.clock import FakeClock, shown


async def _stored(app: BotApp) -> list[tuple[str, str, str, str]]:
    async with app.sessions() as session:
        rows = (await session.execute(select(Feedback).order_by(col(Feedback.id)))).scalars()
        return [(r.external_id, r.topic, r.text, r.created_at.isoformat()) for r in rows]


async def _open_flow(app: BotApp, person: str) -> tuple[str, str] | None:
    async with app.sessions() as session:
        state = await conversations.load(session, channel="webchat", external_id=person)
    return (state.flow, state.step) if state else None


async def test_text_after_the_command_is_recorded_at_once(
    app: BotApp, chat: ChatDriver, clock: FakeClock
) -> None:
    await chat.send("xa", "/gopy Nút “Đã nhận” không bấm được trên Zalo")
    assert [m.text for m in chat.last["xa"]] == [ft.THANKS]
    assert await _stored(app) == [
        ("xa", "other", "Nút “Đã nhận” không bấm được trên Zalo", clock().isoformat())
    ]
    assert await _open_flow(app, "xa") is None

    await chat.send("khach", "/gopy@mangluoi_bot  Cần hướng dẫn\nđăng ký bằng tiếng Jrai ")
    assert chat.text("khach") == ft.THANKS
    assert (await _stored(app))[-1][:3] == (
        "khach",
        "other",
        "Cần hướng dẫn\nđăng ký bằng tiếng Jrai",
    )


async def test_too_short_text_after_the_command_asks_only_for_the_text(
    app: BotApp, chat: ChatDriver
) -> None:
    await chat.send("xa", "/gopy ok")
    ask_text = ft.ASK_TEXT.format(topic=ft.TOPICS[handler.QUICK_TOPIC], limit=handler.MAX_LENGTH)
    assert [m.text for m in chat.last["xa"]] == [
        ft.TOO_SHORT.format(minimum=handler.MIN_LENGTH),
        ask_text,
    ]
    assert await _open_flow(app, "xa") == ("feedback_text", "text")
    await chat.send("xa", "Ứng dụng chạy chậm buổi sáng")
    assert chat.text("xa") == ft.THANKS
    assert [row[1:3] for row in await _stored(app)] == [("other", "Ứng dụng chạy chậm buổi sáng")]
    await chat.send("xa", "/gopy " + "x" * (handler.MAX_LENGTH + 1))
    assert "vượt quá" in chat.text("xa") and chat.last["xa"][-1].text == ask_text
    await chat.send("xa", "/huy")
    assert ct.CANCELLED in chat.text("xa")
    assert len(await _stored(app)) == 1


async def test_the_plain_command_or_the_button_still_asks_the_topic_first(
    app: BotApp, chat: ChatDriver
) -> None:
    await chat.send("xa", "/gopy   ")
    assert chat.text("xa") == ft.ASK_TOPIC
    await chat.send("xa", "/huy")
    await chat.press("xa", ft.BUTTON)
    assert chat.text("xa") == ft.ASK_TOPIC
    assert await _open_flow(app, "xa") == ("feedback", "topic")
    assert await _stored(app) == []


async def test_the_admins_see_who_sent_each_piece(
    app: BotApp, chat: ChatDriver, clock: FakeClock
) -> None:
    start = clock()  # 02/03/2026 09:00 on the default clock

    def at(minutes: int) -> str:
        return shown(start + timedelta(minutes=minutes))

    await chat.send("xa", "/gopy Nên có hướng dẫn bằng video")
    clock.advance(minutes=5)
    await chat.send("so", "/gopy Thêm mẫu báo cáo quý")
    clock.advance(minutes=5)
    await chat.send("moi", "/gopy Tôi chưa biết đăng ký ở đâu")
    clock.advance(minutes=5)
    await chat.send("khach", "/gopy Trang đăng ký hơi dài")
    await chat.send("admin", "/xemgopy")
    lines = chat.text("admin").splitlines()
    assert lines == [
        ft.LIST_HEADER,
        f"• {at(15)} — Người mới, chưa đăng ký (Web chat) — Nội dung khác: Trang đăng ký hơi dài",
        f"• {at(10)} — Người chưa đăng ký (Web chat) — Nội dung khác: Tôi chưa biết đăng ký ở đâu",
        f"• {at(5)} — Trần Thị Bình (Sở Thông tin và Truyền thông) — Nội dung khác: "
        "Thêm mẫu báo cáo quý",
        f"• {at(0)} — Phạm Thị Dung (Xã Ia Sao, Huyện Ia Grai) — Nội dung khác: "
        "Nên có hướng dẫn bằng video",
    ]

    # Someone who registers later is shown by name; someone who erased their data is not.
    await register(chat, "khach", name="Nguyễn Văn Bình")
    await chat.send("xa", "/xoadulieu")
    await chat.press("xa", "Xóa vĩnh viễn")
    await chat.send("admin", "/xemgopy")
    lines = chat.text("admin").splitlines()
    assert re.match(
        rf"• {re.escape(at(15))} — Nguyễn Văn Bình \(Xã Ia Sao, Huyện Ia Grai\) — ", lines[1]
    )
    assert lines[4] == (
        f"• {at(0)} — {ft.SENDER_ERASED} — Nội dung khác: Nên có hướng dẫn bằng video"
    )
    assert "Phạm Thị Dung" not in chat.text("admin")
