"""The operator's endpoints: `/healthz` (database, channels, leader as JSON; 200 when all
are ok, else 503) and `/metrics` (Prometheus text format, optionally behind a bearer
token)."""

from __future__ import annotations

import asyncio
import hmac
import logging
from typing import TYPE_CHECKING, Any

from prometheus_client import CONTENT_TYPE_LATEST
from sqlalchemy import text
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from models import outbox

if TYPE_CHECKING:
    from bot.app import BotApp

log = logging.getLogger(__name__)

CHECK_TIMEOUT = 2.0
"""Seconds the database (and each channel) has to answer a health check or a scrape."""


async def _database(app: BotApp) -> dict[str, Any]:
    try:
        async with asyncio.timeout(CHECK_TIMEOUT), app.sessions() as session:
            await session.execute(text("SELECT 1"))
    except TimeoutError:
        log.warning("health check: the database did not answer within %ss", CHECK_TIMEOUT)
        return {"ok": False, "detail": "timeout"}
    except Exception:
        log.exception("health check: database unreachable")
        return {"ok": False, "detail": "unreachable"}
    return {"ok": True}


async def _channel(app: BotApp, name: str) -> dict[str, Any]:
    if name not in app.started_channels:
        return {"ok": False, "started": False}
    try:
        async with asyncio.timeout(CHECK_TIMEOUT):
            health = await app.channels[name].health()
    except Exception:
        log.exception("health check of channel %s failed", name)
        return {"ok": False, "started": True, "detail": "check failed"}
    answer: dict[str, Any] = {"ok": health.ok, "started": True}
    if health.detail:
        answer["detail"] = health.detail
    return answer


def _leader(app: BotApp) -> dict[str, Any]:
    try:
        return {"ok": True, "leader": app.services.leadership.is_leader()}
    except Exception:
        log.exception("health check: cannot tell whether this process leads")
        return {"ok": False, "leader": False}


def health(app: BotApp) -> Any:
    """The `/healthz` endpoint of a running bot."""

    async def endpoint(_request: Request) -> Response:
        database = await _database(app)
        channels = {name: await _channel(app, name) for name in sorted(app.channels)}
        leader = _leader(app)
        ok = database["ok"] and leader["ok"] and all(c["ok"] for c in channels.values())
        body = {
            "status": "ok" if ok else "error",
            "database": database,
            "channels": channels,
            "leader": leader,
        }
        return JSONResponse(body, status_code=200 if ok else 503)

    return endpoint


def _authorised(request: Request, token: str) -> bool:
    given = request.headers.get("authorization", "")
    return hmac.compare_digest(given.encode(), f"Bearer {token}".encode())


def metrics(app: BotApp) -> Any:
    """The `/metrics` endpoint: reads the outbox depth (one GROUP BY), then every metric."""

    async def endpoint(request: Request) -> Response:
        token = app.config.web.metrics_token
        if token and not _authorised(request, token):
            return Response(status_code=401, headers={"WWW-Authenticate": "Bearer"})
        registry = app.services.metrics
        try:
            async with asyncio.timeout(CHECK_TIMEOUT), app.sessions() as session:
                registry.outbox.rows = await outbox.depth(session)
        except Exception:
            log.warning("metrics: the outbox depth could not be read", exc_info=True)
            registry.outbox.rows = None
        return Response(registry.exposition(), media_type=CONTENT_TYPE_LATEST)

    return endpoint
