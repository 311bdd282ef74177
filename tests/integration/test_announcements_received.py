"""What a member can still do with an announcement after a first tap: acknowledging keeps the
attendance question open, and /thongbao reopens any recent announcement with the current
answer and the buttons to change it until the event starts."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.app import BotApp
from bot.buttons.actions import Received
from bot.texts import broadcast as t
from models import options
from tests.integration.composing import compose
from tests.utils.broadcasting import deliver_all, inbox
from tests.utils.chat import ChatDriver
from tests.utils.clock import FakeClock

pytestmark = pytest.mark.pinned_clock  # figures and dates counted for the default day

TITLE = "Tập huấn sử dụng VNeID"


async def _send_training(app: BotApp, chat: ChatDriver, **extra: object) -> None:
    await compose(chat, "huyen", **extra)  # type: ignore[arg-type]
    await chat.press("huyen", "Gửi ngay")
    await deliver_all(app)


async def _report(chat: ChatDriver) -> str:
    await chat.send("huyen", "/tinhhinh")
    await chat.press("huyen", "#1")
    return chat.text("huyen")


async def test_acknowledging_keeps_the_attendance_question_open(
    app: BotApp, chat: ChatDriver
) -> None:
    await _send_training(app, chat)
    [received] = await inbox(app, "xa")
    await chat.press_token("xa", received.buttons["Đã nhận"])
    # The answer asks again, so the last buttons shown are the attendance ones.
    assert chat.labels("xa") == ["Tham gia", "Không tham gia"]
    await chat.press("xa", "Tham gia")
    assert f"sẽ tham gia “{TITLE}”" in chat.text("xa")
    # The buttons of the announcement itself still work after both answers.
    await chat.press_token("xa", received.buttons["Không tham gia"])
    assert t.NOT_ATTEND_RECORDED.format(title=TITLE) in chat.text("xa")
    assert "🙅 Không tham gia: 1" in await _report(chat)


async def test_answering_counts_as_received_and_offers_the_change(
    app: BotApp, chat: ChatDriver
) -> None:
    await _send_training(app, chat)
    [received] = await inbox(app, "xa")
    await chat.press_token("xa", received.buttons["Tham gia"])
    assert chat.labels("xa") == ["Không tham gia"]
    report = await _report(chat)
    assert "👁 Đã xác nhận: 1/3" in report
    await chat.press_token("xa", received.buttons["Đã nhận"])
    assert "Anh/chị đã xác nhận đã nhận" in chat.text("xa")
    assert chat.labels("xa") == ["Không tham gia"]  # still open, already attending


async def test_a_member_reopens_an_answer_from_thongbao(
    app: BotApp, chat: ChatDriver, clock: FakeClock
) -> None:
    await _send_training(app, chat)
    await chat.send("xa", "/thongbao")
    assert "chỉ dành cho điều phối viên" in chat.text("xa")
    assert t.MINE_HEADER in chat.text("xa")
    [label] = chat.labels("xa")
    assert TITLE in label and "chưa trả lời" in label
    await chat.press("xa", TITLE)
    view = chat.text("xa")
    assert view.startswith(f"🎓 TẬP HUẤN: {TITLE}")
    assert "Anh/chị chưa trả lời." in view
    assert chat.labels("xa") == ["Tham gia", "Không tham gia", t.MINE_BACK]
    await chat.press("xa", "Không tham gia")
    await chat.press("xa", "Bỏ qua")

    await chat.send("xa", "/thongbao")
    assert "không tham gia" in chat.labels("xa")[0]
    await chat.press("xa", TITLE)
    assert "Anh/chị đã trả lời: không tham gia" in chat.text("xa")
    await chat.press("xa", "Tham gia")
    assert f"sẽ tham gia “{TITLE}”" in chat.text("xa")
    assert "🙋 Tham gia: 1 · 🙅 Không tham gia: 0" in await _report(chat)

    clock.current = datetime(2026, 3, 10, 1, 0, tzinfo=UTC)  # 08:00 local, the start
    await chat.send("xa", "/thongbao")
    await chat.press("xa", TITLE)
    assert "đã bắt đầu" in chat.text("xa")
    assert chat.labels("xa") == [t.MINE_BACK]


async def test_a_notice_without_attendance_is_acknowledged_from_thongbao(
    app: BotApp, chat: ChatDriver
) -> None:
    await _send_training(app, chat, kind="Thông báo chung", when=None)
    await chat.send("totruong", "/thongbao")
    await chat.press("totruong", TITLE)
    assert chat.labels("totruong") == ["Đã nhận", t.MINE_BACK]
    await chat.press("totruong", "Đã nhận")
    await chat.send("totruong", "/thongbao")
    assert "đã nhận" in chat.labels("totruong")[0]


async def test_a_coordinator_chooses_between_composing_and_received(
    app: BotApp, chat: ChatDriver
) -> None:
    await _send_training(app, chat)
    await chat.send("huyen", "/thongbao")
    assert t.MINE_OPEN in chat.labels("huyen")
    assert "Tập huấn" in chat.labels("huyen")
    await chat.press("huyen", t.MINE_OPEN)
    assert t.MINE_HEADER in chat.text("huyen")
    assert any(TITLE in label for label in chat.labels("huyen"))
    await chat.send("so", "/thongbao")
    await chat.press("so", t.MINE_OPEN)
    assert chat.text("so") == t.MINE_EMPTY


async def test_only_announcements_one_received_are_listed_and_opened(
    app: BotApp, chat: ChatDriver
) -> None:
    await _send_training(app, chat, presses=["Huyện / xã", "Chọn từng xã", "Xã Ia Sao", "Xong"])
    await chat.send("huyen", "/thongbao")
    await chat.press("huyen", t.MINE_OPEN)
    assert chat.text("huyen") == t.MINE_EMPTY  # the training went to Ia Sao only
    async with app.sessions() as session:
        token = await options.issue(
            session,
            channel="webchat",
            external_id="huyen",
            value=Received(1).encode(),
            label="#1",
            scope=None,
        )
        await session.commit()
    await chat.press_token("huyen", token)
    assert chat.text("huyen") == t.NOT_FOR_YOU
