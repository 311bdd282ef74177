"""Tổ CNSCĐ (/todoi): register, list with counts, edit, deactivate, scope, team invites."""

from __future__ import annotations

import re

from sqlmodel import select

from bot.app import BotApp
from models.teams import Team
from tests.integration.registering import actions, grant, member_of
from tests.utils.chat import ChatDriver


async def _new_team(chat: ChatDriver, village: str = "Làng Kép", *, name: bool = True) -> None:
    await chat.send("huyen", "/todoi")
    await chat.press("huyen", "Đăng ký tổ mới")
    await chat.send("huyen", "ia sao")
    await chat.press("huyen", "Xã Ia Sao, Huyện Ia Grai")
    await chat.send("huyen", village)
    if name:
        await chat.press("huyen", f"Tổ CNSCĐ {village}")


async def _teams(app: BotApp) -> list[Team]:
    async with app.sessions() as session:
        return list((await session.execute(select(Team))).scalars())


async def test_coordinator_registers_a_team_with_its_leader(chat: ChatDriver, app: BotApp) -> None:
    await _new_team(chat)
    assert "Rơ Châm Hiếu" in chat.labels("huyen")
    await chat.press("huyen", "Rơ Châm Hiếu")
    assert "Xã Ia Sao, Huyện Ia Grai" in chat.text("huyen")
    await chat.press("huyen", "Đăng ký tổ")
    assert "Đã đăng ký Tổ CNSCĐ Làng Kép" in chat.text("huyen")

    [team] = await _teams(app)
    leader = await member_of(app, "totruong")
    assert leader is not None and team.leader_member_id == leader.id
    assert leader.team_id == team.id
    assert (team.unit_catalog, team.unit_code, team.village) == ("2024", "23767", "Làng Kép")
    assert len(await actions(app, "team.create")) == 1

    await chat.press("huyen", "Tạo link mời")
    assert re.search(r"/start \S+", chat.text("huyen"))

    await _new_team(chat, "lang kep", name=False)
    assert "đã có tổ" in chat.text("huyen")  # one team per village


async def test_lists_count_members_per_commune_and_team(chat: ChatDriver, app: BotApp) -> None:
    await _new_team(chat)
    await chat.press("huyen", "Rơ Châm Hiếu")
    await chat.press("huyen", "Đăng ký tổ")
    await chat.send("so", "/todoi")
    await chat.press("so", "Danh sách tổ")
    assert "Huyện Ia Grai: 1 tổ · 1 thành viên" in chat.text("so")
    await chat.press("so", "Huyện Ia Grai")
    assert "Xã Ia Sao: 1 tổ · 1 thành viên" in chat.text("so")
    assert "chưa có tổ nào" in chat.text("so")
    await chat.press("so", "Xã Ia Sao")
    assert "Tổ CNSCĐ Làng Kép — Làng Kép — tổ trưởng: Rơ Châm Hiếu — 1 thành viên" in chat.text(
        "so"
    )
    await chat.press("so", "Tổ CNSCĐ Làng Kép")
    await chat.press("so", "Đổi tên tổ")
    await chat.send("so", "Tổ công nghệ số làng Kép")
    assert "Đã lưu" in chat.text("so") and "Tổ công nghệ số làng Kép" in chat.text("so")
    await chat.press("so", "Ngừng hoạt động")
    await chat.press("so", "Có, ngừng hoạt động")
    [team] = await _teams(app)
    assert not team.active and team.name == "Tổ công nghệ số làng Kép"
    assert len(await actions(app, "team.deactivate")) == 1


async def test_out_of_scope_coordinator_sees_no_team(chat: ChatDriver, app: BotApp) -> None:
    await _new_team(chat)
    await chat.press("huyen", "Chưa có, mời sau")
    await chat.press("huyen", "Đăng ký tổ")
    await grant(app, "pleiku", role="coordinator", scope_code="622")
    await chat.send("pleiku", "/todoi")
    await chat.press("pleiku", "Danh sách tổ")
    assert "Chưa có Tổ CNSCĐ nào" in chat.text("pleiku")
    await chat.send("pleiku", "/huy")
    await chat.send("pleiku", "/todoi")
    await chat.press("pleiku", "Đăng ký tổ mới")
    await chat.send("pleiku", "ia sao")
    assert "Không tìm thấy" in chat.text("pleiku") or "không tìm thấy" in chat.text("pleiku")


async def test_leader_and_members_see_their_own_team(chat: ChatDriver, app: BotApp) -> None:
    await chat.send("totruong", "/todoi")
    await chat.press("totruong", "Đăng ký tổ mới")
    await chat.send("totruong", "Làng Kép")
    await chat.press("totruong", "Tổ CNSCĐ Làng Kép")
    assert "Tổ trưởng: Rơ Châm Hiếu" in chat.text("totruong")
    await chat.press("totruong", "Đăng ký tổ")
    [team] = await _teams(app)
    await chat.send("totruong", "/todoi")
    await chat.press("totruong", "Tổ CNSCĐ Làng Kép")
    assert "Ngừng hoạt động" not in " ".join(chat.labels("totruong"))  # coordinators only
    await chat.press("totruong", "Link mời thành viên")
    code = re.search(r"/start (\S+)", chat.text("totruong"))
    assert code

    await chat.send("khach", f"/start {code.group(1)}")
    await chat.press("khach", "Tôi đồng ý")
    await chat.send("khach", "Rơ Mah Thuỷ")
    await chat.send("khach", "0966 444 555")
    await chat.press("khach", "Thành viên")
    assert "Tổ CNSCĐ: Tổ CNSCĐ Làng Kép (theo link mời)" in chat.text("khach")
    await chat.press("khach", "Gửi đăng ký")
    member = await member_of(app, "khach")
    assert member is not None and member.team_id == team.id and member.status == "pending"

    await chat.send("xa", "/todoi")
    assert "dành cho điều phối viên và tổ trưởng" in chat.text("xa")
