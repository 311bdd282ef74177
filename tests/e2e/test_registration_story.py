"""A newcomer joins the network from the web chat, end to end.

Mistakes along the way, a district coordinator approves from the notification the outbox
delivers, an out-of-scope coordinator sees nothing, an admin grants and revokes a role, and
the person finally exports and erases their data.
"""

from __future__ import annotations

import json

from sqlmodel import col, select

from bot.app import BotApp
from bot.dispatcher import render
from bot.events import Outgoing
from models import outbox
from models.outbox import OutboxMessage
from tests.integration.registering import actions_about, grant, member_of
from tests.utils.chat import ChatDriver


async def delivered(app: BotApp, person: str) -> list[Outgoing]:
    """What the outbox holds for a web chat person, rendered as the sender would send it."""
    async with app.sessions() as session:
        rows = (
            await session.execute(
                select(OutboxMessage)
                .where(OutboxMessage.external_id == person)
                .order_by(col(OutboxMessage.id))
            )
        ).scalars()
        out = []
        for row in rows:
            reply = await outbox.load_payload(session, payload_id=row.payload_id)
            out.append(await render(session, reply, channel="webchat", external_id=person))
        await session.commit()
        return out


async def test_newcomer_story(chat: ChatDriver, app: BotApp) -> None:
    # Registration, with mistakes.
    await chat.send("khach", "/start")
    assert "/dangky" in chat.text("khach")
    await chat.send("khach", "/dangky")
    await chat.press("khach", "Tôi đồng ý")
    await chat.send("khach", "Hùng 😀")
    assert "biểu tượng" in chat.text("khach")
    await chat.send("khach", "kpă   hùng")
    await chat.send("khach", "0269 3826 789")
    assert "cố định" in chat.text("khach")
    await chat.send("khach", "0978-123-456")
    await chat.send("khach", "4")  # "Cán bộ, công chức cấp xã" would be 5: a slip
    assert "huyện, thị xã" in chat.text("khach")
    await chat.send("khach", "Quay lại")
    await chat.press("khach", "Cán bộ, công chức cấp xã")
    await chat.send("khach", "Hoàn Kiếm")
    assert "Không tìm thấy" in chat.text("khach")
    await chat.send("khach", "ia soa")  # misspelt, still found
    assert "1. Xã Ia Sao, Huyện Ia Grai" in chat.text("khach")
    await chat.press("khach", "Xã Ia Sao, Huyện Ia Grai")
    await chat.send("khach", "Công chức Văn hóa - Xã hội")
    await chat.press("khach", "✏️ Điện thoại")
    await chat.send("khach", "0978 123 457")
    review = chat.text("khach")
    assert "Kpă Hùng" in review and "0978 123 457" in review
    await chat.press("khach", "Gửi đăng ký")

    # An out-of-scope coordinator is neither told nor shown anything.
    await grant(app, "pleiku", role="coordinator", scope_code="622", name="Võ Văn Tú")
    assert await delivered(app, "pleiku") == []
    await chat.send("pleiku", "/choduyet")
    assert "Kpă Hùng" not in chat.text("pleiku")
    await chat.send("pleiku", "/thanhvien")
    await chat.send("pleiku", "Kpă Hùng")
    assert "Không có thành viên nào" in chat.text("pleiku")

    # The district coordinator approves from the notification.
    [notice] = await delivered(app, "huyen")
    assert "Kpă Hùng" in notice.text
    approve = next(o.token for o in notice.options if "Duyệt" in o.label)
    await chat.press_token("huyen", approve)
    assert "Đã duyệt Kpă Hùng" in chat.text("huyen")
    [told] = await delivered(app, "khach")
    assert "đã được duyệt" in told.text
    await chat.press_token("khach", next(o.token for o in told.options))
    assert "/hoso" in chat.text("khach") and "/todoi" in chat.text("khach")

    # An admin makes the newcomer a commune coordinator, then takes it back.
    await chat.send("admin", "/phanquyen")
    await chat.send("admin", "0978123457")
    await chat.press("admin", "Kpă Hùng")
    await chat.press("admin", "Điều phối viên")
    await chat.press("admin", "Một xã")
    await chat.send("admin", "Ia Sao")
    await chat.press("admin", "Xã Ia Sao, Huyện Ia Grai")
    await chat.press("admin", "Xác nhận")
    await chat.send("khach", "/choduyet")
    assert "Không có đăng ký nào" in chat.text("khach")
    await chat.send("admin", "/phanquyen")
    await chat.send("admin", "kpa hung")
    await chat.press("admin", "Kpă Hùng")
    await chat.press("admin", "Thành viên")
    await chat.press("admin", "Xác nhận")
    await chat.send("khach", "/choduyet")
    assert "chỉ dành cho điều phối viên" in chat.text("khach")
    member = await member_of(app, "khach")
    assert member is not None and member.id is not None
    roles = [d for a, d in await actions_about(app, member.id) if a == "role.change"]
    assert [change["to"][0] for change in roles] == ["coordinator", "member"]

    # Own data: export, then erase.
    await chat.send("khach", "/xuatdulieu")
    document = chat.last["khach"][0].document
    assert document is not None
    data = json.loads(document.content)
    assert data["member"]["full_name"] == "Kpă Hùng"
    assert {"member.register", "member.approve", "role.change"} <= {
        e["action"] for e in data["audit_log"]
    }
    await chat.send("khach", "/xoadulieu")
    await chat.press("khach", "Xóa vĩnh viễn")
    assert "Đã xóa dữ liệu" in chat.text("khach")
    await chat.send("huyen", "/thanhvien")
    await chat.send("huyen", "Kpă Hùng")
    assert "Không có thành viên nào" in chat.text("huyen")
    await chat.send("khach", "/start")
    assert "/dangky" in chat.text("khach")
