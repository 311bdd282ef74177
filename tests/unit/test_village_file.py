"""Reading village totals: codes or names (with the district after a comma when two communes
share a name), a heading row, CSV with any usual separator or XLSX; unusable rows are kept
with their reason and the rest is read."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from models.village_file import FileProblem, RowProblem, VillageFileError, parse

CSV = """Xã,Số thôn
23764,7
Xã Ia Sao,9
"Ia Sao, Ia Grai",9
Ia Khai,11
628,3
Xã Không Có,4
23768,mười
23768
23770,1001
Thị trấn Ia Kha,8
"""


def test_a_csv_with_bad_rows_is_read_row_by_row() -> None:
    parsed = parse(CSV.encode(), "so-thon.csv", catalog="2024")
    assert [(row.line, row.unit.code, row.villages) for row in parsed.good] == [
        (2, "23764", 7),
        (4, "23767", 9),  # Ia Sao of Ia Grai (there is another in Ayun Pa)
        (5, "23773", 11),
    ]
    assert [(row.line, row.problem) for row in parsed.bad] == [
        (3, RowProblem.AMBIGUOUS),
        (6, RowProblem.NOT_A_COMMUNE),
        (7, RowProblem.UNKNOWN_COMMUNE),
        (8, RowProblem.BAD_NUMBER),
        (9, RowProblem.NO_NUMBER),
        (10, RowProblem.BAD_NUMBER),
        (11, RowProblem.DUPLICATE),  # Ia Kha is 23764, already on line 2
    ]
    assert parsed.bad[0].text == "Xã Ia Sao | 9"


def test_semicolons_a_bom_and_no_heading() -> None:
    content = "\ufeff23764;7\r\n23767;9\r\n".encode()
    parsed = parse(content, "thon.csv", catalog="2024")
    assert [(row.unit.code, row.villages) for row in parsed.good] == [("23764", 7), ("23767", 9)]
    assert parsed.bad == ()


def test_an_xlsx_with_numbers_as_numbers() -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Mã xã", "Tên xã", "Số thôn"])
    sheet.append([23764, "Thị trấn Ia Kha", 7])
    sheet.append(["23767", "Xã Ia Sao", 9.0])
    sheet.append([None, None, None])
    sheet.append(["99999", "Không có", 2])
    buffer = io.BytesIO()
    book.save(buffer)
    parsed = parse(buffer.getvalue(), "so-thon.xlsx", catalog="2024")
    assert [(row.unit.code, row.villages) for row in parsed.good] == [("23764", 7), ("23767", 9)]
    assert [(row.line, row.problem) for row in parsed.bad] == [(5, RowProblem.UNKNOWN_COMMUNE)]


def test_codes_are_read_in_the_catalog_in_force() -> None:
    # 23764 is Thị trấn Ia Kha in 2024 and Xã Ia Grai in 2025 (codes were reused).
    assert parse(b"23764,7\n", "a.csv", catalog="2024").good[0].unit.name == "Thị trấn Ia Kha"
    assert parse(b"23764,7\n", "a.csv", catalog="2025").good[0].unit.name == "Xã Ia Grai"


@pytest.mark.parametrize(
    ("content", "name", "problem"),
    [
        (b"PK\x03\x04not really a zip", "a.xlsx", FileProblem.UNREADABLE),
        (b"\n\n ,  \n", "a.csv", FileProblem.EMPTY),
        (b"\x00\x01\x02binary", "a.csv", FileProblem.UNREADABLE),
    ],
)
def test_files_that_cannot_be_read(content: bytes, name: str, problem: FileProblem) -> None:
    with pytest.raises(VillageFileError) as refused:
        parse(content, name, catalog="2024")
    assert refused.value.problem == problem
