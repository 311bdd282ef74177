"""The Zalo webhook endpoint: checks the secret header, then takes the update in."""

from __future__ import annotations

import json
import logging
from typing import TYPE_CHECKING

from sqlalchemy.exc import SQLAlchemyError
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

if TYPE_CHECKING:
    from bot.channels.zalo import ZaloChannel

log = logging.getLogger(__name__)

WEBHOOK_PATH = "/zalo/webhook"
SECRET_HEADER = "X-Bot-Api-Secret-Token"
MAX_BODY = 1_000_000


def webhook_route(channel: ZaloChannel) -> Route:
    """The POST route Zalo delivers updates to.

    403 without the right secret (nothing read), 400 for a body that is not an update
    (one log line), 500 when the update cannot be recorded (Zalo delivers it again).
    """

    async def webhook(request: Request) -> Response:
        if not channel.webhook_secret_ok(request.headers.get(SECRET_HEADER)):
            return JSONResponse({"ok": False}, status_code=403)
        body = await request.body()
        if len(body) > MAX_BODY:
            return JSONResponse({"ok": False}, status_code=413)
        try:
            await channel.take(json.loads(body))
        except ValueError as error:  # not JSON, or JSON that is not an update
            log.warning("zalo webhook: refused a body that is not an update: %s", error)
            return JSONResponse({"ok": False}, status_code=400)
        except SQLAlchemyError as error:
            log.error("zalo webhook: could not record the update (%s)", type(error).__name__)
            return JSONResponse({"ok": False}, status_code=500)
        return JSONResponse({"ok": True})

    return Route(WEBHOOK_PATH, webhook, methods=["POST"])
