"""Fetching a photo or document a coordinator sent, so it can go to members of any channel."""

from __future__ import annotations

from bot.context import Context
from bot.events import Attachment, FileTooBig, FileUnavailable, Kind, NotAnImage

__all__ = ["MAX_BYTES", "FileTooBig", "NotAnImage", "can_fetch", "fetch", "photos_only"]

MAX_BYTES = 10 * 1024 * 1024


def can_fetch(ctx: Context, kind: Kind | None = None) -> bool:
    """Tell whether the person's channel lets the bot download what they send: an attachment
    of `kind`, or of any kind (None)."""
    channel = ctx.channel
    return channel is not None and channel.can_fetch(kind)


def photos_only(ctx: Context) -> bool:
    """Tell whether the person's channel lets the bot download photos but not documents."""
    return can_fetch(ctx, Kind.PHOTO) and not can_fetch(ctx, Kind.DOCUMENT)


async def fetch(ctx: Context, attachment: Attachment) -> tuple[bytes, str, str]:
    """Download an attachment from the channel it came from: its bytes, a file name and a
    MIME type (`FileUnavailable` when that channel cannot download this kind)."""
    channel = ctx.channel
    if channel is None or not channel.can_fetch(attachment.kind):
        raise FileUnavailable(ctx.event.channel)
    fetched = await channel.fetch_file(attachment, max_bytes=MAX_BYTES)
    if attachment.kind == Kind.PHOTO:
        return fetched.content, fetched.filename or "anh.jpg", fetched.mime_type or "image/jpeg"
    name = fetched.filename or "tep-dinh-kem"
    return fetched.content, name, fetched.mime_type or "application/octet-stream"
