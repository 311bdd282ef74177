"""A second plan for the import tests, laid out the way another province prints it (not the
seed's layout): roman-numeral groups with tasks numbered 1, 2, 3…, other header words in
another column order, the row "(1) (2) (3)…" under each header, one unnumbered task, a row
cut by a page break, merged cells, blank lines, and every timing phrase the plans use
(including a malformed date and an empty timing).

`python -m tests.data.task_plans` writes the four files next to this module; the tests read
those committed files and also write fresh ones to compare.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

HEADER = (
    "STT",
    "Nội dung nhiệm vụ",
    "Đơn vị chủ trì",
    "Đơn vị phối hợp",
    "Thời gian hoàn thành",
    "Sản phẩm",
)
COLUMN_NUMBERS = ("(1)", "(2)", "(3)", "(4)", "(5)", "(6)")
PLAN_NAME = "KH 215 Kon Tum"
STEM = "ke-hoach-215-kon-tum"

# ("group", number, title) | ("task", number, title, lead, partners, timing, result)
# | ("cont", title, lead, partners, timing, result) | ("blank",) | ("page",)
Row = tuple[str, ...]
ROWS: tuple[Row, ...] = (
    ("group", "I", "Hoàn thiện thể chế, quy chế hoạt động của Mạng lưới chuyển đổi số"),
    ("task", "1", "Ban hành Quy chế hoạt động của Mạng lưới chuyển đổi số tỉnh", "Sở TT&TT",
     "Sở Nội vụ", "30/6/2026", "Quyết định ban hành Quy chế"),
    ("task", "2", "Rà soát, cập nhật danh sách thành viên Mạng lưới", "Sở TTTT",
     "Các sở, ban, ngành", "trước ngày 15/12/2026", "Danh sách thành viên"),
    ("blank",),
    ("task", "3", "Xây dựng kế hoạch chuyển đổi số của cấp xã", "UBND cấp xã", "Sở TT&TT",
     "tháng 6/2026", "Kế hoạch của UBND cấp xã"),
    ("task", "", "Hướng dẫn cấp xã triển khai kế hoạch chuyển đổi số",
     "Sở Thông tin và Truyền thông", "UBND cấp huyện", "Quý II/2026", "Văn bản hướng dẫn"),
    ("group", "II", "Phát triển nguồn nhân lực chuyển đổi số"),
    ("task", "4", "Xây dựng cơ sở dữ liệu thành viên Mạng lưới", "Sở Tài", "Các sở,",
     "quý IV năm 2026", "Cơ sở dữ liệu"),
    ("page",),
    ("cont", "dùng chung của tỉnh", "chính", "ban, ngành", "", "dùng chung của tỉnh"),
    ("task", "5", "Tập huấn kỹ năng số cho công chức cấp xã", "Trung tâm CNTT&TT",
     "Sở Nội vụ", "Năm 2026", "Các lớp tập huấn"),
    ("task", "6", "Bồi dưỡng an toàn thông tin cho Tổ công nghệ số cộng đồng",
     "Trung tâm CNTT&TT", "UBND cấp huyện", "2026-2027", "Các lớp bồi dưỡng"),
    ("task", "7", "Đánh giá mức độ chuyển đổi số của các cơ quan, địa phương",
     "Các sở, ban, ngành, UBND cấp huyện", "", "2026 – 2030", "Báo cáo đánh giá"),
    ("group", "III", "Truyền thông về Mạng lưới chuyển đổi số"),
    ("task", "8", "Tuyên truyền hoạt động của Mạng lưới trên Cổng Thông tin điện tử tỉnh",
     "Văn phòng UBND tỉnh", "", "Hằng năm", "Tin, bài"),
    ("task", "9", "Tổ chức Ngày Chuyển đổi số của tỉnh", "Sở TT&TT", "Các sở, ban, ngành",
     "Hàng năm", "Sự kiện Ngày Chuyển đổi số"),
    ("blank",),
    ("task", "10", "Duy trì nhóm trao đổi trực tuyến của Mạng lưới", "Sở TT&TT", "",
     "Thường xuyên", "Nhóm trao đổi hoạt động"),
    ("task", "11", "Sửa đổi Quy chế khi có quy định mới", "Sở Nội vụ", "Sở TT&TT",
     "Sau khi có văn bản của Trung ương", "Quy chế sửa đổi"),
    ("task", "12", "Cung cấp số liệu về nhân lực chuyển đổi số", "Sở Giáo dục", "",
     "Khi có yêu cầu", "Số liệu"),
    ("task", "13", "Tổng kết hoạt động của Mạng lưới", "Sở Kế hoạch và Đầu tư", "", "",
     "Báo cáo tổng kết"),
    ("task", "14", "Sơ kết 6 tháng hoạt động của Mạng lưới", "Sở TT&TT", "", "31/02/2026",
     "Báo cáo sơ kết"),
    ("task", "15", "Báo cáo kết quả hoạt động của Tổ công nghệ số cộng đồng",
     "UBND cấp huyện", "", "Hằng năm (trước ngày 30/11)", "Báo cáo năm"),
)  # fmt: skip

# What the file gives, for the tests: 3 groups, 16 tasks (one unnumbered, numbered "I.1").
GROUPS = ("I", "II", "III")
NUMBERS = ("1", "2", "3", "I.1", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15")
KINDS = {
    "date": 2,
    "month": 1,
    "quarter": 2,
    "year": 1,
    "yearly": 5,
    "continuous": 1,
    "open": 2,
    "needs_date": 2,
}
# Tasks 5 and 6 share one lead cell, merged down in the XLSX and DOCX files.
MERGED_LEAD = ("5", "6")


def _cells(row: Row) -> list[str]:
    kind = row[0]
    if kind == "group":
        return [row[1], row[2], "", "", "", ""]
    if kind == "task":
        return list(row[1:])
    if kind == "cont":
        return ["", *row[1:]]
    return [""] * 6


def pages() -> list[list[list[str]]]:
    """The rows of each printed page (header and column numbers first)."""
    found: list[list[list[str]]] = [[list(HEADER), list(COLUMN_NUMBERS)]]
    for row in ROWS:
        if row[0] == "page":
            found.append([list(HEADER), list(COLUMN_NUMBERS)])
        else:
            found[-1].append(_cells(row))
    return found


def markdown() -> str:
    """The plan as Markdown: one pipe table per page, a paragraph between them."""
    parts = [f"# Phụ lục: Nhiệm vụ Mạng lưới chuyển đổi số ({PLAN_NAME})", ""]
    for number, page in enumerate(pages(), start=1):
        parts.append("| " + " | ".join(page[0]) + " |")
        parts.append("|" + "---|" * len(page[0]))
        parts.extend("| " + " | ".join(cells) + " |" for cells in page[1:])
        parts.extend(["", f"*Trang {number}*", ""])
    return "\n".join(parts)


def csv_text() -> str:
    """The plan as CSV (as exported from a spreadsheet): the header repeated per page."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for page in pages():
        writer.writerows(page)
    return buffer.getvalue()


def _merged_lead_rows(page: list[list[str]]) -> list[int]:
    return [index for index, cells in enumerate(page) if cells[0] in MERGED_LEAD]


def xlsx_bytes() -> bytes:
    """The plan as one worksheet: a title row, the header repeated where a page begins, group
    titles merged across the row, the shared lead of tasks 5 and 6 merged down."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Phụ lục"
    sheet.append([f"PHỤ LỤC NHIỆM VỤ — {PLAN_NAME}"])
    sheet.merge_cells("A1:F1")
    lead_rows: list[int] = []
    for page in pages():
        for cells in page:
            sheet.append([int(c) if c.isdigit() and cells[1] else c for c in cells])
            row = sheet.max_row
            if cells[0] in GROUPS:
                sheet.merge_cells(start_row=row, start_column=2, end_row=row, end_column=6)
            if cells[0] in MERGED_LEAD:
                lead_rows.append(row)
    sheet.cell(row=lead_rows[1], column=3).value = None
    sheet.merge_cells(start_row=lead_rows[0], start_column=3, end_row=lead_rows[1], end_column=3)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def docx_bytes() -> bytes:
    """The plan as Word prints it: one table per page, header repeated, a group title merged
    across the row, the shared lead of tasks 5 and 6 merged down."""
    import docx

    document = docx.Document()
    document.add_heading(f"Phụ lục: nhiệm vụ Mạng lưới chuyển đổi số — {PLAN_NAME}", level=1)
    for number, page in enumerate(pages()):
        if number:
            document.add_page_break()
        table = document.add_table(rows=len(page), cols=len(HEADER))
        for r, cells in enumerate(page):
            for c, text in enumerate(cells):
                table.cell(r, c).text = text
        for r, cells in enumerate(page):
            if cells[0] in GROUPS:
                merged = table.cell(r, 1).merge(table.cell(r, 5))
                merged.text = cells[1]
        rows = _merged_lead_rows(page)
        if len(rows) == 2:
            merged = table.cell(rows[0], 2).merge(table.cell(rows[1], 2))
            merged.text = page[rows[0]][2]
    document.add_paragraph("Nơi nhận: như trên.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def write_all(folder: Path) -> list[Path]:
    """Write the plan in the four formats into a folder; return the paths."""
    files = {
        f"{STEM}.md": markdown().encode("utf-8"),
        f"{STEM}.csv": "\ufeff".encode() + csv_text().encode("utf-8"),
        f"{STEM}.xlsx": xlsx_bytes(),
        f"{STEM}.docx": docx_bytes(),
    }
    paths = []
    for name, content in files.items():
        path = folder / name
        path.write_bytes(content)
        paths.append(path)
    return paths


if __name__ == "__main__":
    for written in write_all(Path(__file__).parent):
        print(written)
