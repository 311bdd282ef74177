"""Characters a messenger may hand over that text columns cannot hold: a NUL (PostgreSQL
refuses it) and lone surrogates (not UTF-8). Found by the fuzzed conversations."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import select

from bot.app import BotApp
from bot.events import storable
from bot.texts import common as ct
from bot.texts import feedback as ft
from models.feedback import Feedback
from tests.utils.chat import ChatDriver


def test_storable_text_drops_nul_and_replaces_lone_surrogates() -> None:
    assert storable("a\x00b") == "ab"
    assert storable("Tổ\ud800 trưởng\udfff") == "Tổ\ufffd trưởng\ufffd"
    assert storable("Nguyễn 😀") == "Nguyễn 😀"


@pytest.mark.parametrize("odd", ["\x00", "\ud800", "a\x00\udfffb"])
async def test_nul_and_lone_surrogates_are_answered_and_never_stored(
    chat: ChatDriver, app: BotApp, caplog, odd: str
) -> None:
    """A NUL (which PostgreSQL refuses in text) or a lone surrogate (which is not UTF-8) in
    what a messenger hands over, in a button token or a text, gets the usual answers."""
    caplog.set_level(logging.WARNING)
    await chat.press_token("xa", f"tok{odd}")
    assert chat.text("xa").startswith(ct.OLD_BUTTON)
    await chat.send("xa", "/gopy")
    await chat.send("xa", "1")
    await chat.send("xa", f"Góp ý {odd} hay")
    assert chat.text("xa") == ft.THANKS
    async with app.sessions() as session:
        stored = (await session.execute(select(Feedback.text))).scalars().all()
    assert len(stored) == 1 and "\x00" not in stored[0]
    assert stored[0].encode("utf-8").decode("utf-8") == stored[0]
    await chat.send("xa", f"/gopy{odd}")
    assert chat.text("xa") and ct.ERROR_TRY_AGAIN not in chat.text("xa")
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
