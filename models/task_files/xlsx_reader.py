"""Worksheets of an XLSX workbook as grids (every sheet, merged cells undone)."""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from io import BytesIO
from typing import Any

from openpyxl import load_workbook

from models.task_files.errors import FileProblem, TaskFileError


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read(content: bytes) -> list[list[list[str]]]:
    """Every worksheet with any text, as a grid."""
    try:
        book = load_workbook(BytesIO(content), data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError):
        raise TaskFileError(FileProblem.DAMAGED) from None
    grids = []
    for sheet in book.worksheets:
        cells = [[_text(cell.value) for cell in row] for row in sheet.iter_rows()]
        for merged in sheet.merged_cells.ranges:
            top = merged.min_row - 1
            left = merged.min_col - 1
            value = cells[top][left] if top < len(cells) and left < len(cells[top]) else ""
            for row in range(merged.min_row - 1, min(merged.max_row, len(cells))):
                if left < len(cells[row]):
                    cells[row][left] = value
        grids.append(cells)
    return grids
