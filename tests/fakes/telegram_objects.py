"""Builders for Bot API JSON objects (users, chats, messages, entities) used by the fake server."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

JSONDict = dict[str, Any]

UPDATE_TYPES = (
    "message",
    "edited_message",
    "channel_post",
    "edited_channel_post",
    "business_connection",
    "business_message",
    "edited_business_message",
    "deleted_business_messages",
    "message_reaction",
    "message_reaction_count",
    "inline_query",
    "chosen_inline_result",
    "callback_query",
    "shipping_query",
    "pre_checkout_query",
    "purchased_paid_media",
    "poll",
    "poll_answer",
    "my_chat_member",
    "chat_member",
    "chat_join_request",
    "chat_boost",
    "removed_chat_boost",
)

_COMMAND_RE = re.compile(r"/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{1,64})?")

# A few bytes that look like a PNG / OGG; good enough for download round trips.
FAKE_PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 56
FAKE_OGG = b"OggS" + b"\x00" * 60
FAKE_WEBP = b"RIFF\x00\x00\x00\x00WEBPVP8 " + b"\x00" * 48


def utf16_len(text: str) -> int:
    """Length of text in UTF-16 code units, the unit Bot API entity offsets use."""
    return len(text.encode("utf-16-le")) // 2


def command_entities(text: str) -> list[JSONDict]:
    """Entities Telegram attaches to a message that starts with a /command (optionally @bot)."""
    match = _COMMAND_RE.match(text)
    if match is None:
        return []
    end = match.end()
    if end < len(text) and not text[end].isspace():
        return []
    return [{"type": "bot_command", "offset": 0, "length": utf16_len(match.group(0))}]


def user_json(
    user_id: int,
    first_name: str,
    *,
    username: str | None = None,
    is_bot: bool = False,
    language_code: str | None = "vi",
) -> JSONDict:
    """A Bot API User object."""
    user: JSONDict = {"id": user_id, "is_bot": is_bot, "first_name": first_name}
    if username:
        user["username"] = username
    if language_code and not is_bot:
        user["language_code"] = language_code
    return user


def chat_json(
    chat_id: int,
    chat_type: str = "private",
    *,
    first_name: str = "Test",
    username: str | None = None,
    title: str | None = None,
) -> JSONDict:
    """A Bot API Chat object; private chats carry a first name, the others a title."""
    chat: JSONDict = {"id": chat_id, "type": chat_type}
    if chat_type == "private":
        chat["first_name"] = first_name
    else:
        chat["title"] = title or f"Nhóm {chat_id}"
    if username:
        chat["username"] = username
    return chat


def default_chat(chat_id: int) -> JSONDict:
    """The chat object used for a chat id that no pushed update introduced."""
    if chat_id > 0:
        return chat_json(chat_id, "private")
    return chat_json(chat_id, "supergroup")


def update_kind(update: JSONDict) -> str:
    """The update type (its one key besides update_id)."""
    for key in update:
        if key != "update_id":
            return key
    return ""


def update_chat_id(update: JSONDict) -> int:
    """The chat an update belongs to, for per-chat ordering of webhook deliveries."""
    for value in update.values():
        if not isinstance(value, dict):
            continue
        chat = value.get("chat") or (value.get("message") or {}).get("chat")
        if isinstance(chat, dict):
            return int(chat["id"])
        sender = value.get("from")
        if isinstance(sender, dict):
            return int(sender["id"])
    return 0


@dataclass(slots=True)
class StoredFile:
    """A file the fake server knows: uploaded by the bot or attached to a pushed update."""

    file_id: str
    file_unique_id: str
    data: bytes
    file_path: str
    file_name: str | None = None
    mime_type: str | None = None

    def file_json(self) -> JSONDict:
        """The Bot API File object returned by getFile."""
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": len(self.data),
            "file_path": self.file_path,
        }

    def photo_sizes(self) -> list[JSONDict]:
        """PhotoSize objects for this file: a thumbnail and the full size."""
        thumb = {"file_id": f"{self.file_id}-s", "file_unique_id": f"{self.file_unique_id}-s"}
        full = {"file_id": self.file_id, "file_unique_id": self.file_unique_id}
        return [
            {**thumb, "width": 90, "height": 90, "file_size": 1},
            {**full, "width": 800, "height": 600, "file_size": len(self.data)},
        ]

    def document_json(self) -> JSONDict:
        """A Document object for this file."""
        doc: JSONDict = {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": len(self.data),
        }
        if self.file_name:
            doc["file_name"] = self.file_name
        if self.mime_type:
            doc["mime_type"] = self.mime_type
        return doc
