"""Spreadsheets for coordinators and admins (XLSX, opened in Excel or LibreOffice)."""

from __future__ import annotations

import io
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from bot.texts import exports as t
from bot.timefmt import show_date
from models.directory import DirectoryRow
from rendering.members import category_label, show_phone

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_WIDTH = 45


def members_xlsx(rows: list[DirectoryRow], *, zone: ZoneInfo, title: str) -> bytes:
    """One row per member: name, phone, category, organisation, district, commune, team…"""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = t.SHEET_MEMBERS
    sheet.append([title])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append(list(t.MEMBER_COLUMNS))
    for cell in sheet[2]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for number, row in enumerate(rows, start=1):
        member = row.member
        sheet.append(
            [
                number,
                member.full_name,
                show_phone(member.phone) if member.phone else "",
                category_label(member.category),
                row.organisation,
                row.district,
                row.commune,
                row.team,
                member.position or "",
                t.STATUS.get(member.status, member.status),
                t.ROLE.get(member.role, member.role),
                show_date(member.created_at, zone),
                show_date(member.approved_at, zone) if member.approved_at else "",
            ]
        )
    sheet.freeze_panes = "C3"
    sheet.auto_filter.ref = f"A2:{get_column_letter(len(t.MEMBER_COLUMNS))}{len(rows) + 2}"
    for index, header in enumerate(t.MEMBER_COLUMNS, start=1):
        values = [
            str(sheet.cell(row=r, column=index).value or "") for r in range(2, len(rows) + 3)
        ]
        width = max(len(header), *(len(v) for v in values)) + 2
        sheet.column_dimensions[get_column_letter(index)].width = min(width, MAX_WIDTH)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
