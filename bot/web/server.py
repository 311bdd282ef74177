"""Starlette application serving the health check and the routes every channel contributes
(webhooks, the web chat page)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from sqlalchemy import text
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

if TYPE_CHECKING:
    from bot.app import BotApp

log = logging.getLogger(__name__)


def build(app: BotApp) -> Starlette:
    """Build the web application for a running bot."""
    routes: list[BaseRoute] = [Route("/healthz", _health(app))]
    for channel in app.channels.values():
        routes.extend(channel.routes())
    return Starlette(routes=routes)


def _health(app: BotApp) -> Any:
    async def health(_request: Request) -> Response:
        try:
            async with app.sessions() as session:
                await session.execute(text("SELECT 1"))
        except Exception:
            log.exception("health check: database unreachable")
            return JSONResponse({"status": "error", "database": "unreachable"}, status_code=503)
        return JSONResponse({"status": "ok", "channels": sorted(app.channels)})

    return health
