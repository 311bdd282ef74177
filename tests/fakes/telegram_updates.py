"""Injection of incoming updates (what users do) into the fake Bot API server."""

from __future__ import annotations

import time

from tests.fakes.telegram_objects import (
    FAKE_OGG,
    FAKE_PNG,
    FAKE_WEBP,
    JSONDict,
    command_entities,
    user_json,
)
from tests.fakes.telegram_state import FakeTelegramState


class UpdateInjector(FakeTelegramState):
    """push_* helpers: each builds a Bot API Update, queues it and returns it."""

    def push_update(self, payload: JSONDict) -> JSONDict:
        """Queue a raw update body (e.g. {"my_chat_member": {...}}); update_id is assigned."""
        update: JSONDict = {"update_id": self._next_update_id(), **payload}
        self._enqueue_update(update)
        return update

    def _user_message(
        self,
        user_id: int,
        content: JSONDict,
        *,
        first_name: str = "Test",
        chat_type: str = "private",
        chat_id: int | None = None,
        username: str | None = None,
    ) -> JSONDict:
        if chat_id is None:
            chat_id = user_id if chat_type == "private" else -user_id
        chat = self._remember_chat(chat_id, chat_type, first_name, username)
        message: JSONDict = {
            "message_id": self._next_message_id(chat_id),
            "from": user_json(user_id, first_name, username=username),
            "chat": chat,
            "date": int(time.time()),
            **content,
        }
        self._messages[(chat_id, message["message_id"])] = message
        return self.push_update({"message": message})

    def push_text(
        self,
        user_id: int,
        text: str,
        *,
        first_name: str = "Test",
        chat_type: str = "private",
        chat_id: int | None = None,
        username: str | None = None,
    ) -> JSONDict:
        """A text message from user_id; a leading /command gets its bot_command entity."""
        content: JSONDict = {"text": text}
        entities = command_entities(text)
        if entities:
            content["entities"] = entities
        return self._user_message(
            user_id,
            content,
            first_name=first_name,
            chat_type=chat_type,
            chat_id=chat_id,
            username=username,
        )

    def push_callback(
        self,
        user_id: int,
        data: str,
        *,
        message_id: int | None = None,
        chat_id: int | None = None,
        first_name: str = "Test",
        username: str | None = None,
    ) -> JSONDict:
        """A button press; the query's message is the bot's message_id (default: its last one)."""
        if chat_id is None:
            chat_id = user_id
        self._remember_chat(chat_id, "private" if chat_id > 0 else "supergroup", first_name, None)
        message = self._bot_message_for_callback(chat_id, message_id)
        query: JSONDict = {
            "id": f"{user_id}-{self._update_seq + 1}",
            "from": user_json(user_id, first_name, username=username),
            "chat_instance": f"ci-{chat_id}",
            "message": message,
            "data": data,
        }
        return self.push_update({"callback_query": query})

    def _bot_message_for_callback(self, chat_id: int, message_id: int | None) -> JSONDict:
        if message_id is None:
            message_id = self._last_bot_message_id(chat_id)
        if message_id is not None:
            existing = self._messages.get((chat_id, message_id))
            if existing is not None:
                return existing
        new_id = message_id if message_id is not None else self._next_message_id(chat_id)
        message: JSONDict = {
            "message_id": new_id,
            "from": self.bot_user,
            "chat": self._chat(chat_id),
            "date": int(time.time()),
            "text": "…",
        }
        self._messages[(chat_id, new_id)] = message
        return message

    def _last_bot_message_id(self, chat_id: int) -> int | None:
        sent = self._sent_by_chat.get(chat_id)
        for entry in reversed(sent or []):
            if (chat_id, entry["message_id"]) in self._messages:
                return int(entry["message_id"])
        return None

    def push_contact(
        self, user_id: int, phone_number: str, *, first_name: str = "Test", own: bool = True
    ) -> JSONDict:
        """A shared contact; own=True means the user shared their own number."""
        contact: JSONDict = {"phone_number": phone_number, "first_name": first_name}
        if own:
            contact["user_id"] = user_id
        return self._user_message(user_id, {"contact": contact}, first_name=first_name)

    def push_location(self, user_id: int, lat: float, lon: float) -> JSONDict:
        """A shared location."""
        return self._user_message(user_id, {"location": {"latitude": lat, "longitude": lon}})

    def push_sticker(self, user_id: int, *, emoji: str = "👍") -> JSONDict:
        """A sticker message."""
        stored = self._store_file("sticker", FAKE_WEBP, mime_type="image/webp")
        sticker: JSONDict = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": emoji,
        }
        return self._user_message(user_id, {"sticker": sticker})

    def push_voice(self, user_id: int, *, duration: int = 3, data: bytes = FAKE_OGG) -> JSONDict:
        """A voice note whose bytes can be downloaded through getFile."""
        stored = self._store_file("voice", data, mime_type="audio/ogg")
        voice: JSONDict = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "duration": duration,
            "mime_type": "audio/ogg",
            "file_size": len(data),
        }
        return self._user_message(user_id, {"voice": voice})

    def push_photo(
        self, user_id: int, *, caption: str | None = None, data: bytes = FAKE_PNG
    ) -> JSONDict:
        """A photo whose largest size can be downloaded through getFile."""
        stored = self._store_file("photo", data, file_name="photo.png", mime_type="image/png")
        content: JSONDict = {"photo": stored.photo_sizes()}
        if caption:
            content["caption"] = caption
        return self._user_message(user_id, content)
