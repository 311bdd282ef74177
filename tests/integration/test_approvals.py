"""Approval of registrations and unit changes: scope, decisions, notifications, audit."""

from __future__ import annotations

from bot.app import BotApp
from models import options
from tests.integration.registering import (
    actions_about,
    grant,
    member_of,
    queued_texts,
    register,
)
from tests.utils.chat import ChatDriver


async def test_district_coordinator_approves_and_the_person_is_told(
    chat: ChatDriver, app: BotApp
) -> None:
    await register(chat, "khach")
    await chat.send("huyen", "/choduyet")
    assert "Có 1 đăng ký" in chat.text("huyen") and "Nguyễn Văn Bình" in chat.text("huyen")
    await chat.press("huyen", "Duyệt")
    assert "Đã duyệt Nguyễn Văn Bình" in chat.text("huyen")

    member = await member_of(app, "khach")
    huyen = await member_of(app, "huyen")
    assert member is not None and member.id is not None and huyen is not None
    assert member.status == "active" and member.approved_by == huyen.id
    assert member.approved_at == app.services.clock()
    assert ("member.approve", {}) in await actions_about(app, member.id)
    assert any("đã được duyệt" in text for text in await queued_texts(app, member.id))

    await chat.send("khach", "/start")
    assert "/hoso" in chat.text("khach") and "/todoi" in chat.text("khach")
    await chat.send("huyen", "/choduyet")
    assert "Không có đăng ký nào" in chat.text("huyen")


async def test_out_of_scope_coordinator_neither_sees_nor_decides(
    chat: ChatDriver, app: BotApp
) -> None:
    await register(chat, "khach")
    pleiku = await grant(app, "pleiku", role="coordinator", scope_code="622", name="Võ Văn Tú")
    member = await member_of(app, "khach")
    assert member is not None and member.id is not None and pleiku.id is not None
    assert await queued_texts(app, pleiku.id) == []  # not notified

    await chat.send("pleiku", "/choduyet")
    assert "Không có đăng ký nào" in chat.text("pleiku")
    assert "Nguyễn Văn Bình" not in chat.text("pleiku")

    # A button it should never have had (e.g. from before its scope changed) does nothing.
    async with app.sessions() as session:
        token = await options.issue(
            session,
            channel="webchat",
            external_id="pleiku",
            value=f"appr:ok:{member.id}",
            label="Duyệt",
            scope=None,
        )
        await session.commit()
    await chat.press_token("pleiku", token)
    assert "ngoài phạm vi" in chat.text("pleiku")
    assert "Nguyễn Văn Bình" not in chat.text("pleiku")
    still = await member_of(app, "khach")
    assert still is not None and still.status == "pending"

    await chat.send("xa", "/choduyet")
    assert "chỉ dành cho điều phối viên" in chat.text("xa")


async def test_rejection_with_a_reason_then_registering_again(
    chat: ChatDriver, app: BotApp
) -> None:
    await register(chat, "khach")
    await chat.send("so", "/choduyet")
    await chat.press("so", "Từ chối")
    assert "Lý do" in chat.text("so")
    await chat.send("so", "Không đúng xã đang công tác")
    assert "Đã từ chối" in chat.text("so")
    member = await member_of(app, "khach")
    assert member is not None and member.id is not None and member.status == "rejected"
    assert ("member.reject", {"reason": "Không đúng xã đang công tác"}) in await actions_about(
        app, member.id
    )
    assert any("Không đúng xã đang công tác" in t for t in await queued_texts(app, member.id))

    await chat.send("khach", "/dangky")
    await chat.press("khach", "Đăng ký lại")
    await chat.press("khach", "Tôi đồng ý")
    await chat.press("khach", "✏️ Địa bàn")
    await chat.send("khach", "Ia Yok")
    await chat.press("khach", "Xã Ia Yok")
    await chat.press("khach", "Gửi đăng ký")
    again = await member_of(app, "khach")
    assert again is not None and again.id == member.id
    assert again.status == "pending" and again.unit_code != "23767"

    # A second decision on an already decided registration changes nothing.
    await chat.send("huyen", "/choduyet")
    await chat.press("huyen", "Duyệt")
    old = next(o.token for m in chat.transcript["so"] for o in m.options if "Duyệt" in o.label)
    await chat.press_token("so", old)  # the button of the first round, pressed again
    assert "đã được xử lý" in chat.text("so")
    decided = await member_of(app, "khach")
    assert decided is not None and decided.status == "active"


async def test_unit_change_waits_for_approval(chat: ChatDriver, app: BotApp) -> None:
    await chat.send("xa", "/hoso")
    await chat.press("xa", "Chuyển địa bàn")
    await chat.send("xa", "Ia Yok")
    await chat.press("xa", "Xã Ia Yok")
    assert "Đã gửi yêu cầu" in chat.text("xa")
    xa = await member_of(app, "xa")
    assert xa is not None and xa.unit_code == "23767"  # unchanged until approved

    await chat.send("huyen", "/choduyet")
    assert "xin chuyển địa bàn" in chat.text("huyen")
    await chat.press("huyen", "Duyệt")
    assert "Đã duyệt yêu cầu chuyển địa bàn" in chat.text("huyen")
    moved = await member_of(app, "xa")
    assert moved is not None and moved.id is not None and moved.unit_code != "23767"
    assert [a for a, _ in await actions_about(app, moved.id)][-2:] == [
        "unit_change.request",
        "unit_change.approve",
    ]
    assert any("đã được duyệt" in t for t in await queued_texts(app, moved.id))
