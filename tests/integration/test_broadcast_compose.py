"""Composing and sending an announcement from the chat: the conversation, the preview, who
may send to whom, and what members receive.

Sending needs working hours: every test starts at 09:00 on the suite's day; dates typed
into the chat are days around it.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.app import BotApp
from bot.events import Incoming, Kind
from bot.texts import broadcast as t
from models import announcements, members
from models.announcement_rules import Refusal, check
from models.announcements import Announcement, AnnouncementState
from models.audience import Audience
from rendering.announcements import refusal_text
from tests.integration.composing import compose, training_time
from tests.utils.broadcasting import deliver_all, inbox
from tests.utils.chat import ChatDriver
from tests.utils.clock import ZONE, FakeClock, local_at, shown

pytestmark = pytest.mark.local_time(9, 0)


async def _member(app: BotApp, key: str) -> members.Member:
    async with app.sessions() as session:
        identity = await members.get_identity(session, channel="webchat", external_id=key)
        assert identity is not None and identity.member_id is not None
        member = await members.get_member(session, member_id=identity.member_id)
        assert member is not None
        return member


async def _announcements(app: BotApp) -> list[Announcement]:
    async with app.sessions() as session:
        return list((await session.execute(select(Announcement))).scalars())


async def test_a_district_coordinator_sends_a_training_to_one_commune(
    app: BotApp, chat: ChatDriver, clock: FakeClock
) -> None:
    starts = training_time(clock())
    await compose(chat, "huyen", presses=["Huyện / xã", "Chọn từng xã", "Xã Ia Sao", "Xong"])
    preview = chat.last["huyen"]
    assert preview[0].text == t.PREVIEW_HEADER
    previewed = preview[1]
    assert previewed.text.startswith("🎓 TẬP HUẤN: Tập huấn sử dụng VNeID")
    assert f"🕘 Thời gian: {shown(starts)}" in previewed.text
    assert [o.label for o in previewed.options] == ["Đã nhận", "Tham gia", "Không tham gia"]
    assert "Sẽ gửi tới 2 thành viên" in preview[2].text
    assert "Web chat 2" in preview[2].text
    assert "Không liên lạc được (đã chặn bot hoặc chưa có kênh): 0" in preview[2].text

    await chat.press("huyen", "Gửi ngay")
    assert "Đã xếp hàng gửi thông báo #1 tới 2 thành viên" in chat.text("huyen")
    assert await inbox(app, "xa") == []  # nothing is sent by the handler itself
    await deliver_all(app)
    for person in ("xa", "totruong"):
        [received] = await inbox(app, person)
        assert received.text == previewed.text
        assert list(received.buttons) == ["Đã nhận", "Tham gia", "Không tham gia"]
    assert await inbox(app, "huyen") == []  # a district-level member, not in the commune
    assert await inbox(app, "admin") == []


async def test_preview_buttons_only_explain(app: BotApp, chat: ChatDriver) -> None:
    await compose(chat, "huyen", kind="Thông báo chung", when=None)
    send_now = chat.token("huyen", "Gửi ngay")
    await chat.press("huyen", "Đã nhận")
    assert chat.text("huyen") == t.PREVIEW_BUTTON
    await chat.press_token("huyen", send_now)  # the conversation went on after the explanation
    assert "Đã xếp hàng gửi thông báo #1" in chat.text("huyen")


async def test_whole_scope_of_a_district_coordinator(app: BotApp, chat: ChatDriver) -> None:
    await compose(chat, "huyen", kind="Thông báo chung", when=None)
    await chat.press("huyen", "Gửi ngay")
    await deliver_all(app)
    got = {p: len(await inbox(app, p)) for p in ("admin", "so", "huyen", "xa", "totruong")}
    assert got == {"admin": 0, "so": 0, "huyen": 1, "xa": 1, "totruong": 1}
    [received] = await inbox(app, "xa")
    assert received.text.startswith("📢 THÔNG BÁO: ")
    assert list(received.buttons) == ["Đã nhận"]


async def test_categories_and_roles_narrow_the_audience(app: BotApp, chat: ChatDriver) -> None:
    await compose(
        chat,
        "so",
        kind="Giao ban",
        rsvp=False,
        presses=["Nhóm thành viên", "Thành viên Tổ công nghệ số", "Xong"],
    )
    assert "Sẽ gửi tới 1 thành viên" in chat.text("so")
    await chat.press("so", "Sửa người nhận")
    await chat.press("so", "Vai trò")
    await chat.press("so", "Điều phối viên")
    await chat.press("so", "Xong")
    assert "Số người nhận: 0" in chat.text("so")
    await chat.press("so", "Xem trước")
    assert t.PREVIEW_EMPTY in chat.text("so")
    assert "🚀 Gửi ngay" not in chat.labels("so")


async def test_a_member_cannot_broadcast(app: BotApp, chat: ChatDriver) -> None:
    await chat.send("xa", "/thongbao")
    assert "chỉ dành cho điều phối viên" in chat.text("xa")
    await chat.send("xa", "/tinhhinh")
    assert "chỉ dành cho điều phối viên" in chat.text("xa")
    await chat.send("khach", "/thongbao")
    assert "chỉ dành cho" in chat.text("khach")
    assert await _announcements(app) == []


async def test_a_coordinator_sees_only_units_of_their_scope(app: BotApp, chat: ChatDriver) -> None:
    await chat.send("huyen", "/thongbao")
    await chat.press("huyen", "Thông báo chung")
    await chat.send("huyen", "Họp")
    await chat.send("huyen", "Nội dung")
    await chat.press("huyen", "Không đính kèm")
    await chat.press("huyen", "Huyện / xã")
    assert [label for label in chat.labels("huyen") if label.startswith(("Huyện", "Thành"))] == [
        "Huyện Ia Grai"
    ]
    await chat.send("huyen", "Pleiku")
    assert "Không tìm thấy “Pleiku” trong phạm vi phụ trách" in chat.text("huyen")
    await chat.send("huyen", "Ia Sao")
    assert "Đã chọn Xã Ia Sao, Huyện Ia Grai." in chat.text("huyen")


async def test_targeting_outside_the_scope_is_refused(app: BotApp) -> None:
    huyen = await _member(app, "huyen")
    so = await _member(app, "so")
    xa = await _member(app, "xa")
    pleiku = Audience(catalog="2024", units=("622",))
    async with app.sessions() as session:
        refused = await check(session, author=huyen, spec=pleiku)
        allowed = await check(session, author=so, spec=pleiku)
        member = await check(session, author=xa, spec=Audience(catalog="2024"))
    assert refused is Refusal.OUTSIDE_SCOPE
    assert refusal_text(refused) == t.OUTSIDE_SCOPE
    assert not isinstance(allowed, Refusal)
    assert member is Refusal.NOT_A_SENDER
    assert refusal_text(member) == t.NOT_A_SENDER


async def test_the_release_never_leaves_the_sender_scope(app: BotApp, clock: FakeClock) -> None:
    huyen = await _member(app, "huyen")
    assert huyen.id is not None
    async with app.sessions() as session:
        await announcements.create(
            session,
            draft=announcements.Draft(
                kind="notice",
                title="Giả mạo",
                body="Gửi cả tỉnh",
                author_member_id=huyen.id,
                audience={"catalog": "2024", "units": ["622", "628"]},
                send_at=clock(),
            ),
        )
        await session.commit()
    await deliver_all(app)
    assert [len(await inbox(app, p)) for p in ("admin", "so", "xa")] == [0, 0, 1]


async def test_too_long_text_is_refused_with_its_length(app: BotApp, chat: ChatDriver) -> None:
    await chat.send("so", "/thongbao")
    await chat.press("so", "Thông báo chung")
    await chat.send("so", "Tiêu đề")
    # The web chat page cuts at 4096 characters, so the long text comes as an event.
    await chat._run(Incoming("webchat", "so", "so", Kind.TEXT, text="x" * 4100))
    assert "Nội dung dài 4100 ký tự, vượt quá giới hạn 4096 ký tự" in chat.text("so")
    assert "thừa 4 ký tự" in chat.text("so")
    await chat.send("so", "x" * 4096)
    assert chat.text("so").startswith(t.ASK_FILE)


async def test_a_message_too_long_with_its_details_cannot_be_sent(
    app: BotApp, chat: ChatDriver
) -> None:
    await compose(chat, "so", body="y" * 4090, presses=[])
    assert "vượt giới hạn 4096 ký tự" in chat.text("so")
    assert chat.labels("so")[0] == t.EDIT_BODY


async def test_past_and_unreadable_dates_are_refused(
    app: BotApp, chat: ChatDriver, clock: FakeClock
) -> None:
    yesterday = shown(local_at(clock(), days=-1, hour=8))
    year = clock().astimezone(ZONE).year
    await chat.send("so", "/thongbao")
    await chat.press("so", "Tập huấn")
    await chat.send("so", "Tập huấn")
    await chat.send("so", "Nội dung")
    await chat.press("so", "Không đính kèm")
    await chat.send("so", yesterday)
    assert f"Thời gian {yesterday} đã qua" in chat.text("so")
    await chat.send("so", "ngày mai")
    assert "chưa đọc được thời gian" in chat.text("so")
    await chat.send("so", f"31/02/{year + 1} 08:00")
    assert "chưa đọc được thời gian" in chat.text("so")
    await chat.send("so", f"5/3/{year + 1} 14h30")  # short day and month, "h": read too
    assert chat.text("so") == t.ASK_PLACE


async def test_scheduled_then_cancelled_is_never_sent(
    app: BotApp, chat: ChatDriver, clock: FakeClock
) -> None:
    await compose(chat, "huyen", kind="Thông báo chung", when=None)
    await chat.press("huyen", "Hẹn giờ gửi")
    await chat.send("huyen", shown(local_at(clock(), days=-1, hour=10)))
    assert "đã qua" in chat.text("huyen")
    tomorrow = shown(local_at(clock(), days=1, hour=7, minute=30))
    await chat.send("huyen", tomorrow)
    assert f"Đã hẹn gửi thông báo #1 lúc {tomorrow}" in chat.text("huyen")
    await deliver_all(app)
    assert await inbox(app, "xa") == []
    await chat.send("huyen", "/tinhhinh")
    await chat.press("huyen", "#1")
    assert f"hẹn gửi lúc {tomorrow}" in chat.text("huyen")
    await chat.press("huyen", "Hủy lịch gửi")
    assert chat.text("huyen") == t.CANCELLED_OK.format(id=1)
    clock.advance(days=2)
    await deliver_all(app)
    assert await inbox(app, "xa") == []
    [row] = await _announcements(app)
    assert row.state == AnnouncementState.CANCELLED


async def test_a_scheduled_announcement_goes_out_at_its_time(
    app: BotApp, chat: ChatDriver, clock: FakeClock
) -> None:
    await compose(chat, "huyen", kind="Thông báo chung", when=None)
    await chat.press("huyen", "Hẹn giờ gửi")
    await chat.send("huyen", shown(local_at(clock(), hour=10)))  # in an hour
    await chat.send("huyen", "/tinhhinh")
    await chat.press("huyen", "#1")
    cancel = chat.token("huyen", "Hủy lịch gửi")
    await deliver_all(app)
    assert await inbox(app, "xa") == []
    clock.advance(hours=1)
    await deliver_all(app)
    assert len(await inbox(app, "xa")) == 1
    await chat.press_token("huyen", cancel)
    assert "đã bắt đầu gửi nên không hủy được" in chat.text("huyen")


async def test_quiet_hours_offer_an_urgent_send(
    app: BotApp, chat: ChatDriver, clock: FakeClock
) -> None:
    clock.current = local_at(clock(), hour=22)
    await compose(chat, "huyen", kind="Thông báo chung", when=None)
    assert "đang trong giờ nghỉ (21:00–06:30)" in chat.text("huyen")
    await chat.press("huyen", "Gửi ngay")
    await deliver_all(app)
    assert await inbox(app, "xa") == []
    await compose(chat, "huyen", kind="Thông báo chung", title="Khẩn: mất điện", when=None)
    await chat.press("huyen", "kể cả giờ nghỉ")
    await deliver_all(app)
    assert [r.text.split("\n")[0] for r in await inbox(app, "xa")] == [
        "📢 THÔNG BÁO: Khẩn: mất điện"
    ]
    clock.current = local_at(clock(), days=1, hour=7)
    await deliver_all(app)
    assert len(await inbox(app, "xa")) == 2


async def test_unreachable_members_are_counted_in_the_preview(
    app: BotApp, chat: ChatDriver
) -> None:
    async with app.sessions() as session:
        await members.mark_unreachable(session, channel="webchat", chat_id="xa", reason="blocked")
        await session.commit()
    await compose(chat, "huyen", kind="Thông báo chung", when=None)
    assert "Sẽ gửi tới 3 thành viên" in chat.text("huyen")
    assert "Web chat 2" in chat.text("huyen")
    assert "chưa có kênh): 1" in chat.text("huyen")
