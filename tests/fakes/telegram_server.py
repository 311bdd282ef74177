"""A fake Telegram Bot API server speaking real HTTP on 127.0.0.1, for tests and benchmarks.

Point python-telegram-bot at it with
``ApplicationBuilder().base_url(f"{server.url}/bot").base_file_url(f"{server.url}/file/bot")``.
"""

from __future__ import annotations

import json
import time
from types import TracebackType
from typing import Any

from aiohttp import web

from tests.fakes.telegram_methods import BotApiMethods, Files, Params
from tests.fakes.telegram_objects import JSONDict
from tests.fakes.telegram_policy import ApiError, decode_form_value, decode_json_value
from tests.fakes.telegram_state import (
    DEFAULT_BOT_USERNAME,
    DEFAULT_TOKEN,
    FakeTelegramState,
    RecordedCall,
    RecordedFile,
)
from tests.fakes.telegram_updates import UpdateInjector
from tests.fakes.telegram_webhook import SECRET_HEADER, WebhookDelivery

__all__ = [
    "DEFAULT_BOT_USERNAME",
    "DEFAULT_TOKEN",
    "SECRET_HEADER",
    "FakeTelegramServer",
    "FakeTelegramState",
    "RecordedCall",
    "RecordedFile",
    "WebhookDelivery",
]

_UNAUTHORIZED = ApiError(401, "Unauthorized")
_NOT_FOUND = ApiError(404, "Not Found: method not found")
_MAX_UPLOAD = 64 * 1024 * 1024


def _json_response(payload: Any, status: int = 200) -> web.Response:
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
    return web.Response(body=body, status=status, content_type="application/json")


class FakeTelegramServer(BotApiMethods, UpdateInjector):
    """The fake Bot API: records every call, queues injected updates, injects faults on demand.

    See FakeTelegramState for the constructor keywords; most are plain attributes that a
    test may change while the server runs (rate_limit, per_chat_limit, fail_ratio, ...).
    """

    _runner: web.AppRunner | None = None

    # ---- lifecycle ----------------------------------------------------------------------

    @property
    def url(self) -> str:
        """Base URL of the running server, e.g. http://127.0.0.1:43127."""
        if self._runner is None:
            raise RuntimeError("FakeTelegramServer is not started")
        return f"http://{self.host}:{self.port}"

    @property
    def base_url(self) -> str:
        """Value for ApplicationBuilder().base_url() / Bot(base_url=...)."""
        return f"{self.url}/bot"

    @property
    def base_file_url(self) -> str:
        """Value for ApplicationBuilder().base_file_url() / Bot(base_file_url=...)."""
        return f"{self.url}/file/bot"

    async def start(self) -> None:
        """Bind and start serving; with port 0 a free port is picked."""
        self._methods = self.method_table()
        app = web.Application(client_max_size=_MAX_UPLOAD)
        app.router.add_route("*", "/bot{token}/{method}", self._handle_api)
        app.router.add_get("/file/bot{token}/{path:.+}", self._handle_file)
        runner = web.AppRunner(app, access_log=None, handle_signals=False, shutdown_timeout=1.0)
        await runner.setup()
        site = web.TCPSite(runner, self.host, self.port)
        await site.start()
        self._runner = runner
        self._closing = False
        self.port = int(runner.addresses[0][1])

    async def stop(self) -> None:
        """Wake long polls, stop webhook delivery and close the HTTP server."""
        self._closing = True
        self._update_event.set()
        await self._close_webhook()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeTelegramServer:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()

    # ---- HTTP -----------------------------------------------------------------------------

    async def _read_params(self, request: web.Request) -> tuple[Params, Files]:
        params: Params = {
            name: decode_form_value(name, value) for name, value in request.query.items()
        }
        files: Files = {}
        if not request.body_exists:
            return params, files
        if request.content_type == "application/json":
            body = await request.json()
            if isinstance(body, dict):
                for name, value in body.items():
                    params[name] = decode_json_value(name, value)
            return params, files
        form = await request.post()
        for name, value in form.items():
            if isinstance(value, web.FileField):
                files[name] = RecordedFile(
                    name, value.filename, value.content_type, value.file.read()
                )
            else:
                params[name] = decode_form_value(name, str(value))
        return params, files

    async def _handle_api(self, request: web.Request) -> web.Response:
        self.stats["requests"] += 1
        name = request.match_info["method"]
        entry = self._methods.get(name.lower())
        try:
            params, files = await self._read_params(request)
        except ValueError:
            params, files = {}, {}
        call = RecordedCall(entry[0] if entry else name, params, files, time.monotonic())
        self.calls.append(call)
        try:
            if request.match_info["token"] != self.token:
                raise _UNAUTHORIZED
            if entry is None:
                raise _NOT_FOUND
            result = await entry[1](params, files)
        except ApiError as error:
            call.status = error.code
            self.stats[str(error.code)] += 1
            self._notify()
            return _json_response(error.payload(), error.code)
        call.status = 200
        self.ok_calls[call.method] += 1
        self._notify()
        return _json_response({"ok": True, "result": result})

    async def _handle_file(self, request: web.Request) -> web.StreamResponse:
        if request.match_info["token"] != self.token:
            return _json_response(_UNAUTHORIZED.payload(), 401)
        stored = self._files_by_path.get(request.match_info["path"])
        if stored is not None:
            return web.Response(body=stored.data, content_type=stored.mime_type)
        return _json_response({"ok": False, "error_code": 404, "description": "Not Found"}, 404)

    # ---- inspection ---------------------------------------------------------------------

    def calls_named(self, method: str) -> list[RecordedCall]:
        """Recorded calls of one Bot API method (any status), oldest first."""
        wanted = method.lower()
        return [call for call in self.calls if call.method.lower() == wanted]

    def sent_messages(self, chat_id: int | None = None) -> list[JSONDict]:
        """Messages accepted by sendMessage/sendPhoto/sendDocument, optionally for one chat."""
        if chat_id is None:
            return list(self._sent)
        return list(self._sent_by_chat.get(chat_id, ()))

    def sent_texts(self, chat_id: int | None = None) -> list[str | None]:
        """Just the text (or caption) of each sent message."""
        return [entry["text"] for entry in self.sent_messages(chat_id)]

    def sent_count(self, chat_id: int | None = None) -> int:
        """How many messages were accepted, overall or for one chat."""
        return self.stats["sent"] if chat_id is None else self.sent_per_chat[chat_id]

    def duplicates(self) -> list[int]:
        """Chat ids that received the same text (or file) by the same method more than once."""
        return sorted(self._duplicate_chats)

    def get_message(self, chat_id: int, message_id: int) -> JSONDict | None:
        """Current state of a message (after edits), or None if unknown or deleted."""
        return self._messages.get((chat_id, message_id))

    @property
    def pending_updates(self) -> list[JSONDict]:
        """Updates queued for getUpdates and not yet confirmed."""
        return list(self._pending)

    @property
    def webhook_url(self) -> str | None:
        """The webhook URL currently set, if any."""
        return self._webhook.url if self._webhook is not None else None

    async def wait_for_messages(
        self,
        chat_id: int | None,
        count: int,
        timeout: float = 5.0,  # noqa: ASYNC109
    ) -> list[JSONDict]:
        """Wait until chat_id (None: all chats) got at least count messages; return them."""

        def describe() -> str:
            got = self.sent_messages(chat_id)
            texts = [entry["text"] for entry in got[-5:]]
            return f"chat {chat_id}: wanted {count} messages, got {len(got)}; last: {texts}"

        await self._wait_until(lambda: self.sent_count(chat_id) >= count, timeout, describe)
        return self.sent_messages(chat_id)

    async def wait_for_calls(
        self,
        method: str,
        count: int,
        timeout: float = 5.0,  # noqa: ASYNC109
    ) -> None:
        """Wait until count calls of method (canonical name, e.g. "getUpdates") succeeded."""
        await self._wait_until(
            lambda: self.ok_calls[method] >= count,
            timeout,
            lambda: f"{method}: {self.ok_calls[method]} of {count} calls",
        )

    async def wait_for_webhook_deliveries(
        self,
        count: int,
        timeout: float = 5.0,  # noqa: ASYNC109
    ) -> list[WebhookDelivery]:
        """Wait until at least count webhook POSTs were answered (any status); return all."""
        await self._wait_until(
            lambda: len(self.webhook_deliveries) >= count,
            timeout,
            lambda: f"webhook: {len(self.webhook_deliveries)} of {count} deliveries",
        )
        return list(self.webhook_deliveries)
