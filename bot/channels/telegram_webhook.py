"""The Telegram webhook endpoint: checks the secret header, then queues the update."""

from __future__ import annotations

import json
import logging
from typing import TYPE_CHECKING

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

if TYPE_CHECKING:
    from bot.channels.telegram import TelegramChannel

log = logging.getLogger(__name__)

WEBHOOK_PATH = "/telegram/webhook"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MAX_BODY = 1_000_000


def webhook_route(channel: TelegramChannel) -> Route:
    """The POST route Telegram delivers updates to."""

    async def webhook(request: Request) -> Response:
        if not channel.webhook_secret_ok(request.headers.get(SECRET_HEADER)):
            return JSONResponse({"ok": False}, status_code=403)
        body = await request.body()
        if len(body) > MAX_BODY:
            return JSONResponse({"ok": False}, status_code=413)
        try:
            await channel.feed_webhook(json.loads(body))
        except ValueError as error:  # not JSON, or JSON that is not an update
            log.warning("telegram webhook: refused a body that is not an update: %s", error)
            return JSONResponse({"ok": False}, status_code=400)
        return JSONResponse({"ok": True})

    return Route(WEBHOOK_PATH, webhook, methods=["POST"])
