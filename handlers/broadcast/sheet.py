"""The attendee sheet of a training or meeting (XLSX): name, unit, phone, answer, time and an
empty column to sign in on the day."""

from __future__ import annotations

import io
from datetime import datetime
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from sqlalchemy.ext.asyncio import AsyncSession

from bot.events import OutFile
from bot.texts import broadcast as t
from bot.timefmt import show
from models import announcement_reports
from models.announcements import Announcement
from models.scopes import PROVINCE, Scope
from rendering.members import show_phone, unit_label

MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
WIDTHS = (6, 28, 36, 16, 28, 18, 18)


def _bold(sheet: WriteOnlyWorksheet, value: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=value)
    cell.font = Font(bold=True)
    return cell


def _answer(person: announcement_reports.Person) -> str:
    if person.answer == "no" and person.reason:
        return t.SHEET_REASON.format(reason=person.reason)
    return t.SHEET_ANSWERS.get(person.answer or "", "")


async def attendee_sheet(
    session: AsyncSession, *, announcement: Announcement, zone: ZoneInfo, scope: Scope = PROVINCE
) -> tuple[OutFile, int]:
    """Build the sheet of the answers inside `scope` (attending first, then not attending);
    return it and how many rows."""
    assert announcement.id is not None
    book = Workbook(write_only=True)
    sheet = book.create_sheet(t.SHEET_TITLE)
    for index, width in enumerate(WIDTHS):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    sheet.append([_bold(sheet, t.SHEET_HEADING.format(title=announcement.title))])
    when = show(announcement.event_at, zone) if announcement.event_at else "—"
    sheet.append([t.SHEET_EVENT.format(when=when, place=announcement.place or "—")])
    sheet.append([])
    sheet.append([_bold(sheet, name) for name in t.SHEET_COLUMNS])
    count = 0
    async for person in announcement_reports.answers(
        session, announcement_id=announcement.id, scope=scope
    ):
        count += 1
        answered = person.answered_at
        sheet.append(
            [
                count,
                person.name,
                unit_label(person.unit_catalog, person.unit_code),
                show_phone(person.phone),
                _answer(person),
                show(answered, zone) if isinstance(answered, datetime) else "",
                "",
            ]
        )
    buffer = io.BytesIO()
    book.save(buffer)
    name = f"danh-sach-tham-du-{announcement.id}.xlsx"
    return OutFile(filename=name, content=buffer.getvalue(), mime_type=MIME), count
