"""What every messenger's webhook endpoint does: check the secret header in constant time
(the channel's check), read a body of bounded size, and hand the update on — 403 without
the right secret (nothing read), 413 over the size, 400 with one log line for a body that
is not an update."""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

log = logging.getLogger(__name__)

MAX_BODY = 1_000_000


async def read_capped(request: Request, limit: int) -> bytes | None:
    """The request body, or None as soon as it grows past `limit` bytes."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        return None
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            return None
    return bytes(body)


def secret_webhook(
    *,
    name: str,
    path: str,
    header: str,
    secret_ok: Callable[[str | None], bool],
    take: Callable[[Any], Awaitable[object]],
    retry_on: tuple[type[Exception], ...] = (),
) -> Route:
    """The POST route a messenger delivers updates to. An exception of `retry_on` while the
    update is taken in answers 500, so the messenger delivers it again."""

    async def webhook(request: Request) -> Response:
        if not secret_ok(request.headers.get(header)):
            return JSONResponse({"ok": False}, status_code=403)
        body = await read_capped(request, MAX_BODY)
        if body is None:
            return JSONResponse({"ok": False}, status_code=413)
        try:
            await take(json.loads(body))
        except ValueError as error:  # not JSON, or JSON that is not an update
            log.warning("%s webhook: refused a body that is not an update: %s", name, error)
            return JSONResponse({"ok": False}, status_code=400)
        except retry_on as error:
            log.error("%s webhook: could not take the update (%s)", name, type(error).__name__)
            return JSONResponse({"ok": False}, status_code=500)
        return JSONResponse({"ok": True})

    return Route(path, webhook, methods=["POST"])
