"""One person, two messengers: /lienket codes, their limits, and a second registration with
the same phone offered linking. Two web chat people stand for two messengers here; the
Telegram↔Zalo story is in tests/e2e/test_linking_story.py."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlmodel import col, select

from bot.app import BotApp
from bot.texts import linking as lt
from bot.timefmt import show
from models import outbox
from models.linking import LinkCode
from models.members import ChannelIdentity
from models.outbox import OutboxMessage
from tests.integration.registering import actions_about, member_of, register
from tests.utils.chat import ChatDriver
from tests.utils.clock import FakeClock

pytestmark = pytest.mark.pinned_clock  # figures and dates counted for the default day


def code_in(text: str) -> str:
    """The six-digit code a message carries."""
    found = re.search(r"\b(\d{6})\b", text)
    assert found is not None, text
    return found.group(1)


async def queued(app: BotApp, kind: str) -> list[tuple[str, str]]:
    """(external id, text) of every outbox row of one kind."""
    async with app.sessions() as session:
        rows = (
            await session.execute(select(OutboxMessage).where(col(OutboxMessage.kind) == kind))
        ).scalars()
        return [
            (row.external_id, (await outbox.load_payload(session, payload_id=row.payload_id)).text)
            for row in rows
        ]


async def test_code_ties_a_second_account_and_both_sides_are_told(
    chat: ChatDriver, app: BotApp
) -> None:
    await chat.send("xa", "/lienket")
    issued = chat.text("xa")
    until = show(app.services.clock() + timedelta(minutes=10), app.config.zone)
    assert "/lienket" in issued and until in issued
    code = code_in(issued)
    async with app.sessions() as session:
        stored = list((await session.execute(select(LinkCode))).scalars())
    assert len(stored) == 1 and code not in stored[0].code_hash and stored[0].tries_left == 5

    await chat.send("moi", code)  # just the digits, typed while unregistered
    assert "Phạm Thị Dung" in chat.text("moi") and "✅" in chat.text("moi")
    xa, moi = await member_of(app, "xa"), await member_of(app, "moi")
    assert xa is not None and moi is not None and moi.id == xa.id
    assert [a for a, _ in await actions_about(app, xa.id or 0)].count("member.link") == 1
    assert await queued(app, "link_done") == [
        ("xa", lt.LINKED_THERE.format(channel="trò chuyện web"))
    ]

    await chat.send("moi", "/hoso")  # now a member here
    assert "Phạm Thị Dung" in chat.text("moi")
    await chat.send("xa", "/lienket 000000")  # already a member: nothing more to link
    assert chat.text("xa") in (lt.ALREADY, lt.WRONG)
    assert [a for a, _ in await actions_about(app, xa.id or 0)].count("member.link") == 1


async def test_lienket_with_the_code_and_its_limits(
    chat: ChatDriver, app: BotApp, clock: FakeClock
) -> None:
    await chat.send("xa", "/lienket")
    code = code_in(chat.text("xa"))
    wrong = "000000" if code != "000000" else "111111"
    await chat.send("moi", "/lienket 12ab")
    assert chat.text("moi") == lt.NOT_A_CODE
    for _ in range(4):
        await chat.send("moi", f"/lienket {wrong}")
        assert chat.text("moi") == lt.WRONG
    await chat.send("moi", wrong)
    assert chat.text("moi") == lt.TOO_MANY
    await chat.send("moi", f"/lienket {code}")  # right, but too many tries meanwhile
    assert chat.text("moi") == lt.TOO_MANY
    assert await member_of(app, "moi") is None

    clock.advance(minutes=11)  # the account may try again; the code itself has expired
    await chat.send("moi", f"/lienket {code}")
    assert chat.text("moi") == lt.WRONG
    await chat.send("xa", "/lienket")
    await chat.send("moi", f"/lienket {code_in(chat.text('xa'))}")
    assert (await member_of(app, "moi")) is not None


async def test_a_second_code_replaces_the_first(chat: ChatDriver, app: BotApp) -> None:
    await chat.send("xa", "/lienket")
    first = code_in(chat.text("xa"))
    await chat.send("xa", "/lienket")
    second = code_in(chat.text("xa"))
    if first != second:
        await chat.send("moi", first)
        assert chat.text("moi") == lt.WRONG
    await chat.send("moi", second)
    assert (await member_of(app, "moi")) is not None


async def test_never_merges_two_members_with_data(chat: ChatDriver, app: BotApp) -> None:
    await register(chat, "khach")  # a pending registration: data of its own
    khach = await member_of(app, "khach")
    await chat.send("xa", "/lienket")
    await chat.send("khach", f"/lienket {code_in(chat.text('xa'))}")
    assert chat.text("khach") == lt.OTHER_MEMBER
    after = await member_of(app, "khach")
    assert after is not None and khach is not None and after.id == khach.id
    assert "member.link_refused" in [a for a, _ in await actions_about(app, khach.id or 0)]
    await chat.send("moi", "/lienket")  # nobody registered here: how to get a code
    assert chat.text("moi") == lt.HOW_TO


async def test_profile_has_the_linking_button(chat: ChatDriver, app: BotApp) -> None:
    await chat.send("xa", "/hoso")
    await chat.press("xa", "Liên kết")
    assert "/lienket" in chat.text("xa")
    await chat.send("moi", code_in(chat.text("xa")))
    assert (await member_of(app, "moi")) is not None


async def test_same_phone_on_another_messenger_is_offered_linking(
    chat: ChatDriver, app: BotApp
) -> None:
    await register(chat, "khach")  # phone 0905 123 456
    xa = await member_of(app, "khach")
    assert xa is not None
    await chat.send("moi", "/dangky")
    await chat.press("moi", "Tôi đồng ý")
    await chat.send("moi", "Nguyễn Văn Bình")
    await chat.send("moi", "0905 123 456")
    assert chat.text("moi") == lt.PHONE_REGISTERED
    [(to, text)] = await queued(app, "link_code")
    assert to == "khach" and "trò chuyện web" in text
    code = code_in(text)
    wrong = "000000" if code != "000000" else "111111"
    await chat.send("moi", wrong)
    assert lt.WRONG in chat.text("moi") and await member_of(app, "moi") is None
    await chat.send("moi", "không nhớ")
    assert lt.NOT_A_CODE in chat.text("moi")
    await chat.send("moi", code)
    linked = await member_of(app, "moi")
    assert linked is not None and linked.id == xa.id
    async with app.sessions() as session:
        ids = (
            await session.execute(
                select(ChannelIdentity.external_id).where(ChannelIdentity.member_id == xa.id)
            )
        ).all()
    assert sorted(i[0] for i in ids) == ["khach", "moi"]
