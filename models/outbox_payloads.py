"""Message bodies of the outbox: a `Reply` serialised once (text, buttons as label/value,
columns, document/image bytes) and shared by every row that sends it."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import Field, SQLModel, col, select

from bot.events import Option, OutFile, Reply
from models.base import session_now, utcnow

PAYLOAD_CHUNK = 200  # rows per INSERT: 5 parameters each, far below SQLite's limit


class OutboxPayload(SQLModel, table=True):
    """One message body (text, buttons, file) shared by every row that sends it."""

    __tablename__ = "outbox_payloads"

    id: int | None = Field(default=None, primary_key=True)
    digest: str = Field(max_length=64, unique=True)
    body: str = Field(default="{}")
    document: bytes | None = None
    image: bytes | None = None
    created_at: datetime = Field(default_factory=utcnow, index=True)
    """When the body was last stored (a reuse renews it, so retention keeps it)."""


def _file_meta(attachment: OutFile | None) -> dict[str, str] | None:
    if attachment is None:
        return None
    return {"filename": attachment.filename, "mime_type": attachment.mime_type}


def serialise(reply: Reply) -> tuple[str, bytes | None, bytes | None]:
    """The JSON body of a reply, and its document and image bytes."""
    body = {
        "text": reply.text,
        "options": [[option.label, option.value] for option in reply.options],
        "columns": reply.columns,
        "ask_contact": reply.ask_contact,
        "scope": reply.scope,
        "document": _file_meta(reply.document),
        "image": _file_meta(reply.image),
    }
    document = reply.document.content if reply.document else None
    image = reply.image.content if reply.image else None
    return json.dumps(body, ensure_ascii=False, sort_keys=True), document, image


def deserialise(body: str, document: bytes | None, image: bytes | None) -> Reply:
    """Rebuild the reply a payload row keeps."""
    data: dict[str, Any] = json.loads(body)

    def out_file(meta: dict[str, str] | None, content: bytes | None) -> OutFile | None:
        if meta is None or content is None:
            return None
        return OutFile(filename=meta["filename"], content=content, mime_type=meta["mime_type"])

    return Reply(
        text=data.get("text", ""),
        options=tuple(Option(label, value) for label, value in data.get("options", [])),
        columns=int(data.get("columns", 1)),
        document=out_file(data.get("document"), document),
        image=out_file(data.get("image"), image),
        ask_contact=bool(data.get("ask_contact", False)),
        scope=data.get("scope"),
    )


def _digest(body: str, document: bytes | None, image: bytes | None) -> str:
    hasher = hashlib.sha256(body.encode())
    for content in (document, image):
        hasher.update(b"\x00" + hashlib.sha256(content or b"").digest())
    return hasher.hexdigest()


def insert_for(session: AsyncSession, table: Any) -> Any:
    """An INSERT that can skip conflicting rows, in the session's SQL dialect."""
    name = session.get_bind().dialect.name
    return postgresql.insert(table) if name == "postgresql" else sqlite.insert(table)


async def store_payload(session: AsyncSession, *, reply: Reply) -> int:
    """Keep a message body once (the same content reuses its row, renewing its date so the
    retention sweep leaves it); return its id."""
    body, document, image = serialise(reply)
    digest = _digest(body, document, image)
    made = session_now(session)
    statement = (
        insert_for(session, OutboxPayload)
        .values(digest=digest, body=body, document=document, image=image, created_at=made)
        .on_conflict_do_update(index_elements=["digest"], set_={"created_at": made})
    )
    await session.execute(statement)
    result = await session.execute(select(OutboxPayload.id).where(OutboxPayload.digest == digest))
    payload_id = result.scalar_one()
    assert payload_id is not None
    return payload_id


async def store_payloads(session: AsyncSession, *, replies: Sequence[Reply]) -> list[int]:
    """Keep many message bodies at once (as `store_payload` does, in one statement per
    chunk); return their ids in the order given."""
    made = session_now(session)
    rows: dict[str, dict[str, Any]] = {}
    digests = []
    for reply in replies:
        body, document, image = serialise(reply)
        digest = _digest(body, document, image)
        digests.append(digest)
        rows[digest] = {
            "digest": digest,
            "body": body,
            "document": document,
            "image": image,
            "created_at": made,
        }
    ids: dict[str, int] = {}
    values = list(rows.values())
    for start in range(0, len(values), PAYLOAD_CHUNK):
        statement = (
            insert_for(session, OutboxPayload)
            .values(values[start : start + PAYLOAD_CHUNK])
            .on_conflict_do_update(index_elements=["digest"], set_={"created_at": made})
            .returning(col(OutboxPayload.id), col(OutboxPayload.digest))
        )
        for payload_id, digest in (await session.execute(statement)).all():
            ids[digest] = int(payload_id)
    return [ids[digest] for digest in digests]


async def load_payload(session: AsyncSession, *, payload_id: int) -> Reply:
    """The reply a payload row keeps."""
    row = await session.get(OutboxPayload, payload_id)
    if row is None:
        raise LookupError(f"outbox payload {payload_id} is missing")
    return deserialise(row.body, row.document, row.image)
