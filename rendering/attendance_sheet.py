"""The sign-in sheet of a training or meeting (XLSX, printed on the day): the people attending
with a wide column to sign in, on A4 landscape one page wide; a second sheet lists those who
declined and those who have not answered. Both say on which messenger each person received
the announcement ("Kênh nhận")."""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.cell_range import CellRange
from sqlalchemy.ext.asyncio import AsyncSession

from bot.events import OutFile
from bot.texts import exports as t
from bot.timefmt import show
from models import announcement_reports
from models.announcement_reports import UNKNOWN_CHANNEL, Person
from models.announcements import Announcement
from models.scopes import PROVINCE, Scope
from models.unit_catalog import fold_key
from rendering import exports
from rendering.announcements import channel_name
from rendering.members import unit_label

SIGN_WIDTHS = (6, 30, 38, 16, 12, 38)
OTHER_WIDTHS = (6, 30, 38, 16, 18, 30, 18)
HEADER_ROW = 4
SIGN_ROW_HEIGHT = 30  # points: room for a signature
LINE_HEIGHT = 16
_THIN = Side(style="thin", color="000000")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_SHADE = PatternFill("solid", fgColor="D9D9D9")


def _font(*, bold: bool = False, italic: bool = False, size: float = 11) -> Font:
    return Font(name=exports.FONT, bold=bold, italic=italic, size=size)


def by_given_name(person: Person) -> tuple[str, str]:
    """Vietnamese lists go by given name (the last word), then the whole name."""
    folded = fold_key(person.name)
    return folded.rsplit(" ", 1)[-1], folded


class _Sheet:
    """A write-only worksheet that knows which row comes next (to merge and size rows)."""

    def __init__(self, book: Workbook, title: str, widths: Sequence[int]) -> None:
        self.sheet: WriteOnlyWorksheet = book.create_sheet(title)
        self.widths = widths
        self.row = 0
        for index, width in enumerate(widths, start=1):
            self.sheet.column_dimensions[get_column_letter(index)].width = width
        exports.print_setup(self.sheet, header_row=HEADER_ROW)

    def _cell(self, value: object, font: Font, alignment: Alignment) -> WriteOnlyCell:
        cell = WriteOnlyCell(self.sheet, value=value)
        cell.font = font
        cell.alignment = alignment
        return cell

    def line(
        self,
        text: str,
        *,
        first: int = 1,
        size: float = 11,
        centred: bool = False,
        **style: bool,
    ) -> None:
        """One text line merged from column `first` to the last one, tall enough to wrap."""
        self.row += 1
        start, end = get_column_letter(first), get_column_letter(len(self.widths))
        self.sheet.merged_cells.add(CellRange(f"{start}{self.row}:{end}{self.row}"))
        per_line = max(1, int(sum(self.widths[first - 1 :]) * 11 / size * 0.9))
        lines = max(1, math.ceil(len(text) / per_line))
        self.sheet.row_dimensions[self.row].height = LINE_HEIGHT * size / 11 * lines
        align = Alignment(
            horizontal="center" if centred else None, vertical="center", wrap_text=True
        )
        cell = self._cell(text, _font(size=size, **style), align)
        self.sheet.append([None] * (first - 1) + [cell])

    def blank(self) -> None:
        """An empty row."""
        self.row += 1
        self.sheet.append([])

    def table_row(
        self, values: Sequence[object], *, header: bool = False, height: float | None = None
    ) -> None:
        """One boxed row of the table (the header row shaded and bold)."""
        self.row += 1
        if height is not None:
            self.sheet.row_dimensions[self.row].height = height
        cells = []
        for index, value in enumerate(values):
            centred = header or index == 0
            align = Alignment(
                horizontal="center" if centred else None,
                vertical="center",
                wrap_text=True,
                indent=0 if centred else 1,
            )
            cell = self._cell(value, _font(bold=header), align)
            cell.border = _BOX
            if header:
                cell.fill = _SHADE
            cells.append(cell)
        self.sheet.append(cells)

    def banner(self, heading: str, event: str, summary: str) -> None:
        """Title, time and place, and a one-line summary above the table."""
        self.line(heading, size=14, bold=True)
        self.line(event)
        self.line(summary, size=10, italic=True)


def _event_line(announcement: Announcement, zone: ZoneInfo) -> str:
    when = show(announcement.event_at, zone) if announcement.event_at else t.SHEET_NO_VALUE
    return t.SHEET_EVENT.format(when=when, place=announcement.place or t.SHEET_NO_VALUE)


def _answer(person: Person) -> str:
    if person.answer == "no" and person.reason:
        return t.SHEET_REASON.format(reason=person.reason)
    return t.SHEET_ANSWERS.get(person.answer or "", "")


def _channel_cell(person: Person) -> str | None:
    """The messenger the announcement went out on ("Kênh nhận"), with the state when it has
    not arrived there ("Zalo (không liên lạc được)"), or an empty cell when none was tried."""
    if person.channel is None:
        return None
    if person.channel == UNKNOWN_CHANNEL:
        name = t.SHEET_CHANNEL_UNKNOWN
    else:
        name = channel_name(person.channel) or person.channel
    template = t.SHEET_CHANNEL_STATES.get(person.delivery)
    return template.format(channel=name) if template else name


def _person_cells(number: int, person: Person) -> list[object]:
    unit = unit_label(person.unit_catalog, person.unit_code) if person.unit_code else None
    return [number, person.name, unit, exports.phone_cell(person.phone), _channel_cell(person)]


def _sign_in(book: Workbook, row: Announcement, zone: ZoneInfo, attending: list[Person]) -> None:
    sheet = _Sheet(book, t.SHEET_TITLE, SIGN_WIDTHS)
    sheet.banner(
        t.SHEET_HEADING.format(title=row.title),
        _event_line(row, zone),
        t.SHEET_SUMMARY.format(count=len(attending), other=t.OTHERS_TITLE),
    )
    sheet.table_row(t.SHEET_COLUMNS, header=True)
    for number, person in enumerate(attending, start=1):
        sheet.table_row([*_person_cells(number, person), None], height=SIGN_ROW_HEIGHT)
    if not attending:
        sheet.line(t.SHEET_NOBODY, italic=True)
    sheet.blank()
    sheet.line(t.SHEET_PRESENT.format(count=len(attending)))
    sheet.blank()
    sheet.line(t.SHEET_SIGNER, first=len(SIGN_WIDTHS) - 1, centred=True, italic=True)


def _others(
    book: Workbook, row: Announcement, zone: ZoneInfo, declined: list[Person], silent: list[Person]
) -> None:
    sheet = _Sheet(book, t.OTHERS_TITLE, OTHER_WIDTHS)
    sheet.banner(
        t.OTHERS_HEADING.format(title=row.title),
        _event_line(row, zone),
        t.OTHERS_SUMMARY.format(no=len(declined), silent=len(silent)),
    )
    sheet.table_row(t.OTHERS_COLUMNS, header=True)
    for number, person in enumerate([*declined, *silent], start=1):
        answered = person.answered_at
        when = show(answered, zone) if isinstance(answered, datetime) else None
        sheet.table_row([*_person_cells(number, person), _answer(person), when])
    if not declined and not silent:
        sheet.line(t.OTHERS_NOBODY, italic=True)


async def attendee_sheet(
    session: AsyncSession, *, announcement: Announcement, zone: ZoneInfo, scope: Scope = PROVINCE
) -> tuple[OutFile, int]:
    """Build the workbook of the people inside `scope`; return it and how many people
    answered (yes or no)."""
    assert announcement.id is not None
    attending: list[Person] = []
    declined: list[Person] = []
    async for person in announcement_reports.answers(
        session, announcement_id=announcement.id, scope=scope
    ):
        (attending if person.answer == "yes" else declined).append(person)
    silent = [
        person
        async for person in announcement_reports.unanswered(
            session, announcement_id=announcement.id, scope=scope
        )
    ]
    book = Workbook(write_only=True)
    _sign_in(book, announcement, zone, sorted(attending, key=by_given_name))
    _others(
        book,
        announcement,
        zone,
        sorted(declined, key=by_given_name),
        sorted(silent, key=by_given_name),
    )
    buffer = io.BytesIO()
    book.save(buffer)
    name = f"danh-sach-tham-du-{announcement.id}.xlsx"
    answered = len(attending) + len(declined)
    return OutFile(filename=name, content=buffer.getvalue(), mime_type=exports.XLSX_MIME), answered
