"""/tonghop and `mangluoi report`: a round's response rate overall and by district and
commune, statuses per task and blockers with who and where, as text pages and XLSX."""

from __future__ import annotations

import asyncio
import csv
import datetime as dt
import functools
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from bot import cli
from bot.app import BotApp
from bot.buttons.actions import CheckinSummary
from bot.texts import checkins as t
from bot.timefmt import show
from models.checkins import Recurrence
from models.outbox import SENDING, MessageKind
from tests.integration.checkin_people import (
    PEOPLE,
    keyed,
    member_ids,
    person,
    rounds,
    save_round,
    seed,
    sweep,
)
from tests.integration.task_chatting import PLEIKU_WARD
from tests.utils.chat import ChatDriver
from tests.utils.clock import FakeClock, shown


@pytest.fixture
async def answered(app: BotApp, clock: FakeClock) -> int:
    """A round open for the 30 members (their answers come from _report)."""
    await seed(app, clock)
    row = await save_round(
        app, "so", opens_at=clock(), closes_at=clock() + dt.timedelta(hours=48), now=clock()
    )
    await sweep(app)
    return row.id or 0


async def _report(chat: ChatDriver) -> None:
    who = person(0)  # Ia Sao: 5.2 then 5.3
    await chat.send(who, "/baocaotiendo")
    await chat.press(who, "Báo cáo:")
    await chat.press(who, "Hoàn thành")
    await chat.press(who, t.SKIP)
    await chat.press(who, t.SKIP)
    await chat.press(who, "Đang thực hiện")
    await chat.press(who, "50%")
    await chat.press(who, t.SKIP)
    await chat.press(who, t.SKIP)
    await chat.press(who, t.SEND)
    who = person(2)  # the Pleiku ward: 5.3
    await chat.send(who, "/baocaotiendo")
    await chat.press(who, "Báo cáo:")
    await chat.press(who, "Vướng mắc")
    await chat.send(who, "Thiếu máy tính")
    await chat.press(who, "25%")
    await chat.press(who, t.SKIP)
    await chat.press(who, t.SEND)


async def test_the_creator_gets_pages_and_a_spreadsheet(
    app: BotApp, chat: ChatDriver, answered: int
) -> None:
    await _report(chat)
    await chat.send("so", "/tonghop")
    await chat.press("so", "Báo cáo tiến độ tháng")
    text = chat.text("so")
    assert f"Đã báo cáo: 2/{PEOPLE} người (7%)" in text
    assert "• Huyện Ia Grai: 1/20 (5%)" in text
    assert "  – Xã Ia Sao: 1/10 (10%)" in text
    assert "• 5.2: hoàn thành 1 · đang thực hiện 0 · vướng mắc 0 · chưa bắt đầu 0" in text
    assert "• 5.3: hoàn thành 0 · đang thực hiện 1 · vướng mắc 1 · chưa bắt đầu 0" in text
    assert "Vướng mắc (1):" in text and "Thành viên 3 (" in text and "Thiếu máy tính" in text
    await chat.press("so", t.XLSX_BUTTON)
    [message] = chat.last["so"]
    assert message.document is not None
    assert message.document.filename == f"tong-hop-bao-cao-{answered}.xlsx"
    book = load_workbook(io.BytesIO(message.document.content))
    rates = list(book[t.SHEET_RATE].iter_rows(values_only=True))
    assert rates[0] == t.RATE_COLUMNS
    assert rates[1] == (t.ALL_LABEL, None, PEOPLE, 0, 2, 7)
    blockers = list(book[t.SHEET_BLOCKERS].iter_rows(values_only=True))
    assert blockers[1][0] == "5.3" and blockers[1][4] == "Thiếu máy tính"
    silent = list(book[t.SHEET_SILENT].iter_rows(values_only=True))
    assert (
        len(silent) == 1 + PEOPLE - 2
        and ("Thành viên 1", "Huyện Ia Grai", "Xã Ia Sao") not in silent
    )
    await chat.send("so", "/tonghop")
    await chat.press("so", "Báo cáo tiến độ tháng")
    await chat.press("so", t.PNG_BUTTON)
    [message] = chat.last["so"]
    assert message.text == t.PNG_SENT.format(id=answered)
    assert message.image is not None and message.image.filename.endswith(".png")
    assert message.image.content.startswith(b"\x89PNG") and len(message.image.content) > 20_000


async def test_the_command_line_report(
    app: BotApp,
    chat: ChatDriver,
    clock: FakeClock,
    answered: int,
    db_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    await _report(chat)
    config = tmp_path / "config.toml"
    config.write_text(f'[database]\nurl = "{db_url}"\n', encoding="utf-8")

    async def run(*args: str) -> int:
        call = functools.partial(cli.main, [*args, "--config", str(config)], clock=clock)
        return await asyncio.to_thread(call)

    assert await run("report", "--latest") == 0
    assert f"Đã báo cáo: 2/{PEOPLE} người (7%)" in capsys.readouterr().out
    out = tmp_path / "tong-hop.xlsx"
    assert (
        await run("report", "--round", str(answered), "--format", "xlsx", "--out", str(out)) == 0
    )
    book = load_workbook(out)
    tasks = list(book[t.SHEET_TASKS].iter_rows(values_only=True))
    assert [row[0] for row in tasks[1:]] == ["5.2", "5.3"]
    chart = tmp_path / "bieu-do.png"
    assert await run("report", "--latest", "--format", "png", "--out", str(chart)) == 0
    assert chart.read_bytes().startswith(b"\x89PNG")
    answers = tmp_path / "bao-cao.csv"
    assert await run("report", "--latest", "--format", "csv", "--out", str(answers)) == 0
    rows = list(csv.reader(io.StringIO(answers.read_bytes().decode("utf-8-sig"))))
    assert answers.read_bytes().startswith(b"\xef\xbb\xbf")
    assert rows[0][:4] == list(t.ANSWER_COLUMNS[:4]) and rows[0][9] == t.EVIDENCE_NAME_COLUMN
    assert len(rows) == 1 + 3  # three answers: 5.2 and 5.3, then 5.3
    assert [r[4] for r in rows[1:]] == ["5.2", "5.3", "5.3"]
    assert "Thiếu máy tính" in {r[8] for r in rows}
    assert [r[9] for r in rows[1:]] == ["", "", ""]  # nobody sent evidence
    assert await run("report", "--latest", "--format", "png") == 2
    assert await run("report", "--round", "999") == 2
    assert t.REPORT_NO_ROUND in capsys.readouterr().err
    assert await run("report", "--latest", "--format", "xlsx") == 2


async def test_a_rounds_own_questions_are_asked_after_the_tasks(
    app: BotApp, chat: ChatDriver, clock: FakeClock
) -> None:
    await seed(app, clock)
    await chat.send("so", "/baocaotiendo")
    await chat.press("so", "Tạo đợt")
    await chat.send("so", "Báo cáo tháng có câu hỏi")
    await chat.press("so", t.OPEN_NOW)
    await chat.send("so", shown(clock() + dt.timedelta(days=3)))
    await chat.press("so", "Một lần")
    for kind, text in (
        ("Một con số", "Số người dân được hướng dẫn cài VNeID?"),
        ("Có / Không", "Xã đã có điểm hỗ trợ dịch vụ công?"),
        ("Trả lời ngắn", "Đề xuất của đơn vị?"),
    ):
        await chat.press("so", t.ADD_QUESTION)
        await chat.press("so", kind)
        await chat.send("so", text)
    assert "3. Đề xuất của đơn vị? (Trả lời ngắn)" in chat.text("so")
    await chat.press("so", t.CONTINUE)
    await chat.press("so", "Huyện / xã")
    await chat.press("so", "Huyện Ia Grai")
    await chat.press("so", "Xong")
    await chat.press("so", "Xem trước")
    assert "Thêm 3 câu hỏi chung cho mọi người" in chat.text("so")
    await chat.press("so", t.OPEN_NOW)
    # 21 with tasks (huyen: the district committee), and the two demo people of Ia Sao
    # without an organisation, asked only the round's own questions
    assert "23 người được nhắn" in chat.text("so")

    who = person(1)  # Ia Yok: one task, then the three questions
    await chat.send(who, "/baocaotiendo")
    await chat.press(who, "Báo cáo:")
    await chat.press(who, "Không có gì thay đổi")
    assert "Câu hỏi chung 1/3: Số người dân" in chat.text(who)
    await chat.send(who, "nhiều")
    assert t.NUMBER_BAD in chat.text(who) and "Câu hỏi chung 1/3" in chat.text(who)
    await chat.send(who, "12")
    await chat.send(who, "1")  # "Có"
    await chat.send(who, "Cần thêm máy tính bảng")
    text = chat.text(who)
    assert "1. Số người dân được hướng dẫn cài VNeID?: 12" in text
    assert "2. Xã đã có điểm hỗ trợ dịch vụ công?: Có" in text
    await chat.press(who, "Sửa câu hỏi chung 1")
    await chat.send(who, "14,5")
    assert "1. Số người dân được hướng dẫn cài VNeID?: 14,5" in chat.text(who)
    await chat.press(who, t.SEND)
    assert "Đã gửi báo cáo" in chat.text(who)

    await chat.send("so", "/tonghop")
    await chat.press("so", "Báo cáo tháng có câu hỏi")
    text = chat.text("so")
    assert "• Số người dân được hướng dẫn cài VNeID?: trung bình 14,5 (1 câu trả lời)" in text
    assert "• Xã đã có điểm hỗ trợ dịch vụ công?: Có 1" in text
    assert "• Đề xuất của đơn vị?: 1 câu trả lời (xem Excel)" in text
    await chat.press("so", t.XLSX_BUTTON)
    [message] = chat.last["so"]
    assert message.document is not None
    book = load_workbook(io.BytesIO(message.document.content))
    replies = list(book[t.SHEET_REPLIES].iter_rows(values_only=True))
    assert ("Thành viên 2", "Đề xuất của đơn vị?", "Cần thêm máy tính bảng") in replies


async def test_the_creator_reminds_who_has_not_reported_once(
    app: BotApp, chat: ChatDriver, clock: FakeClock, answered: int
) -> None:
    await _report(chat)
    zone = app.services.config.zone
    local = clock().astimezone(zone)
    evening = local.replace(hour=22, minute=0, second=0, microsecond=0)
    if evening <= local:
        evening += dt.timedelta(days=1)
    clock.current = evening.astimezone(dt.UTC)  # quiet hours (21:00–06:30)
    await chat.send("so", "/tonghop")
    await chat.press("so", "Báo cáo tiến độ tháng")
    await chat.press("so", t.NUDGE_BUTTON)
    text = chat.text("so")
    assert t.NUDGED.format(count=PEOPLE - 2, title="Báo cáo tiến độ tháng") in text
    goes = (evening + dt.timedelta(days=1)).replace(hour=6, minute=30)
    assert t.NUDGE_HELD.format(when=show(goes, zone)) in text
    queued = await keyed(app, f"checkin:{answered}:nudge")
    assert len(queued) == PEOPLE - 2
    assert {priority for _, _, priority in queued} == {SENDING[MessageKind.REMINDER].priority}
    assert all("Báo cáo tiến độ tháng" in reminder for _, reminder, _ in queued)
    reported = await member_ids(app, [0, 2])
    assert not {member for member, _, _ in queued} & set(reported)

    await chat.send("so", "/tonghop")
    await chat.press("so", "Báo cáo tiến độ tháng")
    await chat.press("so", t.NUDGE_BUTTON)
    assert chat.text("so") == t.NUDGED_BEFORE.format(
        count=PEOPLE - 2, title="Báo cáo tiến độ tháng"
    )
    assert len(await keyed(app, f"checkin:{answered}:nudge")) == PEOPLE - 2

    clock.current = clock() + dt.timedelta(days=3)
    await sweep(app)  # the round closes: no more button
    await chat.send("so", "/tonghop")
    await chat.press("so", "Báo cáo tiến độ tháng")
    assert all(o.label != t.NUDGE_BUTTON for m in chat.last["so"] for o in m.options)


async def test_the_next_round_of_a_series_says_what_changed(
    app: BotApp, chat: ChatDriver, clock: FakeClock
) -> None:
    await seed(app, clock)
    first = await save_round(
        app,
        "so",
        opens_at=clock(),
        closes_at=clock() + dt.timedelta(hours=48),
        recurrence=Recurrence.WEEKLY,
        now=clock(),
    )
    await sweep(app)
    await _report(chat)  # Ia Sao: 5.2 done, 5.3 in progress; the ward: 5.3 blocked
    clock.current = clock() + dt.timedelta(days=3)
    await sweep(app)  # closes the first, schedules the second
    following = next(r for r in await rounds(app) if r.id != first.id)
    clock.current = following.opens_at
    await sweep(app)

    who = person(0)  # Ia Sao: 5.2 still done, 5.3 now blocked
    await chat.send(who, "/baocaotiendo")
    await chat.press(who, "Báo cáo:")
    await chat.press(who, "Hoàn thành")
    await chat.press(who, t.SKIP)
    await chat.press(who, t.SKIP)
    await chat.press(who, "Vướng mắc")
    await chat.send(who, "Chờ kinh phí")
    await chat.press(who, "25%")
    await chat.press(who, t.SKIP)
    await chat.press(who, t.SEND)
    who = person(2)  # the ward: 5.3 done
    await chat.send(who, "/baocaotiendo")
    await chat.press(who, "Báo cáo:")
    await chat.press(who, "Hoàn thành")
    await chat.press(who, t.SKIP)
    await chat.press(who, t.SKIP)
    await chat.press(who, t.SEND)

    await chat.send("so", "/tonghop")
    await chat.press("so", f"Báo cáo tiến độ tháng ({shown(following.opens_at)})")
    text = chat.text("so")
    lines = text.splitlines()
    header = t.TOTAL_CHANGES.format(id=first.id, opens=shown(first.opens_at))
    assert header in lines
    after = lines[lines.index(header) :]
    assert "Đổi trạng thái (2):" in after
    assert any(
        line.startswith("• 5.3 — ") and "Ia Sao" in line and "Đang thực hiện → Vướng mắc" in line
        for line in after
    )
    assert any(line.endswith("Vướng mắc → Hoàn thành") for line in after)
    assert not any(line.startswith("• 5.2 — ") for line in after)  # unchanged
    new = after.index("Vướng mắc mới (1):")
    assert "Ia Sao" in after[new + 1] and after[new + 1].endswith(": Chờ kinh phí")
    resolved = after.index("Vướng mắc đã gỡ (1):")
    assert after[resolved + 1].endswith(": nay Hoàn thành")

    await chat.press("so", t.XLSX_BUTTON)
    [message] = chat.last["so"]
    assert message.document is not None
    book = load_workbook(io.BytesIO(message.document.content))
    rows = list(book[t.SHEET_CHANGES].iter_rows(values_only=True))
    assert rows[0] == t.CHANGE_COLUMNS
    assert sorted(row[0] for row in rows[1:]) == sorted(
        ["Đổi trạng thái", "Đổi trạng thái", "Vướng mắc mới", "Vướng mắc đã gỡ"]
    )

    await chat.send("so", "/tonghop")  # the first round of the series has nothing to compare
    await chat.press("so", f"Báo cáo tiến độ tháng ({shown(first.opens_at)})")
    assert "So với đợt trước" not in chat.text("so")


async def test_a_district_coordinator_sees_a_province_round_in_their_scope_only(
    app: BotApp, chat: ChatDriver, clock: FakeClock, answered: int
) -> None:
    await _report(chat)  # Ia Sao (Ia Grai) reports; the Pleiku ward reports a blocker
    await chat.send("huyen", "/tonghop")
    await chat.press("huyen", "cấp trên tạo")
    text = chat.text("huyen")
    assert t.TOTAL_SCOPED in text
    assert "Đã báo cáo: 1/20 người (5%)" in text  # Ia Sao and Ia Yok only
    assert "  – Xã Ia Sao: 1/10 (10%)" in text
    assert "• 5.3: hoàn thành 0 · đang thực hiện 1 · vướng mắc 0 · chưa bắt đầu 0" in text
    assert "Thiếu máy tính" not in text and "Pleiku" not in text
    await chat.press("huyen", t.XLSX_BUTTON)
    [message] = chat.last["huyen"]
    assert message.document is not None
    book = load_workbook(io.BytesIO(message.document.content))
    silent = list(book[t.SHEET_SILENT].iter_rows(values_only=True))[1:]
    assert len(silent) == 19 and {row[1] for row in silent} == {"Huyện Ia Grai"}
    assert len(list(book[t.SHEET_BLOCKERS].iter_rows(values_only=True))) == 1

    await chat.send("huyen", "/tonghop")
    await chat.press("huyen", "cấp trên tạo")
    await chat.press("huyen", t.NUDGE_BUTTON)
    assert t.NUDGED.format(count=19, title="Báo cáo tiến độ tháng") in chat.text("huyen")
    nudged = {member for member, _, _ in await keyed(app, f"checkin:{answered}:nudge")}
    ward = await member_ids(app, [i for i in range(PEOPLE) if i % 3 == 2])
    assert len(nudged) == 19 and not nudged & set(ward)
    # The province coordinator's press reaches the others, never anyone twice.
    await chat.send("so", "/tonghop")
    await chat.press("so", "Báo cáo tiến độ tháng")
    await chat.press("so", t.NUDGE_BUTTON)
    assert t.NUDGED.format(count=PEOPLE - 2 - 19, title="Báo cáo tiến độ tháng") in chat.text("so")

    # A round that asked nobody in Ia Grai is not theirs to see, even by a made-up button.
    other = await save_round(
        app,
        "so",
        opens_at=clock(),
        closes_at=clock() + dt.timedelta(hours=48),
        units=(PLEIKU_WARD,),
        now=clock(),
    )
    await sweep(app)
    await chat.send("huyen", "/tonghop")
    assert len(chat.last["huyen"][-1].options) == 1
    await chat.press_token("huyen", CheckinSummary(other.id or 0, 0).encode())
    assert "Tổng hợp đợt" not in chat.text("huyen") and "Đã báo cáo" not in chat.text("huyen")
