"""What people type that used to trip the bot: district names at the commune step, emoji and
pasted pages as answers, someone else's contact card, dates written the everyday way."""

from __future__ import annotations

from sqlalchemy import select

from bot.app import BotApp
from bot.texts import broadcast as bt
from bot.texts import common as ct
from bot.texts import registration as rt
from bot.texts import units as ut
from bot.texts.validation import MESSAGES
from models.announcements import Announcement
from models.feedback import Feedback
from tests.integration.registering import member_of
from tests.utils.chat import ChatDriver
from tests.utils.clock import ZONE, FakeClock, local_at, shown


async def _to_commune_step(chat: ChatDriver, person: str, category: str) -> None:
    await chat.send(person, "/dangky")
    await chat.press(person, "Tôi đồng ý")
    await chat.send(person, "Nguyễn Văn Bình")
    await chat.send(person, "0905 123 456")
    await chat.press(person, category)


def _unit_labels(chat: ChatDriver, person: str) -> list[str]:
    controls = {ut.NEXT_PAGE, ut.PREV_PAGE, ut.SEARCH_AGAIN, ct.BACK, ct.CANCEL}
    return [label for label in chat.labels(person) if label not in controls]


def _short_replies(chat: ChatDriver, person: str, limit: int = 600) -> bool:
    return all(len(message.text) <= limit for message in chat.last[person])


async def test_district_names_at_the_commune_step_offer_their_communes(
    chat: ChatDriver, app: BotApp
) -> None:
    await _to_commune_step(chat, "khach", "Cán bộ, công chức cấp xã")
    await chat.send("khach", "chư păh")
    shown = chat.text("khach")
    assert "(trang 1/2, 15 đơn vị)" in shown
    page = _unit_labels(chat, "khach")
    assert len(page) == 8 and all(label.endswith(", Huyện Chư Păh") for label in page)
    assert "1. Thị trấn Ia Ly, Huyện Chư Păh" in shown
    assert ut.NEXT_PAGE in chat.labels("khach") and ut.PREV_PAGE not in chat.labels("khach")
    await chat.press("khach", ut.NEXT_PAGE)
    page = _unit_labels(chat, "khach")
    assert page[-1] == "Xã Chư Băh, Thị xã Ayun Pa"  # the near name, after the district's
    assert all(label.endswith(", Huyện Chư Păh") for label in page[:-1])
    assert ut.PREV_PAGE in chat.labels("khach") and ut.NEXT_PAGE not in chat.labels("khach")
    await chat.send("khach", "3")  # numbers count on the page shown
    assert chat.text("khach").startswith(rt.ASK_POSITION)
    await chat.press("khach", "Công chức Văn phòng - Thống kê")
    assert "Huyện Chư Păh" in chat.text("khach")  # the review screen

    await _to_commune_step(chat, "khach2", "Cán bộ, công chức cấp xã")
    for typed, district in [
        ("pleiku", "Thành phố Pleiku"),
        ("an khe", "Thị xã An Khê"),
        ("ayun pa", "Thị xã Ayun Pa"),
        ("chư păh", "Huyện Chư Păh"),
        ("ia grai", "Huyện Ia Grai"),
    ]:
        await chat.send("khach2", typed)  # at the pick step typing searches again
        page = _unit_labels(chat, "khach2")
        assert page and all(label.endswith(f", {district}") for label in page), (typed, page)


async def test_emoji_only_position_is_refused_and_never_stored(
    chat: ChatDriver, app: BotApp
) -> None:
    await _to_commune_step(chat, "khach", "Cán bộ, công chức cấp xã")
    await chat.send("khach", "Ia Sao")
    await chat.press("khach", "Xã Ia Sao, Huyện Ia Grai")
    await chat.send("khach", "😀🎉👍")
    assert "Chức vụ cần có chữ cái" in chat.text("khach")
    assert chat.last["khach"][-1].text.startswith(rt.ASK_POSITION)  # asked again
    await chat.send("khach", "  Công chức  Địa chính  ")
    await chat.press("khach", "Gửi đăng ký")
    member = await member_of(app, "khach")
    assert member is not None and member.position == "Công chức Địa chính"


async def test_a_pasted_page_is_refused_without_being_echoed(
    chat: ChatDriver, app: BotApp
) -> None:
    await _to_commune_step(chat, "khach", "Doanh nghiệp")
    await chat.send("khach", "Công ty " * 625)  # 5,000 characters as the enterprise name
    assert "Tên đơn vị, doanh nghiệp dài" in chat.text("khach")
    assert "quá giới hạn 200 ký tự" in chat.text("khach")
    assert _short_replies(chat, "khach")
    await chat.send("khach", "Công ty TNHH Phần mềm Gia Lai")
    assert chat.text("khach").startswith(rt.ASK_POSITION)

    await _to_commune_step(chat, "xa2", "Cán bộ, công chức cấp xã")
    await chat.send("xa2", "x" * 5000)
    assert len(chat.last["xa2"]) == 2 and _short_replies(chat, "xa2")
    assert "quá giới hạn 100 ký tự" in chat.text("xa2")
    await chat.send("xa2", "q" * 90)  # readable length, nothing found: quoted short
    assert "q" * 59 + "…" in chat.text("xa2") and "q" * 61 not in chat.text("xa2")


async def test_search_steps_quote_what_was_typed_short(chat: ChatDriver, app: BotApp) -> None:
    await chat.send("huyen", "/thanhvien")
    await chat.send("huyen", "z" * 5000)
    assert _short_replies(chat, "huyen") and "quá giới hạn 100 ký tự" in chat.text("huyen")
    await chat.send("huyen", "z" * 99)
    assert "z" * 59 + "…" in chat.text("huyen") and "z" * 61 not in chat.text("huyen")
    await chat.send("huyen", "🙂🙂")
    assert "cần có chữ cái" in chat.text("huyen")


async def test_emoji_only_feedback_is_refused(chat: ChatDriver, app: BotApp) -> None:
    await chat.send("xa", "/gopy")
    await chat.press("xa", "Báo lỗi")
    await chat.send("xa", "👍👍👍👍👍👍")
    assert "Nội dung góp ý cần có chữ cái" in chat.text("xa")
    await chat.send("xa", "Nút gửi ảnh\n\nkhông chạy")
    async with app.sessions() as session:
        [row] = (await session.execute(select(Feedback))).scalars()
    assert row.text == "Nút gửi ảnh\n\nkhông chạy"


async def test_someone_elses_contact_card_is_refused_by_name(
    chat: ChatDriver, app: BotApp
) -> None:
    await chat.send("khach", "/dangky")
    await chat.press("khach", "Tôi đồng ý")
    await chat.send("khach", "Nguyễn Văn Bình")
    await chat.share_contact("khach", "+84905123456", own=False)
    text = chat.text("khach")
    assert MESSAGES["phone_not_own"] in text and "chưa nhập số điện thoại" not in text
    assert chat.last["khach"][-1].ask_contact  # the phone question again, with its button
    await chat.share_contact("khach", "+84905123456", own=True)
    assert "Cán bộ, công chức cấp xã" in chat.labels("khach")


async def test_dates_written_the_everyday_way_and_impossible_ones(
    chat: ChatDriver, app: BotApp, clock: FakeClock
) -> None:
    example = shown(local_at(clock(), hour=8, days=7))  # 09/03/2026 08:00 by default
    event = local_at(clock(), hour=8, minute=30, days=8).astimezone(ZONE)  # 10/03 08:30
    await chat.send("so", "/thongbao")
    await chat.press("so", "Tập huấn")
    await chat.send("so", "Tập huấn VNeID")
    await chat.send("so", "Kính mời.")
    await chat.press("so", "Không đính kèm")
    for typed, reason in [
        ("31/02 8h", "không có ngày 31/02"),
        ("10/13 8h", "tháng 13 không có"),
        ("10/12 25:00", "giờ 25:00 không có"),
        ("10/12", "thiếu giờ"),
    ]:
        await chat.send("so", typed)
        assert reason in chat.text("so"), typed
        assert chat.last["so"][-1].text == bt.ASK_WHEN.format(example=example)
    await chat.send("so", f"8h30 {event.day}/{event.month}")
    assert chat.text("so") == bt.ASK_PLACE
    await chat.send("so", "😀")
    assert "Địa điểm cần có chữ cái" in chat.text("so")
    await chat.send("so", "Hội trường UBND tỉnh")
    await chat.press("so", "Không cần")
    await chat.press("so", "Xem trước")
    assert f"🕘 Thời gian: {shown(event)}" in chat.text("so")
    await chat.press("so", "Gửi ngay")
    async with app.sessions() as session:
        [row] = (await session.execute(select(Announcement))).scalars()
    assert row.place == "Hội trường UBND tỉnh"


async def test_team_village_and_name_need_letters(chat: ChatDriver, app: BotApp) -> None:
    await chat.send("huyen", "/todoi")
    await chat.press("huyen", "Đăng ký tổ mới")
    await chat.send("huyen", "ia sao")
    await chat.press("huyen", "Xã Ia Sao, Huyện Ia Grai")
    await chat.send("huyen", "🏡🏡")
    assert "Tên thôn, làng, tổ dân phố cần có chữ cái" in chat.text("huyen")
    await chat.send("huyen", "Làng\u00a0 Kép ")
    await chat.send("huyen", "\x07\x07 Tổ")
    assert "ký tự điều khiển" in chat.text("huyen")
    await chat.press("huyen", "Tổ CNSCĐ Làng Kép")
    assert "Rơ Châm Hiếu" in chat.labels("huyen")
