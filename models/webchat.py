"""The transcript of the web chat: what each demo person said and was told."""

import json
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import Field, SQLModel, select

from models.base import session_now, utcnow


class WebchatMessage(SQLModel, table=True):
    """One message shown in the web chat, in either direction."""

    __tablename__ = "webchat_messages"

    id: int | None = Field(default=None, primary_key=True)
    person: str = Field(max_length=64, index=True)
    direction: str = Field(max_length=4)
    payload: str = Field(default="{}")
    created_at: datetime = Field(default_factory=utcnow)


async def append(
    session: AsyncSession, *, person: str, direction: str, payload: dict[str, Any]
) -> WebchatMessage:
    """Add one message to a person's web chat transcript."""
    row = WebchatMessage(
        person=person,
        direction=direction,
        payload=json.dumps(payload, ensure_ascii=False),
        created_at=session_now(session),
    )
    session.add(row)
    await session.flush()
    return row


async def since(
    session: AsyncSession, *, person: str, after_id: int, limit: int = 200
) -> list[WebchatMessage]:
    """List a person's messages newer than `after_id`, oldest first."""
    result = await session.execute(
        select(WebchatMessage)
        .where(WebchatMessage.person == person, WebchatMessage.id > after_id)  # type: ignore[operator]
        .order_by(WebchatMessage.id)  # type: ignore[arg-type]
        .limit(limit)
    )
    return list(result.scalars())


async def file_payload(session: AsyncSession, *, message_id: int) -> WebchatMessage | None:
    """Load one message (used to serve its file)."""
    return await session.get(WebchatMessage, message_id)
