"""Which kind of file this is, and its tables as grids of cell text.

A grid is one table as printed: a list of rows, each a list of cell texts. Merged cells are
undone the way a reader sees them: a cell merged across columns keeps its text in the first
column; a cell merged down keeps its text in every row it covers.
"""

from __future__ import annotations

import zipfile
from io import BytesIO

from models.task_files import docx_reader, text_readers, xlsx_reader
from models.task_files.errors import FileProblem, TaskFileError

Grid = list[list[str]]

MAX_BYTES = 10 * 1024 * 1024
_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
_TEXT_SUFFIXES = (".csv", ".md", ".markdown", ".txt", ".tsv")


def _zip_kind(content: bytes) -> str:
    try:
        with zipfile.ZipFile(BytesIO(content)) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile:
        raise TaskFileError(FileProblem.DAMAGED) from None
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    raise TaskFileError(FileProblem.NOT_SUPPORTED)


def _text(content: bytes) -> str:
    if b"\x00" in content[:4096]:
        raise TaskFileError(FileProblem.NOT_SUPPORTED)
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise TaskFileError(FileProblem.NOT_UTF8) from None


def read_grids(filename: str, content: bytes) -> list[Grid]:
    """Every table of a file, as grids; raises TaskFileError when there is none to read."""
    if len(content) > MAX_BYTES:
        raise TaskFileError(FileProblem.TOO_LARGE, str(len(content)))
    if not content.strip():
        raise TaskFileError(FileProblem.EMPTY)
    name = filename.lower()
    if content.startswith(_OLE):
        problem = FileProblem.ENCRYPTED if _ENCRYPTED in content else FileProblem.LEGACY
        raise TaskFileError(problem)
    if content.startswith(_ZIP):
        kind = _zip_kind(content)
        grids = docx_reader.read(content) if kind == "docx" else xlsx_reader.read(content)
    elif name.endswith(_TEXT_SUFFIXES) or "." not in name.rsplit("/", 1)[-1]:
        text = _text(content)
        is_markdown = name.endswith((".md", ".markdown")) or text_readers.looks_like_markdown(text)
        grids = text_readers.markdown(text) if is_markdown else text_readers.csv_grid(text)
    else:
        raise TaskFileError(FileProblem.NOT_SUPPORTED)
    grids = [grid for grid in grids if any(any(cell for cell in row) for row in grid)]
    if not grids:
        raise TaskFileError(FileProblem.NO_TABLE)
    return grids
