"""A shared contact card says whose number it is (Telegram tells by the card's user_id)."""

from __future__ import annotations

from telegram import Update

from bot.channels.telegram import to_incoming
from bot.events import Kind

USER = 1001


def _contact_update(card_user_id: int | None) -> Update:
    contact: dict[str, object] = {"phone_number": "+84905123456", "first_name": "Hoa"}
    if card_user_id is not None:
        contact["user_id"] = card_user_id
    sender = {"id": USER, "is_bot": False, "first_name": "Hoa"}
    message = {
        "message_id": 7,
        "date": 1772416800,
        "chat": {"id": USER, "type": "private", "first_name": "Hoa"},
        "from": sender,
        "contact": contact,
    }
    return Update.de_json({"update_id": 1, "message": message}, None)


def test_own_card_carries_the_number() -> None:
    event = to_incoming(_contact_update(USER), "mangluoi_bot")
    assert event is not None and event.kind == Kind.CONTACT
    assert (event.contact_phone, event.contact_is_own) == ("+84905123456", True)


def test_someone_elses_card_is_marked_and_its_number_not_kept() -> None:
    for card_user in (2002, None):  # another user, or a card without a Telegram account
        event = to_incoming(_contact_update(card_user), "mangluoi_bot")
        assert event is not None and event.kind == Kind.CONTACT
        assert (event.contact_phone, event.contact_is_own) == (None, False)
