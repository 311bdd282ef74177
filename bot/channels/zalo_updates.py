"""Zalo updates as channel-neutral messages.

An update is `{"event_name": …, "message": {…}}`, delivered bare or wrapped in
`{"ok": true, "result": …}` (getUpdates and the webhook both wrap it today). Ids are
strings; `date` is in milliseconds. Events the bot does not know still become a message
(kind OTHER), so the person gets a polite answer instead of silence.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.events import Attachment, Incoming, Kind

NAME = "zalo"

TEXT = "message.text.received"
IMAGE = "message.image.received"
STICKER = "message.sticker.received"
VOICE = "message.voice.received"
UNSUPPORTED = "message.unsupported.received"

_KINDS = {TEXT: Kind.TEXT, IMAGE: Kind.PHOTO, STICKER: Kind.STICKER, VOICE: Kind.VOICE}
MAX_TEXT = 4096


@dataclass(frozen=True)
class Update:
    """One Zalo update: what happened, its message id, and the message to answer (None
    when there is nobody to answer, e.g. an event without a chat)."""

    event_name: str
    message_id: str | None
    chat_id: str | None
    incoming: Incoming | None
    date_ms: int | None = None


def unwrap(payload: Any) -> dict[str, Any]:
    """The update inside a payload, bare or wrapped; `ValueError` if there is none."""
    if isinstance(payload, dict) and "event_name" not in payload and "result" in payload:
        if payload.get("ok") is False:
            raise ValueError("an error answer, not an update")
        payload = payload["result"]
    if not isinstance(payload, dict):
        raise ValueError("not a JSON object")
    if not isinstance(payload.get("event_name"), str) or not payload["event_name"]:
        raise ValueError("no event_name")
    message = payload.get("message")
    if message is not None and not isinstance(message, dict):
        raise ValueError("message is not an object")
    return payload


def parse(payload: Any) -> Update:
    """Describe a Zalo update; `ValueError` when the payload is not one."""
    update = unwrap(payload)
    event_name: str = update["event_name"]
    message: dict[str, Any] = update.get("message") or {}
    sender = _object(message.get("from"))
    chat = _object(message.get("chat"))
    chat_id = _text(chat.get("id")) or _text(sender.get("id"))
    message_id = _text(message.get("message_id"))
    date = message.get("date")
    date_ms = date if isinstance(date, int) else None
    if chat_id is None or sender.get("is_bot") is True:
        return Update(event_name, message_id, chat_id, None, date_ms)
    incoming = _incoming(event_name, message, sender, chat, chat_id)
    return Update(event_name, message_id, chat_id, incoming, date_ms)


def _incoming(
    event_name: str,
    message: dict[str, Any],
    sender: dict[str, Any],
    chat: dict[str, Any],
    chat_id: str,
) -> Incoming:
    common: dict[str, Any] = {
        "channel": NAME,
        "external_id": _text(sender.get("id")) or chat_id,
        "chat_id": chat_id,
        "display_name": _name(sender),
        "is_private": str(chat.get("chat_type") or "PRIVATE").upper() != "GROUP",
    }
    kind = _KINDS.get(event_name, Kind.OTHER)
    if kind == Kind.TEXT:
        text = message.get("text")
        if not isinstance(text, str):
            return Incoming(kind=Kind.OTHER, **common)
        return Incoming(kind=Kind.TEXT, text=text[:MAX_TEXT], **common)
    if kind == Kind.PHOTO:
        url = _photo_url(message)
        caption = message.get("caption")
        attachment = Attachment(Kind.PHOTO, url or _text(message.get("message_id")) or "")
        return Incoming(
            kind=Kind.PHOTO,
            text=caption[:MAX_TEXT] if isinstance(caption, str) else "",
            attachment=attachment,
            **common,
        )
    return Incoming(kind=kind, **common)


def _object(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _text(value: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip()[:64]
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return None


def _name(sender: dict[str, Any]) -> str | None:
    for key in ("display_name", "name", "first_name"):
        value = sender.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()[:120]
    return None


def _photo_url(message: dict[str, Any]) -> str | None:
    """The picture's address: `photo` or `photo_url`, a string or an object with `url`."""
    for key in ("photo_url", "photo"):
        value = message.get(key)
        if isinstance(value, list) and value:
            value = value[-1]
        if isinstance(value, dict):
            value = value.get("url")
        if isinstance(value, str) and value.startswith(("http://", "https://")):
            return value
    return None
