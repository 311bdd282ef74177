"""A small client for the Zalo Bot API: one pooled HTTP client, JSON in and out, errors as
exceptions, and the token kept out of every URL that code outside the transport can see.

Every method is `POST <base>/bot<TOKEN>/<method>` with a JSON body; the answer is
`{"ok": true, "result": …}` or `{"ok": false, "error_code": N, "description": …}`.
Error codes listed in Zalo's documentation: 400 bad request, 401 unauthorized (token),
403 (labelled "internal server error" there; Telegram-style APIs use it for "you may not
write to this person"), 404 not found, 408 request timeout (also how an empty long poll
ends), 426 (testWebhook called too often today), 429 quota exceeded.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import httpx

MASK = "***"
"""What stands for the token in the URLs httpx logs and puts in its errors."""
CONNECT_TIMEOUT = 10.0
READ_TIMEOUT = 20.0
WRITE_TIMEOUT = 20.0
POOL_TIMEOUT = 30.0
POLL_GRACE = 10.0
"""Seconds a long poll may take beyond the timeout it asked Zalo for."""
MAX_CONNECTIONS = 32


class ZaloApiError(Exception):
    """Zalo answered `ok: false` (or an HTTP error without a usable body)."""

    def __init__(self, code: int, description: str, retry_after: float | None = None) -> None:
        super().__init__(f"{code} {description}".strip())
        self.code = code
        self.description = description
        self.retry_after = retry_after


class ZaloProtocolError(ValueError):
    """Zalo answered something that is not a Bot API answer."""


class _TokenTransport(httpx.AsyncBaseTransport):
    """Puts the real token into the path just before the request leaves.

    The client builds URLs with `MASK` in place of the token, so httpx's own log lines,
    request reprs and exceptions only ever show the mask.
    """

    def __init__(self, token: str, inner: httpx.AsyncBaseTransport) -> None:
        self._masked = f"/bot{MASK}/".encode()
        self._real = f"/bot{quote(token, safe=':')}/".encode()
        self._inner = inner

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Send the request with the token in its path."""
        path = request.url.raw_path.replace(self._masked, self._real, 1)
        real = httpx.Request(
            request.method,
            request.url.copy_with(raw_path=path),
            headers=request.headers,
            stream=request.stream,
            extensions=request.extensions,
        )
        return await self._inner.handle_async_request(real)

    async def aclose(self) -> None:
        """Close the connections."""
        await self._inner.aclose()


class ZaloApi:
    """Calls Zalo Bot API methods for one bot token."""

    def __init__(
        self,
        base_url: str,
        token: str,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.token = token
        inner = transport or httpx.AsyncHTTPTransport(
            limits=httpx.Limits(max_connections=MAX_CONNECTIONS, max_keepalive_connections=16),
            retries=0,
        )
        self._client = httpx.AsyncClient(
            base_url=f"{self.base_url}/bot{MASK}/",
            transport=_TokenTransport(token, inner),
            timeout=httpx.Timeout(
                connect=CONNECT_TIMEOUT, read=READ_TIMEOUT, write=WRITE_TIMEOUT, pool=POOL_TIMEOUT
            ),
            headers={"User-Agent": "mangluoi-bot"},
        )

    def masked(self, text: str) -> str:
        """`text` with the token replaced by the mask (for log lines and start failures)."""
        return text.replace(self.token, MASK) if self.token else text

    async def call(
        self, method: str, payload: dict[str, Any] | None = None, **options: Any
    ) -> Any:
        """Call one method and return its `result`.

        Raises `ZaloApiError` for an error answer, `ZaloProtocolError` for an answer that
        is not one, and httpx's `HTTPError` subclasses when Zalo cannot be reached in time.
        """
        response = await self._client.post(method, json=payload or {}, **options)
        body = _json(response)
        if body is None or not isinstance(body.get("ok"), bool):
            if response.status_code >= 400:
                raise ZaloApiError(response.status_code, response.reason_phrase, _retry(response))
            status = response.status_code
            raise ZaloProtocolError(f"{method}: not a Bot API answer (HTTP {status})")
        if body["ok"]:
            return body.get("result")
        code = body.get("error_code")
        description = str(body.get("description") or response.reason_phrase)[:200]
        number = code if isinstance(code, int) else response.status_code
        raise ZaloApiError(number, self.masked(description), _retry(response))

    async def get_me(self) -> dict[str, Any]:
        """The bot's own account (id, account_name…)."""
        result = await self.call("getMe")
        if not isinstance(result, dict):
            raise ZaloProtocolError("getMe: the result is not an account")
        return result

    async def get_update(self, wait: float) -> Any:
        """Wait up to `wait` seconds for the next update (Zalo gives one per call)."""
        return await self.call(
            "getUpdates",
            {"timeout": str(max(1, round(wait)))},
            timeout=httpx.Timeout(
                connect=CONNECT_TIMEOUT,
                read=wait + POLL_GRACE,
                write=WRITE_TIMEOUT,
                pool=POOL_TIMEOUT,
            ),
        )

    async def set_webhook(self, url: str, secret_token: str) -> Any:
        """Ask Zalo to deliver updates to `url`, with the secret in a header."""
        return await self.call("setWebhook", {"url": url, "secret_token": secret_token})

    async def delete_webhook(self) -> Any:
        """Go back to getUpdates."""
        return await self.call("deleteWebhook")

    async def send_message(self, chat_id: str, text: str) -> str:
        """Send a text (1–2000 characters); return Zalo's message id."""
        return _message_id(await self.call("sendMessage", {"chat_id": chat_id, "text": text}))

    async def send_photo(self, chat_id: str, photo_url: str, caption: str | None) -> str:
        """Send a picture from a public address, with an optional caption."""
        payload: dict[str, Any] = {"chat_id": chat_id, "photo": photo_url}
        if caption:
            payload["caption"] = caption
        return _message_id(await self.call("sendPhoto", payload))

    @property
    def http(self) -> httpx.AsyncClient:
        """The pooled HTTP client, for downloads from absolute addresses (the pictures
        people send)."""
        return self._client

    async def aclose(self) -> None:
        """Close the HTTP connections."""
        await self._client.aclose()


def _json(response: httpx.Response) -> dict[str, Any] | None:
    try:
        body = response.json()
    except ValueError:
        return None
    return body if isinstance(body, dict) else None


def _retry(response: httpx.Response) -> float | None:
    value = response.headers.get("Retry-After", "")
    try:
        return max(0.0, float(value)) if value else None
    except ValueError:
        return None


def _message_id(result: Any) -> str:
    if isinstance(result, dict) and result.get("message_id") is not None:
        return str(result["message_id"])
    return ""
