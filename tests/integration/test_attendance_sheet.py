"""The sign-in sheet opened again with openpyxl: who is on which sheet, in which order, and
the print settings (the PDF itself is checked in test_attendance_print)."""

from __future__ import annotations

import io
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.texts import exports as t
from models import announcement_reports
from models.unit_catalog import fold_key
from rendering.attendance_sheet import attendee_sheet
from tests.utils.attendance import REASON, name, seed_event

pytestmark = pytest.mark.pinned_clock  # figures and dates counted for the default day

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")


async def test_attending_sign_in_the_others_are_listed_apart(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    row = await seed_event(sessions, attending=5, declined=2, silent=3)
    async with sessions() as session:
        sheet, answered = await attendee_sheet(session, announcement=row, zone=ZONE)
    assert answered == 7
    book = load_workbook(io.BytesIO(sheet.content))
    assert book.sheetnames == [t.SHEET_TITLE, t.OTHERS_TITLE]
    sign_in, others = book[t.SHEET_TITLE], book[t.OTHERS_TITLE]

    rows = [list(r) for r in sign_in.iter_rows(values_only=True)]
    assert rows[3] == list(t.SHEET_COLUMNS)
    people = [r for r in rows[4:] if isinstance(r[0], int)]
    assert [r[0] for r in people] == [1, 2, 3, 4, 5]
    assert {r[1] for r in people} == {name(i) for i in range(5)}
    givens = [r[1].rsplit(" ", 1)[-1] for r in people]
    assert givens == sorted(givens, key=fold_key)  # by given name
    # Nothing went through the outbox here: "Kênh nhận" and "Ký tên" are empty.
    assert all(r[3].startswith("0905 123 4") and r[4] is None and r[5] is None for r in people)
    assert "5 người" in rows[2][0]
    assert t.SHEET_PRESENT.format(count=5) in [r[0] for r in rows]

    # Printing: A4 landscape, one page wide, header row on every page, borders, room to sign.
    assert sign_in.page_setup.orientation == "landscape"
    assert sign_in.page_setup.paperSize == 9
    assert (sign_in.page_setup.fitToWidth, sign_in.page_setup.fitToHeight) == (1, 0)
    assert sign_in.sheet_properties.pageSetUpPr.fitToPage
    assert sign_in.print_title_rows == "$4:$4"
    assert "A1:F1" in {str(r) for r in sign_in.merged_cells.ranges}
    signature = sign_in.cell(row=5, column=6)
    assert signature.border.left.style == "thin" and signature.border.bottom.style == "thin"
    widths = {c: sign_in.column_dimensions[c].width for c in "ABCDEF"}
    assert widths["F"] == max(widths.values())  # "Ký tên" is wide
    assert sign_in.row_dimensions[5].height >= 28

    listed = [list(r) for r in others.iter_rows(values_only=True)][4:]
    assert [r[5] for r in listed] == [f"Không tham gia ({REASON})"] * 2 + ["Chưa trả lời"] * 3
    assert {r[1] for r in listed} == {name(i) for i in range(5, 10)}
    assert [r[6] for r in listed[2:]] == [None] * 3
    assert others.print_title_rows == "$4:$4"


async def test_an_event_nobody_answered(sessions: async_sessionmaker[AsyncSession]) -> None:
    row = await seed_event(sessions, attending=0, declined=0, silent=2)
    async with sessions() as session:
        sheet, answered = await attendee_sheet(session, announcement=row, zone=ZONE)
    assert answered == 0
    book = load_workbook(io.BytesIO(sheet.content))
    values = [r[0] for r in book[t.SHEET_TITLE].iter_rows(values_only=True)]
    assert t.SHEET_NOBODY in values
    assert len(list(book[t.OTHERS_TITLE].iter_rows(min_row=5))) == 2


async def test_silent_recipients_are_read_in_batches(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    row = await seed_event(sessions, attending=1, declined=0, silent=5)
    assert row.id is not None
    async with sessions() as session:
        read = [
            person.name
            async for person in announcement_reports.unanswered(
                session, announcement_id=row.id, batch=2
            )
        ]
    assert sorted(read) == sorted(name(i) for i in range(1, 6))
    assert len(read) == len(set(read)) == 5  # every batch picks up where the last ended
