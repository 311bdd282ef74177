"""Plan appendices read from files: the seed's Markdown, a second plan in every format, and
files that are not tables of tasks."""

from __future__ import annotations

import io
from collections import Counter
from pathlib import Path

import pytest

from bot.texts import tasks as texts
from models import task_timing
from models.task_files import MAX_BYTES, FileProblem, TaskFileError, parse_grids, read_grids
from models.task_files.rows import ParsedPlan
from tests.data import task_plans

SEED_FILE = Path(__file__).parents[2] / "examples" / "ke-hoach-gia-lai-1690.md"
DATA = Path(__file__).parents[1] / "data"
FORMATS = ("md", "csv", "xlsx", "docx")


def _parse(name: str, content: bytes) -> ParsedPlan:
    return parse_grids(read_grids(name, content))


def _kinds(parsed: ParsedPlan) -> Counter[str]:
    return Counter(task_timing.parse(task.timing).kind.value for task in parsed.tasks)


def test_the_seed_appendix_gives_6_groups_and_11_tasks() -> None:
    parsed = _parse(SEED_FILE.name, SEED_FILE.read_bytes())
    assert [g.number for g in parsed.groups] == ["1", "2", "3", "4", "5", "6"]
    assert [t.number for t in parsed.tasks] == [
        "1.1", "1.2", "2.1", "3.1", "4.1", "4.2", "5.1", "5.2", "5.3", "6.1", "6.2",
    ]  # fmt: skip
    assert [t.number for t in parsed.tasks if t.unnumbered] == ["2.1", "3.1"]
    assert _kinds(parsed) == {"open": 3, "yearly": 7, "needs_date": 1}
    assert parsed.tables == 3


def test_the_row_cut_by_the_page_break_is_joined_to_task_5_2() -> None:
    parsed = _parse(SEED_FILE.name, SEED_FILE.read_bytes())
    task = next(t for t in parsed.tasks if t.number == "5.2")
    assert (
        task.title
        == "Kiện toàn, tổ chức các hoạt động của các Tổ công nghệ số cộng đồng hiệu quả."
    )
    assert task.lead == "UBND cấp huyện"
    assert task.partners == "Sở Thông tin và Truyền thông và các sở, ban, ngành"
    assert task.result.startswith("Củng cố, nâng cao hiệu quả hoạt động")
    assert task.timing == "" and task.continued == 1
    assert [(c.number, c.table, c.line) for c in parsed.continuations] == [("5.2", 3, 2)]


@pytest.mark.parametrize("extension", FORMATS)
def test_the_second_plan_reads_the_same_in_every_format(extension: str) -> None:
    path = DATA / f"{task_plans.STEM}.{extension}"
    parsed = _parse(path.name, path.read_bytes())
    assert tuple(g.number for g in parsed.groups) == task_plans.GROUPS
    assert tuple(t.number for t in parsed.tasks) == task_plans.NUMBERS
    assert dict(_kinds(parsed)) == task_plans.KINDS
    assert parsed.blank_lines == 2
    assert not parsed.skipped
    by_number = {task.number: task for task in parsed.tasks}
    unnumbered = by_number["I.1"]
    assert unnumbered.unnumbered and unnumbered.group == "I"
    assert unnumbered.title == "Hướng dẫn cấp xã triển khai kế hoạch chuyển đổi số"
    cut = by_number["4"]
    assert [c.number for c in parsed.continuations] == ["4"]
    assert cut.title == "Xây dựng cơ sở dữ liệu thành viên Mạng lưới dùng chung của tỉnh"
    assert (cut.lead, cut.partners) == ("Sở Tài chính", "Các sở, ban, ngành")
    assert cut.timing == "quý IV năm 2026" and cut.group == "II"
    assert by_number["5"].lead == by_number["6"].lead == "Trung tâm CNTT&TT"
    assert parsed.groups[1].title == "Phát triển nguồn nhân lực chuyển đổi số"
    assert by_number["9"].timing == "Hàng năm" and by_number["8"].timing == "Hằng năm"
    assert by_number["14"].timing == "31/02/2026"


def test_fresh_files_from_the_script_read_like_the_committed_ones(tmp_path: Path) -> None:
    for path in task_plans.write_all(tmp_path):
        fresh = _parse(path.name, path.read_bytes())
        committed = DATA / path.name
        assert fresh == _parse(committed.name, committed.read_bytes())


def test_csv_without_bom_and_with_semicolons() -> None:
    rows = [
        "Số TT;Nhiệm vụ;Cơ quan chủ trì;Thời gian thực hiện",
        "1;Nhóm một;;",
        "1.1;Việc A;Sở Y tế;Năm 2026",
    ]
    parsed = _parse("plan.csv", "\n".join(rows).encode("utf-8"))
    assert [(t.number, t.lead, t.timing) for t in parsed.tasks] == [("1.1", "Sở Y tế", "Năm 2026")]


def test_headers_in_any_order_with_other_words() -> None:
    rows = [
        ["Thời gian thực hiện", "Kết quả/Sản phẩm", "Đơn vị chủ trì", "Nội dung", "STT"],
        ["Quý II/2026", "Báo cáo", "Sở Nội vụ", "Việc B", "1"],
    ]
    parsed = parse_grids([rows])
    task = parsed.tasks[0]
    assert (task.number, task.title, task.lead, task.result, task.timing) == (
        "1", "Việc B", "Sở Nội vụ", "Báo cáo", "Quý II/2026",
    )  # fmt: skip


def _encrypted_xlsx() -> bytes:
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = (DATA / f"{task_plans.STEM}.xlsx").read_bytes()
    out = io.BytesIO()
    OOXMLFile(io.BytesIO(plain)).encrypt("matkhau", out)
    return out.getvalue()


def _docx_without_table() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("Kế hoạch không kèm phụ lục.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _members_xlsx() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["STT", "Họ và tên", "Điện thoại"])
    sheet.append([1, "Nguyễn Văn A", "0905123456"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


BAD_FILES = [
    ("anh.xlsx", lambda: b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, FileProblem.NOT_SUPPORTED),
    ("ghi-chu.md", lambda: "# Ghi chú\n\nKhông có bảng.".encode(), FileProblem.NO_TABLE),
    ("thanh-vien.xlsx", _members_xlsx, FileProblem.NO_HEADER),
    ("lon.csv", lambda: b"a,b\n" * (MAX_BYTES // 4 + 10), FileProblem.TOO_LARGE),
    ("mat-khau.xlsx", _encrypted_xlsx, FileProblem.ENCRYPTED),
    ("khong-bang.docx", _docx_without_table, FileProblem.NO_TABLE),
    ("cu.xls", lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, FileProblem.LEGACY),
    ("latin.csv", lambda: b"S\xf4 TT,Nhi\xeam v\xf9\n1,A\n", FileProblem.NOT_UTF8),
    ("hong.docx", lambda: b"PK\x03\x04" + b"hong" * 50, FileProblem.DAMAGED),
    ("trong.csv", lambda: b"  \n", FileProblem.EMPTY),
    (
        "chi-tieu-de.csv",
        lambda: "Số TT,Nhiệm vụ,Cơ quan chủ trì\n,,\n".encode(),
        FileProblem.NO_TASKS,
    ),
]


@pytest.mark.parametrize(("name", "make", "problem"), BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_files_that_are_not_tables_of_tasks(name: str, make: object, problem: FileProblem) -> None:
    assert callable(make)
    with pytest.raises(TaskFileError) as raised:
        _parse(name, make())
    assert raised.value.problem == problem


def test_every_file_problem_has_one_vietnamese_sentence() -> None:
    assert set(texts.FILE_PROBLEMS) == {problem.value for problem in FileProblem}
    for sentence in texts.FILE_PROBLEMS.values():
        assert sentence.endswith(".") and "bạn" not in sentence


def test_odd_rows_are_reported_not_imported() -> None:
    rows = [
        ["Số TT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời gian thực hiện"],
        ["(1)", "(2)", "(3)", "(4)"],
        ["", "tiếp theo của trang trước", "", ""],
        ["1", "Nhóm", "", ""],
        ["1.1", "Việc A", "Sở Y tế", "Năm 2026"],
        ["1.1", "Việc A lặp", "Sở Y tế", "Năm 2026"],
        ["1.2", "", "Sở Y tế", "Năm 2026"],
    ]
    parsed = parse_grids([rows])
    assert [t.number for t in parsed.tasks] == ["1.1"]
    assert [(s.line, s.reason) for s in parsed.skipped] == [
        (3, "orphan"),
        (6, "duplicate"),
        (7, "no_title"),
    ]
