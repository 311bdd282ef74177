"""The evidence of a check-in answer: a photo or a document (image, PDF, DOCX, XLSX) a member
sends, fetched through their channel (up to the same 10 MB as announcement files) and kept
with the other uploaded files. Where the channel takes photos only (Zalo), the questions ask
for a photo."""

from __future__ import annotations

import logging
from pathlib import PurePath

from bot.context import Context
from bot.events import Attachment, FileTooBig, FileUnavailable, Kind, NotAnImage
from bot.texts import checkins as t
from handlers.broadcast import files
from models import checkins

log = logging.getLogger(__name__)

MAX_BYTES = files.MAX_BYTES
KINDS = frozenset({Kind.TEXT, Kind.OPTION, Kind.PHOTO, Kind.DOCUMENT})
"""What the evidence step takes: a typed skip or number, a button, a photo, a file."""
SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".webp", ".heic", ".pdf", ".docx", ".xlsx"})
TYPES = frozenset(
    {
        "application/pdf",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }
)


def can_receive(ctx: Context) -> bool:
    """Whether the person's channel lets the bot download a file they send."""
    return files.can_fetch(ctx)


def photos_only(ctx: Context) -> bool:
    """Whether the person's channel lets the bot download photos but no documents."""
    return files.photos_only(ctx)


def accepted(name: str, mime: str) -> bool:
    """Whether a document is of a kind taken as evidence (an image, PDF, DOCX or XLSX), by
    its type or, when the messenger gives none, its name."""
    if mime.startswith("image/") or mime in TYPES:
        return True
    return PurePath(name.lower()).suffix in SUFFIXES


async def receive(ctx: Context, attachment: Attachment) -> tuple[int, str] | str:
    """Download and keep a photo or document sent as evidence: (stored file id, its name), or
    the sentence saying why not."""
    if not files.can_fetch(ctx, attachment.kind):
        return t.EVIDENCE_PHOTO_ONLY if photos_only(ctx) else t.EVIDENCE_FAILED
    shown, declared = attachment.filename or "", attachment.mime_type or ""
    document = attachment.kind == Kind.DOCUMENT
    if document and (shown or declared) and not accepted(shown, declared):
        return t.EVIDENCE_TYPE.format(name=shown or declared)
    photo_only = photos_only(ctx)
    try:
        content, name, mime = await files.fetch(ctx, attachment)
    except FileTooBig as error:
        if photo_only:
            return t.EVIDENCE_PHOTO_TOO_BIG.format(limit=MAX_BYTES >> 20)
        size = round(error.size / 1024 / 1024, 1)
        return t.EVIDENCE_TOO_BIG.format(size=size, limit=MAX_BYTES >> 20)
    except NotAnImage:
        return t.EVIDENCE_NOT_IMAGE
    except FileUnavailable:
        return t.EVIDENCE_PHOTO_FAILED if photo_only else t.EVIDENCE_FAILED
    except Exception:
        log.warning("could not fetch an evidence file on %s", ctx.event.channel, exc_info=True)
        return t.EVIDENCE_PHOTO_FAILED if photo_only else t.EVIDENCE_FAILED
    if document and not accepted(name, mime):
        return t.EVIDENCE_TYPE.format(name=name)
    if not content:
        return t.EVIDENCE_EMPTY.format(name=name)
    member = ctx.member
    file_id = await checkins.save_evidence(
        ctx.session,
        kind="photo" if attachment.kind == Kind.PHOTO else "document",
        filename=name,
        mime_type=mime,
        content=content,
        member_id=member.id if member else None,
    )
    return file_id, name
