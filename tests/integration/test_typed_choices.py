"""Choices answered by typing their number or label: pushed announcements and reminders,
approval requests, the menu; older sets, restarts, and what an open conversation keeps.

Sending needs working hours: every test starts at 09:00 on the suite's day, the training
(`training_time`) is eight days later at 08:00."""

from __future__ import annotations

import pytest

from bot.app import BotApp
from bot.texts import broadcast as bt
from bot.texts import common as t
from bot.texts import feedback as ft
from bot.texts import membership as mt
from jobs import announcements as announcement_jobs
from models import conversations
from tests.conftest import make_config
from tests.integration.composing import compose, training_time
from tests.integration.registering import register
from tests.utils.broadcasting import deliver_all, inbox
from tests.utils.chat import ChatDriver
from tests.utils.clock import FakeClock, local_at, shown

pytestmark = pytest.mark.local_time(9, 0)

TITLE = "Tập huấn sử dụng VNeID"


async def _send_training(app: BotApp, chat: ChatDriver) -> None:
    await compose(chat, "huyen")
    await chat.press("huyen", "Gửi ngay")
    await deliver_all(app)


async def _report(chat: ChatDriver) -> str:
    await chat.send("huyen", "/tinhhinh")
    await chat.press("huyen", "#1")
    return chat.text("huyen")


async def _step_of(app: BotApp, person: str) -> str | None:
    async with app.sessions() as session:
        snapshot = await conversations.load(session, channel="webchat", external_id=person)
    return None if snapshot is None else snapshot.step


async def test_a_bare_number_answers_a_pushed_announcement(
    app: BotApp, chat: ChatDriver, clock: FakeClock
) -> None:
    starts = training_time(clock())
    await _send_training(app, chat)
    [received] = await inbox(app, "xa")
    assert list(received.buttons) == ["Đã nhận", "Tham gia", "Không tham gia"]
    await chat.send("xa", "1")
    assert chat.text("xa") == bt.ACKED.format(title=TITLE)
    # The answer to "Đã nhận" offers the attendance choices again: they are the last set
    # shown, so their numbers are the ones on screen now (1. Tham gia, 2. Không tham gia).
    assert chat.labels("xa") == ["Tham gia", "Không tham gia"]
    await chat.send("xa", " 1 ")
    assert f"anh/chị sẽ tham gia “Tập huấn sử dụng VNeID” lúc {shown(starts)}" in chat.text("xa")
    await chat.send("totruong", "Số 3.")
    assert bt.NOT_ATTEND_RECORDED.format(title=TITLE) in chat.text("totruong")
    # The reason question is a conversation now: its "1" is its own option (Bỏ qua).
    await chat.send("totruong", "1")
    assert chat.text("totruong") == bt.REASON_SKIPPED
    report = await _report(chat)
    assert "👁 Đã xác nhận: 2/3" in report  # an answer counts as received
    assert "🙋 Tham gia: 1 · 🙅 Không tham gia: 1 · ❔ Chưa trả lời: 1" in report


async def test_a_typed_label_answers_it_too(app: BotApp, chat: ChatDriver) -> None:
    await _send_training(app, chat)
    await chat.send("xa", "đã nhận.")
    assert chat.text("xa") == bt.ACKED.format(title=TITLE)
    await chat.send("xa", "KHONG THAM GIA")
    assert bt.NOT_ATTEND_RECORDED.format(title=TITLE) in chat.text("xa")
    await chat.send("xa", "Bỏ qua")
    await chat.send("totruong", "tham gia")
    assert "anh/chị sẽ tham gia" in chat.text("totruong")
    report = await _report(chat)
    assert "👁 Đã xác nhận: 2/3" in report  # an answer counts as received
    assert "🙋 Tham gia: 1 · 🙅 Không tham gia: 1 · ❔ Chưa trả lời: 1" in report


async def test_a_number_outside_the_last_set_gets_the_set_again(
    app: BotApp, chat: ChatDriver, clock: FakeClock
) -> None:
    starts = training_time(clock())
    await _send_training(app, chat)
    await chat.send("xa", "7")
    text = chat.text("xa")
    assert text.startswith(t.CHOICE_NOT_SHOWN.format(number=7))
    assert "1. Đã nhận\n2. Tham gia\n3. Không tham gia" in text
    assert t.CHOICES_AGAIN.format(heading="🎓 TẬP HUẤN: Tập huấn sử dụng VNeID") in text
    assert chat.labels("xa") == ["Đã nhận", "Tham gia", "Không tham gia"]
    await chat.press("xa", "Tham gia")  # the repeated buttons work
    assert "anh/chị sẽ tham gia" in chat.text("xa")

    clock.current = local_at(starts, days=-1, hour=8, minute=5)  # 08:05 on the eve
    await announcement_jobs.remind_due(app.job_context)
    await deliver_all(app)
    reminder = (await inbox(app, "xa"))[-1]
    assert list(reminder.buttons) == ["Không tham gia"]
    # "3" was "Không tham gia" on the announcement; the reminder shown since has one option.
    await chat.send("xa", "3")
    text = chat.text("xa")
    assert text.startswith(t.CHOICE_NOT_SHOWN.format(number=3))
    assert "\n1. Không tham gia\n" in text
    assert chat.labels("xa") == ["Không tham gia"]
    await chat.send("xa", "1")
    assert bt.NOT_ATTEND_RECORDED.format(title=TITLE) in chat.text("xa")


async def test_a_number_to_the_main_menu_runs_that_command(chat: ChatDriver) -> None:
    await chat.send("xa", "/help")
    labels = chat.labels("xa")
    number = labels.index(ft.BUTTON) + 1
    await chat.send("xa", f"{number}.")
    assert chat.text("xa") == ft.ASK_TOPIC
    await chat.send("xa", "/huy")  # shows the menu again
    await chat.send("xa", "gop y")
    assert chat.text("xa") == ft.ASK_TOPIC


async def test_a_number_with_nothing_shown_gets_the_menu(chat: ChatDriver) -> None:
    await chat.send("khach", "2")
    text = chat.text("khach")
    assert text.startswith(t.NOTHING_TO_PICK.format(number=2))
    assert t.MENU_HEADER in text
    await chat.send("khach", "xin chào")
    assert chat.text("khach").startswith(t.FREE_TEXT_OUTSIDE)


async def test_a_coordinator_approves_a_pushed_request_by_number(
    app: BotApp, chat: ChatDriver
) -> None:
    await register(chat, "khach")
    await deliver_all(app)
    request = (await inbox(app, "huyen"))[-1]
    assert "Nguyễn Văn Bình" in request.text
    assert list(request.buttons) == [mt.APPROVE, mt.REJECT]
    await chat.send("huyen", "1")
    assert chat.text("huyen").startswith(
        mt.APPROVED_DONE.format(name="Nguyễn Văn Bình", told="").strip()
    )


async def test_a_restart_still_reads_the_number(db_url: str, clock: FakeClock) -> None:
    first = BotApp(make_config(db_url), seed_demo=True, clock=clock)
    await first.start(web=False)
    try:
        await _send_training(first, ChatDriver(first.dispatcher))
    finally:
        await first.stop()

    second = BotApp(make_config(db_url), seed_demo=True, clock=clock)
    await second.start(web=False)
    try:
        chat = ChatDriver(second.dispatcher)
        await chat.send("xa", "2")
        assert "anh/chị sẽ tham gia “Tập huấn sử dụng VNeID”" in chat.text("xa")
        assert "🙋 Tham gia: 1" in await _report(chat)
    finally:
        await second.stop()


# ---- an open conversation keeps its question ---------------------------------------------


async def test_a_pushed_announcement_does_not_break_an_open_flow(
    app: BotApp, chat: ChatDriver
) -> None:
    await chat.send("xa", "/gopy")
    await _send_training(app, chat)
    # A label of the announcement received meanwhile answers it; the question comes again.
    await chat.send("xa", "Đã nhận")
    texts = [message.text for message in chat.last["xa"]]
    assert texts == [bt.ACKED.format(title=TITLE), ft.ASK_TOPIC]
    assert await _step_of(app, "xa") == "topic"
    # Numbers belong to the question being answered.
    await chat.send("xa", "9")
    assert chat.text("xa").startswith(t.PICK_AN_OPTION)
    assert await _step_of(app, "xa") == "topic"
    # The question was asked after the announcement: its labels are the question's again.
    await chat.send("xa", "Tham gia")
    assert chat.text("xa").startswith(t.PICK_AN_OPTION)
    await chat.send("xa", "2")
    assert chat.text("xa") == ft.ASK_TEXT.format(topic=ft.TOPICS["bug"], limit=2000)
    # A free-text step takes any text as its answer.
    await chat.send("xa", "Tham gia")
    assert chat.text("xa") == ft.THANKS
    # Once the flow is over, a number answers the last choices shown outside it: the
    # attendance choices that came with "Đã nhận" (1. Tham gia, 2. Không tham gia).
    await chat.send("xa", "1")
    assert "anh/chị sẽ tham gia" in chat.text("xa")


async def test_a_menu_label_does_not_replace_the_flow_it_started(chat: ChatDriver, app) -> None:
    await chat.send("xa", "/help")
    await chat.press("xa", "Góp ý")
    await chat.send("xa", "Hồ sơ")
    assert chat.text("xa").startswith(t.PICK_AN_OPTION)
    assert await _step_of(app, "xa") == "topic"


async def test_a_forged_button_mid_flow_asks_the_question_again(chat: ChatDriver) -> None:
    await chat.send("xa", "/gopy")
    await chat.press_token("xa", "forged-token-0001")
    texts = [message.text for message in chat.last["xa"]]
    assert texts == [t.OLD_BUTTON, ft.ASK_TOPIC]
    assert t.MENU_HEADER not in chat.text("xa")
    assert ft.TOPICS["bug"] in chat.labels("xa")
    await chat.press("xa", "Báo lỗi")
    assert chat.text("xa") == ft.ASK_TEXT.format(topic=ft.TOPICS["bug"], limit=2000)


async def test_a_forged_button_outside_a_flow_gets_the_menu(chat: ChatDriver) -> None:
    await chat.press_token("xa", "forged-token-0001")
    text = chat.text("xa")
    assert text.startswith(t.OLD_BUTTON)
    assert t.MENU_HEADER in text
