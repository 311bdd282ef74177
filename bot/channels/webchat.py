"""The web chat: a local page where anyone can try the bot as one of the demo people.

Some demo people see the bot as Zalo shows it (`ZALO_STYLE`): no buttons, options as a
numbered list answered by typing the number or the label, texts cut at Zalo's limit, files
as download links; trainers use them to show what commune staff on Zalo see."""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Sequence
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.routing import BaseRoute

from bot.channels import zalo_send
from bot.channels.base import Channel, Handle, Limits, numbered
from bot.events import (
    Attachment,
    FetchedFile,
    FileTooBig,
    FileUnavailable,
    Incoming,
    Kind,
    Outgoing,
)
from bot.texts import demo as t
from models import webchat

NAME = "webchat"
# The same limits as Telegram: photos up to 10 MB; bots download other files up to 20 MB.
PHOTO_TYPES = frozenset({"image/jpeg", "image/png", "image/webp"})
MAX_PHOTO_BYTES = 10 * 1024 * 1024
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
MAX_NAME = 120
ZALO_STYLE = frozenset({"zalo"})
"""Demo people whose messages look as on Zalo."""
_UNSAFE_NAME = re.compile(r"[\x00-\x1f\x7f/\\]+")


def incoming(person: str, body: dict[str, Any]) -> Incoming:
    """Describe what the page posted as a channel-neutral message."""
    common: dict[str, Any] = {"channel": NAME, "external_id": person, "chat_id": person}
    if body.get("option"):
        return Incoming(kind=Kind.OPTION, option_token=str(body["option"]), **common)
    if body.get("contact"):
        return Incoming(kind=Kind.CONTACT, contact_phone=str(body["contact"]), **common)
    return Incoming(kind=Kind.TEXT, text=str(body.get("text", ""))[:4096], **common)


def clean_filename(name: str | None) -> str:
    """The last part of an uploaded file's name, without control characters or slashes."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = _UNSAFE_NAME.sub("", base).strip()[:MAX_NAME]
    return cleaned or "tep-dinh-kem"


def upload_kind(mime: str, size: int) -> Kind:
    """A photo if Telegram would take it as one, else a document (larger images too)."""
    return Kind.PHOTO if mime in PHOTO_TYPES and size <= MAX_PHOTO_BYTES else Kind.DOCUMENT


def upload_problem(name: str, size: int) -> str | None:
    """Why an upload is refused (in Vietnamese), or None."""
    if size == 0:
        return t.UPLOAD_EMPTY.format(name=name)
    if size > MAX_DOCUMENT_BYTES:
        return too_big(name, size)
    return None


def too_big(name: str, size: int) -> str:
    """The refusal of a file over the limit."""
    megabytes = round(size / 1024 / 1024, 1)
    return t.UPLOAD_TOO_BIG.format(name=name, size=megabytes, limit=MAX_DOCUMENT_BYTES >> 20)


def upload_limits() -> dict[str, Any]:
    """What the page checks before sending a file."""
    return {
        "photo_types": sorted(PHOTO_TYPES),
        "photo_bytes": MAX_PHOTO_BYTES,
        "document_bytes": MAX_DOCUMENT_BYTES,
        "too_big": t.UPLOAD_TOO_BIG,
    }


def to_payload(message: Outgoing) -> dict[str, Any]:
    """Store a reply as the page will show it (file bytes kept for download)."""
    payload: dict[str, Any] = {
        "text": message.text,
        "options": [{"label": o.label, "token": o.token} for o in message.options],
        "columns": message.columns,
        "ask_contact": message.ask_contact,
    }
    _add_files(payload, message)
    return payload


def zalo_payloads(message: Outgoing) -> list[dict[str, Any]]:
    """A reply as Zalo would show it: its options numbered under the text, no buttons, the
    text cut at Zalo's limit, files (as links) with the last part."""
    text = numbered(message)
    parts = zalo_send.split_text(text) if text.strip() else [""]
    payloads: list[dict[str, Any]] = [
        {"text": part, "options": [], "columns": 1, "ask_contact": False, "style": "zalo"}
        for part in parts
    ]
    _add_files(payloads[-1], message)
    return payloads


def payloads_for(person: str, message: Outgoing) -> list[dict[str, Any]]:
    """What one person's transcript keeps for a reply (Zalo-style people see it as Zalo)."""
    return zalo_payloads(message) if person in ZALO_STYLE else [to_payload(message)]


def _add_files(payload: dict[str, Any], message: Outgoing) -> None:
    for key, attachment in (("file", message.document), ("image", message.image)):
        if attachment is not None:
            payload[key] = {
                "name": attachment.filename,
                "mime": attachment.mime_type,
                "data": base64.b64encode(attachment.content).decode(),
            }


def public_payload(row: webchat.WebchatMessage, payload: dict[str, Any]) -> dict[str, Any]:
    """What the page receives: files as links instead of bytes."""
    shown = {key: value for key, value in payload.items() if key not in ("file", "image")}
    for key in ("file", "image"):
        if key in payload:
            shown[key] = {
                "name": payload[key]["name"],
                "url": f"/chat/api/files/{row.id}/{key}",
            }
    shown.update({"id": row.id, "from": "bot" if row.direction == "out" else "me"})
    shown["time"] = row.created_at.isoformat()
    return shown


class WebchatChannel(Channel):
    """Keeps each demo person's transcript in the database; the page polls it."""

    name = NAME
    has_buttons = True
    fetchable_kinds = frozenset({Kind.PHOTO, Kind.DOCUMENT})

    def __init__(self, sessions: async_sessionmaker[AsyncSession], *, handle: Handle) -> None:
        self.sessions = sessions
        self.handle = handle

    def shows_buttons(self, chat_id: str) -> bool:
        """Buttons for everyone but the Zalo-style demo people."""
        return chat_id not in ZALO_STYLE

    @property
    def limits(self) -> Limits:
        """No messenger in between: the outbox sends as fast as the database writes."""
        return Limits(None, None)

    def routes(self) -> Sequence[BaseRoute]:
        """The page at /chat/ and its JSON API."""
        from bot.channels import webchat_page  # the page module uses this one's helpers

        return webchat_page.routes(self)

    async def record_incoming(self, event: Incoming, label: str) -> None:
        """Show what the person sent in their transcript."""
        async with self.sessions() as session:
            await webchat.append(
                session, person=event.external_id, direction="in", payload={"text": label}
            )
            await session.commit()

    async def record_upload(
        self, person: str, *, name: str, mime: str, content: bytes
    ) -> Incoming:
        """Keep a file the person attached in their transcript; describe it as a message
        whose attachment points at that transcript row."""
        kind = upload_kind(mime, len(content))
        key = "image" if kind == Kind.PHOTO else "file"
        item = {"name": name, "mime": mime, "data": base64.b64encode(content).decode()}
        async with self.sessions() as session:
            row = await webchat.append(
                session, person=person, direction="in", payload={"text": "", key: item}
            )
            await session.commit()
        return Incoming(
            channel=NAME,
            external_id=person,
            chat_id=person,
            kind=kind,
            attachment=Attachment(kind, str(row.id), name, mime),
        )

    async def fetch_file(self, attachment: Attachment, *, max_bytes: int) -> FetchedFile:
        """The file a person attached, from their transcript (refused over `max_bytes`)."""
        try:
            message_id = int(attachment.file_id)
        except ValueError:
            raise FileUnavailable(attachment.file_id) from None
        async with self.sessions() as session:
            row = await webchat.file_payload(session, message_id=message_id)
        payload = json.loads(row.payload) if row is not None and row.direction == "in" else {}
        item = payload.get("image") or payload.get("file")
        if not item:
            raise FileUnavailable(attachment.file_id)
        content = base64.b64decode(item["data"])
        if len(content) > max_bytes:
            raise FileTooBig(len(content))
        return FetchedFile(
            content,
            attachment.filename or item.get("name"),
            attachment.mime_type or item.get("mime"),
        )

    async def deliver(self, event: Incoming, outgoing: list[Outgoing]) -> None:
        """Append the answer to the person's transcript."""
        async with self.sessions() as session:
            for message in outgoing:
                for payload in payloads_for(event.chat_id, message):
                    await webchat.append(
                        session, person=event.chat_id, direction="out", payload=payload
                    )
            await session.commit()

    async def send(self, chat_id: str, message: Outgoing) -> str:
        """Append one message (a broadcast, a reminder) to a transcript."""
        async with self.sessions() as session:
            for payload in payloads_for(chat_id, message):
                row = await webchat.append(
                    session, person=chat_id, direction="out", payload=payload
                )
            await session.commit()
            return str(row.id)
