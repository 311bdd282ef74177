"""Invite links (/moi and /start <code>): creation, pre-filled answers, auto-approval, limits."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlmodel import select

from bot.app import BotApp
from models import registrations
from models.invites import Invite
from tests.integration.registering import actions, member_of
from tests.utils.chat import ChatDriver
from tests.utils.clock import FakeClock


async def _make_invite(chat: ChatDriver, person: str, *, auto: bool, uses: str = "20") -> str:
    await chat.send(person, "/moi")
    await chat.press(person, "Tạo link mời")
    await chat.press(person, "Cán bộ, công chức cấp xã")
    await chat.send(person, "ia sao")
    await chat.press(person, "Xã Ia Sao, Huyện Ia Grai")
    await chat.press(person, "30 ngày")
    await chat.press(person, f"{uses} người")
    await chat.press(person, "Duyệt luôn" if auto else "Chờ tôi duyệt")
    match = re.search(r"/start (\S+)", chat.text(person))
    assert match, chat.text(person)
    return match.group(1)


async def test_auto_approved_invite_prefills_and_admits(chat: ChatDriver, app: BotApp) -> None:
    app.services.bot_usernames["telegram"] = "mangluoi_gialai_bot"
    code = await _make_invite(chat, "huyen", auto=True)
    assert f"https://t.me/mangluoi_gialai_bot?start={code}" in chat.text("huyen")
    assert len(await actions(app, "invite.create")) == 1

    await chat.send("khach", f"/start {code}")
    assert "Cán bộ, công chức cấp xã" in chat.text("khach")
    await chat.press("khach", "Tôi đồng ý")
    await chat.send("khach", "Hoàng Thị Lan")
    await chat.send("khach", "0934 555 666")
    assert "Chức vụ" in chat.text("khach")  # category and commune came with the link
    await chat.press("khach", "Công chức Văn phòng - Thống kê")
    review = chat.text("khach")
    assert "Xã Ia Sao, Huyện Ia Grai (theo link mời)" in review
    assert "✏️ Địa bàn" not in chat.labels("khach") and "✏️ Nhóm" not in chat.labels("khach")
    await chat.press("khach", "Gửi đăng ký")
    assert "Chào mừng Hoàng Thị Lan" in chat.text("khach") and "/hoso" in chat.text("khach")

    member = await member_of(app, "khach")
    huyen = await member_of(app, "huyen")
    assert member is not None and huyen is not None
    assert member.status == "active" and member.approved_by == huyen.id
    assert (member.category, member.unit_code) == ("cong_chuc_xa", "23767")
    async with app.sessions() as session:
        invite = (await session.execute(select(Invite))).scalar_one()
    assert invite.uses == 1


async def test_invite_without_auto_approval_waits(chat: ChatDriver, app: BotApp) -> None:
    code = await _make_invite(chat, "huyen", auto=False)
    await chat.send("khach", f"/start {code}")
    await chat.press("khach", "Tôi đồng ý")
    await chat.send("khach", "Hoàng Thị Lan")
    await chat.send("khach", "0934 555 666")
    await chat.press("khach", "Công chức Văn phòng - Thống kê")
    await chat.press("khach", "Gửi đăng ký")
    member = await member_of(app, "khach")
    assert member is not None and member.status == "pending"


async def test_auto_approval_needs_the_creator_to_still_cover_the_unit(
    chat: ChatDriver, app: BotApp
) -> None:
    code = await _make_invite(chat, "huyen", auto=True)
    huyen = await member_of(app, "huyen")
    assert huyen is not None
    async with app.sessions() as session:
        stored = await session.get(type(huyen), huyen.id)
        assert stored is not None
        await registrations.change_role(
            session,
            member=stored,
            role=registrations.Role.MEMBER,
            scope_catalog=None,
            scope_code=None,
            actor_member_id=None,
            actor_label="test",
        )
        await session.commit()
    await chat.send("khach", f"/start {code}")
    await chat.press("khach", "Tôi đồng ý")
    await chat.send("khach", "Hoàng Thị Lan")
    await chat.send("khach", "0934 555 666")
    await chat.press("khach", "Công chức Văn phòng - Thống kê")
    await chat.press("khach", "Gửi đăng ký")
    member = await member_of(app, "khach")
    assert member is not None and member.status == "pending"


async def test_expired_used_up_and_unknown_invites(
    chat: ChatDriver, app: BotApp, clock: FakeClock
) -> None:
    code = await _make_invite(chat, "huyen", auto=True, uses="1")
    await chat.send("khach", "/start khongcoma")
    assert "Mã mời này không đúng" in chat.text("khach") and "/dangky" in chat.text("khach")

    await chat.send("khach", f"/start {code}")
    await chat.press("khach", "Tôi đồng ý")
    await chat.send("khach", "Hoàng Thị Lan")
    await chat.send("khach", "0934 555 666")
    await chat.press("khach", "Công chức Văn phòng - Thống kê")
    await chat.press("khach", "Gửi đăng ký")
    await chat.send("moi", f"/start {code}")
    assert "hết số lượt" in chat.text("moi")

    second = await _make_invite(chat, "huyen", auto=True)
    clock.advance(days=31)
    await chat.send("moi", f"/start {second}")
    assert "hết hạn" in chat.text("moi")


async def test_district_coordinator_offers_only_local_categories_and_revokes(
    chat: ChatDriver, app: BotApp
) -> None:
    await chat.send("huyen", "/moi")
    await chat.press("huyen", "Tạo link mời")
    labels = chat.labels("huyen")
    assert "Sở Thông tin và Truyền thông" not in labels
    assert "Cán bộ, công chức cấp xã" in labels
    await chat.send("huyen", "/huy")
    code = await _make_invite(chat, "huyen", auto=False)

    await chat.send("so", "/moi")
    await chat.press("so", "Link đang dùng")
    assert code in chat.text("so")  # the province coordinator sees links in the province
    await chat.send("so", "/huy")

    await chat.send("huyen", "/moi")
    await chat.press("huyen", "Link đang dùng")
    await chat.press("huyen", "Thu hồi link 1")
    assert "Đã thu hồi" in chat.text("huyen")
    await chat.send("khach", f"/start {code}")
    assert "thu hồi" in chat.text("khach")
    assert len(await actions(app, "invite.revoke")) == 1


async def test_an_active_member_opening_an_invite_is_told(chat: ChatDriver, app: BotApp) -> None:
    code = await _make_invite(chat, "huyen", auto=True)
    await chat.send("xa", f"/start {code}")
    assert "đã là thành viên" in chat.text("xa")


async def test_invite_expiry_is_shown_as_a_local_date(
    chat: ChatDriver, app: BotApp, clock: FakeClock
) -> None:
    await _make_invite(chat, "huyen", auto=False)
    expected = (clock() + timedelta(days=30)).astimezone(app.config.zone).strftime("%d/%m/%Y")
    assert f"Hết hạn {expected}" in chat.text("huyen")
