"""Tables of a Word (DOCX) document as grids, in document order, merged cells undone."""

from __future__ import annotations

import zipfile
from io import BytesIO

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table, _Cell

from models.task_files.errors import FileProblem, TaskFileError


def _grid(table: Table) -> list[list[str]]:
    rows: list[list[str]] = []
    for tr in table._tbl.tr_lst:
        row: list[str] = []
        for tc in tr.tc_lst:
            column = len(row)
            if tc.vMerge == "continue":
                above = rows[-1][column] if rows and column < len(rows[-1]) else ""
                text = above
            else:
                text = _Cell(tc, table).text.strip()
            row.append(text)
            row.extend([""] * (max(tc.grid_span, 1) - 1))
        rows.append(row)
    return rows


def read(content: bytes) -> list[list[list[str]]]:
    """Every table of the document body, as a grid."""
    try:
        document = docx.Document(BytesIO(content))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError):
        raise TaskFileError(FileProblem.DAMAGED) from None
    return [_grid(table) for table in document.tables]
