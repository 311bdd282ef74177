"""Starlette application serving the health check, the metrics, signed download links and
the routes every channel contributes (webhooks, the web chat page)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from starlette.applications import Starlette
from starlette.routing import BaseRoute, Route

from bot.web import files, operations

if TYPE_CHECKING:
    from bot.app import BotApp


def build(app: BotApp) -> Starlette:
    """Build the web application for a running bot."""
    routes: list[BaseRoute] = [
        Route("/healthz", operations.health(app)),
        Route("/metrics", operations.metrics(app)),
        files.route(app),
    ]
    for channel in app.channels.values():
        routes.extend(channel.routes())
    return Starlette(routes=routes)
