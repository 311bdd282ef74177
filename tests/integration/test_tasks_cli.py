"""`mangluoi tasks import|list|show|set-deadline|assign|export`."""

from __future__ import annotations

import asyncio
import functools
import io
from datetime import UTC, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot import cli, tasks_cli
from bot import config as config_module
from bot.texts import tasks as t
from models.tasks import Task, TaskAssignment
from tests.data import task_plans
from tests.utils.clock import FakeClock

pytestmark = pytest.mark.pinned_clock  # figures and dates counted for the default day

ROOT = Path(__file__).parents[2]
SEED = ROOT / "examples" / "ke-hoach-gia-lai-1690.md"
PLAN = "KH 1690 Gia Lai"
NOW = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)


@pytest.fixture
def config_file(db_url: str, tmp_path: Path) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(f'[database]\nurl = "{db_url}"\n', encoding="utf-8")
    return path


async def _main(*args: str) -> int:
    """`mangluoi …` by the test clock."""
    run = functools.partial(cli.main, list(args), clock=FakeClock(NOW))
    return await asyncio.to_thread(run)


async def _at_now(config_file: Path, *args: str) -> str:
    """Run one action with the test clock (what `mangluoi tasks …` does with the real one)."""
    parsed = cli._parser().parse_args(["tasks", *args, "--config", str(config_file)])
    config = config_module.load(config_file, environ={}, channels=False)
    return await tasks_cli.run(config, parsed, now=NOW)


async def _count(sessions: async_sessionmaker[AsyncSession], table: type) -> int:
    async with sessions() as session:
        return int((await session.execute(select(func.count()).select_from(table))).scalar_one())


async def test_dry_run_prints_the_report_and_saves_nothing(
    config_file: Path,
    sessions: async_sessionmaker[AsyncSession],
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = await _main(
        "tasks", "import", str(SEED), "--plan", PLAN, "--dry-run", "--config", str(config_file)
    )
    out = capsys.readouterr().out
    assert code == 0
    assert "CHẠY THỬ" in out
    assert "Tìm thấy 6 nhóm, 11 nhiệm vụ" in out
    assert "Gộp 1 dòng bị ngắt trang: 5.2" in out
    assert "hằng năm 7 · chờ văn bản/yêu cầu 3 · cần đặt hạn 1" in out
    assert "Cần đặt hạn (1): 5.2 (không ghi thời gian)" in out
    assert "chưa có đầu mối" in out
    assert len(out.strip().splitlines()) <= 20  # one screen
    assert await _count(sessions, Task) == 0


async def test_import_list_show_set_deadline_and_export(
    config_file: Path, sessions: async_sessionmaker[AsyncSession], tmp_path: Path
) -> None:
    report = await _at_now(config_file, "import", str(SEED), "--plan", PLAN)
    assert "Mới 11 · cập nhật 0 · giữ nguyên 0" in report
    again = await _at_now(config_file, "import", str(SEED), "--plan", PLAN)
    assert t.REPORT_NOTHING_CHANGED.lstrip("• ") in again

    listing = await _at_now(config_file, "list")
    assert "2.1* Kiện toàn tổ chức bộ máy" in listing
    assert "hạn gần nhất 15/12/2026" in listing
    needs = await _at_now(config_file, "list", "--kind", "needs_date")
    assert "5.2" in needs and "4.1" not in needs

    shown = await _at_now(config_file, "show", "5.2")
    assert "Loại thời hạn: cần đặt hạn — không ghi thời gian" in shown
    assert "Cơ quan chủ trì: UBND cấp huyện" in shown
    assert "Đơn vị thực hiện (17):" in shown

    done = await _at_now(config_file, "set-deadline", "5.2", "30/06/2026")
    assert done == "Đã đặt hạn 30/06/2026 cho nhiệm vụ 5.2 (17 đơn vị)."
    moved = await _at_now(config_file, "set-deadline", "5.2", "15/07/2026", "--org", "Ia Grai")
    assert "(1 đơn vị)" in moved
    shown = await _at_now(config_file, "show", "5.2")
    assert "UBND Huyện Ia Grai: Chưa thực hiện; hạn 15/07/2026" in shown
    assert "hạn cũ: 30/06/2026" in shown
    yearly = await _at_now(config_file, "set-deadline", "4.1", "--yearly", "30/11")
    assert yearly.startswith("Nhiệm vụ 4.1: hạn hằng năm là ngày 30/11")
    assert "hạn ngày 30/11 mỗi năm" in await _at_now(config_file, "show", "4.1")

    assigned = await _at_now(config_file, "assign", "1.1", "--add", "Sở Nội vụ")
    assert assigned == "Đã giao nhiệm vụ 1.1 cho Sở Nội vụ."

    out = tmp_path / "tien-do.xlsx"
    saved = await _at_now(config_file, "export", "--format", "xlsx", "--out", str(out))
    rows_expected = await _count(sessions, TaskAssignment)
    assert saved == f"Đã xuất {rows_expected} dòng (nhiệm vụ × đơn vị) vào {out}."
    book = load_workbook(io.BytesIO(out.read_bytes()))
    sheet = book[t.SHEET_TASKS]
    header = [cell.value for cell in sheet[2]]
    assert header == list(t.EXPORT_COLUMNS)
    body = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=3)]
    assert len(body) == rows_expected
    ia_grai = next(r for r in body if r[0] == "5.2" and r[3] == "UBND Huyện Ia Grai")
    assert ia_grai[6] == "15/07/2026" and ia_grai[7] == "Chưa thực hiện"
    assert {r[0] for r in body} == {
        "1.1", "1.2", "2.1", "3.1", "4.1", "4.2", "5.1", "5.2", "5.3", "6.1", "6.2",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("set-deadline", "5.2", "31/06/2026"), "“31/06/2026” không phải ngày hợp lệ"),
        (("set-deadline", "9.9", "30/06/2026"), "không có nhiệm vụ số 9.9"),
        (("set-deadline", "1.1", "--yearly", "30/11"), "không phải nhiệm vụ hằng năm"),
        (("show", "1.1", "--plan", "KH khác"), "Không có kế hoạch “KH khác”"),
        (("assign", "1.1", "--remove", "Sở Y tế"), "Không tìm thấy đơn vị “Sở Y tế”"),
    ],
)
async def test_mistakes_get_one_clear_sentence(
    config_file: Path, args: tuple[str, ...], message: str
) -> None:
    await _at_now(config_file, "import", str(SEED), "--plan", PLAN)
    with pytest.raises(tasks_cli.TasksCliError) as raised:
        await _at_now(config_file, *args)
    assert message in str(raised.value)


async def test_a_bad_file_gets_one_sentence_and_nothing_is_imported(
    config_file: Path,
    tmp_path: Path,
    sessions: async_sessionmaker[AsyncSession],
    capsys: pytest.CaptureFixture[str],
) -> None:
    big = tmp_path / "lon.xlsx"
    with big.open("wb") as handle:
        handle.truncate(20 * 1024 * 1024)
    code = await _main("tasks", "import", str(big), "--config", str(config_file))
    err = capsys.readouterr().err.strip()
    assert code == 2
    assert err == "Lỗi: Tệp quá lớn (20.0 MB); Trợ lý chỉ nhận bảng nhiệm vụ đến 10 MB."
    notes = tmp_path / "ghi-chu.md"
    notes.write_text("Biên bản họp, không có bảng.", encoding="utf-8")
    assert await _main("tasks", "import", str(notes), "--config", str(config_file)) == 2
    assert capsys.readouterr().err.strip() == f"Lỗi: {t.FILE_PROBLEMS['no_table']}"
    assert await _count(sessions, Task) == 0


async def test_the_second_plan_report_names_what_to_check(config_file: Path) -> None:
    path = ROOT / "tests" / "data" / f"{task_plans.STEM}.docx"
    report = await _at_now(config_file, "import", str(path), "--plan", task_plans.PLAN_NAME)
    assert "Tìm thấy 3 nhóm, 16 nhiệm vụ (2 bảng)." in report
    assert "Dòng không đánh số, đã đặt số: I.1." in report
    assert "13 (không ghi thời gian), 14 (ngày không hợp lệ: “31/02/2026”)" in report
    assert "12: “Sở Giáo dục” → gần nhất: Sở Giáo dục và Đào tạo" in report
    assert "Chưa giao cho đơn vị nào: 12." in report
