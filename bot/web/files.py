"""`GET /files/<id>/<token>`: the file behind a signed download link (see
`models.file_links`), or a short page saying why not: 404 for an unknown link, 403 for a
wrong token, 410 for a link that ran out or was used already.

A HEAD request checks the link without using it up (link previews and fetchers ask first).
"""

from __future__ import annotations

import html
import logging
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from bot.texts import files as t
from models import file_links
from models.file_links import Refusal

if TYPE_CHECKING:
    from bot.app import BotApp

log = logging.getLogger(__name__)

PATH = "/files/{link_id}/{token}"
STATUS = {Refusal.UNKNOWN: 404, Refusal.FORGED: 403, Refusal.EXPIRED: 410, Refusal.USED: 410}
PAGES = {
    Refusal.UNKNOWN: t.UNKNOWN,
    Refusal.FORGED: t.FORGED,
    Refusal.EXPIRED: t.EXPIRED,
    Refusal.USED: t.USED,
}
NO_STORE = {"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"}
INLINE_TYPES = frozenset({"image/png", "image/jpeg", "image/webp"})


def route(app: BotApp) -> Route:
    """The download route of the bot's web server."""
    return Route(PATH, _serve(app), methods=["GET", "HEAD"])


def disposition(filename: str, *, inline: bool) -> str:
    """A Content-Disposition naming the file: an ASCII fallback and the real (UTF-8) name
    as RFC 5987 `filename*`."""
    fallback = filename.encode("ascii", "replace").decode().replace("?", "_")
    fallback = fallback.replace('"', "_").replace("\\", "_") or "tep"
    kind = "inline" if inline else "attachment"
    return f"{kind}; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


def _refused(refusal: Refusal) -> Response:
    title, detail = PAGES[refusal]
    page = t.PAGE.format(title=html.escape(title), detail=html.escape(detail))
    return HTMLResponse(page, status_code=STATUS[refusal], headers=NO_STORE)


def _serve(app: BotApp) -> Any:
    async def serve(request: Request) -> Response:
        link_id = str(request.path_params["link_id"])
        token = str(request.path_params["token"])
        now = app.services.clock()
        async with app.sessions() as session:
            if request.method == "HEAD":
                checked = await file_links.check(session, link_id=link_id, token=token, now=now)
                if isinstance(checked, Refusal):
                    return _refused(checked)
                inline = checked.mime_type in INLINE_TYPES
                headers = {"Content-Disposition": disposition(checked.filename, inline=inline)}
                return Response(media_type=checked.mime_type, headers=headers | NO_STORE)
            found = await file_links.take(session, link_id=link_id, token=token, now=now)
            await session.commit()
        if isinstance(found, Refusal):
            log.info("download link refused (%s)", found.value)
            return _refused(found)
        inline = found.mime_type in INLINE_TYPES
        headers = {"Content-Disposition": disposition(found.filename, inline=inline)}
        return Response(found.content, media_type=found.mime_type, headers=headers | NO_STORE)

    return serve
