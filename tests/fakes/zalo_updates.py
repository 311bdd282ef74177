"""Zalo updates as the Bot API sends them, for the fake server and for tests."""

from __future__ import annotations

import itertools
from typing import Any

JSONDict = dict[str, Any]

_ids = itertools.count(1)
BASE_DATE_MS = 1_765_000_000_000


def message_id() -> str:
    """A fresh message id shaped like Zalo's (20 hex digits)."""
    return f"{next(_ids):020x}"


def update(
    event_name: str,
    chat_id: str | None,
    *,
    name: str = "Người dùng thử",
    chat_type: str = "PRIVATE",
    msg_id: str | None = None,
    **fields: Any,
) -> JSONDict:
    """A bare update: `{"event_name", "message": {from, chat, message_id, date, …}}`."""
    if chat_id is None:
        return {"event_name": event_name}
    number = msg_id or message_id()
    message: JSONDict = {
        "from": {"id": chat_id, "display_name": name, "is_bot": False},
        "chat": {"id": chat_id, "chat_type": chat_type},
        "message_id": number,
        "date": BASE_DATE_MS + int(number, 16) if _is_hex(number) else BASE_DATE_MS,
        **fields,
    }
    return {"event_name": event_name, "message": message}


def text(chat_id: str, body: str, **options: Any) -> JSONDict:
    """A person typed `body`."""
    return update("message.text.received", chat_id, text=body, **options)


def image(chat_id: str, photo_url: str, caption: str = "", **options: Any) -> JSONDict:
    """A person sent a picture (Zalo gives its address)."""
    fields: JSONDict = {"photo_url": photo_url}
    if caption:
        fields["caption"] = caption
    return update("message.image.received", chat_id, **fields, **options)


def sticker(chat_id: str, **options: Any) -> JSONDict:
    """A person sent a sticker."""
    return update(
        "message.sticker.received",
        chat_id,
        sticker="0e078a2fb66a5f34067b",
        url="https://zalo.example.invalid/sticker.webp",
        **options,
    )


def unsupported(chat_id: str | None, **options: Any) -> JSONDict:
    """Something Zalo does not pass on (a protected account, a new kind of message)."""
    return update("message.unsupported.received", chat_id, **options)


def wrapped(bare: JSONDict) -> JSONDict:
    """The update as getUpdates and the webhook carry it: `{"ok": true, "result": …}`."""
    return {"ok": True, "result": bare}


def _is_hex(value: str) -> bool:
    try:
        int(value, 16)
    except ValueError:
        return False
    return True
