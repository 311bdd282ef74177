"""The members spreadsheet, opened again with openpyxl."""

import io
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from openpyxl import load_workbook

from bot.exports import members_xlsx
from bot.texts import exports as t
from models.directory import DirectoryRow, unit_columns
from models.members import Member


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
