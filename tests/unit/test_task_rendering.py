"""What admins read about tasks, built in rendering/: focal points with their phones, a
task's details cut after a limit, and the sentence for a file that cannot be imported."""

from __future__ import annotations

import datetime as dt
import io
from zoneinfo import ZoneInfo

from openpyxl import load_workbook

from bot.texts import tasks as t
from models.members import Member
from models.organisations import Organisation
from models.task_files import FileProblem, TaskFileError
from models.task_views import AssignmentRow
from models.tasks import Task, TaskAssignment, TaskDeadline
from rendering.task_export import tasks_xlsx
from rendering.tasks import file_problem, focal_points, task_details

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
TASK = Task(id=7, plan_id=1, number="5.2", title="Báo cáo kết quả", timing_kind="date")


def _row(index: int, people: list[Member]) -> AssignmentRow:
    org = Organisation(id=index, kind="ubnd_xa", name=f"UBND xã {index}")
    assignment = TaskAssignment(id=index, task_id=7, organisation_id=index)
    deadline = TaskDeadline(assignment_id=index, due_on=dt.date(2026, 6, 30))
    return AssignmentRow(TASK, assignment, org, [deadline], [], people, None)


def test_focal_points_show_the_phone_as_people_write_it() -> None:
    people = [
        Member(full_name="Nguyễn Văn An", phone="+84905123456"),
        Member(full_name="Trần Thị Bình"),
    ]
    assert focal_points(people) == "Nguyễn Văn An (0905 123 456), Trần Thị Bình"
    assert focal_points([]) == ""


def test_details_list_the_first_organisations_then_how_many_more() -> None:
    rows = [_row(i, []) for i in range(1, 6)]
    text = task_details("KH", TASK, None, rows, limit=2)
    assert t.SHOW_ASSIGNED.format(count=5) in text
    assert "UBND xã 1: Chưa thực hiện; hạn 30/06/2026; chưa có đầu mối" in text
    assert "UBND xã 3" not in text
    assert text.endswith(t.MORE.format(count=3).strip())


def test_the_spreadsheet_names_focal_points_with_phones() -> None:
    person = Member(full_name="Nguyễn Văn An", phone="+84905123456")
    content = tasks_xlsx(
        plan="KH", rows=[_row(1, [person])], unassigned=[], zone=ZONE, today=dt.date(2026, 3, 2)
    )
    sheet = load_workbook(io.BytesIO(content))[t.SHEET_TASKS]
    line = [cell.value for cell in sheet[3]]
    assert line[0] == "5.2" and line[6] == "30/06/2026"
    assert line[-1] == "Nguyễn Văn An (0905 123 456)"


def test_a_file_problem_is_one_sentence_with_sizes_in_megabytes() -> None:
    big = TaskFileError(FileProblem.TOO_LARGE, str(15 * 1024 * 1024))
    assert file_problem(big) == t.FILE_PROBLEMS["too_large"].format(size=15.0, limit=10)
    assert file_problem(TaskFileError(FileProblem.NO_TABLE, "")) == t.FILE_PROBLEMS["no_table"]
