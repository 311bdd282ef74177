"""The directory (/thanhvien): search in scope, pages, XLSX export opened again."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from bot.app import BotApp
from bot.texts import exports as t
from tests.integration.registering import actions, register
from tests.utils.chat import ChatDriver


async def test_district_coordinator_finds_only_members_in_the_district(
    chat: ChatDriver, app: BotApp
) -> None:
    await register(chat, "khach", name="Nguyễn Văn Bình", phone="0905 123 456")
    await register(
        chat,
        "pleiku",
        name="Trần Thị Yến",
        phone="0905 777 888",
        commune="Yên Đỗ",
        pick="Phường Yên Đỗ, Thành phố Pleiku",
    )
    await chat.send("huyen", "/thanhvien")
    await chat.press("huyen", "Tất cả")
    listing = chat.text("huyen")
    assert "Nguyễn Văn Bình" in listing and "Phạm Thị Dung" in listing
    assert "Trần Thị Yến" not in listing

    await chat.send("huyen", "pham thi dung")
    assert "Phạm Thị Dung" in chat.text("huyen") and "Rơ Châm Hiếu" not in chat.text("huyen")
    await chat.send("huyen", "0905123456")
    assert "Nguyễn Văn Bình" in chat.text("huyen")
    await chat.send("huyen", "0905 777 888")
    assert "Không có thành viên nào" in chat.text("huyen")
    await chat.press("huyen", "Tìm khác")
    await chat.send("huyen", "ia sao")
    assert "3 thành viên" in chat.text("huyen")

    await chat.send("so", "/thanhvien")
    await chat.send("so", "yen do")
    assert "Trần Thị Yến" in chat.text("so")


async def test_export_is_a_spreadsheet_of_the_scope(chat: ChatDriver, app: BotApp) -> None:
    await register(chat, "khach")
    await register(
        chat,
        "pleiku",
        name="Trần Thị Yến",
        phone="0905 777 888",
        commune="Yên Đỗ",
        pick="Phường Yên Đỗ, Thành phố Pleiku",
    )
    await chat.send("huyen", "/thanhvien")
    await chat.press("huyen", "Xuất Excel")
    message = chat.last["huyen"][0]
    assert message.document is not None and message.document.filename.endswith(".xlsx")
    sheet = load_workbook(io.BytesIO(message.document.content)).active
    assert sheet is not None
    header = [c.value for c in sheet[2]]
    assert header == list(t.MEMBER_COLUMNS)
    rows = [dict(zip(header, (c.value for c in row), strict=True)) for row in sheet.iter_rows(3)]
    names = {row["Họ và tên"] for row in rows}
    assert names == {"Lê Văn Cường", "Phạm Thị Dung", "Rơ Châm Hiếu", "Nguyễn Văn Bình"}
    binh = next(row for row in rows if row["Họ và tên"] == "Nguyễn Văn Bình")
    assert (binh["Huyện"], binh["Xã"], binh["Trạng thái"]) == (
        "Huyện Ia Grai",
        "Xã Ia Sao",
        "Chờ duyệt",
    )
    assert binh["Điện thoại"] == "0905 123 456"
    assert len(await actions(app, "members.export")) == 1


async def test_members_cannot_open_the_directory(chat: ChatDriver) -> None:
    await chat.send("xa", "/thanhvien")
    assert "chỉ dành cho điều phối viên" in chat.text("xa")


async def _export(chat: ChatDriver, person: str, query: str | None) -> tuple[str, list[list]]:
    await chat.send(person, "/thanhvien")
    if query is not None:
        await chat.send(person, query)
    await chat.press(person, "Xuất Excel")
    message = chat.last[person][0]
    assert message.document is not None
    sheet = load_workbook(io.BytesIO(message.document.content)).active
    assert sheet is not None
    return message.document.filename, [list(row) for row in sheet.iter_rows(values_only=True)]


@pytest.mark.pinned_clock  # the file names carry the default day
async def test_exports_say_what_they_hold_in_title_and_file_name(
    chat: ChatDriver, app: BotApp
) -> None:
    await register(chat, "khach", phone="0905123456")
    await register(
        chat,
        "pleiku",
        name="Trần Thị Yến",
        phone="0905 777 888",
        commune="Yên Đỗ",
        pick="Phường Yên Đỗ, Thành phố Pleiku",
    )
    searched, rows = await _export(chat, "so", "ia sao")
    title = rows[0][0]
    assert "“ia sao”" in title and "phạm vi: toàn tỉnh" in title
    assert "xuất ngày 02/03/2026" in title
    assert searched == "thanh-vien-toan-tinh-tim-ia-sao-20260302.xlsx"
    names = {row[1] for row in rows[2:]}
    assert "Trần Thị Yến" not in names and "Nguyễn Văn Bình" in names
    assert f"{len(names)} người" in title

    everyone, rows = await _export(chat, "so", None)
    assert everyone == "thanh-vien-toan-tinh-20260302.xlsx"
    assert "“" not in rows[0][0] and "phạm vi: toàn tỉnh" in rows[0][0]
    assert "Trần Thị Yến" in {row[1] for row in rows[2:]}

    district, rows = await _export(chat, "huyen", None)
    assert district == "thanh-vien-huyen-ia-grai-20260302.xlsx"
    assert "phạm vi: Huyện Ia Grai" in rows[0][0]
    header = rows[1]
    by_name = {row[1]: dict(zip(header, row, strict=True)) for row in rows[2:]}
    assert by_name["Nguyễn Văn Bình"]["Điện thoại"] == "0905 123 456"  # typed as 0905123456
    demo = by_name["Lê Văn Cường"]  # a demo person: no phone, no team, never approved
    assert (demo["Điện thoại"], demo["Tổ CNSCĐ"], demo["Ngày duyệt"]) == (None, None, None)
    assert not any(value == "—" for row in by_name.values() for value in row.values())
    assert len({searched, everyone, district}) == 3
    assert all(name.isascii() for name in (searched, everyone, district))
