"""/nhiemvu: members update their organisation's tasks, coordinators follow progress in their
scope only, admins import the plan in the chat, add and edit tasks, set deadlines, export."""

from __future__ import annotations

import asyncio
import datetime as dt
import io
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from bot import cli, tasks_cli
from bot import config as config_module
from bot.app import BotApp
from bot.events import Attachment, Incoming, Kind
from bot.texts import task_chat as t
from bot.texts import tasks as tt
from models import task_assignments, task_deadlines
from models.task_files import parse_grids, read_grids
from models.tasks import TaskStatus
from tests.data import task_plans
from tests.integration.registering import actions, grant, member_of
from tests.integration.task_chatting import (
    IA_SAO,
    IA_YOK,
    PLAN,
    PLEIKU_WARD,
    ROOT,
    SEED,
    UploadingChat,
    assign,
    assignment,
    committee,
    import_seed,
    number_of,
    place,
    send_file,
    take_uploads,
    task_count,
    task_of,
)
from tests.utils.chat import ChatDriver
from tests.utils.clock import FakeClock

pytestmark = pytest.mark.pinned_clock  # figures and dates counted for the default day


@pytest.fixture
async def seeded(app: BotApp, clock: FakeClock) -> None:
    """The plan imported; "xa" works for UBND Xã Ia Sao, which has task 5.3 (yearly)."""
    await import_seed(app, clock)
    ia_sao = await committee(app, IA_SAO)
    await assign(app, clock, "5.3", ia_sao)
    await place(app, "xa", ia_sao, phone="+84905123456")


@pytest.fixture
def uploads(app: BotApp) -> UploadingChat:
    """A web chat that takes the files people send."""
    return take_uploads(app)


async def test_a_member_updates_a_status_and_the_coordinator_sees_it(
    chat: ChatDriver, app: BotApp, seeded: None
) -> None:
    await chat.send("xa", "/nhiemvu")
    text = chat.text("xa")
    assert "Nhiệm vụ của UBND Xã Ia Sao (1)" in text
    assert "1. Nhiệm vụ 5.3: Tổ chức bồi dưỡng" in text
    assert "hạn 15/12/2026 (còn 288 ngày) · Chưa thực hiện" in text
    await chat.press("xa", "5.3")
    assert "Trạng thái hiện nay" in chat.text("xa")
    await chat.press("xa", "Vướng mắc")
    await chat.send("xa", "Chưa có kinh phí mở lớp")
    assert chat.text("xa") == "Đã ghi: nhiệm vụ 5.3 của UBND Xã Ia Sao — Gặp vướng mắc."

    # Typed numbers answer the choices: the first task, then "Đang thực hiện" (the second).
    await chat.send("xa", "/nhiemvu")
    await chat.send("xa", "1")
    assert "Vướng mắc: Chưa có kinh phí mở lớp" in chat.text("xa")
    await chat.send("xa", number_of(chat, "xa", "Đang thực hiện"))
    assert chat.text("xa") == "Đã ghi: nhiệm vụ 5.3 của UBND Xã Ia Sao — Đang thực hiện."

    ia_sao = await committee(app, IA_SAO)
    row = await assignment(app, "5.3", ia_sao)
    xa = await member_of(app, "xa")
    async with app.sessions() as session:
        history = await task_assignments.status_history(session, assignment_id=row.id or 0)
    assert [(c.status, c.note, c.source, c.period) for c in history] == [
        (TaskStatus.BLOCKED, "Chưa có kinh phí mở lớp", "chat", "2026"),
        (TaskStatus.IN_PROGRESS, None, "chat", "2026"),
    ]
    assert xa is not None and history[-1].by_member_id == xa.id
    assert row.status == TaskStatus.IN_PROGRESS

    await chat.send("huyen", "/nhiemvu")
    board = chat.text("huyen")
    assert "Tiến độ nhiệm vụ — Huyện Ia Grai" in board
    assert "5.3 Tổ chức bồi dưỡng" in board
    assert "1 đơn vị: hoàn thành 0 · đang thực hiện 1 · vướng mắc 0" in board
    await chat.press("huyen", "5.3")
    assert "UBND Xã Ia Sao: Đang thực hiện; hạn 15/12/2026 (còn 288 ngày)" in chat.text("huyen")
    org_lines = [line for line in chat.text("huyen").splitlines() if line.startswith("  – ")]
    assert len(org_lines) == 1  # the lead department is out of a district's scope


async def test_members_without_an_organisation_or_tasks_are_told_so(
    chat: ChatDriver, app: BotApp, seeded: None
) -> None:
    await chat.send("totruong", "/nhiemvu")
    assert "chưa có đơn vị công tác" in chat.text("totruong")
    await place(app, "totruong", await committee(app, IA_YOK))
    await chat.send("totruong", "/nhiemvu")
    assert chat.text("totruong") == (
        "Hiện UBND Xã Ia Yok chưa được giao nhiệm vụ nào của kế hoạch."
    )


async def _late_communes(app: BotApp, clock: FakeClock) -> None:
    """Task 5.2 also goes to Ia Sao, Ia Yok (Ia Grai) and a ward of Pleiku, all late."""
    for code in (IA_SAO, IA_YOK, PLEIKU_WARD):
        await assign(app, clock, "5.2", await committee(app, code))
    async with app.sessions() as session:
        task = await task_of(session, "5.2")
        pairs = await task_assignments.of_task(session, task_id=task.id or 0)
        await task_deadlines.set_deadline(
            session,
            task=task,
            assignments=[a for a, _ in pairs],
            due_on=dt.date(2026, 2, 20),
            by_member_id=None,
            by_label="test",
            now=clock(),
        )
        await session.commit()


async def test_a_commune_coordinator_never_sees_another_communes_organisations(
    chat: ChatDriver, app: BotApp, clock: FakeClock, seeded: None
) -> None:
    await _late_communes(app, clock)
    await grant(app, "iasao", role="coordinator", scope_code=IA_SAO, name="Đinh Văn Sao")
    await chat.send("iasao", "/nhiemvu")
    board = chat.text("iasao")
    assert "Tiến độ nhiệm vụ — Xã Ia Sao, Huyện Ia Grai: 2 nhiệm vụ, 2 lượt giao" in board
    assert "quá hạn 1" in board
    await chat.press("iasao", "Quá hạn (1)")
    late = chat.text("iasao")
    assert "1. UBND Xã Ia Sao — nhiệm vụ 5.2: quá hạn 10 ngày (hạn 20/02/2026)" in late
    assert "Đầu mối: Phạm Thị Dung (0905 123 456)" in late
    await chat.send("iasao", "Quay lại")
    await chat.press("iasao", "5.2")
    assert "UBND Xã Ia Sao: Chưa thực hiện; hạn 20/02/2026 (quá hạn 10 ngày)" in chat.text("iasao")
    seen = "\n".join(
        m.text + " ".join(o.label for o in m.options) for m in chat.transcript["iasao"]
    )
    for other in ("Ia Yok", "Yên Đỗ", "UBND Huyện", "Sở "):
        assert other not in seen

    # The district coordinator sees both communes of Ia Grai and its own committee, not Pleiku.
    await chat.send("huyen", "/nhiemvu")
    await chat.press("huyen", "Quá hạn")
    late = chat.text("huyen")
    assert "UBND Xã Ia Sao" in late and "UBND Xã Ia Yok" in late
    assert "UBND Huyện Ia Grai" in late and "Yên Đỗ" not in late
    # The province coordinator sees the ward of Pleiku too.
    await chat.send("so", "/nhiemvu")
    await chat.press("so", "Quá hạn")
    assert chat.text("so").startswith("Đơn vị quá hạn (20) — trang 1/3:")  # 17 districts, 3 more
    await chat.press("so", "Trang sau")
    await chat.press("so", "Trang sau")
    assert "20. UBND Phường Yên Đỗ — nhiệm vụ 5.2" in chat.text("so")


async def _cli(db_url: str, tmp_path: Path, clock: FakeClock, *args: str) -> str:
    """`mangluoi tasks …` on the same database at the test clock's time."""
    path = tmp_path / "config.toml"
    path.write_text(f'[database]\nurl = "{db_url}"\n', encoding="utf-8")
    parsed = cli._parser().parse_args(["tasks", *args, "--config", str(path)])
    config = config_module.load(path, environ={}, channels=False)
    return await tasks_cli.run(config, parsed, now=clock())


def _body(report: str) -> list[str]:
    """A report's lines without its header and its closing hint."""
    return report.splitlines()[1:-1]


@pytest.mark.parametrize(
    ("path", "plan"),
    [(SEED, PLAN), (ROOT / "tests" / "data" / f"{task_plans.STEM}.xlsx", task_plans.PLAN_NAME)],
    ids=["markdown", "xlsx"],
)
async def test_an_admin_imports_the_plan_by_sending_the_file(
    chat: ChatDriver,
    app: BotApp,
    clock: FakeClock,
    uploads: UploadingChat,
    db_url: str,
    tmp_path: Path,
    path: Path,
    plan: str,
) -> None:
    content = await asyncio.to_thread(path.read_bytes)
    cli_report = await _cli(
        db_url, tmp_path, clock, "import", str(path), "--plan", plan, "--dry-run"
    )
    await chat.send("admin", "/nhiemvu")
    await chat.press("admin", "Nhập kế hoạch")
    assert "gửi tệp bảng nhiệm vụ" in chat.text("admin")
    await send_file(chat, uploads, "admin", path.name, content)
    assert f"Nhập tệp {path.name} vào kế hoạch nào?" in chat.text("admin")
    await chat.send("admin", plan)
    report = chat.text("admin")
    assert "CHẠY THỬ" in report and report.endswith("Chọn “Nhập” để lưu, hoặc “Hủy” để bỏ.")
    assert _body(report) == _body(cli_report)  # the same counts as the command line
    assert chat.labels("admin") == ["Nhập", "◀️ Quay lại", "✖️ Hủy"]
    assert await task_count(app) == 0

    await chat.press("admin", "Nhập")
    done = chat.text("admin")
    assert "CHẠY THỬ" not in done and done.endswith("Đã nhập.")
    assert _body(done) == _body(cli_report)
    assert await task_count(app) == len(parse_grids(read_grids(path.name, content)).tasks)
    again = await _cli(db_url, tmp_path, clock, "import", str(path), "--plan", plan, "--dry-run")
    assert "Không có gì thay đổi so với lần nhập trước." in again
    # The same file again, into the plan now there: the dry run finds nothing to change.
    await chat.send("admin", "/nhiemvu")
    await chat.press("admin", "Nhập kế hoạch")
    await send_file(chat, uploads, "admin", path.name, content)
    await chat.press("admin", plan)
    assert _body(chat.text("admin")) == _body(again)
    await chat.send("admin", "Hủy")
    assert await task_count(app) == len(parse_grids(read_grids(path.name, content)).tasks)
    [entry] = await actions(app, "task.import")
    admin = await member_of(app, "admin")
    assert admin is not None and entry.actor_member_id == admin.id
    assert json.loads(entry.details)["plan"] == plan


async def test_a_bad_file_gets_one_sentence_and_nothing_is_imported(
    chat: ChatDriver, app: BotApp, uploads: UploadingChat
) -> None:
    await chat.send("admin", "/nhiemvu")
    await chat.send("admin", number_of(chat, "admin", "Nhập kế hoạch"))
    await send_file(chat, uploads, "admin", "ghi-chu.md", "Biên bản họp.".encode())
    [sentence, question] = [m.text for m in chat.last["admin"]]
    assert sentence == tt.FILE_PROBLEMS["no_table"]
    assert "gửi tệp bảng nhiệm vụ" in question
    await send_file(chat, uploads, "admin", "lon.xlsx", b"PK\x03\x04" + bytes(20 * 1024 * 1024))
    assert chat.last["admin"][0].text == (
        "Tệp quá lớn (20.0 MB); Trợ lý chỉ nhận bảng nhiệm vụ đến 10 MB."
    )
    await send_file(
        chat, uploads, "admin", "cu.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(9)
    )
    assert chat.last["admin"][0].text == tt.FILE_PROBLEMS["legacy"]
    await chat.send("admin", "/huy")
    assert await task_count(app) == 0
    assert await actions(app, "task.import") == []


async def test_a_chat_that_takes_no_files_says_where_to_send_it(
    chat: ChatDriver, app: BotApp
) -> None:
    await chat.send("admin", "/nhiemvu")
    await chat.press("admin", "Nhập kế hoạch")
    event = Incoming(
        channel="webchat",
        external_id="admin",
        chat_id="admin",
        kind=Kind.DOCUMENT,
        attachment=Attachment(Kind.DOCUMENT, "x", "ke-hoach.md", "text/markdown"),
    )
    await chat.send_event(event)
    assert chat.last["admin"][0].text == t.FILE_UNAVAILABLE
    assert await task_count(app) == 0


async def test_a_chat_that_takes_photos_only_says_at_once_where_to_send_the_plan(
    chat: ChatDriver, app: BotApp
) -> None:
    app.channels["webchat"].fetchable_kinds = frozenset({Kind.PHOTO})  # as Zalo
    await chat.send("admin", "/nhiemvu")
    board = chat.labels("admin")
    await chat.press("admin", "Nhập kế hoạch")
    assert chat.last["admin"][0].text == t.FILE_UNAVAILABLE
    assert chat.labels("admin") == board  # the same menu again, no question for a file
    assert await task_count(app) == 0


async def test_an_admin_sets_and_moves_a_deadline(
    chat: ChatDriver, app: BotApp, seeded: None
) -> None:
    await chat.send("admin", "/nhiemvu")
    await chat.press("admin", "5.2")
    assert "Loại" not in chat.text("admin") and "17 đơn vị trong phạm vi" in chat.text("admin")
    await chat.send("admin", number_of(chat, "admin", "Đặt/dời hạn"))
    await chat.press("admin", "Tất cả 17 đơn vị")
    await chat.send("admin", "31/6/2026")
    assert chat.last["admin"][0].text.startswith("Tháng 6 chỉ có 30 ngày")
    await chat.send("admin", "01/01/2026")
    assert chat.last["admin"][0].text.startswith("Ngày 01/01/2026 đã qua")
    await chat.send("admin", "30/6/2026")
    assert chat.last["admin"][0].text == "Đã đặt hạn 30/06/2026 cho nhiệm vụ 5.2 (17 đơn vị)."
    assert "UBND Huyện Ia Grai: Chưa thực hiện; hạn 30/06/2026 (còn 120 ngày)" in chat.text(
        "admin"
    )

    await chat.press("admin", "Đặt/dời hạn")
    await chat.press("admin", "Một đơn vị")
    await chat.send("admin", "Nội vụ")
    assert "Không có đơn vị “Nội vụ” trong số đơn vị được giao nhiệm vụ 5.2." in chat.text("admin")
    await chat.send("admin", "ia grai")
    await chat.send("admin", "1")  # the first (and only) organisation found
    assert "Hạn mới cho UBND Huyện Ia Grai" in chat.text("admin")
    await chat.send("admin", "ngày 15 tháng 7 năm 2026")
    assert chat.last["admin"][0].text == "Đã đặt hạn 15/07/2026 cho nhiệm vụ 5.2 (1 đơn vị)."

    ia_grai = await committee(app, "628")
    row = await assignment(app, "5.2", ia_grai)
    async with app.sessions() as session:
        every = await task_deadlines.history(session, assignment_id=row.id or 0)
    assert [(d.due_on, d.active, d.set_by_label) for d in every] == [
        (dt.date(2026, 6, 30), False, "chat"),
        (dt.date(2026, 7, 15), True, "chat"),
    ]
    admin = await member_of(app, "admin")
    entries = await actions(app, "task.deadline")
    assert [json.loads(e.details)["count"] for e in entries] == [17, 1]
    assert admin is not None and {e.actor_member_id for e in entries} == {admin.id}


async def test_an_admin_adds_edits_assigns_and_exports(
    chat: ChatDriver, app: BotApp, seeded: None
) -> None:
    await chat.send("admin", "/nhiemvu")
    await chat.press("admin", "Thêm nhiệm vụ")
    await chat.press("admin", "6. Truyền thông")
    await chat.send("admin", "6.1")
    assert "đã có nhiệm vụ số 6.1" in chat.text("admin")
    await chat.send("admin", "6.3")
    await chat.send("admin", "Tập huấn sử dụng trợ lý Mạng lưới chuyển đổi số")
    await chat.send("admin", "nội vụ")
    await chat.press("admin", "Sở Nội vụ")
    await chat.send("admin", "Quý III/2026")
    confirm = chat.text("admin")
    assert "Cơ quan chủ trì: Sở Nội vụ" in confirm
    assert "Trợ lý hiểu thời gian là: theo quý, hạn 30/09/2026." in confirm
    await chat.press("admin", "Lưu")
    assert "Đã thêm nhiệm vụ 6.3 vào kế hoạch “KH 1690 Gia Lai”, giao cho Sở Nội vụ." in chat.text(
        "admin"
    )
    assert "Sở Nội vụ: Chưa thực hiện; hạn 30/09/2026 (còn 212 ngày)" in chat.text("admin")

    await chat.press("admin", "Sửa nội dung")
    await chat.send("admin", "Tập huấn sử dụng Trợ lý cho thành viên mạng lưới")
    assert "Đã sửa nội dung nhiệm vụ 6.3." in chat.text("admin")
    await chat.press("admin", "Giao thêm đơn vị")
    await chat.send("admin", "Ia Sao")
    await chat.press("admin", "UBND Xã Ia Sao")
    assert "Đã giao nhiệm vụ 6.3 cho UBND Xã Ia Sao." in chat.text("admin")
    await chat.press("admin", "Thôi giao đơn vị")
    await chat.press("admin", "Sở Nội vụ")
    assert "Đã thôi giao nhiệm vụ 6.3 cho Sở Nội vụ." in chat.text("admin")

    await chat.send("xa", "/nhiemvu")
    assert "Nhiệm vụ 6.3: Tập huấn sử dụng Trợ lý cho thành viên" in chat.text("xa")
    assert "hạn 30/09/2026 (còn 212 ngày)" in chat.text("xa")

    await chat.send("admin", "/huy")
    await chat.send("admin", "/nhiemvu")
    await chat.press("admin", "Xuất XLSX")
    [message] = chat.last["admin"]
    assert message.document is not None and message.document.filename.endswith(".xlsx")
    sheet = load_workbook(io.BytesIO(message.document.content))[tt.SHEET_TASKS]
    body = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=3)]
    assert [r[3] for r in body if r[0] == "6.3"] == ["UBND Xã Ia Sao"]
    assert message.text.startswith("Tiến độ kế hoạch “KH 1690 Gia Lai”")
    assert [len(await actions(app, name)) for name in ("task.create", "task.edit")] == [1, 1]
    chat_assigned = [e for e in await actions(app, "task.assign") if e.actor_label == "chat"]
    assert len(chat_assigned) == 2  # the lead, then Ia Sao


async def test_coordinators_and_members_cannot_reach_the_admins_work(
    chat: ChatDriver, app: BotApp, seeded: None
) -> None:
    await chat.send("huyen", "/nhiemvu")
    assert not any("Nhập kế hoạch" in label for label in chat.labels("huyen"))
    await chat.press("huyen", "5.2")
    assert not any("Đặt/dời hạn" in label for label in chat.labels("huyen"))
    # An admin demoted while on a task's question cannot finish the change.
    await chat.send("admin", "/nhiemvu")
    await chat.press("admin", "5.2")
    await chat.press("admin", "Sửa kết quả")
    await grant(app, "admin", role="coordinator")
    await chat.send("admin", "Kết quả mới")
    assert t.ONLY_ADMIN in chat.text("admin")
    assert await actions(app, "task.edit") == []


async def test_a_status_is_refused_once_the_member_left_the_organisation(
    chat: ChatDriver, app: BotApp, seeded: None
) -> None:
    await chat.send("xa", "/nhiemvu")
    await chat.press("xa", "5.3")
    await place(app, "xa", await committee(app, IA_YOK))
    await chat.press("xa", "Hoàn thành")
    assert chat.text("xa") == t.NOT_YOURS
    row = await assignment(app, "5.3", await committee(app, IA_SAO))
    async with app.sessions() as session:
        assert await task_assignments.status_history(session, assignment_id=row.id or 0) == []
