"""/start and /help: what each person sees, and a nameless admin asked for a name once."""

from __future__ import annotations

from bot import admin_tools
from bot.app import BotApp
from bot.events import Incoming, Kind
from bot.texts import admin as at
from bot.texts import common as ct
from bot.texts import profile as pt
from bot.texts import validation as vt
from models import audit, conversations
from rendering.members import has_placeholder_name
from tests.integration.registering import member_of
from tests.utils.chat import ChatDriver


async def _grant(app: BotApp, user_id: str, role: str = "admin") -> None:
    async with app.sessions() as session:
        await admin_tools.grant(session, channel="webchat", user_id=user_id, role=role, by="cli")
        await session.commit()


async def test_help_lists_the_personal_data_commands_for_members(chat: ChatDriver) -> None:
    for person in ("xa", "totruong", "huyen", "admin"):
        await chat.send(person, "/help")
        text = chat.text(person)
        assert f"/xuatdulieu — {pt.CMD_EXPORT}" in text, person
        assert f"/xoadulieu — {pt.CMD_ERASE}" in text, person
        assert text.index("/hoso") < text.index("/xuatdulieu") < text.index("/xoadulieu")
    await chat.send("khach", "/help")
    assert "/xuatdulieu" in chat.text("khach") and "/hoso" not in chat.text("khach")


async def test_a_nameless_admin_is_asked_their_name_once(app: BotApp, chat: ChatDriver) -> None:
    await _grant(app, "moi")
    before = await member_of(app, "moi")
    assert before is not None and has_placeholder_name(before)

    await chat.send("moi", "/start")
    asked = ct.ASK_OWN_NAME.format(role=at.ROLE_NAMES["admin"])
    assert chat.text("moi") == asked
    assert "Chưa cập nhật tên" not in chat.text("moi")
    await chat.send("moi", "An")
    assert [m.text for m in chat.last["moi"]] == [vt.MESSAGES["name_one_word"], asked]
    await chat.send("moi", "  lê   thị HOA ")
    welcome = chat.last["moi"][0].text
    assert welcome.startswith(ct.WELCOME_MEMBER.format(name="Lê Thị Hoa"))
    assert "/xemgopy" in welcome  # the admin's menu follows the greeting

    member = await member_of(app, "moi")
    assert member is not None and member.id is not None
    assert member.full_name == "Lê Thị Hoa" and not has_placeholder_name(member)
    async with app.sessions() as session:
        entries = await audit.entries_for(session, target_member_id=member.id)
        state = await conversations.load(session, channel="webchat", external_id="moi")
    assert [e.action for e in entries] == ["role.change", "profile.update"]
    assert state is None

    await chat.send("moi", "/start")
    assert chat.text("moi").startswith(ct.WELCOME_MEMBER.format(name="Lê Thị Hoa"))
    # A later role change from the command line keeps the name.
    await _grant(app, "moi", role="coordinator")
    await chat.send("moi", "/start")
    assert chat.text("moi").startswith(ct.WELCOME_MEMBER.format(name="Lê Thị Hoa"))


async def test_the_messenger_name_is_offered_when_it_is_a_full_name(
    app: BotApp, chat: ChatDriver
) -> None:
    await _grant(app, "tg1", role="coordinator")

    def start(display_name: str) -> Incoming:
        return Incoming(
            channel="webchat",
            external_id="tg1",
            chat_id="tg1",
            kind=Kind.TEXT,
            text="/start",
            display_name=display_name,
        )

    await chat.send_event(start("Hoa"))  # one word: not offered
    assert chat.labels("tg1") == [ct.CANCEL]
    await chat.send("tg1", "/huy")
    await chat.send_event(start("NGUYỄN văn tám"))
    assert chat.text("tg1") == ct.ASK_OWN_NAME.format(role=at.ROLE_NAMES["coordinator"])
    offered = ct.USE_DISPLAY_NAME.format(name="Nguyễn Văn Tám")
    assert chat.labels("tg1") == [offered, ct.CANCEL]
    await chat.press("tg1", offered)
    assert chat.text("tg1").startswith(ct.WELCOME_MEMBER.format(name="Nguyễn Văn Tám"))
    member = await member_of(app, "tg1")
    assert member is not None and member.full_name == "Nguyễn Văn Tám"


async def test_members_with_a_name_are_greeted_at_once(chat: ChatDriver) -> None:
    await chat.send("admin", "/start")
    assert chat.text("admin").startswith(ct.WELCOME_MEMBER.format(name="Nguyễn Văn An"))
    await chat.send("khach", "/start")
    assert chat.text("khach").startswith(ct.WELCOME_GUEST)
