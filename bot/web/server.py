"""Starlette application serving webhooks, the health check and (when enabled) the web chat."""

from __future__ import annotations

import base64
import json
import logging
from importlib.resources import files
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from sqlalchemy import text
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from bot import demo
from bot.channels import webchat
from models import webchat as transcript

if TYPE_CHECKING:
    from bot.app import BotApp

log = logging.getLogger(__name__)
MAX_BODY = 1_000_000


def build(app: BotApp) -> Starlette:
    """Build the web application for a running bot."""
    routes: list[Route | Mount] = [Route("/healthz", _health(app))]
    if app.telegram is not None:
        routes.append(Route("/telegram/webhook", _telegram_webhook(app), methods=["POST"]))
    if app.webchat is not None:
        static = StaticFiles(directory=str(files("bot.web") / "static"))
        routes += [
            Route("/", lambda _request: RedirectResponse("/chat/")),
            Route("/chat/", _page),
            Mount("/chat/static", static, name="static"),
            Route("/chat/api/people", _people),
            Route("/chat/api/send", _send(app), methods=["POST"]),
            Route("/chat/api/upload", _upload(app), methods=["POST"]),
            Route("/chat/api/messages", _messages(app)),
            Route("/chat/api/files/{message_id:int}/{key}", _file(app)),
        ]
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


def _telegram_webhook(app: BotApp) -> Any:
    async def webhook(request: Request) -> Response:
        channel = app.telegram
        assert channel is not None
        if not channel.webhook_secret_ok(request.headers.get("X-Telegram-Bot-Api-Secret-Token")):
            return JSONResponse({"ok": False}, status_code=403)
        body = await request.body()
        if len(body) > MAX_BODY:
            return JSONResponse({"ok": False}, status_code=413)
        try:
            payload = json.loads(body)
        except ValueError:
            return JSONResponse({"ok": False}, status_code=400)
        await channel.feed_webhook(payload)
        return JSONResponse({"ok": True})

    return webhook


async def _page(_request: Request) -> Response:
    html = (files("bot.web") / "static" / "index.html").read_text(encoding="utf-8")
    return Response(html, media_type="text/html; charset=utf-8")


async def _people(_request: Request) -> Response:
    people = [{"key": p.key, "name": p.name, "description": p.description} for p in demo.PEOPLE]
    return JSONResponse({"people": people, "upload": webchat.upload_limits()})


def _person_or_none(key: Any) -> str | None:
    return key if isinstance(key, str) and demo.person(key) is not None else None


def _send(app: BotApp) -> Any:
    async def send(request: Request) -> Response:
        try:
            body = await request.json()
        except ValueError:
            return JSONResponse({"error": "bad json"}, status_code=400)
        person = _person_or_none(body.get("person")) if isinstance(body, dict) else None
        if person is None:
            return JSONResponse({"error": "unknown person"}, status_code=400)
        channel = app.webchat
        assert channel is not None
        event = webchat.incoming(person, body)
        await channel.record_incoming(event, str(body.get("label") or event.text))
        await app.dispatcher.handle(event, channel.deliver)
        return await _messages_after(app, person, int(body.get("after") or 0))

    return send


async def _read_capped(request: Request, limit: int) -> bytes | None:
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


def _upload(app: BotApp) -> Any:
    """A photo or document attached in the page: the raw file is the body; the person, the
    file name and the last message id the page has are in the query string."""

    async def upload(request: Request) -> Response:
        person = _person_or_none(request.query_params.get("person"))
        if person is None:
            return JSONResponse({"error": "unknown person"}, status_code=400)
        name = webchat.clean_filename(request.query_params.get("name"))
        mime = request.headers.get("content-type", "").split(";")[0].strip().lower()
        content = await _read_capped(request, webchat.MAX_DOCUMENT_BYTES)
        if content is None:
            size = int(request.headers.get("content-length", "0") or 0)
            error = webchat.too_big(name, max(size, webchat.MAX_DOCUMENT_BYTES + 1))
            return JSONResponse({"error": error}, status_code=413)
        problem = webchat.upload_problem(name, len(content))
        if problem is not None:
            return JSONResponse({"error": problem}, status_code=400)
        channel = app.webchat
        assert channel is not None
        event = await channel.record_upload(
            person, name=name, mime=mime or "application/octet-stream", content=content
        )
        await app.dispatcher.handle(event, channel.deliver)
        after = request.query_params.get("after", "0")
        return await _messages_after(app, person, int(after) if after.isdigit() else 0)

    return upload


def _messages(app: BotApp) -> Any:
    async def messages(request: Request) -> Response:
        person = _person_or_none(request.query_params.get("person"))
        if person is None:
            return JSONResponse({"error": "unknown person"}, status_code=400)
        after = request.query_params.get("after", "0")
        return await _messages_after(app, person, int(after) if after.isdigit() else 0)

    return messages


async def _messages_after(app: BotApp, person: str, after: int) -> Response:
    async with app.sessions() as session:
        rows = await transcript.since(session, person=person, after_id=after)
    shown = [webchat.public_payload(row, json.loads(row.payload)) for row in rows]
    return JSONResponse({"messages": shown})


def _file(app: BotApp) -> Any:
    async def file(request: Request) -> Response:
        message_id = int(request.path_params["message_id"])
        key = request.path_params["key"]
        async with app.sessions() as session:
            row = await transcript.file_payload(session, message_id=message_id)
        payload = json.loads(row.payload) if row is not None else {}
        if key not in ("file", "image") or key not in payload:
            return Response(status_code=404)
        item = payload[key]
        disposition = "inline" if key == "image" else "attachment"
        return Response(
            base64.b64decode(item["data"]),
            media_type=item["mime"],
            headers={
                "Content-Disposition": f"{disposition}; filename*=UTF-8''{quote(item['name'])}"
            },
        )

    return file
