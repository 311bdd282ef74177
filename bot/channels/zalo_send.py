"""How a reply goes out on Zalo: text only (options as a numbered list), long text cut at
paragraph, sentence or word boundaries, pictures by public address, and Zalo's error
answers sorted into the sender's failure classes.

Counting: Zalo's documentation limits a text to "1 to 2000 characters" without saying
what a character is. Parts are measured in UTF-16 code units (an emoji counts twice), the
stricter of the two usual readings: Zalo's servers are Java (its webhook check names a
Java User-Agent), where a string's length is counted that way, and a part within 2000
UTF-16 units is also within 2000 code points. Vietnamese letters, once in NFC form (the
text is normalised first), count one each, so ordinary text loses nothing.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from bot import timefmt
from bot.channels.base import (
    PermanentFailure,
    RateLimited,
    SendFailure,
    TemporaryFailure,
    Unreachable,
    numbered,
)
from bot.channels.splitting import split_message, utf16_units
from bot.channels.zalo_api import ZaloApiError
from bot.events import Outgoing
from bot.texts import zalo as t

TEXT_LIMIT = 2000
PHOTO_URL = "photo_url"
"""`Outgoing.extra` key of a picture's public address (a signed download link)."""
FILE_NOTE = "file_note"
"""`Outgoing.extra` key of the sentence giving a document's signed download link."""
RATE_LIMIT_WAIT = 10.0
"""Seconds to wait after a 429 when Zalo does not say how long (it publishes no limits)."""

QUOTA_EXCEEDED = 429
FORBIDDEN = 403
REQUEST_TIMEOUT = 408


@dataclass(frozen=True)
class Piece:
    """One Zalo message to send: a text, or a picture with an optional caption."""

    text: str
    photo_url: str | None = None


def measure(text: str) -> int:
    """A text's length as counted against Zalo's limit (UTF-16 code units)."""
    return utf16_units(text)


def split_text(text: str, limit: int = TEXT_LIMIT) -> list[str]:
    """Cut a text (normalised to NFC) into parts Zalo accepts, in order."""
    return split_message(unicodedata.normalize("NFC", text), limit, measure)


def is_public_url(value: str | None) -> bool:
    """Whether Zalo could fetch a picture from this address."""
    return bool(value) and str(value).startswith(("https://", "http://"))


def file_kind(mime_type: str) -> str:
    """What a file holds, in words, by its MIME type."""
    return t.FILE_KINDS.get(mime_type.split(";")[0].strip().lower(), t.FILE_KIND_OTHER)


def link_note(name: str, mime_type: str, url: str, expires_at: datetime, zone: ZoneInfo) -> str:
    """The sentence giving a document's download link and until when it works."""
    return t.FILE_LINK.format(
        name=name,
        what=file_kind(mime_type),
        url=url,
        time=timefmt.show_time(expires_at, zone),
        date=timefmt.show_date(expires_at, zone),
    )


def render(message: Outgoing) -> list[Piece]:
    """The Zalo messages for one reply, in order.

    A picture with a public address goes as a photo (captioned when the text fits); a
    document with a download link (`FILE_NOTE`) is given by that sentence; any other file
    is named in the text with where to get it instead.
    """
    text = numbered(message)
    photo_url = message.extra.get(PHOTO_URL) if message.image is not None else None
    photo = photo_url if is_public_url(photo_url) else None
    notes: list[str] = []
    if message.image is not None and photo is None:
        notes.append(t.FILE_ELSEWHERE.format(name=message.image.filename))
    if message.document is not None:
        note = message.extra.get(FILE_NOTE)
        notes.append(note or t.FILE_ELSEWHERE.format(name=message.document.filename))
    text = "\n\n".join(part for part in (text, *notes) if part)
    if photo is not None and message.image is not None and not text.strip():
        text = t.PICTURE_LINK.format(name=message.image.filename)
    parts = split_text(text) if text.strip() else []
    if photo is not None:
        if len(parts) == 1:
            return [Piece(parts[0], photo)]
        return [Piece("", photo), *(Piece(part) for part in parts)]
    return [Piece(part) for part in parts] or [Piece(t.EMPTY)]


def photo_as_text(piece: Piece) -> list[str]:
    """A photo Zalo refused, as text parts: its caption, then its address."""
    note = t.PICTURE_AT.format(url=piece.photo_url)
    return split_text("\n\n".join(part for part in (piece.text, note) if part))


def failure(error: ZaloApiError) -> SendFailure:
    """What the sender should do about an error answer to a send."""
    reason = f"{error.code} {error.description}".strip()
    if error.code == QUOTA_EXCEEDED:
        wait = error.retry_after if error.retry_after is not None else RATE_LIMIT_WAIT
        return RateLimited(reason, wait)
    if error.code == FORBIDDEN:
        return Unreachable(reason)
    if error.code == REQUEST_TIMEOUT or error.code >= 500 or error.code < 400:
        return TemporaryFailure(reason)
    return PermanentFailure(reason)
