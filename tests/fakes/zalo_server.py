"""A fake Zalo Bot API server speaking real HTTP on 127.0.0.1, for tests.

What it does like Zalo (as documented): `POST /bot<TOKEN>/<method>` with JSON, answers
`{"ok": true, "result": …}` or `{"ok": false, "error_code": N, "description": …}`;
getUpdates hands out one update per call and, when nothing comes within the timeout,
answers error 408 "Request timeout"; setWebhook wants an https URL and a secret of 8–256
characters, then updates are POSTed with the secret in `X-Bot-Api-Secret-Token`; texts and
captions must be 1–2000 characters (counted in UTF-16 units, the stricter reading); a photo
must be an http(s) address, and one on this machine (127.0.0.1, localhost) is fetched like
Zalo's servers would: an answer other than 200 with an image is refused (400). Pictures
people send are served at `/photos/<name>?token=…` (`photo_url` of image updates, a token in
the query as on Zalo's file servers), with failures on demand: a 404, a body too big (with or
without Content-Length), a body that is not a picture, or an answer that comes late.

What is assumed (Zalo does not document it): a blocked person answers 403; error answers
carry the error code as HTTP status too (`http_errors = False` answers them with 200);
getUpdates while a webhook is set answers 400.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import aiohttp
from aiohttp import web

from tests.fakes.zalo_records import ApiError, Call, Delivery, Failure, Sent, utf16_units
from tests.fakes.zalo_updates import BASE_DATE_MS, JSONDict, wrapped

__all__ = [
    "BLOCKED",
    "DEFAULT_TOKEN",
    "PHOTO_TOKEN",
    "SECRET_HEADER",
    "Delivery",
    "FakeZaloServer",
    "Sent",
    "ServedPhoto",
]

DEFAULT_TOKEN = "1459232241454765289:fake-zalo-token-for-tests_AbCdEf0123"
SECRET_HEADER = "X-Bot-Api-Secret-Token"
TEXT_LIMIT = 2000
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost"})
BLOCKED = "Forbidden: the user has blocked the bot"
PHOTO_TOKEN = "zdn-access-6f1d2c9a8b7e"
"""The access token in the query of the photo addresses the fake hands out."""
PHOTO_CHUNK = 64 * 1024


@dataclass(frozen=True)
class FetchedPhoto:
    """A photo the fake fetched from the address a sendPhoto gave."""

    url: str
    status: int
    content_type: str
    content: bytes


@dataclass
class ServedPhoto:
    """A picture a person sent, as the fake's file server gives it out: its bytes and how
    (`status`, `content_type`, whether Content-Length is sent, a delay before answering);
    `sent` counts the bytes written so far, `requests` the downloads asked."""

    content: bytes
    content_type: str = "image/jpeg"
    status: int = 200
    declare_length: bool = True
    delay: float = 0.0
    sent: int = 0
    requests: int = 0


class FakeZaloServer:
    """The fake Bot API: records calls, queues updates, delivers the webhook, fails on demand.

    `poll_timeout` caps how long one getUpdates waits (short in tests), `webhook_attempts`
    is how many POSTs an update gets before the fake gives up on it.
    """

    def __init__(
        self,
        token: str = DEFAULT_TOKEN,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        account_name: str = "bot.MangLuoiThu",
        poll_timeout: float = 0.3,
        webhook_attempts: int = 1,
    ) -> None:
        self.token = token
        self.host, self.port = host, port
        self.account_name = account_name
        self.poll_timeout = poll_timeout
        self.webhook_attempts = webhook_attempts
        self.http_errors = True
        self.calls: list[Call] = []
        self.sent: list[Sent] = []
        self.served: list[JSONDict] = []
        self.deliveries: list[Delivery] = []
        self.failures: list[Failure] = []
        self.blocked: set[str] = set()
        self.webhook_url = ""
        self.webhook_secret = ""
        self.deliver_to: str | None = None
        self._pending: deque[JSONDict] = deque()
        self._outgoing: asyncio.Queue[JSONDict] = asyncio.Queue()
        self._ids = itertools.count(1)
        self._changed = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self._worker: asyncio.Task[None] | None = None
        self._http: aiohttp.ClientSession | None = None
        self.fetched: list[FetchedPhoto] = []
        """Photos fetched from their addresses, in order."""
        self.photos: dict[str, ServedPhoto] = {}
        """Pictures people sent, by name (served at `/photos/<name>`)."""

    # ---- lifecycle ----------------------------------------------------------------------

    @property
    def url(self) -> str:
        """Base URL of the running server (the bot's `zalo.api_base_url`)."""
        return f"http://{self.host}:{self.port}"

    async def start(self) -> None:
        """Bind (a free port with port 0) and serve."""
        app = web.Application()
        app.router.add_post("/bot{token}/{method}", self._handle)
        app.router.add_get("/photos/{name}", self._serve_photo)
        # A poll whose client went away (a bot stopped mid-poll) is cancelled, so it does not
        # take an update nobody will read.
        self._runner = web.AppRunner(
            app, access_log=None, handle_signals=False, handler_cancellation=True
        )
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        self.port = int(self._runner.addresses[0][1])
        self._http = aiohttp.ClientSession()
        self._worker = asyncio.create_task(self._deliver_webhooks())

    async def stop(self) -> None:
        """Stop delivering and serving."""
        if self._worker is not None:
            self._worker.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._worker
            self._worker = None
        if self._http is not None:
            await self._http.close()
            self._http = None
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    # ---- what tests do ------------------------------------------------------------------

    def push(self, update: JSONDict) -> JSONDict:
        """A person did something: queue the (bare) update for getUpdates or the webhook."""
        if self.webhook_url:
            self._outgoing.put_nowait(update)
        else:
            self._pending.append(update)
            self._notify()
        return update

    def fail_next(
        self,
        code: int,
        *,
        method: str = "sendMessage",
        times: int = 1,
        description: str | None = None,
        retry_after: float | None = None,
    ) -> None:
        """Answer the next `times` calls of `method` with error `code`."""
        text = description or {429: "Quota exceeded", 500: "Internal Server Error"}.get(
            code, f"Error {code}"
        )
        self.failures.append(Failure(method, code, text, times, retry_after))

    def add_photo(
        self,
        content: bytes,
        *,
        content_type: str = "image/jpeg",
        status: int = 200,
        declare_length: bool = True,
        delay: float = 0.0,
    ) -> str:
        """A person's picture to serve; return its address (for `zalo_updates.image`)."""
        name = f"{next(self._ids):020x}.jpg"
        self.photos[name] = ServedPhoto(content, content_type, status, declare_length, delay)
        return self.photo_url(name)

    def photo_url(self, name: str) -> str:
        """The address of a served picture (or of one that is not there: a 404)."""
        return f"{self.url}/photos/{name}?token={PHOTO_TOKEN}"

    def photo(self, url: str) -> ServedPhoto:
        """The served picture behind an address `add_photo` gave."""
        return self.photos[urlsplit(url).path.rsplit("/", 1)[-1]]

    def block(self, chat_id: str) -> None:
        """The person blocked the bot: sends to them answer 403."""
        self.blocked.add(chat_id)

    def calls_named(self, method: str) -> list[Call]:
        """The recorded calls of one method, oldest first."""
        return [call for call in self.calls if call.method == method]

    def texts(self, chat_id: str) -> list[str]:
        """What one chat received: texts, and captions of photos."""
        return [s.text or "" for s in self.sent if s.chat_id == chat_id]

    async def wait_for(
        self,
        predicate: Callable[[], bool],
        what: Callable[[], str],
        seconds: float = 5.0,
    ) -> None:
        """Wait until `predicate()` holds; `TimeoutError` saying `what()` otherwise."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + seconds
        while not predicate():
            left = deadline - loop.time()
            if left <= 0:
                raise TimeoutError(what())
            changed = self._changed
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(changed.wait(), left)

    async def wait_for_texts(self, chat_id: str, count: int, seconds: float = 5.0) -> list[str]:
        """Wait until a chat received `count` messages; return all it received."""
        await self.wait_for(
            lambda: len(self.texts(chat_id)) >= count,
            lambda: f"chat {chat_id}: wanted {count}, got {self.texts(chat_id)}",
            seconds,
        )
        return self.texts(chat_id)

    # ---- HTTP ---------------------------------------------------------------------------

    async def _serve_photo(self, request: web.Request) -> web.StreamResponse:
        photo = self.photos.get(request.match_info["name"])
        if photo is None or request.query.get("token") != PHOTO_TOKEN:
            return web.Response(status=404, text="Not Found")
        photo.requests += 1
        if photo.delay:
            await asyncio.sleep(photo.delay)
        if photo.status != 200:
            return web.Response(status=photo.status, text="Error")
        response = web.StreamResponse(headers={"Content-Type": photo.content_type})
        if photo.declare_length:
            response.content_length = len(photo.content)
        else:
            response.enable_chunked_encoding()
        await response.prepare(request)
        # Written piece by piece, so a client that stops reading stops the writing (the
        # handler is cancelled when it goes away) and `sent` tells how much left.
        for start in range(0, len(photo.content), PHOTO_CHUNK):
            piece = photo.content[start : start + PHOTO_CHUNK]
            await response.write(piece)
            photo.sent += len(piece)
        await response.write_eof()
        return response

    async def _handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        try:
            params = await request.json() if request.can_read_body else {}
        except ValueError:
            params = None
        call = Call(method, params if isinstance(params, dict) else {})
        self.calls.append(call)
        try:
            if request.match_info["token"] != self.token:
                raise ApiError(401, "Unauthorized")
            if not isinstance(params, dict):
                raise ApiError(400, "Bad request: the body is not a JSON object")
            handler = self._methods().get(method)
            if handler is None:
                raise ApiError(404, "Not found")
            self._inject(method, params)
            result = await handler(params)
        except ApiError as error:
            call.error = error.code
            self._notify()
            body = {"ok": False, "error_code": error.code, "description": error.description}
            headers = {}
            if error.retry_after is not None:
                headers["Retry-After"] = str(error.retry_after)
            status = error.code if self.http_errors else 200
            return web.json_response(body, status=status, headers=headers)
        self._notify()
        return web.json_response({"ok": True, "result": result})

    def _methods(self) -> dict[str, Callable[[JSONDict], Any]]:
        return {
            "getMe": self._get_me,
            "getUpdates": self._get_updates,
            "setWebhook": self._set_webhook,
            "deleteWebhook": self._delete_webhook,
            "getWebhookInfo": self._webhook_info,
            "sendMessage": self._send_message,
            "sendPhoto": self._send_photo,
            "sendSticker": self._send_sticker,
            "sendChatAction": self._send_chat_action,
        }

    def _inject(self, method: str, params: JSONDict) -> None:
        for failure in self.failures:
            if failure.method == method and failure.times > 0:
                failure.times -= 1
                raise ApiError(failure.code, failure.description, failure.retry_after)
        if method.startswith("send") and str(params.get("chat_id")) in self.blocked:
            raise ApiError(403, BLOCKED)

    # ---- methods ------------------------------------------------------------------------

    async def _get_me(self, _params: JSONDict) -> JSONDict:
        bot_id = self.token.split(":", 1)[0]
        return {
            "id": bot_id,
            "account_name": self.account_name,
            "account_type": "BASIC",
            "can_join_groups": False,
        }

    async def _get_updates(self, params: JSONDict) -> JSONDict:
        if self.webhook_url:
            raise ApiError(400, "Bad request: a webhook is set, call deleteWebhook first")
        try:
            asked = float(params.get("timeout", 30))
        except (TypeError, ValueError):
            raise ApiError(400, "Bad request: timeout is not a number") from None
        loop = asyncio.get_running_loop()
        deadline = loop.time() + min(asked, self.poll_timeout)
        while not self._pending:
            left = deadline - loop.time()
            if left <= 0:
                raise ApiError(408, "Request timeout")
            changed = self._changed
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(changed.wait(), left)
        update = self._pending.popleft()
        self.served.append(update)
        return update

    async def _set_webhook(self, params: JSONDict) -> JSONDict:
        url, secret = params.get("url"), params.get("secret_token")
        if not isinstance(url, str) or not url.startswith("https://"):
            raise ApiError(400, "Bad request: url must be an https address")
        if not isinstance(secret, str) or not 8 <= len(secret) <= 256:
            raise ApiError(400, "Bad request: secret_token must be 8 to 256 characters")
        self.webhook_url, self.webhook_secret = url, secret
        return {"url": url, "updated_at": BASE_DATE_MS}

    async def _delete_webhook(self, _params: JSONDict) -> JSONDict:
        self.webhook_url = self.webhook_secret = ""
        return {"url": "", "updated_at": BASE_DATE_MS}

    async def _webhook_info(self, _params: JSONDict) -> JSONDict:
        return {"url": self.webhook_url, "updated_at": BASE_DATE_MS}

    def _chat(self, params: JSONDict) -> str:
        chat_id = params.get("chat_id")
        if not isinstance(chat_id, str) or not chat_id:
            raise ApiError(400, "Bad request: chat_id is required")
        return chat_id

    def _checked_text(self, value: Any, name: str, *, required: bool) -> str | None:
        if value is None and not required:
            return None
        if not isinstance(value, str) or not 1 <= utf16_units(value) <= TEXT_LIMIT:
            raise ApiError(400, f"Bad request: {name} must be 1 to {TEXT_LIMIT} characters")
        return value

    def _record(self, method: str, chat_id: str, **what: str | None) -> JSONDict:
        sent = Sent(method, chat_id, f"{next(self._ids):020x}", **what)
        self.sent.append(sent)
        return {"message_id": sent.message_id, "date": BASE_DATE_MS}

    async def _send_message(self, params: JSONDict) -> JSONDict:
        chat_id = self._chat(params)
        text = self._checked_text(params.get("text"), "text", required=True)
        return self._record("sendMessage", chat_id, text=text)

    async def _send_photo(self, params: JSONDict) -> JSONDict:
        chat_id = self._chat(params)
        photo = params.get("photo")
        if not isinstance(photo, str) or not photo.startswith(("http://", "https://")):
            raise ApiError(400, "Bad request: photo must be an http(s) address")
        caption = self._checked_text(params.get("caption"), "caption", required=False)
        if urlsplit(photo).hostname in LOCAL_HOSTS:
            await self._fetch_photo(photo)
        return self._record("sendPhoto", chat_id, text=caption, photo=photo)

    async def _fetch_photo(self, url: str) -> None:
        assert self._http is not None
        try:
            async with self._http.get(url) as response:
                content = await response.read()
                fetched = FetchedPhoto(url, response.status, response.content_type, content)
        except aiohttp.ClientError as error:
            raise ApiError(400, "Bad request: the photo cannot be fetched") from error
        self.fetched.append(fetched)
        if fetched.status != 200 or not fetched.content_type.startswith("image/"):
            raise ApiError(400, f"Bad request: the photo answered HTTP {fetched.status}")

    async def _send_sticker(self, params: JSONDict) -> JSONDict:
        chat_id = self._chat(params)
        if not isinstance(params.get("sticker"), str):
            raise ApiError(400, "Bad request: sticker is required")
        return self._record("sendSticker", chat_id)

    async def _send_chat_action(self, params: JSONDict) -> None:
        self._chat(params)
        if params.get("action") not in ("typing", "upload_photo"):
            raise ApiError(400, "Bad request: unknown action")

    # ---- webhook delivery ---------------------------------------------------------------

    async def _deliver_webhooks(self) -> None:
        """POST queued updates one at a time, in order, with the secret header."""
        while True:
            update = await self._outgoing.get()
            target = self.deliver_to or self.webhook_url
            number = (update.get("message") or {}).get("message_id")
            body = json.dumps(wrapped(update), ensure_ascii=False).encode()
            headers = {SECRET_HEADER: self.webhook_secret, "Content-Type": "application/json"}
            for attempt in range(1, self.webhook_attempts + 1):
                status = await self._post(target, body, headers)
                self.deliveries.append(Delivery(number, status, attempt))
                self._notify()
                if 200 <= status < 300:
                    break

    async def _post(self, url: str, body: bytes, headers: dict[str, str]) -> int:
        assert self._http is not None
        try:
            async with self._http.post(url, data=body, headers=headers) as response:
                return response.status
        except aiohttp.ClientError:
            return 0

    def _notify(self) -> None:
        changed, self._changed = self._changed, asyncio.Event()
        changed.set()
