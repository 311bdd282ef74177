"""Downloading a picture a person sent on Zalo.

Zalo gives the picture's address (`photo_url` of a `message.image.received` update); the bot
fetches it over http(s) with the channel's HTTP client, refuses it over the size cap before
reading it all (by its Content-Length, and while streaming when there is none), gives up
after a time limit, and keeps it only when its first bytes are a picture (JPEG, PNG, GIF,
WebP, BMP). The address may carry an access token in its query: logs show it without.
"""

from __future__ import annotations

import asyncio
import io
from urllib.parse import urlsplit, urlunsplit

import httpx
from PIL import Image

from bot.events import FetchedFile, FileTooBig, FileUnavailable, NotAnImage

DOWNLOAD_TIMEOUT = 30.0
"""Seconds one picture may take to download, from the request to its last byte."""
FORMATS = {
    "JPEG": ("jpg", "image/jpeg"),
    "MPO": ("jpg", "image/jpeg"),  # a JPEG with more than one frame (some phone cameras)
    "PNG": ("png", "image/png"),
    "GIF": ("gif", "image/gif"),
    "WEBP": ("webp", "image/webp"),
    "BMP": ("bmp", "image/bmp"),
}
"""The picture formats kept (Pillow's name → file extension, MIME type)."""
OPENERS = ["JPEG", "PNG", "GIF", "WEBP", "BMP"]
"""The Pillow readers tried (JPEG's also reads MPO)."""
NOT_PICTURES = ("text/", "application/json", "application/xml", "application/javascript")
"""Declared content types that are certainly not a picture (refused before reading)."""


def shown(url: str) -> str:
    """The address as logs may show it: scheme, host and path, without user, query or
    fragment (a token may ride in the query)."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        return "(an unreadable address)"
    return urlunsplit((parts.scheme, host + port, parts.path, "", ""))


def is_web_address(url: str) -> bool:
    """Whether `url` is an http(s) address with a host."""
    try:
        parts = urlsplit(url)
        return parts.scheme in ("http", "https") and bool(parts.hostname)
    except ValueError:
        return False


async def download_image(
    client: httpx.AsyncClient, url: str, *, max_bytes: int, within: float = DOWNLOAD_TIMEOUT
) -> FetchedFile:
    """Download the picture at `url`.

    Raises `FileTooBig` over `max_bytes` (the size declared, or read so far), `NotAnImage`
    when it is not a picture, and `FileUnavailable` when it cannot be had: not an http(s)
    address, an answer other than 200, a network error or the time limit.
    """
    if not is_web_address(url):
        raise FileUnavailable("not an http(s) address")
    try:
        async with asyncio.timeout(within):
            content = await _read(client, url, max_bytes)
    except TimeoutError:
        raise FileUnavailable(f"no answer within {within:g}s") from None
    except httpx.HTTPError as error:
        raise FileUnavailable(type(error).__name__) from None
    extension, mime = identify(content)
    return FetchedFile(content, f"anh.{extension}", mime)


async def _read(client: httpx.AsyncClient, url: str, max_bytes: int) -> bytes:
    async with client.stream("GET", url, follow_redirects=True) as response:
        if response.status_code != httpx.codes.OK:
            raise FileUnavailable(f"HTTP {response.status_code}")
        declared_type = response.headers.get("Content-Type", "").lower()
        if declared_type.startswith(NOT_PICTURES):
            raise NotAnImage(declared_type.split(";", 1)[0])
        declared = _length(response)
        if declared is not None and declared > max_bytes:
            raise FileTooBig(declared)
        content = bytearray()
        async for chunk in response.aiter_bytes():
            content += chunk
            if len(content) > max_bytes:
                raise FileTooBig(len(content))  # at least this big: the rest is not read
        return bytes(content)


def _length(response: httpx.Response) -> int | None:
    value = response.headers.get("Content-Length", "")
    return int(value) if value.isdigit() else None


def identify(content: bytes) -> tuple[str, str]:
    """The file extension and MIME type of a picture, read from its first bytes;
    `NotAnImage` when they are not those of a kept format."""
    try:
        with Image.open(io.BytesIO(content), formats=OPENERS) as image:
            found = image.format
    except Exception:  # Pillow raises several kinds for bytes that are no picture
        raise NotAnImage("not a picture") from None
    if found not in FORMATS:
        raise NotAnImage(str(found))
    return FORMATS[found]
