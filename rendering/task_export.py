"""The tasks spreadsheet: one row per task and organisation, with its status, the last update,
who made it and the focal points (XLSX, opened in Excel or LibreOffice)."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from bot.texts import tasks as t
from bot.timefmt import DATE, show
from models.task_views import AssignmentRow
from models.tasks import Task
from rendering.tasks import due_dates, focal_points

WIDTHS = (8, 60, 30, 30, 16, 22, 24, 18, 18, 22, 30)


def tasks_xlsx(
    *,
    plan: str,
    rows: Sequence[AssignmentRow],
    unassigned: Sequence[Task],
    zone: ZoneInfo,
    today: dt.date,
) -> bytes:
    """The spreadsheet of a plan's tasks by organisation; tasks nobody has get one row."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = t.SHEET_TASKS
    sheet.append([t.EXPORT_TITLE.format(plan=plan, date=today.strftime(DATE))])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append(list(t.EXPORT_COLUMNS))
    for cell in sheet[2]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    lines: list[tuple[Task, list[str]]] = []
    for row in rows:
        assignment = row.assignment
        lines.append(
            (
                row.task,
                [
                    row.organisation.display,
                    t.ORG_KINDS.get(row.organisation.kind, row.organisation.kind),
                    row.task.timing_text,
                    due_dates(row.deadlines),
                    t.STATUS.get(assignment.status, assignment.status),
                    show(assignment.status_at, zone) if assignment.status_at else "",
                    row.updated_by or "",
                    focal_points(row.people),
                ],
            )
        )
    for task in unassigned:
        lines.append((task, [t.EXPORT_NO_ORG, "", task.timing_text, "", "", "", "", ""]))
    lines.sort(key=lambda item: item[0].position)
    for task, cells in lines:
        sheet.append([task.number, task.title, task.lead, *cells])
    for index, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for line in sheet.iter_rows(min_row=3):
        for cell in line:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "C3"
    sheet.auto_filter.ref = f"A2:{get_column_letter(len(t.EXPORT_COLUMNS))}{len(lines) + 2}"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
