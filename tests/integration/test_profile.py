"""One's own data: /hoso edits, /xuatdulieu, /xoadulieu."""

from __future__ import annotations

import json

from sqlalchemy import func
from sqlmodel import select

from bot.app import BotApp
from models.members import ChannelIdentity, Member
from models.outbox import OutboxMessage
from tests.integration.registering import actions_about, member_of, register
from tests.utils.chat import ChatDriver
from tests.utils.clock import FakeClock, shown


async def test_profile_edits_name_phone_and_position(chat: ChatDriver, app: BotApp) -> None:
    await chat.send("xa", "/hoso")
    assert "Phạm Thị Dung" in chat.text("xa") and "Xã Ia Sao" in chat.text("xa")
    await chat.press("xa", "Họ tên")
    await chat.send("xa", "Dung")
    assert "ít nhất 2 chữ" in chat.text("xa")
    await chat.send("xa", "Phạm Thị Thùy Dung")
    assert "Đã lưu" in chat.text("xa")
    await chat.press("xa", "Điện thoại")
    await chat.send("xa", "02693 823 456")
    assert "cố định" in chat.text("xa")
    await chat.send("xa", "0905 000 111")
    await chat.press("xa", "Chức vụ")
    await chat.send("xa", "Công chức Văn hóa - Xã hội")
    await chat.press("xa", "Xong")
    xa = await member_of(app, "xa")
    assert xa is not None and xa.id is not None
    assert (xa.full_name, xa.phone, xa.position) == (
        "Phạm Thị Thùy Dung",
        "+84905000111",
        "Công chức Văn hóa - Xã hội",
    )
    changes = [d for a, d in await actions_about(app, xa.id) if a == "profile.update"]
    assert changes == [{"fields": ["full_name"]}, {"fields": ["phone"]}, {"fields": ["position"]}]


async def test_export_sends_everything_stored(chat: ChatDriver, app: BotApp) -> None:
    await register(chat, "khach")
    await chat.send("khach", "/xuatdulieu")
    message = chat.last["khach"][0]
    assert message.document is not None and message.document.filename.endswith(".json")
    data = json.loads(message.document.content)
    assert data["member"]["full_name"] == "Nguyễn Văn Bình"
    assert data["member"]["phone"] == "+84905123456"
    assert data["accounts"][0]["external_id"] == "khach"
    assert [entry["action"] for entry in data["audit_log"]] == ["member.register"]

    await chat.send("moi", "/xuatdulieu")
    assert "chưa đăng ký" in chat.text("moi")


async def test_erasure_anonymises_and_keeps_counts(chat: ChatDriver, app: BotApp) -> None:
    await register(chat, "khach")
    await chat.send("huyen", "/choduyet")
    await chat.press("huyen", "Duyệt")
    member = await member_of(app, "khach")
    assert member is not None and member.id is not None
    async with app.sessions() as session:
        queued = select(func.count()).select_from(OutboxMessage)
        before = (await session.execute(queued.where(OutboxMessage.state == "queued"))).scalar()
    assert before

    await chat.send("khach", "/xoadulieu")
    await chat.press("khach", "Không xóa")
    assert "giữ nguyên" in chat.text("khach")
    await chat.send("khach", "/xoadulieu")
    await chat.press("khach", "Xóa vĩnh viễn")
    assert "Đã xóa dữ liệu" in chat.text("khach")

    async with app.sessions() as session:
        erased = await session.get(Member, member.id)
        assert erased is not None
        assert (erased.full_name, erased.phone, erased.position) == ("(đã xóa)", None, None)
        assert erased.status == "deleted" and erased.unit_code == "23767"  # counts stay right
        identities = (await session.execute(select(ChannelIdentity))).scalars().all()
        assert "khach" not in {i.external_id for i in identities}
        rows = (
            await session.execute(
                select(OutboxMessage).where(OutboxMessage.member_id == member.id)
            )
        ).scalars()
        assert all(r.state != "queued" and r.external_id != "khach" for r in rows)
        total = (await session.execute(select(func.count()).select_from(Member))).scalar()
    assert total == 6
    assert (await actions_about(app, member.id))[-1][0] == "member.erase"

    await chat.send("khach", "/start")
    assert "/dangky" in chat.text("khach")  # a stranger again
    assert await member_of(app, "khach") is None


async def test_export_summary_reads_on_a_phone(
    chat: ChatDriver, app: BotApp, clock: FakeClock
) -> None:
    registered = shown(clock())  # 02/03/2026 09:00 on the default clock
    await register(chat, "khach")
    await chat.send("khach", "/xuatdulieu")
    pending = chat.last["khach"][0].text
    assert "Thành viên · chờ duyệt" in pending and "Sửa đăng ký: /dangky" in pending

    approved = shown(clock.advance(days=1, hours=3))  # 03/03/2026 12:00
    await chat.send("huyen", "/choduyet")
    await chat.press("huyen", "Duyệt")
    await chat.send("khach", "/gopy Cảm ơn Sở đã hỗ trợ")
    await chat.send("khach", "/xuatdulieu")
    [message] = chat.last["khach"]
    day = approved[6:10] + approved[3:5] + approved[0:2]
    named = f"du-lieu-ca-nhan-nguyen-van-binh-{day}.json"  # the person and the day
    assert message.document is not None and message.document.filename == named
    lines = message.text.splitlines()
    assert lines == [
        f"📤 Dữ liệu Mạng lưới đang lưu về anh/chị (lập lúc {approved}):",
        "👤 Nguyễn Văn Bình",
        "📱 0905 123 456",
        "📍 Xã Ia Sao, Huyện Ia Grai",
        "🎖 Thành viên · đang hoạt động",
        f"🗓 Đăng ký: {registered[:10]} · duyệt: {approved[:10]}",
        f"✅ Đồng ý xử lý dữ liệu: {registered} (bản nd13-2026.1)",
        f"📎 Tệp {named} gồm: hồ sơ, 1 tài khoản nhắn tin, 1 góp ý, 3 mục nhật ký thay đổi.",
        "Sửa thông tin: /hoso · Xóa dữ liệu: /xoadulieu",
    ]
    assert len(message.text) <= 1024  # fits a Telegram caption, one screen on a phone
    data = json.loads(message.document.content)
    assert len(data["accounts"]) == 1 and len(data["feedback"]) == 1
    actions = [entry["action"] for entry in data["audit_log"]]
    assert sorted(actions) == ["member.approve", "member.export", "member.register"]


async def test_export_of_an_admin_made_from_the_command_line(
    chat: ChatDriver, app: BotApp
) -> None:
    from bot import admin_tools

    async with app.sessions() as session:
        await admin_tools.grant(session, channel="webchat", user_id="moi", role="admin", by="cli")
        await session.commit()
    await chat.send("moi", "/xuatdulieu")
    text = chat.text("moi")
    assert "🎖 Quản trị viên · đang hoạt động" in text
    assert "✅ Đồng ý xử lý dữ liệu: chưa ghi nhận" in text
    assert "gồm: hồ sơ, 1 tài khoản nhắn tin, 1 mục nhật ký thay đổi." in text
