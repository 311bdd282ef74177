"""Progress check-ins: a monthly round opens by itself, 30 members report in a few taps (some
"nothing new", one blocked, one on leave), reminders at 50 % and 80 % go only to the silent,
the creator gets who did not report at the close, the next round opens a month later; typed
numbers and percents, bad input re-asked, and a commune coordinator reaching only their scope.
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from bot.app import BotApp
from bot.texts import checkins as t
from bot.texts import common as ct
from models import checkins, task_assignments
from models.checkins import CheckinAnswer, Recurrence, RoundState
from models.outbox import PRIORITY_NOTIFICATION
from models.tasks import TaskStatus
from tests.integration.checkin_people import (
    LAST_PERCENT,
    PEOPLE,
    member_ids,
    person,
    rounds,
    save_round,
    seed,
    sweep,
)
from tests.integration.checkin_people import keyed as keyed_rows
from tests.integration.registering import member_of
from tests.integration.task_chatting import assignment, committee
from tests.utils.broadcasting import deliver_all, inbox
from tests.utils.chat import ChatDriver
from tests.utils.clock import FakeClock, local_at, shown

FULL = [0, 3, 6, 9, 12]  # Ia Sao: two tasks each
NOTHING_NEW = [1, 4, 7, 10, 13]  # Ia Yok: "Không có gì mới"
BLOCKED = 2
TYPED = 5
ON_LEAVE = 8
LATE_REPORTER = 11


@pytest.fixture
async def seeded(app: BotApp, clock: FakeClock) -> None:
    """The plan's tasks and 30 members in three communes."""
    await seed(app, clock)


async def _begin(chat: ChatDriver, who: str) -> None:
    await chat.send(who, "/baocaotiendo")
    await chat.press(who, "Báo cáo:")


async def _send(chat: ChatDriver, who: str) -> None:
    assert "Anh/chị kiểm tra lại" in chat.text(who)
    await chat.press(who, t.SEND)
    assert "Đã gửi báo cáo" in chat.text(who)


async def _full_report(chat: ChatDriver, who: str) -> None:
    await _begin(chat, who)
    assert "Nhiệm vụ 5.2 (1/2)" in chat.text(who)
    await chat.press(who, "Đang thực hiện")
    await chat.send(who, "60%")
    await chat.press(who, t.SKIP)
    assert "Minh chứng cho nhiệm vụ 5.2" in chat.text(who)
    await chat.press(who, t.SKIP)
    assert "Nhiệm vụ 5.3 (2/2)" in chat.text(who)
    await chat.press(who, "Hoàn thành")
    assert "Ghi chú ngắn" in chat.text(who)  # "Hoàn thành" skips the percent
    await chat.send(who, "Đã mở 3 lớp")
    await chat.press(who, t.SKIP)
    assert "Nhiệm vụ 5.3: Hoàn thành, 100% — Đã mở 3 lớp" in chat.text(who)
    await _send(chat, who)


async def test_a_monthly_round_runs_by_itself(
    app: BotApp, chat: ChatDriver, clock: FakeClock, seeded: None
) -> None:
    opens = local_at(clock(), hour=8, days=1)
    closes = opens + dt.timedelta(days=10, hours=9)
    row = await save_round(
        app, "so", opens_at=opens, closes_at=closes, recurrence=Recurrence.MONTHLY, now=clock()
    )
    assert await sweep(app) == 0  # not yet
    clock.current = opens
    assert await sweep(app) == PEOPLE
    assert await sweep(app) == 0  # a second run adds nothing
    prompts = await keyed_rows(app, f"checkin:{row.id}:prompt")
    assert len(prompts) == PEOPLE
    assert {priority for _, _, priority in prompts} == {PRIORITY_NOTIFICATION}
    assert f"từ {shown(opens)} đến {shown(closes)}" in prompts[0][1]
    await deliver_all(app)
    received = await inbox(app, person(0))
    assert set(received[-1].buttons) == {t.START, t.LEAVE}

    # Full reports (Ia Sao, two tasks), "Không có gì mới" (Ia Yok repeats 40 %), blocked.
    for i in FULL:
        await _full_report(chat, person(i))
    for i in NOTHING_NEW:
        await chat.press_token(person(i), (await inbox(app, person(i)))[-1].buttons[t.START])
        assert f"Lần trước: Đang thực hiện, {LAST_PERCENT}%" in chat.text(person(i))
        await chat.press(person(i), "Không có gì mới")
        await _send(chat, person(i))
    await _begin(chat, person(BLOCKED))
    await chat.press(person(BLOCKED), "Vướng mắc")
    await chat.send(person(BLOCKED), "Chưa có kinh phí mở lớp")
    await chat.press(person(BLOCKED), "25%")
    await chat.press(person(BLOCKED), t.SKIP)  # no evidence
    await _send(chat, person(BLOCKED))
    # A typed number answers the status question (2 = Đang thực hiện), "50 %" the percent.
    await _begin(chat, person(TYPED))
    await chat.send(person(TYPED), "2")
    await chat.send(person(TYPED), "50 %")
    await chat.send(person(TYPED), t.SKIP)
    await chat.send(person(TYPED), "bỏ qua")  # the evidence, typed
    assert "Nhiệm vụ 5.3: Đang thực hiện, 50%" in chat.text(person(TYPED))
    await _send(chat, person(TYPED))
    # One member is on leave until after the close.
    leave_token = (await inbox(app, person(ON_LEAVE)))[-1].buttons[t.LEAVE]
    await chat.press_token(person(ON_LEAVE), leave_token)
    back = (closes + dt.timedelta(days=3)).astimezone(app.services.config.zone)
    await chat.send(person(ON_LEAVE), back.strftime("%d/%m/%Y"))
    assert "nghỉ phép đến hết ngày" in chat.text(person(ON_LEAVE))

    # The same status fact as /nhiemvu, with source, percent and note.
    yok = await assignment(app, "5.3", await committee(app, "23768"))
    async with app.sessions() as session:
        history = await task_assignments.status_history(session, assignment_id=yok.id or 0)
        answers = list((await session.execute(select(CheckinAnswer))).scalars())
    assert [(c.source, c.status, c.percent) for c in history[-1:]] == [
        ("checkin", TaskStatus.IN_PROGRESS, LAST_PERCENT)
    ]
    assert len(answers) == 2 * len(FULL) + len(NOTHING_NEW) + 2

    submitted = FULL + NOTHING_NEW + [BLOCKED, TYPED]
    silent = [i for i in range(PEOPLE) if i not in [*submitted, ON_LEAVE]]
    clock.current = row.mark(0.5)
    await sweep(app)
    half = await keyed_rows(app, f"checkin:{row.id}:remind:50")
    assert [m for m, _, _ in half] == await member_ids(app, silent)
    await sweep(app)
    assert len(await keyed_rows(app, f"checkin:{row.id}:remind:50")) == len(silent)

    await _begin(chat, person(LATE_REPORTER))
    await chat.press(person(LATE_REPORTER), "Hoàn thành")
    await chat.press(person(LATE_REPORTER), t.SKIP)
    await chat.press(person(LATE_REPORTER), t.SKIP)
    await _send(chat, person(LATE_REPORTER))
    silent.remove(LATE_REPORTER)
    clock.current = row.mark(0.8)
    await sweep(app)
    late = await keyed_rows(app, f"checkin:{row.id}:remind:80")
    assert [m for m, _, _ in late] == await member_ids(app, silent)

    # The close: the creator gets the rate and who did not report, by district and commune.
    clock.current = closes
    await sweep(app)
    closed = await keyed_rows(app, f"checkin:{row.id}:closed")
    so = await member_of(app, "so")
    assert so is not None and [m for m, _, _ in closed] == [so.id]
    text = closed[0][1]
    reported = len(submitted) + 1
    expected = PEOPLE - 1
    rate = round(100 * reported / expected)
    assert f"Đã báo cáo: {reported}/{expected} người ({rate}%); 1 người nghỉ phép" in text
    assert f"Chưa báo cáo ({len(silent)} người):" in text
    assert "• Huyện Ia Grai" in text and "  – Xã Ia Sao: " in text
    listed = {
        name
        for line in text.splitlines()
        if line.startswith("  – ")
        for name in line.split(": ", 1)[1].split(", ")
    }
    assert listed == {f"Thành viên {i + 1}" for i in silent}

    # After the close the old button is refused politely, naming the coordinator.
    late_one = person(14)
    await chat.press_token(late_one, (await inbox(app, late_one))[-1].buttons[t.START])
    assert "đã kết thúc" in chat.text(late_one) and so.full_name in chat.text(late_one)

    # The next round of the series opens a month later, by itself (the leave is over).
    series = await rounds(app)
    assert [r.state for r in series] == [RoundState.CLOSED, RoundState.SCHEDULED]
    following = series[1]
    zone = app.services.config.zone
    assert following.opens_at == checkins.next_opening(opens, Recurrence.MONTHLY, zone)
    assert following.opens_at - opens >= dt.timedelta(days=28)
    assert following.closes_at - following.opens_at == closes - opens
    clock.current = following.opens_at
    assert await sweep(app) == PEOPLE
    assert len(await keyed_rows(app, f"checkin:{following.id}:prompt")) == PEOPLE
    assert [r.state for r in await rounds(app)] == [
        RoundState.CLOSED,
        RoundState.OPEN,
        RoundState.SCHEDULED,
    ]


async def _open_now(app: BotApp, clock: FakeClock, *, hours: int = 72) -> int:
    row = await save_round(
        app, "so", opens_at=clock(), closes_at=clock() + dt.timedelta(hours=hours), now=clock()
    )
    await sweep(app)
    assert row.id is not None
    return row.id


@pytest.mark.local_time(10)  # the prompt is delivered at once, outside quiet hours
async def test_bad_input_gets_a_sentence_and_the_same_question(
    app: BotApp, chat: ChatDriver, clock: FakeClock, seeded: None
) -> None:
    old_id = await _open_now(app, clock, hours=2)
    await deliver_all(app)
    who = person(0)
    old_token = (await inbox(app, who))[-1].buttons[t.START]
    async with app.sessions() as session:
        old = await checkins.get(session, round_id=old_id)
        assert old is not None
        await checkins.close(session, row=old, now=clock())
        await session.commit()
    await _open_now(app, clock)
    await _begin(chat, who)
    await chat.send(who, "😀")
    assert ct.PICK_AN_OPTION in chat.text(who) and "Trạng thái hiện nay?" in chat.text(who)
    await chat.press_token(who, old_token)
    assert "đã kết thúc" in chat.text(who) and "Trạng thái hiện nay?" in chat.text(who)
    await chat.press(who, "Đang thực hiện")
    await chat.send(who, "150 %")
    assert "Tỷ lệ 150% không hợp lệ" in chat.text(who) and "bao nhiêu phần trăm" in chat.text(who)
    await chat.send(who, "nhiều lắm")
    assert t.PERCENT_BAD in chat.text(who)
    await chat.send(who, "60")
    await chat.send(who, "x" * 5000)
    assert "rút gọn còn tối đa 500 ký tự" in chat.text(who) and "Ghi chú ngắn" in chat.text(who)
    await chat.send(who, "Đã khảo sát xong")
    await chat.send(who, "ảnh gửi sau")  # text where a photo or document is expected
    assert t.EVIDENCE_TEXT in chat.text(who) and "Minh chứng cho nhiệm vụ 5.2" in chat.text(who)
    await chat.send(who, "1")  # "Bỏ qua" by its number
    assert "Nhiệm vụ 5.3 (2/2)" in chat.text(who)
    await chat.press(who, "Vướng mắc")
    await chat.send(who, "ok")
    assert "ít nhất 3 ký tự" in chat.text(who)
    await chat.send(who, "Thiếu giảng viên")
    await chat.press(who, "0%")
    await chat.press(who, t.SKIP)
    text = chat.text(who)
    assert "Nhiệm vụ 5.2: Đang thực hiện, 60% — Đã khảo sát xong" in text
    assert "Nhiệm vụ 5.3: Vướng mắc, 0% — Thiếu giảng viên" in text

    # Edit one answer from the summary, send, then edit again while the round is open.
    await chat.press(who, "Sửa nhiệm vụ 5.2")
    await chat.press(who, "Đang thực hiện")
    await chat.press(who, "75%")
    await chat.press(who, t.SKIP)
    await chat.press(who, t.SKIP)
    assert "Nhiệm vụ 5.2: Đang thực hiện, 75%\n" in chat.text(who)
    await _send(chat, who)
    await chat.send(who, "/baocaotiendo")
    assert "đã gửi" in chat.text(who)
    await chat.press(who, "Sửa báo cáo")
    assert "Anh/chị kiểm tra lại" in chat.text(who)
    await chat.press(who, "Sửa nhiệm vụ 5.3")
    await chat.press(who, "Hoàn thành")
    await chat.press(who, t.SKIP)
    await chat.press(who, t.SKIP)
    await _send(chat, who)
    member = await member_of(app, who)
    async with app.sessions() as session:
        answers = list((await session.execute(select(CheckinAnswer))).scalars())
    assert sorted((a.status, a.percent) for a in answers) == [
        (TaskStatus.DONE, 100),
        (TaskStatus.IN_PROGRESS, 75),
    ]
    assert member is not None and {a.member_id for a in answers} == {member.id}


async def test_a_report_started_before_the_close_is_refused_after_it(
    app: BotApp, chat: ChatDriver, clock: FakeClock, seeded: None
) -> None:
    await _open_now(app, clock, hours=2)
    who = person(1)
    await _begin(chat, who)
    await chat.press(who, "Hoàn thành")
    clock.advance(hours=3)
    await chat.press(who, t.SKIP)
    await chat.press(who, t.SKIP)
    await chat.press(who, t.SEND)
    so = await member_of(app, "so")
    assert so is not None
    assert "đã kết thúc" in chat.text(who) and so.full_name in chat.text(who)
    async with app.sessions() as session:
        assert not list((await session.execute(select(CheckinAnswer))).scalars())


async def test_a_commune_coordinator_reaches_only_their_scope(
    app: BotApp, chat: ChatDriver, clock: FakeClock, seeded: None
) -> None:
    # "huyen" follows Huyện Ia Grai: Ia Sao and Ia Yok (20 people) and the district's own
    # committee (huyen, 5 tasks), not the Pleiku ward.
    await chat.send("huyen", "/baocaotiendo")
    await chat.press("huyen", "Tạo đợt")
    await chat.send("huyen", "Báo cáo tiến độ quý")
    await chat.press("huyen", t.OPEN_NOW)
    closes = clock() + dt.timedelta(days=5)
    await chat.send("huyen", shown(closes))
    await chat.press("huyen", "Hằng quý")
    assert "câu hỏi chung" in chat.text("huyen")
    await chat.press("huyen", t.CONTINUE)
    assert "Chọn người nhận" in chat.text("huyen")
    await chat.press("huyen", "Xem trước")
    text = chat.text("huyen")
    assert "Sẽ hỏi 21 người; mỗi người 1–5 câu hỏi" in text
    assert "📝 Báo cáo tiến độ: Báo cáo tiến độ quý" in text
    await chat.press("huyen", t.OPEN_NOW)
    assert "21 người được nhắn" in chat.text("huyen")
    row = (await rounds(app))[-1]
    assert row.state == RoundState.OPEN and row.recurrence == Recurrence.QUARTERLY
    ward = await member_of(app, person(2))
    async with app.sessions() as session:
        assert ward is not None and ward.id is not None
        assert await checkins.person(session, round_id=row.id or 0, member_id=ward.id) is None
    await chat.send(person(2), "/baocaotiendo")
    assert chat.text(person(2)) == t.MEMBER_NONE

    # Close early: the creator's list comes at the next sweep.
    await chat.send("huyen", "/baocaotiendo")
    await chat.press("huyen", "Báo cáo tiến độ quý")
    await chat.press("huyen", "Đóng sớm")
    await sweep(app)
    closed = await keyed_rows(app, f"checkin:{row.id}:closed")
    assert len(closed) == 1 and "Đã báo cáo: 0/21 người (0%)" in closed[0][1]


async def test_a_member_cannot_manage_rounds(app: BotApp, chat: ChatDriver, seeded: None) -> None:
    await chat.send(person(0), "/baocaotiendo")
    assert chat.text(person(0)) == t.MEMBER_NONE


async def test_leave_from_the_profile_pauses_reminders_until_the_day(
    app: BotApp, chat: ChatDriver, clock: FakeClock, seeded: None
) -> None:
    row_id = await _open_now(app, clock, hours=48)
    who = person(3)
    await chat.send(who, "/hoso")
    await chat.press(who, "Đang nghỉ phép")
    await chat.send(who, "không rõ 😀")
    assert "Trợ lý chưa đọc được ngày" in chat.text(who)
    until = (clock() + dt.timedelta(days=30)).astimezone(app.services.config.zone)
    await chat.send(who, until.strftime("%d/%m/%Y"))
    assert f"nghỉ phép đến hết ngày {until:%d/%m/%Y}" in chat.text(who)
    await chat.send(who, "/hoso")
    assert f"đến hết ngày {until:%d/%m/%Y}" in chat.text(who)
    [row] = [r for r in await rounds(app) if r.id == row_id]
    clock.current = row.mark(0.5)
    await sweep(app)
    reminded = await keyed_rows(app, f"checkin:{row_id}:remind:50")
    assert len(reminded) == PEOPLE - 1
    assert (await member_ids(app, [3]))[0] not in {m for m, _, _ in reminded}
    await chat.send(who, "/hoso")
    await chat.press(who, "Đã đi làm lại")
    assert "đi làm lại" in chat.text(who)
    async with app.sessions() as session:
        member = await member_of(app, who)
        assert member is not None and member.id is not None
        today = clock().astimezone(app.services.config.zone).date()
        assert await checkins.leave_until(session, member_id=member.id, today=today) is None
    clock.current = row.mark(0.8)
    await sweep(app)
    assert len(await keyed_rows(app, f"checkin:{row_id}:remind:80")) == PEOPLE


@pytest.mark.local_time(10)  # the prompt is delivered at once, outside quiet hours
async def test_typed_numbers_answer_the_prompt_without_buttons(
    app: BotApp, chat: ChatDriver, clock: FakeClock, seeded: None
) -> None:
    await _open_now(app, clock)
    await deliver_all(app)
    who = person(1)
    assert t.START in (await inbox(app, who))[-1].buttons
    await chat.send(who, "1")  # "Bắt đầu báo cáo", as on Zalo
    assert "Nhiệm vụ 5.3 (1/1)" in chat.text(who)
    await chat.send(who, "Không có gì thay đổi")  # a label typed answers too
    assert f"Nhiệm vụ 5.3: Đang thực hiện, {LAST_PERCENT}% — Đang mở lớp" in chat.text(who)
    await chat.send(who, "1")  # "Gửi báo cáo"
    assert "Đã gửi báo cáo" in chat.text(who)
    await chat.send(person(4), "2")  # "Đang nghỉ phép"
    assert "nghỉ phép đến hết ngày nào" in chat.text(person(4))
