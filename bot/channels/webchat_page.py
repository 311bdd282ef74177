"""The web chat's page and JSON API, mounted on the bot's web server by the web chat channel."""

from __future__ import annotations

import base64
import json
from importlib.resources import files
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from bot.channels.webchat import (
    MAX_DOCUMENT_BYTES,
    clean_filename,
    incoming,
    public_payload,
    too_big,
    upload_limits,
    upload_problem,
)
from bot.channels.webhooks import read_capped
from bot.texts import demo as demo_texts
from models import webchat as transcript

if TYPE_CHECKING:
    from bot.channels.webchat import WebchatChannel


def routes(channel: WebchatChannel) -> list[BaseRoute]:
    """The page at /chat/, its static files and its API (people, send, upload, messages,
    files)."""
    static = StaticFiles(directory=str(files("bot.web") / "static"))
    return [
        Route("/", lambda _request: RedirectResponse("/chat/")),
        Route("/chat/", _page),
        Mount("/chat/static", static, name="static"),
        Route("/chat/api/people", _people),
        Route("/chat/api/send", _send(channel), methods=["POST"]),
        Route("/chat/api/upload", _upload(channel), methods=["POST"]),
        Route("/chat/api/messages", _messages(channel)),
        Route("/chat/api/files/{message_id:int}/{key}", _file(channel)),
    ]


async def _page(_request: Request) -> Response:
    html = (files("bot.web") / "static" / "index.html").read_text(encoding="utf-8")
    return Response(html, media_type="text/html; charset=utf-8")


async def _people(_request: Request) -> Response:
    # The demo people (bot.demo seeds one member per entry of the same catalog).
    people = [
        {"key": key, "name": name, "description": description}
        for key, (name, description) in demo_texts.PEOPLE.items()
    ]
    return JSONResponse({"people": people, "upload": upload_limits()})


def _person_or_none(key: Any) -> str | None:
    return key if isinstance(key, str) and key in demo_texts.PEOPLE else None


def _send(channel: WebchatChannel) -> Any:
    async def send(request: Request) -> Response:
        try:
            body = await request.json()
        except ValueError:
            return JSONResponse({"error": "bad json"}, status_code=400)
        person = _person_or_none(body.get("person")) if isinstance(body, dict) else None
        if person is None:
            return JSONResponse({"error": "unknown person"}, status_code=400)
        event = incoming(person, body)
        await channel.record_incoming(event, str(body.get("label") or event.text))
        await channel.handle(event, channel.deliver)
        return await _messages_after(channel, person, int(body.get("after") or 0))

    return send


def _upload(channel: WebchatChannel) -> Any:
    """A photo or document attached in the page: the raw file is the body; the person, the
    file name and the last message id the page has are in the query string."""

    async def upload(request: Request) -> Response:
        person = _person_or_none(request.query_params.get("person"))
        if person is None:
            return JSONResponse({"error": "unknown person"}, status_code=400)
        name = clean_filename(request.query_params.get("name"))
        mime = request.headers.get("content-type", "").split(";")[0].strip().lower()
        content = await read_capped(request, MAX_DOCUMENT_BYTES)
        if content is None:
            size = int(request.headers.get("content-length", "0") or 0)
            error = too_big(name, max(size, MAX_DOCUMENT_BYTES + 1))
            return JSONResponse({"error": error}, status_code=413)
        problem = upload_problem(name, len(content))
        if problem is not None:
            return JSONResponse({"error": problem}, status_code=400)
        event = await channel.record_upload(
            person, name=name, mime=mime or "application/octet-stream", content=content
        )
        await channel.handle(event, channel.deliver)
        after = request.query_params.get("after", "0")
        return await _messages_after(channel, person, int(after) if after.isdigit() else 0)

    return upload


def _messages(channel: WebchatChannel) -> Any:
    async def messages(request: Request) -> Response:
        person = _person_or_none(request.query_params.get("person"))
        if person is None:
            return JSONResponse({"error": "unknown person"}, status_code=400)
        after = request.query_params.get("after", "0")
        return await _messages_after(channel, person, int(after) if after.isdigit() else 0)

    return messages


async def _messages_after(channel: WebchatChannel, person: str, after: int) -> Response:
    async with channel.sessions() as session:
        rows = await transcript.since(session, person=person, after_id=after)
    shown = [public_payload(row, json.loads(row.payload)) for row in rows]
    return JSONResponse({"messages": shown})


def _file(channel: WebchatChannel) -> Any:
    async def file(request: Request) -> Response:
        message_id = int(request.path_params["message_id"])
        key = request.path_params["key"]
        async with channel.sessions() as session:
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
