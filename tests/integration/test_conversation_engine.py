"""The conversation engine, router and dispatcher, through the web chat driver."""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import AsyncIterator

import pytest
from sqlalchemy import select, update

from bot.app import BotApp
from bot.context import Context
from bot.conversation import Done, Flow, Next, Outcome, Retry, Step, Turn
from bot.events import Kind, Option, Reply
from bot.router import Command, Feature, Router
from bot.texts import common as t
from bot.texts import feedback as ft
from handlers import common, feedback
from models import conversations
from models.conversations import ConversationState, Snapshot
from models.feedback import Feedback
from tests.conftest import make_config
from tests.utils.chat import ChatDriver
from tests.utils.clock import FakeClock

COLOURS = {"red": "Đỏ", "green": "Xanh lá", "yellow": "Vàng"}


async def state_of(app: BotApp, person: str) -> Snapshot | None:
    """The stored conversation of a web chat person."""
    async with app.sessions() as session:
        return await conversations.load(session, channel="webchat", external_id=person)


async def stored_feedback(app: BotApp) -> list[tuple[str, str, str]]:
    """(person, topic, text) of every stored feedback, oldest first."""
    async with app.sessions() as session:
        rows = (await session.execute(select(Feedback).order_by(Feedback.id))).scalars().all()  # type: ignore[arg-type]
    return [(row.external_id, row.topic, row.text) for row in rows]


# ---- a small test-only feature ---------------------------------------------------------


class Lab:
    """Counts what the test-only handlers did."""

    def __init__(self) -> None:
        self.colour_calls = 0
        self.cancelled: list[dict[str, object]] = []
        self.bump_once = False


def lab_feature(lab: Lab) -> Feature:
    """A flow (colour → name → contact), a failing command and a contact step."""

    async def ask_colour(turn: Turn) -> Reply:
        return Reply("Chọn màu:", tuple(Option(label, key) for key, label in COLOURS.items()))

    async def read_colour(turn: Turn) -> Outcome:
        lab.colour_calls += 1
        if lab.bump_once:
            # Another process moves this conversation on between load and save.
            lab.bump_once = False
            await turn.ctx.session.execute(
                update(ConversationState)
                .where(ConversationState.external_id == turn.ctx.event.external_id)  # type: ignore[arg-type]
                .values(version=ConversationState.version + 1)
            )
        turn.data["colour"] = turn.value
        return Next("name")

    async def ask_name(turn: Turn) -> Reply:
        return Reply(f"Màu {COLOURS[turn.data['colour']]}. Tên bạn là gì?")

    async def read_name(turn: Turn) -> Outcome:
        if len(turn.text) < 3:
            return Retry("Tên quá ngắn.")
        turn.data["name"] = turn.text
        return Next("phone")

    async def ask_phone(turn: Turn) -> Reply:
        return Reply("Chia sẻ số điện thoại:", ask_contact=True)

    async def read_phone(turn: Turn) -> Outcome:
        phone = turn.ctx.event.contact_phone or turn.text
        turn.ctx.say(f"Xong: {turn.data['name']} {turn.data['colour']} {phone}")
        if phone == "gopy":
            await turn.ctx.start_flow("feedback")
        return Done()

    async def on_cancel(turn: Turn) -> None:
        lab.cancelled.append(dict(turn.data))

    async def start_lab(ctx: Context) -> None:
        await ctx.start_flow("lab", {"origin": "test"})

    async def boom(ctx: Context) -> None:
        ctx.say("never delivered")
        raise RuntimeError("handler exploded")

    flow = Flow(
        name="lab",
        title="Thử nghiệm",
        steps=(
            Step("colour", ask_colour, read_colour, free_text=False),
            Step("name", ask_name, read_name),
            Step("phone", ask_phone, read_phone, accepts=frozenset({Kind.TEXT, Kind.CONTACT})),
        ),
        on_cancel=on_cancel,
    )
    return Feature(
        name="lab",
        commands=(
            Command("lab", start_lab, "Thử nghiệm"),
            Command("boom", boom, "Lỗi thử", in_menu=False),
        ),
        flows=(flow,),
    )


@pytest.fixture
def lab() -> Lab:
    return Lab()


@pytest.fixture
async def lab_app(db_url: str, clock: FakeClock, lab: Lab) -> AsyncIterator[BotApp]:
    router = Router([common.setup(), feedback.setup(), lab_feature(lab)])
    bot_app = BotApp(make_config(db_url), seed_demo=True, clock=clock, router=router)
    await bot_app.start(web=False)
    yield bot_app
    await bot_app.stop()


@pytest.fixture
def lab_chat(lab_app: BotApp) -> ChatDriver:
    return ChatDriver(lab_app.dispatcher)


# ---- validation, options, back, cancel --------------------------------------------------


async def test_too_short_feedback_is_explained_and_asked_again(chat: ChatDriver, app) -> None:
    await chat.send("xa", "/gopy")
    await chat.press("xa", "Báo lỗi")
    question = chat.text("xa")
    await chat.send("xa", "abc")
    texts = [message.text for message in chat.last["xa"]]
    assert texts == [ft.TOO_SHORT.format(minimum=feedback.MIN_LENGTH), question]
    assert chat.labels("xa") == [t.BACK, t.CANCEL]
    state = await state_of(app, "xa")
    assert state is not None and (state.step, state.data) == ("text", {"topic": "bug"})
    await chat.send("xa", "x" * (feedback.MAX_LENGTH + 1))
    assert "vượt quá" in chat.text("xa")
    await chat.send("xa", "Ứng dụng bị treo khi gửi ảnh")
    assert chat.text("xa") == ft.THANKS
    assert await stored_feedback(app) == [("xa", "bug", "Ứng dụng bị treo khi gửi ảnh")]
    assert await state_of(app, "xa") is None


async def test_a_typed_number_picks_that_option(chat: ChatDriver, app) -> None:
    await chat.send("xa", "/gopy")
    assert chat.labels("xa") == [*ft.TOPICS.values(), t.CANCEL]
    await chat.send("xa", "2")
    assert chat.text("xa") == ft.ASK_TEXT.format(topic=ft.TOPICS["bug"], limit=2000)
    state = await state_of(app, "xa")
    assert state is not None and state.data == {"topic": "bug"}


async def test_a_typed_label_picks_that_option_without_accents(chat: ChatDriver, app) -> None:
    await chat.send("xa", "/gopy")
    await chat.send("xa", "  noi dung KHAC ")
    assert chat.text("xa") == ft.ASK_TEXT.format(topic=ft.TOPICS["other"], limit=2000)


async def test_an_options_only_step_refuses_free_text(chat: ChatDriver, app) -> None:
    await chat.send("xa", "/gopy")
    await chat.send("xa", "Tôi muốn góp ý")
    assert [m.text for m in chat.last["xa"]] == [t.PICK_AN_OPTION, ft.ASK_TOPIC]
    await chat.send("xa", "7")
    assert [m.text for m in chat.last["xa"]] == [t.PICK_AN_OPTION, ft.ASK_TOPIC]
    state = await state_of(app, "xa")
    assert state is not None and (state.step, state.data) == ("topic", {})


async def test_back_returns_to_the_previous_step(lab_chat: ChatDriver, lab_app) -> None:
    await lab_chat.send("xa", "/lab")
    assert t.BACK not in lab_chat.labels("xa")
    await lab_chat.send("xa", "quay lai")
    assert [m.text for m in lab_chat.last["xa"]] == [t.STEP_FIRST, "Chọn màu:"]
    await lab_chat.press("xa", "Xanh lá")
    await lab_chat.send("xa", "Phạm Thị Dung")
    assert lab_chat.text("xa") == "Chia sẻ số điện thoại:"
    await lab_chat.press("xa", "Quay lại")
    assert lab_chat.text("xa") == "Màu Xanh lá. Tên bạn là gì?"
    await lab_chat.send("xa", "Quay lại")
    assert lab_chat.text("xa") == "Chọn màu:"
    state = await state_of(lab_app, "xa")
    assert state is not None and (state.step, state.history) == ("colour", [])
    await lab_chat.press("xa", "Vàng")
    await lab_chat.send("xa", "Phạm Thị Dung")
    await lab_chat.share_contact("xa", "+84905123456")
    assert lab_chat.text("xa") == "Xong: Phạm Thị Dung yellow +84905123456"
    assert await state_of(lab_app, "xa") is None


async def test_huy_cancels_and_shows_the_menu(lab_chat: ChatDriver, lab_app, lab: Lab) -> None:
    await lab_chat.send("xa", "/lab")
    await lab_chat.press("xa", "Đỏ")
    await lab_chat.send("xa", "/huy")
    assert lab_chat.text("xa").startswith(t.CANCELLED)
    assert t.MENU_HEADER in lab_chat.text("xa")
    assert await state_of(lab_app, "xa") is None
    assert lab.cancelled == [{"origin": "test", "colour": "red"}]
    await lab_chat.send("xa", "/huy")
    assert lab_chat.text("xa").startswith(t.NOTHING_TO_CANCEL)


async def test_cancel_button_typed_word_and_typed_number(chat: ChatDriver, app) -> None:
    await chat.send("xa", "/gopy")
    await chat.press("xa", "Hủy")
    assert chat.text("xa").startswith(t.CANCELLED)
    assert await state_of(app, "xa") is None
    await chat.send("xa", "/gopy")
    await chat.send("xa", "hủy")
    assert chat.text("xa").startswith(t.CANCELLED)
    await chat.send("xa", "/gopy")
    number = chat.labels("xa").index(t.CANCEL) + 1
    await chat.send("xa", str(number))
    assert chat.text("xa").startswith(t.CANCELLED)
    assert await state_of(app, "xa") is None


async def test_typed_numbers_in_a_free_text_step_stay_text(lab_chat: ChatDriver, lab_app) -> None:
    await lab_chat.send("xa", "/lab")
    await lab_chat.press("xa", "Đỏ")
    assert lab_chat.labels("xa") == [t.BACK, t.CANCEL]
    await lab_chat.send("xa", "1")
    assert [m.text for m in lab_chat.last["xa"]] == ["Tên quá ngắn.", "Màu Đỏ. Tên bạn là gì?"]
    await lab_chat.send("xa", "2")
    assert lab_chat.last["xa"][0].text == "Tên quá ngắn."
    state = await state_of(lab_app, "xa")
    assert state is not None and state.step == "name"


async def test_a_flow_may_hand_over_to_another_when_done(lab_chat: ChatDriver, lab_app) -> None:
    await lab_chat.send("xa", "/lab")
    await lab_chat.send("xa", "1")
    await lab_chat.send("xa", "Phạm Thị Dung")
    await lab_chat.send("xa", "gopy")
    assert [m.text for m in lab_chat.last["xa"]] == ["Xong: Phạm Thị Dung red gopy", ft.ASK_TOPIC]
    state = await state_of(lab_app, "xa")
    assert state is not None and (state.flow, state.step) == ("feedback", "topic")
    await lab_chat.press("xa", "Báo lỗi")
    assert lab_chat.text("xa").startswith("Mời anh/chị nhập nội dung")


async def test_a_command_inside_a_conversation_asks_again(chat: ChatDriver, app) -> None:
    await chat.send("xa", "/gopy")
    await chat.press("xa", "Góp ý")
    await chat.send("xa", "/help")
    texts = [m.text for m in chat.last["xa"]]
    assert texts[0] == t.IN_CONVERSATION.format(title=ft.TITLE)
    assert "/huy" in texts[0]
    assert texts[1] == ft.ASK_TEXT.format(topic=ft.TOPICS["idea"], limit=2000)
    state = await state_of(app, "xa")
    assert state is not None and (state.step, state.data) == ("text", {"topic": "idea"})


# ---- buttons ----------------------------------------------------------------------------


async def test_a_button_of_an_earlier_step_is_stale(chat: ChatDriver, app) -> None:
    await chat.send("xa", "/gopy")
    old = chat.token("xa", "Nội dung khác")
    await chat.press("xa", "Báo lỗi")
    await chat.press_token("xa", old)
    texts = [m.text for m in chat.last["xa"]]
    assert texts == [t.OLD_BUTTON, ft.ASK_TEXT.format(topic=ft.TOPICS["bug"], limit=2000)]
    state = await state_of(app, "xa")
    assert state is not None and state.data == {"topic": "bug"}


async def test_a_button_of_a_finished_conversation_is_stale(chat: ChatDriver, app) -> None:
    await chat.send("xa", "/gopy")
    await chat.press("xa", "Báo lỗi")
    old_back = chat.token("xa", "Quay lại")
    await chat.send("xa", "/huy")
    await chat.send("xa", "/gopy")
    await chat.press("xa", "Góp ý")
    await chat.press_token("xa", old_back)
    assert chat.last["xa"][0].text == t.OLD_BUTTON
    state = await state_of(app, "xa")
    assert state is not None and (state.step, state.data) == ("text", {"topic": "idea"})


async def test_another_persons_button_does_nothing(chat: ChatDriver, app) -> None:
    await chat.send("xa", "/gopy")
    foreign = chat.token("xa", "Báo lỗi")
    await chat.send("totruong", "/gopy")
    await chat.press_token("totruong", foreign)
    assert chat.text("totruong").startswith(t.OLD_BUTTON)
    xa_state = await state_of(app, "xa")
    assert xa_state is not None and (xa_state.step, xa_state.data) == ("topic", {})
    totruong_state = await state_of(app, "totruong")
    assert totruong_state is not None and totruong_state.step == "topic"
    await chat.press_token("xa", foreign)
    assert chat.text("xa") == ft.ASK_TEXT.format(topic=ft.TOPICS["bug"], limit=2000)


async def test_a_menu_button_runs_its_command(chat: ChatDriver) -> None:
    await chat.send("khach", "/start")
    assert chat.text("khach").startswith(t.WELCOME_GUEST)
    await chat.press("khach", "Góp ý")
    assert chat.text("khach") == ft.ASK_TOPIC


# ---- time, restarts, concurrency --------------------------------------------------------


async def test_an_idle_conversation_expires(chat: ChatDriver, app, clock: FakeClock) -> None:
    await chat.send("xa", "/gopy")
    clock.advance(hours=23)
    await chat.press("xa", "Báo lỗi")
    assert chat.text("xa").startswith(ft.ASK_TEXT[:20])
    clock.advance(hours=24, minutes=1)
    await chat.send("xa", "Nội dung góp ý muộn")
    texts = [m.text for m in chat.last["xa"]]
    assert texts[0] == t.EXPIRED.format(title=ft.TITLE)
    assert texts[1].startswith(t.FREE_TEXT_OUTSIDE)
    assert await state_of(app, "xa") is None
    assert await stored_feedback(app) == []
    await chat.send("xa", "/gopy")
    assert chat.text("xa") == ft.ASK_TOPIC


async def test_an_expired_conversation_then_runs_the_command(chat: ChatDriver, clock) -> None:
    await chat.send("xa", "/gopy")
    clock.advance(days=2)
    await chat.send("xa", "/help")
    texts = [m.text for m in chat.last["xa"]]
    assert texts[0] == t.EXPIRED.format(title=ft.TITLE)
    assert texts[1].startswith(t.MENU_HEADER)


async def test_a_restart_in_the_middle_continues_the_conversation(
    db_url: str, clock: FakeClock
) -> None:
    first = BotApp(make_config(db_url), seed_demo=True, clock=clock)
    await first.start(web=False)
    chat = ChatDriver(first.dispatcher)
    await chat.send("xa", "/gopy")
    await chat.press("xa", "Báo lỗi")
    await first.stop()

    second = BotApp(make_config(db_url), seed_demo=True, clock=clock)
    await second.start(web=False)
    try:
        chat.dispatcher = second.dispatcher
        await chat.send("xa", "Không mở được tệp đính kèm")
        assert chat.text("xa") == ft.THANKS
        assert await stored_feedback(second) == [("xa", "bug", "Không mở được tệp đính kèm")]
    finally:
        await second.stop()


async def test_fast_messages_of_one_person_are_handled_in_order(chat: ChatDriver, app) -> None:
    answers = await asyncio.gather(
        chat.send("xa", "/gopy"),
        chat.send("xa", "2"),
        chat.send("xa", "Tin thứ ba"),
        chat.send("xa", "/gopy"),
    )
    assert [a[-1].text for a in answers] == [
        ft.ASK_TOPIC,
        ft.ASK_TEXT.format(topic=ft.TOPICS["bug"], limit=2000),
        ft.THANKS,
        ft.ASK_TOPIC,
    ]
    assert await stored_feedback(app) == [("xa", "bug", "Tin thứ ba")]


async def test_different_people_at_the_same_time(chat: ChatDriver, app) -> None:
    people = ["admin", "so", "huyen", "xa", "totruong", "khach"]
    await asyncio.gather(*(chat.send(p, "/gopy") for p in people))
    await asyncio.gather(*(chat.send(p, "3") for p in people))
    await asyncio.gather(*(chat.send(p, f"Góp ý của {p} nhé") for p in people))
    assert sorted(await stored_feedback(app)) == sorted(
        (p, "other", f"Góp ý của {p} nhé") for p in people
    )
    assert all(chat.text(p) == ft.THANKS for p in people)


async def test_a_stale_save_is_retried(lab_chat: ChatDriver, lab_app, lab: Lab, caplog) -> None:
    await lab_chat.send("xa", "/lab")
    lab.bump_once = True
    with caplog.at_level(logging.INFO, logger="bot.dispatcher"):
        await lab_chat.press("xa", "Vàng")
    assert lab.colour_calls == 2
    assert any("retrying" in r.getMessage() for r in caplog.records)
    assert lab_chat.text("xa") == "Màu Vàng. Tên bạn là gì?"
    state = await state_of(lab_app, "xa")
    assert state is not None and state.data == {"origin": "test", "colour": "yellow"}


# ---- what is not a conversation answer --------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "what"),
    [(Kind.STICKER, t.WHAT_STICKER), (Kind.VOICE, t.WHAT_VOICE), (Kind.LOCATION, t.WHAT_LOCATION)],
)
async def test_unsupported_kinds_are_explained(chat: ChatDriver, app, kind, what) -> None:
    await chat.send_kind("xa", kind)
    assert chat.text("xa").startswith(t.NOT_SUPPORTED.format(what=what))
    assert t.MENU_HEADER in chat.text("xa")
    await chat.send("xa", "/gopy")
    await chat.send_kind("xa", kind)
    assert [m.text for m in chat.last["xa"]] == [t.NOT_SUPPORTED.format(what=what), ft.ASK_TOPIC]
    state = await state_of(app, "xa")
    assert state is not None and state.step == "topic"


async def test_a_contact_where_none_is_expected(lab_chat: ChatDriver) -> None:
    await lab_chat.send("xa", "/lab")
    await lab_chat.share_contact("xa", "+84905123456")
    assert lab_chat.last["xa"][0].text == t.NOT_SUPPORTED.format(what=t.WHAT_CONTACT)


async def test_free_text_outside_a_conversation_gets_the_menu(chat: ChatDriver) -> None:
    await chat.send("xa", "xin chào")
    text = chat.text("xa")
    assert text.startswith(t.FREE_TEXT_OUTSIDE)
    assert "/gopy" in text and "/xemgopy" not in text
    assert ft.BUTTON in chat.labels("xa")


async def test_an_unknown_command_gets_the_menu(chat: ChatDriver) -> None:
    await chat.send("xa", "/khongco abc")
    text = chat.text("xa")
    assert text.startswith(t.UNKNOWN_COMMAND.format(command="khongco"))
    assert t.MENU_HEADER in text


async def test_a_failing_handler_is_logged_and_the_person_told(
    lab_chat: ChatDriver, caplog
) -> None:
    with caplog.at_level(logging.ERROR):
        await lab_chat.send("xa", "/boom")
    assert lab_chat.text("xa") == t.ERROR_TRY_AGAIN
    failures = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert len(failures) == 1
    assert failures[0].exc_info is not None
    assert "handler exploded" in str(failures[0].exc_info[1])
    await lab_chat.send("xa", "/lab")
    assert lab_chat.text("xa") == "Chọn màu:"


async def test_commands_are_refused_politely_by_role(chat: ChatDriver) -> None:
    await chat.send("xa", "/xemgopy")
    assert chat.text("xa") == t.NOT_ALLOWED.format(role=t.ROLE_REFUSAL_ROLE_NAMES["admin"])
    await chat.send("khach", "/xemgopy")
    assert chat.text("khach") == t.NOT_ALLOWED.format(role=t.ROLE_REFUSAL_ROLE_NAMES["admin"])
    await chat.send("admin", "/xemgopy")
    assert chat.text("admin") == ft.LIST_EMPTY
    await chat.send("xa", "/gopy")
    await chat.send("xa", "1")
    await chat.send("xa", "Nên có hướng dẫn bằng video")
    await chat.send("admin", "/xemgopy")
    lines = chat.text("admin").splitlines()
    assert lines[0] == ft.LIST_HEADER
    assert re.fullmatch(
        r"• \d\d/\d\d/\d{4} \d\d:\d\d — Phạm Thị Dung \(Xã Ia Sao, Huyện Ia Grai\) — "
        r"Góp ý về Trợ lý: Nên có hướng dẫn bằng video",
        lines[1],
    )
