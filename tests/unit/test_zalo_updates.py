"""Reading Zalo updates: bare or wrapped, every documented event, and whatever else comes."""

from __future__ import annotations

from typing import Any

import pytest

from bot.channels.zalo_updates import parse
from bot.events import Kind
from tests.fakes import zalo_updates as updates

CHAT = "e4ea2cd5189df1c3a88c"


def test_a_text_update_bare_and_wrapped_reads_the_same() -> None:
    bare = updates.text(CHAT, "Xin chào", name="Ksor H'Lan", msg_id="16f6366b3f02645a3d15")
    for payload in (bare, updates.wrapped(bare)):
        update = parse(payload)
        assert update.event_name == "message.text.received"
        assert update.message_id == "16f6366b3f02645a3d15"
        assert update.chat_id == CHAT
        assert update.date_ms is not None and update.date_ms > 1_700_000_000_000  # ms
        event = update.incoming
        assert event is not None
        assert (event.channel, event.external_id, event.chat_id) == ("zalo", CHAT, CHAT)
        assert (event.kind, event.text) == (Kind.TEXT, "Xin chào")
        assert event.display_name == "Ksor H'Lan"
        assert event.is_private


def test_an_image_carries_its_address_and_caption() -> None:
    url = "https://photo.example.invalid/a.jpg"
    event = parse(updates.image(CHAT, url, caption="Ảnh tập huấn")).incoming
    assert event is not None and event.kind == Kind.PHOTO
    assert event.text == "Ảnh tập huấn"
    assert event.attachment is not None and event.attachment.file_id == url


@pytest.mark.parametrize(
    ("payload", "kind"),
    [
        (updates.sticker(CHAT), Kind.STICKER),
        (updates.unsupported(CHAT), Kind.OTHER),
        (updates.update("message.voice.received", CHAT, voice_url="https://x/a.aac"), Kind.VOICE),
        (updates.update("message.location.received", CHAT), Kind.OTHER),
        (updates.update("message.text.received", CHAT), Kind.OTHER),  # a text without text
    ],
)
def test_other_events_become_messages_to_answer_politely(payload: dict, kind: Kind) -> None:
    event = parse(payload).incoming
    assert event is not None and event.kind == kind and event.chat_id == CHAT


def test_an_event_without_a_chat_has_nobody_to_answer() -> None:
    update = parse(updates.wrapped(updates.unsupported(None)))
    assert update.event_name == "message.unsupported.received"
    assert update.incoming is None and update.message_id is None


def test_messages_from_bots_are_not_answered() -> None:
    payload = updates.text(CHAT, "ping")
    payload["message"]["from"]["is_bot"] = True
    assert parse(payload).incoming is None


def test_a_group_chat_is_not_private() -> None:
    event = parse(updates.text(CHAT, "/start", chat_type="GROUP")).incoming
    assert event is not None and not event.is_private


def test_numeric_ids_are_read_as_strings() -> None:
    payload: dict[str, Any] = {
        "event_name": "message.text.received",
        "message": {"from": {"id": 42}, "chat": {"id": 42}, "message_id": 7, "text": "2"},
    }
    update = parse(payload)
    assert (update.chat_id, update.message_id) == ("42", "7")


@pytest.mark.parametrize(
    "payload",
    [
        [],
        {},
        None,
        "message.text.received",
        {"event_name": 5},
        {"event_name": ""},
        {"ok": False, "error_code": 408, "description": "Request timeout"},
        {"ok": True, "result": []},
        {"event_name": "message.text.received", "message": "hello"},
    ],
)
def test_what_is_not_an_update_is_refused(payload: Any) -> None:
    with pytest.raises(ValueError):
        parse(payload)
