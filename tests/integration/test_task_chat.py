"""/nhiemvu: members update their organisation's tasks, coordinators follow progress in their
scope only, admins import the plan in the chat, add and edit tasks, set deadlines, export."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from bot.app import BotApp
from models import task_assignments
from models.tasks import TaskStatus
from tests.integration.registering import actions, grant, member_of
from tests.integration.task_chatting import (
    IA_SAO,
    IA_YOK,
    PLEIKU_WARD,
    UploadingChat,
    assign,
    assignment,
    committee,
    import_seed,
    number_of,
    place,
    take_uploads,
)
from tests.utils.chat import ChatDriver
from tests.utils.clock import FakeClock


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
