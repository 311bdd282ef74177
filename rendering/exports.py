"""Spreadsheets for coordinators and admins (XLSX, opened in Excel or LibreOffice), and what
every exported file shares: ASCII file names, phone numbers as people write them, empty
cells for missing values, A4 print settings."""

from __future__ import annotations

import io
import json
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from bot.events import OutFile
from bot.texts import exports as t
from bot.texts import registration as rt
from bot.timefmt import show_date
from models.directory import DirectoryRow
from models.unit_catalog import fold_key
from rendering.members import show_phone

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_WIDTH = 45
A4 = "9"
FONT = "Arial"  # on every office suite (LibreOffice prints it with Liberation Sans)
SLUG_LIMIT = 40


def slug(text: str, *, limit: int = SLUG_LIMIT) -> str:
    """Fold a Vietnamese phrase to a file-name part: "Huyện Ia Grai" → "huyen-ia-grai"."""
    words = fold_key(text).encode("ascii", "ignore").decode().split()
    return "-".join(words)[:limit].strip("-")


def phone_cell(e164: str | None) -> str | None:
    """A phone number as people write it (0905 123 456), or an empty cell."""
    return show_phone(e164) if e164 else None


def text_or_empty(value: str | None) -> str | None:
    """A text value, or an empty cell (None) instead of "" or a dash."""
    return value or None


def print_setup(sheet: Any, *, header_row: int, landscape: bool = True) -> None:
    """A4, one page wide, the header row repeated on every page, page numbers in the footer."""
    sheet.page_setup.paperSize = A4
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.print_options.horizontalCentered = True
    margins = sheet.page_margins  # inches; the footer sits inside the bottom margin
    margins.left = margins.right = 0.4
    margins.top, margins.bottom = 0.5, 0.75
    margins.header, margins.footer = 0.3, 0.3
    sheet.oddFooter.center.text = t.SHEET_FOOTER


def personal_json(data: dict[str, Any], *, name: str, now: datetime, zone: ZoneInfo) -> OutFile:
    """A member's own data as a JSON file titled and named after them and the day."""
    title = t.PERSONAL_TITLE.format(name=name, date=show_date(now, zone))
    content = json.dumps({"title": title, **data}, ensure_ascii=False, indent=2)
    filename = t.PERSONAL_FILE.format(
        name=slug(name) or "thanh-vien", date=now.astimezone(zone).strftime("%Y%m%d")
    )
    return OutFile(filename, content.encode("utf-8"), "application/json")


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
                phone_cell(member.phone),
                text_or_empty(rt.CATEGORIES.get(member.category or "", member.category)),
                text_or_empty(row.organisation),
                text_or_empty(row.district),
                text_or_empty(row.commune),
                text_or_empty(row.team),
                text_or_empty(member.position),
                t.STATUS.get(member.status, member.status),
                t.ROLE.get(member.role, member.role),
                show_date(member.created_at, zone),
                show_date(member.approved_at, zone) if member.approved_at else None,
            ]
        )
    sheet.freeze_panes = "C3"
    sheet.auto_filter.ref = f"A2:{get_column_letter(len(t.MEMBER_COLUMNS))}{len(rows) + 2}"
    print_setup(sheet, header_row=2)
    for index, header in enumerate(t.MEMBER_COLUMNS, start=1):
        values = [
            str(sheet.cell(row=r, column=index).value or "") for r in range(2, len(rows) + 3)
        ]
        width = max(len(header), *(len(v) for v in values)) + 2
        sheet.column_dimensions[get_column_letter(index)].width = min(width, MAX_WIDTH)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
