"""The web chat: a local page where anyone can try the bot as one of the demo people."""

from __future__ import annotations

import base64
from collections.abc import Sequence
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.routing import BaseRoute

from bot.channels.base import Channel, Handle, Limits
from bot.events import Incoming, Kind, Outgoing
from models import webchat

NAME = "webchat"


def incoming(person: str, body: dict[str, Any]) -> Incoming:
    """Describe what the page posted as a channel-neutral message."""
    common: dict[str, Any] = {"channel": NAME, "external_id": person, "chat_id": person}
    if body.get("option"):
        return Incoming(kind=Kind.OPTION, option_token=str(body["option"]), **common)
    if body.get("contact"):
        return Incoming(kind=Kind.CONTACT, contact_phone=str(body["contact"]), **common)
    return Incoming(kind=Kind.TEXT, text=str(body.get("text", ""))[:4096], **common)


def to_payload(message: Outgoing) -> dict[str, Any]:
    """Store a reply as the page will show it (file bytes kept for download)."""
    payload: dict[str, Any] = {
        "text": message.text,
        "options": [{"label": o.label, "token": o.token} for o in message.options],
        "columns": message.columns,
        "ask_contact": message.ask_contact,
    }
    for key, attachment in (("file", message.document), ("image", message.image)):
        if attachment is not None:
            payload[key] = {
                "name": attachment.filename,
                "mime": attachment.mime_type,
                "data": base64.b64encode(attachment.content).decode(),
            }
    return payload


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

    def __init__(self, sessions: async_sessionmaker[AsyncSession], *, handle: Handle) -> None:
        self.sessions = sessions
        self.handle = handle

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

    async def deliver(self, event: Incoming, outgoing: list[Outgoing]) -> None:
        """Append the answer to the person's transcript."""
        async with self.sessions() as session:
            for message in outgoing:
                await webchat.append(
                    session, person=event.chat_id, direction="out", payload=to_payload(message)
                )
            await session.commit()

    async def send(self, chat_id: str, message: Outgoing) -> str:
        """Append one message (a broadcast, a reminder) to a transcript."""
        async with self.sessions() as session:
            row = await webchat.append(
                session, person=chat_id, direction="out", payload=to_payload(message)
            )
            await session.commit()
            return str(row.id)
