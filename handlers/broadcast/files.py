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


def _bot_of(ctx: Context) -> Any:
    sender = ctx.services.extras.get("sender")
    channels = getattr(sender, "channels", {})
    channel = channels.get(ctx.event.channel)
    return getattr(channel, "bot", None)


def can_fetch(ctx: Context) -> bool:
    """Tell whether the person's channel lets the bot download what they send."""
    return _bot_of(ctx) is not None


async def fetch(ctx: Context, attachment: Attachment) -> tuple[bytes, str, str]:
    """Download an attachment: its bytes, a file name and a MIME type."""
    bot = _bot_of(ctx)
    if bot is None:
        raise LookupError("this channel cannot download files")
    remote = await bot.get_file(attachment.file_id)
    size = int(getattr(remote, "file_size", 0) or 0)
    if size > MAX_BYTES:
        raise FileTooBig(size)
    content = bytes(await remote.download_as_bytearray())
    if len(content) > MAX_BYTES:
        raise FileTooBig(len(content))
    if attachment.kind == Kind.PHOTO:
        return content, attachment.filename or "anh.jpg", attachment.mime_type or "image/jpeg"
    name = attachment.filename or "tep-dinh-kem"
    return content, name, attachment.mime_type or "application/octet-stream"
