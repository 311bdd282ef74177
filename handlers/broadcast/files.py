"""Fetching a photo or document a coordinator sent, so it can go to members of any channel."""

from __future__ import annotations

import logging
from typing import Any

from bot.context import Context
from bot.events import Attachment, Kind

log = logging.getLogger(__name__)

MAX_BYTES = 10 * 1024 * 1024


class FileTooBig(Exception):
    """The file is over MAX_BYTES."""

    def __init__(self, size: int) -> None:
        super().__init__(size)
        self.size = size


def _channel_of(ctx: Context) -> Any:
    sender = ctx.services.extras.get("sender")
    channels = getattr(sender, "channels", {})
    return channels.get(ctx.event.channel)


def can_fetch(ctx: Context) -> bool:
    """Tell whether the person's channel lets the bot download what they send."""
    channel = _channel_of(ctx)
    return hasattr(channel, "fetch_file") or getattr(channel, "bot", None) is not None


async def _download(channel: Any, attachment: Attachment) -> bytes:
    fetch_file = getattr(channel, "fetch_file", None)
    if fetch_file is not None:  # the channel keeps the bytes itself (the web chat)
        return bytes(await fetch_file(attachment.file_id))
    bot = getattr(channel, "bot", None)
    if bot is None:
        raise LookupError("this channel cannot download files")
    remote = await bot.get_file(attachment.file_id)
    size = int(getattr(remote, "file_size", 0) or 0)
    if size > MAX_BYTES:
        raise FileTooBig(size)
    return bytes(await remote.download_as_bytearray())


async def fetch(ctx: Context, attachment: Attachment) -> tuple[bytes, str, str]:
    """Download an attachment: its bytes, a file name and a MIME type."""
    content = await _download(_channel_of(ctx), attachment)
    if len(content) > MAX_BYTES:
        raise FileTooBig(len(content))
    if attachment.kind == Kind.PHOTO:
        return content, attachment.filename or "anh.jpg", attachment.mime_type or "image/jpeg"
    name = attachment.filename or "tep-dinh-kem"
    return content, name, attachment.mime_type or "application/octet-stream"
