"""The targets as a spreadsheet: a summary sheet and a sheet per target, each titled with what,
which scope and which day, printable on A4 (fit to width, the header row on every page)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from bot.texts import targets as t
from bot.timefmt import show_date
from models import unit_catalog
from models.targets import Share, Targets
from rendering.targets.words import area_name, category_name, scope_name

MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER_ROW = 3
MAX_WIDTH = 60
Cell = str | int | float | None


def _ratio(share: Share) -> float | None:
    """A share in percent with one decimal, as a number Excel can sum and chart."""
    if not share.total:
        return None
    return round(100 * share.done / share.total, 1)


def _sheet(
    book: Workbook,
    name: str,
    what: str,
    targets: Targets,
    zone: ZoneInfo,
    columns: Sequence[str],
    rows: list[list[Cell]],
) -> Worksheet:
    sheet = book.create_sheet(name)
    heading = t.SHEET_TITLE.format(
        plan=t.PLAN, what=what, scope=scope_name(targets), date=show_date(targets.as_of, zone)
    )
    sheet.append([heading])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([])
    sheet.append(list(columns))
    for cell in sheet[HEADER_ROW]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in rows:
        sheet.append(row)
    last = get_column_letter(len(columns))
    sheet.freeze_panes = f"A{HEADER_ROW + 1}"
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{last}{HEADER_ROW + max(len(rows), 1)}"
    for index, header in enumerate(columns, start=1):
        values = [str(row[index - 1]) for row in rows if row[index - 1] is not None]
        width = max([len(header), *(len(v) for v in values)]) + 2
        sheet.column_dimensions[get_column_letter(index)].width = min(width, MAX_WIDTH)
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if len(columns) > 5 else "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.print_options.gridLines = True
    return sheet


def _summary_rows(targets: Targets) -> list[list[Cell]]:
    rows: list[list[Cell]] = []
    for level in targets.focal.levels():
        share = targets.focal.share(level)
        name = t.SUMMARY_FOCAL.format(level=t.LEVELS[level])
        rows.append([name, t.TARGET_FOCAL, share.done, share.total, _ratio(share)])
    total = targets.training.total()
    name = t.SUMMARY_TRAINING.format(year=targets.training.year)
    rows.append([name, t.TARGET_TRAINING, total.done, total.total, _ratio(total)])
    teams = targets.teams.share()
    rows.append([t.SUMMARY_TEAMS, t.TARGET_TEAMS, teams.done, teams.total, _ratio(teams)])
    return rows


def _focal_rows(targets: Targets) -> list[list[Cell]]:
    rows: list[list[Cell]] = []
    for number, unit in enumerate(targets.focal.units, start=1):
        found = unit_catalog.get_unit(targets.catalog, unit.key)
        parent = unit_catalog.parent(found) if found else None
        district = parent.name if parent else (found.name if found else "")
        name = unit.name if found is None else t.COMMITTEE.format(name=unit.name)
        rows.append(
            [
                number,
                t.LEVELS[unit.level],
                name,
                district,
                unit.members,
                t.HAS_FOCAL[unit.members > 0],
            ]
        )
    return rows


def _training_rows(targets: Targets) -> list[list[Cell]]:
    rows: list[list[Cell]] = []
    for number, cell in enumerate(targets.training.cells, start=1):
        share = Share(cell.trained, cell.members)
        rows.append(
            [
                number,
                area_name(cell.area),
                category_name(cell.category),
                cell.members,
                cell.trained,
                _ratio(share),
            ]
        )
    return rows


def _team_rows(targets: Targets) -> list[list[Cell]]:
    rows: list[list[Cell]] = []
    for number, commune in enumerate(targets.teams.communes, start=1):
        parent = unit_catalog.parent(commune.unit)
        total: Cell = commune.villages if commune.villages is not None else t.UNKNOWN_TOTAL
        rows.append(
            [
                number,
                parent.name if parent else "",
                commune.unit.name,
                commune.with_team,
                total,
                _ratio(Share(commune.with_team, commune.villages)),
            ]
        )
    return rows


def workbook(targets: Targets, zone: ZoneInfo) -> bytes:
    """The XLSX file: the summary, then focal points, training and teams."""
    book = Workbook()
    default = book.active
    if default is not None:
        book.remove(default)
    year = targets.training.year
    sheets = (
        (t.SHEET_SUMMARY, t.WHAT_SUMMARY, t.SUMMARY_COLUMNS, _summary_rows(targets)),
        (t.SHEET_FOCAL, t.WHAT_FOCAL, t.FOCAL_COLUMNS, _focal_rows(targets)),
        (
            t.SHEET_TRAINING,
            t.WHAT_TRAINING.format(year=year),
            t.TRAINING_COLUMNS,
            _training_rows(targets),
        ),
        (t.SHEET_TEAMS, t.WHAT_TEAMS, t.TEAMS_COLUMNS, _team_rows(targets)),
    )
    for name, what, columns, rows in sheets:
        _sheet(book, name, what, targets, zone, columns, rows)
    summary = book[t.SHEET_SUMMARY]
    summary.column_dimensions["B"].width = MAX_WIDTH
    for row in summary.iter_rows(min_row=HEADER_ROW + 1):
        row[1].alignment = Alignment(wrap_text=True, vertical="top")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
