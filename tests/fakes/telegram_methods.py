"""Bot API methods implemented by the fake server."""

from __future__ import annotations

import asyncio
import json
import re
import time
from collections import deque
from collections.abc import Awaitable, Callable
from typing import Any

from tests.fakes.telegram_objects import JSONDict, StoredFile
from tests.fakes.telegram_policy import (
    ApiError,
    as_int,
    check_reply_markup,
    check_text,
)
from tests.fakes.telegram_state import FakeTelegramState, RecordedFile
from tests.fakes.telegram_webhook import WebhookDispatcher

Params = dict[str, Any]
Files = dict[str, RecordedFile]
Handler = Callable[[Params, Files], Awaitable[Any]]

_SECRET_RE = re.compile(r"[A-Za-z0-9_-]{1,256}")
_COMMAND_NAME_RE = re.compile(r"[a-z0-9_]{1,32}")
_NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup "
    "are exactly the same as a current content and reply markup of the message"
)
_WEBHOOK_CONFLICT = (
    "Conflict: can't use getUpdates method while webhook is active; "
    "use deleteWebhook to delete the webhook first"
)


def _inline_markup(params: Params) -> JSONDict | None:
    markup = params.get("reply_markup")
    if isinstance(markup, dict) and "inline_keyboard" in markup:
        return markup
    return None


class BotApiMethods(FakeTelegramState):
    """Implementations of the Bot API methods; each takes decoded params and uploaded files."""

    def method_table(self) -> dict[str, tuple[str, Handler]]:
        """Lower-cased method name -> (canonical name, handler); Bot API names ignore case."""
        handlers: dict[str, Handler] = {
            "getMe": self._get_me,
            "logOut": self._ok,
            "close": self._ok,
            "getUpdates": self._get_updates,
            "setWebhook": self._set_webhook,
            "deleteWebhook": self._delete_webhook,
            "getWebhookInfo": self._get_webhook_info,
            "sendMessage": self._send_message,
            "sendPhoto": self._send_photo,
            "sendDocument": self._send_document,
            "sendChatAction": self._send_chat_action,
            "answerCallbackQuery": self._answer_callback_query,
            "editMessageText": self._edit_message_text,
            "editMessageReplyMarkup": self._edit_message_reply_markup,
            "deleteMessage": self._delete_message,
            "setMyCommands": self._set_my_commands,
            "getMyCommands": self._get_my_commands,
            "deleteMyCommands": self._delete_my_commands,
            "setChatMenuButton": self._set_chat_menu_button,
            "getChatMenuButton": self._get_chat_menu_button,
            "getFile": self._get_file,
        }
        return {name.lower(): (name, handler) for name, handler in handlers.items()}

    # ---- bot and updates ----------------------------------------------------------------

    async def _ok(self, params: Params, files: Files) -> bool:
        return True

    async def _get_me(self, params: Params, files: Files) -> JSONDict:
        return {
            **self.bot_user,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }

    async def _get_updates(self, params: Params, files: Files) -> list[JSONDict]:
        if self._webhook is not None:
            raise ApiError(409, _WEBHOOK_CONFLICT)
        # Telegram answers 409 to a second poller of one token; the fake counts the overlaps
        # (stats["overlapping_polls"]) so that a test can see two processes polling at once.
        self.polls_in_flight += 1
        if self.polls_in_flight > 1:
            self.stats["overlapping_polls"] += 1
        try:
            return await self._wait_for_updates(params)
        finally:
            self.polls_in_flight -= 1

    async def _wait_for_updates(self, params: Params) -> list[JSONDict]:
        if "allowed_updates" in params:
            self._set_allowed_updates(params["allowed_updates"])
        if params.get("offset") is not None:
            self._confirm_updates(as_int(params["offset"], "offset"))
        limit = min(100, max(1, as_int(params.get("limit", 100), "limit")))
        timeout = max(0.0, float(params.get("timeout") or 0))
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            if self._pending or self._closing:
                return [self._pending[i] for i in range(min(limit, len(self._pending)))]
            remaining = deadline - loop.time()
            if remaining <= 0:
                return []
            try:
                await asyncio.wait_for(self._update_event.wait(), remaining)
            except TimeoutError:
                return []

    async def _set_webhook(self, params: Params, files: Files) -> bool:
        url = str(params.get("url") or "")
        if url and not url.startswith(("http://", "https://")):
            raise ApiError(400, "Bad Request: bad webhook: An HTTPS URL must be provided")
        secret = params.get("secret_token")
        if secret is not None and not _SECRET_RE.fullmatch(str(secret)):
            raise ApiError(400, "Bad Request: secret token contains unallowed characters")
        max_connections = as_int(params.get("max_connections", 40), "max_connections")
        if not 1 <= max_connections <= 100:
            raise ApiError(400, "Bad Request: bad webhook: invalid max_connections")
        await self._close_webhook()
        if params.get("drop_pending_updates"):
            self._pending.clear()
        if "allowed_updates" in params:
            self._set_allowed_updates(params["allowed_updates"])
        if not url:
            return True
        self._webhook = WebhookDispatcher(
            url,
            secret_token=str(secret) if secret else None,
            max_connections=max_connections,
            attempts=self.webhook_attempts,
            retry_delay=self.webhook_retry_delay,
            on_delivery=self._on_webhook_delivery,
        )
        pending, self._pending = self._pending, deque()
        for update in pending:
            self._enqueue_update(update)
        return True

    async def _delete_webhook(self, params: Params, files: Files) -> bool:
        await self._close_webhook()
        if params.get("drop_pending_updates"):
            self._pending.clear()
        return True

    async def _close_webhook(self) -> None:
        if self._webhook is None:
            return
        webhook, self._webhook = self._webhook, None
        undelivered = await webhook.close()
        merged = sorted([*undelivered, *self._pending], key=lambda u: int(u["update_id"]))
        self._pending = deque(merged)

    async def _get_webhook_info(self, params: Params, files: Files) -> JSONDict:
        webhook = self._webhook
        if webhook is None:
            return {"url": "", "has_custom_certificate": False, "pending_update_count": 0}
        info: JSONDict = {
            "url": webhook.url,
            "has_custom_certificate": False,
            "pending_update_count": webhook.pending_count,
            "max_connections": webhook.max_connections,
        }
        if self._allowed_updates is not None:
            info["allowed_updates"] = sorted(self._allowed_updates)
        if webhook.last_error_date is not None:
            info["last_error_date"] = webhook.last_error_date
            info["last_error_message"] = webhook.last_error_message
        return info

    # ---- sending ------------------------------------------------------------------------

    async def _guard_send(self, params: Params) -> int:
        await self._pre_send()
        chat_id = self._resolve_chat_id(params.get("chat_id"))
        self._check_chat(chat_id)
        return chat_id

    async def _finish_send(
        self,
        method: str,
        chat_id: int,
        params: Params,
        files: Files,
        content: JSONDict,
        stored: StoredFile | None = None,
        upload: RecordedFile | None = None,
    ) -> JSONDict:
        self._take_rate_slot(chat_id)
        markup = _inline_markup(params)
        if markup is not None:
            content["reply_markup"] = markup
        message: JSONDict = {
            "message_id": self._next_message_id(chat_id),
            "from": self.bot_user,
            "chat": self._chat(chat_id),
            "date": int(time.time()),
            **content,
        }
        self._messages[(chat_id, message["message_id"])] = message
        self._record_sent(
            {
                "method": method,
                "chat_id": chat_id,
                "message_id": message["message_id"],
                "text": content.get("text", content.get("caption")),
                "caption": content.get("caption"),
                "parse_mode": params.get("parse_mode"),
                "reply_markup": params.get("reply_markup"),
                "file": upload,
                "file_id": stored.file_id if stored else None,
                "file_ref": (upload.filename if upload else None)
                or (stored.file_id if stored else None),
                "params": params,
                "files": files,
                "time": time.monotonic(),
            }
        )
        delay = self._answer_delay(chat_id)
        if delay:
            await asyncio.sleep(delay)
        return message

    def _input_file(
        self, field: str, params: Params, files: Files, default_mime: str
    ) -> tuple[StoredFile, RecordedFile | None]:
        value = params.get(field)
        upload = files.get(field)
        if isinstance(value, str) and value.startswith("attach://"):
            upload = files.get(value.removeprefix("attach://"))
        if upload is not None:
            mime = upload.content_type or default_mime
            stored = self._store_file(
                field, upload.data, file_name=upload.filename, mime_type=mime
            )
            return stored, upload
        if isinstance(value, str) and value:
            known = self._files.get(value)
            if known is not None:
                return known, None
            if value.startswith(("http://", "https://")):
                name = value.rsplit("/", 1)[-1] or None
                return self._store_file(field, b"", file_name=name, mime_type=default_mime), None
            raise ApiError(400, "Bad Request: wrong file identifier/HTTP URL specified")
        raise ApiError(400, f"Bad Request: there is no {field} in the request")

    def _caption(self, params: Params) -> JSONDict:
        caption = params.get("caption")
        if caption is None or caption == "":
            return {}
        check_text(caption, params.get("parse_mode"), caption=True, check=self.check_markup)
        return {"caption": str(caption)}

    async def _send_message(self, params: Params, files: Files) -> JSONDict:
        chat_id = await self._guard_send(params)
        text = params.get("text")
        check_text(text, params.get("parse_mode"), check=self.check_markup)
        check_reply_markup(params.get("reply_markup"))
        content: JSONDict = {"text": str(text)}
        if isinstance(params.get("entities"), list):
            content["entities"] = params["entities"]
        return await self._finish_send("sendMessage", chat_id, params, files, content)

    async def _send_photo(self, params: Params, files: Files) -> JSONDict:
        chat_id = await self._guard_send(params)
        content = self._caption(params)
        check_reply_markup(params.get("reply_markup"))
        stored, upload = self._input_file("photo", params, files, "image/jpeg")
        content["photo"] = stored.photo_sizes()
        return await self._finish_send(
            "sendPhoto", chat_id, params, files, content, stored, upload
        )

    async def _send_document(self, params: Params, files: Files) -> JSONDict:
        chat_id = await self._guard_send(params)
        content = self._caption(params)
        check_reply_markup(params.get("reply_markup"))
        stored, upload = self._input_file("document", params, files, "application/octet-stream")
        content["document"] = stored.document_json()
        return await self._finish_send(
            "sendDocument", chat_id, params, files, content, stored, upload
        )

    async def _send_chat_action(self, params: Params, files: Files) -> bool:
        chat_id = self._resolve_chat_id(params.get("chat_id"))
        self._check_chat(chat_id)
        if not params.get("action"):
            raise ApiError(400, "Bad Request: wrong parameter action in request")
        return True

    async def _answer_callback_query(self, params: Params, files: Files) -> bool:
        if not params.get("callback_query_id"):
            raise ApiError(400, "Bad Request: query ID is invalid")
        if len(str(params.get("text") or "")) > 200:
            raise ApiError(400, "Bad Request: MESSAGE_TOO_LONG")
        return True

    # ---- editing ------------------------------------------------------------------------

    def _own_message(self, params: Params, action: str) -> tuple[int, JSONDict]:
        chat_id = self._resolve_chat_id(params.get("chat_id"))
        self._check_chat(chat_id)
        message_id = as_int(params.get("message_id"), "message_id")
        message = self._messages.get((chat_id, message_id))
        if message is None:
            raise ApiError(400, f"Bad Request: message to {action} not found")
        return chat_id, message

    async def _edit_message_text(self, params: Params, files: Files) -> JSONDict | bool:
        text = params.get("text")
        check_text(text, params.get("parse_mode"), check=self.check_markup)
        check_reply_markup(params.get("reply_markup"))
        if params.get("inline_message_id"):
            return True
        _, message = self._own_message(params, "edit")
        if message["from"]["id"] != self.bot_id:
            raise ApiError(400, "Bad Request: message can't be edited")
        if "text" not in message:
            raise ApiError(400, "Bad Request: there is no text in the message to edit")
        markup = _inline_markup(params)
        if self.strict_edits and (message["text"], message.get("reply_markup")) == (text, markup):
            raise ApiError(400, _NOT_MODIFIED)
        message["text"] = str(text)
        if isinstance(params.get("entities"), list):
            message["entities"] = params["entities"]
        else:
            message.pop("entities", None)
        self._set_markup(message, markup)
        return message

    async def _edit_message_reply_markup(self, params: Params, files: Files) -> JSONDict | bool:
        check_reply_markup(params.get("reply_markup"))
        if params.get("inline_message_id"):
            return True
        _, message = self._own_message(params, "edit")
        if message["from"]["id"] != self.bot_id:
            raise ApiError(400, "Bad Request: message can't be edited")
        markup = _inline_markup(params)
        if self.strict_edits and message.get("reply_markup") == markup:
            raise ApiError(400, _NOT_MODIFIED)
        self._set_markup(message, markup)
        return message

    @staticmethod
    def _set_markup(message: JSONDict, markup: JSONDict | None) -> None:
        if markup is None:
            message.pop("reply_markup", None)
        else:
            message["reply_markup"] = markup
        message["edit_date"] = int(time.time())

    async def _delete_message(self, params: Params, files: Files) -> bool:
        chat_id, message = self._own_message(params, "delete")
        del self._messages[(chat_id, message["message_id"])]
        return True

    # ---- commands, menu button, files ---------------------------------------------------

    @staticmethod
    def _commands_key(params: Params) -> tuple[str, str]:
        scope = params.get("scope") or {"type": "default"}
        return json.dumps(scope, sort_keys=True), str(params.get("language_code") or "")

    async def _set_my_commands(self, params: Params, files: Files) -> bool:
        commands = params.get("commands")
        if not isinstance(commands, list) or len(commands) > 100:
            raise ApiError(400, "Bad Request: can't parse commands JSON object")
        for command in commands:
            if not isinstance(command, dict) or not _COMMAND_NAME_RE.fullmatch(
                str(command.get("command", ""))
            ):
                raise ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
            if not 1 <= len(str(command.get("description") or "")) <= 256:
                raise ApiError(400, "Bad Request: command description is empty or too long")
        self.commands[self._commands_key(params)] = commands
        return True

    async def _get_my_commands(self, params: Params, files: Files) -> list[JSONDict]:
        return self.commands.get(self._commands_key(params), [])

    async def _delete_my_commands(self, params: Params, files: Files) -> bool:
        self.commands.pop(self._commands_key(params), None)
        return True

    async def _set_chat_menu_button(self, params: Params, files: Files) -> bool:
        chat_id = params.get("chat_id")
        key = None if chat_id is None else self._resolve_chat_id(chat_id)
        button = params.get("menu_button") or {"type": "default"}
        if not isinstance(button, dict) or button.get("type") not in (
            "commands",
            "web_app",
            "default",
        ):
            raise ApiError(400, "Bad Request: can't parse menu button JSON object")
        self.menu_buttons[key] = button
        return True

    async def _get_chat_menu_button(self, params: Params, files: Files) -> JSONDict:
        chat_id = params.get("chat_id")
        key = None if chat_id is None else self._resolve_chat_id(chat_id)
        return self.menu_buttons.get(key) or self.menu_buttons.get(None) or {"type": "commands"}

    async def _get_file(self, params: Params, files: Files) -> JSONDict:
        stored = self._files.get(str(params.get("file_id") or ""))
        if stored is None:
            raise ApiError(400, "Bad Request: invalid file_id")
        return stored.file_json()
