"""Members answer an announcement: received, attend / not attend (with a reason), changes
until the event starts; the eve reminder and the one nudge; corrections; the report.

Sending needs working hours: every test starts at 09:00 on the suite's day, the training
(`training_time`) is eight days later at 08:00."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from bot.app import BotApp
from bot.texts import broadcast as t
from bot.texts import exports as et
from jobs import announcements as announcement_jobs
from tests.integration.composing import compose, training_time
from tests.utils.broadcasting import deliver_all, inbox
from tests.utils.chat import ChatDriver
from tests.utils.clock import FakeClock, local_at, shown

pytestmark = pytest.mark.local_time(9, 0)


async def _send_training(app: BotApp, chat: ChatDriver, **extra: object) -> None:
    await compose(chat, "huyen", **extra)  # type: ignore[arg-type]
    await chat.press("huyen", "Gửi ngay")
    await deliver_all(app)


async def test_acknowledge_once(app: BotApp, chat: ChatDriver, clock: FakeClock) -> None:
    sent = clock()
    await _send_training(app, chat)
    [received] = await inbox(app, "xa")
    await chat.press_token("xa", received.buttons["Đã nhận"])
    assert chat.text("xa") == t.ACKED.format(title="Tập huấn sử dụng VNeID")
    await chat.press_token("xa", received.buttons["Đã nhận"])
    assert f"Anh/chị đã xác nhận đã nhận “Tập huấn sử dụng VNeID” lúc {shown(sent)}" in (
        chat.text("xa")
    )


async def test_answers_change_until_the_event_starts(
    app: BotApp, chat: ChatDriver, clock: FakeClock
) -> None:
    starts = training_time(clock())
    await _send_training(app, chat)
    [received] = await inbox(app, "xa")
    await chat.press_token("xa", received.buttons["Tham gia"])
    assert f"anh/chị sẽ tham gia “Tập huấn sử dụng VNeID” lúc {shown(starts)}" in chat.text("xa")
    await chat.press_token("xa", received.buttons["Không tham gia"])
    assert t.NOT_ATTEND_RECORDED.format(title="Tập huấn sử dụng VNeID") in chat.text("xa")
    assert chat.labels("xa")[0] == "Bỏ qua"
    await chat.send("xa", "Trùng lịch họp xã")
    assert chat.text("xa") == t.REASON_THANKS
    clock.current = starts  # 08:00 local, the start
    await chat.press_token("xa", received.buttons["Tham gia"])
    assert f"đã bắt đầu lúc {shown(starts)} nên không thay đổi câu trả lời được nữa" in (
        chat.text("xa")
    )
    await chat.send("huyen", "/tinhhinh")
    await chat.press("huyen", "#1")
    assert "🙋 Tham gia: 0 · 🙅 Không tham gia: 1 · ❔ Chưa trả lời: 2" in chat.text("huyen")


async def test_someone_else_cannot_use_a_members_buttons(app: BotApp, chat: ChatDriver) -> None:
    await _send_training(app, chat)
    [received] = await inbox(app, "xa")
    await chat.press_token("so", received.buttons["Đã nhận"])
    assert "Nút này đã cũ" in chat.text("so")


async def test_the_eve_reminder_and_the_nudge_go_once(
    app: BotApp, chat: ChatDriver, clock: FakeClock
) -> None:
    starts = training_time(clock())
    await _send_training(app, chat)
    [for_xa] = await inbox(app, "xa")
    await chat.press_token("xa", for_xa.buttons["Tham gia"])
    clock.current = local_at(starts, days=-1, hour=7, minute=30)  # 07:30 on the eve
    assert await announcement_jobs.remind_due(app.job_context) == 0
    clock.current = local_at(starts, days=-1, hour=8, minute=5)  # 08:05 on the eve
    assert await announcement_jobs.remind_due(app.job_context) == 3  # 1 reminder, 2 nudges
    assert await announcement_jobs.remind_due(app.job_context) == 0
    await deliver_all(app)
    reminder = (await inbox(app, "xa"))[-1]
    assert reminder.text.startswith("⏰ Nhắc lịch: tập huấn “Tập huấn sử dụng VNeID”")
    assert list(reminder.buttons) == ["Không tham gia"]
    nudge = (await inbox(app, "totruong"))[-1]
    assert nudge.text.startswith("Anh/chị chưa cho biết có tham gia tập huấn")
    assert list(nudge.buttons) == ["Tham gia", "Không tham gia"]
    await chat.press_token("totruong", nudge.buttons["Tham gia"])
    assert "anh/chị sẽ tham gia" in chat.text("totruong")
    clock.advance(hours=3)
    await announcement_jobs.remind_due(app.job_context)
    await deliver_all(app)
    assert [len(await inbox(app, p)) for p in ("xa", "totruong", "huyen")] == [2, 2, 2]


async def test_a_correction_reaches_the_same_recipients(app: BotApp, chat: ChatDriver) -> None:
    await _send_training(app, chat, presses=["Huyện / xã", "Chọn từng xã", "Xã Ia Sao", "Xong"])
    await chat.send("huyen", "/tinhhinh")
    await chat.press("huyen", "#1")
    await chat.press("huyen", "Đính chính")
    await chat.send("huyen", "Đổi địa điểm sang phòng họp số 2.")
    assert "Bản đính chính sẽ gửi tới 2 người đã nhận thông báo #1" in chat.text("huyen")
    await chat.press("huyen", "Gửi đính chính")
    assert "Đã xếp hàng gửi đính chính #2 tới 2 người" in chat.text("huyen")
    await deliver_all(app)
    assert await inbox(app, "huyen") == []
    for person in ("xa", "totruong"):
        _original, correction = await inbox(app, person)
        assert correction.text.startswith("✏️ ĐÍNH CHÍNH: Tập huấn sử dụng VNeID")
        assert "Đổi địa điểm sang phòng họp số 2." in correction.text
        assert list(correction.buttons) == ["Đã nhận", "Tham gia", "Không tham gia"]
    [_, correction] = await inbox(app, "xa")
    await chat.press_token("xa", correction.buttons["Tham gia"])
    await chat.send("huyen", "/tinhhinh")
    await chat.press("huyen", "#1")
    assert "🙋 Tham gia: 1" in chat.text("huyen")


async def test_the_report_and_the_attendee_sheet(
    app: BotApp, chat: ChatDriver, clock: FakeClock
) -> None:
    sent, starts = clock(), training_time(clock())
    await _send_training(app, chat)
    [for_xa] = await inbox(app, "xa")
    [for_leader] = await inbox(app, "totruong")
    await chat.press_token("xa", for_xa.buttons["Tham gia"])
    await chat.press_token("totruong", for_leader.buttons["Không tham gia"])
    await chat.send("totruong", "Đi công tác")
    await chat.send("huyen", "/tinhhinh")
    assert chat.labels("huyen") == [f"#1 Tập huấn: Tập huấn sử dụng VNeID ({shown(sent)})"]
    await chat.press("huyen", "#1")
    report = chat.text("huyen")
    assert "Người nhận: 3" in report
    assert "✅ Đã gửi: 3 · ⏳ Đang chờ gửi: 0 · ❌ Lỗi: 0 · 🚫 Không liên lạc được: 0" in report
    assert "👁 Đã xác nhận: 2/3" in report
    assert "🙋 Tham gia: 1 · 🙅 Không tham gia: 1 · ❔ Chưa trả lời: 1" in report
    assert "• Huyện Ia Grai: 3 người — gửi 3, lỗi 0, không liên lạc 0; xác nhận 2" in report
    await chat.press("huyen", "Ai chưa xác nhận")
    assert "Chưa xác nhận (1 người), trang 1/1:" in chat.text("huyen")
    assert "1. Lê Văn Cường — Huyện Ia Grai — đã gửi" in chat.text("huyen")
    await chat.press("huyen", "Làm mới")
    await chat.press("huyen", "XLSX")
    [message] = chat.last["huyen"]
    assert message.document is not None
    assert message.document.filename == "danh-sach-tham-du-1.xlsx"
    book = load_workbook(io.BytesIO(message.document.content))
    assert book.sheetnames == [et.SHEET_TITLE, et.OTHERS_TITLE]
    sheet = book.active
    assert sheet is not None and sheet.title == et.SHEET_TITLE
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0][0] == "DANH SÁCH THAM DỰ: Tập huấn sử dụng VNeID"
    assert rows[1][0] == f"Thời gian: {shown(starts)}. Địa điểm: Hội trường UBND huyện Ia Grai"
    assert rows[3] == list(et.SHEET_COLUMNS)
    # The sign-in sheet lists only the person attending, with an empty box to sign in.
    names = {row[1]: row for row in rows[4:] if isinstance(row[0], int)}
    assert list(names) == ["Phạm Thị Dung"]
    assert rows[4][:3] == [1, "Phạm Thị Dung", "Xã Ia Sao, Huyện Ia Grai"]
    assert rows[4][4] == "Web chat"  # "Kênh nhận": the messenger it went out on
    assert rows[4][5] is None
    # The one who declined and the one who has not answered are on the second sheet.
    others = [list(row) for row in book[et.OTHERS_TITLE].iter_rows(values_only=True)]
    assert others[3] == list(et.OTHERS_COLUMNS)
    listed = {row[1]: row for row in others[4:]}
    assert {row[2] for row in listed.values()} == {"Xã Ia Sao, Huyện Ia Grai", "Huyện Ia Grai"}
    assert {row[4] for row in others[4:]} == {"Web chat"}
    answers = [row[5] for row in others[4:]]
    assert answers == ["Không tham gia (Đi công tác)", "Chưa trả lời"]  # declined first
    assert listed["Rơ Châm Hiếu"][6] == shown(sent)
    assert listed["Lê Văn Cường"][6] is None


async def test_only_the_author_or_an_admin_sees_a_report(
    app: BotApp, chat: ChatDriver, clock: FakeClock
) -> None:
    sent = clock()
    await _send_training(app, chat)
    await chat.send("huyen", "/tinhhinh")
    token = chat.token("huyen", "#1")
    await chat.send("so", "/tinhhinh")
    assert chat.text("so") == t.LIST_EMPTY
    await chat.send("admin", "/tinhhinh")
    assert chat.labels("admin") == [f"#1 Tập huấn: Tập huấn sử dụng VNeID ({shown(sent)})"]
    await chat.press("admin", "#1")
    assert "Người nhận: 3" in chat.text("admin")
    await chat.press_token("so", token)
    assert "Nút này đã cũ" in chat.text("so")
