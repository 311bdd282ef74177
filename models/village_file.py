"""Reading a file of village totals (CSV or XLSX): each row names a commune (code or name)
and how many villages it has. Rows that cannot be used are kept with the reason, so the
import can report them and take the rest."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

from openpyxl import load_workbook

from models import unit_catalog
from models.unit_catalog import Unit, fold_key

MAX_VILLAGES = 1000
MAX_ROWS = 5000
XLSX_MAGIC = b"PK\x03\x04"


class RowProblem(StrEnum):
    """Why a row of the file was not imported."""

    NO_NUMBER = "no_number"
    BAD_NUMBER = "bad_number"
    UNKNOWN_COMMUNE = "unknown_commune"
    AMBIGUOUS = "ambiguous"
    NOT_A_COMMUNE = "not_a_commune"
    DUPLICATE = "duplicate"


class FileProblem(StrEnum):
    """Why the file as a whole cannot be read."""

    UNREADABLE = "unreadable"
    EMPTY = "empty"
    TOO_MANY_ROWS = "too_many_rows"


class VillageFileError(Exception):
    """The file cannot be read at all."""

    def __init__(self, problem: FileProblem) -> None:
        super().__init__(problem.value)
        self.problem = problem


@dataclass(frozen=True)
class GoodRow:
    """A row that names a commune of the catalog and a usable number."""

    line: int
    unit: Unit
    villages: int


@dataclass(frozen=True)
class BadRow:
    """A row that was left out, with what it said and why."""

    line: int
    text: str
    problem: RowProblem


@dataclass(frozen=True)
class Parsed:
    """Every row of a file, sorted into usable and left out."""

    good: tuple[GoodRow, ...]
    bad: tuple[BadRow, ...]


def _cells_of_csv(content: bytes) -> Iterator[list[str]]:
    for encoding in ("utf-8-sig", "cp1258"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise VillageFileError(FileProblem.UNREADABLE)
    if "\x00" in text:
        raise VillageFileError(FileProblem.UNREADABLE)
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(text[:4096], ",;\t")
    except csv.Error:
        dialect = csv.excel
    yield from csv.reader(io.StringIO(text), dialect)


def _cells_of_xlsx(content: bytes) -> Iterator[list[str]]:
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise VillageFileError(FileProblem.UNREADABLE) from error
    sheet = book.worksheets[0] if book.worksheets else None
    if sheet is None:
        raise VillageFileError(FileProblem.EMPTY)
    for values in sheet.iter_rows(values_only=True):
        yield [_cell_text(value) for value in values]
    book.close()


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def rows_of(content: bytes, filename: str) -> list[tuple[int, list[str]]]:
    """The non-empty rows of a CSV or XLSX file as (line number, trimmed cells)."""
    is_xlsx = content.startswith(XLSX_MAGIC) or filename.lower().endswith(".xlsx")
    cells = _cells_of_xlsx(content) if is_xlsx else _cells_of_csv(content)
    rows = []
    for line, raw in enumerate(cells, start=1):
        values = [cell.strip() for cell in raw if cell and cell.strip()]
        if values:
            rows.append((line, values))
        if len(rows) > MAX_ROWS:
            raise VillageFileError(FileProblem.TOO_MANY_ROWS)
    if not rows:
        raise VillageFileError(FileProblem.EMPTY)
    return rows


def _number(text: str) -> int | None:
    cleaned = text.replace(" ", "")
    if cleaned.endswith(".0"):
        cleaned = cleaned[:-2]
    if not cleaned.isascii() or not cleaned.isdigit():
        return None
    return int(cleaned)


def _bare(unit: Unit) -> str:
    if unit.name.casefold().startswith(unit.type.casefold() + " "):
        return unit.name[len(unit.type) + 1 :]
    return unit.name


def _names(unit: Unit) -> set[str]:
    return {fold_key(unit.name), fold_key(_bare(unit))}


def find_commune(catalog: str, text: str) -> tuple[Unit | None, RowProblem | None]:
    """The commune a cell names: its code, or its name (optionally ", district")."""
    if text.isascii() and text.isdigit():
        unit = unit_catalog.get_unit(catalog, text)
        if unit is None:
            return None, RowProblem.UNKNOWN_COMMUNE
        if unit.level != "commune":
            return None, RowProblem.NOT_A_COMMUNE
        return unit, None
    head, _, tail = text.partition(",")
    wanted = fold_key(head)
    found = [u for u in unit_catalog.communes(catalog) if wanted in _names(u)]
    if tail.strip():
        district_key = fold_key(tail)
        found = [
            u
            for u in found
            if (district := unit_catalog.parent(u)) is not None
            and district_key in _names(district)
        ]
    if not found:
        return None, RowProblem.UNKNOWN_COMMUNE
    if len(found) > 1:
        return None, RowProblem.AMBIGUOUS
    return found[0], None


def parse(content: bytes, filename: str, *, catalog: str) -> Parsed:
    """Read a file of village totals against a catalog's communes."""
    good: list[GoodRow] = []
    bad: list[BadRow] = []
    seen: set[str] = set()
    for index, (line, cells) in enumerate(rows_of(content, filename)):
        text = " | ".join(cells)
        number = _number(cells[-1]) if len(cells) > 1 else None
        if index == 0 and number is None and find_commune(catalog, cells[0])[0] is None:
            continue  # a heading row
        if len(cells) < 2:
            bad.append(BadRow(line, text, RowProblem.NO_NUMBER))
            continue
        if number is None or number > MAX_VILLAGES:
            bad.append(BadRow(line, text, RowProblem.BAD_NUMBER))
            continue
        unit, problem = find_commune(catalog, cells[0])
        if unit is None:
            bad.append(BadRow(line, text, problem or RowProblem.UNKNOWN_COMMUNE))
            continue
        if unit.code in seen:
            bad.append(BadRow(line, text, RowProblem.DUPLICATE))
            continue
        seen.add(unit.code)
        good.append(GoodRow(line, unit, number))
    return Parsed(tuple(good), tuple(bad))
