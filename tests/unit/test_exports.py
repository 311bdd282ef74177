"""The members spreadsheet, opened again with openpyxl."""

import io
import json
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from openpyxl import load_workbook

from bot.texts import exports as t
from models.directory import DirectoryRow, unit_columns
from models.members import Member
from rendering.exports import members_xlsx, personal_json, phone_cell, slug


def test_members_xlsx_has_one_row_per_member_with_district_and_commune() -> None:
    member = Member(
        id=7,
        full_name="Rơ Châm Hiếu",
        phone="+84905123456",
        category="to_cnscd",
        unit_catalog="2024",
        unit_code="23767",
        position="Tổ trưởng",
        status="active",
        created_at=datetime(2026, 3, 1, 20, 0, tzinfo=UTC),
    )
    district, commune = unit_columns("2024", "23767")
    rows = [DirectoryRow(member, "", district, commune, "Tổ CNSCĐ làng Kép")]
    content = members_xlsx(rows, zone=ZoneInfo("Asia/Ho_Chi_Minh"), title="Danh sách")
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet is not None
    assert [c.value for c in sheet[2]] == list(t.MEMBER_COLUMNS)
    values = [c.value for c in sheet[3]]
    by_header = dict(zip(t.MEMBER_COLUMNS, values, strict=True))
    assert by_header["Họ và tên"] == "Rơ Châm Hiếu"
    assert by_header["Điện thoại"] == "0905 123 456"
    assert by_header["Huyện"] == "Huyện Ia Grai"
    assert by_header["Xã"] == "Xã Ia Sao"
    assert by_header["Tổ CNSCĐ"] == "Tổ CNSCĐ làng Kép"
    assert by_header["Ngày đăng ký"] == "02/03/2026"  # 20:00 UTC is the next morning in Gia Lai
    assert sheet.max_row == 3


def test_unit_columns_of_a_district_and_of_nothing() -> None:
    assert unit_columns("2024", "628") == ("Huyện Ia Grai", "")
    assert unit_columns(None, None) == ("", "")


def test_empty_fields_are_empty_cells_and_the_sheet_prints_one_page_wide() -> None:
    member = Member(
        id=8,
        full_name="Người Chưa Đủ",
        status="pending",
        created_at=datetime(2026, 3, 2, 2, 0, tzinfo=UTC),
    )
    rows = [DirectoryRow(member, "", "", "", "")]
    content = members_xlsx(rows, zone=ZoneInfo("Asia/Ho_Chi_Minh"), title="Danh sách")
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet is not None
    by_header = dict(zip(t.MEMBER_COLUMNS, (c.value for c in sheet[3]), strict=True))
    for header in ("Điện thoại", "Nhóm thành viên", "Cơ quan, đơn vị", "Huyện", "Xã"):
        assert by_header[header] is None, header
    for header in ("Tổ CNSCĐ", "Chức vụ", "Ngày duyệt"):
        assert by_header[header] is None, header
    assert by_header["Trạng thái"] == "Chờ duyệt"
    assert sheet.page_setup.orientation == "landscape"
    assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == "$2:$2"


def test_file_name_parts_are_ascii() -> None:
    assert slug("Huyện Ia Grai") == "huyen-ia-grai"
    assert slug("toàn tỉnh") == "toan-tinh"
    assert slug("Đắk Đoa / Ia Sao?") == "dak-doa-ia-sao"
    assert slug("0905 123 456") == "0905-123-456"
    assert slug("Rơ Châm H'Luyến") == "ro-cham-hluyen"
    assert slug("数字") == ""
    assert len(slug("a" * 100)) == 40


def test_phone_cells_are_written_as_people_write_them() -> None:
    assert phone_cell("+84905123456") == "0905 123 456"
    assert phone_cell(None) is None
    assert phone_cell("") is None


def test_personal_data_file_is_titled_and_named_after_the_person() -> None:
    now = datetime(2026, 3, 2, 20, 0, tzinfo=UTC)  # already 3 March in Gia Lai
    data = {"member": {"full_name": "Rơ Châm Hiếu"}}
    file = personal_json(data, name="Rơ Châm Hiếu", now=now, zone=ZoneInfo("Asia/Ho_Chi_Minh"))
    assert file.filename == "du-lieu-ca-nhan-ro-cham-hieu-20260303.json"
    assert file.filename.isascii()
    loaded = json.loads(file.content)
    assert loaded["title"].startswith("Dữ liệu cá nhân của Rơ Châm Hiếu")
    assert "03/03/2026" in loaded["title"]
    assert loaded["member"] == {"full_name": "Rơ Châm Hiếu"}
