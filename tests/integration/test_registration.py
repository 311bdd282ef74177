"""Self-registration (/dangky) through the web chat: consent, mistakes, review, duplicates."""

from __future__ import annotations

import unicodedata

from sqlmodel import select

from bot.app import BotApp
from models import teams
from models.conversations import ConversationState
from models.members import Member
from models.organisations import Organisation
from models.registrations import CONSENT_VERSION
from tests.integration.registering import (
    actions_about,
    member_of,
    queued_options,
    queued_texts,
    register,
)
from tests.utils.chat import ChatDriver


async def test_mistakes_back_and_review_edits_end_in_a_pending_member(
    chat: ChatDriver, app: BotApp
) -> None:
    await chat.send("khach", "/dangky")
    assert "Nghị định 13/2023/NĐ-CP" in chat.text("khach")
    await chat.press("khach", "Tôi đồng ý")
    await chat.send("khach", "Bình")
    assert "ít nhất 2 chữ" in chat.text("khach")
    await chat.send("khach", "Nguyễn Văn B1nh")
    assert "chữ số" in chat.text("khach")
    await chat.send("khach", "nguyễn văn bình")
    await chat.send("khach", "0269 3823 456")
    assert "cố định" in chat.text("khach")
    await chat.send("khach", "01689 123 456")
    assert "0389 123 456" in chat.text("khach")
    await chat.send("khach", "+84 389 123 456")
    await chat.press("khach", "Cán bộ, công chức cấp xã")
    await chat.send("khach", "ia soa")
    assert "1. Xã Ia Sao, Huyện Ia Grai" in chat.text("khach")
    await chat.send("khach", "Quay lại")
    assert "xã, phường hay thị trấn" in chat.text("khach")
    await chat.press("khach", "Chọn theo huyện")
    await chat.press("khach", "Huyện Ia Grai")
    await chat.press("khach", "Xã Ia Sao")
    await chat.send("khach", "1")  # the first suggested position, typed as a number
    review = chat.text("khach")
    assert "Nguyễn Văn Bình" in review and "0389 123 456" in review
    assert "Xã Ia Sao, Huyện Ia Grai" in review and "Lãnh đạo UBND xã" in review
    await chat.press("khach", "✏️ Chức vụ")
    await chat.send("khach", "Phó Chủ tịch UBND xã")
    assert "Phó Chủ tịch UBND xã" in chat.text("khach")
    await chat.press("khach", "✏️ Họ tên")
    await chat.send("khach", "NGUYỄN VĂN BÌNH AN")
    assert "Nguyễn Văn Bình An" in chat.text("khach")
    assert await member_of(app, "khach") is None  # nothing stored before submitting
    await chat.press("khach", "Gửi đăng ký")
    assert "đã được gửi" in chat.text("khach")

    member = await member_of(app, "khach")
    assert member is not None and member.id is not None
    assert member.status == "pending"
    assert member.full_name == unicodedata.normalize("NFC", "Nguyễn Văn Bình An")
    assert member.phone == "+84389123456"
    assert (member.unit_catalog, member.unit_code) == ("2024", "23767")
    assert member.position == "Phó Chủ tịch UBND xã"
    assert member.consent_at == app.services.clock()
    assert member.consent_version == CONSENT_VERSION
    assert [a for a, _ in await actions_about(app, member.id)] == ["member.register"]

    huyen = await member_of(app, "huyen")
    assert huyen is not None and huyen.id is not None
    texts = await queued_texts(app, huyen.id)
    assert len(texts) == 1 and "Nguyễn Văn Bình An" in texts[0]
    assert (await queued_options(app, huyen.id))[0] == [
        f"appr:ok:{member.id}",
        f"appr:no:{member.id}",
    ]
    await chat.send("khach", "/start")
    assert "đang chờ điều phối viên duyệt" in chat.text("khach")


async def test_refusing_consent_stores_nothing(chat: ChatDriver, app: BotApp) -> None:
    await chat.send("khach", "/dangky")
    await chat.press("khach", "Không đồng ý")
    assert "không lưu" in chat.text("khach")
    assert await member_of(app, "khach") is None
    async with app.sessions() as session:
        assert (await session.execute(select(ConversationState))).first() is None


async def test_shared_contact_is_accepted_as_the_phone(chat: ChatDriver, app: BotApp) -> None:
    await chat.send("khach", "/dangky")
    await chat.press("khach", "Tôi đồng ý")
    await chat.send("khach", "Ksor H'Nga")
    assert chat.last["khach"][-1].ask_contact
    await chat.share_contact("khach", "84905111222")
    assert "tư cách nào" in chat.text("khach")


async def test_a_phone_cannot_make_a_second_member(chat: ChatDriver, app: BotApp) -> None:
    await register(chat, "khach", phone="0905 123 456")
    await chat.send("moi", "/dangky")
    await chat.press("moi", "Tôi đồng ý")
    await chat.send("moi", "Trần Văn Cường")
    await chat.send("moi", "0905123456")
    assert "đã được đăng ký" in chat.text("moi") and "/hoso" in chat.text("moi")


async def test_the_same_account_is_offered_its_registration_again(
    chat: ChatDriver, app: BotApp
) -> None:
    await register(chat, "khach")
    first = await member_of(app, "khach")
    await chat.send("khach", "/dangky")
    assert "đang chờ" in chat.text("khach")
    await chat.press("khach", "Xem và sửa đăng ký")
    await chat.press("khach", "Tôi đồng ý")
    assert "Nguyễn Văn Bình" in chat.text("khach")  # straight back to the review screen
    await chat.press("khach", "✏️ Chức vụ")
    await chat.send("khach", "Chủ tịch UBND xã")
    await chat.press("khach", "Gửi đăng ký")
    again = await member_of(app, "khach")
    assert first is not None and again is not None
    assert again.id == first.id and again.position == "Chủ tịch UBND xã"
    async with app.sessions() as session:
        assert len((await session.execute(select(Member))).scalars().all()) == 6

    await chat.send("xa", "/dangky")  # a member gets their own menu, with /hoso to update
    assert "/hoso" in chat.text("xa") and "Tôi đồng ý" not in chat.labels("xa")


async def test_department_focal_point_types_the_department(chat: ChatDriver, app: BotApp) -> None:
    await chat.send("khach", "/dangky")
    await chat.press("khach", "Tôi đồng ý")
    await chat.send("khach", "Lê Thị Hoa")
    await chat.send("khach", "0912 000 111")
    await chat.press("khach", "Đầu mối CĐS của sở, ban, ngành")
    assert "Sở Y tế" in chat.labels("khach")
    await chat.send("khach", "so y te")
    await chat.press("khach", "Chuyên viên")
    assert "Cơ quan: Sở Y tế" in chat.text("khach")
    await chat.press("khach", "Gửi đăng ký")
    member = await member_of(app, "khach")
    assert member is not None and member.unit_code is None
    async with app.sessions() as session:
        org = await session.get(Organisation, member.organisation_id)
    assert org is not None and org.key == "so-y-te"


async def test_enterprise_staff_name_a_new_enterprise(chat: ChatDriver, app: BotApp) -> None:
    await chat.send("khach", "/dangky")
    await chat.press("khach", "Tôi đồng ý")
    await chat.send("khach", "Đinh Công Minh")
    await chat.send("khach", "0988 765 432")
    await chat.press("khach", "Doanh nghiệp")
    await chat.send("khach", "VNPT Gia Lai")
    await chat.press("khach", "Nhân viên")
    assert "VNPT Gia Lai (mới)" in chat.text("khach")
    await chat.press("khach", "Gửi đăng ký")
    member = await member_of(app, "khach")
    assert member is not None
    async with app.sessions() as session:
        org = await session.get(Organisation, member.organisation_id)
    assert org is not None and (org.kind, org.name) == ("doanh_nghiep", "VNPT Gia Lai")


async def test_district_focal_point_gets_the_district_committee(
    chat: ChatDriver, app: BotApp
) -> None:
    await chat.send("khach", "/dangky")
    await chat.press("khach", "Tôi đồng ý")
    await chat.send("khach", "Siu Thị Hạnh")
    await chat.send("khach", "0977 222 333")
    await chat.press("khach", "Đầu mối CĐS của UBND huyện")
    await chat.press("khach", "Huyện Chư Sê")
    await chat.press("khach", "Lãnh đạo UBND")
    assert "UBND Huyện Chư Sê" in chat.text("khach")
    await chat.press("khach", "✏️ Nhóm")
    await chat.press("khach", "Cán bộ, công chức cấp xã")
    assert "xã, phường hay thị trấn" in chat.text("khach")  # the unit is asked again
    await chat.send("khach", "thi tran chu se")
    await chat.press("khach", "Thị trấn Chư Sê")
    await chat.press("khach", "Lãnh đạo UBND xã")
    await chat.press("khach", "Gửi đăng ký")
    member = await member_of(app, "khach")
    assert member is not None and member.category == "cong_chuc_xa"
    async with app.sessions() as session:
        org = await session.get(Organisation, member.organisation_id)
    assert org is not None and org.kind == "ubnd_xa" and org.unit_code == member.unit_code


async def test_team_member_chooses_a_team_of_the_commune(chat: ChatDriver, app: BotApp) -> None:
    async with app.sessions() as session:
        team = await teams.create(
            session,
            name="Tổ CNSCĐ Làng Kép",
            catalog="2024",
            code="23767",
            village="Làng Kép",
            leader_member_id=None,
            created_by=None,
        )
        await session.commit()
    await chat.send("khach", "/dangky")
    await chat.press("khach", "Tôi đồng ý")
    await chat.send("khach", "Rơ Mah Thuỷ")
    await chat.send("khach", "0966 444 555")
    await chat.press("khach", "Thành viên Tổ công nghệ số cộng đồng")
    await chat.send("khach", "Ia Sao")
    await chat.press("khach", "Xã Ia Sao, Huyện Ia Grai")
    assert "Tổ CNSCĐ Làng Kép (Làng Kép)" in chat.labels("khach")
    await chat.press("khach", "Tổ CNSCĐ Làng Kép")
    await chat.press("khach", "Thành viên")
    assert "Tổ CNSCĐ: Tổ CNSCĐ Làng Kép" in chat.text("khach")
    await chat.press("khach", "✏️ Địa bàn")
    await chat.send("khach", "Ia Yok")
    await chat.press("khach", "Xã Ia Yok")
    assert "chưa có Tổ CNSCĐ nào" in chat.text("khach")  # the team of Ia Sao no longer fits
    await chat.press("khach", "Tiếp tục")
    assert "chưa xếp tổ" in chat.text("khach")
    await chat.press("khach", "Gửi đăng ký")
    member = await member_of(app, "khach")
    assert member is not None and member.team_id is None and team.id is not None
